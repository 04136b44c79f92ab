/* scalp-micropigmentation: the floor any GIMP filter pays.
 *
 * smp-bench-copy (run-mode, image, drawable) reads the selected pixels in
 * the drawable's own format, writes them unchanged to the shadow buffer and
 * merges it: what moving the pixels out of GIMP and back costs, against
 * which the benchmark measures the filter.  Built with BENCH_READ_ONLY,
 * it is smp-bench-read, which only reads them: what a filter that reads
 * the photo twice pays once more.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libgimp/gimp.h>

#include "bench-copy.h"

#ifdef BENCH_READ_ONLY
#define PROCEDURE "smp-bench-read"
#define BLURB "Read pixels from GIMP"
#else
#define PROCEDURE "smp-bench-copy"
#define BLURB "Copy pixels through GIMP"
#endif

static void query (void);
static void run (const gchar *name, gint n_params, const GimpParam *param,
                 gint *n_return_vals, GimpParam **return_vals);

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()

static void
query (void)
{
  static const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode", "Run mode" },
    { GIMP_PDB_IMAGE, "image", "Image" },
    { GIMP_PDB_DRAWABLE, "drawable", "Drawable" },
  };

  gimp_install_procedure (PROCEDURE, BLURB,
                          "Benchmark floor of scalp-micropigmentation.", "", "",
                          "2026", NULL, "RGB*, GRAY*", GIMP_PLUGIN,
                          G_N_ELEMENTS (args), 0, args, NULL);
}

static void
run (const gchar *name G_GNUC_UNUSED, gint n_params G_GNUC_UNUSED,
     const GimpParam *param, gint *n_return_vals, GimpParam **return_vals)
{
  static GimpParam values[1];
  const gint32     drawable = param[2].data.d_drawable;
  GeglBuffer      *src;
  GeglRectangle    roi;

  gegl_init (NULL, NULL);
  *return_vals            = values;
  *n_return_vals          = 1;
  values[0].type          = GIMP_PDB_STATUS;
  values[0].data.d_status = GIMP_PDB_SUCCESS;

  if (! gimp_drawable_mask_intersect (drawable, &roi.x, &roi.y, &roi.width,
                                      &roi.height))
    return;

  src = gimp_drawable_get_buffer (drawable);
#ifdef BENCH_READ_ONLY
  bench_read (src, &roi, gimp_drawable_get_format (drawable));
  g_object_unref (src);
#else
  GeglBuffer *dst = gimp_drawable_get_shadow_buffer (drawable);

  bench_copy (src, dst, &roi, gimp_drawable_get_format (drawable));

  g_object_unref (src);
  g_object_unref (dst);
  gimp_drawable_merge_shadow (drawable, TRUE);
  gimp_drawable_update (drawable, roi.x, roi.y, roi.width, roi.height);
#endif
}
