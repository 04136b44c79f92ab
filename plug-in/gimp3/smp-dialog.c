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
#include "smp-preset-box.h"
#include "smp-scale.h"
#include "smp-treatment.h"

typedef struct
{
  GimpProcedureDialog *dialog;
  GimpProcedureConfig *config;
  gint                 n_earlier; /* layers of an earlier treatment */
  SmpParams            params;    /* config's values, for the preview */
  SmpPreview           view;
  SmpPresetBox        *presets;
  GtkWidget           *scale_source, *readout, *warning, *warning_icon;
  GtkWidget           *from_hair; /* takes the pigment from the hair */
  GtkWidget           *seed_box;  /* GimpRandomSeed's */
  guint32              seed;
  gboolean             randomize;
  GtkSizeGroup        *units; /* every unit as wide as the widest */
} Dialog;

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

/* The seed's spin button follows the config (Reset, saved settings). */
static void
show_seed (Dialog *d)
{
  GtkAdjustment *adj = GIMP_RANDOM_SEED_SPINBUTTON_ADJ (d->seed_box);

  /* GimpRandomSeed counts seeds from 0, the PDB from G_MININT32: both
   * are the same 32 bits.
   */
  if ((guint32) gtk_adjustment_get_value (adj) != (guint32) d->params.seed)
    gtk_adjustment_set_value (adj, (guint32) d->params.seed);
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
  show_seed (d);
  smp_preset_box_update (d->presets);
  update_readout (d);
  gimp_preview_invalidate (GIMP_PREVIEW (d->view.preview));
}

/* A preset chosen: its values go to config in one go, and the widgets
 * follow config.
 */
static void
preset_applied (Dialog *d)
{
  g_object_freeze_notify (G_OBJECT (d->config));
  smp_config_write (d->config, &d->params);
  g_object_thaw_notify (G_OBJECT (d->config));
}

/* From Hair: the pigment for the hair the field found, into config. */
static void
pigment_from_hair (Dialog *d)
{
  if (! smp_preview_hair_pigment (&d->view, &d->params.pigment))
    return;
  smp_config_write (d->config, &d->params);
}

/* The button beside the pigment's colour. */
static void
add_hair_button (Dialog *d, GimpProcedureDialog *dialog)
{
  GtkWidget *pigment
      = gimp_procedure_dialog_get_widget (dialog, "pigment", G_TYPE_NONE);

  d->from_hair = smp_preview_hair_button ();
  g_signal_connect_swapped (d->from_hair, "clicked",
                            G_CALLBACK (pigment_from_hair), d);
  gtk_grid_attach_next_to (
      GTK_GRID (pigment), d->from_hair,
      gimp_label_color_get_color_widget (GIMP_LABEL_COLOR (pigment)),
      GTK_POS_RIGHT, 1, 1);
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

/* Columns of a scale entry's grid: label, slider, value, then the unit. */
#define UNIT_COLUMN 3

/* The least width of a slider, in pixels, as wide as GIMP 2.10's. */
#define SLIDER_WIDTH 120

/* A slider with the table's range, steps and decimals, and its unit
 * after the value, as in GIMP 2.10.
 */
static void
slider (Dialog *d, GimpProcedureDialog *dialog, const SmpParamDesc *desc)
{
  GtkWidget *entry
      = gimp_procedure_dialog_get_scale_entry (dialog, desc->name, 1.0);
  GtkWidget *unit = gtk_label_new (*desc->unit ? _ (desc->unit) : NULL);

  gimp_scale_entry_set_bounds (GIMP_SCALE_ENTRY (entry), desc->ui_min,
                               desc->ui_max, FALSE);
  gimp_label_spin_set_increments (GIMP_LABEL_SPIN (entry), desc->step,
                                  desc->page);
  gimp_label_spin_set_digits (GIMP_LABEL_SPIN (entry), desc->digits);

  gtk_label_set_xalign (GTK_LABEL (unit), 0.0);
  gtk_grid_attach (GTK_GRID (entry), unit, UNIT_COLUMN, 0, 1, 1);
  gtk_size_group_add_widget (d->units, unit);
  gtk_widget_show (unit);
  /* The slider takes the room the unit leaves. */
  gtk_widget_set_hexpand (gimp_scale_entry_get_range (GIMP_SCALE_ENTRY (entry)),
                          TRUE);
  gtk_widget_set_size_request (
      gimp_scale_entry_get_range (GIMP_SCALE_ENTRY (entry)), SLIDER_WIDTH, -1);
}

static void
seed_changed (GtkAdjustment *adj, Dialog *d)
{
  g_object_set (d->config, "seed",
                (gint32) (guint32) gtk_adjustment_get_value (adj), NULL);
}

static void
randomize_toggled (GtkToggleButton *toggle, Dialog *d)
{
  g_object_set (d->config, "randomize", gtk_toggle_button_get_active (toggle),
                NULL);
}

/* The seed with New Seed and Randomize, as in GIMP 2.10: Randomize draws
 * a new seed each time the dialog opens.
 */
static GtkWidget *
seed_box (Dialog *d)
{
  gint seed;

  g_object_get (d->config, "seed", &seed, "randomize", &d->randomize, NULL);
  d->seed     = (guint32) seed;
  d->seed_box = gimp_random_seed_new (&d->seed, &d->randomize);
  g_object_set (d->config, "seed", (gint32) d->seed, NULL);
  g_signal_connect (GIMP_RANDOM_SEED_SPINBUTTON_ADJ (d->seed_box),
                    "value-changed", G_CALLBACK (seed_changed), d);
  g_signal_connect (GIMP_RANDOM_SEED_TOGGLE (d->seed_box), "toggled",
                    G_CALLBACK (randomize_toggled), d);
  gtk_widget_show_all (d->seed_box);
  return d->seed_box;
}

/* Measure: the scale from the image's active path, through the
 * calibration, which asks for the length it spans; the filter then takes
 * it (scale 0).
 */
static void
measure_clicked (GtkWidget *button G_GNUC_UNUSED, Dialog *d)
{
  SmpOutcome      out = { GIMP_PDB_SUCCESS, NULL };
  GimpValueArray *values;

  if (smp_scale_path (d->view.target.image, &out) == SMP_NO_PATH)
    {
      gtk_label_set_text (GTK_LABEL (d->scale_source), out.message);
      g_free (out.message);
      return;
    }

  values = gimp_procedure_run (
      gimp_pdb_lookup_procedure (gimp_get_pdb (), CALIBRATE_PROC), "run-mode",
      GIMP_RUN_INTERACTIVE, "image", d->view.target.image, NULL);
  if (GIMP_VALUES_GET_ENUM (values, 0) == GIMP_PDB_SUCCESS)
    {
      d->view.image_scale = GIMP_VALUES_GET_DOUBLE (values, 1);
      g_object_set (d->config, "scale", 0.0, NULL);
      config_changed (d);
    }
  gimp_value_array_unref (values);
}

/* Where scale 0 comes from, and a button that measures it. */
static GtkWidget *
scale_source_row (Dialog *d)
{
  GtkWidget *hbox    = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *measure = gtk_button_new_with_mnemonic (_ ("_Measure"));

  d->scale_source = wrapping_label ();
  gimp_help_set_help_data (measure,
                           _ ("Set the image's scale from a path across "
                              "something of known size"),
                           NULL);
  gtk_widget_set_valign (measure, GTK_ALIGN_CENTER);
  g_signal_connect (measure, "clicked", G_CALLBACK (measure_clicked), d);
  gtk_box_pack_start (GTK_BOX (hbox), d->scale_source, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), measure, FALSE, FALSE, 0);
  return hbox;
}

/* Warnings beside GTK's warning icon, in room kept for three lines so
 * that the dialog does not jump when they come and go.
 */
static GtkWidget *
warning_area (Dialog *d)
{
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  d->warning_icon = gtk_image_new_from_icon_name (GIMP_ICON_DIALOG_WARNING,
                                                  GTK_ICON_SIZE_BUTTON);
  gtk_widget_set_valign (d->warning_icon, GTK_ALIGN_START);
  gtk_widget_set_no_show_all (d->warning_icon, TRUE);
  d->warning = wrapping_label ();
  gtk_widget_set_valign (d->warning, GTK_ALIGN_START);

  gtk_widget_set_size_request (hbox, -1,
                               smp_readout_lines_height (d->warning, 3));

  gtk_box_pack_start (GTK_BOX (hbox), d->warning_icon, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), d->warning, TRUE, TRUE, 0);
  return hbox;
}

/* One frame per group of the parameter table, in its order. */
static GtkWidget *
controls (Dialog *d, GimpProcedureDialog *dialog)
{
  guint               n;
  const SmpParamDesc *table  = smp_params_table (&n);
  GList              *frames = NULL;
  GtkWidget          *box, *seed;

  output_combo (dialog);
  for (guint i = 0; i < n; i++)
    if (table[i].widget == SMP_WIDGET_SLIDER)
      slider (d, dialog, &table[i]);
  for (gint g = 0; g < SMP_N_GROUPS; g++)
    {
      g_autofree gchar *box_id   = g_strdup_printf ("group-%d", g);
      g_autofree gchar *title_id = g_strdup_printf ("title-%d", g);
      g_autofree gchar *frame_id = g_strdup_printf ("frame-%d", g);
      GList            *names    = NULL;

      /* The seed is GimpRandomSeed's, in a frame of its own below. */
      if (g == SMP_GROUP_SEED)
        continue;
      for (guint i = 0; i < n; i++)
        if (table[i].group == (SmpGroup) g)
          names = g_list_append (names, (gpointer) table[i].name);
      /* Under the output: the sheet, and what becomes of earlier work. */
      if (g == SMP_GROUP_TREATMENT)
        names = g_list_append (names, "sheet");
      if (g == SMP_GROUP_TREATMENT && d->n_earlier > 0)
        names = g_list_append (names, "replace");
      gimp_procedure_dialog_fill_box_list (dialog, box_id, names);
      g_list_free (names);
      gimp_procedure_dialog_get_label (
          dialog, title_id, _ (smp_params_group_title (g)), FALSE, FALSE);
      gimp_procedure_dialog_fill_frame (dialog, frame_id, title_id, FALSE,
                                        box_id);
      frames = g_list_append (frames, g_strdup (frame_id));
    }
  add_hair_button (d, dialog);
  box = gimp_procedure_dialog_fill_box_list (dialog, "controls", frames);
  g_list_free_full (frames, g_free);

  seed = gimp_frame_new (_ (smp_params_group_title (SMP_GROUP_SEED)));
  gtk_container_add (GTK_CONTAINER (seed), seed_box (d));
  gtk_box_pack_start (GTK_BOX (box), seed, FALSE, FALSE, 0);
  gtk_widget_show (seed);
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

static guint
mnemonic_key (GtkWidget *label)
{
  return gdk_keyval_to_lower (
      gtk_label_get_mnemonic_keyval (GTK_LABEL (label)));
}

/* Whether key is among the first n of keys. */
static gboolean
key_among (GArray *keys, guint n, guint key)
{
  for (guint k = 0; k < n; k++)
    if (g_array_index (keys, guint, k) == key)
      return TRUE;
  return FALSE;
}

/* Moves label's mnemonic to its first letter that no key in keys is,
 * adding it to keys; the label goes without one when there is none.
 */
static void
move_mnemonic (GtkWidget *label, GArray *keys)
{
  g_autofree gchar *shown = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  GString          *moved = g_string_new (NULL);
  gboolean          found = FALSE;

  for (const gchar *c = shown; *c; c = g_utf8_next_char (c))
    {
      const gunichar ch  = g_utf8_get_char (c);
      const guint    key = gdk_unicode_to_keyval (g_unichar_tolower (ch));

      if (! found && g_unichar_isalnum (ch)
          && ! key_among (keys, keys->len, key))
        {
          g_array_append_val (keys, key);
          g_string_append_c (moved, '_');
          found = TRUE;
        }
      else if (ch == '_')
        g_string_append_c (moved, '_');
      g_string_append_unichar (moved, ch);
    }
  if (found)
    gtk_label_set_text_with_mnemonic (GTK_LABEL (label), moved->str);
  else
    {
      gtk_label_set_use_underline (GTK_LABEL (label), FALSE);
      gtk_label_set_text (GTK_LABEL (label), shown);
    }
  g_string_free (moved, TRUE);
}

/* GIMP 3's dialog has buttons that 2.10's has not (Load Saved Settings,
 * Save Settings, Reset): a label whose key one of them takes, in the
 * user's language, moves its mnemonic to its first letter no other
 * label or button answers to, or goes without one.  The presets' label
 * comes first, as it is first in the dialog.
 */
static void
yield_mnemonics (Dialog *d, GimpProcedureDialog *dialog)
{
  GArray             *keys   = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray          *labels = g_ptr_array_new ();
  guint               n, n_buttons;
  const SmpParamDesc *table = smp_params_table (&n);

  button_keys (GTK_WIDGET (dialog), keys);
  n_buttons = keys->len;
  g_ptr_array_add (labels, smp_preset_box_label (d->presets));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *widget = gimp_procedure_dialog_get_widget (
          dialog, table[i].name, G_TYPE_NONE);

      if (GIMP_IS_LABELED (widget))
        g_ptr_array_add (labels,
                         gimp_labeled_get_label (GIMP_LABELED (widget)));
    }
  for (guint i = 0; i < labels->len; i++)
    {
      const guint key = mnemonic_key (g_ptr_array_index (labels, i));

      if (key != GDK_KEY_VoidSymbol)
        g_array_append_val (keys, key);
    }

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget  *label = g_ptr_array_index (labels, i);
      const guint key   = mnemonic_key (label);

      if (key != GDK_KEY_VoidSymbol && key_among (keys, n_buttons, key))
        move_mnemonic (label, keys);
    }
  g_ptr_array_free (labels, TRUE);
  g_array_free (keys, TRUE);
}

static GtkWidget *
build (Dialog *d, GimpProcedureDialog *dialog, GimpDrawable *drawable)
{
  GtkWidget *hbox  = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left  = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *below = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  /* The preview, and under it what it shows in numbers and the warnings,
   * in the room GIMP 2.10's dialog leaves empty: GIMP 3's own buttons
   * make this dialog taller.
   */
  gtk_container_set_border_width (GTK_CONTAINER (hbox), 12);
  gtk_box_pack_start (GTK_BOX (left), smp_preview_new (&d->view, drawable),
                      TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (left), below, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), left, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), right, FALSE, FALSE, 0);
  d->presets = smp_preset_box_new (&d->params,
                                   (void (*) (gpointer)) preset_applied, d);
  gtk_box_pack_start (GTK_BOX (right), smp_preset_box_widget (d->presets),
                      FALSE, FALSE, 0);
  d->units = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_box_pack_start (GTK_BOX (right), controls (d, dialog), FALSE, FALSE, 0);
  g_clear_object (&d->units);
  d->readout = wrapping_label ();
  gtk_box_pack_start (GTK_BOX (right), scale_source_row (d), FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (below), d->readout, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (below), warning_area (d), FALSE, FALSE, 0);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), hbox, TRUE,
      TRUE, 0);
  yield_mnemonics (d, dialog);
  gtk_widget_show_all (hbox);
  smp_preview_fit (&d->view, right, below);
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
  smp_preset_box_free (d.presets);

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
