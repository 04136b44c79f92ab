/* scalp-micropigmentation: pixels between GIMP and the engine.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PIXELS_H__
#define __SMP_PIXELS_H__

#include <gegl.h>
#include "smp-codec.h"
#include "smp-gimp.h"

#include "smp-field.h"
#include "smp-layout.h"
#include "smp-render.h"

/* The drawable being worked on, and what of it the selection covers. */
typedef struct
{
  SmpImage    image;
  SmpDrawable drawable;
  gint        width, height; /* the drawable's size */
  gint        off_x, off_y;  /* its offsets in the image */
  gint        x, y, w, h;    /* selection x drawable, drawable coords */
  gboolean    has_selection;
  const Babl *native;     /* the drawable's own format */
  const Babl *format;     /* linear float, the drawable's channels */
  gint        n_color;    /* 1 or 3 */
  gint        n_channels; /* with alpha */
  SmpCodec   *codec;      /* native <-> format */
  SmpCodec   *mask_codec; /* the selection's format -> floats, if any */
  /* The drawable's pixels, shared by every pass over them; GEGL's cache
   * keeps only the few rows of tiles a pass works on, so the pixels' pass
   * fetches again what the field's read (limit_tile_cache()).
   */
  GeglBuffer *source;
} SmpTarget;

/* Reports progress; return FALSE to stop. */
typedef gboolean (*SmpPixelsProgress) (gdouble fraction, gpointer data);

/* The float format in which the engine sees this drawable: linear light,
 * the drawable's own colour model and alpha.  The one place that decides.
 */
const Babl *smp_pixels_format (SmpDrawable drawable, gint *n_color,
                               gint *n_channels);

/* Fills target; returns FALSE when the selection misses the drawable.
 * Either way, smp_target_clear() releases it.
 */
gboolean smp_target_init (SmpTarget *target, SmpImage image,
                          SmpDrawable drawable);
void     smp_target_clear (SmpTarget *target);

/* Reading the field a strip at a time, so that the dialog answers while
 * it reads: smp_field_reading_step() reads the next strip, or waits a
 * little for the worker to be done with the one before, or for the field
 * to be finished on a thread of its own once all are in, and returns
 * whether there is more to do; smp_field_reading_finish() does the rest
 * and returns the field; smp_field_reading_free() leaves the reading
 * where it is.
 */
typedef struct _SmpFieldReading SmpFieldReading;

SmpFieldReading *smp_field_reading_new (const SmpTarget  *target,
                                        SmpPixelsProgress progress,
                                        gpointer          data);
gboolean         smp_field_reading_step (SmpFieldReading *reading);
SmpField        *smp_field_reading_finish (SmpFieldReading *reading);
void             smp_field_reading_free (SmpFieldReading *reading);

/* Reads luminance and selection of the whole drawable into a new field. */
SmpField *smp_pixels_read_field (const SmpTarget  *target,
                                 SmpPixelsProgress progress, gpointer data);

/* Renders a rectangle (drawable coordinates) of what output 0 makes,
 * blended with the selection as GIMP's merge blends it, into buf, in the
 * target's format.  The dialog's preview shows exactly this.
 */
void smp_pixels_render_rect (const SmpTarget *target, const SmpStamps *stamps,
                             gint sessions, const GeglRectangle *rect,
                             gfloat *buf);

/* Draws the result the way params->output asks, as one undo step; the
 * image changes only once everything is rendered.  With replace, the
 * filter's earlier layers go in the same step.
 * Returns the new layer (topmost for output 2) or SMP_NO_LAYER for
 * output 0.
 */
SmpLayer smp_pixels_apply (const SmpTarget *target, const SmpParams *params,
                           const SmpStamps *stamps, gboolean replace,
                           SmpPixelsProgress progress, gpointer data);

#endif /* __SMP_PIXELS_H__ */
