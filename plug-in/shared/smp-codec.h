/* scalp-micropigmentation: a drawable's pixels to and from linear light.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_CODEC_H__
#define __SMP_CODEC_H__

#include <babl/babl.h>
#include <glib.h>

/* Converts between a drawable's own format and the float format the
 * engine works in: linear light in sRGB's primaries ("RGB float",
 * "Y float"), the drawable's alpha kept when it has one.
 *
 * babl works a conversion out anew in every process and picks, by
 * measured speed, among paths that differ in their last bits, and its
 * fast float paths differ from one processor to another: a 16-bit photo
 * came out a level apart here and there from one run to the next.  So 8-
 * and 16-bit pixels go through tables of their own, computed once in
 * double precision: each code reads as its linear value, and a linear
 * value writes as the nearest code on the colour space's curve.  Every
 * code reads and writes back as itself.  Primaries other than sRGB's go
 * through a matrix.  Other depths (half, 32-bit and float) go through
 * babl.
 */
typedef struct _SmpCodec SmpCodec;

SmpCodec *smp_codec_new (const Babl *native);
void      smp_codec_free (SmpCodec *codec);

/* Bytes per pixel of the native format. */
gint smp_codec_bpp (const SmpCodec *codec);
/* 1 or 3, and with alpha 2 or 4: the floats of a linear pixel. */
gint smp_codec_n_color (const SmpCodec *codec);
gint smp_codec_n_channels (const SmpCodec *codec);
/* Whether 8- or 16-bit tables do the work, not babl. */
gboolean smp_codec_is_exact (const SmpCodec *codec);

/* n native pixels to linear float: smp_codec_n_channels() floats each,
 * or only the colour channels with color_only.
 */
void smp_codec_decode (const SmpCodec *codec, const guchar *px, gfloat *out,
                       gsize n, gboolean color_only);

/* n linear pixels, smp_codec_n_channels() floats each, to native pixels. */
void smp_codec_encode (const SmpCodec *codec, const gfloat *in, guchar *px,
                       gsize n);

#endif /* __SMP_CODEC_H__ */
