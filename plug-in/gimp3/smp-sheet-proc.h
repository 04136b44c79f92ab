/* scalp-micropigmentation: the consultation sheet in GIMP 3.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_SHEET_PROC_H__
#define __SMP_SHEET_PROC_H__

#include <libgimp/gimp.h>

/* plug-in-scalp-micropigmentation-sheet, registered with plug_in. */
GimpProcedure *smp_sheet_procedure (GimpPlugIn *plug_in);

#endif /* __SMP_SHEET_PROC_H__ */
