#!/bin/sh
# check-docs.sh MAP -- every exported name has a man page (man/man3/NAME.3),
# a PWF_API declaration with a doc comment in include/, and a test in tests/.
set -eu
map=$1
bad=0
for s in $(sed -n 's/^[[:space:]]*\(pwf_[A-Za-z0-9_]*\);.*/\1/p' "$map"); do
  [ -f "man/man3/$s.3" ] || { echo "check-docs: $s has no man/man3/$s.3"; bad=1; }
  grep -qE "PWF_API.*[^A-Za-z0-9_]$s\(" include/perfwf/*.h ||
    grep -qE "^[^/]*[^A-Za-z0-9_]$s\(" include/perfwf/*.h ||
    { echo "check-docs: $s is not declared in include/perfwf/"; bad=1; }
  grep -rqw "$s" tests/*.c tests/*.cpp tests/*.sh tests/integration 2>/dev/null ||
    { echo "check-docs: $s is never named in tests/"; bad=1; }
done
# every man3 page names its function in NAME, or is a .so alias of one that does
for p in man/man3/*.3; do
  [ -f "$p" ] || continue
  n=$(basename "$p" .3)
  if head -1 "$p" | grep -q '^\.so '; then
    t=man/$(head -1 "$p" | sed 's/^\.so //')
    [ -f "$t" ] || { echo "check-docs: $p points at missing $t"; bad=1; continue; }
    grep -q "^\.Nm $n\( ,\)\{0,1\}$" "$t" ||
      { echo "check-docs: $t does not name $n"; bad=1; }
  fi
done
[ $bad -eq 0 ] && echo "check-docs: every exported name has a man page, a declaration and a test"
exit $bad
