/* scalp-micropigmentation: what the photo says about where pigment may go.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-field.h"

#include <math.h>
#include <string.h>

#include "smp-parallel.h"

/* A pixel darker than this fraction of the brightest in its cell stands
 * out from the skin around it.
 */
#define STANDS_OUT 0.7f

/* Relative darkness (1 - luma / skin) between these reads as hair. */
#define HAIR_DARKNESS_LO 0.22f
#define HAIR_DARKNESS_HI 0.45f

struct _SmpField
{
  gint width, height;
  gint cols, rows;
  gint block_cols, block_rows;

  /* Per cell: the mean selection, the mean and darkest luminance of its
   * pixels (kept until finished), the hair coverage, and the distance to
   * the selection's edge (NULL if it has none).
   */
  gfloat  *sel;
  gfloat  *mean;
  gfloat  *darkest;
  gfloat  *hair;
  gfloat  *dist;
  guint16 *dark; /* per cell: pixels that stand out dark, then hair */
  gfloat  *p75;  /* per block: 75th percentile of its cells' mean */
  gfloat  *skin; /* per block: linear luminance of bare skin */

  /* Rows are finished as soon as their neighbourhood is in, so that most
   * of the work is done while the pixels still come: the cells added to
   * each cell row, the cell rows complete from the top, and the block
   * rows whose percentile, skin reference and hair are done.
   */
  gint    *added;
  gint     rows_in;
  gint     p75_done, skin_done, hair_done;
  gboolean finished;
};

SmpField *
smp_field_new (gint width, gint height)
{
  SmpField *field = g_new0 (SmpField, 1);
  gsize     n;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  field->width      = width;
  field->height     = height;
  field->cols       = (width + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
  field->rows       = (height + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
  field->block_cols = (field->cols + SMP_FIELD_BLOCK - 1) / SMP_FIELD_BLOCK;
  field->block_rows = (field->rows + SMP_FIELD_BLOCK - 1) / SMP_FIELD_BLOCK;

  n              = (gsize) field->cols * field->rows;
  field->sel     = g_new0 (gfloat, n);
  field->mean    = g_new0 (gfloat, n);
  field->darkest = g_new (gfloat, n);
  field->hair    = g_new0 (gfloat, n);
  field->dark    = g_new0 (guint16, n);
  for (gsize i = 0; i < n; i++)
    field->darkest[i] = G_MAXFLOAT;
  field->p75   = g_new (gfloat, field->block_cols * field->block_rows);
  field->skin  = g_new (gfloat, field->block_cols * field->block_rows);
  field->added = g_new0 (gint, field->rows);

  return field;
}

void
smp_field_free (SmpField *field)
{
  if (! field)
    return;

  g_free (field->sel);
  g_free (field->mean);
  g_free (field->darkest);
  g_free (field->hair);
  g_free (field->dist);
  g_free (field->dark);
  g_free (field->p75);
  g_free (field->skin);
  g_free (field->added);
  g_free (field);
}

gint
smp_field_width (const SmpField *field)
{
  return field->width;
}

gint
smp_field_height (const SmpField *field)
{
  return field->height;
}

gint
smp_field_cols (const SmpField *field)
{
  return field->cols;
}

gint
smp_field_rows (const SmpField *field)
{
  return field->rows;
}

gint
smp_field_cell_area (const SmpField *field, gint col, gint row)
{
  const gint w = MIN (SMP_FIELD_CELL, field->width - col * SMP_FIELD_CELL);
  const gint h = MIN (SMP_FIELD_CELL, field->height - row * SMP_FIELD_CELL);

  return w * h;
}

static void finish_ready (SmpField *field, gboolean parallel);

/* A pixel value clamped to [0, 1]; float images may hold anything,
 * infinities and NaN included, and NaN reads as 0.
 */
static inline gfloat
clamp_unit (gfloat v)
{
  return v >= 0.0f ? MIN (v, 1.0f) : 0.0f;
}

/* Cells of one row handled at once: their running maxima fit on the
 * stack.
 */
#define CELL_CHUNK 256

/* Adds the cells of one cell row (row), n of them from column col, whose
 * pixels start at luma (and mask): the mean and minimum of each, its mean
 * selection, and which of its pixels stand out dark in it.  The pixels
 * go row by row across all the cells, and each cell's sum in the same
 * order as it would alone, so the field is the same however the pixels
 * arrive.
 */
static void
add_cells (SmpField *field, gint col, gint row, gint n, gint ch,
           const gfloat *luma, gint luma_stride, const gfloat *mask,
           gint mask_stride)
{
  const gsize base = (gsize) row * field->cols + col;
  /* Only the image's last column of cells can be narrower. */
  const gint last_w
      = MIN (SMP_FIELD_CELL, field->width - (col + n - 1) * SMP_FIELD_CELL);
  gfloat *const sum  = field->mean + base;
  gfloat *const lo   = field->darkest + base;
  gfloat       *sel  = field->sel + base;
  guint16      *dark = field->dark + base;
  gfloat        hi[CELL_CHUNK];

  for (gint k = 0; k < n; k++)
    {
      sum[k]  = 0.0f;
      lo[k]   = G_MAXFLOAT;
      hi[k]   = 0.0f;
      sel[k]  = 0.0f;
      dark[k] = 0;
    }

  for (gint j = 0; j < ch; j++)
    {
      const gfloat *p = luma + (gsize) j * luma_stride;

      for (gint k = 0; k < n; k++, p += SMP_FIELD_CELL)
        {
          const gint cw = k < n - 1 ? SMP_FIELD_CELL : last_w;

          for (gint i = 0; i < cw; i++)
            {
              const gfloat v = clamp_unit (p[i]);

              sum[k] += v;
              lo[k] = MIN (lo[k], v);
              hi[k] = MAX (hi[k], v);
            }
        }
    }

  for (gint j = 0; j < ch; j++)
    {
      const gfloat *p = luma + (gsize) j * luma_stride;

      for (gint k = 0; k < n; k++, p += SMP_FIELD_CELL)
        {
          const gint   cw    = k < n - 1 ? SMP_FIELD_CELL : last_w;
          const gfloat limit = STANDS_OUT * hi[k];
          guint        bits  = 0;

          for (gint i = 0; i < cw; i++)
            bits |= (guint) (clamp_unit (p[i]) < limit) << i;
          dark[k] |= (guint16) (bits << (j * SMP_FIELD_CELL));
        }
    }

  if (mask)
    for (gint j = 0; j < ch; j++)
      {
        const gfloat *m = mask + (gsize) j * mask_stride;

        for (gint k = 0; k < n; k++, m += SMP_FIELD_CELL)
          {
            const gint cw = k < n - 1 ? SMP_FIELD_CELL : last_w;

            for (gint i = 0; i < cw; i++)
              sel[k] += clamp_unit (m[i]);
          }
      }

  for (gint k = 0; k < n; k++)
    {
      const gint area = (k < n - 1 ? SMP_FIELD_CELL : last_w) * ch;

      sum[k] /= area;
      sel[k] = mask ? sel[k] / area : 1.0f;
    }
}

void
smp_field_add (SmpField *field, gint x, gint y, gint width, gint height,
               const gfloat *luma, gint luma_stride, const gfloat *mask,
               gint mask_stride)
{
  g_return_if_fail (! field->finished);
  g_return_if_fail (x >= 0 && y >= 0 && x + width <= field->width
                    && y + height <= field->height);
  g_return_if_fail (x % SMP_FIELD_CELL == 0 && y % SMP_FIELD_CELL == 0);
  g_return_if_fail (width % SMP_FIELD_CELL == 0 || x + width == field->width);
  g_return_if_fail (height % SMP_FIELD_CELL == 0
                    || y + height == field->height);

  for (gint j = 0; j < height; j += SMP_FIELD_CELL)
    for (gint i = 0; i < width; i += CELL_CHUNK * SMP_FIELD_CELL)
      {
        const gint w   = MIN (CELL_CHUNK * SMP_FIELD_CELL, width - i);
        const gint n   = (w + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
        const gint row = (y + j) / SMP_FIELD_CELL;

        add_cells (field, (x + i) / SMP_FIELD_CELL, row, n,
                   MIN (SMP_FIELD_CELL, height - j),
                   luma + (gsize) j * luma_stride + i, luma_stride,
                   mask ? mask + (gsize) j * mask_stride + i : NULL,
                   mask_stride);
        field->added[row] += n;
      }

  while (field->rows_in < field->rows
         && field->added[field->rows_in] == field->cols)
    field->rows_in++;

  /* Once all rows are in, what is left waits for smp_field_finish(),
   * which splits it over the cores.
   */
  if (field->rows_in < field->rows)
    finish_ready (field, FALSE);
}

/* The k-th smallest of n values (0-based), reordering them: Hoare's
 * selection, in place, no more than the few dozen values of a block.
 */
static gfloat
select_kth (gfloat *v, gint n, gint k)
{
  gint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      const gfloat pivot = v[(lo + hi) / 2];
      gint         i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              const gfloat t = v[i];

              v[i++] = v[j];
              v[j--] = t;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }

  return v[k];
}

/* Fewest rows of blocks, and of cells, worth splitting over the cores. */
#define PARALLEL_BLOCK_ROWS 32
#define PARALLEL_CELL_ROWS 256

/* The 75th percentile of the cells' mean luminance in each block of block
 * rows [first, last): hair and shadow pull the mean of a block down, a few
 * highlights do not pull the percentile up.
 */
static void
block_percentiles (gpointer data, gsize first, gsize last)
{
  SmpField *field = data;
  gfloat    values[SMP_FIELD_BLOCK * SMP_FIELD_BLOCK];

  for (gint by = (gint) first; by < (gint) last; by++)
    for (gint bx = 0; bx < field->block_cols; bx++)
      {
        gint n = 0;

        for (gint r = by * SMP_FIELD_BLOCK;
             r < MIN ((by + 1) * SMP_FIELD_BLOCK, field->rows); r++)
          for (gint c = bx * SMP_FIELD_BLOCK;
               c < MIN ((bx + 1) * SMP_FIELD_BLOCK, field->cols); c++)
            values[n++] = field->mean[(gsize) r * field->cols + c];

        field->p75[by * field->block_cols + bx]
            = select_kth (values, n, (n * 3) / 4);
      }
}

/* Skin reference of each block of block rows [first, last): the median of
 * its neighbourhood's percentiles, but never below its own, so that one
 * shiny or hairy block does not decide.
 */
static void
block_skin (gpointer data, gsize first, gsize last)
{
  SmpField *field = data;
  gfloat    window[9];

  for (gint by = (gint) first; by < (gint) last; by++)
    for (gint bx = 0; bx < field->block_cols; bx++)
      {
        gint n = 0;

        for (gint dy = -1; dy <= 1; dy++)
          for (gint dx = -1; dx <= 1; dx++)
            {
              const gint x = bx + dx, y = by + dy;

              if (x >= 0 && y >= 0 && x < field->block_cols
                  && y < field->block_rows)
                window[n++] = field->p75[y * field->block_cols + x];
            }

        field->skin[by * field->block_cols + bx]
            = MAX (select_kth (window, n, n / 2),
                   field->p75[by * field->block_cols + bx]);
      }
}

/* The bodies of smp_hair_likeness() and smp_field_skin_reference(),
 * inline and without branches, so that the compiler can work on several
 * cells at once in the loop over every cell.
 */
static inline gfloat
hair_likeness (gfloat luma, gfloat skin)
{
  const gfloat darkness = 1.0f - luma / skin;
  const gfloat t0
      = (darkness - HAIR_DARKNESS_LO) / (HAIR_DARKNESS_HI - HAIR_DARKNESS_LO);
  const gfloat   t     = CLAMP (t0, 0.0f, 1.0f);
  const gboolean valid = skin > 1e-6f && isfinite (luma);

  return valid ? t * t * (3.0f - 2.0f * t) : 0.0f;
}

/* Bilinear between a0, a1 (top) and b0, b1 (bottom). */
static inline gfloat
bilinear (gfloat a0, gfloat a1, gfloat b0, gfloat b1, gfloat tx, gfloat ty)
{
  const gfloat top = a0 + (a1 - a0) * tx;
  const gfloat bot = b0 + (b1 - b0) * tx;

  return top + (bot - top) * ty;
}

/* Where pixel coordinate v falls among the centres of n skin blocks
 * along one axis, in blocks.
 */
static inline gfloat
block_coord (gfloat v, gint n)
{
  const gfloat f = v / (gfloat) (SMP_FIELD_CELL * SMP_FIELD_BLOCK) - 0.5f;

  return CLAMP (f, 0.0f, n - 1.0f);
}

static inline gfloat
skin_reference (const SmpField *field, gfloat x, gfloat y)
{
  const gfloat fx = block_coord (x, field->block_cols);
  const gfloat fy = block_coord (y, field->block_rows);
  gint         x0, y0, x1, y1;
  gfloat       tx, ty;

  x0 = (gint) fx;
  y0 = (gint) fy;
  x1 = MIN (x0 + 1, field->block_cols - 1);
  y1 = MIN (y0 + 1, field->block_rows - 1);
  tx = fx - x0;
  ty = fy - y0;

  {
    const gfloat *s  = field->skin;
    const gint    bw = field->block_cols;

    return bilinear (s[y0 * bw + x0], s[y0 * bw + x1], s[y1 * bw + x0],
                     s[y1 * bw + x1], tx, ty);
  }
}

gfloat
smp_hair_likeness (gfloat luma, gfloat skin)
{
  return hair_likeness (luma, skin);
}

gfloat
smp_field_skin_reference (const SmpField *field, gfloat x, gfloat y)
{
  return skin_reference (field, x, y);
}

/* Where the centre of cell column c falls among the skin blocks' centres,
 * as skin_reference() places it.
 */
static inline gfloat
block_x (const SmpField *field, gint c)
{
  return block_coord ((c + 0.5f) * SMP_FIELD_CELL, field->block_cols);
}

/* Fraction of each cell of rows [first, last) that hair covers: how far
 * the darkest pixel is hair, times how far the mean is pulled from the
 * skin toward that pixel.  A row goes in runs of cells between the same
 * four skin blocks, and no cell branches, so that the compiler can work on
 * several cells at once.
 */
static void
estimate_hair (gpointer data, gsize first, gsize last)
{
  SmpField  *field = data;
  const gint bw    = field->block_cols;

  for (gint r = (gint) first; r < (gint) last; r++)
    {
      const gfloat fy
          = block_coord ((r + 0.5f) * SMP_FIELD_CELL, field->block_rows);
      const gint   y0  = (gint) fy;
      const gint   y1  = MIN (y0 + 1, field->block_rows - 1);
      const gfloat ty  = fy - y0;
      const gsize  row = (gsize) r * field->cols;
      gint         c   = 0;

      while (c < field->cols)
        {
          /* The run of cells whose x falls between blocks x0 and x1. */
          const gint   x0  = (gint) block_x (field, c);
          const gint   x1  = MIN (x0 + 1, bw - 1);
          const gfloat a0  = field->skin[y0 * bw + x0];
          const gfloat a1  = field->skin[y0 * bw + x1];
          const gfloat b0  = field->skin[y1 * bw + x0];
          const gfloat b1  = field->skin[y1 * bw + x1];
          gint         end = c + 1;

          while (end < field->cols && (gint) block_x (field, end) == x0)
            end++;

          for (gint k = c; k < end; k++)
            {
              const gsize  i = row + k;
              const gfloat skin
                  = bilinear (a0, a1, b0, b1, block_x (field, k) - x0, ty);
              const gfloat mean     = field->mean[i];
              const gfloat dark     = field->darkest[i];
              const gfloat likeness = hair_likeness (dark, skin);
              const gfloat spread   = skin - dark;
              const gfloat cover = CLAMP ((skin - mean) / spread, 0.0f, 1.0f);
              const gfloat coverage = spread > 1e-6f ? cover : 1.0f;

              field->hair[i] = likeness * coverage;

              /* Pixels that stood out in their cell are hair only if the
               * darkest of them reads as hair against the skin.
               */
              field->dark[i] = likeness < 0.5f ? 0 : field->dark[i];
            }
          c = end;
        }
    }
}

/* Rows [from, to) of some work on the field, over the cores or not. */
typedef struct
{
  SmpField    *field;
  gsize        from;
  SmpRangeFunc func;
} Rows;

static void
rows_run (gpointer data, gsize first, gsize last)
{
  const Rows *rows = data;

  rows->func (rows->field, rows->from + first, rows->from + last);
}

static void
run_rows (SmpField *field, SmpRangeFunc func, gint from, gint to,
          gsize min_parallel, gboolean parallel)
{
  Rows rows = { field, (gsize) from, func };

  if (to <= from)
    return;
  if (parallel)
    smp_parallel_for ((gsize) (to - from), min_parallel, rows_run, &rows);
  else
    func (field, (gsize) from, (gsize) to);
}

/* Does what the rows in so far allow, in the order of the dependencies: a
 * block's percentile needs its cells, its skin reference the percentiles
 * of the blocks around it, and the hair in its cells the skin references
 * of the blocks around it.  Every block and cell is worked out once, from
 * complete inputs, so the field is the same however the pixels came.
 */
static void
finish_ready (SmpField *field, gboolean parallel)
{
  const gint blocks  = field->block_rows;
  const gint p75_to  = field->rows_in == field->rows
                           ? blocks
                           : field->rows_in / SMP_FIELD_BLOCK;
  const gint skin_to = p75_to == blocks ? blocks : MAX (p75_to - 1, 0);
  const gint hair_to = skin_to == blocks ? blocks : MAX (skin_to - 1, 0);

  run_rows (field, block_percentiles, field->p75_done, p75_to,
            PARALLEL_BLOCK_ROWS, parallel);
  field->p75_done = MAX (field->p75_done, p75_to);
  run_rows (field, block_skin, field->skin_done, skin_to, PARALLEL_BLOCK_ROWS,
            parallel);
  field->skin_done = MAX (field->skin_done, skin_to);
  run_rows (field, estimate_hair, field->hair_done * SMP_FIELD_BLOCK,
            MIN (hair_to * SMP_FIELD_BLOCK, field->rows), PARALLEL_CELL_ROWS,
            parallel);
  field->hair_done = MAX (field->hair_done, hair_to);
}

/* Cells that are not a seed of the distance transform start this far. */
#define EDT_FAR 1e30

/* One dimension of Felzenszwalb and Huttenlocher's squared distance
 * transform: f in, d out, both n long; v and z are scratch (n and n + 1).
 */
static void
edt_1d (const gdouble *f, gdouble *d, gint n, gint *v, gdouble *z)
{
  gint k = 0;

  v[0] = 0;
  z[0] = -G_MAXDOUBLE;
  z[1] = G_MAXDOUBLE;

  for (gint q = 1; q < n; q++)
    {
      gdouble s = ((f[q] + (gdouble) q * q) - (f[v[k]] + (gdouble) v[k] * v[k]))
                  / (2.0 * (q - v[k]));

      while (s <= z[k])
        {
          k--;
          s = ((f[q] + (gdouble) q * q) - (f[v[k]] + (gdouble) v[k] * v[k]))
              / (2.0 * (q - v[k]));
        }

      k++;
      v[k]     = q;
      z[k]     = s;
      z[k + 1] = G_MAXDOUBLE;
    }

  k = 0;
  for (gint q = 0; q < n; q++)
    {
      while (z[k + 1] < q)
        k++;
      d[q] = (gdouble) (q - v[k]) * (q - v[k]) + f[v[k]];
    }
}

/* Turns grid (cols x rows: 0 at the seeds, EDT_FAR elsewhere) into each
 * cell's squared distance, in cells, to the nearest seed.
 */
static void
distance_transform (gdouble *grid, gint cols, gint rows)
{
  const gsize n = (gsize) MAX (cols, rows);
  gdouble    *f = g_new (gdouble, n);
  gdouble    *d = g_new (gdouble, n);
  gdouble    *z = g_new (gdouble, n + 1);
  gint       *v = g_new (gint, n);

  for (gint c = 0; c < cols; c++)
    {
      for (gint r = 0; r < rows; r++)
        f[r] = grid[(gsize) r * cols + c];
      edt_1d (f, d, rows, v, z);
      for (gint r = 0; r < rows; r++)
        grid[(gsize) r * cols + c] = d[r];
    }

  for (gint r = 0; r < rows; r++)
    {
      memcpy (f, grid + (gsize) r * cols, cols * sizeof (gdouble));
      edt_1d (f, grid + (gsize) r * cols, cols, v, z);
    }

  g_free (f);
  g_free (d);
  g_free (z);
  g_free (v);
}

/* Distance from each cell to the nearest cell less than half selected.
 * Reads only the selection, so it runs beside the hair estimate.  With
 * everything selected, as without a selection, there is no edge to
 * measure, and dist stays NULL: every cell is infinitely far from one.
 */
static gpointer
edge_distances (gpointer data)
{
  SmpField   *field = data;
  const gsize n     = (gsize) field->cols * field->rows;
  gsize       first_edge;
  gdouble    *grid;

  for (first_edge = 0; first_edge < n; first_edge++)
    if (field->sel[first_edge] < 0.5f)
      break;
  if (first_edge == n)
    return NULL;

  grid = g_new (gdouble, n);
  for (gsize i = 0; i < n; i++)
    grid[i] = field->sel[i] < 0.5f ? 0.0 : EDT_FAR;
  distance_transform (grid, field->cols, field->rows);

  field->dist = g_new (gfloat, n);
  for (gsize i = 0; i < n; i++)
    field->dist[i] = grid[i] >= EDT_FAR / 2
                         ? G_MAXFLOAT
                         : (gfloat) (sqrt (grid[i]) * SMP_FIELD_CELL);

  g_free (grid);
  return NULL;
}

void
smp_field_finish (SmpField *field)
{
  GThread *distances;

  g_return_if_fail (! field->finished);

  /* Rows that came in any other order than from the top are all here
   * now.
   */
  field->rows_in = field->rows;
  distances      = g_thread_new ("smp-distances", edge_distances, field);
  finish_ready (field, TRUE);
  g_thread_join (distances);

  g_clear_pointer (&field->mean, g_free);
  g_clear_pointer (&field->darkest, g_free);
  g_clear_pointer (&field->p75, g_free);
  g_clear_pointer (&field->added, g_free);
  field->finished = TRUE;
}

gfloat
smp_field_selection (const SmpField *field, gint col, gint row)
{
  return field->sel[(gsize) row * field->cols + col];
}

gfloat
smp_field_hair (const SmpField *field, gint col, gint row)
{
  return field->hair[(gsize) row * field->cols + col];
}

guint16
smp_field_hair_pixels (const SmpField *field, gint col, gint row)
{
  return field->dark[(gsize) row * field->cols + col];
}

gfloat
smp_field_edge_distance (const SmpField *field, gint col, gint row)
{
  if (! field->dist)
    return G_MAXFLOAT;

  return field->dist[(gsize) row * field->cols + col];
}
