/* scalp-micropigmentation: impressions evenly but irregularly spread.
 *
 * Thresholds from shared/DOMAIN.md: Clark-Evans R between 1.5 and 1.9, no
 * two impressions closer than 0.4 x the mean spacing, no lattice peak, the
 * count within 5%, the three-session build-up of 30/70/100%.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "smp-parallel.h"
#include "smp-random.h"
#include "smp-render.h"
#include "smp-testkit.h"

#define SCALE 100.0 /* px per cm: 1 px = 0.1 mm */

/* Above this the periodogram has a lattice peak (blue noise stays < 20). */
#define LATTICE_PEAK 40.0

static SmpParams
params_for (gdouble density, gint sessions, guint32 seed)
{
  SmpParams p;

  smp_params_defaults (&p);
  p.scale         = SCALE;
  p.density       = density;
  p.sessions      = sessions;
  p.seed          = (gint) seed;
  p.hairline_fade = 0;
  return p;
}

static SmpLayout *
layout_on (const gfloat *rgb, const gfloat *mask, gint w, gint h,
           const SmpParams *p, SmpField **field_out)
{
  SmpField  *field = smp_test_field (rgb, mask, w, h);
  SmpLayout *layout;

  g_assert_cmpint (smp_layout_new (field, p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  if (field_out)
    *field_out = field;
  else
    smp_field_free (field);
  return layout;
}

static SmpLayout *
uniform_layout (gint side, gdouble density, gint sessions, guint32 seed)
{
  gfloat         *rgb    = smp_test_scalp (side, side, FALSE, 1);
  const SmpParams p      = params_for (density, sessions, seed);
  SmpLayout      *layout = layout_on (rgb, NULL, side, side, &p, NULL);

  g_free (rgb);
  return layout;
}

static void
test_count (void)
{
  const gdouble densities[] = { 10, 70, 200 };

  for (guint i = 0; i < G_N_ELEMENTS (densities); i++)
    {
      SmpLayout    *layout = uniform_layout (500, densities[i], 1, 11);
      const gdouble target = densities[i] * (500 / SCALE) * (500 / SCALE);

      g_test_message ("density %.0f: %zu impressions, target %.0f",
                      densities[i], layout->n_impressions, target);
      g_assert_cmpfloat (fabs (layout->n_impressions - target), <=,
                         0.05 * target);
      smp_layout_free (layout);
    }
}

/* The measures over the middle of a uniform region, for three seeds, as
 * real healed work has them: Clark-Evans R about 1.4 and a spread of
 * nearest distances about a quarter of their mean; no two impressions
 * closer than a fifth of the spacing, no lattice.
 */
static void
test_natural_spacing (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      SmpLayout    *layout = uniform_layout (600, 70, 1, seed);
      GArray       *pts    = smp_test_points (layout, 100, 100, 500, 500, 1, 1);
      const gdouble per_px2 = pts->len / (400.0 * 400.0);
      const gdouble spacing = 1.0 / sqrt (per_px2);
      const gdouble r = smp_test_clark_evans (pts, per_px2, 150, 150, 450, 450);
      const gdouble dmin   = smp_test_min_distance (pts);
      const gdouble peak   = smp_test_periodogram_peak (pts, 100, 100, 400);
      const gdouble spread = smp_test_nearest_spread (pts, 150, 150, 450, 450);

      g_test_message ("seed %u: %u points, R %.3f, nearest distances' "
                      "spread %.2f, min %.2f x spacing, periodogram peak %.1f",
                      seed, pts->len, r, spread, dmin / spacing, peak);
      g_assert_cmpfloat (r, >=, 1.3);
      g_assert_cmpfloat (r, <=, 1.5);
      g_assert_cmpfloat (spread, >=, 0.15);
      g_assert_cmpfloat (spread, <=, 0.35);
      g_assert_cmpfloat (dmin, >=, 0.2 * spacing);
      g_assert_cmpfloat (peak, <, LATTICE_PEAK);

      g_array_free (pts, TRUE);
      smp_layout_free (layout);
    }
}

/* The measures themselves must tell a clumpy scatter and a jittered grid
 * from blue noise, or the test above proves nothing.
 */
static void
test_measures_discriminate (void)
{
  GArray       *random = g_array_new (FALSE, FALSE, sizeof (SmpPoint));
  GArray       *grid   = g_array_new (FALSE, FALSE, sizeof (SmpPoint));
  const gdouble step   = 12.0;

  for (gint i = 0; i < 1100; i++)
    {
      const SmpPoint p = { 400 * smp_hash_uniform (5, i, 0, 0),
                           400 * smp_hash_uniform (5, i, 1, 0) };

      g_array_append_val (random, p);
    }
  for (gdouble y = step / 2; y < 400; y += step)
    for (gdouble x = step / 2; x < 400; x += step)
      {
        const SmpPoint p = {
          x + step * 0.3 * (2 * smp_hash_uniform (6, x, y, 0) - 1),
          y + step * 0.3 * (2 * smp_hash_uniform (6, x, y, 1) - 1),
        };

        g_array_append_val (grid, p);
      }

  g_assert_cmpfloat (
      smp_test_clark_evans (random, 1100 / 160000.0, 50, 50, 350, 350), <, 1.2);
  /* The jittered grid may pass on R, never on the periodogram. */
  g_assert_cmpfloat (smp_test_periodogram_peak (grid, 0, 0, 400), >,
                     LATTICE_PEAK);
  g_assert_cmpfloat (smp_test_periodogram_peak (random, 0, 0, 400), <,
                     LATTICE_PEAK);

  g_array_free (random, TRUE);
  g_array_free (grid, TRUE);
}

/* A selection of the right part only: density rises from none at its
 * left edge to full at the fade width, and the rise does not follow a
 * ruled line.
 */
static void
test_hairline (void)
{
  const gint    w = 700, h = 600, edge = 100;
  const gdouble fade_mm = 8.0, fade = fade_mm * SCALE / 10.0; /* 80 px */
  gfloat       *rgb  = smp_test_scalp (w, h, FALSE, 2);
  gfloat       *mask = g_new0 (gfloat, w * h);
  SmpParams     p    = params_for (70, 1, 4);
  SmpField     *field;
  SmpLayout    *layout;
  gfloat       *weights;
  gdouble       band[6] = { 0 };
  gdouble       strays = 0, mean = 0, var = 0;
  gint          rows;

  for (gint y = 0; y < h; y++)
    for (gint x = edge; x < w; x++)
      mask[y * w + x] = 1.0f;

  p.hairline_fade = fade_mm;
  layout          = layout_on (rgb, mask, w, h, &p, &field);

  for (gsize i = 0; i < layout->n_impressions; i++)
    {
      const gdouble d = layout->impressions[i].x - edge;
      const gint    b = (gint) (d / (fade / 4)); /* bands of 20 px */

      g_assert_cmpfloat (d, >=, 0.0);
      if (b < (gint) G_N_ELEMENTS (band))
        band[b] += 1;
      strays += d < fade / 8;
    }

  for (guint b = 0; b < G_N_ELEMENTS (band); b++)
    band[b] /= p.density / (SCALE * SCALE) * (fade / 4) * h;
  strays /= p.density / (SCALE * SCALE) * (fade / 8) * h;
  g_test_message ("strays in the outer eighth of the fade: %.3f of full",
                  strays);
  g_test_message ("density by quarter of the fade from the edge: %.2f %.2f "
                  "%.2f %.2f | %.2f %.2f of full",
                  band[0], band[1], band[2], band[3], band[4], band[5]);

  g_assert_cmpfloat (band[0], <, 0.25); /* next to none at the edge */
  g_assert_cmpfloat (band[1], >, band[0]);
  g_assert_cmpfloat (band[2], >, band[1]);
  g_assert_cmpfloat (band[3], >, 0.75);
  /* But a few strays, right to the edge. */
  g_assert_cmpfloat (strays, >, 0.01);
  g_assert_cmpfloat (strays, <, 0.15);
  g_assert_cmpfloat (fabs (band[4] - 1.0), <, 0.15); /* full past it */
  g_assert_cmpfloat (fabs (band[5] - 1.0), <, 0.15);

  /* Where density crosses half, row by row of cells: a ruled line would
   * cross at one depth; a natural front wanders.
   */
  weights = smp_layout_weights (field, &p);
  rows    = smp_field_rows (field);
  for (gint r = 0; r < rows; r++)
    {
      gint c = 0;

      while (c < smp_field_cols (field)
             && weights[r * smp_field_cols (field) + c] < 0.5f)
        c++;
      mean += (gdouble) c * SMP_FIELD_CELL / rows;
      var += (gdouble) c * SMP_FIELD_CELL * c * SMP_FIELD_CELL / rows;
    }
  var -= mean * mean;
  g_test_message ("the front crosses half density at %.1f px from the "
                  "edge, sd %.1f px",
                  mean - edge, sqrt (var));
  g_assert_cmpfloat (sqrt (var), >, 0.1 * fade);

  g_free (weights);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (mask);
  g_free (rgb);
}

/* Half selected (a uniform 50% selection): half the impressions, still
 * evenly spread rather than clumped.
 */
static void
test_partial_selection_stays_even (void)
{
  const gint side = 600;
  gfloat    *rgb  = smp_test_scalp (side, side, FALSE, 2);
  gfloat    *mask = g_new (gfloat, side * side);
  SmpParams  p    = params_for (70, 1, 9);
  SmpLayout *layout;
  GArray    *pts;
  gdouble    per_px2, r;

  for (gint i = 0; i < side * side; i++)
    mask[i] = 0.5f;

  layout  = layout_on (rgb, mask, side, side, &p, NULL);
  pts     = smp_test_points (layout, 100, 100, 500, 500, 1, 1);
  per_px2 = pts->len / (400.0 * 400.0);
  r       = smp_test_clark_evans (pts, per_px2, 150, 150, 450, 450);

  g_test_message ("50%% selected: %.3f of full density, R %.3f",
                  per_px2 / (70 / (SCALE * SCALE)), r);
  g_assert_cmpfloat (fabs (per_px2 / (70 / (SCALE * SCALE)) - 0.5), <, 0.05);
  g_assert_cmpfloat (r, >=, 1.3);

  g_array_free (pts, TRUE);
  smp_layout_free (layout);
  g_free (mask);
  g_free (rgb);
}

static const gchar *const kind_names[] = {
  [SMP_TEST_HAIR_DARK]         = "dark hair on light skin",
  [SMP_TEST_HAIR_DARK_ON_DARK] = "dark hair on dark skin",
  [SMP_TEST_HAIR_GREY]         = "grey and white hair",
  [SMP_TEST_HAIR_BLOND]        = "blond hair",
};

/* With hair blend 1 impressions sit between the hairs, not on them,
 * whatever the hair's colour; and bare skin, pores and freckles and all,
 * gets the density asked for, with hair blend as without.  Four scalps
 * of each kind are pooled: one has a few hundred impressions in its band,
 * and their share on strands varies by a point or two from scalp to
 * scalp.
 */
static void
test_hair_of_every_colour (void)
{
  const gint w = 600, h = 600, band = h / 4, bare = band + 40;
  const gint n_scalps = 4;

  for (SmpTestHair kind = SMP_TEST_HAIR_DARK; kind <= SMP_TEST_HAIR_BLOND;
       kind++)
    {
      gdouble on[2] = { 0 }, in_band[2] = { 0 }, on_bare[2] = { 0 };
      gdouble asked = 0.0, share[2], density[2];

      for (gint seed = 1; seed <= n_scalps; seed++)
        {
          gboolean *strands;
          gfloat   *rgb
              = smp_test_scalp_of (w, h, kind, (guint32) seed, &strands);
          SmpField *field = smp_test_field (rgb, NULL, w, h);

          for (gint blend = 0; blend <= 1; blend++)
            {
              SmpParams  p = params_for (70, 1, 3);
              SmpLayout *layout;
              GArray    *pts;

              p.hair_blend = blend;
              g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout),
                               ==, SMP_LAYOUT_OK);
              pts = smp_test_points (layout, 0, 0, w, band, 1, 1);
              for (guint i = 0; i < pts->len; i++)
                {
                  const SmpPoint *q = &g_array_index (pts, SmpPoint, i);

                  on[blend] += strands[(gint) q->y * w + (gint) q->x];
                }
              in_band[blend] += pts->len;
              g_array_free (pts, TRUE);

              pts = smp_test_points (layout, 0, bare, w, h, 1, 1);
              on_bare[blend] += pts->len;
              g_array_free (pts, TRUE);
              smp_layout_free (layout);
            }
          asked += params_for (70, 1, 3).density / (SCALE * SCALE) * w
                   * (h - bare);

          smp_field_free (field);
          g_free (strands);
          g_free (rgb);
        }

      for (gint blend = 0; blend <= 1; blend++)
        {
          share[blend]   = on[blend] / in_band[blend];
          density[blend] = on_bare[blend] / asked;
        }
      g_test_message ("%s: %.3f of the band's impressions on strands ignoring "
                      "hair, %.3f with hair blend 1; bare skin gets %.3f and "
                      "%.3f of the density asked",
                      kind_names[kind], share[0], share[1], density[0],
                      density[1]);
      g_assert_cmpfloat (share[0], >, 0.3);
      g_assert_cmpfloat (fabs (density[0] - 1.0), <=, 0.05);
      g_assert_cmpfloat (share[1], <=, 0.10);
      g_assert_cmpfloat (fabs (density[1] - 1.0), <=, 0.05);
    }
}

/* Hair as photos show it: a mass of hair over the top quarter, single
 * strands over the second, bare skin with moles and a bright highlight
 * below, for hair of every colour on every skin.  With hair blend 1 at
 * most a tenth of the impressions in the hair's half sit on hair, the
 * skin between the single strands still gets them, and the bare skin
 * gets the density asked for, within 5%.
 */
static void
test_hair_masses (void)
{
  const SmpTestHair hairs[]
      = { SMP_TEST_HAIR_DARK, SMP_TEST_HAIR_GREY, SMP_TEST_HAIR_BLOND,
          SMP_TEST_HAIR_WHITE, SMP_TEST_HAIR_RED };
  const gint w = 480, h = 480, bare = h / 2 + 20;

  for (guint k = 0; k < G_N_ELEMENTS (hairs); k++)
    for (SmpTestSkin skin = SMP_TEST_SKIN_LIGHT; skin <= SMP_TEST_SKIN_DARK;
         skin++)
      {
        gboolean *hair;
        gfloat   *rgb = smp_test_scalp_masses (w, h, hairs[k], skin, 11, &hair);
        SmpField *field = smp_test_field (rgb, NULL, w, h);
        SmpParams p     = params_for (70, 1, 3);
        SmpLayout *layout;
        GArray    *pts;
        gdouble    on = 0, between = 0, skin_px = 0, asked, density, share;

        p.hair_blend = 1.0;
        g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                         SMP_LAYOUT_OK);

        pts = smp_test_points (layout, 0, 0, w, h / 2, 1, 1);
        for (guint i = 0; i < pts->len; i++)
          {
            const SmpPoint *q       = &g_array_index (pts, SmpPoint, i);
            const gboolean  on_hair = hair[(gint) q->y * w + (gint) q->x];

            on += on_hair;
            between += ! on_hair && q->y >= h / 4;
          }
        share = on / MAX (pts->len, 1);
        g_array_free (pts, TRUE);

        for (gint y = h / 4; y < h / 2; y++)
          for (gint x = 0; x < w; x++)
            skin_px += ! hair[y * w + x];

        pts     = smp_test_points (layout, 0, bare, w, h, 1, 1);
        asked   = p.density / (SCALE * SCALE) * w * (h - bare);
        density = pts->len / asked;
        g_array_free (pts, TRUE);

        g_test_message (
            "%s hair on %s skin, hair blend 1: %.3f of the "
            "impressions in the hair's half on hair; the skin "
            "between single strands gets %.2f and bare skin %.3f "
            "of the density asked",
            smp_test_hair_name (hairs[k]), smp_test_skin_name (skin), share,
            between / (p.density / (SCALE * SCALE) * skin_px), density);
        g_assert_cmpfloat (share, <=, 0.10);
        g_assert_cmpfloat (fabs (density - 1.0), <=, 0.05);
        g_assert_cmpfloat (between / (p.density / (SCALE * SCALE) * skin_px),
                           >=, 0.6);

        smp_layout_free (layout);
        smp_field_free (field);
        g_free (hair);
        g_free (rgb);
      }
}

static void
test_sessions (void)
{
  SmpLayout    *layout         = uniform_layout (600, 70, 3, 21);
  gsize         per_session[4] = { 0 };
  const gdouble expected[3]    = { 0.3, 0.7, 1.0 };
  gsize         cumulative     = 0;

  for (gsize i = 0; i < layout->n_impressions; i++)
    {
      g_assert_cmpint (layout->impressions[i].session, >=, 1);
      g_assert_cmpint (layout->impressions[i].session, <=, 3);
      per_session[layout->impressions[i].session]++;
    }

  for (gint k = 1; k <= 3; k++)
    {
      GArray       *own  = smp_test_points (layout, 100, 100, 500, 500, k, k);
      GArray       *upto = smp_test_points (layout, 100, 100, 500, 500, 1, k);
      const gdouble r_own
          = smp_test_clark_evans (own, own->len / 160000.0, 150, 150, 450, 450);
      const gdouble r_upto = smp_test_clark_evans (upto, upto->len / 160000.0,
                                                   150, 150, 450, 450);

      cumulative += per_session[k];
      g_test_message ("session %d: %zu own (R %.2f), %.0f%% cumulative "
                      "(R %.2f)",
                      k, per_session[k], r_own,
                      100.0 * cumulative / layout->n_impressions, r_upto);
      g_assert_cmpfloat (
          fabs ((gdouble) cumulative / layout->n_impressions - expected[k - 1]),
          <, 0.02);
      /* What the patient sees after each session, the impressions so far,
       * stays as even as a practitioner's hand; each session's own share
       * is more even than a random scatter (R 1.0), the last one least:
       * it fills the gaps the others left.
       */
      g_assert_cmpfloat (r_own, >, 1.05);
      g_assert_cmpfloat (r_upto, >=, 1.3);
      g_array_free (own, TRUE);
      g_array_free (upto, TRUE);
    }

  smp_layout_free (layout);
}

static void
test_determinism (void)
{
  SmpLayout *a = uniform_layout (300, 70, 3, 42);
  SmpLayout *b = uniform_layout (300, 70, 3, 42);
  SmpLayout *c = uniform_layout (300, 70, 3, 43);

  g_assert_cmpuint (a->n_impressions, ==, b->n_impressions);
  g_assert_cmpmem (a->impressions, a->n_impressions * sizeof (SmpImpression),
                   b->impressions, b->n_impressions * sizeof (SmpImpression));
  g_assert_true (c->n_impressions != a->n_impressions
                 || memcmp (a->impressions, c->impressions,
                            a->n_impressions * sizeof (SmpImpression))
                        != 0);

  smp_layout_free (a);
  smp_layout_free (b);
  smp_layout_free (c);
}

/* Everything split over the cores, from the field to the pixels, comes out
 * the same on one thread as on several.  The scalp is tall enough, and the
 * selection soft enough, that every split engages: hairline, hair, three
 * sessions.
 */
static void
test_threads (void)
{
  const gint w = 700, h = 1300;
  gfloat    *rgb          = smp_test_scalp (w, h, TRUE, 5);
  gfloat    *mask         = g_new (gfloat, (gsize) w * h);
  SmpParams  p            = params_for (200, 3, 9);
  gfloat    *first_pixels = NULL;
  SmpLayout *first        = NULL;

  p.hairline_fade = 8;
  p.hair_blend    = 0.8;
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      {
        const gdouble dx = (x - w / 2.0) / (0.45 * w);
        const gdouble dy = (y - h / 2.0) / (0.45 * h);

        mask[(gsize) y * w + x]
            = (gfloat) CLAMP ((1.0 - sqrt (dx * dx + dy * dy)) * 8.0, 0, 1);
      }

  for (guint threads = 1; threads <= 3; threads++)
    {
      SmpField  *field;
      SmpLayout *layout;
      SmpStamps *stamps;
      gfloat    *pixels  = g_memdup2 (rgb, (gsize) w * h * 3 * sizeof (gfloat));
      const SmpRect rect = { 0, 0, w, h, 3, 3, w * 3, rgb, pixels };

      smp_parallel_set_threads (threads);
      layout = layout_on (rgb, mask, w, h, &p, &field);
      stamps = smp_stamps_new (layout, field, &p);
      smp_render (stamps, 1, 3, &rect);
      g_assert_cmpuint (layout->n_impressions, >, 20000 / 3);

      if (! first)
        {
          first        = layout;
          first_pixels = pixels;
        }
      else
        {
          g_assert_cmpmem (layout->impressions,
                           layout->n_impressions * sizeof (SmpImpression),
                           first->impressions,
                           first->n_impressions * sizeof (SmpImpression));
          g_assert_cmpmem (pixels, (gsize) w * h * 3 * sizeof (gfloat),
                           first_pixels, (gsize) w * h * 3 * sizeof (gfloat));
          smp_layout_free (layout);
          g_free (pixels);
        }
      smp_stamps_free (stamps);
      smp_field_free (field);
    }

  smp_parallel_set_threads (0);
  smp_layout_free (first);
  g_free (first_pixels);
  g_free (mask);
  g_free (rgb);
}

static void
test_too_many_refused (void)
{
  gfloat    *rgb   = smp_test_scalp (200, 200, FALSE, 1);
  SmpField  *field = smp_test_field (rgb, NULL, 200, 200);
  SmpParams  p     = params_for (400, 1, 1);
  SmpLayout *layout;

  /* 400 per cm² at 1 px per cm over 200 x 200 px: 16 million. */
  p.scale = 1;
  g_assert_cmpfloat (smp_layout_expected_count (field, &p), >,
                     SMP_MAX_IMPRESSIONS);
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_TOO_MANY);
  g_assert_null (layout);

  smp_field_free (field);
  g_free (rgb);
}

/* The engine refuses what the plug-in would: it never trusts its caller. */
static void
test_invalid_refused (void)
{
  gfloat    *rgb   = smp_test_scalp (32, 32, FALSE, 1);
  SmpField  *field = smp_test_field (rgb, NULL, 32, 32);
  SmpLayout *layout;
  SmpParams  p;

  p = params_for (NAN, 1, 1);
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_INVALID);
  g_assert_null (layout);

  p       = params_for (70, 1, 1);
  p.scale = 0; /* unresolved */
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_INVALID);

  p          = params_for (70, 1, 1);
  p.dot_size = INFINITY;
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_INVALID);

  smp_field_free (field);
  g_free (rgb);
}

/* Float images can hold NaN and infinities: the field treats them as
 * black or white and never lets them into the layout.
 */
static void
test_non_finite_pixels (void)
{
  const gint w = 64, h = 64;
  gfloat    *rgb   = g_new (gfloat, w * h * 3);
  gfloat    *mask  = g_new (gfloat, w * h);
  SmpField  *field = smp_field_new (w, h, 3);
  SmpParams  p     = params_for (70, 3, 1);
  SmpLayout *layout;

  for (gint i = 0; i < w * h; i++)
    {
      for (gint c = 0; c < 3; c++)
        rgb[i * 3 + c] = (i + c) % 3 == 0   ? NAN
                         : (i + c) % 3 == 1 ? INFINITY
                                            : -INFINITY;
      mask[i] = i % 2 ? NAN : INFINITY;
    }
  smp_field_add (field, 0, h, rgb, mask);
  smp_field_finish (field);
  p.hairline_fade = 1;

  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  for (gsize i = 0; i < layout->n_impressions; i++)
    g_assert_true (isfinite (layout->impressions[i].x)
                   && isfinite (layout->impressions[i].y));

  smp_layout_free (layout);
  smp_field_free (field);
  g_free (rgb);
  g_free (mask);
}

/* A float image's finite values reach below black and far beyond white,
 * as colour conversions leave them: matching the hair around still asks
 * for a share of a patch's light, from none to all, so that the counts
 * and the tone stay numbers (the fuzzer found -inf factors in patches
 * of negative light, whose expected count was then NaN and whose layout
 * was refused).
 */
static void
test_match_hair_any_light (void)
{
  static const gfloat light[]
      = { -1e30f, -2.0f, -1e-12f, 0.0f, 1e-3f, 0.4f, 7.0f, 1e30f };
  static const gdouble match[] = { 1e-20, 0.5, 1.0 };
  const gint           w = 96, h = 96;
  gfloat              *rgb  = g_new (gfloat, w * h * 3);
  gfloat              *mask = g_new (gfloat, w * h);
  SmpField            *field;

  /* Blocks of 8 x 8 pixels of one light each, a round selection among
   * them, so that there is light around it too.
   */
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      {
        const guint  k  = (guint) (8 * smp_hash_uniform (7, x / 8, y / 8, 0));
        const gfloat dx = x - w / 2.0f, dy = y - h / 2.0f;

        for (gint c = 0; c < 3; c++)
          rgb[(y * w + x) * 3 + c] = light[MIN (k, G_N_ELEMENTS (light) - 1)];
        mask[y * w + x] = dx * dx + dy * dy < 0.16f * w * w ? 1.0f : 0.0f;
      }
  field = smp_test_field (rgb, mask, w, h);

  for (guint m = 0; m < G_N_ELEMENTS (match); m++)
    {
      SmpParams  p = params_for (40, 1, 1);
      SmpLayout *layout;
      gdouble    expected;
      gfloat    *tone;

      p.match_hair = match[m];
      expected     = smp_layout_expected_count (field, &p);
      g_assert_true (isfinite (expected) && expected >= 0.0);
      g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                       SMP_LAYOUT_OK);
      for (gsize i = 0; i < layout->n_impressions; i++)
        g_assert_true (
            layout->impressions[i].x >= 0 && layout->impressions[i].x <= w
            && layout->impressions[i].y >= 0 && layout->impressions[i].y <= h);
      tone = smp_layout_tone (field, &p);
      for (gint i = 0; i < smp_field_cols (field) * smp_field_rows (field); i++)
        g_assert_true (tone[i] >= 0.0f && tone[i] <= 1.0f);
      g_free (tone);
      smp_layout_free (layout);
    }

  smp_field_free (field);
  g_free (rgb);
  g_free (mask);
}

static gboolean
cancel_at_half (gdouble fraction, gpointer data)
{
  *(gdouble *) data = MAX (*(gdouble *) data, fraction);
  return fraction < 0.5;
}

static void
test_cancel (void)
{
  gfloat    *rgb   = smp_test_scalp (800, 800, FALSE, 1);
  SmpField  *field = smp_test_field (rgb, NULL, 800, 800);
  SmpParams  p     = params_for (200, 3, 1);
  SmpLayout *layout;
  gdouble    seen = 0;

  g_assert_cmpint (smp_layout_new (field, &p, cancel_at_half, &seen, &layout),
                   ==, SMP_LAYOUT_CANCELLED);
  g_assert_null (layout);
  g_assert_cmpfloat (seen, >=, 0.5);

  smp_field_free (field);
  g_free (rgb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layout/count", test_count);
  g_test_add_func ("/layout/natural-spacing", test_natural_spacing);
  g_test_add_func ("/layout/measures-discriminate", test_measures_discriminate);
  g_test_add_func ("/layout/hairline", test_hairline);
  g_test_add_func ("/layout/partial-selection",
                   test_partial_selection_stays_even);
  g_test_add_func ("/layout/hair-of-every-colour", test_hair_of_every_colour);
  g_test_add_func ("/layout/hair-masses", test_hair_masses);
  g_test_add_func ("/layout/sessions", test_sessions);
  g_test_add_func ("/layout/determinism", test_determinism);
  g_test_add_func ("/layout/threads", test_threads);
  g_test_add_func ("/layout/too-many", test_too_many_refused);
  g_test_add_func ("/layout/invalid", test_invalid_refused);
  g_test_add_func ("/layout/non-finite-pixels", test_non_finite_pixels);
  g_test_add_func ("/layout/match-hair-any-light", test_match_hair_any_light);
  g_test_add_func ("/layout/cancel", test_cancel);
  return g_test_run ();
}
