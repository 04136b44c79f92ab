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

#include "smp-calibrate.h"
#include "smp-config.h"
#include "smp-dialog.h"
#include "smp-filter.h"
#include "smp-hair-proc.h"
#include "smp-intl.h"
#include "smp-plugin.h"
#include "smp-sheet-proc.h"
#include "smp-sheet.h"

#define SMP_TYPE_PLUG_IN (smp_plug_in_get_type ())
G_DECLARE_FINAL_TYPE (SmpPlugIn, smp_plug_in, SMP, PLUG_IN, GimpPlugIn)

struct _SmpPlugIn
{
  GimpPlugIn parent_instance;
};

G_DEFINE_TYPE (SmpPlugIn, smp_plug_in, GIMP_TYPE_PLUG_IN)

GIMP_MAIN (SMP_TYPE_PLUG_IN)

/* The four procedures, and the help pages GIMP's Help and F1 open for
 * them, beside the plug-in as ninja install puts them.
 */
static GList *
query_procedures (GimpPlugIn *plug_in)
{
  GList *names = g_list_append (NULL, g_strdup (PLUG_IN_PROC));
  GFile *help  = g_file_new_for_path (smp_intl_helpdir ());

  gimp_plug_in_set_help_domain (plug_in, HELP_DOMAIN, help);
  g_object_unref (help);
  names = g_list_append (names, g_strdup (CALIBRATE_PROC));
  names = g_list_append (names, g_strdup (SHEET_PROC));
  return g_list_append (names, g_strdup (HAIR_PROC));
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

static GimpValueArray *run_filter (GimpProcedure *procedure,
                                   GimpRunMode run_mode, GimpImage *image,
                                   GimpDrawable       **drawables,
                                   GimpProcedureConfig *config,
                                   gpointer             run_data);

static GimpProcedure *
create_procedure (GimpPlugIn *plug_in, const gchar *name)
{
  GimpProcedure *procedure;

  if (g_str_equal (name, CALIBRATE_PROC))
    return smp_calibrate_procedure (plug_in);
  if (g_str_equal (name, SHEET_PROC))
    return smp_sheet_procedure (plug_in);
  if (g_str_equal (name, HAIR_PROC))
    return smp_hair_procedure (plug_in);
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
      SMP_FILTER_HELP, name);
  gimp_procedure_set_attribution (procedure, SMP_AUTHORS, SMP_COPYRIGHT,
                                  SMP_DATE);
  smp_config_add_arguments (procedure);
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

  smp_filter_init ();
  if (! drawables || ! drawables[0] || drawables[1])
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup (_ ("The filter works on one drawable at a time: "
                           "select a single layer or channel")));
  else if (smp_filter_check_drawable (drawables[0], &out)
           && (run_mode != GIMP_RUN_INTERACTIVE
               || smp_dialog_run (procedure, config, image, drawables[0], &work)
               || smp_fail (&out, GIMP_PDB_CANCEL, NULL))
           && ((message = smp_config_read (config, &params)) == NULL
               || smp_fail (&out, GIMP_PDB_CALLING_ERROR,
                            g_steal_pointer (&message)))
           && smp_filter_check_output (drawables[0], &params, &out))
    {
      layer = smp_filter_apply (image, drawables[0], &params, &work, &out);
      if (out.status == GIMP_PDB_SUCCESS && work.sheet)
        smp_sheet_show_default (image);
      if (out.status == GIMP_PDB_SUCCESS && run_mode != GIMP_RUN_NONINTERACTIVE)
        gimp_displays_flush ();
    }
  smp_layout_free (work.layout);
  smp_field_free (work.field);

  values = smp_answer (procedure, &out);
  if (out.status == GIMP_PDB_SUCCESS)
    GIMP_VALUES_SET_LAYER (values, 1, layer);
  g_free (out.message);
  return values;
}
