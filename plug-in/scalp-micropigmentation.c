/* scalp-micropigmentation: a GIMP 2.10 filter that stipples scalp
 * micropigmentation impressions over the selected part of a photo.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation; either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libgimp/gimp.h>

#include "smp-calibrate.h"
#include "smp-dialog.h"
#include "smp-intl.h"
#include "smp-pdb.h"
#include "smp-pixels.h"
#include "smp-plugin.h"
#include "smp-sheet.h"

/* Share of the progress bar each stage takes. */
#define PROGRESS_FIELD 0.25
#define PROGRESS_LAYOUT 0.25
#define PROGRESS_RENDER 0.50

/* Each move of the bar is a round trip to GIMP, of a fifth of a
 * millisecond or so: the bar moves at most this often, in microseconds.
 */
#define PROGRESS_INTERVAL 40000

typedef struct
{
  GimpPDBStatusType status;
  gchar            *message; /* translated, for the caller */
} Outcome;

typedef struct
{
  gdouble start, span; /* this stage's part of the bar */
  gint64  shown;       /* when the bar last moved */
} Stage;

static void query (void);
static void run (const gchar *name, gint n_params, const GimpParam *param,
                 gint *n_return_vals, GimpParam **return_vals);

static gboolean fail (Outcome *out, GimpPDBStatusType status, gchar *message);
static gboolean check_drawable (gint32 image, gint32 drawable, Outcome *out);
static gboolean still_there (gint32 image, gint32 drawable, Outcome *out);
static gboolean check_output (gint32 drawable, const SmpParams *params,
                              Outcome *out);
static gboolean get_params (GimpRunMode run_mode, gint32 image, gint32 drawable,
                            const GimpParam *param, gint n_params,
                            SmpParams *params, SmpDialogWork *work,
                            Outcome *out);
static gdouble  resolve_scale (gint32 image, const SmpParams *params);
static gint32   filter (const SmpTarget *target, const SmpParams *params,
                        SmpDialogWork *work, Outcome *out);
static gboolean report_stage (gdouble fraction, gpointer data);

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()

static void
query (void)
{
  static const GimpParamDef return_vals[]
      = { { GIMP_PDB_LAYER, "layer",
            "The new layer for output 1, the topmost session layer for "
            "output 2, -1 for output 0" } };
  gint              n_args;
  GimpParamDef     *args     = smp_pdb_args (&n_args);
  g_autofree gchar *help_uri = NULL;

  gimp_plugin_domain_register (GETTEXT_PACKAGE, smp_intl_localedir ());
  help_uri = g_filename_to_uri (smp_intl_helpdir (), NULL, NULL);
  if (help_uri)
    gimp_plugin_help_register (HELP_DOMAIN, help_uri);

  gimp_install_procedure (
      PLUG_IN_PROC, N_ ("Stipple scalp micropigmentation over the selection"),
      "Places thousands of tiny, soft pigment impressions over the selected "
      "bald or thinning region, the way a scalp micropigmentation "
      "practitioner does: evenly but irregularly spread, varied in size and "
      "tone, darkening the skin beneath so its shading still shows, fading "
      "in at the selection's edge and sparing existing hair.  Density and "
      "sizes are physical (per cm², mm) through the scale argument.",
      "The scalp-micropigmentation authors",
      "GPL-3.0-or-later, the scalp-micropigmentation authors", "2026",
      N_ ("Scalp _Micropigmentation..."), "RGB*, GRAY*", GIMP_PLUGIN, n_args,
      G_N_ELEMENTS (return_vals), args, return_vals);

  gimp_plugin_menu_register (PLUG_IN_PROC, "<Image>/Filters/Render");
  smp_pdb_free_args (args, n_args);

  smp_calibrate_query ();
  smp_sheet_query ();
}

/* A procedure's answer: the status, then its result, or the reason it
 * failed, which GIMP shows and scripts receive.
 */
static void
answer (const Outcome *out, GimpParam result, gint *n_return_vals,
        GimpParam **return_vals)
{
  static GimpParam values[2];

  *return_vals            = values;
  *n_return_vals          = 1;
  values[0].type          = GIMP_PDB_STATUS;
  values[0].data.d_status = out->status;

  if (out->status == GIMP_PDB_SUCCESS)
    {
      *n_return_vals = 2;
      values[1]      = result;
    }
  else if (out->message)
    {
      *n_return_vals          = 2;
      values[1].type          = GIMP_PDB_STRING;
      values[1].data.d_string = out->message;
    }
}

/* Draws on a checked drawable with checked parameters. */
static gint32
apply (gint32 image, gint32 drawable, const SmpParams *params,
       SmpDialogWork *work, Outcome *out)
{
  SmpTarget target;
  gint32    layer = -1;

  if (! smp_target_init (&target, image, drawable))
    {
      /* Nothing selected on this drawable: nothing to do, and no reason
       * to stop a script over it.
       */
      gimp_message (_ ("The selection does not touch the drawable; "
                       "nothing was changed."));
    }
  else
    {
      /* The user's values stay as set (scale 0 = automatic). */
      SmpParams resolved = *params;

      resolved.scale = resolve_scale (image, params);
      layer          = filter (&target, &resolved, work, out);
    }
  smp_target_clear (&target);
  return layer;
}

/* plug-in-scalp-micropigmentation-calibrate: run-mode, image, length. */
static void
run_calibrate (gint n_params, const GimpParam *param, gint *n_return_vals,
               GimpParam **return_vals)
{
  Outcome   out    = { GIMP_PDB_SUCCESS, NULL };
  GimpParam result = { .type = GIMP_PDB_FLOAT };

  if (n_params == 3)
    result.data.d_float
        = smp_calibrate (param[1].data.d_image, param[0].data.d_int32,
                         param[2].data.d_float, &out.status, &out.message);
  else
    fail (&out, GIMP_PDB_CALLING_ERROR,
          g_strdup_printf (_ ("The procedure takes %d arguments, got %d"), 3,
                           n_params));

  answer (&out, result, n_return_vals, return_vals);
}

/* plug-in-scalp-micropigmentation-sheet: run-mode, image, panels, crop,
 * label.
 */
static void
run_sheet (gint n_params, const GimpParam *param, gint *n_return_vals,
           GimpParam **return_vals)
{
  Outcome   out    = { GIMP_PDB_SUCCESS, NULL };
  GimpParam result = { .type = GIMP_PDB_IMAGE, .data.d_image = -1 };

  if (n_params == 5)
    {
      const SmpSheetOptions options
          = { param[2].data.d_int32, param[3].data.d_int32,
              param[4].data.d_string };

      result.data.d_image
          = smp_sheet_run (param[1].data.d_image, param[0].data.d_int32,
                           &options, &out.status, &out.message);
    }
  else
    fail (&out, GIMP_PDB_CALLING_ERROR,
          g_strdup_printf (_ ("The procedure takes %d arguments, got %d"), 5,
                           n_params));

  answer (&out, result, n_return_vals, return_vals);
}

/* The consultation sheet the dialog asked for, with the default panels,
 * shown; a failure is said, and leaves the treatment done.
 */
static void
make_sheet (gint32 image)
{
  const SmpSheetOptions options
      = { smp_sheet_default_panels (image), SMP_SHEET_WHOLE, NULL };
  GimpPDBStatusType status;
  g_autofree gchar *message = NULL;
  const gint32 sheet = smp_sheet_run (image, GIMP_RUN_NONINTERACTIVE, &options,
                                      &status, &message);

  if (sheet < 0)
    gimp_message (message);
  else
    {
      gimp_display_new (sheet);
      gimp_displays_flush ();
    }
}

static void
run (const gchar *name, gint n_params, const GimpParam *param,
     gint *n_return_vals, GimpParam **return_vals)
{
  Outcome       out      = { GIMP_PDB_SUCCESS, NULL };
  SmpDialogWork work     = { NULL, NULL, { 0 }, FALSE, FALSE };
  GimpRunMode   run_mode = GIMP_RUN_NONINTERACTIVE;
  SmpParams     params;
  gint32        image = -1, drawable = -1, layer = -1;

  smp_intl_init ();
  if (g_str_equal (name, CALIBRATE_PROC))
    {
      run_calibrate (n_params, param, n_return_vals, return_vals);
      return;
    }
  gegl_init (NULL, NULL);
  if (g_str_equal (name, SHEET_PROC))
    {
      run_sheet (n_params, param, n_return_vals, return_vals);
      return;
    }

  if (n_params >= SMP_PDB_FIRST_PARAM)
    {
      run_mode = param[0].data.d_int32;
      image    = param[1].data.d_image;
      drawable = param[2].data.d_drawable;
    }
  else
    {
      fail (&out, GIMP_PDB_CALLING_ERROR,
            g_strdup (_ ("The procedure needs run-mode, image and drawable")));
    }

  if (out.status == GIMP_PDB_SUCCESS && check_drawable (image, drawable, &out)
      && get_params (run_mode, image, drawable, param, n_params, &params, &work,
                     &out)
      && still_there (image, drawable, &out)
      && check_output (drawable, &params, &out))
    {
      layer = apply (image, drawable, &params, &work, &out);
      if (out.status == GIMP_PDB_SUCCESS)
        {
          if (run_mode != GIMP_RUN_NONINTERACTIVE)
            gimp_displays_flush ();
          if (run_mode == GIMP_RUN_INTERACTIVE)
            smp_pdb_save_last (&params);
          if (work.sheet && layer != -1)
            make_sheet (image);
        }
    }
  smp_layout_free (work.layout);
  smp_field_free (work.field);

  answer (&out, (GimpParam){ .type = GIMP_PDB_LAYER, .data.d_layer = layer },
          n_return_vals, return_vals);
}

static gboolean
fail (Outcome *out, GimpPDBStatusType status, gchar *message)
{
  out->status  = status;
  out->message = message;
  return FALSE;
}

static gboolean
check_drawable (gint32 image, gint32 drawable, Outcome *out)
{
  if (! gimp_image_is_valid (image))
    return fail (out, GIMP_PDB_CALLING_ERROR,
                 g_strdup_printf (_ ("image %d is not an open image"), image));

  if (! gimp_item_is_valid (drawable) || ! gimp_item_is_drawable (drawable))
    return fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("drawable %d is not a drawable"), drawable));

  if (gimp_item_get_image (drawable) != image)
    return fail (out, GIMP_PDB_CALLING_ERROR,
                 g_strdup_printf (_ ("drawable %d does not belong to image %d"),
                                  drawable, image));

  if (gimp_drawable_is_indexed (drawable))
    return fail (out, GIMP_PDB_CALLING_ERROR,
                 g_strdup (_ ("Indexed images are not supported: convert the "
                              "image to RGB or grayscale first")));

  if (gimp_item_is_group (drawable))
    return fail (out, GIMP_PDB_CALLING_ERROR,
                 g_strdup (_ ("A layer group has no pixels of its own: choose "
                              "a layer inside it")));

  if (gimp_item_get_lock_content (drawable))
    return fail (out, GIMP_PDB_EXECUTION_ERROR,
                 g_strdup (_ ("The drawable's pixels are locked: unlock them "
                              "first")));

  return TRUE;
}

/* The image can be closed, or the layer deleted, while the dialog is
 * open; nothing is left to draw on then.
 */
static gboolean
still_there (gint32 image, gint32 drawable, Outcome *out)
{
  if (gimp_image_is_valid (image) && gimp_item_is_valid (drawable))
    return TRUE;

  return fail (out, GIMP_PDB_EXECUTION_ERROR,
               g_strdup (_ ("The image was closed while the dialog was "
                            "open; nothing was changed.")));
}

static gboolean
check_output (gint32 drawable, const SmpParams *params, Outcome *out)
{
  if (params->output != SMP_OUTPUT_DRAWABLE && ! gimp_item_is_layer (drawable))
    return fail (out, GIMP_PDB_CALLING_ERROR,
                 g_strdup (_ ("output 1 and 2 add layers above a layer; for a "
                              "channel or a layer mask use output 0")));

  return TRUE;
}

/* An image the filter already treated: its dialog starts from that
 * treatment, the topmost layer's, so that a consultation can be refined
 * days later without typing anything again.
 */
static void
start_from_treatment (gint32 image, SmpParams *params)
{
  gint               n;
  g_autofree gint32 *layers = smp_pixels_treatment_layers (image, &n);

  if (n > 0)
    smp_pixels_read_treatment (layers[0], params);
}

static gboolean
get_params (GimpRunMode run_mode, gint32 image, gint32 drawable,
            const GimpParam *param, gint n_params, SmpParams *params,
            SmpDialogWork *work, Outcome *out)
{
  gchar *message;

  switch (run_mode)
    {
    case GIMP_RUN_NONINTERACTIVE:
      message = smp_pdb_read (param, n_params, params);
      if (message)
        return fail (out, GIMP_PDB_CALLING_ERROR, message);
      break;

    case GIMP_RUN_INTERACTIVE:
      if (! smp_pdb_load_last (params))
        smp_params_defaults (params);
      start_from_treatment (image, params);
      if (! smp_dialog_run (image, drawable, params, work))
        return fail (out, GIMP_PDB_CANCEL, NULL);
      break;

    case GIMP_RUN_WITH_LAST_VALS:
      if (! smp_pdb_load_last (params))
        smp_params_defaults (params);
      break;

    default:
      return fail (
          out, GIMP_PDB_CALLING_ERROR,
          g_strdup_printf (_ ("run-mode must be 0, 1 or 2, got %d"), run_mode));
    }

  return TRUE;
}

/* Pixels per cm: as given, or from the image's resolution. */
static gdouble
resolve_scale (gint32 image, const SmpParams *params)
{
  gdouble xres, yres;

  if (params->scale > 0.0)
    return params->scale;

  gimp_image_get_resolution (image, &xres, &yres);
  return (xres + yres) / 2.0 / 2.54;
}

static gboolean
report_stage (gdouble fraction, gpointer data)
{
  Stage       *stage = data;
  const gint64 now   = g_get_monotonic_time ();

  if (now - stage->shown >= PROGRESS_INTERVAL)
    {
      stage->shown = now;
      gimp_progress_update (stage->start
                            + stage->span * CLAMP (fraction, 0, 1));
    }
  return TRUE;
}

/* The arguments were checked: only an automatic scale can be off, and
 * what no memory could hold is refused before reading a pixel.
 */
static gboolean
can_place (const SmpTarget *target, const SmpParams *params, Outcome *out)
{
  const gdouble most = params->density * target->w * target->h
                       / (params->scale * params->scale);

  if (! smp_layout_params_ok (params))
    return fail (out, GIMP_PDB_EXECUTION_ERROR,
                 g_strdup_printf (_ ("The image's resolution gives %.3g pixels "
                                     "per cm, fewer than 1: set the scale"),
                                  params->scale));

  if (most > SMP_MAX_IMPRESSIONS)
    return fail (out, GIMP_PDB_EXECUTION_ERROR,
                 g_strdup_printf (_ ("This would place about %.3g impressions, "
                                     "more than the %d the filter can place at "
                                     "once: lower the density or the scale, or "
                                     "select a smaller region"),
                                  most, SMP_MAX_IMPRESSIONS));
  return TRUE;
}

/* Field, layout, stamps, pixels: the filter proper, on valid input.
 * What the dialog left in work is used, and what is missing is added.
 */
static gint32
filter (const SmpTarget *target, const SmpParams *params, SmpDialogWork *work,
        Outcome *out)
{
  Stage      stage = { 0.0, PROGRESS_FIELD, 0 };
  SmpStamps *stamps;
  gint32     layer;

  if (! can_place (target, params, out))
    return -1;

  gimp_progress_init (_ ("Scalp micropigmentation"));

  if (! work->field)
    work->field = smp_pixels_read_field (target, report_stage, &stage);
  if (work->layout && ! smp_layout_same_placement (&work->placement, params))
    g_clear_pointer (&work->layout, smp_layout_free);

  stage.start = PROGRESS_FIELD;
  stage.span  = PROGRESS_LAYOUT;
  if (! work->layout
      && smp_layout_new (work->field, params, report_stage, &stage,
                         &work->layout)
             != SMP_LAYOUT_OK)
    {
      fail (out, GIMP_PDB_EXECUTION_ERROR,
            g_strdup_printf (_ ("More than %d impressions: lower the density "
                                "or the scale"),
                             SMP_MAX_IMPRESSIONS));
      return -1;
    }

  stamps      = smp_stamps_new (work->layout, work->field, params);
  stage.start = PROGRESS_FIELD + PROGRESS_LAYOUT;
  stage.span  = PROGRESS_RENDER;
  layer = smp_pixels_apply (target, params, stamps, work->replace, report_stage,
                            &stage);
  gimp_progress_update (1.0);

  smp_stamps_free (stamps);
  return layer;
}
