/* scalp-micropigmentation: the filter's dialog in GIMP 3.
 *
 * A GimpProcedureDialog, which gives Load/Save Settings and Reset, with
 * the parameter table's groups as frames, the zoomable preview that shows
 * exactly what OK makes (the same preview as GIMP 2.10's), and the same
 * readout and warnings under the scale.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-dialog.h"

#include "smp-filter.h"
#include "smp-intl.h"
#include "smp-plugin.h"
#include "smp-treatment.h"

typedef struct
{
  GimpProcedureDialog *dialog;
  GimpProcedureConfig *config;
  gint                 n_earlier; /* layers of an earlier treatment */
  SmpParams            params;    /* config's values, for the preview */
  SmpPreview           view;
  GtkWidget           *scale_source, *readout, *warning;
} Dialog;

static void
update_readout (Dialog *d)
{
  smp_readout_show (&d->view, d->scale_source, d->readout, d->warning);
}

static void
config_changed (Dialog *d)
{
  g_free (smp_config_read (d->config, &d->params));
  /* A sheet needs the filter's layers: what output 0 draws cannot be told
   * apart from the photo.
   */
  gtk_widget_set_sensitive (
      gimp_procedure_dialog_get_widget (d->dialog, "sheet", G_TYPE_NONE),
      d->params.output != SMP_OUTPUT_DRAWABLE);
  update_readout (d);
  gimp_preview_invalidate (GIMP_PREVIEW (d->view.preview));
}

static GtkWidget *
wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  return label;
}

/* The output as a list of its choices, not a number. */
static void
output_combo (GimpProcedureDialog *dialog)
{
  const SmpParamDesc *output = smp_params_lookup ("output");
  GimpIntStore       *store
      = GIMP_INT_STORE (g_object_new (GIMP_TYPE_INT_STORE, NULL));

  for (gint i = 0; output->choices[i]; i++)
    gtk_list_store_insert_with_values (
        GTK_LIST_STORE (store), NULL, -1, GIMP_INT_STORE_VALUE, i,
        GIMP_INT_STORE_LABEL, _ (output->choices[i]), -1);
  /* The dialog takes the store. */
  gimp_procedure_dialog_get_int_combo (dialog, output->name, store);
}

/* A slider with the table's range, steps and decimals. */
static void
slider (GimpProcedureDialog *dialog, const SmpParamDesc *desc)
{
  GtkWidget *entry
      = gimp_procedure_dialog_get_scale_entry (dialog, desc->name, 1.0);

  gimp_scale_entry_set_bounds (GIMP_SCALE_ENTRY (entry), desc->ui_min,
                               desc->ui_max, FALSE);
  gimp_label_spin_set_increments (GIMP_LABEL_SPIN (entry), desc->step,
                                  desc->page);
  gimp_label_spin_set_digits (GIMP_LABEL_SPIN (entry), desc->digits);
}

/* One frame per group of the parameter table, in its order. */
static GtkWidget *
controls (GimpProcedureDialog *dialog, gint n_earlier)
{
  guint               n;
  const SmpParamDesc *table  = smp_params_table (&n);
  GList              *frames = NULL;
  GtkWidget          *box;

  output_combo (dialog);
  for (guint i = 0; i < n; i++)
    if (table[i].widget == SMP_WIDGET_SLIDER)
      slider (dialog, &table[i]);
  for (gint g = 0; g < SMP_N_GROUPS; g++)
    {
      g_autofree gchar *box_id   = g_strdup_printf ("group-%d", g);
      g_autofree gchar *title_id = g_strdup_printf ("title-%d", g);
      g_autofree gchar *frame_id = g_strdup_printf ("frame-%d", g);
      GList            *names    = NULL;

      for (guint i = 0; i < n; i++)
        if (table[i].group == (SmpGroup) g)
          names = g_list_append (names, (gpointer) table[i].name);
      /* Under the output: the sheet, and what becomes of earlier work. */
      if (g == SMP_GROUP_TREATMENT)
        names = g_list_append (names, "sheet");
      if (g == SMP_GROUP_TREATMENT && n_earlier > 0)
        names = g_list_append (names, "replace");
      gimp_procedure_dialog_fill_box_list (dialog, box_id, names);
      g_list_free (names);
      gimp_procedure_dialog_get_label (
          dialog, title_id, _ (smp_params_group_title (g)), FALSE, FALSE);
      gimp_procedure_dialog_fill_frame (dialog, frame_id, title_id, FALSE,
                                        box_id);
      frames = g_list_append (frames, g_strdup (frame_id));
    }
  box = gimp_procedure_dialog_fill_box_list (dialog, "controls", frames);
  g_list_free_full (frames, g_free);
  return box;
}

/* The mnemonics of the labels inside the buttons under widget. */
static void
button_keys (GtkWidget *widget, gpointer keys)
{
  if (GTK_IS_LABEL (widget)
      && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON))
    {
      const guint key = gdk_keyval_to_lower (
          gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      if (key != GDK_KEY_VoidSymbol)
        g_array_append_val (keys, key);
    }
  else if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), button_keys, keys);
}

/* GIMP 3's dialog has buttons that 2.10's has not (Load Saved Settings,
 * Save Settings): a label whose mnemonic one of them takes, in the user's
 * language, goes without one.
 */
static void
yield_mnemonics (GimpProcedureDialog *dialog)
{
  GArray             *keys = g_array_new (FALSE, FALSE, sizeof (guint));
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  button_keys (GTK_WIDGET (dialog), keys);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *widget = gimp_procedure_dialog_get_widget (
          dialog, table[i].name, G_TYPE_NONE);
      GtkWidget  *label = GIMP_IS_LABELED (widget)
                              ? gimp_labeled_get_label (GIMP_LABELED (widget))
                              : NULL;
      const guint key   = label ? gdk_keyval_to_lower (
                              gtk_label_get_mnemonic_keyval (GTK_LABEL (label)))
                                : GDK_KEY_VoidSymbol;

      for (guint k = 0; k < keys->len && key != GDK_KEY_VoidSymbol; k++)
        if (g_array_index (keys, guint, k) == key)
          {
            g_autofree gchar *shown
                = g_strdup (gtk_label_get_text (GTK_LABEL (label)));

            gtk_label_set_use_underline (GTK_LABEL (label), FALSE);
            gtk_label_set_text (GTK_LABEL (label), shown);
            break;
          }
    }
  g_array_free (keys, TRUE);
}

static GtkWidget *
build (Dialog *d, GimpProcedureDialog *dialog, GimpDrawable *drawable)
{
  GtkWidget *hbox  = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_container_set_border_width (GTK_CONTAINER (hbox), 12);
  gtk_box_pack_start (GTK_BOX (hbox), smp_preview_new (&d->view, drawable),
                      TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), right, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), controls (dialog, d->n_earlier), FALSE,
                      FALSE, 0);
  yield_mnemonics (dialog);
  d->scale_source = wrapping_label ();
  d->readout      = wrapping_label ();
  d->warning      = wrapping_label ();
  gtk_box_pack_start (GTK_BOX (right), d->scale_source, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), d->readout, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), d->warning, FALSE, FALSE, 0);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), hbox, TRUE,
      TRUE, 0);
  gtk_widget_show_all (hbox);
  return hbox;
}

/* An image the filter already treated: the dialog starts from that
 * treatment, the topmost layer's.
 */
static void
start_from_treatment (GimpProcedureConfig *config, GimpImage *image,
                      gint *n_earlier)
{
  SmpParams params;

  g_free (smp_config_read (config, &params));
  *n_earlier = smp_treatment_start (image, &params);
  if (*n_earlier > 0)
    smp_config_write (config, &params);
}

gboolean
smp_dialog_run (GimpProcedure *procedure, GimpProcedureConfig *config,
                GimpImage *image, GimpDrawable *drawable, SmpDialogWork *work)
{
  Dialog     d = { .config = config };
  GtkWidget *dialog;
  gboolean   ok, replace, sheet;
  SmpParams  chosen;

  start_from_treatment (config, image, &d.n_earlier);
  g_free (smp_config_read (config, &d.params));
  d.view.params          = &d.params;
  d.view.field_read      = (void (*) (gpointer)) update_readout;
  d.view.field_read_data = &d;
  d.view.has_pixels      = smp_target_init (&d.view.target, image, drawable);
  d.view.image_scale     = smp_filter_resolution_scale (image);

  gimp_ui_init (PLUG_IN_BINARY);
  dialog   = gimp_procedure_dialog_new (procedure, config,
                                        _ ("Scalp Micropigmentation"));
  d.dialog = GIMP_PROCEDURE_DIALOG (dialog);
  build (&d, d.dialog, drawable);
  config_changed (&d);
  g_signal_connect_swapped (config, "notify", G_CALLBACK (config_changed), &d);
  gtk_widget_show (dialog);
  while (gtk_events_pending ())
    gtk_main_iteration ();
  smp_preview_first_zoom (&d.view);

  ok = gimp_procedure_dialog_run (GIMP_PROCEDURE_DIALOG (dialog));
  g_signal_handlers_disconnect_by_data (config, &d);
  gtk_widget_destroy (dialog);

  /* OK while the chosen values are being placed: the filter needs just
   * that placement, so it finishes rather than starting over.
   */
  g_free (smp_config_read (config, &chosen));
  chosen.scale = smp_preview_scale (&d.view);
  smp_preview_stop (&d.view, ok && smp_preview_placing (&d.view, &chosen));
  smp_target_clear (&d.view.target);

  g_object_get (config, "replace", &replace, "sheet", &sheet, NULL);
  work->field     = d.view.field;
  work->layout    = d.view.layout;
  work->placement = d.view.layout_params;
  work->replace   = d.n_earlier > 0 && replace;
  work->sheet     = sheet && chosen.output != SMP_OUTPUT_DRAWABLE;
  return ok;
}
