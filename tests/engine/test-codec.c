/* scalp-micropigmentation: the plug-in's pixels to and from linear light.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "smp-codec.h"

/* The formats GIMP gives 8- and 16-bit drawables. */
static const gchar *const exact_formats[]
    = { "R'G'B'A u8", "R'G'B' u8", "R'G'B'A u16", "RGBA u16",   "RGB u8",
        "Y'A u16",    "Y' u8",     "YA u8",       "R~G~B~A u16" };

/* Every code of every channel reads and writes back as itself. */
static void
test_codes_come_back (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (exact_formats); f++)
    {
      const Babl *native = babl_format (exact_formats[f]);
      SmpCodec   *codec  = smp_codec_new (native);
      const gint  n_ch   = smp_codec_n_channels (codec);
      const gint  bpp    = smp_codec_bpp (codec);
      const gint  bits   = 8 * bpp / n_ch;
      const gsize n      = (gsize) 1 << bits;
      guchar     *px     = g_malloc (n * bpp);
      guchar     *back   = g_malloc (n * bpp);
      gfloat     *linear = g_new (gfloat, n * n_ch);

      g_test_message ("%s", exact_formats[f]);
      g_assert_true (smp_codec_is_exact (codec));
      /* Pixel v holds code v in its first channel, counting down in the
       * next ones.
       */
      for (gsize v = 0; v < n; v++)
        for (gint c = 0; c < n_ch; c++)
          {
            const gsize code = c % 2 ? n - 1 - v : v;

            if (bits == 8)
              px[v * bpp + c] = (guchar) code;
            else
              ((guint16 *) px)[v * n_ch + c] = (guint16) code;
          }
      smp_codec_decode (codec, px, linear, n, FALSE);
      smp_codec_encode (codec, linear, back, n);
      g_assert_cmpmem (px, n * bpp, back, n * bpp);

      smp_codec_free (codec);
      g_free (px);
      g_free (back);
      g_free (linear);
    }
}

/* Codes read as babl reads them, to float's precision. */
static void
test_reads_as_babl (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (exact_formats); f++)
    {
      const Babl  *native = babl_format (exact_formats[f]);
      SmpCodec    *codec  = smp_codec_new (native);
      const gint   n_ch   = smp_codec_n_channels (codec);
      const gint   n_col  = smp_codec_n_color (codec);
      const gint   bpp    = smp_codec_bpp (codec);
      const gsize  n      = 4096;
      guchar      *px     = g_malloc (n * bpp);
      gdouble     *ref    = g_new (gdouble, n * n_ch);
      gfloat      *ours   = g_new (gfloat, n * n_ch);
      const gchar *model  = n_col == 3
                                ? (n_ch > 3 ? "RGBA double" : "RGB double")
                                : (n_ch > 1 ? "YA double" : "Y double");

      for (gsize i = 0; i < n * bpp; i++)
        px[i] = (guchar) g_test_rand_int_range (0, 256);
      babl_process (babl_fish (native, babl_format (model)), px, ref, (long) n);
      smp_codec_decode (codec, px, ours, n, FALSE);
      for (gsize i = 0; i < n * n_ch; i++)
        g_assert_cmpfloat_with_epsilon (ours[i], ref[i], 1e-6 + 1e-6 * ref[i]);

      smp_codec_free (codec);
      g_free (px);
      g_free (ref);
      g_free (ours);
    }
}

static gdouble
linear_to_srgb (gdouble v)
{
  return v <= 0.0031308 ? 12.92 * v : 1.055 * pow (v, 1.0 / 2.4) - 0.055;
}

/* A linear value writes as the nearest code on sRGB's curve, but for
 * values within float's precision of halfway.
 */
static void
test_writes_nearest_code (void)
{
  const gchar *const formats[] = { "R'G'B' u8", "R'G'B' u16", "RGB u16" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      SmpCodec      *codec     = smp_codec_new (babl_format (formats[f]));
      const gint     bits      = 8 * smp_codec_bpp (codec) / 3;
      const gint     max       = (1 << bits) - 1;
      const gboolean linear    = formats[f][1] == 'G';
      const gsize    n         = 30000;
      gfloat        *values    = g_new (gfloat, n * 3);
      guchar        *px        = g_malloc (n * smp_codec_bpp (codec));
      gint           near_half = 0;

      for (gsize i = 0; i < n * 3; i++)
        {
          /* Darks as often as lights, and some out of range. */
          const gdouble u = g_test_rand_double_range (-0.05, 1.05);

          values[i] = (gfloat) (u * fabs (u) * fabs (u));
        }
      smp_codec_encode (codec, values, px, n);

      for (gsize i = 0; i < n * 3; i++)
        {
          const gdouble v      = CLAMP ((gdouble) values[i], 0.0, 1.0);
          const gdouble scaled = (linear ? v : linear_to_srgb (v)) * max;
          const gint    ref    = (gint) floor (scaled + 0.5);
          const gint    ours   = bits == 8 ? px[i] : ((const guint16 *) px)[i];

          if (fabs (scaled - floor (scaled) - 0.5) < 1e-2)
            {
              near_half++;
              g_assert_cmpint (ABS (ours - ref), <=, 1);
            }
          else
            {
              g_assert_cmpint (ours, ==, ref);
            }
        }
      g_test_message ("%s: %d of %d values near halfway", formats[f], near_half,
                      (gint) (n * 3));

      smp_codec_free (codec);
      g_free (values);
      g_free (px);
    }
}

static gdouble
srgb_to_linear (gdouble v)
{
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

/* An 8-bit value without alpha writes as the number of codes whose
 * threshold, halfway to the next code in float, lies below it, to the
 * bit: at every threshold and the floats on either side of it, at the
 * ends, beyond them, not a number, and any float.
 */
static void
test_writes_thresholds_below (void)
{
  const gchar *const formats[] = { "R'G'B' u8", "RGB u8", "Y' u8", "Y u8" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      SmpCodec      *codec  = smp_codec_new (babl_format (formats[f]));
      const gint     nc     = smp_codec_n_color (codec);
      const gboolean linear = ! strchr (formats[f], '\'');
      gfloat         threshold[255];
      GArray        *values = g_array_new (FALSE, FALSE, sizeof (gfloat));
      const gfloat   ends[] = { NAN,  -INFINITY, -1.0f, -0.0f,
                                0.0f, 1e-45f,    1.0f,  nextafterf (1.0f, 2.0f),
                                2.0f, INFINITY };
      /* Not numbers of either sign, and those whose top bits are
       * infinity's.
       */
      const guint32 nan_bits[]
          = { 0x7f800001u, 0x7f80ffffu, 0x7fc00000u, 0xff800001u, 0xffffffffu };
      guchar *px;
      gint    n;

      for (gint k = 0; k < 255; k++)
        {
          const gdouble half = (2.0 * k + 1.0) / 510.0;

          threshold[k] = (gfloat) (linear ? half : srgb_to_linear (half));
          for (gint d = -1; d <= 1; d++)
            {
              const gfloat v
                  = d ? nextafterf (threshold[k], d * INFINITY) : threshold[k];

              g_array_append_val (values, v);
            }
        }
      g_array_append_vals (values, ends, G_N_ELEMENTS (ends));
      for (guint k = 0; k < G_N_ELEMENTS (nan_bits); k++)
        {
          gfloat v;

          memcpy (&v, &nan_bits[k], sizeof v);
          g_array_append_val (values, v);
        }
      for (gint i = 0; i < 3000; i++)
        {
          const gfloat v = (gfloat) g_test_rand_double_range (-0.1, 1.1);

          g_array_append_val (values, v);
        }
      /* Any float at all: its top bits bin it, denormals, signs and not
       * numbers of every kind included.
       */
      for (gint i = 0; i < 3000; i++)
        {
          const guint32 bits = g_test_rand_int ();
          gfloat        v;

          memcpy (&v, &bits, sizeof v);
          g_array_append_val (values, v);
        }
      while (values->len % nc)
        g_array_append_val (values, ends[4]);

      n  = (gint) values->len;
      px = g_malloc (n);
      smp_codec_encode (codec, (const gfloat *) values->data, px, n / nc);
      for (gint i = 0; i < n; i++)
        {
          const gfloat v   = g_array_index (values, gfloat, i);
          gint         ref = 0;

          while (ref < 255 && threshold[ref] < v)
            ref++;
          if (px[i] != ref)
            g_test_message ("%s: %a", formats[f], v);
          g_assert_cmpint (px[i], ==, ref);
        }

      smp_codec_free (codec);
      g_array_free (values, TRUE);
      g_free (px);
    }
}

/* Values that are not numbers write as 0, and alpha rounds to nearest. */
static void
test_awkward_values (void)
{
  SmpCodec    *codec = smp_codec_new (babl_format ("R'G'B'A u8"));
  const gfloat in[]  = { NAN, -1.0f, INFINITY, 0.5f / 255.0f + 1e-4f };
  guchar       px[4];

  smp_codec_encode (codec, in, px, 1);
  g_assert_cmpint (px[0], ==, 0);
  g_assert_cmpint (px[1], ==, 0);
  g_assert_cmpint (px[2], ==, 255);
  g_assert_cmpint (px[3], ==, 1);
  smp_codec_free (codec);
}

/* A drawable in other primaries reads in sRGB's, as babl reads it, and
 * writes back within a code.
 */
static void
test_other_primaries (void)
{
  const Babl *space  = babl_space ("Rec2020");
  const Babl *native = babl_format_with_space ("R'G'B'A u16", space);
  SmpCodec   *codec  = smp_codec_new (native);
  const gsize n      = 20000;
  guint16    *px     = g_new (guint16, n * 4);
  guint16    *back   = g_new (guint16, n * 4);
  gfloat     *ours   = g_new (gfloat, n * 4);
  gdouble    *ref    = g_new (gdouble, n * 4);

  g_assert_true (smp_codec_is_exact (codec));
  for (gsize i = 0; i < n * 4; i++)
    px[i] = (guint16) g_test_rand_int_range (0, 65536);
  babl_process (babl_fish (native, babl_format ("RGBA double")), px, ref,
                (long) n);
  smp_codec_decode (codec, (const guchar *) px, ours, n, FALSE);
  for (gsize i = 0; i < n * 4; i++)
    g_assert_cmpfloat_with_epsilon (ours[i], ref[i], 1e-5);

  smp_codec_encode (codec, ours, (guchar *) back, n);
  for (gsize i = 0; i < n * 4; i++)
    g_assert_cmpint (ABS ((gint) px[i] - (gint) back[i]), <=, 1);

  smp_codec_free (codec);
  g_free (px);
  g_free (back);
  g_free (ours);
  g_free (ref);
}

/* Float drawables go through babl, colour alone when asked. */
static void
test_float_through_babl (void)
{
  SmpCodec    *codec = smp_codec_new (babl_format ("RGBA float"));
  const gfloat px[4] = { 0.25f, 0.5f, 2.0f, 0.75f };
  gfloat       all[4], color[3];

  g_assert_false (smp_codec_is_exact (codec));
  smp_codec_decode (codec, (const guchar *) px, all, 1, FALSE);
  smp_codec_decode (codec, (const guchar *) px, color, 1, TRUE);
  g_assert_cmpmem (all, sizeof all, px, sizeof px);
  g_assert_cmpmem (color, sizeof color, px, sizeof color);
  smp_codec_free (codec);
}

int
main (int argc, char **argv)
{
  babl_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/codec/codes-come-back", test_codes_come_back);
  g_test_add_func ("/codec/reads-as-babl", test_reads_as_babl);
  g_test_add_func ("/codec/writes-nearest-code", test_writes_nearest_code);
  g_test_add_func ("/codec/writes-thresholds-below",
                   test_writes_thresholds_below);
  g_test_add_func ("/codec/awkward-values", test_awkward_values);
  g_test_add_func ("/codec/other-primaries", test_other_primaries);
  g_test_add_func ("/codec/float-through-babl", test_float_through_babl);
  return g_test_run ();
}
