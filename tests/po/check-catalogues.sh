#!/bin/sh
# Every catalogue translates every string the sources mark today: no string
# missing, none untranslated or fuzzy, and msgfmt -c clean.  TAP output.
#
#   check-catalogues.sh SOURCE_ROOT
set -u
root=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smp-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
   --files-from=po/POTFILES -o "$tmp/current.pot") || { echo "not ok 1 - xgettext"; echo "1..1"; exit 1; }

n=0 failed=0
for lang in $(cat "$root/po/LINGUAS"); do
  po="$root/po/$lang.po"
  n=$((n + 1))
  if msgcmp "$po" "$tmp/current.pot" > "$tmp/cmp" 2>&1; then
    echo "ok $n - $lang translates every string"
  else
    echo "not ok $n - $lang translates every string"
    sed 's/^/# /' "$tmp/cmp" | head -n 20
    failed=$((failed + 1))
  fi
  n=$((n + 1))
  if msgfmt -c --statistics -o /dev/null "$po" > "$tmp/fmt" 2>&1 &&
     ! grep -q -E 'fuzzy|untranslated' "$tmp/fmt"; then
    echo "ok $n - $lang passes msgfmt -c: $(cat "$tmp/fmt")"
  else
    echo "not ok $n - $lang passes msgfmt -c"
    sed 's/^/# /' "$tmp/fmt"
    failed=$((failed + 1))
  fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
