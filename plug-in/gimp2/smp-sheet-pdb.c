/* scalp-micropigmentation: the consultation sheet in GIMP 2.10.
 *
 * plug-in-scalp-micropigmentation-sheet: its registration, its dialog and
 * its last options; the sheet itself is made by the shared smp-sheet.c.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-sheet-pdb.h"

#include <libgimp/gimpui.h>

#include "smp-intl.h"
#include "smp-pdb.h"
#include "smp-plugin.h"

/* The last options of an interactive run. */
typedef struct
{
  gint  panels;
  gint  crop;
  gchar label[512];
} LastOptions;

void
smp_sheet_query (void)
{
  g_autofree gchar  *panels = smp_pdb_describe (&smp_sheet_panels_param);
  g_autofree gchar  *crop   = smp_pdb_describe (&smp_sheet_crop_param);
  const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode",
      "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }" },
    { GIMP_PDB_IMAGE, "image", "An image with layers from the filter" },
    { GIMP_PDB_INT32, (gchar *) smp_sheet_panels_param.name, panels },
    { GIMP_PDB_INT32, (gchar *) smp_sheet_crop_param.name, crop },
    { GIMP_PDB_STRING, (gchar *) smp_sheet_label_param.name,
      (gchar *) smp_sheet_label_param.blurb },
  };
  static const GimpParamDef return_vals[] = {
    { GIMP_PDB_IMAGE, "sheet", "The new image" },
  };

  gimp_install_procedure (
      SHEET_PROC,
      N_ ("Make a consultation sheet: the photo before, and after the "
          "treatment"),
      SMP_SHEET_HELP, SMP_AUTHORS, SMP_COPYRIGHT, SMP_DATE,
      N_ ("Scalp Micropigmentation _Sheet..."), "RGB*, GRAY*", GIMP_PLUGIN,
      G_N_ELEMENTS (args), G_N_ELEMENTS (return_vals), args, return_vals);
  gimp_plugin_menu_register (SHEET_PROC, "<Image>/Filters/Render");
}

/* The dialog's options: the panels, the crop and the label. */
static GtkWidget *
options_box (const SmpSheetSource *src, SmpSheetOptions *options,
             GtkWidget **entry)
{
  GtkWidget *vbox = gtk_vbox_new (FALSE, 12), *each, *crop, *hbox, *label;

  gtk_container_set_border_width (GTK_CONTAINER (vbox), 12);
  gtk_box_pack_start (
      GTK_BOX (vbox),
      gimp_int_radio_group_new (
          TRUE, _ ("Panels"), G_CALLBACK (gimp_radio_button_update),
          &options->panels, options->panels, _ ("_Before and after"),
          SMP_SHEET_BEFORE_AFTER, NULL, _ ("Before and after _each session"),
          SMP_SHEET_EACH_SESSION, &each, NULL),
      FALSE, FALSE, 0);
  /* Sessions need a layer each. */
  gtk_widget_set_sensitive (each, src->n_sessions > 0);

  crop = gtk_check_button_new_with_mnemonic (_ ("C_rop to the treated area"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (crop), options->crop);
  g_signal_connect (crop, "toggled", G_CALLBACK (gimp_toggle_button_update),
                    &options->crop);
  gtk_box_pack_start (GTK_BOX (vbox), crop, FALSE, FALSE, 0);

  hbox   = gtk_hbox_new (FALSE, 6);
  label  = gtk_label_new_with_mnemonic (_ ("_Label:"));
  *entry = gtk_entry_new ();
  gtk_entry_set_text (GTK_ENTRY (*entry),
                      options->label && *options->label
                          ? options->label
                          : _ ("Simulation - not a treatment result"));
  gtk_entry_set_width_chars (GTK_ENTRY (*entry), 40);
  gtk_entry_set_activates_default (GTK_ENTRY (*entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), *entry);
  gimp_help_set_help_data (*entry,
                           _ ("Marks the pictures as a simulation; left "
                              "empty, the sheet says so in these words"),
                           NULL);
  gtk_box_pack_start (GTK_BOX (hbox), label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), *entry, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (vbox), hbox, FALSE, FALSE, 0);
  return vbox;
}

/* Asks for the options; FALSE when cancelled.  The label chosen is
 * written into label, of size bytes.
 */
static gboolean
ask_options (const SmpSheetSource *src, SmpSheetOptions *options, gchar *label,
             gsize size)
{
  GtkWidget *dialog, *entry;
  gboolean   ok;

  gimp_ui_init (PLUG_IN_BINARY, FALSE);
  dialog = gimp_dialog_new (_ ("Scalp Micropigmentation Sheet"), PLUG_IN_ROLE,
                            NULL, 0, gimp_standard_help_func, SHEET_PROC,
                            _ ("_Cancel"), GTK_RESPONSE_CANCEL, _ ("_OK"),
                            GTK_RESPONSE_OK, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gimp_window_set_transient (GTK_WINDOW (dialog));
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))),
      options_box (src, options, &entry), TRUE, TRUE, 0);
  gtk_widget_show_all (dialog);

  ok = gimp_dialog_run (GIMP_DIALOG (dialog)) == GTK_RESPONSE_OK;
  if (ok)
    {
      g_strlcpy (label, gtk_entry_get_text (GTK_ENTRY (entry)), size);
      options->label = label;
    }
  gtk_widget_destroy (dialog);
  return ok;
}

/* The options a run uses: the caller's, else the last ones, asked for
 * again in interactive mode.  FALSE when the user cancels.
 */
static gboolean
choose_options (const SmpSheetSource *src, GimpRunMode run_mode,
                SmpSheetOptions *options, LastOptions *last)
{
  if (run_mode == GIMP_RUN_NONINTERACTIVE)
    return TRUE;

  options->panels
      = src->n_sessions > 0 ? SMP_SHEET_EACH_SESSION : SMP_SHEET_BEFORE_AFTER;
  options->crop  = SMP_SHEET_WHOLE;
  options->label = NULL;
  if (gimp_get_data_size (SHEET_PROC) == sizeof (LastOptions))
    {
      gimp_get_data (SHEET_PROC, last);
      last->label[sizeof (last->label) - 1] = '\0';
      if (last->panels != SMP_SHEET_EACH_SESSION || src->n_sessions > 0)
        options->panels = last->panels;
      options->crop  = last->crop;
      options->label = last->label;
    }
  if (run_mode != GIMP_RUN_INTERACTIVE)
    return TRUE;
  return ask_options (src, options, last->label, sizeof (last->label));
}

/* The options of an interactive run, for the next. */
static void
remember (const SmpSheetOptions *chosen, LastOptions *last)
{
  last->panels = chosen->panels;
  last->crop   = chosen->crop;
  if (chosen->label != last->label)
    g_strlcpy (last->label, chosen->label ? chosen->label : "",
               sizeof (last->label));
  gimp_set_data (SHEET_PROC, last, sizeof (*last));
}

gint32
smp_sheet_run (gint32 image, GimpRunMode run_mode,
               const SmpSheetOptions *options, GimpPDBStatusType *status,
               gchar **message)
{
  SmpSheetOptions chosen = *options;
  LastOptions     last   = { 0 };
  SmpSheetSource  src    = { 0 };
  SmpOutcome      out    = { GIMP_PDB_SUCCESS, NULL };
  gint32          sheet  = -1;

  if (! gimp_image_is_valid (image))
    smp_fail (&out, GIMP_PDB_CALLING_ERROR,
              g_strdup_printf (_ ("image %d is not an open image"), image));
  else if ((run_mode != GIMP_RUN_NONINTERACTIVE
            || smp_sheet_options_ok (options, &out))
           && smp_sheet_source_init (&src, image, &out))
    {
      if (! choose_options (&src, run_mode, &chosen, &last))
        smp_fail (&out, GIMP_PDB_CANCEL, NULL);
      else
        sheet = smp_sheet_make (&src, &chosen, &out);
    }
  smp_sheet_source_clear (&src);

  if (sheet >= 0 && run_mode == GIMP_RUN_INTERACTIVE)
    remember (&chosen, &last);
  if (sheet >= 0 && run_mode != GIMP_RUN_NONINTERACTIVE)
    {
      gimp_display_new (sheet);
      gimp_displays_flush ();
    }
  *status  = out.status;
  *message = out.message;
  return sheet;
}
