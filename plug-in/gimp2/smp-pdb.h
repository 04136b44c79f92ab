/* scalp-micropigmentation: the PDB procedure's arguments and last values.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PDB_H__
#define __SMP_PDB_H__

#include <libgimp/gimp.h>

#include "smp-params.h"

/* run-mode, image, drawable: the arguments before the filter's own. */
#define SMP_PDB_FIRST_PARAM 3

/* An argument's PDB description: its blurb with its range and default,
 * "Impressions per cm² of scalp ... (1 to 400; default 80)".
 */
gchar *smp_pdb_describe (const SmpParamDesc *desc);

/* The full argument list, built from the parameter table.  Free with
 * smp_pdb_free_args().
 */
GimpParamDef *smp_pdb_args (gint *n_args);
void          smp_pdb_free_args (GimpParamDef *args, gint n_args);

/* Reads the filter's arguments of a non-interactive call.  Returns NULL
 * when all are valid, else a translated message naming the argument and
 * its allowed range.
 */
gchar *smp_pdb_read (const GimpParam *param, gint n_params, SmpParams *params);

/* Last values: kept by GIMP between runs of a session, and as text in
 * the user's profile between sessions.  Loading gives the defaults for
 * anything not kept, and says whether anything was.
 */
gboolean smp_pdb_load_last (SmpParams *params);
void     smp_pdb_save_last (const SmpParams *params);

#endif /* __SMP_PDB_H__ */
