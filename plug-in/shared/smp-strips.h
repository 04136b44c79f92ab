/* scalp-micropigmentation: passes over a drawable, strip by strip.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_STRIPS_H__
#define __SMP_STRIPS_H__

#include "smp-pixels.h"

/* Every pass over the pixels goes by strips of rows, one row of GIMP's
 * tiles each (a strip that wrote part of a tile would make GIMP send the
 * whole tile first), in a pipeline: while a worker thread works on one
 * strip, the main thread, the only one that talks to GIMP, writes the strip
 * before it and reads the strip after it.  Reading and writing mostly wait
 * on GIMP, and the work goes on meanwhile.  Done one after the other
 * instead, output 0 of a 24 MP photo took 0.25 to 0.30 s instead of 0.18
 * to 0.21 s.  The worker lives as long as the pass: with a thread made
 * anew for each strip it took 0.25 to 0.28 s.
 */
typedef struct
{
  GeglRectangle rect;         /* in the drawable */
  gint          above, below; /* rows of pixels read around it */
  guchar       *pixels;       /* the drawable's, in its own format */
  gfloat       *sel; /* the selection's values, when the pass reads it */
  gfloat       *out; /* what the pass writes, when not the pixels */
} SmpStrip;

typedef struct _SmpStripPass SmpStripPass;

struct _SmpStripPass
{
  const SmpTarget *target;
  GeglBuffer      *mask;       /* the selection to read, or NULL */
  gint             out_floats; /* per pixel in SmpStrip.out; 0 for none */
  gint             halo;       /* rows of pixels read above and below a strip */
  /* On the worker thread, one strip after another. */
  void (*work) (SmpStripPass *pass, SmpStrip *strip);
  /* On the main thread; NULL when nothing is written back. */
  void (*write) (SmpStripPass *pass, const SmpStrip *strip);
  /* Only reports: GIMP ends a plug-in whose run the user cancels. */
  SmpPixelsProgress progress;
  gpointer          progress_data;
  gint              n_strips;
  GAsyncQueue      *todo; /* strips handed to the worker */
  GAsyncQueue      *done; /* and handed back */
};

/* Runs pass over the strips of area (drawable coordinates), each read
 * with pass->halo rows around it and the selection when pass->mask is
 * set, worked on by pass->work and written by pass->write.
 */
void smp_strips_run (SmpStripPass *pass, const GeglRectangle *area);

/* A pass taken one strip at a time, so that a dialog can answer between
 * strips: smp_strips_step() until it returns FALSE, then
 * smp_strips_end(), which may also come earlier to leave the pass half
 * way.  smp_strips_run() is all three.
 */
typedef struct
{
  SmpStripPass *pass;
  GeglRectangle area;
  SmpStrip      strips[2];
  GThread      *worker;
  gint          k;      /* strips done */
  gboolean      handed; /* strip k is with the worker, k + 1 read */
} SmpStripsRun;

void     smp_strips_begin (SmpStripsRun *run, SmpStripPass *pass,
                           const GeglRectangle *area);
gboolean smp_strips_step (SmpStripsRun *run);
void     smp_strips_end (SmpStripsRun *run);

/* The same step, waiting for the worker at most wait microseconds (all
 * it takes if negative): TRUE until the pass is done, the strip it waited
 * for left to the next call if the worker was not done with it.  The
 * dialog reads so, never kept from its events for longer than a strip's
 * reading and the wait.
 */
gboolean smp_strips_step_within (SmpStripsRun *run, gint64 wait);

/* Pops from queue, waiting at most wait microseconds (as long as it
 * takes if negative): what was popped, or NULL if nothing came in time.
 */
gpointer smp_queue_pop_within (GAsyncQueue *queue, gint64 wait);

/* The image's selection, to read with the pixels, or NULL without one. */
GeglBuffer *smp_strips_selection (const SmpTarget *target);

/* The selection's values over a rectangle of the drawable. */
void smp_strips_read_selection (const SmpTarget *target, GeglBuffer *mask,
                                const GeglRectangle *rect, gfloat *sel);

#endif /* __SMP_STRIPS_H__ */
