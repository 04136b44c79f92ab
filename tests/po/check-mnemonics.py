#!/usr/bin/env python3
# Every window's mnemonics are unique in every language shipped: no two
# of a dialog's labels and buttons answer to the same Alt key.  A label
# may have none where a language has too few letters to go round.  The
# filter's dialog shows the parameter table's labels (all but the seed's,
# whose row is GIMP's random-seed widget), its own mnemonics in
# smp-dialog.c and the presets' row, and GIMP's Preview, New Seed, Randomize and Help, from
# GIMP's own catalogues; the calibration's and the sheet's dialogs their
# mnemonics in smp-calibrate.c and smp-sheet.c, and GIMP's Help.  TAP
# output.
#
#   check-mnemonics.py SOURCE_ROOT

import gettext
import os
import re
import sys

ROOT = sys.argv[1]
GIMP_FILTER = ["_Preview", "_New Seed", "_Randomize", "_Help"]
GIMP_CALIBRATE = ["_Help"]


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def c_string(text):
    """The value of a C string literal's body, adjacent pieces joined."""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', text))


def dialog_strings(path):
    """The mnemonic strings a source file marks for translation."""
    found = re.findall(r'\b_ \(((?:\s*"(?:[^"\\]|\\.)*")+)\)', read(path))
    # A string marked twice is one label: the same buttons of a small
    # dialog the file also makes (naming a preset) are not the filter's.
    return list(dict.fromkeys(s for s in map(c_string, found) if "_" in s))


def table_labels():
    """The parameter table's labels, but the seed's."""
    labels = []
    for block in read("plug-in/engine/smp-params.c").split("{ .name")[1:]:
        name = re.match(r'\s*=\s*"([^"]+)"', block).group(1)
        label = re.search(r'\.label\s*=\s*N_ \(((?:\s*"[^"]*")+)\)', block)
        if label and name != "seed":
            labels.append(c_string(label.group(1)))
    return labels


def catalogue(lang):
    """msgid -> msgstr of our catalogue for lang ({} for English)."""
    if lang == "C":
        return {}
    entries, key, field = {}, None, None
    msgid = msgstr = ""
    for line in read("po/%s.po" % lang).splitlines() + [""]:
        if line.startswith("msgid "):
            msgid, field = c_string(line[6:]), "id"
        elif line.startswith("msgstr "):
            msgstr, field = c_string(line[7:]), "str"
        elif line.startswith('"'):
            if field == "id":
                msgid += c_string(line)
            elif field == "str":
                msgstr += c_string(line)
        elif not line.strip() and field == "str":
            entries[msgid] = msgstr
            field = None
    return entries


def mnemonic(text):
    at = text.find("_")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else None


def gimp_catalogue(lang):
    """libgimp's own catalogue for lang: GIMP 2.10's, or GIMP 3's where
    that is the GIMP installed."""
    for domain in ("gimp20-libgimp", "gimp30-libgimp"):
        try:
            return gettext.translation(domain, "/usr/share/locale", [lang])
        except OSError:
            pass
    return gettext.NullTranslations()


def check(lang, ours, gimps):
    """The groups of strings that share a key, each holding one of ours at
    least (two of GIMP's own are GIMP's to mend), and ours that have
    none."""
    cat = catalogue(lang)
    gimp = gimp_catalogue(lang)
    shown = [(cat.get(s) or s, True) for s in ours]
    shown += [(gimp.gettext(s), False) for s in gimps]
    keys = {}
    for text, own in shown:
        keys.setdefault(mnemonic(text), []).append((text, own))
    clashes = [[t for t, _ in v] for k, v in keys.items()
               if k is not None and len(v) > 1 and any(o for _, o in v)]
    bare = [t for t, own in keys.get(None, []) if own]
    return clashes, bare


def main():
    languages = ["C"] + read("po/LINGUAS").split()
    windows = [
        ("the filter's dialog",
         table_labels() + list(dict.fromkeys(
             dialog_strings("plug-in/gimp2/smp-dialog.c")
             + dialog_strings("plug-in/shared/smp-preset-box.c"))),
         GIMP_FILTER),
        ("the calibration's dialog",
         dialog_strings("plug-in/gimp2/smp-calibrate.c"), GIMP_CALIBRATE),
        ("the sheet's dialog",
         dialog_strings("plug-in/gimp2/smp-sheet-pdb.c"), GIMP_CALIBRATE),
    ]
    n = failed = 0
    for lang in languages:
        for name, ours, gimps in windows:
            n += 1
            clashes, bare = check(lang, ours, gimps)
            # Where a language has too few letters to go round, a label
            # may go without; it is said, not failed.
            for text in bare:
                print("# %s: %s has no mnemonic" % (lang, text))
            if clashes:
                failed += 1
                print("not ok %d - %s: mnemonics unique in %s" % (n, lang, name))
                for group in clashes:
                    print("# " + " / ".join(group))
            else:
                print("ok %d - %s: mnemonics unique in %s (%d)"
                      % (n, lang, name, len(ours) + len(gimps)))
    print("1..%d" % n)
    return 1 if failed else 0


sys.exit(main())
