/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fdt.c: minimal flattened device tree reader (see include/kernel/fdt.h).
 *
 * Format: a 40-byte big-endian header, then a structure block of 32-bit
 * tokens (BEGIN_NODE name, PROP len nameoff value, END_NODE, NOP, END) and a
 * strings block holding property names.  Runs before the MMU is on: no
 * tables of pointers (checked by the kernel-early-pcrel test).
 */
#include <stdbool.h>
#include <kernel/fdt.h>

#define FDT_BEGIN_NODE  1u
#define FDT_END_NODE    2u
#define FDT_PROP        3u
#define FDT_NOP         4u
#define FDT_END         9u

#define HDR_SIZE        40u
#define MAX_DEPTH       32

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint32_t hdr(const void *fdt, unsigned field)
{
	return be32((const uint8_t *)fdt + 4 * field);
}

enum { H_MAGIC, H_TOTALSIZE, H_OFF_STRUCT, H_OFF_STRINGS, H_OFF_RSVMAP,
       H_VERSION, H_LAST_COMP, H_BOOT_CPU, H_SIZE_STRINGS, H_SIZE_STRUCT };

long fdt_check(const void *fdt, size_t limit)
{
	uint32_t total, off_st, off_str, size_st, size_str, off_rsv;

	if (limit < HDR_SIZE)
		return -FDT_ERR_TRUNCATED;
	if (hdr(fdt, H_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_MAGIC;
	if (hdr(fdt, H_VERSION) < 17 || hdr(fdt, H_LAST_COMP) > 17)
		return -FDT_ERR_VERSION;
	total = hdr(fdt, H_TOTALSIZE);
	if (total < HDR_SIZE || total > limit)
		return -FDT_ERR_TRUNCATED;

	off_st = hdr(fdt, H_OFF_STRUCT);
	size_st = hdr(fdt, H_SIZE_STRUCT);
	off_str = hdr(fdt, H_OFF_STRINGS);
	size_str = hdr(fdt, H_SIZE_STRINGS);
	off_rsv = hdr(fdt, H_OFF_RSVMAP);
	if (off_st % 4 || size_st % 4 || off_rsv % 8)
		return -FDT_ERR_BADLAYOUT;
	if (off_st < HDR_SIZE || off_st > total || size_st > total - off_st)
		return -FDT_ERR_BADLAYOUT;
	if (off_str < HDR_SIZE || off_str > total ||
	    size_str > total - off_str)
		return -FDT_ERR_BADLAYOUT;
	if (off_rsv < HDR_SIZE || off_rsv > total)
		return -FDT_ERR_BADLAYOUT;
	return (long)total;
}

/* A cursor over the structure block. */
struct walker {
	const uint8_t *st;      /* structure block */
	uint32_t st_size;
	const char *strs;       /* strings block */
	uint32_t str_size;
	uint32_t off;           /* next token, relative to st */
	int depth;              /* 0 outside the root node, 1 inside it, ... */
};

struct token {
	uint32_t type;
	const char *name;       /* node name or property name */
	const uint8_t *val;     /* property value */
	uint32_t len;
};

static void walker_init(struct walker *w, const void *fdt)
{
	const uint8_t *b = fdt;

	w->st = b + hdr(fdt, H_OFF_STRUCT);
	w->st_size = hdr(fdt, H_SIZE_STRUCT);
	w->strs = (const char *)b + hdr(fdt, H_OFF_STRINGS);
	w->str_size = hdr(fdt, H_SIZE_STRINGS);
	w->off = 0;
	w->depth = 0;
}

/* Length of the NUL-terminated string at s (at most max bytes readable),
 * or -1 if there is no NUL within them. */
static long bounded_strlen(const char *s, uint32_t max)
{
	for (uint32_t i = 0; i < max; i++)
		if (s[i] == '\0')
			return i;
	return -1;
}

static uint32_t align4(uint32_t x)
{
	return (x + 3) & ~3u;
}

/* Read the next token (NOPs skipped); returns FDT_OK or a negated error. */
static int next_token(struct walker *w, struct token *t)
{
	for (;;) {
		uint32_t left;

		if (w->st_size - w->off < 4)
			return -FDT_ERR_BADSTRUCT;
		t->type = be32(w->st + w->off);
		w->off += 4;
		left = w->st_size - w->off;

		switch (t->type) {
		case FDT_NOP:
			continue;
		case FDT_BEGIN_NODE: {
			long n = bounded_strlen((const char *)w->st + w->off, left);

			if (n < 0 || w->depth >= MAX_DEPTH)
				return -FDT_ERR_BADSTRUCT;
			t->name = (const char *)w->st + w->off;
			w->off += align4((uint32_t)n + 1);
			if (w->off > w->st_size)
				return -FDT_ERR_BADSTRUCT;
			w->depth++;
			return FDT_OK;
		}
		case FDT_END_NODE:
			if (w->depth == 0)
				return -FDT_ERR_BADSTRUCT;
			w->depth--;
			return FDT_OK;
		case FDT_PROP: {
			uint32_t nameoff;

			if (left < 8 || w->depth == 0)
				return -FDT_ERR_BADSTRUCT;
			t->len = be32(w->st + w->off);
			nameoff = be32(w->st + w->off + 4);
			w->off += 8;
			if (t->len > w->st_size - w->off)
				return -FDT_ERR_BADSTRUCT;
			if (nameoff >= w->str_size ||
			    bounded_strlen(w->strs + nameoff,
			                   w->str_size - nameoff) < 0)
				return -FDT_ERR_BADSTRUCT;
			t->name = w->strs + nameoff;
			t->val = w->st + w->off;
			w->off += align4(t->len);
			if (w->off > w->st_size)
				w->off = w->st_size;  /* last value unpadded */
			return FDT_OK;
		}
		case FDT_END:
			if (w->depth != 0)
				return -FDT_ERR_BADSTRUCT;
			return FDT_OK;
		default:
			return -FDT_ERR_BADSTRUCT;
		}
	}
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* "memory" or "memory@..." */
static bool is_memory_name(const char *name)
{
	const char *m = "memory";

	while (*m && *name == *m) {
		m++;
		name++;
	}
	return *m == '\0' && (*name == '\0' || *name == '@');
}

static bool prop_is_string(const struct token *t, const char *s)
{
	return t->len > 0 && t->val[t->len - 1] == '\0' &&
	       str_eq((const char *)t->val, s);
}

static int read_cells(const struct token *t, uint32_t *cells)
{
	if (t->len != 4)
		return -FDT_ERR_BADVALUE;
	*cells = be32(t->val);
	return FDT_OK;
}

static uint64_t read_number(const uint8_t *p, uint32_t cells)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < cells; i++)
		v = v << 32 | be32(p + 4 * i);
	return v;
}

int fdt_memory(const void *fdt, struct fdt_region *out, int max)
{
	struct walker w;
	struct token t;
	uint32_t acells = 2, scells = 1;   /* defaults per the DT spec */
	const uint8_t *reg = NULL;
	uint32_t reg_len = 0;
	bool memnode = false;
	int count = 0, err;

	walker_init(&w, fdt);
	for (;;) {
		if ((err = next_token(&w, &t)) < 0)
			return err;
		if (t.type == FDT_END)
			return count;
		if (t.type == FDT_BEGIN_NODE && w.depth == 2) {
			/* A child of the root: maybe a memory node. */
			memnode = is_memory_name(t.name);
			reg = NULL;
			reg_len = 0;
		} else if (t.type == FDT_PROP && w.depth == 1) {
			if (str_eq(t.name, "#address-cells") &&
			    (err = read_cells(&t, &acells)) < 0)
				return err;
			if (str_eq(t.name, "#size-cells") &&
			    (err = read_cells(&t, &scells)) < 0)
				return err;
		} else if (t.type == FDT_PROP && w.depth == 2) {
			if (str_eq(t.name, "device_type") &&
			    prop_is_string(&t, "memory"))
				memnode = true;
			if (str_eq(t.name, "reg")) {
				reg = t.val;
				reg_len = t.len;
			}
		} else if (t.type == FDT_END_NODE && w.depth == 1 && memnode) {
			uint32_t entry = 4 * (acells + scells);

			memnode = false;
			if (acells < 1 || acells > 2 || scells < 1 || scells > 2)
				return -FDT_ERR_BADCELLS;
			if (reg_len % entry)
				return -FDT_ERR_BADVALUE;
			for (uint32_t off = 0; off < reg_len; off += entry) {
				uint64_t size = read_number(reg + off + 4 * acells,
				                            scells);

				if (size == 0)
					continue;
				if (count < max) {
					out[count].base = read_number(reg + off,
					                              acells);
					out[count].size = size;
				}
				count++;
			}
		}
	}
}

int fdt_bootargs(const void *fdt, const char **args, size_t *len)
{
	struct walker w;
	struct token t;
	bool in_chosen = false;
	int err;

	walker_init(&w, fdt);
	for (;;) {
		if ((err = next_token(&w, &t)) < 0)
			return err;
		if (t.type == FDT_END)
			return -FDT_ERR_NOTFOUND;
		if (t.type == FDT_BEGIN_NODE && w.depth == 2)
			in_chosen = str_eq(t.name, "chosen");
		else if (t.type == FDT_END_NODE && w.depth == 1)
			in_chosen = false;
		else if (t.type == FDT_PROP && w.depth == 2 && in_chosen &&
		         str_eq(t.name, "bootargs")) {
			if (t.len == 0 || t.val[t.len - 1] != '\0')
				return -FDT_ERR_BADVALUE;
			*args = (const char *)t.val;
			*len = t.len - 1;
			return FDT_OK;
		}
	}
}

const char *fdt_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case FDT_OK:            return "ok";
	case FDT_ERR_MAGIC:     return "no FDT magic";
	case FDT_ERR_VERSION:   return "unsupported FDT version";
	case FDT_ERR_TRUNCATED: return "FDT truncated";
	case FDT_ERR_BADLAYOUT: return "bad FDT block layout";
	case FDT_ERR_BADSTRUCT: return "bad FDT structure block";
	case FDT_ERR_BADCELLS:  return "unsupported #address-cells/#size-cells";
	case FDT_ERR_BADVALUE:  return "bad FDT property value";
	case FDT_ERR_NOTFOUND:  return "not found";
	default:                return "unknown FDT error";
	}
}
