/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * platform.c: the board a table is built for (docs/platform.md): its RAM,
 * the RAM that is not free at boot (kernel, DTB, loader image), and its
 * device regions. Two checks use it: every paddr object must lie, aligned
 * to its size, in RAM or in a device region (platform-paddr); and all
 * objects must fit in the free RAM (platform-fit), simulated by placing
 * them in creation order the way the kernel and the loader do.
 */
#include "build.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* QEMU virt (-machine virt -m 1G), as seL4 sees it (reference §9.2). */
const char platform_default_text[] =
	"# QEMU virt, AArch64, -m 1G (the built-in default platform)\n"
	"platform qemu-arm-virt\n"
	"ram      0x40000000 1G    RAM\n"
	"reserved 0x40000000 8M    DTB, kernel, capdl-loader image and its boot objects\n"
	"device   0x00000000 128M  flash\n"
	"device   0x09000000 4K    PL011 UART0 (IRQ 33)\n"
	"device   0x09010000 4K    PL031 RTC (IRQ 34)\n"
	"device   0x09020000 4K    fw-cfg\n"
	"device   0x09030000 4K    PL061 GPIO\n"
	"device   0x0a000000 16K   virtio-mmio, 32 transports 0x200 apart (IRQ 48..79)\n"
	"device   0x0c000000 32M   platform bus\n"
	"device   0x10000000 0x2eff0000 PCIe MMIO window\n"
	"device   0x3eff0000 64K   PCIe I/O window\n"
	"device   0x3f000000 16M   PCIe ECAM\n";

void format_size(struct strbuf *sb, uint64_t bytes)
{
	static const char *const unit[] = {"KiB", "MiB", "GiB", "TiB"};
	if (bytes < 1024) {
		sb_printf(sb, "%llu %s", (unsigned long long)bytes, bytes == 1 ? "byte" : "bytes");
		return;
	}
	/* the largest unit it reaches: exact, or the bytes and roughly */
	int u = 0;
	while (u < 3 && bytes >> (10 * (u + 2)))
		u++;
	unsigned shift = 10 * (unsigned)(u + 1);
	if (!(bytes & ((1ull << shift) - 1)))
		sb_printf(sb, "%llu %s", (unsigned long long)(bytes >> shift), unit[u]);
	else
		sb_printf(sb, "%llu bytes (%.1f %s)", (unsigned long long)bytes,
			  (double)bytes / (double)(1ull << shift), unit[u]);
}

/* ---- the file format ---------------------------------------------------- */

struct reader {
	const char *file;
	uint32_t line;
	bool ok;
};

static void perr(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void perr(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%u: error: ", r->file, r->line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	r->ok = false;
}

/* A number: decimal or 0x hex, optionally followed by K, M, G (or KiB,
 * MiB, GiB): binary multiples. */
static bool parse_number(const char *w, uint64_t *out)
{
	const char *p = w;
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	uint64_t v = 0;
	const char *digits = p;
	for (;; p++) {
		int d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	if (p == digits)
		return false;
	unsigned shift = 0;
	if (*p == 'K' || *p == 'k')
		shift = 10;
	else if (*p == 'M')
		shift = 20;
	else if (*p == 'G')
		shift = 30;
	if (shift) {
		p++;
		if (!strcmp(p, "iB"))
			p += 2;
		if (v > UINT64_MAX >> shift)
			return false;
		v <<= shift;
	}
	*out = v;
	return *p == '\0';
}

static char *next_word(char **s)
{
	char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return NULL;
	char *w = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	*s = p;
	return w;
}

static bool overlaps(const struct region *a, const struct region *b)
{
	return a->base < b->base + b->size && b->base < a->base + a->size;
}

static bool inside(const struct region *in, uint64_t base, uint64_t size)
{
	return base >= in->base && base - in->base <= in->size && size <= in->size - (base - in->base);
}

static void region_text(struct strbuf *sb, const struct region *g)
{
	sb_printf(sb, "'%s' (0x%llx..0x%llx)", g->what, (unsigned long long)g->base,
		  (unsigned long long)(g->base + g->size));
}

static void check_overlaps(struct reader *r, struct platform *p)
{
	struct {
		const char *kind;
		void *v;
		size_t n;
	} kinds[] = {{"ram", p->ram.v, p->ram.n},
		     {"device", p->device.v, p->device.n},
		     {"reserved", p->reserved.v, p->reserved.n}};
	for (int k = 0; k < 3; k++) {
		const struct region *a = kinds[k].v;
		for (size_t i = 0; i < kinds[k].n; i++) {
			r->line = a[i].line;
			for (size_t j = 0; j < i; j++)
				if (overlaps(&a[i], &a[j]))
					perr(r, "%s region overlaps the %s region of line %u", kinds[k].kind,
					     kinds[k].kind, a[j].line);
		}
	}
	for (size_t i = 0; i < p->device.n; i++)
		for (size_t j = 0; j < p->ram.n; j++)
			if (overlaps(&p->device.v[i], &p->ram.v[j])) {
				r->line = p->device.v[i].line;
				perr(r, "device region overlaps the ram region of line %u",
				     p->ram.v[j].line);
			}
	for (size_t i = 0; i < p->reserved.n; i++) {
		const struct region *g = &p->reserved.v[i];
		bool in = false;
		for (size_t j = 0; j < p->ram.n && !in; j++)
			in = inside(&p->ram.v[j], g->base, g->size);
		r->line = g->line;
		if (!in)
			perr(r, "a reserved region must lie inside one ram region");
	}
	if (!p->ram.n) {
		r->line = 0;
		fprintf(stderr, "%s: error: the platform has no ram region\n", r->file);
		r->ok = false;
	}
}

bool platform_parse(struct platform *p, const char *file, const char *text)
{
	memset(p, 0, sizeof(*p));
	p->file = xstrdup(file);
	struct reader r = {file, 0, true};
	const char *at = text;
	while (*at) {
		const char *eol = strchr(at, '\n');
		size_t n = eol ? (size_t)(eol - at) : strlen(at);
		char *line = xmalloc(n + 1);
		memcpy(line, at, n);
		line[n] = '\0';
		at += n + (eol ? 1 : 0);
		r.line++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		for (char *c = line; *c; c++)
			if (*c == '\r' || *c == '\f' || *c == '\v')
				*c = ' ';
		char *rest = line;
		char *kw = next_word(&rest);
		if (!kw) {
			free(line);
			continue;
		}
		if (!strcmp(kw, "platform")) {
			char *name = next_word(&rest);
			if (!name || next_word(&rest))
				perr(&r, "expected 'platform NAME'");
			else if (p->name)
				perr(&r, "the platform is named twice");
			else
				p->name = xstrdup(name);
			free(line);
			continue;
		}
		bool ram = !strcmp(kw, "ram"), dev = !strcmp(kw, "device"),
		     res = !strcmp(kw, "reserved");
		if (!ram && !dev && !res) {
			perr(&r, "unknown keyword '%s' (expected platform, ram, device or reserved)", kw);
			free(line);
			continue;
		}
		char *wb = next_word(&rest), *ws = wb ? next_word(&rest) : NULL;
		struct region g = {.line = r.line};
		if (!ws) {
			perr(&r, "expected '%s BASE SIZE [DESCRIPTION]'", kw);
		} else if (!parse_number(wb, &g.base)) {
			perr(&r, "'%s' is not a number", wb);
		} else if (!parse_number(ws, &g.size)) {
			perr(&r, "'%s' is not a size (a number, optionally with K, M or G)", ws);
		} else if (!g.size) {
			perr(&r, "a region of size 0");
		} else if (g.base + g.size < g.base || (g.base & 0xfff) || (g.size & 0xfff)) {
			perr(&r, "regions must be 4 KiB aligned and end below 2^64");
		} else {
			while (*rest == ' ' || *rest == '\t')
				rest++;
			size_t len = strlen(rest);
			while (len && (rest[len - 1] == ' ' || rest[len - 1] == '\t'))
				rest[--len] = '\0';
			g.what = xstrdup(*rest ? rest : kw);
			if (ram)
				VEC_PUSH(&p->ram, g);
			else if (dev)
				VEC_PUSH(&p->device, g);
			else
				VEC_PUSH(&p->reserved, g);
		}
		free(line);
	}
	if (r.ok)
		check_overlaps(&r, p);
	if (!p->name)
		p->name = xstrdup(file);
	return r.ok;
}

bool platform_load(struct platform *p, const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text && errno == ENOENT && !strcmp(path, "qemu-arm-virt")) {
		platform_default(p); /* a built-in platform, named */
		return true;
	}
	if (!text) {
		fprintf(stderr, "capdlc: cannot read platform '%s': %s\n", path, strerror(errno));
		memset(p, 0, sizeof(*p));
		return false;
	}
	if (strlen(text) != len) {
		fprintf(stderr, "%s: error: a platform file is text; this one has NUL bytes\n", path);
		free(text);
		memset(p, 0, sizeof(*p));
		return false;
	}
	bool ok = platform_parse(p, path, text);
	free(text);
	return ok;
}

void platform_default(struct platform *p)
{
	if (!platform_parse(p, "<built-in>", platform_default_text))
		abort(); /* the built-in text is tested */
}

static void regions_free(struct region *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(g[i].what);
}

void platform_free(struct platform *p)
{
	regions_free(p->ram.v, p->ram.n);
	regions_free(p->device.v, p->device.n);
	regions_free(p->reserved.v, p->reserved.n);
	VEC_FREE(&p->ram);
	VEC_FREE(&p->device);
	VEC_FREE(&p->reserved);
	free(p->name);
	free(p->file);
	memset(p, 0, sizeof(*p));
}

/* ---- paddr objects ------------------------------------------------------ */

/* Whether [base, base + size) is covered by regions of one list, which may
 * be adjacent (devices next to each other form one device range); sets
 * *partly if some of it is. */
static bool covered(const struct region *g, size_t n, uint64_t base, uint64_t size, bool *partly)
{
	uint64_t at = base, end = base + size;
	for (bool more = true; more && at < end;) {
		more = false;
		for (size_t i = 0; i < n; i++)
			if (at >= g[i].base && at - g[i].base < g[i].size) {
				at = g[i].base + g[i].size;
				more = true;
				break;
			}
	}
	struct region o = {base, size, NULL, 0};
	for (size_t i = 0; i < n && !*partly; i++)
		*partly = overlaps(&g[i], &o);
	return at >= end;
}

void platform_check_paddr(struct model *m, const struct platform *p)
{
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		unsigned bits = object_mem_bits(o);
		if (!(o->flags & OF_PADDR) || !first_of_array(o) || !bits || bits >= 64)
			continue;
		uint64_t size = 1ull << bits, end = o->paddr + size;
		const char *kw = obj_types[o->type].kw;
		const char *name = obj_label(m, (uint32_t)i);
		struct strbuf sz = {0};
		format_size(&sz, size);
		bool partly = false;
		if (o->paddr & (size - 1)) {
			diag(m->diag, CHK_PLATFORM_PADDR, o->loc,
			     "%s '%s' (%s) at paddr 0x%llx is not aligned to its size", kw, name, sz.s,
			     (unsigned long long)o->paddr);
		} else if (end < o->paddr || (end == 0 && o->paddr)) {
			diag(m->diag, CHK_PLATFORM_PADDR, o->loc,
			     "%s '%s' (%s) at paddr 0x%llx goes past the end of the address space", kw,
			     name, sz.s, (unsigned long long)o->paddr);
		} else if (covered(p->ram.v, p->ram.n, o->paddr, size, &partly)) {
			struct region ob = {o->paddr, size, NULL, 0};
			for (size_t j = 0; j < p->reserved.n; j++) {
				if (!overlaps(&p->reserved.v[j], &ob))
					continue;
				struct strbuf where = {0};
				region_text(&where, &p->reserved.v[j]);
				diag(m->diag, CHK_PLATFORM_PADDR, o->loc,
				     "%s '%s' (%s) at paddr 0x%llx overlaps reserved RAM %s of "
				     "platform '%s'",
				     kw, name, sz.s, (unsigned long long)o->paddr, where.s, p->name);
				sb_free(&where);
				break;
			}
		} else if (!covered(p->device.v, p->device.n, o->paddr, size, &partly)) {
			diag(m->diag, CHK_PLATFORM_PADDR, o->loc,
			     "%s '%s' (%s) at paddr 0x%llx..0x%llx %s the RAM and device regions of "
			     "platform '%s'",
			     kw, name, sz.s, (unsigned long long)o->paddr, (unsigned long long)end,
			     partly ? "lies partly outside" : "is outside", p->name);
		}
		sb_free(&sz);
	}
}

/* ---- does it fit? ------------------------------------------------------- */

struct block {
	uint64_t base, end, next; /* next: the watermark */
};

struct span {
	uint64_t base, end;
};

struct spanvec VEC_BODY(struct span);

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

static int block_cmp(const void *a, const void *b)
{
	const struct block *x = a, *y = b;
	uint64_t sx = x->end - x->base, sy = y->end - y->base;
	if (sx != sy)
		return sx > sy ? -1 : 1;
	return x->base < y->base ? -1 : x->base > y->base;
}

/* Removes [base, end) from a sorted list of disjoint spans. */
static void spans_cut(struct spanvec *s, uint64_t base, uint64_t end)
{
	struct spanvec out = {0};
	for (size_t i = 0; i < s->n; i++) {
		struct span a = s->v[i];
		if (end <= a.base || base >= a.end) {
			VEC_PUSH(&out, a);
			continue;
		}
		if (a.base < base)
			VEC_PUSH(&out, ((struct span){a.base, base}));
		if (end < a.end)
			VEC_PUSH(&out, ((struct span){end, a.end}));
	}
	VEC_FREE(s);
	*s = out;
}

static unsigned ctz64(uint64_t x)
{
	return x ? (unsigned)__builtin_ctzll(x) : 64;
}

static unsigned log2_floor(uint64_t x)
{
	return 63 - (unsigned)__builtin_clzll(x);
}

void platform_check_fit(struct model *m, const struct platform *p, const struct layout *l,
			uint64_t reserve_bytes)
{
	/* free RAM: RAM minus reserved regions minus paddr objects in RAM */
	struct spanvec free_ram = {0};
	for (size_t i = 0; i < p->ram.n; i++)
		VEC_PUSH(&free_ram, ((struct span){p->ram.v[i].base, p->ram.v[i].base + p->ram.v[i].size}));
	if (free_ram.n > 1)
		qsort(free_ram.v, free_ram.n, sizeof(struct span), span_cmp);
	for (size_t i = 0; i < p->reserved.n; i++)
		spans_cut(&free_ram, p->reserved.v[i].base,
			  p->reserved.v[i].base + p->reserved.v[i].size);
	for (uint32_t i = 0; i < l->n; i++) {
		const struct object *o = &m->objs.v[l->order[i]];
		unsigned bits = object_mem_bits(o);
		if ((o->flags & OF_PADDR) && bits && bits < 64)
			spans_cut(&free_ram, o->paddr, o->paddr + (1ull << bits));
	}
	/* the table goes into the loader's image: the lowest free pages */
	uint64_t table = (reserve_bytes + 0xfff) & ~0xfffull;
	while (table && free_ram.n) {
		struct span *s = &free_ram.v[0];
		uint64_t take = s->end - s->base < table ? s->end - s->base : table;
		spans_cut(&free_ram, s->base, s->base + take);
		table -= take;
	}
	/* untypeds: each free span in maximal naturally aligned blocks of at
	 * most 2^47 bytes, as the kernel hands them out */
	VEC(struct block) blocks = {0};
	for (size_t i = 0; i < free_ram.n; i++) {
		uint64_t at = free_ram.v[i].base, end = free_ram.v[i].end;
		while (end - at >= 16) {
			unsigned b = log2_floor(end - at);
			if (ctz64(at) < b)
				b = ctz64(at);
			if (b > 47)
				b = 47;
			VEC_PUSH(&blocks, ((struct block){at, at + (1ull << b), at}));
			at += 1ull << b;
		}
	}
	VEC_FREE(&free_ram);
	if (blocks.n > 1)
		qsort(blocks.v, blocks.n, sizeof(struct block), block_cmp);

	/* the objects, largest first (the creation order): first fit */
	size_t first_block = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		const struct object *o = &m->objs.v[l->order[i]];
		unsigned bits = object_mem_bits(o);
		if ((o->flags & OF_PADDR) || !bits)
			continue;
		uint64_t size = 1ull << bits;
		bool placed = false;
		/* full blocks stay full */
		while (first_block < blocks.n &&
		       blocks.v[first_block].next == blocks.v[first_block].end)
			first_block++;
		for (size_t j = first_block; j < blocks.n && !placed; j++) {
			struct block *b = &blocks.v[j];
			uint64_t at = (b->next + size - 1) & ~(size - 1);
			if (at >= b->next && at <= b->end && b->end - at >= size) {
				b->next = at + size;
				placed = true;
			}
		}
		if (placed)
			continue;
		/* does not fit: how much is missing */
		uint64_t need = 0, have = 0, largest = 0;
		uint32_t after = 0;
		for (uint32_t k = i; k < l->n; k++) {
			const struct object *q = &m->objs.v[l->order[k]];
			unsigned qb = object_mem_bits(q);
			if (!(q->flags & OF_PADDR) && qb) {
				need += 1ull << qb;
				after += k > i;
			}
		}
		for (size_t j = 0; j < blocks.n; j++) {
			uint64_t left = blocks.v[j].end - blocks.v[j].next;
			have += left;
			if (left > largest)
				largest = left;
		}
		struct strbuf sz = {0}, sn = {0}, sh = {0}, sl = {0};
		format_size(&sz, size);
		format_size(&sn, need);
		format_size(&sh, have);
		format_size(&sl, largest);
		uint64_t shortfall = need > have ? need - have : size - largest;
		diag(m->diag, CHK_PLATFORM_FIT, o->loc,
		     "object '%s' (%s) does not fit in the platform's memory: %llu bytes short",
		     obj_label(m, l->order[i]), sz.s, (unsigned long long)shortfall);
		if (need > have && after)
			diag_note(m->diag, o->loc,
				  "it and the %u object%s created after it need %s; %s of "
				  "platform '%s' %s free",
				  after, after == 1 ? "" : "s", sn.s, sh.s, p->name,
				  have ? "is still" : "is");
		else if (need > have)
			diag_note(m->diag, o->loc, "it is the last object; %s of platform '%s' is free",
				  sh.s, p->name);
		else
			diag_note(m->diag, o->loc,
				  "%s of platform '%s' is free, but in pieces of at most %s", sh.s,
				  p->name, sl.s);
		sb_free(&sz);
		sb_free(&sn);
		sb_free(&sh);
		sb_free(&sl);
		break;
	}
	VEC_FREE(&blocks);
}
