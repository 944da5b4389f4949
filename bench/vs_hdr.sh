#!/usr/bin/env bash
# vs_hdr.sh -- libperfwf's histogram and recorder against HdrHistogram_c,
# timed side by side in one process on the issue's anchor workload
# (bench/vs_hdr/vs_hdr.c says how); each libperfwf figure is printed with
# its ratio to HdrHistogram_c's in the same run, next to the issue's goal
# as the same ratio.
#
# Usage: HDR_SRC=DIR bench/vs_hdr.sh [parts | hdr|inline COUNT]
# `parts` times the inline path with steps left out (the bucket's count
# alone, then with the page total and extremes compared for every value,
# which is the work hdr_record_value does, then the sums), each as a
# ratio to hdr_record_value in the same rounds: where the per-value time
# goes; then every step with the extremes compared only in binades that
# may hold one (as the inline path does), pwf_hist_record_inline itself,
# and the whole path with the index found the earlier ways (from
# (double)value, by a shift with a range test, and by the rotate with the
# binade from clz(value | 1)) beside pwf_hist_fast_page_()'s own.
# VS_CFLAGS adds compiler flags to both sides (HdrHistogram_c and the
# bench), e.g. VS_CFLAGS=-mlzcnt for the inline path's leading-zero count.
# With arguments it runs vs_hdr's untimed instruction-count workload under
# callgrind (`hdr|inline 1000` minus `hdr|inline 0`, over 4,096,000, is
# instructions per value) and prints callgrind's total.
# DIR holds HdrHistogram_c's hdr_histogram.c and hdr_histogram.h (its src/
# directory).  Nothing else needs HdrHistogram_c; without it this script
# exits 77.  One way to fetch a copy where the npm registry is reachable:
#   npm pack native-hdr-histogram@1.0.0 && tar xzf native-hdr-histogram-1.0.0.tgz
#   HDR_SRC=$PWD/package/HdrHistogram_c/src bench/vs_hdr.sh
# HdrHistogram_c is compiled here with the same compiler and -O2, and
# linked statically; libperfwf is linked as a user links it, the shared
# library from `make`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${HDR_SRC:-}" ] || [ ! -f "$HDR_SRC/hdr_histogram.c" ] ||
   [ ! -f "$HDR_SRC/hdr_histogram.h" ]; then
	echo "vs_hdr: set HDR_SRC to HdrHistogram_c's src directory" >&2
	exit 77
fi
CC=${CC:-cc}
make -s all
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# shellcheck disable=SC2086 # VS_CFLAGS: words on purpose
"$CC" -O2 ${VS_CFLAGS:-} -w -I"$HDR_SRC" -c "$HDR_SRC/hdr_histogram.c" \
	-o "$dir/hdr.o"
# hdr.o is linked first, so that its code sits at the same address
# whatever vs_hdr.c holds: the same hdr.o linked after it ran
# hdr_record_value at 2.15 ns or 2.43 ns as an edit to vs_hdr.c's `parts`
# moved it from 0x52b0 to 0x55a0
# shellcheck disable=SC2086
"$CC" -O2 ${VS_CFLAGS:-} -Wall -Wextra -Wpedantic -std=c11 -D_GNU_SOURCE -Iinclude \
	-I"$HDR_SRC" "$dir/hdr.o" bench/vs_hdr/vs_hdr.c -o "$dir/vs_hdr" \
	-Lbuild/lib -lperfwf -Wl,-rpath,"$PWD/build/lib" -lpthread -lm
if [ "${1:-}" = parts ]; then
	"$dir/vs_hdr" parts
elif [ $# -gt 0 ]; then
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$dir/vs_hdr" "$@" 2>&1 | grep 'Collected'
else
	"$dir/vs_hdr"
fi
