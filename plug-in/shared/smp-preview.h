/* scalp-micropigmentation: the dialog's preview, in every GIMP.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PREVIEW_H__
#define __SMP_PREVIEW_H__

#include "smp-pixels.h"

/* After libgimp/gimp.h, which smp-pixels.h brings. */
#include <libgimp/gimpui.h>

typedef struct
{
  const SmpParams   *params;      /* the dialog's values */
  SmpTarget          target;      /* the drawable */
  gboolean           has_pixels;  /* the selection touches it */
  gdouble            image_scale; /* px per cm from its resolution */
  SmpField          *field;       /* read when first needed */
  SmpFieldReading   *reading;     /* the field, while it is read */
  guint              reading_id;  /* the idle source reading it */
  SmpLayout         *layout;
  SmpParams          layout_params; /* what the cached layout was made with */
  struct _SmpWorker *worker;        /* placing impressions, if anything */
  GtkWidget         *preview;       /* a GimpZoomPreview of the drawable */
  GtkWidget         *busy;          /* spins while a placement is under way */
  /* Called once the field is read, which the readout speaks of. */
  void (*field_read) (gpointer data);
  gpointer field_read_data;
} SmpPreview;

/* The zoom preview of drawable, with its spinner, drawn by
 * smp_preview_update(): view->target must be set.
 */
GtkWidget *smp_preview_new (SmpPreview *view, SmpDrawable drawable);
/* Sizes the preview to fill the height of beside, the dialog's controls,
 * less that of below, what the dialog puts under the preview (or NULL),
 * in the selection's shape: once they are built, before the dialog shows.
 */
void smp_preview_fit (SmpPreview *view, GtkWidget *beside, GtkWidget *below);

/* Pixels per cm: the dialog's scale, or the image's when it is 0. */
gdouble smp_preview_scale (const SmpPreview *view);

/* The preview's "invalidated" handler: draws what OK makes under the
 * visible area, or the drawable as it is while the impressions are being
 * placed on a thread of their own, the spinner turning.
 */
void smp_preview_update (GimpPreview *preview, SmpPreview *view);

/* Zooms in until an impression spans a few screen pixels, and limits the
 * zoom to the whole selection and 400%.
 */
void smp_preview_first_zoom (SmpPreview *view);

/* Whether a placement with resolved's values is under way, or the field
 * it needs is being read.
 */
gboolean smp_preview_placing (const SmpPreview *view,
                              const SmpParams  *resolved);

/* Ends the reading and the placement under way: left, or finished and
 * kept.
 */
void smp_preview_stop (SmpPreview *view, gboolean keep);

/* The pigment for the hair the field found in the selection, as
 * practitioners match it (smp_pigment_for_hair()), once the field is
 * read and if it found enough hair; pigment may be NULL to ask whether
 * there is one.
 */
gboolean smp_preview_hair_pigment (const SmpPreview *view, SmpColor *pigment);

/* The button that takes the pigment from the hair: the dialog connects
 * its "clicked" and keeps it sensitive only while
 * smp_preview_hair_pigment() has a pigment.
 */
GtkWidget *smp_preview_hair_button (void);

/* The readout under the scale, in three labels: where the scale comes
 * from (empty when it is set), the spacing, dot size, coverage, focus
 * and the hair found, and the warnings.  Returns whether there are any
 * warnings.
 */
gboolean smp_readout_show (const SmpPreview *view, GtkWidget *scale_source,
                           GtkWidget *numbers, GtkWidget *warnings);

/* The height of n lines of widget's text: the room kept for warnings, so
 * that the dialog does not jump when they come and go.
 */
gint smp_readout_lines_height (GtkWidget *widget, gint n);

#endif /* __SMP_PREVIEW_H__ */
