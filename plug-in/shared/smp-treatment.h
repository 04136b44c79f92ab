/* scalp-micropigmentation: the treatment a layer of the filter carries.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_TREATMENT_H__
#define __SMP_TREATMENT_H__

#include "smp-gimp.h"

#include "smp-params.h"

/* The parasite the filter's layers carry: the treatment that made them,
 * its parameters as key-file text, with the scale actually used.
 */
#define SMP_TREATMENT_PARASITE "scalp-micropigmentation-treatment"

/* The layers of image, inside groups too, that the filter made: a new
 * array of *n, NULL when there are none.
 */
SmpLayer *smp_treatment_layers (SmpImage image, gint *n);

/* Reads into params the treatment a layer of the filter carries.  A
 * record that does not parse, or lacks a parameter or holds one out of
 * range (another plug-in's edit, or a user's), is never used: FALSE,
 * params left as they were and message saying so, naming the layer.
 */
gboolean smp_treatment_read (SmpLayer layer, SmpParams *params,
                             gchar **message);

/* An image the filter already treated: reads into params the treatment
 * of its topmost layer of the filter, so that a dialog starts from it and
 * a consultation can be refined days later without typing anything
 * again; a damaged one is left, with a message.  Returns how many layers
 * of the filter the image has.
 */
gint smp_treatment_start (SmpImage image, SmpParams *params);

/* The session a layer of the filter holds on its own (output 2), or 0
 * when it holds them all (output 1).
 */
gint smp_treatment_session (SmpLayer layer);

/* Attaches to a layer the treatment that made it, and the session it
 * holds on its own (0: every session).
 */
void smp_treatment_attach (SmpLayer layer, const SmpParams *params,
                           gint session);

#endif /* __SMP_TREATMENT_H__ */
