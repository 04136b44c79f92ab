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
    N_ ("Even impressions all over, like a closely shaved head"),
    { { "density", 80 },
      { "dot-size", 0.30 },
      { "size-variation", 0.25 },
      { "opacity", 80 },
      { "softness", 0.30 },
      { "tone-variation", 0.15 },
      { "ash-tone", 0.5 },
      { "hairline-fade", 6 },
      { "hair-blend", 0.3 },
      { "sessions", 3 } } },
  { N_ ("Thinning blend"),
    N_ ("Sparse, soft impressions between hair that is still there"),
    { { "density", 55 },
      { "dot-size", 0.25 },
      { "size-variation", 0.20 },
      { "opacity", 65 },
      { "softness", 0.45 },
      { "tone-variation", 0.12 },
      { "ash-tone", 0.4 },
      { "hairline-fade", 4 },
      { "hair-blend", 0.9 },
      { "sessions", 3 } } },
  { N_ ("Soft hairline"),
    N_ ("Small impressions fading in over a wide, irregular front"),
    { { "density", 70 },
      { "dot-size", 0.22 },
      { "size-variation", 0.30 },
      { "opacity", 70 },
      { "softness", 0.40 },
      { "tone-variation", 0.18 },
      { "ash-tone", 0.5 },
      { "hairline-fade", 12 },
      { "hair-blend", 0.5 },
      { "sessions", 3 } } },
  { N_ ("Scar camouflage"),
    N_ ("Dense impressions that fill a scar, with a short fade"),
    { { "density", 110 },
      { "dot-size", 0.30 },
      { "size-variation", 0.20 },
      { "opacity", 75 },
      { "softness", 0.35 },
      { "tone-variation", 0.10 },
      { "ash-tone", 0.6 },
      { "hairline-fade", 2 },
      { "hair-blend", 0.2 },
      { "sessions", 3 } } },
  { N_ ("First session only"),
    N_ ("The light, sparse work of a first session"),
    { { "density", 25 },
      { "dot-size", 0.25 },
      { "size-variation", 0.20 },
      { "opacity", 65 },
      { "softness", 0.35 },
      { "tone-variation", 0.15 },
      { "ash-tone", 0.5 },
      { "hairline-fade", 6 },
      { "hair-blend", 0.5 },
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
