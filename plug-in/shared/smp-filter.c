/* scalp-micropigmentation: the filter's run, the same in every GIMP.
 *
 * Field, layout, stamps, pixels, with the progress bar, on a drawable and
 * parameters the front end has checked.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-filter.h"

#include <math.h>

#include "smp-parallel.h"

#include "smp-intl.h"
#include "smp-pigment.h"

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
  gdouble start, span; /* this stage's part of the bar */
  gint64  shown;       /* when the bar last moved */
} Stage;

gboolean
smp_fail (SmpOutcome *out, GimpPDBStatusType status, gchar *message)
{
  out->status  = status;
  out->message = message;
  return FALSE;
}

static gchar *
format_value (gdouble value)
{
  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  return g_strdup_printf ("%g", value);
}

gchar *
smp_range_message (const SmpParamDesc *desc, gdouble value)
{
  g_autofree gchar *got  = format_value (value);
  const gchar      *unit = desc->unit[0] ? _ (desc->unit) : "";
  const gchar      *sep  = desc->unit[0] && desc->unit[0] != '%' ? " " : "";

  if (desc->type == SMP_PARAM_COLOR)
    return g_strdup_printf (_ ("%s must have red, green and blue between 0 "
                               "and 1"),
                            desc->name);

  if (desc->zero_is_auto)
    /* TRANSLATORS: "scale must be 0 (automatic) or between 1 and 10000
       px/cm, got 0.5" */
    return g_strdup_printf (_ ("%s must be 0 (automatic) or between %g and "
                               "%g%s%s, got %s"),
                            desc->name, desc->min, desc->max, sep, unit, got);

  /* TRANSLATORS: "density must be between 1 and 400 impressions per cm²,
     got -5" */
  return g_strdup_printf (_ ("%s must be between %g and %g%s%s, got %s"),
                          desc->name, desc->min, desc->max, sep, unit, got);
}

void
smp_filter_init (void)
{
  gint threads = 0;

#if SMP_GIMP == 2
  /* GEGL starts in 0.05 s instead of 0.35 s, and without 330 MB, when it
   * loads only what the filter uses.  Not in GIMP 3: it keeps no cache
   * of conversions, libgimp 3 starts babl before any of this, and it
   * uses GEGL operations itself.
   *
   * babl reads the conversions GIMP 2.10 used last from its cache, and
   * babl 0.1.98 times its 8-bit tables on the first it reads: 256 MB
   * filled, some 0.2 s.  The filter's pixels go through SmpCodec's
   * tables instead, and babl finds a conversion when first asked for it
   * (the dialog's preview).  libgimp 2.10 never stops GEGL, so the cache
   * is neither read nor written.
   *
   * Nor does the filter, or libgimp 2.10, use a GEGL operation: only
   * GEGL's buffers, so the hundred-odd operations' modules (0.1 s) stay
   * unloaded.  A GEGL operation used here one day must drop that line.
   *
   * A user's own settings of either stand.
   */
  g_setenv ("BABL_INHIBIT_CACHE", "1", FALSE);
  g_setenv ("GEGL_PATH", "", FALSE);
#endif
  gegl_init (NULL, NULL);
#if SMP_GIMP == 3
  threads = gimp_get_num_processors ();
#else
  /* libgimp 2.10 has no getter: it hands the preference to GEGL as the
   * plug-in starts.
   */
  g_object_get (gegl_config (), "threads", &threads, NULL);
#endif
  smp_parallel_set_threads ((guint) MAX (threads, 0));
}

/* What is wrong with drawing on this drawable, whatever GIMP it is in. */
gboolean
smp_filter_check_readable (SmpDrawable drawable, SmpOutcome *out)
{
  if (gimp_drawable_is_indexed (drawable))
    return smp_fail (out, GIMP_PDB_CALLING_ERROR,
                     g_strdup (_ ("Indexed images are not supported: convert "
                                  "the image to RGB or grayscale first")));

  if (gimp_item_is_group (SMP_AS_ITEM (drawable)))
    return smp_fail (out, GIMP_PDB_CALLING_ERROR,
                     g_strdup (_ ("A layer group has no pixels of its own: "
                                  "choose a layer inside it")));
  return TRUE;
}

gboolean
smp_filter_check_drawable (SmpDrawable drawable, SmpOutcome *out)
{
  if (! smp_filter_check_readable (drawable, out))
    return FALSE;

  if (gimp_item_get_lock_content (SMP_AS_ITEM (drawable)))
    return smp_fail (out, GIMP_PDB_EXECUTION_ERROR,
                     g_strdup (_ ("The drawable's pixels are locked: unlock "
                                  "them first")));

  return TRUE;
}

gboolean
smp_filter_check_output (SmpDrawable drawable, const SmpParams *params,
                         SmpOutcome *out)
{
  if (params->output != SMP_OUTPUT_DRAWABLE
      && ! gimp_item_is_layer (SMP_AS_ITEM (drawable)))
    return smp_fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup (_ ("output 1 and 2 add layers above a layer; for a "
                     "channel or a layer mask use output 0")));

  return TRUE;
}

gdouble
smp_filter_resolution_scale (SmpImage image)
{
  gdouble xres, yres;

  gimp_image_get_resolution (image, &xres, &yres);
  return (xres + yres) / 2.0 / 2.54;
}

/* Pixels per cm: as given, or from the image's resolution. */
gdouble
smp_filter_scale (SmpImage image, const SmpParams *params)
{
  return params->scale > 0.0 ? params->scale
                             : smp_filter_resolution_scale (image);
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
can_place (const SmpTarget *target, const SmpParams *params, SmpOutcome *out)
{
  const gdouble most = params->density * target->w * target->h
                       / (params->scale * params->scale);

  if (! smp_layout_params_ok (params))
    return smp_fail (
        out, GIMP_PDB_EXECUTION_ERROR,
        g_strdup_printf (_ ("The image's resolution gives %.3g pixels "
                            "per cm, fewer than 1: set the scale"),
                         params->scale));

  if (most > SMP_MAX_IMPRESSIONS)
    return smp_fail (
        out, GIMP_PDB_EXECUTION_ERROR,
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
static SmpLayer
filter (const SmpTarget *target, const SmpParams *params, SmpDialogWork *work,
        SmpOutcome *out)
{
  Stage      stage = { 0.0, PROGRESS_FIELD, 0 };
  SmpStamps *stamps;
  SmpLayer   layer;

  if (! can_place (target, params, out))
    return SMP_NO_LAYER;

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
      smp_fail (
          out, GIMP_PDB_EXECUTION_ERROR,
          g_strdup_printf (_ ("More than %d impressions: lower the density "
                              "or the scale"),
                           SMP_MAX_IMPRESSIONS));
      return SMP_NO_LAYER;
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
/* Draws on a checked drawable with checked parameters. */
SmpLayer
smp_filter_apply (SmpImage image, SmpDrawable drawable, const SmpParams *params,
                  SmpDialogWork *work, SmpOutcome *out)
{
  SmpTarget target;
  SmpLayer  layer = SMP_NO_LAYER;

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

      resolved.scale = smp_filter_scale (image, params);
      layer          = filter (&target, &resolved, work, out);
    }
  smp_target_clear (&target);
  return layer;
}

gboolean
smp_filter_hair (SmpImage image, SmpDrawable drawable, SmpHair *hair,
                 SmpOutcome *out)
{
  SmpTarget target;
  gfloat    rgb[3];

  if (! smp_filter_check_readable (drawable, out))
    return FALSE;

  hair->pigment   = smp_params_lookup ("pigment")->def_color;
  hair->share     = 0.0;
  hair->lightness = -1.0;
  if (smp_target_init (&target, image, drawable))
    {
      SmpField *field = smp_pixels_read_field (&target, NULL, NULL);

      if (smp_field_hair_tone (field, &hair->share, rgb))
        {
          hair->pigment   = smp_pigment_for_hair (rgb);
          hair->lightness = smp_pigment_lightness (rgb);
        }
      smp_field_free (field);
    }
  smp_target_clear (&target);
  return TRUE;
}
