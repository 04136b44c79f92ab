/* scalp-micropigmentation: looks a clinic asks for, ready to choose.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-presets.h"

#include <math.h>

#define N_(s) (s)

/* Drawn from practice: the density and dot size of a shaved look, softer
 * and sparser work that blends with hair still there, a feathered front,
 * the dense fill a scar takes, and where a first session stops.
 */
static const SmpPreset presets[] = {
  { N_ ("Shaved look"),
    N_ ("Even impressions all over, like a closely shaved head"), 80, 0.30,
    0.25, 80, 0.30, 0.15, 6, 0.3, 3 },
  { N_ ("Thinning blend"),
    N_ ("Sparse, soft impressions between hair that is still there"), 55, 0.25,
    0.20, 65, 0.45, 0.12, 4, 0.9, 3 },
  { N_ ("Soft hairline"),
    N_ ("Small impressions fading in over a wide, irregular front"), 70, 0.22,
    0.30, 70, 0.40, 0.18, 12, 0.5, 3 },
  { N_ ("Scar camouflage"),
    N_ ("Dense impressions that fill a scar, with a short fade"), 110, 0.30,
    0.20, 75, 0.35, 0.10, 2, 0.2, 3 },
  { N_ ("First session only"), N_ ("The light, sparse work of a first session"),
    25, 0.25, 0.20, 65, 0.35, 0.15, 6, 0.5, 1 },
};

const SmpPreset *
smp_presets_table (guint *n_presets)
{
  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

void
smp_preset_apply (const SmpPreset *preset, SmpParams *params)
{
  params->density        = preset->density;
  params->dot_size       = preset->dot_size;
  params->size_variation = preset->size_variation;
  params->opacity        = preset->opacity;
  params->softness       = preset->softness;
  params->tone_variation = preset->tone_variation;
  params->hairline_fade  = preset->hairline_fade;
  params->hair_blend     = preset->hair_blend;
  params->sessions       = preset->sessions;
}

/* Equal to the dialog's precision: a value typed in or slid to shows
 * the preset's number.
 */
static gboolean
same (gdouble a, gdouble b)
{
  return fabs (a - b) < 1e-6 * MAX (1.0, fabs (b));
}

gint
smp_presets_matching (const SmpParams *params)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      const SmpPreset *p = &presets[i];

      if (same (params->density, p->density)
          && same (params->dot_size, p->dot_size)
          && same (params->size_variation, p->size_variation)
          && same (params->opacity, p->opacity)
          && same (params->softness, p->softness)
          && same (params->tone_variation, p->tone_variation)
          && same (params->hairline_fade, p->hairline_fade)
          && same (params->hair_blend, p->hair_blend)
          && params->sessions == p->sessions)
        return (gint) i;
    }
  return -1;
}
