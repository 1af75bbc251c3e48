/* SPDX-License-Identifier: BSD-2-Clause */
/* parse.c: runs the lexer and parser over a spec held in memory. */
#include <string.h>

#include "ast.h"
#include "lex.h"
#include "parser.h"
#include "lexer.h"

/* capDL-tool parses a file whose first line, stripped of blanks, is
 * "-- Dump" with its kernel-dump reader (see dump.c). */
static bool is_dump(const char *buf, size_t len)
{
	const char *end = memchr(buf, '\n', len);
	if (!end)
		end = buf + len;
	while (buf < end && (*buf == ' ' || *buf == '\t'))
		buf++;
	while (end > buf && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return end - buf == 7 && !memcmp(buf, "-- Dump", 7);
}

bool parse_buffer(struct parse_ctx *ctx, char *buf, size_t len)
{
	struct lex_extra x = {
		.ctx = ctx,
		.line_start = buf,
		.line = 1,
		.kw_objects = sym_intern(ctx->syms, "objects", 7),
		.kw_caps = sym_intern(ctx->syms, "caps", 4),
		.kw_arch = sym_intern(ctx->syms, "arch", 4),
		.kw_cdt = sym_intern(ctx->syms, "cdt", 3),
		.kw_domains = sym_intern(ctx->syms, "domains", 7),
		.kw_fill = sym_intern(ctx->syms, "fill", 4),
	};
	yyscan_t scanner;
	if (yylex_init_extra(&x, &scanner)) {
		diag(ctx->diag, CHK_SYNTAX, (struct loc){0}, "cannot start the lexer");
		return false;
	}
	ctx->spec->dump = is_dump(buf, len);
	YY_BUFFER_STATE b = yy_scan_buffer(buf, len + 2, scanner);
	int rc = b ? yyparse(scanner, ctx) : 1;
	if (b)
		yy_delete_buffer(b, scanner);
	yylex_destroy(scanner);
	VEC_FREE(&x.fill_words);
	if (rc != 0 && !ctx->failed) {
		diag(ctx->diag, CHK_SYNTAX, (struct loc){x.line, 1}, "parse failed");
		ctx->failed = true;
	}
	return !ctx->failed;
}
