# waymark: a plain Makefile driven by pkg-config (see docs/ARCHITECTURE.md).
#
#   make              build build/waymark
#   make check        build and run every test
#   make SAN=1 check  the same under AddressSanitizer and UBSan (in build-san/)
#   make WERROR=1     treat warnings as errors (CI does)
#   make bench        run the benchmarks in bench/

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = jansson yaml-0.1 sqlite3

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
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lstemmer -lcsv -lm
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC = src/lib/csvread.c src/lib/diag.c src/lib/err.c src/lib/strbuf.c \
	src/lib/strset.c src/lib/term.c src/lib/text.c src/lib/xalloc.c
KB_SRC = src/kb/check.c src/kb/crosswalk.c src/kb/json.c src/kb/load.c \
	src/kb/search.c
STORE_SRC = src/store/checkpoint.c src/store/db.c src/store/project.c src/store/response.c \
	src/store/sqlite.c src/store/store.c
ASSESS_SRC = src/assess/assessment.c src/assess/assessment_json.c \
	src/assess/demo.c src/assess/project.c src/assess/project_json.c src/assess/score.c \
	src/assess/stakeholder_csv.c
PLAN_SRC = src/plan/gate.c src/plan/render.c src/plan/roadmap.c
SURVEY_SRC = src/survey/build.c src/survey/csv.c src/survey/fhir.c \
	src/survey/survey.c
CLI_SRC = src/cli/action.c src/cli/assess.c src/cli/cli.c src/cli/commands.c src/cli/demo.c \
	src/cli/help.c src/cli/kb.c \
	src/cli/gate.c src/cli/opts.c src/cli/project.c src/cli/roadmap.c \
	src/cli/stakeholder.c \
	src/cli/survey.c src/cli/version.c
KB_DATA = $(sort $(wildcard kb/*.yaml))

CORE_OBJ = $(patsubst src/%.c,$(O)/%.o,$(LIB_SRC) $(KB_SRC) $(STORE_SRC) \
	$(ASSESS_SRC) $(SURVEY_SRC) $(PLAN_SRC)) $(O)/kb_data.o
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
	$(QUIET_GEN)$(O)/mkembed $@ $(KB_DATA)

$(O)/kb_data.o: $(O)/kb_data.c $(O)/.flags
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
