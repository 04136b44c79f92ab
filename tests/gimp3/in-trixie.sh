#!/bin/sh
# Builds the plug-in for GIMP 3 and runs its GIMP 3 tests inside a Debian 13
# (trixie) chroot, since Debian 12 has no GIMP 3.  Needs root.
#
#   tests/gimp3/in-trixie.sh [CHROOT_DIR]
#
# The chroot (default /var/tmp/smp-trixie) is made with debootstrap from
# the Debian mirror the host's apt already uses, and reused when it is
# there.  The checkout's files are copied into it; /proc is mounted only
# while it runs.  Prints meson's test summary.
set -u
root=${1:-/var/tmp/smp-trixie}
here=$(cd "$(dirname "$0")/../.." && pwd)
packages="gimp libgimp-3.0-dev meson ninja-build gcc pkg-config gettext
          locales fonts-dejavu-core xvfb xauth imagemagick xdotool"

# The mirror of the host's own sources, deb822 or one-line.
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources \
           2>/dev/null | grep -v security | head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)*\([^ ]*\) .*/\2/p' \
           /etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1)

if [ ! -x "$root/usr/bin/gimp-console-3.0" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase trixie "$root" "$mirror" > "$root.log" 2>&1 ||
    { tail -n 20 "$root.log"; exit 1; }
fi

mount -t proc proc "$root/proc" || exit 1
trap 'umount "$root/proc"' EXIT
trap 'exit 1' INT TERM

# One line: the command is a string for the chroot's shell.
packages=$(echo $packages)
chroot "$root" sh -c "
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages
  localedef -i de_DE -f UTF-8 de_DE.UTF-8" > "$root.log" 2>&1 ||
  { tail -n 20 "$root.log"; exit 1; }

rm -rf "$root/src" && mkdir -p "$root/src"
(cd "$here" && git ls-files -co --exclude-standard | grep -v '^build' |
   tar -cf - -T -) | tar -xf - -C "$root/src"

chroot "$root" sh -c "cd /src && meson setup b3 -Dgimp=3 > b3.log 2>&1 &&
  ninja -C b3 >> b3.log 2>&1 || { cat b3.log; exit 1; }
  meson test -C b3 --no-rebuild --print-errorlogs --suite gimp3"
