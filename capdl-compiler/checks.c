/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * checks.c: well-formedness of a built model.
 *
 * CHECKS_CAPDL runs what capDL-tool's checkModel checks (object and cap
 * types valid for the architecture, what each slot of a TCB, IRQ, ASID
 * pool or page table may hold, mappings into several parents, irq maps
 * targets, frame mapping: attributes). CHECKS_BOOT adds what the loader
 * needs at boot and capDL-tool never checks (docs/language.md, "Checks").
 * Arrays are checked once, through their first element, where all
 * elements are alike.
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

#define VSPACE_SLOTS_AARCH64 512u
#define USER_TOP_AARCH64 0x00007fffffffffffull

/* ---- slots: what each container may hold -------------------------------- */

static enum cap_type vspace_root_cap(enum arch a)
{
	switch (a) {
	case ARCH_AARCH64: return CAP_PGD;
	case ARCH_X86_64: return CAP_PML4;
	case ARCH_RISCV: return CAP_PT;
	default: return CAP_PD;
	}
}

static bool tcb_slot_ok(enum arch a, uint64_t slot, enum cap_type t)
{
	switch (slot) {
	case 0: return t == CAP_CNODE;
	case 1: return t == vspace_root_cap(a) || (a == ARCH_AARCH64 && t == CAP_PUD);
	case 2: return t == CAP_MASTER_REPLY;
	case 3: return t == CAP_REPLY;
	case 4: return t == CAP_FRAME;
	case 5: return t == CAP_EP;
	case 6: return t == CAP_SC;
	case 7: return t == CAP_EP;
	case 8: return t == CAP_NOTIFICATION;
	case 9: return t == CAP_VCPU && a != ARCH_RISCV;
	default: return false;
	}
}

static const char *const tcb_slot_need[] = {
	"a CNode cap (cspace)", "a VSpace root cap (vspace)", "a master_reply cap",
	"a reply cap", "a frame cap (ipc_buffer_slot)", "an endpoint cap (fault_ep_slot)",
	"a scheduling context cap (sc_slot)", "an endpoint cap (temp_fault_ep_slot)",
	"a notification cap (bound_notification)", "a VCPU cap (bound_vcpu)",
};

/* Which caps a paging structure's slots hold (capDL-tool validObjCap). */
static bool paging_slot_ok(enum arch a, enum obj_type container, enum cap_type t)
{
	switch (container) {
	case OBJ_PGD: return t == CAP_PUD;
	case OBJ_PUD: return t == CAP_PD || t == CAP_FRAME;
	case OBJ_PML4: return t == CAP_PDPT;
	case OBJ_PDPT: return t == CAP_PD || t == CAP_FRAME;
	case OBJ_PD: return t == CAP_PT || t == CAP_FRAME;
	case OBJ_PT: return t == CAP_FRAME || (a == ARCH_RISCV && t == CAP_PT);
	case OBJ_IODEVICE: return t == CAP_IOPT;
	case OBJ_IOPT: return t == CAP_IOPT || t == CAP_FRAME;
	default: return true;
	}
}

static void slot_error(struct model *m, uint32_t id, const struct slot *s, const char *need)
{
	const struct cap *c = &s->cap;
	diag(m->diag, CHK_SLOT_CAP, c->loc, "slot %llu of %s '%s' cannot hold %s %s cap%s%s",
	     (unsigned long long)s->slot, obj_types[m->objs.v[id].type].kw, obj_label(m, id),
	     an(cap_type_names[c->type]), cap_type_names[c->type], need ? "; it takes " : "",
	     need ? need : "");
}

static void check_slots(struct model *m, uint32_t id)
{
	const struct object *o = &m->objs.v[id];
	for (uint32_t i = 0; i < o->nslots; i++) {
		const struct slot *s = &o->slots[i];
		enum cap_type t = s->cap.type;
		if (!cap_type_valid(m->arch, t) && s->cap.obj == NO_OBJ)
			diag(m->diag, CHK_ARCH_CAP, s->cap.loc,
			     "%s %s cap does not exist on %s", an(cap_type_names[t]), cap_type_names[t],
			     arch_names[m->arch]);
		switch (o->type) {
		case OBJ_TCB:
			if (s->slot >= ARRAY_SIZE(tcb_slot_need))
				slot_error(m, id, s, "nothing: TCB slots are 0..9");
			else if (!tcb_slot_ok(m->arch, s->slot, t))
				slot_error(m, id, s, tcb_slot_need[s->slot]);
			break;
		case OBJ_IRQ:
		case OBJ_ARM_IRQ:
		case OBJ_IOAPIC_IRQ:
		case OBJ_MSI_IRQ:
			if (s->slot != 0 || t != CAP_NOTIFICATION)
				slot_error(m, id, s, "only a notification cap, in slot 0");
			break;
		case OBJ_ASID_POOL:
			if (t != vspace_root_cap(m->arch) &&
			    !(m->arch == ARCH_AARCH64 && t == CAP_PUD))
				slot_error(m, id, s, "VSpace root caps");
			break;
		case OBJ_CNODE:
		case OBJ_ARM_IODEVICE:
			break;
		default:
			if (!paging_slot_ok(m->arch, o->type, t))
				slot_error(m, id, s, NULL);
			break;
		}
	}
}

/* ---- mappings into several parents -------------------------------------- */

static void check_multi_mapped(struct model *m, enum check_level level)
{
	uint32_t *parent = xmalloc((m->objs.n + 1) * sizeof(*parent));
	struct loc *where = xmalloc((m->objs.n + 1) * sizeof(*where));
	for (size_t i = 0; i < m->objs.n; i++)
		parent[i] = NO_OBJ;
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		if (!is_table_type(o->type) && o->type != OBJ_ASID_POOL)
			continue;
		for (uint32_t j = 0; j < o->nslots; j++) {
			uint32_t child = o->slots[j].cap.obj;
			if (child == NO_OBJ || !is_table_type(m->objs.v[child].type))
				continue;
			uint8_t ct = m->objs.v[child].type;
			/* capDL-tool checks PDs in ASID pools and PTs in PDs */
			bool capdl = (ct == OBJ_PD && o->type == OBJ_ASID_POOL) ||
				     (ct == OBJ_PT && o->type == OBJ_PD);
			if (!capdl && level < CHECKS_BOOT)
				continue;
			if (parent[child] == NO_OBJ) {
				parent[child] = (uint32_t)i;
				where[child] = o->slots[j].cap.loc;
				continue;
			}
			diag(m->diag, CHK_MULTI_MAPPED, o->slots[j].cap.loc,
			     "%s '%s' is mapped into both '%s' and '%s'", obj_types[ct].kw,
			     obj_label(m, child), obj_label(m, parent[child]),
			     obj_label(m, (uint32_t)i));
			diag_note(m->diag, where[child], "the first mapping is here");
		}
	}
	free(parent);
	free(where);
}

/* ---- frame mapping: attributes ------------------------------------------ */

static int capref_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return x[2] < y[2] ? -1 : x[2] > y[2];
}

static void check_frame_mappings(struct model *m)
{
	VEC(uint64_t) refs = {0}; /* (map_obj, map_slot, loc key) triples */
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		for (uint32_t j = 0; j < o->nslots; j++) {
			const struct cap *c = &o->slots[j].cap;
			if (!(c->flags & CF_MAPPING))
				continue;
			const struct cap_ext *x = &m->capext.v[c->ext];
			if (o->type != OBJ_CNODE) {
				diag(m->diag, CHK_FRAME_MAPPING, x->map_loc,
				     "a frame cap with mapping: may only be in a CNode, not in %s '%s'",
				     obj_types[o->type].kw, obj_label(m, (uint32_t)i));
				continue;
			}
			const struct object *t = &m->objs.v[x->map_obj];
			if (t->type != OBJ_PT && t->type != OBJ_PD) {
				diag(m->diag, CHK_FRAME_MAPPING, x->map_loc,
				     "mapping: names '%s', which is neither a page table nor a "
				     "page directory", obj_label(m, x->map_obj));
				continue;
			}
			const struct slot *s = find_slot(t, x->map_slot);
			if (!s) {
				diag(m->diag, CHK_FRAME_MAPPING, x->map_loc,
				     "mapping: names slot %llu of '%s', which holds no cap",
				     (unsigned long long)x->map_slot, obj_label(m, x->map_obj));
				continue;
			}
			if (s->cap.type != CAP_FRAME || s->cap.obj != c->obj) {
				diag(m->diag, CHK_FRAME_MAPPING, x->map_loc,
				     "mapping: names slot %llu of '%s', which does not map frame '%s'",
				     (unsigned long long)x->map_slot, obj_label(m, x->map_obj),
				     obj_label(m, c->obj));
				continue;
			}
			VEC_PUSH(&refs, x->map_obj);
			VEC_PUSH(&refs, x->map_slot);
			VEC_PUSH(&refs, ((uint64_t)x->map_loc.line << 32) | x->map_loc.col);
		}
	}
	size_t n = refs.n / 3;
	if (n > 1)
		qsort(refs.v, n, 3 * sizeof(uint64_t), capref_cmp);
	for (size_t i = 1; i < n; i++) {
		uint64_t *a = &refs.v[3 * (i - 1)], *b = &refs.v[3 * i];
		if (a[0] == b[0] && a[1] == b[1]) {
			struct loc lb = {(uint32_t)(b[2] >> 32), (uint32_t)b[2]};
			struct loc la = {(uint32_t)(a[2] >> 32), (uint32_t)a[2]};
			diag(m->diag, CHK_FRAME_MAPPING, lb,
			     "the mapping in slot %llu of '%s' is claimed by two frame caps",
			     (unsigned long long)a[1], obj_label(m, (uint32_t)a[0]));
			diag_note(m->diag, la, "the first claim is here");
		}
	}
	VEC_FREE(&refs);
}

/* ---- boot checks -------------------------------------------------------- */

static bool page_size_ok(enum arch a, uint64_t bits)
{
	switch (a) {
	case ARCH_ARM11: return bits == 12 || bits == 16 || bits == 20 || bits == 24;
	case ARCH_IA32: return bits == 12 || bits == 22;
	default: return bits == 12 || bits == 21 || bits == 30;
	}
}

static uint64_t table_slots(enum arch a, enum obj_type t)
{
	switch (a) {
	case ARCH_ARM11: return t == OBJ_PD ? 4096 : t == OBJ_PT ? 256 : 0;
	case ARCH_IA32: return t == OBJ_PD || t == OBJ_PT ? 1024 : 0;
	default: return is_table_type(t) ? 512 : 0;
	}
}

/* aarch64: which frame size each level maps, by the container's type. */
static uint64_t aarch64_level_bits(enum obj_type t)
{
	return t == OBJ_PUD ? 30 : t == OBJ_PD ? 21 : t == OBJ_PT ? 12 : 0;
}

static void check_object_boot(struct model *m, uint32_t id)
{
	const struct object *o = &m->objs.v[id];
	if (o->type == OBJ_FRAME && (o->flags & OF_BITS) && o->bits &&
	    !page_size_ok(m->arch, o->bits) && first_of_array(o))
		diag(m->diag, CHK_PAGE_SIZE, o->loc,
		     "frame '%s' is %llu bytes, which is not a page size on %s", obj_label(m, id),
		     (unsigned long long)o->fsize, arch_names[m->arch]);
	if (o->type == OBJ_TCB && first_of_array(o) && o->extra) {
		const struct object_extra *x = o->extra;
		if (extra_has(x, P_PRIO) && x->v[P_PRIO] > 255)
			diag(m->diag, CHK_PRIO, x->loc[P_PRIO],
			     "tcb '%s' has prio %llu; priorities are 0..255",
			     obj_label(m, id), (unsigned long long)x->v[P_PRIO]);
		if (extra_has(x, P_MAX_PRIO) && x->v[P_MAX_PRIO] > 255)
			diag(m->diag, CHK_PRIO, x->loc[P_MAX_PRIO],
			     "tcb '%s' has max_prio %llu; priorities are 0..255", obj_label(m, id),
			     (unsigned long long)x->v[P_MAX_PRIO]);
		if (extra_has(x, P_SP) && (x->v[P_SP] & 15))
			diag(m->diag, CHK_SP_ALIGN, x->loc[P_SP],
			     "tcb '%s' has sp 0x%llx, which is not 16-byte aligned", obj_label(m, id),
			     (unsigned long long)x->v[P_SP]);
		if (extra_has(x, P_ADDR) && (x->v[P_ADDR] & 0x3ff))
			diag(m->diag, CHK_IPC_BUFFER, x->loc[P_ADDR],
			     "tcb '%s' has its IPC buffer at 0x%llx, which is not 1 KiB aligned",
			     obj_label(m, id), (unsigned long long)x->v[P_ADDR]);
	}
	uint64_t limit = 0;
	if (o->type == OBJ_CNODE && (o->flags & OF_BITS) && o->bits < 64)
		limit = 1ull << o->bits;
	else if (is_table_type(o->type))
		limit = table_slots(m->arch, o->type);
	if (m->arch == ARCH_AARCH64 && o->type == OBJ_PGD)
		limit = (USER_TOP_AARCH64 >> 39) + 1; /* user addresses end at UserTop */
	for (uint32_t i = 0; i < o->nslots; i++) {
		const struct slot *s = &o->slots[i];
		if (limit && s->slot >= limit) {
			diag(m->diag, CHK_SLOT_RANGE, s->cap.loc,
			     "slot %llu is beyond %s '%s', which has %llu slots%s",
			     (unsigned long long)s->slot, obj_types[o->type].kw, obj_label(m, id),
			     (unsigned long long)limit,
			     o->type == OBJ_PGD ? " below the user address limit" : "");
		}
		const struct cap *c = &s->cap;
		if (c->type == CAP_CNODE && c->obj != NO_OBJ) {
			const struct object *t = &m->objs.v[c->obj];
			uint32_t wb = word_bits(m->arch);
			if (c->guard_size < 64 && (c->data >> c->guard_size))
				diag(m->diag, CHK_GUARD, c->loc,
				     "guard 0x%llx does not fit in guard_size %u bits",
				     (unsigned long long)c->data, c->guard_size);
			if ((t->flags & OF_BITS) && c->guard_size + t->bits > wb)
				diag(m->diag, CHK_GUARD, c->loc,
				     "guard_size %u + radix %llu of '%s' exceed the %u-bit word",
				     c->guard_size, (unsigned long long)t->bits, obj_label(m, c->obj), wb);
		}
		if ((c->type == CAP_EP || c->type == CAP_NOTIFICATION) && word_bits(m->arch) == 32 &&
		    (c->data >> 28))
			diag(m->diag, CHK_BADGE, c->loc,
			     "badge 0x%llx does not fit in the kernel's 28 badge bits",
			     (unsigned long long)c->data);
		if (m->arch == ARCH_AARCH64 && c->type == CAP_FRAME && c->obj != NO_OBJ) {
			uint64_t want = aarch64_level_bits(o->type);
			const struct object *f = &m->objs.v[c->obj];
			if (want && (f->flags & OF_BITS) && f->bits != want)
				diag(m->diag, CHK_PAGING, c->loc,
				     "a %s maps %s frames, but '%s' is %llu bytes",
				     obj_types[o->type].kw,
				     want == 30 ? "1 GiB" : want == 21 ? "2 MiB" : "4 KiB",
				     obj_label(m, c->obj), (unsigned long long)f->fsize);
		}
	}
}

/* aarch64: the frame cap mapped at va in the VSpace rooted at pgd. */
static const struct cap *lookup_va(const struct model *m, uint32_t pgd, uint64_t va)
{
	uint32_t t = pgd;
	static const unsigned shift[] = {39, 30, 21, 12};
	for (int level = 0; level < 4; level++) {
		const struct slot *s = find_slot(&m->objs.v[t], (va >> shift[level]) & 511);
		if (!s || s->cap.obj == NO_OBJ)
			return NULL;
		if (s->cap.type == CAP_FRAME)
			return &s->cap;
		t = s->cap.obj;
	}
	return NULL;
}

static const struct cap *tcb_cap(const struct object *tcb, uint64_t slot, enum cap_type t)
{
	const struct slot *s = find_slot(tcb, slot);
	return s && s->cap.type == t ? &s->cap : NULL;
}

static void check_tcb_boot(struct model *m, uint32_t id)
{
	const struct object *o = &m->objs.v[id];
	const struct object_extra *x = o->extra;
	bool runs = extra_has(x, P_IP) && !(extra_has(x, P_RESUME) && !x->v[P_RESUME]);
	const struct cap *cs = tcb_cap(o, 0, CAP_CNODE);
	const struct cap *vs = tcb_cap(o, 1, vspace_root_cap(m->arch));
	const struct cap *ipc = tcb_cap(o, 4, CAP_FRAME);
	/* aarch64 kernels with 40-bit stage-2 addresses have a PUD root */
	bool pud_root = !vs && m->arch == ARCH_AARCH64 && tcb_cap(o, 1, CAP_PUD);
	if (runs && (!cs || (!vs && !pud_root) || !ipc))
		diag(m->diag, CHK_TCB_CAPS, o->loc, "tcb '%s' will run but has no %s cap",
		     obj_label(m, id), !cs ? "cspace" : !vs && !pud_root ? "vspace" : "ipc_buffer_slot");
	if (m->arch != ARCH_AARCH64 || !vs)
		return; /* the address checks below walk a 4-level PGD */
	if (extra_has(x, P_ADDR) && ipc && !(x->v[P_ADDR] & 0x3ff)) {
		const struct cap *f = lookup_va(m, vs->obj, x->v[P_ADDR]);
		if (!f)
			diag(m->diag, CHK_IPC_BUFFER, x->loc[P_ADDR],
			     "tcb '%s' has its IPC buffer at 0x%llx, where its vspace '%s' maps no frame",
			     obj_label(m, id), (unsigned long long)x->v[P_ADDR], obj_label(m, vs->obj));
		else if (f->obj != ipc->obj)
			diag(m->diag, CHK_IPC_BUFFER, x->loc[P_ADDR],
			     "tcb '%s' has ipc_buffer_slot frame '%s', but its vspace maps '%s' at 0x%llx",
			     obj_label(m, id), obj_label(m, ipc->obj), obj_label(m, f->obj),
			     (unsigned long long)x->v[P_ADDR]);
	}
	if (runs) {
		const struct cap *f = lookup_va(m, vs->obj, x->v[P_IP]);
		if (!f || !(f->rights & RIGHT_G))
			diag(m->diag, CHK_ENTRY_UNMAPPED, x->loc[P_IP],
			     "tcb '%s' starts at ip 0x%llx, which its vspace does not map %s",
			     obj_label(m, id), (unsigned long long)x->v[P_IP],
			     f ? "executable (X)" : "at all");
	}
}

static void check_irqs(struct model *m, enum check_level level)
{
	bool *mapped = xcalloc(m->objs.n + 1, sizeof(bool));
	for (size_t i = 0; i < m->irqs.n; i++) {
		const struct irq_entry *q = &m->irqs.v[i];
		uint8_t t = m->objs.v[q->obj].type;
		mapped[q->obj] = true;
		if (t != OBJ_IRQ && t != OBJ_ARM_IRQ && t != OBJ_IOAPIC_IRQ && t != OBJ_MSI_IRQ)
			diag(m->diag, CHK_IRQ_OBJECT, q->loc,
			     "IRQ %llu is mapped to '%s', %s %s object, not an IRQ object",
			     (unsigned long long)q->irq, obj_label(m, q->obj), an(obj_types[t].kw),
			     obj_types[t].kw);
	}
	if (level >= CHECKS_BOOT)
		for (size_t i = 0; i < m->objs.n; i++) {
			const struct object *o = &m->objs.v[i];
			for (uint32_t j = 0; j < o->nslots; j++) {
				const struct cap *c = &o->slots[j].cap;
				if (c->type == CAP_IRQ_HANDLER && !mapped[c->obj]) {
					diag(m->diag, CHK_IRQ_UNMAPPED, c->loc,
					     "'%s' has no IRQ number: add it to irq maps",
					     obj_label(m, c->obj));
					mapped[c->obj] = true; /* once per object */
				}
			}
		}
	free(mapped);
}

void checks_run(struct model *m, enum check_level level)
{
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		if (first_of_array(o) && !(obj_types[o->type].archs >> m->arch & 1))
			diag(m->diag, CHK_ARCH_OBJECT, o->loc, "%s objects do not exist on %s ('%s')",
			     obj_types[o->type].kw, arch_names[m->arch], obj_label(m, (uint32_t)i));
		check_slots(m, (uint32_t)i);
		if (level >= CHECKS_BOOT) {
			check_object_boot(m, (uint32_t)i);
			if (o->type == OBJ_TCB)
				check_tcb_boot(m, (uint32_t)i);
		}
	}
	check_multi_mapped(m, level);
	check_frame_mappings(m);
	check_irqs(m, level);
}
