#!/bin/sh
# install-test.sh MAKE -- install into a temporary DESTDIR, build a C and a C++
# consumer against the installed copy through pkg-config, linked dynamically
# and statically, run all four, then uninstall and check nothing is left.
set -eu
make=${1:-make}
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pwf-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest prefix=/opt/perfwf
$make --no-print-directory -s install DESTDIR="$dest" PREFIX="$prefix" >/dev/null
root=$dest$prefix
export PKG_CONFIG_PATH="$root/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
# the .pc names the final prefix; the sysroot maps it into DESTDIR
cflags=$(pkg-config --cflags perfwf) libs=$(pkg-config --libs perfwf)
slibs=$(pkg-config --static --libs perfwf)
case "$slibs" in *-lm*) ;; *) echo "install-test: -lm missing from Libs.private"; exit 1;; esac
[ "$(pkg-config --modversion perfwf)" = "$(sed -n 's/^#define PWF_VERSION_MAJOR \([0-9]*\)/\1/p' "$top/include/perfwf/version.h").$(sed -n 's/^#define PWF_VERSION_MINOR \([0-9]*\)/\1/p' "$top/include/perfwf/version.h").$(sed -n 's/^#define PWF_VERSION_PATCH \([0-9]*\)/\1/p' "$top/include/perfwf/version.h")" ] ||
  { echo "install-test: pkg-config version differs from the header"; exit 1; }
cc=${CC:-cc} cxx=${CXX:-c++}
# shellcheck disable=SC2086
$cc -std=c99 -Wall -Wextra -Wpedantic -Werror $cflags -o "$tmp/c_dyn" "$top/tests/consumer.c" $libs
$cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror $cflags -o "$tmp/cxx_dyn" "$top/tests/consumer.cpp" $libs
sl=$(echo "$slibs" | sed 's/-lperfwf/-Wl,-Bstatic -lperfwf -Wl,-Bdynamic/')
$cc -std=c99 -Wall -Wextra -Wpedantic -Werror $cflags -o "$tmp/c_static" "$top/tests/consumer.c" $sl
$cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror $cflags -o "$tmp/cxx_static" "$top/tests/consumer.cpp" $sl
for p in c_dyn cxx_dyn; do
  LD_LIBRARY_PATH="$root/lib" "$tmp/$p" >/dev/null
  LD_LIBRARY_PATH="$root/lib" ldd "$tmp/$p" | grep -q "$root/lib/libperfwf.so.1" ||
    { echo "install-test: $p is not linked to the installed libperfwf.so.1"; exit 1; }
done
for p in c_static cxx_static; do
  "$tmp/$p" >/dev/null
  ! ldd "$tmp/$p" | grep -q libperfwf || { echo "install-test: $p is not static"; exit 1; }
done
n=$(find "$dest" -type f -o -type l | wc -l)
$make --no-print-directory -s uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null
left=$(find "$dest" -type f -o -type l)
[ -z "$left" ] || { echo "install-test: uninstall left:"; echo "$left"; exit 1; }
echo "install-test: $n files installed; C and C++ consumers ran (dynamic and static); uninstall left 0 files"
