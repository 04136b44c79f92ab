/* scalp-micropigmentation: the PDB procedure's arguments and last values.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-pdb.h"

#include "smp-filter.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "smp-intl.h"
#include "smp-plugin.h"

/* Bumped whenever SmpParams changes shape, so stale data is ignored. */
#define LAST_VALUES_VERSION 2

typedef struct
{
  guint32   version;
  SmpParams params;
} LastValues;

static GimpPDBArgType
pdb_type (SmpParamType type)
{
  switch (type)
    {
    case SMP_PARAM_DOUBLE:
      return GIMP_PDB_FLOAT;
    case SMP_PARAM_INT:
      return GIMP_PDB_INT32;
    case SMP_PARAM_COLOR:
      return GIMP_PDB_COLOR;
    }

  g_return_val_if_reached (GIMP_PDB_INT32);
}

gchar *
smp_pdb_describe (const SmpParamDesc *desc)
{
  if (desc->type == SMP_PARAM_COLOR)
    return g_strdup_printf ("%s (default RGB %d, %d, %d)", desc->blurb,
                            (gint) (desc->def_color.r * 255 + 0.5),
                            (gint) (desc->def_color.g * 255 + 0.5),
                            (gint) (desc->def_color.b * 255 + 0.5));

  if (desc->zero_is_auto)
    return g_strdup_printf ("%s (0, or %g to %g; default %g)", desc->blurb,
                            desc->min, desc->max, desc->def);

  if (desc->min <= G_MININT32)
    return g_strdup_printf ("%s (any integer)", desc->blurb);

  return g_strdup_printf ("%s (%g to %g; default %g)", desc->blurb, desc->min,
                          desc->max, desc->def);
}

GimpParamDef *
smp_pdb_args (gint *n_args)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);
  GimpParamDef       *args  = g_new0 (GimpParamDef, SMP_PDB_FIRST_PARAM + n);

  args[0] = (GimpParamDef){ GIMP_PDB_INT32, g_strdup ("run-mode"),
                            g_strdup ("The run mode { RUN-INTERACTIVE (0), "
                                      "RUN-NONINTERACTIVE (1), "
                                      "RUN-WITH-LAST-VALS (2) }") };
  args[1] = (GimpParamDef){ GIMP_PDB_IMAGE, g_strdup ("image"),
                            g_strdup ("Input image") };
  args[2] = (GimpParamDef){ GIMP_PDB_DRAWABLE, g_strdup ("drawable"),
                            g_strdup ("What to draw on") };

  for (guint i = 0; i < n; i++)
    args[SMP_PDB_FIRST_PARAM + i]
        = (GimpParamDef){ pdb_type (table[i].type), g_strdup (table[i].name),
                          smp_pdb_describe (&table[i]) };

  *n_args = SMP_PDB_FIRST_PARAM + n;
  return args;
}

void
smp_pdb_free_args (GimpParamDef *args, gint n_args)
{
  for (gint i = 0; i < n_args; i++)
    {
      g_free (args[i].name);
      g_free (args[i].description);
    }
  g_free (args);
}

gchar *
smp_pdb_read (const GimpParam *param, gint n_params, SmpParams *params)
{
  guint               n;
  const SmpParamDesc *table = smp_params_table (&n);

  if (n_params != (gint) (SMP_PDB_FIRST_PARAM + n))
    return g_strdup_printf (_ ("The procedure takes %d arguments, got %d"),
                            SMP_PDB_FIRST_PARAM + n, n_params);

  smp_params_defaults (params);

  for (guint i = 0; i < n; i++)
    {
      const SmpParamDesc *desc = &table[i];
      const GimpParam    *p    = &param[SMP_PDB_FIRST_PARAM + i];
      gdouble             value;

      switch (desc->type)
        {
        case SMP_PARAM_COLOR:
          smp_param_set_color (params, desc,
                               (SmpColor){ p->data.d_color.r, p->data.d_color.g,
                                           p->data.d_color.b });
          if (smp_params_find_invalid (params) == desc)
            return smp_range_message (desc, 0);
          continue;

        case SMP_PARAM_DOUBLE:
          value = p->data.d_float;
          break;

        case SMP_PARAM_INT:
          value = p->data.d_int32;
          break;

        default:
          g_return_val_if_reached (NULL);
        }

      if (! smp_param_value_ok (desc, value))
        return smp_range_message (desc, value);

      smp_param_set (params, desc, value);
    }

  return NULL;
}

/* The last values as text in the user's GIMP profile, where they outlive
 * GIMP, which keeps a procedure's data only while it runs.
 */
#define LAST_VALUES_GROUP "last-values"

static gchar *
last_values_path (void)
{
  return g_build_filename (gimp_directory (), PLUG_IN_BINARY, "last-values",
                           NULL);
}

static gboolean
load_last_from_profile (SmpParams *params)
{
  g_autofree gchar *path = last_values_path ();
  GKeyFile         *kf   = g_key_file_new ();
  gboolean          read = FALSE;

  smp_params_defaults (params);
  if (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    read = smp_params_load_keys (params, kf, LAST_VALUES_GROUP) > 0;
  g_key_file_free (kf);
  return read;
}

gboolean
smp_pdb_load_last (SmpParams *params)
{
  LastValues last;

  if (gimp_get_data_size (PLUG_IN_PROC) != sizeof (LastValues))
    return load_last_from_profile (params);

  gimp_get_data (PLUG_IN_PROC, &last);
  if (last.version != LAST_VALUES_VERSION
      || smp_params_find_invalid (&last.params))
    return load_last_from_profile (params);

  *params = last.params;
  return TRUE;
}

void
smp_pdb_save_last (const SmpParams *params)
{
  g_autofree gchar *path   = last_values_path ();
  g_autofree gchar *dir    = g_path_get_dirname (path);
  g_autofree gchar *text   = NULL;
  g_autoptr (GError) error = NULL;
  GKeyFile  *kf            = g_key_file_new ();
  LastValues last;

  memset (&last, 0, sizeof (last));
  last.version = LAST_VALUES_VERSION;
  last.params  = *params;
  gimp_set_data (PLUG_IN_PROC, &last, sizeof (last));

  g_key_file_set_comment (kf, NULL, NULL,
                          " The values the Scalp Micropigmentation filter "
                          "last ran with.",
                          NULL);
  smp_params_save_keys (params, kf, LAST_VALUES_GROUP);
  text = g_key_file_to_data (kf, NULL, NULL);
  g_key_file_free (kf);

  /* Not being able to keep them is no reason to fail the filter. */
  if (g_mkdir_with_parents (dir, 0700) != 0
      || ! g_file_set_contents (path, text, -1, &error))
    g_printerr ("%s: could not keep the last values in %s: %s\n",
                PLUG_IN_BINARY, path,
                error ? error->message : g_strerror (errno));
}
