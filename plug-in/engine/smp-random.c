/* scalp-micropigmentation: randomness as a pure function of seed and place.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-random.h"

#include <math.h>

gdouble
smp_hash_normal (guint32 seed, guint32 a, guint32 b, guint32 c)
{
  /* Box-Muller from two independent draws. */
  const gdouble u1 = (smp_hash (seed, a, b, c) + 0.5) * (1.0 / 4294967296.0);
  const gdouble u2
      = smp_hash (seed ^ 0x5bd1e995u, a, b, c) * (1.0 / 4294967296.0);
  const gdouble n = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

  return CLAMP (n, -3.0, 3.0);
}

static inline gdouble
lattice (guint32 seed, gint64 x, gint64 y)
{
  return smp_hash_uniform (seed, (guint32) x, (guint32) y, 0x6e6f6973u) * 2.0
         - 1.0;
}

gdouble
smp_value_noise (guint32 seed, gdouble x, gdouble y)
{
  const gdouble fx = floor (x), fy = floor (y);
  const gint64  ix = (gint64) fx, iy = (gint64) fy;
  gdouble       tx = x - fx, ty = y - fy;

  /* Quintic fade: no creases along the lattice lines. */
  tx = tx * tx * tx * (tx * (tx * 6.0 - 15.0) + 10.0);
  ty = ty * ty * ty * (ty * (ty * 6.0 - 15.0) + 10.0);

  const gdouble a = lattice (seed, ix, iy);
  const gdouble b = lattice (seed, ix + 1, iy);
  const gdouble c = lattice (seed, ix, iy + 1);
  const gdouble d = lattice (seed, ix + 1, iy + 1);

  return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
}
