/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz-capdlc.c: libFuzzer harness for the capdlc front end.
 *
 * One input is one spec file. It goes through what `capdlc check` and
 * `capdlc print|json|dot` do (main.c, front_end()):
 *
 *   parse_buffer -> model_build -> checks_run(CHECKS_CAPDL) and
 *   checks_run(CHECKS_BOOT) -> print_cdl, print_json, print_dot
 *
 * The printers run, as in capdlc, only when the model was built and the
 * capDL-level checks found no error. Their output and the diagnostics go
 * to /dev/null: nothing is printed on the terminal. Everything is freed,
 * so LeakSanitizer sees every leak.
 *
 * Size limits: a few bytes declare an array of up to MAX_OBJECTS (2^24)
 * objects, and the work grows with the objects, not with the input. Under
 * ASan, UBSan and coverage instrumentation the printers take about 100
 * times as long as in capdlc (x[2000000] = ep: 0.24 s in capdlc, 23 s
 * here), which libFuzzer reports as timeouts that are not bugs. So the
 * checks run for models of at most FUZZ_MAX_CHECK_OBJECTS objects and the
 * printers for at most FUZZ_MAX_EMIT_OBJECTS; parse_buffer() and
 * model_build() always run (they hold the MAX_OBJECTS limit itself). The
 * code paths do not depend on the number of elements of an array beyond
 * a few, so nothing is lost for finding bugs.
 *
 * Build: docs/fuzzing.md (meson setup build-fuzz --native-file tests/fuzz/fuzz.ini).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "checks.h"
#include "model.h"
#include "print.h"

#define FUZZ_MAX_CHECK_OBJECTS 1000000
#define FUZZ_MAX_EMIT_OBJECTS 16384

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

/* Once, before the first input: the stream is not charged to an input
 * (libFuzzer suspects a leak when an input allocates more than it frees). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* parse_buffer() scans in place: buf[len] and buf[len + 1] must be 0. */
	char *buf = malloc(size + 2);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	buf[size] = buf[size + 1] = 0;

	/* As main.c: struct compile zeroed, then diag_init, symtab_init. */
	struct arena arena;
	struct symtab syms;
	struct diag_ctx diag;
	struct ast_spec spec;
	struct model model;
	memset(&arena, 0, sizeof(arena));
	memset(&syms, 0, sizeof(syms));
	memset(&spec, 0, sizeof(spec));
	memset(&model, 0, sizeof(model));
	diag_init(&diag, "<fuzz>");
	symtab_init(&syms, &arena);

	struct parse_ctx p = {&arena, &syms, &diag, &spec, false};
	bool parsed = parse_buffer(&p, buf, size);
	/* front_end() frees the text right after parsing: names are interned
	 * and fill words copied. Doing the same lets ASan catch any pointer
	 * into the input that survives the parse. */
	free(buf);

	if (parsed) {
		model.arena = &arena;
		model.syms = &syms;
		model.diag = &diag;
		if (model_build(&model, &spec) && model.objs.n <= FUZZ_MAX_CHECK_OBJECTS) {
			/* `capdlc print|json|dot`: capDL-level checks, emit if no error. */
			checks_run(&model, CHECKS_CAPDL);
			bool emit = diag.errors == 0;
			/* `capdlc check`: the boot checks as well. checks_run() only
			 * reports, so running it twice on one model is fine. */
			checks_run(&model, CHECKS_BOOT);
			if (emit && model.objs.n <= FUZZ_MAX_EMIT_OBJECTS) {
				print_cdl(&model, devnull);
				print_json(&model, devnull);
				print_dot(&model, devnull);
			}
		}
	}

	/* Format the diagnostics as capdlc does, into /dev/null. */
	diag_flush(&diag, devnull);
	fflush(devnull);

	model_free(&model);
	diag_free(&diag);
	symtab_free(&syms);
	arena_free(&arena);
	return 0;
}
