/* scalp-micropigmentation: the parameter table as GIMP 3's procedure
 * arguments and config.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_CONFIG_H__
#define __SMP_CONFIG_H__

#include <libgimp/gimp.h>

#include "smp-filter.h"

/* The filter's arguments after run-mode, image and drawables, from the
 * table: the same names, ranges and defaults as in GIMP 2.10; and the
 * dialog's "replace" and "sheet" choices, as auxiliary arguments.
 */
void smp_config_add_arguments (GimpProcedure *procedure);

/* Sets config's values to params'. */
void smp_config_write (GimpProcedureConfig *config, const SmpParams *params);

/* Reads config's values into params; returns a translated message when one
 * is out of the range GIMP's own checks leave open (a scale between 0 and
 * 1), else NULL.
 */
gchar *smp_config_read (GimpProcedureConfig *config, SmpParams *params);

/* What every procedure of the plug-in has: its attribution, a run-mode
 * argument and an image argument described by image_blurb.
 */
void smp_procedure_begin (GimpProcedure *procedure, const gchar *image_blurb);

/* A procedure's return values for out: its status, and its message for
 * GIMP to show and scripts to receive; the caller sets the results.
 */
GimpValueArray *smp_answer (GimpProcedure *procedure, const SmpOutcome *out);

#endif /* __SMP_CONFIG_H__ */
