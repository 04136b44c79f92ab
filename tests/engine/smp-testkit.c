/* scalp-micropigmentation: synthetic scalps and layout measures for tests.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-testkit.h"

#include <math.h>

#include "smp-random.h"

#define HAIR_STRANDS_PER_PX 0.012 /* strands started per pixel of the band */

static void
skin_at (gint width, gint height, gint x, gint y, guint32 seed, gfloat *rgb)
{
  /* Warm light-medium skin, sRGB about (200, 150, 125). */
  static const gfloat skin[3] = { 0.58f, 0.30f, 0.20f };
  const gdouble       u = (x + 0.5) / width - 0.5, v = (y + 0.5) / height - 0.5;
  /* The dome of a head lit from the upper left, and a soft highlight. */
  const gdouble shade = 0.75
                        + 0.35
                              * exp (-(u + 0.15) * (u + 0.15) * 3.0
                                     - (v + 0.2) * (v + 0.2) * 3.0);
  const gdouble glint
      = 0.25 * exp (-((u + 0.2) * (u + 0.2) + (v + 0.25) * (v + 0.25)) / 0.004);
  /* Pores and fine texture, a few pixels wide. */
  const gdouble grain = 0.05 * smp_value_noise (seed, x / 2.5, y / 2.5)
                        + 0.03 * smp_value_noise (seed + 1, x / 9.0, y / 9.0);

  for (gint c = 0; c < 3; c++)
    rgb[c] = (gfloat) CLAMP (skin[c] * shade * (1.0 + grain) + glint, 0.0, 1.0);
}

/* Strands: short dark curved lines, mostly running downwards. */
static void
draw_hair (gfloat *rgb, gboolean *mask, gint width, gint height, guint32 seed)
{
  static const gfloat hair[3] = { 0.035f, 0.025f, 0.02f };
  const gint          band    = height / 4;
  const gint          n       = (gint) (HAIR_STRANDS_PER_PX * width * band);

  for (gint s = 0; s < n; s++)
    {
      gdouble    x     = smp_hash_uniform (seed, s, 1, 77) * width;
      gdouble    y     = smp_hash_uniform (seed, s, 2, 77) * band;
      gdouble    angle = G_PI / 2 + 0.6 * smp_hash_normal (seed, s, 3, 77);
      const gint len   = 8 + (gint) (smp_hash_uniform (seed, s, 4, 77) * 20);

      for (gint step = 0; step < len; step++)
        {
          const gint ix = (gint) x, iy = (gint) y;

          if (ix >= 0 && iy >= 0 && ix < width && iy < band)
            {
              if (rgb)
                for (gint c = 0; c < 3; c++)
                  rgb[((gsize) iy * width + ix) * 3 + c] = hair[c];
              if (mask)
                mask[(gsize) iy * width + ix] = TRUE;
            }
          x += cos (angle);
          y += sin (angle);
          angle += 0.05 * smp_hash_normal (seed, s, step, 78);
        }
    }
}

gfloat *
smp_test_scalp (gint width, gint height, gboolean hair_band, guint32 seed)
{
  gfloat *rgb = g_new (gfloat, (gsize) width * height * 3);

  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      skin_at (width, height, x, y, seed, rgb + ((gsize) y * width + x) * 3);

  if (hair_band)
    draw_hair (rgb, NULL, width, height, seed);

  return rgb;
}

gboolean *
smp_test_scalp_hair_mask (gint width, gint height, guint32 seed)
{
  gboolean *mask = g_new0 (gboolean, (gsize) width * height);

  draw_hair (NULL, mask, width, height, seed);
  return mask;
}

gfloat *
smp_test_ellipse_mask (gint width, gint height, gdouble cx, gdouble cy,
                       gdouble rx, gdouble ry, gdouble feather)
{
  gfloat *mask = g_new (gfloat, (gsize) width * height);

  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      {
        const gdouble u = (x + 0.5 - width * cx) / (width * rx);
        const gdouble v = (y + 0.5 - height * cy) / (height * ry);
        const gdouble d = (1.0 - sqrt (u * u + v * v)) * width * rx / feather;

        mask[(gsize) y * width + x] = (gfloat) CLAMP (d, 0.0, 1.0);
      }

  return mask;
}

gfloat *
smp_test_luma (const gfloat *rgb, gint width, gint height)
{
  gfloat *luma = g_new (gfloat, (gsize) width * height);

  for (gsize i = 0; i < (gsize) width * height; i++)
    luma[i] = 0.2126f * rgb[i * 3] + 0.7152f * rgb[i * 3 + 1]
              + 0.0722f * rgb[i * 3 + 2];
  return luma;
}

SmpField *
smp_test_field (const gfloat *rgb, const gfloat *mask, gint width, gint height)
{
  SmpField *field = smp_field_new (width, height);
  gfloat   *luma  = smp_test_luma (rgb, width, height);

  smp_field_add (field, 0, 0, width, height, luma, width, mask, width);
  smp_field_finish (field);
  g_free (luma);
  return field;
}

GArray *
smp_test_points (const SmpLayout *layout, gdouble x0, gdouble y0, gdouble x1,
                 gdouble y1, gint session_lo, gint session_hi)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (SmpPoint));

  for (gsize i = 0; i < layout->n_impressions; i++)
    {
      const SmpImpression *imp = &layout->impressions[i];

      if (imp->x >= x0 && imp->x < x1 && imp->y >= y0 && imp->y < y1
          && imp->session >= session_lo && imp->session <= session_hi)
        {
          const SmpPoint p = { imp->x, imp->y };

          g_array_append_val (points, p);
        }
    }

  return points;
}

gdouble
smp_test_clark_evans (GArray *points, gdouble density, gdouble x0, gdouble y0,
                      gdouble x1, gdouble y1)
{
  const SmpPoint *p   = (const SmpPoint *) points->data;
  gdouble         sum = 0.0;
  gint            n   = 0;

  for (guint i = 0; i < points->len; i++)
    {
      gdouble best = G_MAXDOUBLE;

      if (p[i].x < x0 || p[i].x >= x1 || p[i].y < y0 || p[i].y >= y1)
        continue;

      for (guint j = 0; j < points->len; j++)
        if (j != i)
          {
            const gdouble dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;

            best = MIN (best, dx * dx + dy * dy);
          }

      sum += sqrt (best);
      n++;
    }

  if (n == 0)
    return 0.0;

  return (sum / n) / (0.5 / sqrt (density));
}

gdouble
smp_test_min_distance (GArray *points)
{
  const SmpPoint *p    = (const SmpPoint *) points->data;
  gdouble         best = G_MAXDOUBLE;

  for (guint i = 0; i < points->len; i++)
    for (guint j = i + 1; j < points->len; j++)
      {
        const gdouble dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;

        best = MIN (best, dx * dx + dy * dy);
      }

  return sqrt (best);
}

gdouble
smp_test_periodogram_peak (GArray *points, gdouble x0, gdouble y0, gdouble side)
{
  const SmpPoint *p = (const SmpPoint *) points->data;
  const gint      n = points->len;
  /* Mean point frequency, in cycles per window. */
  const gdouble f0   = sqrt ((gdouble) n);
  const gint    kmax = (gint) ceil (2.0 * f0);
  gdouble       peak = 0.0;

  /* Half the plane is enough: P(-k) = P(k). */
  for (gint ky = 0; ky <= kmax; ky++)
    for (gint kx = -kmax; kx <= kmax; kx++)
      {
        const gdouble k  = sqrt ((gdouble) kx * kx + (gdouble) ky * ky);
        gdouble       re = 0.0, im = 0.0;

        if (k < 0.5 * f0 || k > 2.0 * f0 || (ky == 0 && kx < 0))
          continue;

        for (gint i = 0; i < n; i++)
          {
            const gdouble phase
                = 2.0 * G_PI * (kx * (p[i].x - x0) + ky * (p[i].y - y0)) / side;

            re += cos (phase);
            im += sin (phase);
          }

        peak = MAX (peak, (re * re + im * im) / n);
      }

  return peak;
}
