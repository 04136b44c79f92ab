/* scalp-micropigmentation: the filter's outputs and their undo step.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pixels.h"

#include "smp-intl.h"
#include "smp-kernel.h"
#include "smp-treatment.h"

/* Output 0: the drawable's pixels pigmented in place, into the shadow,
 * which GIMP merges through the selection.
 */
typedef struct
{
  SmpStripPass pass;
  SmpPigment   pigment;
  SmpScratch   scratch;
  GeglBuffer  *shadow;
} DrawablePass;

static void
pigment_in_place (SmpStripPass *pass, SmpStrip *strip)
{
  DrawablePass *dp = (DrawablePass *) pass;

  smp_pigment_strip (&dp->pigment, &dp->scratch, strip, 0);
}

static void
write_to_shadow (SmpStripPass *pass, const SmpStrip *strip)
{
  DrawablePass *dp = (DrawablePass *) pass;

  gegl_buffer_set (dp->shadow, &strip->rect, 0, pass->target->native,
                   strip->pixels, GEGL_AUTO_ROWSTRIDE);
  gegl_buffer_flush (dp->shadow);
}

/* Removes the layers of an earlier treatment, one after the other. */
static void
remove_layers (SmpImage image, const SmpLayer *layers, gint n)
{
  for (gint i = 0; i < n; i++)
    if (gimp_item_is_valid (SMP_AS_ITEM (layers[i])))
      gimp_image_remove_layer (image, layers[i]);
}

static void
apply_to_drawable (const SmpTarget *target, const SmpStamps *stamps,
                   gint sessions, const SmpLayer *earlier, gint n_earlier,
                   SmpPixelsProgress progress, gpointer data)
{
  const GeglRectangle area = { target->x, target->y, target->w, target->h };
  DrawablePass        dp
      = { .pass    = { .target        = target,
                       .work          = pigment_in_place,
                       .write         = write_to_shadow,
                       .progress      = progress,
                       .progress_data = data },
          .pigment = smp_pigment_init (target, stamps, 1, sessions),
          .shadow  = gimp_drawable_get_shadow_buffer (target->drawable) };

  smp_strips_run (&dp.pass, &area);
  smp_scratch_clear (&dp.scratch);
  g_object_unref (dp.shadow);

  /* The shadow is merged only once complete: one undo step, with the
   * earlier treatment's removal.
   */
  gimp_image_undo_group_start (target->image);
  gimp_drawable_merge_shadow (target->drawable, TRUE);
  remove_layers (target->image, earlier, n_earlier);
  gimp_image_undo_group_end (target->image);
  gimp_drawable_update (target->drawable, target->x, target->y, target->w,
                        target->h);
}

static SmpLayer
new_pigment_layer (const SmpTarget *target, const gchar *name)
{
  const gboolean gray = smp_image_base_type (target->image) == GIMP_GRAY;
  /* Only as large as the selection's bounds on the drawable: outside
   * them the layer would be transparent, its alpha being the selection.
   */
  SmpLayer layer = gimp_layer_new (target->image, name, target->w, target->h,
                                   gray ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE,
                                   100.0, GIMP_LAYER_MODE_NORMAL);

  /* The treated skin itself, blended in linear light by the selection as
   * GIMP's merge blends output 0: the ash tone greys the skin's colour,
   * which no multiplying layer can do.  The layer never paints where the
   * drawable is transparent.
   */
  gimp_layer_set_blend_space (layer, GIMP_LAYER_COLOR_SPACE_RGB_LINEAR);
  gimp_layer_set_composite_space (layer, GIMP_LAYER_COLOR_SPACE_RGB_LINEAR);
  gimp_layer_set_composite_mode (layer, GIMP_LAYER_COMPOSITE_CLIP_TO_BACKDROP);
  gimp_layer_set_offsets (layer, target->off_x + target->x,
                          target->off_y + target->y);
  gimp_drawable_fill (SMP_AS_DRAWABLE (layer), GIMP_FILL_TRANSPARENT);
  return layer;
}

/* Outputs 1 and 2: a layer holding the skin as sessions first to last
 * leave it where they reach it, transparent elsewhere, its alpha the
 * selection there, as GIMP's merge would blend it.
 */
typedef struct
{
  SmpStripPass      pass;
  SmpPigment        pigment;
  SmpScratch        scratch;
  GeglBuffer       *layer;
  const Babl       *native; /* the layer's own format */
  SmpCodec         *codec;  /* linear float to native */
  guchar           *bytes;  /* a strip in the layer's format */
  SmpPixelsProgress progress;
  gpointer          progress_data;
  gdouble           done, share; /* this layer's part of the whole */
} LayerPass;

static void
pigment_layer_strip (SmpStripPass *pass, SmpStrip *strip)
{
  LayerPass  *lp    = (LayerPass *) pass;
  const gint  n_out = pass->out_floats;
  const gsize n_px  = (gsize) strip->rect.width * strip->rect.height;

  memset (strip->out, 0, n_px * n_out * sizeof (gfloat));
  smp_pigment_strip (&lp->pigment, &lp->scratch, strip, n_out);
  if (strip->sel)
    for (gsize i = 0; i < n_px; i++)
      strip->out[i * n_out + n_out - 1] *= strip->sel[i];
}

static void
write_to_layer (SmpStripPass *pass, const SmpStrip *strip)
{
  LayerPass          *lp = (LayerPass *) pass;
  const GeglRectangle in_layer
      = { strip->rect.x - pass->target->x, strip->rect.y - pass->target->y,
          strip->rect.width, strip->rect.height };
  const gsize n_px = (gsize) strip->rect.width * strip->rect.height;

  lp->bytes = g_realloc (lp->bytes, n_px * smp_codec_bpp (lp->codec));
  smp_codec_encode (lp->codec, strip->out, lp->bytes, n_px);
  gegl_buffer_set (lp->layer, &in_layer, 0, lp->native, lp->bytes,
                   GEGL_AUTO_ROWSTRIDE);
}

static gboolean
report_layer (gdouble fraction, gpointer data)
{
  const LayerPass *lp = data;

  return lp->progress
             ? lp->progress (lp->done + lp->share * fraction, lp->progress_data)
             : TRUE;
}

static void
render_layer (const SmpTarget *target, const SmpStamps *stamps, SmpLayer layer,
              gint first, gint last, SmpPixelsProgress progress, gpointer data,
              gdouble done, gdouble share)
{
  const GeglRectangle area  = { target->x, target->y, target->w, target->h };
  const gint          n_out = target->n_color + 1;
  LayerPass           lp    = { .pass = { .target = target,
                                          .mask   = smp_strips_selection (target),
                                          .out_floats = n_out,
                                          .work       = pigment_layer_strip,
                                          .write      = write_to_layer,
                                          .progress   = report_layer },
                                .pigment = smp_pigment_init (target, stamps, first, last),
                                .layer = gimp_drawable_get_buffer (SMP_AS_DRAWABLE (layer)),
                                .native = gimp_drawable_get_format (SMP_AS_DRAWABLE (layer)),
                                .progress      = progress,
                                .progress_data = data,
                                .done          = done,
                                .share         = share };

  lp.pass.progress_data = &lp;
  lp.codec              = smp_codec_new (lp.native);
  smp_strips_run (&lp.pass, &area);
  smp_scratch_clear (&lp.scratch);
  smp_codec_free (lp.codec);
  g_free (lp.bytes);
  gegl_buffer_flush (lp.layer);
  g_object_unref (lp.layer);
  g_clear_object (&lp.pass.mask);
}

/* The layers are filled before they join the image, then inserted
 * together: a run cancelled or killed half way leaves the image as it was.
 */
static SmpLayer
apply_as_layers (const SmpTarget *target, const SmpParams *params,
                 const SmpStamps *stamps, const SmpLayer *earlier,
                 gint n_earlier, SmpPixelsProgress progress, gpointer data)
{
  const gint n_layers
      = params->output == SMP_OUTPUT_SESSION_LAYERS ? params->sessions : 1;
  SmpLayer *layers = g_new (SmpLayer, n_layers);
  SmpLayer  parent;
  gint      position;

  for (gint k = 1; k <= n_layers; k++)
    {
      g_autofree gchar *name = n_layers == 1
                                   ? g_strdup (_ ("Scalp micropigmentation"))
                                   : g_strdup_printf (_ ("SMP session %d"), k);

      layers[k - 1] = new_pigment_layer (target, name);
      smp_treatment_attach (layers[k - 1], params, n_layers == 1 ? 0 : k);
      /* Session k's layer shows the skin after sessions 1 to k: showing
       * layers 1 to k shows it.
       */
      render_layer (target, stamps, layers[k - 1], 1,
                    n_layers == 1 ? params->sessions : k, progress, data,
                    (k - 1.0) / n_layers, 1.0 / n_layers);
    }

  /* Each goes right above the last: session 1 lowest, over the drawable. */
  parent   = smp_parent_layer (target->drawable);
  position = gimp_image_get_item_position (target->image,
                                           SMP_AS_ITEM (target->drawable));
  gimp_image_undo_group_start (target->image);
  for (gint k = 0; k < n_layers; k++)
    gimp_image_insert_layer (target->image, layers[k], parent, position);
  remove_layers (target->image, earlier, n_earlier);
  gimp_image_undo_group_end (target->image);

  {
    const SmpLayer top = layers[n_layers - 1];

    g_free (layers);
    return top;
  }
}

SmpLayer
smp_pixels_apply (const SmpTarget *target, const SmpParams *params,
                  const SmpStamps *stamps, gboolean replace,
                  SmpPixelsProgress progress, gpointer data)
{
  gint                 n_earlier = 0;
  g_autofree SmpLayer *earlier
      = replace ? smp_treatment_layers (target->image, &n_earlier) : NULL;
  SmpLayer layer = SMP_NO_LAYER;

  if (params->output != SMP_OUTPUT_DRAWABLE)
    layer = apply_as_layers (target, params, stamps, earlier, n_earlier,
                             progress, data);
  else
    apply_to_drawable (target, stamps, params->sessions, earlier, n_earlier,
                       progress, data);
  return layer;
}
