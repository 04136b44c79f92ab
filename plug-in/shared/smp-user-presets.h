/* scalp-micropigmentation: the user's own presets.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_USER_PRESETS_H__
#define __SMP_USER_PRESETS_H__

#include <glib.h>

#include "smp-params.h"

/* A preset the user saved: every value but where the result goes, the
 * seed and the scale, which belong to each photo and run.
 */
typedef struct
{
  gchar    *name;
  SmpParams params;
} SmpUserPreset;

/* The presets kept as key-file text in the user's GIMP profile, by name:
 * a new array of SmpUserPreset, which frees them.
 */
GPtrArray *smp_user_presets_load (void);
/* Keeps them, replacing what was kept; FALSE and error if it cannot. */
gboolean smp_user_presets_save (GPtrArray *presets, GError **error);

/* Adds a preset of params under name, or replaces the one of that name. */
void smp_user_presets_put (GPtrArray *presets, const gchar *name,
                           const SmpParams *params);

void     smp_user_preset_apply (const SmpUserPreset *preset, SmpParams *params);
gboolean smp_user_preset_matches (const SmpUserPreset *preset,
                                  const SmpParams     *params);

#endif /* __SMP_USER_PRESETS_H__ */
