/* scalp-micropigmentation: the benchmark's floor, the same copy in GIMP
 * 2.10 and 3: the selected pixels of src, in format, written unchanged
 * to dst; or the same pixels only read, which a filter that reads the photo
 * twice (a field first, then the pixels) pays once more.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __BENCH_COPY_H__
#define __BENCH_COPY_H__

#include <gegl.h>
#include <string.h>

/* A sum of bytes read, kept so that no compiler skips the reading. */
static volatile guint32 bench_read_sum;

/* Reads the pixels of roi in format, as a first pass over them does. */
static inline void
bench_read (GeglBuffer *src, const GeglRectangle *roi, const Babl *format)
{
  const gint          bpp  = babl_format_get_bytes_per_pixel (format);
  GeglBufferIterator *iter = gegl_buffer_iterator_new (
      src, roi, 0, format, GEGL_ACCESS_READ, GEGL_ABYSS_NONE, 1);
  guint32 sum = 0;

  while (gegl_buffer_iterator_next (iter))
    {
      const guint8 *p = iter->items[0].data;
      const gsize   n = (gsize) iter->length * bpp;

      for (gsize i = 0; i < n; i += 64)
        sum += p[i];
    }
  bench_read_sum = sum;
}

static inline void
bench_copy (GeglBuffer *src, GeglBuffer *dst, const GeglRectangle *roi,
            const Babl *format)
{
  const gint          bpp  = babl_format_get_bytes_per_pixel (format);
  GeglBufferIterator *iter = gegl_buffer_iterator_new (
      src, roi, 0, format, GEGL_ACCESS_READ, GEGL_ABYSS_NONE, 2);

  gegl_buffer_iterator_add (iter, dst, roi, 0, format, GEGL_ACCESS_WRITE,
                            GEGL_ABYSS_NONE);
  while (gegl_buffer_iterator_next (iter))
    memcpy (iter->items[1].data, iter->items[0].data,
            (gsize) iter->length * bpp);
}

#endif /* __BENCH_COPY_H__ */
