/* scalp-micropigmentation: the pigment from the hair, for scripts, in
 * GIMP 3: what the dialog's From Hair takes.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-hair-proc.h"

#include "smp-config.h"
#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-plugin.h"

/* An sRGB-encoded colour as GIMP 3 takes it. */
static GeglColor *
gegl_color_of (SmpColor c)
{
  const gdouble rgba[4] = { c.r, c.g, c.b, 1.0 };
  GeglColor    *color   = gegl_color_new (NULL);

  gegl_color_set_pixel (color, babl_format ("R'G'B'A double"), rgba);
  return color;
}

static GimpValueArray *
run_hair (GimpProcedure *procedure, GimpProcedureConfig *config,
          gpointer run_data G_GNUC_UNUSED)
{
  SmpOutcome      out = { GIMP_PDB_SUCCESS, NULL };
  GimpImage      *image;
  GimpDrawable   *drawable;
  SmpHair         hair;
  GimpValueArray *values;

  smp_filter_init ();
  g_object_get (config, "image", &image, "drawable", &drawable, NULL);
  smp_filter_hair (image, drawable, &hair, &out);
  g_clear_object (&image);
  g_clear_object (&drawable);

  values = smp_answer (procedure, &out);
  if (out.status == GIMP_PDB_SUCCESS)
    {
      GeglColor *pigment = gegl_color_of (hair.pigment);

      GIMP_VALUES_SET_COLOR (values, 1, pigment);
      GIMP_VALUES_SET_DOUBLE (values, 2, hair.share);
      GIMP_VALUES_SET_DOUBLE (values, 3, hair.lightness);
      g_object_unref (pigment);
    }
  g_free (out.message);
  return values;
}

GimpProcedure *
smp_hair_procedure (GimpPlugIn *plug_in)
{
  GimpProcedure *procedure = gimp_procedure_new (
      plug_in, HAIR_PROC, GIMP_PDB_PROC_TYPE_PLUGIN, run_hair, NULL, NULL);
  GeglColor *charcoal;

  /* The pigment's default is a GeglColor. */
  gegl_init (NULL, NULL);
  charcoal = gegl_color_of (smp_params_lookup ("pigment")->def_color);

  gimp_procedure_set_image_types (procedure, "RGB*, GRAY*");
  gimp_procedure_set_documentation (
      procedure, _ ("The pigment shade for the hair in the selection"),
      SMP_HAIR_HELP, HAIR_PROC);
  smp_procedure_begin (procedure, "Input image");
  gimp_procedure_add_drawable_argument (procedure, "drawable", "Drawable",
                                        "Input drawable", FALSE,
                                        G_PARAM_READWRITE);
  gimp_procedure_add_color_return_value (procedure, "pigment", "Pigment",
                                         "The pigment for the hair found",
                                         FALSE, charcoal, G_PARAM_READWRITE);
  gimp_procedure_add_double_return_value (
      procedure, "hair-share", "Hair share",
      "Share of the selection hair covers, 0 to 1", 0.0, 1.0, 0.0,
      G_PARAM_READWRITE);
  gimp_procedure_add_double_return_value (
      procedure, "hair-lightness", "Hair lightness",
      "The hair's lightness, L* 0 to 100; -1 where too little was found", -1.0,
      100.0, -1.0, G_PARAM_READWRITE);
  g_object_unref (charcoal);
  return procedure;
}
