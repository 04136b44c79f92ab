/* scalp-micropigmentation: a consultation sheet, before and after.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_SHEET_H__
#define __SMP_SHEET_H__

#include <libgimp/gimp.h>

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

typedef struct
{
  gint   panels; /* SmpSheetPanels */
  gint   crop;   /* SmpSheetCrop */
  gchar *label;  /* NULL or "" for the translated default */
} SmpSheetOptions;

/* Registers plug-in-scalp-micropigmentation-sheet. */
void smp_sheet_query (void);

/* Runs plug-in-scalp-micropigmentation-sheet: the options as the
 * procedure's arguments give them, or as the user sets them in interactive
 * mode.  Returns the new image, shown unless non-interactive, or -1 with
 * status and a translated message set.
 */
gint32 smp_sheet_run (gint32 image, GimpRunMode run_mode,
                      const SmpSheetOptions *options, GimpPDBStatusType *status,
                      gchar **message);

/* The panels a sheet of this image shows unless told otherwise: one per
 * session when the filter made a layer per session, else before and after.
 */
gint smp_sheet_default_panels (gint32 image);

#endif /* __SMP_SHEET_H__ */
