/* scalp-micropigmentation: the pigment a practitioner would choose.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pigment.h"

#include <math.h>

#include "smp-render.h"

/* Hair up to this lightness (L*) takes the charcoal; from the next on,
 * the lightest grey.  Dark brown hair is about 20, mid brown 35, grey 60
 * to 75, white 85 and more.
 */
#define DARK_HAIR 25.0
#define LIGHT_HAIR 75.0

/* The grey for the lightest hair, sRGB: warm, and still a good deal
 * darker than the hair it stands for, as healed pigment is seen two or
 * three shades lighter than it goes in.
 */
static const gdouble light_grey[3] = { 108 / 255.0, 101 / 255.0, 96 / 255.0 };

/* How far the pigment leans toward the hair's own hue, for the lightest
 * hair: blond and red hair take a warmer, browner grey.
 */
#define HUE_LEAN 0.35

static const gdouble luma[3] = { 0.2126, 0.7152, 0.0722 };

gdouble
smp_pigment_lightness (const gfloat rgb[3])
{
  const gdouble y = luma[0] * rgb[0] + luma[1] * rgb[1] + luma[2] * rgb[2];

  return y > 216.0 / 24389.0 ? 116.0 * cbrt (y) - 16.0 : y * 24389.0 / 27.0;
}

SmpColor
smp_pigment_for_hair (const gfloat hair[3])
{
  const SmpColor charcoal = smp_params_lookup ("pigment")->def_color;
  const gdouble  from[3]  = { charcoal.r, charcoal.g, charcoal.b };
  const gdouble  l        = smp_pigment_lightness (hair);
  const gdouble  t = CLAMP ((l - DARK_HAIR) / (LIGHT_HAIR - DARK_HAIR), 0, 1);
  const gdouble  y = luma[0] * hair[0] + luma[1] * hair[1] + luma[2] * hair[2];
  gdouble        out[3];

  for (gint c = 0; c < 3; c++)
    {
      /* Between the two in linear light, then toward the hair's hue: its
       * channel over its luminance.
       */
      const gdouble a   = smp_srgb_to_linear (from[c]);
      const gdouble b   = smp_srgb_to_linear (light_grey[c]);
      const gdouble hue = y > 1e-4 ? CLAMP (hair[c] / y, 0.25, 4.0) : 1.0;

      out[c] = smp_linear_to_srgb ((a + (b - a) * t * t * (3 - 2 * t))
                                   * pow (hue, HUE_LEAN * t));
    }
  return (SmpColor){ out[0], out[1], out[2] };
}
