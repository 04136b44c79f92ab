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
#include <errno.h>
#include <math.h>
#include <string.h>

#include "smp-calibrate.h"
#include "smp-intl.h"
#include "smp-pixels.h"
#include "smp-plugin.h"
#include "smp-presets.h"
#include "smp-user-presets.h"

/* Columns of a frame's table: label, slider, value, unit. */
#define COLUMNS 4

#define RESPONSE_RESET 1
#define SCALE_WIDTH 160
#define SPIN_WIDTH 6

/* Past this share of skin under pigment, impressions merge. */
#define HELMET_COVERAGE 0.20

/* Impressions narrower than this many pixels cannot show as dots. */
#define SMALLEST_DOT_PX 1.5

typedef struct
{
  SmpParams      *params;
  SmpTarget       target;
  gboolean        has_pixels; /* the selection touches the drawable */
  gdouble         image_scale;
  SmpField       *field;
  SmpLayout      *layout;
  SmpParams       layout_params; /* what the cached layout was made with */
  struct _Worker *worker;        /* placing impressions, if anything */
  GtkWidget      *preview;
  GtkWidget      *busy;            /* spins while a placement is under way */
  GtkAdjustment  *adjustments[16]; /* by index in the parameter table */
  GtkWidget      *preset_combo;    /* "Custom" (-1), a preset's index, or
                                    * USER_PRESET + a user preset's */
  GtkWidget *preset_about;         /* the chosen preset's description */
  GPtrArray *user_presets;
  GtkWidget *rename_preset, *delete_preset;
  GtkWidget *color_button;
  GtkWidget *output_combo;
  GtkWidget *sheet;        /* "Make a consultation sheet"... */
  gint       make_sheet;   /* ...and whether it is checked */
  GtkWidget *scale_source; /* where scale 0 comes from */
  GtkWidget *readout;
  GtkWidget *warning; /* what to watch out for, beside an icon */
  GtkWidget *warning_icon;
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

static gdouble
effective_scale (const Dialog *d)
{
  return d->params->scale > 0.0 ? d->params->scale : d->image_scale;
}

/* Placing impressions takes up to a second on a large photo, so it runs
 * beside the dialog: the engine's layout is a pure function of the field
 * (read beforehand, on this thread, as libgimp wants) and a copy of the
 * parameters.  A placement no longer wanted is cancelled.
 */
typedef struct _Worker
{
  Dialog         *dialog;
  GThread        *thread;
  const SmpField *field;
  SmpParams       params;
  SmpLayout      *layout;
  SmpLayoutStatus status;
  gint            cancel;  /* atomic */
  gint            idle_id; /* atomic; set by the worker as it ends */
} Worker;

static gboolean
worker_keep_going (gdouble fraction G_GNUC_UNUSED, gpointer data)
{
  Worker *w = data;

  return ! g_atomic_int_get (&w->cancel);
}

static gboolean worker_done (gpointer data);
static void     update_readout (Dialog *d);

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;

  w->status
      = smp_layout_new (w->field, &w->params, worker_keep_going, w, &w->layout);
  g_atomic_int_set (&w->idle_id, (gint) g_idle_add (worker_done, w));
  return NULL;
}

/* Frees a joined worker, keeping the layout it placed if asked to. */
static void
worker_free (Dialog *d, Worker *w, gboolean keep)
{
  if (keep && w->status == SMP_LAYOUT_OK)
    {
      smp_layout_free (d->layout);
      d->layout        = w->layout;
      d->layout_params = w->params;
      w->layout        = NULL;
    }

  smp_layout_free (w->layout);
  g_free (w);
}

/* Back on the dialog's thread: keep the layout if it is still the one the
 * dialog wants, and redraw, which starts the next placement if needed.
 */
static gboolean
worker_done (gpointer data)
{
  Worker *w = data;
  Dialog *d = w->dialog;

  d->worker = NULL;
  g_thread_join (w->thread);
  worker_free (d, w, TRUE);
  gimp_preview_invalidate (GIMP_PREVIEW (d->preview));
  return G_SOURCE_REMOVE;
}

/* Ends the placement under way, if any: cancelled, or when it is the one
 * wanted, left to finish and kept.
 */
static void
stop_worker (Dialog *d, gboolean keep)
{
  Worker *w = d->worker;

  if (! w)
    return;

  if (! keep)
    g_atomic_int_set (&w->cancel, 1);
  g_thread_join (w->thread);
  g_source_remove ((guint) g_atomic_int_get (&w->idle_id));
  worker_free (d, w, keep);
  d->worker = NULL;
}

/* The layout for these parameters if it is ready; otherwise NULL, with
 * *waiting set while it is being placed.
 */
static SmpLayout *
current_layout (Dialog *d, const SmpParams *resolved, gboolean *waiting)
{
  Worker *w;

  *waiting = FALSE;
  /* Placement changes with only a few parameters; looks can change
   * without a new layout, which keeps the preview quick while they move.
   */
  if (d->layout && smp_layout_same_placement (&d->layout_params, resolved))
    return d->layout;

  if (! smp_layout_params_ok (resolved))
    return NULL;

  if (! d->field)
    {
      d->field = smp_pixels_read_field (&d->target, NULL, NULL);
      update_readout (d);
    }

  *waiting = TRUE;
  if (d->worker)
    {
      /* Its result will not be shown; when it ends the next one starts. */
      if (! smp_layout_same_placement (&d->worker->params, resolved))
        g_atomic_int_set (&d->worker->cancel, 1);
      return NULL;
    }

  w         = g_new0 (Worker, 1);
  w->dialog = d;
  w->field  = d->field;
  w->params = *resolved;
  w->thread = g_thread_new ("smp-layout", worker_run, w);
  d->worker = w;
  return NULL;
}

static const Babl *
display_format (const SmpTarget *target)
{
  static const gchar *names[]
      = { NULL, "Y' u8", "Y'A u8", "R'G'B' u8", "R'G'B'A u8" };

  return babl_format (names[target->n_channels]);
}

static GimpImageType
display_type (const SmpTarget *target)
{
  static const GimpImageType types[]
      = { GIMP_GRAY_IMAGE, GIMP_GRAY_IMAGE, GIMP_GRAYA_IMAGE, GIMP_RGB_IMAGE,
          GIMP_RGBA_IMAGE };

  return types[target->n_channels];
}

/* Pixels of rect as the preview shows them, in the display's format:
 * what OK makes there, or the drawable as it is without a placement.
 */
static guchar *
render_shown (Dialog *d, const SmpLayout *layout, const SmpParams *resolved,
              const GeglRectangle *rect)
{
  const gsize n_px  = (gsize) rect->width * rect->height;
  gfloat     *buf   = g_new (gfloat, n_px * d->target.n_channels);
  guchar     *shown = g_new (guchar, n_px * d->target.n_channels);

  if (layout)
    {
      SmpStamps *stamps
          = smp_stamps_new_near (layout, d->field, resolved, rect->x, rect->y,
                                 rect->width, rect->height);

      smp_pixels_render_rect (&d->target, stamps, resolved->sessions, rect,
                              buf);
      smp_stamps_free (stamps);
    }
  else
    {
      gegl_buffer_get (d->target.source, rect, 1.0, d->target.format, buf,
                       GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
    }

  /* As is: the render already blends with the selection exactly as
   * GIMP's merge will.
   */
  babl_process (babl_fish (d->target.format, display_format (&d->target)), buf,
                shown, (glong) n_px);
  g_free (buf);
  return shown;
}

/* Source rows of the drawable, from first, that preview rows go through
 * at a time when zoomed out: the render of a band at a time, never of
 * the whole selection at once.
 */
#define ZOOM_BAND 64

/* The preview's pixels at the zoom shown: each the drawable's pixel under
 * it when zoomed in, the mean of those it covers when zoomed out.
 */
static void
resample (Dialog *d, const SmpLayout *layout, const SmpParams *resolved,
          const GeglRectangle *area, gint w, gint h, guchar *out)
{
  const gint    nc = d->target.n_channels;
  const gdouble sx = (gdouble) area->width / w, sy = (gdouble) area->height / h;

  for (gint j0 = 0; j0 < h;)
    {
      /* Preview rows [j0, j1) whose source rows make one band. */
      const gint    y_from = area->y + (gint) floor (j0 * sy);
      gint          j1     = j0 + 1;
      GeglRectangle band;
      guchar       *src;

      while (j1 < h
             && area->y + (gint) floor ((j1 + 1) * sy) - y_from <= ZOOM_BAND)
        j1++;
      band        = (GeglRectangle){ area->x, y_from, area->width,
                                     MAX (1,
                                          area->y + (gint) ceil (j1 * sy) - y_from) };
      band.height = MIN (band.height, area->y + area->height - band.y);
      src         = render_shown (d, layout, resolved, &band);

      for (gint j = j0; j < j1; j++)
        for (gint i = 0; i < w; i++)
          {
            const gint x0 = (gint) floor (i * sx),
                       y0 = (gint) floor (j * sy) + area->y - band.y;
            const gint x1
                = MAX (x0 + 1, MIN ((gint) floor ((i + 1) * sx), area->width));
            const gint y1 = MAX (
                y0 + 1, MIN ((gint) floor ((j + 1) * sy) + area->y - band.y,
                             band.height));

            for (gint c = 0; c < nc; c++)
              {
                guint sum = 0;

                for (gint y = y0; y < y1; y++)
                  for (gint x = x0; x < x1; x++)
                    sum += src[((gsize) y * band.width + x) * nc + c];
                out[((gsize) j * w + i) * nc + c]
                    = (guchar) ((sum + (x1 - x0) * (y1 - y0) / 2)
                                / ((x1 - x0) * (y1 - y0)));
              }
          }
      g_free (src);
      j0 = j1;
    }
}

/* One impression at least this many screen pixels across, at first. */
#define FIRST_ZOOM_DOT 4.0

/* Screen pixels a pixel at the closest zoom. */
#define MOST_ZOOM 4.0

/* Zooms the preview in, about its middle, until an impression spans
 * FIRST_ZOOM_DOT screen pixels, if it does not yet: impressions of a few
 * pixels cannot be judged at 100%, nor on a whole large photo.
 */
static void
first_zoom (Dialog *d)
{
  GimpPreview   *preview = GIMP_PREVIEW (d->preview);
  GimpZoomModel *model
      = gimp_zoom_preview_get_model (GIMP_ZOOM_PREVIEW (d->preview));
  const gdouble dot_px = d->params->dot_size * effective_scale (d) / 10.0;
  gint          w, h, x0, y0, x1, y1;
  gdouble       per_screen_px;

  gimp_preview_get_size (preview, &w, &h);
  gimp_preview_untransform (preview, 0, 0, &x0, &y0);
  gimp_preview_untransform (preview, w, h, &x1, &y1);
  per_screen_px = (gdouble) (x1 - x0) / MAX (w, 1);
  /* From the whole selection to 400%: four screen pixels a pixel. */
  gimp_zoom_model_set_range (
      model, 1.0,
      MAX (1.0,
           MOST_ZOOM * per_screen_px * gimp_zoom_model_get_factor (model)));
  if (dot_px > 0.0 && dot_px / per_screen_px < FIRST_ZOOM_DOT)
    gimp_zoom_model_zoom (model, GIMP_ZOOM_TO,
                          gimp_zoom_model_get_factor (model) * FIRST_ZOOM_DOT
                              * per_screen_px / dot_px);
}

static void
preview_update (GimpPreview *preview, Dialog *d)
{
  SmpParams     resolved = *d->params;
  GeglRectangle area;
  SmpLayout    *layout;
  guchar       *shown;
  gboolean      waiting = FALSE;
  gint          w, h, x1, y1;

  /* The image may have been closed while the dialog is open. */
  if (! d->has_pixels || ! gimp_item_is_valid (d->target.drawable))
    return;

  resolved.scale = effective_scale (d);
  gimp_preview_get_size (preview, &w, &h);
  gimp_preview_untransform (preview, 0, 0, &area.x, &area.y);
  gimp_preview_untransform (preview, w, h, &x1, &y1);
  area.x      = CLAMP (area.x, 0, d->target.width - 1);
  area.y      = CLAMP (area.y, 0, d->target.height - 1);
  area.width  = MAX (1, MIN (x1, d->target.width) - area.x);
  area.height = MAX (1, MIN (y1, d->target.height) - area.y);

  layout = resolved.density * d->target.w * d->target.h
                       / (resolved.scale * resolved.scale)
                   > SMP_MAX_IMPRESSIONS
               ? NULL
               : current_layout (d, &resolved, &waiting);

  /* The last picture stays until the new placement is ready, and the
   * spinner says it is coming.
   */
  gtk_widget_set_visible (d->busy, waiting);
  if (waiting)
    {
      gtk_spinner_start (GTK_SPINNER (d->busy));
      return;
    }
  gtk_spinner_stop (GTK_SPINNER (d->busy));

  shown = g_new (guchar, (gsize) w * h * d->target.n_channels);
  resample (d, layout, &resolved, &area, w, h, shown);
  gimp_preview_area_draw (GIMP_PREVIEW_AREA (gimp_preview_get_area (preview)),
                          0, 0, w, h, display_type (&d->target), shown,
                          w * d->target.n_channels);
  g_free (shown);
}

/* Resolutions that cameras, phones and GIMP write when nobody measured. */
static gboolean
unmeasured_resolution (gdouble ppi)
{
  static const gdouble defaults[] = { 72, 96, 150, 180, 240, 300, 600 };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (fabs (ppi - defaults[i]) < 1e-3)
      return TRUE;
  return FALSE;
}

static void
update_scale_source (Dialog *d)
{
  g_autofree gchar *text = NULL;
  const gdouble     ppi  = d->image_scale * 2.54;

  if (d->params->scale > 0.0)
    text = g_strdup ("");
  else if (unmeasured_resolution (ppi))
    text = g_strdup_printf (_ ("From the image's resolution, %.0f ppi: this "
                               "is rarely a photo's real scale; measure it"),
                            ppi);
  else
    text = g_strdup_printf (_ ("From the image: %.1f px per cm"),
                            d->image_scale);
  gtk_label_set_text (GTK_LABEL (d->scale_source), text);
}

/* What the field found of the photo's own focus, once it is read. */
static gchar *
focus_text (const Dialog *d)
{
  const gdouble blur = d->field ? smp_field_blur (d->field) : -1.0;

  if (blur < 0.0)
    return g_strdup ("");
  if (blur == 0.0)
    return g_strdup (_ ("Too little detail around the selection to judge "
                        "the photo's focus: impressions are drawn sharp"));
  if (blur <= SMP_RENDER_SHARP_SIGMA)
    return g_strdup_printf (
        _ ("The photo is sharp (blur %.1f px): impressions are drawn sharp"),
        blur);
  return g_strdup_printf (_ ("The photo is soft (blur %.1f px): impressions "
                             "are blurred to match"),
                          blur);
}

static void
update_readout (Dialog *d)
{
  const gdouble     scale    = effective_scale (d);
  const gdouble     spacing  = smp_params_spacing_mm (d->params);
  const gdouble     coverage = smp_params_coverage (d->params);
  const gdouble     dot_px   = d->params->dot_size * scale / 10.0;
  g_autofree gchar *text     = NULL;
  g_autofree gchar *focus    = focus_text (d);
  GString          *warnings = g_string_new (NULL);

  update_scale_source (d);
  text = g_strdup_printf (_ ("Spacing %.2f mm = %.1f px, dot %.2f mm = %.1f "
                             "px, pigment covers %.1f%% of the skin"),
                          spacing, spacing * scale / 10.0, d->params->dot_size,
                          dot_px, 100.0 * coverage);
  if (*focus)
    {
      g_autofree gchar *both = g_strconcat (text, "\n", focus, NULL);

      gtk_label_set_text (GTK_LABEL (d->readout), both);
    }
  else
    gtk_label_set_text (GTK_LABEL (d->readout), text);

  if (coverage > HELMET_COVERAGE)
    g_string_append (warnings, _ ("Impressions this dense, large or dark merge "
                                  "into a solid \"helmet\" tone."));
  if (dot_px < SMALLEST_DOT_PX)
    {
      g_autofree gchar *small = g_strdup_printf (
          _ ("An impression is only %.1f px across at this scale, too small "
             "to show: check the scale."),
          dot_px);

      if (warnings->len > 0)
        g_string_append_c (warnings, '\n');
      g_string_append (warnings, small);
    }

  gtk_label_set_text (GTK_LABEL (d->warning), warnings->str);
  gtk_widget_set_visible (d->warning_icon, warnings->len > 0);
  g_string_free (warnings, TRUE);
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

  d->image_scale   = scale;
  d->params->scale = 0.0;
  show_params (d);
}

/* Where the user's presets start among the combo's values. */
#define USER_PRESET 1000

/* The combo's value for the preset whose values the dialog has, or -1. */
static gint
matching_preset (const Dialog *d)
{
  const gint index = smp_presets_matching (d->params);

  if (index >= 0)
    return index;
  for (guint k = 0; k < d->user_presets->len; k++)
    if (smp_user_preset_matches (g_ptr_array_index (d->user_presets, k),
                                 d->params))
      return USER_PRESET + (gint) k;
  return -1;
}

/* Shows the preset whose values the dialog has, or "Custom". */
static void
show_preset (Dialog *d)
{
  const gint       value = matching_preset (d);
  const gboolean   was   = d->updating;
  guint            n;
  const SmpPreset *presets = smp_presets_table (&n);
  const gchar     *about = value >= USER_PRESET ? _ ("One of your own presets")
                           : value >= 0         ? _ (presets[value].description)
                                                : _ ("Your own values");

  d->updating = TRUE;
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (d->preset_combo), value);
  d->updating = was;
  gtk_label_set_text (GTK_LABEL (d->preset_about), about);
  gimp_help_set_help_data (d->preset_combo, about, NULL);
  gtk_widget_set_sensitive (d->rename_preset, value >= USER_PRESET);
  gtk_widget_set_sensitive (d->delete_preset, value >= USER_PRESET);
}

static void
params_changed (Dialog *d)
{
  if (d->updating)
    return;

  show_preset (d);
  update_readout (d);
  gimp_preview_invalidate (GIMP_PREVIEW (d->preview));
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

/* Choosing a preset applies it; "Custom" keeps the values as they are. */
static void
preset_chosen (GtkWidget *combo, Dialog *d)
{
  guint            n;
  const SmpPreset *presets = smp_presets_table (&n);
  gint             value;

  if (d->updating
      || ! gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (combo), &value)
      || value < 0)
    return;

  if (value >= USER_PRESET)
    smp_user_preset_apply (
        g_ptr_array_index (d->user_presets, value - USER_PRESET), d->params);
  else if (value < (gint) n)
    smp_preset_apply (&presets[value], d->params);
  show_params (d);
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

  d->color_button = gimp_color_button_new (_ ("Pigment"), 64, 20, &rgb,
                                           GIMP_COLOR_AREA_FLAT);
  gimp_help_set_help_data (d->color_button, _ (desc->blurb), NULL);
  gtk_size_group_add_widget (
      d->labels,
      gimp_table_attach_aligned (GTK_TABLE (table), 0, row, _ (desc->label),
                                 0.0, 0.5, d->color_button, 1, TRUE));
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
  GtkWidget   *hbox = gtk_hbox_new (FALSE, 6);
  PangoLayout *three_lines;
  gint         height;

  d->warning_icon = gtk_image_new_from_icon_name (GIMP_ICON_DIALOG_WARNING,
                                                  GTK_ICON_SIZE_BUTTON);
  gtk_misc_set_alignment (GTK_MISC (d->warning_icon), 0.5, 0.0);
  d->warning = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (d->warning), TRUE);
  gtk_misc_set_alignment (GTK_MISC (d->warning), 0.0, 0.0);

  three_lines = gtk_widget_create_pango_layout (d->warning, "1\n2\n3");
  pango_layout_get_pixel_size (three_lines, NULL, &height);
  g_object_unref (three_lines);
  gtk_widget_set_size_request (hbox, -1, height);

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

  g_assert (n <= G_N_ELEMENTS (d->adjustments));
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

/* The combo's choices: "Custom", the presets, then the user's. */
static void
fill_presets (Dialog *d)
{
  GimpIntComboBox *combo = GIMP_INT_COMBO_BOX (d->preset_combo);
  guint            n;
  const SmpPreset *presets = smp_presets_table (&n);

  GtkListStore *store = gimp_int_store_new ();

  /* A new store each time: a GimpIntStore emptied keeps a row of its own. */
  d->updating = TRUE;
  gtk_combo_box_set_model (GTK_COMBO_BOX (combo), GTK_TREE_MODEL (store));
  g_object_unref (store);
  gimp_int_combo_box_append (combo, GIMP_INT_STORE_VALUE, -1,
                             GIMP_INT_STORE_LABEL, _ ("Custom"), -1);
  for (guint i = 0; i < n; i++)
    gimp_int_combo_box_append (combo, GIMP_INT_STORE_VALUE, (gint) i,
                               GIMP_INT_STORE_LABEL, _ (presets[i].name), -1);
  for (guint k = 0; k < d->user_presets->len; k++)
    gimp_int_combo_box_append (
        combo, GIMP_INT_STORE_VALUE, USER_PRESET + (gint) k,
        GIMP_INT_STORE_LABEL,
        ((SmpUserPreset *) g_ptr_array_index (d->user_presets, k))->name, -1);
  d->updating = FALSE;
}

/* Keeps the user's presets and shows them. */
static void
presets_changed (Dialog *d)
{
  g_autoptr (GError) error = NULL;

  if (! smp_user_presets_save (d->user_presets, &error))
    g_message (_ ("Could not keep the presets: %s"),
               error ? error->message : g_strerror (errno));
  fill_presets (d);
  show_preset (d);
}

/* Asks for a preset's name; NULL if none was given. */
static gchar *
ask_name (Dialog *d, const gchar *title, const gchar *initial)
{
  GtkWidget *dialog = gimp_dialog_new (
      title, PLUG_IN_ROLE, gtk_widget_get_toplevel (d->preset_combo), 0, NULL,
      NULL, _ ("_Cancel"), GTK_RESPONSE_CANCEL, _ ("_OK"), GTK_RESPONSE_OK,
      NULL);
  GtkWidget *hbox  = gtk_hbox_new (FALSE, 6);
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
chosen_user_preset (Dialog *d)
{
  gint value;

  if (! gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (d->preset_combo),
                                       &value)
      || value < USER_PRESET)
    return NULL;
  return g_ptr_array_index (d->user_presets, value - USER_PRESET);
}

static void
save_preset (GtkWidget *button G_GNUC_UNUSED, Dialog *d)
{
  g_autofree gchar *name = ask_name (d, _ ("Save Preset"), _ ("My preset"));

  if (name)
    {
      smp_user_presets_put (d->user_presets, name, d->params);
      presets_changed (d);
    }
}

static void
rename_preset (GtkWidget *button G_GNUC_UNUSED, Dialog *d)
{
  SmpUserPreset    *preset = chosen_user_preset (d);
  g_autofree gchar *name
      = preset ? ask_name (d, _ ("Rename Preset"), preset->name) : NULL;

  if (name)
    {
      const SmpParams params = preset->params;

      g_ptr_array_remove (d->user_presets, preset);
      smp_user_presets_put (d->user_presets, name, &params);
      presets_changed (d);
    }
}

static void
delete_preset (GtkWidget *button G_GNUC_UNUSED, Dialog *d)
{
  SmpUserPreset *preset = chosen_user_preset (d);

  if (preset)
    {
      g_ptr_array_remove (d->user_presets, preset);
      presets_changed (d);
    }
}

static GtkWidget *
icon_button (const gchar *icon, const gchar *tip, GCallback clicked, Dialog *d)
{
  GtkWidget *button = gtk_button_new ();

  gtk_container_add (GTK_CONTAINER (button),
                     gtk_image_new_from_icon_name (icon, GTK_ICON_SIZE_MENU));
  gimp_help_set_help_data (button, tip, NULL);
  g_signal_connect (button, "clicked", clicked, d);
  return button;
}

/* The presets, "Custom" first, the user's last, a line about the one
 * chosen, and buttons to save the values as a preset of one's own, and to
 * rename or delete one.
 */
static GtkWidget *
build_presets (Dialog *d)
{
  GtkWidget *vbox  = gtk_vbox_new (FALSE, 2);
  GtkWidget *hbox  = gtk_hbox_new (FALSE, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_ ("Pre_sets:"));
  GtkWidget *save  = icon_button (GIMP_ICON_DOCUMENT_SAVE,
                                  _ ("Save these values as a preset"),
                                  G_CALLBACK (save_preset), d);

  d->user_presets  = smp_user_presets_load ();
  d->preset_combo  = g_object_new (GIMP_TYPE_INT_COMBO_BOX, NULL);
  d->rename_preset = icon_button (GIMP_ICON_EDIT, _ ("Rename this preset"),
                                  G_CALLBACK (rename_preset), d);
  d->delete_preset
      = icon_button (GIMP_ICON_EDIT_DELETE, _ ("Delete this preset"),
                     G_CALLBACK (delete_preset), d);
  fill_presets (d);

  d->preset_about = gtk_label_new (NULL);
  gtk_misc_set_alignment (GTK_MISC (d->preset_about), 0.0, 0.5);
  gimp_label_set_attributes (GTK_LABEL (d->preset_about), PANGO_ATTR_STYLE,
                             PANGO_STYLE_ITALIC, -1);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), d->preset_combo);
  gtk_box_pack_start (GTK_BOX (hbox), label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), d->preset_combo, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), save, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), d->rename_preset, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), d->delete_preset, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (vbox), hbox, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (vbox), d->preset_about, FALSE, FALSE, 0);
  g_signal_connect (d->preset_combo, "changed", G_CALLBACK (preset_chosen), d);
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

  d->preview = gimp_zoom_preview_new_from_drawable_id (drawable);
  gtk_widget_set_size_request (d->preview, 400, 400);
  gtk_box_pack_start (GTK_BOX (hbox), d->preview, TRUE, TRUE, 0);
  g_signal_connect (d->preview, "invalidated", G_CALLBACK (preview_update), d);
  d->busy = gtk_spinner_new ();
  gimp_help_set_help_data (d->busy, _ ("Placing the impressions..."), NULL);
  gtk_box_pack_end (
      GTK_BOX (gimp_preview_get_controls (GIMP_PREVIEW (d->preview))), d->busy,
      FALSE, FALSE, 0);
  gtk_widget_set_no_show_all (d->busy, TRUE);

  right = gtk_vbox_new (FALSE, 8);
  gtk_box_pack_start (GTK_BOX (hbox), right, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), build_presets (d), FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), build_controls (d), FALSE, FALSE, 0);

  gtk_widget_show_all (hbox);
  return dialog;
}

gboolean
smp_dialog_run (gint32 image, gint32 drawable, SmpParams *params,
                SmpDialogWork *work)
{
  Dialog     d;
  GtkWidget *dialog;
  gdouble    xres, yres;
  gint       response;
  guint      n;
  SmpParams  chosen;

  memset (&d, 0, sizeof (d));
  d.params     = params;
  d.image      = image;
  d.has_pixels = smp_target_init (&d.target, image, drawable);
  g_free (smp_pixels_treatment_layers (image, &d.n_earlier));
  gimp_image_get_resolution (image, &xres, &yres);
  d.image_scale = (xres + yres) / 2.0 / 2.54;

  gimp_ui_init (PLUG_IN_BINARY, TRUE);
  dialog = build_dialog (&d, drawable);
  show_preset (&d);
  update_readout (&d);
  gtk_widget_show (dialog);
  while (gtk_events_pending ())
    gtk_main_iteration ();
  first_zoom (&d);
  /* Density first, the value most often changed; not the Preview check,
   * which Space would turn off.
   */
  gtk_widget_grab_focus (GIMP_SCALE_ENTRY_SPINBUTTON (
      d.adjustments[smp_params_lookup ("density") - smp_params_table (&n)]));

  while ((response = gimp_dialog_run (GIMP_DIALOG (dialog))) == RESPONSE_RESET)
    reset (&d);

  gtk_widget_destroy (dialog);
  g_ptr_array_unref (d.user_presets);

  /* Randomize asks for a new seed on every run, as in GIMP's own filters. */
  if (response == GTK_RESPONSE_OK && d.randomize)
    params->seed = (gint) g_random_int ();

  /* OK while the chosen values are being placed: the filter needs just
   * that placement, so it finishes rather than starting over.
   */
  chosen       = *params;
  chosen.scale = effective_scale (&d);
  stop_worker (&d,
               response == GTK_RESPONSE_OK && d.worker
                   && smp_layout_same_placement (&d.worker->params, &chosen));
  smp_target_clear (&d.target);

  work->field     = d.field;
  work->layout    = d.layout;
  work->placement = d.layout_params;
  work->replace   = d.n_earlier > 0 && d.replace;
  work->sheet     = d.make_sheet && params->output != SMP_OUTPUT_DRAWABLE;
  return response == GTK_RESPONSE_OK;
}
