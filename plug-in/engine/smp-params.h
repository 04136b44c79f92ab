/* scalp-micropigmentation: the filter's parameters, declared once.
 *
 * Copyright (C) 2026 The scalp-micropigmentation authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef __SMP_PARAMS_H__
#define __SMP_PARAMS_H__

#include <glib.h>

G_BEGIN_DECLS

/* Outputs of the filter (PDB argument "output"). */
typedef enum
{
  SMP_OUTPUT_DRAWABLE       = 0,
  SMP_OUTPUT_LAYER          = 1,
  SMP_OUTPUT_SESSION_LAYERS = 2
} SmpOutput;

typedef struct
{
  gdouble r, g, b; /* perceptual (sRGB-encoded), 0 to 1 */
} SmpColor;

/* What the user sets, in the units the PDB and the dialog show. */
typedef struct
{
  gdouble  density;        /* impressions per cm² once treatment is complete */
  gdouble  dot_size;       /* mean impression diameter, mm */
  gdouble  size_variation; /* 0 to 1 */
  SmpColor pigment;
  gdouble  opacity;        /* percent */
  gdouble  softness;       /* 0 to 1 */
  gdouble  tone_variation; /* 0 to 1 */
  gdouble  ash_tone;       /* 0 to 1: share of the pigment seen as a tone */
  gdouble  hairline_fade;  /* mm */
  gdouble  hair_blend;     /* 0 to 1 */
  gdouble  match_hair;     /* 0 to 1 */
  gint     sessions;       /* 1 to 4 */
  gdouble  scale;          /* pixels per cm; 0 = from the image's resolution */
  gint     seed;
  gint     output; /* SmpOutput */
} SmpParams;

typedef enum
{
  SMP_PARAM_DOUBLE,
  SMP_PARAM_INT,
  SMP_PARAM_COLOR
} SmpParamType;

/* What a parameter changes.  The layout depends on the field and the
 * parameters that affect placement, the stamps on those that affect looks;
 * output only says how the result reaches the image.
 */
typedef enum
{
  SMP_AFFECTS_PLACEMENT = 1 << 0, /* where the impressions go */
  SMP_AFFECTS_LOOKS     = 1 << 1, /* how each impression looks */
  SMP_AFFECTS_OUTPUT    = 1 << 2  /* where the result goes */
} SmpAffects;

/* The dialog's frames, in the order they are shown. */
typedef enum
{
  SMP_GROUP_IMPRESSIONS,
  SMP_GROUP_PIGMENT,
  SMP_GROUP_REGION,
  SMP_GROUP_TREATMENT,
  SMP_GROUP_SCALE,
  SMP_GROUP_SEED,
  SMP_N_GROUPS
} SmpGroup;

/* The control a parameter gets in the dialog. */
typedef enum
{
  SMP_WIDGET_SLIDER,
  SMP_WIDGET_COLOR,
  SMP_WIDGET_CHOICE, /* one of choices[], the value being its index */
  SMP_WIDGET_SEED    /* a seed with a New Seed button */
} SmpWidget;

/* One filter parameter: the PDB argument, its validation, its dialog
 * control and its documentation all come from this descriptor.  Strings are
 * marked for translation with N_() and translated by whoever shows them.
 */
typedef struct
{
  const gchar *name; /* PDB argument name */
  SmpParamType type;
  SmpAffects   affects;
  const gchar *label; /* dialog label, with mnemonic */
  const gchar *blurb; /* PDB description and tooltip */
  const gchar *unit;  /* shown after values, may be "" */
  gdouble      min;   /* hard range, checked on every call */
  gdouble      max;
  gboolean     zero_is_auto; /* 0 is allowed below min and means "automatic" */
  gdouble      def;          /* default, but for colours */
  SmpColor     def_color;    /* default of a colour */
  /* The dialog: */
  SmpGroup            group;
  SmpWidget           widget;
  gdouble             ui_min; /* slider range */
  gdouble             ui_max;
  gint                digits; /* decimals shown */
  gdouble             step;
  gdouble             page;
  const gchar *const *choices; /* SMP_WIDGET_CHOICE: NULL-terminated */
  gsize               offset;  /* where the value lives in SmpParams */
} SmpParamDesc;

/* The PDB arguments after run-mode, image and drawable, in PDB order. */
const SmpParamDesc *smp_params_table (guint *n_params);
const SmpParamDesc *smp_params_lookup (const gchar *name);

void smp_params_defaults (SmpParams *params);

/* The value of a number parameter, and of a colour parameter. */
gdouble smp_param_get (const SmpParams *params, const SmpParamDesc *desc);
void smp_param_set (SmpParams *params, const SmpParamDesc *desc, gdouble value);
SmpColor smp_param_get_color (const SmpParams    *params,
                              const SmpParamDesc *desc);
void     smp_param_set_color (SmpParams *params, const SmpParamDesc *desc,
                              SmpColor color);

gboolean smp_param_value_ok (const SmpParamDesc *desc, gdouble value);

/* Returns the first parameter whose value is out of range, not finite or
 * not whole where it must be, or NULL when all are valid.
 */
const SmpParamDesc *smp_params_find_invalid (const SmpParams *params);

/* Whether a and b agree on every parameter that affects any of what. */
gboolean smp_params_same (const SmpParams *a, const SmpParams *b,
                          SmpAffects what);

/* Writes every parameter into group of key_file, under its PDB name:
 * settings kept as text, in the user's profile.
 */
void smp_params_save_keys (const SmpParams *params, GKeyFile *key_file,
                           const gchar *group);
/* Reads into params the parameters group holds, keeping the others'
 * values: one that is missing, unreadable or out of range is left as it
 * was.  Returns how many were read.
 */
guint smp_params_load_keys (SmpParams *params, GKeyFile *key_file,
                            const gchar *group);

/* Reads every parameter from group of key_file, all or none: returns
 * NULL when each is there, readable and in range, having set params;
 * otherwise the first that is not, params left as they were.  A record
 * of what was done, such as a layer's treatment, is read this way.
 */
const SmpParamDesc *smp_params_read_keys (SmpParams *params, GKeyFile *key_file,
                                          const gchar *group);

/* A parameter's range and default as the documentation writes them, in
 * English: "1 to 400", "0, or 1 to 10000", "any integer", "RGB";
 * "70", "(46, 44, 50)".
 */
gchar *smp_param_range_text (const SmpParamDesc *desc);
gchar *smp_param_default_text (const SmpParamDesc *desc);

/* The title of a dialog frame, marked with N_(). */
const gchar *smp_params_group_title (SmpGroup group);

/* Pigment coverage of the skin: density x area of one mean impression, as a
 * fraction.  Past about 0.2 impressions merge into a solid tone.
 */
gdouble smp_params_coverage (const SmpParams *params);

/* How strongly hair keeps pigment off it, 0 to 1: the hair blend, or
 * more where the treatment matches the hair around, which puts none on
 * hair.
 */
gdouble smp_params_hair_blend (const SmpParams *params);

/* Mean distance between neighbouring impressions, in mm. */
gdouble smp_params_spacing_mm (const SmpParams *params);

G_END_DECLS

#endif /* __SMP_PARAMS_H__ */
