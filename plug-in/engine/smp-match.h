/* scalp-micropigmentation: a treatment that matches the hair around.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_MATCH_H__
#define __SMP_MATCH_H__

#include <glib.h>

#include "smp-field.h"
#include "smp-params.h"

G_BEGIN_DECLS

/* The most a place takes of the treatment set, where it matches the hair
 * around: a bald patch among dark stubble may need more than the density
 * asked for elsewhere.
 */
#define SMP_MATCH_MAX 2.0

/* How much of the treatment set each field cell takes, as a factor of its
 * density and ash tone, after smp_field_finish(): with match-hair 1, the
 * share that darkens the cell's scalp to the tone of the hair-bearing
 * scalp around it (0 to SMP_MATCH_MAX), blended toward 1 as match-hair
 * falls.  A new array of cols x rows floats; NULL at match-hair 0, where
 * every cell takes the treatment as set.  The scale must be resolved.
 */
gfloat *smp_match_new (const SmpField *field, const SmpParams *params);

G_END_DECLS

#endif /* __SMP_MATCH_H__ */
