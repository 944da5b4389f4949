#!/bin/sh
# pwf-model.sh -- runs each pwf-model subcommand and checks key outputs.
# Run by `make check-integration` with O set to the build directory.
set -eu
B=${O:-build}/bin/pwf-model
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pwf-model.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
# expect NAME PATTERN OUTPUT: OUTPUT must contain PATTERN (fixed string)
expect() {
  case "$3" in
    *"$2"*) ;;
    *) echo "FAIL $1: wanted '$2' in:"; echo "$3"; fails=$((fails + 1));;
  esac
}
# status NAME WANT CMD...: CMD must exit with WANT
status() {
  n=$1 w=$2; shift 2
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
  [ "$rc" -eq "$w" ] || { echo "FAIL $n: exit $rc, wanted $w"; fails=$((fails + 1)); }
}

# Amdahl from profile counts: p = 0.38, s = 8 -> 1 / 0.6675 = 1.498;
# Wilson bounds as R prop.test(1140, 3000, correct = FALSE): 0.3628 .. 0.3975
out=$($B amdahl --samples 1140/3000 --speedup 8)
expect amdahl-text "predicted overall speedup: 1.498 (95% CI 1.465 .. 1.533)" "$out"
expect amdahl-ceiling "ceiling (s -> infinity): 1.613" "$out"
out=$($B amdahl --samples 1140/3000 --speedup 8 --json)
expect amdahl-json '"p": {"estimate": 0.38, "lo": 0.3627948815, "hi": 0.3975120422}' "$out"
out=$($B amdahl --fraction 0.5 --target 1.6)
expect amdahl-required "required local speedup: 4" "$out"
out=$($B amdahl --fraction 0.95 --processors 16 --json)
expect amdahl-gustafson '"gustafson": 15.25' "$out"
out=$($B amdahl --fraction 0.5 --precision 0.01)
expect amdahl-samples "samples needed: 9600" "$out"
status amdahl-ceiling-unreachable 1 $B amdahl --fraction 0.5 --target 2

# prediction check (values of tests/data/model_ref.h, R delta method)
printf '10.2 9.8 10.5 10.1 9.9 10.4 10.0 10.3\n' > "$tmp/base"
printf '5.1 5.4 4.9 5.3 5.0 5.2 5.6\n' > "$tmp/cand"
printf '10.6 10.3 10.9 10.5 10.2 10.8 10.4 10.7\n' > "$tmp/inst"
out=$($B amdahl --predicted 1.9 --baseline "$tmp/base" --candidate "$tmp/cand")
expect predict "measured 1.947 (95% CI 1.862 .. 2.034)" "$out"
expect predict-verdict "verdict: confirmed" "$out"
out=$($B amdahl --predicted 2.5 --baseline "$tmp/base" --candidate "$tmp/cand" --json)
expect predict-json '"verdict": "falls short"' "$out"
out=$($B amdahl --without "$tmp/base" --with "$tmp/inst")
expect overhead "overhead: 3.94% (95% CI 1.33% .. 6.61%), limit 5.00%: inconclusive" "$out"
out=$($B amdahl --without "$tmp/base" --with "$tmp/inst" --limit 0.1 --json)
expect overhead-json '"verdict": "pass"' "$out"

# USL on Gunther's SPEC SDM91 data: R nls gives sigma 0.02773, kappa 1.044e-4
out=$($B usl 1:64.9 18:995.9 36:1652.4 72:1853.2 108:1828.9 144:1775.0 216:1702.2)
expect usl-sigma "sigma (contention): 0.0277285" "$out"
expect usl-peak "peak concurrency N* = 96.52" "$out"
out=$($B usl 1:64.9 18:995.9 36:1652.4 72:1853.2 108:1828.9 144:1775.0 216:1702.2 --json)
expect usl-json '"kappa": 0.0001043' "$out"
status usl-too-few 1 $B usl 1:10 2:19
status usl-bad-pair 2 $B usl 1-10 2:19 4:30

# M/M/c: Erlang C(3 servers, 2 Erlangs) = 4/9
out=$($B queue --arrival-rate 2 --service-rate 1 --servers 3 --json)
expect queue-erlang '"p_wait": 0.4444444444' "$out"
out=$($B queue --arrival-rate 8 --service-rate 1 --servers 10 --slo 5)
expect queue-p99 "p99 4.94611" "$out"
out=$($B queue --service-rate 1 --servers 4 --slo 10)
expect queue-rate "highest arrival rate with p99 <= 10: 3.5009" "$out"
status queue-unstable 1 $B queue --arrival-rate 2 --service-rate 1
expect queue-unstable-msg "unstable" "$(cat "$tmp/err")"

# SLOs
out=$($B slo --total 1000000 --good 999500 --target 0.999)
expect slo-met "target 99.9%: met" "$out"
expect slo-budget "500 consumed, 50.00% remaining" "$out"
out=$($B slo --total 1000000 --good 998500 --good-hi 999200 --target 0.999 --json)
expect slo-uncertain '"verdict": "uncertain"' "$out"
i=0; : > "$tmp/series"
while [ $i -lt 72 ]; do echo "10000 9995" >> "$tmp/series"; i=$((i + 1)); done
i=0; while [ $i -lt 12 ]; do echo "10000 9800" >> "$tmp/series"; i=$((i + 1)); done
out=$($B slo --series "$tmp/series" --interval 300 --target 0.999)
expect slo-burn-page " 14.4x over 1h and 5min: burn 20 and 20 -> FIRES" "$out"
expect slo-burn-6h "6.0x over 6h and 30min: burn 3.75 and 20 -> quiet" "$out"
expect slo-burn-ticket "(series shorter than window) -> FIRES" "$out"
out=$($B slo --budgets 20,45,30 --slo 100 --json)
expect slo-latency '"fits": true' "$out"
out=$($B slo --budgets 20,45,30 --slo 100)
expect slo-latency-caveat "percentiles do not add" "$out"

# usage errors: message on stderr, exit 2
status no-args 2 $B
status bad-sub 2 $B frobnicate
status bad-opt 2 $B amdahl --samples 1/2 --speedup 2 --bogus 1
expect usage-stderr "usage: pwf-model" "$(cat "$tmp/err")"
status bad-num 2 $B amdahl --fraction x --speedup 2
expect bad-num-stderr "not a number: x" "$(cat "$tmp/err")"
status missing-value 2 $B queue --service-rate

[ $fails -eq 0 ] || { echo "pwf-model.sh: $fails checks failed"; exit 1; }
echo "pwf-model.sh: all checks passed"
