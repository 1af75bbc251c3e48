/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * caps.c: cap blocks, cap names, <copies> and the derivation tree.
 *
 * Order of work: every cap block is placed (a mapping without a slot
 * number takes the previous slot + 1, starting at 0 in each block); cap
 * names are bound as they appear; <copies> are placed as placeholders;
 * each container's slots are sorted and checked for doubles; then copies
 * are resolved (following chains, detecting cycles) and the cdt edges,
 * which may name caps declared anywhere, are resolved last.
 */
#include "keywords.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

struct pending_copy {
	uint32_t container;
	uint64_t slot;
	const struct ast_mapping *mp;
	bool bind_name;
};

struct pending_parent {
	struct capref child;
	const struct ast_slotref *parent;
	struct loc loc;
};

struct caps_state {
	VEC(struct pending_copy) copies;
	VEC(struct pending_parent) parents;
	struct ref_list targets; /* scratch, reused for every mapping */
	struct capref_vec made;	 /* scratch */
};

static void put_cap(struct model *m, uint32_t container, uint64_t slot,
		    const struct cap *c)
{
	struct object *o = &m->objs.v[container];
	if (o->nslots == o->capslots) {
		o->capslots = o->capslots ? o->capslots * 2 : 4;
		o->slots = xrealloc(o->slots, o->capslots * sizeof(*o->slots));
	}
	o->slots[o->nslots].slot = slot;
	o->slots[o->nslots].cap = *c;
	o->nslots++;
}

static uint32_t new_ext(struct model *m)
{
	VEC_PUSH(&m->capext, ((struct cap_ext){.map_obj = NO_OBJ, .src_obj = NO_OBJ}));
	return (uint32_t)(m->capext.n - 1);
}

/* ---- cap names ---------------------------------------------------------- */

static struct capname_binding *bind_capname(struct model *m, const struct ast_nameref *n,
					    bool is_array)
{
	struct capname_binding *b = n->name->capname;
	if (b) {
		if (is_array && b->is_array)
			return b;
		diag(m->diag, CHK_CAP_NAME, n->loc, "cap name '%s' is already defined",
		     n->name->s);
		diag_note(m->diag, b->loc, "'%s' is defined here", n->name->s);
		return NULL;
	}
	b = arena_zalloc(m->arena, sizeof(*b));
	b->loc = n->loc;
	b->is_array = is_array;
	if (is_array)
		VEC_PUSH(&m->cap_arrays, b);
	n->name->capname = b;
	return b;
}

static void single_name_error(struct model *m, const struct ast_nameref *n, size_t count)
{
	diag(m->diag, CHK_CAP_NAME, n->loc,
	     "cannot give the single name '%s' to %zu caps; write %s[] = ...",
	     n->name->s, count, n->name->s);
}

/* name = target: a name for each cap the mapping made (refs[0..n)). */
static void name_caps(struct model *m, const struct ast_nameref *n,
		      const struct capref *refs, size_t count)
{
	if (n->bracket && n->ranges) {
		diag(m->diag, CHK_CAP_NAME, n->loc,
		     "name a cap array as %s[], without indices", n->name->s);
		return;
	}
	if (!n->bracket && count != 1) {
		single_name_error(m, n, count);
		return;
	}
	struct capname_binding *b = bind_capname(m, n, n->bracket);
	if (!b)
		return;
	if (!n->bracket) {
		b->single = refs[0];
		return;
	}
	for (size_t i = 0; i < count; i++)
		VEC_PUSH(&b->elems, refs[i]);
}

bool resolve_slotref(struct model *m, const struct ast_slotref *r, struct capref *out)
{
	if (!r->capname) {
		uint32_t id = resolve_one(m, &r->obj, "a slot reference");
		if (id == NO_OBJ || !slot_value(m, &r->slot, &out->slot))
			return false;
		out->obj = id;
		return true;
	}
	const struct capname_binding *b = r->capname->capname;
	if (!b) {
		diag(m->diag, CHK_CAP_NAME, r->loc, "unknown cap name '%s'", r->capname->s);
		return false;
	}
	if (b->is_array) {
		diag(m->diag, CHK_CAP_NAME, r->loc,
		     "'%s' names an array of caps; a single cap is needed here", r->capname->s);
		return false;
	}
	if (b->lazy)
		return resolve_slotref(m, b->ref, out);
	*out = b->single;
	return true;
}

/* The caps <ref> copies, in order. */
static bool copy_sources(struct model *m, const struct ast_nameref *r,
			 struct capref_vec *out)
{
	const struct capname_binding *b = r->name->capname;
	if (!b) {
		diag(m->diag, CHK_CAP_NAME, r->loc, "unknown cap name '%s'", r->name->s);
		return false;
	}
	if (!r->bracket) {
		if (b->is_array) {
			diag(m->diag, CHK_CAP_NAME, r->loc,
			     "'%s' names an array of caps; copy it as <%s[]>", r->name->s,
			     r->name->s);
			return false;
		}
		struct capref c;
		if (b->lazy) {
			if (!resolve_slotref(m, b->ref, &c))
				return false;
		} else {
			c = b->single;
		}
		VEC_PUSH(out, c);
		return true;
	}
	if (!b->is_array) {
		diag(m->diag, CHK_CAP_NAME, r->loc, "'%s' is a single cap, not an array",
		     r->name->s);
		return false;
	}
	if (!r->ranges) {
		for (size_t i = 0; i < b->elems.n; i++)
			VEC_PUSH(out, b->elems.v[i]);
		return true;
	}
	bool ok = true;
	size_t n = b->elems.n;
	for (const struct ast_range *g = r->ranges; g; g = g->next) {
		uint64_t lo = g->lo, hi = g->hi;
		if (g->kind == RANGE_ONE)
			hi = lo;
		else if (g->kind == RANGE_TO)
			lo = 0;
		else if (g->kind == RANGE_FROM) {
			if (n && lo == n)
				continue; /* x[n..] of an n-element array is empty, as
					     for objects (resolve_ref) */
			hi = n ? n - 1 : 0;
		}
		if (lo >= n || hi >= n) {
			diag(m->diag, CHK_CAP_NAME, g->loc,
			     "index out of range for cap array '%s', which has %zu caps",
			     r->name->s, n);
			ok = false;
			continue;
		}
		if (lo <= hi)
			for (uint64_t i = lo; i <= hi; i++)
				VEC_PUSH(out, b->elems.v[i]);
		else
			for (uint64_t i = lo + 1; i-- > hi;)
				VEC_PUSH(out, b->elems.v[i]);
	}
	return ok;
}

/* ---- cap parameters ----------------------------------------------------- */

static bool rights_word(const char *w, uint8_t *rights)
{
	uint8_t r = 0;
	for (const char *p = w; *p; p++) {
		switch (*p) {
		case 'R': r |= RIGHT_R; break;
		case 'W': r |= RIGHT_W; break;
		case 'G': case 'X': r |= RIGHT_G; break;
		case 'P': r |= RIGHT_P; break;
		default: return false;
		}
	}
	*rights |= r;
	return true;
}

static bool is_rights_cap(uint8_t t)
{
	return t == CAP_EP || t == CAP_NOTIFICATION || t == CAP_FRAME;
}

static bool is_asid_cap(uint8_t t)
{
	return t == CAP_FRAME || t == CAP_PT || t == CAP_PD || t == CAP_PUD ||
	       t == CAP_PGD || t == CAP_PML4 || t == CAP_PDPT;
}

static void bad_param(struct model *m, const struct ast_capparam *p, const struct cap *c,
		      const char *what)
{
	if (c->obj == NO_OBJ)
		diag(m->diag, CHK_CAP_PARAMS, p->loc, "%s does not apply to %s %s cap", what,
		     an(special_cap_name(c->type)), special_cap_name(c->type));
	else
		diag(m->diag, CHK_CAP_PARAMS, p->loc, "%s does not apply to %s %s cap ('%s')",
		     what, an(cap_type_names[c->type]), cap_type_names[c->type],
		     obj_label(m, c->obj));
}

/* Apply a mapping's parameters to a cap whose type is set. */
static void cap_params(struct model *m, const struct ast_mapping *mp, struct cap *c)
{
	bool have_core = false;
	for (const struct ast_capparam *p = mp->params; p; p = p->next) {
		const char *key = p->key ? p->key->s : NULL;
		enum keyword kw = p->key ? p->key->kw : KW_NONE;
		if (p->kind == CP_WORDS) {
			for (const struct ast_word *w = p->words; w; w = w->next) {
				const char *s = w->w->s;
				enum keyword kw = w->w->kw;
				uint8_t r = 0;
				if (kw == KW_REPLY || kw == KW_MASTER_REPLY) {
					if (c->type == CAP_REPLY || c->type == CAP_MASTER_REPLY) {
						diag(m->diag, CHK_CAP_PARAMS, w->loc,
						     "'reply' and 'master_reply' exclude each other");
						continue;
					}
					if (c->type != CAP_TCB) {
						bad_param(m, p, c, s[0] == 'r' ? "'reply'" : "'master_reply'");
						continue;
					}
					c->type = s[0] == 'r' ? CAP_REPLY : CAP_MASTER_REPLY;
				} else if (kw == KW_CACHED || kw == KW_UNCACHED) {
					if (c->type != CAP_FRAME) {
						bad_param(m, p, c, s[0] == 'c' ? "'cached'" : "'uncached'");
						continue;
					}
					if (s[0] == 'u')
						c->flags |= CF_UNCACHED;
					else
						c->flags &= (uint16_t)~CF_UNCACHED;
				} else if (rights_word(s, &r)) {
					if (!is_rights_cap(c->type)) {
						bad_param(m, p, c, "rights");
						continue;
					}
					c->rights |= r;
				} else {
					diag(m->diag, CHK_CAP_PARAMS, w->loc,
					     "unknown cap parameter '%s' (rights are letters of "
					     "RWGXP; words are reply, master_reply, cached, uncached)", s);
				}
			}
			continue;
		}
		if (kw == KW_BADGE && p->kind == CP_NUM) {
			if (c->type != CAP_EP && c->type != CAP_NOTIFICATION && c->type != CAP_SMC)
				bad_param(m, p, c, "'badge:'");
			else {
				c->data = p->n[0];
				c->flags |= CF_BADGE;
			}
		} else if (kw == KW_GUARD && p->kind == CP_NUM) {
			if (c->type != CAP_CNODE)
				bad_param(m, p, c, "'guard:'");
			else {
				c->data = p->n[0];
				c->flags |= CF_GUARD;
			}
		} else if (kw == KW_GUARD_SIZE && p->kind == CP_NUM) {
			if (c->type != CAP_CNODE)
				bad_param(m, p, c, "'guard_size:'");
			else if (p->n[0] > 255)
				diag(m->diag, CHK_CAP_PARAMS, p->loc, "guard_size %llu is too large",
				     (unsigned long long)p->n[0]);
			else {
				c->guard_size = (uint8_t)p->n[0];
				c->flags |= CF_GUARD_SIZE;
			}
		} else if (kw == KW_CORE && p->kind == CP_NUM) {
			if (c->type != CAP_SCHED_CONTROL)
				bad_param(m, p, c, "'core:'");
			else {
				c->data = p->n[0];
				c->flags |= CF_CORE;
				have_core = true;
			}
		} else if (kw == KW_ASID && p->kind == CP_PAIR) {
			if (!is_asid_cap(c->type))
				bad_param(m, p, c, "'asid:'");
			else {
				if (!c->ext)
					c->ext = new_ext(m);
				m->capext.v[c->ext].asid[0] = p->n[0];
				m->capext.v[c->ext].asid[1] = p->n[1];
				c->flags |= CF_ASID;
			}
		} else if (kw == KW_MAPPING && p->kind == CP_SLOTREF) {
			if (c->type != CAP_FRAME) {
				bad_param(m, p, c, "'mapping:'");
				continue;
			}
			uint32_t id = resolve_one(m, &p->pair->ref, "a mapping: container");
			uint64_t slot;
			if (id == NO_OBJ || !slot_value(m, &p->pair->slot, &slot))
				continue;
			if (!c->ext)
				c->ext = new_ext(m);
			m->capext.v[c->ext].map_obj = id;
			m->capext.v[c->ext].map_slot = slot;
			m->capext.v[c->ext].map_loc = p->loc;
			c->flags |= CF_MAPPING;
		} else if (kw == KW_MASKED && p->kind == CP_WORDS_V) {
			diag(m->diag, CHK_CAP_PARAMS, p->loc,
			     "'masked:' applies to <copies> of caps only");
		} else {
			diag(m->diag, CHK_CAP_PARAMS, p->loc,
			     "unknown cap parameter '%s:' or wrong kind of value", key);
		}
	}
	if (c->type == CAP_SCHED_CONTROL && !have_core)
		diag(m->diag, CHK_CAP_PARAMS, mp->target.loc,
		     "a sched_control cap needs core: N");
}

/* These names win over objects of the same name (as in capDL-tool). */
static int special_cap(const struct ast_nameref *r)
{
	if (r->bracket)
		return -1;
	switch (r->name->kw) {
	case KW_IRQ_CONTROL: return CAP_IRQ_CONTROL;
	case KW_ASID_CONTROL: return CAP_ASID_CONTROL;
	case KW_DOMAIN: return CAP_DOMAIN;
	case KW_IO_SPACE_MASTER: return CAP_IO_SPACE_MASTER;
	case KW_SCHED_CONTROL: return CAP_SCHED_CONTROL;
	default: return -1;
	}
}

/* ---- blocks ------------------------------------------------------------- */

static bool can_hold_caps(struct model *m, uint32_t id, struct loc loc)
{
	const struct object *o = &m->objs.v[id];
	if (obj_types[o->type].holds_caps)
		return true;
	diag(m->diag, CHK_CAP_CONTAINER, loc, "'%s' is %s %s object and cannot hold caps",
	     obj_label(m, id), an(obj_types[o->type].kw), obj_types[o->type].kw);
	diag_note(m->diag, o->loc, "'%s' is declared here", obj_label(m, id));
	return false;
}

/* Place one mapping into one container; returns the number of slots used. */
static uint64_t place(struct model *m, struct caps_state *st, uint32_t container,
		      uint64_t slot, const struct ast_mapping *mp, bool first_container)
{
	if (mp->is_copy) {
		struct pending_copy pc = {container, slot, mp, first_container};
		VEC_PUSH(&st->copies, pc);
		return 1;
	}
	struct capref_vec *made = &st->made;
	struct ref_list *lp = &st->targets;
	int sp = special_cap(&mp->target);
	made->n = 0;
	lp->ids.n = 0;
	if (sp < 0 && !resolve_ref(m, &mp->target, lp))
		return 1;
	const struct ref_list l = *lp;
	size_t n = sp >= 0 ? 1 : l.ids.n;
	struct cap proto = {.obj = NO_OBJ, .loc = mp->target.loc};
	if (sp >= 0)
		proto.type = (uint8_t)sp;
	else if (n)
		proto.type = obj_types[m->objs.v[l.ids.v[0]].type].cap;
	if (n) {
		/* one name names one array: every element has the same type */
		proto.obj = sp >= 0 ? NO_OBJ : l.ids.v[0];
		cap_params(m, mp, &proto);
	}
	for (size_t i = 0; i < n; i++) {
		struct cap c = proto;
		if (sp < 0)
			c.obj = l.ids.v[i];
		put_cap(m, container, slot + i, &c);
		struct capref r = {container, slot + i};
		VEC_PUSH(made, r);
		if (mp->parent) {
			struct pending_parent pp = {r, mp->parent, mp->loc};
			VEC_PUSH(&st->parents, pp);
		}
	}
	if (mp->name && first_container && made->n)
		name_caps(m, mp->name, made->v, made->n);
	return n;
}

static void block(struct model *m, struct caps_state *st, const struct ast_capitem *it)
{
	bool has_copy = false, unnumbered = false;
	for (const struct ast_mapping *mp = it->maps; mp; mp = mp->next) {
		has_copy |= mp->is_copy;
		unnumbered |= !mp->has_slot;
	}
	if (has_copy && unnumbered) {
		diag(m->diag, CHK_COPY_UNNUMBERED, it->loc,
		     "cap block '%s' uses both <copies> and unnumbered slots; "
		     "number every slot", it->container.name->s);
		return;
	}
	struct ref_list l = {0};
	resolve_ref(m, &it->container, &l);
	for (size_t i = 0; i < l.ids.n; i++) {
		uint32_t id = l.ids.v[i];
		if (!can_hold_caps(m, id, it->container.loc))
			continue;
		uint64_t next = 0;
		for (const struct ast_mapping *mp = it->maps; mp; mp = mp->next) {
			if (mp->has_slot && !slot_value(m, &mp->slot, &next))
				continue;
			next += place(m, st, id, next, mp, i == 0);
		}
	}
	VEC_FREE(&l.ids);
}

/* ---- copies ------------------------------------------------------------- */

static void place_copies(struct model *m, struct caps_state *st)
{
	struct capref_vec src = {0};
	/* Name single copies first: copies may refer to each other in any
	 * order (a cycle is then found when they are resolved). */
	for (size_t i = 0; i < st->copies.n; i++) {
		const struct pending_copy *pc = &st->copies.v[i];
		const struct ast_mapping *mp = pc->mp;
		if (mp->name && !mp->name->bracket && pc->bind_name) {
			struct capref r = {pc->container, pc->slot};
			name_caps(m, mp->name, &r, 1);
		}
	}
	for (size_t i = 0; i < st->copies.n; i++) {
		const struct pending_copy *pc = &st->copies.v[i];
		const struct ast_mapping *mp = pc->mp;
		src.n = 0;
		if (!copy_sources(m, &mp->target, &src))
			continue;
		uint8_t mask = 0;
		bool has_mask = false;
		for (const struct ast_capparam *p = mp->params; p; p = p->next)
			if (p->key && p->key->kw == KW_MASKED) {
				if (p->kind != CP_WORDS_V) {
					diag(m->diag, CHK_CAP_PARAMS, p->loc, "'masked:' takes rights");
					continue;
				}
				has_mask = true;
				for (const struct ast_word *w = p->words; w; w = w->next)
					if (!rights_word(w->w->s, &mask))
						diag(m->diag, CHK_CAP_PARAMS, w->loc,
						     "'%s' is not a set of rights (letters of RWGXP)",
						     w->w->s);
			}
		VEC(struct capref) made = {0};
		for (size_t j = 0; j < src.n; j++) {
			uint32_t e = new_ext(m);
			struct cap_ext *x = &m->capext.v[e];
			x->src_obj = src.v[j].obj;
			x->src_slot = src.v[j].slot;
			x->mask = mask;
			x->has_mask = has_mask;
			x->src_name = mp->target.name;
			struct cap c = {.type = CAP_NULL, .flags = CF_COPY, .obj = NO_OBJ,
					.ext = e, .loc = mp->target.loc};
			put_cap(m, pc->container, pc->slot + j, &c);
			struct capref r = {pc->container, pc->slot + j};
			VEC_PUSH(&made, r);
			if (mp->parent) {
				struct pending_parent pp = {r, mp->parent, mp->loc};
				VEC_PUSH(&st->parents, pp);
			}
		}
		if (mp->name && mp->name->bracket && pc->bind_name && made.n)
			name_caps(m, mp->name, made.v, made.n);
		else if (mp->name && !mp->name->bracket && made.n != 1)
			single_name_error(m, mp->name, made.n);
		VEC_FREE(&made);
	}
	VEC_FREE(&src);
}

static int slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	return loc_cmp(x->cap.loc, y->cap.loc);
}

static void sort_slots(struct model *m)
{
	for (size_t i = 0; i < m->objs.n; i++) {
		struct object *o = &m->objs.v[i];
		bool sorted = true;
		for (uint32_t j = 1; j < o->nslots && sorted; j++)
			sorted = o->slots[j - 1].slot < o->slots[j].slot;
		if (sorted)
			continue;
		qsort(o->slots, o->nslots, sizeof(*o->slots), slot_cmp);
		uint32_t w = 0;
		for (uint32_t j = 0; j < o->nslots; j++) {
			if (w && o->slots[w - 1].slot == o->slots[j].slot) {
				diag(m->diag, CHK_SLOT_FILLED, o->slots[j].cap.loc,
				     "slot %llu of '%s' is already filled",
				     (unsigned long long)o->slots[j].slot, obj_label(m, (uint32_t)i));
				diag_note(m->diag, o->slots[w - 1].cap.loc,
					  "the slot is filled here");
				continue;
			}
			o->slots[w++] = o->slots[j];
		}
		o->nslots = w;
	}
}

/* Resolve the copy in (obj, slot), following chains of copies. */
static void resolve_copy(struct model *m, uint32_t obj, struct slot *s)
{
	VEC(struct slot *) chain = {0};
	struct slot *cur = s;
	bool ok = true;
	while (cur->cap.flags & CF_COPY) {
		if (cur->cap.flags & CF_COPY_BUSY) {
			diag(m->diag, CHK_CAP_NAME, s->cap.loc,
			     "cyclic reference: the copy <%s> in slot %llu of '%s' leads back to itself",
			     m->capext.v[s->cap.ext].src_name->s, (unsigned long long)s->slot,
			     obj_label(m, obj));
			ok = false;
			break;
		}
		cur->cap.flags |= CF_COPY_BUSY;
		VEC_PUSH(&chain, cur);
		const struct cap_ext *x = &m->capext.v[cur->cap.ext];
		struct slot *next = find_slot(&m->objs.v[x->src_obj], x->src_slot);
		if (!next) {
			diag(m->diag, CHK_CAP_NAME, cur->cap.loc,
			     "<%s> refers to slot %llu of '%s', which holds no cap",
			     x->src_name->s, (unsigned long long)x->src_slot,
			     obj_label(m, x->src_obj));
			ok = false;
			break;
		}
		if (next->cap.type == CAP_NULL && !(next->cap.flags & CF_COPY)) {
			ok = false; /* an earlier failed copy: already reported */
			break;
		}
		cur = next;
	}
	for (size_t i = chain.n; i-- > 0;) {
		struct slot *c = chain.v[i];
		const struct cap_ext *x = &m->capext.v[c->cap.ext];
		if (!ok) {
			c->cap.type = CAP_NULL;
			c->cap.flags &= (uint16_t)~(CF_COPY | CF_COPY_BUSY);
			continue;
		}
		struct cap src = i + 1 < chain.n ? chain.v[i + 1]->cap : cur->cap;
		struct cap n = src;
		if (x->has_mask)
			n.rights &= x->mask;
		n.loc = c->cap.loc;
		n.flags &= (uint16_t)~(CF_COPY | CF_COPY_BUSY | CF_CDT_CHILD);
		c->cap = n;
	}
	VEC_FREE(&chain);
}

static void resolve_copies(struct model *m)
{
	for (size_t i = 0; i < m->objs.n; i++) {
		struct object *o = &m->objs.v[i];
		for (uint32_t j = 0; j < o->nslots; j++)
			if (o->slots[j].cap.flags & CF_COPY)
				resolve_copy(m, (uint32_t)i, &o->slots[j]);
	}
	/* drop the slots whose copies failed */
	for (size_t i = 0; i < m->objs.n; i++) {
		struct object *o = &m->objs.v[i];
		uint32_t w = 0;
		for (uint32_t j = 0; j < o->nslots; j++)
			if (o->slots[j].cap.type != CAP_NULL)
				o->slots[w++] = o->slots[j];
		o->nslots = w;
	}
}

/* ---- cdt ---------------------------------------------------------------- */

static int edge_cmp(const void *a, const void *b)
{
	const struct cdt_edge *x = a, *y = b;
	if (x->child.obj != y->child.obj) {
		/* by the child's object id, then slot */
		return x->child.obj < y->child.obj ? -1 : 1;
	}
	if (x->child.slot != y->child.slot)
		return x->child.slot < y->child.slot ? -1 : 1;
	return loc_cmp(x->loc, y->loc);
}

static void add_edge(struct model *m, struct capref child, const struct ast_slotref *pref,
		     struct loc loc)
{
	struct capref parent;
	if (!resolve_slotref(m, pref, &parent))
		return;
	struct cdt_edge e = {child, parent, loc};
	VEC_PUSH(&m->cdt, e);
}

static void cdt_build(struct model *m, const struct ast_spec *spec, struct caps_state *st)
{
	for (size_t i = 0; i < st->parents.n; i++)
		add_edge(m, st->parents.v[i].child, st->parents.v[i].parent, st->parents.v[i].loc);
	for (const struct ast_cdt *d = spec->cdt.first; d; d = d->next)
		for (const struct ast_cdtchild *c = d->children; c; c = c->next) {
			struct capref child;
			if (resolve_slotref(m, c->ref, &child))
				add_edge(m, child, d->parent, c->ref->loc);
		}
	if (m->cdt.n > 1)
		qsort(m->cdt.v, m->cdt.n, sizeof(m->cdt.v[0]), edge_cmp);
	size_t w = 0;
	for (size_t i = 0; i < m->cdt.n; i++) {
		struct cdt_edge *e = &m->cdt.v[i];
		if (w && m->cdt.v[w - 1].child.obj == e->child.obj &&
		    m->cdt.v[w - 1].child.slot == e->child.slot) {
			struct cdt_edge *p = &m->cdt.v[w - 1];
			if (p->parent.obj != e->parent.obj || p->parent.slot != e->parent.slot) {
				diag(m->diag, CHK_CDT, e->loc,
				     "(%s, %llu) has two parents in the cdt",
				     obj_label(m, e->child.obj), (unsigned long long)e->child.slot);
				diag_note(m->diag, p->loc, "the first parent is given here");
			}
			continue;
		}
		m->cdt.v[w++] = *e;
		struct slot *s = find_slot(&m->objs.v[e->child.obj], e->child.slot);
		if (s)
			s->cap.flags |= CF_CDT_CHILD;
	}
	m->cdt.n = w;
}

void caps_build(struct model *m, const struct ast_spec *spec)
{
	struct caps_state st = {0};
	for (const struct ast_capitem *it = spec->caps.first; it; it = it->next) {
		if (it->kind == CI_BLOCK) {
			block(m, &st, it);
			continue;
		}
		struct ast_nameref n = {.name = it->name, .loc = it->name_loc};
		struct capname_binding *b = bind_capname(m, &n, false);
		if (b) {
			b->lazy = true;
			b->ref = it->ref;
		}
	}
	place_copies(m, &st);
	sort_slots(m);
	resolve_copies(m);
	cdt_build(m, spec, &st);
	VEC_FREE(&st.copies);
	VEC_FREE(&st.parents);
	VEC_FREE(&st.targets.ids);
	VEC_FREE(&st.made);
}
