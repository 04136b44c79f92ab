/* scalp-micropigmentation: what the photo says about where pigment may go.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_FIELD_H__
#define __SMP_FIELD_H__

#include <glib.h>

G_BEGIN_DECLS

/* Side of one field cell, in pixels.  The field keeps a few numbers per
 * cell, never a copy of the picture.
 */
#define SMP_FIELD_CELL 4

/* Side of one skin-reference block, in cells. */
#define SMP_FIELD_BLOCK 8

typedef struct _SmpField SmpField;

/* A field over a width x height drawable, in the drawable's coordinates. */
SmpField *smp_field_new (gint width, gint height);
void      smp_field_free (SmpField *field);

gint smp_field_width (const SmpField *field);
gint smp_field_height (const SmpField *field);
gint smp_field_cols (const SmpField *field);
gint smp_field_rows (const SmpField *field);

/* Feeds one rectangle of the drawable: linear luminance (0 to 1) and the
 * selection's value (0 to 1; NULL when everything is selected), each with
 * its row stride in floats.  Rectangles come in any order, never overlap,
 * and hold whole cells: x and y are multiples of SMP_FIELD_CELL, and so are
 * width and height unless the rectangle reaches the drawable's edge.  One
 * thread at a time: an add may finish rows that earlier adds completed.
 */
void smp_field_add (SmpField *field, gint x, gint y, gint width, gint height,
                    const gfloat *luma, gint luma_stride, const gfloat *mask,
                    gint mask_stride);

/* Call once every pixel was added: estimates the skin reference, hair
 * coverage and the distance of each cell to the selection's edge.  Rows
 * added from the top down are mostly done already, as they came in.
 */
void smp_field_finish (SmpField *field);

/* Per cell, after smp_field_finish(). */
gfloat smp_field_selection (const SmpField *field, gint col, gint row);
gfloat smp_field_hair (const SmpField *field, gint col, gint row);
/* The cell's pixels that are hair, one bit each, row by row from bit 0. */
guint16 smp_field_hair_pixels (const SmpField *field, gint col, gint row);
/* Distance in pixels to the nearest unselected cell, G_MAXFLOAT if none. */
gfloat smp_field_edge_distance (const SmpField *field, gint col, gint row);
/* Pixels of the drawable in that cell (fewer along the right and bottom). */
gint smp_field_cell_area (const SmpField *field, gint col, gint row);

/* Linear luminance of bare skin around (x, y), for telling hair apart. */
gfloat smp_field_skin_reference (const SmpField *field, gfloat x, gfloat y);

/* How much a pixel of luminance @luma looks like hair against skin of
 * luminance @skin: 0 = skin, 1 = clearly hair.  Relative, so it does not
 * depend on the photo's exposure.
 */
gfloat smp_hair_likeness (gfloat luma, gfloat skin);

G_END_DECLS

#endif /* __SMP_FIELD_H__ */
