#!/bin/sh
# benchstat-interop.sh -- Go benchmark format files written by the benchfmt
# writer (benchstat-writer.c) read back by the real benchstat, the v2 one of
# golang.org/x/perf/cmd/benchstat, given as BENCHSTAT=/path/to/benchstat:
# benchstat must exit 0 with nothing on stderr, in text and in CSV, show
# every configuration line, benchmark and unit, and print as the median of
# each benchmark, unit, phase and file exactly the median of the values
# written.  benchstat reports a syntax error on stderr and goes on (its exit
# status stays 0), so the empty stderr is the real test.  benchstat is not
# packaged for Debian, so `make check` (and CI) has none: without BENCHSTAT
# this prints a SKIP line and exits 0, as the other optional checks do.
set -eu
if [ -z "${BENCHSTAT:-}" ]; then
  echo "SKIP benchstat-interop: BENCHSTAT=/path/to/benchstat is not set"
  exit 0
fi
O=${O:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pwf-benchstat.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
checks=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

${CC:-cc} -std=c99 -Iinclude tests/integration/benchstat-writer.c \
  "$O/lib/libperfwf.a" -lm -pthread -o "$tmp/benchstat-writer"
"$tmp/benchstat-writer" "$tmp"

# bench NAME ARGS...: run benchstat on the two files (labelled old.txt and
# new.txt, whatever the directory); NAME.out, NAME.err in $tmp.
bench() {
  n=$1; shift
  checks=$((checks + 1))
  set +e
  "$BENCHSTAT" "$@" "old.txt=$tmp/old.txt" "new.txt=$tmp/new.txt" \
    >"$tmp/$n.out" 2>"$tmp/$n.err"
  rc=$?
  set -e
  [ "$rc" -eq 0 ] || fail "$n: benchstat exited $rc"
  if [ -s "$tmp/$n.err" ]; then
    fail "$n: benchstat wrote to stderr:"
    sed 's/^/  /' "$tmp/$n.err"
  fi
}
bench text
bench csv -format csv

# Every configuration line written, exactly as written, is a table header.
while IFS= read -r line; do
  case $line in
  Benchmark* | Unit\ * | *:) ;;
  *)
    checks=$((checks + 1))
    grep -qxF -- "$line" "$tmp/text.out" ||
      fail "configuration line '$line' not shown by benchstat"
    ;;
  esac
done <"$tmp/old.txt"

# Every benchmark and unit is in the text tables.
cut -f3,4 "$tmp/expected" | sort -u | while IFS="$(printf '\t')" read -r n u; do
  grep -qF -- "$n " "$tmp/text.out" || echo "benchmark $n" >>"$tmp/missing"
  grep -qF -- " $u " "$tmp/text.out" || echo "unit $u" >>"$tmp/missing"
done
checks=$((checks + 1))
if [ -s "$tmp/missing" ]; then
  fail "not in benchstat's text output: $(sort -u "$tmp/missing" | tr '\n' ';')"
fi

# The medians of the CSV, one line per file, phase, benchmark and unit: a
# single-cell "phase: X" row starts a table's configuration, ",unit,CI,..."
# names its unit, and each row is name,old,CI,new,CI,delta,P.  None of the
# names, units or values written here needs CSV quoting.
awk -F, -v OFS='\t' '
  NF == 1 && /^phase: / { phase = substr($0, 8); next }
  NF < 4 || $1 == "geomean" { next }
  $1 == "" && $3 == "CI" { unit = $2; next }
  $1 == "" { next }
  { print "old.txt", phase, $1, unit, $2; print "new.txt", phase, $1, unit, $4 }
' "$tmp/csv.out" | LC_ALL=C sort >"$tmp/got"
LC_ALL=C sort "$tmp/expected" >"$tmp/want"
checks=$((checks + 1))
cut -f1-4 "$tmp/got" >"$tmp/got.keys"
cut -f1-4 "$tmp/want" >"$tmp/want.keys"
if ! cmp -s "$tmp/got.keys" "$tmp/want.keys"; then
  fail "benchstat's groups differ from the ones written (< benchstat, > written):"
  diff "$tmp/got.keys" "$tmp/want.keys" | sed 's/^/  /' || true
else
  # Numbers compared as numbers (benchstat prints the shortest form, the
  # writer %.17g): both read back to the same double when they are equal.
  checks=$((checks + 1))
  bad=$(paste "$tmp/got" "$tmp/want" | awk -F'\t' '
    $5 + 0 != $10 + 0 { printf "  %s %s %s %s: benchstat %s, written %s\n",
                        $1, $2, $3, $4, $5, $10 }')
  [ -z "$bad" ] || { fail "medians differ:"; echo "$bad"; }
fi

n=$(wc -l <"$tmp/want")
if [ "$fails" -eq 0 ]; then
  echo "ok benchstat-interop: $checks checks, $n medians equal"
fi
[ "$fails" -eq 0 ]
