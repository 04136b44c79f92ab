/* scalp-micropigmentation: the pigment from the hair, for scripts, in
 * GIMP 3.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_HAIR_PROC_H__
#define __SMP_HAIR_PROC_H__

#include <libgimp/gimp.h>

/* plug-in-scalp-micropigmentation-pigment-from-hair, registered with
 * plug_in: run-mode, image, drawable, as in GIMP 2.10.
 */
GimpProcedure *smp_hair_procedure (GimpPlugIn *plug_in);

#endif /* __SMP_HAIR_PROC_H__ */
