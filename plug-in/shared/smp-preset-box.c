/* scalp-micropigmentation: the presets row of the filter's dialog.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-preset-box.h"

#include <errno.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "smp-intl.h"
#include "smp-plugin.h"
#include "smp-presets.h"
#include "smp-user-presets.h"

/* Where the user's presets start among the list's values; "Custom" is
 * -1, a built-in preset its index.
 */
#define USER_PRESET 1000

struct _SmpPresetBox
{
  SmpParams *params;
  void (*applied) (gpointer data);
  gpointer   data;
  GtkWidget *widget, *label, *combo, *about, *rename, *delete;
  GPtrArray *user_presets;
  gboolean   updating; /* the list being set, not chosen from */
};

static GtkWidget *
box_new (GtkOrientation orientation, gint spacing)
{
#if GTK_CHECK_VERSION(3, 0, 0)
  return gtk_box_new (orientation, spacing);
#else
  return orientation == GTK_ORIENTATION_HORIZONTAL
             ? gtk_hbox_new (FALSE, spacing)
             : gtk_vbox_new (FALSE, spacing);
#endif
}

static void
align_start (GtkWidget *label)
{
#if GTK_CHECK_VERSION(3, 0, 0)
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
#else
  gtk_misc_set_alignment (GTK_MISC (label), 0.0, 0.5);
#endif
}

/* The list's value for the preset whose values the dialog has, or -1. */
static gint
matching (const SmpPresetBox *box)
{
  const gint index = smp_presets_matching (box->params);

  if (index >= 0)
    return index;
  for (guint k = 0; k < box->user_presets->len; k++)
    if (smp_user_preset_matches (g_ptr_array_index (box->user_presets, k),
                                 box->params))
      return USER_PRESET + (gint) k;
  return -1;
}

void
smp_preset_box_update (SmpPresetBox *box)
{
  const gint       value = matching (box);
  guint            n;
  const SmpPreset *presets = smp_presets_table (&n);
  const gchar     *about = value >= USER_PRESET ? _ ("One of your own presets")
                           : value >= 0         ? _ (presets[value].description)
                                                : _ ("Your own values");

  box->updating = TRUE;
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (box->combo), value);
  box->updating = FALSE;
  gtk_label_set_text (GTK_LABEL (box->about), about);
  gimp_help_set_help_data (box->combo, about, NULL);
  gtk_widget_set_sensitive (box->rename, value >= USER_PRESET);
  gtk_widget_set_sensitive (box->delete, value >= USER_PRESET);
}

/* Choosing a preset applies it; "Custom" keeps the values as they are. */
static void
chosen (GtkWidget *combo, SmpPresetBox *box)
{
  guint            n;
  const SmpPreset *presets = smp_presets_table (&n);
  gint             value;

  if (box->updating
      || ! gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (combo), &value)
      || value < 0)
    return;

  if (value >= USER_PRESET)
    smp_user_preset_apply (
        g_ptr_array_index (box->user_presets, value - USER_PRESET),
        box->params);
  else if (value < (gint) n)
    smp_preset_apply (&presets[value], box->params);
  box->applied (box->data);
}

/* The list's choices: "Custom", the presets, then the user's. */
static void
fill (SmpPresetBox *box)
{
  GimpIntComboBox *combo = GIMP_INT_COMBO_BOX (box->combo);
  guint            n;
  const SmpPreset *presets = smp_presets_table (&n);
  GtkListStore    *store   = g_object_new (GIMP_TYPE_INT_STORE, NULL);

  /* A new store each time: a GimpIntStore emptied keeps a row of its own. */
  box->updating = TRUE;
  gtk_combo_box_set_model (GTK_COMBO_BOX (combo), GTK_TREE_MODEL (store));
  g_object_unref (store);
  gimp_int_combo_box_append (combo, GIMP_INT_STORE_VALUE, -1,
                             GIMP_INT_STORE_LABEL, _ ("Custom"), -1);
  for (guint i = 0; i < n; i++)
    gimp_int_combo_box_append (combo, GIMP_INT_STORE_VALUE, (gint) i,
                               GIMP_INT_STORE_LABEL, _ (presets[i].name), -1);
  for (guint k = 0; k < box->user_presets->len; k++)
    gimp_int_combo_box_append (
        combo, GIMP_INT_STORE_VALUE, USER_PRESET + (gint) k,
        GIMP_INT_STORE_LABEL,
        ((SmpUserPreset *) g_ptr_array_index (box->user_presets, k))->name, -1);
  box->updating = FALSE;
}

/* Keeps the user's presets and shows them. */
static void
user_presets_changed (SmpPresetBox *box)
{
  g_autoptr (GError) error = NULL;

  if (! smp_user_presets_save (box->user_presets, &error))
    g_message (_ ("Could not keep the presets: %s"),
               error ? error->message : g_strerror (errno));
  fill (box);
  smp_preset_box_update (box);
}

/* Asks for a preset's name; NULL if none was given. */
static gchar *
ask_name (SmpPresetBox *box, const gchar *title, const gchar *initial)
{
  GtkWidget *dialog = gimp_dialog_new (
      title, PLUG_IN_ROLE, gtk_widget_get_toplevel (box->combo), 0, NULL, NULL,
      _ ("_Cancel"), GTK_RESPONSE_CANCEL, _ ("_OK"), GTK_RESPONSE_OK, NULL);
  GtkWidget *hbox  = box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  gchar     *name  = NULL;

  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_text (GTK_ENTRY (entry), initial);
  gtk_container_set_border_width (GTK_CONTAINER (hbox), 12);
  gtk_box_pack_start (GTK_BOX (hbox), gtk_label_new (_ ("Name:")), FALSE, FALSE,
                      0);
  gtk_box_pack_start (GTK_BOX (hbox), entry, TRUE, TRUE, 0);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), hbox, TRUE,
      TRUE, 0);
  gtk_widget_show_all (hbox);

  if (gimp_dialog_run (GIMP_DIALOG (dialog)) == GTK_RESPONSE_OK)
    {
      /* A key file's group name holds no brackets and no line break. */
      name = g_strstrip (g_strdelimit (
          g_strdup (gtk_entry_get_text (GTK_ENTRY (entry))), "[]\n\r", ' '));
      if (! *name)
        g_clear_pointer (&name, g_free);
    }
  gtk_widget_destroy (dialog);
  return name;
}

static SmpUserPreset *
chosen_user_preset (SmpPresetBox *box)
{
  gint value;

  if (! gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (box->combo), &value)
      || value < USER_PRESET)
    return NULL;
  return g_ptr_array_index (box->user_presets, value - USER_PRESET);
}

static void
save_clicked (GtkWidget *button G_GNUC_UNUSED, SmpPresetBox *box)
{
  g_autofree gchar *name = ask_name (box, _ ("Save Preset"), _ ("My preset"));

  if (name)
    {
      smp_user_presets_put (box->user_presets, name, box->params);
      user_presets_changed (box);
    }
}

static void
rename_clicked (GtkWidget *button G_GNUC_UNUSED, SmpPresetBox *box)
{
  SmpUserPreset    *preset = chosen_user_preset (box);
  g_autofree gchar *name
      = preset ? ask_name (box, _ ("Rename Preset"), preset->name) : NULL;

  if (name)
    {
      const SmpParams params = preset->params;

      g_ptr_array_remove (box->user_presets, preset);
      smp_user_presets_put (box->user_presets, name, &params);
      user_presets_changed (box);
    }
}

static void
delete_clicked (GtkWidget *button G_GNUC_UNUSED, SmpPresetBox *box)
{
  SmpUserPreset *preset = chosen_user_preset (box);

  if (preset)
    {
      g_ptr_array_remove (box->user_presets, preset);
      user_presets_changed (box);
    }
}

static GtkWidget *
icon_button (const gchar *icon, const gchar *tip, GCallback clicked,
             SmpPresetBox *box)
{
  GtkWidget *button = gtk_button_new ();

  gtk_container_add (GTK_CONTAINER (button),
                     gtk_image_new_from_icon_name (icon, GTK_ICON_SIZE_MENU));
  gimp_help_set_help_data (button, tip, NULL);
  g_signal_connect (button, "clicked", clicked, box);
  return button;
}

SmpPresetBox *
smp_preset_box_new (SmpParams *params, void (*applied) (gpointer data),
                    gpointer   data)
{
  SmpPresetBox *box  = g_new0 (SmpPresetBox, 1);
  GtkWidget    *hbox = box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget    *save = icon_button (GIMP_ICON_DOCUMENT_SAVE,
                                    _ ("Save these values as a preset"),
                                    G_CALLBACK (save_clicked), box);

  box->params       = params;
  box->applied      = applied;
  box->data         = data;
  box->user_presets = smp_user_presets_load ();
  box->widget       = box_new (GTK_ORIENTATION_VERTICAL, 2);
  box->label        = gtk_label_new_with_mnemonic (_ ("Pre_sets:"));
  box->combo        = g_object_new (GIMP_TYPE_INT_COMBO_BOX, NULL);
  box->rename       = icon_button (GIMP_ICON_EDIT, _ ("Rename this preset"),
                                   G_CALLBACK (rename_clicked), box);
  box->delete = icon_button (GIMP_ICON_EDIT_DELETE, _ ("Delete this preset"),
                             G_CALLBACK (delete_clicked), box);
  fill (box);

  box->about = gtk_label_new (NULL);
  align_start (box->about);
  gimp_label_set_attributes (GTK_LABEL (box->about), PANGO_ATTR_STYLE,
                             PANGO_STYLE_ITALIC, -1);

  gtk_label_set_mnemonic_widget (GTK_LABEL (box->label), box->combo);
  gtk_box_pack_start (GTK_BOX (hbox), box->label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), box->combo, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), save, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), box->rename, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), box->delete, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box->widget), hbox, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box->widget), box->about, FALSE, FALSE, 0);
  g_signal_connect (box->combo, "changed", G_CALLBACK (chosen), box);
  smp_preset_box_update (box);
  gtk_widget_show_all (box->widget);
  return box;
}

void
smp_preset_box_free (SmpPresetBox *box)
{
  g_ptr_array_unref (box->user_presets);
  g_free (box);
}

GtkWidget *
smp_preset_box_widget (SmpPresetBox *box)
{
  return box->widget;
}

GtkWidget *
smp_preset_box_label (SmpPresetBox *box)
{
  return box->label;
}
