/* scalp-micropigmentation: the filter's dialog.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_DIALOG_H__
#define __SMP_DIALOG_H__

#include <libgimp/gimp.h>

#include "smp-field.h"
#include "smp-layout.h"
#include "smp-params.h"

/* What the preview already worked out, handed to the filter so that OK
 * does not work it out again.  Either pointer may be NULL.
 */
typedef struct
{
  SmpField  *field;     /* the drawable's field */
  SmpLayout *layout;    /* the impressions, placed on that field... */
  SmpParams  placement; /* ...with these resolved parameters */
  gboolean   replace;   /* the filter's earlier layers go */
  gboolean   sheet;     /* a consultation sheet follows */
} SmpDialogWork;

/* Shows the dialog with params; on OK stores the chosen values in params
 * and returns TRUE.  Whatever the preview computed is handed over in work
 * (to be released by the caller) whether or not OK was pressed; the caller
 * uses the layout only if smp_layout_same_placement() says its placement
 * is the one it needs.
 */
gboolean smp_dialog_run (gint32 image, gint32 drawable, SmpParams *params,
                         SmpDialogWork *work);

#endif /* __SMP_DIALOG_H__ */
