/* scalp-micropigmentation: a consultation sheet, before and after.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_SHEET_H__
#define __SMP_SHEET_H__

#include "smp-filter.h"

/* The "panels" argument. */
typedef enum
{
  SMP_SHEET_BEFORE_AFTER = 0, /* before, and after all sessions */
  SMP_SHEET_EACH_SESSION = 1  /* before, and after each session */
} SmpSheetPanels;

/* The "crop" argument. */
typedef enum
{
  SMP_SHEET_WHOLE   = 0, /* the whole image */
  SMP_SHEET_TREATED = 1  /* the treated area's bounds, with a margin */
} SmpSheetCrop;

/* The sheet procedure's arguments after run-mode and image, as both
 * front ends declare them: panels (a SmpSheetPanels), crop (a
 * SmpSheetCrop) and label (a string; only its name, label and blurb).
 */
extern const SmpParamDesc smp_sheet_panels_param;
extern const SmpParamDesc smp_sheet_crop_param;
extern const SmpParamDesc smp_sheet_label_param;

typedef struct
{
  gint         panels; /* SmpSheetPanels */
  gint         crop;   /* SmpSheetCrop */
  const gchar *label;  /* NULL or "" for the translated default */
} SmpSheetOptions;

/* The treated image, as the sheet sees it. */
typedef struct
{
  SmpImage      image;
  SmpLayer     *layers; /* the filter's, topmost first */
  gint          n_layers;
  gint          n_sessions; /* the last session with a layer of its own */
  SmpParams     treatment;  /* the topmost layer's */
  GeglRectangle area;       /* what each panel shows, in image pixels */
} SmpSheetSource;

/* Refuses panels or crop out of range. */
gboolean smp_sheet_options_ok (const SmpSheetOptions *options, SmpOutcome *out);

/* Finds the filter's layers in image; refuses an image without any,
 * saying how to make them.  smp_sheet_source_clear() releases it either
 * way.
 */
gboolean smp_sheet_source_init (SmpSheetSource *src, SmpImage image,
                                SmpOutcome *out);
void     smp_sheet_source_clear (SmpSheetSource *src);

/* The sheet, a new image, with the progress bar; SMP_NO_IMAGE with out
 * saying why when a panel per session is asked of layers that hold every
 * session in one, or GIMP has no fonts.
 */
SmpImage smp_sheet_make (SmpSheetSource *src, const SmpSheetOptions *options,
                         SmpOutcome *out);

/* The sheet the filter's dialog asks for after OK, shown: the whole
 * image, a panel per session when the filter made a layer per session,
 * else before and after.  A failure is said, and leaves the treatment
 * done.
 */
void smp_sheet_show_default (SmpImage image);

#endif /* __SMP_SHEET_H__ */
