#!/bin/sh
# pwf-compare.sh -- exit codes and outputs of pwf-compare on generated
# benchmark files.  Run by `make check-integration` with O set to the build
# directory.
set -eu
B=${O:-build}/bin/pwf-compare
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pwf-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
checks=0
# expect NAME PATTERN FILE: FILE must contain PATTERN (fixed string)
expect() {
  checks=$((checks + 1))
  grep -qF -- "$2" "$3" || { echo "FAIL $1: wanted '$2' in:"; cat "$3";
    fails=$((fails + 1)); }
}
# status NAME WANT CMD...: CMD must exit with WANT (output in $tmp/out, err)
status() {
  n=$1 w=$2; shift 2
  checks=$((checks + 1))
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
  [ "$rc" -eq "$w" ] || { echo "FAIL $n: exit $rc, wanted $w"; cat "$tmp/err";
    fails=$((fails + 1)); }
}

# gen FILE SCALE_HOT SCALE_PARSER ALLOCS [RUN]: 10 samples of 3 benchmarks,
# deterministic spread of +-0.05 %.
gen() {
  awk -v hot="$2" -v par="$3" -v al="$4" -v run="${5:-}" 'BEGIN {
    print "goos: linux"; print "pkg: example"
    if (run != "") print "run: " run
    for (i = 0; i < 10; i++) {
      d = 1 + ((i * 7) % 10 - 4.5) / 9000
      printf "BenchmarkHotPath_a-8 1000000 %.4f ns/op 64 B/op %d allocs/op\n", 100 * hot * d, al
      printf "BenchmarkParser_x-8 100000 %.4f ns/op\n", 2000 * par * d
      printf "BenchmarkCopy-8 100000 %.4f ns/op %.4f MB/s\n", 500 * d, 2000 / d
    }
  }' > "$1"
}
gen "$tmp/old.txt" 1 1 2
gen "$tmp/same.txt" 1 1 2
gen "$tmp/slow.txt" 1.10 1 2          # HotPath +10 %
gen "$tmp/tiny.txt" 1.003 1 2         # HotPath +0.3 %
gen "$tmp/alloc.txt" 1 1 3            # one more allocation
gen "$tmp/fast.txt" 0.8 0.8 2         # both faster

status identical 0 "$B" "$tmp/old.txt" "$tmp/same.txt"
expect identical-summary "summary: 0 regressed, 0 improved" "$tmp/out"
expect identical-geomean "geomean" "$tmp/out"

status regressed 1 "$B" --threshold 'BenchmarkHotPath_*=2' "$tmp/old.txt" "$tmp/slow.txt"
expect regressed-verdict "regressed [gate 2%]" "$tmp/out"
expect regressed-summary "gate FAILED" "$tmp/out"

# a real 0.3 % shift does not fail a 2 % gate ...
status tiny-gated 0 "$B" --threshold 2 "$tmp/old.txt" "$tmp/tiny.txt"
# ... but fails with no threshold at all
status tiny-ungated 1 "$B" "$tmp/old.txt" "$tmp/tiny.txt"

printf '# CI gate\nBenchmarkHotPath_*  < 2%%\nBenchmarkParser_* < 5%%\n*  allocs/op  < 0%%\n' > "$tmp/ci.gate"
status gate-allocs 1 "$B" --gate "$tmp/ci.gate" "$tmp/old.txt" "$tmp/alloc.txt"
expect gate-allocs-row "allocs/op" "$tmp/out"
status gate-improved 0 "$B" --gate "$tmp/ci.gate" --holm "$tmp/old.txt" "$tmp/fast.txt"
expect gate-improved-verdict "improved" "$tmp/out"
expect gate-holm "p (Holm)" "$tmp/out"

# formats
status json 1 "$B" --format json --fdr "$tmp/old.txt" "$tmp/slow.txt"
expect json-gate '"gate_failed":true' "$tmp/out"
expect json-adjust '"adjust":"bh"' "$tmp/out"
status csv 0 "$B" --format csv "$tmp/old.txt" "$tmp/same.txt"
expect csv-header "name,unit,config,presence" "$tmp/out"
status markdown 0 "$B" --format markdown "$tmp/old.txt" "$tmp/same.txt"
expect markdown-table "| HotPath_a-8" "$tmp/out"

# several files per side: each file is a run; 5 runs a side are compared
for i in 1 2 3 4 5; do
  s=$(awk -v i=$i 'BEGIN { printf "%.3f", 1 + (i - 3) / 100 }')
  gen "$tmp/o$i.txt" "$s" 1 2
  gen "$tmp/n$i.txt" "$s" 1 2
done
status runs 0 "$B" "$tmp"/o1.txt "$tmp"/o2.txt "$tmp"/o3.txt "$tmp"/o4.txt \
  "$tmp"/o5.txt -- "$tmp"/n1.txt "$tmp"/n2.txt "$tmp"/n3.txt "$tmp"/n4.txt "$tmp"/n5.txt
expect runs-n "5+5 runs" "$tmp/out"
status runs-old-new 0 "$B" --old "$tmp/o1.txt" --old "$tmp/o2.txt" --new "$tmp/n1.txt" --new "$tmp/n2.txt"
expect runs-advice "advice:" "$tmp/out"
# a run key inside one file
cat "$tmp/o1.txt" "$tmp/o2.txt" > "$tmp/cat.txt"
gen "$tmp/r1.txt" 1 1 2 1; gen "$tmp/r2.txt" 1 1 2 2; cat "$tmp/r1.txt" "$tmp/r2.txt" > "$tmp/runkey.txt"
status runkey 0 "$B" --runs on "$tmp/runkey.txt" "$tmp/runkey.txt"
expect runkey-n "2+2 runs" "$tmp/out"

# assume=exact: one sample a side decides (allocs/op 3 -> 4 fails a 0 %
# rule); without the Unit line the same files are not enough data
printf 'Unit allocs/op assume=exact\nBenchmarkX-8 10 3 allocs/op\n' >"$tmp/ex-old.txt"
printf 'BenchmarkX-8 10 4 allocs/op\n' >"$tmp/ex-new.txt"
status exact-regressed 1 "$B" "$tmp/ex-old.txt" "$tmp/ex-new.txt"
expect exact-summary "1 regressed" "$tmp/out"
printf 'BenchmarkX-8 10 3 allocs/op\n' >"$tmp/ex-plain.txt"
status exact-undeclared 0 "$B" "$tmp/ex-plain.txt" "$tmp/ex-new.txt"
expect exact-undeclared-summary "1 inconclusive" "$tmp/out"
status exact-option 1 "$B" --exact "$tmp/ex-plain.txt" "$tmp/ex-new.txt"
expect exact-option-summary "1 regressed" "$tmp/out"

# benchmarks on one side only
grep -v Parser "$tmp/old.txt" > "$tmp/noparser.txt"
status one-sided 0 "$B" "$tmp/noparser.txt" "$tmp/same.txt"
expect one-sided-row "only in $tmp/same.txt" "$tmp/out"

# usage and input errors exit 2, naming file and line
status usage-none 2 "$B"
status usage-one 2 "$B" "$tmp/old.txt"
status usage-opt 2 "$B" --bogus "$tmp/old.txt" "$tmp/same.txt"
status usage-format 2 "$B" --format xml "$tmp/old.txt" "$tmp/same.txt"
status missing-file 2 "$B" "$tmp/old.txt" "$tmp/nonexistent.txt"
printf 'goos: linux\nBenchmarkX-8 100 5 ns/op\nBenchmarkBad-8 abc ns/op\n' > "$tmp/bad.txt"
status malformed 2 "$B" "$tmp/old.txt" "$tmp/bad.txt"
expect malformed-line "bad.txt:3:" "$tmp/err"
printf 'BenchmarkA_* < 2%%\nBenchmarkB_* < 5\n' > "$tmp/bad.gate"
status bad-gate 2 "$B" --gate "$tmp/bad.gate" "$tmp/old.txt" "$tmp/same.txt"
expect bad-gate-line "bad.gate:2: missing '%' after 5" "$tmp/err"
status help 0 "$B" --help
expect help-usage "usage: pwf-compare" "$tmp/out"

echo "pwf-compare: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
