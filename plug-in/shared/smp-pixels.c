/* scalp-micropigmentation: the drawable, and the field read from it.
 *
 * Data flows one way: GIMP's buffers are read strip by strip
 * (smp-strips.c), the engine renders (smp-kernel.c), and the result goes
 * back the same way (smp-outputs.c).  The plug-in holds a few strips at a
 * time, never a copy of the whole drawable, and GEGL's tile cache only the
 * few rows of tiles a pass works on (limit_tile_cache()).
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pixels.h"

#include <string.h>

#include "smp-strips.h"

const Babl *
smp_pixels_format (SmpDrawable drawable, gint *n_color, gint *n_channels)
{
  const gboolean gray  = ! gimp_drawable_is_rgb (drawable);
  const gboolean alpha = gimp_drawable_has_alpha (drawable);

  *n_color    = gray ? 1 : 3;
  *n_channels = *n_color + (alpha ? 1 : 0);

  if (gray)
    return babl_format (alpha ? "YA float" : "Y float");

  return babl_format (alpha ? "RGBA float" : "RGB float");
}

/* Rows of GIMP's tiles GEGL's cache keeps: reading a strip with the rows
 * around it spans three, and the pixels' pass reads one and writes one;
 * each pass reads a tile once but for the rows around a strip, so a
 * cache as large as the drawable (GIMP's preference usually allows that
 * much) would only hold tiles no one reads again: some 70 MB of a 24 MP
 * photo, as much as everything else the filter holds in GIMP 3.
 */
#define CACHE_TILE_ROWS 4
#define CACHE_LEAST ((guint64) 32 << 20)

static void
limit_tile_cache (const SmpTarget *target)
{
  /* A tile row of the drawable, and of the selection or a layer written
   * at most as wide, in bytes.
   */
  const guint64 row = (guint64) target->width * gimp_tile_height ()
                      * (smp_codec_bpp (target->codec) + sizeof (gfloat));
  const guint64 want = MAX (CACHE_LEAST, CACHE_TILE_ROWS * row);
  guint64       size = 0;

  g_object_get (gegl_config (), "tile-cache-size", &size, NULL);
  if (want < size)
    g_object_set (gegl_config (), "tile-cache-size", want, NULL);
}

gboolean
smp_target_init (SmpTarget *target, SmpImage image, SmpDrawable drawable)
{
  memset (target, 0, sizeof (SmpTarget));

  target->image    = image;
  target->drawable = drawable;
  target->width    = smp_drawable_width (drawable);
  target->height   = smp_drawable_height (drawable);
  target->native   = gimp_drawable_get_format (drawable);
  target->format
      = smp_pixels_format (drawable, &target->n_color, &target->n_channels);
  target->has_selection = ! gimp_selection_is_empty (image);
  smp_drawable_offsets (drawable, &target->off_x, &target->off_y);
  target->source = gimp_drawable_get_buffer (drawable);
  target->codec  = smp_codec_new (target->native);
  limit_tile_cache (target);
  /* The selection's values go through the same tables as the pixels: the
   * first conversion of an 8-bit one to floats cost GIMP 3's babl some
   * 360 MB for a moment.
   */
  if (target->has_selection)
    {
      GeglBuffer *mask = smp_selection_buffer (image);

      target->mask_codec = smp_codec_new (gegl_buffer_get_format (mask));
      g_object_unref (mask);
    }

  return gimp_drawable_mask_intersect (drawable, &target->x, &target->y,
                                       &target->w, &target->h)
         && target->w > 0 && target->h > 0;
}

void
smp_target_clear (SmpTarget *target)
{
  g_clear_object (&target->source);
  g_clear_pointer (&target->codec, smp_codec_free);
  g_clear_pointer (&target->mask_codec, smp_codec_free);
}

/* The field: what the selection and the drawable around it look like,
 * read strip by strip.
 */
struct _SmpFieldReading
{
  SmpStripPass pass;
  SmpStripsRun run;
  SmpField    *field;
  /* A strip's linear pixels with its halo, and its selection, in rows
   * of the drawable's width: only the columns the field needs are read
   * from GIMP, and the others stay 0.
   */
  gfloat  *linear;
  gfloat  *sel;
  gboolean read;     /* every strip is in */
  gboolean finished; /* and the field finished */
  /* In the dialog, the field is finished beside it: the thread, and where
   * it says it is done.
   */
  GThread     *finisher;
  GAsyncQueue *done;
};

static void
add_to_field (SmpStripPass *pass, SmpStrip *strip)
{
  SmpFieldReading    *fr     = (SmpFieldReading *) pass;
  const SmpTarget    *target = pass->target;
  const GeglRectangle r      = strip->rect;
  const gsize         bpp    = smp_codec_bpp (target->codec);
  const gint          n_rows = strip->above + r.height + strip->below;
  const gfloat       *sel    = strip->sel;

  for (gint j = 0; j < n_rows; j++)
    smp_codec_decode (target->codec, strip->pixels + (gsize) j * r.width * bpp,
                      fr->linear
                          + ((gsize) j * target->width + r.x) * target->n_color,
                      (gsize) r.width, TRUE);
  /* The field takes the selection in rows of the drawable's width, as a
   * strip as wide as the drawable already has it.
   */
  if (sel && r.width != target->width)
    {
      for (gint j = 0; j < r.height; j++)
        memcpy (fr->sel + (gsize) j * target->width + r.x,
                sel + (gsize) j * r.width, r.width * sizeof (gfloat));
      sel = fr->sel;
    }
  smp_field_add (
      fr->field, r.y, r.height,
      fr->linear + (gsize) strip->above * target->width * target->n_color, sel);
}

SmpFieldReading *
smp_field_reading_new (const SmpTarget *target, SmpPixelsProgress progress,
                       gpointer data)
{
  const gsize n_px
      = (gsize) target->width * (gimp_tile_height () + 2 * SMP_FIELD_HALO);
  SmpFieldReading *fr = g_new0 (SmpFieldReading, 1);
  GeglRectangle    need;
  gdouble          weight[3];
  gfloat           luminance[3];

  fr->pass   = (SmpStripPass){ .target        = target,
                               .mask          = smp_strips_selection (target),
                               .halo          = SMP_FIELD_HALO,
                               .work          = add_to_field,
                               .progress      = progress,
                               .progress_data = data };
  fr->field  = smp_field_new (target->width, target->height, target->n_color);
  fr->linear = g_new0 (gfloat, n_px * target->n_color);
  if (fr->pass.mask)
    fr->sel = g_new0 (gfloat, (gsize) target->width * gimp_tile_height ());

  /* The codec gives sRGB's primaries, whatever the drawable's. */
  babl_space_get_rgb_luminance (babl_space ("sRGB"), &weight[0], &weight[1],
                                &weight[2]);
  for (gint c = 0; c < 3; c++)
    luminance[c] = (gfloat) weight[c];
  smp_field_set_luminance (fr->field, luminance);
  smp_field_set_bounds (fr->field, target->x, target->y, target->w, target->h);
  smp_field_needed (fr->field, &need.x, &need.y, &need.width, &need.height);

  smp_strips_begin (&fr->run, &fr->pass, &need);
  return fr;
}

/* How long a step of the dialog's reading waits for the workers, in
 * microseconds: the dialog's events wait no longer.
 */
#define READING_WAIT 2000

static gpointer
finish_field (gpointer data)
{
  SmpFieldReading *reading = data;

  smp_field_finish (reading->field);
  g_async_queue_push (reading->done, reading);
  return NULL;
}

/* Waits for the finisher, at most wait microseconds if wait is not
 * negative: TRUE once it is done.
 */
static gboolean
finisher_done (SmpFieldReading *reading, gint64 wait)
{
  if (! smp_queue_pop_within (reading->done, wait))
    return FALSE;

  g_thread_join (reading->finisher);
  reading->finisher = NULL;
  reading->finished = TRUE;
  return TRUE;
}

gboolean
smp_field_reading_step (SmpFieldReading *reading)
{
  if (reading->finished)
    return FALSE;

  if (! reading->read)
    {
      if (smp_strips_step_within (&reading->run, READING_WAIT))
        return TRUE;
      smp_strips_end (&reading->run);
      reading->read     = TRUE;
      reading->done     = g_async_queue_new ();
      reading->finisher = g_thread_new ("smp-field", finish_field, reading);
      return TRUE;
    }

  return ! finisher_done (reading, READING_WAIT);
}

void
smp_field_reading_free (SmpFieldReading *reading)
{
  if (! reading)
    return;

  if (reading->finisher)
    finisher_done (reading, -1);
  g_clear_pointer (&reading->done, g_async_queue_unref);
  smp_strips_end (&reading->run);
  smp_field_free (reading->field);
  g_free (reading->linear);
  g_free (reading->sel);
  g_clear_object (&reading->pass.mask);
  g_free (reading);
}

SmpField *
smp_field_reading_finish (SmpFieldReading *reading)
{
  SmpField *field;

  if (reading->finisher)
    finisher_done (reading, -1);
  if (! reading->read)
    {
      while (smp_strips_step (&reading->run))
        ;
      smp_strips_end (&reading->run);
      reading->read = TRUE;
    }
  if (! reading->finished)
    smp_field_finish (reading->field);

  field          = reading->field;
  reading->field = NULL;
  smp_field_reading_free (reading);
  return field;
}

SmpField *
smp_pixels_read_field (const SmpTarget *target, SmpPixelsProgress progress,
                       gpointer data)
{
  return smp_field_reading_finish (
      smp_field_reading_new (target, progress, data));
}
