/* scalp-micropigmentation: the scale of a photo, measured along a path.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_SCALE_H__
#define __SMP_SCALE_H__

#include "smp-filter.h"

/* The calibration's length argument, checked and reported as the
 * filter's arguments are.
 */
extern const SmpParamDesc smp_length_param;

/* The image's active path, or SMP_NO_PATH with out saying how to make
 * one.
 */
SmpPath smp_scale_path (SmpImage image, SmpOutcome *out);

/* Sets the image's resolution so that the first stroke of its active path
 * spans length cm, as one undo step; returns the new scale in pixels per
 * cm, or 0 with out saying why nothing changed.
 */
gdouble smp_scale_set (SmpImage image, gdouble length, SmpOutcome *out);

#endif /* __SMP_SCALE_H__ */
