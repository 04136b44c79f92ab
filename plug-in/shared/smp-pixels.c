/* scalp-micropigmentation: the drawable, and the field read from it.
 *
 * Data flows one way: GIMP's buffers are read strip by strip
 * (smp-strips.c), the engine renders (smp-kernel.c), and the result goes
 * back the same way (smp-outputs.c).  The plug-in holds a few strips at a
 * time, never a copy of the whole drawable; the tiles it has read stay in
 * GEGL's tile cache, within the size set in GIMP's preferences, as for any
 * plug-in.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pixels.h"

#include <string.h>

#include "smp-strips.h"

const Babl *
smp_pixels_format (SmpDrawable drawable, gint *n_color, gint *n_channels)
{
  const gboolean gray  = ! gimp_drawable_is_rgb (drawable);
  const gboolean alpha = gimp_drawable_has_alpha (drawable);

  *n_color    = gray ? 1 : 3;
  *n_channels = *n_color + (alpha ? 1 : 0);

  if (gray)
    return babl_format (alpha ? "YA float" : "Y float");

  return babl_format (alpha ? "RGBA float" : "RGB float");
}

gboolean
smp_target_init (SmpTarget *target, SmpImage image, SmpDrawable drawable)
{
  memset (target, 0, sizeof (SmpTarget));

  target->image    = image;
  target->drawable = drawable;
  target->width    = smp_drawable_width (drawable);
  target->height   = smp_drawable_height (drawable);
  target->native   = gimp_drawable_get_format (drawable);
  target->format
      = smp_pixels_format (drawable, &target->n_color, &target->n_channels);
  target->has_selection = ! gimp_selection_is_empty (image);
  smp_drawable_offsets (drawable, &target->off_x, &target->off_y);
  target->source = gimp_drawable_get_buffer (drawable);

  return gimp_drawable_mask_intersect (drawable, &target->x, &target->y,
                                       &target->w, &target->h)
         && target->w > 0 && target->h > 0;
}

void
smp_target_clear (SmpTarget *target)
{
  g_clear_object (&target->source);
}

/* From the drawable's own format to linear light in its own primaries,
 * which is what the field reads: luminance and colour differences.  babl
 * works a conversion out anew in every process and picks by measured
 * speed among paths that differ in the last bits, and its fast float
 * paths differ from one processor to another: enough to move an
 * impression.  So 8- and 16-bit pixels go through a table per channel,
 * filled from the colour channels alone through double precision, whose
 * paths agree, and rounded to float once; other depths go through babl.
 */
typedef struct
{
  const Babl *to_linear; /* without a table */
  gint        n_color;   /* 1 or 3 */
  gint        n_comp;    /* components of a pixel, alpha included */
  gfloat      weight[3]; /* luminance of each primary */
  gint        bits;      /* 8 or 16 for a table, 0 without */
  gfloat     *table[3];  /* 2^bits entries each */
} Linear;

/* The drawable's format without its alpha, for the tables; NULL for a
 * colour model GIMP does not give drawables.
 */
static const Babl *
color_only (const Babl *native)
{
  static const gchar *const models[][2] = {
    { "R'G'B'", "R'G'B'A" }, { "RGB", "RGBA" }, { "Y'", "Y'A" }, { "Y", "YA" }
  };
  const gchar *model = babl_get_name (babl_format_get_model (native));

  for (guint k = 0; k < G_N_ELEMENTS (models); k++)
    if (g_str_equal (model, models[k][0]) || g_str_equal (model, models[k][1]))
      {
        g_autofree gchar *name = g_strdup_printf (
            "%s %s", models[k][0],
            babl_get_name (babl_format_get_type (native, 0)));

        return babl_format_with_space (name, babl_format_get_space (native));
      }
  return NULL;
}

/* Fills one table per channel: the linear value of each of its codes. */
static void
linear_tables (Linear *lin, const Babl *color, const Babl *space)
{
  const gsize n    = (gsize) 1 << lin->bits;
  const Babl *fish = babl_fish (
      color, babl_format_with_space (
                 lin->n_color == 3 ? "RGB double" : "Y double", space));
  guint16 *px     = g_new0 (guint16, n * lin->n_color);
  gdouble *linear = g_new (gdouble, n * lin->n_color);

  for (gsize v = 0; v < n; v++)
    for (gint c = 0; c < lin->n_color; c++)
      {
        if (lin->bits == 8)
          ((guchar *) px)[v * lin->n_color + c] = (guchar) v;
        else
          px[v * lin->n_color + c] = (guint16) v;
      }
  babl_process (fish, px, linear, (long) n);

  for (gint c = 0; c < lin->n_color; c++)
    {
      lin->table[c] = g_new (gfloat, n);
      for (gsize v = 0; v < n; v++)
        lin->table[c][v] = (gfloat) linear[v * lin->n_color + c];
    }
  g_free (px);
  g_free (linear);
}

static void
linear_init (Linear *lin, const SmpTarget *target)
{
  const Babl *native    = target->native;
  const Babl *space     = babl_format_get_space (native);
  const Babl *type      = babl_format_get_type (native, 0);
  const Babl *color     = color_only (native);
  const gint  bpp       = babl_format_get_bytes_per_pixel (native);
  gdouble     weight[3] = { 1.0, 1.0, 1.0 };

  memset (lin, 0, sizeof (Linear));
  lin->n_color = target->n_color;
  lin->n_comp  = babl_format_get_n_components (native);
  if (lin->n_color == 3)
    babl_space_get_rgb_luminance (space, &weight[0], &weight[1], &weight[2]);
  for (gint c = 0; c < 3; c++)
    lin->weight[c] = (gfloat) weight[c];

  if (color && type == babl_type ("u8") && bpp == lin->n_comp)
    lin->bits = 8;
  else if (color && type == babl_type ("u16") && bpp == 2 * lin->n_comp)
    lin->bits = 16;

  if (lin->bits)
    linear_tables (lin, color, space);
  else
    lin->to_linear = babl_fish (
        native, babl_format_with_space (
                    target->n_color == 3 ? "RGB float" : "Y float", space));
}

static void
linear_clear (Linear *lin)
{
  for (gint c = 0; c < 3; c++)
    g_clear_pointer (&lin->table[c], g_free);
}

/* n pixels to linear light, n_color floats each. */
static void
linear_convert (const Linear *lin, const guchar *px, gfloat *out, gsize n)
{
  const gfloat *const *t   = (const gfloat *const *) lin->table;
  const gint           n_c = lin->n_color;

  if (lin->bits == 8)
    {
      for (gsize i = 0; i < n; i++, px += lin->n_comp)
        for (gint c = 0; c < n_c; c++)
          out[i * n_c + c] = t[c][px[c]];
    }
  else if (lin->bits == 16)
    {
      const guint16 *p = (const guint16 *) px;

      for (gsize i = 0; i < n; i++, p += lin->n_comp)
        for (gint c = 0; c < n_c; c++)
          out[i * n_c + c] = t[c][p[c]];
    }
  else
    babl_process (lin->to_linear, px, out, (long) n);
}

/* The field: what the whole drawable and its selection look like. */
typedef struct
{
  SmpStripPass pass;
  SmpField    *field;
  Linear       to_linear;
  gfloat      *linear; /* a strip's, with its halo */
} FieldPass;

static void
add_to_field (SmpStripPass *pass, SmpStrip *strip)
{
  FieldPass          *fp     = (FieldPass *) pass;
  const SmpTarget    *target = pass->target;
  const GeglRectangle r      = strip->rect;

  /* babl works a conversion out the first time it is asked for, by
   * measuring candidates, in 15 to 20 ms: the worker, which waits on the
   * reading anyway, asks now for those that drawing the impressions will
   * use.
   */
  if (r.y == 0)
    {
      babl_fish (target->native, target->format);
      babl_fish (target->format, target->native);
    }

  linear_convert (&fp->to_linear, strip->pixels, fp->linear,
                  (gsize) r.width * (strip->above + r.height + strip->below));
  smp_field_add (fp->field, r.y, r.height,
                 fp->linear + (gsize) strip->above * r.width * target->n_color,
                 strip->sel);
}

SmpField *
smp_pixels_read_field (const SmpTarget *target, SmpPixelsProgress progress,
                       gpointer data)
{
  const GeglRectangle all = { 0, 0, target->width, target->height };
  const gsize         n_px
      = (gsize) target->width * (gimp_tile_height () + 2 * SMP_FIELD_HALO);
  FieldPass fp = { .pass   = { .target        = target,
                               .mask          = smp_strips_selection (target),
                               .halo          = SMP_FIELD_HALO,
                               .work          = add_to_field,
                               .progress      = progress,
                               .progress_data = data },
                   .field  = smp_field_new (target->width, target->height,
                                            target->n_color),
                   .linear = g_new (gfloat, n_px * target->n_color) };

  linear_init (&fp.to_linear, target);
  smp_field_set_luminance (fp.field, fp.to_linear.weight);

  smp_strips_run (&fp.pass, &all);
  smp_field_finish (fp.field);

  g_free (fp.linear);
  linear_clear (&fp.to_linear);
  g_clear_object (&fp.pass.mask);
  return fp.field;
}
