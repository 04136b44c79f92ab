/* scalp-micropigmentation: synthetic scalps and layout measures for tests.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_TESTKIT_H__
#define __SMP_TESTKIT_H__

#include <glib.h>

#include "smp-field.h"
#include "smp-layout.h"
#include "smp-render.h"

G_BEGIN_DECLS

typedef enum
{
  SMP_TEST_HAIR_NONE,
  SMP_TEST_HAIR_DARK,         /* dark hair on light skin */
  SMP_TEST_HAIR_DARK_ON_DARK, /* dark hair on dark skin */
  SMP_TEST_HAIR_GREY,         /* grey and white, lighter than the skin */
  SMP_TEST_HAIR_BLOND,        /* as bright as the skin, yellower */
  SMP_TEST_HAIR_WHITE,        /* white, brighter than most skin */
  SMP_TEST_HAIR_RED           /* copper red */
} SmpTestHair;

typedef enum
{
  SMP_TEST_SKIN_LIGHT,
  SMP_TEST_SKIN_BROWN,
  SMP_TEST_SKIN_DARK
} SmpTestSkin;

/* A made-up scalp in linear RGB: skin with soft shading, a highlight,
 * fine grain, pores and freckles, and over the top quarter strands of
 * hair of the kind asked for, covering 40% of it: of varied width (1 to
 * 2.6 px), tone and curvature, mostly running downwards, some across,
 * crossing one another.  Returns width x height x 3 floats; if strands is
 * not NULL, sets it to a new width x height mask, TRUE where a strand
 * covers a pixel at least half.
 */
gfloat *smp_test_scalp_of (gint width, gint height, SmpTestHair hair,
                           guint32 seed, gboolean **strands);

/* A made-up scalp as photos show hair: the skin asked for, shaded, with
 * grain, pores and freckles; over the top quarter a mass of hair of the
 * kind asked for, strands side by side and over one another, each
 * lighter along its middle than at its edges as a lit hair is, covering
 * nearly all of it; over the second quarter single strands covering a
 * third of it, the skin showing between them; and the bottom half bare,
 * with moles and a bright, sharp highlight besides.  Returns width x
 * height x 3 floats; if hair is not NULL, sets it to a new width x height
 * mask, TRUE where hair covers a pixel at least half.
 */
gfloat *smp_test_scalp_masses (gint width, gint height, SmpTestHair hair,
                               SmpTestSkin skin, guint32 seed,
                               gboolean **hair_mask);

/* A made-up bald scalp of the given skin, in linear RGB, lit by a lamp
 * of colour light (linear, its largest channel 1): shaded, with grain,
 * pores and freckles, and the lamp's broad highlight round the middle,
 * as bright as peak times the lamp, which the pores, being pits, do not
 * reflect.  Returns width x height x 3 floats.
 */
gfloat *smp_test_scalp_lit (gint width, gint height, SmpTestSkin skin,
                            const gfloat light[3], gdouble peak, guint32 seed);

/* A made-up scalp with alopecia areata, scale px per cm, in linear RGB:
 * light skin, shaded and with grain and pores, under dark stubble (short
 * stubs of a pixel or two across, 200 per cm²), but for three round bald
 * patches 2 to 2.6 cm across whose stubble thins out over their last 2
 * mm.  Returns width x height x 3 floats; sets patches to a new width x
 * height mask: 1 inside a patch's bare middle (its inner 70%), 2 on the
 * stubble at least 3 mm from every patch, 0 elsewhere.
 */
gfloat *smp_test_scalp_patches (gint width, gint height, gdouble scale,
                                guint32 seed, guint8 **patches);

/* Short English names of the kinds of hair and skin ("white", "dark"),
 * and the kind a name names (-1 if none).
 */
const gchar *smp_test_hair_name (SmpTestHair hair);
const gchar *smp_test_skin_name (SmpTestSkin skin);
gint         smp_test_hair_named (const gchar *name);
gint         smp_test_skin_named (const gchar *name);

/* The same with dark hair on light skin, or no hair. */
gfloat *smp_test_scalp (gint width, gint height, gboolean hair_band,
                        guint32 seed);

/* The strands of smp_test_scalp() with hair (width x height). */
gboolean *smp_test_scalp_hair_mask (gint width, gint height, guint32 seed);

/* A soft-edged elliptical selection (width x height floats, 0 to 1), as a
 * user would feather one: centred at (cx, cy) and with semi-axes (rx, ry),
 * all as fractions of the width and height, its edge fading over feather
 * pixels inside the ellipse.
 */
gfloat *smp_test_ellipse_mask (gint width, gint height, gdouble cx, gdouble cy,
                               gdouble rx, gdouble ry, gdouble feather);

/* The pixels (width x height x n floats) blurred by a Gaussian of sigma
 * pixels, as a soft lens or an upscale would, the edges repeating;
 * newly allocated.
 */
gfloat *smp_test_blur (const gfloat *pixels, gint width, gint height, gint n,
                       gdouble sigma);

/* Linear luminance of linear RGB pixels (width x height), newly allocated. */
gfloat *smp_test_luma (const gfloat *rgb, gint width, gint height);

/* A field from RGB pixels and an optional selection mask (NULL = all). */
SmpField *smp_test_field (const gfloat *rgb, const gfloat *mask, gint width,
                          gint height);

typedef struct
{
  gdouble x, y;
} SmpPoint;

/* Points of a layout inside a window, optionally of sessions lo to hi. */
GArray *smp_test_points (const SmpLayout *layout, gdouble x0, gdouble y0,
                         gdouble x1, gdouble y1, gint session_lo,
                         gint session_hi);

/* Clark-Evans index of the points inside the inner window (nearest
 * neighbours are searched among all points), for a known density per px².
 */
gdouble smp_test_clark_evans (GArray *points, gdouble density, gdouble x0,
                              gdouble y0, gdouble x1, gdouble y1);

/* Smallest distance between two of the points. */
/* The spread of the points' distances to their nearest neighbours, as
 * their standard deviation over their mean, for the points inside the
 * window: about 0.24 for real healed work.
 */
gdouble smp_test_nearest_spread (GArray *points, gdouble x0, gdouble y0,
                                 gdouble x1, gdouble y1);
gdouble smp_test_min_distance (GArray *points);

/* Highest periodogram value |sum exp(-2 pi i k.x)|^2 / N over wave
 * vectors of the window from half to twice the mean point frequency.
 * Blue noise stays near 1 to 20; a lattice, even a jittered one, shows a
 * peak of hundreds.
 */
gdouble smp_test_periodogram_peak (GArray *points, gdouble x0, gdouble y0,
                                   gdouble side);

G_END_DECLS

#endif /* __SMP_TESTKIT_H__ */
