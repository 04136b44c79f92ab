/* scalp-micropigmentation: the consultation sheet in GIMP 3.
 *
 * plug-in-scalp-micropigmentation-sheet (run-mode, image, panels, crop,
 * label), as in GIMP 2.10; the sheet itself is made by the shared
 * smp-sheet.c, and GimpProcedureConfig keeps the last options.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-sheet-proc.h"

#include <libgimp/gimpui.h>

#include "smp-config.h"
#include "smp-intl.h"
#include "smp-plugin.h"
#include "smp-sheet.h"

/* A choice of two, as a list in the dialog. */
static void
two_choices (GimpProcedureDialog *dialog, const gchar *name, const gchar *zero,
             const gchar *one)
{
  GimpIntStore *store
      = GIMP_INT_STORE (gimp_int_store_new (zero, 0, one, 1, NULL));

  /* The dialog takes the store. */
  gimp_procedure_dialog_get_int_combo (dialog, name, store);
}

static gboolean
sheet_dialog (GimpProcedure *procedure, GimpProcedureConfig *config)
{
  GtkWidget *dialog;
  gboolean   ok;

  gimp_ui_init (PLUG_IN_BINARY);
  dialog = gimp_procedure_dialog_new (procedure, config,
                                      _ ("Scalp Micropigmentation Sheet"));
  two_choices (GIMP_PROCEDURE_DIALOG (dialog), "panels", _ ("Before and after"),
               _ ("Before and after each session"));
  two_choices (GIMP_PROCEDURE_DIALOG (dialog), "crop", _ ("The whole image"),
               _ ("The treated area"));
  gimp_procedure_dialog_fill (GIMP_PROCEDURE_DIALOG (dialog), "panels", "crop",
                              "label", NULL);
  ok = gimp_procedure_dialog_run (GIMP_PROCEDURE_DIALOG (dialog));
  gtk_widget_destroy (dialog);
  return ok;
}

static GimpImage *
make (GimpProcedure *procedure, GimpProcedureConfig *config,
      GimpRunMode run_mode, GimpImage *image, SmpOutcome *out)
{
  SmpSheetSource    src;
  SmpSheetOptions   options;
  g_autofree gchar *label = NULL;
  GimpImage        *sheet = NULL;

  if (smp_sheet_source_init (&src, image, out)
      && (run_mode != GIMP_RUN_INTERACTIVE || sheet_dialog (procedure, config)
          || smp_fail (out, GIMP_PDB_CANCEL, NULL)))
    {
      g_object_get (config, "panels", &options.panels, "crop", &options.crop,
                    "label", &label, NULL);
      options.label = label;
      if (smp_sheet_options_ok (&options, out))
        sheet = smp_sheet_make (&src, &options, out);
    }
  smp_sheet_source_clear (&src);
  return sheet;
}

static GimpValueArray *
run_sheet (GimpProcedure *procedure, GimpProcedureConfig *config,
           gpointer run_data G_GNUC_UNUSED)
{
  SmpOutcome      out = { GIMP_PDB_SUCCESS, NULL };
  GimpRunMode     run_mode;
  GimpImage      *image, *sheet;
  GimpValueArray *values;

  gegl_init (NULL, NULL);
  g_object_get (config, "run-mode", &run_mode, "image", &image, NULL);
  sheet = make (procedure, config, run_mode, image, &out);
  if (sheet && run_mode != GIMP_RUN_NONINTERACTIVE)
    {
      gimp_display_new (sheet);
      gimp_displays_flush ();
    }
  g_clear_object (&image);

  values = smp_answer (procedure, &out);
  if (out.status == GIMP_PDB_SUCCESS)
    GIMP_VALUES_SET_IMAGE (values, 1, sheet);
  g_free (out.message);
  return values;
}

GimpProcedure *
smp_sheet_procedure (GimpPlugIn *plug_in)
{
  const SmpParamDesc *const choices[]
      = { &smp_sheet_panels_param, &smp_sheet_crop_param };
  GimpProcedure *procedure = gimp_procedure_new (
      plug_in, SHEET_PROC, GIMP_PDB_PROC_TYPE_PLUGIN, run_sheet, NULL, NULL);

  gimp_procedure_set_image_types (procedure, "RGB*, GRAY*");
  gimp_procedure_set_menu_label (procedure,
                                 _ ("Scalp Micropigmentation _Sheet..."));
  gimp_procedure_add_menu_path (procedure, "<Image>/Filters/Render");
  gimp_procedure_set_documentation (
      procedure,
      _ ("Make a consultation sheet: the photo before, and after the "
         "treatment"),
      SMP_SHEET_HELP, SHEET_PROC);
  smp_procedure_begin (procedure, "An image with layers from the filter");
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gimp_procedure_add_int_argument (
        procedure, choices[i]->name, _ (choices[i]->label), choices[i]->blurb,
        (gint) choices[i]->min, (gint) choices[i]->max, (gint) choices[i]->def,
        G_PARAM_READWRITE);
  gimp_procedure_add_string_argument (
      procedure, smp_sheet_label_param.name, _ (smp_sheet_label_param.label),
      smp_sheet_label_param.blurb, "", G_PARAM_READWRITE);
  gimp_procedure_add_image_return_value (
      procedure, "sheet", "Sheet", "The new image", FALSE, G_PARAM_READWRITE);
  return procedure;
}
