/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c: the capdlc command line.
 *
 *   capdlc check FILE     diagnostics only
 *   capdlc print FILE     canonical CapDL text (as capDL-tool -t prints it)
 *   capdlc json FILE      the model as JSON (docs/json.md)
 *   capdlc dot FILE       the cap graph for Graphviz
 *
 * Exit status: 0 success (warnings allowed), 1 usage, I/O or syntax error,
 * 2 semantic errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "checks.h"
#include "model.h"
#include "print.h"

#ifndef CAPDL_VERSION
#define CAPDL_VERSION "unknown"
#endif

enum { EXIT_USAGE = 1, EXIT_SEMANTIC = 2 };

static void usage(FILE *f)
{
	fputs("usage: capdlc COMMAND [OPTIONS] FILE\n"
	      "\n"
	      "Commands:\n"
	      "  check FILE        report problems; exit 0 if there are no errors\n"
	      "  print FILE        print the spec as canonical CapDL text\n"
	      "  json FILE         print the model as JSON\n"
	      "  dot FILE          print the cap graph in Graphviz dot\n"
	      "\n"
	      "Options:\n"
	      "  -o FILE           write the output to FILE ('-': standard output)\n"
	      "  --summary         check: also print what the spec describes\n"
	      "  -W<check>         enable a check (as a warning if it is off)\n"
	      "  -Wno-<check>      disable a check\n"
	      "  -Werror=<check>   make a check an error; -Werror: every warning\n"
	      "  -Wno-error=<check> make an error check a warning\n"
	      "  --list-checks     list the checks and their default severity\n"
	      "  -h, --help        show this help\n"
	      "  --version         show the version\n"
	      "\n"
	      "FILE may be '-' for standard input. Exit status: 0 success, 1 usage,\n"
	      "I/O or syntax error, 2 semantic errors. See capdlc(1) in docs/cli.md.\n",
	      f);
}

struct compile {
	struct arena arena;
	struct symtab syms;
	struct diag_ctx diag;
	struct ast_spec spec;
	struct model model;
	char *buf;
};

/* Read, parse and build; returns 0 or an exit status. */
static int front_end(struct compile *c, const char *path, enum check_level level)
{
	size_t len;
	c->buf = read_file(path, &len);
	if (!c->buf) {
		fprintf(stderr, "capdlc: cannot read '%s': %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	symtab_init(&c->syms, &c->arena);
	struct parse_ctx p = {&c->arena, &c->syms, &c->diag, &c->spec, false};
	bool parsed = parse_buffer(&p, c->buf, len);
	free(c->buf); /* names are interned and fill words copied */
	c->buf = NULL;
	if (!parsed)
		return EXIT_USAGE;
	c->model.arena = &c->arena;
	c->model.syms = &c->syms;
	c->model.diag = &c->diag;
	if (!model_build(&c->model, &c->spec)) {
		/* unknown architecture is a syntax-level error */
		for (size_t i = 0; i < c->diag.list.n; i++)
			if (c->diag.list.v[i].check == CHK_SYNTAX)
				return EXIT_USAGE;
		return EXIT_SEMANTIC;
	}
	checks_run(&c->model, level);
	return c->diag.errors ? EXIT_SEMANTIC : 0;
}

static void compile_free(struct compile *c)
{
	model_free(&c->model);
	diag_free(&c->diag);
	symtab_free(&c->syms);
	arena_free(&c->arena);
	free(c->buf);
}

int main(int argc, char **argv)
{
	const char *cmd = NULL, *file = NULL, *outpath = "-";
	bool summary = false;
	struct compile c;
	memset(&c, 0, sizeof(c));
	diag_init(&c.diag, "-");

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("capdlc %s\n", CAPDL_VERSION);
			return 0;
		} else if (!strcmp(a, "--list-checks")) {
			diag_list_checks(stdout);
			return 0;
		} else if (!strcmp(a, "--summary")) {
			summary = true;
		} else if (!strcmp(a, "-o")) {
			if (++i == argc) {
				fputs("capdlc: -o needs a file name\n", stderr);
				return EXIT_USAGE;
			}
			outpath = argv[i];
		} else if (!strncmp(a, "-W", 2)) {
			if (!diag_option(&c.diag, a + 2))
				return EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "capdlc: unknown option '%s'\n", a);
			usage(stderr);
			return EXIT_USAGE;
		} else if (!cmd) {
			cmd = a;
		} else if (!file) {
			file = a;
		} else {
			fprintf(stderr, "capdlc: unexpected argument '%s'\n", a);
			return EXIT_USAGE;
		}
	}
	if (!cmd) {
		usage(stderr);
		return EXIT_USAGE;
	}
	int (*emit)(const struct model *, FILE *) = NULL;
	enum check_level level = CHECKS_CAPDL;
	if (!strcmp(cmd, "check"))
		level = CHECKS_BOOT;
	else if (!strcmp(cmd, "print"))
		emit = print_cdl;
	else if (!strcmp(cmd, "json"))
		emit = print_json;
	else if (!strcmp(cmd, "dot"))
		emit = print_dot;
	else {
		fprintf(stderr, "capdlc: unknown command '%s'\n", cmd);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!file) {
		fprintf(stderr, "capdlc: %s needs a FILE\n", cmd);
		return EXIT_USAGE;
	}
	c.diag.file = strcmp(file, "-") ? file : "<stdin>";
	int rc = front_end(&c, file, level);
	diag_flush(&c.diag, stderr);
	if (rc == 0 && emit) {
		FILE *out = strcmp(outpath, "-") ? fopen(outpath, "w") : stdout;
		if (!out) {
			fprintf(stderr, "capdlc: cannot write '%s': %s\n", outpath, strerror(errno));
			rc = EXIT_USAGE;
		} else {
			if (emit(&c.model, out) || fflush(out)) {
				fprintf(stderr, "capdlc: error writing '%s'\n", outpath);
				rc = EXIT_USAGE;
			}
			if (out != stdout && fclose(out)) {
				fprintf(stderr, "capdlc: error writing '%s'\n", outpath);
				rc = EXIT_USAGE;
			}
		}
	}
	if (rc == 0 && summary)
		print_summary(&c.model, c.diag.file, stdout);
	compile_free(&c);
	return rc;
}
