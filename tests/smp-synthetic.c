/* scalp-micropigmentation: render a synthetic scalp and measure the layout.
 *
 *   smp-synthetic --density 70 --sessions 1 --hair -o scalp.png
 *
 * Prints the count against the target, the Clark-Evans index, the relative
 * minimum distance, the periodogram peak and the pigment coverage.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "smp-testkit.h"

static gint     width = 600, height = 400, last_session = 0;
static gboolean hair = FALSE, ellipse = FALSE;
static gchar   *out = NULL, *scalp_out = NULL, *masses = NULL;
static gchar   *hair_out = NULL, *photo = NULL;

/* A photo in linear RGB, its size in width and height. */
static gfloat *
load_photo (const gchar *path)
{
  GError    *error  = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);
  gfloat    *rgb;
  gint       stride, n;

  if (! pixbuf)
    {
      fprintf (stderr, "%s\n", error->message);
      g_error_free (error);
      return NULL;
    }
  width  = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  n      = gdk_pixbuf_get_n_channels (pixbuf);
  rgb    = g_new (gfloat, (gsize) width * height * 3);
  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      for (gint c = 0; c < 3; c++)
        rgb[((gsize) y * width + x) * 3 + c] = (gfloat) smp_srgb_to_linear (
            gdk_pixbuf_get_pixels (pixbuf)[y * stride + x * n + c] / 255.0);
  g_object_unref (pixbuf);
  return rgb;
}

/* The scalp asked for: a photo, masses of hair when --masses HAIR:SKIN
 * says so, or the scalp of the tests.
 */
static gfloat *
make_scalp (void)
{
  gchar **parts;
  gint    h, k;

  if (photo)
    return load_photo (photo);
  if (! masses)
    return smp_test_scalp (width, height, hair, 7);

  parts = g_strsplit (masses, ":", 2);
  h     = smp_test_hair_named (parts[0]);
  k     = parts[1] ? smp_test_skin_named (parts[1]) : -1;
  g_strfreev (parts);
  if (h <= SMP_TEST_HAIR_NONE || k < 0)
    return NULL;
  return smp_test_scalp_masses (width, height, h, k, 7, NULL);
}

static guchar
to_srgb8 (gfloat v)
{
  const gdouble s = smp_linear_to_srgb (v);

  return (guchar) floor (s * 255.0 + 0.5);
}

static gboolean
save_png (const gfloat *rgb, gint w, gint h, const gchar *path, GError **error)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guchar    *pixels = gdk_pixbuf_get_pixels (pixbuf);
  const gint stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean   ok;

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w * 3; x++)
      pixels[y * stride + x] = to_srgb8 (rgb[(gsize) y * w * 3 + x]);

  ok = gdk_pixbuf_save (pixbuf, path, "png", error, NULL);
  g_object_unref (pixbuf);
  return ok;
}

static void
print_measures (const SmpLayout *layout, const SmpParams *params)
{
  const gdouble per_px2 = params->density / (params->scale * params->scale);
  const gdouble m       = MIN (width, height) * 0.1;
  GArray       *pts     = smp_test_points (layout, 0, 0, width, height, 1, 4);
  GArray       *win;
  gdouble       side = MIN (width, height) - 2 * m;

  printf ("impressions        %u (target %.0f over the whole image)\n",
          pts->len, per_px2 * width * height);
  g_array_free (pts, TRUE);

  for (gint k = 1; k <= params->sessions; k++)
    {
      win = smp_test_points (layout, m, m, m + side, m + side, 1, k);
      printf ("after session %d    %u in the %.0f px window: R %.3f, "
              "min distance %.2f x spacing, periodogram peak %.1f\n",
              k, win->len, side,
              smp_test_clark_evans (win, win->len / (side * side), m * 1.5,
                                    m * 1.5, m + side - m * 0.5,
                                    m + side - m * 0.5),
              smp_test_min_distance (win) * sqrt (win->len / (side * side)),
              smp_test_periodogram_peak (win, m, m, side));
      g_array_free (win, TRUE);
    }

  printf ("pigment coverage   %.1f%% of the skin\n",
          100.0 * smp_params_coverage (params));
}

int
main (int argc, char **argv)
{
  SmpParams    params;
  GError      *error     = NULL;
  GOptionEntry entries[] = {
    { "width", 'W', 0, G_OPTION_ARG_INT, &width, "Width in px", "N" },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height, "Height in px", "N" },
    { "density", 0, 0, G_OPTION_ARG_DOUBLE, &params.density,
      "Impressions per cm²", "D" },
    { "dot-size", 0, 0, G_OPTION_ARG_DOUBLE, &params.dot_size,
      "Dot diameter, mm", "MM" },
    { "softness", 0, 0, G_OPTION_ARG_DOUBLE, &params.softness, "Softness",
      "S" },
    { "opacity", 0, 0, G_OPTION_ARG_DOUBLE, &params.opacity, "Opacity, percent",
      "P" },
    { "hairline-fade", 0, 0, G_OPTION_ARG_DOUBLE, &params.hairline_fade,
      "Hairline fade, mm", "MM" },
    { "hair-blend", 0, 0, G_OPTION_ARG_DOUBLE, &params.hair_blend, "Hair blend",
      "B" },
    { "match-hair", 0, 0, G_OPTION_ARG_DOUBLE, &params.match_hair, "Match hair",
      "M" },
    { "sessions", 0, 0, G_OPTION_ARG_INT, &params.sessions, "Sessions", "N" },
    { "show-sessions", 0, 0, G_OPTION_ARG_INT, &last_session,
      "Render only sessions 1 to N", "N" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &params.scale, "Pixels per cm", "S" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &params.seed, "Seed", "N" },
    { "hair", 0, 0, G_OPTION_ARG_NONE, &hair, "A band of hair over the top",
      NULL },
    { "masses", 0, 0, G_OPTION_ARG_STRING, &masses,
      "Masses of hair: dark, grey, blond, white or red on light, brown or "
      "dark skin",
      "HAIR:SKIN" },
    { "photo", 0, 0, G_OPTION_ARG_FILENAME, &photo,
      "Treat this photo (sRGB) instead of a made-up scalp", "FILE" },
    { "hair-map", 0, 0, G_OPTION_ARG_FILENAME, &hair_out,
      "Write the scalp with what the field takes for hair in red to this PNG",
      "FILE" },
    { "ellipse", 0, 0, G_OPTION_ARG_NONE, &ellipse,
      "A feathered elliptical selection", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      "Write before | after to this PNG", "FILE" },
    { "scalp", 0, 0, G_OPTION_ARG_FILENAME, &scalp_out,
      "Write the untreated scalp alone to this PNG and stop", "FILE" },
    { NULL }
  };
  GOptionContext *context = g_option_context_new ("- synthetic SMP render");
  gfloat         *skin, *after, *both, *mask = NULL;
  SmpField       *field;
  SmpLayout      *layout;
  SmpStamps      *stamps;
  gint64          t0, t1, t2;

  smp_params_defaults (&params);
  params.scale = 100;
  g_option_context_add_main_entries (context, entries, NULL);
  if (! g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  g_option_context_free (context);

  if (smp_params_find_invalid (&params) || params.scale <= 0 || width < 1
      || height < 1)
    {
      fprintf (stderr, "parameter out of range\n");
      return 2;
    }

  skin = make_scalp ();
  if (! skin)
    {
      if (! photo)
        fprintf (stderr, "--masses takes HAIR:SKIN, such as white:brown\n");
      return 2;
    }
  if (scalp_out)
    {
      if (! save_png (skin, width, height, scalp_out, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_free (skin);
      return 0;
    }

  mask  = ellipse
              ? smp_test_ellipse_mask (width, height, 0.5, 0.55, 0.42, 0.45, 20)
              : NULL;
  field = smp_test_field (skin, mask, width, height);

  if (hair_out)
    {
      gfloat *map
          = g_memdup2 (skin, (gsize) width * height * 3 * sizeof (gfloat));

      for (gint y = 0; y < height; y++)
        for (gint x = 0; x < width; x++)
          if ((smp_field_hair_pixels (field, x / SMP_FIELD_CELL,
                                      y / SMP_FIELD_CELL)
               >> (y % SMP_FIELD_CELL * SMP_FIELD_CELL + x % SMP_FIELD_CELL))
              & 1)
            {
              gfloat *p = map + ((gsize) y * width + x) * 3;

              p[0] = 1.0f;
              p[1] = p[2] = 0.0f;
            }
      if (! save_png (map, width, height, hair_out, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_free (map);
    }

  t0 = g_get_monotonic_time ();
  if (smp_layout_new (field, &params, NULL, NULL, &layout) != SMP_LAYOUT_OK)
    {
      fprintf (stderr, "too many impressions\n");
      return 1;
    }
  t1 = g_get_monotonic_time ();

  stamps = smp_stamps_new (layout, field, &params);
  after  = g_memdup2 (skin, (gsize) width * height * 3 * sizeof (gfloat));
  {
    const SmpRect rect = { 0, 0, width, height, 3, 3, width * 3, skin, after };

    smp_render (stamps, 1, last_session > 0 ? last_session : params.sessions,
                &rect);
  }
  t2 = g_get_monotonic_time ();

  /* Outside the selection the picture keeps its skin, as GIMP's merge does. */
  if (mask)
    for (gsize i = 0; i < (gsize) width * height * 3; i++)
      after[i] = skin[i] + (after[i] - skin[i]) * mask[i / 3];

  print_measures (layout, &params);
  printf ("layout %.1f ms, render %.1f ms\n", (t1 - t0) / 1000.0,
          (t2 - t1) / 1000.0);

  if (out)
    {
      both = g_new (gfloat, (gsize) width * 2 * height * 3);
      for (gint y = 0; y < height; y++)
        {
          memcpy (both + (gsize) y * width * 6, skin + (gsize) y * width * 3,
                  width * 3 * sizeof (gfloat));
          memcpy (both + (gsize) y * width * 6 + width * 3,
                  after + (gsize) y * width * 3, width * 3 * sizeof (gfloat));
        }
      if (! save_png (both, width * 2, height, out, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_free (both);
    }

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  g_free (skin);
  g_free (after);
  g_free (mask);
  return 0;
}
