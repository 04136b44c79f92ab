/* scalp-micropigmentation: the one pixel path.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_KERNEL_H__
#define __SMP_KERNEL_H__

#include "smp-parallel.h"
#include "smp-strips.h"

/* Drawing the impressions and the ash tone: the one pixel path that
 * output 0, the layers of outputs 1 and 2 and the preview share.  Pixels
 * come in the drawable's own format; those neither reaches are left as
 * they are, and only those they reach are converted to linear float.
 * Every pixel is a pure function of its own value and the impressions, so
 * no tiling, and no thread, changes a pixel.
 */
typedef struct
{
  const SmpTarget *target;
  const SmpStamps *stamps;
  gint             first, last; /* sessions */
  gint             bpp;         /* native */
} SmpPigment;

/* Where a reached pixel is: its column and row in its tile, and its
 * offset in the tile's bytes.
 */
typedef struct
{
  gint  x, y;
  gsize offset;
} SmpSpot;

/* The pixels impressions reach in one tile, and room to convert them. */
typedef struct
{
  SmpReach reach;
  SmpSpot *spot;   /* of each reached pixel */
  guchar  *packed; /* native */
  gfloat  *linear; /* target->format */
  gsize    size;   /* pixels each holds */
} SmpTileScratch;

/* A strip's tiles are split over the cores: room for each part. */
typedef struct
{
  SmpTileScratch part[SMP_PARALLEL_MAX];
} SmpScratch;

SmpPigment smp_pigment_init (const SmpTarget *target, const SmpStamps *stamps,
                             gint first, gint last);

/* Draws into a strip, in tiles of a few hundred columns split over the
 * cores: in place, or, with out_floats, into strip->out as linear float,
 * colour channels and an alpha of 1 where the impressions or the tone
 * reach, the rest left.
 */
void smp_pigment_strip (const SmpPigment *pg, SmpScratch *scratch,
                        SmpStrip *strip, gint out_floats);

void smp_scratch_clear (SmpScratch *scratch);

#endif /* __SMP_KERNEL_H__ */
