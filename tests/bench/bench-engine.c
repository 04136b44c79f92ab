/* scalp-micropigmentation: the engine alone, on the sizes of real photos.
 *
 * Prints, for 24 MP at density 40 per cm² and 100 px/cm (one session), the
 * time of each stage, megapixels and impressions per second; the same for
 * the scaling cases (densities 10 and 200, 48 and 100 MP) and for 24 MP
 * under a feathered ellipse; and the time of one 400 x 400 preview refresh
 * at the default settings, when only the look changes and when the
 * placement must be redone; and the fields of a 24 MP scalp with hair
 * and of 24 MP of skin treated four times over (alone with the argument
 * "hair").  The stages' times are the engine's alone: making the
 * synthetic pixels it is fed is left out.  Asserts nothing.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>

#include "smp-random.h"
#include "smp-testkit.h"

#define STRIP 64

static gdouble
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Skin-like colour with grain at pixel (x, y), into px. */
static void
skin_pixel (gint x, gint y, gfloat *px)
{
  const gfloat v = 0.35f + 0.03f * (smp_hash_uniform (1, x, y, 0) - 0.5f);

  px[0] = 1.6f * v;
  px[1] = 0.85f * v;
  px[2] = 0.6f * v;
}

/* Skin-like colour with grain, fed strip by strip as the plug-in does,
 * with the rows around each strip; all selected, or an ellipse feathered
 * over a twentieth of its radius.  Adds to *seconds the time the engine
 * takes, not the making of pixels.
 */
static SmpField *
make_field (gint width, gint height, gboolean feathered, gdouble *seconds)
{
  SmpField  *field = smp_field_new (width, height, 3);
  const gint halo  = SMP_FIELD_HALO;
  gfloat    *rgb   = g_new (gfloat, (gsize) width * (STRIP + 2 * halo) * 3);
  gfloat    *mask  = feathered ? g_new (gfloat, (gsize) width * STRIP) : NULL;
  gdouble    t;

  for (gint y = 0; y < height; y += STRIP)
    {
      const gint rows  = MIN (STRIP, height - y);
      const gint above = MIN (halo, y);
      const gint below = MIN (halo, height - y - rows);

      for (gint j = -above; j < rows + below; j++)
        for (gint x = 0; x < width; x++)
          skin_pixel (x, y + j, rgb + ((gsize) (j + above) * width + x) * 3);
      if (mask)
        for (gint j = 0; j < rows; j++)
          for (gint x = 0; x < width; x++)
            {
              const gdouble dx = (x - width / 2.0) / (0.45 * width);
              const gdouble dy = (y + j - height / 2.0) / (0.45 * height);
              const gdouble v  = (1.0 - sqrt (dx * dx + dy * dy)) * 20.0;

              mask[j * width + x] = (gfloat) CLAMP (v, 0.0, 1.0);
            }
      t = now ();
      smp_field_add (field, y, rows, rgb + (gsize) above * width * 3, mask);
      *seconds += now () - t;
    }

  t = now ();
  smp_field_finish (field);
  *seconds += now () - t;
  g_free (rgb);
  g_free (mask);
  return field;
}

static void
full_run (gint width, gint height, gdouble density, gboolean feathered)
{
  SmpParams  p;
  SmpField  *field;
  SmpLayout *layout;
  SmpStamps *stamps;
  gfloat    *rgb     = g_new (gfloat, (gsize) width * STRIP * 3);
  gdouble    t_field = 0.0, t_render = 0.0, t0, t1, t2;

  smp_params_defaults (&p);
  p.density  = density;
  p.scale    = 100;
  p.sessions = 1;

  field = make_field (width, height, feathered, &t_field);
  t0    = now ();
  smp_layout_new (field, &p, NULL, NULL, &layout);
  t1     = now ();
  stamps = smp_stamps_new (layout, field, &p);
  t2     = now ();
  for (gint y = 0; y < height; y += STRIP)
    {
      const SmpRect r
          = { 0, y, width, MIN (STRIP, height - y), 3, 3, width * 3, rgb, rgb };
      gdouble t;

      for (gsize i = 0; i < (gsize) width * STRIP * 3; i++)
        rgb[i] = 0.4f;
      t = now ();
      smp_render (stamps, 1, 1, &r);
      t_render += now () - t;
    }

  printf ("%5d x %-5d density %3.0f: %8zu impressions | field %.2f s, "
          "layout %.2f s (%.2f M impressions/s), stamps %.3f s, render %.2f "
          "s (%.0f MP/s) | total %.2f s, %.1f MP/s%s\n",
          width, height, density, layout->n_impressions, t_field, t1 - t0,
          layout->n_impressions / (t1 - t0) / 1e6, t2 - t1, t_render,
          width * (gdouble) height / t_render / 1e6,
          t_field + (t2 - t0) + t_render,
          width * (gdouble) height / (t_field + (t2 - t0) + t_render) / 1e6,
          feathered ? " | feathered ellipse" : "");

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (rgb);
}

/* The field of a whole drawable's pixels, fed strip by strip as the
 * plug-in does.
 */
static SmpField *
field_of (const gfloat *rgb, gint width, gint height)
{
  SmpField *field = smp_field_new (width, height, 3);

  for (gint y = 0; y < height; y += STRIP)
    smp_field_add (field, y, MIN (STRIP, height - y),
                   rgb + (gsize) y * width * 3, NULL);
  smp_field_finish (field);
  return field;
}

/* The field of a scalp as photos show it: a mass of hair, single strands
 * with skin between them and bare skin, a quarter, a quarter and a half of
 * the photo.  Hair puts lines in most cells, and each needs the skin
 * beside it.  The making of the pixels is left out.
 */
static void
field_on_hair (gint width, gint height)
{
  gfloat   *rgb   = smp_test_scalp_masses (width, height, SMP_TEST_HAIR_DARK,
                                           SMP_TEST_SKIN_LIGHT, 1, NULL);
  gdouble   t     = now ();
  SmpField *field = field_of (rgb, width, height);

  t = now () - t;
  printf ("%5d x %-5d a scalp with hair: field %.2f s\n", width, height, t);
  smp_field_free (field);
  g_free (rgb);
}

/* The field of skin treated four times over at density 40, as when the
 * filter runs again and again on one image (tests/bench/bench-gimp.py
 * does): the impressions put lines in a third of the cells, and each of
 * those needs the skin beside it.
 */
static void
field_on_treated (gint width, gint height)
{
  gfloat   *rgb = g_new (gfloat, (gsize) width * height * 3);
  SmpParams p;
  SmpField *field;
  gdouble   t;

  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      skin_pixel (x, y, rgb + ((gsize) y * width + x) * 3);

  smp_params_defaults (&p);
  p.scale    = 100;
  p.sessions = 1;
  for (gint k = 0; k < 4; k++)
    {
      const SmpRect r = { 0, 0, width, height, 3, 3, width * 3, rgb, rgb };
      SmpLayout    *layout;
      SmpStamps    *stamps;

      p.seed = k + 1;
      field  = field_of (rgb, width, height);
      smp_layout_new (field, &p, NULL, NULL, &layout);
      stamps = smp_stamps_new (layout, field, &p);
      smp_render (stamps, 1, 1, &r);
      smp_stamps_free (stamps);
      smp_layout_free (layout);
      smp_field_free (field);
    }

  t     = now ();
  field = field_of (rgb, width, height);
  t     = now () - t;
  printf ("%5d x %-5d skin treated four times: field %.2f s\n", width, height,
          t);
  smp_field_free (field);
  g_free (rgb);
}

/* One refresh of a 400 x 400 preview, field already read. */
static void
preview_refresh (gint width, gint height)
{
  SmpParams     p;
  gdouble       t_field = 0.0;
  SmpField     *field   = make_field (width, height, FALSE, &t_field);
  SmpLayout    *layout;
  SmpStamps    *stamps;
  gfloat       *rgb = g_new (gfloat, 400 * 400 * 3);
  const SmpRect r
      = { width / 2, height / 2, 400, 400, 3, 3, 400 * 3, rgb, rgb };
  gdouble t0, t1, t2;

  smp_params_defaults (&p);
  p.scale = 100;

  t0 = now ();
  smp_layout_new (field, &p, NULL, NULL, &layout);
  t1     = now ();
  stamps = smp_stamps_new_near (layout, field, &p, r.x, r.y, r.width, r.height);
  smp_render (stamps, 1, p.sessions, &r);
  t2 = now ();

  printf ("preview 400 x 400 of a %d x %d photo, default settings: %.1f ms "
          "when a look changes, %.1f ms when the placement changes\n",
          width, height, (t2 - t1) * 1e3, (t2 - t0) * 1e3);

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (rgb);
}

int
main (int argc, char **argv)
{
  /* "hair": only the fields of a scalp with hair and of treated skin,
   * for work on the field.
   */
  if (argc > 1 && g_strcmp0 (argv[1], "hair") == 0)
    {
      field_on_hair (6000, 4000);
      field_on_treated (6000, 4000);
      return 0;
    }
  full_run (6000, 4000, 40, FALSE);
  full_run (6000, 4000, 10, FALSE);
  full_run (6000, 4000, 200, FALSE);
  full_run (8485, 5657, 40, FALSE);
  full_run (10000, 10000, 40, FALSE);
  full_run (6000, 4000, 40, TRUE);
  field_on_hair (6000, 4000);
  field_on_treated (6000, 4000);
  preview_refresh (4000, 3000);
  preview_refresh (6000, 4000);
  return 0;
}
