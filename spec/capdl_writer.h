/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * capdl_writer.h: building a capdl table on the host (capdlc build).
 * Records are appended in order; capdl_writer_finish() lays the sections
 * out, computes the CRC and hands back one buffer that capdl_table_check()
 * accepts. Frame contents are stored as 4 KiB pages: all-zero pages are
 * not stored, identical pages are stored once.
 */
#ifndef CAPDL_WRITER_H
#define CAPDL_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "capdl_table.h"

struct capdl_buf {
	char *data;
	size_t len, cap;
};

struct capdl_page_index;

struct capdl_writer {
	struct capdl_header h;
	struct capdl_buf sect[CAPDL_SECT_COUNT];
	struct capdl_buf obj_lines, slot_lines; /* LINES, in two parts */
	struct capdl_page_index *pages; /* content hash -> page number */
	bool strip;			/* leave out names and lines */
};

void capdl_writer_init(struct capdl_writer *w, uint32_t abi, const uint8_t object_bits[16]);
void capdl_writer_free(struct capdl_writer *w);

uint32_t capdl_add_string(struct capdl_writer *w, const char *s);
uint32_t capdl_add_object(struct capdl_writer *w, const struct capdl_object *o, uint32_t line);
uint32_t capdl_add_slot(struct capdl_writer *w, const struct capdl_slot *s, uint32_t line);
uint32_t capdl_add_tcb(struct capdl_writer *w, const struct capdl_tcb *t);
uint32_t capdl_add_word(struct capdl_writer *w, uint64_t v);
void capdl_add_cdt(struct capdl_writer *w, uint32_t child, uint32_t parent);
void capdl_add_irq(struct capdl_writer *w, uint32_t irq, uint32_t obj);
void capdl_add_bootinfo(struct capdl_writer *w, const struct capdl_bootinfo_fill *f);
void capdl_add_sched(struct capdl_writer *w, uint64_t domain, uint64_t ticks);
/* The contents of frame obj: size bytes (a multiple of 4 KiB). */
void capdl_add_frame_data(struct capdl_writer *w, uint32_t obj, const void *data, size_t size);
uint32_t capdl_record_count(const struct capdl_writer *w, enum capdl_section_id s);

/* Returns a malloc'ed table of *len bytes. */
void *capdl_writer_finish(struct capdl_writer *w, size_t *len);

#endif
