/* scalp-micropigmentation: how blurred the photo is.
 *
 * Impressions drawn sharper than the photo around them read as pasted
 * on, so the photo's own blur is measured from its edges, as a defocus
 * map is from a single image (Zhuo and Sim 2011): blurring an edge again
 * by a known amount flattens it less the more blurred it already was.
 * An edge blurred by sigma, seen through a Gaussian of scale s, slopes
 * at most in proportion to (sigma² + s²)^(-p/2), p being 1 for a step
 * and 2 for a line as thin as a hair; the slopes at three scales give
 * both sigma and p, so hair and the outline of a head measure alike.
 * Each edge votes, and the photo's blur is the median vote.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-focus.h"

#include <math.h>
#include <string.h>

#include "smp-clones.h"
#include "smp-smooth.h"

/* The scales an edge is seen at, in pixels. */
#define N_SCALES 3
static const gfloat scales[N_SCALES] = { 1.0f, 2.0f, 3.0f };
#define RADIUS_MAX 9
G_STATIC_ASSERT (RADIUS_MAX <= SMP_SMOOTH_RADIUS_MAX);

/* How far across an edge, in steps, its steepest slope is looked for at
 * the coarser scales: a line's flanks move out as it is smoothed.
 */
#define ACROSS 3
G_STATIC_ASSERT (RADIUS_MAX + 1 + ACROSS <= SMP_FOCUS_HALO);

/* Least contrast of an edge that votes, as a share of the light around
 * it: fainter ones are the skin's grain and the photo's noise.
 */
#define EDGE_CONTRAST 0.1f

/* Added to linear luminance before it is divided by. */
#define LEVEL_FLOOR 0.01f

/* Fewest votes to judge from. */
#define MIN_EDGES 200

/* The range of the profile's power p that makes an edge: a step is 1, a
 * line thinner than the blur 2.
 */
#define P_MIN 0.6f
#define P_MAX 2.6f

#define CELL 4

struct _SmpFocus
{
  gint    width, rows_max;
  gfloat *luma;            /* rows with the halo */
  gfloat *horiz;           /* the same, smoothed along rows */
  gfloat *smooth;          /* rows [-ACROSS - 1, rows + ACROSS + 1) */
  gfloat *slope[N_SCALES]; /* rows [-ACROSS, rows + ACROSS) */
  gfloat *gx, *gy;         /* the finest scale's, the same rows */
};

SmpFocus *
smp_focus_new (gint width, gint rows)
{
  SmpFocus   *f     = g_new0 (SmpFocus, 1);
  const gsize whole = (gsize) width * (rows + 2 * SMP_FOCUS_HALO);
  const gsize edged = (gsize) width * (rows + 2 * ACROSS);

  f->width    = width;
  f->rows_max = rows;
  f->luma     = g_new (gfloat, whole);
  f->horiz    = g_new (gfloat, whole);
  f->smooth   = g_new (gfloat, (gsize) width * (rows + 2 * ACROSS + 2));
  for (gint s = 0; s < N_SCALES; s++)
    f->slope[s] = g_new (gfloat, edged);
  f->gx = g_new (gfloat, edged);
  f->gy = g_new (gfloat, edged);
  return f;
}

void
smp_focus_free (SmpFocus *focus)
{
  if (! focus)
    return;

  g_free (focus->luma);
  g_free (focus->horiz);
  g_free (focus->smooth);
  for (gint s = 0; s < N_SCALES; s++)
    g_free (focus->slope[s]);
  g_free (focus->gx);
  g_free (focus->gy);
  g_free (focus);
}

/* A strip, and the columns each stage works on. */
typedef struct
{
  SmpStrip strip;
  gint     la, lb; /* luminance */
  gint     sa, sb; /* smoothed */
  gint     x0, x1; /* edges */
} Span;

static void
luminance (SmpFocus *f, const gfloat *px, gint n_color, const gfloat w[3],
           const Span *sp)
{
  const SmpStrip *st     = &sp->strip;
  const gint      n_rows = st->above + st->rows + st->below;

  for (gint i = 0; i < n_rows; i++)
    {
      const gfloat *in  = px + ((gsize) i * f->width + sp->la) * n_color;
      gfloat       *out = f->luma + (gsize) i * f->width;

      for (gint x = sp->la; x < sp->lb; x++, in += n_color)
        out[x]
            = n_color == 1 ? in[0] : w[0] * in[0] + w[1] * in[1] + w[2] * in[2];
    }
}

/* The slope of the smoothed luminance, and for the finest scale its
 * direction, over rows [-ACROSS, rows + ACROSS).
 */
static void
slopes (SmpFocus *f, gint s, const Span *sp)
{
  const gint w = f->width;

  for (gint r = -ACROSS; r < sp->strip.rows + ACROSS; r++)
    {
      const gfloat *m = f->smooth + (gsize) (r + ACROSS + 1) * w;
      const gfloat *a = m - w, *b = m + w;
      const gsize   row = (gsize) (r + ACROSS) * w;

      for (gint x = MAX (sp->x0 - ACROSS, 0); x < MIN (sp->x1 + ACROSS, w); x++)
        {
          const gfloat gx = 0.5f * (m[MIN (x + 1, w - 1)] - m[MAX (x - 1, 0)]);
          const gfloat gy = 0.5f * (b[x] - a[x]);

          f->slope[s][row + x] = sqrtf (gx * gx + gy * gy);
          if (s == 0)
            {
              f->gx[row + x] = gx;
              f->gy[row + x] = gy;
            }
        }
    }
}

/* F (sigma): how much more the slope falls from the first scale to the
 * second than from the second to the third, for an edge blurred by
 * sigma, whatever its p; falling as sigma grows.
 */
static gdouble
fall_ratio (gdouble sigma)
{
  const gdouble v  = sigma * sigma;
  const gdouble s0 = scales[0] * scales[0], s1 = scales[1] * scales[1];
  const gdouble s2 = scales[2] * scales[2];

  return log ((v + s1) / (v + s0)) / log ((v + s2) / (v + s1));
}

static gfloat fall_table[SMP_FOCUS_BINS];

static void
init_fall_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gint i = 0; i < SMP_FOCUS_BINS; i++)
        fall_table[i] = (gfloat) fall_ratio ((i + 0.5) / SMP_FOCUS_STEPS);
      g_once_init_leave (&done, 1);
    }
}

/* The bin of the sigma whose F is nearest ratio, by bisection. */
static gint
sigma_bin (gfloat ratio)
{
  gint lo = 0, hi = SMP_FOCUS_BINS - 1;

  while (lo < hi)
    {
      const gint mid = (lo + hi) / 2;

      if (fall_table[mid] > ratio)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Steepest slope at scale s within ACROSS steps of (r, x) along (dx, dy). */
static inline gfloat
steepest (const SmpFocus *f, gint s, gint r, gint x, gint dx, gint dy)
{
  const gint w   = f->width;
  gfloat     top = 0.0f;

  for (gint k = -ACROSS; k <= ACROSS; k++)
    {
      const gint xx = CLAMP (x + k * dx, 0, w - 1);

      top = MAX (top, f->slope[s][(gsize) (r + k * dy + ACROSS) * w + xx]);
    }
  return top;
}

/* The vote of the pixel at (r, x), or -1 when it is no edge: it must be
 * steepest across itself at the finest scale, and its slopes must fall
 * with scale as an edge's do.
 */
SMP_CLONES static gint
edge_vote (const SmpFocus *f, gint r, gint x)
{
  const gint   w  = f->width;
  const gsize  at = (gsize) (r + ACROSS) * w + x;
  const gfloat g  = f->slope[0][at];
  const gfloat ax = fabsf (f->gx[at]), ay = fabsf (f->gy[at]);
  /* Across the edge, in one of four directions. */
  const gint dx = ay > 2.414f * ax ? 0 : 1;
  const gint dy
      = ax > 2.414f * ay ? 0 : (f->gx[at] * f->gy[at] < 0.0f ? -1 : 1);
  const gfloat before
      = f->slope[0][at - (gssize) dy * w - (x - dx >= 0 ? dx : 0)];
  const gfloat after
      = f->slope[0][at + (gssize) dy * w + (x + dx < w ? dx : 0)];
  const gfloat level
      = f->smooth[(gsize) (r + ACROSS + 1) * w + x] + LEVEL_FLOOR;
  gfloat g2, g3, a, b, sigma, p;
  gint   bin;

  if (! (g > before && g >= after)
      || g < EDGE_CONTRAST * level / (2.5f * scales[2]))
    return -1;

  g2 = steepest (f, 1, r, x, dx, dy);
  g3 = steepest (f, 2, r, x, dx, dy);
  if (! (g > g2 && g2 > g3 && g3 > 0.0f))
    return -1;

  a     = logf (g / g2);
  b     = logf (g2 / g3);
  bin   = sigma_bin (a / b);
  sigma = (bin + 0.5f) / SMP_FOCUS_STEPS;
  p     = 2.0f * a
      / logf ((sigma * sigma + scales[1] * scales[1])
              / (sigma * sigma + scales[0] * scales[0]));
  /* The contrast of a step that slopes so: its height over the level. */
  if (p < P_MIN || p > P_MAX
      || g * 2.5f * sqrtf (sigma * sigma + 1.0f) < EDGE_CONTRAST * level)
    return -1;
  return bin;
}

SMP_CLONES void
smp_focus_measure (SmpFocus *focus, const gfloat *pixels, gint n_color,
                   const gfloat weight[3], gint rows, gint rows_above,
                   gint rows_below, gint x0, gint x1, const guint8 *allowed,
                   gint allowed_stride, SmpFocusVotes *votes)
{
  const gint w     = focus->width;
  const gint reach = ACROSS + 1 + RADIUS_MAX;
  const Span sp    = { .strip = { w, rows, rows_above, rows_below },
                       .la    = MAX (x0 - reach, 0),
                       .lb    = MIN (x1 + reach, w),
                       .sa    = MAX (x0 - ACROSS - 1, 0),
                       .sb    = MIN (x1 + ACROSS + 1, w),
                       .x0    = x0,
                       .x1    = x1 };

  g_return_if_fail (rows <= focus->rows_max);
  g_return_if_fail (rows_above <= SMP_FOCUS_HALO
                    && rows_below <= SMP_FOCUS_HALO);

  if (x0 >= x1)
    return;

  init_fall_table ();
  luminance (focus, pixels, n_color, weight, &sp);
  for (gint s = 0; s < N_SCALES; s++)
    {
      smp_smooth (&sp.strip, focus->luma, scales[s], ACROSS + 1, sp.sa, sp.sb,
                  focus->horiz, focus->smooth);
      slopes (focus, s, &sp);
    }

  for (gint r = 0; r < rows; r++)
    {
      const guint8 *ok = allowed + (gsize) (r / CELL) * allowed_stride;

      for (gint x = x0; x < x1; x++)
        if (ok[x / SMP_FOCUS_BLOCK])
          {
            const gint bin = edge_vote (focus, r, x);

            if (bin >= 0)
              votes->votes[bin]++;
          }
    }
}

guint64
smp_focus_edges (const SmpFocusVotes *votes)
{
  guint64 n = 0;

  for (gint i = 0; i < SMP_FOCUS_BINS; i++)
    n += votes->votes[i];
  return n;
}

gdouble
smp_focus_sigma (const SmpFocusVotes *votes)
{
  const guint64 n    = smp_focus_edges (votes);
  guint64       seen = 0;

  if (n < MIN_EDGES)
    return 0.0;

  for (gint i = 0; i < SMP_FOCUS_BINS; i++)
    {
      seen += votes->votes[i];
      if (2 * seen >= n)
        return (i + 0.5) / SMP_FOCUS_STEPS;
    }
  return (SMP_FOCUS_BINS - 0.5) / SMP_FOCUS_STEPS;
}
