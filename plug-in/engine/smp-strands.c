/* scalp-micropigmentation: telling hair strands by their shape.
 *
 * A strand of hair is thin, long and straight over a few pixels, whatever
 * its colour: darker than the skin, lighter (grey and white hair), or as
 * bright and only of another hue (blond).  The second derivatives of the
 * picture, smoothed at the width of a strand, say so (Frangi et al. 1998,
 * Steger 1998): across a strand the curvature is strong, along it weak.
 * Pores and freckles curve as strongly both ways, and a step from skin
 * to shadow curves on its flanks only where the slope is steep, so
 * neither reads as a strand.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-strands.h"

#include <math.h>
#include <string.h>

#include "smp-clones.h"
#include "smp-smooth.h"

#define LOG_FLOOR SMP_STRANDS_LOG_FLOOR

/* Curvature across a strand, scale-normalised, at which a line counts
 * half: in log luminance, and in log colour difference.
 */
#define LUMA_CONTRAST 0.07f
#define COLOR_CONTRAST 0.06f

/* How much a line may curve along itself, as the ratio of the weaker
 * curvature to the stronger: Frangi's beta.
 */
#define LINE_BETA 0.5f

/* How steep a strand's middle may be, against its curvature, before it
 * reads as the flank of a step instead.
 */
#define FLANK_WEIGHT 4.0f

/* The widest smoothing; its kernel and the differences after it must fit
 * in the halo.
 */
#define SIGMA_MAX 2.0f
#define RADIUS_MAX 6
G_STATIC_ASSERT (RADIUS_MAX + 1 + SMP_STRANDS_MARGIN <= SMP_STRANDS_HALO);
G_STATIC_ASSERT (RADIUS_MAX <= SMP_SMOOTH_RADIUS_MAX);

typedef struct
{
  gint   feature; /* which plane */
  gfloat sigma;   /* of the smoothing, in pixels */
  gfloat contrast;
} Probe;

/* Fine and broad strands, in luminance and in colour.  Phone JPEGs keep
 * colour at half the resolution, but a fine blond strand as bright as the
 * skin shows only in colour: without the fine colour probes, 13.5% of
 * the made-up blond scalps' impressions land on strands with hair blend
 * 1 instead of 6.3%, over the 10% /layout/hair-of-every-colour allows.
 */
static const Probe probes[] = {
  { 0, 1.0f, LUMA_CONTRAST },       { 0, SIGMA_MAX, LUMA_CONTRAST },
  { 1, 1.0f, COLOR_CONTRAST },      { 2, 1.0f, COLOR_CONTRAST },
  { 1, SIGMA_MAX, COLOR_CONTRAST }, { 2, SIGMA_MAX, COLOR_CONTRAST },
};

struct _SmpStrands
{
  gint    width, rows_max;
  gfloat *plane[SMP_STRANDS_FEATURES]; /* rows with the halo, width each */
  gfloat *horiz;                       /* smoothed along rows */
  gfloat *blur; /* smoothed both ways, with rows above and below the strip */
};

SmpStrands *
smp_strands_new (gint width, gint rows)
{
  SmpStrands *s = g_new0 (SmpStrands, 1);
  const gsize n = (gsize) width * (rows + 2 * SMP_STRANDS_HALO);

  s->width    = width;
  s->rows_max = rows;
  for (gint f = 0; f < SMP_STRANDS_FEATURES; f++)
    s->plane[f] = g_new (gfloat, n);
  s->horiz = g_new (gfloat, n);
  s->blur = g_new (gfloat, (gsize) width * (rows + 2 * SMP_STRANDS_MARGIN + 2));
  return s;
}

void
smp_strands_free (SmpStrands *strands)
{
  if (! strands)
    return;

  for (gint f = 0; f < SMP_STRANDS_FEATURES; f++)
    g_free (strands->plane[f]);
  g_free (strands->horiz);
  g_free (strands->blur);
  g_free (strands);
}

/* Natural logarithm to about 1e-4, for positive finite x: the exponent,
 * and a polynomial for the mantissa.  Exact enough to compare colours,
 * and a fraction of the cost of logf().
 */
static inline gfloat
fast_log (gfloat x)
{
  guint32 bits;
  gfloat  m, e;

  memcpy (&bits, &x, sizeof bits);
  e    = (gfloat) ((gint) ((bits >> 23) & 0xff) - 127);
  bits = (bits & 0x007fffffu) | 0x3f800000u;
  memcpy (&m, &bits, sizeof m);

  /* ln x = e ln 2 + ln m, the polynomial being ln m on [1, 2). */
  return e * 0.69314718f
         + (-1.7417939f
            + (2.8212026f
               + (-1.4699568f + (0.44717955f - 0.056570851f * m) * m) * m)
                  * m);
}

gfloat
smp_strands_unlog (gfloat v)
{
  return expf (v) - LOG_FLOOR;
}

/* A linear value clamped to [0, 1], NaN read as 0. */
static inline gfloat
clamp_unit (gfloat v)
{
  return v >= 0.0f ? MIN (v, 1.0f) : 0.0f;
}

/* The feature planes of n pixels. */
SMP_CLONES static void
features_of (SmpStrands *s, const gfloat *px, gint n_color,
             const gfloat weight[3], gsize from, gsize n)
{
  gfloat *l = s->plane[0] + from, *c1 = s->plane[1] + from;
  gfloat *c2 = s->plane[2] + from;

  if (n_color == 1)
    {
      for (gsize i = 0; i < n; i++)
        l[i] = fast_log (clamp_unit (px[i]) + LOG_FLOOR);
      return;
    }

  for (gsize i = 0; i < n; i++, px += 3)
    {
      const gfloat r = clamp_unit (px[0]), g = clamp_unit (px[1]);
      const gfloat b  = clamp_unit (px[2]);
      const gfloat lr = fast_log (r + LOG_FLOOR), lg = fast_log (g + LOG_FLOOR);

      l[i]  = fast_log (weight[0] * r + weight[1] * g + weight[2] * b
                        + LOG_FLOOR);
      c1[i] = lr - lg;
      c2[i] = lg - fast_log (b + LOG_FLOOR);
    }
}

/* A strip, and the columns smoothed in it. */
typedef struct
{
  SmpStrip strip;
  gint     xa, xb;
} Span;

/* How much a pixel lies on a line, from its smoothed neighbourhood:
 * rows a (above), m and b (below), columns x - 1, x, x + 1.  Positive on
 * a line higher than around it (a lighter strand, or one of more of a
 * colour), negative on one lower: the flanks of a dark strand curve like
 * a light line, but are the skin's.
 */
static inline gfloat
line_likeness (const gfloat *a, const gfloat *m, const gfloat *b, gint xl,
               gint x, gint xr, gfloat sigma, gfloat contrast)
{
  const gfloat s2  = sigma * sigma;
  const gfloat dxx = (m[xr] - 2.0f * m[x] + m[xl]) * s2;
  const gfloat dyy = (b[x] - 2.0f * m[x] + a[x]) * s2;
  const gfloat dxy = 0.25f * (b[xr] - b[xl] - a[xr] + a[xl]) * s2;
  const gfloat gx = 0.5f * (m[xr] - m[xl]), gy = 0.5f * (b[x] - a[x]);
  const gfloat half = 0.5f * (dxx + dyy);
  const gfloat root = sqrtf (0.25f * (dxx - dyy) * (dxx - dyy) + dxy * dxy);
  /* The eigenvalues, strong across the line, weak along it. */
  const gfloat strong = fabsf (half) + root;
  const gfloat weak   = fabsf (fabsf (half) - root);
  const gfloat q      = strong > 0.0f ? weak / strong : 1.0f;
  const gfloat q2     = q * q / (LINE_BETA * LINE_BETA * 2.0f);
  const gfloat st2    = strong * strong;
  const gfloat slope2 = (gx * gx + gy * gy) * s2;

  const gfloat v = st2 / (st2 + contrast * contrast)
                   / (1.0f + q2 + 0.5f * q2 * q2) * st2
                   / (st2 + FLANK_WEIGHT * slope2 + 1e-12f);

  return half < 0.0f ? v : -v;
}

static inline void
keep_stronger (gfloat *out, gint x, gfloat v)
{
  out[x] = fabsf (v) > fabsf (out[x]) ? v : out[x];
}

/* Keeps in ridge the strongest line that probe finds in the strip, with
 * its sign.
 */
SMP_CLONES static void
probe_lines (SmpStrands *s, const Probe *probe, const Span *sp, gint x0,
             gint x1, gfloat *ridge)
{
  const gint w      = s->width;
  const gint inner0 = MAX (x0, 1), inner1 = MIN (x1, w - 1);

  smp_smooth (&sp->strip, s->plane[probe->feature], probe->sigma,
              SMP_STRANDS_MARGIN + 1, sp->xa, sp->xb, s->horiz, s->blur);

  for (gint r = -SMP_STRANDS_MARGIN; r < sp->strip.rows + SMP_STRANDS_MARGIN;
       r++)
    {
      const gfloat *a   = s->blur + (gsize) (r + SMP_STRANDS_MARGIN) * w;
      const gfloat *m   = a + w;
      const gfloat *b   = m + w;
      gfloat       *out = ridge + (gsize) (r + SMP_STRANDS_MARGIN) * w;

      /* The first and last columns repeat themselves; the others, on
       * their own, vectorise.
       */
      for (gint x = x0; x < MIN (inner0, x1); x++)
        keep_stronger (out, x,
                       line_likeness (a, m, b, 0, x, MIN (x + 1, w - 1),
                                      probe->sigma, probe->contrast));
      for (gint x = MAX (inner1, inner0); x < x1; x++)
        keep_stronger (out, x,
                       line_likeness (a, m, b, x - 1, x, x, probe->sigma,
                                      probe->contrast));
      for (gint x = inner0; x < inner1; x++)
        {
          const gfloat v = line_likeness (a, m, b, x - 1, x, x + 1,
                                          probe->sigma, probe->contrast);

          keep_stronger (out, x, v);
        }
    }
}

void
smp_strands_detect (SmpStrands *strands, const gfloat *pixels, gint n_color,
                    const gfloat weight[3], gint rows, gint rows_above,
                    gint rows_below, gint fx0, gint fx1, gint x0, gint x1,
                    gfloat *features, gfloat *ridge)
{
  const gint w     = strands->width;
  const gint n_f   = n_color == 3 ? SMP_STRANDS_FEATURES : 1;
  const gint total = rows_above + rows + rows_below;
  const Span sp    = { { w, rows, rows_above, rows_below },
                       MAX (x0 - 1, 0),
                       MIN (x1 + 1, w) };

  g_return_if_fail (rows <= strands->rows_max);
  g_return_if_fail (rows_above <= SMP_STRANDS_HALO
                    && rows_below <= SMP_STRANDS_HALO);
  g_return_if_fail (0 <= fx0 && fx0 <= fx1 && fx1 <= w);
  g_return_if_fail (x0 >= x1
                    || (x0 - fx0 >= MIN (SMP_STRANDS_HALO, x0)
                        && fx1 - x1 >= MIN (SMP_STRANDS_HALO, w - x1)));

  for (gint r = 0; r < total; r++)
    {
      const gsize at = (gsize) r * w + fx0;

      features_of (strands, pixels + at * n_color, n_color, weight, at,
                   (gsize) (fx1 - fx0));
    }
  for (gint f = 0; f < n_f; f++)
    for (gint r = 0; r < rows; r++)
      memcpy (features + (gsize) f * w * rows + (gsize) r * w + fx0,
              strands->plane[f] + (gsize) (rows_above + r) * w + fx0,
              (gsize) (fx1 - fx0) * sizeof (gfloat));

  memset (ridge, 0,
          (gsize) w * (rows + 2 * SMP_STRANDS_MARGIN) * sizeof (gfloat));
  if (x0 >= x1)
    return;

  for (guint p = 0; p < G_N_ELEMENTS (probes); p++)
    if (probes[p].feature < n_f)
      probe_lines (strands, &probes[p], &sp, x0, x1, ridge);
}
