/* scalp-micropigmentation: hot loops built for today's processors too.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_CLONES_H__
#define __SMP_CLONES_H__

/* A function marked so is built three times, for any x86-64 processor,
 * for those with AVX2 (most since 2013) and for those with AVX-512 (most
 * servers since 2017, and some desktops), and the loader picks one when
 * the plug-in starts: its loops then work on eight or sixteen floats at
 * once instead of four.  All do the same operations in the same order,
 * and the build never fuses a multiply and an add (-ffp-contract=off), so
 * they give the same bits: the golden hashes hold on any.  Elsewhere
 * (another processor, compiler or system) the mark is empty.
 */
#ifdef SMP_HAVE_TARGET_CLONES
#define SMP_CLONES                                                             \
  __attribute__ ((target_clones ("avx512f", "avx2", "default")))
#else
#define SMP_CLONES
#endif

#endif /* __SMP_CLONES_H__ */
