#!/bin/sh
# Makes a new, temporary GIMP 2.10 profile holding the given plug-in files,
# with the data folders GIMP looks for, and prints its path.  The caller
# removes it.
#
#   make-profile.sh [DEST=SOURCE ...]
#
# DEST is a path under the profile's plug-ins/ folder, for example
# scalp-micropigmentation/scalp-micropigmentation=build/plug-in/scalp-micropigmentation
set -eu
profile=$(mktemp -d "${TMPDIR:-/tmp}/smp-gimp.XXXXXX")
for dir in gradients patterns brushes palettes plug-ins; do
  mkdir -p "$profile/$dir"
done
for pair in "$@"; do
  dest="$profile/plug-ins/${pair%%=*}"
  mkdir -p "$(dirname "$dest")"
  cp "${pair#*=}" "$dest"
done
echo "$profile"
