/* scalp-micropigmentation: the one pixel path.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-kernel.h"

#include <string.h>

/* Columns drawn at a time: their transmittance stays in the core's own
 * cache.
 */
#define PIGMENT_CHUNK 512

static void
scratch_reserve (SmpTileScratch *scratch, const SmpPigment *pg, gsize n_px)
{
  if (n_px <= scratch->size)
    return;

  scratch->spot   = g_renew (SmpSpot, scratch->spot, n_px);
  scratch->packed = g_realloc (scratch->packed, n_px * pg->bpp);
  scratch->linear
      = g_renew (gfloat, scratch->linear, n_px * pg->target->n_channels);
  scratch->size = n_px;
}

static void
tile_scratch_clear (SmpTileScratch *scratch)
{
  smp_reach_clear (&scratch->reach);
  g_free (scratch->spot);
  g_free (scratch->packed);
  g_free (scratch->linear);
}

void
smp_scratch_clear (SmpScratch *scratch)
{
  for (gint k = 0; k < SMP_PARALLEL_MAX; k++)
    tile_scratch_clear (&scratch->part[k]);
}

/* Where each of the n reached pixels of a tile is, and its bytes packed
 * one after the other.  They come row after row.
 */
static void
gather_reached (SmpTileScratch *scratch, gint width, const guchar *pixels,
                gsize stride, gint bpp)
{
  const SmpReach *reach     = &scratch->reach;
  gint            row       = 0;
  guint32         row_start = 0; /* index of the row's first pixel */

  for (gsize k = 0; k < reach->n; k++)
    {
      const guint32  i    = reach->pixels[k];
      SmpSpot *const spot = &scratch->spot[k];

      for (; i - row_start >= (guint32) width; row_start += width)
        row++;
      spot->x      = (gint) (i - row_start);
      spot->y      = row;
      spot->offset = row * stride + spot->x * bpp;
      memcpy (scratch->packed + k * bpp, pixels + spot->offset, bpp);
    }
}

/* A tile of the drawable's pixels, stride bytes a row, and where it goes:
 * back in place, or, with out, into out as linear float, out_floats a
 * pixel and out_stride floats a row.
 */
typedef struct
{
  GeglRectangle rect;
  guchar       *pixels;
  gsize         stride;
  gfloat       *out;
  gint          out_floats;
  gsize         out_stride;
} Tile;

/* One pigmented pixel p written to out: its colour channels, and an alpha
 * of 1.
 */
static inline void
put_out (gfloat *o, const gfloat *p, gint n_color)
{
  memcpy (o, p, n_color * sizeof (gfloat));
  o[n_color] = 1.0f;
}

/* pigment_tile() where the impressions or the tone reach every pixel, as
 * the tone does across a selection: row after row, straight from the
 * tile's bytes and back, with no list of the pixels reached.
 */
static void
pigment_rows (const SmpPigment *pg, SmpTileScratch *scratch, const Tile *t)
{
  const GeglRectangle *tile    = &t->rect;
  const gint           n_color = pg->target->n_color;
  const gint           n_ch    = pg->target->n_channels;
  const SmpReach      *reach   = &scratch->reach;
  gfloat *const        linear  = scratch->linear;

  for (gint y = 0; y < tile->height; y++)
    {
      guchar     *row   = t->pixels + y * t->stride;
      const gsize first = (gsize) y * tile->width;

      smp_codec_decode (pg->target->codec, row, linear, tile->width, FALSE);
      smp_render_row (pg->stamps, n_color, tile->x, tile->y + y, tile->width,
                      reach->trans + first * n_color, reach->tone + first, n_ch,
                      linear, linear);

      if (! t->out)
        smp_codec_encode (pg->target->codec, linear, row, tile->width);
      else
        for (gint x = 0; x < tile->width; x++)
          put_out (t->out + y * t->out_stride + (gsize) x * t->out_floats,
                   linear + (gsize) x * n_ch, n_color);
    }
}

/* Draws the impressions and the tone into one tile: in place, or into
 * its out, colour channels first and then an alpha of 1 where they
 * reach, the pixels left as they are.
 */
static void
pigment_tile (const SmpPigment *pg, SmpTileScratch *scratch, const Tile *t)
{
  const GeglRectangle *tile     = &t->rect;
  const gint           n_color  = pg->target->n_color;
  const gint           n_ch     = pg->target->n_channels;
  const gint           bpp      = pg->bpp;
  const SmpRect        geometry = { .x       = tile->x,
                                    .y       = tile->y,
                                    .width   = tile->width,
                                    .height  = tile->height,
                                    .n_color = n_color };
  SmpReach            *reach    = &scratch->reach;
  gsize                n;

  scratch_reserve (scratch, pg, (gsize) tile->width * tile->height);
  n = smp_render_reach (pg->stamps, pg->first, pg->last, &geometry, reach);
  if (n == 0)
    return;
  if (n == (gsize) tile->width * tile->height)
    {
      pigment_rows (pg, scratch, t);
      return;
    }

  gather_reached (scratch, tile->width, t->pixels, t->stride, pg->bpp);
  smp_codec_decode (pg->target->codec, scratch->packed, scratch->linear, n,
                    FALSE);

  for (gsize k = 0; k < n; k++)
    {
      const SmpSpot *spot = &scratch->spot[k];
      const gsize    at   = reach->pixels[k];
      gfloat *const  p    = scratch->linear + k * n_ch;

      smp_render_pixel (pg->stamps, n_color, tile->x + spot->x,
                        tile->y + spot->y, reach->trans + at * n_color,
                        reach->tone[at], p, p);
    }

  if (t->out)
    {
      for (gsize k = 0; k < n; k++)
        {
          const SmpSpot *spot = &scratch->spot[k];

          put_out (t->out + spot->y * t->out_stride + spot->x * t->out_floats,
                   scratch->linear + k * n_ch, n_color);
        }
      return;
    }

  smp_codec_encode (pg->target->codec, scratch->linear, scratch->packed, n);
  for (gsize k = 0; k < n; k++)
    memcpy (t->pixels + scratch->spot[k].offset, scratch->packed + k * bpp,
            bpp);
}

/* The tiles of a strip one part of the cores draws, each part with its
 * own scratch.
 */
typedef struct
{
  const SmpPigment *pg;
  SmpScratch       *scratch;
  SmpStrip         *strip;
  gint              out_floats;
  gint              next_part;
} Tiles;

static void
pigment_tiles (gpointer data, gsize first, gsize last)
{
  Tiles          *tiles  = data;
  const gint      bpp    = tiles->pg->bpp;
  const SmpStrip *strip  = tiles->strip;
  const gint      width  = strip->rect.width;
  const gsize     stride = (gsize) width * bpp;
  const gint      floats = tiles->out_floats;
  SmpTileScratch *scratch
      = &tiles->scratch->part[g_atomic_int_add (&tiles->next_part, 1)];

  for (gsize k = first; k < last; k++)
    {
      const gint x = (gint) k * PIGMENT_CHUNK;
      const Tile tile
          = { { strip->rect.x + x, strip->rect.y,
                MIN (PIGMENT_CHUNK, width - x), strip->rect.height },
              strip->pixels + (gsize) x * bpp,
              stride,
              strip->out ? strip->out + (gsize) x * floats : NULL,
              floats,
              (gsize) width * floats };

      pigment_tile (tiles->pg, scratch, &tile);
    }
}

void
smp_pigment_strip (const SmpPigment *pg, SmpScratch *scratch, SmpStrip *strip,
                   gint out_floats)
{
  Tiles tiles = { pg, scratch, strip, out_floats, 0 };

  smp_parallel_for ((gsize) (strip->rect.width + PIGMENT_CHUNK - 1)
                        / PIGMENT_CHUNK,
                    2, pigment_tiles, &tiles);
}

SmpPigment
smp_pigment_init (const SmpTarget *target, const SmpStamps *stamps, gint first,
                  gint last)
{
  return (SmpPigment){ target, stamps, first, last,
                       smp_codec_bpp (target->codec) };
}

void
smp_pixels_render_rect (const SmpTarget *target, const SmpStamps *stamps,
                        gint sessions, const GeglRectangle *rect, gfloat *buf)
{
  const gsize      n_px    = (gsize) rect->width * rect->height;
  const SmpPigment pg      = smp_pigment_init (target, stamps, 1, sessions);
  GeglBuffer      *mask    = smp_strips_selection (target);
  guchar          *pixels  = g_malloc (n_px * pg.bpp);
  gfloat          *before  = g_new (gfloat, n_px * target->n_channels);
  SmpTileScratch   scratch = { 0 };
  Tile             tile;

  gegl_buffer_get (target->source, rect, 1.0, target->native, pixels,
                   GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  smp_codec_decode (target->codec, pixels, before, n_px, FALSE);
  tile = (Tile){ *rect, pixels, (gsize) rect->width * pg.bpp, NULL, 0, 0 };
  pigment_tile (&pg, &scratch, &tile);
  smp_codec_decode (target->codec, pixels, buf, n_px, FALSE);

  /* What GIMP's merge does with the selection: blend toward the result by
   * the selection's value.
   */
  if (mask)
    {
      gfloat *sel = g_new (gfloat, n_px);

      smp_strips_read_selection (target, mask, rect, sel);
      for (gsize i = 0; i < n_px; i++)
        for (gint c = 0; c < target->n_color; c++)
          {
            const gsize k = i * target->n_channels + c;

            buf[k] = before[k] + (buf[k] - before[k]) * sel[i];
          }
      g_free (sel);
      g_object_unref (mask);
    }

  tile_scratch_clear (&scratch);
  g_free (pixels);
  g_free (before);
}
