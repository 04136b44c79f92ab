/* scalp-micropigmentation: Gaussian smoothing of a strip with context.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-smooth.h"

#include <math.h>

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
  const gint ia = CLAMP (rad, xa, xb), ib = CLAMP (w - rad, ia, xb);

  g_return_if_fail (rad <= SMP_SMOOTH_RADIUS_MAX);

  /* Inner columns go tap by tap, all of them at once, which the compiler
   * vectorises: each column still sums its taps in the same order, so
   * the sums are those the loop at the edges makes.
   */
  for (gint i = r0; i <= r1; i++)
    {
      const gfloat *in = plane + (gsize) i * w;
      gfloat       *h  = horiz + (gsize) i * w;

      for (gint x = xa; x < ia; x++)
        h[x] = edge_column (in, w, x, k, rad);
      for (gint x = ib; x < xb; x++)
        h[x] = edge_column (in, w, x, k, rad);
      for (gint x = ia; x < ib; x++)
        h[x] = 0.0f;
      for (gint j = -rad; j <= rad; j++)
        {
          const gfloat kj = k[j + rad];

          for (gint x = ia; x < ib; x++)
            h[x] += kj * in[x + j];
        }
    }

  for (gint r = -margin; r < strip->rows + margin; r++)
    {
      gfloat *o = out + (gsize) (r + margin) * w;

      for (gint x = xa; x < xb; x++)
        o[x] = 0.0f;
      for (gint j = -rad; j <= rad; j++)
        {
          const gfloat *in = horiz + (gsize) smp_strip_row (strip, r + j) * w;

          for (gint x = xa; x < xb; x++)
            o[x] += k[j + rad] * in[x];
        }
    }
}
