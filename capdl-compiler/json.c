/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * json.c: the model as JSON (schema: docs/json.md). Objects appear in
 * declaration order and are referred to by their position ("id"); caps
 * sit in their container's "slots" in slot order.
 */
#include "print.h"

#include <string.h>

struct jout {
	FILE *f;
	struct strbuf sb;
};

static void jflush(struct jout *j, bool force)
{
	if (force || j->sb.len > (1u << 20)) {
		fwrite(j->sb.s, 1, j->sb.len, j->f);
		sb_reset(&j->sb);
	}
}

static void jstr(struct strbuf *sb, const char *s, size_t n)
{
	sb_putc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			sb_putc(sb, '\\');
			sb_putc(sb, (char)c);
		} else if (c < 0x20) {
			sb_printf(sb, "\\u%04x", c);
		} else {
			sb_putc(sb, (char)c);
		}
	}
	sb_putc(sb, '"');
}

static void jkey(struct strbuf *sb, bool *first, const char *k)
{
	if (!*first)
		sb_puts(sb, ", ");
	*first = false;
	jstr(sb, k, strlen(k));
	sb_puts(sb, ": ");
}

static void jnum(struct strbuf *sb, bool *first, const char *k, uint64_t v)
{
	jkey(sb, first, k);
	sb_u64(sb, v);
}

static const char *const cap_json[CAP_TYPE_COUNT] = {
	[CAP_NULL] = "null", [CAP_UNTYPED] = "untyped", [CAP_EP] = "endpoint",
	[CAP_NOTIFICATION] = "notification", [CAP_REPLY] = "reply",
	[CAP_MASTER_REPLY] = "master_reply", [CAP_CNODE] = "cnode", [CAP_TCB] = "tcb",
	[CAP_IRQ_CONTROL] = "irq_control", [CAP_IRQ_HANDLER] = "irq_handler",
	[CAP_DOMAIN] = "domain", [CAP_FRAME] = "frame", [CAP_PT] = "pt", [CAP_PD] = "pd",
	[CAP_PUD] = "pud", [CAP_PGD] = "pgd", [CAP_PML4] = "pml4", [CAP_PDPT] = "pdpt",
	[CAP_ASID_CONTROL] = "asid_control", [CAP_ASID_POOL] = "asid_pool",
	[CAP_IO_SPACE_MASTER] = "io_space_master", [CAP_IO_PORTS] = "io_ports",
	[CAP_IO_SPACE] = "io_space", [CAP_IOPT] = "io_pt", [CAP_ARM_IO_SPACE] = "arm_io_space",
	[CAP_VCPU] = "vcpu", [CAP_SC] = "sc", [CAP_RTREPLY] = "rtreply",
	[CAP_SCHED_CONTROL] = "sched_control", [CAP_SID] = "streamid",
	[CAP_CB] = "contextbank", [CAP_SMC] = "smc", [CAP_SGI_SIGNAL] = "sgi_signal",
};

static void json_cap(const struct model *m, struct strbuf *sb, const struct cap *c)
{
	bool first = true;
	sb_putc(sb, '{');
	jkey(sb, &first, "type");
	sb_printf(sb, "\"%s\"", cap_json[c->type]);
	jkey(sb, &first, "object");
	if (c->obj == NO_OBJ)
		sb_puts(sb, "null");
	else
		sb_u64(sb, c->obj);
	if (c->type == CAP_EP || c->type == CAP_NOTIFICATION || c->type == CAP_FRAME) {
		jkey(sb, &first, "rights");
		sb_putc(sb, '"');
		format_rights(sb, c->rights, false);
		sb_putc(sb, '"');
	}
	if (c->type == CAP_EP || c->type == CAP_NOTIFICATION || c->type == CAP_SMC)
		jnum(sb, &first, "badge", c->data);
	if (c->type == CAP_CNODE) {
		jnum(sb, &first, "guard", c->data);
		jnum(sb, &first, "guard_size", c->guard_size);
	}
	if (c->type == CAP_FRAME) {
		jkey(sb, &first, "cached");
		sb_puts(sb, c->flags & CF_UNCACHED ? "false" : "true");
	}
	if (c->type == CAP_SCHED_CONTROL)
		jnum(sb, &first, "core", c->data);
	const struct cap_ext *x = c->ext ? &m->capext.v[c->ext] : NULL;
	if (c->flags & CF_ASID) {
		jkey(sb, &first, "asid");
		sb_printf(sb, "[%llu, %llu]", (unsigned long long)x->asid[0],
			  (unsigned long long)x->asid[1]);
	}
	if (c->flags & CF_MAPPING) {
		jkey(sb, &first, "mapping");
		sb_printf(sb, "[%u, %llu]", x->map_obj, (unsigned long long)x->map_slot);
	}
	jkey(sb, &first, "orig");
	sb_puts(sb, c->flags & CF_CDT_CHILD ? "false" : "true");
	sb_putc(sb, '}');
}

static void json_params(struct strbuf *sb, const struct object_extra *x)
{
	bool first = true;
	sb_putc(sb, '{');
	for (int k = 0; k < P_KEY_COUNT; k++) {
		if (!extra_has(x, (enum param_key)k))
			continue;
		switch (k) {
		case P_INIT:
			jkey(sb, &first, "init");
			sb_putc(sb, '[');
			for (uint32_t i = 0; i < x->ninit; i++)
				sb_printf(sb, "%s%llu", i ? ", " : "", (unsigned long long)x->init[i]);
			sb_putc(sb, ']');
			break;
		case P_FILL:
			jkey(sb, &first, "fill");
			sb_putc(sb, '[');
			for (uint32_t i = 0; i < x->nfill; i++) {
				sb_puts(sb, i ? ", [" : "[");
				for (uint32_t t = 0; t < x->fill[i].ntok; t++) {
					if (t)
						sb_puts(sb, ", ");
					jstr(sb, x->fill[i].tok[t], strlen(x->fill[i].tok[t]));
				}
				sb_putc(sb, ']');
			}
			sb_putc(sb, ']');
			break;
		case P_PCI:
			jkey(sb, &first, "pci");
			sb_printf(sb, "[%llu, %llu, %llu]", (unsigned long long)x->pci[0],
				  (unsigned long long)x->pci[1], (unsigned long long)x->pci[2]);
			break;
		case P_PORTS:
			jkey(sb, &first, "ports");
			sb_printf(sb, "[%llu, %llu]", (unsigned long long)x->ports[0],
				  (unsigned long long)x->ports[1]);
			break;
		case P_RESUME:
		case P_FPU_DISABLED:
			jkey(sb, &first, param_key_names[k]);
			sb_puts(sb, x->v[k] ? "true" : "false");
			break;
		default:
			jnum(sb, &first, param_key_names[k], x->v[k]);
			break;
		}
	}
	sb_putc(sb, '}');
}

int print_json(const struct model *m, FILE *f)
{
	struct jout j = {.f = f};
	struct strbuf *sb = &j.sb;
	sb_printf(sb, "{\n  \"format\": \"capdl-model\",\n  \"version\": 1,\n"
		      "  \"arch\": \"%s\",\n  \"objects\": [", arch_names[m->arch]);
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		bool first = true;
		sb_puts(sb, i ? ",\n    {" : "\n    {");
		jnum(sb, &first, "id", i);
		jkey(sb, &first, "name");
		jstr(sb, o->name->s, o->name->len);
		jkey(sb, &first, "index");
		if (o->flags & OF_ELEM)
			sb_u64(sb, o->index);
		else
			sb_puts(sb, "null");
		jkey(sb, &first, "type");
		sb_printf(sb, "\"%s\"", obj_types[o->type].kw);
		jkey(sb, &first, "line");
		sb_printf(sb, "%u", o->loc.line);
		if (o->flags & OF_BITS) {
			if (o->type == OBJ_FRAME)
				jnum(sb, &first, "size", o->fsize);
			jnum(sb, &first, "size_bits", o->bits);
		}
		if (o->flags & OF_PADDR)
			jnum(sb, &first, "paddr", o->paddr);
		if (o->extra && o->extra->present) {
			jkey(sb, &first, "params");
			json_params(sb, o->extra);
		}
		if (o->nslots) {
			jkey(sb, &first, "slots");
			sb_putc(sb, '[');
			for (uint32_t s = 0; s < o->nslots; s++) {
				sb_printf(sb, "%s{\"slot\": %llu, \"cap\": ", s ? ", " : "",
					  (unsigned long long)o->slots[s].slot);
				json_cap(m, sb, &o->slots[s].cap);
				sb_putc(sb, '}');
			}
			sb_putc(sb, ']');
		}
		if (o->ncover) {
			jkey(sb, &first, "covers");
			sb_putc(sb, '[');
			for (uint32_t c = 0; c < o->ncover; c++)
				sb_printf(sb, "%s%u", c ? ", " : "", o->cover[c]);
			sb_putc(sb, ']');
		}
		sb_putc(sb, '}');
		jflush(&j, false);
	}
	sb_puts(sb, "\n  ],\n  \"cdt\": [");
	for (size_t i = 0; i < m->cdt.n; i++) {
		const struct cdt_edge *e = &m->cdt.v[i];
		sb_printf(sb, "%s\n    {\"child\": [%u, %llu], \"parent\": [%u, %llu]}", i ? "," : "",
			  e->child.obj, (unsigned long long)e->child.slot, e->parent.obj,
			  (unsigned long long)e->parent.slot);
		jflush(&j, false);
	}
	sb_puts(sb, m->cdt.n ? "\n  ],\n  \"irqs\": [" : "],\n  \"irqs\": [");
	for (size_t i = 0; i < m->irqs.n; i++)
		sb_printf(sb, "%s\n    {\"irq\": %llu, \"object\": %u}", i ? "," : "",
			  (unsigned long long)m->irqs.v[i].irq, m->irqs.v[i].obj);
	sb_puts(sb, m->irqs.n ? "\n  ]" : "]");
	if (m->has_schedule || m->has_start || m->has_shift) {
		bool first = true;
		sb_puts(sb, ",\n  \"domains\": {");
		if (m->has_schedule) {
			jkey(sb, &first, "schedule");
			sb_putc(sb, '[');
			for (size_t i = 0; i < m->schedule.n; i++)
				sb_printf(sb, "%s[%llu, %llu]", i ? ", " : "",
					  (unsigned long long)m->schedule.v[i].dom,
					  (unsigned long long)m->schedule.v[i].ticks);
			sb_putc(sb, ']');
		}
		if (m->has_start) {
			jkey(sb, &first, "start");
			if (m->no_start)
				sb_puts(sb, "null");
			else
				sb_u64(sb, m->start);
		}
		if (m->has_shift)
			jnum(sb, &first, "index_shift", m->shift);
		sb_putc(sb, '}');
	}
	sb_puts(sb, "\n}\n");
	jflush(&j, true);
	sb_free(&j.sb);
	return ferror(f) ? -1 : 0;
}
