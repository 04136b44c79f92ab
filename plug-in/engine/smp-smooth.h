/* scalp-micropigmentation: Gaussian smoothing of a strip with context.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_SMOOTH_H__
#define __SMP_SMOOTH_H__

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* Widest kernel: sigma up to SMP_SMOOTH_RADIUS_MAX / 3. */
#define SMP_SMOOTH_RADIUS_MAX 9

/* A strip of rows rows, held with above rows of context before it and
 * below after it (fewer only at the drawable's edges, whose outer pixels
 * then repeat), each width floats.
 */
typedef struct
{
  gint width, rows, above, below;
} SmpStrip;

/* Row r of the strip (negative in the context above) in its planes,
 * clamped to the rows there are.
 */
static inline gint
smp_strip_row (const SmpStrip *strip, gint r)
{
  return CLAMP (r, -strip->above, strip->rows + strip->below - 1)
         + strip->above;
}

/* The kernel's half width, radius: the kernel has 2 radius + 1 taps. */
static inline gint
smp_smooth_radius (gfloat sigma)
{
  return (gint) ceilf (3.0f * sigma);
}

/* Smooths plane (the strip's rows with their context) by a Gaussian of
 * sigma into out, rows [-margin, rows + margin) of the strip one after
 * another, over columns [xa, xb); horiz (as large as plane) is scratch.
 * Separable: along rows, then columns, repeating the outer pixels.
 */
void smp_smooth (const SmpStrip *strip, const gfloat *plane, gfloat sigma,
                 gint margin, gint xa, gint xb, gfloat *horiz, gfloat *out);

G_END_DECLS

#endif /* __SMP_SMOOTH_H__ */
