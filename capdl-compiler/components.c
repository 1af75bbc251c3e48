/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * components.c: ELF components (docs/elf-components.md). A frame declared
 *
 *   NAME = frame (4k, fill: [{0 0 CDL_FrameFill_ElfSegments "FILE" VSPACE}])
 *
 * stands for the pages of FILE's PT_LOAD segments: each 4 KiB page a
 * segment touches becomes a frame NAME@0xVADDR with FileData fills for the
 * bytes the file holds (the rest stays zero), mapped at VADDR in the pgd
 * VSPACE with the segment's rights (R, W, X from PF_R, PF_W, PF_X; pages
 * shared by two segments get both). Page tables the VSpace lacks are added
 * as NAME_pud@0xBASE, NAME_pd@0xBASE and NAME_pt@0xBASE, BASE being the
 * first address the table maps. The result is plain CapDL: "capdlc print"
 * shows it, and the checks and the table see nothing else.
 *
 * The placeholder itself becomes the lowest page; caps may not name it.
 */
#include "build.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096u
#define USER_END 0x0000800000000000ull /* seL4_UserTop + 1 on AArch64 */

struct expansion {
	struct model *m;
	uint32_t holder;    /* the placeholder frame */
	uint32_t vspace;
	const char *base;   /* NAME */
	const char *file_tok; /* "FILE" as written */
	struct loc loc;	    /* of the fill entry */
	bool failed;
};

static struct sym *make_name(struct expansion *x, const char *kind, uint64_t va)
{
	struct strbuf sb = {0};
	sb_printf(&sb, "%s%s@0x%llx", x->base, kind, (unsigned long long)va);
	struct sym *s = sym_intern(x->m->syms, sb.s, sb.len);
	if (s->obj) {
		diag(x->m->diag, CHK_FILL, x->loc,
		     "the ELF component needs the name '%s', which is already declared", sb.s);
		diag_note(x->m->diag, s->obj->loc, "'%s' is declared here", sb.s);
		x->failed = true;
		s = NULL;
	}
	sb_free(&sb);
	return s;
}

static void bind(struct model *m, struct sym *name, uint32_t id, struct loc loc)
{
	struct obj_binding *b = arena_zalloc(m->arena, sizeof(*b));
	*b = (struct obj_binding){id, 1, false, loc};
	name->obj = b;
}

static uint32_t new_object(struct expansion *x, struct sym *name, enum obj_type type)
{
	struct model *m = x->m;
	uint32_t id = (uint32_t)m->objs.n;
	VEC_GROW(&m->objs, m->objs.n + 1);
	struct object *o = &m->objs.v[m->objs.n++];
	memset(o, 0, sizeof(*o));
	o->name = name;
	o->type = (uint8_t)type;
	o->loc = m->objs.v[x->holder].loc;
	o->covered_by = NO_OBJ;
	bind(m, name, id, o->loc);
	return id;
}

/* Puts a cap into slot of object id, keeping the slots sorted. */
static void insert_slot(struct model *m, uint32_t id, uint64_t slot, const struct cap *c)
{
	struct object *o = &m->objs.v[id];
	if (o->nslots == o->capslots) {
		o->capslots = o->capslots ? o->capslots * 2 : 4;
		o->slots = xrealloc(o->slots, o->capslots * sizeof(*o->slots));
	}
	uint32_t at = o->nslots;
	while (at > 0 && o->slots[at - 1].slot > slot)
		at--;
	memmove(&o->slots[at + 1], &o->slots[at], (o->nslots - at) * sizeof(*o->slots));
	o->slots[at].slot = slot;
	o->slots[at].cap = *c;
	o->nslots++;
}

static const struct {
	unsigned shift;
	enum cap_type cap;
	enum obj_type table;
	const char *kind;
} levels[] = {
	{39, CAP_PUD, OBJ_PUD, "_pud"},
	{30, CAP_PD, OBJ_PD, "_pd"},
	{21, CAP_PT, OBJ_PT, "_pt"},
};

/* Maps frame at va in the VSpace, adding the tables it lacks. */
static void map_page(struct expansion *x, uint32_t frame, uint64_t va, uint8_t rights)
{
	struct model *m = x->m;
	uint32_t table = x->vspace;
	for (size_t l = 0; l < ARRAY_SIZE(levels); l++) {
		uint64_t index = (va >> levels[l].shift) & 511;
		const struct slot *s = find_slot(&m->objs.v[table], index);
		if (s && s->cap.type == levels[l].cap && s->cap.obj != NO_OBJ) {
			table = s->cap.obj;
			continue;
		}
		if (s) {
			struct strbuf a = {0};
			object_describe(m, table, &a);
			diag(m->diag, CHK_FILL, x->loc,
			     "the ELF component maps 0x%llx, but slot %llu of '%s' holds a %s cap, "
			     "not a %s cap",
			     (unsigned long long)va, (unsigned long long)index, a.s,
			     cap_type_names[s->cap.type], cap_type_names[levels[l].cap]);
			diag_note(m->diag, s->cap.loc, "that cap is here");
			sb_free(&a);
			x->failed = true;
			return;
		}
		uint64_t base = va & ~((1ull << levels[l].shift) - 1); /* what it maps */
		struct sym *name = make_name(x, levels[l].kind, base);
		if (!name)
			return;
		uint32_t t = new_object(x, name, levels[l].table);
		struct cap c = {.type = (uint8_t)levels[l].cap, .obj = t, .loc = x->loc};
		insert_slot(m, table, index, &c);
		table = t;
	}
	uint64_t index = (va >> 12) & 511;
	const struct slot *s = find_slot(&m->objs.v[table], index);
	if (s) {
		struct strbuf a = {0};
		if (s->cap.obj != NO_OBJ)
			object_describe(m, s->cap.obj, &a);
		diag(m->diag, CHK_FILL, x->loc,
		     "the ELF component maps 0x%llx, which the VSpace '%s' already maps%s%s",
		     (unsigned long long)va, m->objs.v[x->vspace].name->s, a.s ? " to " : "",
		     a.s ? a.s : "");
		diag_note(m->diag, s->cap.loc, "that mapping is here");
		sb_free(&a);
		x->failed = true;
		return;
	}
	struct cap c = {.type = CAP_FRAME, .rights = rights, .obj = frame, .loc = x->loc};
	insert_slot(m, table, index, &c);
}

static char *num_tok(struct model *m, uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return arena_strndup(m->arena, buf, strlen(buf));
}

/* The FileData fills and rights of the page at va. */
static struct object_extra *page_contents(struct expansion *x, const struct elf_segment *seg,
					  size_t nseg, uint64_t va, uint8_t *rights)
{
	struct model *m = x->m;
	struct object_extra *ex = arena_zalloc(m->arena, sizeof(*ex));
	uint32_t n = 0;
	*rights = 0;
	for (size_t i = 0; i < nseg; i++) {
		const struct elf_segment *s = &seg[i];
		if (s->vaddr >= va + PAGE || s->vaddr + s->memsz <= va)
			continue;
		*rights |= (s->flags & PF_R ? RIGHT_R : 0) | (s->flags & PF_W ? RIGHT_W : 0) |
			   (s->flags & PF_X ? RIGHT_G : 0);
		if (s->vaddr < va + PAGE && s->vaddr + s->filesz > va)
			n++;
	}
	if (!n)
		return NULL; /* all zero (.bss): no fill */
	ex->present = 1ull << P_FILL;
	ex->fill = arena_alloc(m->arena, n * sizeof(*ex->fill));
	for (size_t i = 0; i < nseg; i++) {
		const struct elf_segment *s = &seg[i];
		if (!(s->vaddr < va + PAGE && s->vaddr + s->filesz > va))
			continue;
		uint64_t lo = s->vaddr > va ? s->vaddr : va;
		uint64_t hi = s->vaddr + s->filesz < va + PAGE ? s->vaddr + s->filesz : va + PAGE;
		char **tok = arena_alloc(m->arena, 5 * sizeof(char *));
		tok[0] = num_tok(m, lo - va);
		tok[1] = num_tok(m, hi - lo);
		tok[2] = arena_strndup(m->arena, "CDL_FrameFill_FileData", 22);
		tok[3] = (char *)x->file_tok;
		tok[4] = num_tok(m, s->offset + (lo - s->vaddr));
		ex->fill[ex->nfill++] = (struct fill_entry){x->loc, 5, tok};
	}
	return ex;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* VSPACE as written: name or name[index]; the pgd it names, or NO_OBJ. */
static uint32_t find_vspace(struct expansion *x, const char *tok)
{
	struct model *m = x->m;
	const char *br = strchr(tok, '[');
	size_t len = br ? (size_t)(br - tok) : strlen(tok);
	uint64_t index = 0;
	if (br) {
		char *end;
		index = strtoull(br + 1, &end, 0);
		if (end == br + 1 || strcmp(end, "]")) {
			diag(m->diag, CHK_FILL, x->loc, "'%s' is not an object name", tok);
			return NO_OBJ;
		}
	}
	struct sym *s = sym_lookup(m->syms, tok, len);
	const struct obj_binding *b = s ? s->obj : NULL;
	if (!b || (br && !b->is_array) || index >= b->count) {
		diag(m->diag, CHK_FILL, x->loc, "the ELF component's VSpace '%s' is not declared", tok);
		return NO_OBJ;
	}
	if (!br && b->is_array) {
		diag(m->diag, CHK_FILL, x->loc, "'%s' is an array: name one element as VSpace", tok);
		return NO_OBJ;
	}
	uint32_t id = b->first + (uint32_t)index;
	if (m->objs.v[id].type != OBJ_PGD) {
		diag(m->diag, CHK_FILL, x->loc,
		     "the ELF component's VSpace '%s' is a %s, not a pgd", tok,
		     obj_types[m->objs.v[id].type].kw);
		return NO_OBJ;
	}
	return id;
}

static bool is_placeholder(const struct object *o)
{
	const struct object_extra *x = o->extra;
	if (o->type != OBJ_FRAME || !extra_has(x, P_FILL))
		return false;
	for (uint32_t i = 0; i < x->nfill; i++)
		if (x->fill[i].ntok >= 3 && !strcmp(x->fill[i].tok[2], "CDL_FrameFill_ElfSegments"))
			return true;
	return false;
}

static void expand(struct model *m, struct elf_files *e, uint32_t id, const bool *named)
{
	struct object *o = &m->objs.v[id];
	const struct object_extra *ox = o->extra;
	struct expansion x = {m, id, NO_OBJ, o->name->s, NULL, ox->fill[0].loc, false};
	if (ox->nfill != 1) {
		for (uint32_t i = 0; i < ox->nfill; i++)
			if (ox->fill[i].ntok >= 3 &&
			    !strcmp(ox->fill[i].tok[2], "CDL_FrameFill_ElfSegments"))
				x.loc = ox->fill[i].loc;
		diag(m->diag, CHK_FILL, x.loc,
		     "an ElfSegments fill must be the only fill entry of its frame");
		return;
	}
	struct fill f;
	if (!fill_parse(m, id, &ox->fill[0], &f))
		return;
	if (m->arch != ARCH_AARCH64 || (o->flags & (OF_ELEM | OF_PADDR)) || o->bits != 12) {
		diag(m->diag, CHK_FILL, x.loc,
		     "ELF component '%s' must be one 4 KiB frame without paddr, in an aarch64 spec",
		     obj_label(m, id));
		return;
	}
	if (named[id]) {
		diag(m->diag, CHK_FILL, x.loc,
		     "a cap names the ELF component '%s'; give caps to its pages, '%s@0xVADDR'",
		     o->name->s, o->name->s);
		return;
	}
	x.file_tok = ox->fill[0].tok[3];
	x.vspace = find_vspace(&x, ox->fill[0].tok[4]);
	if (x.vspace == NO_OBJ)
		return;
	size_t nseg;
	const struct elf_segment *seg = elf_segments(e, m, f.file, x.loc, &nseg);
	if (!seg)
		return;
	VEC(uint64_t) pages = {0};
	for (size_t i = 0; i < nseg; i++) {
		if (seg[i].vaddr >= USER_END || seg[i].memsz > USER_END - seg[i].vaddr) {
			diag(m->diag, CHK_FILL, x.loc,
			     "'%s' has a segment at 0x%llx..0x%llx, beyond the user address space",
			     f.file, (unsigned long long)seg[i].vaddr,
			     (unsigned long long)(seg[i].vaddr + seg[i].memsz));
			VEC_FREE(&pages);
			return;
		}
		for (uint64_t va = seg[i].vaddr & ~(uint64_t)(PAGE - 1); va < seg[i].vaddr + seg[i].memsz;
		     va += PAGE)
			VEC_PUSH(&pages, va);
	}
	if (!pages.n) {
		diag(m->diag, CHK_FILL, x.loc, "'%s' has no PT_LOAD segment to map", f.file);
		return;
	}
	qsort(pages.v, pages.n, sizeof(uint64_t), u64_cmp);
	size_t w = 0;
	for (size_t i = 0; i < pages.n; i++)
		if (!w || pages.v[w - 1] != pages.v[i])
			pages.v[w++] = pages.v[i];
	pages.n = w;
	for (size_t i = 0; i < pages.n && !x.failed; i++) {
		uint64_t va = pages.v[i];
		struct sym *name = make_name(&x, "", va);
		if (!name)
			break;
		uint8_t rights;
		struct object_extra *ex = page_contents(&x, seg, nseg, va, &rights);
		uint32_t frame = id;
		if (i == 0) {
			m->objs.v[id].name = name; /* the placeholder is the first page */
			bind(m, name, id, m->objs.v[id].loc);
		} else {
			frame = new_object(&x, name, OBJ_FRAME);
		}
		struct object *fo = &m->objs.v[frame];
		fo->flags = OF_BITS;
		fo->bits = 12;
		fo->fsize = PAGE;
		fo->extra = ex;
		map_page(&x, frame, va, rights);
	}
	VEC_FREE(&pages);
}

void elf_components_expand(struct model *m, struct elf_files *e)
{
	size_t n = m->objs.n;
	bool any = false;
	for (size_t i = 0; i < n && !any; i++)
		any = is_placeholder(&m->objs.v[i]);
	if (!any)
		return;
	/* objects some cap names: a placeholder may not be one */
	bool *named = xcalloc(n + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < m->objs.v[i].nslots; j++) {
			uint32_t obj = m->objs.v[i].slots[j].cap.obj;
			if (obj != NO_OBJ)
				named[obj] = true;
		}
	for (size_t i = 0; i < n; i++)
		if (is_placeholder(&m->objs.v[i]))
			expand(m, e, (uint32_t)i, named);
	free(named);
}
