/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * parser.y: the CapDL grammar, as capDL-tool's Parsec parser accepts it
 * (see docs/language.md). Builds the AST of ast.h; resolves nothing.
 *
 * Keywords other than the section words arrive as identifiers; where a
 * keyword is required (object types, parameter names, symbolic slots) the
 * parser takes any identifier and model.c checks it, which yields
 * "unknown object type 'tbc'" instead of a bare syntax error.
 */
%define api.pure full
%define parse.error custom
%define lr.default-reduction consistent
%locations
%param {yyscan_t scanner}
%parse-param {struct parse_ctx *ctx}

%code requires {
#include "ast.h"
typedef void *yyscan_t;
struct anylist { void *first, *last; };
}

%code provides {
int yylex(YYSTYPE *yylval, YYLTYPE *yylloc, yyscan_t scanner);
}

%code {
#include <string.h>

#include "lex.h"
#include "lexer.h"

#define NEW(T) ((T *)arena_zalloc(ctx->arena, sizeof(T)))
#define LOC(l) ((struct loc){(uint32_t)(l).first_line, (uint32_t)(l).first_column})

struct anynode { struct anynode *next; };

static struct anylist list1(void *node)
{
	((struct anynode *)node)->next = NULL;
	return (struct anylist){node, node};
}

static struct anylist list_add(struct anylist l, void *node)
{
	((struct anynode *)node)->next = NULL;
	if (l.last)
		((struct anynode *)l.last)->next = node;
	else
		l.first = node;
	l.last = node;
	return l;
}

static void yyerror(YYLTYPE *l, yyscan_t scanner, struct parse_ctx *ctx,
		    const char *msg)
{
	(void)scanner;
	diag(ctx->diag, CHK_SYNTAX, LOC(*l), "%s", msg);
	ctx->failed = true;
}

static struct ast_range *range(struct parse_ctx *ctx, YYLTYPE l,
			       enum range_kind k, uint64_t lo, uint64_t hi)
{
	struct ast_range *r = NEW(struct ast_range);
	r->loc = LOC(l);
	r->kind = k;
	r->lo = lo;
	r->hi = hi;
	return r;
}

static struct ast_param *param(struct parse_ctx *ctx, YYLTYPE l,
			       enum param_kind k, struct sym *key)
{
	struct ast_param *p = NEW(struct ast_param);
	p->loc = LOC(l);
	p->kind = k;
	p->key = key;
	return p;
}

static struct ast_word *word(struct parse_ctx *ctx, YYLTYPE l, struct sym *w)
{
	struct ast_word *x = NEW(struct ast_word);
	x->loc = LOC(l);
	x->w = w;
	return x;
}

static struct ast_objdecl *objdecl(struct parse_ctx *ctx, YYLTYPE l, struct anylist q,
				   struct sym *type, YYLTYPE tl, bool has_params,
				   struct ast_param *params, bool has_children,
				   struct ast_child *children)
{
	struct ast_objdecl *d = NEW(struct ast_objdecl);
	d->loc = LOC(l);
	d->qname = *(struct ast_qpart *)q.first;
	d->type = type;
	d->type_loc = LOC(tl);
	d->has_params = has_params;
	d->params = params;
	d->has_children = has_children;
	d->children = children;
	return d;
}

static struct ast_mapping *target(struct parse_ctx *ctx, YYLTYPE l,
				  const struct ast_nameref *ref, bool copy,
				  struct ast_capparam *params, struct ast_slotref *parent)
{
	struct ast_mapping *m = NEW(struct ast_mapping);
	m->loc = LOC(l);
	m->target = *ref;
	m->is_copy = copy;
	m->params = params;
	m->parent = parent;
	return m;
}

static struct ast_slotref *slotref(struct parse_ctx *ctx, YYLTYPE l,
				   const struct ast_nameref *obj, const struct ast_slot *slot,
				   struct sym *capname)
{
	struct ast_slotref *r = NEW(struct ast_slotref);
	r->loc = LOC(l);
	if (obj) {
		r->obj = *obj;
		r->slot = *slot;
	}
	r->capname = capname;
	return r;
}

static struct ast_slot slot_num(YYLTYPE l, uint64_t n)
{
	return (struct ast_slot){.loc = LOC(l), .n = n};
}

static struct ast_slot slot_word(YYLTYPE l, struct sym *w)
{
	return (struct ast_slot){.loc = LOC(l), .word = w};
}
}

%union {
	uint64_t num;
	struct sym *sym;
	struct ast_fill *fill;
	struct anylist list;
	struct ast_nameref ref;
	struct ast_slot slot;
	struct ast_slotref *pslotref;
	struct ast_param *param;
	struct ast_objdecl *obj;
	struct ast_child *child;
	struct ast_capparam *capparam;
	struct ast_mapping *mapping;
	struct ast_capitem *capitem;
	struct ast_range *range;
	struct ast_irq *irq;
	struct ast_domitem *domitem;
	struct ast_sched *sched;
	struct ast_cdt *cdt;
	struct ast_cdtchild *cdtchild;
}

%token <sym> IDENT "identifier"
%token <num> NUMBER "number"
%token <fill> FILL_ENTRY "fill entry"
%token <sym> KW_ARCH "'arch'" KW_OBJECTS "'objects'" KW_CAPS "'caps'"
%token <sym> KW_CDT "'cdt'" KW_DOMAINS "'domains'"
%token IRQ_MAPS "'irq maps'" CHILD_OF "'- child_of'" DOTDOT "'..'"

%type <ref> nameref
%type <list> ranges qname params numlist fills children capparams words
%type <list> mappings cdtchildren irqs scheds domitems
%type <range> range
%type <param> param pvalue
%type <obj> objdecl
%type <child> child
%type <capparam> capparam capvalue
%type <mapping> mapping target
%type <slot> slot
%type <pslotref> slotref parent_ref
%type <irq> irq
%type <domitem> domitem
%type <sched> sched
%type <cdt> cdt
%type <cdtchild> cdtchild

%%

spec:
	KW_ARCH IDENT
		{ ctx->spec->arch = $2; ctx->spec->arch_loc = LOC(@2); }
	sections
	;

sections:
	section
	| sections section
	;

section:
	KW_OBJECTS '{' objdecls '}'
	| KW_CAPS '{' capitems '}'
	| KW_CDT '{' cdts '}'
	| IRQ_MAPS '{' irqs '}'
		{
		  struct ast_irqsection *s = NEW(struct ast_irqsection);
		  s->loc = LOC(@1);
		  s->irqs = $3.first;
		  AST_APPEND(&ctx->spec->irqs, s);
		}
	| KW_DOMAINS '{' domitems '}'
		{
		  for (struct ast_domitem *d = $3.first, *n; d; d = n) {
			  n = d->next;
			  AST_APPEND(&ctx->spec->domains, d);
		  }
		}
	;

/* ---- names and ranges -------------------------------------------------- */

nameref:
	IDENT			{ $$ = (struct ast_nameref){.name = $1, .loc = LOC(@1)}; }
	| IDENT '[' ']'		{ $$ = (struct ast_nameref){.name = $1, .loc = LOC(@1), .bracket = true}; }
	| IDENT '[' ranges ']'	{ $$ = (struct ast_nameref){.name = $1, .loc = LOC(@1), .bracket = true,
					.ranges = $3.first}; }
	;

ranges:
	range			{ $$ = list1($1); }
	| ranges ',' range	{ $$ = list_add($1, $3); }
	;

range:
	NUMBER			{ $$ = range(ctx, @1, RANGE_ONE, $1, $1); }
	| NUMBER DOTDOT NUMBER	{ $$ = range(ctx, @1, RANGE_SPAN, $1, $3); }
	| DOTDOT NUMBER		{ $$ = range(ctx, @1, RANGE_TO, 0, $2); }
	| NUMBER DOTDOT		{ $$ = range(ctx, @1, RANGE_FROM, $1, 0); }
	;

/* ---- objects ----------------------------------------------------------- */

objdecls:
	%empty
	| objdecls objdecl	{ AST_APPEND(&ctx->spec->objects, $2); }
	;

objdecl:
	qname '=' IDENT
		{ $$ = objdecl(ctx, @1, $1, $3, @3, false, NULL, false, NULL); }
	| qname '=' IDENT '(' ')'
		{ $$ = objdecl(ctx, @1, $1, $3, @3, true, NULL, false, NULL); }
	| qname '=' IDENT '(' params ')'
		{ $$ = objdecl(ctx, @1, $1, $3, @3, true, $5.first, false, NULL); }
	| qname '=' IDENT '{' children '}'
		{ $$ = objdecl(ctx, @1, $1, $3, @3, false, NULL, true, $5.first); }
	| qname '=' IDENT '(' ')' '{' children '}'
		{ $$ = objdecl(ctx, @1, $1, $3, @3, true, NULL, true, $7.first); }
	| qname '=' IDENT '(' params ')' '{' children '}'
		{ $$ = objdecl(ctx, @1, $1, $3, @3, true, $5.first, true, $8.first); }
	;

qname:
	nameref
		{
		  struct ast_qpart *q = NEW(struct ast_qpart);
		  q->ref = $1;
		  $$ = list1(q);
		}
	| qname '/' nameref
		{
		  struct ast_qpart *q = NEW(struct ast_qpart);
		  q->ref = $3;
		  $$ = list_add($1, q);
		}
	;

params:
	param			{ $$ = list1($1); }
	| params ',' param	{ $$ = list_add($1, $3); }
	;

param:
	NUMBER IDENT
		{ $$ = param(ctx, @1, PARAM_SIZE, NULL); $$->n[0] = $1;
		  $$->word = $2; $$->word_loc = LOC(@2); }
	| NUMBER ':' NUMBER '.' NUMBER
		{ $$ = param(ctx, @1, PARAM_PCI, NULL);
		  $$->n[0] = $1; $$->n[1] = $3; $$->n[2] = $5; }
	| IDENT ':' pvalue
		{ $$ = $3; $$->loc = LOC(@1); $$->key = $1; }
	;

pvalue:
	NUMBER			{ $$ = param(ctx, @1, PARAM_NUM, NULL); $$->n[0] = $1; }
	| IDENT			{ $$ = param(ctx, @1, PARAM_WORD, NULL); $$->word = $1;
				  $$->word_loc = LOC(@1); }
	| '[' ']'		{ $$ = param(ctx, @1, PARAM_LIST, NULL); }
	| '[' numlist ']'	{ $$ = param(ctx, @1, PARAM_LIST, NULL); $$->list = $2.first; }
	| '[' NUMBER DOTDOT NUMBER ']'
				{ $$ = param(ctx, @1, PARAM_RANGE, NULL);
				  $$->n[0] = $2; $$->n[1] = $4; }
	| '[' fills ']'		{ $$ = param(ctx, @1, PARAM_FILL, NULL); $$->fills = $2.first; }
	;

numlist:
	NUMBER
		{ struct ast_numlist *n = NEW(struct ast_numlist); n->n = $1; $$ = list1(n); }
	| numlist ',' NUMBER
		{ struct ast_numlist *n = NEW(struct ast_numlist); n->n = $3; $$ = list_add($1, n); }
	;

fills:
	FILL_ENTRY		{ $$ = list1($1); }
	| fills ',' FILL_ENTRY	{ $$ = list_add($1, $3); }
	;

children:
	%empty			{ $$ = (struct anylist){0}; }
	| children child	{ $$ = list_add($1, $2); }
	| children child ','	{ $$ = list_add($1, $2); }
	;

child:
	objdecl			{ $$ = NEW(struct ast_child); $$->decl = $1; }
	| nameref		{ $$ = NEW(struct ast_child); $$->ref = $1; }
	;

/* ---- caps -------------------------------------------------------------- */

capitems:
	%empty
	| capitems capitem
	;

capitem:
	nameref '{' mappings '}'
		{
		  struct ast_capitem *c = NEW(struct ast_capitem);
		  c->kind = CI_BLOCK;
		  c->loc = LOC(@1);
		  c->container = $1;
		  c->maps = $3.first;
		  AST_APPEND(&ctx->spec->caps, c);
		}
	| IDENT '=' '(' nameref ',' slot ')'
		{
		  struct ast_capitem *c = NEW(struct ast_capitem);
		  c->kind = CI_NAME;
		  c->loc = LOC(@1);
		  c->name = $1;
		  c->name_loc = LOC(@1);
		  c->ref = slotref(ctx, @3, &$4, &$6, NULL);
		  AST_APPEND(&ctx->spec->caps, c);
		}
	;

mappings:
	%empty			{ $$ = (struct anylist){0}; }
	| mappings mapping	{ $$ = list_add($1, $2); }
	| mappings mapping ';'	{ $$ = list_add($1, $2); }
	;

slot:
	NUMBER			{ $$ = slot_num(@1, $1); }
	| IDENT			{ $$ = slot_word(@1, $1); }
	;

mapping:
	slot ':' target		{ $$ = $3; $$->loc = LOC(@1); $$->has_slot = true; $$->slot = $1; }
	| slot ':' nameref '=' target
		{ $$ = $5; $$->loc = LOC(@1); $$->has_slot = true; $$->slot = $1;
		  $$->name = NEW(struct ast_nameref); *$$->name = $3; }
	| target		{ $$ = $1; }
	| nameref '=' target	{ $$ = $3; $$->loc = LOC(@1); $$->name = NEW(struct ast_nameref);
				  *$$->name = $1; }
	;

target:
	nameref			{ $$ = target(ctx, @1, &$1, false, NULL, NULL); }
	| nameref '(' capparams ')'
				{ $$ = target(ctx, @1, &$1, false, $3.first, NULL); }
	| nameref CHILD_OF parent_ref
				{ $$ = target(ctx, @1, &$1, false, NULL, $3); }
	| nameref '(' capparams ')' CHILD_OF parent_ref
				{ $$ = target(ctx, @1, &$1, false, $3.first, $6); }
	| '<' nameref '>'	{ $$ = target(ctx, @1, &$2, true, NULL, NULL); }
	| '<' nameref '>' '(' capparams ')'
				{ $$ = target(ctx, @1, &$2, true, $5.first, NULL); }
	| '<' nameref '>' CHILD_OF parent_ref
				{ $$ = target(ctx, @1, &$2, true, NULL, $5); }
	| '<' nameref '>' '(' capparams ')' CHILD_OF parent_ref
				{ $$ = target(ctx, @1, &$2, true, $5.first, $8); }
	;

capparams:
	capparam		{ $$ = list1($1); }
	| capparams ',' capparam { $$ = list_add($1, $3); }
	;

capparam:
	words
		{ $$ = NEW(struct ast_capparam); $$->loc = LOC(@1); $$->kind = CP_WORDS;
		  $$->words = $1.first; }
	| IDENT ':' capvalue
		{ $$ = $3; $$->loc = LOC(@1); $$->key = $1; }
	;

words:
	IDENT			{ $$ = list1(word(ctx, @1, $1)); }
	| words IDENT		{ $$ = list_add($1, word(ctx, @2, $2)); }
	;

capvalue:
	NUMBER
		{ $$ = NEW(struct ast_capparam); $$->kind = CP_NUM; $$->n[0] = $1; }
	| words
		{ $$ = NEW(struct ast_capparam); $$->kind = CP_WORDS_V; $$->words = $1.first; }
	| '(' NUMBER ',' NUMBER ')'
		{ $$ = NEW(struct ast_capparam); $$->kind = CP_PAIR; $$->n[0] = $2; $$->n[1] = $4; }
	| '(' nameref ',' slot ')'
		{ $$ = NEW(struct ast_capparam); $$->kind = CP_SLOTREF;
		  $$->pair = NEW(struct ast_slotpair); $$->pair->ref = $2; $$->pair->slot = $4; }
	;

parent_ref:
	'(' nameref ',' slot ')' { $$ = slotref(ctx, @1, &$2, &$4, NULL); }
	| IDENT			{ $$ = slotref(ctx, @1, NULL, NULL, $1); }
	;

/* ---- cdt --------------------------------------------------------------- */

cdts:
	%empty
	| cdts cdt		{ AST_APPEND(&ctx->spec->cdt, $2); }
	;

cdt:
	slotref '{' cdtchildren '}'
		{ $$ = NEW(struct ast_cdt); $$->parent = $1; $$->children = $3.first; }
	;

cdtchildren:
	%empty			{ $$ = (struct anylist){0}; }
	| cdtchildren cdtchild	{ $$ = list_add($1, $2); }
	| cdtchildren cdtchild ';' { $$ = list_add($1, $2); }
	;

cdtchild:
	slotref			{ $$ = NEW(struct ast_cdtchild); $$->ref = $1; }
	;

slotref:
	'(' nameref ',' slot ')' { $$ = slotref(ctx, @1, &$2, &$4, NULL); }
	| IDENT			{ $$ = slotref(ctx, @1, NULL, NULL, $1); }
	;

/* ---- irq maps ---------------------------------------------------------- */

irqs:
	%empty			{ $$ = (struct anylist){0}; }
	| irqs irq		{ $$ = list_add($1, $2); }
	| irqs irq ';'		{ $$ = list_add($1, $2); }
	;

irq:
	NUMBER ':' nameref
		{ $$ = NEW(struct ast_irq); $$->loc = LOC(@1); $$->has_num = true;
		  $$->num = $1; $$->ref = $3; }
	| nameref
		{ $$ = NEW(struct ast_irq); $$->loc = LOC(@1); $$->ref = $1; }
	;

/* ---- domains ----------------------------------------------------------- */

domitems:
	domitem			{ $$ = list1($1); }
	| domitems domitem	{ $$ = list_add($1, $2); }
	;

domitem:
	IDENT ':' '[' scheds ']'
		{ $$ = NEW(struct ast_domitem); $$->loc = LOC(@1); $$->kind = DI_SCHEDULE;
		  $$->sched = $4.first;
		  if (strcmp($1->s, "schedule"))
			  yyerror(&@1, scanner, ctx, "expected 'schedule' before a list");
		}
	| IDENT ':' '[' scheds ',' ']'
		{ $$ = NEW(struct ast_domitem); $$->loc = LOC(@1); $$->kind = DI_SCHEDULE;
		  $$->sched = $4.first;
		  if (strcmp($1->s, "schedule"))
			  yyerror(&@1, scanner, ctx, "expected 'schedule' before a list");
		}
	| IDENT ':' NUMBER
		{ $$ = NEW(struct ast_domitem); $$->loc = LOC(@1); $$->n = $3;
		  if (!strcmp($1->s, "domain_set_start"))
			  $$->kind = DI_START;
		  else if (!strcmp($1->s, "index_shift"))
			  $$->kind = DI_SHIFT;
		  else
			  yyerror(&@1, scanner, ctx,
				  "expected 'domain_set_start' or 'index_shift' before a number");
		}
	| IDENT ':' IDENT
		{ $$ = NEW(struct ast_domitem); $$->loc = LOC(@1); $$->kind = DI_START;
		  $$->no_start = true;
		  if (strcmp($1->s, "domain_set_start") || strcmp($3->s, "no_start"))
			  yyerror(&@1, scanner, ctx, "expected 'domain_set_start: no_start'");
		}
	;

scheds:
	sched			{ $$ = list1($1); }
	| scheds ',' sched	{ $$ = list_add($1, $3); }
	;

sched:
	'(' NUMBER ',' NUMBER ')'
		{ $$ = NEW(struct ast_sched); $$->loc = LOC(@1); $$->dom = $2; $$->ticks = $4; }
	;

%%

/* Bison's own wording ("syntax error, unexpected X, expecting A or B"),
 * with the list of what was expected summarised where it is long. */
static int yyreport_syntax_error(const yypcontext_t *yc, yyscan_t scanner,
				 struct parse_ctx *ctx)
{
	enum { MAX = 5 };
	yysymbol_kind_t exp[MAX + 8];
	int n = yypcontext_expected_tokens(yc, exp, MAX + 8);
	yysymbol_kind_t tok = yypcontext_token(yc);
	struct strbuf sb = {0};
	sb_puts(&sb, "syntax error");
	if (tok != YYSYMBOL_YYEMPTY) {
		sb_puts(&sb, ", unexpected ");
		sb_puts(&sb, yysymbol_name(tok));
	}
	bool section = false;
	for (int i = 0; i < n; i++)
		section |= exp[i] == YYSYMBOL_KW_OBJECTS;
	if (section) {
		sb_puts(&sb, ", expecting a section: objects, caps, cdt, irq maps or domains");
	} else if (n > 0 && n < MAX) {
		for (int i = 0; i < n; i++) {
			sb_puts(&sb, i == 0 ? ", expecting " : " or ");
			sb_puts(&sb, yysymbol_name(exp[i]));
		}
	}
	if (tok == YYSYMBOL_YYEOF && ((struct lex_extra *)yyget_extra(scanner))->depth > 0)
		sb_puts(&sb, " (a '}' is missing)");
	diag(ctx->diag, CHK_SYNTAX, LOC(*yypcontext_location(yc)), "%s", sb.s);
	sb_free(&sb);
	ctx->failed = true;
	return 0;
}
