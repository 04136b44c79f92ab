/* scalp-micropigmentation: the calibration in GIMP 3.
 *
 * plug-in-scalp-micropigmentation-calibrate (run-mode, image, length), as
 * in GIMP 2.10: the image's resolution from its active path, measured
 * with the shared smp-scale.c.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-calibrate.h"

#include <libgimp/gimpui.h>

#include "smp-config.h"
#include "smp-intl.h"
#include "smp-plugin.h"
#include "smp-scale.h"

static GimpValueArray *
run_calibrate (GimpProcedure *procedure, GimpProcedureConfig *config,
               gpointer run_data G_GNUC_UNUSED)
{
  SmpOutcome      out = { GIMP_PDB_SUCCESS, NULL };
  GimpRunMode     run_mode;
  GimpImage      *image;
  gdouble         length, scale = 0.0;
  GimpValueArray *values;

  g_object_get (config, "run-mode", &run_mode, "image", &image, NULL);
  if (smp_scale_path (image, &out) != SMP_NO_PATH)
    {
      if (run_mode == GIMP_RUN_INTERACTIVE
          && ! smp_calibrate_dialog (procedure, config))
        smp_fail (&out, GIMP_PDB_CANCEL, NULL);
      else
        {
          g_object_get (config, "length", &length, NULL);
          scale = smp_scale_set (image, length, &out);
        }
    }
  if (out.status == GIMP_PDB_SUCCESS && run_mode == GIMP_RUN_INTERACTIVE)
    gimp_displays_flush ();
  g_clear_object (&image);

  values = smp_answer (procedure, &out);
  if (out.status == GIMP_PDB_SUCCESS)
    GIMP_VALUES_SET_DOUBLE (values, 1, scale);
  g_free (out.message);
  return values;
}

/* The length is what the user came to type: it has the focus, and Enter
 * there presses OK.
 */
static void
focus_length (GimpProcedureDialog *dialog)
{
  GtkWidget *widget
      = gimp_procedure_dialog_get_widget (dialog, "length", G_TYPE_NONE);
  GtkWidget *spin
      = GIMP_IS_LABEL_SPIN (widget)
            ? gimp_label_spin_get_spin_button (GIMP_LABEL_SPIN (widget))
            : widget;

  if (GTK_IS_ENTRY (spin))
    gtk_entry_set_activates_default (GTK_ENTRY (spin), TRUE);
  gtk_widget_grab_focus (spin);
}

gboolean
smp_calibrate_dialog (GimpProcedure *procedure, GimpProcedureConfig *config)
{
  GtkWidget *dialog;
  gboolean   ok;

  gimp_ui_init (PLUG_IN_BINARY);
  dialog = gimp_procedure_dialog_new (procedure, config,
                                      _ ("Scalp Micropigmentation Calibrate"));
  gimp_procedure_dialog_fill (GIMP_PROCEDURE_DIALOG (dialog), "length", NULL);
  focus_length (GIMP_PROCEDURE_DIALOG (dialog));
  ok = gimp_procedure_dialog_run (GIMP_PROCEDURE_DIALOG (dialog));
  gtk_widget_destroy (dialog);
  return ok;
}

GimpProcedure *
smp_calibrate_procedure (GimpPlugIn *plug_in)
{
  const SmpParamDesc *length = &smp_length_param;
  GimpProcedure      *procedure
      = gimp_procedure_new (plug_in, CALIBRATE_PROC, GIMP_PDB_PROC_TYPE_PLUGIN,
                            run_calibrate, NULL, NULL);

  gimp_procedure_set_image_types (procedure, "*");
  gimp_procedure_set_menu_label (procedure,
                                 _ ("Scalp Micropigmentation _Calibrate..."));
  gimp_procedure_add_menu_path (procedure, "<Image>/Filters/Render");
  gimp_procedure_set_documentation (
      procedure,
      _ ("Set the image's scale from a path across something of known "
         "size"),
      SMP_CALIBRATE_HELP, CALIBRATE_PROC);
  smp_procedure_begin (procedure, "Input image");
  gimp_procedure_add_double_argument (
      procedure, length->name, _ (length->label), _ (length->blurb),
      length->min, length->max, length->def, G_PARAM_READWRITE);
  gimp_procedure_add_double_return_value (
      procedure, "scale", "Scale", "The image's new scale, pixels per cm", 0.0,
      G_MAXDOUBLE, 0.0, G_PARAM_READWRITE);
  return procedure;
}
