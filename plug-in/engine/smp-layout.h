/* scalp-micropigmentation: where the impressions go.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_LAYOUT_H__
#define __SMP_LAYOUT_H__

#include <glib.h>

#include "smp-field.h"
#include "smp-params.h"

G_BEGIN_DECLS

/* The most impressions one run places: past this a photo asks for more
 * pigment dots than any scalp has, and memory would run out.
 */
#define SMP_MAX_IMPRESSIONS 10000000

/* Called now and then with the fraction done; return FALSE to cancel. */
typedef gboolean (*SmpProgressFunc) (gdouble fraction, gpointer user_data);

typedef struct
{
  gfloat  x, y;    /* centre, in drawable pixels */
  guint32 key;     /* identity: its size, shape and tone derive from it */
  gint    session; /* 1 = first session */
} SmpImpression;

typedef struct
{
  SmpImpression *impressions;
  gsize          n_impressions;
  gint           sessions;
  gint           width, height; /* the drawable's size */
} SmpLayout;

typedef enum
{
  SMP_LAYOUT_OK,
  SMP_LAYOUT_TOO_MANY, /* more than SMP_MAX_IMPRESSIONS */
  SMP_LAYOUT_INVALID,  /* a parameter out of range, or scale not > 0 */
  SMP_LAYOUT_CANCELLED
} SmpLayoutStatus;

/* Whether the engine can work with these: every parameter in range and the
 * scale resolved (1 px per cm or more).
 */
gboolean smp_layout_params_ok (const SmpParams *params);

/* The expected number of impressions for these parameters on this field;
 * scale must be resolved (> 0).
 */
gdouble smp_layout_expected_count (const SmpField  *field,
                                   const SmpParams *params);

/* Density weight of each field cell, 0 to SMP_MATCH_MAX: selection x
 * hairline ramp x room left by hair x the share of the treatment that
 * matches the hair around (smp-match.h; 1 at match-hair 0, where the
 * weight stays within 0 to 1).  Returns a new array of cols x rows floats.
 */
gfloat *smp_layout_weights (const SmpField *field, const SmpParams *params);

/* The strength of the ash tone in each cell of the field, 0 to 1, row
 * after row: where the selection reaches, the hairline's ramp, and no
 * more than the share of the treatment that matches the hair around.  The
 * caller frees it.
 */
gfloat *smp_layout_tone (const SmpField *field, const SmpParams *params);

/* Places the impressions.  Depends only on the field, the seed and the
 * parameters that decide placement (density, hairline fade, hair blend,
 * match hair, sessions, scale; where the treatment matches the hair
 * around, the looks too, which decide how much of it a place needs),
 * never on the order in which anything is rendered.
 */
SmpLayoutStatus smp_layout_new (const SmpField *field, const SmpParams *params,
                                SmpProgressFunc progress, gpointer user_data,
                                SmpLayout **layout);

void smp_layout_free (SmpLayout *layout);

/* Whether two sets of (resolved) parameters place the same impressions:
 * they agree on everything smp_layout_new() depends on besides the field.
 */
gboolean smp_layout_same_placement (const SmpParams *a, const SmpParams *b);

/* Cumulative share of the impressions in place after session k (1-based)
 * of n: with three sessions about 30%, 70% and 100%.
 */
gdouble smp_session_share (gint k, gint n);

G_END_DECLS

#endif /* __SMP_LAYOUT_H__ */
