/* scalp-micropigmentation: the scale of a photo, measured along a path.
 *
 * A user draws a path across something of known size in the photo (a
 * ruler held to the scalp, a sticker, the width of a known feature), says
 * how long it is, and the image's resolution is set so that those pixels
 * make that many centimetres.  GIMP's rulers in cm, its Measure tool and
 * the filter's scale 0 then all speak scalp centimetres, and an XCF keeps
 * the calibration for the patient's later sessions.  The same in every
 * GIMP; each front end asks for the length its own way.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-scale.h"

#include <math.h>

#include "smp-intl.h"

const SmpParamDesc smp_length_param = { .name  = "length",
                                        .type  = SMP_PARAM_DOUBLE,
                                        .label = N_ ("_Length:"),
                                        .blurb = N_ ("Real length, in cm, of "
                                                     "what the active path's "
                                                     "first stroke spans"),
                                        .unit  = N_ ("cm"),
                                        .min   = 0.1,
                                        .max   = 100,
                                        .def   = 1.0 };

/* Length along a curved stroke is summed in steps this fine, in pixels. */
#define LENGTH_PRECISION 0.05

/* The first stroke's extent in pixels: between its end anchors when it
 * has two, else along it; 0 when there is no stroke.
 */
static gdouble
stroke_pixels (SmpPath path)
{
  gint    n_strokes = 0, n_points = 0;
  gint   *strokes = smp_path_strokes (path, &n_strokes);
  gdouble pixels  = 0.0;

  if (n_strokes > 0)
    {
      gdouble *p      = NULL;
      gboolean closed = FALSE;

      /* A Bézier stroke: in-handle, anchor, out-handle for each anchor. */
      smp_path_stroke_points (path, strokes[0], &n_points, &p, &closed);
      if (n_points == 12 && ! closed)
        pixels = hypot (p[8] - p[2], p[9] - p[3]);
      else
        pixels = smp_path_stroke_length (path, strokes[0], LENGTH_PRECISION);
      g_free (p);
    }
  g_free (strokes);
  return pixels;
}

SmpPath
smp_scale_path (SmpImage image, SmpOutcome *out)
{
  const SmpPath path = smp_active_path (image);

  if (path == SMP_NO_PATH)
    smp_fail (out, GIMP_PDB_EXECUTION_ERROR,
              g_strdup (_ ("The image has no active path: with the Paths "
                           "tool, click at both ends of something of known "
                           "size in the photo, then calibrate")));
  return path;
}

gdouble
smp_scale_set (SmpImage image, gdouble length, SmpOutcome *out)
{
  const SmpPath path = smp_scale_path (image, out);
  gdouble       pixels, scale;

  if (path == SMP_NO_PATH)
    return 0.0;
  if (! smp_param_value_ok (&smp_length_param, length))
    {
      smp_fail (out, GIMP_PDB_CALLING_ERROR,
                smp_range_message (&smp_length_param, length));
      return 0.0;
    }

  pixels = stroke_pixels (path);
  if (! (pixels > 0.0))
    {
      smp_fail (out, GIMP_PDB_EXECUTION_ERROR,
                g_strdup (_ ("The active path has no length: it needs a "
                             "stroke from one end of something of known "
                             "size to the other")));
      return 0.0;
    }

  scale = pixels / length;
  gimp_image_undo_group_start (image);
  gimp_image_set_resolution (image, scale * 2.54, scale * 2.54);
  gimp_image_undo_group_end (image);
  return scale;
}
