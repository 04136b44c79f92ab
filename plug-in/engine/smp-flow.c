/* scalp-micropigmentation: the direction the hair grows in.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-flow.h"

#include <math.h>

#define FLOW_BLOCK SMP_FIELD_AXIS_BLOCK

/* How far, in mm, the strands' direction carries: the sigma of the
 * Gaussian it is spread by.
 */
#define FLOW_REACH_MM 5.0

/* Ridge that agrees on an axis, per block, around, at which the strands
 * and the natural flow count the same: bare skin's grain and pores, whose
 * ridges agree on nothing, make about a twentieth of it; a strand across
 * a block several times more.
 */
#define FLOW_EVIDENCE 8.0

/* Hair leaves a whorl turning a little, clockwise seen from above. */
#define WHORL_TWIST (G_PI / 9.0)

struct _SmpFlow
{
  gint all_cols, all_rows; /* the field's axis blocks */
  gint c0, r0, cols, rows; /* those kept */
  /* Per block, smoothed: the strands' axis as a vector of twice its
   * angle, as long as their edges agree (x, y), and how much edge went
   * into it (n).
   */
  gfloat *x, *y, *n;
  gdouble whorl_x, whorl_y;
};

/* The field's strand axes, to be spread. */
static void
read_axes (SmpFlow *flow, const SmpField *field)
{
  gint          cols, rows;
  const gfloat *axes = smp_field_strand_axes (field, &cols, &rows);

  for (gint r = 0; r < flow->rows; r++)
    for (gint c = 0; c < flow->cols; c++)
      {
        const gsize   b = (gsize) r * flow->cols + c;
        const gfloat *a
            = axes + 3 * ((gsize) (flow->r0 + r) * cols + flow->c0 + c);

        flow->x[b] = a[0];
        flow->y[b] = a[1];
        flow->n[b] = a[2];
      }
}

/* One pass of a Gaussian of sigma blocks along rows (step 1) or columns
 * (step cols) of plane, in place; outside the drawable counts as nothing.
 */
static void
blur_pass (gfloat *plane, gint len, gint lines, gsize step, gsize line_step,
           const gfloat *kernel, gint radius, gfloat *tmp)
{
  for (gint l = 0; l < lines; l++)
    {
      gfloat *p = plane + l * line_step;

      for (gint i = 0; i < len; i++)
        tmp[i] = p[i * step];
      for (gint i = 0; i < len; i++)
        {
          gfloat sum = 0.0f;

          for (gint k = -radius; k <= radius; k++)
            if (i + k >= 0 && i + k < len)
              sum += kernel[k + radius] * tmp[i + k];
          p[i * step] = sum;
        }
    }
}

static gint
blur_radius (gdouble sigma)
{
  return MAX (1, (gint) ceil (3.0 * sigma));
}

static void
blur_blocks (SmpFlow *flow, gdouble sigma)
{
  const gint radius   = blur_radius (sigma);
  gfloat    *kernel   = g_new (gfloat, 2 * radius + 1);
  gfloat    *tmp      = g_new (gfloat, MAX (flow->cols, flow->rows));
  gfloat    *planes[] = { flow->x, flow->y, flow->n };
  gdouble    total    = 0.0;

  for (gint k = -radius; k <= radius; k++)
    total += kernel[k + radius] = (gfloat) exp (-0.5 * k * k / (sigma * sigma));
  for (gint k = 0; k <= 2 * radius; k++)
    kernel[k] = (gfloat) (kernel[k] / total);

  for (guint p = 0; p < G_N_ELEMENTS (planes); p++)
    {
      blur_pass (planes[p], flow->cols, flow->rows, 1, (gsize) flow->cols,
                 kernel, radius, tmp);
      blur_pass (planes[p], flow->rows, flow->cols, (gsize) flow->cols, 1,
                 kernel, radius, tmp);
    }
  g_free (kernel);
  g_free (tmp);
}

/* The whorl: above the middle of the selection's top edge, where the
 * crown lies in photos of the front, the back and the top of a head.
 */
static void
find_whorl (SmpFlow *flow, const SmpField *field)
{
  const gint cols = smp_field_cols (field), rows = smp_field_rows (field);
  gdouble    sum = 0.0, sum_x = 0.0;
  gint       top = -1;

  for (gint r = 0; r < rows; r++)
    for (gint c = 0; c < cols; c++)
      {
        const gfloat s = smp_field_selection (field, c, r);

        if (s > 0.0f)
          {
            if (top < 0)
              top = r;
            sum += s;
            sum_x += s * (c + 0.5);
          }
      }

  flow->whorl_x = (sum > 0.0 ? sum_x / sum : cols / 2.0) * SMP_FIELD_CELL;
  flow->whorl_y = MAX (top, 0) * SMP_FIELD_CELL;
}

SmpFlow *
smp_flow_new (const SmpField *field, gdouble scale, gint x, gint y, gint width,
              gint height)
{
  const gint    side  = FLOW_BLOCK * SMP_FIELD_CELL;
  const gdouble sigma = FLOW_REACH_MM * scale / 10.0 / side;
  SmpFlow      *flow  = g_new0 (SmpFlow, 1);
  gsize         n;

  smp_field_strand_axes (field, &flow->all_cols, &flow->all_rows);
  flow->cols = flow->all_cols;
  flow->rows = flow->all_rows;
  if (width >= 0)
    {
      /* The blocks whose spread reaches the rectangle: the same values
       * there as over the whole field.
       */
      const gint margin = blur_radius (sigma) + 1;
      const gint c1     = MIN ((x + width) / side + 1 + margin, flow->all_cols);
      const gint r1 = MIN ((y + height) / side + 1 + margin, flow->all_rows);

      flow->c0   = CLAMP (x / side - margin, 0, flow->all_cols - 1);
      flow->r0   = CLAMP (y / side - margin, 0, flow->all_rows - 1);
      flow->cols = MAX (c1 - flow->c0, 1);
      flow->rows = MAX (r1 - flow->r0, 1);
    }
  n       = (gsize) flow->cols * flow->rows;
  flow->x = g_new0 (gfloat, n);
  flow->y = g_new0 (gfloat, n);
  flow->n = g_new0 (gfloat, n);

  read_axes (flow, field);
  blur_blocks (flow, sigma);
  find_whorl (flow, field);
  return flow;
}

void
smp_flow_free (SmpFlow *flow)
{
  if (! flow)
    return;
  g_free (flow->x);
  g_free (flow->y);
  g_free (flow->n);
  g_free (flow);
}

void
smp_flow_whorl (const SmpFlow *flow, gdouble *x, gdouble *y)
{
  *x = flow->whorl_x;
  *y = flow->whorl_y;
}

/* A block plane at pixel (x, y), bilinear between the blocks' centres. */
static gdouble
plane_at (const SmpFlow *flow, const gfloat *plane, gdouble x, gdouble y)
{
  const gdouble side = FLOW_BLOCK * SMP_FIELD_CELL;
  /* Kept blocks reach the rectangle asked for and its spread: clamping
   * to them only guards against a point far outside.
   */
  const gdouble u
      = CLAMP (CLAMP (x / side - 0.5, 0.0, flow->all_cols - 1.0) - flow->c0,
               0.0, flow->cols - 1.0);
  const gdouble v
      = CLAMP (CLAMP (y / side - 0.5, 0.0, flow->all_rows - 1.0) - flow->r0,
               0.0, flow->rows - 1.0);
  const gint    c0 = (gint) u, r0 = (gint) v;
  const gint    c1 = MIN (c0 + 1, flow->cols - 1);
  const gint    r1 = MIN (r0 + 1, flow->rows - 1);
  const gdouble tx = u - c0, ty = v - r0;
  const gfloat *row0 = plane + (gsize) r0 * flow->cols;
  const gfloat *row1 = plane + (gsize) r1 * flow->cols;

  return (1 - ty) * ((1 - tx) * row0[c0] + tx * row0[c1])
         + ty * ((1 - tx) * row1[c0] + tx * row1[c1]);
}

gdouble
smp_flow_axis (const SmpFlow *flow, gdouble x, gdouble y, gdouble *strands)
{
  const gdouble n  = plane_at (flow, flow->n, x, y);
  const gdouble sx = plane_at (flow, flow->x, x, y);
  const gdouble sy = plane_at (flow, flow->y, x, y);
  /* The ridges' mean axis, as long as they agree, and how much the
   * strands around count against the natural flow.
   */
  const gdouble agreeing = sqrt (sx * sx + sy * sy);
  const gdouble weight   = agreeing / (agreeing + FLOW_EVIDENCE);
  const gdouble mx       = n > 0.0 ? sx / n : 0.0;
  const gdouble my       = n > 0.0 ? sy / n : 0.0;
  const gdouble outward
      = atan2 (y - flow->whorl_y, x - flow->whorl_x) + WHORL_TWIST;
  const gdouble vx = weight * mx + (1.0 - weight) * cos (2.0 * outward);
  const gdouble vy = weight * my + (1.0 - weight) * sin (2.0 * outward);

  if (strands)
    *strands = weight * sqrt (mx * mx + my * my);
  return 0.5 * atan2 (vy, vx);
}
