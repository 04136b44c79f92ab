/* scalp-micropigmentation: looks a clinic asks for, ready to choose.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PRESETS_H__
#define __SMP_PRESETS_H__

#include <glib.h>

#include "smp-params.h"

G_BEGIN_DECLS

/* A preset sets the look of the impressions and the treatment: every
 * parameter smp_param_in_presets() names, by its PDB name, each once.  The
 * pigment, scale, seed and output stay what the user set.  Strings are
 * marked with N_().
 */
typedef struct
{
  const gchar *param; /* NULL ends a preset's values */
  gdouble      value;
} SmpPresetValue;

#define SMP_PRESET_MAX_VALUES 16

typedef struct
{
  const gchar   *name;
  const gchar   *description; /* one line */
  SmpPresetValue values[SMP_PRESET_MAX_VALUES];
} SmpPreset;

/* Whether presets set this parameter: every number but the scale, seed and
 * output, which belong to each photo and run.
 */
gboolean smp_param_in_presets (const SmpParamDesc *desc);

/* The value a preset gives the parameter called name; FALSE when it gives
 * none.
 */
gboolean smp_preset_value (const SmpPreset *preset, const gchar *name,
                           gdouble *value);

const SmpPreset *smp_presets_table (guint *n_presets);

void smp_preset_apply (const SmpPreset *preset, SmpParams *params);

/* The index of the preset whose values params has, or -1 when it has
 * none's: the dialog then says "Custom".
 */
gint smp_presets_matching (const SmpParams *params);

G_END_DECLS

#endif /* __SMP_PRESETS_H__ */
