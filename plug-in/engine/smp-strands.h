/* scalp-micropigmentation: telling hair strands by their shape.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_STRANDS_H__
#define __SMP_STRANDS_H__

#include <glib.h>

G_BEGIN_DECLS

/* Rows of context a strip needs above and below: the widest ridge filter
 * and its differences reach this far.
 */
#define SMP_STRANDS_HALO 10

/* Rows beyond a strip, above and below, whose lines are found with it. */
#define SMP_STRANDS_MARGIN 1

/* What the detector compares: log luminance and two log colour
 * differences, so that contrast is relative and exposure does not matter.
 */
#define SMP_STRANDS_FEATURES 3

typedef struct _SmpStrands SmpStrands;

/* A detector for strips width pixels wide and up to rows rows high. */
SmpStrands *smp_strands_new (gint width, gint rows);
void        smp_strands_free (SmpStrands *strands);

/* Reads a strip of linear pixels (n_color floats each, 1 or 3, rows of
 * width pixels), whose first row is rows_above rows before its own first
 * row and which runs rows_below rows past its last; weight gives the
 * luminance of each primary.  Fills feature planes (SMP_STRANDS_FEATURES
 * of rows x width floats; only the first for gray) with what the pixels
 * of columns [fx0, fx1) look like, the other columns being neither read
 * nor written, and ridge (rows + 2 SMP_STRANDS_MARGIN rows of width, from
 * SMP_STRANDS_MARGIN rows above the strip to as many below it) with how
 * much each pixel lies on a
 * thin, elongated line of any colour, 0 to 1, positive where the line is
 * higher than around it in the feature that shows it best, negative where
 * it is lower; looked for only in columns [x0, x1), 0 elsewhere, which
 * must lie SMP_STRANDS_HALO or more inside [fx0, fx1) but at the
 * drawable's edges.  Each value depends only on the pixels within
 * SMP_STRANDS_HALO of it, the drawable's edges repeating its outer pixels:
 * a strip gives the same values as the whole drawable would, as long as it
 * brings SMP_STRANDS_HALO rows of context where the drawable has them.
 */
void smp_strands_detect (SmpStrands *strands, const gfloat *pixels,
                         gint n_color, const gfloat weight[3], gint rows,
                         gint rows_above, gint rows_below, gint fx0, gint fx1,
                         gint x0, gint x1, gfloat *features, gfloat *ridge);

/* Added to linear values before their logarithm: below about 1% of white,
 * differences are noise.
 */
#define SMP_STRANDS_LOG_FLOOR 0.01f

/* The linear value whose feature is v: the inverse of the logarithm the
 * features take.
 */
gfloat smp_strands_unlog (gfloat v);

G_END_DECLS

#endif /* __SMP_STRANDS_H__ */
