/* scalp-micropigmentation: how each impression looks in the skin.
 *
 * An impression is a disc of pigment seen through skin: a slightly
 * elliptical outline blurred by diffusion (softness) and by the pixel's own
 * footprint.  It does not paint over the skin; it filters the light the
 * skin returns, multiplying each channel toward the pigment's colour, so the
 * skin's shading, highlights and texture stay visible through it, and
 * overlapping impressions darken as layered pigment does.
 *
 * Healed pigment is also a tone: light scattered in the dermis spreads
 * each deposit over a millimetre or so, and the deposits of a treated area
 * together grey the skin's own colour toward the pigment's, between the
 * impressions too (measured on real clients: the colour of the skin
 * between impressions loses 55 to 60% of its strength, while the area
 * darkens by about a tenth).  The ash tone takes its share of the pigment
 * from the impressions and lays it evenly over the treated area, as strong
 * as the hairline's ramp and the sessions done let it be.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-render.h"

#include <math.h>
#include <string.h>

#include "smp-clones.h"
#include "smp-flow.h"
#include "smp-parallel.h"
#include "smp-random.h"

/* Blur of a pixel's own footprint (a box of one pixel has sigma 0.29). */
#define PIXEL_SIGMA 0.35

/* Edge blur, as a fraction of the radius, at softness 1. */
#define SOFTNESS_SIGMA 0.6

/* The spread of log sizes and log strengths at a variation of 1, and the
 * longest an impression is for its width.
 */
#define SIZE_SPREAD 0.6
#define TONE_SPREAD 1.2
#define MAX_ASPECT 2.0

/* Impressions' shape along the hair: the spread of their lengths over
 * their widths, and what strands around add to it, so that next to
 * stubble they read as stubble; and the spread, in radians, of their
 * axes about the hair's.
 */
#define ASPECT_SPREAD 0.35
#define STRAND_ASPECT 0.45
#define AXIS_SPREAD 0.3

/* Shine: how much whiter than the skin's median a pixel must be before
 * the excess counts as light reflected by the skin's surface (the
 * dichromatic model: skin = its body colour + white from the surface).
 */
#define SHINE_MARGIN 0.015
#define SHINE_SKIN_MAX 0.27

/* The darkest an impression is: healed pigment seen through skin is grey,
 * never black.
 */
#define MAX_STRENGTH 0.8

/* Light scattered in the dermis spreads every deposit: a Gaussian of this
 * sigma, in mm, whatever the softness, which makes a healed impression's
 * blob of 0.7 to 0.8 mm from a deposit of 0.5 mm.
 */
#define SCATTER_SIGMA_MM 0.1

/* Impressions whose soft edge reaches no farther than this many pixels
 * from their middle get their pigment summed over the pixels they touch,
 * so that a dot smaller than a pixel still deposits exactly its area;
 * larger ones cover enough pixels to deposit it as drawn.
 */
#define EXACT_EXTENT 6.0

/* How far an impression's soft edge reaches past its radius, in standard
 * deviations of its blur.  Beyond three, a sharp disc's edge covers less
 * than 0.14% of a pixel, and a blurred one's less still: a tenth of a
 * level of 8 bits on the palest skin.  Reaching to four or more would
 * touch half as many pixels again, for nothing an 8-bit pixel shows.
 */
#define EDGE_REACH 3.0

/* Coverage table over the erfc argument in [-TABLE_RANGE, TABLE_RANGE],
 * EDGE_REACH standard deviations either side of the edge.
 */
#define TABLE_SIZE 1024
#define TABLE_RANGE ((gfloat) (EDGE_REACH / G_SQRT2))

/* Side of a bucket of the stamp index, in pixels. */
#define BUCKET 64

/* How fast the ash tone greys and darkens the skin with the pigment it
 * holds, in pigment coverage (density x a mean impression's area x
 * opacity): at the defaults, about what real healed work shows.
 */
#define TONE_GREY_RATE 12.0
#define TONE_DARK_RATE 2.5

/* Stream tags for the impressions' looks. */
enum
{
  TAG_SIZE = 11,
  TAG_ASPECT,
  TAG_ANGLE,
  TAG_TONE
};

typedef struct
{
  gfloat x, y;
  gfloat cos_t, sin_t;
  gfloat inv_a, inv_b; /* 1 / semi-axes */
  gfloat sharp;        /* radius / (sqrt 2 sigma): erfc argument per rho */
  gfloat gain;         /* normalisation so the pigment equals the area */
  gfloat strength;     /* opacity x tone x session depth */
  gfloat extent;       /* half the side of the bounding box */
  gfloat area;         /* pi a b */
  gint   session;
  /* Seen through the photo's blur: the row of the blurred profiles it
   * takes (-1 for the skin's own edge alone), and the table's samples
   * per unit of rho.
   */
  gint   profile;
  gfloat rho_scale;
} Stamp;

struct _SmpStamps
{
  Stamp          *stamps; /* sorted by bucket, then scatter order */
  gsize           n;
  guint32        *bucket_start;
  gint            bucket_cols, bucket_rows;
  gfloat          max_extent;
  gfloat          absorb[3]; /* 1 - linear pigment, per channel */
  gfloat          absorb_gray;
  gfloat          hair_blend;
  gdouble         photo_sigma; /* the photo's blur beyond a sharp one's */
  const SmpField *field;
  gint            sessions;
  /* The ash tone at full strength: how far it greys the skin's colour
   * toward the pigment's hue (pigment_hue, of luminance 1) and how much
   * it darkens it; and its strength per field cell (NULL: 1 everywhere).
   */
  gfloat  tone_grey, tone_dark;
  gfloat  pigment_hue[3];
  gfloat *tone;
  gint    tone_cols, tone_rows;
  /* The whiteness above which a pixel's white is shine on the skin's
   * surface, over the pigment; < 0 for none (gray, or no field).
   */
  gfloat shine_from;
};

static gfloat coverage_table[TABLE_SIZE + 1];

static void
init_coverage_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gint i = 0; i <= TABLE_SIZE; i++)
        {
          const gdouble t = -TABLE_RANGE + 2.0 * TABLE_RANGE * i / TABLE_SIZE;

          coverage_table[i] = (gfloat) (0.5 * erfc (t));
        }
      g_once_init_leave (&done, 1);
    }
}

/* A photo's blur makes an impression a disc seen through a Gaussian: a
 * unit disc blurred by tau covers, at rho from its middle, the integral
 * over the disc of the Gaussian's weight, which the Bessel function I0
 * turns into one dimension.  One row of samples for each of a geometric
 * series of tau, each up to rho = 1 + PROFILE_REACH tau.
 */
#define PROFILE_ROWS 96
#define PROFILE_SAMPLES 160
#define PROFILE_TAU_MIN 0.05
#define PROFILE_TAU_STEP 1.08
#define PROFILE_REACH EDGE_REACH

static gfloat profile_table[PROFILE_ROWS][PROFILE_SAMPLES + 2];

static gdouble
profile_tau (gint row)
{
  return PROFILE_TAU_MIN * pow (PROFILE_TAU_STEP, row);
}

/* A polynomial's value at x, its coefficients from the constant up. */
static gdouble
horner (const gdouble *c, gint n, gdouble x)
{
  gdouble v = c[n - 1];

  for (gint i = n - 2; i >= 0; i--)
    v = v * x + c[i];
  return v;
}

/* e^-x I0 (x), x >= 0 (Abramowitz and Stegun 9.8.1 and 9.8.2). */
static gdouble
bessel_i0e (gdouble x)
{
  static const gdouble near[] = { 1.0,       3.5156229, 3.0899424, 1.2067492,
                                  0.2659732, 0.0360768, 0.0045813 };
  static const gdouble far[]
      = { 0.39894228,  0.01328592, 0.00225319,  -0.00157565, 0.00916281,
          -0.02057706, 0.02635537, -0.01647633, 0.00392377 };
  const gdouble t = x / 3.75;

  if (t <= 1.0)
    return exp (-x) * horner (near, G_N_ELEMENTS (near), t * t);
  return horner (far, G_N_ELEMENTS (far), 1.0 / t) / sqrt (x);
}

/* One row: the blurred disc's coverage at each sample, scaled so that it
 * covers exactly pi, the disc's own area, as blurring keeps pigment.
 */
static void
init_profile_row (gint row)
{
  const gdouble tau = profile_tau (row), t2 = tau * tau;
  const gdouble step = (1.0 + PROFILE_REACH * tau) / PROFILE_SAMPLES;
  const gint    n_s  = 128;
  gfloat       *p    = profile_table[row];
  gdouble       area = 0.0;

  for (gint k = 0; k <= PROFILE_SAMPLES; k++)
    {
      const gdouble rho = k * step;
      gdouble       sum = 0.0;

      for (gint j = 0; j < n_s; j++)
        {
          const gdouble r = (j + 0.5) / n_s;

          sum += r / t2 * exp (-0.5 * (rho - r) * (rho - r) / t2)
                 * bessel_i0e (rho * r / t2);
        }
      p[k] = (gfloat) (sum / n_s);
    }
  p[PROFILE_SAMPLES] = p[PROFILE_SAMPLES + 1] = 0.0f;

  /* The area the interpolated samples cover, ring by ring. */
  for (gint k = 0; k < PROFILE_SAMPLES; k++)
    area += G_PI * step * step
            * (p[k] * (k + 1.0 / 3.0) + p[k + 1] * (k + 2.0 / 3.0));
  for (gint k = 0; k < PROFILE_SAMPLES; k++)
    p[k] = (gfloat) (p[k] * G_PI / area);
}

static void
init_profile_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gint row = 0; row < PROFILE_ROWS; row++)
        init_profile_row (row);
      g_once_init_leave (&done, 1);
    }
}

/* Pixels of a row whose coverage is worked out at once. */
#define COVER_SPAN 64

/* A stamp's coverage of n pixels of row y from column x0, into cov, read
 * off the tables at each pixel's normalised elliptical radius.  Without a
 * branch, so that the compiler works on several pixels at once: radii
 * past a table's ends are clamped into it only to read it, and the value
 * then taken is the end's.
 */
SMP_CLONES static void
row_coverage (const Stamp *s, gint x0, gint y, gint n, gfloat *restrict cov)
{
  const gfloat sx = s->x, dy = y + 0.5f - s->y;
  const gfloat cs = s->cos_t, sn = s->sin_t, ia = s->inv_a, ib = s->inv_b;

  if (s->profile >= 0)
    {
      const gint   row   = s->profile;
      const gfloat scale = s->rho_scale;

      for (gint k = 0; k < n; k++)
        {
          const gfloat dx  = (x0 + k) + 0.5f - sx;
          const gfloat u   = (dx * cs + dy * sn) * ia;
          const gfloat v   = (dy * cs - dx * sn) * ib;
          const gfloat pos = sqrtf (u * u + v * v) * scale;
          const gfloat at  = MIN (pos, (gfloat) PROFILE_SAMPLES);
          const gint   i   = (gint) at;
          const gfloat val
              = profile_table[row][i]
                + (profile_table[row][i + 1] - profile_table[row][i])
                      * (at - i);

          cov[k] = pos >= PROFILE_SAMPLES ? 0.0f : val;
        }
      return;
    }

  for (gint k = 0; k < n; k++)
    {
      const gfloat dx = (x0 + k) + 0.5f - sx;
      const gfloat u  = (dx * cs + dy * sn) * ia;
      const gfloat v  = (dy * cs - dx * sn) * ib;
      const gfloat t  = (sqrtf (u * u + v * v) - 1.0f) * s->sharp;
      const gfloat in = CLAMP (t, -TABLE_RANGE, TABLE_RANGE);
      const gfloat pos
          = (in + TABLE_RANGE) * (TABLE_SIZE / (2.0f * TABLE_RANGE));
      const gint   i = MIN ((gint) pos, TABLE_SIZE - 1);
      const gfloat val
          = coverage_table[i]
            + (coverage_table[i + 1] - coverage_table[i]) * (pos - i);

      cov[k] = t >= TABLE_RANGE ? 0.0f : t <= -TABLE_RANGE ? 1.0f : val;
    }
}

gdouble
smp_srgb_to_linear (gdouble value)
{
  if (value <= 0.04045)
    return value / 12.92;

  return pow ((value + 0.055) / 1.055, 2.4);
}

gdouble
smp_linear_to_srgb (gdouble value)
{
  value = CLAMP (value, 0.0, 1.0);
  if (value <= 0.0031308)
    return 12.92 * value;

  return 1.055 * pow (value, 1.0 / 2.4) - 0.055;
}

/* How far, in pixels, the offsets row_coverage() works with can be off
 * by rounding in float: half a unit in the last place at GIMP's largest
 * coordinates, 524288, is 0.03.
 */
#define OFFSET_SLACK 0.1

/* The ellipse a stamp's coverage ends at, as a quadratic in the pixel
 * offsets: a dx² + b dx dy + c dy² = r2.  Past it row_coverage() gives
 * 0, so pixels outside can be skipped without changing a bit.  It is
 * taken a little wide: by a thousandth for the float arithmetic of
 * row_coverage(), and by OFFSET_SLACK for its offsets.
 */
typedef struct
{
  gdouble a, b, c, r2;
} Outline;

static void
stamp_outline (const Stamp *s, Outline *o)
{
  const gdouble ia2 = (gdouble) s->inv_a * s->inv_a;
  const gdouble ib2 = (gdouble) s->inv_b * s->inv_b;
  const gdouble cs = s->cos_t, sn = s->sin_t;
  const gdouble reach
      = s->profile >= 0 ? s->extent * s->inv_a : 1.0 + TABLE_RANGE / s->sharp;
  const gdouble r
      = reach * (1.0 + 1e-3) + OFFSET_SLACK * MAX (s->inv_a, s->inv_b);

  o->a  = cs * cs * ia2 + sn * sn * ib2;
  o->b  = 2.0 * cs * sn * (ia2 - ib2);
  o->c  = sn * sn * ia2 + cs * cs * ib2;
  o->r2 = r * r;
}

/* Narrows [*x0, *x1] to the pixels of row y inside the outline; FALSE
 * when none is.
 */
static inline gboolean
outline_row (const Stamp *s, const Outline *o, gint y, gint *x0, gint *x1)
{
  const gdouble dy   = y + 0.5 - s->y;
  const gdouble b    = o->b * dy;
  const gdouble disc = b * b - 4.0 * o->a * (o->c * dy * dy - o->r2);
  gdouble       root;

  if (disc < 0.0)
    return FALSE;

  root = sqrt (disc);
  *x0  = MAX (*x0, (gint) ceil (s->x - 0.5 + (-b - root) / (2.0 * o->a)));
  *x1  = MIN (*x1, (gint) floor (s->x - 0.5 + (-b + root) / (2.0 * o->a)));
  return *x0 <= *x1;
}

/* Gain that makes the pixels' coverage add up to the impression's area. */
static gfloat
exact_gain (const Stamp *s)
{
  const gint y0  = (gint) floorf (s->y - s->extent);
  const gint y1  = (gint) ceilf (s->y + s->extent);
  gdouble    sum = 0.0;
  Outline    outline;

  stamp_outline (s, &outline);
  for (gint y = y0; y <= y1; y++)
    {
      gint x0 = (gint) floorf (s->x - s->extent);
      gint x1 = (gint) ceilf (s->x + s->extent);

      if (outline_row (s, &outline, y, &x0, &x1))
        for (gint x = x0; x <= x1; x += COVER_SPAN)
          {
            const gint n = MIN (COVER_SPAN, x1 - x + 1);
            gfloat     cov[COVER_SPAN];

            row_coverage (s, x, y, n, cov);
            for (gint k = 0; k < n; k++)
              sum += cov[k];
          }
    }

  return sum > 0.0 ? (gfloat) (s->area / sum) : 0.0f;
}

/* The same for a stamp too wide to sum, in closed form: a unit disc whose
 * edge is blurred by tau across rho, 0.5 erfc ((rho - 1) / (sqrt 2 tau)),
 * covers 2 pi tau times the integral from a = -1 / tau of (1 + tau u)
 * Q (u) du, Q the normal distribution's upper tail; that is pi (1 +
 * tau²) while tau is small, less once the blur reaches the middle.
 */
static gfloat
disc_gain (gdouble tau)
{
  const gdouble a   = -1.0 / tau;
  const gdouble q   = 0.5 * erfc (a / G_SQRT2);
  const gdouble phi = exp (-0.5 * a * a) / sqrt (2.0 * G_PI);
  const gdouble covered
      = 2.0 * G_PI * tau
        * (phi - a * q + 0.5 * tau * ((1.0 - a * a) * q + a * phi));

  return (gfloat) (G_PI / covered);
}

/* The blur of an impression's edge, in pixels, at this radius: the
 * pigment's diffusion (softness), the light the dermis scatters, the
 * pixel's footprint and the photo's own blur.
 */
static gdouble
edge_sigma (const SmpParams *params, gdouble radius, gdouble photo_sigma)
{
  const gdouble soft    = SOFTNESS_SIGMA * params->softness * radius;
  const gdouble scatter = SCATTER_SIGMA_MM * params->scale / 10.0;

  return sqrt (soft * soft + scatter * scatter + PIXEL_SIGMA * PIXEL_SIGMA
               + photo_sigma * photo_sigma);
}

/* Makes a stamp whose edge is blurred by tau across rho a disc seen
 * through a Gaussian: the profile of the nearest tau, whose samples cover
 * the disc's own area.
 */
static void
blurred_profile (Stamp *s, gdouble tau, gdouble a)
{
  const gint row = CLAMP (
      (gint) lround (log (tau / PROFILE_TAU_MIN) / log (PROFILE_TAU_STEP)), 0,
      PROFILE_ROWS - 1);
  const gdouble reach = 1.0 + PROFILE_REACH * profile_tau (row);

  s->profile   = row;
  s->rho_scale = (gfloat) (PROFILE_SAMPLES / reach);
  s->extent    = (gfloat) (a * reach);
}

/* How deep the impressions of session k of n sit: later sessions a
 * little darker, as fresher work is.
 */
static inline gdouble
session_depth (gint k, gint n)
{
  return 1.0 - 0.12 * (n - k) / MAX (n - 1, 1);
}

/* Prepares one impression's stamp. */
static void
make_stamp (Stamp *s, const SmpImpression *imp, const SmpParams *params,
            gint sessions, gdouble photo_sigma, const SmpFlow *flow)
{
  const guint32 seed   = (guint32) params->seed;
  const gdouble spread = SIZE_SPREAD * params->size_variation;
  const gdouble mean_r = params->dot_size * params->scale / 20.0; /* px */
  const gdouble n_size = smp_hash_normal (seed, imp->key, 0, TAG_SIZE);
  const gdouble n_tone = smp_hash_normal (seed, imp->key, 0, TAG_TONE);
  const gdouble t_sd   = TONE_SPREAD * params->tone_variation;
  /* Most a little oval, a few up to twice as long as wide, drawn out
   * along the hair's direction, the more so where strands show it.
   */
  gdouble       strands = 0.0;
  const gdouble axis
      = flow
            ? smp_flow_axis (flow, imp->x, imp->y, &strands)
                  + AXIS_SPREAD * smp_hash_normal (seed, imp->key, 0, TAG_ANGLE)
            : G_PI * smp_hash_uniform (seed, imp->key, 0, TAG_ANGLE);
  const gdouble aspect = MIN (
      MAX_ASPECT,
      1.0
          + (ASPECT_SPREAD + STRAND_ASPECT * strands)
                * fabs (smp_hash_normal (seed, imp->key, 0, TAG_ASPECT)));
  /* Lognormal sizes with the requested mean. */
  const gdouble radius = mean_r * exp (spread * n_size - 0.5 * spread * spread);
  const gdouble a      = radius * sqrt (aspect);
  const gdouble b      = radius / sqrt (aspect);
  const gdouble sigma  = edge_sigma (params, radius, photo_sigma);
  /* Lognormal strengths: many faint impressions and a few dark cores. */
  const gdouble tone  = exp (t_sd * n_tone - 0.5 * t_sd * t_sd);
  const gdouble depth = session_depth (imp->session, sessions);

  s->x       = imp->x;
  s->y       = imp->y;
  s->cos_t   = (gfloat) cos (axis);
  s->sin_t   = (gfloat) sin (axis);
  s->inv_a   = (gfloat) (1.0 / a);
  s->inv_b   = (gfloat) (1.0 / b);
  s->sharp   = (gfloat) (radius / (G_SQRT2 * sigma));
  s->extent  = (gfloat) (a * (1.0 + TABLE_RANGE / s->sharp));
  s->area    = (gfloat) (G_PI * a * b);
  s->profile = -1;
  if (photo_sigma > 0.0)
    blurred_profile (s, sigma / radius, a);

  if (s->extent <= EXACT_EXTENT)
    s->gain = exact_gain (s);
  else if (s->profile >= 0)
    s->gain = 1.0f;
  else
    s->gain = disc_gain (sigma / radius);

  s->strength
      = (gfloat) MIN (MAX_STRENGTH, params->opacity / 100.0 * tone * depth
                                        * (1.0 - params->ash_tone));
  s->session = imp->session;
}

static gint
stamp_bucket (const SmpStamps *st, const Stamp *s)
{
  const gint bx = CLAMP ((gint) (s->x / BUCKET), 0, st->bucket_cols - 1);
  const gint by = CLAMP ((gint) (s->y / BUCKET), 0, st->bucket_rows - 1);

  return by * st->bucket_cols + bx;
}

/* Sorts the stamps by bucket, keeping scatter order inside each: the order
 * in which a pixel's impressions multiply is then the same for any tiling.
 */
static void
index_stamps (SmpStamps *st, Stamp *unsorted)
{
  const gsize n_buckets = (gsize) st->bucket_cols * st->bucket_rows;
  guint32    *fill;

  st->bucket_start = g_new0 (guint32, n_buckets + 1);
  for (gsize i = 0; i < st->n; i++)
    st->bucket_start[stamp_bucket (st, &unsorted[i]) + 1]++;
  for (gsize b = 0; b < n_buckets; b++)
    st->bucket_start[b + 1] += st->bucket_start[b];

  fill = g_memdup2 (st->bucket_start, n_buckets * sizeof (guint32));
  for (gsize i = 0; i < st->n; i++)
    st->stamps[fill[stamp_bucket (st, &unsorted[i])]++] = unsorted[i];
  g_free (fill);
}

/* How far from its centre any impression with these looks can reach, by
 * the bounds make_stamp() keeps to: sizes within 3 standard deviations,
 * aspect at most MAX_ASPECT.
 */
static gdouble
radius_bound (const SmpParams *params, gdouble photo_sigma)
{
  const gdouble spread = SIZE_SPREAD * params->size_variation;
  const gdouble r_max  = params->dot_size * params->scale / 20.0
                        * exp (3.0 * spread - 0.5 * spread * spread);
  const gdouble sigma = edge_sigma (params, r_max, photo_sigma);

  return sqrt (MAX_ASPECT) * (r_max + TABLE_RANGE * G_SQRT2 * sigma) + 1.0;
}

/* Fewest impressions whose stamps are worth splitting over the cores. */
#define PARALLEL_STAMPS 4096

typedef struct
{
  const SmpLayout *layout;
  const SmpParams *params;
  gdouble          photo_sigma;
  const SmpFlow   *flow;
  Stamp           *out;
} StampJob;

static void
make_stamps (gpointer data, gsize first, gsize last)
{
  const StampJob *job      = data;
  const gint      sessions = job->layout->sessions;

  for (gsize i = first; i < last; i++)
    make_stamp (&job->out[i], &job->layout->impressions[i], job->params,
                sessions, job->photo_sigma, job->flow);
}

/* The blur of the photo beyond a sharp photo's, which the impressions
 * take on; none without a field.
 */
static gdouble
photo_sigma (const SmpField *field)
{
  const gdouble blur = field ? smp_field_blur (field) : 0.0;

  return blur > SMP_RENDER_SHARP_SIGMA ? sqrt (
             blur * blur - SMP_RENDER_SHARP_SIGMA * SMP_RENDER_SHARP_SIGMA)
                                       : 0.0;
}

/* The whiteness above which a pixel's white is shine: a little above the
 * skin's own.  Skin nearly as white as the light, a gray photo or one
 * without skin to go by has none that can be told apart.
 */
static gfloat
shine_from (const SmpField *field)
{
  const gdouble skin = field ? smp_field_skin_whiteness (field) : -1.0;

  return skin >= 0.0 && skin + SHINE_MARGIN <= SHINE_SKIN_MAX
             ? (gfloat) (skin + SHINE_MARGIN)
             : -1.0f;
}

/* The pigment's share the ash tone holds, as coverage. */
static gdouble
ash_mass (const SmpParams *params)
{
  return smp_params_coverage (params) * params->opacity / 100.0
         * params->ash_tone;
}

/* How far the ash tone at full strength darkens the skin: by what the
 * pigment, of luminance lum, absorbs.
 */
static gdouble
ash_darkness (gdouble mass, gdouble lum)
{
  return (1.0 - lum) * (1.0 - exp (-TONE_DARK_RATE * mass));
}

/* The luminance of the pigment, in linear light. */
static gdouble
pigment_luminance (const SmpParams *params)
{
  return 0.2126 * smp_srgb_to_linear (params->pigment.r)
         + 0.7152 * smp_srgb_to_linear (params->pigment.g)
         + 0.0722 * smp_srgb_to_linear (params->pigment.b);
}

/* The ash tone of these looks: the pigment's share the tone holds, as
 * coverage, greys the skin toward the pigment's hue and darkens it by
 * what the pigment, of luminance lum, absorbs.
 */
static void
ash_tone_init (SmpStamps *st, const SmpField *field, const SmpParams *params,
               const gdouble *pigment, gdouble lum)
{
  const gdouble mass = ash_mass (params);

  if (mass <= 0.0)
    return;

  /* Matching the hair around, the tone darkens as the stubble around
   * does, which leaves the skin's hue between the stubs as it was: it
   * greys the skin less.
   */
  st->tone_grey = (gfloat) ((1.0 - exp (-TONE_GREY_RATE * mass))
                            * (1.0 - params->match_hair));
  st->tone_dark = (gfloat) ash_darkness (mass, lum);
  /* Seen through the dermis the pigment's own colour is muted: a
   * quarter of its chroma is left, the skin greying toward an ash that
   * the pigment only tints.
   */
  for (gint c = 0; c < 3; c++)
    st->pigment_hue[c]
        = (gfloat) (lum > 0.0 ? 0.75 + 0.25 * pigment[c] / lum : 1.0);
  if (field)
    {
      st->tone      = smp_layout_tone (field, params);
      st->tone_cols = smp_field_cols (field);
      st->tone_rows = smp_field_rows (field);
    }
}

gdouble
smp_render_darkening (const SmpParams *params, gdouble weight)
{
  const gdouble lum    = pigment_luminance (params);
  const gdouble spread = SIZE_SPREAD * params->size_variation;
  gdouble       depth  = 0.0, dots, tone;

  /* Each session's impressions at their depth (make_stamp()). */
  for (gint k = 1; k <= params->sessions; k++)
    depth += (smp_session_share (k, params->sessions)
              - (k > 1 ? smp_session_share (k - 1, params->sessions) : 0.0))
             * session_depth (k, params->sessions);

  /* The summed pigment of the impressions over the area they share: their
   * coverage, the lognormal sizes' mean area and their mean strength.
   */
  dots = smp_params_coverage (params) * exp (spread * spread)
         * MIN (MAX_STRENGTH,
                params->opacity / 100.0 * depth * (1.0 - params->ash_tone))
         * (1.0 - lum) * weight;
  tone = ash_darkness (ash_mass (params), lum) * MIN (weight, 1.0);

  return 1.0 - exp (-dots) * (1.0 - tone);
}

/* Stamps for the impressions that can reach the rectangle, or all of them
 * when width is negative.
 */
static SmpStamps *
stamps_new (const SmpLayout *layout, const SmpField *field,
            const SmpParams *params, gint x, gint y, gint width, gint height)
{
  SmpStamps    *st;
  Stamp        *unsorted;
  SmpFlow      *flow;
  const gdouble photo       = photo_sigma (field);
  const gdouble radius      = radius_bound (params, photo);
  const gdouble pigment[3]  = { smp_srgb_to_linear (params->pigment.r),
                                smp_srgb_to_linear (params->pigment.g),
                                smp_srgb_to_linear (params->pigment.b) };
  const gdouble pigment_lum = pigment_luminance (params);

  g_return_val_if_fail (smp_layout_params_ok (params), NULL);

  init_coverage_table ();
  if (photo > 0.0)
    init_profile_table ();
  st              = g_new0 (SmpStamps, 1);
  st->field       = field;
  st->hair_blend  = (gfloat) smp_params_hair_blend (params);
  st->photo_sigma = photo;
  st->bucket_cols = MAX (1, (layout->width + BUCKET - 1) / BUCKET);
  st->bucket_rows = MAX (1, (layout->height + BUCKET - 1) / BUCKET);
  for (gint c = 0; c < 3; c++)
    st->absorb[c] = (gfloat) (1.0 - pigment[c]);
  st->absorb_gray = (gfloat) (1.0 - pigment_lum);

  st->sessions = layout->sessions;
  ash_tone_init (st, field, params, pigment, pigment_lum);
  st->shine_from = shine_from (field);

  unsorted = g_new (Stamp, MAX (layout->n_impressions, 1));
  flow     = field
                 ? smp_flow_new (field, params->scale, (gint) floor (x - radius),
                                 (gint) floor (y - radius),
                             width < 0 ? -1 : (gint) ceil (width + 2 * radius),
                                 (gint) ceil (height + 2 * radius))
                 : NULL;
  if (width < 0)
    {
      const StampJob job = { layout, params, photo, flow, unsorted };

      smp_parallel_for (layout->n_impressions, PARALLEL_STAMPS, make_stamps,
                        (gpointer) &job);
      st->n = layout->n_impressions;
      for (gsize i = 0; i < st->n; i++)
        st->max_extent = MAX (st->max_extent, unsorted[i].extent);
    }
  else
    {
      for (gsize i = 0; i < layout->n_impressions; i++)
        {
          const SmpImpression *imp = &layout->impressions[i];

          if (imp->x + radius < x || imp->x - radius > x + width
              || imp->y + radius < y || imp->y - radius > y + height)
            continue;

          make_stamp (&unsorted[st->n], imp, params, layout->sessions, photo,
                      flow);
          st->max_extent = MAX (st->max_extent, unsorted[st->n].extent);
          st->n++;
        }
    }

  smp_flow_free (flow);
  st->stamps = g_new (Stamp, MAX (st->n, 1));
  index_stamps (st, unsorted);
  g_free (unsorted);
  return st;
}

SmpStamps *
smp_stamps_new (const SmpLayout *layout, const SmpField *field,
                const SmpParams *params)
{
  return stamps_new (layout, field, params, 0, 0, -1, -1);
}

SmpStamps *
smp_stamps_new_near (const SmpLayout *layout, const SmpField *field,
                     const SmpParams *params, gint x, gint y, gint width,
                     gint height)
{
  g_return_val_if_fail (width >= 0 && height >= 0, NULL);
  return stamps_new (layout, field, params, x, y, width, height);
}

void
smp_stamps_free (SmpStamps *stamps)
{
  if (! stamps)
    return;

  g_free (stamps->stamps);
  g_free (stamps->bucket_start);
  g_free (stamps->tone);
  g_free (stamps);
}

gsize
smp_stamps_count (const SmpStamps *stamps)
{
  return stamps->n;
}

void
smp_stamps_shape (const SmpStamps *stamps, gsize i, gdouble *x, gdouble *y,
                  gdouble *axis, gdouble *aspect)
{
  const Stamp *s = &stamps->stamps[i];

  g_return_if_fail (i < stamps->n);
  *x      = s->x;
  *y      = s->y;
  *axis   = atan2 (s->sin_t, s->cos_t);
  *aspect = s->inv_b / s->inv_a;
}

gdouble
smp_stamps_pigment (const SmpStamps *stamps, gsize i)
{
  g_return_val_if_fail (i < stamps->n, 0.0);
  return stamps->stamps[i].area * stamps->stamps[i].strength;
}

/* Multiplies a stamp's transmittance at coverage cov into one pixel's t:
 * a pixel takes its first stamp's value as it is, which is what
 * multiplying 1 by it gives, and is marked touched.  Where the stamp
 * does not cover it, its factor is 1: a touched pixel keeps its value,
 * an untouched one stays untouched.  No branch: at a stamp's edge which
 * pixels it covers, and which an earlier one did, follow no pattern.
 */
static inline __attribute__ ((always_inline)) void
stamp_pixel (const Stamp *s, const gfloat *absorb, gint n_color, gfloat cov,
             gfloat *t, guint8 *hit)
{
  const gboolean on = ! (cov <= 0.0f);
  const gfloat   k  = on ? MIN (1.0f, cov * s->gain) * s->strength : 0.0f;

  for (gint c = 0; c < n_color; c++)
    {
      const gfloat f = 1.0f - k * absorb[c];

      t[c] = *hit ? t[c] * f : on ? f : t[c];
    }
  *hit |= on;
}

/* A span of n pixels' coverage into their t and touched marks. */
static inline __attribute__ ((always_inline)) void
stamp_span (const Stamp *s, const gfloat *absorb, gint n_color,
            const gfloat *cov, gint n, gfloat *t, guint8 *hit)
{
  for (gint k = 0; k < n; k++, t += n_color, hit++)
    stamp_pixel (s, absorb, n_color, cov[k], t, hit);
}

/* Multiplies one stamp's transmittance into the rectangle's buffer. */
static void
stamp_into (const Stamp *s, const SmpRect *rect, const gfloat *absorb,
            gint n_color, gfloat *trans, guint8 *touched)
{
  const gint x0 = MAX (rect->x, (gint) floorf (s->x - s->extent));
  const gint x1
      = MIN (rect->x + rect->width - 1, (gint) ceilf (s->x + s->extent));
  const gint y0 = MAX (rect->y, (gint) floorf (s->y - s->extent));
  const gint y1
      = MIN (rect->y + rect->height - 1, (gint) ceilf (s->y + s->extent));
  Outline outline;

  stamp_outline (s, &outline);
  for (gint y = y0; y <= y1; y++)
    {
      gint    first = x0, last = x1;
      gsize   row;
      gfloat *t;
      guint8 *hit;

      if (! outline_row (s, &outline, y, &first, &last))
        continue;

      row = (gsize) (y - rect->y) * rect->width + (first - rect->x);
      t   = trans + row * n_color;
      hit = touched + row;
      for (gint x0 = first; x0 <= last; x0 += COVER_SPAN)
        {
          const gint n = MIN (COVER_SPAN, last - x0 + 1);
          gfloat     cov[COVER_SPAN];

          row_coverage (s, x0, y, n, cov);
          /* The colour channels counted at compile time. */
          if (n_color == 3)
            stamp_span (s, absorb, 3, cov, n, t, hit);
          else
            stamp_span (s, absorb, 1, cov, n, t, hit);
          t += (gsize) n * n_color;
          hit += n;
        }
    }
}

/* Stamps the impressions of sessions first to last that reach the
 * rectangle into trans, marking in touched (all 0 before) the pixels they
 * touch: in bucket order and scatter order within a bucket, whatever the
 * rectangle, so that a pixel multiplies its impressions in the same order
 * in any tiling.  Returns whether any impression came near it.
 */
static gboolean
cover (const SmpStamps *st, gint first_session, gint last_session,
       const SmpRect *rect, gfloat *trans, guint8 *touched)
{
  const gint    n_color = rect->n_color;
  const gfloat *absorb  = n_color == 1 ? &st->absorb_gray : st->absorb;
  gboolean      reached = FALSE;
  const gint bx0 = MAX (0, (gint) floorf ((rect->x - st->max_extent) / BUCKET));
  const gint by0 = MAX (0, (gint) floorf ((rect->y - st->max_extent) / BUCKET));
  const gint bx1
      = MIN (st->bucket_cols - 1,
             (gint) floorf ((rect->x + rect->width + st->max_extent) / BUCKET));
  const gint by1 = MIN (
      st->bucket_rows - 1,
      (gint) floorf ((rect->y + rect->height + st->max_extent) / BUCKET));

  for (gint by = by0; by <= by1; by++)
    for (gint bx = bx0; bx <= bx1; bx++)
      {
        const gint b = by * st->bucket_cols + bx;

        for (guint32 k = st->bucket_start[b]; k < st->bucket_start[b + 1]; k++)
          {
            const Stamp *s = &st->stamps[k];

            if (s->session < first_session || s->session > last_session
                || s->x + s->extent < rect->x
                || s->x - s->extent > rect->x + rect->width
                || s->y + s->extent < rect->y
                || s->y - s->extent > rect->y + rect->height)
              continue;

            stamp_into (s, rect, absorb, n_color, trans, touched);
            reached = TRUE;
          }
      }

  return reached;
}

void
smp_reach_init (SmpReach *reach)
{
  *reach = (SmpReach){ 0 };
}

void
smp_reach_clear (SmpReach *reach)
{
  g_free (reach->pixels);
  g_free (reach->trans);
  g_free (reach->tone);
  g_free (reach->touched);
  smp_reach_init (reach);
}

gdouble
smp_render_tone_share (const SmpStamps *st, gint first_session,
                       gint last_session)
{
  first_session = MAX (first_session, 1);
  last_session  = MIN (last_session, st->sessions);
  if ((st->tone_grey <= 0.0f && st->tone_dark <= 0.0f)
      || first_session > last_session)
    return 0.0;

  return smp_session_share (last_session, st->sessions)
         - (first_session > 1
                ? smp_session_share (first_session - 1, st->sessions)
                : 0.0);
}

/* The ash tone's strength, times share, at width pixels of row y from
 * x0: the cells' strengths between their middles, bilinear, first down
 * the rows and then along the row, so that a pixel's value does not
 * depend on the span it comes in.  The pixels between the middles of
 * cells c and c + 1 are c's: x from c * SMP_FIELD_CELL + SMP_FIELD_CELL /
 * 2 on.
 */
G_STATIC_ASSERT (SMP_FIELD_CELL % 2 == 0);

/* Cell k's strength, wy of the way from row a to row b. */
static inline gfloat
mix_rows (const gfloat *a, const gfloat *b, gint k, gfloat wy)
{
  return a[k] + (b[k] - a[k]) * wy;
}

static void
tone_row (const SmpStamps *st, gfloat share, gint y, gint x0, gint width,
          gfloat *out)
{
  const gfloat  fy   = (y + 0.5f) / SMP_FIELD_CELL - 0.5f;
  const gint    top  = (gint) floorf (fy);
  const gfloat  wy   = fy - top;
  const gint    last = st->tone_cols - 1;
  gint          c    = (gint) floorf ((x0 + 0.5f) / SMP_FIELD_CELL - 0.5f);
  const gfloat *a, *b;
  gfloat        left;

  if (! st->tone)
    {
      for (gint i = 0; i < width; i++)
        out[i] = share;
      return;
    }

  a = st->tone + (gsize) CLAMP (top, 0, st->tone_rows - 1) * st->tone_cols;
  b = st->tone + (gsize) CLAMP (top + 1, 0, st->tone_rows - 1) * st->tone_cols;
  left = mix_rows (a, b, CLAMP (c, 0, last), wy);
  for (gint i = 0; i < width; c++)
    {
      const gint end
          = MIN (width, (c + 1) * SMP_FIELD_CELL + SMP_FIELD_CELL / 2 - x0);
      const gfloat right = mix_rows (a, b, CLAMP (c + 1, 0, last), wy);

      for (; i < end; i++)
        {
          const gfloat wx = (x0 + i + 0.5f) / SMP_FIELD_CELL - 0.5f - c;

          out[i] = (left + (right - left) * wx) * share;
        }
      left = right;
    }
}

/* Touched marks are read eight at a time: the buffer has that many bytes
 * to spare past its last pixel, and they stay 0.
 */
#define TOUCHED_WORD 8

static void
reach_reserve (SmpReach *reach, gsize n_px)
{
  if (n_px <= reach->size)
    return;

  smp_reach_clear (reach);
  reach->size    = n_px;
  reach->pixels  = g_new (guint32, n_px);
  reach->trans   = g_new (gfloat, n_px * 3);
  reach->tone    = g_new (gfloat, n_px);
  reach->touched = g_malloc0 (n_px + TOUCHED_WORD);
}

/* Impressions alone: the pixels they touch and darken, skipping the
 * untouched skin between them a word at a time.
 */
static void
gather_impressions (SmpReach *reach, gsize n_px, gint n_color)
{
  for (gsize i = 0; i < n_px; i += TOUCHED_WORD)
    {
      guint64 word;

      memcpy (&word, reach->touched + i, sizeof word);
      if (word == 0)
        continue;

      for (gsize j = i; j < i + TOUCHED_WORD; j++)
        if (reach->touched[j])
          {
            reach->touched[j] = FALSE;
            if (smp_render_darkens (reach->trans + j * n_color, n_color))
              {
                reach->tone[j]            = 0.0f;
                reach->pixels[reach->n++] = (guint32) j;
              }
          }
    }
}

/* Whether the tone reaches all n pixels. */
static inline gboolean
all_toned (const gfloat *tone, gint n)
{
  gboolean all = TRUE;

  for (gint i = 0; i < n; i++)
    all &= tone[i] > 0.0f;
  return all;
}

/* A row of n pixels from j the tone reaches all of, as gather_toned()
 * would gather it one pixel at a time, without its branches: the
 * untouched pixels let all light through the impressions.
 */
static void
gather_row (SmpReach *reach, gint n_color, gsize j, gsize n)
{
  gfloat *t = reach->trans + j * n_color;

  if (n_color == 3)
    for (gsize i = 0; i < n; i++, t += 3)
      {
        const gboolean hit = reach->touched[j + i];

        t[0] = hit ? t[0] : 1.0f;
        t[1] = hit ? t[1] : 1.0f;
        t[2] = hit ? t[2] : 1.0f;
      }
  else
    for (gsize i = 0; i < n; i++)
      t[i] = reach->touched[j + i] ? t[i] : 1.0f;

  memset (reach->touched + j, 0, n);
  for (gsize i = 0; i < n; i++)
    reach->pixels[reach->n + i] = (guint32) (j + i);
  reach->n += n;
}

/* With the ash tone: every pixel it reaches too, untouched ones letting
 * all light through the impressions.
 */
static void
gather_toned (const SmpStamps *st, gfloat share, const SmpRect *rect,
              SmpReach *reach)
{
  const gint n_color = rect->n_color;

  for (gint y = 0; y < rect->height; y++)
    {
      const gsize row = (gsize) y * rect->width;

      tone_row (st, share, rect->y + y, rect->x, rect->width,
                reach->tone + row);
      if (all_toned (reach->tone + row, rect->width))
        {
          gather_row (reach, n_color, row, (gsize) rect->width);
          continue;
        }
      for (gsize j = row; j < row + rect->width; j++)
        {
          gfloat *t = reach->trans + j * n_color;

          if (reach->touched[j])
            reach->touched[j] = FALSE;
          else if (reach->tone[j] > 0.0f)
            for (gint c = 0; c < n_color; c++)
              t[c] = 1.0f;
          else
            continue;

          if (reach->tone[j] > 0.0f || smp_render_darkens (t, n_color))
            reach->pixels[reach->n++] = (guint32) j;
        }
    }
}

gsize
smp_render_reach (const SmpStamps *st, gint first_session, gint last_session,
                  const SmpRect *rect, SmpReach *reach)
{
  const gint   n_color = rect->n_color;
  const gsize  n_px    = (gsize) MAX (rect->width, 0) * MAX (rect->height, 0);
  const gfloat share
      = (gfloat) smp_render_tone_share (st, first_session, last_session);
  gboolean reached;

  g_return_val_if_fail (n_color == 1 || n_color == 3, 0);
  g_return_val_if_fail (n_px <= G_MAXUINT32, 0);
  reach->n = 0;
  if (n_px == 0)
    return 0;

  reach_reserve (reach, n_px);
  reached = cover (st, first_session, last_session, rect, reach->trans,
                   reach->touched);
  if (share > 0.0f)
    gather_toned (st, share, rect, reach);
  else if (reached)
    gather_impressions (reach, n_px, n_color);

  return reach->n;
}

/* What render_pixel() needs of the stamps, copied where the compiler
 * can keep it in registers across a row: the pixels written could
 * otherwise be the stamps' own numbers, for all it knows.
 */
typedef struct
{
  gfloat tone_grey, tone_dark, shine_from;
  gfloat pigment_hue[3];
} Look;

static inline Look
look_of (const SmpStamps *st)
{
  return (
      Look){ st->tone_grey,
             st->tone_dark,
             st->shine_from,
             { st->pigment_hue[0], st->pigment_hue[1], st->pigment_hue[2] } };
}

/* The white a pixel reflects from the skin's surface, above the pigment:
 * as the specular-free images of Tan and Ikeuchi (2005), the part of its
 * least channel that the skin's own colour does not explain.
 */
static inline gfloat
shine (const Look *look, const gfloat *rgb)
{
  const gfloat sum   = rgb[0] + rgb[1] + rgb[2];
  const gfloat least = MIN (MIN (rgb[0], rgb[1]), rgb[2]);

  return MAX (0.0f, (least - look->shine_from * sum)
                        / (1.0f - 3.0f * look->shine_from));
}

/* What a pixel becomes, keep being the share of it hair does not hide
 * (1 where it hides none).
 */
static inline void
render_pixel (const Look *look, gint n_color, gfloat keep, const gfloat *t,
              gfloat tone, const gfloat *src, gfloat *dst)
{
  gfloat grey, dark, lum = 0.0f, top = 0.0f, skin[3];

  /* Shine lies on top: the pigment filters the skin's own colour only. */
  if (n_color == 3 && look->shine_from >= 0.0f)
    top = shine (look, src);
  for (gint c = 0; c < n_color; c++)
    skin[c] = src[c] - top;

  grey = look->tone_grey * tone * keep;
  dark = 1.0f - look->tone_dark * tone * keep;
  if (n_color == 3)
    lum = 0.2126f * skin[0] + 0.7152f * skin[1] + 0.0722f * skin[2];

  for (gint c = 0; c < n_color; c++)
    {
      const gfloat tc = 1.0f - (1.0f - t[c]) * keep;
      gfloat       v  = skin[c];

      /* Toward the ash, which no channel of a strong pigment's hue may
       * take past white.
       */
      if (n_color == 3)
        v += grey * (MIN (lum * look->pigment_hue[c], 1.0f - top) - v);
      dst[c] = v * dark * tc + top;
    }
}

/* Whether hair keeps pigment off: then its share hides that much of it. */
static inline gboolean
hair_hides (const SmpStamps *st)
{
  return st->hair_blend > 0.0f && st->field;
}

void
smp_render_pixel (const SmpStamps *st, gint n_color, gint x, gint y,
                  const gfloat *t, gfloat tone, const gfloat *src, gfloat *dst)
{
  /* Pigment under hair does not show: the hair covers it.  Where nothing
   * darkens, keep changes nothing.
   */
  const gfloat keep
      = hair_hides (st) && (tone > 0.0f || smp_render_darkens (t, n_color))
            ? 1.0f - st->hair_blend * smp_field_hair_at (st->field, x, y)
            : 1.0f;

  const Look look = look_of (st);

  render_pixel (&look, n_color, keep, t, tone, src, dst);
}

/* Pixels [i0, i0 + n) of a row, whose hair hides hair[i - i0] of their
 * pigment, blended by blend.
 */
static inline void
render_span (const Look *look, const gint n_color, gfloat blend,
             const gfloat *hair, gint i0, gint n, const gfloat *t,
             const gfloat *tone, gint stride, const gfloat *src, gfloat *dst)
{
  for (gint i = i0; i < i0 + n; i++)
    render_pixel (look, n_color, 1.0f - blend * hair[i - i0],
                  t + (gsize) i * n_color, tone[i], src + (gsize) i * stride,
                  dst + (gsize) i * stride);
}

/* Pixels at a time whose hair is looked up at once. */
#define ROW_CHUNK 256

SMP_CLONES void
smp_render_row (const SmpStamps *st, gint n_color, gint x, gint y, gint width,
                const gfloat *t, const gfloat *tone, gint stride,
                const gfloat *src, gfloat *dst)
{
  const Look   look            = look_of (st);
  const gfloat blend           = st->hair_blend;
  gfloat       hair[ROW_CHUNK] = { 0.0f };

  for (gint i0 = 0; i0 < width; i0 += ROW_CHUNK)
    {
      const gint n = MIN (ROW_CHUNK, width - i0);

      if (hair_hides (st))
        smp_field_hair_row (st->field, x + i0, y, n, hair);
      /* The colour channels counted at compile time. */
      if (n_color == 3)
        render_span (&look, 3, blend, hair, i0, n, t, tone, stride, src, dst);
      else
        render_span (&look, 1, blend, hair, i0, n, t, tone, stride, src, dst);
    }
}

void
smp_render (const SmpStamps *st, gint first_session, gint last_session,
            const SmpRect *rect)
{
  const gint   n_color = rect->n_color;
  const gsize  n_px    = (gsize) MAX (rect->width, 0) * MAX (rect->height, 0);
  const gfloat share
      = (gfloat) smp_render_tone_share (st, first_session, last_session);
  gfloat *trans, *tone;
  guint8 *touched;

  g_return_if_fail (n_color == 1 || n_color == 3);
  if (n_px == 0)
    return;

  trans   = g_new (gfloat, n_px * n_color);
  touched = g_new0 (guint8, n_px);
  tone    = g_new0 (gfloat, rect->width);
  cover (st, first_session, last_session, rect, trans, touched);
  /* What no impression touches lets all light through. */
  for (gsize i = 0; i < n_px; i++)
    if (! touched[i])
      for (gint c = 0; c < n_color; c++)
        trans[i * n_color + c] = 1.0f;

  for (gint y = 0; y < rect->height; y++)
    {
      const gsize off = (gsize) y * rect->row_stride;

      if (share > 0.0f)
        tone_row (st, share, rect->y + y, rect->x, rect->width, tone);
      smp_render_row (st, n_color, rect->x, rect->y + y, rect->width,
                      trans + (gsize) y * rect->width * n_color, tone,
                      rect->pixel_stride, rect->src + off, rect->dst + off);
    }

  g_free (trans);
  g_free (touched);
  g_free (tone);
}
