/* scalp-micropigmentation: the filter's parameters, declared once.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-params.h"

#include <math.h>
#include <string.h>

#define N_(s) (s)

#define OFFSET(field) G_STRUCT_OFFSET (SmpParams, field)

/* A dark, slightly cool charcoal: a pure black is a classic mistake. */
static const SmpColor default_pigment = { 46 / 255.0, 44 / 255.0, 50 / 255.0 };

static const SmpParamDesc params_table[] = {
  { "density", SMP_PARAM_DOUBLE, N_ ("_Density:"),
    N_ ("Impressions per cm² of scalp once the treatment is complete"),
    N_ ("impressions per cm²"), 1, 400, 1, 200, 70, 0, 1, 10, FALSE,
    OFFSET (density) },
  { "dot-size", SMP_PARAM_DOUBLE, N_ ("Dot si_ze:"),
    N_ ("Mean impression diameter in mm"), N_ ("mm"), 0.05, 5, 0.05, 1, 0.3, 2,
    0.01, 0.1, FALSE, OFFSET (dot_size) },
  { "size-variation", SMP_PARAM_DOUBLE, N_ ("Size _variation:"),
    N_ ("Spread of impression diameters, 0 = all equal"), "", 0, 1, 0, 1, 0.25,
    2, 0.01, 0.1, FALSE, OFFSET (size_variation) },
  { "pigment", SMP_PARAM_COLOR, N_ ("_Pigment:"), N_ ("Pigment shade"), "", 0,
    1, 0, 1, 0, 0, 0, 0, FALSE, OFFSET (pigment) },
  { "opacity", SMP_PARAM_DOUBLE, N_ ("_Opacity:"),
    N_ ("Strength of one impression, in percent"), "%", 0, 100, 0, 100, 80, 0,
    1, 10, FALSE, OFFSET (opacity) },
  { "softness", SMP_PARAM_DOUBLE, N_ ("_Softness:"),
    N_ ("Diffusion of the edge, as healed pigment seen through skin"), "", 0, 1,
    0, 1, 0.35, 2, 0.01, 0.1, FALSE, OFFSET (softness) },
  { "tone-variation", SMP_PARAM_DOUBLE, N_ ("_Tone variation:"),
    N_ ("Spread of darkness between impressions"), "", 0, 1, 0, 1, 0.15, 2,
    0.01, 0.1, FALSE, OFFSET (tone_variation) },
  { "hairline-fade", SMP_PARAM_DOUBLE, N_ ("_Hairline fade:"),
    N_ ("Width in mm of the band inside the selection's edge over which "
        "density rises from none to full"),
    N_ ("mm"), 0, 50, 0, 20, 6, 1, 0.5, 2, FALSE, OFFSET (hairline_fade) },
  { "hair-blend", SMP_PARAM_DOUBLE, N_ ("Hair _blend:"),
    N_ ("How strongly existing hair keeps impressions off it"), "", 0, 1, 0, 1,
    0.5, 2, 0.01, 0.1, FALSE, OFFSET (hair_blend) },
  { "sessions", SMP_PARAM_INT, N_ ("S_essions:"),
    N_ ("Treatment sessions layered; each adds impressions and depth"), "", 1,
    4, 1, 4, 3, 0, 1, 1, FALSE, OFFSET (sessions) },
  { "scale", SMP_PARAM_DOUBLE, N_ ("Sc_ale:"),
    N_ ("Pixels per cm of scalp in this photo; 0 = from the image's "
        "resolution"),
    N_ ("px/cm"), 1, 10000, 0, 500, 0, 1, 1, 10, TRUE, OFFSET (scale) },
  { "seed", SMP_PARAM_INT, N_ ("_Random seed:"), N_ ("Random seed"), "",
    G_MININT32, G_MAXINT32, 0, G_MAXINT32, 1, 0, 1, 10, FALSE, OFFSET (seed) },
  { "output", SMP_PARAM_INT, N_ ("O_utput:"),
    N_ ("0 = draw on the drawable, 1 = a new layer, 2 = one new layer per "
        "session"),
    "", 0, 2, 0, 2, SMP_OUTPUT_LAYER, 0, 1, 1, FALSE, OFFSET (output) },
};

const SmpParamDesc *
smp_params_table (guint *n_params)
{
  *n_params = G_N_ELEMENTS (params_table);
  return params_table;
}

const SmpParamDesc *
smp_params_lookup (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    if (g_strcmp0 (params_table[i].name, name) == 0)
      return &params_table[i];

  return NULL;
}

void
smp_params_defaults (SmpParams *params)
{
  memset (params, 0, sizeof (SmpParams));

  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    if (params_table[i].type != SMP_PARAM_COLOR)
      smp_param_set (params, &params_table[i], params_table[i].def);

  params->pigment = default_pigment;
}

gdouble
smp_param_get (const SmpParams *params, const SmpParamDesc *desc)
{
  const guint8 *base = (const guint8 *) params + desc->offset;

  switch (desc->type)
    {
    case SMP_PARAM_DOUBLE:
      return *(const gdouble *) base;
    case SMP_PARAM_INT:
      return *(const gint *) base;
    case SMP_PARAM_COLOR:
      break;
    }

  g_return_val_if_reached (0.0);
}

void
smp_param_set (SmpParams *params, const SmpParamDesc *desc, gdouble value)
{
  guint8 *base = (guint8 *) params + desc->offset;

  switch (desc->type)
    {
    case SMP_PARAM_DOUBLE:
      *(gdouble *) base = value;
      return;
    case SMP_PARAM_INT:
      /* Not finite has no integer: the lowest one, out of every range but
       * the seed's, stands for it.
       */
      *(gint *) base = isfinite (value)
                           ? (gint) CLAMP (value, G_MININT32, G_MAXINT32)
                           : G_MININT32;
      return;
    case SMP_PARAM_COLOR:
      break;
    }

  g_return_if_reached ();
}

gboolean
smp_param_value_ok (const SmpParamDesc *desc, gdouble value)
{
  if (! isfinite (value))
    return FALSE;

  if (desc->zero_is_auto && value == 0.0)
    return TRUE;

  return value >= desc->min && value <= desc->max;
}

static gboolean
color_ok (const SmpColor *color)
{
  const gdouble c[3] = { color->r, color->g, color->b };

  for (gint i = 0; i < 3; i++)
    if (! isfinite (c[i]) || c[i] < 0.0 || c[i] > 1.0)
      return FALSE;

  return TRUE;
}

const SmpParamDesc *
smp_params_find_invalid (const SmpParams *params)
{
  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    {
      const SmpParamDesc *desc = &params_table[i];

      if (desc->type == SMP_PARAM_COLOR)
        {
          if (! color_ok (&params->pigment))
            return desc;
        }
      else if (! smp_param_value_ok (desc, smp_param_get (params, desc)))
        {
          return desc;
        }
    }

  return NULL;
}

gdouble
smp_params_coverage (const SmpParams *params)
{
  const gdouble d_cm = params->dot_size / 10.0;

  return params->density * G_PI * d_cm * d_cm / 4.0;
}

gdouble
smp_params_spacing_mm (const SmpParams *params)
{
  /* Blue-noise spacing to the nearest neighbour: about 1/sqrt(density),
   * i.e. 10 mm / sqrt(impressions per cm²).
   */
  return 10.0 / sqrt (params->density);
}
