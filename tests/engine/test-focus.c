/* scalp-micropigmentation: impressions as sharp as the photo, and no
 * sharper.
 *
 * The field measures the photo's own blur from its edges; the renderer
 * draws each impression through whatever of it a sharp photo does not
 * have.  Measured on made-up scalps of every kind, sharp and blurred by a
 * Gaussian as a soft lens or an upscale would.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "smp-testkit.h"

#define W 384
#define H 384

#define SHARP SMP_RENDER_SHARP_SIGMA

static const SmpTestHair kinds[]
    = { SMP_TEST_HAIR_DARK, SMP_TEST_HAIR_DARK_ON_DARK, SMP_TEST_HAIR_GREY,
        SMP_TEST_HAIR_BLOND };

static gdouble
blur_of (const gfloat *rgb, const gfloat *mask, gint w, gint h)
{
  SmpField *field = smp_test_field (rgb, mask, w, h);
  gdouble   blur  = smp_field_blur (field);

  smp_field_free (field);
  return blur;
}

/* A sharp scalp of every kind reads as sharp; blurred by sigma 3 it
 * reads as about that, whatever the colour of its hair.
 */
static void
test_scalps (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gfloat *sharp = smp_test_scalp_of (W, H, kinds[k], 7, NULL);
      gfloat *soft  = smp_test_blur (sharp, W, H, 3, 3.0);
      gdouble b_sharp, b_soft;

      b_sharp = blur_of (sharp, NULL, W, H);
      b_soft  = blur_of (soft, NULL, W, H);
      g_test_message ("kind %d: sharp %.2f px, sigma 3 %.2f px", kinds[k],
                      b_sharp, b_soft);
      g_assert_cmpfloat (b_sharp, >, 0.0);
      g_assert_cmpfloat (b_sharp, <=, SHARP);
      g_assert_cmpfloat (b_soft, >=, 2.5);
      g_assert_cmpfloat (b_soft, <=, 3.6);
      g_free (sharp);
      g_free (soft);
    }
}

/* The blur of a field whose edges vote in one band of rows in stride, as
 * on a photo stride times SMP_FIELD_FOCUS_PIXELS large; how many edges
 * voted in edges.
 */
static gdouble
blur_sampled (const gfloat *rgb, gint w, gint h, gint stride, guint64 *edges)
{
  SmpField *field = smp_field_new (w, h, 3);
  gdouble   blur;

  if (stride > 1)
    smp_field_set_focus_pixels (field, (gint64) w * h / stride);
  smp_field_add (field, 0, h, rgb, NULL);
  smp_field_finish (field);
  blur   = smp_field_blur (field);
  *edges = smp_focus_edges (smp_field_focus_votes (field));
  smp_field_free (field);
  return blur;
}

/* A large photo's blur is judged from a quarter of its rows' edges, and
 * reads as it does from all of them: a scalp twice as wide and high as
 * the others, so that its quarter has as many pixels as they have.
 */
static void
test_sampled (void)
{
  const gint w = 2 * W, h = 2 * H;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gfloat       *sharp = smp_test_scalp_of (w, h, kinds[k], 7, NULL);
      gfloat       *soft  = smp_test_blur (sharp, w, h, 3, 3.0);
      guint64       n_all, n_sampled, n;
      const gdouble all_sharp = blur_sampled (sharp, w, h, 1, &n);
      const gdouble all_soft  = blur_sampled (soft, w, h, 1, &n_all);
      const gdouble b_sharp   = blur_sampled (sharp, w, h, 4, &n);
      const gdouble b_soft    = blur_sampled (soft, w, h, 4, &n_sampled);

      g_test_message ("kind %d, a quarter of the rows: sharp %.2f px (all "
                      "%.2f), sigma 3 %.2f px (all %.2f), %" G_GUINT64_FORMAT
                      " of %" G_GUINT64_FORMAT " edges",
                      kinds[k], b_sharp, all_sharp, b_soft, all_soft, n_sampled,
                      n_all);
      g_assert_cmpfloat (b_sharp, >, 0.0);
      g_assert_cmpfloat (b_sharp, <=, SHARP);
      g_assert_cmpfloat (b_soft, >=, 2.5);
      g_assert_cmpfloat (b_soft, <=, 3.6);
      g_assert_cmpfloat (fabs (b_soft - all_soft), <=, 0.15 * all_soft);
      /* A quarter of the rows, about a quarter of the edges. */
      g_assert_cmpfloat ((gdouble) n_sampled, >=, 0.15 * n_all);
      g_assert_cmpfloat ((gdouble) n_sampled, <=, 0.45 * n_all);
      g_free (sharp);
      g_free (soft);
    }
}

/* Where there is too little detail to judge from, the photo is taken as
 * sharp: a flat colour, and a tiny selection.
 */
static void
test_too_little (void)
{
  gfloat *flat  = g_new (gfloat, (gsize) W * H * 3);
  gfloat *scalp = smp_test_scalp_of (W, H, SMP_TEST_HAIR_DARK, 7, NULL);
  gfloat *soft  = smp_test_blur (scalp, W, H, 3, 3.0);
  gfloat *mask  = g_new0 (gfloat, (gsize) W * H);

  for (gsize i = 0; i < (gsize) W * H * 3; i++)
    flat[i] = 0.4f;
  for (gint y = 40; y < 44; y++)
    for (gint x = 100; x < 104; x++)
      mask[(gsize) y * W + x] = 1.0f;

  g_assert_cmpfloat (blur_of (flat, NULL, W, H), ==, 0.0);
  g_assert_cmpfloat (blur_of (soft, mask, W, H), ==, 0.0);
  /* The same pixels with enough of them selected do show their blur. */
  for (gint y = 0; y < H / 2; y++)
    for (gint x = 0; x < W; x++)
      mask[(gsize) y * W + x] = 1.0f;
  g_assert_cmpfloat (blur_of (soft, mask, W, H), >, 2.5);

  g_free (flat);
  g_free (scalp);
  g_free (soft);
  g_free (mask);
}

/* The darkening the impressions make over a flat skin colour, as a share
 * of its luminance.
 */
static gfloat *
darkening (const SmpLayout *layout, const SmpField *field, const SmpParams *p,
           gint w, gint h)
{
  static const gfloat skin[3] = { 0.5f, 0.3f, 0.2f };
  const gfloat lum = 0.2126f * skin[0] + 0.7152f * skin[1] + 0.0722f * skin[2];
  SmpStamps   *stamps = smp_stamps_new (layout, field, p);
  const gsize  n      = (gsize) w * h;
  gfloat      *t      = g_new (gfloat, n * 3);
  gfloat      *d      = g_new (gfloat, n);

  for (gsize i = 0; i < n * 3; i++)
    t[i] = skin[i % 3];
  smp_render (stamps, 1, layout->sessions,
              &(SmpRect){ 0, 0, w, h, 3, 3, w * 3, t, t });
  for (gsize i = 0; i < n; i++)
    d[i] = 1.0f
           - (0.2126f * t[i * 3] + 0.7152f * t[i * 3 + 1]
              + 0.0722f * t[i * 3 + 2])
                 / lum;
  smp_stamps_free (stamps);
  g_free (t);
  return d;
}

/* Lag at which the darkening's autocorrelation, along rows and columns,
 * falls to half its value at 0: how wide an impression looks.
 */
static gdouble
half_width (const gfloat *d, gint w, gint h)
{
  gdouble mean = 0.0, a[16] = { 0.0 };

  for (gsize i = 0; i < (gsize) w * h; i++)
    mean += d[i];
  mean /= (gdouble) w * h;

  for (gint k = 0; k < 16; k++)
    for (gint y = 0; y < h - k; y++)
      for (gint x = 0; x < w - k; x++)
        {
          const gdouble v = d[(gsize) y * w + x] - mean;

          a[k] += v * (d[(gsize) y * w + x + k] - mean)
                  + v * (d[(gsize) (y + k) * w + x] - mean);
        }

  for (gint k = 1; k < 16; k++)
    if (a[k] <= 0.5 * a[0])
      return k - 1 + (a[k - 1] - 0.5 * a[0]) / (a[k - 1] - a[k]);
  return 16.0;
}

/* The same impressions over the sharp scalp and over it blurred by sigma
 * 3: as sharp as without a photo on the first (the strands turn them, so
 * not to the bit), at least 1.8 times wider on the second, and with the
 * same pigment.
 */
static void
test_impressions (void)
{
  gfloat    *sharp   = smp_test_scalp_of (W, H, SMP_TEST_HAIR_DARK, 11, NULL);
  gfloat    *soft    = smp_test_blur (sharp, W, H, 3, 3.0);
  SmpField  *f_sharp = smp_test_field (sharp, NULL, W, H);
  SmpField  *f_soft  = smp_test_field (soft, NULL, W, H);
  SmpLayout *layout;
  SmpParams  p;
  gfloat    *d_none, *d_sharp, *d_soft;
  gdouble    w_none, w_sharp, w_soft;
  gdouble    sum_none = 0.0, sum_sharp = 0.0, sum_soft = 0.0;

  smp_params_defaults (&p);
  p.scale      = 50.0;
  p.dot_size   = 0.6;
  p.density    = 20.0;
  p.hair_blend = 0.0;
  p.seed       = 5;
  g_assert_cmpint (smp_layout_new (f_sharp, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);

  d_none  = darkening (layout, NULL, &p, W, H);
  d_sharp = darkening (layout, f_sharp, &p, W, H);
  d_soft  = darkening (layout, f_soft, &p, W, H);

  w_none  = half_width (d_none, W, H);
  w_sharp = half_width (d_sharp, W, H);
  w_soft  = half_width (d_soft, W, H);
  for (gsize i = 0; i < (gsize) W * H; i++)
    {
      sum_none += d_none[i];
      sum_sharp += d_sharp[i];
      sum_soft += d_soft[i];
    }
  g_test_message ("half-width %.2f px without a photo, %.2f px sharp, "
                  "%.2f px blurred (%.2fx); darkening %.1f, %.1f and %.1f",
                  w_none, w_sharp, w_soft, w_soft / w_sharp, sum_none,
                  sum_sharp, sum_soft);
  /* On the sharp photo, no blur. */
  g_assert_cmpfloat (smp_field_blur (f_sharp), <=, SMP_RENDER_SHARP_SIGMA);
  g_assert_cmpfloat (fabs (w_sharp / w_none - 1.0), <, 0.05);
  g_assert_cmpfloat (fabs (sum_sharp / sum_none - 1.0), <, 0.01);
  g_assert_cmpfloat (w_soft, >=, 1.8 * w_sharp);
  g_assert_cmpfloat (fabs (sum_soft / sum_sharp - 1.0), <, 0.03);

  smp_layout_free (layout);
  smp_field_free (f_sharp);
  smp_field_free (f_soft);
  g_free (d_none);
  g_free (d_sharp);
  g_free (d_soft);
  g_free (sharp);
  g_free (soft);
}

/* Total darkening of impressions far apart, each of its own size, drawn
 * over flat skin through the field's blur (none without a field).
 */
static gdouble
pigment_of (const SmpField *field, gdouble dot_size)
{
  const gint    w = 256, h = 256;
  SmpImpression imps[9];
  SmpLayout     layout = { 0 };
  SmpParams     p;
  gfloat       *d;
  gdouble       sum = 0.0;

  for (gint i = 0; i < 9; i++)
    imps[i] = (SmpImpression){ .x       = 40.3f + 85.0f * (i % 3),
                               .y       = 40.6f + 85.0f * (i / 3),
                               .key     = (guint32) i,
                               .session = 1 };
  layout.impressions   = imps;
  layout.n_impressions = 9;
  layout.sessions      = 1;
  layout.width         = w;
  layout.height        = h;

  smp_params_defaults (&p);
  p.scale          = 50.0;
  p.dot_size       = dot_size;
  p.size_variation = 0.0;
  p.tone_variation = 0.0;
  p.opacity        = 50.0;
  p.hair_blend     = 0.0;
  d                = darkening (&layout, field, &p, w, h);
  for (gsize i = 0; i < (gsize) w * h; i++)
    sum += d[i];
  g_free (d);
  return sum;
}

/* Blurring spreads an impression's pigment and keeps all of it, to a
 * thousandth: from dots smaller than a pixel to ones many pixels wide.
 */
static void
test_pigment (void)
{
  gfloat   *scalp = smp_test_scalp_of (256, 256, SMP_TEST_HAIR_DARK, 3, NULL);
  gfloat   *soft  = smp_test_blur (scalp, 256, 256, 3, 4.0);
  SmpField *field = smp_test_field (soft, NULL, 256, 256);
  const gdouble sizes[] = { 0.05, 0.3, 1.0, 3.0 };

  g_assert_cmpfloat (smp_field_blur (field), >, 3.0);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      const gdouble sharp    = pigment_of (NULL, sizes[i]);
      const gdouble soft_sum = pigment_of (field, sizes[i]);

      g_test_message ("dot %.2f mm: darkening %.3f sharp, %.3f blurred",
                      sizes[i], sharp, soft_sum);
      g_assert_cmpfloat (fabs (soft_sum / sharp - 1.0), <, 1e-3);
    }

  smp_field_free (field);
  g_free (scalp);
  g_free (soft);
}

/* The preview prepares only the impressions near what it shows: through
 * the photo's blur, which widens them, it still shows exactly what OK
 * makes.
 */
static void
test_preview (void)
{
  gfloat     *sharp = smp_test_scalp_of (W, H, SMP_TEST_HAIR_GREY, 4, NULL);
  gfloat     *soft  = smp_test_blur (sharp, W, H, 3, 3.0);
  SmpField   *field = smp_test_field (soft, NULL, W, H);
  const gint  x = 150, y = 140, rw = 60, rh = 45;
  const gsize off = ((gsize) y * W + x) * 3, n = (gsize) W * H * 3;
  gfloat     *full = g_memdup2 (soft, n * sizeof (gfloat));
  gfloat     *part = g_memdup2 (soft, n * sizeof (gfloat));
  SmpLayout  *layout;
  SmpStamps  *all, *near;
  SmpParams   p;

  smp_params_defaults (&p);
  p.scale    = 50.0;
  p.dot_size = 0.6;
  p.seed     = 9;
  g_assert_cmpfloat (smp_field_blur (field), >, SHARP);
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  all  = smp_stamps_new (layout, field, &p);
  near = smp_stamps_new_near (layout, field, &p, x, y, rw, rh);
  g_assert_cmpuint (smp_stamps_count (near), <, smp_stamps_count (all) / 4);

  smp_render (all, 1, p.sessions,
              &(SmpRect){ 0, 0, W, H, 3, 3, W * 3, soft, full });
  smp_render (near, 1, p.sessions,
              &(SmpRect){ x, y, rw, rh, 3, 3, W * 3, soft + off, part + off });
  for (gint j = 0; j < rh; j++)
    g_assert_cmpmem (part + off + (gsize) j * W * 3, rw * 3 * sizeof (gfloat),
                     full + off + (gsize) j * W * 3, rw * 3 * sizeof (gfloat));
  g_assert_true (memcmp (full, soft, n * sizeof (gfloat)) != 0);

  smp_stamps_free (all);
  smp_stamps_free (near);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (full);
  g_free (part);
  g_free (sharp);
  g_free (soft);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/focus/scalps", test_scalps);
  g_test_add_func ("/focus/sampled", test_sampled);
  g_test_add_func ("/focus/too-little-detail", test_too_little);
  g_test_add_func ("/focus/impressions", test_impressions);
  g_test_add_func ("/focus/pigment", test_pigment);
  g_test_add_func ("/focus/preview", test_preview);
  return g_test_run ();
}
