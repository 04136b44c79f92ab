#!/bin/sh
# Installs the plug-in into the user's own GIMP 2.10 profile, as
# gimptool-2.0 --install-bin does, with its translations beside it:
#
#   ${GIMP2_DIRECTORY:-~/.config/GIMP/2.10}/plug-ins/scalp-micropigmentation/
#       scalp-micropigmentation
#       locale/LANG/LC_MESSAGES/DOMAIN.mo
#
# The folder is worked out when installing, not when configuring; meson
# runs this at `ninja install`, with DESTDIR honoured.
#
#   install-user.sh PLUGIN PO_BUILD_DIR DOMAIN
set -eu
plugin=$1 po=$2 domain=$3
profile=${GIMP2_DIRECTORY:-$HOME/.config/GIMP/2.10}
dir="${DESTDIR:-}$profile/plug-ins/scalp-micropigmentation"

mkdir -p "$dir"
install -m 755 "$plugin" "$dir/scalp-micropigmentation"
for mo in "$po"/*/LC_MESSAGES/"$domain.mo"; do
  [ -e "$mo" ] || continue
  lang=$(basename "$(dirname "$(dirname "$mo")")")
  mkdir -p "$dir/locale/$lang/LC_MESSAGES"
  install -m 644 "$mo" "$dir/locale/$lang/LC_MESSAGES/$domain.mo"
done
echo "Installed into $dir"
