/* scalp-micropigmentation: reading selection, hair and edges off a photo.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smp-random.h"
#include "smp-smooth.h"
#include "smp-testkit.h"

#define W 256
#define H 192

/* A rectangle selected inside the drawable: each cell's distance to the
 * edge is the distance to the nearest unselected cell.
 */
static void
test_edge_distance (void)
{
  gfloat   *rgb  = smp_test_scalp (W, H, FALSE, 1);
  gfloat   *mask = g_new0 (gfloat, W * H);
  SmpField *field;

  for (gint y = 40; y < 160; y++)
    for (gint x = 60; x < 200; x++)
      mask[y * W + x] = 1.0f;

  field = smp_test_field (rgb, mask, W, H);

  for (gint r = 0; r < smp_field_rows (field); r++)
    for (gint c = 0; c < smp_field_cols (field); c++)
      {
        const gint   x = c * SMP_FIELD_CELL, y = r * SMP_FIELD_CELL;
        const gfloat d = smp_field_edge_distance (field, c, r);

        if (x < 60 || x >= 200 || y < 40 || y >= 160)
          {
            g_assert_cmpfloat (d, ==, 0.0f);
          }
        else
          {
            /* Cells of 4 px: the nearest outside cell begins at the edge. */
            const gint near
                = MIN (MIN (x - 56, 200 - x), MIN (y - 36, 160 - y));

            g_assert_cmpfloat (fabsf (d - near), <=, 0.01f);
          }
      }

  smp_field_free (field);
  g_free (mask);
  g_free (rgb);
}

static void
test_no_selection_has_no_edge (void)
{
  gfloat   *rgb   = smp_test_scalp (W, H, FALSE, 1);
  SmpField *field = smp_test_field (rgb, NULL, W, H);

  g_assert_cmpfloat (smp_field_edge_distance (field, 3, 3), ==, G_MAXFLOAT);
  g_assert_cmpfloat (smp_field_selection (field, 3, 3), ==, 1.0f);
  smp_field_free (field);
  g_free (rgb);
}

static gdouble
mean_hair (const SmpField *field, gint row0, gint row1)
{
  gdouble sum = 0.0;
  gint    n   = 0;

  for (gint r = row0; r < row1; r++)
    for (gint c = 0; c < smp_field_cols (field); c++, n++)
      sum += smp_field_hair (field, c, r);

  return sum / n;
}

/* Share of a band of cell rows that strands cover. */
static gdouble
true_hair (const gboolean *hair, gint row0, gint row1)
{
  gdouble sum = 0.0;

  for (gint y = row0 * SMP_FIELD_CELL; y < row1 * SMP_FIELD_CELL; y++)
    for (gint x = 0; x < W; x++)
      sum += hair[y * W + x];

  return sum / ((row1 - row0) * SMP_FIELD_CELL * W);
}

/* Of the pixels in rows [y0, y1) of a w x h field, the share of those
 * hair covers that the field calls hair, and of the skin clear of hair
 * (no hair among a pixel and its eight neighbours: a strand's edge
 * covers the skin beside it partly), the share it calls hair.
 */
static void
hair_found_in (const SmpField *field, const gboolean *hair, gint w, gint h,
               gint y0, gint y1, gdouble *found, gdouble *false_alarm)
{
  gint hits = 0, n_hair = 0, alarms = 0, n_skin = 0;

  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < w; x++)
      {
        const guint16 bits = smp_field_hair_pixels (field, x / SMP_FIELD_CELL,
                                                    y / SMP_FIELD_CELL);
        const gint    said = (bits >> ((y % SMP_FIELD_CELL) * SMP_FIELD_CELL
                                    + x % SMP_FIELD_CELL))
                          & 1;
        gboolean near = FALSE;

        for (gint v = MAX (y - 1, 0); v <= MIN (y + 1, h - 1); v++)
          for (gint u = MAX (x - 1, 0); u <= MIN (x + 1, w - 1); u++)
            near |= hair[v * w + u];

        if (hair[y * w + x])
          n_hair++, hits += said;
        else if (! near)
          n_skin++, alarms += said;
      }

  *found       = (gdouble) hits / MAX (n_hair, 1);
  *false_alarm = (gdouble) alarms / MAX (n_skin, 1);
}

static const gchar *const kind_names[] = {
  [SMP_TEST_HAIR_DARK]         = "dark hair on light skin",
  [SMP_TEST_HAIR_DARK_ON_DARK] = "dark hair on dark skin",
  [SMP_TEST_HAIR_GREY]         = "grey and white hair",
  [SMP_TEST_HAIR_BLOND]        = "blond hair",
};

/* Hair is told from skin by its shape, whatever its colour: the field
 * finds the strands of each kind of test scalp, its estimate of their
 * coverage follows the truth, halving the exposure changes nothing, and
 * the skin below them, pores and freckles and all, has no hair.
 */
static void
test_hair_of_every_colour (void)
{
  const gint band_rows = (H / 4) / SMP_FIELD_CELL;

  for (SmpTestHair kind = SMP_TEST_HAIR_DARK; kind <= SMP_TEST_HAIR_BLOND;
       kind++)
    {
      gboolean *strands;
      gfloat   *rgb  = smp_test_scalp_of (W, H, kind, 3, &strands);
      gfloat   *dark = g_memdup2 (rgb, W * H * 3 * sizeof (gfloat));
      SmpField *field, *dark_field;
      gdouble   truth, estimate, found, alarm, bare;

      for (gint i = 0; i < W * H * 3; i++)
        dark[i] *= 0.5f;
      field      = smp_test_field (rgb, NULL, W, H);
      dark_field = smp_test_field (dark, NULL, W, H);
      truth      = true_hair (strands, 1, band_rows - 1);
      estimate   = mean_hair (field, 1, band_rows - 1);
      bare       = mean_hair (field, band_rows + 3, smp_field_rows (field));
      hair_found_in (field, strands, W, H, 0, band_rows * SMP_FIELD_CELL,
                     &found, &alarm);

      g_test_message (
          "%s: strands cover %.3f of the band, estimated %.3f "
          "(%.3f at half the exposure); %.3f of their pixels "
          "found, %.3f of the skin clear of them taken for hair; bare skin "
          "%.4f",
          kind_names[kind], truth, estimate,
          mean_hair (dark_field, 1, band_rows - 1), found, alarm, bare);
      /* The hair found reaches a pixel past the strands' edges, where
       * they cover the skin partly: the estimate runs high.
       */
      g_assert_cmpfloat (truth, >, 0.3);
      g_assert_cmpfloat (estimate, >, 0.9 * truth);
      g_assert_cmpfloat (estimate, <, 1.6 * truth);
      g_assert_cmpfloat (found, >, 0.78);
      g_assert_cmpfloat (alarm, <, 0.1);
      g_assert_cmpfloat (bare, <, 0.03);
      g_assert_cmpfloat (
          fabs (mean_hair (dark_field, 1, band_rows - 1) - estimate), <, 0.06);

      smp_field_free (field);
      smp_field_free (dark_field);
      g_free (strands);
      g_free (rgb);
      g_free (dark);
    }
}

/* Without structure there is no hair: a gray drawable, a flat colour,
 * lone pores and freckles.
 */
static void
test_spots_are_not_hair (void)
{
  gfloat   *rgb  = smp_test_scalp (W, H, FALSE, 9);
  gfloat   *luma = smp_test_luma (rgb, W, H);
  SmpField *field, *gray;

  field = smp_test_field (rgb, NULL, W, H);
  gray  = smp_field_new (W, H, 1);
  smp_field_add (gray, 0, H, luma, NULL);
  smp_field_finish (gray);

  g_test_message ("hair found on bare skin: %.4f in colour, %.4f in gray",
                  mean_hair (field, 0, smp_field_rows (field)),
                  mean_hair (gray, 0, smp_field_rows (gray)));
  g_assert_cmpfloat (mean_hair (field, 0, smp_field_rows (field)), <, 0.02);
  g_assert_cmpfloat (mean_hair (gray, 0, smp_field_rows (gray)), <, 0.02);

  smp_field_free (field);
  smp_field_free (gray);
  g_free (luma);
  g_free (rgb);
}

/* The detector compares logarithms: its features are the natural
 * logarithms of the luminance and the ratios of the channels, with the
 * floor it adds, to within 1e-4 each over every value from black to
 * white (a ratio's two logarithms each err).
 */
static void
test_features_are_logs (void)
{
  const gint   w = 256, rows = 4, n = w * rows;
  const gfloat floor = 0.01f, weight[3] = { 0.2126f, 0.7152f, 0.0722f };
  gfloat      *rgb      = g_new (gfloat, n * 3);
  gfloat      *features = g_new (gfloat, n * SMP_STRANDS_FEATURES);
  gfloat      *ridge    = g_new (gfloat, w * (rows + 2 * SMP_STRANDS_MARGIN));
  SmpStrands  *strands  = smp_strands_new (w, rows);
  gdouble      worst    = 0.0;

  for (gint i = 0; i < n; i++)
    {
      rgb[i * 3]     = (gfloat) smp_hash_uniform (5, i, 0, 1);
      rgb[i * 3 + 1] = (gfloat) smp_hash_uniform (5, i, 1, 1);
      rgb[i * 3 + 2] = (gfloat) smp_hash_uniform (5, i, 2, 1);
    }
  smp_strands_detect (strands, rgb, 3, weight, rows, 0, 0, 0, w, 0, w, features,
                      ridge);

  for (gint i = 0; i < n; i++)
    {
      const gfloat *p = rgb + i * 3;
      const gdouble luma
          = weight[0] * p[0] + weight[1] * p[1] + weight[2] * p[2];
      const gdouble want[]
          = { log (luma + floor), log ((p[0] + floor) / (p[1] + floor)),
              log ((p[1] + floor) / (p[2] + floor)) };

      for (gint f = 0; f < SMP_STRANDS_FEATURES; f++)
        worst = MAX (worst, fabs (features[f * n + i] - want[f]));
    }
  g_test_message ("largest error of the features: %.2g", worst);
  g_assert_cmpfloat (worst, <, 2e-4);

  smp_strands_free (strands);
  g_free (ridge);
  g_free (features);
  g_free (rgb);
}

static const SmpTestHair mass_hairs[]
    = { SMP_TEST_HAIR_DARK, SMP_TEST_HAIR_GREY, SMP_TEST_HAIR_BLOND,
        SMP_TEST_HAIR_WHITE, SMP_TEST_HAIR_RED };

/* Hair as photos show it, in masses as well as single strands, of every
 * colour on every skin: the field finds the masses, whose "skin beside"
 * is more hair, as it finds single strands; the skin between the single
 * strands stays skin; and bare skin, with its pores, freckles, moles and
 * a bright highlight, has no hair.
 */
static void
test_hair_masses (void)
{
  const gint w = 320, h = 320;

  for (guint k = 0; k < G_N_ELEMENTS (mass_hairs); k++)
    for (SmpTestSkin skin = SMP_TEST_SKIN_LIGHT; skin <= SMP_TEST_SKIN_DARK;
         skin++)
      {
        gboolean *hair;
        gfloat   *rgb
            = smp_test_scalp_masses (w, h, mass_hairs[k], skin, 3, &hair);
        SmpField *field = smp_test_field (rgb, NULL, w, h);
        gdouble   mass, mass_alarm, thin, thin_alarm, bare, bare_alarm;

        /* A strand's edge a pixel wide covers the skin partly: the bands'
         * edges are left out.
         */
        hair_found_in (field, hair, w, h, 4, h / 4 - 4, &mass, &mass_alarm);
        hair_found_in (field, hair, w, h, h / 4 + 4, h / 2 - 4, &thin,
                       &thin_alarm);
        hair_found_in (field, hair, w, h, h / 2 + 12, h, &bare, &bare_alarm);
        g_test_message ("%s hair on %s skin: %.3f of the mass found, %.3f "
                        "of the single strands, %.3f of the skin clear of "
                        "them taken for hair; bare skin %.4f",
                        smp_test_hair_name (mass_hairs[k]),
                        smp_test_skin_name (skin), mass, thin, thin_alarm,
                        bare_alarm);
        g_assert_cmpfloat (mass, >=, 0.95);
        g_assert_cmpfloat (thin, >=, 0.9);
        g_assert_cmpfloat (thin_alarm, <=, 0.3);
        g_assert_cmpfloat (bare_alarm, <=, 0.005);

        smp_field_free (field);
        g_free (hair);
        g_free (rgb);
      }
}

/* A highlight in the light of a warm lamp is skin, not a mass of hair:
 * a real photo's lamp is seldom white, and a highlight's ring takes the
 * lamp's colour, which no white light gives the skin; its middle, where
 * the lamp is brightest, the camera clips.  On brown and dark skin, a
 * highlight whose ring the camera does not clip (on light skin the red
 * clips all over it, and a clipped colour says nothing of the lamp).
 */
static void
test_warm_highlight (void)
{
  const gint w = 320, h = 320;
  /* A warm lamp, as a camera balanced for daylight shows it. */
  const gfloat  lamp[3]  = { 1.0f, 0.8f, 0.35f };
  const gdouble peaks[2] = { 0.6, 1.0 };

  for (SmpTestSkin skin = SMP_TEST_SKIN_BROWN; skin <= SMP_TEST_SKIN_DARK;
       skin++)
    for (guint k = 0; k < G_N_ELEMENTS (peaks); k++)
      {
        gfloat   *rgb   = smp_test_scalp_lit (w, h, skin, lamp, peaks[k], 7);
        SmpField *field = smp_test_field (rgb, NULL, w, h);
        gdouble   hair  = 0.0;

        for (gint r = 0; r < h / SMP_FIELD_CELL; r++)
          for (gint c = 0; c < w / SMP_FIELD_CELL; c++)
            hair += smp_field_hair (field, c, r);
        hair /= (w / SMP_FIELD_CELL) * (h / SMP_FIELD_CELL);
        g_test_message ("%s skin in a warm lamp's highlight of %.1f: %.4f "
                        "of it taken for hair",
                        smp_test_skin_name (skin), peaks[k], hair);
        g_assert_cmpfloat (hair, <=, 0.008);

        smp_field_free (field);
        g_free (rgb);
      }
}

/* Pigment is hidden where hair is, in proportion to the hair among a
 * pixel and its neighbours.
 */
static void
test_hair_at (void)
{
  gboolean *strands;
  gfloat   *rgb   = smp_test_scalp_of (W, H, SMP_TEST_HAIR_GREY, 4, &strands);
  SmpField *field = smp_test_field (rgb, NULL, W, H);
  gdouble   on = 0, off = 0;
  gint      n_on = 0, n_off = 0;

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++)
      {
        const gfloat h = smp_field_hair_at (field, x, y);

        g_assert_cmpfloat (h, >=, 0.0f);
        g_assert_cmpfloat (h, <=, 1.0f);
        if (strands[y * W + x])
          on += h, n_on++;
        else if (y > H / 4 + 4)
          off += h, n_off++;
      }

  g_test_message ("hair at strand pixels %.3f, at bare skin %.4f", on / n_on,
                  off / n_off);
  g_assert_cmpfloat (on / n_on, >, 0.7);
  g_assert_cmpfloat (off / n_off, <, 0.04);

  smp_field_free (field);
  g_free (strands);
  g_free (rgb);
}

/* How the pixels of a field arrive. */
typedef enum
{
  AT_ONCE,
  TOP_DOWN,
  BOTTOM_UP,
  SHUFFLED /* every third strip, then the others */
} Arrival;

static SmpField *
field_arriving (const gfloat *rgb, const gfloat *mask, gint w, gint h,
                gint strip, Arrival arrival)
{
  SmpField  *field = smp_field_new (w, h, 3);
  const gint n     = (h + strip - 1) / strip;

  if (arrival == AT_ONCE)
    smp_field_add (field, 0, h, rgb, mask);

  for (gint k = 0; k < n && arrival != AT_ONCE; k++)
    {
      const gint shuffled
          = k < (n + 2) / 3 ? 3 * k : (k - (n + 2) / 3) * 3 / 2 + 1;
      const gint at   = arrival == BOTTOM_UP  ? n - 1 - k
                        : arrival == SHUFFLED ? MIN (shuffled, n - 1)
                                              : k;
      const gint y    = at * strip;
      const gint rows = MIN (strip, h - y);

      smp_field_add (field, y, rows, rgb + (gsize) y * w * 3,
                     mask + (gsize) y * w);
    }

  smp_field_finish (field);
  return field;
}

/* What two fields say of cell (c, r) is the same to the bit: its
 * selection, hair, luminance and distance to the selection's edge.
 */
static void
assert_same_cell (const SmpField *a, const SmpField *b, gint c, gint r)
{
  g_assert_cmpfloat (smp_field_selection (a, c, r), ==,
                     smp_field_selection (b, c, r));
  g_assert_cmpfloat (smp_field_hair (a, c, r), ==, smp_field_hair (b, c, r));
  g_assert_cmpfloat (smp_field_luminance (a, c, r), ==,
                     smp_field_luminance (b, c, r));
  g_assert_cmpuint (smp_field_hair_pixels (a, c, r), ==,
                    smp_field_hair_pixels (b, c, r));
  g_assert_cmpfloat (smp_field_edge_distance (a, c, r), ==,
                     smp_field_edge_distance (b, c, r));
}

/* The plug-in adds pixels in strips of rows, the tests all at once: the
 * field must not tell how they came, though rows that come from the top
 * down are finished as they come.  An odd size, hair, and a feathered
 * selection, so that every stage has something to say.
 */
static void
test_arrival_order (void)
{
  const gint w = 301, h = 237;
  gfloat    *rgb  = smp_test_scalp_of (w, h, SMP_TEST_HAIR_GREY, 5, NULL);
  gfloat    *mask = g_new (gfloat, w * h);
  SmpField  *ref;

  for (gint i = 0; i < w * h; i++)
    {
      const gint x = i % w, y = i / w;

      mask[i] = CLAMP ((120.0f - hypotf (x - 150.0f, y - 110.0f)) / 30.0f, 0.0f,
                       1.0f);
    }

  ref = field_arriving (rgb, mask, w, h, h, AT_ONCE);
  for (Arrival arrival = TOP_DOWN; arrival <= SHUFFLED; arrival++)
    for (gint strip = SMP_FIELD_CELL; strip <= 64; strip *= 4)
      {
        SmpField *field = field_arriving (rgb, mask, w, h, strip, arrival);

        /* Every edge votes once, whichever strip brought it. */
        g_assert_cmpmem (smp_field_focus_votes (field), sizeof (SmpFocusVotes),
                         smp_field_focus_votes (ref), sizeof (SmpFocusVotes));
        g_assert_cmpfloat (smp_field_blur (field), ==, smp_field_blur (ref));

        for (gint r = 0; r < smp_field_rows (ref); r++)
          for (gint c = 0; c < smp_field_cols (ref); c++)
            {
              assert_same_cell (field, ref, c, r);
              g_assert_cmpfloat (
                  smp_field_skin_luminance (field, c * SMP_FIELD_CELL + 1.5f,
                                            r * SMP_FIELD_CELL + 2.5f),
                  ==,
                  smp_field_skin_luminance (ref, c * SMP_FIELD_CELL + 1.5f,
                                            r * SMP_FIELD_CELL + 2.5f));
            }
        smp_field_free (field);
      }

  /* The test means something only if some cells are hair, and enough
   * edges vote to judge the blur from.
   */
  g_assert_cmpfloat (smp_field_blur (ref), >, 0.0);
  {
    gint hair = 0;

    for (gint r = 0; r < smp_field_rows (ref); r++)
      for (gint c = 0; c < smp_field_cols (ref); c++)
        hair += smp_field_hair (ref, c, r) > 0.5f;
    g_assert_cmpint (hair, >, 30);
  }

  smp_field_free (ref);
  g_free (mask);
  g_free (rgb);
}

/* The Gaussian smp_smooth() applies, worked out tap by tap in the order
 * its kernel is written, each tap beyond a row or the strip's context
 * repeating the outermost pixel.
 */
static void
smooth_by_hand (const SmpStrip *strip, const gfloat *plane, gfloat sigma,
                gint margin, gint xa, gint xb, gfloat *out)
{
  const gint w   = strip->width;
  const gint rad = smp_smooth_radius (sigma);
  const gint n   = strip->above + strip->rows + strip->below;
  gfloat     k[2 * SMP_SMOOTH_RADIUS_MAX + 1], sum = 0.0f;
  gfloat    *horiz = g_new (gfloat, (gsize) w * n);

  for (gint j = -rad; j <= rad; j++)
    sum += k[j + rad] = expf (-0.5f * j * j / (sigma * sigma));
  for (gint j = 0; j <= 2 * rad; j++)
    k[j] /= sum;

  for (gint i = 0; i < n; i++)
    for (gint x = xa; x < xb; x++)
      {
        gfloat h = 0.0f;

        for (gint j = -rad; j <= rad; j++)
          h += k[j + rad] * plane[(gsize) i * w + CLAMP (x + j, 0, w - 1)];
        horiz[(gsize) i * w + x] = h;
      }

  for (gint r = -margin; r < strip->rows + margin; r++)
    for (gint x = xa; x < xb; x++)
      {
        gfloat o = 0.0f;

        for (gint j = -rad; j <= rad; j++)
          o += k[j + rad] * horiz[(gsize) smp_strip_row (strip, r + j) * w + x];
        out[(gsize) (r + margin) * w + x] = o;
      }
  g_free (horiz);
}

/* Smoothing sums many columns' taps at once: the sums stay those written
 * out tap by tap, to the bit, at every width, kernel, span of columns and
 * edge of the strip, whichever instructions the processor has.
 */
static void
test_smoothing_as_written (void)
{
  const gint   widths[] = { 1, 3, 7, 16, 17, 40, 333 };
  const gfloat sigmas[] = { 0.5f, 1.0f, 1.5f, 2.0f, 3.0f };
  gint         cases    = 0;

  for (guint a = 0; a < G_N_ELEMENTS (widths); a++)
    for (gint context = 0; context <= 10; context += 5)
      {
        const gint     w           = widths[a];
        const SmpStrip strip       = { w, 5, context, 10 - context };
        const gint     n           = strip.above + strip.rows + strip.below;
        const gint     spans[3][2] = { { 0, w },
                                       { w / 3, w - w / 4 },
                                       { MIN (1, w), MAX (w - 1, 1) } };
        gfloat        *plane       = g_new (gfloat, (gsize) w * n);
        gfloat        *horiz       = g_new (gfloat, (gsize) w * n);
        gfloat        *out  = g_new (gfloat, (gsize) w * (strip.rows + 4));
        gfloat        *want = g_new (gfloat, (gsize) w * (strip.rows + 4));

        for (gint i = 0; i < w * n; i++)
          plane[i] = (gfloat) smp_hash_uniform (7, i % w, i / w, a) - 0.5f;

        for (guint s = 0; s < G_N_ELEMENTS (sigmas); s++)
          for (gint span = 0; span < 3; span++)
            for (gint margin = 0; margin <= 2; margin += 2)
              {
                const gint xa = spans[span][0], xb = spans[span][1];

                if (xa >= xb)
                  continue;
                memset (out, 0, sizeof (gfloat) * w * (strip.rows + 4));
                memset (want, 0, sizeof (gfloat) * w * (strip.rows + 4));
                smp_smooth (&strip, plane, sigmas[s], margin, xa, xb, horiz,
                            out);
                smooth_by_hand (&strip, plane, sigmas[s], margin, xa, xb, want);
                g_assert_cmpmem (out, sizeof (gfloat) * w * (strip.rows + 4),
                                 want, sizeof (gfloat) * w * (strip.rows + 4));
                cases++;
              }
        g_free (plane);
        g_free (horiz);
        g_free (out);
        g_free (want);
      }
  g_test_message ("%d smoothings the same to the bit", cases);
}

/* Feeds the field rows [y0, y1) of a drawable's pixels as the plug-in
 * does, in strips of 64 rows with the rows around them.
 */
static void
add_rows (SmpField *field, const gfloat *rgb, const gfloat *mask, gint w,
          gint y0, gint y1)
{
  for (gint y = y0; y < y1; y += 64)
    smp_field_add (field, y, MIN (64, y1 - y), rgb + (gsize) y * w * 3,
                   mask + (gsize) y * w);
}

/* The field needs only the pixels around the selection it says it
 * needs: fed only the rows of smp_field_needed(), and in them magenta
 * beyond its columns and in the rows around them, it says the same of the
 * selection and the cells around it as fed the whole photo.  The
 * selection, well inside a made-up scalp, takes in single strands and
 * bare skin, a mass of hair lies just above it and a highlight below.
 */
static void
test_needs_pixels_around_selection (void)
{
  const gint    w = 960, h = 960;
  gfloat       *rgb   = smp_test_scalp_masses (w, h, SMP_TEST_HAIR_GREY,
                                               SMP_TEST_SKIN_BROWN, 11, NULL);
  gfloat       *mask  = smp_test_ellipse_mask (w, h, 0.5, 0.4, 0.15, 0.12, 8.0);
  gfloat       *other = g_memdup2 (rgb, sizeof (gfloat) * 3 * w * h);
  SmpField     *whole = smp_field_new (w, h, 3);
  SmpField     *part  = smp_field_new (w, h, 3);
  gint          x0 = w, x1 = 0, y0 = h, y1 = 0, nx, ny, nw, nh, compared = 0;
  gint          ac, ar, bc, br;
  gdouble       share_a, share_b;
  gfloat        tone_a[3], tone_b[3];
  const gfloat *axes_a, *axes_b;

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      if (mask[(gsize) y * w + x] > 0.0f)
        {
          x0 = MIN (x0, x);
          x1 = MAX (x1, x + 1);
          y0 = MIN (y0, y);
          y1 = MAX (y1, y + 1);
        }
  smp_field_set_bounds (whole, x0, y0, x1 - x0, y1 - y0);
  smp_field_set_bounds (part, x0, y0, x1 - x0, y1 - y0);
  smp_field_needed (part, &nx, &ny, &nw, &nh);
  g_test_message ("selection's bounds %d x %d, pixels needed %d x %d of "
                  "%d x %d",
                  x1 - x0, y1 - y0, nw, nh, w, h);
  g_assert_true (nx > 0 && ny > 0 && nx + nw < w && ny + nh < h);
  g_assert_true (nx <= x0 && ny <= y0 && nx + nw >= x1 && ny + nh >= y1);

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      {
        /* The rows around those needed are read with them. */
        const gboolean needed = x >= nx && x < nx + nw
                                && y >= ny - SMP_FIELD_HALO
                                && y < ny + nh + SMP_FIELD_HALO;
        gfloat *p = other + ((gsize) y * w + x) * 3;

        if (! needed)
          p[0] = p[2] = 1.0f, p[1] = 0.0f;
      }

  add_rows (whole, rgb, mask, w, 0, h);
  add_rows (part, other, mask, w, ny, ny + nh);
  smp_field_finish (whole);
  smp_field_finish (part);

  for (gint r = 0; r < smp_field_rows (whole); r++)
    for (gint c = 0; c < smp_field_cols (whole); c++)
      if (smp_field_selection (whole, c, r) > 0.0f
          || smp_field_hair_around (whole, c, r) > 0.0f)
        {
          assert_same_cell (whole, part, c, r);
          g_assert_cmpfloat (smp_field_hair_around (whole, c, r), ==,
                             smp_field_hair_around (part, c, r));
          compared++;
        }
  g_assert_cmpfloat (smp_field_blur (whole), ==, smp_field_blur (part));
  g_assert_cmpfloat (smp_field_skin_whiteness (whole), ==,
                     smp_field_skin_whiteness (part));
  g_assert_true (smp_field_hair_tone (whole, &share_a, tone_a));
  g_assert_true (smp_field_hair_tone (part, &share_b, tone_b));
  g_assert_cmpfloat (share_a, ==, share_b);
  g_assert_cmpmem (tone_a, sizeof tone_a, tone_b, sizeof tone_b);
  axes_a = smp_field_strand_axes (whole, &ac, &ar);
  axes_b = smp_field_strand_axes (part, &bc, &br);
  g_assert_cmpmem (axes_a, sizeof (gfloat) * 3 * ac * ar, axes_b,
                   sizeof (gfloat) * 3 * bc * br);
  g_test_message ("%d cells of the selection and around it the same; the "
                  "selection's hair %.3f",
                  compared, share_a);
  g_assert_cmpint (compared, >, 1000);
  g_assert_cmpfloat (share_a, >, 0.05);

  smp_field_free (whole);
  smp_field_free (part);
  g_free (other);
  g_free (mask);
  g_free (rgb);
}

static gint
compare_floats (gconstpointer a, gconstpointer b)
{
  const gfloat x = *(const gfloat *) a, y = *(const gfloat *) b;

  return (x > y) - (x < y);
}

/* The k-th smallest of many values, which smp_select_kth() finds by their
 * bits, is the k-th of them sorted: of both signs, of every magnitude
 * from zeros and denormals to infinities, with runs of equal values, at
 * both ends and between.
 */
static void
test_select_kth (void)
{
  const gint sizes[] = { 4096, 5000, 100003 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const gint n      = sizes[s];
      gfloat    *v      = g_new (gfloat, n);
      gfloat    *sorted = g_new (gfloat, n);
      const gint ks[]   = { 0, 1, n / 4, n / 2, n - 2, n - 1 };

      for (gint i = 0; i < n; i++)
        {
          const gdouble u = smp_hash_uniform (7, i, s, 0);

          /* A tenth one value, the rest spread over the exponents. */
          v[i] = i % 10 == 0 ? 0.25f
                             : (gfloat) ((u < 0.5 ? -1.0 : 1.0)
                                         * ldexp (smp_hash_uniform (7, i, s, 1),
                                                  (gint) (300 * u) - 150));
        }
      memcpy (sorted, v, sizeof (gfloat) * n);
      qsort (sorted, n, sizeof (gfloat), compare_floats);

      for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
        {
          gfloat *work = g_memdup2 (v, sizeof (gfloat) * n);

          g_assert_cmpfloat (smp_select_kth (work, n, ks[j]), ==,
                             sorted[ks[j]]);
          g_free (work);
        }
      g_free (sorted);
      g_free (v);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/field/edge-distance", test_edge_distance);
  g_test_add_func ("/field/no-selection", test_no_selection_has_no_edge);
  g_test_add_func ("/field/hair-of-every-colour", test_hair_of_every_colour);
  g_test_add_func ("/field/features-are-logs", test_features_are_logs);
  g_test_add_func ("/field/hair-masses", test_hair_masses);
  g_test_add_func ("/field/needs-pixels-around-selection",
                   test_needs_pixels_around_selection);
  g_test_add_func ("/field/warm-highlight", test_warm_highlight);
  g_test_add_func ("/field/spots-are-not-hair", test_spots_are_not_hair);
  g_test_add_func ("/field/hair-at", test_hair_at);
  g_test_add_func ("/field/arrival-order", test_arrival_order);
  g_test_add_func ("/field/smoothing-as-written", test_smoothing_as_written);
  g_test_add_func ("/field/select-kth", test_select_kth);
  return g_test_run ();
}
