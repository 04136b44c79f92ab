/* scalp-micropigmentation: translation macros.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_INTL_H__
#define __SMP_INTL_H__

#include "config.h"

#include <glib/gi18n-lib.h>

/* Binds the catalogue where meson installed it; call before any _(). */
void smp_intl_init (void);

/* The folder holding the catalogues, for gimp_plugin_domain_register(). */
const gchar *smp_intl_localedir (void);

/* The folder holding the help pages, a folder per language, for
 * gimp_plugin_help_register().
 */
const gchar *smp_intl_helpdir (void);

#endif /* __SMP_INTL_H__ */
