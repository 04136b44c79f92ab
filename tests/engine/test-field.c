/* scalp-micropigmentation: reading selection, hair and edges off a photo.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "smp-random.h"
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

/* Share of a band of cell rows that the generator drew as hair. */
static gdouble
true_hair (const gboolean *hair, gint row0, gint row1)
{
  gdouble sum = 0.0;

  for (gint y = row0 * SMP_FIELD_CELL; y < row1 * SMP_FIELD_CELL; y++)
    for (gint x = 0; x < W; x++)
      sum += hair[y * W + x];

  return sum / ((row1 - row0) * SMP_FIELD_CELL * W);
}

/* Hair is told from skin by relative darkness, so its estimated coverage
 * follows the true coverage, and halving the exposure changes nothing.
 */
static void
test_hair_detection (void)
{
  gfloat    *rgb  = smp_test_scalp (W, H, TRUE, 3);
  gfloat    *dark = g_memdup2 (rgb, W * H * 3 * sizeof (gfloat));
  gboolean  *hair = smp_test_scalp_hair_mask (W, H, 3);
  SmpField  *field, *dark_field;
  const gint band_rows = (H / 4) / SMP_FIELD_CELL;
  gdouble    truth, estimate;

  for (gint i = 0; i < W * H * 3; i++)
    dark[i] *= 0.4f;

  field      = smp_test_field (rgb, NULL, W, H);
  dark_field = smp_test_field (dark, NULL, W, H);
  truth      = true_hair (hair, 1, band_rows - 1);
  estimate   = mean_hair (field, 1, band_rows - 1);

  g_test_message ("hair covers %.3f of the band, estimated %.3f", truth,
                  estimate);
  g_assert_cmpfloat (truth, >, 0.1);
  g_assert_cmpfloat (fabs (estimate - truth), <, 0.3 * truth);
  g_assert_cmpfloat (mean_hair (field, band_rows + 2, smp_field_rows (field)),
                     <, 0.01);
  g_assert_cmpfloat (fabs (mean_hair (dark_field, 1, band_rows - 1) - estimate),
                     <, 0.01);

  smp_field_free (field);
  smp_field_free (dark_field);
  g_free (hair);
  g_free (rgb);
  g_free (dark);
}

/* Darker skin with dark hair: still told apart. */
static void
test_hair_on_dark_skin (void)
{
  gfloat    *rgb = smp_test_scalp (W, H, TRUE, 5);
  SmpField  *field;
  gboolean  *hair      = smp_test_scalp_hair_mask (W, H, 5);
  const gint band_rows = (H / 4) / SMP_FIELD_CELL;

  for (gint i = 0; i < W * H; i++)
    if (! hair[i])
      for (gint c = 0; c < 3; c++)
        rgb[i * 3 + c] *= 0.15f; /* deep brown skin, linear */

  field = smp_test_field (rgb, NULL, W, H);
  g_assert_cmpfloat (fabs (mean_hair (field, 1, band_rows - 1)
                           - true_hair (hair, 1, band_rows - 1)),
                     <, 0.3 * true_hair (hair, 1, band_rows - 1));
  g_assert_cmpfloat (mean_hair (field, band_rows + 2, smp_field_rows (field)),
                     <, 0.01);

  smp_field_free (field);
  g_free (hair);
  g_free (rgb);
}

static void
test_hair_likeness (void)
{
  g_assert_cmpfloat (smp_hair_likeness (0.5f, 0.5f), ==, 0.0f);
  g_assert_cmpfloat (smp_hair_likeness (0.45f, 0.5f), ==, 0.0f);
  g_assert_cmpfloat (smp_hair_likeness (0.1f, 0.5f), ==, 1.0f);
  g_assert_cmpfloat (smp_hair_likeness (0.01f, 0.05f), ==, 1.0f);
  g_assert_cmpfloat (smp_hair_likeness (0.3f, 0.0f), ==, 0.0f);
}

/* A cell's hair is how far its darkest pixel reads as hair against the
 * skin reference at its centre, times how far that pixel pulls the mean
 * from the skin: the field works it out for many cells at once, and must
 * give what smp_hair_likeness() and smp_field_skin_reference() say.
 * Cells of one skin tone each, with one darker pixel of every darkness.
 */
static void
test_hair_of_cells (void)
{
  const gint w = 96, h = 80;
  gfloat    *luma = g_new (gfloat, w * h);
  SmpField  *field;
  gint       hair = 0;

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      {
        const gint   c = x / SMP_FIELD_CELL, r = y / SMP_FIELD_CELL;
        const gfloat tone
            = 0.2f + 0.5f * (gfloat) smp_hash_uniform (7, c, r, 1);

        luma[y * w + x] = tone;
        if (x % SMP_FIELD_CELL == 1 && y % SMP_FIELD_CELL == 2)
          luma[y * w + x]
              = tone * (0.3f + 0.7f * (gfloat) smp_hash_uniform (7, c, r, 2));
      }
  field = smp_field_new (w, h);
  smp_field_add (field, 0, 0, w, h, luma, w, NULL, w);
  smp_field_finish (field);

  for (gint r = 0; r < smp_field_rows (field); r++)
    for (gint c = 0; c < smp_field_cols (field); c++)
      {
        const gint   x = c * SMP_FIELD_CELL, y = r * SMP_FIELD_CELL;
        const gfloat skin = smp_field_skin_reference (
            field, (c + 0.5f) * SMP_FIELD_CELL, (r + 0.5f) * SMP_FIELD_CELL);
        const gfloat dark = luma[(y + 2) * w + x + 1];
        gfloat       mean = 0.0f, coverage = 1.0f;

        /* Summed as the field sums, row by row. */
        for (gint j = 0; j < SMP_FIELD_CELL; j++)
          for (gint i = 0; i < SMP_FIELD_CELL; i++)
            mean += luma[(y + j) * w + x + i];
        mean /= SMP_FIELD_CELL * SMP_FIELD_CELL;
        if (skin - dark > 1e-6f)
          coverage = CLAMP ((skin - mean) / (skin - dark), 0.0f, 1.0f);

        g_assert_cmpfloat (smp_field_hair (field, c, r), ==,
                           smp_hair_likeness (dark, skin) * coverage);
        hair += smp_field_hair (field, c, r) > 0.0f;
      }

  /* Some cells are hair, and some are not. */
  g_assert_cmpint (hair, >, 10);
  g_assert_cmpint (hair, <, smp_field_rows (field) * smp_field_cols (field));

  smp_field_free (field);
  g_free (luma);
}

/* How the pixels of a field arrive. */
typedef enum
{
  AT_ONCE,
  TOP_DOWN,
  BOTTOM_UP,
  HALF_ROWS /* left and right halves, the right first */
} Arrival;

static SmpField *
field_arriving (const gfloat *luma, const gfloat *mask, gint w, gint h,
                gint strip, Arrival arrival)
{
  SmpField  *field = smp_field_new (w, h);
  const gint n     = (h + strip - 1) / strip;

  if (arrival == AT_ONCE)
    smp_field_add (field, 0, 0, w, h, luma, w, mask, w);

  for (gint k = 0; k < n && arrival != AT_ONCE; k++)
    {
      const gint  y    = (arrival == BOTTOM_UP ? n - 1 - k : k) * strip;
      const gint  rows = MIN (strip, h - y);
      const gsize at   = (gsize) y * w;
      const gint  half = w / 2 / SMP_FIELD_CELL * SMP_FIELD_CELL;

      if (arrival == HALF_ROWS)
        {
          smp_field_add (field, half, y, w - half, rows, luma + at + half, w,
                         mask + at + half, w);
          smp_field_add (field, 0, y, half, rows, luma + at, w, mask + at, w);
        }
      else
        smp_field_add (field, 0, y, w, rows, luma + at, w, mask + at, w);
    }

  smp_field_finish (field);
  return field;
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
  gfloat    *rgb  = smp_test_scalp (w, h, TRUE, 5);
  gfloat    *luma = smp_test_luma (rgb, w, h);
  gfloat    *mask = g_new (gfloat, w * h);
  SmpField  *ref;

  for (gint i = 0; i < w * h; i++)
    {
      const gint x = i % w, y = i / w;

      mask[i] = CLAMP ((120.0f - hypotf (x - 150.0f, y - 110.0f)) / 30.0f, 0.0f,
                       1.0f);
    }

  ref = field_arriving (luma, mask, w, h, h, AT_ONCE);
  for (Arrival arrival = TOP_DOWN; arrival <= HALF_ROWS; arrival++)
    for (gint strip = SMP_FIELD_CELL; strip <= 64; strip *= 4)
      {
        SmpField *field = field_arriving (luma, mask, w, h, strip, arrival);

        for (gint r = 0; r < smp_field_rows (ref); r++)
          for (gint c = 0; c < smp_field_cols (ref); c++)
            {
              g_assert_cmpfloat (smp_field_hair (field, c, r), ==,
                                 smp_field_hair (ref, c, r));
              g_assert_cmpuint (smp_field_hair_pixels (field, c, r), ==,
                                smp_field_hair_pixels (ref, c, r));
              g_assert_cmpfloat (smp_field_selection (field, c, r), ==,
                                 smp_field_selection (ref, c, r));
              g_assert_cmpfloat (smp_field_edge_distance (field, c, r), ==,
                                 smp_field_edge_distance (ref, c, r));
              g_assert_cmpfloat (
                  smp_field_skin_reference (field, c * SMP_FIELD_CELL + 1.5f,
                                            r * SMP_FIELD_CELL + 2.5f),
                  ==,
                  smp_field_skin_reference (ref, c * SMP_FIELD_CELL + 1.5f,
                                            r * SMP_FIELD_CELL + 2.5f));
            }
        smp_field_free (field);
      }

  /* The test means something only if some cells are hair. */
  {
    gint hair = 0;

    for (gint r = 0; r < smp_field_rows (ref); r++)
      for (gint c = 0; c < smp_field_cols (ref); c++)
        hair += smp_field_hair (ref, c, r) > 0.5f;
    g_assert_cmpint (hair, >, 30);
  }

  smp_field_free (ref);
  g_free (mask);
  g_free (luma);
  g_free (rgb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/field/edge-distance", test_edge_distance);
  g_test_add_func ("/field/no-selection", test_no_selection_has_no_edge);
  g_test_add_func ("/field/hair", test_hair_detection);
  g_test_add_func ("/field/hair-dark-skin", test_hair_on_dark_skin);
  g_test_add_func ("/field/hair-likeness", test_hair_likeness);
  g_test_add_func ("/field/hair-of-cells", test_hair_of_cells);
  g_test_add_func ("/field/arrival-order", test_arrival_order);
  return g_test_run ();
}
