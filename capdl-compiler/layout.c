/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * layout.c: what the loader creates and in which order (spec/table.md,
 * "Objects"): objects at fixed physical addresses first, by address; then
 * by size, largest first, so that untyped memory is used without holes;
 * objects of equal size by name (x before x[0], x[2] before x[10]).
 * IRQ objects take no memory and come last.
 *
 * The sizes are seL4 16.0.0's on AArch64, non-MCS (the ABI the table is
 * written for): TCB 2^11, endpoint 2^4, notification 2^5, CNode of radix r
 * 2^(r+5), VSpace, page table, ASID pool and VCPU 2^12, frames 2^12, 2^21
 * or 2^30. Here too the loader-object check says which objects the loader
 * cannot create.
 */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "capdl_table.h"

uint8_t capdl_type_of(enum obj_type t)
{
	switch (t) {
	case OBJ_UNTYPED: return CAPDL_OBJ_UNTYPED;
	case OBJ_TCB: return CAPDL_OBJ_TCB;
	case OBJ_EP: return CAPDL_OBJ_ENDPOINT;
	case OBJ_NOTIFICATION: return CAPDL_OBJ_NOTIFICATION;
	case OBJ_CNODE: return CAPDL_OBJ_CNODE;
	case OBJ_PGD: return CAPDL_OBJ_VSPACE;
	case OBJ_PUD:
	case OBJ_PD:
	case OBJ_PT: return CAPDL_OBJ_PAGE_TABLE;
	case OBJ_FRAME: return CAPDL_OBJ_FRAME;
	case OBJ_ASID_POOL: return CAPDL_OBJ_ASID_POOL;
	case OBJ_IRQ:
	case OBJ_ARM_IRQ: return CAPDL_OBJ_IRQ;
	case OBJ_VCPU: return CAPDL_OBJ_VCPU;
	case OBJ_SC: return CAPDL_OBJ_SC;
	case OBJ_RTREPLY: return CAPDL_OBJ_REPLY;
	default: return 0; /* SGI signals, SMMU, SMC, IO devices, x86 */
	}
}

unsigned object_mem_bits(const struct object *o)
{
	switch (o->type) {
	case OBJ_UNTYPED:
	case OBJ_FRAME: return (unsigned)o->bits;
	case OBJ_CNODE: return (unsigned)o->bits + BITS_SLOT;
	case OBJ_SC: return (o->flags & OF_BITS) ? (unsigned)o->bits : BITS_MIN_SC;
	case OBJ_TCB: return BITS_TCB;
	case OBJ_EP: return BITS_EP;
	case OBJ_NOTIFICATION: return BITS_NOTIFICATION;
	case OBJ_PGD: return BITS_VSPACE;
	case OBJ_PUD:
	case OBJ_PD:
	case OBJ_PT: return BITS_PAGE_TABLE;
	case OBJ_ASID_POOL: return BITS_ASID_POOL;
	case OBJ_VCPU: return BITS_VCPU;
	case OBJ_RTREPLY: return BITS_REPLY;
	default: return 0;
	}
}

void layout_object_bits(uint8_t bits[16])
{
	memset(bits, 0, 16); /* 0: variable size (untyped, CNode, frame, SC, IRQ) */
	bits[CAPDL_OBJ_TCB] = BITS_TCB;
	bits[CAPDL_OBJ_ENDPOINT] = BITS_EP;
	bits[CAPDL_OBJ_NOTIFICATION] = BITS_NOTIFICATION;
	bits[CAPDL_OBJ_VSPACE] = BITS_VSPACE;
	bits[CAPDL_OBJ_PAGE_TABLE] = BITS_PAGE_TABLE;
	bits[CAPDL_OBJ_ASID_POOL] = BITS_ASID_POOL;
	bits[CAPDL_OBJ_VCPU] = BITS_VCPU;
	bits[CAPDL_OBJ_REPLY] = BITS_REPLY;
}

/* A problem another check reports as an error needs no second message. */
static bool reported_as_error(const struct model *m, enum check_id id)
{
	return diag_severity(m->diag, id) == SEV_ERROR;
}

enum { IRQ_NONE, IRQ_OK, IRQ_TOO_BIG };

static void check_object(struct model *m, uint32_t id, const uint8_t *irq_numbered)
{
	const struct object *o = &m->objs.v[id];
	const struct object_extra *x = o->extra;
	const char *kw = obj_types[o->type].kw;
	if (!capdl_type_of(o->type)) {
		bool on_arch = obj_types[o->type].archs >> ARCH_AARCH64 & 1;
		if (first_of_array(o) && (on_arch || !reported_as_error(m, CHK_ARCH_OBJECT)))
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "the loader cannot create %s objects ('%s')", kw, obj_label(m, id));
		return;
	}
	if (!first_of_array(o) && o->type != OBJ_UNTYPED && o->type != OBJ_IRQ &&
	    o->type != OBJ_ARM_IRQ)
		return; /* elements are alike */
	switch (o->type) {
	case OBJ_UNTYPED:
		if (!first_of_array(o))
			;
		else if (!(o->flags & OF_BITS))
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "untyped '%s' has no size: the loader cannot create it", obj_label(m, id));
		else if (o->bits < 4 || o->bits > 47)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "untyped '%s' has %llu bits; untypeds are 4 to 47 bits", obj_label(m, id),
			     (unsigned long long)o->bits);
		if (o->ncover)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "untyped '%s' covers other objects: the table has no untyped covers "
			     "(the loader allocates every object from its own untypeds)",
			     obj_label(m, id));
		break;
	case OBJ_CNODE:
		if (o->bits < 1 || o->bits + BITS_SLOT > 47)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "cnode '%s' has %llu bits; a CNode has 1 to %d bits", obj_label(m, id),
			     (unsigned long long)o->bits, 47 - BITS_SLOT);
		break;
	case OBJ_FRAME:
		if (o->bits != 12 && o->bits != 21 && o->bits != 30 &&
		    !reported_as_error(m, CHK_PAGE_SIZE))
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "frame '%s' is not 4 KiB, 2 MiB or 1 GiB: the loader cannot create it",
			     obj_label(m, id));
		break;
	case OBJ_SC:
		if ((o->flags & OF_BITS) && (o->bits < BITS_MIN_SC || o->bits > 47))
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "sc '%s' has %llu bits; a scheduling context has %d to 47 bits",
			     obj_label(m, id), (unsigned long long)o->bits, BITS_MIN_SC);
		break;
	case OBJ_IRQ:
	case OBJ_ARM_IRQ:
		if (irq_numbered[id] == IRQ_NONE)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "%s '%s' has no IRQ number: add it to irq maps", kw, obj_label(m, id));
		else if (irq_numbered[id] == IRQ_TOO_BIG)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "%s '%s' has an IRQ number above 2^31 - 1, which the table cannot hold", kw,
			     obj_label(m, id));
		break;
	case OBJ_ASID_POOL:
		if (extra_has(x, P_ASID_HIGH) && x->v[P_ASID_HIGH] >= 128)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "asid_pool '%s' has asid_high %llu; the kernel has ASID pools 0..127",
			     obj_label(m, id), (unsigned long long)x->v[P_ASID_HIGH]);
		break;
	case OBJ_TCB:
		if (extra_has(x, P_AFFINITY) && x->v[P_AFFINITY] > 255)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "tcb '%s' has affinity %llu; the table keeps cores 0..255",
			     obj_label(m, id), (unsigned long long)x->v[P_AFFINITY]);
		if (extra_has(x, P_DOM) && x->v[P_DOM] > 255)
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "tcb '%s' has dom %llu; domains are 0..255", obj_label(m, id),
			     (unsigned long long)x->v[P_DOM]);
		if (((extra_has(x, P_PRIO) && x->v[P_PRIO] > 255) ||
		     (extra_has(x, P_MAX_PRIO) && x->v[P_MAX_PRIO] > 255)) &&
		    !reported_as_error(m, CHK_PRIO))
			diag(m->diag, CHK_LOADER_OBJECT, o->loc,
			     "tcb '%s' has a priority above 255", obj_label(m, id));
		break;
	default:
		break;
	}
}

static void check_caps(struct model *m, uint32_t id)
{
	const struct object *o = &m->objs.v[id];
	for (uint32_t i = 0; i < o->nslots; i++) {
		const struct cap *c = &o->slots[i].cap;
		bool ok;
		switch (c->type) {
		case CAP_IRQ_CONTROL:
		case CAP_ASID_CONTROL:
		case CAP_DOMAIN:
		case CAP_SCHED_CONTROL:
			ok = true;
			break;
		default:
			/* caps to objects the loader cannot create are reported
			 * with the object */
			ok = c->obj != NO_OBJ;
			break;
		}
		if (!ok && (cap_type_valid(ARCH_AARCH64, c->type) ||
			    !reported_as_error(m, CHK_ARCH_CAP)))
			diag(m->diag, CHK_LOADER_OBJECT, c->loc, "the loader cannot give a %s cap",
			     cap_type_names[c->type]);
		if (c->type == CAP_SCHED_CONTROL && c->data > UINT32_MAX)
			diag(m->diag, CHK_LOADER_OBJECT, c->loc,
			     "sched_control core %llu does not fit the table's 32 bits",
			     (unsigned long long)c->data);
	}
}

/* ---- creation order ----------------------------------------------------- */

struct order_key {
	uint64_t paddr;
	uint32_t id;
	uint8_t fixed; /* 0: at a paddr (first), 1: anywhere */
	uint8_t bits;
};

static const struct model *order_model;

static int order_cmp(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->fixed != y->fixed)
		return x->fixed < y->fixed ? -1 : 1;
	if (x->fixed == 0 && x->paddr != y->paddr)
		return x->paddr < y->paddr ? -1 : 1;
	if (x->bits != y->bits)
		return x->bits > y->bits ? -1 : 1;
	int c = objid_cmp(&order_model->objs.v[x->id], &order_model->objs.v[y->id]);
	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

bool layout_build(struct model *m, struct layout *l)
{
	memset(l, 0, sizeof(*l));
	size_t errors = m->diag->errors;
	if (m->arch != ARCH_AARCH64) {
		diag(m->diag, CHK_LOADER_OBJECT, m->arch_loc,
		     "the table and its loader are for aarch64; this spec is for %s",
		     arch_names[m->arch]);
		return false;
	}
	uint8_t *numbered = xcalloc(m->objs.n + 1, 1);
	for (size_t i = m->irqs.n; i-- > 0;) /* the first mapping counts, as in table.c */
		numbered[m->irqs.v[i].obj] = m->irqs.v[i].irq < (1u << 31) ? IRQ_OK : IRQ_TOO_BIG;
	for (size_t i = 0; i < m->objs.n; i++) {
		check_object(m, (uint32_t)i, numbered);
		check_caps(m, (uint32_t)i);
	}
	free(numbered);
	if (m->diag->errors != errors)
		return false;

	size_t n = m->objs.n;
	struct order_key *k = xmalloc((n + 1) * sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		const struct object *o = &m->objs.v[i];
		k[i].id = (uint32_t)i;
		k[i].fixed = (o->flags & OF_PADDR) ? 0 : 1;
		k[i].paddr = o->paddr;
		k[i].bits = (uint8_t)object_mem_bits(o);
	}
	order_model = m;
	qsort(k, n, sizeof(*k), order_cmp);
	l->n = (uint32_t)n;
	l->order = xmalloc((n + 1) * sizeof(uint32_t));
	l->index = xmalloc((n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++) {
		l->order[i] = k[i].id;
		l->index[k[i].id] = (uint32_t)i;
	}
	free(k);
	return true;
}

void layout_free(struct layout *l)
{
	free(l->order);
	free(l->index);
	memset(l, 0, sizeof(*l));
}
