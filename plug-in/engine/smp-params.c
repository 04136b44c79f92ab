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

#define PLACEMENT SMP_AFFECTS_PLACEMENT
#define LOOKS SMP_AFFECTS_LOOKS

static const gchar *const output_choices[]
    = { N_ ("Draw on the drawable"), N_ ("A new layer"),
        N_ ("One layer per session"), NULL };

static const SmpParamDesc params_table[] = {
  /* The ash tone holds a share of the pigment the impressions bring. */
  { .name    = "density",
    .type    = SMP_PARAM_DOUBLE,
    .affects = PLACEMENT | LOOKS,
    .label   = N_ ("_Density:"),
    .blurb   = N_ ("Impressions per cm² of scalp once the treatment is "
                     "complete"),
    .unit    = N_ ("impressions per cm²"),
    .min     = 1,
    .max     = 400,
    .def     = 80,
    .group   = SMP_GROUP_IMPRESSIONS,
    .ui_min  = 1,
    .ui_max  = 200,
    .step    = 1,
    .page    = 10,
    .offset  = OFFSET (density) },
  { .name    = "dot-size",
    .type    = SMP_PARAM_DOUBLE,
    .affects = LOOKS,
    .label   = N_ ("Dot si_ze:"),
    .blurb   = N_ ("Mean impression diameter in mm"),
    .unit    = N_ ("mm"),
    .min     = 0.05,
    .max     = 5,
    .def     = 0.5,
    .group   = SMP_GROUP_IMPRESSIONS,
    .ui_min  = 0.05,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (dot_size) },
  { .name    = "size-variation",
    .type    = SMP_PARAM_DOUBLE,
    .affects = LOOKS,
    .label   = N_ ("Size _variation:"),
    .blurb   = N_ ("Spread of impression diameters, 0 = all equal"),
    .unit    = "",
    .min     = 0,
    .max     = 1,
    .def     = 0.4,
    .group   = SMP_GROUP_IMPRESSIONS,
    .ui_min  = 0,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (size_variation) },
  /* A dark, slightly cool charcoal: a pure black is a classic mistake. */
  { .name      = "pigment",
    .type      = SMP_PARAM_COLOR,
    .affects   = LOOKS,
    .label     = N_ ("Pi_gment:"),
    .blurb     = N_ ("Pigment shade"),
    .unit      = "",
    .min       = 0,
    .max       = 1,
    .def_color = { 46 / 255.0, 44 / 255.0, 50 / 255.0 },
    .group     = SMP_GROUP_PIGMENT,
    .widget    = SMP_WIDGET_COLOR,
    .offset    = OFFSET (pigment) },
  { .name    = "opacity",
    .type    = SMP_PARAM_DOUBLE,
    .affects = LOOKS,
    .label   = N_ ("Opacit_y:"),
    .blurb   = N_ ("Strength of one impression, in percent"),
    .unit    = "%",
    .min     = 0,
    .max     = 100,
    .def     = 95,
    .group   = SMP_GROUP_PIGMENT,
    .ui_min  = 0,
    .ui_max  = 100,
    .step    = 1,
    .page    = 10,
    .offset  = OFFSET (opacity) },
  { .name    = "softness",
    .type    = SMP_PARAM_DOUBLE,
    .affects = LOOKS,
    .label   = N_ ("So_ftness:"),
    .blurb   = N_ ("Diffusion of the edge, as healed pigment seen through "
                     "skin"),
    .unit    = "",
    .min     = 0,
    .max     = 1,
    .def     = 0.25,
    .group   = SMP_GROUP_PIGMENT,
    .ui_min  = 0,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (softness) },
  { .name    = "tone-variation",
    .type    = SMP_PARAM_DOUBLE,
    .affects = LOOKS,
    .label   = N_ ("_Tone variation:"),
    .blurb   = N_ ("Spread of darkness between impressions"),
    .unit    = "",
    .min     = 0,
    .max     = 1,
    .def     = 0.4,
    .group   = SMP_GROUP_PIGMENT,
    .ui_min  = 0,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (tone_variation) },
  /* Healed pigment is a tone under the skin as much as dots: light
   * scattered in the dermis spreads each deposit and greys the skin's own
   * colour between the impressions.
   */
  { .name    = "ash-tone",
    .type    = SMP_PARAM_DOUBLE,
    .affects = LOOKS,
    .label   = N_ ("Ash tone:"), /* every letter of it is taken */
    .blurb   = N_ ("Share of the pigment seen as an even ash-grey tone under "
                     "the skin, between the impressions too: 0 = crisp dots "
                     "only, 1 = a soft shadow"),
    .unit    = "",
    .min     = 0,
    .max     = 1,
    .def     = 0.35,
    .group   = SMP_GROUP_PIGMENT,
    .ui_min  = 0,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (ash_tone) },
  { .name    = "hairline-fade",
    .type    = SMP_PARAM_DOUBLE,
    .affects = PLACEMENT | LOOKS, /* the ash tone fades in with it */
    .label   = N_ ("Hair_line fade:"),
    .blurb   = N_ ("Width in mm of the band inside the selection's edge over "
                     "which density rises from none to full"),
    .unit    = N_ ("mm"),
    .min     = 0,
    .max     = 50,
    .def     = 11,
    .group   = SMP_GROUP_REGION,
    .ui_min  = 0,
    .ui_max  = 20,
    .digits  = 1,
    .step    = 0.5,
    .page    = 2,
    .offset  = OFFSET (hairline_fade) },
  /* Hair keeps impressions off it, and hides the pigment under it. */
  { .name    = "hair-blend",
    .type    = SMP_PARAM_DOUBLE,
    .affects = PLACEMENT | LOOKS,
    .label   = N_ ("Hair _blend:"),
    .blurb   = N_ ("How strongly existing hair keeps impressions off it"),
    .unit    = "",
    .min     = 0,
    .max     = 1,
    .def     = 0.5,
    .group   = SMP_GROUP_REGION,
    .ui_min  = 0,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (hair_blend) },
  /* Bald patches among hair take the tone of the hair-bearing scalp
   * around them, as a practitioner matches density to it.
   */
  { .name    = "match-hair",
    .type    = SMP_PARAM_DOUBLE,
    .affects = PLACEMENT | LOOKS,
    .label   = N_ ("Match hair:"), /* every letter of it is taken */
    .blurb   = N_ ("How far the treatment follows the hair around: 1 gives "
                     "bald patches the tone of the hair-bearing scalp around "
                     "them, more where the scalp is bare, less where hair "
                     "is, none on hair; 0 treats evenly"),
    .unit    = "",
    .min     = 0,
    .max     = 1,
    .def     = 0,
    .group   = SMP_GROUP_REGION,
    .ui_min  = 0,
    .ui_max  = 1,
    .digits  = 2,
    .step    = 0.01,
    .page    = 0.1,
    .offset  = OFFSET (match_hair) },
  /* Each session adds impressions, and sits a little darker: the layout
   * carries each impression's session, and so its depth.
   */
  { .name    = "sessions",
    .type    = SMP_PARAM_INT,
    .affects = PLACEMENT,
    .label   = N_ ("Sess_ions:"),
    .blurb   = N_ ("Treatment sessions layered; each adds impressions and "
                     "depth"),
    .unit    = "",
    .min     = 1,
    .max     = 4,
    .def     = 3,
    .group   = SMP_GROUP_TREATMENT,
    .ui_min  = 1,
    .ui_max  = 4,
    .step    = 1,
    .page    = 1,
    .offset  = OFFSET (sessions) },
  { .name         = "scale",
    .type         = SMP_PARAM_DOUBLE,
    .affects      = PLACEMENT | LOOKS,
    .label        = N_ ("Sc_ale:"),
    .blurb        = N_ ("Pixels per cm of scalp in this photo; 0 = from the "
                               "image's resolution"),
    .unit         = N_ ("px/cm"),
    .min          = 1,
    .max          = 10000,
    .zero_is_auto = TRUE,
    .def          = 0,
    .group        = SMP_GROUP_SCALE,
    .ui_min       = 0,
    .ui_max       = 500,
    .digits       = 1,
    .step         = 1,
    .page         = 10,
    .offset       = OFFSET (scale) },
  { .name    = "seed",
    .type    = SMP_PARAM_INT,
    .affects = PLACEMENT | LOOKS,
    .label   = N_ ("_Random seed:"),
    .blurb   = N_ ("Random seed"),
    .unit    = "",
    .min     = G_MININT32,
    .max     = G_MAXINT32,
    .def     = 1,
    .group   = SMP_GROUP_SEED,
    .widget  = SMP_WIDGET_SEED,
    .offset  = OFFSET (seed) },
  { .name    = "output",
    .type    = SMP_PARAM_INT,
    .affects = SMP_AFFECTS_OUTPUT,
    .label   = N_ ("O_utput:"),
    .blurb   = N_ ("0 = draw on the drawable, 1 = a new layer, 2 = one new "
                     "layer per session"),
    .unit    = "",
    .min     = 0,
    .max     = 2,
    .def     = SMP_OUTPUT_LAYER,
    .group   = SMP_GROUP_TREATMENT,
    .widget  = SMP_WIDGET_CHOICE,
    .choices = output_choices,
    .offset  = OFFSET (output) },
};

static const gchar *const group_titles[SMP_N_GROUPS] = {
  N_ ("Impressions"), N_ ("Pigment"), N_ ("Region"),
  N_ ("Treatment"),   N_ ("Scale"),   N_ ("Random seed"),
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
    {
      const SmpParamDesc *desc = &params_table[i];

      if (desc->type == SMP_PARAM_COLOR)
        smp_param_set_color (params, desc, desc->def_color);
      else
        smp_param_set (params, desc, desc->def);
    }
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

SmpColor
smp_param_get_color (const SmpParams *params, const SmpParamDesc *desc)
{
  g_return_val_if_fail (desc->type == SMP_PARAM_COLOR, (SmpColor){ 0 });
  return *(const SmpColor *) ((const guint8 *) params + desc->offset);
}

void
smp_param_set_color (SmpParams *params, const SmpParamDesc *desc,
                     SmpColor color)
{
  g_return_if_fail (desc->type == SMP_PARAM_COLOR);
  *(SmpColor *) ((guint8 *) params + desc->offset) = color;
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
          const SmpColor color = smp_param_get_color (params, desc);

          if (! color_ok (&color))
            return desc;
        }
      else if (! smp_param_value_ok (desc, smp_param_get (params, desc)))
        {
          return desc;
        }
    }

  return NULL;
}

gboolean
smp_params_same (const SmpParams *a, const SmpParams *b, SmpAffects what)
{
  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    {
      const SmpParamDesc *desc = &params_table[i];

      if (! (desc->affects & what))
        continue;

      if (desc->type == SMP_PARAM_COLOR)
        {
          const SmpColor ca = smp_param_get_color (a, desc);
          const SmpColor cb = smp_param_get_color (b, desc);

          if (ca.r != cb.r || ca.g != cb.g || ca.b != cb.b)
            return FALSE;
        }
      else if (smp_param_get (a, desc) != smp_param_get (b, desc))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* The shortest decimal text that reads back as exactly v: 0.6, not
 * 0.59999999999999998.
 */
static gchar *
exact_text (gdouble v)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (gint digits = 15; digits < 17; digits++)
    {
      g_autofree gchar *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        return g_strdup (buf);
    }
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
}

void
smp_params_save_keys (const SmpParams *params, GKeyFile *key_file,
                      const gchar *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    {
      const SmpParamDesc *desc = &params_table[i];

      if (desc->type == SMP_PARAM_COLOR)
        {
          const SmpColor    color = smp_param_get_color (params, desc);
          g_autofree gchar *r = exact_text (color.r), *g = exact_text (color.g);
          g_autofree gchar *b     = exact_text (color.b);
          const gchar      *rgb[] = { r, g, b };

          g_key_file_set_string_list (key_file, group, desc->name, rgb, 3);
        }
      else if (desc->type == SMP_PARAM_INT)
        g_key_file_set_integer (key_file, group, desc->name,
                                (gint) smp_param_get (params, desc));
      else
        {
          g_autofree gchar *text = exact_text (smp_param_get (params, desc));

          g_key_file_set_value (key_file, group, desc->name, text);
        }
    }
}

/* Reads one parameter from group into params, if it is there and valid. */
static gboolean
load_key (SmpParams *params, const SmpParamDesc *desc, GKeyFile *key_file,
          const gchar *group)
{
  g_autoptr (GError) error = NULL;

  if (desc->type == SMP_PARAM_COLOR)
    {
      gsize               n   = 0;
      g_autofree gdouble *rgb = g_key_file_get_double_list (
          key_file, group, desc->name, &n, &error);
      SmpColor color;

      if (! rgb || n != 3)
        return FALSE;
      color = (SmpColor){ rgb[0], rgb[1], rgb[2] };
      if (! color_ok (&color))
        return FALSE;
      smp_param_set_color (params, desc, color);
      return TRUE;
    }
  else
    {
      /* A whole number where one must be: "2.5" is no session count. */
      const gdouble value
          = desc->type == SMP_PARAM_INT
                ? g_key_file_get_integer (key_file, group, desc->name, &error)
                : g_key_file_get_double (key_file, group, desc->name, &error);

      if (error || ! smp_param_value_ok (desc, value))
        return FALSE;
      smp_param_set (params, desc, value);
      return TRUE;
    }
}

guint
smp_params_load_keys (SmpParams *params, GKeyFile *key_file, const gchar *group)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    n += load_key (params, &params_table[i], key_file, group);
  return n;
}

const SmpParamDesc *
smp_params_read_keys (SmpParams *params, GKeyFile *key_file, const gchar *group)
{
  SmpParams read = *params;

  for (guint i = 0; i < G_N_ELEMENTS (params_table); i++)
    if (! load_key (&read, &params_table[i], key_file, group))
      return &params_table[i];

  *params = read;
  return NULL;
}

const gchar *
smp_params_group_title (SmpGroup group)
{
  g_return_val_if_fail (group < SMP_N_GROUPS, NULL);
  return group_titles[group];
}

gdouble
smp_params_coverage (const SmpParams *params)
{
  const gdouble d_cm = params->dot_size / 10.0;

  return params->density * G_PI * d_cm * d_cm / 4.0;
}

gdouble
smp_params_hair_blend (const SmpParams *params)
{
  return MAX (params->hair_blend, params->match_hair);
}

gdouble
smp_params_spacing_mm (const SmpParams *params)
{
  /* Blue-noise spacing to the nearest neighbour: about 1/sqrt(density),
   * i.e. 10 mm / sqrt(impressions per cm²).
   */
  return 10.0 / sqrt (params->density);
}

gchar *
smp_param_range_text (const SmpParamDesc *desc)
{
  if (desc->type == SMP_PARAM_COLOR)
    return g_strdup ("RGB");
  if (desc->zero_is_auto)
    return g_strdup_printf ("0, or %g to %g", desc->min, desc->max);
  if (desc->min <= G_MININT32)
    return g_strdup ("any integer");
  return g_strdup_printf ("%g to %g", desc->min, desc->max);
}

gchar *
smp_param_default_text (const SmpParamDesc *desc)
{
  const SmpColor c = desc->def_color;

  if (desc->type == SMP_PARAM_COLOR)
    return g_strdup_printf ("(%d, %d, %d)", (gint) (c.r * 255 + 0.5),
                            (gint) (c.g * 255 + 0.5), (gint) (c.b * 255 + 0.5));
  return g_strdup_printf ("%g", desc->def);
}
