/* scalp-micropigmentation: the scale of a photo, measured along a path.
 *
 * A user draws a path across something of known size in the photo (a
 * ruler held to the scalp, a sticker, the width of a known feature), says
 * how long it is, and the image's resolution is set so that those pixels
 * make that many centimetres.  GIMP's rulers in cm, its Measure tool and
 * the filter's scale 0 then all speak scalp centimetres, and an XCF keeps
 * the calibration for the patient's later sessions.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-calibrate.h"

#include <libgimp/gimpui.h>
#include <math.h>

#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-pdb.h"
#include "smp-plugin.h"
#include "smp-scale.h"

void
smp_calibrate_query (void)
{
  g_autofree gchar  *length = smp_pdb_describe (&smp_length_param);
  const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode",
      "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }" },
    { GIMP_PDB_IMAGE, "image", "Input image" },
    { GIMP_PDB_FLOAT, (gchar *) smp_length_param.name, length },
  };
  static const GimpParamDef return_vals[] = {
    { GIMP_PDB_FLOAT, "scale", "The image's new scale, pixels per cm" },
  };

  gimp_install_procedure (
      CALIBRATE_PROC,
      N_ ("Set the image's scale from a path across something of known "
          "size"),
      SMP_CALIBRATE_HELP, SMP_AUTHORS, SMP_COPYRIGHT, SMP_DATE,
      N_ ("Scalp Micropigmentation _Calibrate..."), "*", GIMP_PLUGIN,
      G_N_ELEMENTS (args), G_N_ELEMENTS (return_vals), args, return_vals);
  gimp_plugin_menu_register (CALIBRATE_PROC, "<Image>/Filters/Render");
}

/* Asks for the length the path spans; FALSE when cancelled. */
static gboolean
ask_length (gdouble *length)
{
  GtkWidget *dialog, *hbox, *label, *spin;
  gboolean   ok;

  gimp_ui_init (PLUG_IN_BINARY, FALSE);
  dialog = gimp_dialog_new (_ ("Scalp Micropigmentation Calibrate"),
                            PLUG_IN_ROLE, NULL, 0, gimp_standard_help_func,
                            CALIBRATE_PROC, _ ("_Cancel"), GTK_RESPONSE_CANCEL,
                            _ ("_OK"), GTK_RESPONSE_OK, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gimp_window_set_transient (GTK_WINDOW (dialog));

  hbox = gtk_hbox_new (FALSE, 6);
  gtk_container_set_border_width (GTK_CONTAINER (hbox), 12);
  label = gtk_label_new_with_mnemonic (_ ("The active path spans _length:"));
  spin  = gtk_spin_button_new_with_range (smp_length_param.min,
                                          smp_length_param.max, 0.1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), *length);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_entry_set_activates_default (GTK_ENTRY (spin), TRUE);
  gtk_box_pack_start (GTK_BOX (hbox), label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), spin, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), gtk_label_new (_ (smp_length_param.unit)),
                      FALSE, FALSE, 0);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), hbox, TRUE,
      TRUE, 0);
  gtk_widget_show_all (dialog);

  ok = gimp_dialog_run (GIMP_DIALOG (dialog)) == GTK_RESPONSE_OK;
  if (ok)
    *length = gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
  gtk_widget_destroy (dialog);
  return ok;
}

/* The length to calibrate with: the caller's, or in the other run modes
 * the last one used, asked for again in interactive mode.  FALSE when the
 * user cancels.
 */
static gboolean
choose_length (GimpRunMode run_mode, gdouble *length)
{
  if (run_mode != GIMP_RUN_NONINTERACTIVE
      && gimp_get_data_size (CALIBRATE_PROC) == sizeof (gdouble))
    gimp_get_data (CALIBRATE_PROC, length);
  if (run_mode != GIMP_RUN_INTERACTIVE)
    return TRUE;

  if (! smp_param_value_ok (&smp_length_param, *length))
    *length = smp_length_param.def;
  return ask_length (length);
}

gdouble
smp_calibrate (gint32 image, GimpRunMode run_mode, gdouble length,
               GimpPDBStatusType *status, gchar **message)
{
  SmpOutcome out   = { GIMP_PDB_SUCCESS, NULL };
  gdouble    scale = 0.0;

  if (! gimp_image_is_valid (image))
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup_printf (_ ("image %d is not an open image"), image));
  else if (smp_scale_path (image, &out) != SMP_NO_PATH)
    {
      if (! choose_length (run_mode, &length))
        smp_fail (&out, GIMP_PDB_CANCEL, NULL);
      else
        scale = smp_scale_set (image, length, &out);
    }

  if (out.status == GIMP_PDB_SUCCESS)
    {
      gimp_set_data (CALIBRATE_PROC, &length, sizeof (gdouble));
      if (run_mode == GIMP_RUN_INTERACTIVE)
        gimp_displays_flush ();
    }
  *status  = out.status;
  *message = out.message;
  return scale;
}
