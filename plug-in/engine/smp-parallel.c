/* scalp-micropigmentation: work split over the processor's cores.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-parallel.h"

/* More threads than this never pays for the work the engine splits. */
#define MAX_PARTS SMP_PARALLEL_MAX

/* Set by smp_parallel_set_threads(); 0 = one part per core. */
static gint max_threads = 0;

typedef struct
{
  SmpRangeFunc func;
  gpointer     data;
  gsize        first, last;
} Part;

static gpointer
run_part (gpointer data)
{
  const Part *part = data;

  part->func (part->data, part->first, part->last);
  return NULL;
}

void
smp_parallel_set_threads (guint n)
{
  g_atomic_int_set (&max_threads, (gint) MIN (n, MAX_PARTS));
}

gint
smp_parallel_threads (void)
{
  const gint limit = g_atomic_int_get (&max_threads);

  return limit > 0 ? limit : (gint) g_get_num_processors ();
}

void
smp_parallel_for (gsize n, gsize min, SmpRangeFunc func, gpointer data)
{
  const gint  cores = smp_parallel_threads ();
  const gsize n_parts
      = n < MAX (min, 2) ? 1 : (gsize) CLAMP (cores, 1, MAX_PARTS);
  Part     parts[MAX_PARTS];
  GThread *threads[MAX_PARTS];

  for (gsize k = 0; k < n_parts; k++)
    parts[k] = (Part){ func, data, n * k / n_parts, n * (k + 1) / n_parts };

  for (gsize k = 1; k < n_parts; k++)
    threads[k] = g_thread_new ("smp-part", run_part, &parts[k]);
  run_part (&parts[0]);
  for (gsize k = 1; k < n_parts; k++)
    g_thread_join (threads[k]);
}
