#!/bin/sh
# check-symbols.sh SHLIB MAP -- the dynamic symbols the shared library
# defines must be exactly the names the version script lists.
set -eu
lib=$1 map=$2
tmp=${TMPDIR:-/tmp}/pwf-syms.$$
trap 'rm -f "$tmp".*' EXIT
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' |
  grep -v '^PERFWF_' | sort -u > "$tmp.nm"
sed -n 's/^[[:space:]]*\(pwf_[A-Za-z0-9_]*\);.*/\1/p' "$map" | sort > "$tmp.map"
if [ -n "$(uniq -d "$tmp.map")" ]; then
  echo "check-symbols: names listed twice in $map:"; uniq -d "$tmp.map"; exit 1
fi
if ! cmp -s "$tmp.nm" "$tmp.map"; then
  echo "check-symbols: exported symbols differ from $map (< exported, > map):"
  diff "$tmp.nm" "$tmp.map" | grep '^[<>]'
  exit 1
fi
echo "check-symbols: $(wc -l < "$tmp.map") exported symbols match $map"
