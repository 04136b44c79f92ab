/* scalp-micropigmentation: the dialog's preview, in every GIMP.
 *
 * The preview renders the visible rectangle with the same engine call as
 * OK, from the same layout, so what it shows is what OK makes there.  It
 * is a GimpZoomPreview, whose calls GIMP 2.10 and 3 share, as they share
 * GtkSpinner.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-preview.h"

#include <math.h>
#include <stdio.h>

#include "smp-intl.h"
#include "smp-pigment.h"

/* Past this share of skin under pigment, impressions merge. */
#define HELMET_COVERAGE 0.20

/* Impressions narrower than this many pixels cannot show as dots. */
#define SMALLEST_DOT_PX 1.5

gdouble
smp_preview_scale (const SmpPreview *p)
{
  return p->params->scale > 0.0 ? p->params->scale : p->image_scale;
}

/* Placing impressions takes up to a second on a large photo, so it runs
 * beside the dialog: the engine's layout is a pure function of the field
 * (read beforehand, on this thread, as libgimp wants) and a copy of the
 * parameters.  A placement no longer wanted is cancelled.
 */
struct _SmpWorker
{
  SmpPreview     *view;
  GThread        *thread;
  const SmpField *field;
  SmpParams       params;
  SmpLayout      *layout;
  SmpLayoutStatus status;
  gint            cancel;  /* atomic */
  gint            idle_id; /* atomic; set by the worker as it ends */
};

typedef struct _SmpWorker Worker;

static gboolean
worker_keep_going (gdouble fraction G_GNUC_UNUSED, gpointer data)
{
  Worker *w = data;

  return ! g_atomic_int_get (&w->cancel);
}

static gboolean worker_done (gpointer data);

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
worker_free (SmpPreview *d, Worker *w, gboolean keep)
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
  Worker     *w = data;
  SmpPreview *d = w->view;

  d->worker = NULL;
  g_thread_join (w->thread);
  worker_free (d, w, TRUE);
  gimp_preview_invalidate (GIMP_PREVIEW (d->preview));
  return G_SOURCE_REMOVE;
}

/* The field is read, and ready for placements and the readout. */
static void
field_ready (SmpPreview *d)
{
  d->field      = smp_field_reading_finish (d->reading);
  d->reading    = NULL;
  d->reading_id = 0;
  if (d->field_read)
    d->field_read (d->field_read_data);
}

/* Reads the field a strip at a time, between the dialog's own events, so
 * that the dialog answers while a large photo is read: libgimp wants its
 * pixels read on this thread.  Then draws, which places the impressions.
 */
#ifdef SMP_TEST_HOOKS
/* For the dialog test only, in builds made with -Dtest-hooks=true: with
 * SMP_TEST_HOLD set to "field-reading", the preview reads no strip while
 * the file SMP_TEST_HOLD_FILE exists, the dialog answering meanwhile; a
 * reading left unfinished says so in that file's name with ".left".
 */
static gboolean
field_held_for_test (void)
{
  const gchar *stage = g_getenv ("SMP_TEST_HOLD");
  const gchar *file  = g_getenv ("SMP_TEST_HOLD_FILE");

  if (! stage || ! file || ! g_str_equal (stage, "field-reading")
      || ! g_file_test (file, G_FILE_TEST_EXISTS))
    return FALSE;
  g_usleep (G_USEC_PER_SEC / 50);
  return TRUE;
}

/* For the dialog's benchmark only (tests/bench/bench-dialog-open.py):
 * with SMP_TEST_TIMES_FILE set, appends to that file when the preview is
 * made, when the photo has been read and when it first shows the
 * impressions, each with the monotonic clock in microseconds; and the
 * longest the reading kept the dialog from its events at once.
 */
static gboolean shown_for_test;        /* one dialog a process */
static gint64   longest_step_for_test; /* microseconds */

static void
note_for_test (const gchar *what, gint64 value)
{
  const gchar *file = g_getenv ("SMP_TEST_TIMES_FILE");
  FILE        *out  = file ? fopen (file, "a") : NULL;

  if (! out)
    return;
  fprintf (out, "%s %" G_GINT64_FORMAT "\n", what, value);
  fclose (out);
}

static void
mark_for_test (const gchar *what)
{
  note_for_test (what, g_get_monotonic_time ());
}

static void
field_left_for_test (void)
{
  const gchar *file = g_getenv ("SMP_TEST_HOLD_FILE");

  if (file && g_strcmp0 (g_getenv ("SMP_TEST_HOLD"), "field-reading") == 0)
    {
      g_autofree gchar *left = g_strconcat (file, ".left", NULL);

      g_file_set_contents (left, "left\n", -1, NULL);
    }
}
#endif

static gboolean
read_some (gpointer data)
{
  SmpPreview *d = data;
  gboolean    more;
#ifdef SMP_TEST_HOOKS
  const gint64 start = g_get_monotonic_time ();

  if (field_held_for_test ())
    return G_SOURCE_CONTINUE;
#endif
  more = smp_field_reading_step (d->reading);
#ifdef SMP_TEST_HOOKS
  longest_step_for_test
      = MAX (longest_step_for_test, g_get_monotonic_time () - start);
#endif
  if (more)
    return G_SOURCE_CONTINUE;

  field_ready (d);
#ifdef SMP_TEST_HOOKS
  /* The last step finishes the field. */
  longest_step_for_test
      = MAX (longest_step_for_test, g_get_monotonic_time () - start);
  mark_for_test ("photo-read");
  note_for_test ("longest-step", longest_step_for_test);
#endif
  gimp_preview_invalidate (GIMP_PREVIEW (d->preview));
  return G_SOURCE_REMOVE;
}

/* Ends the reading and the placement under way, if any: left, or when
 * they lead to the one wanted, finished and kept.
 */
void
smp_preview_stop (SmpPreview *d, gboolean keep)
{
  Worker *w = d->worker;

  if (d->reading)
    {
      g_source_remove (d->reading_id);
      if (keep)
        field_ready (d);
      else
        {
          g_clear_pointer (&d->reading, smp_field_reading_free);
#ifdef SMP_TEST_HOOKS
          field_left_for_test ();
#endif
        }
    }
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
 * *waiting set while the field is read or the impressions placed.
 */
static SmpLayout *
current_layout (SmpPreview *d, const SmpParams *resolved, gboolean *waiting)
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

  *waiting = TRUE;
  if (! d->field)
    {
      if (! d->reading)
        {
          d->reading    = smp_field_reading_new (&d->target, NULL, NULL);
          d->reading_id = g_idle_add (read_some, d);
        }
      return NULL;
    }

  if (d->worker)
    {
      /* Its result will not be shown; when it ends the next one starts. */
      if (! smp_layout_same_placement (&d->worker->params, resolved))
        g_atomic_int_set (&d->worker->cancel, 1);
      return NULL;
    }

  w         = g_new0 (Worker, 1);
  w->view   = d;
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
render_shown (SmpPreview *d, const SmpLayout *layout, const SmpParams *resolved,
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
resample (SmpPreview *d, const SmpLayout *layout, const SmpParams *resolved,
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
void
smp_preview_first_zoom (SmpPreview *d)
{
  GimpPreview   *preview = GIMP_PREVIEW (d->preview);
  GimpZoomModel *model
      = gimp_zoom_preview_get_model (GIMP_ZOOM_PREVIEW (d->preview));
  const gdouble dot_px = d->params->dot_size * smp_preview_scale (d) / 10.0;
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

void
smp_preview_update (GimpPreview *preview, SmpPreview *d)
{
  SmpParams     resolved = *d->params;
  GeglRectangle area;
  SmpLayout    *layout;
  guchar       *shown;
  gboolean      waiting = FALSE;
  gint          w, h, x1, y1;

  /* The image may have been closed while the dialog is open. */
  if (! d->has_pixels
      || ! gimp_item_is_valid (SMP_AS_ITEM (d->target.drawable)))
    return;

  resolved.scale = smp_preview_scale (d);
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
      gimp_help_set_help_data (d->busy,
                               d->reading ? _ ("Reading the photo...")
                                          : _ ("Placing the impressions..."),
                               NULL);
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
#ifdef SMP_TEST_HOOKS
  if (layout && ! shown_for_test)
    {
      shown_for_test = TRUE;
      mark_for_test ("first-preview");
    }
#endif
}

GtkWidget *
smp_preview_new (SmpPreview *d, SmpDrawable drawable)
{
#if SMP_GIMP == 3
  d->preview = gimp_zoom_preview_new_from_drawable (drawable);
#else
  d->preview = gimp_zoom_preview_new_from_drawable_id (drawable);
#endif
  gtk_widget_set_size_request (d->preview, 400, 400);
#ifdef SMP_TEST_HOOKS
  mark_for_test ("preview-made");
#endif
  g_signal_connect (d->preview, "invalidated", G_CALLBACK (smp_preview_update),
                    d);
  d->busy = gtk_spinner_new ();
  gtk_box_pack_end (
      GTK_BOX (gimp_preview_get_controls (GIMP_PREVIEW (d->preview))), d->busy,
      FALSE, FALSE, 0);
  gtk_widget_set_no_show_all (d->busy, TRUE);
  return d->preview;
}

static gint
preferred_height (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(3, 0, 0)
  gint height;

  gtk_widget_get_preferred_height (widget, NULL, &height);
  return height;
#else
  GtkRequisition req;

  gtk_widget_size_request (widget, &req);
  return req.height;
#endif
}

/* The height widget asks for at width, as wrapping labels need. */
static gint
height_at (GtkWidget *widget, gint width)
{
#if GTK_CHECK_VERSION(3, 0, 0)
  gint height;

  gtk_widget_get_preferred_height_for_width (widget, width, NULL, &height);
  return height;
#else
  (void) width;
  return preferred_height (widget);
#endif
}

static gint
screen_width (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(3, 0, 0)
  GdkDisplay  *display = gtk_widget_get_display (widget);
  GdkMonitor  *monitor = gdk_display_get_primary_monitor (display);
  GdkRectangle area    = { 0, 0, 1024, 768 };

  /* X without a primary monitor (Xvfb, some setups) has a first one. */
  if (! monitor && gdk_display_get_n_monitors (display) > 0)
    monitor = gdk_display_get_monitor (display, 0);
  if (monitor)
    gdk_monitor_get_workarea (monitor, &area);
  return area.width;
#else
  return gdk_screen_get_width (gtk_widget_get_screen (widget));
#endif
}

/* The most a side of the preview grows to, in screen pixels. */
#define PREVIEW_MAX 1024

void
smp_preview_fit (SmpPreview *d, GtkWidget *beside, GtkWidget *below)
{
  GimpPreview *preview = GIMP_PREVIEW (d->preview);
  const gint controls  = preferred_height (gimp_preview_get_controls (preview));
  const gdouble aspect = d->target.w > 0 && d->target.h > 0
                             ? (gdouble) d->target.w / d->target.h
                             : 1.0;
  const gint    widest
      = MIN (MIN (PREVIEW_MAX, d->target.w), screen_width (beside) * 2 / 5);
  gint height = preferred_height (beside) - controls;
  gint width  = MIN ((gint) (height * aspect), widest);

  /* As tall as the controls beside it, less what is below it (as tall as
   * it is at the preview's width), in the selection's shape, within two
   * fifths of the screen's width; GIMP's zoom preview shows no less than
   * all of the selection's pixels, so never wider than it.
   */
  if (below)
    height -= height_at (below, MAX (width, 400));
  width = MIN ((gint) (height * aspect), widest);
  /* GIMP keeps a zoom preview within 512 pixels, its bounds and its
   * area, in the selection's shape: the same shape, larger.  The height
   * follows the width.
   */
  if (width > 0)
    {
      gimp_preview_set_bounds (preview, 0, 0, width, (gint) (width / aspect));
      gimp_preview_area_set_max_size (
          GIMP_PREVIEW_AREA (gimp_preview_get_area (preview)), width,
          (gint) (width / aspect));
    }
  gtk_widget_set_size_request (d->preview, MAX (width, 400), -1);
}

gboolean
smp_preview_placing (const SmpPreview *d, const SmpParams *resolved)
{
  /* While the field is read, the placement that follows is this one. */
  return d->reading
         || (d->worker
             && smp_layout_same_placement (&d->worker->params, resolved));
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

static gchar *
scale_source (const SmpPreview *d)
{
  const gdouble ppi = d->image_scale * 2.54;

  if (d->params->scale > 0.0)
    return g_strdup ("");
  if (unmeasured_resolution (ppi))
    return g_strdup_printf (_ ("From the image's resolution, %.0f ppi: this "
                               "is rarely a photo's real scale; measure it"),
                            ppi);
  return g_strdup_printf (_ ("From the image: %.1f px per cm"), d->image_scale);
}

/* What the field found of the photo's own focus, once it is read. */
static gchar *
focus_text (const SmpPreview *d)
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

/* What the field found of the hair in and just around the selection,
 * once it is read.
 */
static gchar *
hair_text (const SmpPreview *d)
{
  gdouble share;
  gfloat  rgb[3];

  if (! d->field)
    return g_strdup ("");
  if (! smp_field_hair_tone (d->field, &share, rgb))
    return g_strdup (_ ("No hair found in the selection"));
  if (share < 0.005)
    return g_strdup_printf (_ ("No hair in the selection; around it, the "
                               "hair's lightness is %.0f of 100"),
                            smp_pigment_lightness (rgb));
  return g_strdup_printf (_ ("Hair covers %.0f%% of the selection; its "
                             "lightness is %.0f of 100"),
                          100.0 * share, smp_pigment_lightness (rgb));
}

gboolean
smp_preview_hair_pigment (const SmpPreview *view, SmpColor *pigment)
{
  gdouble share;
  gfloat  rgb[3];

  if (! view->field || ! smp_field_hair_tone (view->field, &share, rgb))
    return FALSE;
  if (pigment)
    *pigment = smp_pigment_for_hair (rgb);
  return TRUE;
}

GtkWidget *
smp_preview_hair_button (void)
{
  GtkWidget *button = gtk_button_new_with_label (_ ("From Hair"));

  gimp_help_set_help_data (
      button,
      _ ("The pigment for the hair found in and just around the selection, "
         "as practitioners match it: charcoal for dark hair, lighter and "
         "warmer greys for grey, white and fair hair"),
      NULL);
  gtk_widget_set_sensitive (button, FALSE);
  return button;
}

static gchar *
warnings (gdouble coverage, gdouble dot_px)
{
  GString *text = g_string_new (NULL);

  if (coverage > HELMET_COVERAGE)
    g_string_append (text, _ ("Impressions this dense, large or dark merge "
                              "into a solid \"helmet\" tone."));
  if (dot_px < SMALLEST_DOT_PX)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (
          text,
          _ ("An impression is only %.1f px across at this scale, too small "
             "to show: check the scale."),
          dot_px);
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  gchar *scale_source;
  gchar *numbers;
  gchar *warnings;
} SmpReadout;

static void
smp_readout_init (SmpReadout *readout, const SmpPreview *d)
{
  const gdouble     scale    = smp_preview_scale (d);
  const gdouble     spacing  = smp_params_spacing_mm (d->params);
  const gdouble     coverage = smp_params_coverage (d->params);
  const gdouble     dot_px   = d->params->dot_size * scale / 10.0;
  g_autofree gchar *focus    = focus_text (d);
  g_autofree gchar *hair     = hair_text (d);
  g_autofree gchar *numbers  = g_strdup_printf (
       _ ("Spacing %.2f mm = %.1f px, dot %.2f mm = %.1f px, pigment covers "
           "%.1f%% of the skin"),
       spacing, spacing * scale / 10.0, d->params->dot_size, dot_px,
       100.0 * coverage);

  readout->scale_source = scale_source (d);
  readout->numbers      = *focus
                              ? g_strconcat (numbers, "\n", focus, "\n", hair, NULL)
                              : g_steal_pointer (&numbers);
  readout->warnings     = warnings (coverage, dot_px);
}

gboolean
smp_readout_show (const SmpPreview *view, GtkWidget *scale_source,
                  GtkWidget *numbers, GtkWidget *warnings)
{
  SmpReadout readout;
  gboolean   warned;

  smp_readout_init (&readout, view);
  gtk_label_set_text (GTK_LABEL (scale_source), readout.scale_source);
  gtk_label_set_text (GTK_LABEL (numbers), readout.numbers);
  gtk_label_set_text (GTK_LABEL (warnings), readout.warnings);
  warned = *readout.warnings != '\0';
  g_free (readout.scale_source);
  g_free (readout.numbers);
  g_free (readout.warnings);
  return warned;
}

gint
smp_readout_lines_height (GtkWidget *widget, gint n)
{
  GString     *text = g_string_new ("1");
  PangoLayout *layout;
  gint         height;

  for (gint i = 1; i < n; i++)
    g_string_append (text, "\n1");
  layout = gtk_widget_create_pango_layout (widget, text->str);
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);
  g_string_free (text, TRUE);
  return height;
}
