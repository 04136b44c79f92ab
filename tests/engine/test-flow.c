/* scalp-micropigmentation: impressions along the hair's direction.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "smp-flow.h"
#include "smp-random.h"
#include "smp-testkit.h"

#define W 480
#define H 360
#define SCALE 100.0

/* The hair's axis on the combed scalp: down and to the right. */
#define COMBED (G_PI / 3.0)

/* Bare made-up skin with, over its top third, dark strands combed one
 * way: about COMBED, a few degrees either side, 1.5 px wide and 40 px
 * long, covering about a third of the band.
 */
static gfloat *
combed_scalp (guint32 seed)
{
  gfloat *rgb = smp_test_scalp_of (W, H, SMP_TEST_HAIR_NONE, seed, NULL);

  for (guint32 s = 0; s < 600; s++)
    {
      const gdouble angle = COMBED + 0.08 * smp_hash_normal (seed, s, 0, 1);
      const gdouble x0    = W * smp_hash_uniform (seed, s, 0, 2);
      const gdouble y0    = H / 3.0 * smp_hash_uniform (seed, s, 0, 3);
      const gdouble dx = cos (angle), dy = sin (angle);

      for (gint y = MAX ((gint) y0 - 25, 0); y < MIN ((gint) y0 + 25, H / 3);
           y++)
        for (gint x = MAX ((gint) x0 - 25, 0); x < MIN ((gint) x0 + 25, W); x++)
          {
            const gdouble along  = (x - x0) * dx + (y - y0) * dy;
            const gdouble across = fabs ((y - y0) * dx - (x - x0) * dy);
            const gdouble cover  = CLAMP (1.25 - across, 0.0, 1.0);

            if (fabs (along) > 20.0 || cover <= 0.0)
              continue;
            for (gint c = 0; c < 3; c++)
              {
                gfloat *v = &rgb[3 * ((gsize) y * W + x) + c];

                *v = (gfloat) (*v * (1.0 - 0.85 * cover));
              }
          }
    }
  return rgb;
}

/* How well an axis agrees with another: 1 along it, -1 across. */
static gdouble
agreement (gdouble axis, gdouble with)
{
  return cos (2.0 * (axis - with));
}

/* In the combed band and a few millimetres below it the flow runs as the
 * strands do, made by them.
 */
static void
test_strands_give_the_direction (void)
{
  gfloat   *rgb      = combed_scalp (4);
  SmpField *field    = smp_test_field (rgb, NULL, W, H);
  SmpFlow  *flow     = smp_flow_new (field, SCALE, 0, 0, -1, -1);
  gdouble   sum_band = 0.0, sum_below = 0.0, strands_band = 0.0;
  gint      n_band = 0, n_below = 0;

  for (gint y = 8; y < H / 3 + 30; y += 8)
    for (gint x = 40; x < W - 40; x += 8)
      {
        gdouble       strands;
        const gdouble axis = smp_flow_axis (flow, x, y, &strands);

        if (y < H / 3)
          {
            sum_band += agreement (axis, COMBED);
            strands_band += strands;
            n_band++;
          }
        else
          {
            sum_below += agreement (axis, COMBED);
            n_below++;
          }
      }

  g_test_message ("agreement with the strands: %.2f in the band (strands "
                  "%.2f), %.2f just below",
                  sum_band / n_band, strands_band / n_band,
                  sum_below / n_below);
  g_assert_cmpfloat (sum_band / n_band, >, 0.8);
  g_assert_cmpfloat (strands_band / n_band, >, 0.3);
  g_assert_cmpfloat (sum_below / n_below, >, 0.6);

  smp_flow_free (flow);
  smp_field_free (field);
  g_free (rgb);
}

/* Without hair the flow leaves a whorl at the middle of the selection's
 * top edge, turning a little; strands count for nothing.
 */
static void
test_natural_flow_from_the_whorl (void)
{
  gfloat   *rgb   = smp_test_scalp_of (W, H, SMP_TEST_HAIR_NONE, 4, NULL);
  gfloat   *mask  = smp_test_ellipse_mask (W, H, 0.5, 0.6, 0.3, 0.3, 4);
  SmpField *field = smp_test_field (rgb, mask, W, H);
  SmpFlow  *flow  = smp_flow_new (field, SCALE, 0, 0, -1, -1);
  gdouble   wx, wy, least = 1.0, mean_turn = 0.0;
  gint      n = 0;

  smp_flow_whorl (flow, &wx, &wy);
  g_test_message ("whorl at %.0f, %.0f", wx, wy);
  g_assert_cmpfloat (fabs (wx - 0.5 * W), <, 8.0);
  g_assert_cmpfloat (fabs (wy - 0.3 * H), <, 8.0);

  for (gint y = (gint) wy + 40; y < H; y += 10)
    for (gint x = 0; x < W; x += 10)
      {
        gdouble       strands;
        const gdouble axis    = smp_flow_axis (flow, x, y, &strands);
        const gdouble outward = atan2 (y - wy, x - wx);

        g_assert_cmpfloat (strands, <, 0.05);
        least = MIN (least, agreement (axis, outward));
        mean_turn += remainder (axis - outward, G_PI);
        n++;
      }
  mean_turn /= n;
  g_test_message ("least agreement with straight out %.2f, turning %.1f "
                  "degrees on average",
                  least, mean_turn * 180.0 / G_PI);
  g_assert_cmpfloat (least, >, cos (2.0 * G_PI / 6.0));
  g_assert_cmpfloat (mean_turn, >, 0.0);

  smp_flow_free (flow);
  smp_field_free (field);
  g_free (mask);
  g_free (rgb);
}

/* The impressions follow: drawn out along the strands among them and
 * just below, longer there than on bare skin far from them.
 */
static void
test_impressions_follow (void)
{
  gfloat    *rgb   = combed_scalp (5);
  SmpField  *field = smp_test_field (rgb, NULL, W, H);
  SmpLayout *layout;
  SmpStamps *stamps;
  SmpParams  p;
  gdouble    agree_near = 0.0, aspect_near = 0.0, aspect_far = 0.0;
  gint       n_near = 0, n_far = 0;

  smp_params_defaults (&p);
  p.scale      = SCALE;
  p.hair_blend = 0.0;
  p.seed       = 9;
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  stamps = smp_stamps_new (layout, field, &p);

  for (gsize i = 0; i < smp_stamps_count (stamps); i++)
    {
      gdouble x, y, axis, aspect;

      smp_stamps_shape (stamps, i, &x, &y, &axis, &aspect);
      g_assert_cmpfloat (aspect, >=, 1.0);
      g_assert_cmpfloat (aspect, <=, 2.0 + 1e-6);
      if (y < H / 3 + 10)
        {
          agree_near += agreement (axis, COMBED);
          aspect_near += aspect;
          n_near++;
        }
      else if (y > H * 3 / 4)
        {
          aspect_far += aspect;
          n_far++;
        }
    }

  g_test_message ("%d impressions among the strands: agreement %.2f, "
                  "mean aspect %.2f; %d far from them: mean aspect %.2f",
                  n_near, agree_near / n_near, aspect_near / n_near, n_far,
                  aspect_far / n_far);
  g_assert_cmpint (n_near, >, 100);
  g_assert_cmpfloat (agree_near / n_near, >, 0.6);
  g_assert_cmpfloat (aspect_near / n_near, >, aspect_far / n_far + 0.05);

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (rgb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flow/strands-give-the-direction",
                   test_strands_give_the_direction);
  g_test_add_func ("/flow/natural-flow-from-the-whorl",
                   test_natural_flow_from_the_whorl);
  g_test_add_func ("/flow/impressions-follow", test_impressions_follow);
  return g_test_run ();
}
