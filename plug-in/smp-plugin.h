/* scalp-micropigmentation: names the GIMP side shares.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PLUGIN_H__
#define __SMP_PLUGIN_H__

#define PLUG_IN_PROC "plug-in-scalp-micropigmentation"
#define CALIBRATE_PROC "plug-in-scalp-micropigmentation-calibrate"
#define SHEET_PROC "plug-in-scalp-micropigmentation-sheet"
#define PLUG_IN_BINARY "scalp-micropigmentation"
#define PLUG_IN_ROLE "smp-scalp-micropigmentation"
#define PLUG_IN_VERSION "0.1.0"

/* The help domain the plug-in's pages are registered under with GIMP. */
#define HELP_DOMAIN "scalp-micropigmentation-help"

#endif /* __SMP_PLUGIN_H__ */
