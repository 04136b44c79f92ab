/* scalp-micropigmentation: the treatment a layer of the filter carries.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "smp-treatment.h"

#include "smp-intl.h"

/* The treatment a layer shows, kept with it, in an XCF too, and which
 * session the layer holds (0: all of them).
 */
void
smp_treatment_attach (SmpLayer layer, const SmpParams *params, gint session)
{
  GKeyFile         *kf = g_key_file_new ();
  g_autofree gchar *text;
  gsize             size;
  GimpParasite     *parasite;

  smp_params_save_keys (params, kf, "treatment");
  g_key_file_set_integer (kf, "layer", "session", session);
  text     = g_key_file_to_data (kf, &size, NULL);
  parasite = gimp_parasite_new (SMP_TREATMENT_PARASITE,
                                GIMP_PARASITE_PERSISTENT, size, text);
  gimp_item_attach_parasite (SMP_AS_ITEM (layer), parasite);
  gimp_parasite_free (parasite);
  g_key_file_free (kf);
}

static void
find_treatment_layers (const SmpLayer *items, gint n, GArray *found)
{
  for (gint i = 0; i < n; i++)
    {
      GimpParasite *parasite = gimp_item_get_parasite (SMP_AS_ITEM (items[i]),
                                                       SMP_TREATMENT_PARASITE);

      if (parasite)
        {
          g_array_append_val (found, items[i]);
          gimp_parasite_free (parasite);
        }
      if (gimp_item_is_group (SMP_AS_ITEM (items[i])))
        {
          gint                 n_children;
          g_autofree SmpLayer *children
              = smp_group_layers (items[i], &n_children);

          find_treatment_layers (children, n_children, found);
        }
    }
}

SmpLayer *
smp_treatment_layers (SmpImage image, gint *n)
{
  gint                 n_layers;
  g_autofree SmpLayer *layers = smp_image_layers (image, &n_layers);
  GArray              *found  = g_array_new (FALSE, FALSE, sizeof (SmpLayer));

  find_treatment_layers (layers, n_layers, found);
  *n = (gint) found->len;
  return (SmpLayer *) g_array_free (found, found->len == 0);
}

/* The key file a layer of the filter carries, NULL if it carries none. */
static GKeyFile *
treatment_keys (SmpLayer layer)
{
  GimpParasite *parasite
      = gimp_item_get_parasite (SMP_AS_ITEM (layer), SMP_TREATMENT_PARASITE);
  GKeyFile    *kf   = g_key_file_new ();
  gsize        size = 0;
  const gchar *data = parasite ? smp_parasite_data (parasite, &size) : NULL;
  gboolean     read
      = data
        && g_key_file_load_from_data (kf, data, size, G_KEY_FILE_NONE, NULL);

  if (parasite)
    gimp_parasite_free (parasite);
  if (! read)
    g_clear_pointer (&kf, g_key_file_free);
  return kf;
}

gboolean
smp_treatment_read (SmpLayer layer, SmpParams *params, gchar **message)
{
  GKeyFile           *kf   = treatment_keys (layer);
  const SmpParamDesc *bad  = NULL;
  g_autofree gchar   *name = NULL, *why = NULL;

  if (kf && ! (bad = smp_params_read_keys (params, kf, "treatment")))
    {
      g_key_file_free (kf);
      return TRUE;
    }

  name = gimp_item_get_name (SMP_AS_ITEM (layer));
  why  = bad ? g_strdup_printf (_ ("%s is missing or out of range"), bad->name)
             : g_strdup (_ ("it does not read as a treatment"));
  *message = g_strdup_printf (
      _ ("The layer \"%s\" carries a damaged treatment (its parasite %s): "
         "%s.  It was not used."),
      name, SMP_TREATMENT_PARASITE, why);
  if (kf)
    g_key_file_free (kf);
  return FALSE;
}

gint
smp_treatment_start (SmpImage image, SmpParams *params)
{
  gint                 n;
  g_autofree SmpLayer *layers  = smp_treatment_layers (image, &n);
  g_autofree gchar    *message = NULL;

  if (n > 0 && ! smp_treatment_read (layers[0], params, &message))
    g_message ("%s", message);
  return n;
}

gint
smp_treatment_session (SmpLayer layer)
{
  GKeyFile *kf      = treatment_keys (layer);
  gint      session = 0;

  if (kf)
    {
      session = MAX (g_key_file_get_integer (kf, "layer", "session", NULL), 0);
      g_key_file_free (kf);
    }
  return session;
}
