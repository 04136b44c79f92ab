/* scalp-micropigmentation: hot loops built for today's processors too.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_CLONES_H__
#define __SMP_CLONES_H__

/* A function marked so is built twice, for any x86-64 processor and for
 * those with AVX2 (most since 2013), and the loader picks one when the
 * plug-in starts: its loops then work on eight floats at once instead of
 * four.  Both do the same operations in the same order, and the build
 * never fuses a multiply and an add (-ffp-contract=off), so they give the
 * same bits: the golden hashes hold on either.  Elsewhere (another
 * processor, compiler or system) the mark is empty.
 */
#ifdef SMP_HAVE_TARGET_CLONES
#define SMP_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define SMP_CLONES
#endif

#endif /* __SMP_CLONES_H__ */
