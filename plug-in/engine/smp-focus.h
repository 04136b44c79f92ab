/* scalp-micropigmentation: how blurred the photo is.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_FOCUS_H__
#define __SMP_FOCUS_H__

#include <glib.h>

G_BEGIN_DECLS

/* Rows of context a strip needs above and below: the widest smoothing,
 * its differences and the search across an edge reach this far.
 */
#define SMP_FOCUS_HALO 13

/* Each edge votes for the blur it shows, in steps of 1 / SMP_FOCUS_STEPS
 * of a pixel, up to SMP_FOCUS_BINS of them.
 */
#define SMP_FOCUS_STEPS 20
#define SMP_FOCUS_BINS 256

/* Columns in a block of smp_focus_measure()'s allowed. */
#define SMP_FOCUS_BLOCK 32

typedef struct
{
  guint32 votes[SMP_FOCUS_BINS];
} SmpFocusVotes;

typedef struct _SmpFocus SmpFocus;

/* Scratch for strips width pixels wide and up to rows rows high. */
SmpFocus *smp_focus_new (gint width, gint rows);
void      smp_focus_free (SmpFocus *focus);

/* Reads a strip of linear pixels as smp_strands_detect() does (n_color
 * floats each, rows of width pixels, rows_above rows of context before
 * its first row and rows_below after its last, up to SMP_FOCUS_HALO), and
 * finds the edges in columns [x0, x1) of its rows.  Each edge whose
 * pixel's cell row (rows of 4 from the strip's first) has a nonzero
 * entry in allowed, at its block of 32 columns, adds its vote.  A vote
 * depends only on the pixels within SMP_FOCUS_HALO of its edge.
 */
void smp_focus_measure (SmpFocus *focus, const gfloat *pixels, gint n_color,
                        const gfloat weight[3], gint rows, gint rows_above,
                        gint rows_below, gint x0, gint x1,
                        const guint8 *allowed, gint allowed_stride,
                        SmpFocusVotes *votes);

/* The photo's blur, as the sigma in pixels of a Gaussian, from the votes
 * of its edges; 0 when there are too few to judge from.
 */
gdouble smp_focus_sigma (const SmpFocusVotes *votes);

/* How many edges voted. */
guint64 smp_focus_edges (const SmpFocusVotes *votes);

G_END_DECLS

#endif /* __SMP_FOCUS_H__ */
