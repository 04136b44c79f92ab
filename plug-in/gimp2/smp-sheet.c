/* scalp-micropigmentation: a consultation sheet, before and after.
 *
 * A clinic shows a patient the photo before, and how the treatment could
 * look after it or after each session.  The sheet is a new image: one
 * panel per state, each the photo flattened with the filter's layers of
 * that state shown, a caption above each, and a footer that says the
 * pictures are a simulation and what treatment they show.  All text is
 * GIMP text layers, so a clinic can still edit it.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-sheet.h"

#include <libgimp/gimpui.h>
#include <string.h>

#include "smp-intl.h"
#include "smp-pixels.h"
#include "smp-plugin.h"

#define SHEET_FONT "Sans-serif"
#define SHEET_BOLD_FONT "Sans-serif Bold"

/* Before, and after each of at most 4 sessions. */
#define MAX_PANELS 5

/* The captions' and the label's size, as a share of a panel's width, and
 * the smallest that stays readable on a screen.
 */
#define TEXT_SHARE (1.0 / 25.0)
#define TEXT_MIN 18.0
/* The treatment's lines, beside the captions. */
#define SMALL_TEXT 0.75

/* Around the treated area, when cropping to it: this share of its larger
 * side, so that the panel shows where on the head it is.
 */
#define CROP_MARGIN 0.25

/* The last options of an interactive run. */
typedef struct
{
  gint  panels;
  gint  crop;
  gchar label[512];
} LastOptions;

/* The treated image, as the sheet sees it. */
typedef struct
{
  gint32        image;
  gint32       *layers; /* the filter's, topmost first */
  gint          n_layers;
  gint          n_sessions; /* the last session with a layer of its own */
  SmpParams     treatment;  /* the topmost layer's */
  GeglRectangle area;       /* what each panel shows, in image pixels */
} Source;

typedef struct
{
  gchar *caption;
  gint   upto;  /* the sessions shown: 0 for none, G_MAXINT for all */
  gint32 layer; /* the panel's pixels, on the sheet */
  gint32 text;  /* its caption */
} Panel;

typedef struct
{
  gint32  image;
  Panel   panels[MAX_PANELS];
  gint    n_panels, cols, rows;
  gdouble text_size; /* of the captions and the label, in pixels */
  gint    margin;    /* around and between everything */
  gint    width;
  gint32  label, summary, pigment, swatch;
} Sheet;

static const GimpRGB ink = { 0.12, 0.12, 0.12, 1.0 };

void
smp_sheet_query (void)
{
  static const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode",
      "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }" },
    { GIMP_PDB_IMAGE, "image", "An image with layers from the filter" },
    { GIMP_PDB_INT32, "panels",
      "0 = before and after, 1 = before and after each session" },
    { GIMP_PDB_INT32, "crop",
      "0 = the whole image, 1 = the treated area's bounds with a margin" },
    { GIMP_PDB_STRING, "label",
      "Marks the pictures as a simulation; empty for the default, "
      "\"Simulation - not a treatment result\" in the user's language" },
  };
  static const GimpParamDef return_vals[] = {
    { GIMP_PDB_IMAGE, "sheet", "The new image" },
  };

  gimp_install_procedure (
      SHEET_PROC,
      N_ ("Make a consultation sheet: the photo before, and after the "
          "treatment"),
      "Makes a new image from an image treated with "
      "plug-in-scalp-micropigmentation at output 1 or 2: the photo before, "
      "and after the treatment or after each session, side by side, each "
      "the image flattened in that state.  A caption names each panel and "
      "a footer carries the label, which marks the pictures as a "
      "simulation, and the treatment: density, dot size, sessions and a "
      "swatch of the pigment.  All text is text layers.  Refused for an "
      "image without layers from the filter.",
      "The scalp-micropigmentation authors",
      "GPL-3.0-or-later, the scalp-micropigmentation authors", "2026",
      N_ ("Scalp Micropigmentation _Sheet..."), "RGB*, GRAY*", GIMP_PLUGIN,
      G_N_ELEMENTS (args), G_N_ELEMENTS (return_vals), args, return_vals);
  gimp_plugin_menu_register (SHEET_PROC, "<Image>/Filters/Render");
}

/* Whether a layer of the filter that holds session (0: all of them)
 * shows in a panel of the sessions up to upto.
 */
static gboolean
shown (gint session, gint upto, gint n_sessions)
{
  if (upto == 0)
    return FALSE;
  if (upto >= n_sessions)
    return TRUE;
  return session >= 1 && session <= upto;
}

/* The treated area's bounds, with a margin, within the image. */
static GeglRectangle
treated_area (const Source *src)
{
  GeglRectangle whole
      = { 0, 0, gimp_image_width (src->image), gimp_image_height (src->image) };
  GeglRectangle area = { 0 };
  gint          margin;

  for (gint i = 0; i < src->n_layers; i++)
    {
      GeglRectangle layer = { 0, 0, gimp_drawable_width (src->layers[i]),
                              gimp_drawable_height (src->layers[i]) };

      gimp_drawable_offsets (src->layers[i], &layer.x, &layer.y);
      gegl_rectangle_bounding_box (&area, &area, &layer);
    }
  margin = (gint) (MAX (area.width, area.height) * CROP_MARGIN);
  area.x -= margin;
  area.y -= margin;
  area.width += 2 * margin;
  area.height += 2 * margin;
  if (! gegl_rectangle_intersect (&area, &area, &whole))
    area = whole;
  return area;
}

/* An output's name, as the filter's dialog shows it. */
static const gchar *
output_name (SmpOutput output)
{
  return _ (smp_params_lookup ("output")->choices[output]);
}

static gboolean
refuse (GimpPDBStatusType *status, gchar **message, GimpPDBStatusType why,
        gchar *text)
{
  *status  = why;
  *message = text;
  return FALSE;
}

/* Finds the filter's layers; refuses an image without any. */
static gboolean
source_init (Source *src, gint32 image, GimpPDBStatusType *status,
             gchar **message)
{
  memset (src, 0, sizeof (*src));
  src->image = image;
  if (! gimp_image_is_valid (image))
    return refuse (
        status, message, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("image %d is not an open image"), image));

  src->layers = smp_pixels_treatment_layers (image, &src->n_layers);
  if (src->n_layers == 0)
    return refuse (
        status, message, GIMP_PDB_EXECUTION_ERROR,
        g_strdup_printf (_ ("The image has no layers from the filter: run "
                            "Filters > Render > Scalp Micropigmentation "
                            "with the output \"%s\" or \"%s\" (1 or 2) "
                            "first.  What \"%s\" (output 0) drew cannot "
                            "be told apart from the photo."),
                         output_name (SMP_OUTPUT_LAYER),
                         output_name (SMP_OUTPUT_SESSION_LAYERS),
                         output_name (SMP_OUTPUT_DRAWABLE)));

  for (gint i = 0; i < src->n_layers; i++)
    src->n_sessions
        = MAX (src->n_sessions, smp_pixels_treatment_session (src->layers[i]));
  smp_params_defaults (&src->treatment);
  smp_pixels_read_treatment (src->layers[0], &src->treatment);
  return TRUE;
}

static void
source_clear (Source *src)
{
  g_clear_pointer (&src->layers, g_free);
}

gint
smp_sheet_default_panels (gint32 image)
{
  Source            src;
  GimpPDBStatusType status;
  g_autofree gchar *message = NULL;
  gint              panels  = SMP_SHEET_BEFORE_AFTER;

  if (source_init (&src, image, &status, &message) && src.n_sessions > 0)
    panels = SMP_SHEET_EACH_SESSION;
  source_clear (&src);
  return panels;
}

/* The panels a sheet shows, with their captions. */
static void
plan_panels (Sheet *sheet, const Source *src, gint panels)
{
  Panel *p = sheet->panels;

  p[0] = (Panel){ g_strdup (_ ("Before")), 0, -1, -1 };
  if (panels == SMP_SHEET_EACH_SESSION)
    {
      sheet->n_panels = 1 + MIN (src->n_sessions, MAX_PANELS - 1);
      for (gint k = 1; k < sheet->n_panels; k++)
        p[k]
            = (Panel){ g_strdup_printf (_ ("After session %d"), k), k, -1, -1 };
    }
  else
    {
      sheet->n_panels = 2;
      p[1]            = (Panel){ g_strdup (_ ("After")), G_MAXINT, -1, -1 };
    }
  /* One row up to three panels, else two. */
  sheet->cols
      = sheet->n_panels <= 3 ? sheet->n_panels : (sheet->n_panels + 1) / 2;
  sheet->rows = (sheet->n_panels + sheet->cols - 1) / sheet->cols;
}

/* A panel's pixels: the image flattened with the filter's layers of that
 * state shown and the others hidden, cropped to the area, as a layer of
 * the sheet.  The image itself is left as it is: this happens on a copy,
 * whose pixels GEGL shares with it until they change.
 */
static gint32
panel_pixels (const Source *src, const Panel *panel, gint32 sheet)
{
  const gint32       copy = gimp_image_duplicate (src->image);
  gint               n;
  g_autofree gint32 *layers;
  gint32             flat, layer;

  gimp_image_undo_disable (copy);
  layers = smp_pixels_treatment_layers (copy, &n);
  for (gint i = 0; i < n; i++)
    gimp_item_set_visible (layers[i],
                           shown (smp_pixels_treatment_session (layers[i]),
                                  panel->upto, src->n_sessions));
  gimp_image_crop (copy, src->area.width, src->area.height, src->area.x,
                   src->area.y);
  flat  = gimp_image_flatten (copy);
  layer = gimp_layer_new_from_drawable (flat, sheet);
  gimp_image_delete (copy);

  gimp_item_set_name (layer, panel->caption);
  gimp_image_insert_layer (sheet, layer, 0, 0);
  return layer;
}

static gint
text_width (const gchar *text, const gchar *font, gdouble size)
{
  gint width = 0, height, ascent, descent;

  gimp_text_get_extents_fontname (text, size, GIMP_PIXELS, font, &width,
                                  &height, &ascent, &descent);
  return width;
}

/* text, with lines broken between words so that each is at most
 * max_width wide where its words allow.
 */
static gchar *
wrap (const gchar *text, const gchar *font, gdouble size, gint max_width)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  GString *wrapped     = g_string_new (NULL);
  gsize    line        = 0; /* where the last line starts */

  for (gint i = 0; words[i]; i++)
    {
      const gsize before = wrapped->len;

      if (i > 0)
        g_string_append_c (wrapped, ' ');
      g_string_append (wrapped, words[i]);
      if (i > 0 && text_width (wrapped->str + line, font, size) > max_width)
        {
          wrapped->str[before] = '\n';
          line                 = before + 1;
        }
    }
  return g_string_free (wrapped, FALSE);
}

/* A text layer at most max_width wide: longer text wraps between words,
 * and a word too long on its own makes the text smaller.  -1 when GIMP
 * has no fonts.
 */
static gint32
add_text (gint32 sheet, const gchar *text, const gchar *font, gdouble size,
          gint max_width, GimpTextJustification justify)
{
  g_autofree gchar *wrapped = wrap (text, font, size, max_width);
  const gint32      layer
      = gimp_text_layer_new (sheet, wrapped, font, size, GIMP_UNIT_PIXEL);
  gint width;

  if (layer < 0)
    return -1;
  gimp_image_insert_layer (sheet, layer, 0, 0);
  gimp_text_layer_set_color (layer, &ink);
  gimp_text_layer_set_justification (layer, justify);
  width = gimp_drawable_width (layer);
  if (width > max_width)
    gimp_text_layer_set_font_size (layer, 0.98 * size * max_width / width,
                                   GIMP_UNIT_PIXEL);
  return layer;
}

/* The treatment in words and numbers. */
static gchar *
summary_text (const SmpParams *p)
{
  return g_strdup_printf (
      ngettext ("Treatment: %.3g impressions per cm², dots of %.3g mm, "
                "%d session",
                "Treatment: %.3g impressions per cm², dots of %.3g mm, "
                "%d sessions",
                p->sessions),
      p->density, p->dot_size, p->sessions);
}

/* A square of the pigment, in a thin grey frame so that a light pigment
 * shows on the white sheet too.
 */
static gint32
add_swatch (gint32 sheet, SmpColor pigment, gint size)
{
  const gint32 layer
      = gimp_layer_new (sheet, _ ("Pigment"), size, size, GIMP_RGB_IMAGE, 100.0,
                        GIMP_LAYER_MODE_NORMAL);
  const gint          frame = MAX (1, size / 16);
  const GeglRectangle inner
      = { frame, frame, size - 2 * frame, size - 2 * frame };
  const gdouble rgb[3] = { pigment.r, pigment.g, pigment.b };
  GeglBuffer   *buffer = gimp_drawable_get_buffer (layer);
  GeglColor    *color  = gegl_color_new ("#808080");

  gegl_buffer_set_color (buffer, NULL, color);
  gegl_color_set_pixel (color, babl_format ("R'G'B' double"), rgb);
  gegl_buffer_set_color (buffer, &inner, color);
  g_object_unref (color);
  g_object_unref (buffer);
  gimp_image_insert_layer (sheet, layer, 0, 0);
  return layer;
}

/* The footer's text: the label, the treatment, and "Pigment" beside its
 * swatch.  FALSE when GIMP has no fonts to draw them with.
 */
static gboolean
add_footer (Sheet *sheet, const Source *src, const gchar *label)
{
  const gint        room    = sheet->width - 2 * sheet->margin;
  const gdouble     small   = sheet->text_size * SMALL_TEXT;
  g_autofree gchar *summary = summary_text (&src->treatment);
  g_autofree gchar *pigment = g_strdup_printf ("%s:", _ ("Pigment"));

  sheet->label   = add_text (sheet->image, label, SHEET_BOLD_FONT,
                             sheet->text_size, room, GIMP_TEXT_JUSTIFY_LEFT);
  sheet->summary = add_text (sheet->image, summary, SHEET_FONT, small, room,
                             GIMP_TEXT_JUSTIFY_LEFT);
  sheet->pigment = add_text (sheet->image, pigment, SHEET_FONT, small, room / 2,
                             GIMP_TEXT_JUSTIFY_LEFT);
  if (sheet->label < 0 || sheet->summary < 0 || sheet->pigment < 0)
    return FALSE;

  sheet->swatch = add_swatch (sheet->image, src->treatment.pigment,
                              gimp_drawable_height (sheet->pigment));
  return TRUE;
}

static gint
height_of (gint32 layer)
{
  return gimp_drawable_height (layer);
}

/* Places the captions and panels row by row, a last row that is not
 * full in the middle; returns where the footer starts.
 */
static gint
place_panels (const Sheet *sheet, const Source *src)
{
  const gint m = sheet->margin, gap = sheet->margin / 4;
  const gint cell = src->area.width + m;
  gint       y    = m;

  for (gint first = 0; first < sheet->n_panels; first += sheet->cols)
    {
      const gint last    = MIN (first + sheet->cols, sheet->n_panels);
      const gint indent  = (sheet->cols - (last - first)) * cell / 2;
      gint       caption = 0;

      for (gint i = first; i < last; i++)
        caption = MAX (caption, height_of (sheet->panels[i].text));

      for (gint i = first; i < last; i++)
        {
          const Panel *p = &sheet->panels[i];
          const gint   x = m + indent + (i - first) * cell;

          gimp_layer_set_offsets (
              p->text,
              x + (src->area.width - gimp_drawable_width (p->text)) / 2,
              y + caption - height_of (p->text));
          gimp_layer_set_offsets (p->layer, x, y + caption + gap);
        }
      y += caption + gap + src->area.height + m;
    }
  return y;
}

/* Everything in its place, the sheet as large as it all needs, on white. */
static void
lay_out (const Sheet *sheet, const Source *src)
{
  const gint  m = sheet->margin, gap = sheet->margin / 4;
  gint        y = place_panels (sheet, src);
  gint32      background;
  GeglBuffer *buffer;
  GeglColor  *white;
  gint        n_layers;

  gimp_layer_set_offsets (sheet->label, m, y);
  y += height_of (sheet->label) + gap;
  gimp_layer_set_offsets (sheet->summary, m, y);
  y += height_of (sheet->summary) + gap;
  gimp_layer_set_offsets (sheet->pigment, m, y);
  gimp_layer_set_offsets (sheet->swatch,
                          m + gimp_drawable_width (sheet->pigment) + gap, y);
  y += height_of (sheet->pigment) + m;

  gimp_image_resize (sheet->image, sheet->width, y, 0, 0);
  background = gimp_layer_new (sheet->image, _ ("Background"), sheet->width, y,
                               GIMP_RGB_IMAGE, 100.0, GIMP_LAYER_MODE_NORMAL);
  buffer     = gimp_drawable_get_buffer (background);
  white      = gegl_color_new ("white");
  gegl_buffer_set_color (buffer, NULL, white);
  g_object_unref (white);
  g_object_unref (buffer);
  g_free (gimp_image_get_layers (sheet->image, &n_layers));
  gimp_image_insert_layer (sheet->image, background, 0, n_layers);
}

static void
sheet_clear (Sheet *sheet)
{
  for (gint i = 0; i < sheet->n_panels; i++)
    g_free (sheet->panels[i].caption);
}

/* The sheet's panels and text; -1 when GIMP has no fonts. */
static gint32
make_sheet (const Source *src, const SmpSheetOptions *options)
{
  Sheet        sheet = { 0 };
  const gchar *label = options->label && *options->label
                           ? options->label
                           : _ ("Simulation - not a treatment result");
  gboolean     drawn = TRUE;

  plan_panels (&sheet, src, options->panels);
  sheet.text_size = MAX (TEXT_MIN, src->area.width * TEXT_SHARE);
  sheet.margin    = (gint) sheet.text_size;
  sheet.width = sheet.cols * (src->area.width + sheet.margin) + sheet.margin;
  sheet.image = gimp_image_new_with_precision (
      sheet.width, 1, GIMP_RGB, gimp_image_get_precision (src->image));
  gimp_image_undo_disable (sheet.image);
  {
    gdouble xres, yres;

    gimp_image_get_resolution (src->image, &xres, &yres);
    gimp_image_set_resolution (sheet.image, xres, yres);
  }

  for (gint i = 0; i < sheet.n_panels && drawn; i++)
    {
      Panel *p = &sheet.panels[i];

      gimp_progress_update ((gdouble) i / sheet.n_panels);
      p->layer = panel_pixels (src, p, sheet.image);
      p->text  = add_text (sheet.image, p->caption, SHEET_FONT, sheet.text_size,
                           src->area.width, GIMP_TEXT_JUSTIFY_CENTER);
      drawn    = p->text >= 0;
    }
  drawn = drawn && add_footer (&sheet, src, label);
  sheet_clear (&sheet);
  if (! drawn)
    {
      gimp_image_delete (sheet.image);
      return -1;
    }
  lay_out (&sheet, src);
  gimp_image_undo_enable (sheet.image);
  return sheet.image;
}

/* The dialog's options: the panels, the crop and the label. */
static GtkWidget *
options_box (const Source *src, SmpSheetOptions *options, GtkWidget **entry)
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
ask_options (const Source *src, SmpSheetOptions *options, gchar *label,
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

static gboolean
options_ok (const SmpSheetOptions *options, GimpPDBStatusType *status,
            gchar **message)
{
  if (options->panels != SMP_SHEET_BEFORE_AFTER
      && options->panels != SMP_SHEET_EACH_SESSION)
    return refuse (
        status, message, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("panels must be 0 or 1, got %d"), options->panels));
  if (options->crop != SMP_SHEET_WHOLE && options->crop != SMP_SHEET_TREATED)
    return refuse (
        status, message, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("crop must be 0 or 1, got %d"), options->crop));
  return TRUE;
}

/* The options a run uses: the caller's, else the last ones, asked for
 * again in interactive mode.  FALSE when the user cancels.
 */
static gboolean
choose_options (const Source *src, GimpRunMode run_mode,
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

static gint32
sheet_of (const Source *src, const SmpSheetOptions *options,
          GimpPDBStatusType *status, gchar **message)
{
  gint32 sheet;

  if (options->panels == SMP_SHEET_EACH_SESSION && src->n_sessions == 0)
    {
      refuse (status, message, GIMP_PDB_EXECUTION_ERROR,
              g_strdup_printf (_ ("The filter's layers hold every session "
                                  "in one: for a panel per session, run the "
                                  "filter with the output \"%s\" (2)"),
                               output_name (SMP_OUTPUT_SESSION_LAYERS)));
      return -1;
    }

  gimp_progress_init (_ ("Consultation sheet"));
  sheet = make_sheet (src, options);
  gimp_progress_update (1.0);
  if (sheet < 0)
    refuse (status, message, GIMP_PDB_EXECUTION_ERROR,
            g_strdup (_ ("GIMP has no fonts to write the sheet's text "
                         "with")));
  return sheet;
}

gint32
smp_sheet_run (gint32 image, GimpRunMode run_mode,
               const SmpSheetOptions *options, GimpPDBStatusType *status,
               gchar **message)
{
  SmpSheetOptions chosen = *options;
  LastOptions     last   = { 0 };
  Source          src    = { 0 };
  gint32          sheet  = -1;

  *status  = GIMP_PDB_SUCCESS;
  *message = NULL;
  if ((run_mode != GIMP_RUN_NONINTERACTIVE
       || options_ok (options, status, message))
      && source_init (&src, image, status, message))
    {
      if (! choose_options (&src, run_mode, &chosen, &last))
        *status = GIMP_PDB_CANCEL;
      else
        {
          src.area = chosen.crop == SMP_SHEET_TREATED
                         ? treated_area (&src)
                         : (GeglRectangle){ 0, 0, gimp_image_width (image),
                                            gimp_image_height (image) };
          sheet    = sheet_of (&src, &chosen, status, message);
        }
    }
  source_clear (&src);

  if (sheet >= 0 && run_mode == GIMP_RUN_INTERACTIVE)
    {
      last.panels = chosen.panels;
      last.crop   = chosen.crop;
      if (chosen.label != last.label)
        g_strlcpy (last.label, chosen.label ? chosen.label : "",
                   sizeof (last.label));
      gimp_set_data (SHEET_PROC, &last, sizeof (last));
    }
  if (sheet >= 0 && run_mode != GIMP_RUN_NONINTERACTIVE)
    {
      gimp_display_new (sheet);
      gimp_displays_flush ();
    }
  return sheet;
}
