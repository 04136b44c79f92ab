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

/* The length argument, checked and reported as the filter's arguments
 * are.
 */
static const SmpParamDesc length_param = { .name = "length",
                                           .type = SMP_PARAM_DOUBLE,
                                           .unit = N_ ("cm"),
                                           .min  = 0.1,
                                           .max  = 100,
                                           .def  = 1.0 };

/* Length along a curved stroke is summed in steps this fine, in pixels. */
#define LENGTH_PRECISION 0.05

void
smp_calibrate_query (void)
{
  static const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode",
      "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }" },
    { GIMP_PDB_IMAGE, "image", "Input image" },
    { GIMP_PDB_FLOAT, "length",
      "Real length, in cm, of what the active path's first stroke spans "
      "(0.1 to 100)" },
  };
  static const GimpParamDef return_vals[] = {
    { GIMP_PDB_FLOAT, "scale", "The image's new scale, pixels per cm" },
  };

  gimp_install_procedure (
      CALIBRATE_PROC,
      N_ ("Set the image's scale from a path across something of known "
          "size"),
      "Measures the first stroke of the image's active path (between its "
      "end anchors when it has two, along the stroke otherwise) and sets "
      "the image's resolution on both axes so that this many pixels make "
      "length cm.  GIMP's rulers in cm, the Measure tool and the scale 0 "
      "of plug-in-scalp-micropigmentation then speak scalp centimetres.  "
      "One undo step; refused, with nothing changed, without an active "
      "path, for a path of no length, or a length out of range.",
      "The scalp-micropigmentation authors",
      "GPL-3.0-or-later, the scalp-micropigmentation authors", "2026",
      N_ ("Scalp Micropigmentation _Calibrate..."), "*", GIMP_PLUGIN,
      G_N_ELEMENTS (args), G_N_ELEMENTS (return_vals), args, return_vals);
  gimp_plugin_menu_register (CALIBRATE_PROC, "<Image>/Filters/Render");
}

/* The first stroke's extent in pixels: between its end anchors when it
 * has two, else along it; 0 when there is no stroke.
 */
static gdouble
stroke_pixels (gint32 vectors)
{
  gint    n_strokes = 0, n_points = 0;
  gint   *strokes = gimp_vectors_get_strokes (vectors, &n_strokes);
  gdouble pixels  = 0.0;

  if (n_strokes > 0)
    {
      gdouble *p      = NULL;
      gboolean closed = FALSE;

      /* A Bézier stroke: in-handle, anchor, out-handle for each anchor. */
      gimp_vectors_stroke_get_points (vectors, strokes[0], &n_points, &p,
                                      &closed);
      if (n_points == 12 && ! closed)
        pixels = hypot (p[8] - p[2], p[9] - p[3]);
      else
        pixels = gimp_vectors_stroke_get_length (vectors, strokes[0],
                                                 LENGTH_PRECISION);
      g_free (p);
    }
  g_free (strokes);
  return pixels;
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
  spin  = gtk_spin_button_new_with_range (length_param.min, length_param.max,
                                          0.1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), *length);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_entry_set_activates_default (GTK_ENTRY (spin), TRUE);
  gtk_box_pack_start (GTK_BOX (hbox), label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), spin, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), gtk_label_new (_ (length_param.unit)),
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

  if (! smp_param_value_ok (&length_param, *length))
    *length = length_param.def;
  return ask_length (length);
}

gdouble
smp_calibrate (gint32 image, GimpRunMode run_mode, gdouble length,
               GimpPDBStatusType *status, gchar **message)
{
  gint32  vectors;
  gdouble pixels, scale;

  *status  = GIMP_PDB_SUCCESS;
  *message = NULL;
  if (! gimp_image_is_valid (image))
    {
      *status  = GIMP_PDB_CALLING_ERROR;
      *message = g_strdup_printf (_ ("image %d is not an open image"), image);
      return 0.0;
    }

  vectors = gimp_image_get_active_vectors (image);
  if (vectors <= 0)
    {
      *status  = GIMP_PDB_EXECUTION_ERROR;
      *message = g_strdup (_ ("The image has no active path: with the Paths "
                              "tool, click at both ends of something of "
                              "known size in the photo, then calibrate"));
      return 0.0;
    }

  if (! choose_length (run_mode, &length))
    {
      *status = GIMP_PDB_CANCEL;
      return 0.0;
    }

  if (! smp_param_value_ok (&length_param, length))
    {
      *status  = GIMP_PDB_CALLING_ERROR;
      *message = smp_range_message (&length_param, length);
      return 0.0;
    }

  pixels = stroke_pixels (vectors);
  if (! (pixels > 0.0))
    {
      *status  = GIMP_PDB_EXECUTION_ERROR;
      *message = g_strdup (_ ("The active path has no length: it needs a "
                              "stroke from one end of something of known "
                              "size to the other"));
      return 0.0;
    }

  scale = pixels / length;
  gimp_set_data (CALIBRATE_PROC, &length, sizeof (gdouble));
  gimp_image_undo_group_start (image);
  gimp_image_set_resolution (image, scale * 2.54, scale * 2.54);
  gimp_image_undo_group_end (image);
  if (run_mode == GIMP_RUN_INTERACTIVE)
    gimp_displays_flush ();
  return scale;
}
