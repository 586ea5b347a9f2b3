# waymark: a plain Makefile driven by pkg-config (see docs/ARCHITECTURE.md).
#
#   make              build build/waymark
#   make check        build and run every test
#   make SAN=1 check  the same under AddressSanitizer and UBSan (in build-san/)
#   make WERROR=1     treat warnings as errors (CI does)
#   make bench        run the benchmarks in bench/

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = jansson yaml-0.1 sqlite3 libpq libmicrohttpd libsodium

ifeq ($(SAN),1)
O ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
OPT = -O1 -g
else
O ?= build
SANFLAGS =
OPT = -O2 -g
endif

WARN = -Wall -Wextra -Wshadow -Wpointer-arith -Wcast-align -Wwrite-strings \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla \
	-Wundef -Wno-missing-field-initializers
ifeq ($(WERROR),1)
WARN += -Werror
endif

CFLAGS ?= $(OPT)
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(SANFLAGS) $(CFLAGS) \
	-Isrc -include src/lib/banned.h \
	$(shell $(PKG_CONFIG) --cflags $(PKGS))
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lstemmer -lcsv -lm -lpthread
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Every C file of a module folder is part of it: adding a file needs no edit here.
src_of = $(sort $(wildcard src/$(1)/*.c))
LIB_SRC = $(call src_of,lib)
KB_SRC = $(call src_of,kb)
STORE_SRC = $(call src_of,store)
ASSESS_SRC = $(call src_of,assess)
PLAN_SRC = $(call src_of,plan)
SURVEY_SRC = $(call src_of,survey)
AUTH_SRC = $(call src_of,auth)
TRACK_SRC = $(call src_of,track)
WEB_SRC = $(call src_of,web)
CLI_SRC = $(filter-out src/cli/main.c,$(call src_of,cli))
KB_DATA = $(sort $(wildcard kb/*.yaml))
WEB_DATA = $(sort $(wildcard web/static/*))

CORE_OBJ = $(patsubst src/%.c,$(O)/%.o,$(LIB_SRC) $(KB_SRC) $(STORE_SRC) \
	$(ASSESS_SRC) $(SURVEY_SRC) $(PLAN_SRC) $(AUTH_SRC) $(TRACK_SRC) $(WEB_SRC)) $(O)/kb_data.o \
	$(O)/web_data.o
CLI_OBJ = $(patsubst src/%.c,$(O)/%.o,$(CLI_SRC))

UNIT_TESTS = $(patsubst tests/unit/%.c,$(O)/tests/%,$(wildcard tests/unit/test-*.c))

ifneq ($(V),1)
Q = @
QUIET_CC = @echo '   CC      '$@;
QUIET_LINK = @echo '   LINK    '$@;
QUIET_GEN = @echo '   GEN     '$@;
endif

all: $(O)/waymark

$(O)/waymark: $(CORE_OBJ) $(CLI_OBJ) $(O)/cli/main.o
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# Rebuild everything when the flags change (say, WERROR=1 after a plain make).
$(O)/.flags: FORCE
	@mkdir -p $(O)
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' >$@

$(O)/%.o: src/%.c $(O)/.flags
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/mkembed: tools/mkembed.c
	@mkdir -p $(O)
	$(QUIET_LINK)$(CC) -std=c17 -O2 -Wall -Wextra -o $@ $<

$(O)/kb_data.c: $(O)/mkembed $(KB_DATA)
	$(QUIET_GEN)$(O)/mkembed $@ kb_builtin $(KB_DATA)

$(O)/web_data.c: $(O)/mkembed $(WEB_DATA)
	$(QUIET_GEN)$(O)/mkembed $@ web_static $(WEB_DATA)

$(O)/%_data.o: $(O)/%_data.c $(O)/.flags
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(CORE_OBJ) $(ALL_LDFLAGS) \
		$(LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do $$t || exit 1; done

check: $(O)/waymark $(UNIT_TESTS)
	@WAYMARK=$(abspath $(O)/waymark) UNIT_TESTS="$(UNIT_TESTS)" \
		sh tests/run.sh

bench: $(O)/waymark
	sh bench/run.sh $(O)/waymark

clean:
	rm -rf build build-san

.PHONY: all unit check bench clean FORCE
.SUFFIXES:

-include $(shell find $(O) -name '*.d' 2>/dev/null)
