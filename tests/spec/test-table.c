/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test-table.c: the table library (spec/): what the writer writes, the
 * reader reads back unchanged; every corrupt or mismatched table is
 * rejected with its specific reason (error, section, record, rule); frame
 * pages are de-duplicated and zero pages are not stored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capdl_table.h"
#include "capdl_writer.h"

#define PAGE 4096u

static const uint8_t sel4_bits[16] = {
	[CAPDL_OBJ_TCB] = 11, [CAPDL_OBJ_ENDPOINT] = 4, [CAPDL_OBJ_NOTIFICATION] = 5,
	[CAPDL_OBJ_VSPACE] = 12, [CAPDL_OBJ_PAGE_TABLE] = 12, [CAPDL_OBJ_ASID_POOL] = 12,
	[CAPDL_OBJ_VCPU] = 12,
};

/* ---- a sample table with every section in use --------------------------- */

enum { O_CODE, O_TCB, O_CNODE, O_IRQ, O_UART, O_EP, O_COUNT };

static uint8_t page_a[PAGE];

static void *sample(bool strip, size_t *len)
{
	struct capdl_writer w;
	capdl_writer_init(&w, CAPDL_ABI_SEL4_16_0_0, sel4_bits);
	w.strip = strip;
	w.h.domain_start = 1;
	w.h.domain_shift = 4;
	uint32_t paddr = capdl_add_word(&w, 0x9000000);		 /* word 0 */
	uint32_t wide = capdl_add_word(&w, 0x123456789abull);	 /* word 1 */
	struct capdl_tcb tcb = {.ip = 0x400000, .sp = 0x405000, .ipc_buffer = 0x406000,
				.prio = 100, .max_prio = 101, .flags = CAPDL_TCB_RESUME};
	tcb.init = capdl_add_word(&w, 7); /* words 2, 3 */
	capdl_add_word(&w, 8);
	tcb.ninit = 2;
	uint32_t t = capdl_add_tcb(&w, &tcb);
	const struct capdl_object objs[O_COUNT] = {
		[O_CODE] = {CAPDL_OBJ_FRAME, 12, CAPDL_OBJ_FILLED, capdl_add_string(&w, "code"), 0, 0},
		[O_TCB] = {CAPDL_OBJ_TCB, 0, 0, capdl_add_string(&w, "tcb"), 0, t},
		[O_CNODE] = {CAPDL_OBJ_CNODE, 4, 0, capdl_add_string(&w, "cn"), 1, 0},
		[O_IRQ] = {CAPDL_OBJ_IRQ, 0, 0, capdl_add_string(&w, "irq"), 5, 33 | 1u << 31},
		[O_UART] = {CAPDL_OBJ_FRAME, 12, CAPDL_OBJ_PADDR, capdl_add_string(&w, "uart[2]"), 6, paddr},
		[O_EP] = {CAPDL_OBJ_ENDPOINT, 0, 0, capdl_add_string(&w, "ep"), 6, 0},
	};
	for (uint32_t i = 0; i < O_COUNT; i++)
		assert_int_equal(capdl_add_object(&w, &objs[i], 10 + i), i);
	const struct capdl_slot slots[] = {
		/* tcb: slot 0 */
		{0, O_CNODE, CAPDL_CAP_OBJECT, 0xf, CAPDL_SLOT_GUARD, 60, 0},
		/* cnode: slots 1..4 */
		{1, O_EP, CAPDL_CAP_OBJECT, CAPDL_RIGHT_WRITE, CAPDL_SLOT_BADGE, 0, 7},
		{2, O_EP, CAPDL_CAP_OBJECT, CAPDL_RIGHT_READ, CAPDL_SLOT_BADGE | CAPDL_SLOT_WIDE | CAPDL_SLOT_CHILD, 0, wide},
		{3, CAPDL_NONE, CAPDL_CAP_IRQ_CONTROL, 0xf, 0, 0, 0},
		{4, O_IRQ, CAPDL_CAP_OBJECT, 0xf, 0, 0, 0},
		/* irq: slot 5 */
		{0, O_EP, CAPDL_CAP_OBJECT, 0, 0, 0, 0},
	};
	for (uint32_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		assert_int_equal(capdl_add_slot(&w, &slots[i], 20 + i), i);
	capdl_add_cdt(&w, 2, 1);
	capdl_add_irq(&w, 33, O_IRQ);
	memset(page_a, 0, sizeof(page_a));
	memcpy(page_a + 100, "code", 4);
	capdl_add_frame_data(&w, O_CODE, page_a, PAGE);
	struct capdl_bootinfo_fill bi = {O_CODE, 0x800, 0x100, 6, 0x10, 0};
	capdl_add_bootinfo(&w, &bi);
	capdl_add_sched(&w, 0, 10);
	capdl_add_sched(&w, 3, 20);
	void *table = capdl_writer_finish(&w, len);
	capdl_writer_free(&w);
	return table;
}

#define SECT(t, id, type) ((type *)(uintptr_t)capdl_section((t), (id), NULL))

static void fix_crc(void *t)
{
	struct capdl_header *h = t;
	h->crc32 = 0;
	h->crc32 = capdl_crc32(t, h->size, 0);
}

static void expect_problem(const void *t, size_t len, enum capdl_error e, uint32_t section,
			   uint32_t record, const char *what)
{
	struct capdl_problem why = {0};
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, &why), e);
	assert_int_equal(why.error, e);
	assert_int_equal(why.section, section);
	assert_int_equal(why.record, record);
	assert_string_equal(why.what, what);
}

/* ---- round trips -------------------------------------------------------- */

/* The CRC-32/ISO-HDLC check value, and that it chains over pieces. */
static void crc_check_value(void **state)
{
	(void)state;
	assert_int_equal(capdl_crc32("123456789", 9, 0), 0xcbf43926u);
	assert_int_equal(capdl_crc32("6789", 4, capdl_crc32("12345", 5, 0)), 0xcbf43926u);
	assert_int_equal(capdl_crc32("", 0, 0), 0);
}

static void round_trip(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	struct capdl_problem why;
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, &why), CAPDL_OK);
	assert_int_equal(capdl_check_object_bits(t, sel4_bits, &why), CAPDL_OK);
	const struct capdl_header *h = capdl_header(t);
	assert_memory_equal(h->magic, "capdltbl", 8);
	assert_int_equal(h->version, 1);
	assert_int_equal(h->word_bits, 64);
	assert_int_equal(h->arch, CAPDL_ARCH_AARCH64);
	assert_int_equal(h->abi, 0x10000000);
	assert_int_equal(h->size, len);
	assert_int_equal(h->size % 8, 0);
	assert_int_equal(h->domain_start, 1);
	assert_int_equal(h->domain_shift, 4);
	assert_memory_equal(h->object_bits, sel4_bits, 16);

	uint32_t n;
	const struct capdl_object *o = CAPDL_SECTION(t, CAPDL_SECT_OBJECTS, struct capdl_object, &n);
	assert_int_equal(n, O_COUNT);
	assert_int_equal(o[O_CNODE].type, CAPDL_OBJ_CNODE);
	assert_int_equal(o[O_CNODE].size_bits, 4);
	assert_int_equal(o[O_CNODE].slots, 1);
	assert_string_equal(capdl_string(t, o[O_UART].name), "uart[2]");
	assert_string_equal(capdl_string(t, o[O_EP].name), "ep");
	assert_int_equal(o[O_IRQ].arg, 33 | 1u << 31);
	const uint64_t *word = CAPDL_SECTION(t, CAPDL_SECT_WORDS, uint64_t, &n);
	assert_int_equal(n, 4);
	assert_int_equal(word[o[O_UART].arg], 0x9000000);
	const struct capdl_slot *s = CAPDL_SECTION(t, CAPDL_SECT_SLOTS, struct capdl_slot, &n);
	assert_int_equal(n, 6);
	assert_int_equal(s[0].guard_size, 60);
	assert_int_equal(s[1].data, 7);
	assert_int_equal(word[s[2].data], 0x123456789abull);
	assert_int_equal(s[3].obj, CAPDL_NONE);
	assert_int_equal(s[3].type, CAPDL_CAP_IRQ_CONTROL);
	const struct capdl_tcb *tcb = CAPDL_SECTION(t, CAPDL_SECT_TCBS, struct capdl_tcb, &n);
	assert_int_equal(n, 1);
	assert_int_equal(tcb->ip, 0x400000);
	assert_int_equal(tcb->max_prio, 101);
	assert_int_equal(tcb->ninit, 2);
	assert_int_equal(word[tcb->init], 7);
	assert_int_equal(word[tcb->init + 1], 8);
	const struct capdl_cdt *cdt = CAPDL_SECTION(t, CAPDL_SECT_CDT, struct capdl_cdt, &n);
	assert_int_equal(n, 1);
	assert_int_equal(cdt->child, 2);
	assert_int_equal(cdt->parent, 1);
	const struct capdl_irq *irq = CAPDL_SECTION(t, CAPDL_SECT_IRQS, struct capdl_irq, &n);
	assert_int_equal(n, 1);
	assert_int_equal(irq->irq, 33);
	assert_int_equal(irq->obj, O_IRQ);
	const struct capdl_frame *fr = CAPDL_SECTION(t, CAPDL_SECT_FRAMES, struct capdl_frame, &n);
	assert_int_equal(n, 1);
	const uint32_t *ref = CAPDL_SECTION(t, CAPDL_SECT_PAGEREFS, uint32_t, &n);
	assert_int_equal(n, 1);
	const uint8_t *pages = CAPDL_SECTION(t, CAPDL_SECT_PAGES, uint8_t, &n);
	assert_int_equal(n, 1);
	assert_int_equal(h->sect[CAPDL_SECT_PAGES].offset % PAGE, 0);
	assert_memory_equal(pages + (size_t)ref[fr->pages] * PAGE, page_a, PAGE);
	const struct capdl_bootinfo_fill *bi =
		CAPDL_SECTION(t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill, &n);
	assert_int_equal(n, 1);
	assert_int_equal(bi->dest, 0x800);
	assert_int_equal(bi->id, 6);
	const struct capdl_sched *sc = CAPDL_SECTION(t, CAPDL_SECT_SCHEDULE, struct capdl_sched, &n);
	assert_int_equal(n, 2);
	assert_int_equal(sc[1].domain, 3);
	assert_int_equal(sc[1].ticks, 20);
	const uint32_t *line = CAPDL_SECTION(t, CAPDL_SECT_LINES, uint32_t, &n);
	assert_int_equal(n, O_COUNT + 6); /* objects, then slots */
	assert_int_equal(line[O_EP], 10 + O_EP);
	assert_int_equal(line[O_COUNT + 5], 25);
	free(t);
}

static void round_trip_stripped(void **state)
{
	(void)state;
	size_t len, full;
	void *t = sample(true, &len);
	void *u = sample(false, &full);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	/* both end in the same page section (4 KiB aligned), so the lengths
	 * match; before it, the stripped table has no lines and no names */
	assert_int_equal(len, full);
	assert_true(capdl_header(t)->sect[CAPDL_SECT_STRINGS].offset ==
		    capdl_header(u)->sect[CAPDL_SECT_STRINGS].offset);
	assert_int_equal(capdl_header(u)->sect[CAPDL_SECT_LINES].count, O_COUNT + 6);
	assert_int_equal(capdl_header(t)->sect[CAPDL_SECT_LINES].count, 0);
	assert_true(capdl_header(t)->sect[CAPDL_SECT_STRINGS].count <
		    capdl_header(u)->sect[CAPDL_SECT_STRINGS].count);
	uint32_t n;
	const struct capdl_object *o = CAPDL_SECTION(t, CAPDL_SECT_OBJECTS, struct capdl_object, &n);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(o[i].name, 0);
		assert_string_equal(capdl_string(t, o[i].name), "");
	}
	CAPDL_SECTION(t, CAPDL_SECT_STRINGS, char, &n);
	assert_int_equal(n, 1); /* the empty name only */
	CAPDL_SECTION(t, CAPDL_SECT_LINES, uint32_t, &n);
	assert_int_equal(n, 0);
	free(t);
	free(u);
}

/* An empty table: just the header. */
static void empty_table(void **state)
{
	(void)state;
	struct capdl_writer w;
	capdl_writer_init(&w, CAPDL_ABI_SEL4_16_0_0, sel4_bits);
	size_t len;
	void *t = capdl_writer_finish(&w, &len);
	capdl_writer_free(&w);
	/* the header, the one-byte string section, no padding to a page */
	assert_int_equal(len, sizeof(struct capdl_header) + 8);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	free(t);
}

/* ---- the header --------------------------------------------------------- */

static void truncated(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	const size_t hdr = sizeof(struct capdl_header);
	const size_t short_header[] = {0, 1, 8, hdr - 1};
	for (size_t i = 0; i < sizeof(short_header) / sizeof(short_header[0]); i++)
		expect_problem(t, short_header[i], CAPDL_ERR_TRUNCATED, CAPDL_NONE, 0,
			       "shorter than the header");
	const size_t short_body[] = {hdr, hdr + 1, len / 2, len - PAGE, len - 8, len - 1};
	for (size_t i = 0; i < sizeof(short_body) / sizeof(short_body[0]); i++)
		expect_problem(t, short_body[i], CAPDL_ERR_TRUNCATED, CAPDL_NONE, (uint32_t)len,
			       "the header's size exceeds the bytes given");
	/* a size field below the header's own size */
	((struct capdl_header *)t)->size = (uint32_t)hdr - 8;
	expect_problem(t, len, CAPDL_ERR_TRUNCATED, CAPDL_NONE, (uint32_t)hdr - 8,
		       "the header's size exceeds the bytes given");
	free(t);
}

static void bad_magic(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	((char *)t)[7] = 'L';
	expect_problem(t, len, CAPDL_ERR_MAGIC, CAPDL_NONE, 0, "magic is not \"capdltbl\"");
	free(t);
}

static void bad_crc(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	const struct capdl_header *h = t;
	/* one bit anywhere after the fields checked before the CRC: in the
	 * header's flags, the CRC itself, a record, a string, a page, the end */
	const size_t at[] = {offsetof(struct capdl_header, flags),
			     offsetof(struct capdl_header, crc32),
			     offsetof(struct capdl_header, object_bits) + 3,
			     h->sect[CAPDL_SECT_SLOTS].offset + 5,
			     h->sect[CAPDL_SECT_STRINGS].offset + 1,
			     h->sect[CAPDL_SECT_PAGES].offset + 100,
			     len - 1};
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		((uint8_t *)t)[at[i]] ^= 0x10;
		expect_problem(t, len, CAPDL_ERR_CRC, CAPDL_NONE, 0, "CRC-32 does not match");
		((uint8_t *)t)[at[i]] ^= 0x10;
		assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	}
	free(t);
}

static void crc_reference(void **state)
{
	(void)state;
	/* the standard check value of CRC-32/ISO-HDLC */
	assert_int_equal(capdl_crc32("123456789", 9, 0), 0xcbf43926u);
	assert_int_equal(capdl_crc32("", 0, 0), 0);
	/* incremental = in one go */
	assert_int_equal(capdl_crc32("6789", 4, capdl_crc32("12345", 5, 0)), 0xcbf43926u);
}

static void wrong_header_fields(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	struct capdl_header *h = t;
	h->version = 2;
	expect_problem(t, len, CAPDL_ERR_VERSION, CAPDL_NONE, 2, "version is not 1");
	h->version = 0;
	expect_problem(t, len, CAPDL_ERR_VERSION, CAPDL_NONE, 0, "version is not 1");
	h->version = 1;
	h->word_bits = 32;
	expect_problem(t, len, CAPDL_ERR_WORD_SIZE, CAPDL_NONE, 32, "word is not 64 bits");
	h->word_bits = 64;
	h->arch = 2;
	expect_problem(t, len, CAPDL_ERR_ARCH, CAPDL_NONE, 2, "architecture is not aarch64");
	h->arch = CAPDL_ARCH_AARCH64;
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	free(t);
}

static void wrong_abi(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	struct capdl_problem why;
	/* an MCS kernel, another release: refused */
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI(16, 0, 0, CAPDL_ABI_MCS), &why),
			 CAPDL_ERR_ABI);
	assert_int_equal(why.record, CAPDL_ABI_SEL4_16_0_0);
	assert_string_equal(why.what, "kernel ABI differs");
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI(15, 0, 0, 0), &why), CAPDL_ERR_ABI);
	/* abi 0: any kernel (host tools) */
	assert_int_equal(capdl_table_check(t, len, 0, &why), CAPDL_OK);
	/* a table that claims another ABI */
	((struct capdl_header *)t)->abi = CAPDL_ABI(16, 1, 0, 0);
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_ABI, CAPDL_NONE, CAPDL_ABI(16, 1, 0, 0),
		       "kernel ABI differs");
	free(t);
}

static void object_sizes(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	struct capdl_problem why;
	uint8_t kernel[16];
	memcpy(kernel, sel4_bits, 16);
	kernel[CAPDL_OBJ_TCB] = 12; /* e.g. a kernel with the debug API */
	assert_int_equal(capdl_check_object_bits(t, kernel, &why), CAPDL_ERR_OBJECT_SIZES);
	assert_int_equal(why.section, CAPDL_NONE);
	assert_int_equal(why.record, CAPDL_OBJ_TCB);
	assert_string_equal(why.what, "an object size differs from the kernel's");
	memcpy(kernel, sel4_bits, 16);
	kernel[CAPDL_OBJ_NOTIFICATION] = 6; /* an MCS kernel's notification */
	assert_int_equal(capdl_check_object_bits(t, kernel, &why), CAPDL_ERR_OBJECT_SIZES);
	assert_int_equal(why.record, CAPDL_OBJ_NOTIFICATION);
	/* kernel sizes of 0 are not compared (types it does not have) */
	memcpy(kernel, sel4_bits, 16);
	kernel[CAPDL_OBJ_VCPU] = 0;
	assert_int_equal(capdl_check_object_bits(t, kernel, &why), CAPDL_OK);
	/* a table whose sizes differ from the kernel's */
	((struct capdl_header *)t)->object_bits[CAPDL_OBJ_ENDPOINT] = 5;
	fix_crc(t);
	assert_int_equal(capdl_table_check(t, len, 0, &why), CAPDL_OK);
	assert_int_equal(capdl_check_object_bits(t, sel4_bits, &why), CAPDL_ERR_OBJECT_SIZES);
	assert_int_equal(why.record, CAPDL_OBJ_ENDPOINT);
	free(t);
}

static void sections(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	void *copy = malloc(len);
	memcpy(copy, t, len);
	struct capdl_header *h = t;
	const char *what = "section outside the table or misaligned";
	/* past the end: by the offset, by the count */
	h->sect[CAPDL_SECT_SLOTS].offset = h->size;
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_SLOTS, 0, what);
	memcpy(t, copy, len);
	h->sect[CAPDL_SECT_WORDS].count += (h->size - h->sect[CAPDL_SECT_WORDS].offset) / 8;
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_WORDS, 0, what);
	memcpy(t, copy, len);
	/* a count so large the end wraps 32 bits */
	h->sect[CAPDL_SECT_OBJECTS].count = 0x10000000;
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_OBJECTS, 0, what);
	memcpy(t, copy, len);
	/* misaligned */
	h->sect[CAPDL_SECT_TCBS].offset += 4;
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_TCBS, 0, what);
	memcpy(t, copy, len);
	h->sect[CAPDL_SECT_PAGES].offset -= 8; /* 8-aligned, not 4 KiB */
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_PAGES, 0, what);
	memcpy(t, copy, len);
	/* overlapping the header */
	h->sect[CAPDL_SECT_CDT].offset = 8;
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_CDT, 0, what);
	memcpy(t, copy, len);
	/* an empty section's offset is not looked at: empty the schedule
	 * (nothing else refers to it) and point it far outside the table */
	h->sect[CAPDL_SECT_SCHEDULE].count = 0;
	h->sect[CAPDL_SECT_SCHEDULE].offset = 0xfffffff8;
	fix_crc(t);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	/* the same offset with one record is refused */
	h->sect[CAPDL_SECT_SCHEDULE].count = 1;
	fix_crc(t);
	expect_problem(t, len, CAPDL_ERR_SECTION, CAPDL_SECT_SCHEDULE, 0, what);
	free(copy);
	free(t);
}

/* ---- indices ------------------------------------------------------------ */

struct corruption {
	const char *name;
	void (*apply)(void *t);
	enum capdl_section_id section;
	uint32_t record;
	const char *what;
};

static struct capdl_object *OBJ(void *t) { return SECT(t, CAPDL_SECT_OBJECTS, struct capdl_object); }
static struct capdl_slot *SLOT(void *t) { return SECT(t, CAPDL_SECT_SLOTS, struct capdl_slot); }
static uint32_t count(void *t, enum capdl_section_id s) { return capdl_header(t)->sect[s].count; }

static void c_type0(void *t) { OBJ(t)[O_EP].type = 0; }
static void c_type_max(void *t) { OBJ(t)[O_EP].type = CAPDL_OBJ_TYPE_COUNT; }
static void c_name(void *t) { OBJ(t)[O_IRQ].name = count(t, CAPDL_SECT_STRINGS); }
static void c_slots_order(void *t) { OBJ(t)[O_UART].slots = 4; /* < the irq's 5 */ }
static void c_slots_end(void *t) { OBJ(t)[O_EP].slots = count(t, CAPDL_SECT_SLOTS) + 1; }
static void c_frame_size(void *t) { OBJ(t)[O_UART].size_bits = 11; }
static void c_frame_odd(void *t) { OBJ(t)[O_UART].size_bits = 13; }
static void c_paddr_tcb(void *t) { OBJ(t)[O_TCB].flags |= CAPDL_OBJ_PADDR; }
static void c_filled_ep(void *t) { OBJ(t)[O_EP].flags |= CAPDL_OBJ_FILLED; }
static void c_obj_flags(void *t) { OBJ(t)[O_EP].flags |= 0x80; }
static void c_tcb_slot(void *t) { SLOT(t)[0].index = 10; }
static void c_irq_slot(void *t) { SLOT(t)[5].index = 1; }
static void c_cnode_slot(void *t) { SLOT(t)[4].index = 16; /* a 4-bit CNode */ }
static void c_mapping(void *t) { SLOT(t)[1].flags |= CAPDL_SLOT_MAPPING; /* an endpoint */ }
static void c_cap_type(void *t) { SLOT(t)[3].type = CAPDL_CAP_TYPE_COUNT; }
static void c_slot_flags(void *t) { SLOT(t)[1].flags |= 0x80; }
static void c_tcb_control(void *t)
{
	SLOT(t)[0].type = CAPDL_CAP_IRQ_CONTROL; /* in the TCB's cspace slot */
	SLOT(t)[0].obj = CAPDL_NONE;
	SLOT(t)[0].flags = 0;
}
static void c_exec_ep(void *t) { SLOT(t)[1].flags |= CAPDL_SLOT_EXECUTABLE; }
static void c_uncached_control(void *t) { SLOT(t)[3].flags |= CAPDL_SLOT_UNCACHED; }
static void c_mapping_irq(void *t)
{
	/* cnode slot 4 claims to be the cap mapping uart through slot 5, which
	 * is the IRQ object's slot, not a page-table entry */
	SLOT(t)[4].obj = O_UART;
	SLOT(t)[4].flags = CAPDL_SLOT_MAPPING;
	SLOT(t)[4].data = 5;
	SLOT(t)[5].obj = O_UART;
}
static void c_cap_obj(void *t) { SLOT(t)[4].obj = O_COUNT; }
static void c_cap_none(void *t) { SLOT(t)[1].obj = CAPDL_NONE; }
static void c_control_obj(void *t) { SLOT(t)[3].obj = O_EP; }
static void c_wide(void *t) { SLOT(t)[2].data = count(t, CAPDL_SECT_WORDS); }
static void c_tcb(void *t) { OBJ(t)[O_TCB].arg = 1; }
static void c_init_start(void *t)
{
	SECT(t, CAPDL_SECT_TCBS, struct capdl_tcb)->init = count(t, CAPDL_SECT_WORDS) - 1;
}
static void c_init_count(void *t)
{
	SECT(t, CAPDL_SECT_TCBS, struct capdl_tcb)->ninit = count(t, CAPDL_SECT_WORDS) + 1;
}
static void c_init_wrap(void *t)
{
	struct capdl_tcb *c = SECT(t, CAPDL_SECT_TCBS, struct capdl_tcb);
	c->init = 0xfffffffeu;
	c->ninit = 2; /* init + ninit wraps to 0 in 32 bits */
}
static void c_paddr(void *t) { OBJ(t)[O_UART].arg = count(t, CAPDL_SECT_WORDS); }
static void c_cdt_child(void *t) { SECT(t, CAPDL_SECT_CDT, struct capdl_cdt)->child = 6; }
static void c_cdt_unflagged(void *t) { SLOT(t)[2].flags &= ~CAPDL_SLOT_CHILD; }
static void c_child_no_edge(void *t) { SLOT(t)[1].flags |= CAPDL_SLOT_CHILD; }
static void c_cdt_parent(void *t) { SECT(t, CAPDL_SECT_CDT, struct capdl_cdt)->parent = 100; }
static void c_cdt_self(void *t) { SECT(t, CAPDL_SECT_CDT, struct capdl_cdt)->parent = 2; }
static void c_irq_obj(void *t) { SECT(t, CAPDL_SECT_IRQS, struct capdl_irq)->obj = O_COUNT; }
static void c_irq_type(void *t) { SECT(t, CAPDL_SECT_IRQS, struct capdl_irq)->obj = O_EP; }
static void c_frame_obj(void *t) { SECT(t, CAPDL_SECT_FRAMES, struct capdl_frame)->obj = O_TCB; }
static void c_frame_refs(void *t) { SECT(t, CAPDL_SECT_FRAMES, struct capdl_frame)->pages = 1; }
static void c_frame_big(void *t) { OBJ(t)[O_CODE].size_bits = 21; /* 512 refs, has 1 */ }
static void c_pageref(void *t) { *SECT(t, CAPDL_SECT_PAGEREFS, uint32_t) = 1; }
static void c_bi_obj(void *t) { SECT(t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill)->obj = O_EP; }
static void c_bi_range(void *t)
{
	struct capdl_bootinfo_fill *b = SECT(t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill);
	b->dest = 0xf00;
	b->len = 0x101; /* one byte past the 4 KiB frame */
}
static void c_strings(void *t)
{
	char *s = SECT(t, CAPDL_SECT_STRINGS, char);
	s[count(t, CAPDL_SECT_STRINGS) - 1] = 'x';
}
static void c_lines(void *t)
{
	((struct capdl_header *)t)->sect[CAPDL_SECT_LINES].count--;
}

static const struct corruption corruptions[] = {
	{"object type 0", c_type0, CAPDL_SECT_OBJECTS, O_EP, "unknown object type"},
	{"object type past the last", c_type_max, CAPDL_SECT_OBJECTS, O_EP, "unknown object type"},
	{"name", c_name, CAPDL_SECT_OBJECTS, O_IRQ, "name outside STRINGS"},
	{"slots order", c_slots_order, CAPDL_SECT_OBJECTS, O_UART,
	 "slots must be in object order and inside SLOTS"},
	{"slots end", c_slots_end, CAPDL_SECT_OBJECTS, O_EP,
	 "slots must be in object order and inside SLOTS"},
	{"frame size", c_frame_size, CAPDL_SECT_OBJECTS, O_UART, "a frame is 4 KiB, 2 MiB or 1 GiB"},
	{"frame size 2^13", c_frame_odd, CAPDL_SECT_OBJECTS, O_UART,
	 "a frame is 4 KiB, 2 MiB or 1 GiB"},
	{"paddr on a TCB", c_paddr_tcb, CAPDL_SECT_OBJECTS, O_TCB,
	 "only frames and untypeds have a paddr"},
	{"contents of an endpoint", c_filled_ep, CAPDL_SECT_OBJECTS, O_EP,
	 "only frames have contents"},
	{"unknown object flag", c_obj_flags, CAPDL_SECT_OBJECTS, O_EP, "unknown object flags"},
	{"TCB slot 10", c_tcb_slot, CAPDL_SECT_SLOTS, 0, "a TCB has slots 0..9"},
	{"IRQ slot 1", c_irq_slot, CAPDL_SECT_SLOTS, 5, "an IRQ object has slot 0 only"},
	{"CNode slot 16 of 16", c_cnode_slot, CAPDL_SECT_SLOTS, 4, "slot beyond the CNode's size"},
	{"mapping flag on an endpoint cap", c_mapping, CAPDL_SECT_SLOTS, 1,
	 "a mapping cap must name a slot mapping the same frame"},
	{"cap type", c_cap_type, CAPDL_SECT_SLOTS, 3, "unknown cap type"},
	{"unknown slot flag", c_slot_flags, CAPDL_SECT_SLOTS, 1, "unknown slot flags"},
	{"control cap in a TCB slot", c_tcb_control, CAPDL_SECT_SLOTS, 0,
	 "only a CNode holds caps that name no object"},
	{"executable endpoint cap", c_exec_ep, CAPDL_SECT_SLOTS, 1,
	 "only frame caps are uncached or executable"},
	{"uncached control cap", c_uncached_control, CAPDL_SECT_SLOTS, 3,
	 "only frame caps are uncached or executable"},
	{"mapping through an IRQ slot", c_mapping_irq, CAPDL_SECT_SLOTS, 4,
	 "a mapping cap must name a page-table slot"},
	{"cap object", c_cap_obj, CAPDL_SECT_SLOTS, 4, "cap object outside OBJECTS"},
	{"cap without object", c_cap_none, CAPDL_SECT_SLOTS, 1, "cap object outside OBJECTS"},
	{"control cap with object", c_control_obj, CAPDL_SECT_SLOTS, 3, "cap object outside OBJECTS"},
	{"wide data", c_wide, CAPDL_SECT_SLOTS, 2, "wide data outside WORDS"},
	{"TCB index", c_tcb, CAPDL_SECT_OBJECTS, O_TCB, "TCB record outside TCBS"},
	{"init start", c_init_start, CAPDL_SECT_TCBS, 0, "init arguments outside WORDS"},
	{"init count", c_init_count, CAPDL_SECT_TCBS, 0, "init arguments outside WORDS"},
	{"init wraps", c_init_wrap, CAPDL_SECT_TCBS, 0, "init arguments outside WORDS"},
	{"paddr", c_paddr, CAPDL_SECT_OBJECTS, O_UART, "paddr outside WORDS"},
	{"cdt child", c_cdt_child, CAPDL_SECT_CDT, 0, "cdt edge outside SLOTS"},
	{"cdt child without the flag", c_cdt_unflagged, CAPDL_SECT_CDT, 0,
	 "a cdt child must carry the CHILD flag"},
	{"CHILD flag without an edge", c_child_no_edge, CAPDL_SECT_CDT, 1,
	 "one cdt edge for each CHILD slot"},
	{"cdt parent", c_cdt_parent, CAPDL_SECT_CDT, 0, "cdt edge outside SLOTS"},
	{"cdt self", c_cdt_self, CAPDL_SECT_CDT, 0, "cdt edge outside SLOTS"},
	{"IRQ object", c_irq_obj, CAPDL_SECT_IRQS, 0, "IRQ entry must name an IRQ object"},
	{"IRQ object type", c_irq_type, CAPDL_SECT_IRQS, 0, "IRQ entry must name an IRQ object"},
	{"frame object", c_frame_obj, CAPDL_SECT_FRAMES, 0, "frame contents must belong to a frame"},
	{"frame page refs", c_frame_refs, CAPDL_SECT_FRAMES, 0, "page references outside PAGEREFS"},
	{"frame larger than its refs", c_frame_big, CAPDL_SECT_FRAMES, 0,
	 "page references outside PAGEREFS"},
	{"page ref", c_pageref, CAPDL_SECT_PAGEREFS, 0, "page reference outside PAGES"},
	{"boot-info frame", c_bi_obj, CAPDL_SECT_BOOTINFO, 0, "boot-info fill must belong to a frame"},
	{"boot-info range", c_bi_range, CAPDL_SECT_BOOTINFO, 0,
	 "boot-info fill beyond the end of its frame"},
	{"strings", c_strings, CAPDL_SECT_STRINGS, 0, "the string section must end in a NUL"},
	{"lines", c_lines, CAPDL_SECT_LINES, 0, "one line per object and per slot, or none"},
};

static void indices(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	void *copy = malloc(len);
	memcpy(copy, t, len);
	for (size_t i = 0; i < sizeof(corruptions) / sizeof(corruptions[0]); i++) {
		const struct corruption *c = &corruptions[i];
		memcpy(t, copy, len);
		c->apply(t);
		fix_crc(t);
		struct capdl_problem why = {0};
		enum capdl_error e = capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, &why);
		if (e != CAPDL_ERR_INDEX || why.section != (uint32_t)c->section ||
		    strcmp(why.what, c->what))
			fail_msg("%s: got %s, section %u, record %u: %s", c->name,
				 capdl_error_name(e), why.section, why.record, why.what ? why.what : "");
		/* strings and lines report their count as the record */
		if (c->section != CAPDL_SECT_STRINGS && c->section != CAPDL_SECT_LINES &&
		    why.record != c->record)
			fail_msg("%s: record %u, expected %u", c->name, why.record, c->record);
	}
	memcpy(t, copy, len);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	free(copy);
	free(t);
}

/* A corrupt table is refused without a problem pointer too (why may be
 * NULL). */
static void null_problem(void **state)
{
	(void)state;
	size_t len;
	void *t = sample(false, &len);
	c_cap_obj(t);
	fix_crc(t);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_ERR_INDEX);
	free(t);
}

static void error_names(void **state)
{
	(void)state;
	for (int e = CAPDL_OK; e < CAPDL_ERR_COUNT; e++)
		assert_non_null(capdl_error_name((enum capdl_error)e));
	assert_string_equal(capdl_error_name(CAPDL_ERR_CRC), "CRC mismatch");
	assert_string_equal(capdl_error_name(CAPDL_ERR_COUNT), "unknown error");
}

/* ---- pages -------------------------------------------------------------- */

static void page_dedup(void **state)
{
	(void)state;
	struct capdl_writer w;
	capdl_writer_init(&w, CAPDL_ABI_SEL4_16_0_0, sel4_bits);
	/* a 2 MiB frame: page 0 = A, 1 zero, 2 = A, 3 = B, rest zero;
	 * a 4 KiB frame with B; a 4 KiB frame of zeros */
	uint8_t *big = calloc(1, 1u << 21);
	memset(big, 'A', PAGE);
	memset(big + 2 * PAGE, 'A', PAGE);
	memset(big + 3 * PAGE + 17, 'B', 1);
	uint8_t small[PAGE] = {0}, zero[PAGE] = {0};
	small[17] = 'B';
	struct capdl_object o = {CAPDL_OBJ_FRAME, 21, CAPDL_OBJ_FILLED, 0, 0, 0};
	capdl_add_object(&w, &o, 0);
	o.size_bits = 12;
	capdl_add_object(&w, &o, 0);
	capdl_add_object(&w, &o, 0);
	capdl_add_frame_data(&w, 0, big, 1u << 21);
	capdl_add_frame_data(&w, 1, small, PAGE);
	capdl_add_frame_data(&w, 2, zero, PAGE);
	size_t len;
	void *t = capdl_writer_finish(&w, &len);
	capdl_writer_free(&w);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	uint32_t n, nref;
	const uint8_t *pages = CAPDL_SECTION(t, CAPDL_SECT_PAGES, uint8_t, &n);
	assert_int_equal(n, 2); /* A and B, each once */
	const uint32_t *ref = CAPDL_SECTION(t, CAPDL_SECT_PAGEREFS, uint32_t, &nref);
	assert_int_equal(nref, 512 + 1 + 1);
	const struct capdl_frame *fr = CAPDL_SECTION(t, CAPDL_SECT_FRAMES, struct capdl_frame, &n);
	assert_int_equal(n, 3);
	const uint32_t *r0 = ref + fr[0].pages;
	assert_int_equal(r0[0], 0);
	assert_int_equal(r0[1], CAPDL_NONE);
	assert_int_equal(r0[2], 0);
	assert_int_equal(r0[3], 1);
	for (int i = 4; i < 512; i++)
		assert_int_equal(r0[i], CAPDL_NONE);
	assert_int_equal(ref[fr[1].pages], 1);
	assert_int_equal(ref[fr[2].pages], CAPDL_NONE);
	assert_memory_equal(pages, big, PAGE);
	assert_memory_equal(pages + PAGE, small, PAGE);
	/* the table holds two pages of data, not five */
	assert_true(len < 3 * PAGE + PAGE);
	free(big);
	free(t);
}

/* Many distinct pages: the index grows and still finds every repeat. */
static void page_index_growth(void **state)
{
	(void)state;
	enum { N = 3000 };
	struct capdl_writer w;
	capdl_writer_init(&w, CAPDL_ABI_SEL4_16_0_0, sel4_bits);
	struct capdl_object o = {CAPDL_OBJ_FRAME, 12, CAPDL_OBJ_FILLED, 0, 0, 0};
	uint8_t page[PAGE];
	for (uint32_t i = 0; i < 2 * N; i++) {
		memset(page, 0, sizeof(page));
		uint32_t v = i % N + 1; /* the second N frames repeat the first */
		memcpy(page + 40, &v, sizeof(v));
		capdl_add_object(&w, &o, 0);
		capdl_add_frame_data(&w, i, page, PAGE);
	}
	size_t len;
	void *t = capdl_writer_finish(&w, &len);
	capdl_writer_free(&w);
	assert_int_equal(capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, NULL), CAPDL_OK);
	uint32_t n;
	CAPDL_SECTION(t, CAPDL_SECT_PAGES, uint8_t, &n);
	assert_int_equal(n, N);
	const uint32_t *ref = CAPDL_SECTION(t, CAPDL_SECT_PAGEREFS, uint32_t, &n);
	for (uint32_t i = 0; i < N; i++)
		assert_int_equal(ref[i], ref[i + N]);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc_check_value),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(round_trip_stripped),
		cmocka_unit_test(empty_table),
		cmocka_unit_test(truncated),
		cmocka_unit_test(bad_magic),
		cmocka_unit_test(bad_crc),
		cmocka_unit_test(crc_reference),
		cmocka_unit_test(wrong_header_fields),
		cmocka_unit_test(wrong_abi),
		cmocka_unit_test(object_sizes),
		cmocka_unit_test(sections),
		cmocka_unit_test(indices),
		cmocka_unit_test(null_problem),
		cmocka_unit_test(error_names),
		cmocka_unit_test(page_dedup),
		cmocka_unit_test(page_index_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
