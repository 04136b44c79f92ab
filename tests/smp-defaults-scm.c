/* scalp-micropigmentation: the parameter table's defaults as Script-Fu.
 *
 *   smp-defaults-scm OUTPUT.scm
 *
 * Writes (define smp-table-defaults '((density . 70) ...)), the filter's
 * arguments after run-mode, image and drawable in PDB order, so that the
 * tests call the procedure with the table's own defaults and name only the
 * arguments they care about.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "smp-params.h"

int
main (int argc, char **argv)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);
  GString            *out   = g_string_new ("; Made by smp-defaults-scm from "
                                                         "the parameter table.\n"
                                                         "(define smp-table-defaults\n  '(");

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT.scm\n", argv[0]);
      return 2;
    }

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *desc = &table[i];
      const SmpColor      c    = desc->def_color;

      if (desc->type == SMP_PARAM_COLOR)
        g_string_append_printf (
            out, "(%s . (%d %d %d))", desc->name, (gint) (c.r * 255 + 0.5),
            (gint) (c.g * 255 + 0.5), (gint) (c.b * 255 + 0.5));
      else
        g_string_append_printf (out, "(%s . %.15g)", desc->name, desc->def);
      g_string_append (out, i + 1 < n ? "\n    " : "))\n");
    }

  if (! g_file_set_contents (argv[1], out->str, -1, NULL))
    return 1;
  g_string_free (out, TRUE);
  return 0;
}
