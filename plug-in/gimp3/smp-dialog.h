/* scalp-micropigmentation: the filter's dialog in GIMP 3.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_DIALOG_H__
#define __SMP_DIALOG_H__

#include "smp-config.h"
#include "smp-filter.h"
#include "smp-preview.h"

/* Shows the dialog on config's values, which it changes; TRUE on OK.
 * Whatever the preview computed is handed over in work, to be released by
 * the caller, whether or not OK was pressed.
 */
gboolean smp_dialog_run (GimpProcedure *procedure, GimpProcedureConfig *config,
                         GimpImage *image, GimpDrawable *drawable,
                         SmpDialogWork *work);

#endif /* __SMP_DIALOG_H__ */
