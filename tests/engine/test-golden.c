/* scalp-micropigmentation: golden hashes of layouts and renders.
 *
 * Each case places and renders a made-up scalp at a fixed seed and size,
 * and hashes the result to the bit: where every impression went, and
 * every float the renderer wrote.  A change that should leave the
 * filter's output alone (a speed-up, a clean-up) must leave these hashes
 * alone; a change that alters the output on purpose updates them in the
 * same commit and says why.  `test-golden --print` prints the table with
 * the hashes of the code as it is now.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "smp-testkit.h"

typedef struct
{
  const gchar *name;
  gint         width, height;
  gboolean     hair;    /* strands over the top quarter */
  gboolean     ellipse; /* a feathered elliptical selection, else all */
  gdouble      density, hairline_fade, hair_blend, match_hair, scale;
  gint         sessions, seed;
  gdouble      dot_size, softness;
  guint64      layout_hash, render_hash, gray_hash;
} Golden;

/* clang-format off */
static const Golden cases[] = {
  { "defaults",       300, 200, FALSE, FALSE,  80, 11, 0.5, 0.0, 100, 3,    1, 0.50, 0.25,
    0x40ff6ae289f8fe48u, 0xa53f2daf9fcd97d5u, 0x99aa379adb36a51bu },
  { "hair",           320, 240, TRUE,  FALSE,  70,  6, 1.0, 0.0, 100, 3,    7, 0.30, 0.35,
    0x1eb0b8f77f8d01f6u, 0x2db3b6a0a967a13au, 0x76fcf00ad1c217c6u },
  { "feathered",      301, 257, FALSE, TRUE,   80,  8, 0.5, 0.0,  60, 3,   42, 0.28, 0.40,
    0x2f77e8980df66033u, 0x840fdb5b4b473e98u, 0xd62ff143142781bbu },
  { "dense-fine",     256, 256, FALSE, FALSE, 200,  0, 0.0, 0.0,  37, 1,    3, 0.10, 0.00,
    0xc6f8a99b6aa88437u, 0xa77a64470537f1e5u, 0x2653d274c23ccf0eu },
  { "sparse-4",       400, 300, TRUE,  TRUE,   10, 20, 0.3, 0.0,  40, 4, -123, 1.20, 1.00,
    0x38ab3913e5a35482u, 0xa769b5490935b6bbu, 0x544518ca83f2189cu },
  { "match-hair",     320, 240, TRUE,  TRUE,   80, 11, 0.5, 1.0,  40, 3,    9, 0.50, 0.25,
    0x539a6e1c32bab655u, 0xf03486072107fde5u, 0x07de8c88489578f3u },
};
/* clang-format on */

static gboolean print_table = FALSE;

/* FNV-1a, 64 bits. */
static guint64
hash_bytes (guint64 h, gconstpointer data, gsize size)
{
  const guint8 *p = data;

  for (gsize i = 0; i < size; i++)
    h = (h ^ p[i]) * 0x100000001b3u;
  return h;
}

#define HASH_START 0xcbf29ce484222325u

static guint64
hash_layout (const SmpLayout *layout)
{
  guint64 h = HASH_START;

  for (gsize i = 0; i < layout->n_impressions; i++)
    {
      const SmpImpression *imp = &layout->impressions[i];

      h = hash_bytes (h, &imp->x, sizeof imp->x);
      h = hash_bytes (h, &imp->y, sizeof imp->y);
      h = hash_bytes (h, &imp->key, sizeof imp->key);
      h = hash_bytes (h, &imp->session, sizeof imp->session);
    }
  return h;
}

/* Renders the whole scalp with sessions first to last in one mode, RGB or
 * gray, and hashes every float written.
 */
static guint64
hash_render (const SmpStamps *stamps, const gfloat *rgb, gint w, gint h,
             gint n_color, gint first, gint last)
{
  const gsize n_px = (gsize) w * h;
  gfloat     *src  = g_new (gfloat, n_px * n_color);
  gfloat     *dst  = g_new (gfloat, n_px * n_color);
  guint64     hash;

  for (gsize i = 0; i < n_px; i++)
    if (n_color == 3)
      memcpy (src + i * 3, rgb + i * 3, 3 * sizeof (gfloat));
    else
      src[i] = 0.2126f * rgb[i * 3] + 0.7152f * rgb[i * 3 + 1]
               + 0.0722f * rgb[i * 3 + 2];

  smp_render (
      stamps, first, last,
      &(SmpRect){ 0, 0, w, h, n_color, n_color, w * n_color, src, dst });
  hash = hash_bytes (HASH_START, dst, n_px * n_color * sizeof (gfloat));
  g_free (src);
  g_free (dst);
  return hash;
}

static void
test_golden (gconstpointer data)
{
  const Golden *g   = data;
  gfloat       *rgb = smp_test_scalp (g->width, g->height, g->hair, 5);
  gfloat   *mask = g->ellipse ? smp_test_ellipse_mask (g->width, g->height, 0.5,
                                                       0.5, 0.4, 0.4, 20)
                              : NULL;
  SmpField *field = smp_test_field (rgb, mask, g->width, g->height);
  SmpLayout *layout;
  SmpStamps *stamps;
  SmpParams  p;
  guint64    layout_hash, render_hash, gray_hash;

  smp_params_defaults (&p);
  p.density       = g->density;
  p.hairline_fade = g->hairline_fade;
  p.hair_blend    = g->hair_blend;
  p.match_hair    = g->match_hair;
  p.scale         = g->scale;
  p.sessions      = g->sessions;
  p.seed          = g->seed;
  p.dot_size      = g->dot_size;
  p.softness      = g->softness;

  g_assert_cmpint (smp_layout_new (field, &p, NULL, NULL, &layout), ==,
                   SMP_LAYOUT_OK);
  g_assert_cmpuint (layout->n_impressions, >, 0);
  stamps = smp_stamps_new (layout, field, &p);

  layout_hash = hash_layout (layout);
  /* Every session on RGB, and the first session alone on gray. */
  render_hash
      = hash_render (stamps, rgb, g->width, g->height, 3, 1, g->sessions);
  gray_hash = hash_render (stamps, rgb, g->width, g->height, 1, 1, 1);

  if (print_table)
    g_print (
        "# %-12s 0x%016" G_GINT64_MODIFIER "xu, 0x%016" G_GINT64_MODIFIER
        "xu, 0x%016" G_GINT64_MODIFIER "xu (%" G_GSIZE_FORMAT " impressions)\n",
        g->name, layout_hash, render_hash, gray_hash, layout->n_impressions);
  else
    {
      g_assert_cmphex (layout_hash, ==, g->layout_hash);
      g_assert_cmphex (render_hash, ==, g->render_hash);
      g_assert_cmphex (gray_hash, ==, g->gray_hash);
    }

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (mask);
  g_free (rgb);
}

int
main (int argc, char **argv)
{
  for (gint i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--print"))
      print_table = TRUE;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("/golden/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_golden);
    }

  return g_test_run ();
}
