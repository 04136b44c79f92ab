/* scalp-micropigmentation: the floor any GIMP 3 filter pays.
 *
 * smp-bench-copy (run-mode, image, drawables) reads the selected pixels in
 * the drawable's own format, writes them unchanged to the shadow buffer and
 * merges it: what moving the pixels out of GIMP 3 and back costs, against
 * which the benchmark measures the filter.  The same copy as
 * smp-bench-copy.c does in GIMP 2.10; built with BENCH_READ_ONLY, it is
 * smp-bench-read, which only reads them: what a filter that reads the
 * photo twice pays once more.
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

#define COPY_TYPE_PLUG_IN (copy_plug_in_get_type ())
G_DECLARE_FINAL_TYPE (CopyPlugIn, copy_plug_in, COPY, PLUG_IN, GimpPlugIn)

struct _CopyPlugIn
{
  GimpPlugIn parent_instance;
};

G_DEFINE_TYPE (CopyPlugIn, copy_plug_in, GIMP_TYPE_PLUG_IN)

GIMP_MAIN (COPY_TYPE_PLUG_IN)

static GList *
query_procedures (GimpPlugIn *plug_in G_GNUC_UNUSED)
{
  return g_list_append (NULL, g_strdup (PROCEDURE));
}

static GimpValueArray *
run (GimpProcedure *procedure, GimpRunMode run_mode G_GNUC_UNUSED,
     GimpImage *image G_GNUC_UNUSED, GimpDrawable **drawables,
     GimpProcedureConfig *config G_GNUC_UNUSED, gpointer data G_GNUC_UNUSED)
{
  GimpDrawable *drawable = drawables[0];
  GeglRectangle roi;

  gegl_init (NULL, NULL);
  if (gimp_drawable_mask_intersect (drawable, &roi.x, &roi.y, &roi.width,
                                    &roi.height))
    {
      GeglBuffer *src = gimp_drawable_get_buffer (drawable);
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
  return gimp_procedure_new_return_values (procedure, GIMP_PDB_SUCCESS, NULL);
}

static GimpProcedure *
create_procedure (GimpPlugIn *plug_in, const gchar *name)
{
  GimpProcedure *procedure = gimp_image_procedure_new (
      plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, run, NULL, NULL);

  gimp_procedure_set_image_types (procedure, "RGB*, GRAY*");
  gimp_procedure_set_documentation (procedure, BLURB,
                                    "Benchmark floor of "
                                    "scalp-micropigmentation.",
                                    name);
  return procedure;
}

static void
copy_plug_in_class_init (CopyPlugInClass *klass)
{
  GIMP_PLUG_IN_CLASS (klass)->query_procedures = query_procedures;
  GIMP_PLUG_IN_CLASS (klass)->create_procedure = create_procedure;
}

static void
copy_plug_in_init (CopyPlugIn *plug_in G_GNUC_UNUSED)
{
}
