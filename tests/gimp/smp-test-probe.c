/* scalp-micropigmentation: a test-only plug-in that compares pixels.
 *
 * smp-test-diff (drawable-a, drawable-b, x, y, width, height)
 *   -> (max-diff, n-diff, mean-diff)
 * compares a rectangle of two drawables of the same size (width <= 0: the
 * whole drawable), every channel as perceptual float including alpha, and
 * returns the largest difference in 8-bit levels, how many pixels differ
 * at all and the mean difference of every channel in 8-bit levels.
 * Installed only into the tests' temporary GIMP profile.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libgimp/gimp.h>
#include <math.h>

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
    { GIMP_PDB_DRAWABLE, "drawable-a", "First drawable" },
    { GIMP_PDB_DRAWABLE, "drawable-b", "Second drawable, same size" },
    { GIMP_PDB_INT32, "x", "Left of the rectangle" },
    { GIMP_PDB_INT32, "y", "Top of the rectangle" },
    { GIMP_PDB_INT32, "width", "Width, <= 0 for the whole drawable" },
    { GIMP_PDB_INT32, "height", "Height" },
  };
  static const GimpParamDef results[] = {
    { GIMP_PDB_FLOAT, "max-diff", "Largest difference, 8-bit levels" },
    { GIMP_PDB_INT32, "n-diff", "Pixels that differ at all" },
    { GIMP_PDB_FLOAT, "mean-diff", "Mean difference, 8-bit levels" },
  };

  gimp_install_procedure ("smp-test-diff", "Compare two drawables",
                          "Test helper of scalp-micropigmentation.", "", "",
                          "2026", NULL, NULL, GIMP_PLUGIN, G_N_ELEMENTS (args),
                          G_N_ELEMENTS (results), args, results);
}

static void
run (const gchar *name G_GNUC_UNUSED, gint n_params, const GimpParam *param,
     gint *n_return_vals, GimpParam **return_vals)
{
  static GimpParam values[4];
  const Babl      *format;
  GeglBuffer      *a, *b;
  GeglRectangle    rect;
  gfloat          *pa, *pb;
  gdouble          max_diff = 0.0;
  gdouble          sum_diff = 0.0;
  gint             n_diff   = 0;

  gegl_init (NULL, NULL);
  *return_vals            = values;
  *n_return_vals          = 1;
  values[0].type          = GIMP_PDB_STATUS;
  values[0].data.d_status = GIMP_PDB_CALLING_ERROR;

  if (n_params != 7
      || gimp_drawable_width (param[1].data.d_drawable)
             != gimp_drawable_width (param[2].data.d_drawable)
      || gimp_drawable_height (param[1].data.d_drawable)
             != gimp_drawable_height (param[2].data.d_drawable))
    return;

  rect = (GeglRectangle){ param[3].data.d_int32, param[4].data.d_int32,
                          param[5].data.d_int32, param[6].data.d_int32 };
  if (rect.width <= 0)
    rect
        = (GeglRectangle){ 0, 0, gimp_drawable_width (param[1].data.d_drawable),
                           gimp_drawable_height (param[1].data.d_drawable) };

  format = babl_format ("R'G'B'A float");
  a      = gimp_drawable_get_buffer (param[1].data.d_drawable);
  b      = gimp_drawable_get_buffer (param[2].data.d_drawable);
  pa     = g_new (gfloat, (gsize) rect.width * rect.height * 4);
  pb     = g_new (gfloat, (gsize) rect.width * rect.height * 4);
  gegl_buffer_get (a, &rect, 1.0, format, pa, GEGL_AUTO_ROWSTRIDE,
                   GEGL_ABYSS_NONE);
  gegl_buffer_get (b, &rect, 1.0, format, pb, GEGL_AUTO_ROWSTRIDE,
                   GEGL_ABYSS_NONE);

  for (gsize i = 0; i < (gsize) rect.width * rect.height; i++)
    {
      gboolean differs = FALSE;

      for (gint c = 0; c < 4; c++)
        {
          const gdouble d = fabs ((gdouble) pa[i * 4 + c] - pb[i * 4 + c]);

          max_diff = MAX (max_diff, d * 255.0);
          sum_diff += d * 255.0;
          differs |= d > 0.0;
        }
      n_diff += differs;
    }

  g_free (pa);
  g_free (pb);
  g_object_unref (a);
  g_object_unref (b);

  *n_return_vals          = 4;
  values[0].data.d_status = GIMP_PDB_SUCCESS;
  values[1].type          = GIMP_PDB_FLOAT;
  values[1].data.d_float  = max_diff;
  values[2].type          = GIMP_PDB_INT32;
  values[2].data.d_int32  = n_diff;
  values[3].type          = GIMP_PDB_FLOAT;
  values[3].data.d_float  = sum_diff / (4.0 * rect.width * rect.height);
}
