/* scalp-micropigmentation: work split over the processor's cores.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PARALLEL_H__
#define __SMP_PARALLEL_H__

#include <glib.h>

G_BEGIN_DECLS

/* The most parts work is ever split into. */
#define SMP_PARALLEL_MAX 8

/* Does the items [first, last) of some work. */
typedef void (*SmpRangeFunc) (gpointer data, gsize first, gsize last);

/* Runs func over [0, n) in contiguous parts, one per core, the caller's
 * thread taking the first; returns when all are done.  Below min items
 * it all runs on the caller's thread.  The parts must not depend on each
 * other, so that the result is the same however the work is split.
 */
void smp_parallel_for (gsize n, gsize min, SmpRangeFunc func, gpointer data);

/* How many threads the engine works with at most: 0 (the default) for
 * one per core.  The plug-in passes GIMP's "Number of threads"
 * preference; tests compare the results of different splits.  No result
 * depends on it.
 */
void smp_parallel_set_threads (guint n);

/* The threads the engine works with: as set, or one per core. */
gint smp_parallel_threads (void);

G_END_DECLS

#endif /* __SMP_PARALLEL_H__ */
