/* scalp-micropigmentation: the filter's run, the same in every GIMP.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_FILTER_H__
#define __SMP_FILTER_H__

#include "smp-pixels.h"

/* How a procedure ended. */
typedef struct
{
  GimpPDBStatusType status;
  gchar            *message; /* translated, for the caller */
} SmpOutcome;

/* What the dialog's preview already worked out, handed to the filter so
 * that OK does not work it out again.  Either pointer may be NULL.
 */
typedef struct
{
  SmpField  *field;     /* the drawable's field */
  SmpLayout *layout;    /* the impressions, placed on that field... */
  SmpParams  placement; /* ...with these resolved parameters */
  gboolean   replace;   /* the filter's earlier layers go */
  gboolean   sheet;     /* a consultation sheet follows */
} SmpDialogWork;

/* Sets out's status and message (translated, or NULL); returns FALSE. */
gboolean smp_fail (SmpOutcome *out, GimpPDBStatusType status, gchar *message);

/* The message for a parameter whose value is out of range, naming it
 * and its range.
 */
gchar *smp_range_message (const SmpParamDesc *desc, gdouble value);

/* Starts GEGL and has the engine work with as many threads as GIMP's
 * "Number of threads" preference says.
 */
void smp_filter_init (void);

/* Refuses indexed and group drawables, whose pixels the filter cannot
 * read, with the reason in out.
 */
gboolean smp_filter_check_readable (SmpDrawable drawable, SmpOutcome *out);

/* Refuses indexed, group and locked drawables, with the reason in out. */
gboolean smp_filter_check_drawable (SmpDrawable drawable, SmpOutcome *out);

/* The hair in the selection on a drawable, as the dialog's From Hair
 * sees it: the pigment for it, the share of the selection it covers (0
 * to 1) and its lightness (L*, 0 to 100), or the table's charcoal and a
 * lightness of -1 where too little hair was found.
 */
typedef struct
{
  SmpColor pigment;
  gdouble  share;
  gdouble  lightness;
} SmpHair;

/* Reads a readable drawable's selection and tells its hair. */
gboolean smp_filter_hair (SmpImage image, SmpDrawable drawable, SmpHair *hair,
                          SmpOutcome *out);

/* Refuses outputs 1 and 2 on a channel or a mask. */
gboolean smp_filter_check_output (SmpDrawable drawable, const SmpParams *params,
                                  SmpOutcome *out);

/* Pixels per cm from the image's resolution: the mean of its two, per
 * inch.
 */
gdouble smp_filter_resolution_scale (SmpImage image);

/* Pixels per cm: params' scale, or when 0 the image's resolution. */
gdouble smp_filter_scale (SmpImage image, const SmpParams *params);

/* Draws on a checked drawable with checked parameters, using what work
 * holds and adding what is missing.  Returns the new layer, or
 * SMP_NO_LAYER for output 0 and on failure (out says why).
 */
SmpLayer smp_filter_apply (SmpImage image, SmpDrawable drawable,
                           const SmpParams *params, SmpDialogWork *work,
                           SmpOutcome *out);

#endif /* __SMP_FILTER_H__ */
