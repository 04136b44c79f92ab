/* scalp-micropigmentation: translation set-up.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-intl.h"

#include <locale.h>

/* Where the catalogues are: installed, or the build tree's for tests. */
#ifndef SMP_LOCALEDIR
#define SMP_LOCALEDIR LOCALEDIR
#endif

void
smp_intl_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, SMP_LOCALEDIR);
#ifdef HAVE_BIND_TEXTDOMAIN_CODESET
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
#endif
  textdomain (GETTEXT_PACKAGE);
}

const gchar *
smp_intl_localedir (void)
{
  return SMP_LOCALEDIR;
}
