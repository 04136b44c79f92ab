/* scalp-micropigmentation: looks a clinic asks for, ready to choose.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-presets.h"

#include <math.h>

#define N_(s) (s)

/* Drawn from practice and from real healed work (the defaults' figures,
 * test-look.c): the density and dot size of a shaved look, softer and
 * sparser work that blends with hair still there, a wide feathered front,
 * the dense fill and fuller tone a scar takes, and where a first session
 * stops (about 30% of the density).  Work among hair follows the hair
 * around (match hair): most of the way between thinning hair, halfway
 * over a scar.
 */
static const SmpPreset presets[] = {
  { N_ ("Shaved look"),
    N_ ("Even impressions all over, like a closely shaved head"),
    { { "density", 85 },
      { "dot-size", 0.50 },
      { "size-variation", 0.40 },
      { "opacity", 95 },
      { "softness", 0.25 },
      { "tone-variation", 0.40 },
      { "ash-tone", 0.35 },
      { "hairline-fade", 10 },
      { "hair-blend", 0.5 },
      { "match-hair", 0.0 },
      { "sessions", 3 } } },
  { N_ ("Thinning blend"),
    N_ ("Sparse, soft impressions between hair that is still there"),
    { { "density", 65 },
      { "dot-size", 0.40 },
      { "size-variation", 0.40 },
      { "opacity", 80 },
      { "softness", 0.35 },
      { "tone-variation", 0.35 },
      { "ash-tone", 0.45 },
      { "hairline-fade", 8 },
      { "hair-blend", 1.0 },
      { "match-hair", 0.7 },
      { "sessions", 3 } } },
  { N_ ("Soft hairline"),
    N_ ("Small impressions fading in over a wide, irregular front"),
    { { "density", 75 },
      { "dot-size", 0.40 },
      { "size-variation", 0.45 },
      { "opacity", 90 },
      { "softness", 0.30 },
      { "tone-variation", 0.45 },
      { "ash-tone", 0.35 },
      { "hairline-fade", 14 },
      { "hair-blend", 0.5 },
      { "match-hair", 0.0 },
      { "sessions", 3 } } },
  { N_ ("Scar camouflage"),
    N_ ("Dense impressions that fill a scar, with a short fade"),
    { { "density", 100 },
      { "dot-size", 0.50 },
      { "size-variation", 0.30 },
      { "opacity", 95 },
      { "softness", 0.30 },
      { "tone-variation", 0.30 },
      { "ash-tone", 0.45 },
      { "hairline-fade", 3 },
      { "hair-blend", 0.3 },
      { "match-hair", 0.5 },
      { "sessions", 3 } } },
  { N_ ("First session only"),
    N_ ("The light, sparse work of a first session"),
    { { "density", 25 },
      { "dot-size", 0.45 },
      { "size-variation", 0.40 },
      { "opacity", 85 },
      { "softness", 0.30 },
      { "tone-variation", 0.40 },
      { "ash-tone", 0.35 },
      { "hairline-fade", 11 },
      { "hair-blend", 0.5 },
      { "match-hair", 0.0 },
      { "sessions", 1 } } },
};

const SmpPreset *
smp_presets_table (guint *n_presets)
{
  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

gboolean
smp_param_in_presets (const SmpParamDesc *desc)
{
  return desc->type != SMP_PARAM_COLOR && desc->widget == SMP_WIDGET_SLIDER
         && ! desc->zero_is_auto;
}

gboolean
smp_preset_value (const SmpPreset *preset, const gchar *name, gdouble *value)
{
  for (const SmpPresetValue *v = preset->values; v->param; v++)
    if (g_str_equal (v->param, name))
      {
        *value = v->value;
        return TRUE;
      }
  return FALSE;
}

void
smp_preset_apply (const SmpPreset *preset, SmpParams *params)
{
  for (const SmpPresetValue *v = preset->values; v->param; v++)
    smp_param_set (params, smp_params_lookup (v->param), v->value);
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
      const SmpPresetValue *v = presets[i].values;

      while (v->param
             && same (smp_param_get (params, smp_params_lookup (v->param)),
                      v->value))
        v++;
      if (! v->param)
        return (gint) i;
    }
  return -1;
}
