/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * objects.c: object declarations, their parameters, and untyped covers.
 *
 * Two walks over the declarations, in source order: the first creates
 * every object (so later declarations and cap blocks can refer to objects
 * declared further down), the second records which untyped covers which
 * object, keeping the order in which covers were written: that order is
 * the retype order for static allocation and what "print" shows.
 */
#include "keywords.h"
#include "model.h"

#include <string.h>

enum pval { V_NUM, V_BOOL, V_TRIGGER, V_LIST, V_RANGE, V_FILL };

struct param_def {
	enum keyword kw;
	enum param_key key;
	enum pval val;
	bool pooled; /* may repeat; the first one counts (capDL-tool) */
};

static const struct param_def param_defs[] = {
	{KW_ADDR, P_ADDR, V_NUM, true},
	{KW_IP, P_IP, V_NUM, true},
	{KW_SP, P_SP, V_NUM, true},
	{KW_PRIO, P_PRIO, V_NUM, true},
	{KW_MAX_PRIO, P_MAX_PRIO, V_NUM, true},
	{KW_AFFINITY, P_AFFINITY, V_NUM, true},
	{KW_RESUME, P_RESUME, V_BOOL, true},
	{KW_FPU_DISABLED, P_FPU_DISABLED, V_BOOL, true},
	{KW_FAULT_EP, P_FAULT_EP, V_NUM, false},
	{KW_DOM, P_DOM, V_NUM, false},
	{KW_INIT, P_INIT, V_LIST, false},
	{KW_PERIOD, P_PERIOD, V_NUM, true},
	{KW_BUDGET, P_BUDGET, V_NUM, true},
	{KW_DATA, P_DATA, V_NUM, true},
	{KW_ASID_HIGH, P_ASID_HIGH, V_NUM, false},
	{KW_TRIGGER, P_TRIGGER, V_TRIGGER, true},
	{KW_TARGET, P_TARGET, V_NUM, true},
	{KW_IRQ, P_IRQ, V_NUM, false},
	{KW_BANK, P_BANK, V_NUM, false},
	{KW_IOSPACE, P_IOSPACE, V_NUM, false},
	{KW_LEVEL, P_LEVEL, V_NUM, false},
	{KW_DOMAINID, P_DOMAINID, V_NUM, false},
	{KW_PORTS, P_PORTS, V_RANGE, false},
	{KW_IOAPIC_NUM, P_IOAPIC_NUM, V_NUM, true},
	{KW_IOAPIC_PIN, P_IOAPIC_PIN, V_NUM, true},
	{KW_IOAPIC_LEVEL, P_IOAPIC_LEVEL, V_NUM, true},
	{KW_IOAPIC_POLARITY, P_IOAPIC_POLARITY, V_NUM, true},
	{KW_MSI_HANDLE, P_MSI_HANDLE, V_NUM, true},
	{KW_MSI_PCI_BUS, P_MSI_PCI_BUS, V_NUM, true},
	{KW_MSI_PCI_DEV, P_MSI_PCI_DEV, V_NUM, true},
	{KW_MSI_PCI_FUN, P_MSI_PCI_FUN, V_NUM, true},
	{KW_FILL, P_FILL, V_FILL, false},
};

#define K(x) (1ull << P_##x)
#define TCB_EXTRA (K(ADDR) | K(IP) | K(SP) | K(PRIO) | K(MAX_PRIO) | K(AFFINITY))

/* Which keyed parameters each object type takes. */
static uint64_t allowed_keys(enum obj_type t)
{
	switch (t) {
	case OBJ_TCB:
		return TCB_EXTRA | K(RESUME) | K(FPU_DISABLED) | K(FAULT_EP) | K(DOM) | K(INIT);
	case OBJ_SC: return K(PERIOD) | K(BUDGET) | K(DATA);
	case OBJ_ASID_POOL: return K(ASID_HIGH);
	case OBJ_ARM_IRQ: return K(TRIGGER) | K(TARGET);
	case OBJ_SGI_SIGNAL: return K(IRQ) | K(TARGET);
	case OBJ_CONTEXTBANK: return K(BANK);
	case OBJ_ARM_IODEVICE: return K(IOSPACE);
	case OBJ_IODEVICE: return K(DOMAINID) | K(PCI) | K(IOSPACE);
	case OBJ_IOPT: return K(LEVEL);
	case OBJ_IOPORTS: return K(PORTS);
	case OBJ_IOAPIC_IRQ:
		return K(IOAPIC_NUM) | K(IOAPIC_PIN) | K(IOAPIC_LEVEL) | K(IOAPIC_POLARITY);
	case OBJ_MSI_IRQ:
		return K(MSI_HANDLE) | K(MSI_PCI_BUS) | K(MSI_PCI_DEV) | K(MSI_PCI_FUN);
	case OBJ_FRAME: return K(FILL);
	default: return 0;
	}
}

static bool takes_bits(enum obj_type t)
{
	return t == OBJ_UNTYPED || t == OBJ_CNODE || t == OBJ_SC;
}

/* What a declaration's parameters produce, copied into each object. */
#define TRIED_SIZE (1ull << 63) /* a size was written, valid or not */

struct objtmpl {
	enum obj_type type;
	uint8_t flags;
	uint64_t tried; /* bit per param_key written, valid or not */
	uint64_t bits, fsize, paddr;
	struct object_extra *extra;
};

static struct object_extra *extra_of(struct model *m, struct objtmpl *t)
{
	if (!t->extra)
		t->extra = arena_zalloc(m->arena, sizeof(*t->extra));
	return t->extra;
}

static const char *type_kw(enum obj_type t)
{
	return obj_types[t].kw;
}

static int log2_exact(uint64_t v)
{
	if (!v || (v & (v - 1)))
		return -1;
	return __builtin_ctzll(v);
}

static void set_size(struct model *m, struct objtmpl *t, const struct ast_param *p,
		     const char *name, const struct ast_param **seen_size)
{
	t->tried |= TRIED_SIZE;
	const char *unit = p->word->s;
	bool bits = p->word->kw == KW_BITS;
	bool vm = p->word->kw == KW_K || p->word->kw == KW_M;
	if (!bits && !vm) {
		diag(m->diag, CHK_OBJECT_PARAMS, p->word_loc,
		     "expected 'bits', 'k' or 'M' after the number, not '%s'", unit);
		return;
	}
	if (*seen_size) {
		diag(m->diag, CHK_OBJECT_PARAMS, p->loc, "'%s' has two size parameters", name);
		diag_note(m->diag, (*seen_size)->loc, "the first size is here");
		return;
	}
	*seen_size = p;
	if (bits && !takes_bits(t->type)) {
		diag(m->diag, CHK_OBJECT_PARAMS, p->loc,
		     "'%s' is %s %s object and takes no 'N bits' size%s", name,
		     an(type_kw(t->type)), type_kw(t->type), t->type == OBJ_FRAME ? " (write frame (4k), (2M), ...)" : "");
		return;
	}
	if (vm && t->type != OBJ_FRAME) {
		diag(m->diag, CHK_OBJECT_PARAMS, p->loc,
		     "'%s' is %s %s object and takes no '%llu%s' size%s", name,
		     an(type_kw(t->type)), type_kw(t->type), (unsigned long long)p->n[0], unit,
		     takes_bits(t->type) ? " (write N bits)" : "");
		return;
	}
	if (bits) {
		t->bits = p->n[0];
		t->flags |= OF_BITS;
		return;
	}
	unsigned shift = p->word->kw == KW_K ? 10 : 20;
	t->fsize = p->n[0] << shift;
	t->flags |= OF_BITS;
	if (p->n[0] == 0) {
		diag(m->diag, CHK_FRAME_SIZE, p->loc, "frame '%s' has size 0", name);
		return;
	}
	if (p->n[0] >> (64 - shift)) {
		diag(m->diag, CHK_FRAME_SIZE, p->loc,
		     "frame '%s' has size %llu%s, which does not fit in 64 bits", name,
		     (unsigned long long)p->n[0], unit);
		t->bits = 0;
		return;
	}
	int l = log2_exact(p->n[0]);
	if (l < 0) {
		diag(m->diag, CHK_FRAME_SIZE, p->loc,
		     "frame '%s' has size %llu%s, which is not a power of two", name,
		     (unsigned long long)p->n[0], unit);
		t->bits = 0;
		return;
	}
	t->bits = (uint64_t)l + shift;
}

static bool want_value(struct model *m, const struct ast_param *p, enum pval v,
		       const char *key)
{
	static const char *const need[] = {
		[V_NUM] = "a number", [V_BOOL] = "True or False",
		[V_TRIGGER] = "level or edge", [V_LIST] = "a list of numbers [a, b, ...]",
		[V_RANGE] = "a range [a..b]", [V_FILL] = "a list of {...} fill entries",
	};
	bool ok;
	switch (v) {
	case V_NUM: ok = p->kind == PARAM_NUM; break;
	case V_BOOL:
		ok = p->kind == PARAM_WORD &&
		     (p->word->kw == KW_TRUE || p->word->kw == KW_FALSE);
		break;
	case V_TRIGGER:
		/* level/edge as written; 0/1 as capDL-tool prints it */
		ok = (p->kind == PARAM_WORD &&
		      (p->word->kw == KW_LEVEL || p->word->kw == KW_EDGE)) ||
		     (p->kind == PARAM_NUM && p->n[0] <= 1);
		break;
	case V_LIST: ok = p->kind == PARAM_LIST; break;
	case V_RANGE: ok = p->kind == PARAM_RANGE; break;
	case V_FILL: ok = p->kind == PARAM_FILL || (p->kind == PARAM_LIST && !p->list); break;
	default: ok = false;
	}
	if (!ok)
		diag(m->diag, CHK_OBJECT_PARAMS, p->loc, "'%s:' takes %s", key, need[v]);
	return ok;
}

static void set_keyed(struct model *m, struct objtmpl *t, const struct ast_param *p,
		      const char *name, const struct ast_param **seen)
{
	const char *key = p->key->s;
	enum keyword kw = p->key->kw;
	if (t->type == OBJ_TCB && (kw == KW_ELF || kw == KW_CRIT || kw == KW_MAX_CRIT)) {
		diag(m->diag, CHK_LEGACY, p->loc,
		     "'%s:' was removed from CapDL and is ignored", key);
		return;
	}
	if (kw == KW_PADDR) {
		if (t->type != OBJ_FRAME && t->type != OBJ_UNTYPED) {
			diag(m->diag, CHK_OBJECT_PARAMS, p->loc,
			     "'paddr:' applies to frames and untypeds, not to %s object '%s'",
			     type_kw(t->type), name);
			return;
		}
		if (t->flags & OF_PADDR) {
			diag(m->diag, CHK_OBJECT_PARAMS, p->loc, "'paddr:' is given twice");
			return;
		}
		if (want_value(m, p, V_NUM, key)) {
			t->paddr = p->n[0];
			t->flags |= OF_PADDR;
		}
		return;
	}
	const struct param_def *d = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(param_defs); i++)
		if (param_defs[i].kw == kw && kw != KW_NONE)
			d = &param_defs[i];
	if (!d || !(allowed_keys(t->type) >> d->key & 1)) {
		diag(m->diag, CHK_OBJECT_PARAMS, p->loc,
		     "'%s:' is not a parameter of %s objects", key, type_kw(t->type));
		return;
	}
	struct object_extra *x = extra_of(m, t);
	t->tried |= 1ull << d->key;
	if (x->present >> d->key & 1) {
		if (d->pooled)
			return; /* capDL-tool keeps the first */
		diag(m->diag, CHK_OBJECT_PARAMS, p->loc, "'%s:' is given twice", key);
		diag_note(m->diag, seen[d->key]->loc, "the first '%s:' is here", key);
		return;
	}
	if (!want_value(m, p, d->val, key))
		return;
	seen[d->key] = p;
	x->present |= 1ull << d->key;
	x->loc[d->key] = p->loc;
	switch (d->val) {
	case V_NUM:
		x->v[d->key] = p->n[0];
		break;
	case V_BOOL:
		x->v[d->key] = p->word->kw == KW_TRUE;
		break;
	case V_TRIGGER:
		x->v[d->key] = p->kind == PARAM_NUM ? p->n[0] : p->word->kw == KW_EDGE;
		break;
	case V_LIST: {
		uint32_t n = 0;
		for (const struct ast_numlist *l = p->list; l; l = l->next)
			n++;
		x->init = arena_alloc(m->arena, (n ? n : 1) * sizeof(uint64_t));
		x->ninit = 0;
		for (const struct ast_numlist *l = p->list; l; l = l->next)
			x->init[x->ninit++] = l->n;
		break;
	}
	case V_RANGE:
		x->ports[0] = p->n[0];
		x->ports[1] = p->n[1];
		break;
	case V_FILL: {
		uint32_t n = 0;
		for (const struct ast_fill *f = p->fills; f; f = f->next)
			n++;
		x->fill = arena_alloc(m->arena, (n ? n : 1) * sizeof(*x->fill));
		x->nfill = 0;
		for (const struct ast_fill *f = p->fills; f; f = f->next)
			x->fill[x->nfill++] = (struct fill_entry){f->loc, f->ntok, f->tok};
		break;
	}
	}
}

static void check_combinations(struct model *m, struct objtmpl *t,
			       const struct ast_objdecl *d, const char *name)
{
	const struct object_extra *x = t->extra;
	/* what was written but rejected is already reported */
	uint64_t have = (x ? x->present : 0) | t->tried;
	switch (t->type) {
	case OBJ_CNODE:
		if (!(t->flags & OF_BITS) && !(t->tried & TRIED_SIZE))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "cnode '%s' needs a size: cnode (N bits)", name);
		break;
	case OBJ_FRAME:
		if (!(t->flags & OF_BITS) && !(t->tried & TRIED_SIZE))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "frame '%s' needs a size: frame (4k), frame (2M), ...", name);
		break;
	case OBJ_TCB: {
		uint64_t e = have & TCB_EXTRA;
		bool all = e == TCB_EXTRA, addr_aff = e == (K(ADDR) | K(AFFINITY));
		if (!all && !addr_aff && e)
			diag(m->diag, CHK_TCB_PARAMS, d->type_loc,
			     "tcb '%s' needs all of addr, ip, sp, prio, max_prio and "
			     "affinity, or only addr and affinity, or none of them", name);
		else if (!e && (have & (K(RESUME) | K(FPU_DISABLED))))
			diag(m->diag, CHK_TCB_PARAMS, d->type_loc,
			     "tcb '%s' has resume: or fpu_disabled: but not addr, ip, sp, "
			     "prio, max_prio and affinity", name);
		break;
	}
	case OBJ_SC: {
		uint64_t e = (x ? x->present : 0) & (K(PERIOD) | K(BUDGET) | K(DATA));
		if (e && !((e & K(PERIOD)) && (e & K(BUDGET))))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "sc '%s' needs both period: and budget: (and optionally data:)", name);
		break;
	}
	case OBJ_ARM_IRQ:
		if (!(have & K(TRIGGER)) || !(have & K(TARGET)))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "arm_irq '%s' needs trigger: (level or edge) and target:", name);
		break;
	case OBJ_SGI_SIGNAL:
		if (!(have & K(IRQ)) || !(have & K(TARGET)))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "arm_sgi_signal '%s' needs irq: and target:", name);
		break;
	case OBJ_ARM_IODEVICE:
		if (!(have & K(IOSPACE)))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "arm_io_device '%s' needs iospace:", name);
		break;
	case OBJ_IODEVICE:
		if (!(have & K(DOMAINID)) || !(have & K(PCI)))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "io_device '%s' needs domainID: and a PCI device bus:dev.fun", name);
		break;
	case OBJ_IOPT:
		if (!(have & K(LEVEL)))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc, "io_pt '%s' needs level:", name);
		break;
	case OBJ_IOPORTS:
		if (!(have & K(PORTS)))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "io_ports '%s' needs ports: [first..last]", name);
		break;
	case OBJ_IOAPIC_IRQ:
		if ((have & allowed_keys(OBJ_IOAPIC_IRQ)) != allowed_keys(OBJ_IOAPIC_IRQ))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "ioapic_irq '%s' needs ioapic_num:, ioapic_pin:, ioapic_level: "
			     "and ioapic_polarity:", name);
		break;
	case OBJ_MSI_IRQ:
		if ((have & allowed_keys(OBJ_MSI_IRQ)) != allowed_keys(OBJ_MSI_IRQ))
			diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc,
			     "msi_irq '%s' needs msi_handle:, msi_pci_bus:, msi_pci_dev: "
			     "and msi_pci_fun:", name);
		break;
	default:
		break;
	}
}

/* Read a declaration's type and parameters into *t. */
static bool read_params(struct model *m, const struct ast_objdecl *d, const char *name,
			struct objtmpl *t)
{
	int type = d->type->objtype;
	if (type < 0) {
		diag(m->diag, CHK_OBJECT_PARAMS, d->type_loc, "unknown object type '%s'",
		     d->type->s);
		return false;
	}
	memset(t, 0, sizeof(*t));
	t->type = (enum obj_type)type;
	/* capDL-tool prints an arm_io_device as "io_device (iospace: N)". */
	if (t->type == OBJ_IODEVICE)
		for (const struct ast_param *p = d->params; p; p = p->next)
			if (p->key && p->key->kw == KW_IOSPACE)
				t->type = OBJ_ARM_IODEVICE;
	const struct ast_param *seen[P_KEY_COUNT] = {0}, *seen_size = NULL;
	for (const struct ast_param *p = d->params; p; p = p->next) {
		switch (p->kind) {
		case PARAM_SIZE:
			set_size(m, t, p, name, &seen_size);
			break;
		case PARAM_PCI:
			if (t->type != OBJ_IODEVICE) {
				diag(m->diag, CHK_OBJECT_PARAMS, p->loc,
				     "a PCI device bus:dev.fun applies to io_device objects only");
			} else if (extra_has(t->extra, P_PCI)) {
				diag(m->diag, CHK_OBJECT_PARAMS, p->loc, "the PCI device is given twice");
			} else {
				struct object_extra *x = extra_of(m, t);
				x->present |= K(PCI);
				memcpy(x->pci, p->n, sizeof(x->pci));
			}
			break;
		default:
			set_keyed(m, t, p, name, seen);
			break;
		}
	}
	check_combinations(m, t, d, name);
	/* capDL-tool's model has no IRQ object: an irq is a CNode of size 0,
	 * so "cnode (0 bits)" is an irq (and prints as one). */
	if (t->type == OBJ_CNODE && (t->flags & OF_BITS) && t->bits == 0) {
		t->type = OBJ_IRQ;
		t->flags &= (uint8_t)~OF_BITS;
	}
	return true;
}

/* ---- declaring ---------------------------------------------------------- */

/* The ids pass A assigned, replayed in the same order by pass B. */
struct trail {
	VEC(uint32_t) ids;
	size_t pos;
};

static uint32_t new_objects(struct model *m, struct sym *name, uint32_t count,
			    bool is_array, const struct objtmpl *t, struct loc loc)
{
	uint32_t first = (uint32_t)m->objs.n;
	VEC_GROW(&m->objs, m->objs.n + count);
	for (uint32_t i = 0; i < count; i++) {
		struct object *o = &m->objs.v[m->objs.n++];
		memset(o, 0, sizeof(*o));
		o->name = name;
		o->index = i;
		o->type = (uint8_t)t->type;
		o->flags = t->flags | (is_array ? OF_ELEM : 0);
		o->loc = loc;
		o->bits = t->bits;
		o->fsize = t->fsize;
		o->paddr = t->paddr;
		o->extra = t->extra;
		o->covered_by = NO_OBJ;
	}
	struct obj_binding *b = arena_zalloc(m->arena, sizeof(*b));
	*b = (struct obj_binding){first, count, is_array, loc};
	name->obj = b;
	return first;
}

static void set_untyped_params(struct object *o, const struct objtmpl *t)
{
	o->flags |= (t->flags & (OF_BITS | OF_PADDR)) | OF_EXPLICIT;
	o->bits = t->bits;
	o->paddr = t->paddr;
	o->extra = t->extra;
}

/* A prefix of a qualified name: an untyped, made if it does not exist. */
static uint32_t prefix_untyped(struct model *m, const struct ast_nameref *r)
{
	if (!r->name->obj && !r->bracket) {
		struct objtmpl t = {.type = OBJ_UNTYPED};
		return new_objects(m, r->name, 1, false, &t, r->loc);
	}
	uint32_t id = resolve_one(m, r, "a qualified name's prefix");
	if (id != NO_OBJ && m->objs.v[id].type != OBJ_UNTYPED) {
		diag(m->diag, CHK_NOT_UNTYPED, r->loc,
		     "'%s' prefixes a qualified name, so it must be an untyped, but it is %s %s",
		     obj_label(m, id), an(type_kw(m->objs.v[id].type)), type_kw(m->objs.v[id].type));
		diag_note(m->diag, m->objs.v[id].loc, "'%s' is declared here", obj_label(m, id));
		return NO_OBJ;
	}
	return id;
}

/* The declared object itself: new, or an untyped declared again. */
static uint32_t declare_last(struct model *m, const struct ast_objdecl *d,
			     const struct ast_nameref *r, uint32_t *count)
{
	struct objtmpl t;
	*count = 1;
	if (!read_params(m, d, r->name->s, &t))
		return NO_OBJ;
	const struct obj_binding *b = r->name->obj;
	if (b) {
		uint32_t id = NO_OBJ;
		bool same_shape = r->bracket ? b->is_array : !b->is_array;
		if (t.type == OBJ_UNTYPED && same_shape) {
			if (r->bracket && (!r->ranges || r->ranges->next ||
					   r->ranges->kind != RANGE_ONE)) {
				diag(m->diag, CHK_NOT_UNIQUE, r->loc,
				     "declare one element of '%s' at a time: %s[i] = ut ...",
				     r->name->s, r->name->s);
				return NO_OBJ;
			}
			id = resolve_one(m, r, "an untyped declaration");
			if (id == NO_OBJ)
				return NO_OBJ;
			if (m->objs.v[id].type == OBJ_UNTYPED) {
				if (!(m->objs.v[id].flags & OF_EXPLICIT))
					set_untyped_params(&m->objs.v[id], &t);
				else if (d->has_params && d->params)
					diag(m->diag, CHK_REDECLARED_UNTYPED, d->type_loc,
					     "untyped '%s' is declared again; the parameters of "
					     "its first declaration stay, these are ignored",
					     obj_label(m, id));
				return id;
			}
		}
		diag(m->diag, CHK_DUPLICATE_NAME, r->loc, "'%s' is declared twice", r->name->s);
		diag_note(m->diag, b->loc, "the first declaration of '%s' is here", r->name->s);
		return NO_OBJ;
	}
	if (t.type == OBJ_UNTYPED)
		t.flags |= OF_EXPLICIT;
	if (!r->bracket)
		return new_objects(m, r->name, 1, false, &t, r->loc);
	if (!r->ranges || r->ranges->next || r->ranges->kind != RANGE_ONE) {
		diag(m->diag, CHK_NOT_UNIQUE, r->loc,
		     "an object declaration takes a name or name[count], not a range");
		return NO_OBJ;
	}
	uint64_t n = r->ranges->lo;
	if (n > MAX_OBJECTS || m->objs.n + n > MAX_OBJECTS) {
		diag(m->diag, CHK_OBJECT_PARAMS, r->loc,
		     "array '%s' of %llu elements takes the spec past %u objects, "
		     "the most capdlc handles", r->name->s, (unsigned long long)n, MAX_OBJECTS);
		return NO_OBJ;
	}
	*count = (uint32_t)n;
	return new_objects(m, r->name, (uint32_t)n, true, &t, r->loc);
}

static void declare(struct model *m, const struct ast_objdecl *d, struct trail *tr)
{
	const struct ast_qpart *q = &d->qname;
	for (; q->next; q = q->next)
		VEC_PUSH(&tr->ids, prefix_untyped(m, &q->ref));
	uint32_t count;
	uint32_t id = declare_last(m, d, &q->ref, &count);
	VEC_PUSH(&tr->ids, id);
	VEC_PUSH(&tr->ids, count);
	if (id != NO_OBJ && d->has_children && count == 0) {
		diag(m->diag, CHK_NOT_UNIQUE, q->ref.loc,
		     "'%s' has no elements, so it cannot have children", q->ref.name->s);
	} else if (id != NO_OBJ && d->has_children) {
		if (m->objs.v[id].type != OBJ_UNTYPED)
			diag(m->diag, CHK_NOT_UNTYPED, d->type_loc,
			     "only untypeds can list children, and '%s' is %s %s",
			     obj_label(m, id), an(type_kw(m->objs.v[id].type)),
			     type_kw(m->objs.v[id].type));
		else if (count != 1)
			diag(m->diag, CHK_NOT_UNIQUE, q->ref.loc,
			     "children belong to one untyped; declare the array first, "
			     "then give children to %s[i]", q->ref.name->s);
	}
	for (const struct ast_child *c = d->children; c; c = c->next)
		if (c->decl)
			declare(m, c->decl, tr);
}

/* ---- covers ------------------------------------------------------------- */

static void add_cover(struct model *m, uint32_t ut, uint32_t child, struct loc loc)
{
	struct object *o = &m->objs.v[child];
	if (o->covered_by == ut) {
		diag(m->diag, CHK_DUPLICATE_CHILD, loc,
		     "untyped '%s' lists child '%s' more than once", obj_label(m, ut),
		     obj_label(m, child));
		return;
	}
	if (o->covered_by != NO_OBJ) {
		diag(m->diag, CHK_COVER, loc, "'%s' is covered by two untypeds, '%s' and '%s'",
		     obj_label(m, child), obj_label(m, o->covered_by), obj_label(m, ut));
	} else {
		o->covered_by = ut;
	}
	struct object *u = &m->objs.v[ut];
	if (u->ncover == u->capcover) {
		u->capcover = u->capcover ? u->capcover * 2 : 4;
		u->cover = xrealloc(u->cover, u->capcover * sizeof(*u->cover));
	}
	u->cover[u->ncover++] = child;
}

static uint32_t trail_next(struct trail *tr)
{
	return tr->ids.v[tr->pos++];
}

static void cover(struct model *m, const struct ast_objdecl *d, uint32_t parent,
		  struct trail *tr)
{
	uint32_t prev = parent;
	const struct ast_qpart *q = &d->qname;
	for (; q->next; q = q->next) {
		uint32_t id = trail_next(tr);
		if (prev != NO_OBJ && id != NO_OBJ)
			add_cover(m, prev, id, q->ref.loc);
		prev = id;
	}
	uint32_t id = trail_next(tr), count = trail_next(tr);
	if (prev != NO_OBJ && id != NO_OBJ)
		for (uint32_t i = 0; i < count; i++)
			add_cover(m, prev, id + i, q->ref.loc);
	bool is_ut = id != NO_OBJ && count == 1 && m->objs.v[id].type == OBJ_UNTYPED;
	for (const struct ast_child *c = d->children; c; c = c->next) {
		if (c->decl) {
			cover(m, c->decl, is_ut ? id : NO_OBJ, tr);
			continue;
		}
		struct ref_list l = {0};
		resolve_ref(m, &c->ref, &l);
		if (is_ut)
			for (size_t i = 0; i < l.ids.n; i++)
				add_cover(m, id, l.ids.v[i], c->ref.loc);
		VEC_FREE(&l.ids);
	}
}

void objects_build(struct model *m, const struct ast_spec *spec)
{
	struct trail tr = {0};
	for (const struct ast_objdecl *d = spec->objects.first; d; d = d->next)
		declare(m, d, &tr);
	for (const struct ast_objdecl *d = spec->objects.first; d; d = d->next)
		cover(m, d, NO_OBJ, &tr);
	VEC_FREE(&tr.ids);
}
