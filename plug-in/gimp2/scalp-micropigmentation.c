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
#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-pdb.h"
#include "smp-pixels.h"
#include "smp-plugin.h"
#include "smp-sheet-pdb.h"
#include "smp-treatment.h"

static void query (void);
static void run (const gchar *name, gint n_params, const GimpParam *param,
                 gint *n_return_vals, GimpParam **return_vals);

static gboolean check_drawable (gint32 image, gint32 drawable, SmpOutcome *out);
static gboolean still_there (gint32 image, gint32 drawable, SmpOutcome *out);
static gboolean get_params (GimpRunMode run_mode, gint32 image, gint32 drawable,
                            const GimpParam *param, gint n_params,
                            SmpParams *params, SmpDialogWork *work,
                            SmpOutcome *out);

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()

/* plug-in-scalp-micropigmentation-pigment-from-hair, for scripts: what
 * the dialog's From Hair takes.
 */
static void
hair_query (void)
{
  static const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode",
      "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }" },
    { GIMP_PDB_IMAGE, "image", "Input image" },
    { GIMP_PDB_DRAWABLE, "drawable", "Input drawable" },
  };
  static const GimpParamDef return_vals[] = {
    { GIMP_PDB_COLOR, "pigment", "The pigment for the hair found" },
    { GIMP_PDB_FLOAT, "hair-share",
      "Share of the selection hair covers, 0 to 1" },
    { GIMP_PDB_FLOAT, "hair-lightness",
      "The hair's lightness, L* 0 to 100; -1 where too little was found" },
  };

  gimp_install_procedure (
      HAIR_PROC, N_ ("The pigment shade for the hair in the selection"),
      SMP_HAIR_HELP, SMP_AUTHORS, SMP_COPYRIGHT, SMP_DATE, NULL, "RGB*, GRAY*",
      GIMP_PLUGIN, G_N_ELEMENTS (args), G_N_ELEMENTS (return_vals), args,
      return_vals);
}

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
      SMP_FILTER_HELP, SMP_AUTHORS, SMP_COPYRIGHT, SMP_DATE,
      N_ ("Scalp _Micropigmentation..."), "RGB*, GRAY*", GIMP_PLUGIN, n_args,
      G_N_ELEMENTS (return_vals), args, return_vals);

  gimp_plugin_menu_register (PLUG_IN_PROC, "<Image>/Filters/Render");
  smp_pdb_free_args (args, n_args);

  smp_calibrate_query ();
  smp_sheet_query ();
  hair_query ();
}

/* A procedure's answer: the status, then its n results, or the reason
 * it failed, which GIMP shows and scripts receive.
 */
#define MAX_RESULTS 3

static void
answer_n (const SmpOutcome *out, const GimpParam *results, gint n,
          gint *n_return_vals, GimpParam **return_vals)
{
  static GimpParam values[1 + MAX_RESULTS];

  g_assert (n <= MAX_RESULTS);
  *return_vals            = values;
  *n_return_vals          = 1;
  values[0].type          = GIMP_PDB_STATUS;
  values[0].data.d_status = out->status;

  if (out->status == GIMP_PDB_SUCCESS)
    {
      *n_return_vals = 1 + n;
      for (gint i = 0; i < n; i++)
        values[1 + i] = results[i];
    }
  else if (out->message)
    {
      *n_return_vals          = 2;
      values[1].type          = GIMP_PDB_STRING;
      values[1].data.d_string = out->message;
    }
}

/* The answer of a procedure with one result. */
static void
answer (const SmpOutcome *out, GimpParam result, gint *n_return_vals,
        GimpParam **return_vals)
{
  answer_n (out, &result, 1, n_return_vals, return_vals);
}

/* plug-in-scalp-micropigmentation-pigment-from-hair: run-mode, image,
 * drawable.
 */
static void
run_hair (gint n_params, const GimpParam *param, gint *n_return_vals,
          GimpParam **return_vals)
{
  SmpOutcome out = { GIMP_PDB_SUCCESS, NULL };
  SmpHair    hair;
  GimpParam  results[3] = { { .type = GIMP_PDB_COLOR },
                            { .type = GIMP_PDB_FLOAT },
                            { .type = GIMP_PDB_FLOAT } };

  if (n_params != 3)
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup_printf (_ ("The procedure takes %d arguments, got %d"),
                               3, n_params));
  else if (smp_filter_hair (param[1].data.d_image, param[2].data.d_drawable,
                            &hair, &out))
    {
      gimp_rgba_set (&results[0].data.d_color, hair.pigment.r, hair.pigment.g,
                     hair.pigment.b, 1.0);
      results[1].data.d_float = hair.share;
      results[2].data.d_float = hair.lightness;
    }

  answer_n (&out, results, G_N_ELEMENTS (results), n_return_vals, return_vals);
}

/* plug-in-scalp-micropigmentation-calibrate: run-mode, image, length. */
static void
run_calibrate (gint n_params, const GimpParam *param, gint *n_return_vals,
               GimpParam **return_vals)
{
  SmpOutcome out    = { GIMP_PDB_SUCCESS, NULL };
  GimpParam  result = { .type = GIMP_PDB_FLOAT };

  if (n_params == 3)
    result.data.d_float
        = smp_calibrate (param[1].data.d_image, param[0].data.d_int32,
                         param[2].data.d_float, &out.status, &out.message);
  else
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup_printf (_ ("The procedure takes %d arguments, got %d"),
                               3, n_params));

  answer (&out, result, n_return_vals, return_vals);
}

/* plug-in-scalp-micropigmentation-sheet: run-mode, image, panels, crop,
 * label.
 */
static void
run_sheet (gint n_params, const GimpParam *param, gint *n_return_vals,
           GimpParam **return_vals)
{
  SmpOutcome out    = { GIMP_PDB_SUCCESS, NULL };
  GimpParam  result = { .type = GIMP_PDB_IMAGE, .data.d_image = -1 };

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
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup_printf (_ ("The procedure takes %d arguments, got %d"),
                               5, n_params));

  answer (&out, result, n_return_vals, return_vals);
}

static void
run (const gchar *name, gint n_params, const GimpParam *param,
     gint *n_return_vals, GimpParam **return_vals)
{
  SmpOutcome    out      = { GIMP_PDB_SUCCESS, NULL };
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
  smp_filter_init ();
  if (g_str_equal (name, SHEET_PROC))
    {
      run_sheet (n_params, param, n_return_vals, return_vals);
      return;
    }
  if (g_str_equal (name, HAIR_PROC))
    {
      run_hair (n_params, param, n_return_vals, return_vals);
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
      smp_fail (
          &out, GIMP_PDB_CALLING_ERROR,
          g_strdup (_ ("The procedure needs run-mode, image and drawable")));
    }

  if (out.status == GIMP_PDB_SUCCESS && check_drawable (image, drawable, &out)
      && get_params (run_mode, image, drawable, param, n_params, &params, &work,
                     &out)
      && still_there (image, drawable, &out)
      && smp_filter_check_output (drawable, &params, &out))
    {
      layer = smp_filter_apply (image, drawable, &params, &work, &out);
      if (out.status == GIMP_PDB_SUCCESS)
        {
          if (run_mode != GIMP_RUN_NONINTERACTIVE)
            gimp_displays_flush ();
          if (run_mode == GIMP_RUN_INTERACTIVE)
            smp_pdb_save_last (&params);
          if (work.sheet && layer != -1)
            smp_sheet_show_default (image);
        }
    }
  smp_layout_free (work.layout);
  smp_field_free (work.field);

  answer (&out, (GimpParam){ .type = GIMP_PDB_LAYER, .data.d_layer = layer },
          n_return_vals, return_vals);
}

static gboolean
check_drawable (gint32 image, gint32 drawable, SmpOutcome *out)
{
  if (! gimp_image_is_valid (image))
    return smp_fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("image %d is not an open image"), image));

  if (! gimp_item_is_valid (drawable) || ! gimp_item_is_drawable (drawable))
    return smp_fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("drawable %d is not a drawable"), drawable));

  if (gimp_item_get_image (drawable) != image)
    return smp_fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("drawable %d does not belong to image %d"),
                         drawable, image));

  return smp_filter_check_drawable (drawable, out);
}

/* The image can be closed, or the layer deleted, while the dialog is
 * open; nothing is left to draw on then.
 */
static gboolean
still_there (gint32 image, gint32 drawable, SmpOutcome *out)
{
  if (gimp_image_is_valid (image) && gimp_item_is_valid (drawable))
    return TRUE;

  return smp_fail (out, GIMP_PDB_EXECUTION_ERROR,
                   g_strdup (_ ("The image was closed while the dialog was "
                                "open; nothing was changed.")));
}

static gboolean
get_params (GimpRunMode run_mode, gint32 image, gint32 drawable,
            const GimpParam *param, gint n_params, SmpParams *params,
            SmpDialogWork *work, SmpOutcome *out)
{
  gchar *message;

  switch (run_mode)
    {
    case GIMP_RUN_NONINTERACTIVE:
      message = smp_pdb_read (param, n_params, params);
      if (message)
        return smp_fail (out, GIMP_PDB_CALLING_ERROR, message);
      break;

    case GIMP_RUN_INTERACTIVE:
      /* The defaults for anything not kept. */
      smp_pdb_load_last (params);
      if (! smp_dialog_run (image, drawable, params,
                            smp_treatment_start (image, params), work))
        return smp_fail (out, GIMP_PDB_CANCEL, NULL);
      break;

    case GIMP_RUN_WITH_LAST_VALS:
      smp_pdb_load_last (params);
      break;

    default:
      return smp_fail (
          out, GIMP_PDB_CALLING_ERROR,
          g_strdup_printf (_ ("run-mode must be 0, 1 or 2, got %d"), run_mode));
    }

  return TRUE;
}
