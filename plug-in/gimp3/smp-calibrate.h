/* scalp-micropigmentation: the calibration in GIMP 3.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_CALIBRATE_H__
#define __SMP_CALIBRATE_H__

#include <libgimp/gimp.h>

/* plug-in-scalp-micropigmentation-calibrate, registered with plug_in. */
GimpProcedure *smp_calibrate_procedure (GimpPlugIn *plug_in);

/* Asks for the length the active path spans; FALSE when cancelled. */
gboolean smp_calibrate_dialog (GimpProcedure       *procedure,
                               GimpProcedureConfig *config);

#endif /* __SMP_CALIBRATE_H__ */
