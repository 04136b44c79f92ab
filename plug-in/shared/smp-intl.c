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

#ifndef SMP_HELPDIR
#define SMP_HELPDIR HELPDIR
#endif

/* The folder name beside the plug-in, where a user install puts it, or
 * else fallback, where a system install does.
 */
static gchar *
beside_plug_in (const gchar *name, const gchar *fallback)
{
  g_autofree gchar *exe    = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree gchar *folder = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree gchar *beside
      = folder ? g_build_filename (folder, name, NULL) : NULL;

  return beside && g_file_test (beside, G_FILE_TEST_IS_DIR)
             ? g_steal_pointer (&beside)
             : g_strdup (fallback);
}

static const gchar *
localedir (void)
{
  static gchar *dir = NULL;

  if (! dir)
    dir = beside_plug_in ("locale", SMP_LOCALEDIR);
  return dir;
}

const gchar *
smp_intl_helpdir (void)
{
  static gchar *dir = NULL;

  if (! dir)
    dir = beside_plug_in ("help", SMP_HELPDIR);
  return dir;
}

void
smp_intl_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

const gchar *
smp_intl_localedir (void)
{
  return localedir ();
}
