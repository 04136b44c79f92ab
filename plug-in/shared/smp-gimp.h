/* scalp-micropigmentation: the few libgimp calls that differ between
 * GIMP 2.10 and GIMP 3, so that the pixel path is written once.
 *
 * GIMP 2.10 names images, drawables and layers by number, GIMP 3 by
 * object; the GEGL buffers behind them are the same.  SMP_GIMP, set by
 * meson, says which libgimp this is built against.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_GIMP_H__
#define __SMP_GIMP_H__

#include "config.h"

#include <libgimp/gimp.h>

#if SMP_GIMP == 3

typedef GimpImage    *SmpImage;
typedef GimpDrawable *SmpDrawable;
typedef GimpLayer    *SmpLayer;

#define SMP_NO_LAYER NULL
#define SMP_NO_IMAGE NULL
/* gimp_image_insert_layer()'s parent for the image's top level. */
#define SMP_TOP_LEVEL NULL
#define SMP_AS_ITEM(x) GIMP_ITEM (x)
#define SMP_AS_DRAWABLE(x) GIMP_DRAWABLE (x)

#define smp_drawable_width gimp_drawable_get_width
#define smp_drawable_height gimp_drawable_get_height
#define smp_drawable_offsets gimp_drawable_get_offsets
#define smp_image_base_type gimp_image_get_base_type

static inline GeglBuffer *
smp_selection_buffer (SmpImage image)
{
  return gimp_drawable_get_buffer (
      GIMP_DRAWABLE (gimp_image_get_selection (image)));
}

static inline const gchar *
smp_parasite_data (const GimpParasite *parasite, gsize *size)
{
  guint32      n;
  const gchar *data = gimp_parasite_get_data (parasite, &n);

  *size = n;
  return data;
}

static inline gint
smp_count (gpointer *items)
{
  gint n = 0;

  while (items && items[n])
    n++;
  return n;
}

/* The image's top-level layers: a new array of *n. */
static inline SmpLayer *
smp_image_layers (SmpImage image, gint *n)
{
  GimpLayer **layers = gimp_image_get_layers (image);

  *n = smp_count ((gpointer *) layers);
  return layers;
}

/* A group's layers: a new array of *n. */
static inline SmpLayer *
smp_group_layers (SmpLayer group, gint *n)
{
  GimpItem **children = gimp_item_get_children (GIMP_ITEM (group));

  *n = smp_count ((gpointer *) children);
  return (SmpLayer *) children;
}

/* The group a drawable is in, or SMP_NO_LAYER at the top level. */
static inline SmpLayer
smp_parent_layer (SmpDrawable drawable)
{
  GimpItem *parent = gimp_item_get_parent (GIMP_ITEM (drawable));

  return parent ? GIMP_LAYER (parent) : NULL;
}

typedef GimpPath *SmpPath;

#define SMP_NO_PATH NULL

/* The image's active path, the first of those selected in GIMP 3. */
static inline SmpPath
smp_active_path (SmpImage image)
{
  GimpPath **paths = gimp_image_get_selected_paths (image);
  SmpPath    path  = paths && paths[0] ? paths[0] : NULL;

  g_free (paths);
  return path;
}

static inline gint *
smp_path_strokes (SmpPath path, gint *n)
{
  gsize n_strokes = 0;
  gint *strokes   = gimp_path_get_strokes (path, &n_strokes);

  *n = (gint) n_strokes;
  return strokes;
}

static inline void
smp_path_stroke_points (SmpPath path, gint stroke, gint *n, gdouble **points,
                        gboolean *closed)
{
  gsize n_points = 0;

  gimp_path_stroke_get_points (path, stroke, &n_points, points, closed);
  *n = (gint) n_points;
}

#define smp_path_stroke_length gimp_path_stroke_get_length

#define smp_image_width gimp_image_get_width
#define smp_image_height gimp_image_get_height

/* Text: fonts by name, sizes in pixels, as the sheet draws it. */
static inline GimpFont *
smp_font (const gchar *name)
{
  return gimp_font_get_by_name (name);
}

static inline gint
smp_text_width (const gchar *text, const gchar *font, gdouble size)
{
  gint      width = 0, height, ascent, descent;
  GimpFont *f     = smp_font (font);

  if (f)
    gimp_text_get_extents_font (text, size, f, &width, &height, &ascent,
                                &descent);
  return width;
}

static inline SmpLayer
smp_text_layer_new (SmpImage image, const gchar *text, const gchar *font,
                    gdouble size)
{
  GimpFont *f = smp_font (font);

  return f ? GIMP_LAYER (
             gimp_text_layer_new (image, text, f, size, gimp_unit_pixel ()))
           : NULL;
}

static inline void
smp_text_layer_set_color (SmpLayer layer, const gdouble rgb[3])
{
  GeglColor *color = gegl_color_new (NULL);

  gegl_color_set_pixel (color, babl_format ("R'G'B' double"), rgb);
  gimp_text_layer_set_color (GIMP_TEXT_LAYER (layer), color);
  g_object_unref (color);
}

#define smp_text_layer_set_justification(layer, justify)                       \
  gimp_text_layer_set_justification (GIMP_TEXT_LAYER (layer), justify)
#define smp_text_layer_set_size(layer, size)                                   \
  gimp_text_layer_set_font_size (GIMP_TEXT_LAYER (layer), size,                \
                                 gimp_unit_pixel ())

#else /* GIMP 2.10 */

typedef gint32 SmpImage;
typedef gint32 SmpDrawable;
typedef gint32 SmpLayer;

#define SMP_NO_LAYER (-1)
#define SMP_NO_IMAGE (-1)
#define SMP_TOP_LEVEL 0
#define SMP_AS_ITEM(x) (x)
#define SMP_AS_DRAWABLE(x) (x)

#define smp_drawable_width gimp_drawable_width
#define smp_drawable_height gimp_drawable_height
#define smp_drawable_offsets gimp_drawable_offsets
#define smp_image_base_type gimp_image_base_type

static inline GeglBuffer *
smp_selection_buffer (SmpImage image)
{
  return gimp_drawable_get_buffer (gimp_image_get_selection (image));
}

static inline const gchar *
smp_parasite_data (const GimpParasite *parasite, gsize *size)
{
  *size = gimp_parasite_data_size (parasite);
  return gimp_parasite_data (parasite);
}

static inline SmpLayer *
smp_image_layers (SmpImage image, gint *n)
{
  return gimp_image_get_layers (image, n);
}

static inline SmpLayer *
smp_group_layers (SmpLayer group, gint *n)
{
  return gimp_item_get_children (group, n);
}

/* GIMP 2.10's parent for gimp_image_insert_layer() at the top level is 0. */
static inline SmpLayer
smp_parent_layer (SmpDrawable drawable)
{
  return MAX (gimp_item_get_parent (drawable), 0);
}

typedef gint32 SmpPath;

#define SMP_NO_PATH (-1)

static inline SmpPath
smp_active_path (SmpImage image)
{
  const gint32 vectors = gimp_image_get_active_vectors (image);

  return vectors > 0 ? vectors : -1;
}

#define smp_path_strokes gimp_vectors_get_strokes
#define smp_path_stroke_points(path, stroke, n, points, closed)                \
  gimp_vectors_stroke_get_points (path, stroke, n, points, closed)
#define smp_path_stroke_length gimp_vectors_stroke_get_length

#define smp_image_width gimp_image_width
#define smp_image_height gimp_image_height

static inline gint
smp_text_width (const gchar *text, const gchar *font, gdouble size)
{
  gint width = 0, height, ascent, descent;

  gimp_text_get_extents_fontname (text, size, GIMP_PIXELS, font, &width,
                                  &height, &ascent, &descent);
  return width;
}

/* -1 when GIMP has no fonts. */
static inline SmpLayer
smp_text_layer_new (SmpImage image, const gchar *text, const gchar *font,
                    gdouble size)
{
  return gimp_text_layer_new (image, text, font, size, GIMP_UNIT_PIXEL);
}

static inline void
smp_text_layer_set_color (SmpLayer layer, const gdouble rgb[3])
{
  const GimpRGB color = { rgb[0], rgb[1], rgb[2], 1.0 };

  gimp_text_layer_set_color (layer, &color);
}

#define smp_text_layer_set_justification gimp_text_layer_set_justification
#define smp_text_layer_set_size(layer, size)                                   \
  gimp_text_layer_set_font_size (layer, size, GIMP_UNIT_PIXEL)

#endif

#endif /* __SMP_GIMP_H__ */
