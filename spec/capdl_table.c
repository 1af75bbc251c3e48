/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * capdl_table.c: validating and reading a capdl table. Freestanding: the
 * loader links this file, so it uses no libc and never writes the table.
 */
#include "capdl_table.h"

#include <stdbool.h>

static const char *const error_names[CAPDL_ERR_COUNT] = {
	[CAPDL_OK] = "ok",
	[CAPDL_ERR_TRUNCATED] = "truncated",
	[CAPDL_ERR_MAGIC] = "not a capdl table (bad magic)",
	[CAPDL_ERR_VERSION] = "unsupported table version",
	[CAPDL_ERR_WORD_SIZE] = "wrong word size",
	[CAPDL_ERR_ARCH] = "wrong architecture",
	[CAPDL_ERR_ABI] = "built for another kernel ABI",
	[CAPDL_ERR_CRC] = "CRC mismatch",
	[CAPDL_ERR_SECTION] = "section out of bounds",
	[CAPDL_ERR_INDEX] = "index out of range",
	[CAPDL_ERR_OBJECT_SIZES] = "object sizes differ from the kernel's",
};

const char *capdl_error_name(enum capdl_error e)
{
	return (unsigned)e < CAPDL_ERR_COUNT ? error_names[e] : "unknown error";
}

/* CRC-32/ISO-HDLC (the zlib one), a byte at a time through a 256-entry
 * table computed on first use (a table is checked once, but its size
 * grows with the spec: this is 8x fewer steps than bit by bit). */
uint32_t capdl_crc32(const void *data, size_t len, uint32_t crc)
{
	static uint32_t table[256];
	if (!table[1])
		for (uint32_t b = 0; b < 256; b++) {
			uint32_t c = b;
			for (int k = 0; k < 8; k++)
				c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
			table[b] = c;
		}
	const uint8_t *p = data;
	crc = ~crc;
	for (size_t i = 0; i < len; i++)
		crc = (crc >> 8) ^ table[(crc ^ p[i]) & 0xff];
	return ~crc;
}

static enum capdl_error fail(struct capdl_problem *why, enum capdl_error e,
			     uint32_t section, uint32_t record, const char *what)
{
	if (why) {
		why->error = e;
		why->section = section;
		why->record = record;
		why->what = what;
	}
	return e;
}

const uint32_t capdl_record_size[CAPDL_SECT_COUNT] = {
	[CAPDL_SECT_OBJECTS] = sizeof(struct capdl_object),
	[CAPDL_SECT_SLOTS] = sizeof(struct capdl_slot),
	[CAPDL_SECT_TCBS] = sizeof(struct capdl_tcb),
	[CAPDL_SECT_WORDS] = sizeof(uint64_t),
	[CAPDL_SECT_CDT] = sizeof(struct capdl_cdt),
	[CAPDL_SECT_IRQS] = sizeof(struct capdl_irq),
	[CAPDL_SECT_FRAMES] = sizeof(struct capdl_frame),
	[CAPDL_SECT_PAGEREFS] = sizeof(uint32_t),
	[CAPDL_SECT_BOOTINFO] = sizeof(struct capdl_bootinfo_fill),
	[CAPDL_SECT_SCHEDULE] = sizeof(struct capdl_sched),
	[CAPDL_SECT_STRINGS] = 1,
	[CAPDL_SECT_LINES] = sizeof(uint32_t),
	[CAPDL_SECT_PAGES] = 4096,
};

static int bytes_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

uint32_t capdl_slot_owner(const struct capdl_object *obj, uint32_t nobj, uint32_t i)
{
	uint32_t lo = 0, hi = nobj; /* obj[lo].slots <= i; answer in [lo, hi) */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (obj[mid].slots <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

#define CHECK(cond, sect, rec, what)                                           \
	do {                                                                   \
		if (!(cond))                                                   \
			return fail(why, CAPDL_ERR_INDEX, (sect), (rec), (what)); \
	} while (0)

static unsigned frame_pages(const struct capdl_object *o)
{
	return o->size_bits >= 12 && o->size_bits <= 30 ? 1u << (o->size_bits - 12) : 0;
}

static enum capdl_error check_records(const void *t, struct capdl_problem *why)
{
	uint32_t nobj, nslot, ntcb, nword, ncdt, nirq, nframe, nref, nbi, nstr, nline,
		npage;
	const struct capdl_object *obj = CAPDL_SECTION(t, CAPDL_SECT_OBJECTS, struct capdl_object, &nobj);
	const struct capdl_slot *slot = CAPDL_SECTION(t, CAPDL_SECT_SLOTS, struct capdl_slot, &nslot);
	const struct capdl_tcb *tcb = CAPDL_SECTION(t, CAPDL_SECT_TCBS, struct capdl_tcb, &ntcb);
	CAPDL_SECTION(t, CAPDL_SECT_WORDS, uint64_t, &nword);
	const struct capdl_cdt *cdt = CAPDL_SECTION(t, CAPDL_SECT_CDT, struct capdl_cdt, &ncdt);
	const struct capdl_irq *irq = CAPDL_SECTION(t, CAPDL_SECT_IRQS, struct capdl_irq, &nirq);
	const struct capdl_frame *fr = CAPDL_SECTION(t, CAPDL_SECT_FRAMES, struct capdl_frame, &nframe);
	const uint32_t *ref = CAPDL_SECTION(t, CAPDL_SECT_PAGEREFS, uint32_t, &nref);
	const struct capdl_bootinfo_fill *bi =
		CAPDL_SECTION(t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill, &nbi);
	const char *str = CAPDL_SECTION(t, CAPDL_SECT_STRINGS, char, &nstr);
	CAPDL_SECTION(t, CAPDL_SECT_LINES, uint32_t, &nline);
	CAPDL_SECTION(t, CAPDL_SECT_PAGES, char, &npage);

	CHECK(nstr == 0 || str[nstr - 1] == '\0', CAPDL_SECT_STRINGS, nstr,
	      "the string section must end in a NUL");
	CHECK(nline == 0 || nline == nobj + nslot, CAPDL_SECT_LINES, nline,
	      "one line per object and per slot, or none");
	uint32_t prev = 0;
	for (uint32_t i = 0; i < nobj; i++) {
		const struct capdl_object *o = &obj[i];
		CHECK(o->type >= CAPDL_OBJ_UNTYPED && o->type < CAPDL_OBJ_TYPE_COUNT,
		      CAPDL_SECT_OBJECTS, i, "unknown object type");
		CHECK(o->name == 0 || o->name < nstr, CAPDL_SECT_OBJECTS, i, "name outside STRINGS");
		CHECK(o->slots >= prev && o->slots <= nslot, CAPDL_SECT_OBJECTS, i,
		      "slots must be in object order and inside SLOTS");
		prev = o->slots;
		CHECK(!(o->flags & ~(CAPDL_OBJ_PADDR | CAPDL_OBJ_FILLED)), CAPDL_SECT_OBJECTS, i,
		      "unknown object flags");
		if (o->flags & CAPDL_OBJ_PADDR) {
			CHECK(o->type == CAPDL_OBJ_FRAME || o->type == CAPDL_OBJ_UNTYPED,
			      CAPDL_SECT_OBJECTS, i, "only frames and untypeds have a paddr");
			CHECK(o->arg < nword, CAPDL_SECT_OBJECTS, i, "paddr outside WORDS");
		}
		if (o->type == CAPDL_OBJ_TCB)
			CHECK(o->arg < ntcb, CAPDL_SECT_OBJECTS, i, "TCB record outside TCBS");
		if (o->flags & CAPDL_OBJ_FILLED)
			CHECK(o->type == CAPDL_OBJ_FRAME, CAPDL_SECT_OBJECTS, i,
			      "only frames have contents");
		if (o->type == CAPDL_OBJ_FRAME)
			CHECK(o->size_bits == 12 || o->size_bits == 21 || o->size_bits == 30,
			      CAPDL_SECT_OBJECTS, i, "a frame is 4 KiB, 2 MiB or 1 GiB");
	}
	uint32_t owner = 0;
	for (uint32_t i = 0; i < nslot; i++) {
		const struct capdl_slot *s = &slot[i];
		while (owner + 1 < nobj && obj[owner + 1].slots <= i)
			owner++;
		/* slot numbers the loader uses to index: TCB slots, IRQ slot 0,
		 * page-table entries */
		uint8_t ot = nobj ? obj[owner].type : 0;
		CHECK(ot != CAPDL_OBJ_TCB || s->index < 10, CAPDL_SECT_SLOTS, i,
		      "a TCB has slots 0..9");
		CHECK(ot != CAPDL_OBJ_IRQ || s->index == 0, CAPDL_SECT_SLOTS, i,
		      "an IRQ object has slot 0 only");
		CHECK((ot != CAPDL_OBJ_VSPACE && ot != CAPDL_OBJ_PAGE_TABLE) || s->index < 512,
		      CAPDL_SECT_SLOTS, i, "a page table has 512 entries");
		CHECK(ot != CAPDL_OBJ_CNODE || obj[owner].size_bits >= 64 ||
			      s->index < (1ull << obj[owner].size_bits),
		      CAPDL_SECT_SLOTS, i, "slot beyond the CNode's size");
		CHECK(s->type >= CAPDL_CAP_OBJECT && s->type < CAPDL_CAP_TYPE_COUNT,
		      CAPDL_SECT_SLOTS, i, "unknown cap type");
		bool needs_obj = s->type == CAPDL_CAP_OBJECT || s->type == CAPDL_CAP_REPLY ||
				 s->type == CAPDL_CAP_MASTER_REPLY;
		CHECK(needs_obj ? s->obj < nobj : s->obj == CAPDL_NONE, CAPDL_SECT_SLOTS, i,
		      "cap object outside OBJECTS");
		CHECK(!(s->flags & ~CAPDL_SLOT_FLAGS), CAPDL_SECT_SLOTS, i, "unknown slot flags");
		/* the loader indexes by the object of every slot outside CNodes */
		CHECK(ot == CAPDL_OBJ_CNODE || needs_obj, CAPDL_SECT_SLOTS, i,
		      "only a CNode holds caps that name no object");
		if (s->flags & (CAPDL_SLOT_UNCACHED | CAPDL_SLOT_EXECUTABLE))
			CHECK(s->type == CAPDL_CAP_OBJECT && obj[s->obj].type == CAPDL_OBJ_FRAME,
			      CAPDL_SECT_SLOTS, i, "only frame caps are uncached or executable");
		if (s->flags & CAPDL_SLOT_WIDE)
			CHECK(s->data < nword, CAPDL_SECT_SLOTS, i, "wide data outside WORDS");
		if (s->flags & CAPDL_SLOT_MAPPING) {
			CHECK(ot == CAPDL_OBJ_CNODE && s->data < nslot && s->data != i &&
				      slot[s->data].obj == s->obj &&
				      obj[s->obj].type == CAPDL_OBJ_FRAME,
			      CAPDL_SECT_SLOTS, i,
			      "a mapping cap must name a slot mapping the same frame");
			uint8_t mt = obj[capdl_slot_owner(obj, nobj, s->data)].type;
			CHECK(mt == CAPDL_OBJ_VSPACE || mt == CAPDL_OBJ_PAGE_TABLE, CAPDL_SECT_SLOTS,
			      i, "a mapping cap must name a page-table slot");
		}
	}
	for (uint32_t i = 0; i < ntcb; i++)
		CHECK(tcb[i].ninit <= nword && tcb[i].init <= nword - tcb[i].ninit,
		      CAPDL_SECT_TCBS, i, "init arguments outside WORDS");
	uint32_t nchild = 0;
	for (uint32_t i = 0; i < nslot; i++)
		nchild += !!(slot[i].flags & CAPDL_SLOT_CHILD);
	for (uint32_t i = 0; i < ncdt; i++) {
		CHECK(cdt[i].child < nslot && cdt[i].parent < nslot && cdt[i].child != cdt[i].parent,
		      CAPDL_SECT_CDT, i, "cdt edge outside SLOTS");
		CHECK(slot[cdt[i].child].flags & CAPDL_SLOT_CHILD, CAPDL_SECT_CDT, i,
		      "a cdt child must carry the CHILD flag");
	}
	CHECK(nchild == ncdt, CAPDL_SECT_CDT, ncdt, "one cdt edge for each CHILD slot");
	for (uint32_t i = 0; i < nirq; i++)
		CHECK(irq[i].obj < nobj && obj[irq[i].obj].type == CAPDL_OBJ_IRQ, CAPDL_SECT_IRQS,
		      i, "IRQ entry must name an IRQ object");
	for (uint32_t i = 0; i < nframe; i++) {
		CHECK(fr[i].obj < nobj && obj[fr[i].obj].type == CAPDL_OBJ_FRAME,
		      CAPDL_SECT_FRAMES, i, "frame contents must belong to a frame");
		uint32_t n = frame_pages(&obj[fr[i].obj]);
		CHECK(fr[i].pages <= nref && n <= nref - fr[i].pages, CAPDL_SECT_FRAMES, i,
		      "page references outside PAGEREFS");
	}
	for (uint32_t i = 0; i < nref; i++)
		CHECK(ref[i] == CAPDL_NONE || ref[i] < npage, CAPDL_SECT_PAGEREFS, i,
		      "page reference outside PAGES");
	for (uint32_t i = 0; i < nbi; i++) {
		CHECK(bi[i].obj < nobj && obj[bi[i].obj].type == CAPDL_OBJ_FRAME,
		      CAPDL_SECT_BOOTINFO, i, "boot-info fill must belong to a frame");
		uint64_t size = (uint64_t)1 << obj[bi[i].obj].size_bits;
		CHECK((uint64_t)bi[i].dest + bi[i].len <= size, CAPDL_SECT_BOOTINFO, i,
		      "boot-info fill beyond the end of its frame");
	}
	return CAPDL_OK;
}

enum capdl_error capdl_table_check(const void *table, size_t len, uint32_t abi,
				   struct capdl_problem *why)
{
	const struct capdl_header *h = table;
	if (len < sizeof(*h))
		return fail(why, CAPDL_ERR_TRUNCATED, CAPDL_NONE, 0, "shorter than the header");
	if (!bytes_equal(h->magic, CAPDL_MAGIC, 8))
		return fail(why, CAPDL_ERR_MAGIC, CAPDL_NONE, 0, "magic is not \"capdltbl\"");
	if (h->version != CAPDL_VERSION)
		return fail(why, CAPDL_ERR_VERSION, CAPDL_NONE, h->version, "version is not 1");
	if (h->word_bits != 64)
		return fail(why, CAPDL_ERR_WORD_SIZE, CAPDL_NONE, h->word_bits, "word is not 64 bits");
	if (h->arch != CAPDL_ARCH_AARCH64)
		return fail(why, CAPDL_ERR_ARCH, CAPDL_NONE, h->arch, "architecture is not aarch64");
	if (h->size > len || h->size < sizeof(*h))
		return fail(why, CAPDL_ERR_TRUNCATED, CAPDL_NONE, h->size,
			    "the header's size exceeds the bytes given");
	if (abi && h->abi != abi)
		return fail(why, CAPDL_ERR_ABI, CAPDL_NONE, h->abi, "kernel ABI differs");
	/* CRC over the table with the CRC field taken as zero */
	const uint8_t *p = table;
	size_t at = (size_t)((const uint8_t *)&h->crc32 - p);
	static const uint8_t zero[4];
	uint32_t crc = capdl_crc32(p, at, 0);
	crc = capdl_crc32(zero, 4, crc);
	crc = capdl_crc32(p + at + 4, h->size - at - 4, crc);
	if (crc != h->crc32)
		return fail(why, CAPDL_ERR_CRC, CAPDL_NONE, 0, "CRC-32 does not match");
	for (uint32_t s = 0; s < CAPDL_SECT_COUNT; s++) {
		uint64_t off = h->sect[s].offset, n = h->sect[s].count;
		uint64_t end = off + n * capdl_record_size[s];
		uint32_t align = s == CAPDL_SECT_PAGES ? 4096 : 8;
		if (n && (off < sizeof(*h) || end > h->size || off % align))
			return fail(why, CAPDL_ERR_SECTION, s, 0,
				    "section outside the table or misaligned");
	}
	return check_records(table, why);
}

enum capdl_error capdl_check_object_bits(const void *table, const uint8_t *expect,
					 struct capdl_problem *why)
{
	const struct capdl_header *h = table;
	for (uint32_t t = CAPDL_OBJ_UNTYPED; t < CAPDL_OBJ_TYPE_COUNT; t++)
		if (expect[t] && h->object_bits[t] != expect[t])
			return fail(why, CAPDL_ERR_OBJECT_SIZES, CAPDL_NONE, t,
				    "an object size differs from the kernel's");
	return CAPDL_OK;
}
