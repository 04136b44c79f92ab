/* scalp-micropigmentation: Gaussian smoothing of a strip with context.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-smooth.h"

#include <math.h>
#include <string.h>

#include "smp-clones.h"

static gint
gaussian (gfloat sigma, gfloat *kernel)
{
  const gint radius = smp_smooth_radius (sigma);
  gfloat     sum    = 0.0f;

  for (gint k = -radius; k <= radius; k++)
    sum += kernel[k + radius] = expf (-0.5f * k * k / (sigma * sigma));
  for (gint k = 0; k <= 2 * radius; k++)
    kernel[k] /= sum;
  return radius;
}

/* Eight floats at once, as GCC and Clang's vector extension gives them:
 * one AVX register, two SSE ones, or eight floats one by one elsewhere.
 * Each lane is a float of its own, multiplied and added as written.
 */
typedef gfloat Lanes __attribute__ ((vector_size (8 * sizeof (gfloat))));
#define N_LANES 8

/* Column x of a row, smoothed, its taps beyond the row repeating the
 * row's ends.
 */
static inline gfloat
edge_column (const gfloat *in, gint w, gint x, const gfloat *k, gint rad)
{
  gfloat sum = 0.0f;

  for (gint j = -rad; j <= rad; j++)
    sum += k[j + rad] * in[CLAMP (x + j, 0, w - 1)];
  return sum;
}

/* Taps sum[t] = the sum over taps j of k[j] * tap[j][t], for t in [0,
 * n), each in the order of the taps: sixteen columns at a time held in
 * registers until their last tap, the rest one by one.
 */
static inline void
sum_taps (const gfloat *const *tap, const gfloat *k, gint n_taps, gint n,
          gfloat *sum)
{
  gint t = 0;

  for (; t + 2 * N_LANES <= n; t += 2 * N_LANES)
    {
      Lanes a = { 0.0f }, b = { 0.0f };

      for (gint j = 0; j < n_taps; j++)
        {
          Lanes u, v;

          memcpy (&u, tap[j] + t, sizeof u);
          memcpy (&v, tap[j] + t + N_LANES, sizeof v);
          a += k[j] * u;
          b += k[j] * v;
        }
      memcpy (sum + t, &a, sizeof a);
      memcpy (sum + t + N_LANES, &b, sizeof b);
    }
  for (; t < n; t++)
    {
      gfloat a = 0.0f;

      for (gint j = 0; j < n_taps; j++)
        a += k[j] * tap[j][t];
      sum[t] = a;
    }
}

SMP_CLONES void
smp_smooth (const SmpStrip *strip, const gfloat *plane, gfloat sigma,
            gint margin, gint xa, gint xb, gfloat *horiz, gfloat *out)
{
  const gint w = strip->width;
  gfloat     k[2 * SMP_SMOOTH_RADIUS_MAX + 1];
  const gint rad = gaussian (sigma, k);
  const gint r0  = smp_strip_row (strip, -margin - rad);
  const gint r1  = smp_strip_row (strip, strip->rows + margin - 1 + rad);
  /* Columns whose taps all lie in the row. */
  const gint    ia = CLAMP (rad, xa, xb), ib = CLAMP (w - rad, ia, xb);
  const gfloat *tap[2 * SMP_SMOOTH_RADIUS_MAX + 1];

  g_return_if_fail (rad <= SMP_SMOOTH_RADIUS_MAX);

  /* Each column sums its taps in the same order, inner columns and those
   * at the edges alike, wherever it lies among the columns done at once.
   */
  for (gint i = r0; i <= r1; i++)
    {
      const gfloat *in = plane + (gsize) i * w;
      gfloat       *h  = horiz + (gsize) i * w;

      for (gint x = xa; x < ia; x++)
        h[x] = edge_column (in, w, x, k, rad);
      for (gint x = ib; x < xb; x++)
        h[x] = edge_column (in, w, x, k, rad);
      for (gint j = -rad; j <= rad; j++)
        tap[j + rad] = in + ia + j;
      sum_taps (tap, k, 2 * rad + 1, ib - ia, h + ia);
    }

  for (gint r = -margin; r < strip->rows + margin; r++)
    {
      for (gint j = -rad; j <= rad; j++)
        tap[j + rad] = horiz + (gsize) smp_strip_row (strip, r + j) * w + xa;
      sum_taps (tap, k, 2 * rad + 1, xb - xa,
                out + (gsize) (r + margin) * w + xa);
    }
}
