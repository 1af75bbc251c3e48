/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * print.c: canonical CapDL text, byte for byte what capDL-tool's
 * "parse-capDL -t" prints (its PrintModel over the HughesPJ pretty
 * printer, page width 100, ribbon 67):
 *
 *   arch A, then "objects {" with non-untyped objects and then untypeds,
 *   each sorted by name then index, arrays collapsed to name[n];
 *   "} caps {" with containers in the same order, identical neighbours of
 *   one array grouped as name[a..b], runs of slots holding caps to
 *   consecutive elements of one array as "slot: name[ranges]";
 *   "} cdt {" grouped by parent in child order; "} irq maps {"; "}";
 *   then "domains { ... }" if the spec has a domain schedule.
 *
 * The one layout decision the pretty printer makes is the "fill" of an
 * untyped's cover list, reproduced by fill_items().
 */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_WIDTH 100
#define RIBBON 67 /* round(100 / 1.5) */

struct out {
	FILE *f;
	struct strbuf sb;
};

static void out_flush(struct out *o)
{
	if (o->sb.len)
		fwrite(o->sb.s, 1, o->sb.len, o->f);
	sb_reset(&o->sb);
}

static void out_line(struct out *o)
{
	sb_putc(&o->sb, '\n');
	if (o->sb.len > (1u << 20))
		out_flush(o);
}

static int obj_cmp_m(const struct model *m, uint32_t a, uint32_t b)
{
	int c = objid_cmp(&m->objs.v[a], &m->objs.v[b]);
	return c ? c : a < b ? -1 : a > b;
}

/* Sort keys: the first 16 bytes of the name, big-endian, decide most
 * comparisons without touching the names themselves. */
struct sort_key {
	uint64_t k0, k1;
	uint32_t id;
};

static const struct model *sort_model;

static bool key_le(const struct sort_key *x, const struct sort_key *y)
{
	if (x->k0 != y->k0)
		return x->k0 < y->k0;
	if (x->k1 != y->k1)
		return x->k1 < y->k1;
	return obj_cmp_m(sort_model, x->id, y->id) <= 0;
}

/* Sorting is the one part of "print" that is not linear in the spec, so
 * it is a radix sort: stable passes over 16-bit digits of the 16-byte
 * name prefix, least significant first (passes whose digit is the same
 * for every key are skipped), then runs of equal prefixes, which hold
 * the elements of one array (already in index order: the sort is stable
 * and their ids ascend) or names longer than 16 bytes, are finished by
 * insertion with the full comparison. */
static void sort_keys(struct sort_key *a, size_t n)
{
	size_t bytes = (n + 1) * sizeof(struct sort_key);
	struct sort_key *tmp = big_alloc(bytes), *src = a, *dst = tmp;
	size_t *count = xmalloc(65537 * sizeof(*count));
	for (int d = 0; d < 8; d++) {
		unsigned shift = (unsigned)(d % 4) * 16; /* k1 low digit first, k0 last */
		bool hi = d >= 4;
		memset(count, 0, 65537 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[((hi ? src[i].k0 : src[i].k1) >> shift & 0xffff) + 1]++;
		bool one_digit = false;
		for (size_t c = 1; c <= 65536 && !one_digit; c++)
			one_digit = count[c] == n;
		if (one_digit)
			continue;
		for (size_t c = 1; c <= 65536; c++)
			count[c] += count[c - 1];
		for (size_t i = 0; i < n; i++)
			dst[count[(hi ? src[i].k0 : src[i].k1) >> shift & 0xffff]++] = src[i];
		struct sort_key *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && a[j].k0 == a[i].k0 && a[j].k1 == a[i].k1)
			j++;
		for (size_t k = i + 1; k < j; k++) {
			struct sort_key x = a[k];
			size_t m = k;
			while (m > i && !key_le(&a[m - 1], &x)) {
				a[m] = a[m - 1];
				m--;
			}
			a[m] = x;
		}
		i = j;
	}
	free(count);
	big_free(tmp, bytes);
}

static uint64_t be_word(const char *s, size_t len, size_t at)
{
	uint64_t k = 0;
	for (size_t i = 0; i < 8; i++)
		k = k << 8 | (at + i < len ? (unsigned char)s[at + i] : 0);
	return k;
}

uint32_t *sorted_objects(const struct model *m)
{
	size_t n = m->objs.n;
	/* huge pages: at 10^6 objects these are tens of MiB of fresh memory */
	size_t bytes = (n + 1) * sizeof(struct sort_key);
	struct sort_key *k = big_alloc(bytes);
	for (size_t i = 0; i < n; i++) {
		const struct sym *s = m->objs.v[i].name;
		k[i] = (struct sort_key){be_word(s->s, s->len, 0), be_word(s->s, s->len, 8),
					 (uint32_t)i};
	}
	sort_model = m;
	sort_keys(k, n);
	uint32_t *v = xmalloc((n + 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = k[i].id;
	big_free(k, bytes);
	return v;
}

void format_indices(struct strbuf *sb, const uint32_t *idx, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		if (j < n && (idx[j] == idx[i] + 1 || idx[j] + 1 == idx[i])) {
			int64_t step = (int64_t)idx[j] - (int64_t)idx[i];
			while (j + 1 < n && (int64_t)idx[j + 1] - (int64_t)idx[j] == step)
				j++;
			j++;
		}
		if (i)
			sb_puts(sb, ", ");
		sb_u64(sb, idx[i]);
		if (j - i > 1) {
			sb_puts(sb, "..");
			sb_u64(sb, idx[j - 1]);
		}
		i = j;
	}
}

void format_rights(struct strbuf *sb, uint8_t r, bool frame)
{
	if (r & RIGHT_R)
		sb_putc(sb, 'R');
	if (r & RIGHT_W)
		sb_putc(sb, 'W');
	if (r & RIGHT_G)
		sb_putc(sb, frame ? 'X' : 'G');
	if (r & RIGHT_P)
		sb_putc(sb, 'P');
}

/* ---- objects ------------------------------------------------------------ */

struct params {
	struct strbuf *sb;
	bool any;
};

static void param_sep(struct params *p)
{
	sb_puts(p->sb, p->any ? ", " : " (");
	p->any = true;
}

static void param_num(struct params *p, const char *key, uint64_t v)
{
	param_sep(p);
	sb_puts(p->sb, key);
	sb_puts(p->sb, ": ");
	sb_u64(p->sb, v);
}

static void param_hex(struct params *p, const char *key, uint64_t v)
{
	param_sep(p);
	sb_puts(p->sb, key);
	sb_puts(p->sb, ": ");
	sb_hex(p->sb, v);
}

static void param_extra(struct params *p, const struct object_extra *x, enum param_key k)
{
	if (extra_has(x, k))
		param_num(p, param_key_names[k], x->v[k]);
}

static void param_bool(struct params *p, const struct object_extra *x, enum param_key k)
{
	if (!extra_has(x, k))
		return;
	param_sep(p);
	sb_puts(p->sb, param_key_names[k]);
	sb_puts(p->sb, x->v[k] ? ": True" : ": False");
}

static void frame_size(struct strbuf *sb, uint64_t bytes)
{
	if (bytes >= (1u << 20) && !(bytes & ((1u << 20) - 1))) {
		sb_u64(sb, bytes >> 20);
		sb_putc(sb, 'M');
	} else {
		sb_u64(sb, bytes >> 10);
		sb_putc(sb, 'k');
	}
}

/* "type (params)" of an object, without covers. */
static void object_decl(struct strbuf *sb, const struct object *o)
{
	const struct object_extra *x = o->extra;
	struct params p = {sb, false};
	sb_puts(sb, o->type == OBJ_ARM_IODEVICE ? "io_device" : obj_types[o->type].kw);
	switch (o->type) {
	case OBJ_UNTYPED:
		if (o->flags & OF_BITS) {
			param_sep(&p);
			sb_u64(sb, o->bits);
			sb_puts(sb, " bits");
		}
		if (o->flags & OF_PADDR)
			param_hex(&p, "paddr", o->paddr);
		break;
	case OBJ_CNODE:
		if (o->flags & OF_BITS) {
			param_sep(&p);
			sb_u64(sb, o->bits);
			sb_puts(sb, " bits");
		}
		break;
	case OBJ_FRAME:
		if (o->flags & OF_BITS) {
			param_sep(&p);
			frame_size(sb, o->fsize);
		}
		if (o->flags & OF_PADDR)
			param_hex(&p, "paddr", o->paddr);
		if (extra_has(x, P_FILL)) {
			param_sep(&p);
			sb_puts(sb, "fill: [");
			for (uint32_t i = 0; i < x->nfill; i++) {
				sb_puts(sb, i ? ", {" : "{");
				for (uint32_t j = 0; j < x->fill[i].ntok; j++) {
					if (j)
						sb_putc(sb, ' ');
					sb_puts(sb, x->fill[i].tok[j]);
				}
				sb_putc(sb, '}');
			}
			sb_putc(sb, ']');
		}
		break;
	case OBJ_TCB:
		param_extra(&p, x, P_ADDR);
		param_extra(&p, x, P_IP);
		param_extra(&p, x, P_SP);
		param_extra(&p, x, P_PRIO);
		param_extra(&p, x, P_MAX_PRIO);
		param_extra(&p, x, P_AFFINITY);
		param_bool(&p, x, P_RESUME);
		param_bool(&p, x, P_FPU_DISABLED);
		param_extra(&p, x, P_FAULT_EP);
		param_num(&p, "dom", extra_has(x, P_DOM) ? x->v[P_DOM] : 0);
		if (extra_has(x, P_INIT) && x->ninit) {
			param_sep(&p);
			sb_puts(sb, "init: [");
			for (uint32_t i = 0; i < x->ninit; i++) {
				if (i)
					sb_puts(sb, ", ");
				sb_u64(sb, x->init[i]);
			}
			sb_putc(sb, ']');
		}
		break;
	case OBJ_SC:
		param_extra(&p, x, P_PERIOD);
		param_extra(&p, x, P_BUDGET);
		param_extra(&p, x, P_DATA);
		if (o->flags & OF_BITS) {
			param_sep(&p);
			sb_u64(sb, o->bits);
			sb_puts(sb, " bits");
		}
		break;
	case OBJ_ASID_POOL:
		if (extra_has(x, P_ASID_HIGH))
			param_hex(&p, "asid_high", x->v[P_ASID_HIGH]);
		break;
	case OBJ_ARM_IRQ:
		param_extra(&p, x, P_TRIGGER);
		param_extra(&p, x, P_TARGET);
		break;
	case OBJ_SGI_SIGNAL:
		param_extra(&p, x, P_IRQ);
		param_extra(&p, x, P_TARGET);
		break;
	case OBJ_CONTEXTBANK:
		param_extra(&p, x, P_BANK);
		break;
	case OBJ_ARM_IODEVICE:
		param_extra(&p, x, P_IOSPACE);
		break;
	case OBJ_IODEVICE:
		param_extra(&p, x, P_DOMAINID);
		if (extra_has(x, P_PCI)) {
			param_sep(&p);
			sb_printf(sb, "%llu:%llu.%llu", (unsigned long long)x->pci[0],
				  (unsigned long long)x->pci[1], (unsigned long long)x->pci[2]);
		}
		break;
	case OBJ_IOPT:
		param_extra(&p, x, P_LEVEL);
		break;
	case OBJ_IOPORTS:
		if (extra_has(x, P_PORTS)) {
			param_sep(&p);
			sb_printf(sb, "ports: [%llu..%llu]", (unsigned long long)x->ports[0],
				  (unsigned long long)x->ports[1]);
		}
		break;
	case OBJ_IOAPIC_IRQ:
		param_extra(&p, x, P_IOAPIC_NUM);
		param_extra(&p, x, P_IOAPIC_PIN);
		param_extra(&p, x, P_IOAPIC_LEVEL);
		param_extra(&p, x, P_IOAPIC_POLARITY);
		break;
	case OBJ_MSI_IRQ:
		param_extra(&p, x, P_MSI_HANDLE);
		param_extra(&p, x, P_MSI_PCI_BUS);
		param_extra(&p, x, P_MSI_PCI_DEV);
		param_extra(&p, x, P_MSI_PCI_FUN);
		break;
	default:
		break;
	}
	if (p.any)
		sb_putc(sb, ')');
}

/* Group a list of objects into "name" / "name[ranges]" items. */
static size_t name_items(const struct model *m, const uint32_t *ids, size_t n,
			 struct strbuf *items, size_t *starts, struct u32vec *tmp)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		const struct object *o = &m->objs.v[ids[i]];
		starts[k++] = items->len;
		sb_putn(items, o->name->s, o->name->len);
		if (!(o->flags & OF_ELEM)) {
			i++;
			continue;
		}
		tmp->n = 0;
		size_t j = i;
		while (j < n && m->objs.v[ids[j]].name == o->name &&
		       (m->objs.v[ids[j]].flags & OF_ELEM)) {
			VEC_PUSH(tmp, m->objs.v[ids[j]].index);
			j++;
		}
		sb_putc(items, '[');
		format_indices(items, tmp->v, tmp->n);
		sb_putc(items, ']');
		i = j;
	}
	starts[k] = items->len;
	return k;
}

/* The HughesPJ "fill" of "{a, b, ...}" after a prefix on a line that
 * starts at column indent: an item stays on the line if the whole line
 * fits the page and its text (without the indentation) fits the ribbon. */
static void fill_items(struct strbuf *sb, size_t indent, size_t prefix_len,
		       const struct strbuf *items, const size_t *starts, size_t k)
{
	size_t col = indent + prefix_len + 1; /* where continuation lines start */
	size_t line_start = indent, sl = prefix_len + 1;
	sb_putc(sb, '{');
	for (size_t i = 0; i < k; i++) {
		size_t len = starts[i + 1] - starts[i] + 1; /* + ',' or '}' */
		if (i) {
			size_t avail = PAGE_WIDTH - line_start < RIBBON ? PAGE_WIDTH - line_start
									 : RIBBON;
			if (sl + 1 + len <= avail) {
				sb_putc(sb, ' ');
				sl += 1;
			} else {
				sb_putc(sb, '\n');
				sb_spaces(sb, col);
				line_start = col;
				sl = 0;
			}
		}
		sb_putn(sb, items->s + starts[i], starts[i + 1] - starts[i]);
		sb_putc(sb, i + 1 < k ? ',' : '}');
		sl += len;
	}
}

static void untyped_line(const struct model *m, struct out *o, const struct object *u,
			 bool indexed)
{
	size_t start = o->sb.len;
	sb_puts(&o->sb, "  ");
	sb_putn(&o->sb, u->name->s, u->name->len);
	if (indexed) {
		sb_putc(&o->sb, '[');
		sb_u64(&o->sb, u->index);
		sb_putc(&o->sb, ']');
	}
	sb_puts(&o->sb, " = ");
	object_decl(&o->sb, u);
	if (u->ncover) {
		sb_putc(&o->sb, ' ');
		struct strbuf items = {0};
		size_t *starts = xmalloc((u->ncover + 1) * sizeof(*starts));
		struct u32vec tmp = {0};
		size_t k = name_items(m, u->cover, u->ncover, &items, starts, &tmp);
		size_t prefix = o->sb.len - start - 2;
		fill_items(&o->sb, 2, prefix, &items, starts, k);
		free(starts);
		sb_free(&items);
		VEC_FREE(&tmp);
	}
	out_line(o);
}

static void print_objects(const struct model *m, struct out *o, const uint32_t *order,
			  bool untypeds)
{
	size_t n = m->objs.n;
	for (size_t i = 0; i < n;) {
		const struct object *ob = &m->objs.v[order[i]];
		size_t j = i + 1;
		while (j < n && m->objs.v[order[j]].name == ob->name)
			j++;
		if ((ob->type == OBJ_UNTYPED) != untypeds) {
			i = j;
			continue;
		}
		bool arr = ob->flags & OF_ELEM;
		if (!arr && untypeds) {
			untyped_line(m, o, ob, false);
		} else {
			sb_puts(&o->sb, "  ");
			sb_putn(&o->sb, ob->name->s, ob->name->len);
			if (arr) {
				sb_putc(&o->sb, '[');
				sb_u64(&o->sb, j - i);
				sb_putc(&o->sb, ']');
			}
			sb_puts(&o->sb, " = ");
			object_decl(&o->sb, ob);
			out_line(o);
			if (untypeds)
				for (size_t k = i; k < j; k++)
					if (m->objs.v[order[k]].ncover)
						untyped_line(m, o, &m->objs.v[order[k]], true);
		}
		i = j;
	}
}

/* ---- caps --------------------------------------------------------------- */

static bool ext_equal(const struct model *m, const struct cap *a, const struct cap *b)
{
	if (a->ext == b->ext)
		return true;
	if (!a->ext || !b->ext)
		return false;
	const struct cap_ext *x = &m->capext.v[a->ext], *y = &m->capext.v[b->ext];
	bool asid = (a->flags & CF_ASID) &&
		    (x->asid[0] != y->asid[0] || x->asid[1] != y->asid[1]);
	bool map = (a->flags & CF_MAPPING) &&
		   (x->map_obj != y->map_obj || x->map_slot != y->map_slot);
	return !asid && !map;
}

/* Equal apart from the object (and where it was written). */
static bool cap_same_shape(const struct model *m, const struct cap *a, const struct cap *b)
{
	const uint16_t ignore = CF_CDT_CHILD;
	return a->type == b->type && a->rights == b->rights &&
	       (a->flags & ~ignore) == (b->flags & ~ignore) && a->data == b->data &&
	       a->guard_size == b->guard_size && ext_equal(m, a, b);
}

static void cap_params_text(const struct model *m, struct strbuf *sb, const struct cap *c)
{
	struct params p = {sb, false};
	const struct cap_ext *x = c->ext ? &m->capext.v[c->ext] : NULL;
	switch (c->type) {
	case CAP_EP:
	case CAP_NOTIFICATION:
		if (c->data)
			param_num(&p, "badge", c->data);
		if (c->rights) {
			param_sep(&p);
			format_rights(sb, c->rights, false);
		}
		break;
	case CAP_SMC:
		if (c->data)
			param_num(&p, "badge", c->data);
		break;
	case CAP_CNODE:
		if (c->data)
			param_num(&p, "guard", c->data);
		if (c->guard_size)
			param_num(&p, "guard_size", c->guard_size);
		break;
	case CAP_FRAME:
		if (c->rights) {
			param_sep(&p);
			format_rights(sb, c->rights, true);
		}
		/* fall through */
	case CAP_PT:
	case CAP_PD:
		if (c->flags & CF_ASID) {
			param_sep(&p);
			sb_puts(sb, "asid: (");
			sb_hex(sb, x->asid[0]);
			sb_puts(sb, ", ");
			sb_hex(sb, x->asid[1]);
			sb_putc(sb, ')');
		}
		if (c->flags & CF_UNCACHED) {
			param_sep(&p);
			sb_puts(sb, "uncached");
		}
		if (c->flags & CF_MAPPING) {
			param_sep(&p);
			sb_puts(sb, "mapping: (");
			object_describe(m, x->map_obj, sb);
			sb_puts(sb, ", ");
			sb_u64(sb, x->map_slot);
			sb_putc(sb, ')');
		}
		break;
	case CAP_REPLY:
		param_sep(&p);
		sb_puts(sb, "reply");
		break;
	case CAP_MASTER_REPLY:
		param_sep(&p);
		sb_puts(sb, "master_reply");
		break;
	case CAP_SCHED_CONTROL:
		param_num(&p, "core", c->data);
		break;
	default:
		break;
	}
	if (p.any)
		sb_putc(sb, ')');
}

/* The lines of one container, each without indentation or newline. */
static size_t slot_lines(const struct model *m, const struct object *c, struct strbuf *sb,
			 struct sizevec *ends, struct u32vec *tmp)
{
	ends->n = 0;
	for (uint32_t i = 0; i < c->nslots;) {
		const struct cap *cap = &c->slots[i].cap;
		sb_u64(sb, c->slots[i].slot);
		sb_puts(sb, ": ");
		uint32_t j = i + 1;
		if (cap->obj == NO_OBJ) {
			sb_puts(sb, special_cap_name(cap->type));
		} else {
			const struct object *o = &m->objs.v[cap->obj];
			sb_putn(sb, o->name->s, o->name->len);
			if (o->flags & OF_ELEM) {
				tmp->n = 0;
				VEC_PUSH(tmp, o->index);
				while (j < c->nslots && c->slots[j].slot == c->slots[j - 1].slot + 1 &&
				       c->slots[j].cap.obj != NO_OBJ &&
				       m->objs.v[c->slots[j].cap.obj].name == o->name &&
				       (m->objs.v[c->slots[j].cap.obj].flags & OF_ELEM) &&
				       cap_same_shape(m, cap, &c->slots[j].cap)) {
					VEC_PUSH(tmp, m->objs.v[c->slots[j].cap.obj].index);
					j++;
				}
				sb_putc(sb, '[');
				format_indices(sb, tmp->v, tmp->n);
				sb_putc(sb, ']');
			}
		}
		cap_params_text(m, sb, cap);
		VEC_PUSH(ends, sb->len);
		i = j;
	}
	return ends->n;
}

static bool same_contents(const struct model *m, const struct object *a, const struct object *b)
{
	if (a->nslots != b->nslots)
		return false;
	for (uint32_t i = 0; i < a->nslots; i++)
		if (a->slots[i].slot != b->slots[i].slot ||
		    a->slots[i].cap.obj != b->slots[i].cap.obj ||
		    !cap_same_shape(m, &a->slots[i].cap, &b->slots[i].cap))
			return false;
	return true;
}

static void print_caps(const struct model *m, struct out *o, const uint32_t *order)
{
	struct strbuf lines = {0};
	struct sizevec ends = {0};
	struct u32vec tmp = {0}, group = {0};
	size_t n = m->objs.n;
	for (size_t i = 0; i < n;) {
		const struct object *c = &m->objs.v[order[i]];
		if (!c->nslots) {
			i++;
			continue;
		}
		size_t j = i + 1;
		group.n = 0;
		VEC_PUSH(&group, c->index);
		if (c->flags & OF_ELEM)
			while (j < n && m->objs.v[order[j]].name == c->name &&
			       same_contents(m, c, &m->objs.v[order[j]])) {
				VEC_PUSH(&group, m->objs.v[order[j]].index);
				j++;
			}
		sb_puts(&o->sb, "  ");
		sb_putn(&o->sb, c->name->s, c->name->len);
		if (c->flags & OF_ELEM) {
			sb_putc(&o->sb, '[');
			format_indices(&o->sb, group.v, group.n);
			sb_putc(&o->sb, ']');
		}
		sb_reset(&lines);
		size_t k = slot_lines(m, c, &lines, &ends, &tmp);
		if (k == 1) {
			sb_puts(&o->sb, " {");
			sb_putn(&o->sb, lines.s, lines.len);
			sb_putc(&o->sb, '}');
			out_line(o);
		} else {
			sb_puts(&o->sb, " {");
			out_line(o);
			for (size_t l = 0, at = 0; l < k; l++) {
				sb_puts(&o->sb, "    ");
				sb_putn(&o->sb, lines.s + at, ends.v[l] - at);
				at = ends.v[l];
				out_line(o);
			}
			sb_puts(&o->sb, "  }");
			out_line(o);
		}
		out_line(o);
		i = j;
	}
	sb_free(&lines);
	VEC_FREE(&ends);
	VEC_FREE(&tmp);
	VEC_FREE(&group);
}

/* ---- cdt, irqs, domains ------------------------------------------------- */

static uint32_t *rank_of(const struct model *m, const uint32_t *order)
{
	uint32_t *rank = xmalloc((m->objs.n + 1) * sizeof(*rank));
	for (size_t i = 0; i < m->objs.n; i++)
		rank[order[i]] = (uint32_t)i;
	return rank;
}

static const uint32_t *edge_rank;

static int edge_print_cmp(const void *a, const void *b)
{
	const struct cdt_edge *x = a, *y = b;
	if (x->child.obj != y->child.obj)
		return edge_rank[x->child.obj] < edge_rank[y->child.obj] ? -1 : 1;
	return x->child.slot < y->child.slot ? -1 : x->child.slot > y->child.slot;
}

static void slotref_text(const struct model *m, struct strbuf *sb, struct capref r)
{
	sb_putc(sb, '(');
	object_describe(m, r.obj, sb);
	sb_puts(sb, ", ");
	sb_u64(sb, r.slot);
	sb_putc(sb, ')');
}

static void print_cdt(const struct model *m, struct out *o, const uint32_t *order)
{
	if (!m->cdt.n)
		return;
	struct cdt_edge *e = xmalloc(m->cdt.n * sizeof(*e));
	memcpy(e, m->cdt.v, m->cdt.n * sizeof(*e));
	uint32_t *rank = rank_of(m, order);
	edge_rank = rank;
	qsort(e, m->cdt.n, sizeof(*e), edge_print_cmp);
	for (size_t i = 0; i < m->cdt.n;) {
		size_t j = i + 1;
		while (j < m->cdt.n && e[j].parent.obj == e[i].parent.obj &&
		       e[j].parent.slot == e[i].parent.slot)
			j++;
		sb_puts(&o->sb, "  ");
		slotref_text(m, &o->sb, e[i].parent);
		sb_puts(&o->sb, " {");
		if (j - i == 1) {
			slotref_text(m, &o->sb, e[i].child);
			sb_putc(&o->sb, '}');
		} else {
			for (size_t k = i; k < j; k++) {
				out_line(o);
				sb_puts(&o->sb, "    ");
				slotref_text(m, &o->sb, e[k].child);
			}
			out_line(o);
			sb_puts(&o->sb, "  }");
		}
		out_line(o);
		out_line(o);
		i = j;
	}
	free(rank);
	free(e);
}

static void print_irqs(const struct model *m, struct out *o)
{
	VEC(uint32_t) tmp = {0};
	for (size_t i = 0; i < m->irqs.n;) {
		const struct irq_entry *q = &m->irqs.v[i];
		const struct object *ob = &m->objs.v[q->obj];
		size_t j = i + 1;
		sb_puts(&o->sb, "  ");
		sb_u64(&o->sb, q->irq);
		sb_puts(&o->sb, ": ");
		sb_putn(&o->sb, ob->name->s, ob->name->len);
		if (ob->flags & OF_ELEM) {
			tmp.n = 0;
			VEC_PUSH(&tmp, ob->index);
			while (j < m->irqs.n && m->irqs.v[j].irq == m->irqs.v[j - 1].irq + 1 &&
			       m->objs.v[m->irqs.v[j].obj].name == ob->name &&
			       (m->objs.v[m->irqs.v[j].obj].flags & OF_ELEM)) {
				VEC_PUSH(&tmp, m->objs.v[m->irqs.v[j].obj].index);
				j++;
			}
			sb_putc(&o->sb, '[');
			format_indices(&o->sb, tmp.v, tmp.n);
			sb_putc(&o->sb, ']');
		}
		out_line(o);
		out_line(o);
		i = j;
	}
	VEC_FREE(&tmp);
}

static void print_domains(const struct model *m, struct out *o)
{
	if (!m->has_schedule && !m->has_start && !m->has_shift)
		return;
	sb_puts(&o->sb, "\n\ndomains {\n");
	if (m->has_schedule) {
		sb_puts(&o->sb, "  schedule: [");
		for (size_t i = 0; i < m->schedule.n; i++)
			sb_printf(&o->sb, "%s(%llu, %llu)", i ? ", " : "",
				  (unsigned long long)m->schedule.v[i].dom,
				  (unsigned long long)m->schedule.v[i].ticks);
		sb_puts(&o->sb, "]\n");
	}
	if (m->has_start) {
		if (m->no_start)
			sb_puts(&o->sb, "  domain_set_start: no_start\n");
		else
			sb_printf(&o->sb, "  domain_set_start: %llu\n", (unsigned long long)m->start);
	}
	if (m->has_shift)
		sb_printf(&o->sb, "  index_shift: %llu\n", (unsigned long long)m->shift);
	sb_puts(&o->sb, "}\n");
}

int print_cdl(const struct model *m, FILE *f)
{
	struct out o = {.f = f};
	uint32_t *order = sorted_objects(m);
	sb_printf(&o.sb, "arch %s\n\nobjects {\n\n", arch_names[m->arch]);
	print_objects(m, &o, order, false);
	out_line(&o);
	print_objects(m, &o, order, true);
	out_line(&o);
	sb_puts(&o.sb, "} caps {\n\n");
	print_caps(m, &o, order);
	sb_puts(&o.sb, "} cdt {\n\n");
	print_cdt(m, &o, order);
	sb_puts(&o.sb, "} irq maps {\n\n");
	print_irqs(m, &o);
	sb_putc(&o.sb, '}');
	print_domains(m, &o);
	out_flush(&o);
	sb_free(&o.sb);
	free(order);
	return ferror(f) ? -1 : 0;
}
