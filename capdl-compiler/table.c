/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * table.c: a checked, laid-out model -> the capdl table (spec/table.md),
 * written with spec/capdl_writer.
 *
 *   objects   in layout order, named "x" or "x[3]"; pgd -> VSPACE, pud, pd
 *             and pt -> PAGE_TABLE, irq and arm_irq -> IRQ (arg: the IRQ
 *             number from irq maps, bit 31 set for an edge trigger), ASID
 *             pools with asid_high, paddr objects with their address
 *   slots     every cap of every container, by slot number: CNode and TCB
 *             slots, page-table entries, IRQ notifications, ASID pool
 *             entries. Frame caps in page tables with the G (X) right are
 *             EXECUTABLE; uncached -> UNCACHED; ep/notification badges and
 *             CNode guards are minted (BADGE, GUARD; WIDE when the value
 *             needs more than 32 bits); caps without rights of their own
 *             (CNode, TCB, tables, ...) get all rights
 *   TCBs      ip, sp, IPC buffer, fault_ep, prio and max_prio (125 when not
 *             given, as capDL-tool), affinity, dom, init words; RESUME when
 *             the thread has an ip and resume: is not False
 *   CDT       the derivation edges; their child slots are CHILD
 *   frames    contents from the fill entries: file data as pages (zero
 *             pages and repeated pages stored once, by the writer),
 *             boot-info fills as BOOTINFO records
 */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "capdl_table.h"
#include "capdl_writer.h"

#define PAGE 4096u

struct table_ctx {
	struct model *m;
	const struct layout *l;
	struct capdl_writer w;
	uint32_t *slot_base; /* by table index: its first slot */
	uint32_t *irq_number; /* by model object id: CAPDL_NONE if none */
	const struct object_extra *bad_fills; /* the last fills that failed */
	bool failed;
};

static uint32_t data_field(struct table_ctx *t, uint64_t v, uint8_t *flags)
{
	if (v <= UINT32_MAX)
		return (uint32_t)v;
	*flags |= CAPDL_SLOT_WIDE;
	return capdl_add_word(&t->w, v);
}

static uint8_t cap_rights(const struct cap *c)
{
	switch (c->type) {
	case CAP_EP:
	case CAP_NOTIFICATION:
	case CAP_FRAME:
		return c->rights;
	default:
		return CAPDL_RIGHT_WRITE | CAPDL_RIGHT_READ | CAPDL_RIGHT_GRANT |
		       CAPDL_RIGHT_GRANT_REPLY;
	}
}

static bool in_page_table(uint8_t type)
{
	return type == OBJ_PT || type == OBJ_PD || type == OBJ_PUD || type == OBJ_PGD;
}

static uint32_t slot_index(struct table_ctx *t, uint32_t obj, uint64_t slot);

static void add_slot(struct table_ctx *t, const struct object *o, const struct slot *s, bool child)
{
	const struct cap *c = &s->cap;
	struct capdl_slot r = {.index = (uint32_t)s->slot, .obj = CAPDL_NONE, .rights = cap_rights(c)};
	switch (c->type) {
	case CAP_IRQ_CONTROL: r.type = CAPDL_CAP_IRQ_CONTROL; break;
	case CAP_ASID_CONTROL: r.type = CAPDL_CAP_ASID_CONTROL; break;
	case CAP_DOMAIN: r.type = CAPDL_CAP_DOMAIN; break;
	case CAP_SCHED_CONTROL:
		r.type = CAPDL_CAP_SCHED_CONTROL;
		r.data = (uint32_t)c->data;
		break;
	case CAP_REPLY: r.type = CAPDL_CAP_REPLY; break;
	case CAP_MASTER_REPLY: r.type = CAPDL_CAP_MASTER_REPLY; break;
	default: r.type = CAPDL_CAP_OBJECT; break;
	}
	if (c->obj != NO_OBJ)
		r.obj = t->l->index[c->obj];
	switch (c->type) {
	case CAP_EP:
	case CAP_NOTIFICATION:
		if (c->data) {
			r.flags |= CAPDL_SLOT_BADGE;
			r.data = data_field(t, c->data, &r.flags);
		}
		break;
	case CAP_CNODE:
		if (c->data || c->guard_size) {
			r.flags |= CAPDL_SLOT_GUARD;
			r.guard_size = c->guard_size;
			r.data = data_field(t, c->data, &r.flags);
		}
		break;
	case CAP_FRAME:
		if (c->flags & CF_UNCACHED)
			r.flags |= CAPDL_SLOT_UNCACHED;
		if (in_page_table(o->type) && (c->rights & RIGHT_G))
			r.flags |= CAPDL_SLOT_EXECUTABLE;
		break;
	default:
		break;
	}
	if (child)
		r.flags |= CAPDL_SLOT_CHILD;
	if ((c->flags & CF_MAPPING) && c->obj != NO_OBJ && !(r.flags & CAPDL_SLOT_WIDE)) {
		/* the frame-mapping check made sure the slot maps this frame */
		const struct cap_ext *x = &t->m->capext.v[c->ext];
		uint32_t at = slot_index(t, x->map_obj, x->map_slot);
		if (at != CAPDL_NONE) {
			r.flags |= CAPDL_SLOT_MAPPING;
			r.data = at;
		}
	}
	capdl_add_slot(&t->w, &r, c->loc.line);
}

/* The table index of slot (obj, slot), or CAPDL_NONE if it is empty. */
static uint32_t slot_index(struct table_ctx *t, uint32_t obj, uint64_t slot)
{
	const struct object *o = &t->m->objs.v[obj];
	const struct slot *s = find_slot(o, slot);
	if (!s)
		return CAPDL_NONE;
	return t->slot_base[t->l->index[obj]] + (uint32_t)(s - o->slots);
}

static uint32_t add_tcb(struct table_ctx *t, const struct object *o)
{
	const struct object_extra *x = o->extra;
	struct capdl_tcb r = {0};
#define GET(k, def) (extra_has(x, k) ? x->v[k] : (def))
	r.ip = GET(P_IP, 0);
	r.sp = GET(P_SP, 0);
	r.ipc_buffer = GET(P_ADDR, 0);
	r.fault_ep = GET(P_FAULT_EP, 0);
	r.prio = (uint8_t)GET(P_PRIO, 125);
	r.max_prio = (uint8_t)GET(P_MAX_PRIO, 125);
	r.affinity = (uint8_t)GET(P_AFFINITY, 0);
	r.domain = (uint8_t)GET(P_DOM, 0);
	if (extra_has(x, P_IP) && GET(P_RESUME, 1))
		r.flags |= CAPDL_TCB_RESUME;
	if (GET(P_FPU_DISABLED, 0))
		r.flags |= CAPDL_TCB_FPU_DISABLED;
#undef GET
	if (extra_has(x, P_INIT) && x->ninit) {
		r.ninit = x->ninit;
		r.init = capdl_add_word(&t->w, x->init[0]);
		for (uint32_t i = 1; i < x->ninit; i++)
			capdl_add_word(&t->w, x->init[i]);
	}
	return capdl_add_tcb(&t->w, &r);
}

static void add_object(struct table_ctx *t, uint32_t ti, bool filled, struct strbuf *name)
{
	uint32_t id = t->l->order[ti];
	const struct object *o = &t->m->objs.v[id];
	struct capdl_object r = {.type = capdl_type_of(o->type), .slots = t->slot_base[ti]};
	if (filled)
		r.flags |= CAPDL_OBJ_FILLED;
	switch (o->type) {
	case OBJ_CNODE:
	case OBJ_UNTYPED:
	case OBJ_FRAME:
		r.size_bits = (uint8_t)o->bits;
		break;
	case OBJ_SC:
		r.size_bits = (uint8_t)object_mem_bits(o);
		break;
	default:
		break;
	}
	if (o->flags & OF_PADDR) {
		r.flags |= CAPDL_OBJ_PADDR;
		r.arg = capdl_add_word(&t->w, o->paddr);
	} else if (o->type == OBJ_TCB) {
		r.arg = add_tcb(t, o);
	} else if (o->type == OBJ_IRQ || o->type == OBJ_ARM_IRQ) {
		r.arg = t->irq_number[id];
		if (o->type == OBJ_ARM_IRQ && extra_has(o->extra, P_TRIGGER) &&
		    o->extra->v[P_TRIGGER])
			r.arg |= 1u << 31;
	} else if (o->type == OBJ_ASID_POOL) {
		r.arg = extra_has(o->extra, P_ASID_HIGH) ? (uint32_t)o->extra->v[P_ASID_HIGH]
							  : CAPDL_NONE;
	}
	sb_reset(name);
	object_describe(t->m, id, name);
	r.name = capdl_add_string(&t->w, name->s);
	capdl_add_object(&t->w, &r, o->loc.line);
}

static bool all_zero(const uint8_t *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* A frame's fill entries: file data into its pages, boot-info records.
 * Returns true if the frame got a FRAMES record (non-zero contents). */
static bool add_fills(struct table_ctx *t, struct elf_files *e, uint32_t ti)
{
	uint32_t id = t->l->order[ti];
	const struct object *o = &t->m->objs.v[id];
	const struct object_extra *x = o->extra;
	if (o->type != OBJ_FRAME || !extra_has(x, P_FILL) || !x->nfill)
		return false;
	/* the elements of an array share their fills (and come one after the
	 * other in layout order): a broken fill is reported once */
	if (x == t->bad_fills) {
		t->failed = true;
		return false;
	}
	bool failed = t->failed;
	t->failed = false;
	uint64_t size = 1ull << o->bits;
	uint8_t *data = NULL;
	for (uint32_t i = 0; i < x->nfill; i++) {
		struct fill f;
		if (!fill_parse(t->m, id, &x->fill[i], &f)) {
			t->failed = true;
			continue;
		}
		if (f.kind == FILL_BOOTINFO) {
			struct capdl_bootinfo_fill b = {ti, (uint32_t)f.dest, (uint32_t)f.len, f.id,
							(uint32_t)f.offset, 0};
			capdl_add_bootinfo(&t->w, &b);
			continue;
		}
		if (f.kind != FILL_FILE_DATA) {
			diag(t->m->diag, CHK_FILL, f.loc,
			     "frame '%s' is an ELF component placeholder that was not expanded",
			     obj_label(t->m, id));
			t->failed = true;
			continue;
		}
		const uint8_t *bytes = elf_fill_bytes(e, t->m, &f);
		if (!bytes) {
			t->failed = true;
			continue;
		}
		if (!data)
			data = xcalloc(1, size);
		memcpy(data + f.dest, bytes, f.len);
	}
	bool stored = false;
	if (t->failed)
		t->bad_fills = x;
	else if (data && !all_zero(data, size)) {
		capdl_add_frame_data(&t->w, ti, data, size);
		stored = true;
	}
	t->failed |= failed;
	free(data);
	return stored;
}

void *table_build(struct model *m, const struct layout *l, struct elf_files *e, bool strip,
		  size_t *len)
{
	struct table_ctx t = {.m = m, .l = l};
	uint8_t bits[16];
	layout_object_bits(bits);
	capdl_writer_init(&t.w, CAPDL_ABI_SEL4_16_0_0, bits);
	t.w.strip = strip;

	t.irq_number = xmalloc((m->objs.n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m->objs.n; i++)
		t.irq_number[i] = CAPDL_NONE;
	for (size_t i = m->irqs.n; i-- > 0;)
		t.irq_number[m->irqs.v[i].obj] = (uint32_t)m->irqs.v[i].irq;
	t.slot_base = xmalloc(((size_t)l->n + 1) * sizeof(uint32_t));
	uint32_t nslots = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		t.slot_base[i] = nslots;
		nslots += m->objs.v[l->order[i]].nslots;
	}
	t.slot_base[l->n] = nslots;

	bool *filled = xcalloc((size_t)l->n + 1, sizeof(bool));
	for (uint32_t i = 0; i < l->n; i++)
		filled[i] = add_fills(&t, e, i);
	struct strbuf name = {0};
	for (uint32_t i = 0; i < l->n; i++)
		add_object(&t, i, filled[i], &name);
	sb_free(&name);
	free(filled);

	/* the cdt first: its children are CHILD slots */
	VEC(uint32_t) edges = {0};
	bool *child = xcalloc((size_t)nslots + 1, sizeof(bool));
	for (size_t i = 0; i < m->cdt.n; i++) {
		const struct cdt_edge *d = &m->cdt.v[i];
		uint32_t c = slot_index(&t, d->child.obj, d->child.slot);
		uint32_t p = slot_index(&t, d->parent.obj, d->parent.slot);
		if (c == CAPDL_NONE || p == CAPDL_NONE) {
			struct strbuf a = {0};
			object_describe(m, c == CAPDL_NONE ? d->child.obj : d->parent.obj, &a);
			diag(m->diag, CHK_TABLE_DROPPED, d->loc,
			     "the cdt %s (%s, %llu) is an empty slot; the table leaves the edge out",
			     c == CAPDL_NONE ? "child" : "parent", a.s,
			     (unsigned long long)(c == CAPDL_NONE ? d->child.slot : d->parent.slot));
			sb_free(&a);
			continue;
		}
		child[c] = true;
		VEC_PUSH(&edges, c);
		VEC_PUSH(&edges, p);
	}
	for (uint32_t i = 0; i < l->n; i++) {
		const struct object *o = &m->objs.v[l->order[i]];
		for (uint32_t j = 0; j < o->nslots; j++)
			add_slot(&t, o, &o->slots[j], child[t.slot_base[i] + j]);
	}
	for (size_t i = 0; i < edges.n; i += 2)
		capdl_add_cdt(&t.w, edges.v[i], edges.v[i + 1]);
	VEC_FREE(&edges);
	free(child);
	for (size_t i = 0; i < m->irqs.n; i++) {
		const struct irq_entry *q = &m->irqs.v[i];
		uint8_t type = m->objs.v[q->obj].type;
		if (type == OBJ_IRQ || type == OBJ_ARM_IRQ)
			capdl_add_irq(&t.w, (uint32_t)q->irq, l->index[q->obj]);
	}
	if (m->has_schedule) {
		for (size_t i = 0; i < m->schedule.n; i++)
			capdl_add_sched(&t.w, m->schedule.v[i].dom, m->schedule.v[i].ticks);
		if (!m->no_start)
			t.w.h.domain_start = m->has_start ? (uint32_t)m->start : 0;
	}
	t.w.h.domain_shift = m->has_shift ? (uint32_t)m->shift : 0;
	free(t.irq_number);
	free(t.slot_base);
	/* offsets and the size are 32-bit: 4 GiB at most (with alignment) */
	uint64_t bytes = sizeof(struct capdl_header) + 4096 + 8 * CAPDL_SECT_COUNT;
	for (int s = 0; s < CAPDL_SECT_COUNT; s++)
		bytes += t.w.sect[s].len;
	if (!strip)
		bytes += t.w.obj_lines.len + t.w.slot_lines.len;
	if (bytes > UINT32_MAX) {
		struct strbuf sz = {0};
		format_size(&sz, bytes);
		diag(m->diag, CHK_LOADER_OBJECT, (struct loc){0, 0},
		     "the table would take about %s; a table is at most 4 GiB", sz.s);
		sb_free(&sz);
		t.failed = true;
	}
	void *table = NULL;
	if (!t.failed)
		table = capdl_writer_finish(&t.w, len);
	capdl_writer_free(&t.w);
	return table;
}
