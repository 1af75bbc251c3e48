/* SPDX-License-Identifier: BSD-2-Clause */
/* lex.h: state shared by the lexer, the parser and parse.c. */
#ifndef CAPDLC_LEX_H
#define CAPDLC_LEX_H

#include "ast.h"

struct lex_extra {
	struct parse_ctx *ctx;
	const char *line_start;
	uint32_t line;
	int comment_depth;
	int depth; /* '{' nesting outside fill entries */
	struct loc comment_loc;
	struct loc fill_loc;
	VEC(char *) fill_words;
	struct sym *kw_objects, *kw_caps, *kw_arch, *kw_cdt, *kw_domains, *kw_fill;
};

#endif
