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

#else /* GIMP 2.10 */

typedef gint32 SmpImage;
typedef gint32 SmpDrawable;
typedef gint32 SmpLayer;

#define SMP_NO_LAYER (-1)
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

#endif

#endif /* __SMP_GIMP_H__ */
