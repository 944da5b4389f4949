#!/bin/sh
# export-prometheus.sh -- a real Prometheus scrapes pwf-service: the 0.99
# quantile over the classic buckets (text format) and over the native
# histogram (protobuf, --enable-feature=native-histograms) agrees with the
# library's own p99 within the bucket error, and the count equals the
# number of requests recorded.  Two Prometheus servers run side by side on
# 127.0.0.1, storage in a temporary directory, scrape interval 1 s.
# Run by `make check-integration` with O set.
. tests/integration/export-common.inc
N=20000

if ! command -v prometheus >/dev/null 2>&1; then
  skip "prometheus not installed (Debian package prometheus)"
  exit 0
fi
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# query PORT EXPR: the value of an instant query, or nothing
query() {
  /usr/bin/python3 - "$1" "$2" <<'PY' 2>/dev/null || true
import json, sys, urllib.parse, urllib.request
u = "http://127.0.0.1:%s/api/v1/query?query=%s" % (sys.argv[1], urllib.parse.quote(sys.argv[2]))
r = json.load(urllib.request.urlopen(u, timeout=2))["data"]["result"]
if r:
    print(r[0]["value"][1])
PY
}
start_prom() { # NAME [FLAGS...]; sets the port variable NAME_port
  name=$1
  shift
  port=$(free_port)
  mkdir -p "$tmp/$name"
  cat >"$tmp/$name/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: pwf
    static_configs:
      - targets: ['127.0.0.1:$svc_port']
YML
  prometheus --config.file="$tmp/$name/prometheus.yml" \
    --storage.tsdb.path="$tmp/$name/data" \
    --web.listen-address="127.0.0.1:$port" --log.level=warn "$@" \
    >"$tmp/$name/log" 2>&1 &
  pids="$pids $!"
  eval "${name}_port=$port"
}

start_service --threads 4 --requests $N --rate 0
wait_count $N
lib_p99=$(fetch /json | /usr/bin/python3 -c '
import json, sys
print([q["value"] for q in json.load(sys.stdin)["quantiles"] if q["q"] == 0.99][0])')
start_prom classic
start_prom native --enable-feature=native-histograms

M=pwf_service_request_duration_seconds
i=0
qc="" qn="" cc="" cn=""
while [ $i -lt 60 ]; do
  [ -n "$qc" ] || qc=$(query "$classic_port" "histogram_quantile(0.99, ${M}_bucket)")
  [ -n "$cc" ] || cc=$(query "$classic_port" "${M}_count")
  [ -n "$qn" ] || qn=$(query "$native_port" "histogram_quantile(0.99, $M)")
  [ -n "$cn" ] || cn=$(query "$native_port" "histogram_count($M)")
  if [ -n "$qc" ] && [ -n "$cc" ] && [ -n "$qn" ] && [ -n "$cn" ]; then
    break
  fi
  sleep 0.5
  i=$((i + 1))
done
[ -n "$qc$cc" ] || { cat "$tmp/classic/log"; }
[ -n "$qn$cn" ] || { cat "$tmp/native/log"; }

# within: relative difference of A from B at most TOL
within() {
  /usr/bin/python3 -c "import sys; a, b, t = map(float, sys.argv[1:]); sys.exit(0 if abs(a - b) <= t * b else 1)" "$1" "$2" "$3"
}
# classic buckets are 4 per power of two: a quantile is off by at most one
# bucket width, 2^(1/4) - 1 = 18.9 %; native schema 8: 2^(1/256) - 1 per
# bucket, doubled for the two rank rules (Prometheus q*count, the library
# ceil(q*count) and bucket midpoints): 0.54 %
echo "library p99 $lib_p99; Prometheus classic $qc, native $qn; counts $cc, $cn"
if [ -z "$qc" ] || ! within "$qc" "$lib_p99" 0.1892; then
  fail "classic histogram_quantile $qc vs library p99 $lib_p99"
fi
if [ -z "$qn" ] || ! within "$qn" "$lib_p99" 0.0055; then
  fail "native histogram_quantile $qn vs library p99 $lib_p99"
fi
[ "$cc" = "$N" ] || fail "classic _count $cc, recorded $N"
[ "$cn" = "$N" ] || fail "native histogram_count $cn, recorded $N"
[ $fails -eq 0 ] && echo "ok Prometheus agrees (classic and native)"
[ $fails -eq 0 ]
