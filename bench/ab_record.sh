#!/usr/bin/env bash
# ab_record.sh -- the library's record calls of two builds, timed side by
# side in one process (bench/ab_record/ab_record.c says how): A is the
# commit REV (default HEAD), built in a temporary worktree; B is the
# working tree, built by `make`.  Prints, for pwf_hist_record() and
# pwf_hist_record_many() (cache-resident, and streamed from 80 MB), the
# median ns of each and the median over rounds of B's time over A's.
# Where a change alters only what the library compiles (not the header's
# inline code), this says what it did to the calls, free of the host's
# slow and fast seconds.
# AB_CFLAGS adds compiler flags to both builds (AB_CFLAGS=-DPWF_NO_SIMD:
# the portable loops); B_CFLAGS to B's alone, built then in a scratch
# directory (B_CFLAGS=-DPWF_PREFETCH_BYTES=8192: record_many's prefetch
# distance against REV's).
#
# Usage: [AB_CFLAGS=...] [B_CFLAGS=...] bench/ab_record.sh [REV]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
CC=${CC:-cc}
dir=$(mktemp -d)
trap 'git worktree remove --force "$dir/a" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
flags="-O2 -g ${AB_CFLAGS:-}"
if [ -n "${AB_CFLAGS:-}${B_CFLAGS:-}" ]; then
	make -s O="$dir/b" CFLAGS="$flags ${B_CFLAGS:-}" all >/dev/null
	lib_b=$dir/b/lib/libperfwf.so.1
else
	make -s all
	lib_b=$PWD/build/lib/libperfwf.so.1
fi
git worktree add -q --detach "$dir/a" "$rev"
make -s -C "$dir/a" CFLAGS="$flags" all >/dev/null
"$CC" -O2 -Wall -Wextra -Wpedantic -std=c11 -D_GNU_SOURCE -Iinclude \
	bench/ab_record/ab_record.c -o "$dir/ab_record" -ldl -lm
"$dir/ab_record" "$dir/a/build/lib/libperfwf.so.1" "$lib_b"
