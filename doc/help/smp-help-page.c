/* scalp-micropigmentation: the help page, with the parameter table's own
 * rows.
 *
 *   smp-help-page TEMPLATE.html.in OUTPUT.html
 *
 * Copies the template, putting in place of @PARAMETERS@ a table of every
 * parameter as the code has it: its position, name, unit, what it does,
 * its range and its default.  The page never tells of a range the code
 * does not check.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "smp-params.h"

static gchar *
parameters_html (void)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);
  GString            *html  = g_string_new (
                  "<table>\n<tr><th>#</th><th>name</th><th>unit</th><th>what it "
                              "does</th><th>range</th><th>default</th></tr>\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *blurb = g_markup_escape_text (table[i].blurb, -1);
      g_autofree gchar *range = smp_param_range_text (&table[i]);
      g_autofree gchar *def   = smp_param_default_text (&table[i]);

      g_string_append_printf (html,
                              "<tr><td>%u</td><td><code>%s</code></td>"
                              "<td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                              "</tr>\n",
                              i + 3, table[i].name, table[i].unit, blurb, range,
                              def);
    }
  g_string_append (html, "</table>");
  return g_string_free (html, FALSE);
}

int
main (int argc, char **argv)
{
  g_autofree gchar *text = NULL, *table = NULL;
  g_auto (GStrv) parts     = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *page   = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s TEMPLATE.html.in OUTPUT.html\n", argv[0]);
      return 2;
    }
  if (! g_file_get_contents (argv[1], &text, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  parts = g_strsplit (text, "@PARAMETERS@", -1);
  if (g_strv_length (parts) != 2)
    {
      fprintf (stderr, "%s: @PARAMETERS@ must appear once\n", argv[1]);
      return 1;
    }
  table = parameters_html ();
  page  = g_strconcat (parts[0], table, parts[1], NULL);
  if (! g_file_set_contents (argv[2], page, -1, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
