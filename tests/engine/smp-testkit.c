/* scalp-micropigmentation: synthetic scalps and layout measures for tests.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-testkit.h"

#include <math.h>
#include <string.h>

#include "smp-random.h"

/* Share of the band that strands cover, as on a thinning scalp. */
#define BAND_COVER 0.40

typedef struct
{
  gfloat skin[3];     /* linear RGB */
  gfloat hair[3];     /* linear RGB of a typical strand */
  gfloat hair_jitter; /* relative spread of a strand's brightness */
  gfloat dark_share;  /* strands that are dark instead (salt and pepper) */
} Kind;

static const Kind kinds[] = {
  /* Dark hair on light skin: sRGB about (35, 25, 20) on (224, 172, 146). */
  [SMP_TEST_HAIR_DARK]
  = { { 0.745f, 0.413f, 0.287f }, { 0.017f, 0.010f, 0.007f }, 0.3f, 0.0f },
  /* Dark hair on dark skin: (30, 22, 18) on (110, 72, 52). */
  [SMP_TEST_HAIR_DARK_ON_DARK]
  = { { 0.155f, 0.064f, 0.034f }, { 0.013f, 0.008f, 0.006f }, 0.3f, 0.0f },
  /* Grey and white hair, lighter than medium skin, a few dark ones left:
   * (200, 200, 200) on (190, 135, 105).
   */
  [SMP_TEST_HAIR_GREY]
  = { { 0.515f, 0.242f, 0.141f }, { 0.578f, 0.578f, 0.578f }, 0.35f, 0.15f },
  /* Blond hair as bright as light skin, only yellower: (215, 180, 120). */
  [SMP_TEST_HAIR_BLOND]
  = { { 0.745f, 0.413f, 0.287f }, { 0.680f, 0.456f, 0.188f }, 0.12f, 0.0f },
  /* White hair: (235, 235, 232) on light skin. */
  [SMP_TEST_HAIR_WHITE]
  = { { 0.745f, 0.413f, 0.287f }, { 0.831f, 0.831f, 0.807f }, 0.08f, 0.0f },
  /* Copper red hair: (165, 70, 35) on light skin. */
  [SMP_TEST_HAIR_RED]
  = { { 0.745f, 0.413f, 0.287f }, { 0.376f, 0.061f, 0.017f }, 0.2f, 0.0f },
};

/* Linear RGB of each skin of smp_test_scalp_masses(), from the kinds
 * above: (224, 172, 146), (190, 135, 105) and (110, 72, 52).
 */
static const gfloat skins[][3] = {
  [SMP_TEST_SKIN_LIGHT] = { 0.745f, 0.413f, 0.287f },
  [SMP_TEST_SKIN_BROWN] = { 0.515f, 0.242f, 0.141f },
  [SMP_TEST_SKIN_DARK]  = { 0.155f, 0.064f, 0.034f },
};

/* Bare skin: the dome of a head lit from the upper left, a soft
 * highlight, fine grain, and, added after, pores and freckles.
 */
static void
skin_at (const Kind *kind, gint width, gint height, gint x, gint y,
         guint32 seed, gfloat *rgb)
{
  const gdouble u = (x + 0.5) / width - 0.5, v = (y + 0.5) / height - 0.5;
  const gdouble shade = 0.75
                        + 0.35
                              * exp (-(u + 0.15) * (u + 0.15) * 3.0
                                     - (v + 0.2) * (v + 0.2) * 3.0);
  const gdouble glint
      = 0.25 * exp (-((u + 0.2) * (u + 0.2) + (v + 0.25) * (v + 0.25)) / 0.004);
  const gdouble grain = 0.05 * smp_value_noise (seed, x / 2.5, y / 2.5)
                        + 0.03 * smp_value_noise (seed + 1, x / 9.0, y / 9.0);

  for (gint c = 0; c < 3; c++)
    rgb[c] = (gfloat) CLAMP (kind->skin[c] * shade * (1.0 + grain)
                                 + glint * kind->skin[c],
                             0.0, 1.0);
}

/* Darkens a round spot, soft-edged: pores (small, grey) and freckles
 * (larger, brown).
 */
static void
spot (gfloat *rgb, gint width, gint height, gdouble cx, gdouble cy,
      gdouble radius, gdouble depth, gdouble brown)
{
  for (gint y = MAX ((gint) (cy - radius - 2), 0);
       y <= MIN ((gint) (cy + radius + 2), height - 1); y++)
    for (gint x = MAX ((gint) (cx - radius - 2), 0);
         x <= MIN ((gint) (cx + radius + 2), width - 1); x++)
      {
        const gdouble d = hypot (x + 0.5 - cx, y + 0.5 - cy) / radius;
        const gdouble a = depth * exp (-2.0 * d * d);

        for (gint c = 0; c < 3; c++)
          rgb[((gsize) y * width + x) * 3 + c]
              *= (gfloat) (1.0 - a * (c == 2 ? 1.0 + brown : 1.0));
      }
}

static void
pores_and_freckles (gfloat *rgb, gint width, gint height, guint32 seed)
{
  const gint pores = width * height / 40, freckles = width * height / 900;

  for (gint i = 0; i < pores; i++)
    spot (rgb, width, height, smp_hash_uniform (seed, i, 1, 91) * width,
          smp_hash_uniform (seed, i, 2, 91) * height,
          0.6 + 0.7 * smp_hash_uniform (seed, i, 3, 91),
          0.10 + 0.15 * smp_hash_uniform (seed, i, 4, 91), 0.0);
  for (gint i = 0; i < freckles; i++)
    spot (rgb, width, height, smp_hash_uniform (seed, i, 1, 92) * width,
          smp_hash_uniform (seed, i, 2, 92) * height,
          1.5 + 2.5 * smp_hash_uniform (seed, i, 3, 92),
          0.12 + 0.15 * smp_hash_uniform (seed, i, 4, 92), 0.3);
}

/* One strand, anti-aliased, into the hair layer over rows [y0, y1):
 * where it covers a pixel more than what is there, it is on top.  A
 * shaded strand is lit along its middle and darker at its edges.
 */
static void
draw_strand (const Kind *kind, gfloat *alpha, gfloat *color, gint width,
             gint y0, gint y1, gboolean shaded, guint32 seed, gint s,
             gint *covered)
{
  gdouble x = smp_hash_uniform (seed, s, 1, 77) * width;
  /* Strands come in from above too, so that they cover the band evenly. */
  gdouble y     = y0 + smp_hash_uniform (seed, s, 2, 77) * (y1 - y0 + 50) - 50;
  gdouble angle = (smp_hash_uniform (seed, s, 5, 77) < 0.8 ? G_PI / 2 : 0)
                  + 0.5 * smp_hash_normal (seed, s, 3, 77);
  const gint     len  = 30 + (gint) (smp_hash_uniform (seed, s, 4, 77) * 90);
  const gdouble  half = 0.4 + 0.9 * smp_hash_uniform (seed, s, 6, 77);
  const gboolean dark = smp_hash_uniform (seed, s, 7, 77) < kind->dark_share;
  const gdouble  tone
      = MAX (1.0 + kind->hair_jitter * smp_hash_normal (seed, s, 8, 77), 0.4);
  gfloat rgb[3];

  for (gint c = 0; c < 3; c++)
    rgb[c] = (gfloat) CLAMP (dark ? kinds[SMP_TEST_HAIR_DARK].hair[c]
                                  : kind->hair[c] * tone,
                             0.0, 1.0);

  /* Half-pixel steps, bending a little along the way. */
  for (gint step = 0; step < len; step++)
    {
      for (gint j = (gint) floor (y - half - 1); j <= (gint) (y + half + 1);
           j++)
        for (gint i = (gint) floor (x - half - 1); i <= (gint) (x + half + 1);
             i++)
          {
            const gdouble d    = hypot (i + 0.5 - x, j + 0.5 - y);
            const gfloat  a    = (gfloat) CLAMP (half + 0.5 - d, 0.0, 1.0);
            const gdouble edge = MIN (d / (half + 0.5), 1.0);
            const gfloat  lit = shaded ? (gfloat) (1.0 - 0.4 * edge * edge) : 1;
            gsize         at;

            if (i < 0 || j < y0 || i >= width || j >= y1)
              continue;
            at = (gsize) j * width + i;
            if (a <= alpha[at])
              continue;
            *covered += alpha[at] < 0.5f && a >= 0.5f;
            alpha[at] = a;
            for (gint c = 0; c < 3; c++)
              color[at * 3 + c] = rgb[c] * lit;
          }
      x += 0.5 * cos (angle);
      y += 0.5 * sin (angle);
      angle += 0.03 * smp_hash_normal (seed, s, step, 78);
    }
}

gfloat *
smp_test_scalp_of (gint width, gint height, SmpTestHair hair, guint32 seed,
                   gboolean **strands)
{
  const Kind *kind
      = &kinds[hair == SMP_TEST_HAIR_NONE ? SMP_TEST_HAIR_DARK : hair];
  const gint band    = height / 4;
  gfloat    *rgb     = g_new (gfloat, (gsize) width * height * 3);
  gfloat    *alpha   = g_new0 (gfloat, (gsize) width * band);
  gfloat    *color   = g_new0 (gfloat, (gsize) width * band * 3);
  gint       covered = 0;

  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      skin_at (kind, width, height, x, y, seed,
               rgb + ((gsize) y * width + x) * 3);
  pores_and_freckles (rgb, width, height, seed);

  for (gint s = 0;
       hair != SMP_TEST_HAIR_NONE && covered < BAND_COVER * width * band; s++)
    draw_strand (kind, alpha, color, width, 0, band, FALSE, seed, s, &covered);

  for (gsize i = 0; i < (gsize) width * band; i++)
    for (gint c = 0; c < 3; c++)
      rgb[i * 3 + c]
          = rgb[i * 3 + c] * (1.0f - alpha[i]) + color[i * 3 + c] * alpha[i];

  if (strands)
    {
      *strands = g_new0 (gboolean, (gsize) width * height);
      for (gsize i = 0; i < (gsize) width * band; i++)
        (*strands)[i] = alpha[i] >= 0.5f;
    }

  g_free (alpha);
  g_free (color);
  return rgb;
}

/* Share of the mass that hair covers, and of the band of single strands. */
#define MASS_COVER 0.95
#define THIN_COVER 0.33

/* Strands of the band [y0, y1) until they cover that share of it. */
static void
draw_band (const Kind *kind, gfloat *alpha, gfloat *color, gint width, gint y0,
           gint y1, gdouble cover, guint32 seed, gint first)
{
  gint covered = 0;

  for (gint s = first; covered < cover * width * (y1 - y0); s++)
    draw_strand (kind, alpha, color, width, y0, y1, TRUE, seed, s, &covered);
}

/* The bare skin of kind, with its pores and freckles, into rgb. */
static void
bare_skin (const Kind *kind, gint width, gint height, guint32 seed, gfloat *rgb)
{
  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      skin_at (kind, width, height, x, y, seed,
               rgb + ((gsize) y * width + x) * 3);
  pores_and_freckles (rgb, width, height, seed);
}

gfloat *
smp_test_scalp_masses (gint width, gint height, SmpTestHair hair,
                       SmpTestSkin skin, guint32 seed, gboolean **hair_mask)
{
  const gsize n     = (gsize) width * height;
  gfloat     *rgb   = g_new (gfloat, n * 3);
  gfloat     *alpha = g_new0 (gfloat, n);
  gfloat     *color = g_new0 (gfloat, n * 3);
  Kind        kind;

  g_return_val_if_fail (hair != SMP_TEST_HAIR_NONE, NULL);

  kind = kinds[hair];
  memcpy (kind.skin, skins[skin], sizeof kind.skin);
  bare_skin (&kind, width, height, seed, rgb);

  /* Moles: dark brown and round, up to 10 px across, in the bare half. */
  for (gint i = 0; i < width * height / 16000 + 2; i++)
    spot (rgb, width, height, smp_hash_uniform (seed, i, 1, 93) * width,
          height * (0.55 + 0.4 * smp_hash_uniform (seed, i, 2, 93)),
          2.5 + 2.5 * smp_hash_uniform (seed, i, 3, 93),
          0.5 + 0.2 * smp_hash_uniform (seed, i, 4, 93), 0.3);

  /* The light's reflection on a shiny scalp: white, bright, sharp-edged. */
  for (gint y = height / 2; y < height; y++)
    for (gint x = 0; x < width; x++)
      {
        const gdouble u    = (x + 0.5) / width - 0.65,
                      v    = (y + 0.5) / height - 0.75;
        const gdouble d2   = (u * u + v * v) / (0.06 * 0.06);
        const gdouble glow = 0.7 * exp (-d2 * d2);

        for (gint c = 0; c < 3; c++)
          {
            gfloat *p = rgb + ((gsize) y * width + x) * 3 + c;

            *p = (gfloat) MIN (*p + glow, 1.0);
          }
      }

  draw_band (&kind, alpha, color, width, 0, height / 4, MASS_COVER, seed, 0);
  draw_band (&kind, alpha, color, width, height / 4, height / 2, THIN_COVER,
             seed, 1000000);

  for (gsize i = 0; i < n; i++)
    for (gint c = 0; c < 3; c++)
      rgb[i * 3 + c]
          = rgb[i * 3 + c] * (1.0f - alpha[i]) + color[i * 3 + c] * alpha[i];

  if (hair_mask)
    {
      *hair_mask = g_new0 (gboolean, n);
      for (gsize i = 0; i < n; i++)
        (*hair_mask)[i] = alpha[i] >= 0.5f;
    }

  g_free (alpha);
  g_free (color);
  return rgb;
}

gfloat *
smp_test_scalp_lit (gint width, gint height, SmpTestSkin skin,
                    const gfloat light[3], gdouble peak, guint32 seed)
{
  const gsize n    = (gsize) width * height;
  gfloat     *rgb  = g_new (gfloat, n * 3);
  gfloat     *pits = g_new (gfloat, n * 3);
  Kind        kind = kinds[SMP_TEST_HAIR_DARK];

  memcpy (kind.skin, skins[skin], sizeof kind.skin);
  bare_skin (&kind, width, height, seed, rgb);

  /* Where the pores are, as the share of light they keep: the same spots
   * on white.
   */
  for (gsize i = 0; i < n * 3; i++)
    pits[i] = 1.0f;
  pores_and_freckles (pits, width, height, seed);

  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      {
        const gsize   i = (gsize) y * width + x;
        const gdouble u = (x + 0.5) / width - 0.5, v = (y + 0.5) / height - 0.5;
        const gdouble glow
            = peak * exp (-(u * u + v * v) / (2.0 * 0.12 * 0.12));

        for (gint c = 0; c < 3; c++)
          rgb[i * 3 + c] = (gfloat) MIN (
              rgb[i * 3 + c] + glow * light[c] * pow (pits[i * 3 + 1], 6.0),
              1.0);
      }

  g_free (pits);
  return rgb;
}

/* The patches of smp_test_scalp_patches(): centre and radius, as
 * fractions of the width, height and scale's cm.
 */
static const gdouble patches_at[][3]
    = { { 0.28, 0.30, 1.0 }, { 0.70, 0.38, 1.3 }, { 0.42, 0.74, 1.15 } };

/* How far pixel (x, y) lies inside the nearest patch's edge, in px
 * (negative outside), and that patch's radius.
 */
static gdouble
inside_patch (gint width, gint height, gdouble scale, gdouble x, gdouble y,
              gdouble *radius)
{
  gdouble best = -G_MAXDOUBLE;

  for (guint k = 0; k < G_N_ELEMENTS (patches_at); k++)
    {
      const gdouble r = patches_at[k][2] * scale;
      const gdouble d = r
                        - hypot (x - patches_at[k][0] * width,
                                 y - patches_at[k][1] * height);

      if (d > best)
        {
          best    = d;
          *radius = r;
        }
    }
  return best;
}

gfloat *
smp_test_scalp_patches (gint width, gint height, gdouble scale, guint32 seed,
                        guint8 **patches)
{
  const gsize n     = (gsize) width * height;
  const gint  stubs = (gint) (200.0 * width * height / (scale * scale));
  gfloat     *rgb   = g_new (gfloat, n * 3);
  Kind        kind  = kinds[SMP_TEST_HAIR_DARK];
  gdouble     radius;

  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      skin_at (&kind, width, height, x, y, seed,
               rgb + ((gsize) y * width + x) * 3);
  pores_and_freckles (rgb, width, height, seed);

  /* Stubs: a dark dot and a second a pixel along the hair's way, down
   * and a little to the side; fewer toward a patch, none inside.
   */
  for (gint i = 0; i < stubs; i++)
    {
      const gdouble x     = smp_hash_uniform (seed, i, 1, 94) * width;
      const gdouble y     = smp_hash_uniform (seed, i, 2, 94) * height;
      const gdouble in    = inside_patch (width, height, scale, x, y, &radius);
      const gdouble keep  = CLAMP (-in / (0.2 * scale), 0.0, 1.0);
      const gdouble size  = 0.55 + 0.35 * smp_hash_uniform (seed, i, 3, 94);
      const gdouble depth = 0.6 + 0.3 * smp_hash_uniform (seed, i, 4, 94);

      if (smp_hash_uniform (seed, i, 5, 94) >= keep)
        continue;
      spot (rgb, width, height, x, y, size, depth, 0.0);
      spot (rgb, width, height, x + 0.3, y + 1.0, size, depth, 0.0);
    }

  *patches = g_new0 (guint8, n);
  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      {
        const gdouble in
            = inside_patch (width, height, scale, x + 0.5, y + 0.5, &radius);

        if (in >= 0.3 * radius)
          (*patches)[(gsize) y * width + x] = 1;
        else if (in <= -0.3 * scale)
          (*patches)[(gsize) y * width + x] = 2;
      }

  return rgb;
}

static const gchar *const hair_names[] = {
  [SMP_TEST_HAIR_NONE]         = "none",
  [SMP_TEST_HAIR_DARK]         = "dark",
  [SMP_TEST_HAIR_DARK_ON_DARK] = "dark on dark",
  [SMP_TEST_HAIR_GREY]         = "grey",
  [SMP_TEST_HAIR_BLOND]        = "blond",
  [SMP_TEST_HAIR_WHITE]        = "white",
  [SMP_TEST_HAIR_RED]          = "red",
};
static const gchar *const skin_names[] = {
  [SMP_TEST_SKIN_LIGHT] = "light",
  [SMP_TEST_SKIN_BROWN] = "brown",
  [SMP_TEST_SKIN_DARK]  = "dark",
};

const gchar *
smp_test_hair_name (SmpTestHair hair)
{
  return hair_names[hair];
}

const gchar *
smp_test_skin_name (SmpTestSkin skin)
{
  return skin_names[skin];
}

/* The index of name among n names, or -1. */
static gint
name_index (const gchar *const *names, guint n, const gchar *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return (gint) i;
  return -1;
}

gint
smp_test_hair_named (const gchar *name)
{
  return name_index (hair_names, G_N_ELEMENTS (hair_names), name);
}

gint
smp_test_skin_named (const gchar *name)
{
  return name_index (skin_names, G_N_ELEMENTS (skin_names), name);
}

gfloat *
smp_test_scalp (gint width, gint height, gboolean hair_band, guint32 seed)
{
  return smp_test_scalp_of (width, height,
                            hair_band ? SMP_TEST_HAIR_DARK : SMP_TEST_HAIR_NONE,
                            seed, NULL);
}

gboolean *
smp_test_scalp_hair_mask (gint width, gint height, guint32 seed)
{
  gboolean *mask;

  g_free (smp_test_scalp_of (width, height, SMP_TEST_HAIR_DARK, seed, &mask));
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

/* One pass of a separable blur: along rows when step is n, along columns
 * when it is a row.
 */
static void
blur_pass (const gfloat *in, gfloat *out, gint width, gint height, gint n,
           gboolean along_rows, const gdouble *k, gint radius)
{
  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      for (gint c = 0; c < n; c++)
        {
          gdouble sum = 0.0;

          for (gint j = -radius; j <= radius; j++)
            {
              const gint xx = along_rows ? CLAMP (x + j, 0, width - 1) : x;
              const gint yy = along_rows ? y : CLAMP (y + j, 0, height - 1);

              sum += k[j + radius] * in[((gsize) yy * width + xx) * n + c];
            }
          out[((gsize) y * width + x) * n + c] = (gfloat) sum;
        }
}

gfloat *
smp_test_blur (const gfloat *pixels, gint width, gint height, gint n,
               gdouble sigma)
{
  const gint radius = (gint) ceil (4.0 * sigma);
  gdouble   *k      = g_new (gdouble, 2 * radius + 1);
  gfloat    *tmp    = g_new (gfloat, (gsize) width * height * n);
  gfloat    *out    = g_new (gfloat, (gsize) width * height * n);
  gdouble    sum    = 0.0;

  for (gint j = -radius; j <= radius; j++)
    sum += k[j + radius] = exp (-0.5 * j * j / (sigma * sigma));
  for (gint j = 0; j <= 2 * radius; j++)
    k[j] /= sum;

  blur_pass (pixels, tmp, width, height, n, TRUE, k, radius);
  blur_pass (tmp, out, width, height, n, FALSE, k, radius);
  g_free (tmp);
  g_free (k);
  return out;
}

SmpField *
smp_test_field (const gfloat *rgb, const gfloat *mask, gint width, gint height)
{
  SmpField *field = smp_field_new (width, height, 3);

  smp_field_add (field, 0, height, rgb, mask);
  smp_field_finish (field);
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

/* The distance from each point inside the window to its nearest
 * neighbour, anywhere.
 */
static GArray *
nearest_distances (GArray *points, gdouble x0, gdouble y0, gdouble x1,
                   gdouble y1)
{
  const SmpPoint *p    = (const SmpPoint *) points->data;
  GArray         *dist = g_array_new (FALSE, FALSE, sizeof (gdouble));

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

      best = sqrt (best);
      g_array_append_val (dist, best);
    }
  return dist;
}

gdouble
smp_test_clark_evans (GArray *points, gdouble density, gdouble x0, gdouble y0,
                      gdouble x1, gdouble y1)
{
  GArray *dist = nearest_distances (points, x0, y0, x1, y1);
  gdouble sum  = 0.0;
  guint   n    = dist->len;

  for (guint i = 0; i < n; i++)
    sum += g_array_index (dist, gdouble, i);
  g_array_free (dist, TRUE);

  if (n == 0)
    return 0.0;

  return (sum / n) / (0.5 / sqrt (density));
}

gdouble
smp_test_nearest_spread (GArray *points, gdouble x0, gdouble y0, gdouble x1,
                         gdouble y1)
{
  GArray *dist = nearest_distances (points, x0, y0, x1, y1);
  gdouble sum = 0.0, sum2 = 0.0, mean;
  guint   n = dist->len;

  for (guint i = 0; i < n; i++)
    {
      const gdouble d = g_array_index (dist, gdouble, i);

      sum += d;
      sum2 += d * d;
    }
  g_array_free (dist, TRUE);

  if (n == 0)
    return 0.0;

  mean = sum / n;
  return sqrt (MAX (0.0, sum2 / n - mean * mean)) / mean;
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
