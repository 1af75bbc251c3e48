/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * model.c: turns the AST into the model. The stages run in this order:
 * objects (objects.c), caps, names, copies and the cdt (caps.c), then the
 * irq maps and the domain schedule (here). Each reports every problem it
 * finds; later stages skip what earlier ones could not resolve.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#define A(x) (1u << ARCH_##x)
#define ARM (A(AARCH64) | A(ARM11))
#define X86 (A(IA32) | A(X86_64))
#define ALL (ARM | X86 | A(RISCV))

const char *const arch_names[ARCH_COUNT] = {
	[ARCH_AARCH64] = "aarch64", [ARCH_ARM11] = "arm11", [ARCH_IA32] = "ia32",
	[ARCH_X86_64] = "x86_64", [ARCH_RISCV] = "riscv",
};

const struct obj_type_info obj_types[OBJ_TYPE_COUNT] = {
	[OBJ_UNTYPED] = {"ut", CAP_UNTYPED, false, ALL},
	[OBJ_EP] = {"ep", CAP_EP, false, ALL},
	[OBJ_NOTIFICATION] = {"notification", CAP_NOTIFICATION, false, ALL},
	[OBJ_TCB] = {"tcb", CAP_TCB, true, ALL},
	[OBJ_CNODE] = {"cnode", CAP_CNODE, true, ALL},
	[OBJ_IRQ] = {"irq", CAP_IRQ_HANDLER, true, ALL},
	[OBJ_ARM_IRQ] = {"arm_irq", CAP_IRQ_HANDLER, true, ARM},
	[OBJ_SGI_SIGNAL] = {"arm_sgi_signal", CAP_SGI_SIGNAL, false, ARM},
	[OBJ_ASID_POOL] = {"asid_pool", CAP_ASID_POOL, true, ALL},
	[OBJ_PT] = {"pt", CAP_PT, true, ALL},
	[OBJ_PD] = {"pd", CAP_PD, true, ARM | X86},
	[OBJ_PUD] = {"pud", CAP_PUD, true, A(AARCH64)},
	[OBJ_PGD] = {"pgd", CAP_PGD, true, A(AARCH64)},
	[OBJ_PML4] = {"pml4", CAP_PML4, true, A(X86_64)},
	[OBJ_PDPT] = {"pdpt", CAP_PDPT, true, A(X86_64)},
	[OBJ_FRAME] = {"frame", CAP_FRAME, false, ALL},
	[OBJ_VCPU] = {"vcpu", CAP_VCPU, false, ARM | X86},
	[OBJ_SC] = {"sc", CAP_SC, false, ALL},
	[OBJ_RTREPLY] = {"rtreply", CAP_RTREPLY, false, ALL},
	[OBJ_STREAMID] = {"streamid", CAP_SID, false, A(AARCH64)},
	[OBJ_CONTEXTBANK] = {"contextbank", CAP_CB, false, A(AARCH64)},
	[OBJ_SMC] = {"smc", CAP_SMC, false, A(AARCH64)},
	[OBJ_ARM_IODEVICE] = {"arm_io_device", CAP_ARM_IO_SPACE, true, ARM},
	[OBJ_IODEVICE] = {"io_device", CAP_IO_SPACE, true, X86},
	[OBJ_IOPT] = {"io_pt", CAP_IOPT, true, X86},
	[OBJ_IOPORTS] = {"io_ports", CAP_IO_PORTS, false, X86},
	[OBJ_IOAPIC_IRQ] = {"ioapic_irq", CAP_IRQ_HANDLER, true, X86},
	[OBJ_MSI_IRQ] = {"msi_irq", CAP_IRQ_HANDLER, true, X86},
};

const char *const cap_type_names[CAP_TYPE_COUNT] = {
	[CAP_NULL] = "null", [CAP_UNTYPED] = "untyped", [CAP_EP] = "endpoint",
	[CAP_NOTIFICATION] = "notification", [CAP_REPLY] = "reply",
	[CAP_MASTER_REPLY] = "master reply", [CAP_CNODE] = "CNode",
	[CAP_TCB] = "TCB", [CAP_IRQ_CONTROL] = "IRQ control",
	[CAP_IRQ_HANDLER] = "IRQ handler", [CAP_DOMAIN] = "domain",
	[CAP_FRAME] = "frame", [CAP_PT] = "page table", [CAP_PD] = "page directory",
	[CAP_PUD] = "PUD", [CAP_PGD] = "PGD", [CAP_PML4] = "PML4", [CAP_PDPT] = "PDPT",
	[CAP_ASID_CONTROL] = "ASID control", [CAP_ASID_POOL] = "ASID pool",
	[CAP_IO_SPACE_MASTER] = "IO space master", [CAP_IO_PORTS] = "IO ports",
	[CAP_IO_SPACE] = "IO space", [CAP_IOPT] = "IO page table",
	[CAP_ARM_IO_SPACE] = "ARM IO space", [CAP_VCPU] = "VCPU",
	[CAP_SC] = "scheduling context", [CAP_RTREPLY] = "reply object",
	[CAP_SCHED_CONTROL] = "sched control", [CAP_SID] = "stream ID",
	[CAP_CB] = "context bank", [CAP_SMC] = "SMC", [CAP_SGI_SIGNAL] = "SGI signal",
};

const char *const param_key_names[P_KEY_COUNT] = {
	[P_ADDR] = "addr", [P_IP] = "ip", [P_SP] = "sp", [P_PRIO] = "prio",
	[P_MAX_PRIO] = "max_prio", [P_AFFINITY] = "affinity", [P_RESUME] = "resume",
	[P_FPU_DISABLED] = "fpu_disabled", [P_FAULT_EP] = "fault_ep", [P_DOM] = "dom",
	[P_INIT] = "init", [P_PERIOD] = "period", [P_BUDGET] = "budget",
	[P_DATA] = "data", [P_ASID_HIGH] = "asid_high", [P_TRIGGER] = "trigger",
	[P_TARGET] = "target", [P_IRQ] = "irq", [P_BANK] = "bank",
	[P_IOSPACE] = "iospace", [P_LEVEL] = "level", [P_DOMAINID] = "domainID",
	[P_PCI] = "PCI device", [P_PORTS] = "ports", [P_IOAPIC_NUM] = "ioapic_num",
	[P_IOAPIC_PIN] = "ioapic_pin", [P_IOAPIC_LEVEL] = "ioapic_level",
	[P_IOAPIC_POLARITY] = "ioapic_polarity", [P_MSI_HANDLE] = "msi_handle",
	[P_MSI_PCI_BUS] = "msi_pci_bus", [P_MSI_PCI_DEV] = "msi_pci_dev",
	[P_MSI_PCI_FUN] = "msi_pci_fun", [P_FILL] = "fill",
};

bool cap_type_valid(enum arch a, enum cap_type t)
{
	switch (t) {
	case CAP_IO_SPACE_MASTER:
	case CAP_IO_PORTS:
	case CAP_IO_SPACE:
	case CAP_IOPT:
		return a == ARCH_IA32 || a == ARCH_X86_64;
	case CAP_PUD:
	case CAP_PGD:
	case CAP_SID:
	case CAP_CB:
	case CAP_SMC:
		return a == ARCH_AARCH64;
	case CAP_PD:
		return a != ARCH_RISCV;
	case CAP_PML4:
	case CAP_PDPT:
		return a == ARCH_X86_64;
	case CAP_ARM_IO_SPACE:
	case CAP_SGI_SIGNAL:
		return a == ARCH_AARCH64 || a == ARCH_ARM11;
	case CAP_VCPU:
		return a != ARCH_RISCV;
	default:
		return true;
	}
}

uint32_t word_bits(enum arch a)
{
	return a == ARCH_ARM11 || a == ARCH_IA32 ? 32 : 64;
}

/* ---- names -------------------------------------------------------------- */

/* A few static buffers, so that one message can name several objects. */
const char *obj_label(const struct model *m, uint32_t id)
{
	static struct strbuf sb[4];
	static unsigned next;
	struct strbuf *b = &sb[next++ % 4];
	sb_reset(b);
	object_describe(m, id, b);
	return b->s;
}

/* The CapDL word for a cap without an object. */
const char *special_cap_name(uint8_t type)
{
	switch (type) {
	case CAP_IRQ_CONTROL: return "irq_control";
	case CAP_ASID_CONTROL: return "asid_control";
	case CAP_DOMAIN: return "domain";
	case CAP_IO_SPACE_MASTER: return "io_space_master";
	case CAP_SCHED_CONTROL: return "sched_control";
	default: return cap_type_names[type];
	}
}

const char *an(const char *word)
{
	return strchr("aeiouAEIOU", word[0]) ? "an" : "a";
}

void object_describe(const struct model *m, uint32_t id, struct strbuf *sb)
{
	const struct object *o = &m->objs.v[id];
	sb_putn(sb, o->name->s, o->name->len);
	if (o->flags & OF_ELEM) {
		sb_putc(sb, '[');
		sb_u64(sb, o->index);
		sb_putc(sb, ']');
	}
}

static bool push_index(struct model *m, const struct ast_nameref *r,
		       const struct obj_binding *b, uint64_t i, struct loc loc,
		       struct ref_list *out)
{
	if (i >= b->count) {
		diag(m->diag, CHK_UNKNOWN_OBJECT, loc,
		     "index %llu is out of range for '%s', which has %u elements",
		     (unsigned long long)i, r->name->s, b->count);
		diag_note(m->diag, b->loc, "'%s' is declared here", r->name->s);
		return false;
	}
	VEC_PUSH(&out->ids, b->first + (uint32_t)i);
	return true;
}

bool resolve_ref(struct model *m, const struct ast_nameref *r, struct ref_list *out)
{
	const struct obj_binding *b = r->name->obj;
	if (!b) {
		diag(m->diag, CHK_UNKNOWN_OBJECT, r->loc, "unknown object '%s'", r->name->s);
		return false;
	}
	if (!r->bracket) {
		if (b->is_array) {
			diag(m->diag, CHK_UNKNOWN_OBJECT, r->loc,
			     "'%s' is an array; name its elements as %s[] or %s[i]",
			     r->name->s, r->name->s, r->name->s);
			diag_note(m->diag, b->loc, "'%s' is declared here", r->name->s);
			return false;
		}
		VEC_PUSH(&out->ids, b->first);
		return true;
	}
	if (!b->is_array) {
		diag(m->diag, CHK_UNKNOWN_OBJECT, r->loc,
		     "'%s' is not an array and takes no index", r->name->s);
		diag_note(m->diag, b->loc, "'%s' is declared here", r->name->s);
		return false;
	}
	if (!r->ranges) {
		for (uint32_t i = 0; i < b->count; i++)
			VEC_PUSH(&out->ids, b->first + i);
		return true;
	}
	bool ok = true;
	for (const struct ast_range *g = r->ranges; g; g = g->next) {
		uint64_t lo = g->lo, hi = g->hi;
		switch (g->kind) {
		case RANGE_ONE:
			ok &= push_index(m, r, b, lo, g->loc, out);
			continue;
		case RANGE_TO:
			lo = 0;
			break;
		case RANGE_FROM:
			if (b->count == 0 || lo > b->count) {
				ok &= push_index(m, r, b, lo, g->loc, out);
				continue;
			}
			hi = b->count - 1;
			if (lo > hi)
				continue; /* x[n..] of an n-element array is empty */
			break;
		case RANGE_SPAN:
			break;
		}
		if (lo >= b->count || hi >= b->count) {
			ok &= push_index(m, r, b, lo >= b->count ? lo : hi, g->loc, out);
			continue;
		}
		if (lo <= hi)
			for (uint64_t i = lo; i <= hi; i++)
				VEC_PUSH(&out->ids, b->first + (uint32_t)i);
		else
			for (uint64_t i = lo + 1; i-- > hi;)
				VEC_PUSH(&out->ids, b->first + (uint32_t)i);
	}
	return ok;
}

uint32_t resolve_one(struct model *m, const struct ast_nameref *r, const char *what)
{
	struct ref_list l = {0};
	uint32_t id = NO_OBJ;
	if (resolve_ref(m, r, &l)) {
		if (l.ids.n == 1)
			id = l.ids.v[0];
		else
			diag(m->diag, CHK_NOT_UNIQUE, r->loc,
			     "%s must name exactly one object, but '%s' names %zu",
			     what, r->name->s, l.ids.n);
	}
	VEC_FREE(&l.ids);
	return id;
}

bool slot_value(struct model *m, const struct ast_slot *s, uint64_t *out)
{
	if (!s->word) {
		*out = s->n;
		return true;
	}
	if (s->word->slot >= 0) {
		*out = (uint64_t)s->word->slot;
		return true;
	}
	diag(m->diag, CHK_CAP_PARAMS, s->loc,
	     "unknown slot name '%s' (slots are numbers or cspace, vspace, "
	     "reply_slot, caller_slot, ipc_buffer_slot, fault_ep_slot, sc_slot, "
	     "temp_fault_ep_slot, bound_notification, bound_vcpu)", s->word->s);
	return false;
}

struct slot *find_slot(const struct object *o, uint64_t slot)
{
	size_t lo = 0, hi = o->nslots;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->slots[mid].slot < slot)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->nslots && o->slots[lo].slot == slot ? &o->slots[lo] : NULL;
}

/* capDL-tool's ObjID order: by name (bytes), then a plain name before
 * array elements, then by index. */
int objid_cmp(const struct object *x, const struct object *y)
{
	if (x->name != y->name) {
		size_t n = x->name->len < y->name->len ? x->name->len : y->name->len;
		int c = memcmp(x->name->s, y->name->s, n);
		if (c)
			return c;
		if (x->name->len != y->name->len)
			return x->name->len < y->name->len ? -1 : 1;
	}
	bool ex = x->flags & OF_ELEM, ey = y->flags & OF_ELEM;
	if (ex != ey)
		return ex ? 1 : -1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

/* ---- irq maps ----------------------------------------------------------- */

static int irq_cmp(const void *a, const void *b)
{
	const struct irq_entry *x = a, *y = b;
	if (x->irq != y->irq)
		return x->irq < y->irq ? -1 : 1;
	return loc_cmp(x->loc, y->loc);
}

static void irqs_build(struct model *m, const struct ast_spec *spec)
{
	const struct ast_irqsection *first_full = NULL;
	for (const struct ast_irqsection *s = spec->irqs.first; s; s = s->next) {
		if (first_full) {
			diag(m->diag, CHK_IRQ_MAP, s->loc,
			     "duplicate 'irq maps' section: IRQs are already mapped above");
			diag_note(m->diag, first_full->loc, "the first 'irq maps' section");
			continue;
		}
		if (s->irqs)
			first_full = s;
		uint64_t next = 0;
		for (const struct ast_irq *q = s->irqs; q; q = q->next) {
			if (q->has_num)
				next = q->num;
			struct ref_list l = {0};
			resolve_ref(m, &q->ref, &l);
			for (size_t i = 0; i < l.ids.n; i++) {
				struct irq_entry e = {next + i, l.ids.v[i], q->loc};
				VEC_PUSH(&m->irqs, e);
			}
			next += l.ids.n;
			VEC_FREE(&l.ids);
		}
	}
	if (m->irqs.n > 1)
		qsort(m->irqs.v, m->irqs.n, sizeof(m->irqs.v[0]), irq_cmp);
	size_t w = 0;
	for (size_t i = 0; i < m->irqs.n; i++) {
		if (w && m->irqs.v[w - 1].irq == m->irqs.v[i].irq) {
			diag(m->diag, CHK_IRQ_MAP, m->irqs.v[i].loc, "IRQ %llu is already mapped",
			     (unsigned long long)m->irqs.v[i].irq);
			diag_note(m->diag, m->irqs.v[w - 1].loc, "IRQ %llu is mapped to '%s' here",
				  (unsigned long long)m->irqs.v[i].irq,
				  obj_label(m, m->irqs.v[w - 1].obj));
			continue;
		}
		m->irqs.v[w++] = m->irqs.v[i];
	}
	m->irqs.n = w;
}

/* ---- domains ------------------------------------------------------------ */

static void domains_build(struct model *m, const struct ast_spec *spec)
{
	const struct ast_domitem *seen[3] = {0};
	static const char *const what[3] = {"domain schedule", "domain_set_start index",
					    "domain index shift"};
	for (const struct ast_domitem *d = spec->domains.first; d; d = d->next) {
		if (seen[d->kind]) {
			diag(m->diag, CHK_DOMAINS, d->loc, "a spec declares at most one %s",
			     what[d->kind]);
			diag_note(m->diag, seen[d->kind]->loc, "the first one is here");
			continue;
		}
		seen[d->kind] = d;
		switch (d->kind) {
		case DI_SCHEDULE:
			m->has_schedule = true;
			for (const struct ast_sched *s = d->sched; s; s = s->next) {
				struct sched_entry e = {s->dom, s->ticks, s->loc};
				VEC_PUSH(&m->schedule, e);
				bool end = s->dom == 0 && s->ticks == 0;
				if (s->ticks == 0 && !end)
					diag(m->diag, CHK_DOMAINS, s->loc,
					     "domain schedule item (%llu, 0): a duration of 0 is "
					     "only allowed in the end marker (0, 0)",
					     (unsigned long long)s->dom);
				if (s->dom > 255)
					diag(m->diag, CHK_DOMAINS, s->loc,
					     "domain schedule item (%llu, %llu): the domain must "
					     "be in 0..255", (unsigned long long)s->dom,
					     (unsigned long long)s->ticks);
				if (s->ticks >> 56)
					diag(m->diag, CHK_DOMAINS, s->loc,
					     "domain schedule item (%llu, %llu): the duration "
					     "must be less than 2^56", (unsigned long long)s->dom,
					     (unsigned long long)s->ticks);
			}
			break;
		case DI_START:
			m->has_start = true;
			m->no_start = d->no_start;
			m->start = d->n;
			m->start_loc = d->loc;
			break;
		case DI_SHIFT:
			m->has_shift = true;
			m->shift = d->n;
			break;
		}
	}
	if (m->has_start && !m->no_start) {
		size_t n = m->schedule.n;
		if (m->start >= n)
			diag(m->diag, CHK_DOMAINS, m->start_loc,
			     "domain_set_start is %llu, but the schedule has %zu entries",
			     (unsigned long long)m->start, n);
		else if (m->schedule.v[m->start].dom == 0 && m->schedule.v[m->start].ticks == 0)
			diag(m->diag, CHK_DOMAINS, m->start_loc,
			     "domain_set_start (%llu) must not point at the end marker (0, 0)",
			     (unsigned long long)m->start);
	}
}

/* ---- driver ------------------------------------------------------------- */

static size_t fatal_errors(const struct model *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->diag->list.n; i++) {
		const struct diag *g = &m->diag->list.v[i];
		if (g->sev == SEV_ERROR && (g->check >= CHK_COUNT || check_table[g->check].fatal))
			n++;
	}
	return n + m->diag->dropped;
}

bool model_build(struct model *m, const struct ast_spec *spec)
{
	m->arch_name = spec->arch;
	m->arch_loc = spec->arch_loc;
	m->arch = ARCH_COUNT;
	for (int i = 0; i < ARCH_COUNT; i++)
		if (!strcmp(arch_names[i], spec->arch->s))
			m->arch = (enum arch)i;
	if (m->arch == ARCH_COUNT) {
		diag(m->diag, CHK_SYNTAX, spec->arch_loc,
		     "unknown architecture '%s' (expected aarch64, arm11, ia32, x86_64 or riscv)",
		     spec->arch->s);
		return false;
	}
	VEC_PUSH(&m->capext, ((struct cap_ext){0})); /* index 0 = none */
	objects_build(m, spec);
	caps_build(m, spec);
	irqs_build(m, spec);
	domains_build(m, spec);
	if (spec->dump)
		dump_group_objects(m);
	return fatal_errors(m) == 0;
}

void model_free(struct model *m)
{
	for (size_t i = 0; i < m->objs.n; i++) {
		free(m->objs.v[i].slots);
		free(m->objs.v[i].cover);
	}
	VEC_FREE(&m->objs);
	VEC_FREE(&m->capext);
	VEC_FREE(&m->cdt);
	VEC_FREE(&m->irqs);
	VEC_FREE(&m->schedule);
	for (size_t i = 0; i < m->cap_arrays.n; i++)
		VEC_FREE(&m->cap_arrays.v[i]->elems);
	VEC_FREE(&m->cap_arrays);
}
