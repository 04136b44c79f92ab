#!/bin/sh
# Installs the plug-in into the user's own profile of the GIMP it was built
# for, as gimptool --install-bin does, with its translations beside it:
#
#   ${GIMP2_DIRECTORY:-~/.config/GIMP/2.10}/plug-ins/scalp-micropigmentation/
#   ${GIMP3_DIRECTORY:-~/.config/GIMP/3.0}/plug-ins/scalp-micropigmentation/
#       scalp-micropigmentation
#       locale/LANG/LC_MESSAGES/DOMAIN.mo
#       help/LANG/index.html, gimp-help.xml
#
# The folder is worked out when installing, not when configuring; meson
# runs this at `ninja install`, with DESTDIR honoured.
#
#   install-user.sh PLUGIN PO_BUILD_DIR DOMAIN HELP_BUILD_DIR GIMP_MAJOR
set -eu
plugin=$1 po=$2 domain=$3 help=$4 major=$5
if [ "$major" = 3 ]; then
  profile=${GIMP3_DIRECTORY:-$HOME/.config/GIMP/3.0}
else
  profile=${GIMP2_DIRECTORY:-$HOME/.config/GIMP/2.10}
fi
dir="${DESTDIR:-}$profile/plug-ins/scalp-micropigmentation"

mkdir -p "$dir"
install -m 755 "$plugin" "$dir/scalp-micropigmentation"
for mo in "$po"/*/LC_MESSAGES/"$domain.mo"; do
  [ -e "$mo" ] || continue
  lang=$(basename "$(dirname "$(dirname "$mo")")")
  mkdir -p "$dir/locale/$lang/LC_MESSAGES"
  install -m 644 "$mo" "$dir/locale/$lang/LC_MESSAGES/$domain.mo"
done
for page in "$help"/*/index.html; do
  [ -e "$page" ] || continue
  lang=$(basename "$(dirname "$page")")
  mkdir -p "$dir/help/$lang"
  install -m 644 "$page" "$help/$lang/gimp-help.xml" "$dir/help/$lang/"
done
echo "Installed into $dir"
