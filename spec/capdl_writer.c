/* SPDX-License-Identifier: BSD-2-Clause */
/* capdl_writer.c: building a capdl table on the host. */
#include "capdl_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096u

static void *must(void *p)
{
	if (!p) {
		fputs("capdl: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void buf_put(struct capdl_buf *b, const void *p, size_t n)
{
	if (!n)
		return; /* p may be NULL (an empty buffer): memcpy must not see it */
	if (b->len + n > b->cap) {
		size_t c = b->cap ? b->cap : 256;
		while (c < b->len + n)
			c *= 2;
		b->data = must(realloc(b->data, c));
		b->cap = c;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static uint32_t put_record(struct capdl_writer *w, enum capdl_section_id s, const void *p,
			   size_t n)
{
	uint32_t index = (uint32_t)(w->sect[s].len / n);
	buf_put(&w->sect[s], p, n);
	return index;
}

/* ---- page de-duplication: open addressing on a 64-bit content hash ------ */

struct capdl_page_index {
	uint64_t *hash;
	uint32_t *page;
	size_t nslot, count;
};

static uint64_t page_hash(const uint8_t *p)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (unsigned i = 0; i < PAGE; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		h = (h ^ x) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	return h | 1; /* 0 marks an empty slot */
}

static void index_grow(struct capdl_page_index *ix)
{
	size_t n = ix->nslot ? ix->nslot * 2 : 1024;
	uint64_t *h = must(calloc(n, sizeof(*h)));
	uint32_t *p = must(calloc(n, sizeof(*p)));
	for (size_t i = 0; i < ix->nslot; i++) {
		if (!ix->hash[i])
			continue;
		size_t j = ix->hash[i] & (n - 1);
		while (h[j])
			j = (j + 1) & (n - 1);
		h[j] = ix->hash[i];
		p[j] = ix->page[i];
	}
	free(ix->hash);
	free(ix->page);
	ix->hash = h;
	ix->page = p;
	ix->nslot = n;
}

static uint32_t add_page(struct capdl_writer *w, const uint8_t *data)
{
	static const uint8_t zero[PAGE];
	if (!memcmp(data, zero, PAGE))
		return CAPDL_NONE;
	struct capdl_page_index *ix = w->pages;
	if ((ix->count + 1) * 2 > ix->nslot)
		index_grow(ix);
	uint64_t h = page_hash(data);
	size_t j = h & (ix->nslot - 1);
	for (; ix->hash[j]; j = (j + 1) & (ix->nslot - 1))
		if (ix->hash[j] == h &&
		    !memcmp(w->sect[CAPDL_SECT_PAGES].data + (size_t)ix->page[j] * PAGE, data, PAGE))
			return ix->page[j];
	uint32_t page = put_record(w, CAPDL_SECT_PAGES, data, PAGE);
	ix->hash[j] = h;
	ix->page[j] = page;
	ix->count++;
	return page;
}

/* ---- records ------------------------------------------------------------ */

void capdl_writer_init(struct capdl_writer *w, uint32_t abi, const uint8_t object_bits[16])
{
	memset(w, 0, sizeof(*w));
	memcpy(w->h.magic, CAPDL_MAGIC, 8);
	w->h.version = CAPDL_VERSION;
	w->h.word_bits = 64;
	w->h.arch = CAPDL_ARCH_AARCH64;
	w->h.abi = abi;
	w->h.domain_start = CAPDL_NONE;
	memcpy(w->h.object_bits, object_bits, sizeof(w->h.object_bits));
	w->pages = must(calloc(1, sizeof(*w->pages)));
	buf_put(&w->sect[CAPDL_SECT_STRINGS], "", 1); /* offset 0: no name */
}

void capdl_writer_free(struct capdl_writer *w)
{
	for (int s = 0; s < CAPDL_SECT_COUNT; s++)
		free(w->sect[s].data);
	free(w->obj_lines.data);
	free(w->slot_lines.data);
	if (w->pages) {
		free(w->pages->hash);
		free(w->pages->page);
		free(w->pages);
	}
	memset(w, 0, sizeof(*w));
}

uint32_t capdl_add_string(struct capdl_writer *w, const char *s)
{
	if (!*s || w->strip)
		return 0;
	uint32_t at = (uint32_t)w->sect[CAPDL_SECT_STRINGS].len;
	buf_put(&w->sect[CAPDL_SECT_STRINGS], s, strlen(s) + 1);
	return at;
}

uint32_t capdl_add_object(struct capdl_writer *w, const struct capdl_object *o, uint32_t line)
{
	buf_put(&w->obj_lines, &line, sizeof(line));
	return put_record(w, CAPDL_SECT_OBJECTS, o, sizeof(*o));
}

uint32_t capdl_add_slot(struct capdl_writer *w, const struct capdl_slot *s, uint32_t line)
{
	buf_put(&w->slot_lines, &line, sizeof(line));
	return put_record(w, CAPDL_SECT_SLOTS, s, sizeof(*s));
}

uint32_t capdl_add_tcb(struct capdl_writer *w, const struct capdl_tcb *t)
{
	return put_record(w, CAPDL_SECT_TCBS, t, sizeof(*t));
}

uint32_t capdl_add_word(struct capdl_writer *w, uint64_t v)
{
	return put_record(w, CAPDL_SECT_WORDS, &v, sizeof(v));
}

void capdl_add_cdt(struct capdl_writer *w, uint32_t child, uint32_t parent)
{
	struct capdl_cdt e = {child, parent};
	put_record(w, CAPDL_SECT_CDT, &e, sizeof(e));
}

void capdl_add_irq(struct capdl_writer *w, uint32_t irq, uint32_t obj)
{
	struct capdl_irq e = {irq, obj};
	put_record(w, CAPDL_SECT_IRQS, &e, sizeof(e));
}

void capdl_add_bootinfo(struct capdl_writer *w, const struct capdl_bootinfo_fill *f)
{
	put_record(w, CAPDL_SECT_BOOTINFO, f, sizeof(*f));
}

void capdl_add_sched(struct capdl_writer *w, uint64_t domain, uint64_t ticks)
{
	struct capdl_sched e = {domain, ticks};
	put_record(w, CAPDL_SECT_SCHEDULE, &e, sizeof(e));
}

void capdl_add_frame_data(struct capdl_writer *w, uint32_t obj, const void *data, size_t size)
{
	struct capdl_frame f = {obj, (uint32_t)(w->sect[CAPDL_SECT_PAGEREFS].len / 4)};
	for (size_t at = 0; at < size; at += PAGE) {
		uint32_t page = add_page(w, (const uint8_t *)data + at);
		buf_put(&w->sect[CAPDL_SECT_PAGEREFS], &page, sizeof(page));
	}
	put_record(w, CAPDL_SECT_FRAMES, &f, sizeof(f));
}

uint32_t capdl_record_count(const struct capdl_writer *w, enum capdl_section_id s)
{
	return (uint32_t)(w->sect[s].len / capdl_record_size[s]);
}

void *capdl_writer_finish(struct capdl_writer *w, size_t *len)
{
	if (!w->strip) {
		buf_put(&w->sect[CAPDL_SECT_LINES], w->obj_lines.data, w->obj_lines.len);
		buf_put(&w->sect[CAPDL_SECT_LINES], w->slot_lines.data, w->slot_lines.len);
	}
	size_t at = sizeof(struct capdl_header);
	for (int s = 0; s < CAPDL_SECT_COUNT; s++) {
		size_t align = s == CAPDL_SECT_PAGES ? PAGE : 8;
		if (w->sect[s].len) /* an empty PAGES section adds no padding */
			at = (at + align - 1) & ~(align - 1);
		w->h.sect[s].offset = w->sect[s].len ? (uint32_t)at : 0;
		w->h.sect[s].count = capdl_record_count(w, (enum capdl_section_id)s);
		at += w->sect[s].len;
	}
	at = (at + 7) & ~(size_t)7;
	char *t = must(calloc(1, at));
	w->h.size = (uint32_t)at;
	w->h.crc32 = 0;
	memcpy(t, &w->h, sizeof(w->h));
	for (int s = 0; s < CAPDL_SECT_COUNT; s++)
		if (w->sect[s].len)
			memcpy(t + w->h.sect[s].offset, w->sect[s].data, w->sect[s].len);
	uint32_t crc = capdl_crc32(t, at, 0);
	((struct capdl_header *)t)->crc32 = crc;
	*len = at;
	return t;
}
