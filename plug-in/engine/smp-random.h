/* scalp-micropigmentation: randomness as a pure function of seed and place.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_RANDOM_H__
#define __SMP_RANDOM_H__

#include <glib.h>

G_BEGIN_DECLS

/* A well-mixing 32-bit finaliser (from the "lowbias32" family). */
static inline guint32
smp_mix32 (guint32 x)
{
  x ^= x >> 16;
  x *= 0x21f0aaadu;
  x ^= x >> 15;
  x *= 0x735a2d97u;
  x ^= x >> 15;
  return x;
}

/* Every random choice of the engine comes from these: the same seed and
 * coordinates give the same number, whatever the order of the work.  The
 * two the layout draws for every cell and candidate are inline, so that
 * the compiler can keep them in the loops.
 */
static inline guint32
smp_hash (guint32 seed, guint32 a, guint32 b, guint32 c)
{
  guint32 h = smp_mix32 (seed ^ 0x9e3779b9u);

  h = smp_mix32 (h ^ a);
  h = smp_mix32 (h ^ (b + 0x85ebca6bu));
  h = smp_mix32 (h ^ (c + 0xc2b2ae35u));
  return h;
}

/* Uniform in [0, 1). */
static inline gdouble
smp_hash_uniform (guint32 seed, guint32 a, guint32 b, guint32 c)
{
  return smp_hash (seed, a, b, c) * (1.0 / 4294967296.0);
}

/* Standard normal, clamped to +-3 so that no impression is absurd. */
gdouble smp_hash_normal (guint32 seed, guint32 a, guint32 b, guint32 c);

/* Smooth value noise in [-1, 1] with features about one unit wide. */
gdouble smp_value_noise (guint32 seed, gdouble x, gdouble y);

G_END_DECLS

#endif /* __SMP_RANDOM_H__ */
