/* scalp-micropigmentation: the parameter table is the public API.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "smp-presets.h"
#include "smp-testkit.h"

static void
test_order_and_names (void)
{
  static const gchar *names[]
      = { "density",       "dot-size",   "size-variation", "pigment",
          "opacity",       "softness",   "tone-variation", "ash-tone",
          "hairline-fade", "hair-blend", "match-hair",     "sessions",
          "scale",         "seed",       "output" };
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (table[i].name, ==, names[i]);

  g_assert_cmpint (smp_params_lookup ("sessions")->type, ==, SMP_PARAM_INT);
  g_assert_cmpint (smp_params_lookup ("pigment")->type, ==, SMP_PARAM_COLOR);
  g_assert_cmpint (smp_params_lookup ("density")->type, ==, SMP_PARAM_DOUBLE);
  g_assert_null (smp_params_lookup ("no-such"));
}

static void
test_defaults (void)
{
  SmpParams p;

  smp_params_defaults (&p);
  g_assert_cmpfloat (p.density, ==, 80);
  g_assert_cmpfloat (p.dot_size, ==, 0.5);
  g_assert_cmpfloat (p.size_variation, ==, 0.4);
  g_assert_cmpfloat (p.opacity, ==, 95);
  g_assert_cmpfloat (p.softness, ==, 0.25);
  g_assert_cmpfloat (p.tone_variation, ==, 0.4);
  g_assert_cmpfloat (p.ash_tone, ==, 0.35);
  g_assert_cmpfloat (p.hairline_fade, ==, 11);
  g_assert_cmpfloat (p.hair_blend, ==, 0.5);
  g_assert_cmpfloat (p.match_hair, ==, 0);
  g_assert_cmpint (p.sessions, ==, 3);
  g_assert_cmpfloat (p.scale, ==, 0);
  g_assert_cmpint (p.output, ==, SMP_OUTPUT_LAYER);
  g_assert_cmpint ((gint) round (p.pigment.r * 255), ==, 46);
  g_assert_cmpint ((gint) round (p.pigment.g * 255), ==, 44);
  g_assert_cmpint ((gint) round (p.pigment.b * 255), ==, 50);
  g_assert_null (smp_params_find_invalid (&p));
}

static void
test_ranges (void)
{
  const SmpParamDesc *density = smp_params_lookup ("density");
  const SmpParamDesc *scale   = smp_params_lookup ("scale");
  SmpParams           p;

  g_assert_true (smp_param_value_ok (density, 1));
  g_assert_true (smp_param_value_ok (density, 400));
  g_assert_false (smp_param_value_ok (density, 0.999));
  g_assert_false (smp_param_value_ok (density, 400.01));
  g_assert_false (smp_param_value_ok (density, NAN));
  g_assert_false (smp_param_value_ok (density, INFINITY));
  g_assert_false (smp_param_value_ok (density, -INFINITY));

  /* Scale is 0 (automatic) or 1 to 10000, nothing in between. */
  g_assert_true (smp_param_value_ok (scale, 0));
  g_assert_false (smp_param_value_ok (scale, 0.5));
  g_assert_true (smp_param_value_ok (scale, 1));
  g_assert_false (smp_param_value_ok (scale, -1));

  smp_params_defaults (&p);
  p.density = -5;
  g_assert_true (smp_params_find_invalid (&p) == density);

  smp_params_defaults (&p);
  p.sessions = 5;
  g_assert_true (smp_params_find_invalid (&p)
                 == smp_params_lookup ("sessions"));

  smp_params_defaults (&p);
  p.pigment.g = 1.5;
  g_assert_true (smp_params_find_invalid (&p) == smp_params_lookup ("pigment"));

  /* Not finite never becomes a valid whole number (found by fuzzing). */
  smp_params_defaults (&p);
  smp_param_set (&p, smp_params_lookup ("sessions"), NAN);
  g_assert_true (smp_params_find_invalid (&p)
                 == smp_params_lookup ("sessions"));
  smp_param_set (&p, smp_params_lookup ("sessions"), 2);
  smp_param_set (&p, smp_params_lookup ("output"), -INFINITY);
  g_assert_true (smp_params_find_invalid (&p) == smp_params_lookup ("output"));

  smp_params_defaults (&p);
  p.output = 3;
  g_assert_true (smp_params_find_invalid (&p) == smp_params_lookup ("output"));
}

static void
test_every_slider_inside_hard_range (void)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *d = &table[i];

      if (d->type == SMP_PARAM_COLOR)
        continue;
      g_assert_true (d->ui_min <= d->ui_max);
      g_assert_true (smp_param_value_ok (d, d->def));
      g_assert_true (smp_param_value_ok (d, d->ui_max));
      g_assert_true (smp_param_value_ok (d, d->ui_min));
    }
}

static void
test_coverage (void)
{
  SmpParams p;

  smp_params_defaults (&p);
  /* 80 per cm² of 0.5 mm dots: 80 x pi x 0.025² cm² = 15.7%. */
  g_assert_cmpfloat_with_epsilon (smp_params_coverage (&p), 0.1571, 0.0005);
  g_assert_cmpfloat_with_epsilon (smp_params_spacing_mm (&p), 1.118, 0.001);
}

/* A value of desc other than the one in p, inside its slider's range. */
static void
change (SmpParams *p, const SmpParamDesc *desc)
{
  gdouble v;

  if (desc->type == SMP_PARAM_COLOR)
    {
      smp_param_set_color (p, desc, (SmpColor){ 0.5, 0.2, 0.1 });
      return;
    }

  v = smp_param_get (p, desc);
  if (desc->type == SMP_PARAM_INT)
    v = v + 1 <= desc->max ? v + 1 : v - 1;
  else
    v = v < desc->ui_max ? (v + desc->ui_max) / 2 : (v + desc->ui_min) / 2;
  smp_param_set (p, desc, v);
  g_assert_null (smp_params_find_invalid (p));
}

static gboolean
same_layout (const SmpLayout *a, const SmpLayout *b)
{
  return a->n_impressions == b->n_impressions
         && memcmp (a->impressions, b->impressions,
                    a->n_impressions * sizeof (SmpImpression))
                == 0;
}

/* Renders the layout with the looks of p over rgb. */
static gfloat *
render (const SmpLayout *layout, const SmpField *field, const SmpParams *p,
        const gfloat *rgb, gint w, gint h)
{
  SmpStamps *stamps = smp_stamps_new (layout, field, p);
  gfloat    *out    = g_new (gfloat, (gsize) w * h * 3);

  smp_render (stamps, 1, layout->sessions,
              &(SmpRect){ 0, 0, w, h, 3, 3, w * 3, rgb, out });
  smp_stamps_free (stamps);
  return out;
}

/* Every parameter changes the placement if, and only if, the table says it
 * affects placement, and the pixels made from one placement if, and only
 * if, it affects looks: what a caller keeps or makes anew by these flags
 * is then right.
 */
static void
test_affects_what_the_table_says (void)
{
  const gint          w = 200, h = 160;
  const gsize         size = (gsize) w * h * 3 * sizeof (gfloat);
  gfloat             *rgb  = smp_test_scalp (w, h, TRUE, 3);
  gfloat             *mask = g_new (gfloat, (gsize) w * h);
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);
  SmpField           *field;
  SmpLayout          *layout;
  SmpParams           p;
  gfloat             *pixels;

  /* A disc, so that the hairline has an edge to fade in from. */
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      mask[y * w + x] = hypot (x - w / 2.0, y - h / 2.0) < 0.45 * w;
  field = smp_test_field (rgb, mask, w, h);
  smp_params_defaults (&p);
  p.scale = 100;
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  pixels = render (layout, field, &p, rgb, w, h);

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *desc = &table[i];
      SmpParams           q    = p;
      SmpLayout          *moved;
      gfloat             *looks;

      change (&q, desc);
      g_test_message ("%s", desc->name);
      g_assert_false (smp_params_same (&p, &q, desc->affects));
      g_assert_true (smp_params_same (&p, &q, ~desc->affects));

      g_assert_cmpint (smp_layout_new (field, &q, NULL, NULL, &moved), ==,
                       SMP_LAYOUT_OK);
      g_assert_cmpint (same_layout (moved, layout), ==,
                       ! (desc->affects & SMP_AFFECTS_PLACEMENT));
      g_assert_cmpint (smp_layout_same_placement (&p, &q), ==,
                       ! (desc->affects & SMP_AFFECTS_PLACEMENT));

      looks = render (layout, field, &q, rgb, w, h);
      g_assert_cmpint (memcmp (looks, pixels, size) == 0, ==,
                       ! (desc->affects & SMP_AFFECTS_LOOKS));

      g_free (looks);
      smp_layout_free (moved);
    }

  g_free (pixels);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (mask);
  g_free (rgb);
}

/* The README's parameter table, as the parameter table makes it: the
 * argument's position, name, unit, range and default.
 */
static gchar *
readme_row_start (const SmpParamDesc *desc, guint position)
{
  return g_strdup_printf ("| %u | %s | %s |", position, desc->name, desc->unit);
}

static gchar *
readme_row_end (const SmpParamDesc *desc)
{
  g_autofree gchar *range = smp_param_range_text (desc);
  g_autofree gchar *def   = smp_param_default_text (desc);

  return g_strdup_printf ("| %s | %s |", range, def);
}

/* Users read the parameters in the README: its table must say what the
 * code does, row for row.
 */
static void
test_readme_table (void)
{
  g_autofree gchar *path
      = g_build_filename (SMP_SOURCE_ROOT, "README.md", NULL);
  g_autofree gchar *text = NULL;
  g_auto (GStrv) lines   = NULL;
  guint               n, rows = 0;
  const SmpParamDesc *table = smp_params_table (&n);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (g_regex_match_simple ("^\\| [0-9]+ \\|", lines[i], 0, 0))
      {
        const SmpParamDesc *desc = &table[rows];
        g_autofree gchar   *start
            = readme_row_start (desc, rows + 3); /* after the image's three */
        g_autofree gchar *end = readme_row_end (desc);

        g_assert_cmpuint (rows, <, n);
        g_test_message ("%s", lines[i]);
        g_assert_true (g_str_has_prefix (lines[i], start));
        g_assert_true (g_str_has_suffix (lines[i], end));
        rows++;
      }
  g_assert_cmpuint (rows, ==, n);
}

/* Settings kept as key-file text come back exactly, whatever the locale's
 * decimal point; a value out of range, unreadable or missing leaves the
 * one before it.
 */
static void
test_keys (void)
{
  SmpParams         p, back, def;
  GKeyFile         *kf   = g_key_file_new ();
  g_autofree gchar *text = NULL;
  guint             n_params;

  smp_params_table (&n_params);
  smp_params_defaults (&def);
  p            = def;
  p.density    = 33.25;
  p.dot_size   = 0.47;
  p.pigment    = (SmpColor){ 0.1, 0.2, 0.3 };
  p.sessions   = 2;
  p.hair_blend = 0.8;
  p.seed       = -123456;
  p.output     = 2;

  smp_params_save_keys (&p, kf, "last");
  text = g_key_file_to_data (kf, NULL, NULL);
  g_key_file_free (kf);

  kf   = g_key_file_new ();
  back = def;
  g_assert_true (g_key_file_load_from_data (kf, text, -1, 0, NULL));
  g_assert_cmpuint (smp_params_load_keys (&back, kf, "last"), ==, n_params);
  g_assert_true (smp_params_same (&back, &p,
                                  SMP_AFFECTS_PLACEMENT | SMP_AFFECTS_LOOKS
                                      | SMP_AFFECTS_OUTPUT));
  g_assert_cmpfloat (back.density, ==, 33.25);
  g_assert_cmpint (back.seed, ==, -123456);

  /* Out of range, not a number, not whole, and missing. */
  g_key_file_set_double (kf, "last", "density", 1e6);
  g_key_file_set_string (kf, "last", "dot-size", "large");
  g_key_file_set_double (kf, "last", "sessions", 2.5);
  g_key_file_remove_key (kf, "last", "opacity", NULL);
  back = def;
  g_assert_cmpuint (smp_params_load_keys (&back, kf, "last"), ==, n_params - 4);
  g_assert_cmpfloat (back.density, ==, def.density);
  g_assert_cmpfloat (back.dot_size, ==, def.dot_size);
  g_assert_cmpint (back.sessions, ==, def.sessions);
  g_assert_cmpfloat (back.opacity, ==, def.opacity);
  g_assert_cmpfloat (back.hair_blend, ==, 0.8);
  g_key_file_free (kf);
}

/* Every preset gives a value to every parameter presets set, by its name
 * in the table, and to no other; is valid; keeps the pigment, seed, scale
 * and output; and is known again by its values until one of them changes:
 * then the dialog says "Custom".
 */
static void
test_presets (void)
{
  guint               n, n_params;
  const SmpPreset    *presets = smp_presets_table (&n);
  const SmpParamDesc *table   = smp_params_table (&n_params);
  SmpParams           def;

  smp_params_defaults (&def);
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      SmpParams p        = def;
      guint     n_values = 0, n_set = 0;

      g_assert_nonnull (presets[i].description);
      for (const SmpPresetValue *v = presets[i].values; v->param; v++)
        {
          const SmpParamDesc *desc = smp_params_lookup (v->param);

          g_assert_nonnull (desc);
          g_assert_true (smp_param_in_presets (desc));
          n_values++;
        }
      for (guint k = 0; k < n_params; k++)
        {
          gdouble value;

          if (! smp_param_in_presets (&table[k]))
            continue;
          g_assert_true (smp_preset_value (&presets[i], table[k].name, &value));
          n_set++;
        }
      /* Each once: as many values as parameters, each of them found. */
      g_assert_cmpuint (n_values, ==, n_set);

      p.pigment = (SmpColor){ 0.2, 0.1, 0.05 };
      p.seed    = 99;
      p.scale   = 123.0;
      p.output  = 2;
      smp_preset_apply (&presets[i], &p);
      g_assert_null (smp_params_find_invalid (&p));
      g_assert_cmpint (smp_presets_matching (&p), ==, (gint) i);
      g_assert_cmpfloat (p.pigment.r, ==, 0.2);
      g_assert_cmpint (p.seed, ==, 99);
      g_assert_cmpfloat (p.scale, ==, 123.0);
      g_assert_cmpint (p.output, ==, 2);

      /* Any one value changed, the values are no preset's. */
      for (const SmpPresetValue *v = presets[i].values; v->param; v++)
        {
          const SmpParamDesc *desc = smp_params_lookup (v->param);
          SmpParams           q    = p;

          smp_param_set (&q, desc,
                         v->value + (v->value + 1.0 <= desc->max ? 1.0 : -1.0));
          g_assert_cmpint (smp_presets_matching (&q), !=, (gint) i);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/params/order-and-names", test_order_and_names);
  g_test_add_func ("/params/defaults", test_defaults);
  g_test_add_func ("/params/ranges", test_ranges);
  g_test_add_func ("/params/sliders-inside-ranges",
                   test_every_slider_inside_hard_range);
  g_test_add_func ("/params/coverage", test_coverage);
  g_test_add_func ("/params/affects-what-the-table-says",
                   test_affects_what_the_table_says);
  g_test_add_func ("/params/readme-table", test_readme_table);
  g_test_add_func ("/params/keys", test_keys);
  g_test_add_func ("/params/presets", test_presets);
  return g_test_run ();
}
