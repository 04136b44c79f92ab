/* scalp-micropigmentation: the direction the hair grows in.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_FLOW_H__
#define __SMP_FLOW_H__

#include <glib.h>

#include "smp-field.h"

G_BEGIN_DECLS

typedef struct _SmpFlow SmpFlow;

/* Reads the hair's direction over a finished field, at scale pixels per
 * cm, for points in the rectangle x, y, width, height, or anywhere when
 * width is negative: the same direction either way.  Where the photo shows
 * single strands, in or beside the selection, the direction is theirs, carried
 * some millimetres around them. Elsewhere the hair follows a natural flow away
 * from a whorl behind the selection's top edge: forward on top of the head,
 * down on the sides and at the back, as photos of the top, the front and the
 * back show it.
 */
SmpFlow *smp_flow_new (const SmpField *field, gdouble scale, gint x, gint y,
                       gint width, gint height);
void     smp_flow_free (SmpFlow *flow);

/* The hair's axis at pixel (x, y), in radians from the x axis toward y
 * (down), between -pi/2 and pi/2: an axis, not an arrow.  strands, when
 * not NULL, says how much of it the photo's strands make: 0 for the
 * natural flow alone, toward 1 where many strands agree.
 */
gdouble smp_flow_axis (const SmpFlow *flow, gdouble x, gdouble y,
                       gdouble *strands);

/* The whorl the natural flow leaves from, in pixels. */
void smp_flow_whorl (const SmpFlow *flow, gdouble *x, gdouble *y);

G_END_DECLS

#endif /* __SMP_FLOW_H__ */
