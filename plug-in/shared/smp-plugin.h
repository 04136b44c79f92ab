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
#define HAIR_PROC "plug-in-scalp-micropigmentation-pigment-from-hair"
#define PLUG_IN_BINARY "scalp-micropigmentation"
#define PLUG_IN_ROLE "smp-scalp-micropigmentation"
#define PLUG_IN_VERSION "0.1.0"

/* The filter's help in the procedure browser, in English as GIMP's own. */
#define SMP_FILTER_HELP                                                        \
  "Places thousands of tiny, soft pigment impressions over the selected "      \
  "bald or thinning region, the way a scalp micropigmentation "                \
  "practitioner does: evenly but irregularly spread, varied in size and "      \
  "tone, darkening the skin beneath so its shading still shows, fading "       \
  "in at the selection's edge and sparing existing hair.  Density and "        \
  "sizes are physical (per cm², mm) through the scale argument."

/* The calibration's help in the procedure browser. */
#define SMP_CALIBRATE_HELP                                                     \
  "Measures the first stroke of the image's active path (between its "         \
  "end anchors when it has two, along the stroke otherwise) and sets "         \
  "the image's resolution on both axes so that this many pixels make "         \
  "length cm.  GIMP's rulers in cm, the Measure tool and the scale 0 "         \
  "of plug-in-scalp-micropigmentation then speak scalp centimetres.  "         \
  "One undo step; refused, with nothing changed, without an active "           \
  "path, for a path of no length, or a length out of range."

/* The sheet's help in the procedure browser. */
#define SMP_SHEET_HELP                                                         \
  "Makes a new image from an image treated with "                              \
  "plug-in-scalp-micropigmentation at output 1 or 2: the photo before, "       \
  "and after the treatment or after each session, side by side, each "         \
  "the image flattened in that state.  A caption names each panel and "        \
  "a footer carries the label, which marks the pictures as a "                 \
  "simulation, and the treatment: density, dot size, sessions and a "          \
  "swatch of the pigment.  All text is text layers.  Refused for an "          \
  "image without layers from the filter."

/* The pigment from the hair's help in the procedure browser. */
#define SMP_HAIR_HELP                                                          \
  "Reads the selection on the drawable as the filter does and returns "        \
  "what the filter's From Hair button takes: the pigment a "                   \
  "practitioner would choose for the hair found there and just around "        \
  "it (charcoal for dark hair, lighter and warmer greys for grey, white, "     \
  "blond and red hair), the share of the selection hair covers (0 to 1) "      \
  "and the hair's lightness (L*, 0 to 100; -1 and the charcoal where too "     \
  "little hair was found).  Changes nothing.  The hair around the "            \
  "selection is what lies within about 32 pixels of its edge."

/* Every procedure's attribution. */
#define SMP_AUTHORS "The scalp-micropigmentation authors"
#define SMP_COPYRIGHT "GPL-3.0-or-later, the scalp-micropigmentation authors"
#define SMP_DATE "2026"

/* The help domain the plug-in's pages are registered under with GIMP. */
#define HELP_DOMAIN "scalp-micropigmentation-help"

#endif /* __SMP_PLUGIN_H__ */
