/* scalp-micropigmentation: the hair the field finds, and the pigment for it.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "smp-pigment.h"
#include "smp-testkit.h"

/* The geometric mean of the pixels hair covers, in linear RGB, with the
 * field's floor: what the field's tone should come near.
 */
static void
true_tone (const gfloat *rgb, const gboolean *hair, gint n, gfloat tone[3])
{
  const gdouble f      = SMP_STRANDS_LOG_FLOOR;
  const gdouble w[3]   = { 0.2126, 0.7152, 0.0722 };
  gdouble       sum[3] = { 0.0 }, e1, e2, g;
  gint          count  = 0;

  for (gint i = 0; i < n; i++)
    if (hair[i])
      {
        const gfloat *p = rgb + (gsize) i * 3;

        sum[0] += log (w[0] * p[0] + w[1] * p[1] + w[2] * p[2] + f);
        sum[1] += log ((p[0] + f) / (p[1] + f));
        sum[2] += log ((p[1] + f) / (p[2] + f));
        count++;
      }

  e1      = exp (sum[1] / count);
  e2      = exp (-sum[2] / count);
  g       = exp (sum[0] / count) / (w[0] * e1 + w[1] + w[2] * e2);
  tone[0] = (gfloat) (g * e1 - f);
  tone[1] = (gfloat) (g - f);
  tone[2] = (gfloat) (g * e2 - f);
}

/* The field tells what it found of the hair: on made-up scalps with a
 * mass of hair and single strands, of every colour on every skin, the
 * share of the photo hair covers, within a quarter (the hair found reaches
 * past the strands' soft edges), and its colour: its lightness within 10
 * of L* and its red over its green within a tenth of the truth's.
 */
static void
test_hair_tone (void)
{
  const gint w = 320, h = 320;

  for (SmpTestHair kind = SMP_TEST_HAIR_DARK; kind <= SMP_TEST_HAIR_RED; kind++)
    for (SmpTestSkin skin = SMP_TEST_SKIN_LIGHT; skin <= SMP_TEST_SKIN_DARK;
         skin++)
      {
        gboolean *hair;
        gfloat   *rgb   = smp_test_scalp_masses (w, h, kind, skin, 5, &hair);
        SmpField *field = smp_test_field (rgb, NULL, w, h);
        gfloat    tone[3], truth[3];
        gdouble   share, true_share = 0.0;

        for (gint i = 0; i < w * h; i++)
          true_share += hair[i];
        true_share /= w * h;
        true_tone (rgb, hair, w * h, truth);
        g_assert_true (smp_field_hair_tone (field, &share, tone));

        g_test_message ("%s hair on %s skin: hair covers %.3f (truly %.3f), "
                        "L* %.1f (truly %.1f), red over green %.2f (truly "
                        "%.2f)",
                        smp_test_hair_name (kind), smp_test_skin_name (skin),
                        share, true_share, smp_pigment_lightness (tone),
                        smp_pigment_lightness (truth), tone[0] / tone[1],
                        truth[0] / truth[1]);
        g_assert_cmpfloat (fabs (share - true_share), <=, 0.25 * true_share);
        g_assert_cmpfloat (
            fabs (smp_pigment_lightness (tone) - smp_pigment_lightness (truth)),
            <=, 10.0);
        g_assert_cmpfloat (fabs (tone[0] / tone[1] / (truth[0] / truth[1]) - 1),
                           <=, 0.1);

        smp_field_free (field);
        g_free (hair);
        g_free (rgb);
      }
}

/* A bald area selected tightly: the bottom half of the made-up scalps,
 * bare skin, its edge just below the single strands.  The selection has
 * no hair, but the hair just around it (the block of 32 rows above the
 * selection's first) tells the tone: within 10 of the L* of the hair
 * there, and of its red over green within 15% (single strands on bare
 * skin: their pixels take a little of the skin's colour, where a mass's
 * do not).
 */
static void
test_hair_around_selection (void)
{
  const gint w = 320, h = 320;

  for (SmpTestHair kind = SMP_TEST_HAIR_DARK; kind <= SMP_TEST_HAIR_RED; kind++)
    {
      gboolean *hair;
      gfloat   *rgb
          = smp_test_scalp_masses (w, h, kind, SMP_TEST_SKIN_LIGHT, 5, &hair);
      gfloat   *mask  = g_new0 (gfloat, (gsize) w * h);
      SmpField *field = smp_field_new (w, h, 3);
      gfloat    tone[3], truth[3];
      gdouble   share;
      gint      around = 0;

      for (gint i = w * h / 2; i < w * h; i++)
        mask[i] = 1.0f;
      smp_field_set_bounds (field, 0, h / 2, w, h - h / 2);
      smp_field_add (field, 0, h, rgb, mask);
      smp_field_finish (field);
      true_tone (rgb + (gsize) (h / 2 - 32) * w * 3,
                 hair + (gsize) (h / 2 - 32) * w, 32 * w, truth);
      for (gint r = 0; r < smp_field_rows (field); r++)
        for (gint c = 0; c < smp_field_cols (field); c++)
          around += smp_field_hair_around (field, c, r) > 0.0f;

      g_assert_true (smp_field_hair_tone (field, &share, tone));
      g_test_message ("%s hair around the selection: the selection's hair "
                      "%.3f, cells with hair around it %d, L* %.1f (truly "
                      "%.1f), red over green %.2f (truly %.2f)",
                      smp_test_hair_name (kind), share, around,
                      smp_pigment_lightness (tone),
                      smp_pigment_lightness (truth), tone[0] / tone[1],
                      truth[0] / truth[1]);
      g_assert_cmpfloat (share, <, 0.02);
      g_assert_cmpint (around, >, 0);
      g_assert_cmpfloat (
          fabs (smp_pigment_lightness (tone) - smp_pigment_lightness (truth)),
          <=, 10.0);
      g_assert_cmpfloat (fabs (tone[0] / tone[1] / (truth[0] / truth[1]) - 1),
                         <=, 0.15);
      /* Outside the selection the hair keeps no pigment off: there is
       * none to keep off.
       */
      g_assert_cmpfloat (smp_field_hair (field, 0, 0), ==, 0.0f);

      smp_field_free (field);
      g_free (mask);
      g_free (hair);
      g_free (rgb);
    }
}

/* Bare skin has no hair to tell a tone from. */
static void
test_no_hair_no_tone (void)
{
  gfloat   *rgb     = smp_test_scalp (200, 200, FALSE, 3);
  SmpField *field   = smp_test_field (rgb, NULL, 200, 200);
  gfloat    tone[3] = { -1, -1, -1 };
  gdouble   share;

  g_assert_false (smp_field_hair_tone (field, &share, tone));
  g_assert_cmpfloat (share, <, 0.005);
  g_assert_cmpfloat (tone[0], ==, -1.0f);

  smp_field_free (field);
  g_free (rgb);
}

static gdouble
srgb_lightness (SmpColor c)
{
  const gfloat lin[3]
      = { (gfloat) smp_srgb_to_linear (c.r), (gfloat) smp_srgb_to_linear (c.g),
          (gfloat) smp_srgb_to_linear (c.b) };

  return smp_pigment_lightness (lin);
}

/* Practitioners' rule: charcoal for dark hair, lighter and warmer greys
 * for lighter hair, never lighter than the hair itself, and a touch of
 * the hair's hue for blond and red.
 */
static void
test_pigment_for_hair (void)
{
  /* Linear RGB: black, dark brown, grey, white, blond, copper red. */
  const gfloat   black[3] = { 0.012f, 0.010f, 0.009f };
  const gfloat   brown[3] = { 0.045f, 0.030f, 0.022f };
  const gfloat   grey[3]  = { 0.300f, 0.300f, 0.300f };
  const gfloat   white[3] = { 0.800f, 0.800f, 0.780f };
  const gfloat   blond[3] = { 0.560f, 0.380f, 0.160f };
  const gfloat   red[3]   = { 0.300f, 0.060f, 0.020f };
  const SmpColor charcoal = smp_params_lookup ("pigment")->def_color;
  const SmpColor p_black  = smp_pigment_for_hair (black);
  const SmpColor p_brown  = smp_pigment_for_hair (brown);
  const SmpColor p_grey   = smp_pigment_for_hair (grey);
  const SmpColor p_white  = smp_pigment_for_hair (white);
  const SmpColor p_blond  = smp_pigment_for_hair (blond);
  const SmpColor p_red    = smp_pigment_for_hair (red);

  g_test_message ("pigment L*: black hair %.1f, brown %.1f, grey %.1f, white "
                  "%.1f, blond %.1f, red %.1f",
                  srgb_lightness (p_black), srgb_lightness (p_brown),
                  srgb_lightness (p_grey), srgb_lightness (p_white),
                  srgb_lightness (p_blond), srgb_lightness (p_red));

  /* Dark hair: the table's charcoal. */
  g_assert_cmpfloat (fabs (p_black.r - charcoal.r), <, 1e-9);
  g_assert_cmpfloat (fabs (p_black.g - charcoal.g), <, 1e-9);
  g_assert_cmpfloat (fabs (p_black.b - charcoal.b), <, 1e-9);
  /* Lighter with the hair, never as light as it. */
  g_assert_cmpfloat (srgb_lightness (p_brown), >=, srgb_lightness (p_black));
  g_assert_cmpfloat (srgb_lightness (p_grey), >, srgb_lightness (p_brown) + 5);
  g_assert_cmpfloat (srgb_lightness (p_white), >, srgb_lightness (p_grey));
  g_assert_cmpfloat (srgb_lightness (p_white), <,
                     smp_pigment_lightness (white) - 30);
  /* Warmer: more red than blue, where the charcoal is cool. */
  g_assert_cmpfloat (charcoal.r, <, charcoal.b);
  g_assert_cmpfloat (p_grey.r, >, p_grey.b);
  g_assert_cmpfloat (p_white.r, >, p_white.b);
  /* Blond and red hair lean further toward their hue than grey. */
  g_assert_cmpfloat (p_blond.r - p_blond.b, >, p_grey.r - p_grey.b);
  g_assert_cmpfloat (p_red.r - p_red.g, >, p_grey.r - p_grey.g);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pigment/hair-tone", test_hair_tone);
  g_test_add_func ("/pigment/no-hair-no-tone", test_no_hair_no_tone);
  g_test_add_func ("/pigment/hair-around-selection",
                   test_hair_around_selection);
  g_test_add_func ("/pigment/for-hair", test_pigment_for_hair);
  return g_test_run ();
}
