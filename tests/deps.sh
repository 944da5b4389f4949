#!/bin/sh
# deps.sh -- install what the test suite needs when it is missing: as root (or
# through sudo) with apt-get; otherwise say exactly what to install.
set -u
need=""
have() { command -v "$1" >/dev/null 2>&1; }
pkg_check() { pkg-config --exists check 2>/dev/null; }
have pkg-config || need="$need pkg-config"
have pkg-config && pkg_check || need="$need check"
have mandoc || need="$need mandoc"
have abidiff || need="$need abigail-tools"
have c++ || need="$need g++"
# the integration tests run the real tools: promtool and prometheus, the strict
# OpenMetrics parser of python3-prometheus-client, HdrHistogram's Java reader
have promtool || need="$need prometheus"
have python3 || need="$need python3"
/usr/bin/python3 -c 'import prometheus_client' 2>/dev/null || need="$need python3-prometheus-client"
[ -f /usr/share/java/hdrhistogram.jar ] || need="$need libhdrhistogram-java"
have java || need="$need default-jre-headless"
have curl || need="$need curl"
[ -n "${PWF_DEPS_EXTRA:-}" ] && need="$need $PWF_DEPS_EXTRA"
[ -z "$need" ] && exit 0
echo "deps: the tests need:$need"
if have apt-get; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""
  elif have sudo && sudo -n true 2>/dev/null; then sudo="sudo"
  else
    echo "deps: run as root: apt-get install -y$need"; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq $need >/dev/null ||
    { echo "deps: apt-get install$need failed"; exit 1; }
  echo "deps: installed$need"
else
  echo "deps: install these packages (Debian names):$need"; exit 1
fi
