/* scalp-micropigmentation: the user's own presets.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-user-presets.h"

#include "config.h"

#include <libgimp/gimp.h>

#include "smp-plugin.h"

/* GIMP 3 keeps a procedure's saved settings in plug-in-settings/, in
 * files named after it (GimpProcedureConfigRun-<procedure>.last for the
 * last values, .default for Save Settings): the presets sit beside them.
 * GIMP 2.10 has no such folder.
 */
static gchar *
presets_path (void)
{
#if SMP_GIMP == 3
  return g_build_filename (gimp_directory (), "plug-in-settings",
                           PLUG_IN_PROC ".presets", NULL);
#else
  return g_build_filename (gimp_directory (), PLUG_IN_BINARY, "presets", NULL);
#endif
}

static void
preset_free (gpointer data)
{
  SmpUserPreset *preset = data;

  g_free (preset->name);
  g_free (preset);
}

static gint
by_name (gconstpointer a, gconstpointer b)
{
  const SmpUserPreset *x = *(SmpUserPreset *const *) a;
  const SmpUserPreset *y = *(SmpUserPreset *const *) b;

  return g_utf8_collate (x->name, y->name);
}

GPtrArray *
smp_user_presets_load (void)
{
  g_autofree gchar *path    = presets_path ();
  GKeyFile         *kf      = g_key_file_new ();
  GPtrArray        *presets = g_ptr_array_new_with_free_func (preset_free);

  if (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    {
      g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);

      for (gint i = 0; groups[i]; i++)
        {
          SmpUserPreset *preset = g_new0 (SmpUserPreset, 1);

          smp_params_defaults (&preset->params);
          preset->name = g_strdup (groups[i]);
          smp_params_load_keys (&preset->params, kf, groups[i]);
          g_ptr_array_add (presets, preset);
        }
    }
  g_key_file_free (kf);
  g_ptr_array_sort (presets, by_name);
  return presets;
}

gboolean
smp_user_presets_save (GPtrArray *presets, GError **error)
{
  g_autofree gchar *path = presets_path ();
  g_autofree gchar *dir  = g_path_get_dirname (path);
  g_autofree gchar *text = NULL;
  GKeyFile         *kf   = g_key_file_new ();

  g_key_file_set_comment (kf, NULL, NULL,
                          " Presets saved in the Scalp Micropigmentation "
                          "filter's dialog, one group each.",
                          NULL);
  for (guint i = 0; i < presets->len; i++)
    {
      const SmpUserPreset *preset = g_ptr_array_index (presets, i);

      smp_params_save_keys (&preset->params, kf, preset->name);
    }
  text = g_key_file_to_data (kf, NULL, NULL);
  g_key_file_free (kf);

  return g_mkdir_with_parents (dir, 0700) == 0
         && g_file_set_contents (path, text, -1, error);
}

void
smp_user_presets_put (GPtrArray *presets, const gchar *name,
                      const SmpParams *params)
{
  SmpUserPreset *preset = NULL;

  for (guint i = 0; i < presets->len && ! preset; i++)
    if (g_str_equal (((SmpUserPreset *) g_ptr_array_index (presets, i))->name,
                     name))
      preset = g_ptr_array_index (presets, i);

  if (! preset)
    {
      preset       = g_new0 (SmpUserPreset, 1);
      preset->name = g_strdup (name);
      g_ptr_array_add (presets, preset);
    }
  preset->params = *params;
  g_ptr_array_sort (presets, by_name);
}

void
smp_user_preset_apply (const SmpUserPreset *preset, SmpParams *params)
{
  const SmpParams kept = *params;

  *params        = preset->params;
  params->seed   = kept.seed;
  params->scale  = kept.scale;
  params->output = kept.output;
}

gboolean
smp_user_preset_matches (const SmpUserPreset *preset, const SmpParams *params)
{
  SmpParams applied = *params;

  smp_user_preset_apply (preset, &applied);
  return smp_params_same (&applied, params,
                          SMP_AFFECTS_PLACEMENT | SMP_AFFECTS_LOOKS
                              | SMP_AFFECTS_OUTPUT);
}
