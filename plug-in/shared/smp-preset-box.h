/* scalp-micropigmentation: the presets row of the filter's dialog.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PRESET_BOX_H__
#define __SMP_PRESET_BOX_H__

#include <gtk/gtk.h>

#include "smp-params.h"

/* The presets, "Custom" first, the built-in ones from the engine's table,
 * the user's own last; a line about the one chosen; and buttons to save
 * the dialog's values as a preset of one's own, and to rename or delete
 * one.  The same row in both GIMPs.
 */
typedef struct _SmpPresetBox SmpPresetBox;

/* A row over the dialog's values: choosing a preset applies it to
 * params, then calls applied (data), which shows the new values.
 */
SmpPresetBox *smp_preset_box_new (SmpParams *params,
                                  void (*applied) (gpointer data),
                                  gpointer data);
void          smp_preset_box_free (SmpPresetBox *box);

GtkWidget *smp_preset_box_widget (SmpPresetBox *box);
/* The label, "Presets:", whose mnemonic leads to the list. */
GtkWidget *smp_preset_box_label (SmpPresetBox *box);

/* The values changed: shows the preset that has them, or "Custom". */
void smp_preset_box_update (SmpPresetBox *box);

#endif /* __SMP_PRESET_BOX_H__ */
