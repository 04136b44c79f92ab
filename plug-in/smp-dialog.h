/* scalp-micropigmentation: the filter's dialog.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_DIALOG_H__
#define __SMP_DIALOG_H__

#include <libgimp/gimp.h>

#include "smp-field.h"
#include "smp-params.h"

/* Shows the dialog with params; on OK stores the chosen values in params
 * and returns TRUE.  The field the preview read, if any, is handed over in
 * *field so that the filter need not read the drawable again.
 */
gboolean smp_dialog_run (gint32 image, gint32 drawable, SmpParams *params,
                         SmpField **field);

#endif /* __SMP_DIALOG_H__ */
