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

/* The filter's help in the procedure browser, in English as GIMP's own. */
#define SMP_FILTER_HELP                                                        \
  "Places thousands of tiny, soft pigment impressions over the selected "     \
  "bald or thinning region, the way a scalp micropigmentation "               \
  "practitioner does: evenly but irregularly spread, varied in size and "     \
  "tone, darkening the skin beneath so its shading still shows, fading "      \
  "in at the selection's edge and sparing existing hair.  Density and "       \
  "sizes are physical (per cm², mm) through the scale argument."

/* The help domain the plug-in's pages are registered under with GIMP. */
#define HELP_DOMAIN "scalp-micropigmentation-help"

#endif /* __SMP_PLUGIN_H__ */
