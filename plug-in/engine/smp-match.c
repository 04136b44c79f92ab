/* scalp-micropigmentation: a treatment that matches the hair around.
 *
 * Over alopecia areata, a thinning crown or a scar among hair the
 * practitioner does not treat evenly: density and depth follow the
 * hair-bearing scalp around, so that the bald patches take its tone and
 * vanish into it.  The photo's tone is taken as the eye takes such
 * patches, over a millimetre or two: finer is the texture of the stubble's
 * and the impressions' own dots.  The tone of the hair-bearing scalp
 * around a place is the darker part of the tones within a couple of
 * centimetres, wider than most patches; each place then takes the share
 * of the treatment set that darkens it to that tone: more than set on a
 * bare patch, less in thinning hair, none where the scalp has the tone
 * already.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-match.h"

#include <math.h>

#include "smp-parallel.h"
#include "smp-render.h"
#include "smp-smooth.h"

/* The tone is averaged on patches of about this side, in mm, over a
 * Gaussian of this sigma.
 */
#define PATCH_MM 1.0
#define TONE_SIGMA_MM 1.5

/* The hair-bearing scalp's tone around a place: this share of the tones
 * within AROUND_MM of it, sampled every AROUND_STEP_MM, are darker.
 */
#define AROUND_MM 30.0
#define AROUND_STEP_MM 3.0
#define AROUND_SHARE 0.25

/* Patches selected at least this much give their tone to the places
 * around; so do those just outside the selection whose cells hair covers
 * at least HAIRY of (smp_field_hair_around()): a bald area selected
 * tightly matches the hair at its edge.
 */
#define SELECTED 0.5
#define HAIRY 0.25

/* Fewest rows of the coarse grid worth splitting over the cores. */
#define PARALLEL_ROWS 8

/* Samples of the darkening against the treatment's factor. */
#define DARKENING_STEPS 64

/* A grid of patches, each side cells of the field across, and what it
 * knows of each: its tone, how much of it is selected, and the tone of
 * its hair around the selection.
 */
typedef struct
{
  gint    cols, rows, side;
  gdouble mm; /* a patch's side */
  gfloat *tone;
  gfloat *sel;
  gfloat *hair_around; /* the mean luminance of its hairy cells around the
                        * selection, NAN where it has none */
} Patches;

/* The patches' tone: the selected cells' mean luminance, weighted by
 * their selection, smoothed by a Gaussian of TONE_SIGMA_MM; and apart,
 * the mean luminance of their unselected cells that hair covers at least
 * HAIRY of.
 */
static void
patches_init (Patches *p, const SmpField *field, gdouble px_per_mm)
{
  const gint cols = smp_field_cols (field), rows = smp_field_rows (field);
  gsize      n;
  gfloat    *sum, *weight, *horiz;
  gint      *hairy;
  gfloat     sigma;
  SmpStrip   strip;

  p->side = MAX (1, (gint) lround (PATCH_MM * px_per_mm / SMP_FIELD_CELL));
  p->mm   = p->side * SMP_FIELD_CELL / px_per_mm;
  p->cols = (cols + p->side - 1) / p->side;
  p->rows = (rows + p->side - 1) / p->side;
  n       = (gsize) p->cols * p->rows;
  sum     = g_new0 (gfloat, n);
  weight  = g_new0 (gfloat, n);
  p->sel  = g_new0 (gfloat, n);
  p->tone = g_new (gfloat, n);
  p->hair_around = g_new0 (gfloat, n);
  hairy          = g_new0 (gint, n);

  for (gint r = 0; r < rows; r++)
    for (gint c = 0; c < cols; c++)
      {
        const gfloat s = smp_field_selection (field, c, r);
        const gsize  i = (gsize) (r / p->side) * p->cols + c / p->side;

        if (s <= 0.0f)
          {
            if (smp_field_hair_around (field, c, r) >= HAIRY)
              {
                p->hair_around[i] += smp_field_luminance (field, c, r);
                hairy[i]++;
              }
            continue;
          }
        sum[i] += s * smp_field_luminance (field, c, r);
        weight[i] += s;
      }
  for (gsize i = 0; i < n; i++)
    {
      p->sel[i] = weight[i] / (p->side * p->side);
      p->hair_around[i]
          = hairy[i] > 0 ? p->hair_around[i] / hairy[i] : (gfloat) NAN;
    }
  g_free (hairy);

  strip = (SmpStrip){ p->cols, p->rows, 0, 0 };
  sigma = (gfloat) MIN (TONE_SIGMA_MM / p->mm, SMP_SMOOTH_RADIUS_MAX / 3.0);
  horiz = g_new (gfloat, n);
  smp_smooth (&strip, sum, sigma, 0, 0, p->cols, horiz, p->tone);
  smp_smooth (&strip, weight, sigma, 0, 0, p->cols, horiz, sum);
  for (gsize i = 0; i < n; i++)
    p->tone[i] = sum[i] > 1e-6f ? p->tone[i] / sum[i] : 0.0f;

  g_free (horiz);
  g_free (weight);
  g_free (sum);
}

static void
patches_clear (Patches *p)
{
  g_free (p->tone);
  g_free (p->sel);
  g_free (p->hair_around);
}

/* The tones the places around are judged from: of the patch in the
 * middle of each step x step block of patches, or of its hair around the
 * selection where it is not selected, NAN where it has neither.
 */
typedef struct
{
  const gfloat *tone;
  gint          cols, rows, reach;
  gfloat       *around; /* cols / 2 x rows / 2, rounded up */
} Around;

/* The tone of the hair-bearing scalp around every other sample, each
 * way, of rows [first, last) of them: the tone around changes slowly, and
 * judging it half as often takes a quarter of the time.
 */
static void
around_rows (gpointer data, gsize first, gsize last)
{
  const Around *job    = data;
  const gint    cols   = (job->cols + 1) / 2;
  const gint    side   = 2 * job->reach + 1;
  gfloat       *values = g_new (gfloat, (gsize) side * side);

  for (gint r = (gint) first; r < (gint) last; r++)
    for (gint c = 0; c < cols; c++)
      {
        const gint y = 2 * r, x = 2 * c;
        gint       n = 0;

        for (gint j = MAX (y - job->reach, 0);
             j <= MIN (y + job->reach, job->rows - 1); j++)
          for (gint i = MAX (x - job->reach, 0);
               i <= MIN (x + job->reach, job->cols - 1); i++)
            {
              const gfloat t = job->tone[(gsize) j * job->cols + i];

              if ((i - x) * (i - x) + (j - y) * (j - y)
                      <= job->reach * job->reach
                  && ! isnan (t))
                values[n++] = t;
            }

        job->around[(gsize) r * cols + c]
            = n > 0 ? smp_select_kth (values, n, (gint) (n * AROUND_SHARE))
                    : NAN;
      }

  g_free (values);
}

/* The tone of the hair-bearing scalp around each point of a coarser grid,
 * 2 step patches apart, the first at the middle of the first step x step
 * block: NAN where no selected patch, nor hair around the selection, is
 * near.
 */
static gfloat *
around_tone (const Patches *p, gint step, gint *cols, gint *rows)
{
  Around  job;
  gfloat *tone;

  job.reach = MAX (1, (gint) ceil (AROUND_MM / (step * p->mm)));
  job.cols  = (p->cols + step - 1) / step;
  job.rows  = (p->rows + step - 1) / step;
  tone      = g_new (gfloat, (gsize) job.cols * job.rows);
  for (gint r = 0; r < job.rows; r++)
    for (gint c = 0; c < job.cols; c++)
      {
        const gint  pr = MIN (r * step + step / 2, p->rows - 1);
        const gint  pc = MIN (c * step + step / 2, p->cols - 1);
        const gsize i  = (gsize) pr * p->cols + pc;

        tone[(gsize) r * job.cols + c]
            = p->sel[i] >= SELECTED ? p->tone[i] : p->hair_around[i];
      }

  *cols      = (job.cols + 1) / 2;
  *rows      = (job.rows + 1) / 2;
  job.tone   = tone;
  job.around = g_new (gfloat, (gsize) *cols * *rows);
  smp_parallel_for (*rows, PARALLEL_ROWS, around_rows, &job);

  g_free (tone);
  return job.around;
}

/* The tone around patch (pc, pr): bilinear between the coarse points
 * about it that have one, spacing patches apart from the first at
 * (first, first).
 */
static gfloat
tone_around_patch (const gfloat *around, gint cols, gint rows, gint first,
                   gint spacing, gint pc, gint pr)
{
  const gdouble fx = CLAMP ((pc - first) / (gdouble) spacing, 0.0, cols - 1.0);
  const gdouble fy = CLAMP ((pr - first) / (gdouble) spacing, 0.0, rows - 1.0);
  const gint    x0 = (gint) fx, y0 = (gint) fy;
  gdouble       sum = 0.0, weight = 0.0;

  for (gint j = 0; j <= 1; j++)
    for (gint i = 0; i <= 1; i++)
      {
        const gint    x = MIN (x0 + i, cols - 1), y = MIN (y0 + j, rows - 1);
        const gfloat  t = around[(gsize) y * cols + x];
        const gdouble w
            = (i ? fx - x0 : 1.0 - (fx - x0)) * (j ? fy - y0 : 1.0 - (fy - y0));

        if (! isnan (t))
          {
            sum += w * t;
            weight += w;
          }
      }

  return weight > 1e-9 ? (gfloat) (sum / weight) : NAN;
}

/* The factor of the treatment set that takes away the share need of a
 * place's light, from the darkening's samples.
 */
static gdouble
factor_for (const gdouble *darkening, gdouble need)
{
  for (gint k = 1; k <= DARKENING_STEPS; k++)
    if (darkening[k] >= need)
      {
        const gdouble span = darkening[k] - darkening[k - 1];
        const gdouble frac
            = span > 0.0 ? (need - darkening[k - 1]) / span : 1.0;

        return (k - 1 + frac) * SMP_MATCH_MAX / DARKENING_STEPS;
      }

  return SMP_MATCH_MAX;
}

gfloat *
smp_match_new (const SmpField *field, const SmpParams *params)
{
  const gdouble match = params->match_hair;
  const gint    cols = smp_field_cols (field), rows = smp_field_rows (field);
  gdouble       darkening[DARKENING_STEPS + 1];
  gfloat       *factor, *around, *patch;
  gint          step, around_cols, around_rows;
  Patches       p;

  g_return_val_if_fail (params->scale > 0.0, NULL);

  if (match <= 0.0)
    return NULL;

  for (gint k = 0; k <= DARKENING_STEPS; k++)
    darkening[k]
        = smp_render_darkening (params, k * SMP_MATCH_MAX / DARKENING_STEPS);

  patches_init (&p, field, params->scale / 10.0);
  step   = MAX (1, (gint) lround (AROUND_STEP_MM / p.mm));
  around = around_tone (&p, step, &around_cols, &around_rows);

  /* Each patch's factor: what darkens it to the tone around, none where
   * it is that dark already.  A float photo may hold any light, below
   * black too: what is to go is a share of the patch's light, from none
   * to all of it, and a patch with no light has none to lose.
   */
  patch = g_new (gfloat, (gsize) p.cols * p.rows);
  for (gint r = 0; r < p.rows; r++)
    for (gint c = 0; c < p.cols; c++)
      {
        const gsize  i      = (gsize) r * p.cols + c;
        const gfloat target = tone_around_patch (
            around, around_cols, around_rows, step / 2, 2 * step, c, r);
        gdouble need = 0.0;

        if (! isnan (target) && p.tone[i] > target && p.tone[i] > 0.0f)
          need = CLAMP (1.0 - target / p.tone[i], 0.0, 1.0);
        patch[i] = (gfloat) ((1.0 - match)
                             + match
                                   * (isnan (target)
                                          ? 1.0
                                          : factor_for (darkening, need)));
      }

  factor = g_new (gfloat, (gsize) cols * rows);
  for (gint r = 0; r < rows; r++)
    for (gint c = 0; c < cols; c++)
      factor[(gsize) r * cols + c]
          = patch[(gsize) (r / p.side) * p.cols + c / p.side];

  g_free (patch);
  g_free (around);
  patches_clear (&p);
  return factor;
}
