/* scalp-micropigmentation: randomness as a pure function of seed and place.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_RANDOM_H__
#define __SMP_RANDOM_H__

#include <glib.h>

G_BEGIN_DECLS

/* Every random choice of the engine comes from these: the same seed and
 * coordinates give the same number, whatever the order of the work.
 */
guint32 smp_hash (guint32 seed, guint32 a, guint32 b, guint32 c);

/* Uniform in [0, 1). */
gdouble smp_hash_uniform (guint32 seed, guint32 a, guint32 b, guint32 c);

/* Standard normal, clamped to +-3 so that no impression is absurd. */
gdouble smp_hash_normal (guint32 seed, guint32 a, guint32 b, guint32 c);

/* Smooth value noise in [-1, 1] with features about one unit wide. */
gdouble smp_value_noise (guint32 seed, gdouble x, gdouble y);

G_END_DECLS

#endif /* __SMP_RANDOM_H__ */
