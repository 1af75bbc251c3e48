/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c: the capdlc command line.
 *
 *   capdlc check FILE     diagnostics only
 *   capdlc print FILE     canonical CapDL text (as capDL-tool -t prints it)
 *   capdlc json FILE      the model as JSON (docs/json.md)
 *   capdlc dot FILE       the cap graph for Graphviz
 *   capdlc build FILE     the capdl table (spec/table.md) for the loader
 *
 * Exit status: 0 success (warnings allowed), 1 usage, I/O or syntax error,
 * 2 semantic errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "build.h"
#include "image.h"
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
	      "  image FILE -o OUT the bootable system: kernel, capdl-loader and the table\n"
	      "                    in one ELF file for qemu -kernel (docs/loader.md)\n"
	      "  build FILE        write the capdl table for the loader (default output:\n"
	      "                    FILE's base name, .cdl replaced by .tbl, in the current\n"
	      "                    directory)\n"
	      "\n"
	      "Options:\n"
	      "  -o FILE           write the output to FILE ('-': standard output)\n"
	      "  --summary         check: also print what the spec describes\n"
	      "  --platform FILE   build: the platform the system must fit (docs/platform.md;\n"
	      "                    default: the built-in qemu-arm-virt); check: run the\n"
	      "                    build checks too, for this platform\n"
	      "  --elf NAME=PATH   the ELF file that fill entries call NAME (repeatable;\n"
	      "                    default: NAME next to the spec)\n"
	      "  --strip-names     build: leave names and source lines out of the table\n"
	      "  --kernel FILE     image: the kernel ELF (default: this build's)\n"
	      "  --loader FILE     image: the capdl-loader ELF (default: this build's)\n"
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
	struct elf_files elf;
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
	/* ELF components become plain frames and tables before any check */
	size_t errors = c->diag.errors;
	elf_components_expand(&c->model, &c->elf);
	if (c->diag.errors > errors)
		return EXIT_SEMANTIC;
	checks_run(&c->model, level);
	return c->diag.errors ? EXIT_SEMANTIC : 0;
}

static void compile_free(struct compile *c)
{
	elf_files_free(&c->elf);
	model_free(&c->model);
	diag_free(&c->diag);
	symtab_free(&c->syms);
	arena_free(&c->arena);
	free(c->buf);
}

/* "FILE.cdl" -> "FILE.tbl" in the current directory. */
static char *default_table_name(const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".cdl"))
		n -= 4;
	char *out = xmalloc(n + 5);
	memcpy(out, base, n);
	memcpy(out + n, ".tbl", 5);
	return out;
}

static int write_table(const char *path, const void *table, size_t len)
{
	FILE *out = strcmp(path, "-") ? fopen(path, "wb") : stdout;
	if (!out) {
		fprintf(stderr, "capdlc: cannot write '%s': %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	bool ok = fwrite(table, 1, len, out) == len && !fflush(out);
	if (out != stdout && fclose(out))
		ok = false;
	if (!ok) {
		fprintf(stderr, "capdlc: error writing '%s'\n", path);
		return EXIT_USAGE;
	}
	return 0;
}

/* Where "capdlc image" finds the kernel and the loader by default: the
 * build tree capdlc was built in (-DCAPDL_KERNEL_ELF=...). */
#ifndef CAPDL_KERNEL_ELF
#define CAPDL_KERNEL_ELF NULL
#endif
#ifndef CAPDL_LOADER_ELF
#define CAPDL_LOADER_ELF NULL
#endif

struct image_paths {
	const char *kernel, *loader;
};

/* The build checks and, given outpath, the table (or with img, the whole
 * bootable image). Returns an exit status. */
static int back_end(struct compile *c, const char *platform, bool strip, const char *outpath,
		    const struct image_paths *img)
{
	struct platform plat;
	if (!platform) {
		platform_default(&plat);
	} else if (!platform_load(&plat, platform)) {
		platform_free(&plat);
		return EXIT_USAGE;
	}
	int rc = EXIT_SEMANTIC;
	struct layout l;
	if (layout_build(&c->model, &l)) {
		platform_check_paddr(&c->model, &plat);
		size_t len = 0;
		void *table = table_build(&c->model, &l, &c->elf, strip, &len);
		if (table)
			platform_check_fit(&c->model, &plat, &l, len);
		if (!c->diag.errors && outpath && img)
			rc = image_write(outpath, table, len, img->kernel, img->loader)
				     ? EXIT_USAGE : 0;
		else if (!c->diag.errors)
			rc = outpath ? write_table(outpath, table, len) : 0;
		free(table);
	}
	layout_free(&l);
	platform_free(&plat);
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmd = NULL, *file = NULL, *outpath = "-", *platform = NULL;
	bool summary = false, strip = false, out_given = false;
	struct image_paths img = {CAPDL_KERNEL_ELF, CAPDL_LOADER_ELF};
	struct compile c;
	memset(&c, 0, sizeof(c));
	diag_init(&c.diag, "-");
	const char *elf_opts[argc > 0 ? argc : 1]; /* --elf arguments */
	size_t nelf = 0;

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
			out_given = true;
		} else if (!strcmp(a, "--kernel") || !strcmp(a, "--loader")) {
			if (++i == argc) {
				fprintf(stderr, "capdlc: %s needs a file name\n", a);
				return EXIT_USAGE;
			}
			*(a[2] == 'k' ? &img.kernel : &img.loader) = argv[i];
		} else if (!strcmp(a, "--platform") || !strcmp(a, "--elf")) {
			if (++i == argc) {
				fprintf(stderr, "capdlc: %s needs an argument\n", a);
				return EXIT_USAGE;
			}
			if (a[2] == 'p')
				platform = argv[i];
			else
				elf_opts[nelf++] = argv[i];
		} else if (!strncmp(a, "--platform=", 11)) {
			platform = a + 11;
		} else if (!strncmp(a, "--elf=", 6)) {
			elf_opts[nelf++] = a + 6;
		} else if (!strcmp(a, "--strip-names")) {
			strip = true;
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
	bool image = !strcmp(cmd, "image");
	bool build = !strcmp(cmd, "build") || image;
	if (!strcmp(cmd, "check") || build)
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
	if (build && !out_given && (image || !strcmp(file, "-"))) {
		fprintf(stderr, "capdlc: %s needs -o FILE\n", image ? "image" : "build from standard input");
		return EXIT_USAGE;
	}
	if (image && (!img.kernel || !img.loader)) {
		fputs("capdlc: image needs --kernel KERNEL.elf and --loader capdl-loader.elf "
		      "(this capdlc was built without them)\n", stderr);
		return EXIT_USAGE;
	}
	c.diag.file = strcmp(file, "-") ? file : "<stdin>";
	elf_files_init(&c.elf, file);
	for (size_t i = 0; i < nelf; i++)
		if (!elf_files_option(&c.elf, elf_opts[i])) {
			compile_free(&c);
			return EXIT_USAGE;
		}
	int rc = front_end(&c, file, level);
	if (rc == 0 && (build || (platform && level == CHECKS_BOOT))) {
		char *out = NULL;
		if (build)
			out = out_given ? xstrdup(outpath) : default_table_name(file);
		rc = back_end(&c, platform, strip, out, image ? &img : NULL);
		free(out);
	}
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
