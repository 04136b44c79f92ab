/* scalp-micropigmentation: each impression as pigment under the skin.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "smp-random.h"
#include "smp-testkit.h"

#define SCALE 100.0

static SmpParams
default_params (void)
{
  SmpParams p;

  smp_params_defaults (&p);
  p.scale = SCALE;
  p.seed  = 17;
  return p;
}

/* The impressions alone, without the ash tone, for one-dot experiments. */
static SmpParams
dots_params (void)
{
  SmpParams p = default_params ();

  p.ash_tone = 0.0;
  return p;
}

/* A layout of impressions placed by hand, for one-dot experiments. */
static SmpLayout *
hand_layout (gint w, gint h, const SmpImpression *imps, gsize n, gint sessions)
{
  SmpLayout *layout = g_new0 (SmpLayout, 1);

  layout->impressions   = g_memdup2 (imps, n * sizeof (SmpImpression));
  layout->n_impressions = n;
  layout->sessions      = sessions;
  layout->width         = w;
  layout->height        = h;
  return layout;
}

static gfloat *
flat (gint w, gint h, gint channels, gfloat value)
{
  gfloat *buf = g_new (gfloat, (gsize) w * h * channels);

  for (gsize i = 0; i < (gsize) w * h * channels; i++)
    buf[i] = value;
  return buf;
}

/* A scalp with small impressions across many tile edges, in three
 * sessions.
 */
typedef struct
{
  gint       w, h;
  gfloat    *rgb;
  SmpParams  p;
  SmpField  *field;
  SmpLayout *layout;
  SmpStamps *stamps;
} Scene;

static void
scene_init (Scene *sc, gconstpointer data G_GNUC_UNUSED)
{
  sc->w          = 321;
  sc->h          = 247;
  sc->rgb        = smp_test_scalp (sc->w, sc->h, TRUE, 9);
  sc->p          = default_params ();
  sc->p.dot_size = 0.8;
  sc->field      = smp_test_field (sc->rgb, NULL, sc->w, sc->h);
  g_assert_cmpint (smp_layout_new (sc->field, &sc->p, NULL, NULL, &sc->layout),
                   ==, SMP_LAYOUT_OK);
  sc->stamps = smp_stamps_new (sc->layout, sc->field, &sc->p);
}

static void
scene_clear (Scene *sc, gconstpointer data G_GNUC_UNUSED)
{
  smp_stamps_free (sc->stamps);
  smp_layout_free (sc->layout);
  smp_field_free (sc->field);
  g_free (sc->rgb);
}

/* Full render and any tiling give the same bits. */
static void
test_tiles_match_full_render (Scene *sc, gconstpointer data G_GNUC_UNUSED)
{
  const gint       w = sc->w, h = sc->h;
  const gfloat    *rgb    = sc->rgb;
  const SmpStamps *stamps = sc->stamps;
  gfloat          *full  = g_memdup2 (rgb, (gsize) w * h * 3 * sizeof (gfloat));
  gfloat          *tiled = g_memdup2 (rgb, (gsize) w * h * 3 * sizeof (gfloat));

  {
    const SmpRect all = { 0, 0, w, h, 3, 3, w * 3, rgb, full };

    smp_render (stamps, 1, 3, &all);
  }

  /* Uneven tiles, rendered bottom-right first. */
  {
    GArray *rects = g_array_new (FALSE, FALSE, sizeof (SmpRect));

    for (gint y = 0, th = 13; y < h; y += th, th = th == 13 ? 37 : 13)
      for (gint x = 0, tw = 50; x < w; x += tw, tw = tw == 50 ? 29 : 50)
        {
          const gsize   off = ((gsize) y * w + x) * 3;
          const SmpRect r   = { x, y,     MIN (tw, w - x), MIN (th, h - y), 3,
                                3, w * 3, rgb + off,       tiled + off };

          g_array_append_val (rects, r);
        }

    for (guint i = rects->len; i-- > 0;)
      smp_render (stamps, 1, 3, &g_array_index (rects, SmpRect, i));
    g_array_free (rects, TRUE);
  }

  g_assert_cmpmem (full, (gsize) w * h * 3 * sizeof (gfloat), tiled,
                   (gsize) w * h * 3 * sizeof (gfloat));

  /* Only the impressions near a rectangle, as the preview prepares them:
   * the same pixels there, with far fewer stamps.
   */
  {
    const gint x = 120, y = 90, rw = 64, rh = 48;
    SmpStamps *near
        = smp_stamps_new_near (sc->layout, sc->field, &sc->p, x, y, rw, rh);
    const gsize   off  = ((gsize) y * w + x) * 3;
    gfloat       *part = g_memdup2 (rgb, (gsize) w * h * 3 * sizeof (gfloat));
    const SmpRect r    = { x, y, rw, rh, 3, 3, w * 3, rgb + off, part + off };

    g_assert_cmpuint (smp_stamps_count (near), <,
                      smp_stamps_count (stamps) / 4);
    smp_render (near, 1, 3, &r);
    for (gint j = 0; j < rh; j++)
      g_assert_cmpmem (part + off + (gsize) j * w * 3, rw * 3 * sizeof (gfloat),
                       full + off + (gsize) j * w * 3,
                       rw * 3 * sizeof (gfloat));
    smp_stamps_free (near);
    g_free (part);
  }
  g_assert_true (memcmp (full, rgb, (gsize) w * h * 3 * sizeof (gfloat)) != 0);

  g_free (full);
  g_free (tiled);
}

/* A dot far smaller than a pixel deposits exactly its area of pigment,
 * times its strength, wherever it falls inside the pixel.
 */
static void
test_subpixel_pigment_conserved (void)
{
  const gdouble diameters[] = { 0.05, 0.1, 0.2, 0.5, 1.0 }; /* mm */
  const gint    w = 32, h = 32;

  for (guint d = 0; d < G_N_ELEMENTS (diameters); d++)
    for (gint k = 0; k < 5; k++)
      {
        const SmpImpression imp    = { 16.0f + 0.23f * k, 15.5f + 0.17f * k,
                                       smp_hash (1, d, k, 0), 1 };
        SmpLayout          *layout = hand_layout (w, h, &imp, 1, 1);
        SmpParams           p      = dots_params ();
        gfloat             *white  = flat (w, h, 1, 1.0f);
        gfloat             *out    = flat (w, h, 1, 1.0f);
        SmpStamps          *stamps;
        gdouble             deposited = 0.0, expected;

        p.dot_size       = diameters[d]; /* 0.05 to 1 px at 10 px per cm */
        p.scale          = 10.0;
        p.size_variation = 0.0;
        p.tone_variation = 0.0;
        p.opacity        = 100;
        p.pigment        = (SmpColor){ 0, 0, 0 };
        stamps           = smp_stamps_new (layout, NULL, &p);

        {
          const SmpRect r = { 0, 0, w, h, 1, 1, w, white, out };

          smp_render (stamps, 1, 1, &r);
        }

        for (gint i = 0; i < w * h; i++)
          deposited += 1.0 - out[i];
        expected = smp_stamps_pigment (stamps, 0);

        g_assert_cmpfloat (fabs (deposited - expected), <=, 0.01 * expected);

        smp_stamps_free (stamps);
        smp_layout_free (layout);
        g_free (white);
        g_free (out);
      }
}

/* The skin shows through: a pixel under pigment is the skin times the same
 * factor whatever the skin's brightness, so shading and highlights remain.
 */
static void
test_multiplies_skin (void)
{
  const gint          w = 40, h = 40;
  const SmpImpression imp    = { 20, 20, 99, 1 };
  SmpLayout          *layout = hand_layout (w, h, &imp, 1, 1);
  SmpParams           p      = dots_params ();
  SmpStamps          *stamps;
  gfloat             *bright = flat (w, h, 3, 0.8f);
  gfloat             *dim    = flat (w, h, 3, 0.2f);
  gfloat             *trans  = flat (w, h, 3, 1.0f);

  p.dot_size = 1.5;
  stamps     = smp_stamps_new (layout, NULL, &p);

  {
    const SmpRect a = { 0, 0, w, h, 3, 3, w * 3, bright, bright };
    const SmpRect b = { 0, 0, w, h, 3, 3, w * 3, dim, dim };
    const SmpRect t = { 0, 0, w, h, 3, 3, w * 3, trans, trans };

    smp_render (stamps, 1, 1, &a);
    smp_render (stamps, 1, 1, &b);
    smp_render (stamps, 1, 1, &t);
  }

  /* Centre: darkened, not replaced by the pigment. */
  {
    const gsize c = (20 * w + 20) * 3;

    g_assert_cmpfloat (bright[c], <, 0.8f * 0.5f);
    g_assert_cmpfloat (fabsf (bright[c] / 0.8f - dim[c] / 0.2f), <, 1e-5f);
    g_assert_cmpfloat (fabsf (trans[c] - dim[c] / 0.2f), <, 1e-5f);
    /* The cool pigment keeps more blue than red. */
    g_assert_cmpfloat (trans[c + 2], >, trans[c]);
  }

  /* A soft edge: values between skin and centre around the rim. */
  {
    gint between = 0;

    for (gint x = 20; x < w; x++)
      {
        const gfloat v = trans[(20 * w + x) * 3];

        between += v > 0.05f && v < 0.95f;
      }
    g_assert_cmpint (between, >=, 2);
  }

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  g_free (bright);
  g_free (dim);
  g_free (trans);
}

/* Two impressions on the same spot darken as layered pigment does: the
 * second multiplies what the first left.
 */
static void
test_overlap_multiplies (void)
{
  const gint          w = 20, h = 20;
  const SmpImpression one[1] = { { 10, 10, 5, 1 } };
  const SmpImpression two[2] = { { 10, 10, 5, 1 }, { 10, 10, 5, 1 } };
  SmpParams           p      = dots_params ();
  gfloat              single = 0, both = 0;

  p.size_variation = 0;
  p.tone_variation = 0;
  p.dot_size       = 1.0;

  for (gint n = 1; n <= 2; n++)
    {
      SmpLayout    *layout = hand_layout (w, h, n == 1 ? one : two, n, 1);
      SmpStamps    *stamps = smp_stamps_new (layout, NULL, &p);
      gfloat       *g      = flat (w, h, 1, 1.0f);
      const SmpRect r      = { 0, 0, w, h, 1, 1, w, g, g };

      smp_render (stamps, 1, 1, &r);
      if (n == 1)
        single = g[10 * w + 10];
      else
        both = g[10 * w + 10];
      smp_stamps_free (stamps);
      smp_layout_free (layout);
      g_free (g);
    }

  g_assert_cmpfloat (fabsf (both - single * single), <, 1e-6f);
}

/* Gray renders the pigment's luminance exactly as RGB's luminance. */
static void
test_gray_matches_rgb (void)
{
  const gint          w = 24, h = 24;
  const SmpImpression imp    = { 12, 12, 8, 1 };
  SmpLayout          *layout = hand_layout (w, h, &imp, 1, 1);
  SmpParams           p      = dots_params ();
  SmpStamps          *stamps;
  gfloat             *gray = flat (w, h, 1, 0.5f);
  gfloat             *rgba = flat (w, h, 4, 0.5f);

  p.pigment  = (SmpColor){ 0.2, 0.2, 0.2 }; /* neutral */
  p.dot_size = 1.0;
  stamps     = smp_stamps_new (layout, NULL, &p);

  {
    const SmpRect g = { 0, 0, w, h, 1, 1, w, gray, gray };
    const SmpRect c = { 0, 0, w, h, 3, 4, w * 4, rgba, rgba };

    smp_render (stamps, 1, 1, &g);
    smp_render (stamps, 1, 1, &c);
  }

  for (gint i = 0; i < w * h; i++)
    {
      g_assert_cmpfloat (fabsf (gray[i] - rgba[i * 4]), <, 1e-5f);
      g_assert_cmpfloat (rgba[i * 4 + 3], ==, 0.5f); /* alpha untouched */
    }

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  g_free (gray);
  g_free (rgba);
}

/* With hair blend 1 little pigment lands on hair, of any colour: the
 * darkening on strand pixels, against what it is ignoring hair.
 */
static gdouble
pigment_on_strands (SmpTestHair kind, gint blend)
{
  const gint w = 400, h = 400;
  gboolean  *hair;
  gfloat    *rgb   = smp_test_scalp_of (w, h, kind, 4, &hair);
  SmpParams  p     = dots_params ();
  SmpField  *field = smp_test_field (rgb, NULL, w, h);
  gfloat    *out   = g_new (gfloat, (gsize) w * h * 3);
  SmpLayout *layout;
  SmpStamps *stamps;
  gdouble    sum = 0.0;

  p.hair_blend = blend;
  p.dot_size   = 0.5;
  p.density    = 120;
  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  stamps = smp_stamps_new (layout, field, &p);

  {
    const SmpRect r = { 0, 0, w, h, 3, 3, w * 3, rgb, out };

    smp_render (stamps, 1, 3, &r);
  }

  for (gint i = 0; i < w * h; i++)
    if (hair[i])
      sum += 1.0 - out[i * 3 + 1] / rgb[i * 3 + 1];

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (out);
  g_free (hair);
  g_free (rgb);
  return sum;
}

static void
test_pigment_stays_off_hair (void)
{
  for (SmpTestHair kind = SMP_TEST_HAIR_DARK; kind <= SMP_TEST_HAIR_BLOND;
       kind++)
    {
      const gdouble ignoring = pigment_on_strands (kind, 0);
      const gdouble blending = pigment_on_strands (kind, 1);

      g_test_message ("hair kind %d: pigment on strand pixels %.2f ignoring "
                      "hair, %.2f with hair blend 1",
                      kind, ignoring, blending);
      g_assert_cmpfloat (ignoring, >, 1.0);
      /* An impression beside a strand reaches its soft edge, which the
       * field leaves to the skin (its hair is the pixels a strand covers
       * mostly); blond strands, told by hue alone, take more still: see
       * the layout tests for the impressions themselves.
       */
      g_assert_cmpfloat (
          blending, <, (kind == SMP_TEST_HAIR_BLOND ? 0.20 : 0.12) * ignoring);
    }
}

/* Mean luminance of the patches' bare middles over the stubble's, less
 * one: how much lighter the patches look (smp_test_scalp_patches()).
 */
static gdouble
patch_contrast (const gfloat *rgb, const guint8 *patches, gint n_px)
{
  gdouble sum[3] = { 0.0 }, n[3] = { 0.0 };

  for (gint i = 0; i < n_px; i++)
    {
      sum[patches[i]] += 0.2126 * rgb[i * 3] + 0.7152 * rgb[i * 3 + 1]
                         + 0.0722 * rgb[i * 3 + 2];
      n[patches[i]]++;
    }
  return (sum[1] / n[1]) / (sum[2] / n[2]) - 1.0;
}

/* Impressions per cm² where the mask is kind. */
static gdouble
density_on (const SmpLayout *layout, const guint8 *patches, gint w, gint h,
            guint8 kind, gdouble scale)
{
  gdouble on = 0.0, area = 0.0;

  for (gsize i = 0; i < layout->n_impressions; i++)
    {
      const gint x = (gint) layout->impressions[i].x;
      const gint y = (gint) layout->impressions[i].y;

      on += patches[(gsize) y * w + x] == kind;
    }
  for (gint i = 0; i < w * h; i++)
    area += patches[i] == kind;
  return on / (area / (scale * scale));
}

/* Alopecia areata: bald patches among dark stubble, treated all over.
 * Matching the hair around, the patches take the stubble's tone: their
 * contrast against it falls by half or more, with more impressions on
 * them than the density set and few on the stubble.  Treated evenly they
 * stand out about as they did.
 */
static void
test_match_hair_evens_patches (void)
{
  const gint    w = 480, h = 480;
  const gdouble scale = 40.0;
  guint8       *patches;
  gfloat       *rgb    = smp_test_scalp_patches (w, h, scale, 3, &patches);
  SmpField     *field  = smp_test_field (rgb, NULL, w, h);
  gfloat       *out    = g_new (gfloat, (gsize) w * h * 3);
  const gdouble before = patch_contrast (rgb, patches, w * h);
  gdouble       after[2], on_patch[2], on_stubble[2];

  for (gint match = 0; match <= 1; match++)
    {
      SmpParams     p = default_params ();
      SmpLayout    *layout;
      SmpStamps    *stamps;
      const SmpRect r = { 0, 0, w, h, 3, 3, w * 3, rgb, out };

      p.scale      = scale;
      p.match_hair = match;
      g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                       SMP_LAYOUT_OK);
      stamps = smp_stamps_new (layout, field, &p);
      smp_render (stamps, 1, p.sessions, &r);
      after[match]      = patch_contrast (out, patches, w * h);
      on_patch[match]   = density_on (layout, patches, w, h, 1, scale);
      on_stubble[match] = density_on (layout, patches, w, h, 2, scale);
      g_test_message ("match hair %d: patches %+.3f against the stubble "
                      "(before %+.3f); impressions per cm² %.1f on the "
                      "patches, %.1f on the stubble (density %.0f)",
                      match, after[match], before, on_patch[match],
                      on_stubble[match], p.density);
      smp_stamps_free (stamps);
      smp_layout_free (layout);
    }

  g_assert_cmpfloat (before, >, 0.08);
  g_assert_cmpfloat (fabs (after[1]), <=, 0.5 * before);
  g_assert_cmpfloat (fabs (after[0] - before), <=, 0.25 * before);
  g_assert_cmpfloat (on_patch[1], >, 1.1 * on_patch[0]);
  g_assert_cmpfloat (on_stubble[1], <, 0.3 * on_stubble[0]);

  smp_field_free (field);
  g_free (out);
  g_free (patches);
  g_free (rgb);
}

/* Later sessions are a little darker. */
static void
test_later_sessions_darker (void)
{
  const gint          w = 60, h = 30;
  const SmpImpression imps[2] = { { 15, 15, 3, 1 }, { 45, 15, 3, 3 } };
  SmpLayout          *layout  = hand_layout (w, h, imps, 2, 3);
  SmpParams           p       = dots_params ();
  SmpStamps          *stamps;
  gfloat             *g = flat (w, h, 1, 1.0f);

  p.dot_size = 1.0;
  stamps     = smp_stamps_new (layout, NULL, &p);
  {
    const SmpRect r = { 0, 0, w, h, 1, 1, w, g, g };

    smp_render (stamps, 1, 3, &r);
  }
  g_assert_cmpfloat (g[15 * w + 45], <, g[15 * w + 15]);

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  g_free (g);
}

/* The reached pixels and their transmittance, as output 0 uses them, give
 * what smp_render() gives: one SmpReach reused over uneven tiles, the
 * largest first, every session and some.
 */
static void
test_reach_matches_render (Scene *sc, gconstpointer data G_GNUC_UNUSED)
{
  const gint       w = sc->w, h = sc->h;
  const gfloat    *rgb    = sc->rgb;
  const SmpStamps *stamps = sc->stamps;
  SmpReach         reach;
  gsize            total = 0;

  smp_reach_init (&reach);

  for (gint first = 1; first <= 2; first++)
    {
      gfloat       *full = g_memdup2 (rgb, (gsize) w * h * 3 * sizeof (gfloat));
      const SmpRect all  = { 0, 0, w, h, 3, 3, w * 3, rgb, full };

      smp_render (stamps, first, 3, &all);

      for (gint y = 0, th = 97; y < h; y += th, th = th == 97 ? 13 : 97)
        for (gint x = 0, tw = 160; x < w; x += tw, tw = tw == 160 ? 7 : 160)
          {
            const SmpRect r = { .x       = x,
                                .y       = y,
                                .width   = MIN (tw, w - x),
                                .height  = MIN (th, h - y),
                                .n_color = 3 };
            const gsize   n = smp_render_reach (stamps, first, 3, &r, &reach);
            gsize         k = 0;

            g_assert_cmpuint (n, ==, reach.n);
            for (gint j = 0; j < r.height; j++)
              for (gint i = 0; i < r.width; i++)
                {
                  const gsize   at  = (gsize) j * r.width + i;
                  const gsize   px  = ((gsize) (y + j) * w + x + i) * 3;
                  const gfloat *src = rgb + px;
                  gfloat        out[3];

                  if (k < n && reach.pixels[k] == at)
                    {
                      smp_render_pixel (stamps, 3, x + i, y + j,
                                        reach.trans + at * 3, reach.tone[at],
                                        src, out);
                      g_assert_true (
                          smp_render_darkens (reach.trans + at * 3, 3)
                          || reach.tone[at] > 0.0f);
                      k++;
                    }
                  else
                    memcpy (out, src, sizeof out);
                  g_assert_cmpmem (out, sizeof out, full + px, sizeof out);
                }
            g_assert_cmpuint (k, ==, n);
            total += n;
          }
      g_free (full);
    }

  /* Impressions reached a fair share of the pixels. */
  g_assert_cmpuint (total, >, (gsize) w * h / 10);

  smp_reach_clear (&reach);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/render/tiles-match-full", Scene, NULL, scene_init,
              test_tiles_match_full_render, scene_clear);
  g_test_add_func ("/render/subpixel-conserved",
                   test_subpixel_pigment_conserved);
  g_test_add_func ("/render/multiplies-skin", test_multiplies_skin);
  g_test_add_func ("/render/overlap-multiplies", test_overlap_multiplies);
  g_test_add_func ("/render/gray-matches-rgb", test_gray_matches_rgb);
  g_test_add_func ("/render/pigment-off-hair", test_pigment_stays_off_hair);
  g_test_add_func ("/render/later-sessions-darker", test_later_sessions_darker);
  g_test_add_func ("/render/match-hair-evens-patches",
                   test_match_hair_evens_patches);
  g_test_add ("/render/reach-matches-render", Scene, NULL, scene_init,
              test_reach_matches_render, scene_clear);
  return g_test_run ();
}
