#!/usr/bin/env bash
# vs_benchstat.sh -- pwf-compare and benchstat on the same inputs, timed
# alternately in one loop, so that both see the same machine load; prints
# each tool's median wall time over ROUNDS runs and their ratio.
#
# Usage: BENCHSTAT=/path/to/benchstat bench/vs_benchstat.sh [ROUNDS]
# The inputs are bench_compare's (`build/bench/bench_compare --write DIR`);
# the goals of issue 5 as ratios to benchstat's times on this machine
# class: 1000 x 20 0.38, 10000 x 10 0.23, 1000 x 25 ties 0.13, 1 x 1e6
# 0.26.  benchstat is golang.org/x/perf/cmd/benchstat; nothing here needs
# it except this script, which exits 77 without it.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
if [ -z "${BENCHSTAT:-}" ] || [ ! -x "$BENCHSTAT" ]; then
	echo "vs_benchstat: set BENCHSTAT to a benchstat binary" >&2
	exit 77
fi
make -s all build/bench/bench_compare
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
build/bench/bench_compare --write "$dir" >/dev/null

# wall seconds of one run of "$@", output discarded (exit status ignored:
# pwf-compare exits 1 when a benchmark regressed)
wall() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || true
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

median() {
	sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-16s %12s %12s %8s %8s\n' case pwf-compare benchstat ratio goal
for c in 1000x20:0.38 10000x10:0.23 1000x25-ties:0.13 1x1000000:0.26; do
	name=${c%%:*}
	goal=${c##*:}
	: >"$dir/p" && : >"$dir/b"
	for ((r = 0; r < rounds; r++)); do
		wall build/bin/pwf-compare "$dir/old-$name" "$dir/new-$name" >>"$dir/p"
		wall "$BENCHSTAT" "$dir/old-$name" "$dir/new-$name" >>"$dir/b"
	done
	p=$(median <"$dir/p")
	b=$(median <"$dir/b")
	printf '%-16s %10.3f s %10.3f s %8.3f %8s\n' "$name" "$p" "$b" \
		"$(echo "$p / $b" | bc -l)" "$goal"
done
