/* scalp-micropigmentation: pixels between GIMP and the engine.
 *
 * Data flows one way: GIMP's buffers are read strip by strip or tile by
 * tile, the engine renders, and the result goes back the same way.  The
 * plug-in holds a few strips at a time, never a copy of the whole
 * drawable; the tiles it has read stay in GEGL's tile cache, within the
 * size set in GIMP's preferences, as for any plug-in.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pixels.h"

#include <string.h>

#include "smp-intl.h"

/* Rows of the drawable read at once for the field: a multiple of the
 * field's cell and of GIMP's tiles.
 */
#define FIELD_STRIP 64

/* Progress is reported at least this often, as a fraction. */
#define PROGRESS_STEP 0.02

const Babl *
smp_pixels_format (gint32 drawable, gint *n_color, gint *n_channels)
{
  const gboolean gray  = ! gimp_drawable_is_rgb (drawable);
  const gboolean alpha = gimp_drawable_has_alpha (drawable);

  *n_color    = gray ? 1 : 3;
  *n_channels = *n_color + (alpha ? 1 : 0);

  if (gray)
    return babl_format (alpha ? "YA float" : "Y float");

  return babl_format (alpha ? "RGBA float" : "RGB float");
}

gboolean
smp_target_init (SmpTarget *target, gint32 image, gint32 drawable)
{
  memset (target, 0, sizeof (SmpTarget));

  target->image    = image;
  target->drawable = drawable;
  target->width    = gimp_drawable_width (drawable);
  target->height   = gimp_drawable_height (drawable);
  target->native   = gimp_drawable_get_format (drawable);
  target->format
      = smp_pixels_format (drawable, &target->n_color, &target->n_channels);
  target->has_selection = ! gimp_selection_is_empty (image);
  gimp_drawable_offsets (drawable, &target->off_x, &target->off_y);
  target->source = gimp_drawable_get_buffer (drawable);

  return gimp_drawable_mask_intersect (drawable, &target->x, &target->y,
                                       &target->w, &target->h)
         && target->w > 0 && target->h > 0;
}

void
smp_target_clear (SmpTarget *target)
{
  g_clear_object (&target->source);
}

static GeglBuffer *
selection_buffer (const SmpTarget *target)
{
  if (! target->has_selection)
    return NULL;

  return gimp_drawable_get_buffer (gimp_image_get_selection (target->image));
}

/* From the drawable's own format to linear luminance: the linear channels
 * babl converts the pixels to, weighted by the luminance of their
 * primaries.  babl has no direct conversion to "Y float": every process
 * searches one out anew and picks by measured speed, so two runs could
 * disagree in the last bits, enough to move an impression.  Conversions
 * to linear RGB are mostly direct, those without alpha most reliably; so
 * 8- and 16-bit pixels go through a table per channel, filled from the
 * colour channels alone, and the sum is three lookups.  Other depths go
 * through babl to the target's linear format pixel by pixel.
 */
typedef struct
{
  const Babl *to_linear; /* without a table: to linear float */
  gint        n_color;   /* 1 or 3 */
  gint        n_linear;  /* channels of the linear format */
  gint        n_comp;    /* components of a pixel, alpha included */
  gfloat      weight[3]; /* luminance of each primary; 1 for gray */
  gint        bits;      /* 8 or 16 for a table, 0 without */
  gfloat     *table[3];  /* 2^bits entries each */
} Luma;

/* The drawable's format without its alpha, for the tables; NULL for a
 * colour model GIMP does not give drawables.
 */
static const Babl *
color_only (const Babl *native)
{
  static const gchar *const models[][2] = {
    { "R'G'B'", "R'G'B'A" }, { "RGB", "RGBA" }, { "Y'", "Y'A" }, { "Y", "YA" }
  };
  const gchar *model = babl_get_name (babl_format_get_model (native));

  for (guint k = 0; k < G_N_ELEMENTS (models); k++)
    if (g_str_equal (model, models[k][0]) || g_str_equal (model, models[k][1]))
      {
        g_autofree gchar *name = g_strdup_printf (
            "%s %s", models[k][0],
            babl_get_name (babl_format_get_type (native, 0)));

        return babl_format_with_space (name, babl_format_get_space (native));
      }
  return NULL;
}

/* Luminance of one pixel in linear light, its colour channels first. */
static inline gfloat
luma_of_linear (const Luma *luma, const gfloat *l)
{
  if (luma->n_color == 1)
    return l[0];

  return luma->weight[0] * l[0] + luma->weight[1] * l[1]
         + luma->weight[2] * l[2];
}

static void
luma_init (Luma *luma, const SmpTarget *target)
{
  const Babl *native    = target->native;
  const Babl *u8        = babl_type ("u8");
  const Babl *u16       = babl_type ("u16");
  const Babl *type      = babl_format_get_type (native, 0);
  const Babl *color     = color_only (native);
  const gint  bpp       = babl_format_get_bytes_per_pixel (native);
  gdouble     weight[3] = { 1.0, 1.0, 1.0 };

  memset (luma, 0, sizeof (Luma));
  luma->n_color  = target->n_color;
  luma->n_linear = target->n_channels;
  luma->n_comp   = babl_format_get_n_components (native);
  if (luma->n_color == 3)
    babl_space_get_rgb_luminance (babl_format_get_space (target->format),
                                  &weight[0], &weight[1], &weight[2]);
  for (gint c = 0; c < 3; c++)
    luma->weight[c] = (gfloat) weight[c];

  if (color && type == u8 && bpp == luma->n_comp)
    luma->bits = 8;
  else if (color && type == u16 && bpp == 2 * luma->n_comp)
    luma->bits = 16;
  if (! luma->bits)
    {
      luma->to_linear = babl_fish (native, target->format);
      return;
    }

  {
    const gsize n    = (gsize) 1 << luma->bits;
    const Babl *fish = babl_fish (
        color, babl_format (luma->n_color == 3 ? "RGB float" : "Y float"));
    guint16 *px     = g_new0 (guint16, n * luma->n_color);
    gfloat  *linear = g_new (gfloat, n * luma->n_color);

    /* What each channel adds alone, the others black: linear light adds
     * up, even where the image's primaries are not the linear format's.
     */
    for (gint c = 0; c < luma->n_color; c++)
      {
        memset (px, 0, n * luma->n_color * sizeof (guint16));
        for (gsize v = 0; v < n; v++)
          {
            if (luma->bits == 8)
              ((guchar *) px)[v * luma->n_color + c] = (guchar) v;
            else
              px[v * luma->n_color + c] = (guint16) v;
          }
        babl_process (fish, px, linear, (long) n);

        luma->table[c] = g_new (gfloat, n);
        for (gsize v = 0; v < n; v++)
          luma->table[c][v] = luma_of_linear (luma, linear + v * luma->n_color);
      }
    g_free (px);
    g_free (linear);
  }
}

static void
luma_clear (Luma *luma)
{
  for (gint c = 0; c < 3; c++)
    g_clear_pointer (&luma->table[c], g_free);
}

/* n pixels to luminance; linear is scratch for n pixels in the linear
 * format, unused with tables.
 */
static void
luma_convert (const Luma *luma, const guchar *px, gfloat *out, gsize n,
              gfloat *linear)
{
  const gfloat *const *t = (const gfloat *const *) luma->table;

  if (luma->bits == 8 && luma->n_color == 1)
    {
      for (gsize i = 0; i < n; i++, px += luma->n_comp)
        out[i] = t[0][px[0]];
    }
  else if (luma->bits == 8)
    {
      for (gsize i = 0; i < n; i++, px += luma->n_comp)
        out[i] = t[0][px[0]] + t[1][px[1]] + t[2][px[2]];
    }
  else if (luma->bits == 16)
    {
      const guint16 *p = (const guint16 *) px;

      if (luma->n_color == 1)
        for (gsize i = 0; i < n; i++, p += luma->n_comp)
          out[i] = t[0][p[0]];
      else
        for (gsize i = 0; i < n; i++, p += luma->n_comp)
          out[i] = t[0][p[0]] + t[1][p[1]] + t[2][p[2]];
    }
  else
    {
      babl_process (luma->to_linear, px, linear, (long) n);
      for (gsize i = 0; i < n; i++)
        out[i] = luma_of_linear (luma, linear + i * luma->n_linear);
    }
}

/* Strips of rows on their way into the field: the main thread reads them,
 * as libgimp wants, and hands them through a queue to a worker that turns
 * them into luminance and adds them, so that reading runs ahead of adding
 * by up to FIELD_AHEAD strips.
 */
#define FIELD_AHEAD 3

typedef struct
{
  gint    y, rows;
  guchar *pixels; /* in the drawable's own format */
  gfloat *sel;    /* NULL without a selection */
} FieldStrip;

/* Pushed after the last strip: nothing more to add. */
static FieldStrip no_more_strips;

typedef struct
{
  SmpField    *field;
  const Luma  *to_luma;
  gint         width;
  gfloat      *luma;   /* the worker's scratch */
  gfloat      *linear; /* the same, for pixels not by table */
  GAsyncQueue *full;   /* read, to be added */
  GAsyncQueue *empty;  /* added, to be read into again */
} FieldWorker;

static gpointer
add_strips (gpointer data)
{
  FieldWorker *job = data;
  FieldStrip  *s;

  while ((s = g_async_queue_pop (job->full)) != &no_more_strips)
    {
      luma_convert (job->to_luma, s->pixels, job->luma,
                    (gsize) job->width * s->rows, job->linear);
      smp_field_add (job->field, 0, s->y, job->width, s->rows, job->luma,
                     job->width, s->sel, job->width);
      g_async_queue_push (job->empty, s);
    }
  return NULL;
}

SmpField *
smp_pixels_read_field (const SmpTarget *target, SmpPixelsProgress progress,
                       gpointer data)
{
  const gint  w       = target->width;
  const gsize n_px    = (gsize) w * FIELD_STRIP;
  const Babl *native  = target->native;
  const Babl *y_float = babl_format ("Y float");
  GeglBuffer *mask    = selection_buffer (target);
  Luma        to_luma;
  FieldStrip  strips[FIELD_AHEAD];
  FieldWorker job;
  GThread    *worker;

  luma_init (&to_luma, target);
  job = (FieldWorker){ smp_field_new (w, target->height),
                       &to_luma,
                       w,
                       g_new (gfloat, n_px),
                       to_luma.bits ? NULL
                                    : g_new (gfloat, n_px * target->n_channels),
                       g_async_queue_new (),
                       g_async_queue_new () };
  for (gint k = 0; k < FIELD_AHEAD; k++)
    {
      strips[k].pixels
          = g_malloc (n_px * babl_format_get_bytes_per_pixel (native));
      strips[k].sel = mask ? g_new (gfloat, n_px) : NULL;
      g_async_queue_push (job.empty, &strips[k]);
    }
  worker = g_thread_new ("smp-field", add_strips, &job);

  /* Strips are whole cells and tile rows, added in order. */
  for (gint y = 0; y < target->height; y += FIELD_STRIP)
    {
      FieldStrip         *s = g_async_queue_pop (job.empty);
      const GeglRectangle strip
          = { 0, y, w, MIN (FIELD_STRIP, target->height - y) };

      s->y    = y;
      s->rows = strip.height;
      gegl_buffer_get (target->source, &strip, 1.0, native, s->pixels,
                       GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
      if (mask)
        {
          /* The selection lives in image coordinates. */
          const GeglRectangle in_image
              = { target->off_x, target->off_y + y, w, strip.height };

          gegl_buffer_get (mask, &in_image, 1.0, y_float, s->sel,
                           GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
        }
      g_async_queue_push (job.full, s);

      if (progress
          && ! progress ((gdouble) (y + strip.height) / target->height, data))
        break;
    }
  g_async_queue_push (job.full, &no_more_strips);
  g_thread_join (worker);

  smp_field_finish (job.field);

  for (gint k = 0; k < FIELD_AHEAD; k++)
    {
      g_free (strips[k].pixels);
      g_free (strips[k].sel);
    }
  g_free (job.luma);
  g_free (job.linear);
  luma_clear (&to_luma);
  g_async_queue_unref (job.full);
  g_async_queue_unref (job.empty);
  if (mask)
    g_object_unref (mask);
  return job.field;
}

static void
render_tile (const SmpTarget *target, const SmpStamps *stamps, gint first,
             gint last, SmpRenderMode mode, const GeglRectangle *roi,
             gint n_channels, const gfloat *src, gfloat *dst)
{
  const SmpRect rect = { roi->x,
                         roi->y,
                         roi->width,
                         roi->height,
                         target->n_color,
                         n_channels,
                         roi->width * n_channels,
                         src,
                         dst };

  smp_render (stamps, first, last, mode, &rect);
}

void
smp_pixels_render_rect (const SmpTarget *target, const SmpStamps *stamps,
                        gint sessions, const GeglRectangle *rect, gfloat *buf)
{
  const gsize n_px = (gsize) rect->width * rect->height;
  GeglBuffer *mask = selection_buffer (target);
  gfloat     *src;

  gegl_buffer_get (target->source, rect, 1.0, target->format, buf,
                   GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  src = g_memdup2 (buf, n_px * target->n_channels * sizeof (gfloat));
  render_tile (target, stamps, 1, sessions, SMP_RENDER_APPLY, rect,
               target->n_channels, src, buf);

  /* What GIMP's merge does with the selection: blend toward the result by
   * the selection's value.
   */
  if (mask)
    {
      const GeglRectangle in_image
          = { rect->x + target->off_x, rect->y + target->off_y, rect->width,
              rect->height };
      gfloat *sel = g_new (gfloat, n_px);

      gegl_buffer_get (mask, &in_image, 1.0, babl_format ("Y float"), sel,
                       GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
      for (gsize i = 0; i < n_px; i++)
        for (gint c = 0; c < target->n_color; c++)
          {
            const gsize k = i * target->n_channels + c;

            buf[k] = src[k] + (buf[k] - src[k]) * sel[i];
          }
      g_free (sel);
      g_object_unref (mask);
    }

  g_free (src);
}

/* Output 0 works in the drawable's own format: pixels no impression
 * reaches stay as they are, and only those it reaches are converted to
 * linear float and back.  The drawable goes by strips of tile rows, in a
 * pipeline: while a worker thread pigments one strip, the main thread, the
 * only one that talks to GIMP, writes the strip before it to the shadow
 * and reads the strip after it, then helps the worker finish.  A strip is
 * pigmented in chunks of columns that whichever thread is free takes.  Every
 * pixel is a pure function of its own value and the impressions, so
 * neither chunks nor threads change a pixel.
 */
typedef struct
{
  const SmpTarget *target;
  const SmpStamps *stamps;
  gint             sessions;
  const Babl      *to_float, *from_float;
  gint             bpp;
} Pigment;

/* Columns pigmented at a time: their transmittance stays in the core's
 * own cache.
 */
#define PIGMENT_CHUNK 512

/* Where a reached pixel is: in the drawable, and in the strip's bytes. */
typedef struct
{
  gsize offset;
  gint  x, y;
} Spot;

/* One thread's scratch for the pixels impressions reach in a chunk. */
typedef struct
{
  SmpReach reach;
  Spot    *spot; /* of each reached pixel */
  guchar  *packed;
  gfloat  *linear;
} Scratch;

typedef struct
{
  const Pigment *pigment;
  GeglRectangle  rect;
  guchar        *pixels;     /* native format, pigmented in place */
  gint           next_chunk; /* the first chunk no thread has taken */
} Strip;

/* Pushed to the worker after the last strip: nothing more to pigment. */
static Strip no_more_pigment;

static void
scratch_init (Scratch *scratch, const Pigment *pg, gint rows)
{
  const gsize n_px = (gsize) PIGMENT_CHUNK * rows;

  smp_reach_init (&scratch->reach);
  scratch->spot   = g_new (Spot, n_px);
  scratch->packed = g_malloc (n_px * pg->bpp);
  scratch->linear = g_new (gfloat, n_px * pg->target->n_channels);
}

static void
scratch_clear (Scratch *scratch)
{
  smp_reach_clear (&scratch->reach);
  g_free (scratch->spot);
  g_free (scratch->packed);
  g_free (scratch->linear);
}

/* Pigments columns [x, x + width) of a strip. */
static void
pigment_chunk (const Strip *strip, Scratch *scratch, gint x, gint width)
{
  const Pigment *pg       = strip->pigment;
  const gint     n_color  = pg->target->n_color;
  const gint     n_ch     = pg->target->n_channels;
  const gint     bpp      = pg->bpp;
  const SmpRect  geometry = { .x       = strip->rect.x + x,
                              .y       = strip->rect.y,
                              .width   = width,
                              .height  = strip->rect.height,
                              .n_color = n_color };
  SmpReach      *reach    = &scratch->reach;
  const gsize    n
      = smp_render_reach (pg->stamps, 1, pg->sessions, &geometry, reach);
  gint    y         = 0;
  guint32 row_start = 0; /* index of row y's first pixel in the chunk */

  if (n == 0)
    return;

  /* The pixels come row after row. */
  for (gsize k = 0; k < n; k++)
    {
      const guint32 i    = reach->pixels[k];
      Spot *const   spot = &scratch->spot[k];

      for (; i - row_start >= (guint32) width; row_start += width)
        y++;
      spot->x = geometry.x + (gint) (i - row_start);
      spot->y = geometry.y + y;
      spot->offset
          = ((gsize) y * strip->rect.width + x + (i - row_start)) * bpp;
      memcpy (scratch->packed + k * bpp, strip->pixels + spot->offset, bpp);
    }
  babl_process (pg->to_float, scratch->packed, scratch->linear, (long) n);

  for (gsize k = 0; k < n; k++)
    {
      const Spot   *spot = &scratch->spot[k];
      gfloat *const p    = scratch->linear + k * n_ch;

      smp_render_pixel (pg->stamps, SMP_RENDER_APPLY, n_color, spot->x, spot->y,
                        reach->trans + (gsize) reach->pixels[k] * n_color, p,
                        p);
    }

  babl_process (pg->from_float, scratch->linear, scratch->packed, (long) n);
  for (gsize k = 0; k < n; k++)
    memcpy (strip->pixels + scratch->spot[k].offset, scratch->packed + k * bpp,
            bpp);
}

/* Pigments chunks of the strip until none is left to take. */
static void
pigment_strip (Strip *strip, Scratch *scratch)
{
  gint x;

  while ((x = PIGMENT_CHUNK * g_atomic_int_add (&strip->next_chunk, 1))
         < strip->rect.width)
    pigment_chunk (strip, scratch, x,
                   MIN (PIGMENT_CHUNK, strip->rect.width - x));
}

typedef struct
{
  Scratch      scratch;
  GAsyncQueue *todo; /* strips to pigment */
  GAsyncQueue *done; /* each strip back once the worker is through with it */
} Worker;

static gpointer
pigment_strips (gpointer data)
{
  Worker *worker = data;
  Strip  *strip;

  while ((strip = g_async_queue_pop (worker->todo)) != &no_more_pigment)
    {
      pigment_strip (strip, &worker->scratch);
      g_async_queue_push (worker->done, strip);
    }
  return NULL;
}

/* The result goes into the shadow buffer, merged with the selection as the
 * mask by GIMP.
 */
static gboolean
apply_to_drawable (const SmpTarget *target, const SmpStamps *stamps,
                   gint sessions, SmpPixelsProgress progress, gpointer data)
{
  const Babl   *native     = target->native;
  const gint    rows       = gimp_tile_height ();
  const gint    bottom     = target->y + target->h;
  const gsize   n_px       = (gsize) target->w * MIN (target->h, rows);
  GeglBuffer   *shadow     = gimp_drawable_get_shadow_buffer (target->drawable);
  const gint    bpp        = babl_format_get_bytes_per_pixel (native);
  const Pigment pigment    = { target,
                               stamps,
                               sessions,
                               babl_fish (native, target->format),
                               babl_fish (target->format, native),
                               bpp };
  Strip         strips[2]  = { { &pigment, { 0 }, g_malloc (n_px * bpp), 0 },
                               { &pigment, { 0 }, g_malloc (n_px * bpp), 0 } };
  Strip        *pigmenting = NULL; /* handed to the worker */
  Scratch       scratch;
  Worker        worker
      = { .todo = g_async_queue_new (), .done = g_async_queue_new () };
  GThread *thread;
  gdouble  reported = 0.0;

  scratch_init (&scratch, &pigment, rows);
  scratch_init (&worker.scratch, &pigment, rows);
  thread = g_thread_new ("smp-pigment", pigment_strips, &worker);

  /* Strips end on GIMP's tile rows.  Each turn reads a strip, helps the
   * worker finish the one before, hands it the new one, and writes the
   * finished one while the worker pigments.
   */
  for (gint y = target->y, k = 0;; k ^= 1)
    {
      Strip *read = NULL;

      if (y < bottom)
        {
          read = &strips[k];
          read->rect
              = (GeglRectangle){ target->x, y, target->w,
                                 MIN (bottom, (y / rows + 1) * rows) - y };
          read->next_chunk = 0;
          gegl_buffer_get (target->source, &read->rect, 1.0, native,
                           read->pixels, GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
          y += read->rect.height;
        }

      if (pigmenting)
        {
          pigment_strip (pigmenting, &scratch);
          g_async_queue_pop (worker.done);
        }
      if (read)
        g_async_queue_push (worker.todo, read);

      if (pigmenting)
        {
          const gdouble done = (gdouble) (pigmenting->rect.y
                                          + pigmenting->rect.height - target->y)
                               / target->h;

          gegl_buffer_set (shadow, &pigmenting->rect, 0, native,
                           pigmenting->pixels, GEGL_AUTO_ROWSTRIDE);
          gegl_buffer_flush (shadow);
          if (progress && done - reported >= PROGRESS_STEP)
            {
              reported = done;
              progress (done, data);
            }
        }

      if (! read)
        break;
      pigmenting = read;
    }

  g_async_queue_push (worker.todo, &no_more_pigment);
  g_thread_join (thread);
  g_async_queue_unref (worker.todo);
  g_async_queue_unref (worker.done);
  scratch_clear (&worker.scratch);
  scratch_clear (&scratch);
  g_free (strips[0].pixels);
  g_free (strips[1].pixels);
  g_object_unref (shadow);

  gimp_drawable_merge_shadow (target->drawable, TRUE);
  gimp_drawable_update (target->drawable, target->x, target->y, target->w,
                        target->h);
  return TRUE;
}

static gint32
new_pigment_layer (const SmpTarget *target, const gchar *name)
{
  const gboolean gray = gimp_image_base_type (target->image) == GIMP_GRAY;
  gint32         layer
      = gimp_layer_new (target->image, name, target->width, target->height,
                        gray ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE, 100.0,
                        GIMP_LAYER_MODE_MULTIPLY);

  /* Multiplying in linear light is how pigment filters the skin, and is
   * exactly what output 0 computes; the layer never paints where the
   * drawable is transparent.
   */
  gimp_layer_set_blend_space (layer, GIMP_LAYER_COLOR_SPACE_RGB_LINEAR);
  gimp_layer_set_composite_space (layer, GIMP_LAYER_COLOR_SPACE_RGB_LINEAR);
  gimp_layer_set_composite_mode (layer, GIMP_LAYER_COMPOSITE_CLIP_TO_BACKDROP);
  gimp_layer_set_offsets (layer, target->off_x, target->off_y);
  gimp_drawable_fill (layer, GIMP_FILL_TRANSPARENT);
  return layer;
}

/* Fills a layer with the transmittance of sessions first to last; its
 * alpha is the selection, as GIMP's merge would blend it.
 */
static void
render_layer (const SmpTarget *target, const SmpStamps *stamps, gint32 layer,
              gint first, gint last, SmpPixelsProgress progress, gpointer data,
              gdouble *done, gdouble share)
{
  const GeglRectangle roi = { target->x, target->y, target->w, target->h };
  const GeglRectangle sroi
      = { target->x + target->off_x, target->y + target->off_y, target->w,
          target->h };
  const gint          n_ch = target->n_color + 1;
  const Babl         *fmt = babl_format (n_ch == 2 ? "YA float" : "RGBA float");
  GeglBuffer         *dst = gimp_drawable_get_buffer (layer);
  GeglBuffer         *mask = selection_buffer (target);
  GeglBufferIterator *iter;
  gdouble             reported = *done;

  iter = gegl_buffer_iterator_new (target->source, &roi, 0, fmt,
                                   GEGL_ACCESS_READ, GEGL_ABYSS_NONE, 3);
  gegl_buffer_iterator_add (iter, dst, &roi, 0, fmt, GEGL_ACCESS_WRITE,
                            GEGL_ABYSS_NONE);
  if (mask)
    gegl_buffer_iterator_add (iter, mask, &sroi, 0, babl_format ("Y float"),
                              GEGL_ACCESS_READ, GEGL_ABYSS_NONE);

  while (gegl_buffer_iterator_next (iter))
    {
      const gfloat *s   = iter->items[0].data;
      gfloat       *d   = iter->items[1].data;
      const gfloat *sel = mask ? iter->items[2].data : NULL;

      render_tile (target, stamps, first, last, SMP_RENDER_TRANSMITTANCE,
                   &iter->items[0].roi, n_ch, s, d);
      for (gint i = 0; i < iter->length; i++)
        d[i * n_ch + n_ch - 1] = sel ? sel[i] : 1.0f;

      *done += share * iter->length / ((gdouble) roi.width * roi.height);
      if (progress && *done - reported >= PROGRESS_STEP)
        {
          reported = *done;
          progress (*done, data);
        }
    }

  gegl_buffer_flush (dst);
  g_object_unref (dst);
  if (mask)
    g_object_unref (mask);
}

/* The layers are filled before they join the image, then inserted
 * together: a run cancelled or killed half way leaves the image as it was.
 */
static gint32
apply_as_layers (const SmpTarget *target, const SmpParams *params,
                 const SmpStamps *stamps, SmpPixelsProgress progress,
                 gpointer data)
{
  const gint n_layers
      = params->output == SMP_OUTPUT_SESSION_LAYERS ? params->sessions : 1;
  gint32 *layers = g_new (gint32, n_layers);
  gdouble done   = 0.0;
  gint32  parent;
  gint    position;

  for (gint k = 1; k <= n_layers; k++)
    {
      g_autofree gchar *name = n_layers == 1
                                   ? g_strdup (_ ("Scalp micropigmentation"))
                                   : g_strdup_printf (_ ("SMP session %d"), k);

      layers[k - 1] = new_pigment_layer (target, name);
      render_layer (target, stamps, layers[k - 1], n_layers == 1 ? 1 : k,
                    n_layers == 1 ? params->sessions : k, progress, data, &done,
                    1.0 / n_layers);
    }

  /* Each goes right above the last: session 1 lowest, over the drawable. */
  parent   = gimp_item_get_parent (target->drawable);
  position = gimp_image_get_item_position (target->image, target->drawable);
  gimp_image_undo_group_start (target->image);
  for (gint k = 0; k < n_layers; k++)
    gimp_image_insert_layer (target->image, layers[k], MAX (parent, 0),
                             position);
  gimp_image_undo_group_end (target->image);

  {
    const gint32 top = layers[n_layers - 1];

    g_free (layers);
    return top;
  }
}

gint32
smp_pixels_apply (const SmpTarget *target, const SmpParams *params,
                  const SmpStamps *stamps, SmpPixelsProgress progress,
                  gpointer data)
{
  if (params->output != SMP_OUTPUT_DRAWABLE)
    return apply_as_layers (target, params, stamps, progress, data);

  /* The shadow is merged only once complete: one undo step. */
  apply_to_drawable (target, stamps, params->sessions, progress, data);
  return -1;
}
