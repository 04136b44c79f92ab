/* scalp-micropigmentation: the consultation sheet in GIMP 2.10.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_SHEET_PDB_H__
#define __SMP_SHEET_PDB_H__

#include "smp-sheet.h"

/* Registers plug-in-scalp-micropigmentation-sheet. */
void smp_sheet_query (void);

/* Runs plug-in-scalp-micropigmentation-sheet: the options as the
 * procedure's arguments give them, or as the user sets them in interactive
 * mode.  Returns the new image, shown unless non-interactive, or -1 with
 * status and a translated message set.
 */
gint32 smp_sheet_run (gint32 image, GimpRunMode run_mode,
                      const SmpSheetOptions *options, GimpPDBStatusType *status,
                      gchar **message);

#endif /* __SMP_SHEET_PDB_H__ */
