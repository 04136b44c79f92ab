/* scalp-micropigmentation: how each impression looks in the skin.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_RENDER_H__
#define __SMP_RENDER_H__

#include <glib.h>

#include "smp-field.h"
#include "smp-layout.h"
#include "smp-params.h"

G_BEGIN_DECLS

/* A photo's own blur, in pixels, up to which it is as sharp as its
 * pixels let it be: demosaicing, the lens and JPEG soften the edges of
 * the sharpest photos about this much, and an impression's pixel
 * footprint and softness stand for it.  Only the photo's blur beyond it
 * (smp_field_blur()) is added to the impressions.
 */
#define SMP_RENDER_SHARP_SIGMA 1.5

/* A rectangle of linear-light float pixels in the drawable's coordinates.
 * Colour channels come first in each pixel; the renderer never touches the
 * others (alpha).  src and dst may be the same memory.
 */
typedef struct
{
  gint          x, y, width, height;
  gint          n_color;      /* 1 (gray) or 3 (RGB) */
  gint          pixel_stride; /* floats from one pixel to the next */
  gint          row_stride;   /* floats from one row to the next */
  const gfloat *src;
  gfloat       *dst;
} SmpRect;

typedef struct _SmpStamps SmpStamps;

/* Prepares the layout's impressions for rendering with these looks.  The
 * field (for keeping pigment off hair) must outlive the stamps.
 */
SmpStamps *smp_stamps_new (const SmpLayout *layout, const SmpField *field,
                           const SmpParams *params);
/* The same, keeping only the impressions that can reach the rectangle:
 * rendering inside it gives exactly the pixels smp_stamps_new() gives,
 * at the cost of what is near.  The preview uses this.
 */
SmpStamps *smp_stamps_new_near (const SmpLayout *layout, const SmpField *field,
                                const SmpParams *params, gint x, gint y,
                                gint width, gint height);
void       smp_stamps_free (SmpStamps *stamps);

gsize smp_stamps_count (const SmpStamps *stamps);

/* Pigment one impression deposits, in px² of full coverage: its area
 * times its strength.
 */
gdouble smp_stamps_pigment (const SmpStamps *stamps, gsize i);

/* Impression i's centre, the axis it is drawn out along (radians from x
 * toward y) and its length over its width.
 */
void smp_stamps_shape (const SmpStamps *stamps, gsize i, gdouble *x, gdouble *y,
                       gdouble *axis, gdouble *aspect);

/* Renders the impressions and the ash tone of sessions first to last
 * (1-based, inclusive) into rect.  Every pixel is a pure function of the
 * stamps and its own source value: any tiling of the drawable gives the
 * same pixels.
 */
void smp_render (const SmpStamps *stamps, gint first_session, gint last_session,
                 const SmpRect *rect);

/* The share of the ash tone that sessions first to last lay: the share of
 * the impressions they place, or 0 without an ash tone.
 */
gdouble smp_render_tone_share (const SmpStamps *stamps, gint first_session,
                               gint last_session);

/* Where impressions reach a rectangle, and how much light they let
 * through there: for callers that keep pixels in another format and
 * convert only those an impression reaches.  The buffers grow as needed
 * and serve one rectangle after another.
 */
typedef struct
{
  gsize    n;      /* pixels reached */
  guint32 *pixels; /* theirs, as indices row after row, in ascending order */
  /* Transmittance, n_color floats a pixel, and the ash tone's strength,
   * at each pixel's index; they hold only the pixels reached, the others'
   * values being left undefined.
   */
  gfloat *trans;
  gfloat *tone;
  /*< private >*/
  guint8 *touched; /* all 0 between calls */
  gsize   size;    /* pixels the buffers hold */
} SmpReach;

void smp_reach_init (SmpReach *reach);
void smp_reach_clear (SmpReach *reach);

/* Finds the pixels of the rectangle that the impressions or the ash tone
 * of sessions first to last reach (only its geometry and n_color are
 * used), the impressions' transmittance and the tone's strength there:
 * what smp_render_pixel() takes.  Returns how many.
 */
gsize smp_render_reach (const SmpStamps *stamps, gint first_session,
                        gint last_session, const SmpRect *rect,
                        SmpReach *reach);

/* Whether a pixel of transmittance t lets less light through: whether an
 * impression darkens it.
 */
static inline gboolean
smp_render_darkens (const gfloat *t, gint n_color)
{
  gboolean reached = FALSE;

  for (gint c = 0; c < n_color; c++)
    reached |= t[c] < 1.0f;
  return reached;
}

/* What the pixel at (x, y) becomes under the impressions' transmittance t
 * and the ash tone's strength tone; src and dst may be the same memory.  A
 * pixel whose t is all 1 and tone 0 keeps its value.
 */
void smp_render_pixel (const SmpStamps *stamps, gint n_color, gint x, gint y,
                       const gfloat *t, gfloat tone, const gfloat *src,
                       gfloat *dst);

/* smp_render_pixel() of width pixels of row y from x, the same to the
 * bit: t holds n_color values a pixel, tone one, and src and dst stride
 * floats a pixel.
 */
void smp_render_row (const SmpStamps *stamps, gint n_color, gint x, gint y,
                     gint width, const gfloat *t, const gfloat *tone,
                     gint stride, const gfloat *src, gfloat *dst);

/* The share of bare skin's light, on average over an area, that the
 * whole treatment takes away at weight times the density set (the ash
 * tone at no more than its full strength): what a place gains from more
 * or fewer impressions.  Impressions that fall at random darken an area by
 * 1 - exp (-their summed pigment), whatever overlaps.
 */
gdouble smp_render_darkening (const SmpParams *params, gdouble weight);

/* sRGB transfer curve, for the pigment colour the user picks, and its
 * inverse (clamped to [0, 1]), for a pigment the engine suggests.
 */
gdouble smp_srgb_to_linear (gdouble value);
gdouble smp_linear_to_srgb (gdouble value);

G_END_DECLS

#endif /* __SMP_RENDER_H__ */
