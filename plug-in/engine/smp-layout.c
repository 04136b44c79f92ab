/* scalp-micropigmentation: where the impressions go.
 *
 * Placement is weighted sample elimination (C. Yuksel, "Sample Elimination
 * for Generating Poisson Disk Sample Sets", Eurographics 2015): scatter a
 * few times more candidates than needed, following the density field, then
 * repeatedly remove the candidate most crowded by its neighbours.  What is
 * left is even but irregular, like a practitioner's hand; the count is
 * exact; the crowding radius follows the local density, so feathered and
 * faded regions stay even at their lower density.  Eliminating again from
 * the survivors gives the earlier sessions, each a well spread subset, so
 * later sessions fill between earlier impressions.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-layout.h"

#include <math.h>
#include <string.h>

#include "smp-match.h"
#include "smp-parallel.h"
#include "smp-random.h"

/* Candidates scattered per impression kept: the more, the more even the
 * result.  At 3 it is blue noise (Clark-Evans R 1.6, the closest pairs
 * 0.67 of the spacing apart); real healed work is less regular, R about
 * 1.4 with nearest distances spread a quarter of their mean, which 1.5
 * gives (R 1.40 to 1.43, spread 0.20, closest pairs 0.50 of the spacing,
 * no lattice: test-layout's /layout/natural-spacing).
 */
#define OVERSAMPLING 1.5

/* Yuksel's weight exponent and minimum-distance shaping. */
#define WEIGHT_ALPHA 8
#define WEIGHT_BETA 0.65
#define WEIGHT_GAMMA 1.5

/* Below this density weight the crowding radius stops growing, so that a
 * faint feather does not make every search huge.
 */
#define MIN_RADIUS_WEIGHT 0.0625

/* The hairline front wanders this far (times the fade width) in and out. */
#define HAIRLINE_WANDER 0.6

/* The density, as a share of the full one, of the impressions that stray
 * ahead of the hairline's front, to the selection's edge.
 */
#define STRAY_WEIGHT 0.04f

/* Stream tags for the hash, so that no two kinds of choice correlate. */
enum
{
  TAG_COUNT = 1,
  TAG_X,
  TAG_Y,
  TAG_KEY,
  TAG_FRONT,
  TAG_AVOID
};

typedef struct
{
  gfloat  x, y;
  gfloat  r;     /* crowding radius at full target density */
  guint32 index; /* into the candidate array */
} Point;

/* The candidates sorted by grid cell, so that a neighbourhood is close in
 * memory: elimination is bound by memory, not arithmetic.
 */
typedef struct
{
  Point   *pts;    /* sorted by cell */
  guint32 *origin; /* index in the caller's array of each sorted point */
  gsize    n;
  gfloat   cell;
  gint     cols, rows;
  gfloat   x0, y0;
  guint32 *start;  /* cols * rows + 1 offsets into pts */
  gfloat  *cell_r; /* largest crowding radius in each cell */
  gfloat   r_min, r_max;
  gdouble  radius_scale;
} Grid;

/* Neighbour indices, into a buffer that grows as needed. */
typedef struct
{
  guint32 *index;
  gsize    len, size;
} Near;

typedef struct
{
  SmpProgressFunc func;
  gpointer        data;
  gdouble         done, span; /* this stage maps to [done, done + span] */
} Progress;

gboolean
smp_layout_params_ok (const SmpParams *params)
{
  return smp_params_find_invalid (params) == NULL && params->scale >= 1.0;
}

gdouble
smp_session_share (gint k, gint n)
{
  static const gdouble shares[4][4] = {
    { 1.0 },
    { 0.5, 1.0 },
    { 0.3, 0.7, 1.0 }, /* the published three-session build-up */
    { 0.25, 0.5, 0.75, 1.0 },
  };

  g_return_val_if_fail (n >= 1 && n <= 4 && k >= 1 && k <= n, 1.0);
  return shares[n - 1][k - 1];
}

/* Pixels per cm: the engine is always handed a resolved scale. */
static gdouble
impressions_per_px2 (const SmpParams *params)
{
  return params->density / (params->scale * params->scale);
}

static gfloat
hairline_ramp (const SmpField *field, const SmpParams *params, gint col,
               gint row)
{
  const gfloat dist = smp_field_edge_distance (field, col, row);
  gdouble      fade, x, y, wander, t;

  if (params->hairline_fade <= 0.0 || dist >= G_MAXFLOAT)
    return 1.0f;

  fade = params->hairline_fade * params->scale / 10.0;
  if (fade < 1.0)
    return 1.0f;

  /* A broken front: three octaves of noise, one as wide as the fade, one
   * a third of it and one a tenth, move the ramp in and out along the
   * edge.
   */
  x      = (col + 0.5) * SMP_FIELD_CELL / fade;
  y      = (row + 0.5) * SMP_FIELD_CELL / fade;
  wander = 0.65 * smp_value_noise (params->seed ^ TAG_FRONT, x / 1.3, y / 1.3)
           + 0.35
                 * smp_value_noise (params->seed ^ (TAG_FRONT << 8), x * 3.0,
                                    y * 3.0)
           + 0.15
                 * smp_value_noise (params->seed ^ (TAG_FRONT << 16), x * 10.0,
                                    y * 10.0);
  /* The wander fades out toward the edge itself, where density is none. */
  t = (dist + HAIRLINE_WANDER * fade * wander * MIN (1.0, 2.0 * dist / fade))
      / fade;
  t = CLAMP (t, 0.0, 1.0);
  return (gfloat) (t * t * (3.0 - 2.0 * t));
}

/* Fewest field rows worth splitting over the cores. */
#define PARALLEL_ROWS 256

typedef struct
{
  const SmpField  *field;
  const SmpParams *params;
  const gfloat    *match; /* smp_match_new()'s, or NULL */
  gfloat          *w;
} WeightRows;

static void
weight_rows (gpointer data, gsize first, gsize last)
{
  const WeightRows *job   = data;
  const gint        cols  = smp_field_cols (job->field);
  const gfloat      blend = (gfloat) smp_params_hair_blend (job->params);

  for (gint r = (gint) first; r < (gint) last; r++)
    for (gint c = 0; c < cols; c++)
      {
        const gsize  i   = (gsize) r * cols + c;
        const gfloat sel = smp_field_selection (job->field, c, r);
        gfloat       v   = 0.0f;

        /* Single impressions stray ahead of the front, as a hand leaves
         * them.
         */
        if (sel > 0.0f)
          v = sel
              * MAX (hairline_ramp (job->field, job->params, c, r),
                     STRAY_WEIGHT)
              * (1.0f - blend * smp_field_hair (job->field, c, r))
              * (job->match ? job->match[i] : 1.0f);

        /* Comparisons first, so that not a number reads as none. */
        job->w[i] = v > 0.0f ? MIN (v, (gfloat) SMP_MATCH_MAX) : 0.0f;
      }
}

/* A value per cell of the field, row after row, from rows. */
static gfloat *
per_cell (const SmpField *field, const SmpParams *params, SmpRangeFunc rows)
{
  gfloat    *match = smp_match_new (field, params);
  WeightRows job   = { field, params, match,
                       g_new (gfloat, (gsize) smp_field_cols (field)
                                          * smp_field_rows (field)) };

  smp_parallel_for (smp_field_rows (field), PARALLEL_ROWS, rows, &job);
  g_free (match);
  return job.w;
}

gfloat *
smp_layout_weights (const SmpField *field, const SmpParams *params)
{
  return per_cell (field, params, weight_rows);
}

/* The ash tone's strength in each cell: the hairline's ramp wherever the
 * selection reaches, before any hair: the tone lies under hair too, which
 * hides it pixel by pixel (smp-render.c), with no pale rim around each
 * strand.  Where the treatment matches the hair around, the tone follows
 * it, up to its full strength.
 */
static void
tone_rows (gpointer data, gsize first, gsize last)
{
  const WeightRows *job  = data;
  const gint        cols = smp_field_cols (job->field);

  for (gint r = (gint) first; r < (gint) last; r++)
    for (gint c = 0; c < cols; c++)
      {
        const gsize i = (gsize) r * cols + c;

        job->w[i] = smp_field_selection (job->field, c, r) > 0.0f
                        ? hairline_ramp (job->field, job->params, c, r)
                              * (job->match ? MIN (job->match[i], 1.0f) : 1.0f)
                        : 0.0f;
      }
}

gfloat *
smp_layout_tone (const SmpField *field, const SmpParams *params)
{
  return per_cell (field, params, tone_rows);
}

static gdouble
expected_count (const SmpField *field, const SmpParams *params, const gfloat *w)
{
  const gint cols = smp_field_cols (field), rows = smp_field_rows (field);
  gdouble    sum = 0.0;

  for (gint r = 0; r < rows; r++)
    for (gint c = 0; c < cols; c++)
      sum += w[(gsize) r * cols + c] * smp_field_cell_area (field, c, r);

  return sum * impressions_per_px2 (params);
}

gdouble
smp_layout_expected_count (const SmpField *field, const SmpParams *params)
{
  g_return_val_if_fail (smp_layout_params_ok (params), 0.0);

  gfloat *w     = smp_layout_weights (field, params);
  gdouble count = expected_count (field, params, w);

  g_free (w);
  return count;
}

/* The pixels of a cw x ch cell that are not hair, as a bit set; 0 when
 * the cell has no hair or nothing but hair.
 */
static guint16
skin_pixels (guint16 hair, gint cw, gint ch)
{
  guint16 inside = 0;

  if (! hair)
    return 0;

  for (gint j = 0; j < ch; j++)
    for (gint i = 0; i < cw; i++)
      inside |= 1u << (j * SMP_FIELD_CELL + i);

  return inside & ~hair;
}

/* The hair pixels of a cell and those beside them, up, down, left or
 * right within the cell.
 */
static guint16
beside_hair (guint16 hair)
{
  /* Columns a shift left or right may come from without leaving its row. */
  const guint16 not_first = 0xeeee, not_last = 0x7777;

  return (guint16) (hair | ((hair << 1) & not_first) | ((hair >> 1) & not_last)
                    | (hair << SMP_FIELD_CELL) | (hair >> SMP_FIELD_CELL));
}

/* Moves a candidate to the same spot within a pixel of the cell that is
 * skin, chosen by hash among them.
 */
static void
move_onto_skin (Point *p, guint16 skin, gint x0, gint y0, guint32 hash)
{
  gint pick = (gint) (hash % (guint32) __builtin_popcount (skin));
  gint bit  = -1;

  while (pick >= 0)
    {
      bit++;
      if ((skin >> bit) & 1)
        pick--;
    }

  p->x = x0 + bit % SMP_FIELD_CELL + (p->x - floorf (p->x));
  p->y = y0 + bit / SMP_FIELD_CELL + (p->y - floorf (p->y));
}

/* Candidates scattered cell by cell, in proportion to the weights; each
 * gets the crowding radius of the density where it lies.  Rows are
 * counted first, so that each can then be filled on its own; the counts
 * are kept by cell for the filling.  They fit in 16 bits: a cell of 16
 * pixels gets at most OVERSAMPLING x 400 impressions per px² (the highest
 * density at the lowest scale, 1 px per cm), 19 200.
 */
typedef struct
{
  const SmpField  *field;
  const SmpParams *params;
  const gfloat    *w;
  gdouble          r_full;
  gsize           *row_start; /* candidates before each row; rows + 1 */
  guint16         *count;     /* candidates of each cell */
  Point           *pts;
  guint32         *keys;
} Scatter;

/* How many candidates cell (c, r) gets. */
static gint
cell_candidates (const Scatter *job, gint c, gint r)
{
  const gint    cols = smp_field_cols (job->field);
  const gsize   cell = (gsize) r * cols + c;
  const gint    x0 = c * SMP_FIELD_CELL, y0 = r * SMP_FIELD_CELL;
  const gint    cw = MIN (SMP_FIELD_CELL, smp_field_width (job->field) - x0);
  const gint    ch = MIN (SMP_FIELD_CELL, smp_field_height (job->field) - y0);
  const gdouble per_px2 = OVERSAMPLING * impressions_per_px2 (job->params);

  if (job->w[cell] <= 0.0f)
    return 0;

  return (gint) floor (
      per_px2 * job->w[cell] * cw * ch
      + smp_hash_uniform ((guint32) job->params->seed, cell, 0, TAG_COUNT));
}

static void
count_rows (gpointer data, gsize first, gsize last)
{
  const Scatter *job  = data;
  const gint     cols = smp_field_cols (job->field);

  for (gsize r = first; r < last; r++)
    {
      gsize n = 0;

      for (gint c = 0; c < cols; c++)
        {
          const gint k = cell_candidates (job, c, (gint) r);

          job->count[r * cols + c] = (guint16) k;
          n += k;
        }
      job->row_start[r + 1] = n;
    }
}

/* Cells around one, each way, over which hair is averaged for the
 * candidates' radius.
 */
#define HAIR_REACH 2

/* The weight a candidate's radius of elimination follows: the cell's, but
 * with hair averaged over the cells around it.  Hair varies from pixel to
 * pixel, much faster than impressions are spaced; where it thins the
 * density, it does so over a patch of scalp, and a radius as fine-grained
 * as the strands would keep too many impressions among them, at the bare
 * skin's expense.
 */
static gdouble
radius_weight (const Scatter *job, gint c, gint r, gdouble wc)
{
  const SmpField *field = job->field;
  const gdouble   blend = smp_params_hair_blend (job->params);
  const gint      cols = smp_field_cols (field), rows = smp_field_rows (field);
  gdouble         hair = 0.0, own;
  gint            n    = 0;

  if (blend <= 0.0)
    return wc;

  own = 1.0 - blend * smp_field_hair (field, c, r);
  if (own <= 0.0)
    return wc;

  for (gint j = MAX (r - HAIR_REACH, 0); j <= MIN (r + HAIR_REACH, rows - 1);
       j++)
    for (gint i = MAX (c - HAIR_REACH, 0); i <= MIN (c + HAIR_REACH, cols - 1);
         i++)
      if (smp_field_selection (field, i, j) > 0.0f)
        {
          hair += smp_field_hair (field, i, j);
          n++;
        }

  return wc / own * (1.0 - blend * hair / MAX (n, 1));
}

static void
fill_rows (gpointer data, gsize first, gsize last)
{
  const Scatter  *job    = data;
  const SmpField *field  = job->field;
  const gint      cols   = smp_field_cols (field);
  const gint      width  = smp_field_width (field);
  const gint      height = smp_field_height (field);
  const guint32   seed   = (guint32) job->params->seed;

  for (gint r = (gint) first; r < (gint) last; r++)
    {
      gsize at = job->row_start[r];

      for (gint c = 0; c < cols; c++)
        {
          const gsize   cell = (gsize) r * cols + c;
          const gint    n    = job->count[cell];
          const gint    x0 = c * SMP_FIELD_CELL, y0 = r * SMP_FIELD_CELL;
          const gint    cw = MIN (SMP_FIELD_CELL, width - x0);
          const gint    ch = MIN (SMP_FIELD_CELL, height - y0);
          const gdouble wc = job->w[cell];
          gfloat        radius;
          guint16       skin_px;

          if (n == 0)
            continue;

          radius  = (gfloat) (job->r_full
                             / sqrt (MAX (radius_weight (job, c, r, wc),
                                           MIN_RADIUS_WEIGHT)));
          skin_px = skin_pixels (smp_field_hair_pixels (field, c, r), cw, ch);
          /* Clear of the strands' edges where the cell has such skin: a
           * strand's edge pixels are the ones most often not found.
           */
          if (skin_px & ~beside_hair (~skin_px))
            skin_px &= ~beside_hair (~skin_px);
          for (gint k = 0; k < n; k++, at++)
            {
              Point p = { x0 + cw * smp_hash_uniform (seed, cell, k, TAG_X),
                          y0 + ch * smp_hash_uniform (seed, cell, k, TAG_Y),
                          radius, (guint32) at };

              /* Between the hairs, not on them: as strongly as hair
               * blend.
               */
              if (skin_px
                  && smp_hash_uniform (seed, cell, k, TAG_AVOID)
                         < smp_params_hair_blend (job->params))
                move_onto_skin (&p, skin_px, x0, y0,
                                smp_hash (seed, cell, k, TAG_AVOID));

              job->pts[at]  = p;
              job->keys[at] = smp_hash (seed, cell, k, TAG_KEY);
            }
        }
    }
}

static Point *
scatter_candidates (const SmpField *field, const SmpParams *params,
                    const gfloat *w, gdouble r_full, guint32 **keys,
                    gsize *n_points)
{
  const gint rows = smp_field_rows (field);
  Scatter    job  = { field,
                      params,
                      w,
                      r_full,
                      g_new0 (gsize, rows + 1),
                      g_new (guint16, (gsize) rows * smp_field_cols (field)),
                      NULL,
                      NULL };

  smp_parallel_for (rows, PARALLEL_ROWS, count_rows, &job);
  for (gint r = 0; r < rows; r++)
    job.row_start[r + 1] += job.row_start[r];

  *n_points = job.row_start[rows];
  job.pts   = g_new (Point, MAX (*n_points, 1));
  job.keys  = g_new (guint32, MAX (*n_points, 1));
  smp_parallel_for (rows, PARALLEL_ROWS, fill_rows, &job);

  g_free (job.row_start);
  g_free (job.count);
  *keys = job.keys;
  return job.pts;
}

static gint
grid_cell (const Grid *grid, const Point *p)
{
  const gint cx = (gint) ((p->x - grid->x0) / grid->cell);
  const gint cy = (gint) ((p->y - grid->y0) / grid->cell);

  return cy * grid->cols + cx;
}

/* Sorts the points into square cells as wide as the range of the
 * smallest crowding radius: where density is even, a point's neighbours
 * are in the 3 x 3 cells around it, and where a faint feather widens some
 * radii, the cells too far for any of their points' radii are skipped.
 */
static void
grid_init (Grid *grid, const Point *pts, gsize n, gdouble radius_scale)
{
  gfloat   x1 = -G_MAXFLOAT, y1 = -G_MAXFLOAT;
  gfloat   cell;
  gsize    n_cells;
  guint32 *fill;

  grid->n            = n;
  grid->radius_scale = radius_scale;
  grid->x0 = grid->y0 = G_MAXFLOAT;
  grid->r_min         = n > 0 ? G_MAXFLOAT : 0.0f;
  grid->r_max         = 0.0f;
  for (gsize i = 0; i < n; i++)
    {
      grid->x0    = MIN (grid->x0, pts[i].x);
      grid->y0    = MIN (grid->y0, pts[i].y);
      x1          = MAX (x1, pts[i].x);
      y1          = MAX (y1, pts[i].y);
      grid->r_min = MIN (grid->r_min, pts[i].r);
      grid->r_max = MAX (grid->r_max, pts[i].r);
    }
  cell = (gfloat) (2.0 * grid->r_min * radius_scale);

  /* Never more cells than about four per point: a sparse selection over a
   * huge drawable must not make a huge grid.
   */
  if (n > 0)
    {
      const gdouble area = (gdouble) (x1 - grid->x0 + 1) * (y1 - grid->y0 + 1);

      cell = (gfloat) MAX (cell, sqrt (area / (4.0 * n)));
    }
  else
    {
      grid->x0 = grid->y0 = 0;
      x1 = y1 = 0;
    }

  grid->cell = cell;
  grid->cols = (gint) ((x1 - grid->x0) / cell) + 1;
  grid->rows = (gint) ((y1 - grid->y0) / cell) + 1;
  n_cells    = (gsize) grid->cols * grid->rows;

  grid->start  = g_new0 (guint32, n_cells + 1);
  grid->cell_r = g_new0 (gfloat, n_cells);
  grid->pts    = g_new (Point, MAX (n, 1));
  grid->origin = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    grid->start[grid_cell (grid, &pts[i]) + 1]++;
  for (gsize c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];

  fill = g_memdup2 (grid->start, n_cells * sizeof (guint32));
  for (gsize i = 0; i < n; i++)
    {
      const gint    c = grid_cell (grid, &pts[i]);
      const guint32 k = fill[c]++;

      grid->pts[k]    = pts[i];
      grid->origin[k] = (guint32) i;
      grid->cell_r[c] = MAX (grid->cell_r[c], pts[i].r);
    }
  g_free (fill);
}

static void
grid_clear (Grid *grid)
{
  g_free (grid->start);
  g_free (grid->cell_r);
  g_free (grid->pts);
  g_free (grid->origin);
}

/* Whether cell (cx, cy) is too far from p for any of its points to be in
 * range: farther than p's radius and the cell's largest, with a little to
 * spare for rounding (a point counted in vain weighs nothing).
 */
static inline gboolean
grid_cell_out_of_range (const Grid *grid, const Point *p, gint cx, gint cy)
{
  const gsize   c     = (gsize) cy * grid->cols + cx;
  const gdouble left  = grid->x0 + (gdouble) cx * grid->cell;
  const gdouble top   = grid->y0 + (gdouble) cy * grid->cell;
  const gdouble gap_x = MAX (0.0, MAX (left - p->x, p->x - left - grid->cell));
  const gdouble gap_y = MAX (0.0, MAX (top - p->y, p->y - top - grid->cell));
  const gdouble range
      = (p->r + grid->cell_r[c]) * grid->radius_scale + 1e-3 * grid->cell;

  return gap_x * gap_x + gap_y * gap_y >= range * range;
}

/* Runs of sorted points, each [first, last). */
typedef struct
{
  guint32 first, last;
} Run;

typedef struct
{
  Run  *run;
  gsize len, size;
} Runs;

/* Collects the runs of sorted points that may be within range of sorted
 * point i, point i itself among them, in the grid's order: row by row,
 * cell by cell.
 */
static void
grid_neighbours (const Grid *grid, guint32 i, Runs *out)
{
  const Point  *p     = &grid->pts[i];
  const gdouble range = (p->r + grid->r_max) * grid->radius_scale;
  const gint    cx0 = MAX (0, (gint) ((p->x - range - grid->x0) / grid->cell));
  const gint    cy0 = MAX (0, (gint) ((p->y - range - grid->y0) / grid->cell));
  const gint    cx1
      = MIN (grid->cols - 1, (gint) ((p->x + range - grid->x0) / grid->cell));
  const gint cy1
      = MIN (grid->rows - 1, (gint) ((p->y + range - grid->y0) / grid->cell));
  const gsize most = (gsize) (cy1 - cy0 + 1) * (cx1 - cx0 + 1);

  out->len = 0;
  if (most > out->size)
    {
      out->size = MAX (2 * out->size, most);
      out->run  = g_renew (Run, out->run, out->size);
    }

  for (gint cy = cy0; cy <= cy1; cy++)
    {
      /* Even density: the row's cells are all near enough to take whole,
       * and the cells of one grid row are contiguous.
       */
      if (grid->r_min == grid->r_max)
        {
          out->run[out->len++]
              = (Run){ grid->start[(gsize) cy * grid->cols + cx0],
                       grid->start[(gsize) cy * grid->cols + cx1 + 1] };
          continue;
        }

      for (gint cx = cx0; cx <= cx1; cx++)
        {
          const gsize c = (gsize) cy * grid->cols + cx;

          if (grid->start[c] == grid->start[c + 1]
              || grid_cell_out_of_range (grid, p, cx, cy))
            continue;
          out->run[out->len++] = (Run){ grid->start[c], grid->start[c + 1] };
        }
    }
}

/* Yuksel's weight of one neighbour: large when close, none past range. */
static inline gdouble
pair_weight (const Point *a, const Point *b, gdouble scale, gdouble min_frac)
{
  const gdouble range = (a->r + b->r) * scale;
  const gdouble dx = a->x - b->x, dy = a->y - b->y;
  const gdouble d2 = dx * dx + dy * dy;
  gdouble       d, t, t2, t4;

  if (d2 >= range * range)
    return 0.0;

  d  = MAX (sqrt (d2), min_frac * range);
  t  = 1.0 - d / range;
  t2 = t * t;
  t4 = t2 * t2;
  return t4 * t4; /* WEIGHT_ALPHA = 8 */
}

/* A max-heap of crowding weights, ties broken by index so that the
 * outcome never depends on anything but the points.  A point's weight
 * lives in its entry, and pos[] finds the entry, so that lowering it is
 * one short sift: a removal lowers only its few neighbours, a little each.
 * Each node has four children, which halves the levels a sift goes
 * through.
 */
typedef struct
{
  gdouble key; /* the point's current crowding weight */
  guint32 index;
} HeapEntry;

typedef struct
{
  HeapEntry *heap;
  guint32   *pos; /* by point index: where its entry is */
  gsize      size;
} Heap;

#define HEAP_ARITY 4

/* Fewest points whose crowding weights are worth splitting over the cores. */
#define PARALLEL_POINTS 20000

static inline gboolean
heap_above (const HeapEntry *a, const HeapEntry *b)
{
  return a->key > b->key || (a->key == b->key && a->index > b->index);
}

/* Moves entry i down to its place; weights only ever fall, so an entry
 * never needs to move up.
 */
static void
heap_down (Heap *h, gsize i)
{
  const HeapEntry item = h->heap[i];

  while (TRUE)
    {
      const gsize first = HEAP_ARITY * i + 1;
      const gsize last  = MIN (first + HEAP_ARITY, h->size);
      gsize       top   = first;

      if (first >= h->size)
        break;
      for (gsize c = first + 1; c < last; c++)
        if (heap_above (&h->heap[c], &h->heap[top]))
          top = c;
      if (! heap_above (&h->heap[top], &item))
        break;
      h->heap[i]               = h->heap[top];
      h->pos[h->heap[i].index] = (guint32) i;
      i                        = top;
    }

  h->heap[i]         = item;
  h->pos[item.index] = (guint32) i;
}

/* Removes and returns the point of the highest weight. */
/* Orders the n entries in h->heap, most crowded on top. */
static void
heap_build (Heap *h, gsize n)
{
  h->pos  = g_new (guint32, n);
  h->size = n;
  for (gsize i = 0; i < n; i++)
    h->pos[i] = (guint32) i;

  /* From the last node with children up to the root. */
  for (gsize i = n > 1 ? (n - 2) / HEAP_ARITY + 1 : 0; i-- > 0;)
    heap_down (h, i);
}

static guint32
heap_pop (Heap *h)
{
  const guint32 top = h->heap[0].index;

  h->size--;
  if (h->size > 0)
    {
      h->heap[0] = h->heap[h->size];
      heap_down (h, 0);
    }
  return top;
}

/* Lowers point j's weight by amount. */
static inline void
heap_lower (Heap *h, guint32 j, gdouble amount)
{
  const guint32 at = h->pos[j];

  h->heap[at].key -= amount;
  heap_down (h, at);
}

static gboolean
report (Progress *progress, gdouble fraction)
{
  if (! progress->func)
    return TRUE;

  return progress->func (progress->done + progress->span * fraction,
                         progress->data);
}

/* Each point's neighbours within range, found once: a removal then lowers
 * just those, with no search.  Point i's are index[start[i]] up to
 * index[start[i + 1]].
 */
typedef struct
{
  gsize   *start; /* n + 1 */
  guint32 *index;
} Neighbours;

/* The neighbours within range of one part of the points, start[] counting
 * from the range's own first neighbour until the ranges are joined.
 */
typedef struct
{
  gsize first;
  Near  near;
} NeighbourPart;

typedef struct
{
  const Grid *grid;
  gdouble     radius_scale, min_frac;
  HeapEntry  *entry; /* by point */
  gsize      *start; /* Neighbours.start, per range */
  GArray     *parts; /* of NeighbourPart */
  GMutex      lock;  /* on parts */
} Weights;

/* The heap entries, crowding weight and index, and the neighbours within
 * range of points [first, last), independent of any other range's.
 */
static void
sum_weights (gpointer data, gsize first, gsize last)
{
  Weights      *job  = data;
  const Point  *pts  = job->grid->pts;
  Runs          runs = { NULL, 0, 0 };
  NeighbourPart part = { first, { NULL, 0, 0 } };

  for (gsize i = first; i < last; i++)
    {
      gdouble sum = 0.0;

      job->start[i] = part.near.len;
      grid_neighbours (job->grid, (guint32) i, &runs);
      for (gsize m = 0; m < runs.len; m++)
        {
          const Run run = runs.run[m];

          if (part.near.len + (run.last - run.first) > part.near.size)
            {
              part.near.size = MAX (2 * part.near.size,
                                    part.near.len + (run.last - run.first));
              part.near.index
                  = g_renew (guint32, part.near.index, part.near.size);
            }
          for (guint32 k = run.first; k < run.last; k++)
            {
              gdouble w;

              if (k == i)
                continue;
              w = pair_weight (&pts[i], &pts[k], job->radius_scale,
                               job->min_frac);
              sum += w;
              if (w > 0.0)
                part.near.index[part.near.len++] = k;
            }
        }
      job->entry[i] = (HeapEntry){ sum, (guint32) i };
    }

  g_free (runs.run);
  g_mutex_lock (&job->lock);
  g_array_append_val (job->parts, part);
  g_mutex_unlock (&job->lock);
}

static gint
part_order (gconstpointer a, gconstpointer b)
{
  const gsize x = ((const NeighbourPart *) a)->first;
  const gsize y = ((const NeighbourPart *) b)->first;

  return (x > y) - (x < y);
}

/* Crowding weights into the heap's entries, and neighbour lists. */
static void
weigh (const Grid *grid, gdouble radius_scale, gdouble min_frac,
       HeapEntry *entry, Neighbours *neighbours)
{
  Weights job   = { grid, radius_scale, min_frac, entry, NULL, NULL, { 0 } };
  gsize   total = 0;

  neighbours->start = g_new (gsize, grid->n + 1);
  job.start         = neighbours->start;
  job.parts         = g_array_new (FALSE, FALSE, sizeof (NeighbourPart));
  g_mutex_init (&job.lock);
  smp_parallel_for (grid->n, PARALLEL_POINTS, sum_weights, &job);
  g_mutex_clear (&job.lock);

  /* The ranges' lists one after the other, in the points' order. */
  g_array_sort (job.parts, part_order);
  for (guint k = 0; k < job.parts->len; k++)
    total += g_array_index (job.parts, NeighbourPart, k).near.len;
  neighbours->index = g_new (guint32, MAX (total, 1));
  total             = 0;
  for (guint k = 0; k < job.parts->len; k++)
    {
      const NeighbourPart *part = &g_array_index (job.parts, NeighbourPart, k);
      const gsize          last
          = k + 1 < job.parts->len
                ? g_array_index (job.parts, NeighbourPart, k + 1).first
                : grid->n;

      if (part->near.len > 0)
        memcpy (neighbours->index + total, part->near.index,
                part->near.len * sizeof (guint32));
      for (gsize i = part->first; i < last; i++)
        neighbours->start[i] += total;
      g_free (part->near.index);
      total += part->near.len;
    }
  neighbours->start[grid->n] = total;
  g_array_free (job.parts, TRUE);
}

/* The elimination is bound by memory, not arithmetic, and the point on top
 * of the heap is most likely the next to go: while one removal is worked
 * out, these ask the memory for what the next will read.  They take the
 * placement of 96 000 impressions (24 MP at density 40) from 0.19-0.25 s
 * to 0.14-0.17 s.  First its own entries and neighbour list...
 */
static inline void
prefetch_list (const Heap *heap, const Neighbours *neighbours, const Point *pts)
{
  if (heap->size > 0)
    {
      const guint32 next = heap->heap[0].index;

      __builtin_prefetch (&pts[next]);
      __builtin_prefetch (&neighbours->index[neighbours->start[next]]);
    }
}

/* ...then, once the list has arrived, its neighbours. */
static inline void
prefetch_neighbours (const Heap *heap, const Neighbours *neighbours,
                     const Point *pts, const guint8 *gone)
{
  if (heap->size > 0)
    {
      const guint32 next = heap->heap[0].index;

      for (gsize k = neighbours->start[next]; k < neighbours->start[next + 1];
           k++)
        {
          const guint32 j = neighbours->index[k];

          __builtin_prefetch (&gone[j]);
          __builtin_prefetch (&pts[j]);
          __builtin_prefetch (&heap->pos[j]);
        }
    }
}

/* Removes the most crowded points of pts until target remain; marks the
 * removed ones in removed[] (by position in pts).  radius_scale widens
 * the crowding radius for a sparser target.
 */
static gboolean
eliminate (const Point *pts, gsize n, gsize target, gdouble radius_scale,
           gboolean *removed, Progress *progress)
{
  const gdouble min_frac
      = WEIGHT_BETA * (1.0 - pow ((gdouble) target / MAX (n, 1), WEIGHT_GAMMA))
        / 2.0;
  Grid       grid;
  Heap       heap;
  Neighbours neighbours;
  guint8    *gone; /* by sorted index */
  gsize      step;
  gboolean   ok = TRUE;

  memset (removed, 0, n * sizeof (gboolean));
  if (target >= n)
    return TRUE;

  grid_init (&grid, pts, n, radius_scale);
  pts  = grid.pts;
  gone = g_new0 (guint8, n);

  heap.heap = g_new (HeapEntry, n);
  weigh (&grid, radius_scale, min_frac, heap.heap, &neighbours);
  heap_build (&heap, n);

  step = MAX ((n - target) / 50, 1024);
  for (gsize removed_count = 0; heap.size > target; removed_count++)
    {
      const guint32 i = heap_pop (&heap);

      gone[i] = TRUE;
      prefetch_list (&heap, &neighbours, pts);
      for (gsize k = neighbours.start[i]; k < neighbours.start[i + 1]; k++)
        {
          const guint32 j = neighbours.index[k];

          if (! gone[j])
            heap_lower (&heap, j,
                        pair_weight (&pts[i], &pts[j], radius_scale, min_frac));
        }
      prefetch_neighbours (&heap, &neighbours, pts, gone);

      if (removed_count % step == 0
          && ! report (progress, (gdouble) removed_count / (n - target)))
        {
          ok = FALSE;
          break;
        }
    }

  for (gsize i = 0; i < n; i++)
    removed[grid.origin[i]] = gone[i];

  g_free (heap.heap);
  g_free (heap.pos);
  g_free (neighbours.start);
  g_free (neighbours.index);
  g_free (gone);
  grid_clear (&grid);
  return ok;
}

/* Keeps the points not removed, in order; returns how many. */
static gsize
compact (Point *pts, gsize n, const gboolean *removed)
{
  gsize kept = 0;

  for (gsize i = 0; i < n; i++)
    if (! removed[i])
      pts[kept++] = pts[i];

  return kept;
}

/* Thins the n candidates down to the finished treatment's target, then to
 * each earlier session in turn: the points removed on the way from session
 * k to k - 1 are session k's.  Fills session[] by candidate; FALSE when
 * cancelled.
 */
static gboolean
thin_by_session (const Point *all, gsize n, gsize target, gint sessions,
                 gint *session, Progress *progress)
{
  Point    *pts     = g_memdup2 (all, MAX (n, 1) * sizeof (Point));
  gboolean *removed = g_new (gboolean, MAX (n, 1));
  gboolean  ok      = TRUE;

  for (gint k = sessions; k >= 1 && ok; k--)
    {
      const gdouble share = smp_session_share (k, sessions);
      const gsize   goal  = (gsize) floor (target * share + 0.5);

      /* The first round, from all the candidates, is the long one. */
      progress->span = (k == sessions ? 0.7 : 0.3 / sessions);
      ok = eliminate (pts, n, goal, 1.0 / sqrt (share), removed, progress);
      progress->done += progress->span;

      for (gsize i = 0; i < n; i++)
        if (removed[i] && k < sessions)
          session[pts[i].index] = k + 1;

      n = compact (pts, n, removed);
    }

  for (gsize i = 0; i < n; i++)
    session[pts[i].index] = 1;

  g_free (pts);
  g_free (removed);
  return ok;
}

/* The candidates given a session, in scatter order, which is canonical. */
static SmpLayout *
collect (const SmpField *field, gint sessions, const Point *all,
         const guint32 *keys, const gint *session, gsize n_all)
{
  GArray    *out    = g_array_new (FALSE, FALSE, sizeof (SmpImpression));
  SmpLayout *layout = g_new0 (SmpLayout, 1);

  for (gsize i = 0; i < n_all; i++)
    if (session[i] > 0)
      {
        const SmpImpression imp = { all[i].x, all[i].y, keys[i], session[i] };

        g_array_append_val (out, imp);
      }

  layout->sessions      = sessions;
  layout->width         = smp_field_width (field);
  layout->height        = smp_field_height (field);
  layout->n_impressions = out->len;
  layout->impressions   = (SmpImpression *) g_array_free (out, FALSE);
  return layout;
}

SmpLayoutStatus
smp_layout_new (const SmpField *field, const SmpParams *params,
                SmpProgressFunc progress_func, gpointer user_data,
                SmpLayout **result)
{
  Progress progress = { progress_func, user_data, 0.0, 0.0 };
  Point   *all;
  guint32 *keys;
  gint    *session;
  gfloat  *w;
  gdouble  expected, r_full;
  gsize    n_all;
  gboolean ok;

  *result = NULL;
  if (! smp_layout_params_ok (params))
    return SMP_LAYOUT_INVALID;

  w        = smp_layout_weights (field, params);
  expected = expected_count (field, params, w);
  if (! (expected <= SMP_MAX_IMPRESSIONS))
    {
      g_free (w);
      return SMP_LAYOUT_TOO_MANY;
    }

  /* Yuksel's r_max for the target density at full weight. */
  r_full = sqrt (1.0 / (2.0 * sqrt (3.0) * impressions_per_px2 (params)));
  all    = scatter_candidates (field, params, w, r_full, &keys, &n_all);
  g_free (w);

  session = g_new0 (gint, MAX (n_all, 1));
  ok      = thin_by_session (all, n_all, (gsize) floor (expected + 0.5),
                             params->sessions, session, &progress);
  if (ok)
    *result = collect (field, params->sessions, all, keys, session, n_all);

  g_free (all);
  g_free (keys);
  g_free (session);
  return ok ? SMP_LAYOUT_OK : SMP_LAYOUT_CANCELLED;
}

gboolean
smp_layout_same_placement (const SmpParams *a, const SmpParams *b)
{
  /* How much of the treatment matches the hair around depends on how dark
   * the looks make it.
   */
  return smp_params_same (a, b, SMP_AFFECTS_PLACEMENT)
         && (a->match_hair <= 0.0 || smp_params_same (a, b, SMP_AFFECTS_LOOKS));
}

void
smp_layout_free (SmpLayout *layout)
{
  if (! layout)
    return;

  g_free (layout->impressions);
  g_free (layout);
}
