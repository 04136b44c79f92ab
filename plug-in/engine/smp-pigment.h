/* scalp-micropigmentation: the pigment a practitioner would choose.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PIGMENT_H__
#define __SMP_PIGMENT_H__

#include <glib.h>

#include "smp-params.h"

G_BEGIN_DECLS

/* The pigment shade for a client whose hair has this colour (linear RGB,
 * 0 to 1), as practitioners match it: the table's charcoal for dark
 * hair, lighter and warmer greys for grey, white, blond and red hair,
 * leaning a little toward the hair's own hue.
 */
SmpColor smp_pigment_for_hair (const gfloat hair[3]);

/* CIE lightness L* (0 to 100) of a linear RGB colour with sRGB's
 * primaries.
 */
gdouble smp_pigment_lightness (const gfloat rgb[3]);

G_END_DECLS

#endif /* __SMP_PIGMENT_H__ */
