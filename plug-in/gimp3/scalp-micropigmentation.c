/* scalp-micropigmentation: the GIMP 3 front end.
 *
 * The same filter as in GIMP 2.10, from the same engine, parameter table,
 * pixel path and translations: its PDB arguments are declared from the
 * table with gimp_procedure_add_*_argument(), GimpProcedureConfig keeps
 * the last values, and GimpProcedureDialog gives Load/Save Settings and
 * Reset.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-plugin.h"

#define SMP_TYPE_PLUG_IN (smp_plug_in_get_type ())
G_DECLARE_FINAL_TYPE (SmpPlugIn, smp_plug_in, SMP, PLUG_IN, GimpPlugIn)

struct _SmpPlugIn
{
  GimpPlugIn parent_instance;
};

G_DEFINE_TYPE (SmpPlugIn, smp_plug_in, GIMP_TYPE_PLUG_IN)

GIMP_MAIN (SMP_TYPE_PLUG_IN)

static GList *
query_procedures (GimpPlugIn *plug_in G_GNUC_UNUSED)
{
  return g_list_append (NULL, g_strdup (PLUG_IN_PROC));
}

/* The catalogues beside the plug-in, in locale/, as ninja install puts
 * them; the domain is the one GIMP 2.10's front end uses.
 */
static gboolean
set_i18n (GimpPlugIn *plug_in         G_GNUC_UNUSED,
          const gchar *procedure_name G_GNUC_UNUSED, gchar **gettext_domain,
          gchar **catalog_dir G_GNUC_UNUSED)
{
  *gettext_domain = g_strdup (GETTEXT_PACKAGE);
  return TRUE;
}

/* A colour parameter's default, as GIMP 3 takes it. */
static GeglColor *
default_color (const SmpParamDesc *desc)
{
  const gdouble rgb[3]
      = { desc->def_color.r, desc->def_color.g, desc->def_color.b };
  GeglColor *color = gegl_color_new (NULL);

  gegl_color_set_pixel (color, babl_format ("R'G'B' double"), rgb);
  return color;
}

/* The filter's arguments after run-mode, image and drawables, from the
 * table: the same names, ranges and defaults as in GIMP 2.10.
 */
static void
add_arguments (GimpProcedure *procedure)
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

static GimpValueArray *run_filter (GimpProcedure *procedure,
                                   GimpRunMode run_mode, GimpImage *image,
                                   GimpDrawable       **drawables,
                                   GimpProcedureConfig *config,
                                   gpointer             run_data);

static GimpProcedure *
create_procedure (GimpPlugIn *plug_in, const gchar *name)
{
  GimpProcedure *procedure;

  if (! g_str_equal (name, PLUG_IN_PROC))
    return NULL;

  /* The pigment's default is a GeglColor. */
  gegl_init (NULL, NULL);

  procedure = gimp_image_procedure_new (
      plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, run_filter, NULL, NULL);
  gimp_procedure_set_image_types (procedure, "RGB*, GRAY*");
  gimp_procedure_set_sensitivity_mask (procedure,
                                       GIMP_PROCEDURE_SENSITIVE_DRAWABLE);
  gimp_procedure_set_menu_label (procedure, _ ("Scalp _Micropigmentation..."));
  gimp_procedure_add_menu_path (procedure, "<Image>/Filters/Render");
  gimp_procedure_set_documentation (
      procedure, _ ("Stipple scalp micropigmentation over the selection"),
      SMP_FILTER_HELP,
      name);
  gimp_procedure_set_attribution (
      procedure, "The scalp-micropigmentation authors",
      "GPL-3.0-or-later, the scalp-micropigmentation authors", "2026");
  add_arguments (procedure);
  gimp_procedure_add_layer_return_value (
      procedure, "layer", "Layer",
      "The new layer for output 1, the topmost session layer for output 2, "
      "none for output 0",
      TRUE, G_PARAM_READWRITE);
  return procedure;
}

static void
smp_plug_in_class_init (SmpPlugInClass *klass)
{
  GimpPlugInClass *plug_in_class = GIMP_PLUG_IN_CLASS (klass);

  plug_in_class->query_procedures = query_procedures;
  plug_in_class->create_procedure = create_procedure;
  plug_in_class->set_i18n         = set_i18n;
}

static void
smp_plug_in_init (SmpPlugIn *plug_in G_GNUC_UNUSED)
{
}

/* The parameters as config holds them; a message when one is out of the
 * range GIMP's own checks leave open (a scale between 0 and 1).
 */
static gchar *
read_config (GimpProcedureConfig *config, SmpParams *params)
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
            gdouble    rgb[3];

            g_object_get (config, d->name, &color, NULL);
            gegl_color_get_pixel (color, babl_format ("R'G'B' double"), rgb);
            g_object_unref (color);
            smp_param_set_color (params, d,
                                 (SmpColor){ rgb[0], rgb[1], rgb[2] });
          }
          break;
        }
    }

  bad = smp_params_find_invalid (params);
  return bad ? smp_range_message (bad, smp_param_get (params, bad)) : NULL;
}

/* The filter's dialog: the table's parameters, with GIMP's Load/Save
 * Settings and Reset.  FALSE when cancelled.
 */
static gboolean
run_dialog (GimpProcedure *procedure, GimpProcedureConfig *config)
{
  GtkWidget *dialog;
  gboolean   ok;

  gimp_ui_init (PLUG_IN_BINARY);
  dialog = gimp_procedure_dialog_new (procedure, config,
                                      _ ("Scalp Micropigmentation"));
  gimp_procedure_dialog_fill (GIMP_PROCEDURE_DIALOG (dialog), NULL);
  ok = gimp_procedure_dialog_run (GIMP_PROCEDURE_DIALOG (dialog));
  gtk_widget_destroy (dialog);
  return ok;
}

static GimpValueArray *
answer (GimpProcedure *procedure, const SmpOutcome *out, GimpLayer *layer)
{
  GimpValueArray *values;
  GError         *error = NULL;

  if (out->message)
    error = g_error_new_literal (GIMP_PLUG_IN_ERROR, 0, out->message);
  values = gimp_procedure_new_return_values (procedure, out->status, error);
  if (out->status == GIMP_PDB_SUCCESS)
    GIMP_VALUES_SET_LAYER (values, 1, layer);
  return values;
}

static GimpValueArray *
run_filter (GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
            GimpDrawable **drawables, GimpProcedureConfig *config,
            gpointer run_data G_GNUC_UNUSED)
{
  SmpOutcome        out   = { GIMP_PDB_SUCCESS, NULL };
  SmpDialogWork     work  = { 0 };
  GimpLayer        *layer = NULL;
  SmpParams         params;
  g_autofree gchar *message = NULL;
  GimpValueArray   *values;

  gegl_init (NULL, NULL);
  if (! drawables || ! drawables[0] || drawables[1])
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup (_ ("The filter works on one drawable at a time: "
                           "select a single layer or channel")));
  else if (smp_filter_check_drawable (drawables[0], &out)
           && (run_mode != GIMP_RUN_INTERACTIVE
               || run_dialog (procedure, config)
               || smp_fail (&out, GIMP_PDB_CANCEL, NULL))
           && ((message = read_config (config, &params)) == NULL
               || smp_fail (&out, GIMP_PDB_CALLING_ERROR,
                            g_steal_pointer (&message)))
           && smp_filter_check_output (drawables[0], &params, &out))
    {
      layer = smp_filter_apply (image, drawables[0], &params, &work, &out);
      if (out.status == GIMP_PDB_SUCCESS && run_mode != GIMP_RUN_NONINTERACTIVE)
        gimp_displays_flush ();
    }
  smp_layout_free (work.layout);
  smp_field_free (work.field);

  values = answer (procedure, &out, layer);
  g_free (out.message);
  return values;
}
