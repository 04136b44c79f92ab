/* scalp-micropigmentation: the scale of a photo, measured along a path.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_CALIBRATE_H__
#define __SMP_CALIBRATE_H__

#include <libgimp/gimp.h>

/* Registers plug-in-scalp-micropigmentation-calibrate. */
void smp_calibrate_query (void);

/* Sets the image's resolution so that the first stroke of its active path
 * spans length cm (asked for in interactive mode), as one undo step.
 * Returns the new scale in pixels per cm; on failure sets status and a
 * translated message and changes nothing.
 */
gdouble smp_calibrate (gint32 image, GimpRunMode run_mode, gdouble length,
                       GimpPDBStatusType *status, gchar **message);

#endif /* __SMP_CALIBRATE_H__ */
