/* scalp-micropigmentation: the parameter table as GIMP 3's procedure
 * arguments and config.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-config.h"

#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-plugin.h"

/* A colour parameter's default, as GIMP 3 takes it. */
static GeglColor *
default_color (const SmpParamDesc *desc)
{
  const gdouble rgba[4]
      = { desc->def_color.r, desc->def_color.g, desc->def_color.b, 1.0 };
  GeglColor *color = gegl_color_new (NULL);

  gegl_color_set_pixel (color, babl_format ("R'G'B'A double"), rgba);
  return color;
}

/* The filter's arguments after run-mode, image and drawables, from the
 * table: the same names, ranges and defaults as in GIMP 2.10.
 */
static void smp_config_add_table (GimpProcedure *procedure);

void
smp_config_add_arguments (GimpProcedure *procedure)
{
  smp_config_add_table (procedure);

  /* The dialog's own choices, kept with the last values but no part of
   * the procedure's arguments.
   */
  gimp_procedure_add_boolean_aux_argument (
      procedure, "replace", _ ("Replace the earlier treatment"),
      _ ("The filter's earlier layers go, in the same undo step"), TRUE,
      G_PARAM_READWRITE);
  gimp_procedure_add_boolean_aux_argument (
      procedure, "sheet", _ ("Ma_ke a consultation sheet"),
      _ ("Then make a new image with the photo before and after, labelled "
         "as a simulation"),
      FALSE, G_PARAM_READWRITE);
  gimp_procedure_add_boolean_aux_argument (
      procedure, "randomize", _ ("Randomize the seed"),
      _ ("A new random seed each time the dialog opens"), FALSE,
      G_PARAM_READWRITE);
}

static void
smp_config_add_table (GimpProcedure *procedure)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *d     = &table[i];
      const gchar        *nick  = d->label ? _ (d->label) : d->name;
      const gchar        *blurb = _ (d->blurb);
      const gdouble       min   = d->zero_is_auto ? 0.0 : d->min;

      switch (d->type)
        {
        case SMP_PARAM_DOUBLE:
          gimp_procedure_add_double_argument (procedure, d->name, nick, blurb,
                                              min, d->max, d->def,
                                              G_PARAM_READWRITE);
          break;
        case SMP_PARAM_INT:
          gimp_procedure_add_int_argument (procedure, d->name, nick, blurb,
                                           (gint) min, (gint) d->max,
                                           (gint) d->def, G_PARAM_READWRITE);
          break;
        case SMP_PARAM_COLOR:
          {
            GeglColor *color = default_color (d);

            gimp_procedure_add_color_argument (procedure, d->name, nick, blurb,
                                               FALSE, color, G_PARAM_READWRITE);
            g_object_unref (color);
          }
          break;
        }
    }
}

/* The parameters as config holds them; a message when one is out of the
 * range GIMP's own checks leave open (a scale between 0 and 1).
 */
gchar *
smp_config_read (GimpProcedureConfig *config, SmpParams *params)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);
  const SmpParamDesc *bad;

  smp_params_defaults (params);
  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *d = &table[i];
      gdouble             value;
      gint                whole;

      switch (d->type)
        {
        case SMP_PARAM_DOUBLE:
          g_object_get (config, d->name, &value, NULL);
          smp_param_set (params, d, value);
          break;
        case SMP_PARAM_INT:
          g_object_get (config, d->name, &whole, NULL);
          smp_param_set (params, d, whole);
          break;
        case SMP_PARAM_COLOR:
          {
            GeglColor *color = NULL;
            gdouble    rgba[4];

            g_object_get (config, d->name, &color, NULL);
            gegl_color_get_pixel (color, babl_format ("R'G'B'A double"), rgba);
            g_object_unref (color);
            /* A fully transparent colour is the default GIMP lost on its
             * way to the caller: the argument has no alpha, and libgimp
             * 3.0 hands a colour argument's default to other plug-ins
             * (Script-Fu, Python) as transparent black, its bytes left
             * out.  The table's default stands in for it, in the last
             * values too.
             */
            if (rgba[3] > 0.0)
              smp_param_set_color (params, d,
                                   (SmpColor){ rgba[0], rgba[1], rgba[2] });
            else
              {
                color = default_color (d);
                g_object_set (config, d->name, color, NULL);
                g_object_unref (color);
              }
          }
          break;
        }
    }

  bad = smp_params_find_invalid (params);
  return bad ? smp_range_message (bad, smp_param_get (params, bad)) : NULL;
}

GimpValueArray *
smp_answer (GimpProcedure *procedure, const SmpOutcome *out)
{
  GError *error = NULL;

  if (out->message)
    error = g_error_new_literal (GIMP_PLUG_IN_ERROR, 0, out->message);
  return gimp_procedure_new_return_values (procedure, out->status, error);
}

void
smp_config_write (GimpProcedureConfig *config, const SmpParams *params)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *d = &table[i];

      if (d->type == SMP_PARAM_DOUBLE)
        g_object_set (config, d->name, smp_param_get (params, d), NULL);
      else if (d->type == SMP_PARAM_INT)
        g_object_set (config, d->name, (gint) smp_param_get (params, d), NULL);
      else
        {
          GeglColor *color  = gegl_color_new (NULL);
          SmpColor   c      = smp_param_get_color (params, d);
          gdouble    rgb[3] = { c.r, c.g, c.b };

          gegl_color_set_pixel (color, babl_format ("R'G'B' double"), rgb);
          g_object_set (config, d->name, color, NULL);
          g_object_unref (color);
        }
    }
}

void
smp_procedure_begin (GimpProcedure *procedure, const gchar *image_blurb)
{
  gimp_procedure_set_attribution (procedure, SMP_AUTHORS, SMP_COPYRIGHT,
                                  SMP_DATE);
  gimp_procedure_add_enum_argument (procedure, "run-mode", "Run mode",
                                    "The run mode", GIMP_TYPE_RUN_MODE,
                                    GIMP_RUN_NONINTERACTIVE, G_PARAM_READWRITE);
  gimp_procedure_add_image_argument (procedure, "image", "Image", image_blurb,
                                     FALSE, G_PARAM_READWRITE);
}
