/* scalp-micropigmentation: pixels between GIMP and the engine.
 *
 * Data flows one way: GIMP's buffers are read strip by strip, the engine
 * renders, and the result goes back the same way.  The
 * plug-in holds a few strips at a time, never a copy of the whole
 * drawable; the tiles it has read stay in GEGL's tile cache, within the
 * size set in GIMP's preferences, as for any plug-in.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pixels.h"

#include <string.h>
#include <unistd.h>

#include "smp-intl.h"

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

  return smp_selection_buffer (target->image);
}

/* From the drawable's own format to linear light in its own primaries,
 * which is what the field reads: luminance and colour differences.  babl
 * works a conversion out anew in every process and picks by measured
 * speed among paths that differ in the last bits, and its fast float
 * paths differ from one processor to another: enough to move an
 * impression.  So 8- and 16-bit pixels go through a table per channel,
 * filled from the colour channels alone through double precision, whose
 * paths agree, and rounded to float once; other depths go through babl.
 */
typedef struct
{
  const Babl *to_linear; /* without a table */
  gint        n_color;   /* 1 or 3 */
  gint        n_comp;    /* components of a pixel, alpha included */
  gfloat      weight[3]; /* luminance of each primary */
  gint        bits;      /* 8 or 16 for a table, 0 without */
  gfloat     *table[3];  /* 2^bits entries each */
} Linear;

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

/* Fills one table per channel: the linear value of each of its codes. */
static void
linear_tables (Linear *lin, const Babl *color, const Babl *space)
{
  const gsize n    = (gsize) 1 << lin->bits;
  const Babl *fish = babl_fish (
      color, babl_format_with_space (
                 lin->n_color == 3 ? "RGB double" : "Y double", space));
  guint16 *px     = g_new0 (guint16, n * lin->n_color);
  gdouble *linear = g_new (gdouble, n * lin->n_color);

  for (gsize v = 0; v < n; v++)
    for (gint c = 0; c < lin->n_color; c++)
      {
        if (lin->bits == 8)
          ((guchar *) px)[v * lin->n_color + c] = (guchar) v;
        else
          px[v * lin->n_color + c] = (guint16) v;
      }
  babl_process (fish, px, linear, (long) n);

  for (gint c = 0; c < lin->n_color; c++)
    {
      lin->table[c] = g_new (gfloat, n);
      for (gsize v = 0; v < n; v++)
        lin->table[c][v] = (gfloat) linear[v * lin->n_color + c];
    }
  g_free (px);
  g_free (linear);
}

static void
linear_init (Linear *lin, const SmpTarget *target)
{
  const Babl *native    = target->native;
  const Babl *space     = babl_format_get_space (native);
  const Babl *type      = babl_format_get_type (native, 0);
  const Babl *color     = color_only (native);
  const gint  bpp       = babl_format_get_bytes_per_pixel (native);
  gdouble     weight[3] = { 1.0, 1.0, 1.0 };

  memset (lin, 0, sizeof (Linear));
  lin->n_color = target->n_color;
  lin->n_comp  = babl_format_get_n_components (native);
  if (lin->n_color == 3)
    babl_space_get_rgb_luminance (space, &weight[0], &weight[1], &weight[2]);
  for (gint c = 0; c < 3; c++)
    lin->weight[c] = (gfloat) weight[c];

  if (color && type == babl_type ("u8") && bpp == lin->n_comp)
    lin->bits = 8;
  else if (color && type == babl_type ("u16") && bpp == 2 * lin->n_comp)
    lin->bits = 16;

  if (lin->bits)
    linear_tables (lin, color, space);
  else
    lin->to_linear = babl_fish (
        native, babl_format_with_space (
                    target->n_color == 3 ? "RGB float" : "Y float", space));
}

static void
linear_clear (Linear *lin)
{
  for (gint c = 0; c < 3; c++)
    g_clear_pointer (&lin->table[c], g_free);
}

/* n pixels to linear light, n_color floats each. */
static void
linear_convert (const Linear *lin, const guchar *px, gfloat *out, gsize n)
{
  const gfloat *const *t   = (const gfloat *const *) lin->table;
  const gint           n_c = lin->n_color;

  if (lin->bits == 8)
    {
      for (gsize i = 0; i < n; i++, px += lin->n_comp)
        for (gint c = 0; c < n_c; c++)
          out[i * n_c + c] = t[c][px[c]];
    }
  else if (lin->bits == 16)
    {
      const guint16 *p = (const guint16 *) px;

      for (gsize i = 0; i < n; i++, p += lin->n_comp)
        for (gint c = 0; c < n_c; c++)
          out[i * n_c + c] = t[c][p[c]];
    }
  else
    babl_process (lin->to_linear, px, out, (long) n);
}

/* Every pass over the pixels goes by strips of rows, one row of GIMP's
 * tiles each (a strip that wrote part of a tile would make GIMP send the
 * whole tile first), in a pipeline: while a worker thread works on one
 * strip, the main thread, the only one that talks to GIMP, writes the strip
 * before it and reads the strip after it.  Reading and writing mostly wait
 * on GIMP, and the work goes on meanwhile.  Done one after the other
 * instead, output 0 of a 24 MP photo took 0.25 to 0.30 s instead of 0.18
 * to 0.21 s.  The worker lives as long as the pass: with a thread made
 * anew for each strip it took 0.25 to 0.28 s.
 */
typedef struct
{
  GeglRectangle rect;         /* in the drawable */
  gint          above, below; /* rows of pixels read around it */
  guchar       *pixels;       /* the drawable's, in its own format */
  gfloat       *sel; /* the selection's values, when the pass reads it */
  gfloat       *out; /* what the pass writes, when not the pixels */
} Strip;

typedef struct _StripPass StripPass;

struct _StripPass
{
  const SmpTarget *target;
  GeglBuffer      *mask;       /* the selection to read, or NULL */
  gint             out_floats; /* per pixel in Strip.out; 0 for none */
  gint             halo;       /* rows of pixels read above and below a strip */
  /* On the worker thread, one strip after another. */
  void (*work) (StripPass *pass, Strip *strip);
  /* On the main thread; NULL when nothing is written back. */
  void (*write) (StripPass *pass, const Strip *strip);
  /* Only reports: GIMP ends a plug-in whose run the user cancels. */
  SmpPixelsProgress progress;
  gpointer          progress_data;
  gint              n_strips;
  GAsyncQueue      *todo; /* strips handed to the worker */
  GAsyncQueue      *done; /* and handed back */
};

static GeglRectangle
strip_rect (const GeglRectangle *area, gint rows, gint k)
{
  const gint top = (area->y / rows + k) * rows;
  const gint y0  = MAX (area->y, top);
  const gint y1  = MIN (area->y + area->height, top + rows);

  return (GeglRectangle){ area->x, y0, area->width, y1 - y0 };
}

/* The selection's values over a rectangle of the drawable. */
static void
read_selection (const SmpTarget *target, GeglBuffer *mask,
                const GeglRectangle *rect, gfloat *sel)
{
  /* The selection lives in image coordinates. */
  const GeglRectangle in_image
      = { rect->x + target->off_x, rect->y + target->off_y, rect->width,
          rect->height };

  gegl_buffer_get (mask, &in_image, 1.0, babl_format ("Y float"), sel,
                   GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
}

/* Reads a strip's pixels, with up to pass->halo rows above and below it
 * where the drawable has them, and its selection.
 */
static void
read_strip (StripPass *pass, Strip *strip)
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
    read_selection (target, pass->mask, &strip->rect, strip->sel);
}

static gpointer
work_on_strips (gpointer data)
{
  StripPass *pass = data;

  for (gint k = 0; k < pass->n_strips; k++)
    {
      Strip *strip = g_async_queue_pop (pass->todo);

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
strip_init (Strip *strip, const StripPass *pass, gsize n_px)
{
  const gint bpp = babl_format_get_bytes_per_pixel (pass->target->native);

  *strip = (Strip){
    { 0 },
    0,
    0,
    g_malloc ((n_px + (gsize) 2 * pass->halo * pass->target->width) * bpp),
    pass->mask ? g_new (gfloat, n_px) : NULL,
    pass->out_floats ? g_new (gfloat, n_px * pass->out_floats) : NULL
  };
}

static void
strip_clear (Strip *strip)
{
  g_free (strip->pixels);
  g_free (strip->sel);
  g_free (strip->out);
}

static void
run_strips (StripPass *pass, const GeglRectangle *area)
{
  const gint rows = gimp_tile_height ();
  Strip      strips[2];
  GThread   *worker;

  if (area->height <= 0)
    return;

  pass->n_strips = (area->y + area->height - 1) / rows - area->y / rows + 1;
  pass->todo     = g_async_queue_new ();
  pass->done     = g_async_queue_new ();
  strip_init (&strips[0], pass, (gsize) area->width * rows);
  strip_init (&strips[1], pass, (gsize) area->width * rows);
  worker = g_thread_new ("smp-strips", work_on_strips, pass);

  strips[0].rect = strip_rect (area, rows, 0);
  read_strip (pass, &strips[0]);

  /* Strip k is worked on while k - 1 is written and k + 1 read, into the
   * memory k - 1 had.
   */
  for (gint k = 0; k < pass->n_strips; k++)
    {
      Strip *other = &strips[(k + 1) % 2]; /* k - 1's, then k + 1's */

      g_async_queue_push (pass->todo, &strips[k % 2]);
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
          other->rect = strip_rect (area, rows, k + 1);
          read_strip (pass, other);
        }
      g_async_queue_pop (pass->done);

      if (pass->progress)
        pass->progress ((gdouble) (k + 1) / pass->n_strips,
                        pass->progress_data);
    }
  if (pass->write)
    pass->write (pass, &strips[(pass->n_strips - 1) % 2]);

  g_thread_join (worker);
  g_async_queue_unref (pass->todo);
  g_async_queue_unref (pass->done);
  strip_clear (&strips[0]);
  strip_clear (&strips[1]);
}

/* The field: what the whole drawable and its selection look like. */
typedef struct
{
  StripPass pass;
  SmpField *field;
  Linear    to_linear;
  gfloat   *linear; /* a strip's, with its halo */
} FieldPass;

static void
add_to_field (StripPass *pass, Strip *strip)
{
  FieldPass          *fp     = (FieldPass *) pass;
  const SmpTarget    *target = pass->target;
  const GeglRectangle r      = strip->rect;

  /* babl works a conversion out the first time it is asked for, by
   * measuring candidates, in 15 to 20 ms: the worker, which waits on the
   * reading anyway, asks now for those that drawing the impressions will
   * use.
   */
  if (r.y == 0)
    {
      babl_fish (target->native, target->format);
      babl_fish (target->format, target->native);
    }

  linear_convert (&fp->to_linear, strip->pixels, fp->linear,
                  (gsize) r.width * (strip->above + r.height + strip->below));
  smp_field_add (fp->field, r.y, r.height,
                 fp->linear + (gsize) strip->above * r.width * target->n_color,
                 strip->sel);
}

SmpField *
smp_pixels_read_field (const SmpTarget *target, SmpPixelsProgress progress,
                       gpointer data)
{
  const GeglRectangle all = { 0, 0, target->width, target->height };
  const gsize         n_px
      = (gsize) target->width * (gimp_tile_height () + 2 * SMP_FIELD_HALO);
  FieldPass fp = { .pass   = { .target        = target,
                               .mask          = selection_buffer (target),
                               .halo          = SMP_FIELD_HALO,
                               .work          = add_to_field,
                               .progress      = progress,
                               .progress_data = data },
                   .field  = smp_field_new (target->width, target->height,
                                            target->n_color),
                   .linear = g_new (gfloat, n_px * target->n_color) };

  linear_init (&fp.to_linear, target);
  smp_field_set_luminance (fp.field, fp.to_linear.weight);

  run_strips (&fp.pass, &all);
  smp_field_finish (fp.field);

  g_free (fp.linear);
  linear_clear (&fp.to_linear);
  g_clear_object (&fp.pass.mask);
  return fp.field;
}

/* Drawing the impressions and the ash tone: the one pixel path that
 * output 0, the layers of outputs 1 and 2 and the preview share.  Pixels
 * come in the drawable's own format; those neither reaches are left as
 * they are, and only those they reach are converted to linear float.
 * Every pixel is a pure function of its own value and the impressions, so
 * no tiling, and no thread, changes a pixel.
 */
typedef struct
{
  const SmpTarget *target;
  const SmpStamps *stamps;
  gint             first, last;             /* sessions */
  const Babl      *to_linear, *from_linear; /* native <-> target->format */
  gint             bpp;                     /* native */
} Pigment;

/* Columns drawn at a time: their transmittance stays in the core's own
 * cache.
 */
#define PIGMENT_CHUNK 512

/* Where a reached pixel is: its column and row in its tile, and its
 * offset in the tile's bytes.
 */
typedef struct
{
  gint  x, y;
  gsize offset;
} Spot;

/* The pixels impressions reach in one tile, and room to convert them. */
typedef struct
{
  SmpReach reach;
  Spot    *spot;   /* of each reached pixel */
  guchar  *packed; /* native */
  gfloat  *linear; /* target->format */
  gsize    size;   /* pixels each holds */
} Scratch;

static void
scratch_reserve (Scratch *scratch, const Pigment *pg, gsize n_px)
{
  if (n_px <= scratch->size)
    return;

  scratch->spot   = g_renew (Spot, scratch->spot, n_px);
  scratch->packed = g_realloc (scratch->packed, n_px * pg->bpp);
  scratch->linear
      = g_renew (gfloat, scratch->linear, n_px * pg->target->n_channels);
  scratch->size = n_px;
}

static void
scratch_clear (Scratch *scratch)
{
  smp_reach_clear (&scratch->reach);
  g_free (scratch->spot);
  g_free (scratch->packed);
  g_free (scratch->linear);
}

/* Where each of the n reached pixels of a tile is, and its bytes packed
 * one after the other.  They come row after row.
 */
static void
gather_reached (Scratch *scratch, gint width, const guchar *pixels,
                gsize stride, gint bpp)
{
  const SmpReach *reach     = &scratch->reach;
  gint            row       = 0;
  guint32         row_start = 0; /* index of the row's first pixel */

  for (gsize k = 0; k < reach->n; k++)
    {
      const guint32 i    = reach->pixels[k];
      Spot *const   spot = &scratch->spot[k];

      for (; i - row_start >= (guint32) width; row_start += width)
        row++;
      spot->x      = (gint) (i - row_start);
      spot->y      = row;
      spot->offset = row * stride + spot->x * bpp;
      memcpy (scratch->packed + k * bpp, pixels + spot->offset, bpp);
    }
}

/* Draws the impressions and the tone into one tile of the drawable's
 * pixels, stride bytes a row: in place, or, given out, into out as linear
 * float, out_floats a pixel and out_stride floats a row, colour channels
 * first and then an alpha of 1 where they reach, the pixels left as they
 * are.
 */
static void
pigment_tile (const Pigment *pg, Scratch *scratch, const GeglRectangle *tile,
              guchar *pixels, gsize stride, gfloat *out, gint out_floats,
              gsize out_stride)
{
  const gint    n_color  = pg->target->n_color;
  const gint    n_ch     = pg->target->n_channels;
  const gint    bpp      = pg->bpp;
  const SmpRect geometry = { .x       = tile->x,
                             .y       = tile->y,
                             .width   = tile->width,
                             .height  = tile->height,
                             .n_color = n_color };
  SmpReach     *reach    = &scratch->reach;
  gsize         n;

  scratch_reserve (scratch, pg, (gsize) tile->width * tile->height);
  n = smp_render_reach (pg->stamps, pg->first, pg->last, &geometry, reach);
  if (n == 0)
    return;

  gather_reached (scratch, tile->width, pixels, stride, pg->bpp);
  babl_process (pg->to_linear, scratch->packed, scratch->linear, (long) n);

  for (gsize k = 0; k < n; k++)
    {
      const Spot   *spot = &scratch->spot[k];
      const gsize   at   = reach->pixels[k];
      gfloat *const p    = scratch->linear + k * n_ch;

      smp_render_pixel (pg->stamps, n_color, tile->x + spot->x,
                        tile->y + spot->y, reach->trans + at * n_color,
                        reach->tone[at], p, p);
    }

  if (out)
    {
      for (gsize k = 0; k < n; k++)
        {
          const Spot *spot = &scratch->spot[k];
          gfloat     *o    = out + spot->y * out_stride + spot->x * out_floats;

          memcpy (o, scratch->linear + k * n_ch, n_color * sizeof (gfloat));
          o[n_color] = 1.0f;
        }
      return;
    }

  babl_process (pg->from_linear, scratch->linear, scratch->packed, (long) n);
  for (gsize k = 0; k < n; k++)
    memcpy (pixels + scratch->spot[k].offset, scratch->packed + k * bpp, bpp);
}

/* A strip, in tiles of PIGMENT_CHUNK columns. */
static void
pigment_strip (const Pigment *pg, Scratch *scratch, Strip *strip,
               gint out_floats)
{
  const gsize stride = (gsize) strip->rect.width * pg->bpp;

  for (gint x = 0; x < strip->rect.width; x += PIGMENT_CHUNK)
    {
      const GeglRectangle tile
          = { strip->rect.x + x, strip->rect.y,
              MIN (PIGMENT_CHUNK, strip->rect.width - x), strip->rect.height };

      pigment_tile (pg, scratch, &tile, strip->pixels + (gsize) x * pg->bpp,
                    stride,
                    strip->out ? strip->out + (gsize) x * out_floats : NULL,
                    out_floats, (gsize) strip->rect.width * out_floats);
    }
}

static Pigment
pigment_init (const SmpTarget *target, const SmpStamps *stamps, gint first,
              gint last)
{
  return (Pigment){ target,
                    stamps,
                    first,
                    last,
                    babl_fish (target->native, target->format),
                    babl_fish (target->format, target->native),
                    babl_format_get_bytes_per_pixel (target->native) };
}

void
smp_pixels_render_rect (const SmpTarget *target, const SmpStamps *stamps,
                        gint sessions, const GeglRectangle *rect, gfloat *buf)
{
  const gsize   n_px    = (gsize) rect->width * rect->height;
  const Pigment pg      = pigment_init (target, stamps, 1, sessions);
  GeglBuffer   *mask    = selection_buffer (target);
  guchar       *pixels  = g_malloc (n_px * pg.bpp);
  gfloat       *before  = g_new (gfloat, n_px * target->n_channels);
  Scratch       scratch = { 0 };

  gegl_buffer_get (target->source, rect, 1.0, target->native, pixels,
                   GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  babl_process (pg.to_linear, pixels, before, (long) n_px);
  pigment_tile (&pg, &scratch, rect, pixels, (gsize) rect->width * pg.bpp, NULL,
                0, 0);
  babl_process (pg.to_linear, pixels, buf, (long) n_px);

  /* What GIMP's merge does with the selection: blend toward the result by
   * the selection's value.
   */
  if (mask)
    {
      gfloat *sel = g_new (gfloat, n_px);

      read_selection (target, mask, rect, sel);
      for (gsize i = 0; i < n_px; i++)
        for (gint c = 0; c < target->n_color; c++)
          {
            const gsize k = i * target->n_channels + c;

            buf[k] = before[k] + (buf[k] - before[k]) * sel[i];
          }
      g_free (sel);
      g_object_unref (mask);
    }

  scratch_clear (&scratch);
  g_free (pixels);
  g_free (before);
}

/* Output 0: the drawable's pixels pigmented in place, into the shadow,
 * which GIMP merges through the selection.
 */
typedef struct
{
  StripPass   pass;
  Pigment     pigment;
  Scratch     scratch;
  GeglBuffer *shadow;
} DrawablePass;

static void
pigment_in_place (StripPass *pass, Strip *strip)
{
  DrawablePass *dp = (DrawablePass *) pass;

  pigment_strip (&dp->pigment, &dp->scratch, strip, 0);
}

static void
write_to_shadow (StripPass *pass, const Strip *strip)
{
  DrawablePass *dp = (DrawablePass *) pass;

  gegl_buffer_set (dp->shadow, &strip->rect, 0, pass->target->native,
                   strip->pixels, GEGL_AUTO_ROWSTRIDE);
  gegl_buffer_flush (dp->shadow);
}

static void attach_treatment (SmpLayer layer, const SmpParams *params,
                              gint session);

/* Removes the layers of an earlier treatment, one after the other. */
static void
remove_layers (SmpImage image, const SmpLayer *layers, gint n)
{
  for (gint i = 0; i < n; i++)
    if (gimp_item_is_valid (SMP_AS_ITEM (layers[i])))
      gimp_image_remove_layer (image, layers[i]);
}

static void
apply_to_drawable (const SmpTarget *target, const SmpStamps *stamps,
                   gint sessions, const SmpLayer *earlier, gint n_earlier,
                   SmpPixelsProgress progress, gpointer data)
{
  const GeglRectangle area = { target->x, target->y, target->w, target->h };
  DrawablePass        dp
      = { .pass    = { .target        = target,
                       .work          = pigment_in_place,
                       .write         = write_to_shadow,
                       .progress      = progress,
                       .progress_data = data },
          .pigment = pigment_init (target, stamps, 1, sessions),
          .shadow  = gimp_drawable_get_shadow_buffer (target->drawable) };

  run_strips (&dp.pass, &area);
  scratch_clear (&dp.scratch);
  g_object_unref (dp.shadow);

  /* The shadow is merged only once complete: one undo step, with the
   * earlier treatment's removal.
   */
  gimp_image_undo_group_start (target->image);
  gimp_drawable_merge_shadow (target->drawable, TRUE);
  remove_layers (target->image, earlier, n_earlier);
  gimp_image_undo_group_end (target->image);
  gimp_drawable_update (target->drawable, target->x, target->y, target->w,
                        target->h);
}

static SmpLayer
new_pigment_layer (const SmpTarget *target, const gchar *name)
{
  const gboolean gray = smp_image_base_type (target->image) == GIMP_GRAY;
  /* Only as large as the selection's bounds on the drawable: outside
   * them the layer would be transparent, its alpha being the selection.
   */
  SmpLayer layer = gimp_layer_new (target->image, name, target->w, target->h,
                                   gray ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE,
                                   100.0, GIMP_LAYER_MODE_NORMAL);

  /* The treated skin itself, blended in linear light by the selection as
   * GIMP's merge blends output 0: the ash tone greys the skin's colour,
   * which no multiplying layer can do.  The layer never paints where the
   * drawable is transparent.
   */
  gimp_layer_set_blend_space (layer, GIMP_LAYER_COLOR_SPACE_RGB_LINEAR);
  gimp_layer_set_composite_space (layer, GIMP_LAYER_COLOR_SPACE_RGB_LINEAR);
  gimp_layer_set_composite_mode (layer, GIMP_LAYER_COMPOSITE_CLIP_TO_BACKDROP);
  gimp_layer_set_offsets (layer, target->off_x + target->x,
                          target->off_y + target->y);
  gimp_drawable_fill (SMP_AS_DRAWABLE (layer), GIMP_FILL_TRANSPARENT);
  return layer;
}

/* Outputs 1 and 2: a layer holding the skin as sessions first to last
 * leave it where they reach it, transparent elsewhere, its alpha the
 * selection there, as GIMP's merge would blend it.
 */
typedef struct
{
  StripPass         pass;
  Pigment           pigment;
  Scratch           scratch;
  GeglBuffer       *layer;
  const Babl       *format; /* the layer's content: linear float */
  SmpPixelsProgress progress;
  gpointer          progress_data;
  gdouble           done, share; /* this layer's part of the whole */
} LayerPass;

static void
pigment_layer_strip (StripPass *pass, Strip *strip)
{
  LayerPass  *lp    = (LayerPass *) pass;
  const gint  n_out = pass->out_floats;
  const gsize n_px  = (gsize) strip->rect.width * strip->rect.height;

  memset (strip->out, 0, n_px * n_out * sizeof (gfloat));
  pigment_strip (&lp->pigment, &lp->scratch, strip, n_out);
  if (strip->sel)
    for (gsize i = 0; i < n_px; i++)
      strip->out[i * n_out + n_out - 1] *= strip->sel[i];
}

static void
write_to_layer (StripPass *pass, const Strip *strip)
{
  LayerPass          *lp = (LayerPass *) pass;
  const GeglRectangle in_layer
      = { strip->rect.x - pass->target->x, strip->rect.y - pass->target->y,
          strip->rect.width, strip->rect.height };

  gegl_buffer_set (lp->layer, &in_layer, 0, lp->format, strip->out,
                   GEGL_AUTO_ROWSTRIDE);
}

static gboolean
report_layer (gdouble fraction, gpointer data)
{
  const LayerPass *lp = data;

  return lp->progress
             ? lp->progress (lp->done + lp->share * fraction, lp->progress_data)
             : TRUE;
}

static void
render_layer (const SmpTarget *target, const SmpStamps *stamps, SmpLayer layer,
              gint first, gint last, SmpPixelsProgress progress, gpointer data,
              gdouble done, gdouble share)
{
  const GeglRectangle area  = { target->x, target->y, target->w, target->h };
  const gint          n_out = target->n_color + 1;
  LayerPass           lp
      = { .pass          = { .target     = target,
                             .mask       = selection_buffer (target),
                             .out_floats = n_out,
                             .work       = pigment_layer_strip,
                             .write      = write_to_layer,
                             .progress   = report_layer },
          .pigment       = pigment_init (target, stamps, first, last),
          .layer         = gimp_drawable_get_buffer (SMP_AS_DRAWABLE (layer)),
          .format        = babl_format (n_out == 2 ? "YA float" : "RGBA float"),
          .progress      = progress,
          .progress_data = data,
          .done          = done,
          .share         = share };

  lp.pass.progress_data = &lp;
  run_strips (&lp.pass, &area);
  scratch_clear (&lp.scratch);
  gegl_buffer_flush (lp.layer);
  g_object_unref (lp.layer);
  g_clear_object (&lp.pass.mask);
}

/* The layers are filled before they join the image, then inserted
 * together: a run cancelled or killed half way leaves the image as it was.
 */
static SmpLayer
apply_as_layers (const SmpTarget *target, const SmpParams *params,
                 const SmpStamps *stamps, const SmpLayer *earlier,
                 gint n_earlier, SmpPixelsProgress progress, gpointer data)
{
  const gint n_layers
      = params->output == SMP_OUTPUT_SESSION_LAYERS ? params->sessions : 1;
  SmpLayer *layers = g_new (SmpLayer, n_layers);
  SmpLayer  parent;
  gint      position;

  for (gint k = 1; k <= n_layers; k++)
    {
      g_autofree gchar *name = n_layers == 1
                                   ? g_strdup (_ ("Scalp micropigmentation"))
                                   : g_strdup_printf (_ ("SMP session %d"), k);

      layers[k - 1] = new_pigment_layer (target, name);
      attach_treatment (layers[k - 1], params, n_layers == 1 ? 0 : k);
      /* Session k's layer shows the skin after sessions 1 to k: showing
       * layers 1 to k shows it.
       */
      render_layer (target, stamps, layers[k - 1], 1,
                    n_layers == 1 ? params->sessions : k, progress, data,
                    (k - 1.0) / n_layers, 1.0 / n_layers);
    }

  /* Each goes right above the last: session 1 lowest, over the drawable. */
  parent   = smp_parent_layer (target->drawable);
  position = gimp_image_get_item_position (target->image,
                                           SMP_AS_ITEM (target->drawable));
  gimp_image_undo_group_start (target->image);
  for (gint k = 0; k < n_layers; k++)
    gimp_image_insert_layer (target->image, layers[k], parent, position);
  remove_layers (target->image, earlier, n_earlier);
  gimp_image_undo_group_end (target->image);

  {
    const SmpLayer top = layers[n_layers - 1];

    g_free (layers);
    return top;
  }
}

/* The treatment a layer shows, kept with it, in an XCF too, and which
 * session the layer holds (0: all of them).
 */
static void
attach_treatment (SmpLayer layer, const SmpParams *params, gint session)
{
  GKeyFile         *kf = g_key_file_new ();
  g_autofree gchar *text;
  gsize             size;
  GimpParasite     *parasite;

  smp_params_save_keys (params, kf, "treatment");
  g_key_file_set_integer (kf, "layer", "session", session);
  text     = g_key_file_to_data (kf, &size, NULL);
  parasite = gimp_parasite_new (SMP_TREATMENT_PARASITE,
                                GIMP_PARASITE_PERSISTENT, size, text);
  gimp_item_attach_parasite (SMP_AS_ITEM (layer), parasite);
  gimp_parasite_free (parasite);
  g_key_file_free (kf);
}

static void
find_treatment_layers (const SmpLayer *items, gint n, GArray *found)
{
  for (gint i = 0; i < n; i++)
    {
      GimpParasite *parasite = gimp_item_get_parasite (SMP_AS_ITEM (items[i]),
                                                       SMP_TREATMENT_PARASITE);

      if (parasite)
        {
          g_array_append_val (found, items[i]);
          gimp_parasite_free (parasite);
        }
      if (gimp_item_is_group (SMP_AS_ITEM (items[i])))
        {
          gint                 n_children;
          g_autofree SmpLayer *children
              = smp_group_layers (items[i], &n_children);

          find_treatment_layers (children, n_children, found);
        }
    }
}

SmpLayer *
smp_pixels_treatment_layers (SmpImage image, gint *n)
{
  gint                 n_layers;
  g_autofree SmpLayer *layers = smp_image_layers (image, &n_layers);
  GArray              *found  = g_array_new (FALSE, FALSE, sizeof (SmpLayer));

  find_treatment_layers (layers, n_layers, found);
  *n = (gint) found->len;
  return (SmpLayer *) g_array_free (found, found->len == 0);
}

/* The key file a layer of the filter carries, NULL if it carries none. */
static GKeyFile *
treatment_keys (SmpLayer layer)
{
  GimpParasite *parasite
      = gimp_item_get_parasite (SMP_AS_ITEM (layer), SMP_TREATMENT_PARASITE);
  GKeyFile    *kf   = g_key_file_new ();
  gsize        size = 0;
  const gchar *data = parasite ? smp_parasite_data (parasite, &size) : NULL;
  gboolean     read
      = data
        && g_key_file_load_from_data (kf, data, size, G_KEY_FILE_NONE, NULL);

  if (parasite)
    gimp_parasite_free (parasite);
  if (! read)
    g_clear_pointer (&kf, g_key_file_free);
  return kf;
}

gboolean
smp_pixels_read_treatment (SmpLayer layer, SmpParams *params, gchar **message)
{
  GKeyFile           *kf   = treatment_keys (layer);
  const SmpParamDesc *bad  = NULL;
  g_autofree gchar   *name = NULL, *why = NULL;

  if (kf && ! (bad = smp_params_read_keys (params, kf, "treatment")))
    {
      g_key_file_free (kf);
      return TRUE;
    }

  name = gimp_item_get_name (SMP_AS_ITEM (layer));
  why  = bad ? g_strdup_printf (_ ("%s is missing or out of range"), bad->name)
             : g_strdup (_ ("it does not read as a treatment"));
  *message = g_strdup_printf (
      _ ("The layer \"%s\" carries a damaged treatment (its parasite %s): "
         "%s.  It was not used."),
      name, SMP_TREATMENT_PARASITE, why);
  if (kf)
    g_key_file_free (kf);
  return FALSE;
}

gint
smp_pixels_start_from_treatment (SmpImage image, SmpParams *params)
{
  gint                 n;
  g_autofree SmpLayer *layers  = smp_pixels_treatment_layers (image, &n);
  g_autofree gchar    *message = NULL;

  if (n > 0 && ! smp_pixels_read_treatment (layers[0], params, &message))
    g_message ("%s", message);
  return n;
}

gint
smp_pixels_treatment_session (SmpLayer layer)
{
  GKeyFile *kf      = treatment_keys (layer);
  gint      session = 0;

  if (kf)
    {
      session = MAX (g_key_file_get_integer (kf, "layer", "session", NULL), 0);
      g_key_file_free (kf);
    }
  return session;
}

SmpLayer
smp_pixels_apply (const SmpTarget *target, const SmpParams *params,
                  const SmpStamps *stamps, gboolean replace,
                  SmpPixelsProgress progress, gpointer data)
{
  gint                 n_earlier = 0;
  g_autofree SmpLayer *earlier
      = replace ? smp_pixels_treatment_layers (target->image, &n_earlier)
                : NULL;
  SmpLayer layer = SMP_NO_LAYER;

  if (params->output != SMP_OUTPUT_DRAWABLE)
    layer = apply_as_layers (target, params, stamps, earlier, n_earlier,
                             progress, data);
  else
    apply_to_drawable (target, stamps, params->sessions, earlier, n_earlier,
                       progress, data);
  return layer;
}
