/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz-table.c: libFuzzer harness for the table reader (spec/capdl_table.c).
 *
 * One input is one table. It is copied into a buffer of exactly its size
 * (so AddressSanitizer sees any read past the end) and checked twice:
 *
 *  1. as it is: capdl_table_check(), which almost always stops at the CRC
 *     for a mutated input;
 *  2. with the CRC field recomputed (when the header's size fits), so that
 *     the mutations reach the section and index checks behind the CRC.
 *
 * Whenever a check passes, the harness walks every record the way a loader
 * would, following only what spec/table.md says a checked table
 * guarantees: every index it dereferences must be inside its section, or
 * the sanitizers report it. capdl_check_object_bits() runs on checked
 * tables too.
 *
 * Build: tests/fuzz/meson.build (meson setup build-fuzz --native-file tests/fuzz/fuzz.ini); seeds are
 * tables that capdlc builds from small specs (tests/fuzz/table-seeds/).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capdl_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t kernel_bits[16] = {
	[CAPDL_OBJ_TCB] = 11, [CAPDL_OBJ_ENDPOINT] = 4, [CAPDL_OBJ_NOTIFICATION] = 5,
	[CAPDL_OBJ_VSPACE] = 12, [CAPDL_OBJ_PAGE_TABLE] = 12, [CAPDL_OBJ_ASID_POOL] = 12,
	[CAPDL_OBJ_VCPU] = 12,
};

static volatile uint64_t sink;

/* Everything a loader reads, through the indices the check vouches for. */
static void walk(const void *t)
{
	uint64_t acc = 0;
	uint32_t nobj, nslot, ntcb, nword, ncdt, nirq, nframe, nref, nbi, nsched, nstr, nline, npage;
	const struct capdl_object *obj = CAPDL_SECTION(t, CAPDL_SECT_OBJECTS, struct capdl_object, &nobj);
	const struct capdl_slot *slot = CAPDL_SECTION(t, CAPDL_SECT_SLOTS, struct capdl_slot, &nslot);
	const struct capdl_tcb *tcb = CAPDL_SECTION(t, CAPDL_SECT_TCBS, struct capdl_tcb, &ntcb);
	const uint64_t *word = CAPDL_SECTION(t, CAPDL_SECT_WORDS, uint64_t, &nword);
	const struct capdl_cdt *cdt = CAPDL_SECTION(t, CAPDL_SECT_CDT, struct capdl_cdt, &ncdt);
	const struct capdl_irq *irq = CAPDL_SECTION(t, CAPDL_SECT_IRQS, struct capdl_irq, &nirq);
	const struct capdl_frame *fr = CAPDL_SECTION(t, CAPDL_SECT_FRAMES, struct capdl_frame, &nframe);
	const uint32_t *ref = CAPDL_SECTION(t, CAPDL_SECT_PAGEREFS, uint32_t, &nref);
	const struct capdl_bootinfo_fill *bi =
		CAPDL_SECTION(t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill, &nbi);
	const struct capdl_sched *sc = CAPDL_SECTION(t, CAPDL_SECT_SCHEDULE, struct capdl_sched, &nsched);
	CAPDL_SECTION(t, CAPDL_SECT_STRINGS, char, &nstr);
	const uint32_t *line = CAPDL_SECTION(t, CAPDL_SECT_LINES, uint32_t, &nline);
	const uint8_t *page = CAPDL_SECTION(t, CAPDL_SECT_PAGES, uint8_t, &npage);

	for (uint32_t i = 0; i < nobj; i++) {
		const struct capdl_object *o = &obj[i];
		/* names: NUL-terminated inside STRINGS */
		const char *name = capdl_string(t, o->name);
		acc += strlen(name);
		if (nline)
			acc += line[i];
		if (o->flags & CAPDL_OBJ_PADDR)
			acc += word[o->arg];
		else if (o->type == CAPDL_OBJ_TCB) {
			const struct capdl_tcb *c = &tcb[o->arg];
			acc += c->ip + c->sp + c->prio;
			for (uint32_t k = 0; k < c->ninit; k++)
				acc += word[c->init + k];
		}
		/* the object's slots: up to the next object's first */
		uint32_t end = i + 1 < nobj ? obj[i + 1].slots : nslot;
		for (uint32_t k = o->slots; k < end; k++) {
			const struct capdl_slot *s = &slot[k];
			if (s->obj != CAPDL_NONE)
				acc += obj[s->obj].type + obj[s->obj].size_bits;
			if (s->flags & CAPDL_SLOT_WIDE)
				acc += word[s->data];
			if (nline)
				acc += line[nobj + k];
		}
	}
	for (uint32_t i = 0; i < ncdt; i++)
		acc += slot[cdt[i].child].index + slot[cdt[i].parent].index;
	for (uint32_t i = 0; i < nirq; i++)
		acc += obj[irq[i].obj].arg;
	for (uint32_t i = 0; i < nframe; i++) {
		const struct capdl_object *o = &obj[fr[i].obj];
		uint32_t pages = 1u << (o->size_bits - 12);
		for (uint32_t k = 0; k < pages; k++) {
			uint32_t r = ref[fr[i].pages + k];
			if (r != CAPDL_NONE)
				acc += page[(size_t)r * 4096] + page[(size_t)r * 4096 + 4095];
		}
	}
	for (uint32_t i = 0; i < nbi; i++) {
		const struct capdl_object *o = &obj[bi[i].obj];
		acc += (uint64_t)bi[i].dest + bi[i].len <= (1ull << o->size_bits);
	}
	for (uint32_t i = 0; i < nsched; i++)
		acc += sc[i].domain + sc[i].ticks;
	sink = acc;
}

static void check(const void *t, size_t size)
{
	struct capdl_problem why;
	enum capdl_error e = capdl_table_check(t, size, 0, &why);
	sink = (uintptr_t)capdl_error_name(e);
	if (e != CAPDL_OK) {
		/* the problem names a rule */
		if (!why.what || why.error != e)
			abort();
		return;
	}
	/* what the check accepted, the same check accepts for the table's own ABI */
	if (capdl_table_check(t, size, capdl_header(t)->abi, NULL) != CAPDL_OK)
		abort();
	sink = capdl_check_object_bits(t, kernel_bits, &why);
	walk(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *t = malloc(size ? size : 1);
	if (!t)
		return 0;
	if (size)
		memcpy(t, data, size);
	check(t, size);
	struct capdl_header *h = (struct capdl_header *)t;
	if (size >= sizeof(*h) && h->size >= sizeof(*h) && h->size <= size) {
		uint32_t was = h->crc32;
		h->crc32 = 0;
		h->crc32 = capdl_crc32(t, h->size, 0);
		if (h->crc32 != was)
			check(t, size);
	}
	free(t);
	return 0;
}
