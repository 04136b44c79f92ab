/* scalp-micropigmentation: libFuzzer target for the follicle engine.
 *
 * The input decides everything the engine is handed: the drawable's size,
 * every parameter as a raw double (NaN, infinities and extremes included),
 * luminance and selection as raw floats, and rectangles to render, inside,
 * across or outside the drawable.  The engine must refuse what it cannot
 * use and never crash, read or write out of bounds, or hit undefined
 * behaviour; impressions stay inside the drawable and finite input renders
 * finite output.
 *
 *   clang -fsanitize=fuzzer,address,undefined ... (tests/fuzz/run-fuzz.sh)
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smp-field.h"
#include "smp-layout.h"
#include "smp-render.h"

/* Kept small so that each input runs in milliseconds. */
#define MAX_SIDE 128
#define MAX_IMPRESSIONS 3000
#define MAX_WORK 4e6 /* impressions x pixels each may touch */

typedef struct
{
  const uint8_t *data;
  size_t         size, pos;
} Input;

static uint8_t
byte (Input *in)
{
  return in->pos < in->size ? in->data[in->pos++] : 0;
}

/* The next bytes of the input, as they are, into a value of n bytes. */
static void
take (Input *in, void *value, size_t n)
{
  uint8_t *b = value;

  for (size_t i = 0; i < n; i++)
    b[i] = byte (in);
}

static double
raw_double (Input *in)
{
  double v;

  take (in, &v, sizeof v);
  return v;
}

static float
raw_float (Input *in)
{
  float v;

  take (in, &v, sizeof v);
  return v;
}

/* Half the time a value inside the parameter's range (so that deep code
 * runs), half the time any double at all.
 */
static double
param_value (Input *in, const SmpParamDesc *desc)
{
  const uint8_t mode = byte (in);

  if (mode & 1)
    return raw_double (in);

  if (mode & 2)
    return (mode & 4) ? desc->min : desc->max;

  return desc->min + (desc->max - desc->min) * (byte (in) / 255.0);
}

static void
decode_params (Input *in, SmpParams *p)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  smp_params_defaults (p);
  for (guint i = 0; i < n; i++)
    {
      if (table[i].type == SMP_PARAM_COLOR)
        {
          p->pigment.r = byte (in) / 255.0;
          p->pigment.g = (byte (in) & 1) ? raw_double (in) : 0.2;
          p->pigment.b = byte (in) / 255.0;
          continue;
        }
      smp_param_set (p, &table[i], param_value (in, &table[i]));
    }

  /* The plug-in resolves scale 0 before the engine sees it; the fuzzer
   * also hands the engine what it must refuse.
   */
  if (byte (in) & 1)
    p->scale = 1.0 + byte (in) * 2.0;
}

static SmpField *
decode_field (Input *in, int w, int h, gboolean *finite)
{
  const int     n_color = (byte (in) & 1) ? 3 : 1;
  SmpField     *field   = smp_field_new (w, h, n_color);
  float        *px      = malloc (sizeof (float) * w * h * n_color);
  float        *mask = (byte (in) & 1) ? malloc (sizeof (float) * w * h) : NULL;
  const uint8_t style = byte (in);

  *finite = TRUE;
  for (int i = 0; i < w * h; i++)
    {
      for (int c = 0; c < n_color; c++)
        {
          px[i * n_color + c]
              = (style & 1) ? raw_float (in) : byte (in) / 255.0f;
          *finite &= isfinite (px[i * n_color + c]);
        }
      if (mask)
        mask[i] = (style & 2) ? raw_float (in) : byte (in) / 255.0f;
    }

  smp_field_add (field, 0, h, px, mask);
  smp_field_finish (field);
  free (px);
  free (mask);
  return field;
}

static void
render_rects (Input *in, const SmpStamps *stamps, const SmpLayout *layout,
              int w, int h, gboolean finite)
{
  for (int r = 0; r < 3; r++)
    {
      const int n_color = (byte (in) & 1) ? 3 : 1;
      const int stride  = n_color + (byte (in) & 1);
      const int rw      = byte (in) % (MAX_SIDE + 1);
      const int rh      = byte (in) % (MAX_SIDE + 1);
      const int rx      = (int8_t) byte (in) * 2;
      const int ry      = (int8_t) byte (in) * 2;
      const int first   = byte (in) % 6;
      const int last    = byte (in) % 6;
      float    *buf     = malloc (sizeof (float) * MAX (1, rw * rh * stride));
      SmpRect rect = { rx, ry, rw, rh, n_color, stride, rw * stride, buf, buf };

      for (int i = 0; i < rw * rh * stride; i++)
        buf[i] = byte (in) / 255.0f;

      smp_render (stamps, first, last, &rect);

      if (finite)
        for (int i = 0; i < rw * rh * stride; i++)
          if (! isfinite (buf[i]) || buf[i] < 0.0f || buf[i] > 1.0f)
            abort ();
      free (buf);
    }

  (void) layout;
  (void) w;
  (void) h;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  Input      in = { data, size, 0 };
  const int  w  = 1 + byte (&in) % MAX_SIDE;
  const int  h  = 1 + byte (&in) % MAX_SIDE;
  SmpParams  params;
  SmpField  *field;
  SmpLayout *layout;
  SmpStamps *stamps;
  gboolean   finite;
  double     dot_px, expected;

  decode_params (&in, &params);
  field = decode_field (&in, w, h, &finite);

  if (! smp_layout_params_ok (&params))
    {
      /* Refused, not crashed. */
      if (smp_layout_new (field, &params, NULL, NULL, &layout)
              != SMP_LAYOUT_INVALID
          || layout != NULL)
        abort ();
      smp_field_free (field);
      return 0;
    }

  expected = smp_layout_expected_count (field, &params);
  dot_px   = params.dot_size * params.scale / 10.0;
  if (expected > MAX_IMPRESSIONS
      || expected * MIN (w * (double) h, 16.0 * dot_px * dot_px) > MAX_WORK)
    {
      smp_field_free (field);
      return 0; /* too slow for a fuzzer, not wrong */
    }

  if (smp_layout_new (field, &params, NULL, NULL, &layout) != SMP_LAYOUT_OK)
    abort ();

  for (size_t i = 0; i < layout->n_impressions; i++)
    {
      const SmpImpression *imp = &layout->impressions[i];

      if (! (imp->x >= 0 && imp->x <= w && imp->y >= 0 && imp->y <= h)
          || imp->session < 1 || imp->session > params.sessions)
        abort ();
    }

  stamps = smp_stamps_new (layout, field, &params);
  render_rects (&in, stamps, layout, w, h, finite);

  smp_stamps_free (stamps);
  smp_layout_free (layout);
  smp_field_free (field);
  return 0;
}
