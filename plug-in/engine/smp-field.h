/* scalp-micropigmentation: what the photo says about where pigment may go.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_FIELD_H__
#define __SMP_FIELD_H__

#include <glib.h>

#include "smp-focus.h"
#include "smp-strands.h"

G_BEGIN_DECLS

/* Side of one field cell, in pixels.  The field keeps a few numbers per
 * cell, never a copy of the picture.
 */
#define SMP_FIELD_CELL 4

/* Side of one skin-reference block, in cells. */
#define SMP_FIELD_BLOCK 8

typedef struct _SmpField SmpField;

/* A field over a width x height drawable whose pixels have n_color
 * colour channels (1 or 3), in linear light.
 */
SmpField *smp_field_new (gint width, gint height, gint n_color);
void      smp_field_free (SmpField *field);

/* The luminance of each primary, for RGB drawables; by default those of
 * sRGB's primaries, GIMP's own.
 */
void smp_field_set_luminance (SmpField *field, const gfloat weight[3]);

/* The bounds of the selection on the drawable, when known before the
 * pixels come (nothing outside them is selected): hair is then also
 * looked for in the rows above and below them, for the direction it
 * grows in (smp_field_strand_axes()), and the field needs only the
 * pixels around them (smp_field_needed()).
 */
void smp_field_set_bounds (SmpField *field, gint x, gint y, gint width,
                           gint height);

/* The part of the drawable whose pixels the field needs, from the bounds
 * set (the whole drawable if none were): the selection's bounds and a few
 * skin blocks around them, for the hair and skin around the selection.
 * Rows outside it may be left out of smp_field_add(), and of the rows
 * added, only its columns (with the selection's values of them) are
 * read: the rest of each row need not hold pixels.  What the field says
 * of the selection and the cells around it is the same either way.
 */
void smp_field_needed (const SmpField *field, gint *x, gint *y, gint *width,
                       gint *height);

/* The blur is judged from the edges of about this many pixels: a larger
 * selection (its bounds, or the whole photo when they are not set) votes
 * in every k-th band of rows only, k its pixels over these, so that the
 * time the blur takes stops growing with the photo.  A few hundred good
 * edges judge the blur well; a selection of millions of pixels has many
 * thousands.
 */
#define SMP_FIELD_FOCUS_PIXELS (1500 * 1000)

/* Sets those pixels, before any pixels come. */
void smp_field_set_focus_pixels (SmpField *field, gint64 pixels);

gint smp_field_width (const SmpField *field);
gint smp_field_height (const SmpField *field);
gint smp_field_cols (const SmpField *field);
gint smp_field_rows (const SmpField *field);

/* Rows of context smp_field_add() takes above and below a strip. */
#define SMP_FIELD_HALO MAX (SMP_STRANDS_HALO, SMP_FOCUS_HALO)

/* Feeds a strip of rows [y, y + rows): its linear pixels, n_color floats
 * each, rows of the drawable's width; and the selection's value of each
 * of its pixels (0 to 1; NULL when everything is selected).  pixels
 * points at the strip's first row and also holds, before it and after
 * it, MIN (SMP_FIELD_HALO, y) rows above the strip and MIN
 * (SMP_FIELD_HALO, height - y - rows) below it: hair is told by its
 * shape, which reaches beyond the strip.  Strips come in any order and
 * never overlap; y is a multiple of SMP_FIELD_CELL, and so is rows unless
 * the strip reaches the drawable's bottom.  One thread at a time: an add
 * may finish rows that earlier adds completed.
 */
void smp_field_add (SmpField *field, gint y, gint rows, const gfloat *pixels,
                    const gfloat *mask);

/* Call once every pixel was added: estimates the skin, hair coverage and
 * the distance of each cell to the selection's edge.  Rows added from the
 * top down are mostly done already, as they came in.
 */
void smp_field_finish (SmpField *field);

/* The photo's own blur in and around the selection, after
 * smp_field_finish(): the sigma in pixels of the Gaussian it looks
 * blurred by, 0 where there was too little detail to judge from.
 */
gdouble smp_field_blur (const SmpField *field);

/* The skin's whiteness: the median over the selected pixels of the least
 * of their channels over their sum, from 0 (a pure colour) to 1/3 (grey
 * or white), in linear light; -1 for gray drawables or no selection.  A
 * specular highlight adds white to the skin's colour, and so whiteness.
 */
#define SMP_WHITENESS_BINS 256
gdouble smp_field_skin_whiteness (const SmpField *field);
/* The votes of the edges that blur is the median of. */
const SmpFocusVotes *smp_field_focus_votes (const SmpField *field);

/* The hair found in the selection, after smp_field_finish(): the share
 * of the selection it covers (0 to 1, each pixel counted as much as it
 * is selected), and its colour in linear RGB, the geometric mean of its
 * pixels' and of those of the hair found just around the selection (in
 * its skin blocks and those beside them, smp_field_hair_around()), so
 * that a bald area selected tightly still has the hair around it to go
 * by.  FALSE, rgb left alone, when fewer than SMP_FIELD_HAIR_TONE_PIXELS
 * pixels of hair were found to tell it from.
 */
#define SMP_FIELD_HAIR_TONE_PIXELS 200
gboolean smp_field_hair_tone (const SmpField *field, gdouble *share,
                              gfloat rgb[3]);

/* Per cell, after smp_field_finish(). */
gfloat smp_field_selection (const SmpField *field, gint col, gint row);
/* How much of the cell hair covers, 0 to 1; 0 where nothing is selected:
 * hair is looked for only where pigment may go.
 */
gfloat smp_field_hair (const SmpField *field, gint col, gint row);
/* How much of an unselected cell just around the selection hair covers,
 * 0 to 1; 0 elsewhere.  Hair is looked for in the selection's skin blocks
 * and those beside them (smp_field_hair() being 0 outside the selection).
 */
gfloat smp_field_hair_around (const SmpField *field, gint col, gint row);
/* The mean linear luminance of the cell's pixels, hair and all. */
gfloat smp_field_luminance (const SmpField *field, gint col, gint row);
/* The cell's pixels that are hair, one bit each, row by row from bit 0. */
guint16 smp_field_hair_pixels (const SmpField *field, gint col, gint row);

/* Side of one axis block, in cells. */
#define SMP_FIELD_AXIS_BLOCK 4

/* The axis of the hair, selected or not (hair is looked for over the
 * selection's columns and a block to each side), per axis block, after
 * smp_field_finish(): the structure tensor of the strand detector's ridges.
 * Three floats a block, row by row, cols x rows blocks: the first two are
 * the axis as a vector of twice its angle (from x toward y), as long as
 * the ridges agree; the third is how much ridge went into it, which the
 * vector's length never exceeds.
 */
const gfloat *smp_field_strand_axes (const SmpField *field, gint *cols,
                                     gint *rows);
/* Distance in pixels to the nearest unselected cell, G_MAXFLOAT if none. */
gfloat smp_field_edge_distance (const SmpField *field, gint col, gint row);
/* Pixels of the drawable in that cell (fewer along the right and bottom). */
gint smp_field_cell_area (const SmpField *field, gint col, gint row);

/* Share of hair among pixel (x, y) and its eight neighbours, 0 to 1: how
 * much of the skin there hair hides.
 */
gfloat smp_field_hair_at (const SmpField *field, gint x, gint y);

/* smp_field_hair_at() of width pixels of row y from x, into out: the
 * rows of cells without hair passed over a cell at a time.
 */
void smp_field_hair_row (const SmpField *field, gint x, gint y, gint width,
                         gfloat *out);

/* The skin's linear luminance around pixel (x, y), as the field estimated
 * it from the cells without hair.
 */
gfloat smp_field_skin_luminance (const SmpField *field, gfloat x, gfloat y);

/* The k-th smallest of n values (0-based), none NaN, perhaps reordering
 * them: Hoare's selection in place, or for thousands of values a count of
 * their bits.
 */
gfloat smp_select_kth (gfloat *v, gint n, gint k);

G_END_DECLS

#endif /* __SMP_FIELD_H__ */
