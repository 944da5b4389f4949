# libperfwf -- GNU Makefile, no configure step.
#
#   make                 library (static + shared), pkg-config file, drivers
#   make demo            build and run pwf-demo (the README's first command)
#   make check           the whole test suite (the README's second command)
#   make check-unit      Check suites only      make check-sanitize  ASan+UBSan
#   make check-tsan      TSan on the concurrent code
#   make check-lzcnt     the suite built with -mlzcnt (inline path)
#   make check-abi       abidiff against abi/libperfwf.abi
#   make bench           build and run the benchmarks in bench/
#   make bench-compare BASE=FILE   gate a new run of bench_lib on FILE
#   make install / uninstall   (PREFIX, DESTDIR, LIBDIR, INCLUDEDIR, MANDIR,
#                               PKGCONFIGDIR, BINDIR)
#
# Outputs go under $(O) (default build/): lib/, bin/, obj/, tests/, bench/.

# ---- user-overridable --------------------------------------------------
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR      ?=
CC           ?= cc
AR           ?= ar
INSTALL      ?= install
PKG_CONFIG   ?= pkg-config
CFLAGS       ?= -O2 -g
CPPFLAGS     ?=
LDFLAGS      ?=
O            ?= build
# WERROR=1 turns warnings into errors (CI); SAN=... adds -fsanitize=...
WERROR       ?=
SAN          ?=

# ---- version: read from the header, the single source ------------------
VHDR    := include/perfwf/version.h
MAJOR   := $(shell sed -n 's/^\#define PWF_VERSION_MAJOR \([0-9]*\).*/\1/p' $(VHDR))
MINOR   := $(shell sed -n 's/^\#define PWF_VERSION_MINOR \([0-9]*\).*/\1/p' $(VHDR))
PATCH   := $(shell sed -n 's/^\#define PWF_VERSION_PATCH \([0-9]*\).*/\1/p' $(VHDR))
VERSION := $(MAJOR).$(MINOR).$(PATCH)
SONAME  := libperfwf.so.$(MAJOR)
SHLIB   := libperfwf.so.$(VERSION)

# ---- flags always applied -----------------------------------------------
WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wcast-qual -Wundef
ifneq ($(WERROR),)
WARN += -Werror
endif
ifneq ($(SAN),)
SANFLAGS := -fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
PWF_CFLAGS   := -std=c99 $(WARN) $(SANFLAGS)
PWF_CPPFLAGS := -D_GNU_SOURCE -Iinclude -Isrc
LIB_CFLAGS   := -fPIC -fvisibility=hidden -fno-semantic-interposition
LIBS         := -lm -pthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

# ---- sources --------------------------------------------------------------
MAP       := src/libperfwf.map
LIB_SRCS  := $(sort $(wildcard src/*.c))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(O)/obj/%.o)
HDRS      := include/perfwf.h $(sort $(wildcard include/perfwf/*.h))
TOOL_SRCS := $(sort $(wildcard src/tools/*.c))
TOOLS     := $(TOOL_SRCS:src/tools/%.c=$(O)/bin/%)
TEST_SRCS := $(sort $(filter-out tests/check_main.c,$(wildcard tests/check_*.c)))
TEST_MODS := $(TEST_SRCS:tests/check_%.c=%)
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(O)/tests/%.o) $(O)/tests/check_main.o
BENCH_SRCS:= $(sort $(wildcard bench/*.c))
BENCHES   := $(BENCH_SRCS:bench/%.c=$(O)/bench/%)
MAN1      := $(sort $(wildcard man/man1/*.1))
MAN3      := $(sort $(wildcard man/man3/*.3))
MAN7      := $(sort $(wildcard man/man7/*.7))

STATIC  := $(O)/lib/libperfwf.a
SHARED  := $(O)/lib/$(SHLIB)
PC      := $(O)/lib/perfwf.pc
# Programs built here find the in-tree library; installed drivers find
# $(LIBDIR) through $ORIGIN/../lib when LIBDIR is PREFIX/lib.
RPATH_TREE := -Wl,-rpath,$(abspath $(O)/lib)
RPATH_TOOL := -Wl,-rpath,'$$ORIGIN/../lib'

.PHONY: all lib tools demo check check-all check-unit check-symbols check-docs \
        check-sanitize check-integer check-tsan check-lzcnt check-abi abi-dump \
        check-install check-valgrind coverage fuzz \
        check-integration lint-man bench bench-compare install uninstall clean $(PC)

all: lib tools

lib: $(STATIC) $(SHARED) $(PC)

tools: $(TOOLS)

$(O)/obj/%.o: src/%.c $(HDRS) $(wildcard src/*.h) | $(O)/obj
	$(CC) $(PWF_CPPFLAGS) $(CPPFLAGS) $(PWF_CFLAGS) $(LIB_CFLAGS) $(CFLAGS) -c $< -o $@

$(O)/obj $(O)/lib $(O)/bin $(O)/tests $(O)/bench:
	mkdir -p $@

$(STATIC): $(LIB_OBJS) | $(O)/lib
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(SHARED): $(LIB_OBJS) $(MAP) | $(O)/lib
	$(CC) -shared $(SANFLAGS) $(CFLAGS) $(LDFLAGS) -Wl,-soname,$(SONAME) \
	  -Wl,--version-script=$(MAP) -Wl,--no-undefined -o $@ $(LIB_OBJS) $(LIBS)
	ln -sf $(SHLIB) $(O)/lib/$(SONAME)
	ln -sf $(SONAME) $(O)/lib/libperfwf.so

# .PHONY so that a new PREFIX is always written (a stale .pc is a real bug).
$(PC): pkgconfig/perfwf.pc.in | $(O)/lib
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    $< > $@

$(O)/bin/%: src/tools/%.c $(SHARED) $(HDRS) | $(O)/bin
	$(CC) $(PWF_CPPFLAGS) $(CPPFLAGS) $(PWF_CFLAGS) $(CFLAGS) $(LDFLAGS) \
	  -o $@ $< -L$(O)/lib -lperfwf $(RPATH_TOOL) $(LIBS)

demo: $(O)/bin/pwf-demo
	$(O)/bin/pwf-demo

# ---- tests -----------------------------------------------------------------
# The suite list is generated from the file names: tests/check_<m>.c defines
# Suite *pwf_<m>_suite(void).
$(O)/tests/suites.h: $(TEST_SRCS) | $(O)/tests
	{ for m in $(TEST_MODS); do echo "PWF_SUITE($$m)"; done; } > $@.tmp
	if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(O)/tests/%.o: tests/%.c $(HDRS) $(wildcard src/*.h) tests/check_util.h \
                $(O)/tests/suites.h
	$(CC) $(PWF_CPPFLAGS) -I$(O)/tests -Itests $(CPPFLAGS) $(PWF_CFLAGS) \
	  $(CHECK_CFLAGS) $(CFLAGS) -c $< -o $@

# Internal modules that a suite calls directly (tests/check_numfmt.c), and
# what they use: the shared library does not export them, so their objects
# are linked into the test program beside it.
TEST_INTERNAL := $(O)/obj/numfmt.o $(O)/obj/decimal.o

$(O)/tests/check_perfwf: $(TEST_OBJS) $(TEST_INTERNAL) $(SHARED)
	$(CC) $(SANFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJS) \
	  $(TEST_INTERNAL) -L$(O)/lib -lperfwf $(RPATH_TREE) $(CHECK_LIBS) \
	  $(LIBS)

# deps.sh may install Check; the recursive make then sees its pkg-config.
check:
	@sh tests/deps.sh
	@$(MAKE) --no-print-directory check-all

check-all: all check-unit check-symbols check-docs lint-man check-install \
           check-integration
	@echo "make check: all checks passed"

check-unit: $(O)/tests/check_perfwf
	PWF_TAP=$(O)/tests/check_perfwf.tap $(O)/tests/check_perfwf

# nm -D of the shared library must equal the names in the version script.
check-symbols: $(SHARED)
	@sh tests/check-symbols.sh $(SHARED) $(MAP)

# Every exported name has a man page, a declaration and a test.
check-docs:
	@sh tests/check-docs.sh $(MAP)

# .so alias pages are one line (checked by check-docs); lint the real pages.
lint-man:
	@pages=$$(grep -L '^\.so ' $(MAN1) $(MAN3) $(MAN7)); \
	out=$$(mandoc -T lint -W warning $$pages 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	echo "lint-man: $$(echo $$pages | wc -w) pages clean, $$(grep -l '^\.so ' $(MAN1) $(MAN3) $(MAN7) | wc -l) aliases"

check-install: lib
	@sh tests/install-test.sh "$(MAKE)"

# Integration scripts: tests/integration/*.sh, each self-contained.
check-integration: all
	@set -e; for t in $(sort $(wildcard tests/integration/*.sh)); do \
	  echo "== $$t"; O=$(O) sh $$t; done

check-sanitize:
	$(MAKE) O=$(O)/asan SAN=address,undefined check-unit

# clang's UBSan with -fsanitize=integer (unsigned wrap-around, implicit
# conversions that change a value).  Intended wrap-around (hashes, the
# generators) is excluded per function with PWF__NO_SANITIZE_INTEGER, each
# use documented at its definition in src/internal.h.
check-integer:
	$(MAKE) O=$(O)/int CC=clang SAN=undefined,integer \
	  CFLAGS="-O1 -g -fno-sanitize=unsigned-shift-base" \
	  LDFLAGS="-shared-libsan -Wl,-rpath,$$(clang -print-runtime-dir)" \
	  check-unit

check-tsan:
	$(MAKE) O=$(O)/tsan SAN=thread CFLAGS="-O1 -g" check-unit

# The suite built with -mlzcnt, for the inline record path's leading-zero
# count (pwf_hist_fast_page_() under __LZCNT__); skipped where the CPU has
# no LZCNT ("abm" in /proc/cpuinfo, x86 only).
check-lzcnt:
	@if grep -qw abm /proc/cpuinfo 2>/dev/null; then \
	  $(MAKE) --no-print-directory O=$(O)/lzcnt CFLAGS="-O2 -g -mlzcnt" \
	    check-unit; \
	else echo "check-lzcnt: skipped: this CPU has no LZCNT"; fi

check-abi: $(SHARED)
	@sh tests/check-abi.sh $(SHARED) abi/libperfwf.abi

# The whole suite in one process under memcheck (Check's fork mode off).
check-valgrind: $(O)/tests/check_perfwf
	CK_FORK=no CK_DEFAULT_TIMEOUT=600 valgrind -q --error-exitcode=1 \
	  --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  $(O)/tests/check_perfwf

# Line coverage of src/ by the unit tests (gcovr); COVERAGE_MIN fails below.
COVERAGE_MIN ?= 0
coverage:
	rm -rf $(O)/cov
	$(MAKE) O=$(O)/cov CFLAGS="-O0 -g --coverage -fprofile-update=atomic" LDFLAGS="--coverage" check-unit
	gcovr -r . --object-directory $(O)/cov/obj --filter 'src/[^/]*\.c' \
	  --print-summary --fail-under-line $(COVERAGE_MIN) $(O)/cov/obj

# libFuzzer harnesses tests/fuzz/fuzz_<name>.c, seed corpora in
# tests/fuzz/corpus/<name>/.  Each runs FUZZ_SECONDS on a scratch copy of its
# corpus; crashes are written to $(O)/fuzz/.
FUZZ_SECONDS ?= 10
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZERS   := $(FUZZ_SRCS:tests/fuzz/%.c=$(O)/fuzz/%)
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
$(O)/fuzz/%: tests/fuzz/%.c $(LIB_SRCS) $(HDRS) $(wildcard src/*.h)
	mkdir -p $(O)/fuzz
	clang $(PWF_CPPFLAGS) -std=c99 $(FUZZ_FLAGS) -o $@ $< $(LIB_SRCS) $(LIBS)
fuzz: $(FUZZERS)
	@set -e; for f in $(FUZZERS); do n=$$(basename $$f | sed 's/^fuzz_//'); \
	  rm -rf $(O)/fuzz/run-$$n; mkdir -p $(O)/fuzz/run-$$n; \
	  cp tests/fuzz/corpus/$$n/* $(O)/fuzz/run-$$n/ 2>/dev/null || true; \
	  echo "== fuzz $$n ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(O)/fuzz/ $(O)/fuzz/run-$$n 2>&1 | \
	    grep -E '^(stat::number_of_executed_units|stat::peak_rss|#[0-9]+ +DONE)|ERROR|SUMMARY' ; \
	done

abi-dump: $(SHARED)
	abidw --no-corpus-path --headers-dir include $(SHARED) > abi/libperfwf.abi

# ---- benchmarks ----------------------------------------------------------
# Benchmark programs record the flags they were built with (pwf-bench(1)).
# bench_lib (the library's own benchmarks, written with the harness) saves
# Go-format results to $(O)/bench/results.txt; bench-compare BASE=FILE gates
# a new run against a saved one (exit 1 on a regression beyond
# BENCH_THRESHOLD percent).
BENCH_RESULTS   := $(O)/bench/results.txt
BENCH_THRESHOLD ?= 10

$(O)/bench/%: bench/%.c $(wildcard bench/*.h) $(SHARED) $(HDRS) | $(O)/bench
	$(CC) $(PWF_CPPFLAGS) $(CPPFLAGS) '-DPWF_BENCH_CFLAGS="$(CFLAGS)"' \
	  $(PWF_CFLAGS) $(CFLAGS) $(LDFLAGS) \
	  -o $@ $< -L$(O)/lib -lperfwf $(RPATH_TREE) $(LIBS)

bench: $(BENCHES)
	@for b in $(filter-out $(O)/bench/bench_lib,$(BENCHES)); do \
	  echo "== $$b"; $$b || exit 1; done
	@echo "== $(O)/bench/bench_lib (Go format saved to $(BENCH_RESULTS))"
	$(O)/bench/bench_lib --save $(BENCH_RESULTS)

bench-compare: $(O)/bench/bench_lib
	@test -n "$(BASE)" || { echo "usage: make bench-compare BASE=FILE"; exit 2; }
	$(O)/bench/bench_lib --baseline $(BASE) --threshold $(BENCH_THRESHOLD) \
	  --save $(BENCH_RESULTS)

# ---- install ---------------------------------------------------------------
install: all
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/perfwf \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BINDIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man7
	$(INSTALL) -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libperfwf.a
	$(INSTALL) -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libperfwf.so
	$(INSTALL) -m 644 include/perfwf.h $(DESTDIR)$(INCLUDEDIR)/perfwf.h
	$(INSTALL) -m 644 $(wildcard include/perfwf/*.h) $(DESTDIR)$(INCLUDEDIR)/perfwf/
	$(INSTALL) -m 644 $(PC) $(DESTDIR)$(PKGCONFIGDIR)/perfwf.pc
	$(if $(TOOLS),$(INSTALL) -m 755 $(TOOLS) $(DESTDIR)$(BINDIR)/)
	$(if $(MAN1),$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/)
	$(if $(MAN3),$(INSTALL) -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/)
	$(if $(MAN7),$(INSTALL) -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/)

# Removes exactly the files install wrote, then the directories it created
# if they are left empty.
uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libperfwf.a $(DESTDIR)$(LIBDIR)/$(SHLIB) \
	  $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libperfwf.so \
	  $(DESTDIR)$(INCLUDEDIR)/perfwf.h $(DESTDIR)$(PKGCONFIGDIR)/perfwf.pc \
	  $(addprefix $(DESTDIR)$(INCLUDEDIR)/perfwf/,$(notdir $(wildcard include/perfwf/*.h))) \
	  $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(TOOLS))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))
	-rmdir $(DESTDIR)$(INCLUDEDIR)/perfwf 2>/dev/null

clean:
	rm -rf $(O)
