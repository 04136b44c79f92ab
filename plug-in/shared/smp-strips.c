/* scalp-micropigmentation: passes over a drawable, strip by strip.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-strips.h"

#include <string.h>
#include <unistd.h>

GeglBuffer *
smp_strips_selection (const SmpTarget *target)
{
  if (! target->has_selection)
    return NULL;

  return smp_selection_buffer (target->image);
}

static GeglRectangle
strip_rect (const GeglRectangle *area, gint rows, gint k)
{
  const gint top = (area->y / rows + k) * rows;
  const gint y0  = MAX (area->y, top);
  const gint y1  = MIN (area->y + area->height, top + rows);

  return (GeglRectangle){ area->x, y0, area->width, y1 - y0 };
}

void
smp_strips_read_selection (const SmpTarget *target, GeglBuffer *mask,
                           const GeglRectangle *rect, gfloat *sel)
{
  /* Beyond its bounds nothing is selected: only the part of rect within
   * them is read from GIMP, which costs as much per tile as reading the
   * pixels.
   */
  const GeglRectangle bounds = { target->x, target->y, target->w, target->h };
  const gint          bpp    = smp_codec_bpp (target->mask_codec);
  GeglRectangle       in, in_image;
  guchar             *bytes;

  if (! gegl_rectangle_intersect (&in, rect, &bounds)
      || ! gegl_rectangle_equal (&in, rect))
    memset (sel, 0, (gsize) rect->width * rect->height * sizeof (gfloat));
  if (in.width <= 0 || in.height <= 0)
    return;

  /* The selection lives in image coordinates: as it is, then through the
   * target's codec for it (smp_target_init()).
   */
  in_image = (GeglRectangle){ in.x + target->off_x, in.y + target->off_y,
                              in.width, in.height };
  bytes    = g_malloc ((gsize) in.width * in.height * bpp);
  gegl_buffer_get (mask, &in_image, 1.0, gegl_buffer_get_format (mask), bytes,
                   GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  for (gint j = 0; j < in.height; j++)
    smp_codec_decode (target->mask_codec, bytes + (gsize) j * in.width * bpp,
                      sel + (gsize) (in.y - rect->y + j) * rect->width
                          + (in.x - rect->x),
                      (gsize) in.width, TRUE);
  g_free (bytes);
}

/* Reads a strip's pixels, with up to pass->halo rows above and below it
 * where the drawable has them, and its selection.
 */
static void
read_strip (SmpStripPass *pass, SmpStrip *strip)
{
  const SmpTarget *target = pass->target;
  GeglRectangle    around = strip->rect;

  strip->above = MIN (pass->halo, around.y);
  strip->below = MIN (pass->halo, target->height - around.y - around.height);
  around.y -= strip->above;
  around.height += strip->above + strip->below;

  gegl_buffer_get (target->source, &around, 1.0, target->native, strip->pixels,
                   GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  if (pass->mask)
    smp_strips_read_selection (target, pass->mask, &strip->rect, strip->sel);
}

/* Handed to the worker instead of a strip when a pass stops half way. */
static SmpStrip no_more_strips;

static gpointer
work_on_strips (gpointer data)
{
  SmpStripPass *pass = data;

  for (gint k = 0; k < pass->n_strips; k++)
    {
      SmpStrip *strip = g_async_queue_pop (pass->todo);

      if (strip == &no_more_strips)
        break;
      pass->work (pass, strip);
      g_async_queue_push (pass->done, strip);
    }
  return NULL;
}

#ifdef SMP_TEST_HOOKS
/* For the cancel test only, in builds made with -Dtest-hooks=true: with
 * SMP_TEST_HOLD set to "pixels-half", a pass stops once half its strips
 * are written, writes the process id to SMP_TEST_HOLD_FILE and waits to
 * be killed, as GIMP kills a plug-in whose run is cancelled.
 */
static void
hold_for_test (void)
{
  const gchar *stage = g_getenv ("SMP_TEST_HOLD");
  const gchar *file  = g_getenv ("SMP_TEST_HOLD_FILE");

  if (! stage || ! file || ! g_str_equal (stage, "pixels-half"))
    return;

  {
    g_autofree gchar *pid = g_strdup_printf ("%d\n", (gint) getpid ());

    g_file_set_contents (file, pid, -1, NULL);
  }
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}
#endif

/* A strip's memory, for n_px pixels. */
static void
strip_init (SmpStrip *strip, const SmpStripPass *pass, gsize n_px)
{
  const gint bpp = babl_format_get_bytes_per_pixel (pass->target->native);

  *strip = (SmpStrip){
    { 0 },
    0,
    0,
    g_malloc ((n_px + (gsize) 2 * pass->halo * pass->target->width) * bpp),
    pass->mask ? g_new (gfloat, n_px) : NULL,
    pass->out_floats ? g_new (gfloat, n_px * pass->out_floats) : NULL
  };
}

static void
strip_clear (SmpStrip *strip)
{
  g_free (strip->pixels);
  g_free (strip->sel);
  g_free (strip->out);
}

void
smp_strips_begin (SmpStripsRun *run, SmpStripPass *pass,
                  const GeglRectangle *area)
{
  const gint rows = gimp_tile_height ();

  memset (run, 0, sizeof (SmpStripsRun));
  run->pass      = pass;
  run->area      = *area;
  pass->n_strips = 0;
  if (area->height <= 0)
    return;

  pass->n_strips = (area->y + area->height - 1) / rows - area->y / rows + 1;
  pass->todo     = g_async_queue_new ();
  pass->done     = g_async_queue_new ();
  strip_init (&run->strips[0], pass, (gsize) area->width * rows);
  strip_init (&run->strips[1], pass, (gsize) area->width * rows);
  run->worker = g_thread_new ("smp-strips", work_on_strips, pass);

  run->strips[0].rect = strip_rect (area, rows, 0);
  read_strip (pass, &run->strips[0]);
}

/* Strip k is worked on while k - 1 is written and k + 1 read, into the
 * memory k - 1 had.
 */
gboolean
smp_strips_step_within (SmpStripsRun *run, gint64 wait)
{
  SmpStripPass *pass  = run->pass;
  const gint    k     = run->k;
  SmpStrip     *other = &run->strips[(k + 1) % 2]; /* k - 1's, then k + 1's */

  if (k >= pass->n_strips)
    return FALSE;

  if (! run->handed)
    {
      g_async_queue_push (pass->todo, &run->strips[k % 2]);
      run->handed = TRUE;
      if (k > 0 && pass->write)
        {
          pass->write (pass, other);
#ifdef SMP_TEST_HOOKS
          if (k == pass->n_strips / 2)
            hold_for_test ();
#endif
        }
      if (k + 1 < pass->n_strips)
        {
          other->rect = strip_rect (&run->area, gimp_tile_height (), k + 1);
          read_strip (pass, other);
        }
    }

  if (! smp_queue_pop_within (pass->done, wait))
    return TRUE;
  run->handed = FALSE;
  run->k++;

  if (pass->progress)
    pass->progress ((gdouble) run->k / pass->n_strips, pass->progress_data);
  if (run->k == pass->n_strips && pass->write)
    pass->write (pass, &run->strips[(pass->n_strips - 1) % 2]);
  return run->k < pass->n_strips;
}

gpointer
smp_queue_pop_within (GAsyncQueue *queue, gint64 wait)
{
  return wait < 0 ? g_async_queue_pop (queue)
                  : g_async_queue_timeout_pop (queue, (guint64) wait);
}

gboolean
smp_strips_step (SmpStripsRun *run)
{
  return smp_strips_step_within (run, -1);
}

void
smp_strips_end (SmpStripsRun *run)
{
  SmpStripPass *pass = run->pass;

  if (! run->worker)
    return;

  /* A pass left half way: the worker, once done with the strip it may
   * have been handed, is told there is no other.
   */
  if (run->k < pass->n_strips)
    g_async_queue_push (pass->todo, &no_more_strips);
  g_thread_join (run->worker);
  g_async_queue_unref (pass->todo);
  g_async_queue_unref (pass->done);
  strip_clear (&run->strips[0]);
  strip_clear (&run->strips[1]);
  run->worker = NULL;
}

void
smp_strips_run (SmpStripPass *pass, const GeglRectangle *area)
{
  SmpStripsRun run;

  smp_strips_begin (&run, pass, area);
  while (smp_strips_step (&run))
    ;
  smp_strips_end (&run);
}
