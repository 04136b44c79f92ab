/* scalp-micropigmentation: the filter's dialog.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_DIALOG_H__
#define __SMP_DIALOG_H__

#include <libgimp/gimp.h>

#include "smp-filter.h"

/* Shows the dialog with params, on an image with n_earlier layers of the
 * filter; on OK stores the chosen values in params and returns TRUE.  Whatever
 * the preview computed is handed over in work (to be released by the caller)
 * whether or not OK was pressed; the caller uses the layout only if
 * smp_layout_same_placement() says its placement is the one it needs.
 */
gboolean smp_dialog_run (gint32 image, gint32 drawable, SmpParams *params,
                         gint n_earlier, SmpDialogWork *work);

#endif /* __SMP_DIALOG_H__ */
