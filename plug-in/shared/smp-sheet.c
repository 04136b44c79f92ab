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

#include <string.h>

#include "smp-intl.h"
#include "smp-treatment.h"

#define SHEET_FONT "Sans-serif"
#define SHEET_BOLD_FONT "Sans-serif Bold"

/* Before, and after each of at most 4 sessions. */
#define MAX_PANELS 5

const SmpParamDesc smp_sheet_panels_param
    = { .name  = "panels",
        .type  = SMP_PARAM_INT,
        .label = N_ ("Panels"),
        .blurb = "0 = before and after, 1 = before and after each session",
        .min   = SMP_SHEET_BEFORE_AFTER,
        .max   = SMP_SHEET_EACH_SESSION,
        .def   = SMP_SHEET_BEFORE_AFTER };

const SmpParamDesc smp_sheet_crop_param
    = { .name  = "crop",
        .type  = SMP_PARAM_INT,
        .label = N_ ("Crop"),
        .blurb = "0 = the whole image, 1 = the treated area's bounds with a "
                 "margin",
        .min   = SMP_SHEET_WHOLE,
        .max   = SMP_SHEET_TREATED,
        .def   = SMP_SHEET_WHOLE };

const SmpParamDesc smp_sheet_label_param
    = { .name  = "label",
        .label = N_ ("_Label:"),
        .blurb = "Marks the pictures as a simulation; empty for the default, "
                 "\"Simulation - not a treatment result\" in the user's "
                 "language" };

/* The most characters of a label the sheet shows: three lines or so. */
#define LABEL_MAX 200

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

typedef struct
{
  gchar   *caption;
  gint     upto;  /* the sessions shown: 0 for none, G_MAXINT for all */
  SmpLayer layer; /* the panel's pixels, on the sheet */
  SmpLayer text;  /* its caption */
} Panel;

typedef struct
{
  SmpImage image;
  Panel    panels[MAX_PANELS];
  gint     n_panels, cols, rows;
  gdouble  text_size; /* of the captions and the label, in pixels */
  gint     margin;    /* around and between everything */
  gint     width;
  SmpLayer label, summary, pigment, swatch;
} Sheet;

/* The text's colour: a dark grey, softer than black on white. */
static const gdouble ink[3] = { 0.12, 0.12, 0.12 };

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
treated_area (const SmpSheetSource *src)
{
  GeglRectangle whole
      = { 0, 0, smp_image_width (src->image), smp_image_height (src->image) };
  GeglRectangle area = { 0 };
  gint          margin;

  for (gint i = 0; i < src->n_layers; i++)
    {
      GeglRectangle layer
          = { 0, 0, smp_drawable_width (SMP_AS_DRAWABLE (src->layers[i])),
              smp_drawable_height (SMP_AS_DRAWABLE (src->layers[i])) };

      smp_drawable_offsets (SMP_AS_DRAWABLE (src->layers[i]), &layer.x,
                            &layer.y);
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

gboolean
smp_sheet_source_init (SmpSheetSource *src, SmpImage image, SmpOutcome *out)
{
  gchar *message = NULL;

  memset (src, 0, sizeof (*src));
  src->image  = image;
  src->layers = smp_treatment_layers (image, &src->n_layers);
  if (src->n_layers == 0)
    return smp_fail (
        out, GIMP_PDB_EXECUTION_ERROR,
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
        = MAX (src->n_sessions, smp_treatment_session (src->layers[i]));
  smp_params_defaults (&src->treatment);
  if (! smp_treatment_read (src->layers[0], &src->treatment, &message))
    return smp_fail (out, GIMP_PDB_EXECUTION_ERROR, message);
  return TRUE;
}

void
smp_sheet_source_clear (SmpSheetSource *src)
{
  g_clear_pointer (&src->layers, g_free);
}

/* The panels a sheet shows, with their captions. */
static void
plan_panels (Sheet *sheet, const SmpSheetSource *src, gint panels)
{
  Panel *p = sheet->panels;

  p[0] = (Panel){ g_strdup (_ ("Before")), 0, SMP_NO_LAYER, SMP_NO_LAYER };
  if (panels == SMP_SHEET_EACH_SESSION)
    {
      sheet->n_panels = 1 + MIN (src->n_sessions, MAX_PANELS - 1);
      for (gint k = 1; k < sheet->n_panels; k++)
        p[k] = (Panel){ g_strdup_printf (_ ("After session %d"), k), k,
                        SMP_NO_LAYER, SMP_NO_LAYER };
    }
  else
    {
      sheet->n_panels = 2;
      p[1]            = (Panel){ g_strdup (_ ("After")), G_MAXINT, SMP_NO_LAYER,
                                 SMP_NO_LAYER };
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
static SmpLayer
panel_pixels (const SmpSheetSource *src, const Panel *panel, SmpImage sheet)
{
  const SmpImage       copy = gimp_image_duplicate (src->image);
  gint                 n;
  g_autofree SmpLayer *layers;
  SmpLayer             flat, layer;

  gimp_image_undo_disable (copy);
  layers = smp_treatment_layers (copy, &n);
  for (gint i = 0; i < n; i++)
    gimp_item_set_visible (SMP_AS_ITEM (layers[i]),
                           shown (smp_treatment_session (layers[i]),
                                  panel->upto, src->n_sessions));
  gimp_image_crop (copy, src->area.width, src->area.height, src->area.x,
                   src->area.y);
  flat  = gimp_image_flatten (copy);
  layer = gimp_layer_new_from_drawable (SMP_AS_DRAWABLE (flat), sheet);
  gimp_image_delete (copy);

  gimp_item_set_name (SMP_AS_ITEM (layer), panel->caption);
  gimp_image_insert_layer (sheet, layer, SMP_TOP_LEVEL, 0);
  return layer;
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
      if (i > 0 && smp_text_width (wrapped->str + line, font, size) > max_width)
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
static SmpLayer
add_text (SmpImage sheet, const gchar *text, const gchar *font, gdouble size,
          gint max_width, GimpTextJustification justify)
{
  g_autofree gchar *wrapped = wrap (text, font, size, max_width);
  const SmpLayer    layer   = smp_text_layer_new (sheet, wrapped, font, size);
  gint              width;

  if (layer == SMP_NO_LAYER)
    return SMP_NO_LAYER;
  gimp_image_insert_layer (sheet, layer, SMP_TOP_LEVEL, 0);
  smp_text_layer_set_color (layer, ink);
  smp_text_layer_set_justification (layer, justify);
  width = smp_drawable_width (SMP_AS_DRAWABLE (layer));
  if (width > max_width)
    smp_text_layer_set_size (layer, 0.98 * size * max_width / width);
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
static SmpLayer
add_swatch (SmpImage sheet, SmpColor pigment, gint size)
{
  const SmpLayer layer
      = gimp_layer_new (sheet, _ ("Pigment"), size, size, GIMP_RGB_IMAGE, 100.0,
                        GIMP_LAYER_MODE_NORMAL);
  const gint          frame = MAX (1, size / 16);
  const GeglRectangle inner
      = { frame, frame, size - 2 * frame, size - 2 * frame };
  const gdouble rgb[3] = { pigment.r, pigment.g, pigment.b };
  GeglBuffer   *buffer = gimp_drawable_get_buffer (SMP_AS_DRAWABLE (layer));
  GeglColor    *color  = gegl_color_new ("#808080");

  gegl_buffer_set_color (buffer, NULL, color);
  gegl_color_set_pixel (color, babl_format ("R'G'B' double"), rgb);
  gegl_buffer_set_color (buffer, &inner, color);
  g_object_unref (color);
  g_object_unref (buffer);
  gimp_image_insert_layer (sheet, layer, SMP_TOP_LEVEL, 0);
  return layer;
}

/* The footer's text: the label, the treatment, and "Pigment" beside its
 * swatch.  FALSE when GIMP has no fonts to draw them with.
 */
static gboolean
add_footer (Sheet *sheet, const SmpSheetSource *src, const gchar *label)
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
  if (sheet->label == SMP_NO_LAYER || sheet->summary == SMP_NO_LAYER
      || sheet->pigment == SMP_NO_LAYER)
    return FALSE;

  sheet->swatch
      = add_swatch (sheet->image, src->treatment.pigment,
                    smp_drawable_height (SMP_AS_DRAWABLE (sheet->pigment)));
  return TRUE;
}

static gint
height_of (SmpLayer layer)
{
  return smp_drawable_height (SMP_AS_DRAWABLE (layer));
}

/* Places the captions and panels row by row, a last row that is not
 * full in the middle; returns where the footer starts.
 */
static gint
place_panels (const Sheet *sheet, const SmpSheetSource *src)
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
              x
                  + (src->area.width
                     - smp_drawable_width (SMP_AS_DRAWABLE (p->text)))
                        / 2,
              y + caption - height_of (p->text));
          gimp_layer_set_offsets (p->layer, x, y + caption + gap);
        }
      y += caption + gap + src->area.height + m;
    }
  return y;
}

/* Everything in its place, the sheet as large as it all needs, on white. */
static void
lay_out (const Sheet *sheet, const SmpSheetSource *src)
{
  const gint  m = sheet->margin, gap = sheet->margin / 4;
  gint        y = place_panels (sheet, src);
  SmpLayer    background;
  GeglBuffer *buffer;
  GeglColor  *white;
  gint        n_layers;

  gimp_layer_set_offsets (sheet->label, m, y);
  y += height_of (sheet->label) + gap;
  gimp_layer_set_offsets (sheet->summary, m, y);
  y += height_of (sheet->summary) + gap;
  gimp_layer_set_offsets (sheet->pigment, m, y);
  gimp_layer_set_offsets (
      sheet->swatch,
      m + smp_drawable_width (SMP_AS_DRAWABLE (sheet->pigment)) + gap, y);
  y += height_of (sheet->pigment) + m;

  gimp_image_resize (sheet->image, sheet->width, y, 0, 0);
  background = gimp_layer_new (sheet->image, _ ("Background"), sheet->width, y,
                               GIMP_RGB_IMAGE, 100.0, GIMP_LAYER_MODE_NORMAL);
  buffer     = gimp_drawable_get_buffer (SMP_AS_DRAWABLE (background));
  white      = gegl_color_new ("white");
  gegl_buffer_set_color (buffer, NULL, white);
  g_object_unref (white);
  g_object_unref (buffer);
  g_free (smp_image_layers (sheet->image, &n_layers));
  gimp_image_insert_layer (sheet->image, background, SMP_TOP_LEVEL, n_layers);
}

static void
sheet_clear (Sheet *sheet)
{
  for (gint i = 0; i < sheet->n_panels; i++)
    g_free (sheet->panels[i].caption);
}

/* The label as the sheet shows it: the default one when empty; one too
 * long to show, cut after its last whole word within LABEL_MAX
 * characters, with an ellipsis.
 */
static gchar *
shown_label (const gchar *label)
{
  const gchar *end;

  if (! label || ! *label)
    return g_strdup (_ ("Simulation - not a treatment result"));
  if (g_utf8_strlen (label, -1) <= LABEL_MAX)
    return g_strdup (label);

  end = g_utf8_offset_to_pointer (label, LABEL_MAX);
  for (const gchar *p = end; p > label; p = g_utf8_prev_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      {
        end = p;
        break;
      }
  return g_strdup_printf ("%.*s…", (gint) (end - label), label);
}

/* The sheet's panels and text; SMP_NO_IMAGE when GIMP has no fonts. */
static SmpImage
make_sheet (const SmpSheetSource *src, const SmpSheetOptions *options)
{
  Sheet             sheet = { 0 };
  g_autofree gchar *label = shown_label (options->label);
  gboolean          drawn = TRUE;

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
      drawn    = p->text != SMP_NO_LAYER;
    }
  drawn = drawn && add_footer (&sheet, src, label);
  sheet_clear (&sheet);
  if (! drawn)
    {
      gimp_image_delete (sheet.image);
      return SMP_NO_IMAGE;
    }
  lay_out (&sheet, src);
  gimp_image_undo_enable (sheet.image);
  return sheet.image;
}

gboolean
smp_sheet_options_ok (const SmpSheetOptions *options, SmpOutcome *out)
{
  if (options->panels != SMP_SHEET_BEFORE_AFTER
      && options->panels != SMP_SHEET_EACH_SESSION)
    return smp_fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("panels must be 0 or 1, got %d"), options->panels));
  if (options->crop != SMP_SHEET_WHOLE && options->crop != SMP_SHEET_TREATED)
    return smp_fail (
        out, GIMP_PDB_CALLING_ERROR,
        g_strdup_printf (_ ("crop must be 0 or 1, got %d"), options->crop));
  return TRUE;
}

SmpImage
smp_sheet_make (SmpSheetSource *src, const SmpSheetOptions *options,
                SmpOutcome *out)
{
  SmpImage sheet;

  if (options->panels == SMP_SHEET_EACH_SESSION && src->n_sessions == 0)
    {
      smp_fail (out, GIMP_PDB_EXECUTION_ERROR,
                g_strdup_printf (_ ("The filter's layers hold every session "
                                    "in one: for a panel per session, run the "
                                    "filter with the output \"%s\" (2)"),
                                 output_name (SMP_OUTPUT_SESSION_LAYERS)));
      return SMP_NO_IMAGE;
    }

  src->area = options->crop == SMP_SHEET_TREATED
                  ? treated_area (src)
                  : (GeglRectangle){ 0, 0, smp_image_width (src->image),
                                     smp_image_height (src->image) };
  gimp_progress_init (_ ("Consultation sheet"));
  sheet = make_sheet (src, options);
  gimp_progress_update (1.0);
  if (sheet == SMP_NO_IMAGE)
    smp_fail (out, GIMP_PDB_EXECUTION_ERROR,
              g_strdup (_ ("GIMP has no fonts to write the sheet's text "
                           "with")));
  return sheet;
}

void
smp_sheet_show_default (SmpImage image)
{
  SmpSheetSource src;
  SmpOutcome     out   = { GIMP_PDB_SUCCESS, NULL };
  SmpImage       sheet = SMP_NO_IMAGE;

  if (smp_sheet_source_init (&src, image, &out))
    {
      const SmpSheetOptions options
          = { src.n_sessions > 0 ? SMP_SHEET_EACH_SESSION
                                 : SMP_SHEET_BEFORE_AFTER,
              SMP_SHEET_WHOLE, NULL };

      sheet = smp_sheet_make (&src, &options, &out);
    }
  smp_sheet_source_clear (&src);
  if (sheet != SMP_NO_IMAGE)
    {
      gimp_display_new (sheet);
      gimp_displays_flush ();
    }
  else
    gimp_message (out.message);
  g_free (out.message);
}
