/* scalp-micropigmentation: what the photo says about where pigment may go.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-field.h"

#include <math.h>
#include <string.h>

#include "smp-clones.h"
#include "smp-parallel.h"

/* A cell whose brightest pixel is this much below the skin in log
 * luminance is under a mass of hair too dense to show strands: from none
 * at LO (50% of the skin's luminance) to all at HI (30%).  Strands leave
 * skin between them, freckles and shadows stay lighter than that.
 */
#define MASS_DARKNESS_LO 0.7f
#define MASS_DARKNESS_HI 1.2f

/* A strand differs from the skin beside it by this much or more, in log
 * luminance and in log colour difference; the gap between two hairs is
 * shaped like one, but has the skin's colour.
 */
#define STRAND_LUMA_STEP 0.3f
#define STRAND_COLOR_STEP 0.12f

/* A pixel at least this likely on a line is on one. */
#define ON_LINE 0.5f

/* The skin beside a pixel: the pixels not on lines in the cells of its
 * row this many cells to either side.  A cell row lies in one strip
 * whatever the strips are, so what a pixel is does not depend on them.
 */
#define BESIDE 3
#define BESIDE_MAX ((2 * BESIDE + 1) * SMP_FIELD_CELL * SMP_FIELD_CELL)

/* How far a strand's edges reach from the line along its middle. */
#define NEAR 1
G_STATIC_ASSERT (NEAR <= SMP_STRANDS_MARGIN);

/* How many strand steps a pixel away from lines, in a cell a line
 * passes, must differ from the skin beside to be hair: where strands
 * cross or clump, the clump is no line, and its middle is too far from
 * one.
 */
#define FAR_STEPS 3.5f

/* A cell with no more pixels on lines than this shows the skin. */
#define CLEAN_CELL 2

#define N_FEATURES SMP_STRANDS_FEATURES

/* Per skin block, the features of the strands of its unselected cells,
 * summed, and how many pixels.
 */
#define AROUND_SUMS (N_FEATURES + 1)

/* Steps of light on the skin that a highlight is compared with, from
 * none to far more than the skin's own (see skin_in_light()).
 */
#define SHINE_STEPS 48

/* The skin beside the cells of a cell row, a window of cells that
 * slides along the row a cell at a time.  Its cells' values away from
 * lines are counted per feature in bins narrow enough to hold a value or
 * two each, and that keep the values' order.  A cursor bin knows how
 * many values lie below it; the median moves little from a cell to the
 * next, and so does the cursor that finds it; where it does move far, as
 * from hair to skin, the cursor passes whole groups of bins.  A cell's values
 * go in and out of the counts once, not once for each of the 2 * BESIDE + 1
 * cells whose window holds them, and no value is sorted but the few in the
 * median's bin.
 */
#define BESIDE_SLOTS 8 /* cells a window holds, by cell number & 7 */
G_STATIC_ASSERT (2 * BESIDE + 1 <= BESIDE_SLOTS);
G_STATIC_ASSERT (BESIDE_MAX <= G_MAXUINT8);
#define BESIDE_LOW (-8.0f)      /* values below count in the first bin */
#define BESIDE_PER_UNIT 4096.0f /* bins per unit of a feature */
#define BESIDE_BINS 65536       /* up to 8, the last bin for all above */
#define BESIDE_GROUP 64         /* bins counted together as well */

typedef struct
{
  gint lo, hi; /* the cells in the window */
  gint n;      /* values of each feature */
  /* Per cell of the window: how many values each feature has, the values
   * and their bins.
   */
  gint    m[BESIDE_SLOTS];
  gfloat  value[BESIDE_SLOTS][N_FEATURES][SMP_FIELD_CELL * SMP_FIELD_CELL];
  guint16 bin[BESIDE_SLOTS][N_FEATURES][SMP_FIELD_CELL * SMP_FIELD_CELL];
  /* Per feature: the cursor, and how many values lie in bins below it. */
  gint   cursor[N_FEATURES], below[N_FEATURES];
  guint8 count[N_FEATURES][BESIDE_BINS];
  guint8 group[N_FEATURES][BESIDE_BINS / BESIDE_GROUP];
  /* Per bin, its values' bits XORed together: the value itself where the
   * bin holds one.
   */
  guint32 bits[N_FEATURES][BESIDE_BINS];
} Beside;

/* What one part of a strip is worked on with. */
typedef struct
{
  SmpStrands   *strands;
  gint          rows; /* most rows it takes */
  gfloat       *features, *ridge;
  guint16      *near;      /* per cell of a row: its pixels near a line */
  guint8       *on, *wide; /* see mark_lines() */
  Beside       *beside;    /* the skin beside the cells of a row */
  SmpFocus     *focus;
  guint8       *around; /* per cell row and block: near the selection */
  SmpFocusVotes votes;
  /* The features of the strands' pixels, summed, and how many: in the
   * selection, and around it.
   */
  gdouble  strand_sum[N_FEATURES], strand_n;
  gdouble *around_blocks; /* AROUND_SUMS per skin block, or NULL */
  guint32  whiteness[SMP_WHITENESS_BINS]; /* of the part's selected pixels */
  guint16 *white_bins;                    /* a row's, see add_whiteness() */
} Scratch;

struct _SmpField
{
  gint   width, height;
  gint   n_color, n_features;
  gfloat weight[3];
  gint   cols, rows;
  gint   block_cols, block_rows;
  /* Where hair is looked for beyond the selection's own rows. */
  gint hair_x0, hair_x1, hair_y0, hair_y1;
  /* The part of the drawable the field reads (smp_field_needed()); its
   * columns are the only ones looked at in the rows added, its cells
   * the only ones worked out.
   */
  gint need_x0, need_x1, need_y0, need_y1;

  /* Per cell: the mean selection, the highest log luminance of its
   * pixels (kept until finished), the hair coverage, and the distance to
   * the selection's edge (NULL if it has none).
   */
  gfloat *sel;
  gfloat *top;
  /* Per cell, kept until finished: the mean of its three features over
   * the pixels no strand covers, and its texture (see cell_colour()).
   */
  gfloat *colour;
  gfloat *texture;
  /* Per cell: the mean linear luminance of all its pixels, hair and all,
   * the tone the photo shows there.
   */
  gfloat  *luminance;
  gfloat  *hair;
  gfloat  *dist;
  guint16 *bits; /* per cell: its pixels that are hair */
  /* The strands' structure tensor (see smp-field.h), per cell row and
   * axis block column as the rows come in (kept until finished), then per
   * axis block.
   */
  gint    axis_cols, axis_rows;
  gfloat *row_axes;
  gfloat *axes;
  guint8 *lines; /* per cell: how many of its pixels are on lines */
  /* Per block: the skin's log luminance, first from its own cells (kept
   * until finished), then from its neighbourhood.
   */
  gfloat *own;
  gfloat *skin;

  /* The bare skin of the selection, learned from its cells without
   * lines: the median of each colour feature, and of the texture.
   */
  gfloat skin_chroma[2], skin_texture, skin_luma;
  /* The colour features of the light that shines on it (see
   * learn_light()); its colour features in more and more white light and
   * of that light, and the light's lift in log luminance: SHINE_STEPS of
   * them each (see skin_in_light()).
   */
  gfloat light[2];
  gfloat shine[2][3 * SHINE_STEPS];

  /* The hair found in the selection: its features summed over its pixels
   * (single strands as they come in, masses when finished), the hair's
   * area and the selection's, weighted by how much each cell is selected.
   */
  gdouble hair_sum[N_FEATURES], hair_n;
  gdouble hair_area, selected_area;
  /* The same of the hair around the selection: the strands of unselected
   * cells by skin block as they come in (AROUND_SUMS a block, NULL if
   * none), which of them are around the selection being known when
   * finished; then the sums of the hair around it, and per cell, the hair
   * that covers it there (0 to 255; NULL if the selection has no cells
   * around it).
   */
  gdouble *around_blocks;
  gdouble  around_sum[N_FEATURES], around_n;
  guint8  *around;

  /* The edges' votes for the photo's blur, and the blur they make; on a
   * large photo only every focus_stride-th band of FOCUS_BAND cell rows
   * votes.
   */
  gint64        focus_pixels, focus_area;
  gint          focus_stride;
  SmpFocusVotes votes;
  gdouble       blur;

  /* The selected pixels' whiteness, min / sum of their channels: the
   * skin's own colour is its median.
   */
  guint32 whiteness[SMP_WHITENESS_BINS];

  /* Scratch for the parts of a strip, worked on at once. */
  Scratch scratch[SMP_PARALLEL_MAX];

  /* Rows are finished as soon as their neighbourhood is in, so that most
   * of the work is done while the pixels still come: the cells added to
   * each cell row, the cell rows complete from the top, and the block
   * rows whose own skin, skin and hair are done.
   */
  gint    *added;
  gint     rows_in;
  gint     own_done, skin_done, hair_done;
  gboolean finished;
};

SmpField *
smp_field_new (gint width, gint height, gint n_color)
{
  SmpField *field = g_new0 (SmpField, 1);
  gsize     n, nb;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (n_color == 1 || n_color == 3, NULL);

  field->width      = width;
  field->height     = height;
  field->n_color    = n_color;
  field->n_features = n_color == 3 ? N_FEATURES : 1;
  field->weight[0]  = 0.2126f;
  field->weight[1]  = 0.7152f;
  field->weight[2]  = 0.0722f;
  field->cols       = (width + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
  field->rows       = (height + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
  field->block_cols = (field->cols + SMP_FIELD_BLOCK - 1) / SMP_FIELD_BLOCK;
  field->block_rows = (field->rows + SMP_FIELD_BLOCK - 1) / SMP_FIELD_BLOCK;
  field->need_x1    = width;
  field->need_y1    = height;
  smp_field_set_focus_pixels (field, SMP_FIELD_FOCUS_PIXELS);

  n                = (gsize) field->cols * field->rows;
  nb               = (gsize) field->block_cols * field->block_rows;
  field->sel       = g_new0 (gfloat, n);
  field->top       = g_new0 (gfloat, n);
  field->colour    = g_new0 (gfloat, 3 * n);
  field->texture   = g_new0 (gfloat, n);
  field->luminance = g_new0 (gfloat, n);
  field->hair      = g_new0 (gfloat, n);
  field->bits      = g_new0 (guint16, n);
  field->axis_cols
      = (field->cols + SMP_FIELD_AXIS_BLOCK - 1) / SMP_FIELD_AXIS_BLOCK;
  field->axis_rows
      = (field->rows + SMP_FIELD_AXIS_BLOCK - 1) / SMP_FIELD_AXIS_BLOCK;
  field->row_axes = g_new0 (gfloat, 3 * (gsize) field->axis_cols * field->rows);
  field->axes
      = g_new0 (gfloat, 3 * (gsize) field->axis_cols * field->axis_rows);
  field->lines = g_new0 (guint8, n);
  field->own   = g_new (gfloat, nb);
  field->skin  = g_new (gfloat, nb);
  field->added = g_new0 (gint, field->rows);

  return field;
}

/* Releases one part's scratch, leaving it empty. */
static void
scratch_clear (Scratch *sc)
{
  g_clear_pointer (&sc->strands, smp_strands_free);
  g_clear_pointer (&sc->features, g_free);
  g_clear_pointer (&sc->ridge, g_free);
  g_clear_pointer (&sc->near, g_free);
  g_clear_pointer (&sc->on, g_free);
  g_clear_pointer (&sc->wide, g_free);
  g_clear_pointer (&sc->beside, g_free);
  g_clear_pointer (&sc->focus, smp_focus_free);
  g_clear_pointer (&sc->around, g_free);
  g_clear_pointer (&sc->around_blocks, g_free);
  g_clear_pointer (&sc->white_bins, g_free);
  sc->rows = 0;
}

static void
free_scratch (SmpField *field)
{
  for (gint k = 0; k < SMP_PARALLEL_MAX; k++)
    scratch_clear (&field->scratch[k]);
}

void
smp_field_free (SmpField *field)
{
  if (! field)
    return;

  g_free (field->sel);
  g_free (field->top);
  g_free (field->colour);
  g_free (field->texture);
  g_free (field->luminance);
  g_free (field->hair);
  g_free (field->dist);
  g_free (field->around);
  g_free (field->around_blocks);
  g_free (field->bits);
  g_free (field->row_axes);
  g_free (field->axes);
  g_free (field->lines);
  g_free (field->own);
  g_free (field->skin);
  free_scratch (field);
  g_free (field->added);
  g_free (field);
}

void
smp_field_set_luminance (SmpField *field, const gfloat weight[3])
{
  for (gint c = 0; c < 3; c++)
    field->weight[c] = weight[c];
}

/* Blocks of hair looked at around the selection's bounds, beyond its own
 * rows: as far as the hair's direction carries at the highest scales.
 */
#define HAIR_AROUND_BLOCKS 2

/* Blocks around the selection's bounds whose pixels the field needs.
 * The cells just around the selection, in the blocks beside its own
 * (find_around()), take their hair from the skin of the blocks beside
 * theirs (skin_at()), which comes from the blocks beside those
 * (block_skin()) and their cells (block_own_skin()): three blocks.  A
 * cell's own values come from pixels less than a block further: the
 * skin beside it (BESIDE cells), the lines near it and the smoothing
 * of the strands around them.  Nothing that depends on the cells beyond
 * these reaches the selection: its light, skin and masses are learned
 * from its own cells and those around it.
 */
#define NEED_BLOCKS 4
G_STATIC_ASSERT (HAIR_AROUND_BLOCKS < NEED_BLOCKS);
G_STATIC_ASSERT (SMP_STRANDS_HALO + (BESIDE + 1) * SMP_FIELD_CELL
                 <= SMP_FIELD_CELL * SMP_FIELD_BLOCK);

/* Pixels [lo, hi) along one axis widened to whole blocks and NEED_BLOCKS
 * more to either side, within [0, limit): [*from, *to).
 */
static void
need_span (gint lo, gint hi, gint limit, gint *from, gint *to)
{
  const gint block = SMP_FIELD_CELL * SMP_FIELD_BLOCK;

  *from = CLAMP ((lo / block - NEED_BLOCKS) * block, 0, limit);
  *to   = CLAMP (((hi + block - 1) / block + NEED_BLOCKS) * block, 0, limit);
}

/* The cells [*c0, *c1) that pixels [from, to) along one axis fall in. */
static inline void
cell_span (gint from, gint to, gint *c0, gint *c1)
{
  *c0 = from / SMP_FIELD_CELL;
  *c1 = (to + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
}

void
smp_field_set_bounds (SmpField *field, gint x, gint y, gint width, gint height)
{
  const gint block  = SMP_FIELD_CELL * SMP_FIELD_BLOCK;
  const gint around = HAIR_AROUND_BLOCKS * block;

  g_return_if_fail (! field->finished && field->rows_in == 0);

  field->hair_x0 = CLAMP ((x - around) / block * block, 0, field->width);
  field->hair_x1 = CLAMP ((x + width + around + block - 1) / block * block, 0,
                          field->width);
  field->hair_y0 = CLAMP (y - around, 0, field->height);
  field->hair_y1 = CLAMP (y + height + around, 0, field->height);
  need_span (x, x + width, field->width, &field->need_x0, &field->need_x1);
  need_span (y, y + height, field->height, &field->need_y0, &field->need_y1);
  /* The edges that vote are the selection's and those beside it. */
  field->focus_area = (gint64) MAX (width, 1) * MAX (height, 1);
  smp_field_set_focus_pixels (field, field->focus_pixels);
}

void
smp_field_needed (const SmpField *field, gint *x, gint *y, gint *width,
                  gint *height)
{
  *x      = field->need_x0;
  *y      = field->need_y0;
  *width  = field->need_x1 - field->need_x0;
  *height = field->need_y1 - field->need_y0;
}

void
smp_field_set_focus_pixels (SmpField *field, gint64 pixels)
{
  const gint64 area = field->focus_area ? field->focus_area
                                        : (gint64) field->width * field->height;

  g_return_if_fail (! field->finished && field->rows_in == 0);

  field->focus_pixels = MAX (pixels, 1);
  field->focus_area   = area;
  field->focus_stride = (gint) MAX (1, area / field->focus_pixels);
}

gint
smp_field_width (const SmpField *field)
{
  return field->width;
}

gint
smp_field_height (const SmpField *field)
{
  return field->height;
}

gint
smp_field_cols (const SmpField *field)
{
  return field->cols;
}

gint
smp_field_rows (const SmpField *field)
{
  return field->rows;
}

gint
smp_field_cell_area (const SmpField *field, gint col, gint row)
{
  const gint w = MIN (SMP_FIELD_CELL, field->width - col * SMP_FIELD_CELL);
  const gint h = MIN (SMP_FIELD_CELL, field->height - row * SMP_FIELD_CELL);

  return w * h;
}

/* How many of a cell's 16 pixel bits are set: inline, where GCC would
 * call a library function for any x86-64 processor.
 */
static inline gint
bits_set (guint bits)
{
  bits = bits - ((bits >> 1) & 0x5555u);
  bits = (bits & 0x3333u) + ((bits >> 2) & 0x3333u);
  bits = (bits + (bits >> 4)) & 0x0f0fu;
  return (gint) ((bits + (bits >> 8)) & 0x1fu);
}

static void finish_ready (SmpField *field, gboolean parallel);

/* A selection value clamped to [0, 1]; NaN reads as 0. */
static inline gfloat
clamp_unit (gfloat v)
{
  return v >= 0.0f ? MIN (v, 1.0f) : 0.0f;
}

/* Columns [*x0, *x1) where the strip has anything selected, widened to
 * whole blocks and by one more block on either side: what a selected
 * cell's pixels are depends on the lines and skin up to BESIDE cells
 * away, which must be looked at as they would be with any other strips.
 */
static void
selected_columns (const SmpField *field, const gfloat *mask, gint y, gint rows,
                  gint *x0, gint *x1)
{
  const gint block = SMP_FIELD_CELL * SMP_FIELD_BLOCK;
  gint       lo = field->width, hi = 0;

  G_STATIC_ASSERT ((BESIDE + 1) * SMP_FIELD_CELL + NEAR
                   <= SMP_FIELD_CELL * SMP_FIELD_BLOCK);

  if (! mask)
    {
      *x0 = 0;
      *x1 = field->width;
      return;
    }

  for (gint j = 0; j < rows; j++)
    {
      const gfloat *m = mask + (gsize) j * field->width;

      for (gint x = 0; x < lo; x++)
        if (m[x] > 0.0f)
          {
            lo = x;
            break;
          }
      for (gint x = field->width - 1; x >= MAX (hi, lo); x--)
        if (m[x] > 0.0f)
          {
            hi = x + 1;
            break;
          }
    }

  if (lo >= hi && y < field->hair_y1 && y + rows > field->hair_y0)
    {
      *x0 = field->hair_x0;
      *x1 = field->hair_x1;
      return;
    }
  *x0 = lo >= hi ? 0 : MAX (lo / block - 1, 0) * block;
  *x1 = lo >= hi ? 0
                 : MIN (((hi + block - 1) / block + 1) * block, field->width);
}

/* Whether pixel at of the strip differs from the skin beside it, whose
 * features are skin, by more than sqrt (steps2) strand steps.
 */
static inline gboolean
differs (const SmpField *field, const Scratch *sc, gsize at, gsize n_px,
         const gfloat *skin, gfloat steps2)
{
  gfloat d2 = 0.0f;

  for (gint f = 0; f < field->n_features; f++)
    {
      const gfloat step = f == 0 ? STRAND_LUMA_STEP : STRAND_COLOR_STEP;
      const gfloat d    = (sc->features[f * n_px + at] - skin[f]) / step;

      d2 += d * d;
    }
  return d2 >= steps2;
}

/* Which pixels of a cell row lie on a line, and which within NEAR
 * pixels of one along the row, in the rows of the strip from j0 - NEAR
 * to j0 + ch + NEAR: sc->on and sc->wide, a row of the drawable's width
 * each.  A line within NEAR pixels across and along marks a strand's
 * edges, beside the line along its middle; the lines are known that far
 * beyond the strip.
 */
SMP_CLONES static void
mark_lines (const SmpField *field, Scratch *sc, gint j0, gint ch)
{
  const gint w = field->width;

  for (gint v = 0; v < ch + 2 * NEAR; v++)
    {
      const gfloat *ridge
          = sc->ridge + (gsize) (j0 - NEAR + v + SMP_STRANDS_MARGIN) * w;
      guint8 *on   = sc->on + (gsize) v * w;
      guint8 *wide = sc->wide + (gsize) v * w;

      for (gint x = 0; x < w; x++)
        on[x] = fabsf (ridge[x]) >= ON_LINE;
      for (gint x = 0; x < w; x++)
        {
          guint8 any = 0;

          if (x >= NEAR && x < w - NEAR)
            for (gint d = -NEAR; d <= NEAR; d++)
              any |= on[x + d];
          else
            for (gint u = MAX (x - NEAR, 0); u <= MIN (x + NEAR, w - 1); u++)
              any |= on[u];
          wide[x] = any;
        }
    }
}

/* Whether a line passes within NEAR pixels of the cell row's pixel (x,
 * j), across and along, from the marks of mark_lines().
 */
static inline guint
near_line (const SmpField *field, const Scratch *sc, gint x, gint j)
{
  guint8 any = 0;

  for (gint v = j; v <= j + 2 * NEAR; v++)
    any |= sc->wide[(gsize) v * field->width + x];
  return any;
}

/* The bin of value v: bins keep the values' order. */
static inline guint16
beside_bin (gfloat v)
{
  const gfloat at = (v - BESIDE_LOW) * BESIDE_PER_UNIT;

  /* Comparisons first: NaN and values beyond the bins clamp. */
  if (! (at >= 0.0f))
    return 0;
  return at < BESIDE_BINS - 1 ? (guint16) at : BESIDE_BINS - 1;
}

/* Counts one more (delta 1) or one less (-1) value v of feature f in
 * bin.
 */
static inline void
beside_count (Beside *b, gint f, guint16 bin, gfloat v, gint delta)
{
  guint32 bits;

  memcpy (&bits, &v, sizeof bits);
  b->bits[f][bin] ^= bits;
  b->count[f][bin] += delta;
  b->group[f][bin / BESIDE_GROUP] += delta;
  b->below[f] += bin < b->cursor[f] ? delta : 0;
}

/* Takes cell k's values out of the window's counts. */
static void
beside_drop (Beside *b, gint n_features, gint k)
{
  const gint slot = k & (BESIDE_SLOTS - 1);

  for (gint f = 0; f < n_features; f++)
    for (gint i = 0; i < b->m[slot]; i++)
      beside_count (b, f, b->bin[slot][f][i], b->value[slot][f][i], -1);
  b->n -= b->m[slot];
  b->m[slot] = 0;
}

/* Empties the window, which then starts at cell lo. */
static void
beside_reset (Beside *b, gint n_features, gint lo)
{
  for (gint k = b->lo; k <= b->hi && b->n > 0; k++)
    beside_drop (b, n_features, k);
  b->lo = lo;
  b->hi = lo - 1;
}

/* Adds to the window the values of cell k's pixels away from lines, k the
 * cell after its last.
 */
static void
beside_add (Beside *b, const SmpField *field, const Scratch *sc, gint k,
            gint j0, gint ch, gsize n_px)
{
  const gint x0   = k * SMP_FIELD_CELL;
  const gint cw   = MIN (SMP_FIELD_CELL, field->width - x0);
  const gint slot = k & (BESIDE_SLOTS - 1);
  gint       m    = 0;

  for (gint f = 0; f < field->n_features; f++)
    {
      m = 0;
      for (gint j = 0; j < ch; j++)
        for (gint u = 0; u < cw; u++)
          if (! ((sc->near[k] >> (j * SMP_FIELD_CELL + u)) & 1))
            {
              const gfloat v
                  = sc->features[f * n_px + (gsize) (j0 + j) * field->width + x0
                                 + u];
              const guint16 bin = beside_bin (v);

              b->value[slot][f][m] = v;
              b->bin[slot][f][m]   = bin;
              beside_count (b, f, bin, v, 1);
              m++;
            }
    }
  b->m[slot] = m;
  b->n += m;
  b->hi = k;
}

/* The value of rank k (from 0) of feature f in the window, which holds
 * more than k values.
 */
static gfloat
beside_rank (Beside *b, gint f, gint k)
{
  gint          bin = b->cursor[f], below = b->below[f], n = 0;
  gfloat        in_bin[BESIDE_MAX];
  const guint8 *count = b->count[f], *group = b->group[f];

  /* The cursor moves to the bin of rank k, a group at a time from the
   * edge of a group whose values all lie on the way.
   */
  while (below > k)
    if (bin % BESIDE_GROUP == 0 && below - group[bin / BESIDE_GROUP - 1] > k)
      {
        below -= group[bin / BESIDE_GROUP - 1];
        bin -= BESIDE_GROUP;
      }
    else
      below -= count[--bin];
  while (below + count[bin] <= k)
    if (bin % BESIDE_GROUP == 0 && below + group[bin / BESIDE_GROUP] <= k)
      {
        below += group[bin / BESIDE_GROUP];
        bin += BESIDE_GROUP;
      }
    else
      below += count[bin++];
  b->cursor[f] = bin;
  b->below[f]  = below;
  if (count[bin] == 1)
    {
      gfloat v;

      memcpy (&v, &b->bits[f][bin], sizeof v);
      return v;
    }

  /* The bin's values, gathered without a branch: many where the photo's
   * 8-bit values make features alike.
   */
  for (gint c = b->lo; c <= b->hi; c++)
    {
      const gint slot = c & (BESIDE_SLOTS - 1);

      for (gint i = 0; i < b->m[slot]; i++)
        {
          in_bin[n] = b->value[slot][f][i];
          n += b->bin[slot][f][i] == bin;
        }
    }
  return smp_select_kth (in_bin, n, k - below);
}

/* The skin beside cell c of a cell row, ch pixel rows of the strip from
 * its row j0: the median of each feature over the pixels away from lines
 * in the cells BESIDE to either side, whose pixels near a line sc->near
 * holds.  The cells of the row are asked for in order, after
 * beside_reset().  FALSE if there are no such pixels.
 */
static gboolean
skin_beside (Beside *b, const SmpField *field, const Scratch *sc, gint c,
             gint j0, gint ch, gsize n_px, gfloat *skin)
{
  const gint lo = MAX (c - BESIDE, 0), hi = MIN (c + BESIDE, field->cols - 1);

  if (lo > b->hi)
    beside_reset (b, field->n_features, lo);
  for (; b->lo < lo; b->lo++)
    beside_drop (b, field->n_features, b->lo);
  while (b->hi < hi)
    beside_add (b, field, sc, b->hi + 1, j0, ch, n_px);

  for (gint f = 0; f < field->n_features && b->n > 0; f++)
    skin[f] = beside_rank (b, f, b->n / 2);
  return b->n > 0;
}

/* The structure tensor of the ridges of one cell row, rows [j0, j0 + ch)
 * of the part, per axis block column: the ridge filter's response
 * changes fastest across a strand, so its gradients give the strands'
 * axis, in masses of hair as for single strands.  Each block's sums are
 * written once, so that its memory is first touched by a write.
 */
static void
add_row_axes (SmpField *field, const Scratch *sc, gint row, gint j0, gint ch)
{
  const gint w    = field->width;
  const gint side = SMP_FIELD_AXIS_BLOCK * SMP_FIELD_CELL;

  for (gint x0 = field->need_x0; x0 < field->need_x1; x0 += side)
    {
      gfloat *axis
          = field->row_axes + 3 * ((gsize) row * field->axis_cols + x0 / side);
      gfloat sum[3] = { 0.0f, 0.0f, 0.0f };

      for (gint j = 0; j < ch; j++)
        {
          /* The ridge holds SMP_STRANDS_MARGIN rows above the part. */
          const gfloat *mid
              = sc->ridge + (gsize) (j0 + j + SMP_STRANDS_MARGIN) * w;
          const gfloat *up   = mid - w;
          const gfloat *down = mid + w;
          gfloat        xx = 0.0f, yy = 0.0f, xy = 0.0f;

          for (gint x = x0; x < MIN (x0 + side, w); x++)
            {
              const gfloat gx = mid[MIN (x + 1, w - 1)] - mid[MAX (x - 1, 0)];
              const gfloat gy = down[x] - up[x];

              xx += gx * gx;
              yy += gy * gy;
              xy += gx * gy;
            }
          /* The strands run across their gradient. */
          sum[0] += yy - xx;
          sum[1] -= 2.0f * xy;
          sum[2] += xx + yy;
        }
      memcpy (axis, sum, sizeof sum);
    }
}

/* The colour and texture of cell i, whose pixels are columns [x0, x0 +
 * cw) of rows [j0, j0 + ch) of the part: the mean of each feature over
 * its pixels that no strand covers (all of them if strands cover
 * it), the skin between single strands; and how far its log luminance
 * goes up and down along its rows and columns beyond the way from one
 * end to the other, within the cell, so that it does not depend on the
 * strips.  Across hair, even a mass of it, the luminance rises and falls
 * with each strand; bare skin is smoother, and a highlight's edge or the
 * light's gradient goes one way only.
 */
static inline __attribute__ ((always_inline)) void
cell_colour (SmpField *field, const Scratch *sc, gsize i, gint x0, gint j0,
             gint cw, gint ch, gint n_features, gsize n_px)
{
  const gint w = field->width;
  /* Strands are looked for only near the selection: elsewhere what a
   * cell's pixels are depends on the strips, and all of them count.
   */
  const gboolean all
      = field->sel[i] <= 0.0f || bits_set (field->bits[i]) >= cw * ch;
  gfloat curve = 0.0f, sum[N_FEATURES] = { 0.0f };
  gint   n = 0, n_skin = 0;

  /* How far row j, and column j, go up and down more than they go from
   * one end to the other; a cell at the drawable's edge has fewer of
   * one than of the other.
   */
  for (gint j = 0; j < MAX (cw, ch); j++)
    {
      gfloat down = 0.0f;

      if (j < ch)
        {
          const gfloat *l = sc->features + (gsize) (j0 + j) * w + x0;

          for (gint u = 1; u < cw; u++)
            down += fabsf (l[u] - l[u - 1]);
          curve += down - fabsf (l[cw - 1] - l[0]);
          n++;
        }
      if (j < cw)
        {
          const gfloat *col = sc->features + (gsize) j0 * w + x0 + j;

          down = 0.0f;
          for (gint v = 1; v < ch; v++)
            down += fabsf (col[(gsize) v * w] - col[(gsize) (v - 1) * w]);
          curve += down - fabsf (col[(gsize) (ch - 1) * w] - col[0]);
          n++;
        }
    }

  for (gint j = 0; j < ch; j++)
    for (gint u = 0; u < cw; u++)
      if (all || ! ((field->bits[i] >> (j * SMP_FIELD_CELL + u)) & 1))
        {
          for (gint f = 0; f < n_features; f++)
            sum[f] += sc->features[f * n_px + (gsize) (j0 + j) * w + x0 + u];
          n_skin++;
        }

  field->texture[i] = n > 0 ? curve / n : 0.0f;
  for (gint f = 0; f < N_FEATURES; f++)
    field->colour[3 * i + f] = n_skin > 0 ? sum[f] / n_skin : 0.0f;
}

/* Adds the features of a cell's strand pixels (bits) to sums, and their
 * count to n, for the hair's tone.
 */
static void
add_strand_tone (const SmpField *field, const Scratch *sc, guint bits, gint x0,
                 gint j0, gint cw, gint ch, gsize n_px, gdouble *sum,
                 gdouble *n)
{
  for (gint j = 0; j < ch; j++)
    for (gint i = 0; i < cw; i++)
      if ((bits >> (j * SMP_FIELD_CELL + i)) & 1)
        {
          const gsize at = (gsize) (j0 + j) * field->width + x0 + i;

          for (gint f = 0; f < field->n_features; f++)
            sum[f] += sc->features[f * n_px + at];
          (*n)++;
        }
}

/* Adds the strands of an unselected cell (bits) to the sums of its skin
 * block, for the tone of the hair around the selection.  Around a bald
 * area they are single strands, whose pixels take some of the colour of
 * the skin around them: the cell's purest one, farthest in colour from
 * the skin beside it, stands for them all.
 */
static void
add_around_tone (SmpField *field, Scratch *sc, guint bits, gint row, gint c,
                 gint j0, gint cw, gint ch, gsize n_px,
                 const gfloat skin[N_FEATURES])
{
  const gsize nb     = (gsize) field->block_cols * field->block_rows;
  gfloat      best_d = -1.0f;
  gsize       best   = 0;
  gdouble    *b;

  for (gint j = 0; j < ch; j++)
    for (gint i = 0; i < cw; i++)
      if ((bits >> (j * SMP_FIELD_CELL + i)) & 1)
        {
          const gsize at
              = (gsize) (j0 + j) * field->width + c * SMP_FIELD_CELL + i;
          gfloat d = 0.0f;

          for (gint f = 0; f < field->n_features; f++)
            d += (sc->features[f * n_px + at] - skin[f])
                 * (sc->features[f * n_px + at] - skin[f]);
          if (d > best_d)
            {
              best_d = d;
              best   = at;
            }
        }

  if (! sc->around_blocks)
    sc->around_blocks = g_new0 (gdouble, AROUND_SUMS * nb);
  b = sc->around_blocks
      + AROUND_SUMS
            * ((gsize) (row / SMP_FIELD_BLOCK) * field->block_cols
               + c / SMP_FIELD_BLOCK);
  for (gint f = 0; f < field->n_features; f++)
    b[f] += (gdouble) sc->features[f * n_px + best] * bits_set (bits);
  b[N_FEATURES] += bits_set (bits);
}

/* Adds one cell row (row), ch pixel rows of the strip (of rows rows) from
 * its row j0, whose linear pixels start at px: the selection, mean
 * luminance and highest log luminance of each cell, and its pixels near a
 * line; then, in the cells a line passes, which pixels are hair:
 * those near it not of the colour of the skin beside them, and those away from
 * it far from that colour; and each cell's colour and texture.
 */
SMP_CLONES static void
add_cell_row (SmpField *field, Scratch *sc, gint row, gint j0, gint ch,
              gint rows, const gfloat *px, const gfloat *mask)
{
  const gint  w    = field->width;
  const gsize base = (gsize) row * field->cols;
  const gsize n_px = (gsize) w * rows; /* of each feature's plane */
  gint        c0, c1;

  cell_span (field->need_x0, field->need_x1, &c0, &c1);
  mark_lines (field, sc, j0, ch);
  for (gint c = c0; c < c1; c++)
    {
      const gint x0  = c * SMP_FIELD_CELL;
      const gint cw  = MIN (SMP_FIELD_CELL, w - x0);
      gfloat     top = -G_MAXFLOAT, sel = 0.0f, lum = 0.0f;
      guint      near = 0, on = 0;

      for (gint j = 0; j < ch; j++)
        for (gint i = 0; i < cw; i++)
          {
            const gsize   at = (gsize) (j0 + j) * w + x0 + i;
            const gfloat *p
                = px + ((gsize) j * w + x0 + i) * (gsize) field->n_color;

            lum += field->n_color == 3
                       ? field->weight[0] * p[0] + field->weight[1] * p[1]
                             + field->weight[2] * p[2]
                       : p[0];
            top = MAX (top, sc->features[at]);
            sel += mask ? clamp_unit (mask[at]) : 1.0f;
            on += sc->on[(gsize) (j + NEAR) * w + x0 + i];
            near |= near_line (field, sc, x0 + i, j)
                    << (j * SMP_FIELD_CELL + i);
          }

      field->sel[base + c]       = sel / (cw * ch);
      field->luminance[base + c] = lum / (cw * ch);
      field->top[base + c]       = top;
      field->lines[base + c]     = (guint8) on;
      sc->near[c]                = (guint16) near;
    }

  beside_reset (sc->beside, field->n_features, 0);
  for (gint c = c0; c < c1; c++)
    {
      const gint x0   = c * SMP_FIELD_CELL;
      const gint cw   = MIN (SMP_FIELD_CELL, w - x0);
      guint      bits = 0;
      gfloat     skin[N_FEATURES];

      if (sc->near[c]
          && skin_beside (sc->beside, field, sc, c, j0, ch, n_px, skin))
        for (gint j = 0; j < ch; j++)
          for (gint i = 0; i < cw; i++)
            bits |= (guint) differs (
                        field, sc, (gsize) (j0 + j) * w + x0 + i, n_px, skin,
                        (sc->near[c] >> (j * SMP_FIELD_CELL + i)) & 1
                            ? 1.0f
                            : FAR_STEPS * FAR_STEPS)
                    << (j * SMP_FIELD_CELL + i);
      field->bits[base + c] = (guint16) bits;
      /* Whole cells of colour pixels, most of them, unrolled. */
      if (cw == SMP_FIELD_CELL && ch == SMP_FIELD_CELL
          && field->n_features == N_FEATURES)
        cell_colour (field, sc, base + c, x0, j0, SMP_FIELD_CELL,
                     SMP_FIELD_CELL, N_FEATURES, n_px);
      else
        cell_colour (field, sc, base + c, x0, j0, cw, ch, field->n_features,
                     n_px);
      /* Strands away from the selection are kept apart, for the tone of
       * the hair around it; which of them are, is known when finished.
       */
      if (bits && field->sel[base + c] > 0.0f)
        add_strand_tone (field, sc, bits, x0, j0, cw, ch, n_px, sc->strand_sum,
                         &sc->strand_n);
      else if (bits)
        add_around_tone (field, sc, bits, row, c, j0, cw, ch, n_px, skin);
    }

  add_row_axes (field, sc, row, j0, ch);
}

/* Scratch for a part of up to rows rows. */
static void
ensure_scratch (SmpField *field, Scratch *sc, gint rows)
{
  if (sc->strands && sc->rows >= rows)
    return;

  scratch_clear (sc);
  sc->rows    = rows;
  sc->strands = smp_strands_new (field->width, rows);
  sc->features
      = g_new (gfloat, (gsize) field->width * rows * field->n_features);
  sc->ridge
      = g_new (gfloat, (gsize) field->width * (rows + 2 * SMP_STRANDS_MARGIN));
  sc->near = g_new (guint16, field->cols);
  sc->on   = g_new (guint8, (gsize) (SMP_FIELD_CELL + 2 * NEAR) * field->width);
  sc->wide = g_new (guint8, (gsize) (SMP_FIELD_CELL + 2 * NEAR) * field->width);
  sc->beside     = g_new0 (Beside, 1);
  sc->focus      = smp_focus_new (field->width, rows);
  sc->white_bins = g_new (guint16, field->width);
  sc->around     = g_new (guint8, (gsize) (rows + SMP_FIELD_CELL - 1)
                                      / SMP_FIELD_CELL * field->block_cols);
}

/* One part of a strip: rows [y, y + rows) of the drawable, whose pixels
 * start at pixels (with context around them, up to the strip's), and
 * their selection at mask.
 */
typedef struct
{
  SmpField     *field;
  gint          y, rows, above, below; /* the strip's */
  const gfloat *pixels, *mask;
  gint          x0, x1; /* columns looked at for lines */
  gint          n_parts;
  gint          vote_from, vote_to; /* cell rows that vote: voting_rows() */
} Strip;

/* The bands of cell rows that vote for the blur, or not, on a large
 * photo: 32 pixel rows, more than twice the reach of a vote.
 */
#define FOCUS_BAND 8

/* Which blocks of each of a part's cell rows are in the selection or
 * beside it, in a band that votes: where edges vote for the photo's blur.
 * FALSE when there are none: the part need not look for edges.
 */
static gboolean
blocks_around (const SmpField *field, Scratch *sc, gint row0, gint cell_rows)
{
  const gint n   = field->block_cols;
  gboolean   any = FALSE;

  G_STATIC_ASSERT (SMP_FIELD_CELL * SMP_FIELD_BLOCK == SMP_FOCUS_BLOCK);

  for (gint j = 0; j < cell_rows; j++)
    {
      const gfloat *sel    = field->sel + (gsize) (row0 + j) * field->cols;
      guint8       *around = sc->around + (gsize) j * n;

      memset (around, 0, n);
      if ((row0 + j) / FOCUS_BAND % field->focus_stride != 0)
        continue;
      for (gint c = 0; c < field->cols; c++)
        if (sel[c] > 0.0f)
          {
            const gint b = c / SMP_FIELD_BLOCK;

            around[MAX (b - 1, 0)] = around[b] = around[MIN (b + 1, n - 1)] = 1;
            any = TRUE;
          }
    }
  return any;
}

/* The whiteness bin of each pixel of a row from x0 to x1, into bin from
 * x0: SMP_WHITENESS_BINS for those not counted, unselected or no skin
 * to go by (black, not a number, or out of gamut).  No branch, so that
 * it vectorises.
 */
SMP_CLONES static void
whiteness_bins (const gfloat *px, const gfloat *mask, gint x0, gint x1,
                guint16 *bin)
{
  for (gint x = x0; x < x1; x++)
    {
      const gfloat  *p     = px + (gsize) x * 3;
      const gfloat   sum   = p[0] + p[1] + p[2];
      const gfloat   white = MIN (MIN (p[0], p[1]), p[2]) / sum * 3.0f;
      const gboolean count = (! mask || mask[x] >= 0.5f) && sum > 1e-4f
                             && white >= 0.0f && white <= 1.0f;
      const gint b = MIN ((gint) ((count ? white : 0.0f) * SMP_WHITENESS_BINS),
                          SMP_WHITENESS_BINS - 1);

      bin[x - x0] = (guint16) (count ? b : SMP_WHITENESS_BINS);
    }
}

/* Counts the selected pixels of rows by their whiteness into bins, a row
 * at a time: first its bins, then the counts, in four sets that take
 * turns, since neighbours mostly fall in one bin.
 */
static void
add_whiteness (const SmpField *field, gint rows, const gfloat *pixels,
               const gfloat *mask, guint32 *bins, guint16 *row_bins)
{
  const gint x0 = field->need_x0, x1 = field->need_x1;
  guint32    counts[4][SMP_WHITENESS_BINS + 1];

  if (field->n_color != 3)
    return;

  memset (counts, 0, sizeof counts);
  for (gint j = 0; j < rows; j++)
    {
      gint x = 0;

      whiteness_bins (pixels + (gsize) j * field->width * 3,
                      mask ? mask + (gsize) j * field->width : NULL, x0, x1,
                      row_bins);
      for (; x + 4 <= x1 - x0; x += 4)
        for (gint k = 0; k < 4; k++)
          counts[k][row_bins[x + k]]++;
      for (; x < x1 - x0; x++)
        counts[0][row_bins[x]]++;
    }
  for (gint i = 0; i < SMP_WHITENESS_BINS; i++)
    bins[i] += counts[0][i] + counts[1][i] + counts[2][i] + counts[3][i];
}

/* Works on parts [first, last) of a strip: the lines in their rows, then
 * the cells.
 */
SMP_CLONES static void
add_parts (gpointer data, gsize first, gsize last)
{
  const Strip *st    = data;
  SmpField    *field = st->field;
  const gint   cells = (st->rows + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;
  const gsize  row_f = (gsize) field->width * field->n_color;

  for (gsize k = first; k < last; k++)
    {
      Scratch   *sc = &field->scratch[k];
      const gint j0 = (gint) (cells * k / st->n_parts) * SMP_FIELD_CELL;
      const gint j1 = MIN (
          (gint) (cells * (k + 1) / st->n_parts) * SMP_FIELD_CELL, st->rows);
      const gint rows = j1 - j0;
      /* Context: the strip's own rows beyond the part, then its halo. */
      const gint above = MIN (SMP_FIELD_HALO, j0 + st->above);
      const gint below = MIN (SMP_FIELD_HALO, st->rows - j1 + st->below);

      if (rows <= 0)
        continue;

      ensure_scratch (field, sc, rows);
      add_whiteness (field, rows, st->pixels + (gsize) j0 * row_f,
                     st->mask ? st->mask + (gsize) j0 * field->width : NULL,
                     sc->whiteness, sc->white_bins);
      smp_strands_detect (
          sc->strands,
          st->pixels + (gsize) (j0 - MIN (above, SMP_STRANDS_HALO)) * row_f,
          field->n_color, field->weight, rows, MIN (above, SMP_STRANDS_HALO),
          MIN (below, SMP_STRANDS_HALO), field->need_x0, field->need_x1, st->x0,
          st->x1, sc->features, sc->ridge);

      for (gint j = 0; j < rows; j += SMP_FIELD_CELL)
        add_cell_row (field, sc, (st->y + j0 + j) / SMP_FIELD_CELL, j,
                      MIN (SMP_FIELD_CELL, rows - j), rows,
                      st->pixels + (gsize) (j0 + j) * row_f,
                      st->mask ? st->mask + (gsize) j0 * field->width : NULL);
    }
}

/* The cell rows of a strip whose edges vote for the photo's blur, from
 * the first to the last: [*from, *to), empty when none do.
 */
static void
voting_rows (const SmpField *field, const Strip *st, gint *from, gint *to)
{
  const gint r0 = st->y / SMP_FIELD_CELL;
  const gint r1 = (st->y + st->rows + SMP_FIELD_CELL - 1) / SMP_FIELD_CELL;

  *from = r1;
  *to   = r0;
  for (gint r = r0; r < r1; r++)
    if (r / FOCUS_BAND % field->focus_stride == 0)
      {
        *from = MIN (*from, r);
        *to   = r + 1;
      }
}

/* Counts the votes of parts [first, last) of a strip's voting cell rows,
 * split evenly: on a large photo only a band of a few strips votes, and
 * it lies in one part of the strip's lines and cells.  A vote depends on
 * the pixels around it only, so however the rows are split the votes are
 * the same.
 */
static void
vote_parts (gpointer data, gsize first, gsize last)
{
  const Strip *st    = data;
  SmpField    *field = st->field;
  const gsize  row_f = (gsize) field->width * field->n_color;
  const gint   from = st->vote_from, to = st->vote_to;

  for (gsize k = first; k < last; k++)
    {
      Scratch   *sc    = &field->scratch[k];
      const gint a     = from + (gint) ((to - from) * k / st->n_parts);
      const gint b     = from + (gint) ((to - from) * (k + 1) / st->n_parts);
      const gint j0    = a * SMP_FIELD_CELL - st->y;
      const gint j1    = MIN (b * SMP_FIELD_CELL - st->y, st->rows);
      const gint above = MIN (SMP_FIELD_HALO, j0 + st->above);
      const gint below = MIN (SMP_FIELD_HALO, st->rows - j1 + st->below);

      if (j1 <= j0)
        continue;

      ensure_scratch (field, sc, j1 - j0);
      if (blocks_around (field, sc, a, b - a))
        smp_focus_measure (sc->focus, st->pixels + (gsize) (j0 - above) * row_f,
                           field->n_color, field->weight, j1 - j0, above, below,
                           st->x0, st->x1, sc->around, field->block_cols,
                           &sc->votes);
    }
}

/* The votes of a strip's edges for the photo's blur, into the field's;
 * after the strip's lines and cells, whose sums are in: a part's scratch
 * may be made anew for its share of the votes.
 */
static void
count_votes (SmpField *field, Strip *st)
{
  voting_rows (field, st, &st->vote_from, &st->vote_to);
  if (st->vote_from >= st->vote_to)
    return;

  smp_parallel_for ((gsize) st->n_parts, 2, vote_parts, st);
  for (gint k = 0; k < st->n_parts; k++)
    {
      SmpFocusVotes *votes = &field->scratch[k].votes;

      for (gint i = 0; i < SMP_FOCUS_BINS; i++)
        field->votes.votes[i] += votes->votes[i];
      memset (votes, 0, sizeof *votes);
    }
}

void
smp_field_add (SmpField *field, gint y, gint rows, const gfloat *pixels,
               const gfloat *mask)
{
  const gint cores = MIN (smp_parallel_threads (), SMP_PARALLEL_MAX);
  Strip      st    = { field,
                       y,
                       rows,
                       MIN (SMP_FIELD_HALO, y),
                       MIN (SMP_FIELD_HALO, field->height - y - rows),
                       pixels,
                       mask,
                       0,
                       0,
                       0,
                       0,
                       0 };

  g_return_if_fail (! field->finished);
  g_return_if_fail (y >= 0 && rows > 0 && y + rows <= field->height);
  g_return_if_fail (y % SMP_FIELD_CELL == 0);
  g_return_if_fail (rows % SMP_FIELD_CELL == 0 || y + rows == field->height);

  /* Parts of a few dozen rows each at least, one per core. */
  st.n_parts = CLAMP (rows / (8 * SMP_FIELD_CELL), 1, cores);
  selected_columns (field, mask, y, rows, &st.x0, &st.x1);
  smp_parallel_for ((gsize) st.n_parts, 2, add_parts, &st);
  for (gint k = 0; k < st.n_parts; k++)
    {
      Scratch *sc = &field->scratch[k];

      for (gint f = 0; f < N_FEATURES; f++)
        field->hair_sum[f] += sc->strand_sum[f];
      field->hair_n += sc->strand_n;
      memset (sc->strand_sum, 0, sizeof sc->strand_sum);
      sc->strand_n = 0;
      for (gint i = 0; i < SMP_WHITENESS_BINS; i++)
        field->whiteness[i] += sc->whiteness[i];
      memset (sc->whiteness, 0, sizeof sc->whiteness);
      if (sc->around_blocks)
        {
          /* The block rows this strip reaches. */
          const gint  side = SMP_FIELD_CELL * SMP_FIELD_BLOCK;
          const gsize per  = AROUND_SUMS * (gsize) field->block_cols;
          const gsize from = per * (y / side);
          const gsize to   = per * ((y + rows - 1) / side + 1);

          if (! field->around_blocks)
            field->around_blocks = g_new0 (gdouble, per * field->block_rows);
          for (gsize i = from; i < to; i++)
            field->around_blocks[i] += sc->around_blocks[i];
          memset (sc->around_blocks + from, 0, (to - from) * sizeof (gdouble));
        }
    }
  count_votes (field, &st);

  for (gint j = 0; j < rows; j += SMP_FIELD_CELL)
    field->added[(y + j) / SMP_FIELD_CELL] = field->cols;

  /* Rows the field does not need are in without coming. */
  while (field->rows_in < field->rows
         && (field->added[field->rows_in] == field->cols
             || field->rows_in * SMP_FIELD_CELL < field->need_y0
             || field->rows_in * SMP_FIELD_CELL >= field->need_y1))
    field->rows_in++;

  /* Once all rows are in, what is left waits for smp_field_finish(),
   * which splits it over the cores.
   */
  if (field->rows_in < field->rows)
    finish_ready (field, FALSE);
}

/* Fewest values worth selecting by their bits rather than by Hoare's
 * partitions.
 */
#define SELECT_BY_BITS 4096

/* A float's bits as an unsigned integer in the floats' order, and back. */
static inline guint32
order_of (gfloat f)
{
  guint32 bits;

  memcpy (&bits, &f, sizeof bits);
  return bits & 0x80000000u ? ~bits : bits | 0x80000000u;
}

static inline gfloat
float_of (guint32 order)
{
  const guint32 bits = order & 0x80000000u ? order & 0x7fffffffu : ~order;
  gfloat        f;

  memcpy (&f, &bits, sizeof f);
  return f;
}

/* The k-th smallest of n values by their bits, 11, 11 and 10 at a time
 * from the top: a count of the values' first bits says which the k-th
 * has, then the values with those bits are moved to the front, and so on
 * among fewer.  A partition moves most values a few times, each at a
 * branch the processor cannot foresee: on 24 MP, the bare skin's four
 * medians of up to 1.5 million cells, which the field's finishing waits
 * for, took about 20 ms longer so.
 */
static gfloat
select_by_bits (gfloat *v, gint n, gint k)
{
  static const gint shifts[] = { 21, 10, 0 }, widths[] = { 11, 11, 10 };
  guint32           prefix = 0, known = 0;

  for (guint d = 0; d < G_N_ELEMENTS (shifts); d++)
    {
      const gint    shift       = shifts[d];
      const guint32 digits      = (1u << widths[d]) - 1;
      gint          count[2048] = { 0 }, below = 0, m = 0;
      guint32       digit = 0;

      for (gint i = 0; i < n; i++)
        count[(order_of (v[i]) >> shift) & digits]++;
      while (below + count[digit] <= k)
        below += count[digit++];
      k -= below;
      prefix |= digit << shift;
      known |= digits << shift;

      if (shift == 0)
        break;
      /* Without a branch: which values have the k-th's bits so far
       * follows no pattern.
       */
      for (gint i = 0; i < n; i++)
        {
          v[m] = v[i];
          m += (order_of (v[i]) & known) == prefix;
        }
      n = m;
    }

  return float_of (prefix);
}

gfloat
smp_select_kth (gfloat *v, gint n, gint k)
{
  gint lo = 0, hi = n - 1;

  if (n >= SELECT_BY_BITS)
    return select_by_bits (v, n, k);

  while (lo < hi)
    {
      const gfloat pivot = v[(lo + hi) / 2];
      gint         i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              const gfloat t = v[i];

              v[i++] = v[j];
              v[j--] = t;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }

  return v[k];
}

/* Fewest rows of blocks, and of cells, worth splitting over the cores. */
#define PARALLEL_BLOCK_ROWS 32
#define PARALLEL_CELL_ROWS 256

/* Whether a cell shows bare skin: few of its pixels on lines, or nothing
 * selected, where lines were not looked for.
 */
static inline gboolean
clean_cell (const SmpField *field, gsize i)
{
  return field->lines[i] <= CLEAN_CELL || field->sel[i] <= 0.0f;
}

/* The skin's log luminance in each block of block rows [first, last),
 * from its own cells that show bare skin, or from all of them where too
 * few do: the 75th percentile of their means over the pixels no strand
 * covers (cell_colour()), so that light strands among bare patches do
 * not lift it.  Hair and shadow pull the mean of a block down, a few
 * highlights do not pull the percentile up.
 */
static void
block_own_skin (gpointer data, gsize first, gsize last)
{
  SmpField *field = data;
  gfloat    values[SMP_FIELD_BLOCK * SMP_FIELD_BLOCK];

  for (gint by = (gint) first; by < (gint) last; by++)
    for (gint bx = 0; bx < field->block_cols; bx++)
      {
        const gint r0 = by * SMP_FIELD_BLOCK, c0 = bx * SMP_FIELD_BLOCK;
        const gint r1 = MIN (r0 + SMP_FIELD_BLOCK, field->rows);
        const gint c1 = MIN (c0 + SMP_FIELD_BLOCK, field->cols);
        gint       n = 0, clean = 0;

        for (gint r = r0; r < r1; r++)
          for (gint c = c0; c < c1; c++)
            clean += clean_cell (field, (gsize) r * field->cols + c);

        for (gint r = r0; r < r1; r++)
          for (gint c = c0; c < c1; c++)
            {
              const gsize i = (gsize) r * field->cols + c;

              if (4 * clean < (r1 - r0) * (c1 - c0) || clean_cell (field, i))
                values[n++] = field->colour[3 * i];
            }

        field->own[by * field->block_cols + bx]
            = smp_select_kth (values, n, (n * 3) / 4);
      }
}

/* Skin of each block of block rows [first, last): the median of its
 * neighbourhood's own skin, but never darker than its own, so that one
 * shiny or hairy block does not decide.
 */
static void
block_skin (gpointer data, gsize first, gsize last)
{
  SmpField  *field = data;
  const gint bw    = field->block_cols;
  gfloat     window[9];

  for (gint by = (gint) first; by < (gint) last; by++)
    for (gint bx = 0; bx < bw; bx++)
      {
        gint n = 0;

        for (gint dy = -1; dy <= 1; dy++)
          for (gint dx = -1; dx <= 1; dx++)
            {
              const gint x = bx + dx, y = by + dy;

              if (x >= 0 && y >= 0 && x < bw && y < field->block_rows)
                window[n++] = field->own[y * bw + x];
            }

        field->skin[by * bw + bx]
            = MAX (smp_select_kth (window, n, n / 2), field->own[by * bw + bx]);
      }
}

/* Bilinear between a0, a1 (top) and b0, b1 (bottom). */
static inline gfloat
bilinear (gfloat a0, gfloat a1, gfloat b0, gfloat b1, gfloat tx, gfloat ty)
{
  const gfloat top = a0 + (a1 - a0) * tx;
  const gfloat bot = b0 + (b1 - b0) * tx;

  return top + (bot - top) * ty;
}

/* Where pixel coordinate v falls among the centres of n skin blocks
 * along one axis, in blocks.
 */
static inline gfloat
block_coord (gfloat v, gint n)
{
  const gfloat f = v / (gfloat) (SMP_FIELD_CELL * SMP_FIELD_BLOCK) - 0.5f;

  return CLAMP (f, 0.0f, n - 1.0f);
}

/* Log luminance of the skin around pixel (x, y). */
static gfloat
skin_at (const SmpField *field, gfloat x, gfloat y)
{
  const gfloat  fx = block_coord (x, field->block_cols);
  const gfloat  fy = block_coord (y, field->block_rows);
  const gint    x0 = (gint) fx, y0 = (gint) fy;
  const gint    x1 = MIN (x0 + 1, field->block_cols - 1);
  const gint    y1 = MIN (y0 + 1, field->block_rows - 1);
  const gfloat *s  = field->skin;
  const gint    bw = field->block_cols;

  return bilinear (s[y0 * bw + x0], s[y0 * bw + x1], s[y1 * bw + x0],
                   s[y1 * bw + x1], fx - x0, fy - y0);
}

gfloat
smp_field_skin_luminance (const SmpField *field, gfloat x, gfloat y)
{
  return smp_strands_unlog (skin_at (field, x, y));
}

static inline gfloat
smoothstep (gfloat lo, gfloat hi, gfloat v)
{
  const gfloat t = CLAMP ((v - lo) / (hi - lo), 0.0f, 1.0f);

  return t * t * (3.0f - 2.0f * t);
}

/* All the pixels of a cw x ch cell, as a bit set. */
static inline guint16
cell_pixels (gint cw, gint ch)
{
  guint bits = 0;

  for (gint j = 0; j < ch; j++)
    bits |= ((1u << cw) - 1) << (j * SMP_FIELD_CELL);
  return (guint16) bits;
}

/* Hair in cell i, centred at (x, y): its strands, and a mass of dark hair
 * too dense to show strands, which darkens the whole cell, its brightest
 * pixel too.  Unselected cells get theirs too, for the hair around the
 * selection, and lose it when finished (measure_hair()).
 */
static void
cell_hair (SmpField *field, gsize i, gint cw, gint ch, gfloat x, gfloat y)
{
  const gint   area    = cw * ch;
  const gfloat mass    = smoothstep (MASS_DARKNESS_LO, MASS_DARKNESS_HI,
                                     skin_at (field, x, y) - field->top[i]);
  const gfloat strands = (gfloat) bits_set (field->bits[i]) / area;

  field->hair[i] = MAX (mass, strands);
  if (mass >= 0.5f)
    field->bits[i] |= cell_pixels (cw, ch);
}

/* Hair of each cell of rows [first, last). */
static void
estimate_hair (gpointer data, gsize first, gsize last)
{
  SmpField *field = data;

  for (gint r = (gint) first; r < (gint) last; r++)
    for (gint c = 0; c < field->cols; c++)
      cell_hair (field, (gsize) r * field->cols + c,
                 MIN (SMP_FIELD_CELL, field->width - c * SMP_FIELD_CELL),
                 MIN (SMP_FIELD_CELL, field->height - r * SMP_FIELD_CELL),
                 (c + 0.5f) * SMP_FIELD_CELL, (r + 0.5f) * SMP_FIELD_CELL);
}

/* Rows [from, to) of some work on the field, over the cores or not. */
typedef struct
{
  SmpField    *field;
  gsize        from;
  SmpRangeFunc func;
} Rows;

static void
rows_run (gpointer data, gsize first, gsize last)
{
  const Rows *rows = data;

  rows->func (rows->field, rows->from + first, rows->from + last);
}

static void
run_rows (SmpField *field, SmpRangeFunc func, gint from, gint to,
          gsize min_parallel, gboolean parallel)
{
  Rows rows = { field, (gsize) from, func };

  if (to <= from)
    return;
  if (parallel)
    smp_parallel_for ((gsize) (to - from), min_parallel, rows_run, &rows);
  else
    func (field, (gsize) from, (gsize) to);
}

/* Does what the rows in so far allow, in the order of the dependencies: a
 * block's percentile needs its cells, its skin reference the percentiles
 * of the blocks around it, and the hair in its cells the skin references
 * of the blocks around it.  Every block and cell is worked out once, from
 * complete inputs, so the field is the same however the pixels came.
 */
static void
finish_ready (SmpField *field, gboolean parallel)
{
  const gint blocks  = field->block_rows;
  const gint own_to  = field->rows_in == field->rows
                           ? blocks
                           : field->rows_in / SMP_FIELD_BLOCK;
  const gint skin_to = own_to == blocks ? blocks : MAX (own_to - 1, 0);
  const gint hair_to = skin_to == blocks ? blocks : MAX (skin_to - 1, 0);

  run_rows (field, block_own_skin, field->own_done, own_to, PARALLEL_BLOCK_ROWS,
            parallel);
  field->own_done = MAX (field->own_done, own_to);
  run_rows (field, block_skin, field->skin_done, skin_to, PARALLEL_BLOCK_ROWS,
            parallel);
  field->skin_done = MAX (field->skin_done, skin_to);
  run_rows (field, estimate_hair, field->hair_done * SMP_FIELD_BLOCK,
            MIN (hair_to * SMP_FIELD_BLOCK, field->rows), PARALLEL_CELL_ROWS,
            parallel);
  field->hair_done = MAX (field->hair_done, hair_to);
}

/* A mass of hair differs from the bare skin in colour or luminance by
 * this many steps or more (none at LO, all at HI): in each colour
 * feature, a grey, white, blond or red mass is a good deal further than
 * the skin's own variations, which a freckle or a flush stays within.
 */
#define MASS_COLOR_STEP 0.12f
#define MASS_LUMA_STEP 0.4f
#define MASS_DISTANCE_LO 1.0f
#define MASS_DISTANCE_HI 1.6f

/* And it is textured: the luminance of the cells around rises and falls
 * from pixel to pixel this many times as much as the smoothest bare skin
 * of the selection's does (none at LO, all at HI).  Freckles and moles
 * are as smooth as the skin they are on; the skin's pores in the light
 * of a highlight come near (chosen on real photos: from these ratios the
 * grey ring round a bald crown and a white fringe are masses, and the
 * lit skin of a dark, bald scalp is not; from half of them it was).
 */
#define MASS_TEXTURE_LO 3.5f
#define MASS_TEXTURE_HI 5.5f

/* A mass of the colour the skin takes in a highlight shows lines: so
 * many pixels of each cell around on them (none at LO, all at HI).  A
 * highlight's texture is the skin's pores, which are round.
 */
#define MASS_LINES_LO 0.5f
#define MASS_LINES_HI 1.5f

/* A highlight lifts skin no darker than this, in log luminance, than the
 * skin around (the darker of the skin near it and of the selection's).
 */
#define SHINE_UNDER 0.6f

/* The least texture to compare with: a photo smoothed to nothing. */
#define TEXTURE_FLOOR 0.004f

/* Luminance over green, each with the log floor, of a colour whose two
 * colour features are c1 (log red over green) and c2 (log green over
 * blue): the weights add up to one.
 */
static inline gfloat
luma_over_green (const SmpField *field, gfloat c1, gfloat c2)
{
  return field->weight[0] * expf (c1) + field->weight[1]
         + field->weight[2] * expf (-c2);
}

/* The bare skin's red and blue as multiples of its green, and its
 * luminance over its green.
 */
static void
skin_over_green (const SmpField *field, gfloat *r, gfloat *b, gfloat *k)
{
  *r = expf (field->skin_chroma[0]);
  *b = expf (-field->skin_chroma[1]);
  *k = luma_over_green (field, field->skin_chroma[0], field->skin_chroma[1]);
}

/* The colour features of the bare skin lit by light of colour features
 * light, of t times its green channel (plus the floor), as the skin
 * looks in a highlight, the light's reflection off it; and by how much,
 * in log luminance, the light lifts it.  If green is not 0, it is the
 * skin's green in linear light, and each channel stops at white as the
 * camera's do.
 */
static void
skin_in_light (const SmpField *field, const gfloat light[2], gfloat t,
               gfloat green, gfloat *c1, gfloat *c2, gfloat *lift)
{
  const gfloat l1 = expf (light[0]), l2 = expf (-light[1]);
  const gfloat top = green > 0.0f ? 1.0f / green : G_MAXFLOAT;
  gfloat       e1, e2, k, r, g, b;

  skin_over_green (field, &e1, &e2, &k);
  r = MIN (e1 + t * l1, top);
  g = MIN (1.0f + t, top);
  b = MIN (e2 + t * l2, top);

  *c1   = logf (r / g);
  *c2   = logf (g / b);
  *lift = logf (
      (field->weight[0] * r + field->weight[1] * g + field->weight[2] * b) / k);
}

/* A highlight's light is seldom white: the lamp may be warm, and the
 * camera's white balance tints the light the skin reflects, so that the
 * ring of a highlight takes a colour no white light gives the skin (on
 * photo 16 of ../shared/photos, the ring round a dark scalp's highlight is
 * yellower than the skin, not greyer).  The photo says what colour the
 * light is around its brightest part, the cells whose brightest pixel is
 * within LIGHT_CORE in log luminance of the brightest of the selection and
 * the cells around it (mass_candidate()): the cells lighter than the bare
 * skin by LIGHT_AROUND or more in log luminance, touching that part or one
 * another; of those, the ones lighter by LIGHT_LIFT or more that the
 * camera did not clip (their brightest pixel under LIGHT_CLIPPED linear
 * luminance) are each the skin plus some of the light (light_of()).  The
 * light is the median of the lightest quarter of theirs, if there are
 * LIGHT_LEAST, no cooler than white and at most LIGHT_CHROMA from it;
 * white otherwise.  In the photo's light the skin is followed up to where
 * the camera clips each channel, as a highlight's middle is clipped; a
 * light learned white adds nothing to white light, whose skin is never
 * clipped: white hair the camera clipped would look like it.
 */
#define LIGHT_CORE 0.15f
#define LIGHT_CLIPPED 0.85f
#define LIGHT_AROUND 0.3f
#define LIGHT_LIFT 0.6f
#define LIGHT_LEAST 16
#define LIGHT_CHROMA 0.7f

/* Whether find_masses() looks at cell i. */
static inline gboolean
mass_candidate (const SmpField *field, gsize i)
{
  return field->sel[i] > 0.0f || (field->around && field->around[i]);
}

/* The colour features of the light that, added to the bare skin, gives
 * a cell of log luminance and colour features colour: the cell's linear
 * channels, as a multiple of the skin's green, less the skin's.  FALSE
 * unless the cell is lighter than the skin in every channel.
 */
static gboolean
light_of (const SmpField *field, const gfloat *colour, gfloat *c1, gfloat *c2)
{
  gfloat e1, e2, k, g, r, b;

  skin_over_green (field, &e1, &e2, &k);
  /* The cell's green, the skin's being 1. */
  g = k * expf (colour[0] - field->skin_luma)
      / luma_over_green (field, colour[1], colour[2]);
  r = expf (colour[1]) * g - e1;
  b = expf (-colour[2]) * g - e2;
  if (! (r > 0.0f && g > 1.0f && b > 0.0f))
    return FALSE;

  *c1 = logf (r / (g - 1.0f));
  *c2 = logf ((g - 1.0f) / b);
  return TRUE;
}

/* Learns field->light from the highlights (see above), after the skin
 * and the hair around.
 */
static void
learn_light (SmpField *field)
{
  const gsize  n       = (gsize) field->cols * field->rows;
  const gfloat clipped = logf (LIGHT_CLIPPED + SMP_STRANDS_LOG_FLOOR);
  const gint   dc[4] = { -1, 1, 0, 0 }, dr[4] = { 0, 0, -1, 1 };
  gfloat       brightest = -G_MAXFLOAT;
  guint8      *lit       = g_new0 (guint8, n);
  /* The cells found, to look around each in turn; and per light seen,
   * its two colour features and the log luminance of its cell.
   */
  GArray *queue  = g_array_new (FALSE, FALSE, sizeof (gsize));
  GArray *lights = g_array_new (FALSE, FALSE, 3 * sizeof (gfloat));
  gfloat  least  = -G_MAXFLOAT, *c1, *c2;
  gint    m      = 0;

  field->light[0] = field->light[1] = 0.0f;

  for (gsize i = 0; i < n; i++)
    brightest = MAX (brightest,
                     mass_candidate (field, i) ? field->top[i] : -G_MAXFLOAT);
  for (gsize i = 0; i < n; i++)
    if (mass_candidate (field, i) && field->top[i] >= brightest - LIGHT_CORE
        && field->colour[3 * i] - field->skin_luma >= LIGHT_AROUND)
      {
        lit[i] = 1;
        g_array_append_val (queue, i);
      }

  for (guint head = 0; head < queue->len; head++)
    {
      const gsize   i      = g_array_index (queue, gsize, head);
      const gint    c      = (gint) (i % field->cols);
      const gint    r      = (gint) (i / field->cols);
      const gfloat *colour = field->colour + 3 * i;
      gfloat        light[3];

      if (colour[0] - field->skin_luma >= LIGHT_LIFT && field->top[i] < clipped
          && light_of (field, colour, &light[0], &light[1]))
        {
          light[2] = colour[0];
          g_array_append_val (lights, light);
        }

      for (gint k = 0; k < 4; k++)
        {
          const gint u = c + dc[k], v = r + dr[k];
          gsize      j;

          if (u < 0 || u >= field->cols || v < 0 || v >= field->rows)
            continue;
          j = (gsize) v * field->cols + u;
          if (lit[j] || ! mass_candidate (field, j)
              || field->colour[3 * j] - field->skin_luma < LIGHT_AROUND)
            continue;
          lit[j] = 1;
          g_array_append_val (queue, j);
        }
    }
  g_array_free (queue, TRUE);
  g_free (lit);

  /* The lightest quarter: the more the light, the less the skin's shading
   * beneath it counts.
   */
  if (lights->len >= 4 * LIGHT_LEAST)
    {
      gfloat *l = g_new (gfloat, lights->len);

      for (guint k = 0; k < lights->len; k++)
        l[k] = g_array_index (lights, gfloat, 3 * k + 2);
      least = smp_select_kth (l, (gint) lights->len,
                              (gint) (3 * lights->len / 4));
      g_free (l);
    }
  c1 = g_new (gfloat, MAX (lights->len, 1));
  c2 = g_new (gfloat, MAX (lights->len, 1));
  for (guint k = 0; k < lights->len; k++)
    if (g_array_index (lights, gfloat, 3 * k + 2) >= least)
      {
        c1[m] = g_array_index (lights, gfloat, 3 * k);
        c2[m] = g_array_index (lights, gfloat, 3 * k + 1);
        m++;
      }
  if (m >= LIGHT_LEAST)
    {
      const gfloat m1 = smp_select_kth (c1, m, m / 2);
      const gfloat m2 = smp_select_kth (c2, m, m / 2);
      /* No cooler than white, and no more coloured than a lamp. */
      const gfloat over
          = hypotf (MAX (m1, 0.0f), MAX (m2, 0.0f)) / LIGHT_CHROMA;

      field->light[0] = MAX (m1, 0.0f) / MAX (over, 1.0f);
      field->light[1] = MAX (m2, 0.0f) / MAX (over, 1.0f);
    }
  g_array_free (lights, TRUE);
  g_free (c1);
  g_free (c2);
}

/* The skin in white light and in the photo's (field->shine), from 1/64
 * of its green channel to 64 times it, the photo's clipped where the
 * camera clips it: after learn_light().
 */
static void
fill_shine (SmpField *field)
{
  gfloat skin_r, skin_b, skin_k, green;

  skin_over_green (field, &skin_r, &skin_b, &skin_k);
  green = MAX (smp_strands_unlog (field->skin_luma), SMP_STRANDS_LOG_FLOOR)
          / skin_k;
  for (gint k = 0; k < SHINE_STEPS; k++)
    {
      const gfloat  t        = exp2f (12.0f * k / (SHINE_STEPS - 1) - 6.0f);
      const gfloat  white[2] = { 0.0f, 0.0f };
      gfloat *const w        = field->shine[0] + 3 * k;
      gfloat *const p        = field->shine[1] + 3 * k;

      skin_in_light (field, white, t, 0.0f, &w[0], &w[1], &w[2]);
      skin_in_light (field, field->light, t, green, &p[0], &p[1], &p[2]);
    }
}

/* How much a cell of log luminance l and colour features c1, c2, near
 * skin of log luminance skin_l, looks like a highlight: of the colour
 * the skin takes in some light (within MASS_DISTANCE steps), as light as
 * that light would make skin no darker than the skin around.  Grey hair
 * is of that colour too, but darker than the light would make it.
 */
static gfloat
shine_likeness_in (const SmpField *field, const gfloat *shine, gfloat l,
                   gfloat c1, gfloat c2, gfloat skin_l)
{
  gfloat best = G_MAXFLOAT, lift = 0.0f, under;

  for (gint k = 0; k < SHINE_STEPS; k++)
    {
      const gfloat *p  = shine + 3 * k;
      const gfloat  d1 = (p[0] - c1) / MASS_COLOR_STEP;
      const gfloat  d2 = (p[1] - c2) / MASS_COLOR_STEP;

      if (d1 * d1 + d2 * d2 < best)
        {
          best = d1 * d1 + d2 * d2;
          lift = p[2];
        }
    }

  /* The skin under the light, against the skin around. */
  under = l - lift - MIN (skin_l, field->skin_luma);
  return (1.0f - smoothstep (MASS_DISTANCE_LO, MASS_DISTANCE_HI, sqrtf (best)))
         * smoothstep (-SHINE_UNDER, -0.5f * SHINE_UNDER, under);
}

/* The same in white light or the photo's, whichever it looks more like:
 * the photo's light learned wrong never makes a highlight less of one.
 */
static gfloat
shine_likeness (const SmpField *field, gfloat l, gfloat c1, gfloat c2,
                gfloat skin_l)
{
  const gfloat white
      = shine_likeness_in (field, field->shine[0], l, c1, c2, skin_l);

  if (field->light[0] == 0.0f && field->light[1] == 0.0f)
    return white;
  return MAX (white,
              shine_likeness_in (field, field->shine[1], l, c1, c2, skin_l));
}

/* The share of the cells without lines, the smoothest, that the bare
 * skin is learned from.
 */
#define SKIN_SMOOTHEST 0.4

/* Whether cell i may show the bare skin: selected, and no lines (or, in
 * the second pass, where no cell is without lines, any selected cell).
 */
static inline gboolean
skin_candidate (const SmpField *field, gsize i, gint pass)
{
  return field->sel[i] >= 0.5f && (pass == 1 || clean_cell (field, i));
}

/* Learns the bare skin from the selection: its smoothest cells without
 * lines, the median of their colour features, and their texture.  Inside
 * a mass of hair the strands' lines are few, the skin beside them being
 * more hair, but it is textured; the bare skin of a selection is the
 * smoothest part of it, whose colour the light changes in brightness
 * but hardly in hue.  A highlight is as smooth, but never most of it.
 */
static void
learn_skin (SmpField *field)
{
  const gsize n      = (gsize) field->cols * field->rows;
  gfloat     *values = NULL;
  gfloat      smooth = 0.0f;
  gsize       m = 0, k = 0;
  gint        pass;

  field->skin_chroma[0] = field->skin_chroma[1] = 0.0f;
  field->skin_texture                           = TEXTURE_FLOOR;

  /* As many values as candidates: a small selection of a large photo
   * has few.
   */
  for (pass = 0; pass < 2 && m == 0; pass++)
    for (gsize i = 0; i < n; i++)
      m += skin_candidate (field, i, pass);
  if (m == 0)
    return;
  pass--;
  /* Three planes of m + 1: the gathering below writes one past those it
   * keeps.
   */
  values = g_new (gfloat, 3 * (m + 1));
  for (gsize i = 0; i < n; i++)
    if (skin_candidate (field, i, pass))
      values[k++] = field->texture[i];
  smooth = smp_select_kth (values, (gint) m, (gint) (m * SKIN_SMOOTHEST));

  /* The smoothest candidates' features, a plane each; without a branch,
   * as which are the smoother follows no pattern.
   */
  k = m + 1;
  m = 0;
  for (gsize i = 0; i < n; i++)
    {
      values[m]         = field->colour[3 * i + 1];
      values[k + m]     = field->colour[3 * i + 2];
      values[2 * k + m] = field->colour[3 * i];
      m += skin_candidate (field, i, pass) & (field->texture[i] <= smooth);
    }
  field->skin_chroma[0] = smp_select_kth (values, (gint) m, (gint) m / 2);
  field->skin_chroma[1] = smp_select_kth (values + k, (gint) m, (gint) m / 2);
  field->skin_luma    = smp_select_kth (values + 2 * k, (gint) m, (gint) m / 2);
  field->skin_texture = MAX (smooth, TEXTURE_FLOOR);
  g_free (values);
}

/* Masses of hair in the cells of rows [first, last): textured cells of
 * another colour than the bare skin.  Inside a mass the skin beside a
 * strand is more hair, so strands alone miss it, whatever its colour.
 * A cell whose colour the skin takes under a highlight (white hair on
 * dark skin, or any light mass on a gray drawable) must show the lines
 * of strands as well: a highlight shows the skin's pores as texture.
 */
static void
find_masses (gpointer data, gsize first, gsize last)
{
  SmpField *field = data;

  for (gint r = (gint) first; r < (gint) last; r++)
    for (gint c = 0; c < field->cols; c++)
      {
        const gsize i = (gsize) r * field->cols + c;
        const gint cw = MIN (SMP_FIELD_CELL, field->width - c * SMP_FIELD_CELL);
        const gint ch
            = MIN (SMP_FIELD_CELL, field->height - r * SMP_FIELD_CELL);
        const gfloat *colour  = field->colour + 3 * i;
        gfloat        texture = 0.0f, skin_l, dc1, dc2, dl, mass, shine;
        gint          n = 0, lines = 0;

        if (! mass_candidate (field, i))
          continue;

        for (gint v = MAX (r - 1, 0); v <= MIN (r + 1, field->rows - 1); v++)
          for (gint u = MAX (c - 1, 0); u <= MIN (c + 1, field->cols - 1);
               u++, n++)
            {
              texture += field->texture[(gsize) v * field->cols + u];
              lines += field->lines[(gsize) v * field->cols + u];
            }
        texture /= n * field->skin_texture;

        skin_l = skin_at (field, (c + 0.5f) * SMP_FIELD_CELL,
                          (r + 0.5f) * SMP_FIELD_CELL);
        dc1    = (colour[1] - field->skin_chroma[0]) / MASS_COLOR_STEP;
        dc2    = (colour[2] - field->skin_chroma[1]) / MASS_COLOR_STEP;
        /* Lighter than the skin: a mass darker than it is the dark mass
         * of cell_hair().
         */
        dl   = MAX (colour[0] - skin_l, 0.0f) / MASS_LUMA_STEP;
        mass = smoothstep (MASS_DISTANCE_LO, MASS_DISTANCE_HI,
                           sqrtf (dc1 * dc1 + dc2 * dc2 + dl * dl))
               * smoothstep (MASS_TEXTURE_LO, MASS_TEXTURE_HI, texture);
        if (mass <= field->hair[i])
          continue;

        /* How much the cell looks like a highlight. */
        shine = field->n_color == 1
                    ? (dl > 0.0f ? 1.0f : 0.0f)
                    : shine_likeness (field, colour[0], colour[1], colour[2],
                                      skin_l);
        mass *= 1.0f
                - shine
                      * (1.0f
                         - smoothstep (MASS_LINES_LO * n, MASS_LINES_HI * n,
                                       lines));
        if (mass <= field->hair[i])
          continue;

        field->hair[i] = mass;
        if (mass >= 0.5f)
          field->bits[i] |= cell_pixels (cw, ch);
      }
}

/* Sums the cell rows' tensors into the axis blocks. */
static void
sum_axes (SmpField *field)
{
  for (gint r = 0; r < field->rows; r++)
    for (gint bc = 0; bc < field->axis_cols; bc++)
      for (gint k = 0; k < 3; k++)
        field->axes[3
                        * ((gsize) (r / SMP_FIELD_AXIS_BLOCK) * field->axis_cols
                           + bc)
                    + k]
            += field->row_axes[3 * ((gsize) r * field->axis_cols + bc) + k];
}

/* Cells that are not a seed of the distance transform start this far. */
#define EDT_FAR 1e30

/* One dimension of Felzenszwalb and Huttenlocher's squared distance
 * transform: f in, d out, both n long; v and z are scratch (n and n + 1).
 */
static void
edt_1d (const gdouble *f, gdouble *d, gint n, gint *v, gdouble *z)
{
  gint k = 0;

  v[0] = 0;
  z[0] = -G_MAXDOUBLE;
  z[1] = G_MAXDOUBLE;

  for (gint q = 1; q < n; q++)
    {
      gdouble s = ((f[q] + (gdouble) q * q) - (f[v[k]] + (gdouble) v[k] * v[k]))
                  / (2.0 * (q - v[k]));

      while (s <= z[k])
        {
          k--;
          s = ((f[q] + (gdouble) q * q) - (f[v[k]] + (gdouble) v[k] * v[k]))
              / (2.0 * (q - v[k]));
        }

      k++;
      v[k]     = q;
      z[k]     = s;
      z[k + 1] = G_MAXDOUBLE;
    }

  k = 0;
  for (gint q = 0; q < n; q++)
    {
      while (z[k + 1] < q)
        k++;
      d[q] = (gdouble) (q - v[k]) * (q - v[k]) + f[v[k]];
    }
}

/* Turns grid (cols x rows: 0 at the seeds, EDT_FAR elsewhere) into each
 * cell's squared distance, in cells, to the nearest seed.
 */
static void
distance_transform (gdouble *grid, gint cols, gint rows)
{
  const gsize n = (gsize) MAX (cols, rows);
  gdouble    *f = g_new (gdouble, n);
  gdouble    *d = g_new (gdouble, n);
  gdouble    *z = g_new (gdouble, n + 1);
  gint       *v = g_new (gint, n);

  for (gint c = 0; c < cols; c++)
    {
      for (gint r = 0; r < rows; r++)
        f[r] = grid[(gsize) r * cols + c];
      edt_1d (f, d, rows, v, z);
      for (gint r = 0; r < rows; r++)
        grid[(gsize) r * cols + c] = d[r];
    }

  for (gint r = 0; r < rows; r++)
    {
      memcpy (f, grid + (gsize) r * cols, cols * sizeof (gdouble));
      edt_1d (f, grid + (gsize) r * cols, cols, v, z);
    }

  g_free (f);
  g_free (d);
  g_free (z);
  g_free (v);
}

/* Distance from each cell to the nearest cell less than half selected.
 * Reads only the selection, so it runs beside the hair estimate.  With
 * everything selected, as without a selection, there is no edge to
 * measure, and dist stays NULL: every cell is infinitely far from one.
 * Measured in the part the field needs only: the cells beyond it are
 * unselected, 0 away, and what lies nearest a cell inside it is inside
 * it too, which a ring of unselected cells closes wherever it stops short
 * of the drawable's edge.
 */
static gpointer
edge_distances (gpointer data)
{
  SmpField   *field = data;
  const gsize n     = (gsize) field->cols * field->rows;
  gint        c0, c1, r0, r1, cols, rows;
  gsize       first_edge;
  gdouble    *grid;

  for (first_edge = 0; first_edge < n; first_edge++)
    if (field->sel[first_edge] < 0.5f)
      break;
  if (first_edge == n)
    return NULL;

  cell_span (field->need_x0, field->need_x1, &c0, &c1);
  cell_span (field->need_y0, field->need_y1, &r0, &r1);
  cols = c1 - c0;
  rows = r1 - r0;

  grid = g_new (gdouble, (gsize) cols * rows);
  for (gint r = 0; r < rows; r++)
    for (gint c = 0; c < cols; c++)
      grid[(gsize) r * cols + c]
          = field->sel[(gsize) (r0 + r) * field->cols + c0 + c] < 0.5f
                ? 0.0
                : EDT_FAR;
  distance_transform (grid, cols, rows);

  field->dist = g_new0 (gfloat, n);
  for (gint r = 0; r < rows; r++)
    for (gint c = 0; c < cols; c++)
      {
        const gdouble d2 = grid[(gsize) r * cols + c];

        field->dist[(gsize) (r0 + r) * field->cols + c0 + c]
            = d2 >= EDT_FAR / 2 ? G_MAXFLOAT
                                : (gfloat) (sqrt (d2) * SMP_FIELD_CELL);
      }

  g_free (grid);
  return NULL;
}

/* The unselected cells around the selection: those of a skin block
 * that has selected cells, or beside one that has (1 in field->around);
 * field->around stays NULL where there are none.  Strands are looked for
 * that far beside the selection (selected_columns()).  Their strands,
 * summed by block as they came in, go to the hair around the selection.
 */
static void
find_around (SmpField *field)
{
  const gint bw = field->block_cols, bh = field->block_rows;
  guint8    *selected = g_new0 (guint8, (gsize) bw * bh);
  guint8    *near     = g_new0 (guint8, (gsize) bw * bh);
  gboolean   any      = FALSE;

  for (gint r = 0; r < field->rows; r++)
    for (gint c = 0; c < field->cols; c++)
      if (field->sel[(gsize) r * field->cols + c] > 0.0f)
        selected[(r / SMP_FIELD_BLOCK) * bw + c / SMP_FIELD_BLOCK] = 1;
  for (gint by = 0; by < bh; by++)
    for (gint bx = 0; bx < bw; bx++)
      for (gint y = MAX (by - 1, 0); y <= MIN (by + 1, bh - 1); y++)
        for (gint x = MAX (bx - 1, 0); x <= MIN (bx + 1, bw - 1); x++)
          near[by * bw + bx] |= selected[y * bw + x];

  field->around = g_new0 (guint8, (gsize) field->cols * field->rows);
  for (gint r = 0; r < field->rows; r++)
    for (gint c = 0; c < field->cols; c++)
      {
        const gsize i = (gsize) r * field->cols + c;

        field->around[i]
            = field->sel[i] <= 0.0f
              && near[(r / SMP_FIELD_BLOCK) * bw + c / SMP_FIELD_BLOCK];
        any |= field->around[i];
      }

  for (gsize b = 0; field->around_blocks && b < (gsize) bw * bh; b++)
    if (near[b])
      {
        for (gint f = 0; f < N_FEATURES; f++)
          field->around_sum[f] += field->around_blocks[AROUND_SUMS * b + f];
        field->around_n += field->around_blocks[AROUND_SUMS * b + N_FEATURES];
      }
  g_clear_pointer (&field->around_blocks, g_free);

  g_free (near);
  g_free (selected);
  if (! any)
    g_clear_pointer (&field->around, g_free);
}

/* Adds a mass cell's colour, over its area, to sums and n. */
static void
add_mass_tone (const SmpField *field, gsize i, gint area, gdouble *sum,
               gdouble *n)
{
  for (gint f = 0; f < field->n_features; f++)
    sum[f] += (gdouble) field->colour[3 * i + f] * area;
  *n += area;
}

/* The hair's share of the selection, and its masses' colour added to
 * what its single strands brought: a cell that is all hair is a mass,
 * whose colour its pixels away from strands give.  The same of the hair
 * around the selection, apart, and how much of each cell there it
 * covers; then the unselected cells lose their hair: pigment goes only
 * where the selection is.
 */
static void
measure_hair (SmpField *field)
{
  for (gint r = 0; r < field->rows; r++)
    for (gint c = 0; c < field->cols; c++)
      {
        const gsize    i    = (gsize) r * field->cols + c;
        const gint     area = smp_field_cell_area (field, c, r);
        const gfloat   sel  = field->sel[i];
        const gboolean mass = bits_set (field->bits[i]) == area;

        if (sel > 0.0f)
          {
            field->selected_area += sel * area;
            field->hair_area += sel * field->hair[i] * area;
            if (mass)
              add_mass_tone (field, i, area, field->hair_sum, &field->hair_n);
            continue;
          }

        if (field->around && field->around[i])
          {
            field->around[i]
                = (guint8) lroundf (CLAMP (field->hair[i], 0.0f, 1.0f) * 255);
            if (mass)
              add_mass_tone (field, i, area, field->around_sum,
                             &field->around_n);
          }
        field->hair[i] = 0.0f;
        field->bits[i] = 0;
      }
}

void
smp_field_finish (SmpField *field)
{
  GThread *distances;

  g_return_if_fail (! field->finished);

  /* Rows that came in any other order than from the top are all here
   * now.
   */
  field->rows_in = field->rows;
  field->blur    = smp_focus_sigma (&field->votes);
  distances      = g_thread_new ("smp-distances", edge_distances, field);
  finish_ready (field, TRUE);
  sum_axes (field);
  learn_skin (field);
  find_around (field);
  learn_light (field);
  fill_shine (field);
  run_rows (field, find_masses, 0, field->rows, PARALLEL_CELL_ROWS, TRUE);
  measure_hair (field);
  g_thread_join (distances);

  g_clear_pointer (&field->top, g_free);
  g_clear_pointer (&field->colour, g_free);
  g_clear_pointer (&field->texture, g_free);
  g_clear_pointer (&field->lines, g_free);
  g_clear_pointer (&field->row_axes, g_free);
  g_clear_pointer (&field->own, g_free);
  free_scratch (field);
  g_clear_pointer (&field->added, g_free);
  field->finished = TRUE;
}

gboolean
smp_field_hair_tone (const SmpField *field, gdouble *share, gfloat rgb[3])
{
  const gfloat  f                = SMP_STRANDS_LOG_FLOOR;
  const gdouble n                = field->hair_n + field->around_n;
  gdouble       mean[N_FEATURES] = { 0.0 };
  gfloat        g;

  *share = field->selected_area > 0.0 ? field->hair_area / field->selected_area
                                      : 0.0;
  if (n < SMP_FIELD_HAIR_TONE_PIXELS)
    return FALSE;

  for (gint k = 0; k < field->n_features; k++)
    mean[k] = (field->hair_sum[k] + field->around_sum[k]) / n;
  if (field->n_color == 1)
    {
      rgb[0] = rgb[1] = rgb[2] = smp_strands_unlog ((gfloat) mean[0]);
      return TRUE;
    }

  /* Back from the features: luminance and two ratios, each with the
   * floor.
   */
  g = expf ((gfloat) mean[0])
      / luma_over_green (field, (gfloat) mean[1], (gfloat) mean[2]);
  rgb[0] = MAX (g * expf ((gfloat) mean[1]) - f, 0.0f);
  rgb[1] = MAX (g - f, 0.0f);
  rgb[2] = MAX (g * expf ((gfloat) -mean[2]) - f, 0.0f);
  return TRUE;
}

gdouble
smp_field_blur (const SmpField *field)
{
  return field->blur;
}

gdouble
smp_field_skin_whiteness (const SmpField *field)
{
  guint64 total = 0, seen = 0;

  for (gint i = 0; i < SMP_WHITENESS_BINS; i++)
    total += field->whiteness[i];
  if (total == 0)
    return -1.0;

  for (gint i = 0; i < SMP_WHITENESS_BINS; i++)
    {
      seen += field->whiteness[i];
      if (2 * seen >= total)
        return (i + 0.5) / SMP_WHITENESS_BINS / 3.0;
    }
  return -1.0;
}

const SmpFocusVotes *
smp_field_focus_votes (const SmpField *field)
{
  return &field->votes;
}

gfloat
smp_field_selection (const SmpField *field, gint col, gint row)
{
  return field->sel[(gsize) row * field->cols + col];
}

gfloat
smp_field_hair (const SmpField *field, gint col, gint row)
{
  return field->hair[(gsize) row * field->cols + col];
}

gfloat
smp_field_hair_around (const SmpField *field, gint col, gint row)
{
  return field->around ? field->around[(gsize) row * field->cols + col] / 255.0f
                       : 0.0f;
}

gfloat
smp_field_luminance (const SmpField *field, gint col, gint row)
{
  return field->luminance[(gsize) row * field->cols + col];
}

guint16
smp_field_hair_pixels (const SmpField *field, gint col, gint row)
{
  return field->bits[(gsize) row * field->cols + col];
}

const gfloat *
smp_field_strand_axes (const SmpField *field, gint *cols, gint *rows)
{
  *cols = field->axis_cols;
  *rows = field->axis_rows;
  return field->axes;
}

/* Whether pixel (x, y) is in the drawable or a pixel away from it. */
static inline gboolean
by_drawable (const SmpField *field, gint x, gint y)
{
  return x >= -1 && x <= field->width && y >= -1 && y <= field->height;
}

/* The share of hair among pixel (x, y), by the drawable, and those of its
 * eight neighbours in the drawable.
 */
static gfloat
hair_share (const SmpField *field, gint x, gint y)
{
  gint hair = 0, n = 0;

  for (gint v = MAX (y - 1, 0); v <= MIN (y + 1, field->height - 1); v++)
    for (gint u = MAX (x - 1, 0); u <= MIN (x + 1, field->width - 1); u++)
      {
        const guint16 bits
            = field->bits[(gsize) (v / SMP_FIELD_CELL) * field->cols
                          + u / SMP_FIELD_CELL];

        hair += (bits >> ((v % SMP_FIELD_CELL) * SMP_FIELD_CELL
                          + u % SMP_FIELD_CELL))
                & 1;
        n++;
      }
  return (gfloat) hair / n;
}

gfloat
smp_field_hair_at (const SmpField *field, gint x, gint y)
{
  gfloat hair;

  smp_field_hair_row (field, x, y, 1, &hair);
  return hair;
}

void
smp_field_hair_row (const SmpField *field, gint x, gint y, gint width,
                    gfloat *out)
{
  const gint     r0  = CLAMP (y - 1, 0, field->height - 1) / SMP_FIELD_CELL;
  const gint     r1  = CLAMP (y + 1, 0, field->height - 1) / SMP_FIELD_CELL;
  const guint16 *a   = field->bits + (gsize) r0 * field->cols;
  const guint16 *b   = field->bits + (gsize) r1 * field->cols;
  const gint     ca  = CLAMP (x - 1, 0, field->width - 1) / SMP_FIELD_CELL;
  const gint     cb  = CLAMP (x + width, 0, field->width - 1) / SMP_FIELD_CELL;
  guint16        any = 0;

  /* Bare skin, most of a treated area: no hair in the cells the row's
   * pixels and their neighbours lie in.
   */
  for (gint c = ca; c <= cb; c++)
    any |= a[c] | b[c];
  if (! any)
    {
      memset (out, 0, (gsize) MAX (width, 0) * sizeof (gfloat));
      return;
    }

  for (gint i = 0; i < width; i++)
    {
      const gint c0 = CLAMP (x + i - 1, 0, field->width - 1) / SMP_FIELD_CELL;
      const gint c1 = CLAMP (x + i + 1, 0, field->width - 1) / SMP_FIELD_CELL;

      out[i] = by_drawable (field, x + i, y) && (a[c0] | a[c1] | b[c0] | b[c1])
                   ? hair_share (field, x + i, y)
                   : 0.0f;
    }
}

gfloat
smp_field_edge_distance (const SmpField *field, gint col, gint row)
{
  if (! field->dist)
    return G_MAXFLOAT;

  return field->dist[(gsize) row * field->cols + col];
}
