#!/bin/sh
# check-abi.sh SHLIB BASELINE -- abidiff the built library against the
# committed baseline.  abidiff's exit status is a bit mask: 1 error,
# 2 usage, 4 ABI change, 8 incompatible ABI change.  Additions (4 alone) are
# allowed; anything with 1, 2 or 8 fails.
set -u
lib=$1 base=$2
command -v abidiff >/dev/null 2>&1 || {
  echo "check-abi: abidiff not found: apt-get install abigail-tools"; exit 1; }
[ -f "$base" ] || { echo "check-abi: no baseline $base (make abi-dump)"; exit 1; }
out=$(abidiff --headers-dir2 include "$base" "$lib" 2>&1); rc=$?
if [ $((rc & 11)) -ne 0 ]; then
  echo "$out"
  echo "check-abi: FAILED (abidiff exit $rc): incompatible change against $base."
  echo "Before 1.0.0 is tagged, an intentional change runs 'make abi-dump' and"
  echo "adds a NEWS line in the same commit; after it, only additions in a new"
  echo "map node are allowed."
  exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
  echo "$out" | sed -n '1,20p'
  echo "check-abi: compatible additions against $base (update it with make abi-dump)"
else
  echo "check-abi: ABI identical to $base"
fi
