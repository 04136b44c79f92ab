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

/* A preset sets the look of the impressions and the treatment: density,
 * dot size, their variation, opacity, softness, hairline fade, hair blend
 * and sessions.  The pigment, scale, output and seed stay what the user
 * set.  Strings are marked with N_().
 */
typedef struct
{
  const gchar *name;
  const gchar *description; /* one line */
  gdouble      density, dot_size, size_variation, opacity, softness;
  gdouble      tone_variation, hairline_fade, hair_blend;
  gint         sessions;
} SmpPreset;

const SmpPreset *smp_presets_table (guint *n_presets);

void smp_preset_apply (const SmpPreset *preset, SmpParams *params);

/* The index of the preset whose values params has, or -1 when it has
 * none's: the dialog then says "Custom".
 */
gint smp_presets_matching (const SmpParams *params);

G_END_DECLS

#endif /* __SMP_PRESETS_H__ */
