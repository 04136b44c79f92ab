/* scalp-micropigmentation: the treated scalp against real healed work.
 *
 * Measured on studio photos of real clients before and after their
 * treatment (doc: shared DOMAIN.md, "What healed SMP looks like in
 * photographs"), at 80 to 100 px per cm, on the same patch of scalp with
 * the forehead as reference: the colour strength (CIELAB C*) of the
 * lightest 30% of the scalp's pixels, the skin between the impressions,
 * falls by 55 to 60%; the scalp darkens by 8.6 to 11.7% against the
 * reference; the band-pass texture (difference of Gaussians of 1 and 4
 * px, 8-bit) has a standard deviation of 10.6 to 15.8 levels, against 2
 * to 4 on bare skin.  These tests render a made-up bald scalp at the
 * defaults, told only the scale, with a patch of bare skin beside the
 * treated area as the reference, and hold the result to those figures.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "smp-testkit.h"

#define W 640
#define H 400
#define SCALE 90.0 /* px per cm */

/* The treated area is the left of the image, x < SELECTED; its patch and
 * the reference patch, well inside the hairline's fade.
 */
#define SELECTED 420
#define PATCH_X0 130
#define PATCH_X1 300
#define REF_X0 470
#define REF_X1 620
#define PATCH_Y0 120
#define PATCH_Y1 280

typedef struct
{
  gdouble lab[3];     /* mean L*, a*, b* of the lightest 30% */
  gdouble chroma;     /* mean C* of the lightest 30% */
  gdouble brightness; /* mean sRGB luma, 0 to 255 */
  gdouble dog;        /* DoG (1, 4) standard deviation, 8-bit levels */
} Measures;

static gdouble
lab_f (gdouble t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* L*, a* and b* of a linear sRGB pixel, D65. */
static void
lab (const gfloat *rgb, gdouble *out)
{
  const gdouble x
      = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  const gdouble y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  const gdouble z
      = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
  const gdouble fy = lab_f (y);

  out[0] = 116.0 * fy - 16.0;
  out[1] = 500.0 * (lab_f (x) - fy);
  out[2] = 200.0 * (fy - lab_f (z));
}

static gdouble
encode (gdouble v)
{
  v = CLAMP (v, 0.0, 1.0);
  return v <= 0.0031308 ? 12.92 * v : 1.055 * pow (v, 1 / 2.4) - 0.055;
}

static gint
by_lightness (gconstpointer a, gconstpointer b)
{
  const gdouble *x = a, *y = b;

  return (x[0] < y[0]) - (x[0] > y[0]);
}

/* The measures of a patch of rgb, columns x0 to x1. */
static Measures
measure (const gfloat *rgb, gint x0, gint x1)
{
  const gsize n_px = (gsize) W * H;
  gfloat     *luma = g_new (gfloat, n_px);
  gdouble    *lc   = g_new (gdouble, 3 * n_px);
  gfloat     *fine, *coarse;
  Measures    m   = { 0 };
  gsize       n   = 0, lightest;
  gdouble     sum = 0.0, sum2 = 0.0;

  for (gsize i = 0; i < n_px; i++)
    {
      const gfloat *p = rgb + i * 3;

      luma[i] = (gfloat) (255.0
                          * (0.2126 * encode (p[0]) + 0.7152 * encode (p[1])
                             + 0.0722 * encode (p[2])));
    }
  fine   = smp_test_blur (luma, W, H, 1, 1.0);
  coarse = smp_test_blur (luma, W, H, 1, 4.0);

  for (gint y = PATCH_Y0; y < PATCH_Y1; y++)
    for (gint x = x0; x < x1; x++)
      {
        const gsize  i = (gsize) y * W + x;
        const double d = fine[i] - coarse[i];

        lab (rgb + i * 3, &lc[3 * n]);
        m.brightness += luma[i];
        sum += d;
        sum2 += d * d;
        n++;
      }
  m.brightness /= n;
  m.dog = sqrt (MAX (0.0, sum2 / n - (sum / n) * (sum / n)));

  qsort (lc, n, 3 * sizeof (gdouble), by_lightness);
  lightest = (gsize) (0.3 * n);
  for (gsize k = 0; k < lightest; k++)
    {
      for (gint c = 0; c < 3; c++)
        m.lab[c] += lc[3 * k + c] / lightest;
      m.chroma += hypot (lc[3 * k + 1], lc[3 * k + 2]) / lightest;
    }

  g_free (luma);
  g_free (lc);
  g_free (fine);
  g_free (coarse);
  return m;
}

/* rgb, a made-up scalp, with the left of it, x < SELECTED, treated at
 * the defaults and the given pigment (NULL: the default one).
 */
static gfloat *
render_treated (const gfloat *rgb, const SmpColor *pigment)
{
  gfloat    *out  = g_new (gfloat, (gsize) W * H * 3);
  gfloat    *mask = g_new0 (gfloat, (gsize) W * H);
  SmpField  *field;
  SmpLayout *layout;
  SmpStamps *stamps;
  SmpParams  p;

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < SELECTED; x++)
      mask[(gsize) y * W + x] = 1.0f;
  field = smp_test_field (rgb, mask, W, H);
  smp_params_defaults (&p);
  p.scale = SCALE;
  if (pigment)
    p.pigment = *pigment;
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  stamps = smp_stamps_new (layout, field, &p);
  smp_render (stamps, 1, p.sessions,
              &(SmpRect){ 0, 0, W, H, 3, 3, W * 3, rgb, out });

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (mask);
  return out;
}

/* A made-up bald scalp treated so: before and after, in the treated and
 * reference patches.
 */
static void
treat (const SmpColor *pigment, Measures *treated_before,
       Measures *treated_after, Measures *ref_before, Measures *ref_after)
{
  gfloat *rgb = smp_test_scalp_of (W, H, SMP_TEST_HAIR_NONE, 11, NULL);
  gfloat *out = render_treated (rgb, pigment);

  *treated_before = measure (rgb, PATCH_X0, PATCH_X1);
  *treated_after  = measure (out, PATCH_X0, PATCH_X1);
  *ref_before     = measure (rgb, REF_X0, REF_X1);
  *ref_after      = measure (out, REF_X0, REF_X1);
  g_free (out);
  g_free (rgb);
}

static gdouble
brightness_drop (const Measures *tb, const Measures *ta, const Measures *rb,
                 const Measures *ra)
{
  return 1.0
         - (ta->brightness / ra->brightness)
               / (tb->brightness / rb->brightness);
}

/* At the defaults the treated scalp lands within the real figures: the
 * skin between impressions greyed by at least 30% (real: 55 to 60%), the
 * reference untouched, the darkening and the texture within 0.7 to 1.5
 * times the real ones.
 */
static void
test_defaults_look_healed (void)
{
  Measures tb, ta, rb, ra;
  gdouble  fall, drop;

  treat (NULL, &tb, &ta, &rb, &ra);
  fall = 1.0 - ta.chroma / tb.chroma;
  drop = brightness_drop (&tb, &ta, &rb, &ra);
  g_test_message ("C* of the lightest 30%%: %.1f -> %.1f (fall %.0f%%); "
                  "reference %.2f -> %.2f",
                  tb.chroma, ta.chroma, 100 * fall, rb.chroma, ra.chroma);
  g_test_message ("brightness drop %.1f%%; DoG sd %.1f -> %.1f levels",
                  100 * drop, tb.dog, ta.dog);

  g_assert_cmpfloat (fall, >=, 0.30);
  g_assert_cmpfloat (fabs (ra.chroma - rb.chroma), <=, 1.0);
  g_assert_cmpfloat (drop, >=, 0.7 * 0.086);
  g_assert_cmpfloat (drop, <=, 1.5 * 0.117);
  g_assert_cmpfloat (ta.dog, >=, 0.7 * 10.6);
  g_assert_cmpfloat (ta.dog, <=, 1.5 * 15.8);
}

/* The pigment's colour matters: a charcoal, a warm brown and a blue-black
 * leave the skin between the impressions with colours apart, by more than
 * a just noticeable difference (CIELAB distance 2.3).
 */
static void
test_pigment_matters (void)
{
  const SmpColor pigments[] = { { 46 / 255.0, 44 / 255.0, 50 / 255.0 },
                                { 90 / 255.0, 62 / 255.0, 45 / 255.0 },
                                { 30 / 255.0, 36 / 255.0, 60 / 255.0 } };
  Measures       after[G_N_ELEMENTS (pigments)];

  for (guint i = 0; i < G_N_ELEMENTS (pigments); i++)
    {
      Measures tb, rb, ra;

      treat (&pigments[i], &tb, &after[i], &rb, &ra);
      g_test_message ("pigment %u: L* %.1f, a* %.1f, b* %.1f", i,
                      after[i].lab[0], after[i].lab[1], after[i].lab[2]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pigments); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (pigments); j++)
      {
        const gdouble *a = after[i].lab, *b = after[j].lab;

        g_assert_cmpfloat (sqrt ((a[0] - b[0]) * (a[0] - b[0])
                                 + (a[1] - b[1]) * (a[1] - b[1])
                                 + (a[2] - b[2]) * (a[2] - b[2])),
                           >=, 2.3);
      }
}

/* Shine stays on top: a specular highlight, white light the skin's
 * surface reflects, lies above the pigment, which inside it is washed out,
 * and the highlight keeps its brightness.
 */
static void
test_shine_on_top (void)
{
  const gint cx = 210, cy = 130, ox = 210, oy = 280, radius = 45;
  gfloat    *rgb = smp_test_scalp_of (W, H, SMP_TEST_HAIR_NONE, 11, NULL);
  gfloat    *out;
  gdouble    shine_change = 0, plain_change = 0, top_before = 0, top_after = 0;

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++)
      {
        const gdouble r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy))
                           / (gdouble) (radius * radius);

        if (r2 < 1.0)
          for (gint c = 0; c < 3; c++)
            rgb[((gsize) y * W + x) * 3 + c] += 0.4f * (1.0f - r2);
      }
  out = render_treated (rgb, NULL);

  /* The mean relative change of luminance in the highlight's core and in
   * as large a disc of plain skin below it.
   */
  for (gint dy = -radius / 2; dy <= radius / 2; dy++)
    for (gint dx = -radius / 2; dx <= radius / 2; dx++)
      {
        const gsize   a = ((gsize) (cy + dy) * W + cx + dx) * 3;
        const gsize   b = ((gsize) (oy + dy) * W + ox + dx) * 3;
        const gdouble la_in
            = 0.2126 * rgb[a] + 0.7152 * rgb[a + 1] + 0.0722 * rgb[a + 2];
        const gdouble la_out
            = 0.2126 * out[a] + 0.7152 * out[a + 1] + 0.0722 * out[a + 2];
        const gdouble lb_in
            = 0.2126 * rgb[b] + 0.7152 * rgb[b + 1] + 0.0722 * rgb[b + 2];
        const gdouble lb_out
            = 0.2126 * out[b] + 0.7152 * out[b + 1] + 0.0722 * out[b + 2];

        shine_change += fabs (la_out - la_in) / la_in;
        plain_change += fabs (lb_out - lb_in) / lb_in;
        top_before = MAX (top_before, la_in);
        top_after  = MAX (top_after, la_out);
      }
  g_test_message ("relative change in the highlight %.3f, on plain skin "
                  "%.3f; the highlight's peak %.3f -> %.3f",
                  shine_change / ((radius + 1) * (radius + 1)),
                  plain_change / ((radius + 1) * (radius + 1)), top_before,
                  top_after);
  g_assert_cmpfloat (shine_change, <, 0.75 * plain_change);
  g_assert_cmpfloat (top_after, >=, 0.85 * top_before);

  g_free (out);
  g_free (rgb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/look/defaults-look-healed", test_defaults_look_healed);
  g_test_add_func ("/look/pigment-matters", test_pigment_matters);
  g_test_add_func ("/look/shine-on-top", test_shine_on_top);
  return g_test_run ();
}
