/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dot.c: the cap graph for Graphviz. A node per object that holds or is
 * the target of a cap (labelled name and type); an edge per cap from its
 * container to its object, labelled with the slot and the cap's rights or
 * badge; dashed edges for untyped covers. Control caps (irq_control, ...)
 * are nodes of their own.
 */
#include "print.h"

#include <string.h>

static void dot_id(struct strbuf *sb, uint32_t id)
{
	sb_printf(sb, "o%u", id);
}

static void dot_label(struct strbuf *sb, const struct model *m, uint32_t id)
{
	struct strbuf name = {0};
	object_describe(m, id, &name);
	sb_putc(sb, '"');
	for (size_t i = 0; i < name.len; i++) {
		if (name.s[i] == '"' || name.s[i] == '\\')
			sb_putc(sb, '\\');
		sb_putc(sb, name.s[i]);
	}
	sb_printf(sb, "\\n%s\"", obj_types[m->objs.v[id].type].kw);
	sb_free(&name);
}

int print_dot(const struct model *m, FILE *f)
{
	struct strbuf sb = {0};
	bool *used = xcalloc(m->objs.n + 1, sizeof(bool));
	bool special[CAP_TYPE_COUNT] = {0};
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		if (o->nslots || o->ncover)
			used[i] = true;
		for (uint32_t s = 0; s < o->nslots; s++) {
			if (o->slots[s].cap.obj != NO_OBJ)
				used[o->slots[s].cap.obj] = true;
			else
				special[o->slots[s].cap.type] = true;
		}
		for (uint32_t c = 0; c < o->ncover; c++)
			used[o->cover[c]] = true;
	}
	sb_printf(&sb, "digraph capdl {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n"
		       "  edge [fontsize=9];\n");
	for (size_t i = 0; i < m->objs.n; i++) {
		if (!used[i])
			continue;
		sb_puts(&sb, "  ");
		dot_id(&sb, (uint32_t)i);
		sb_puts(&sb, " [label=");
		dot_label(&sb, m, (uint32_t)i);
		sb_puts(&sb, "];\n");
	}
	for (int t = 0; t < CAP_TYPE_COUNT; t++)
		if (special[t])
			sb_printf(&sb, "  s%d [label=\"%s\", shape=ellipse];\n", t, cap_type_names[t]);
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		for (uint32_t s = 0; s < o->nslots; s++) {
			const struct cap *c = &o->slots[s].cap;
			sb_puts(&sb, "  ");
			dot_id(&sb, (uint32_t)i);
			sb_puts(&sb, " -> ");
			if (c->obj != NO_OBJ)
				dot_id(&sb, c->obj);
			else
				sb_printf(&sb, "s%d", c->type);
			sb_printf(&sb, " [label=\"%llu", (unsigned long long)o->slots[s].slot);
			if (c->rights) {
				sb_putc(&sb, ' ');
				format_rights(&sb, c->rights, c->type == CAP_FRAME);
			}
			if ((c->type == CAP_EP || c->type == CAP_NOTIFICATION) && c->data)
				sb_printf(&sb, " badge %llu", (unsigned long long)c->data);
			sb_puts(&sb, "\"];\n");
		}
		for (uint32_t c = 0; c < o->ncover; c++) {
			sb_puts(&sb, "  ");
			dot_id(&sb, (uint32_t)i);
			sb_puts(&sb, " -> ");
			dot_id(&sb, o->cover[c]);
			sb_puts(&sb, " [style=dashed, arrowhead=empty];\n");
		}
		if (sb.len > (1u << 20)) {
			fwrite(sb.s, 1, sb.len, f);
			sb_reset(&sb);
		}
	}
	sb_puts(&sb, "}\n");
	fwrite(sb.s, 1, sb.len, f);
	sb_free(&sb);
	free(used);
	return ferror(f) ? -1 : 0;
}
