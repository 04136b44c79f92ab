/* scalp-micropigmentation: the filter's dialog.
 *
 * Every control comes from the parameter table: its label, range, default
 * and tooltip.  The preview renders the visible rectangle with the same
 * engine call as OK, from the same layout, so what it shows is what OK
 * makes there.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-dialog.h"

#include <libgimp/gimpui.h>
#include <math.h>
#include <string.h>

#include "smp-calibrate.h"
#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-pixels.h"
#include "smp-preview.h"
#include "smp-plugin.h"
#include "smp-preset-box.h"

/* Columns of a frame's table: label, slider, value, unit. */
#define COLUMNS 4

#define RESPONSE_RESET 1
#define SCALE_WIDTH 160
#define SPIN_WIDTH 6

typedef struct
{
  SmpParams      *params;
  SmpPreview      view;        /* the preview and the placement behind it */
  GtkAdjustment **adjustments; /* one per parameter, by its index */
  SmpPresetBox   *presets;
  GtkWidget      *color_button;
  GtkWidget      *output_combo;
  GtkWidget      *sheet;        /* "Make a consultation sheet"... */
  gint            make_sheet;   /* ...and whether it is checked */
  GtkWidget      *scale_source; /* where scale 0 comes from */
  GtkWidget      *readout;
  GtkWidget      *from_hair; /* takes the pigment from the hair */
  GtkWidget      *warning;   /* what to watch out for, beside an icon */
  GtkWidget      *warning_icon;
  /* The labels, and the units, of every frame as wide as the widest, so
   * that the sliders line up from frame to frame.
   */
  GtkSizeGroup *labels, *units;
  gint32        image;
  gboolean      updating;  /* widgets being set from params */
  gint          n_earlier; /* layers of an earlier treatment */
  gint          replace;   /* whether they go, when there are any */
  guint32       seed;
  gboolean      randomize;
} Dialog;

static void show_params (Dialog *d);

/* The readout's three parts, in their labels, and the icon beside any
 * warning.
 */
static void
update_readout (Dialog *d)
{
  if (d->from_hair)
    gtk_widget_set_sensitive (d->from_hair,
                              smp_preview_hair_pigment (&d->view, NULL));
  gtk_widget_set_visible (
      d->warning_icon,
      smp_readout_show (&d->view, d->scale_source, d->readout, d->warning));
}

/* Measure: the scale from the image's active path, as the calibration
 * procedure sets it, and the filter then takes it (scale 0).
 */
static void
measure_clicked (GtkWidget *button G_GNUC_UNUSED, Dialog *d)
{
  GimpPDBStatusType status;
  g_autofree gchar *message = NULL;
  gdouble           scale;

  if (gimp_image_get_active_vectors (d->image) <= 0)
    {
      gtk_label_set_text (GTK_LABEL (d->scale_source),
                          _ ("Draw a path with the Paths tool across something "
                             "of known size in the photo, then Measure."));
      return;
    }

  scale
      = smp_calibrate (d->image, GIMP_RUN_INTERACTIVE, 0.0, &status, &message);
  if (status != GIMP_PDB_SUCCESS)
    {
      if (message)
        gtk_label_set_text (GTK_LABEL (d->scale_source), message);
      return;
    }

  d->view.image_scale = scale;
  d->params->scale    = 0.0;
  show_params (d);
}

static void
params_changed (Dialog *d)
{
  if (d->updating)
    return;

  smp_preset_box_update (d->presets);
  update_readout (d);
  gimp_preview_invalidate (GIMP_PREVIEW (d->view.preview));
}

static void
adjustment_changed (GtkAdjustment *adj, Dialog *d)
{
  const SmpParamDesc *desc = g_object_get_data (G_OBJECT (adj), "smp-desc");

  smp_param_set (d->params, desc, gtk_adjustment_get_value (adj));
  params_changed (d);
}

static void
color_changed (GimpColorButton *button, Dialog *d)
{
  GimpRGB rgb;

  gimp_color_button_get_color (button, &rgb);
  d->params->pigment = (SmpColor){ rgb.r, rgb.g, rgb.b };
  params_changed (d);
}

/* From Hair: the pigment for the hair the field found. */
static void
pigment_from_hair (Dialog *d)
{
  SmpColor pigment;
  GimpRGB  rgb;

  if (! smp_preview_hair_pigment (&d->view, &pigment))
    return;
  gimp_rgba_set (&rgb, pigment.r, pigment.g, pigment.b, 1.0);
  /* The button says what changed, and the dialog follows. */
  gimp_color_button_set_color (GIMP_COLOR_BUTTON (d->color_button), &rgb);
}

static void
output_changed (GtkWidget *combo, Dialog *d)
{
  gint value;

  if (gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (combo), &value))
    d->params->output = value;
  /* A sheet needs the filter's layers: what output 0 draws cannot be told
   * apart from the photo.
   */
  if (d->sheet)
    gtk_widget_set_sensitive (d->sheet,
                              d->params->output != SMP_OUTPUT_DRAWABLE);
}

static void
seed_changed (GtkAdjustment *adj, Dialog *d)
{
  d->params->seed = (gint) (guint32) gtk_adjustment_get_value (adj);
  params_changed (d);
}

/* Puts params into every widget without reacting to the changes. */
static void
show_params (Dialog *d)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);
  const GimpRGB       rgb   = { d->params->pigment.r, d->params->pigment.g,
                                d->params->pigment.b, 1.0 };

  d->updating = TRUE;
  for (guint i = 0; i < n; i++)
    if (d->adjustments[i])
      gtk_adjustment_set_value (d->adjustments[i],
                                smp_param_get (d->params, &table[i]));
  gimp_color_button_set_color (GIMP_COLOR_BUTTON (d->color_button), &rgb);
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (d->output_combo),
                                 d->params->output);
  d->updating = FALSE;
  params_changed (d);
}

static void
reset (Dialog *d)
{
  const gint seed = d->params->seed;

  smp_params_defaults (d->params);
  d->params->seed = seed; /* a random choice, not a setting */
  show_params (d);
}

static void
add_slider (Dialog *d, GtkWidget *table, gint row, const SmpParamDesc *desc,
            guint index)
{
  const gdouble  lo = desc->zero_is_auto ? 0.0 : desc->min;
  GtkAdjustment *adj;
  GtkWidget     *unit;

  adj = GTK_ADJUSTMENT (gimp_scale_entry_new (
      GTK_TABLE (table), 0, row, _ (desc->label), SCALE_WIDTH, SPIN_WIDTH,
      smp_param_get (d->params, desc), desc->ui_min, desc->ui_max, desc->step,
      desc->page, desc->digits, FALSE, lo, desc->max, _ (desc->blurb), NULL));

  /* The unit beside the value, where it has one. */
  unit = gtk_label_new (*desc->unit ? _ (desc->unit) : NULL);
  gtk_misc_set_alignment (GTK_MISC (unit), 0.0, 0.5);
  gtk_table_attach (GTK_TABLE (table), unit, 3, 4, row, row + 1, GTK_FILL, 0, 0,
                    0);
  gtk_size_group_add_widget (d->units, unit);
  gtk_size_group_add_widget (d->labels, GIMP_SCALE_ENTRY_LABEL (adj));

  /* Enter in a value's field applies, as in GIMP's own filters. */
  gtk_entry_set_activates_default (
      GTK_ENTRY (GIMP_SCALE_ENTRY_SPINBUTTON (adj)), TRUE);
  g_object_set_data (G_OBJECT (adj), "smp-desc", (gpointer) desc);
  g_signal_connect (adj, "value-changed", G_CALLBACK (adjustment_changed), d);
  d->adjustments[index] = adj;
}

static void
add_color (Dialog *d, GtkWidget *table, gint row, const SmpParamDesc *desc)
{
  const GimpRGB rgb = { d->params->pigment.r, d->params->pigment.g,
                        d->params->pigment.b, 1.0 };

  GtkWidget *hbox = gtk_hbox_new (FALSE, 6);
  GtkWidget *label;

  d->color_button = gimp_color_button_new (_ ("Pigment"), 64, 20, &rgb,
                                           GIMP_COLOR_AREA_FLAT);
  gimp_help_set_help_data (d->color_button, _ (desc->blurb), NULL);
  d->from_hair = smp_preview_hair_button ();
  g_signal_connect_swapped (d->from_hair, "clicked",
                            G_CALLBACK (pigment_from_hair), d);
  gtk_box_pack_start (GTK_BOX (hbox), d->color_button, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), d->from_hair, FALSE, FALSE, 0);
  label = gimp_table_attach_aligned (GTK_TABLE (table), 0, row, _ (desc->label),
                                     0.0, 0.5, hbox, 2, TRUE);
  /* The label's key goes to the colour, not to the row. */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), d->color_button);
  gtk_size_group_add_widget (d->labels, label);
  g_signal_connect (d->color_button, "color-changed",
                    G_CALLBACK (color_changed), d);
}

static void
add_choice (Dialog *d, GtkWidget *table, gint row, const SmpParamDesc *desc)
{
  d->output_combo = g_object_new (GIMP_TYPE_INT_COMBO_BOX, NULL);
  for (gint i = 0; desc->choices[i]; i++)
    gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (d->output_combo),
                               GIMP_INT_STORE_VALUE, i, GIMP_INT_STORE_LABEL,
                               _ (desc->choices[i]), -1);
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (d->output_combo),
                                 d->params->output);
  gimp_help_set_help_data (d->output_combo, _ (desc->blurb), NULL);
  gtk_size_group_add_widget (
      d->labels,
      gimp_table_attach_aligned (GTK_TABLE (table), 0, row, _ (desc->label),
                                 0.0, 0.5, d->output_combo, 2, FALSE));
  g_signal_connect (d->output_combo, "changed", G_CALLBACK (output_changed), d);
}

/* When the image already has layers from the filter: whether a second
 * run replaces them, as it does unless told otherwise, or goes on top.
 */
static void
add_earlier (Dialog *d, GtkWidget *table, gint row)
{
  g_autofree gchar *text = g_strdup_printf (
      ngettext ("The image already has a layer from this filter.",
                "The image already has %d layers from this filter.",
                d->n_earlier),
      d->n_earlier);
  GtkWidget *note = gtk_label_new (text);
  GtkWidget *combo
      = gimp_int_combo_box_new (_ ("Replace the earlier treatment"), TRUE,
                                _ ("Add this treatment on top"), FALSE, NULL);

  d->replace = TRUE;
  gtk_misc_set_alignment (GTK_MISC (note), 0.0, 0.5);
  gtk_label_set_line_wrap (GTK_LABEL (note), TRUE);
  gtk_table_attach (GTK_TABLE (table), note, 0, COLUMNS, row, row + 1,
                    GTK_EXPAND | GTK_FILL, 0, 0, 0);
  gimp_int_combo_box_connect (GIMP_INT_COMBO_BOX (combo), TRUE,
                              G_CALLBACK (gimp_int_combo_box_get_active),
                              &d->replace);
  gtk_size_group_add_widget (
      d->labels, gimp_table_attach_aligned (GTK_TABLE (table), 0, row + 1,
                                            _ ("Previous _work:"), 0.0, 0.5,
                                            combo, 2, FALSE));
}

/* Under the output: the consultation sheet, made right after OK. */
static void
add_sheet (Dialog *d, GtkWidget *table, gint row)
{
  d->sheet
      = gtk_check_button_new_with_mnemonic (_ ("Ma_ke a consultation sheet"));
  gimp_help_set_help_data (d->sheet,
                           _ ("Then make a new image with the photo before "
                              "and after, labelled as a simulation"),
                           NULL);
  g_signal_connect (d->sheet, "toggled", G_CALLBACK (gimp_toggle_button_update),
                    &d->make_sheet);
  gtk_table_attach (GTK_TABLE (table), d->sheet, 1, COLUMNS, row, row + 1,
                    GTK_EXPAND | GTK_FILL, 0, 0, 0);
  output_changed (d->output_combo, d);
}

static void
add_seed (Dialog *d, GtkWidget *table, gint row)
{
  GtkWidget *hbox;

  d->seed = (guint32) d->params->seed;
  hbox    = gimp_random_seed_new (&d->seed, &d->randomize);
  gtk_table_attach (GTK_TABLE (table), hbox, 0, COLUMNS, row, row + 1,
                    GTK_EXPAND | GTK_FILL, 0, 0, 0);
  g_signal_connect (GIMP_RANDOM_SEED_SPINBUTTON_ADJ (hbox), "value-changed",
                    G_CALLBACK (seed_changed), d);
}

/* Warnings, in the theme's colours beside GTK's warning icon, in room
 * kept for three lines so that the dialog does not jump when they come
 * and go.
 */
static void
add_warning_area (Dialog *d, GtkWidget *table, gint row)
{
  GtkWidget *hbox = gtk_hbox_new (FALSE, 6);

  d->warning_icon = gtk_image_new_from_icon_name (GIMP_ICON_DIALOG_WARNING,
                                                  GTK_ICON_SIZE_BUTTON);
  gtk_misc_set_alignment (GTK_MISC (d->warning_icon), 0.5, 0.0);
  d->warning = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (d->warning), TRUE);
  gtk_misc_set_alignment (GTK_MISC (d->warning), 0.0, 0.0);

  gtk_widget_set_size_request (hbox, -1,
                               smp_readout_lines_height (d->warning, 3));

  gtk_box_pack_start (GTK_BOX (hbox), d->warning_icon, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), d->warning, TRUE, TRUE, 0);
  gtk_table_attach (GTK_TABLE (table), hbox, 0, COLUMNS, row, row + 1,
                    GTK_EXPAND | GTK_FILL, 0, 0, 0);
}

/* Where scale 0 comes from, and a button that measures it. */
static void
add_scale_source (Dialog *d, GtkWidget *table, gint row)
{
  GtkWidget *hbox    = gtk_hbox_new (FALSE, 6);
  GtkWidget *measure = gtk_button_new_with_mnemonic (_ ("_Measure"));

  d->scale_source = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (d->scale_source), TRUE);
  gtk_misc_set_alignment (GTK_MISC (d->scale_source), 0.0, 0.5);
  gimp_help_set_help_data (measure,
                           _ ("Set the image's scale from a path across "
                              "something of known size"),
                           NULL);
  g_signal_connect (measure, "clicked", G_CALLBACK (measure_clicked), d);
  gtk_box_pack_start (GTK_BOX (hbox), d->scale_source, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), measure, FALSE, FALSE, 0);
  gtk_table_attach (GTK_TABLE (table), hbox, 0, COLUMNS, row, row + 1,
                    GTK_EXPAND | GTK_FILL, 0, 0, 0);
}

/* Under the scale: where it comes from, the readout and the warnings. */
static void
add_readout (Dialog *d, GtkWidget *table, gint row)
{
  add_scale_source (d, table, row++);
  d->readout = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (d->readout), TRUE);
  gtk_misc_set_alignment (GTK_MISC (d->readout), 0.0, 0.5);
  gtk_table_attach (GTK_TABLE (table), d->readout, 0, COLUMNS, row, row + 1,
                    GTK_EXPAND | GTK_FILL, 0, 0, 0);
  add_warning_area (d, table, row + 1);
}

/* One frame per group of the parameter table, each parameter's control in
 * table order within it.
 */
static GtkWidget *
build_controls (Dialog *d)
{
  GtkWidget          *vbox = gtk_vbox_new (FALSE, 8);
  GtkWidget          *tables[SMP_N_GROUPS];
  gint                rows[SMP_N_GROUPS] = { 0 };
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  d->labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  d->units  = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  for (gint g = 0; g < SMP_N_GROUPS; g++)
    {
      GtkWidget *frame = gimp_frame_new (_ (smp_params_group_title (g)));

      tables[g] = gtk_table_new (1, COLUMNS, FALSE);
      gtk_table_set_col_spacings (GTK_TABLE (tables[g]), 6);
      gtk_table_set_row_spacings (GTK_TABLE (tables[g]), 4);
      gtk_container_add (GTK_CONTAINER (frame), tables[g]);
      gtk_box_pack_start (GTK_BOX (vbox), frame, FALSE, FALSE, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *desc = &table[i];
      GtkWidget          *t    = tables[desc->group];
      const gint          row  = rows[desc->group]++;

      switch (desc->widget)
        {
        case SMP_WIDGET_SLIDER:
          add_slider (d, t, row, desc, i);
          break;
        case SMP_WIDGET_COLOR:
          add_color (d, t, row, desc);
          break;
        case SMP_WIDGET_CHOICE:
          add_choice (d, t, row, desc);
          break;
        case SMP_WIDGET_SEED:
          add_seed (d, t, row);
          break;
        }
    }

  add_sheet (d, tables[SMP_GROUP_TREATMENT], rows[SMP_GROUP_TREATMENT]++);
  if (d->n_earlier > 0)
    {
      add_earlier (d, tables[SMP_GROUP_TREATMENT], rows[SMP_GROUP_TREATMENT]);
      rows[SMP_GROUP_TREATMENT] += 2;
    }

  /* The widgets hold the groups from now on. */
  g_clear_object (&d->labels);
  g_clear_object (&d->units);

  add_readout (d, tables[SMP_GROUP_SCALE], rows[SMP_GROUP_SCALE]);
  gtk_widget_show_all (vbox);
  return vbox;
}

static GtkWidget *
build_dialog (Dialog *d, gint32 drawable)
{
  GtkWidget *dialog, *hbox, *right;

  dialog = gimp_dialog_new (
      _ ("Scalp Micropigmentation"), PLUG_IN_ROLE, NULL, 0,
      gimp_standard_help_func, PLUG_IN_PROC, _ ("R_eset"), RESPONSE_RESET,
      _ ("_Cancel"), GTK_RESPONSE_CANCEL, _ ("_OK"), GTK_RESPONSE_OK, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gtk_dialog_set_alternative_button_order (GTK_DIALOG (dialog), RESPONSE_RESET,
                                           GTK_RESPONSE_OK, GTK_RESPONSE_CANCEL,
                                           -1);
  gimp_window_set_transient (GTK_WINDOW (dialog));

  hbox = gtk_hbox_new (FALSE, 12);
  gtk_container_set_border_width (GTK_CONTAINER (hbox), 12);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), hbox, TRUE,
      TRUE, 0);

  gtk_box_pack_start (GTK_BOX (hbox), smp_preview_new (&d->view, drawable),
                      TRUE, TRUE, 0);

  right = gtk_vbox_new (FALSE, 8);
  gtk_box_pack_start (GTK_BOX (hbox), right, FALSE, FALSE, 0);
  d->presets
      = smp_preset_box_new (d->params, (void (*) (gpointer)) show_params, d);
  gtk_box_pack_start (GTK_BOX (right), smp_preset_box_widget (d->presets),
                      FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), build_controls (d), FALSE, FALSE, 0);

  gtk_widget_show_all (hbox);
  smp_preview_fit (&d->view, right, NULL);
  return dialog;
}

gboolean
smp_dialog_run (gint32 image, gint32 drawable, SmpParams *params,
                gint n_earlier, SmpDialogWork *work)
{
  Dialog     d;
  GtkWidget *dialog;
  gint       response;
  guint      n;
  SmpParams  chosen;

  smp_params_table (&n);
  memset (&d, 0, sizeof (d));
  d.params               = params;
  d.image                = image;
  d.view.params          = params;
  d.view.field_read      = (void (*) (gpointer)) update_readout;
  d.view.field_read_data = &d;
  d.view.has_pixels      = smp_target_init (&d.view.target, image, drawable);
  d.n_earlier            = n_earlier;
  d.adjustments          = g_new0 (GtkAdjustment *, n);
  d.view.image_scale     = smp_filter_resolution_scale (image);

  gimp_ui_init (PLUG_IN_BINARY, TRUE);
  dialog = build_dialog (&d, drawable);
  smp_preset_box_update (d.presets);
  update_readout (&d);
  gtk_widget_show (dialog);
  while (gtk_events_pending ())
    gtk_main_iteration ();
  smp_preview_first_zoom (&d.view);
  /* Density first, the value most often changed; not the Preview check,
   * which Space would turn off.
   */
  gtk_widget_grab_focus (GIMP_SCALE_ENTRY_SPINBUTTON (
      d.adjustments[smp_params_lookup ("density") - smp_params_table (&n)]));

  while ((response = gimp_dialog_run (GIMP_DIALOG (dialog))) == RESPONSE_RESET)
    reset (&d);

  gtk_widget_destroy (dialog);
  smp_preset_box_free (d.presets);
  g_free (d.adjustments);

  /* Randomize asks for a new seed on every run, as in GIMP's own filters. */
  if (response == GTK_RESPONSE_OK && d.randomize)
    params->seed = (gint) g_random_int ();

  /* OK while the chosen values are being placed: the filter needs just
   * that placement, so it finishes rather than starting over.
   */
  chosen       = *params;
  chosen.scale = smp_preview_scale (&d.view);
  smp_preview_stop (&d.view, response == GTK_RESPONSE_OK
                                 && smp_preview_placing (&d.view, &chosen));
  smp_target_clear (&d.view.target);

  work->field     = d.view.field;
  work->layout    = d.view.layout;
  work->placement = d.view.layout_params;
  work->replace   = d.n_earlier > 0 && d.replace;
  work->sheet     = d.make_sheet && params->output != SMP_OUTPUT_DRAWABLE;
  return response == GTK_RESPONSE_OK;
}
