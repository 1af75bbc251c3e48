/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * capdl_table.h: the capdl table, version 1. Normative: spec/table.md.
 *
 * A table is one contiguous, read-only byte image that capdlc writes and
 * capdl-loader reads in place: a header, then sections of fixed-size
 * little-endian records that refer to each other by index. Nothing in it
 * is a pointer, nothing is written at load time.
 *
 * This header is freestanding (no libc): the loader includes it too.
 */
#ifndef CAPDL_TABLE_H
#define CAPDL_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define CAPDL_MAGIC "capdltbl"
#define CAPDL_VERSION 1u

/* The kernel ABI a table targets: seL4 major, minor, patch, flags. */
#define CAPDL_ABI(major, minor, patch, flags)                                  \
	((uint32_t)(major) << 24 | (uint32_t)(minor) << 16 |                   \
	 (uint32_t)(patch) << 8 | (uint32_t)(flags))
#define CAPDL_ABI_MCS 0x01u
#define CAPDL_ABI_SEL4_16_0_0 CAPDL_ABI(16, 0, 0, 0) /* non-MCS */

enum capdl_arch { CAPDL_ARCH_AARCH64 = 1 };

/* Object types. Our own numbers: stable across kernel configurations. */
enum capdl_obj_type {
	CAPDL_OBJ_UNTYPED = 1,
	CAPDL_OBJ_TCB,
	CAPDL_OBJ_ENDPOINT,
	CAPDL_OBJ_NOTIFICATION,
	CAPDL_OBJ_CNODE,
	CAPDL_OBJ_VSPACE,     /* the root table (pgd) */
	CAPDL_OBJ_PAGE_TABLE, /* any lower level (pud, pd, pt) */
	CAPDL_OBJ_FRAME,      /* size_bits 12, 21 or 30 */
	CAPDL_OBJ_ASID_POOL,
	CAPDL_OBJ_IRQ,	      /* an IRQ handler; arg = IRQ number, bit 31 = edge */
	CAPDL_OBJ_VCPU,
	CAPDL_OBJ_SC,
	CAPDL_OBJ_REPLY,
	CAPDL_OBJ_TYPE_COUNT
};

/* Cap types (what a slot holds). */
enum capdl_cap_type {
	CAPDL_CAP_OBJECT = 1,	  /* a cap to slot.obj, of that object's type */
	CAPDL_CAP_IRQ_CONTROL,
	CAPDL_CAP_ASID_CONTROL,
	CAPDL_CAP_DOMAIN,
	CAPDL_CAP_SCHED_CONTROL,  /* data = core */
	CAPDL_CAP_REPLY,	  /* non-MCS reply cap to the TCB slot.obj */
	CAPDL_CAP_MASTER_REPLY,
	CAPDL_CAP_TYPE_COUNT
};

/* Rights: seL4_CapRights_t bit order. */
#define CAPDL_RIGHT_WRITE 0x1u
#define CAPDL_RIGHT_READ 0x2u
#define CAPDL_RIGHT_GRANT 0x4u
#define CAPDL_RIGHT_GRANT_REPLY 0x8u

/* capdl_slot.flags */
#define CAPDL_SLOT_UNCACHED 0x01u   /* frame mapping: device memory */
#define CAPDL_SLOT_EXECUTABLE 0x02u /* frame mapping: executable */
#define CAPDL_SLOT_BADGE 0x04u	    /* data is a badge: Mint */
#define CAPDL_SLOT_GUARD 0x08u	    /* data is a guard, guard_size set: Mint */
#define CAPDL_SLOT_WIDE 0x10u	    /* data indexes WORDS (value >= 2^32) */
#define CAPDL_SLOT_CHILD 0x20u	    /* a cdt child (CDT section): not an original */
#define CAPDL_SLOT_MAPPING 0x40u    /* a frame cap in a CNode that is the cap
				       mapping the frame at SLOTS[data] */
#define CAPDL_SLOT_FLAGS 0x7fu      /* all of the above */

/* capdl_object.flags */
#define CAPDL_OBJ_PADDR 0x01u	/* arg is the physical address */
#define CAPDL_OBJ_FILLED 0x02u	/* has frame contents (FRAMES section) */

#define CAPDL_NONE 0xffffffffu

struct capdl_section {
	uint32_t offset; /* from the start of the table; 8-byte aligned */
	uint32_t count;	 /* records */
};

enum capdl_section_id {
	CAPDL_SECT_OBJECTS,   /* struct capdl_object[] */
	CAPDL_SECT_SLOTS,     /* struct capdl_slot[] */
	CAPDL_SECT_TCBS,      /* struct capdl_tcb[] */
	CAPDL_SECT_WORDS,     /* uint64_t[]: init arguments, paddrs, wide badges */
	CAPDL_SECT_CDT,	      /* struct capdl_cdt[]: derivation edges */
	CAPDL_SECT_IRQS,      /* struct capdl_irq[] */
	CAPDL_SECT_FRAMES,    /* struct capdl_frame[]: contents of filled frames */
	CAPDL_SECT_PAGEREFS,  /* uint32_t[]: page numbers into PAGES, or CAPDL_NONE */
	CAPDL_SECT_BOOTINFO,  /* struct capdl_bootinfo_fill[] */
	CAPDL_SECT_SCHEDULE,  /* struct capdl_sched[] */
	CAPDL_SECT_STRINGS,   /* char[]: NUL-terminated names (count = bytes) */
	CAPDL_SECT_LINES,     /* uint32_t[]: source line of each object, then each slot */
	CAPDL_SECT_PAGES,     /* 4 KiB pages of frame data, 4 KiB aligned (count = pages) */
	CAPDL_SECT_COUNT
};

struct capdl_header {
	char magic[8];
	uint16_t version;
	uint8_t word_bits;	/* 64 */
	uint8_t arch;		/* enum capdl_arch */
	uint32_t abi;		/* CAPDL_ABI(...) */
	uint32_t size;		/* bytes, including this header */
	uint32_t crc32;		/* CRC-32/ISO-HDLC of the table with this field 0 */
	uint32_t flags;
	uint32_t domain_start;	/* CAPDL_NONE: no domain_set_start */
	uint32_t domain_shift;
	uint32_t root_untypeds; /* reserved: 0 */
	uint8_t object_bits[16]; /* log2 size the compiler assumed, by capdl_obj_type */
	struct capdl_section sect[CAPDL_SECT_COUNT];
};

/* Objects, in creation order. An object's slots are SLOTS[slots] up to the
 * next object's first slot (the last object's: up to the end of SLOTS). */
struct capdl_object {
	uint8_t type;	   /* enum capdl_obj_type */
	uint8_t size_bits; /* cnode radix, untyped/frame/sc size; else 0 */
	uint16_t flags;	   /* CAPDL_OBJ_* */
	uint32_t name;	   /* offset into STRINGS (0: no name) */
	uint32_t slots;	   /* first slot in SLOTS */
	uint32_t arg;	   /* by type, see table.md: TCBS index, IRQ number,
			      asid_high, or WORDS index of the paddr */
};

struct capdl_slot {
	uint32_t index;	   /* slot number within the container */
	uint32_t obj;	   /* the object the cap refers to, or CAPDL_NONE */
	uint8_t type;	   /* enum capdl_cap_type */
	uint8_t rights;
	uint8_t flags;	   /* CAPDL_SLOT_* */
	uint8_t guard_size;
	uint32_t data;	   /* badge, guard or core; with CAPDL_SLOT_WIDE an
			      index into WORDS holding the 64-bit value */
};

struct capdl_tcb {
	uint64_t ip, sp, ipc_buffer;
	uint64_t fault_ep;  /* a CPtr in the thread's own CSpace (non-MCS) */
	uint8_t prio, max_prio, affinity, domain;
	uint8_t flags;	    /* CAPDL_TCB_* */
	uint8_t pad[3];
	uint32_t init;	    /* first argument in WORDS */
	uint32_t ninit;
};

#define CAPDL_TCB_RESUME 0x01u
#define CAPDL_TCB_FPU_DISABLED 0x02u

struct capdl_cdt {
	uint32_t child;	 /* SLOTS index */
	uint32_t parent; /* SLOTS index */
};

struct capdl_irq {
	uint32_t irq;
	uint32_t obj;	/* the CAPDL_OBJ_IRQ object */
};

struct capdl_frame {
	uint32_t obj;	  /* the frame */
	uint32_t pages;	  /* first entry in PAGEREFS: one per 4 KiB of the frame */
};

struct capdl_bootinfo_fill {
	uint32_t obj;	   /* the frame */
	uint32_t dest;	   /* offset in the frame */
	uint32_t len;
	uint32_t id;	   /* seL4 bootinfo header id (SEL4_BOOTINFO_HEADER_*) */
	uint32_t src;	   /* offset in that bootinfo chunk */
	uint32_t pad;
};

struct capdl_sched {
	uint64_t domain;
	uint64_t ticks;
};

/* ---- reading (capdl_table.c; freestanding) ------------------------------ */

enum capdl_error {
	CAPDL_OK,
	CAPDL_ERR_TRUNCATED,	/* shorter than its header says, or than a header */
	CAPDL_ERR_MAGIC,
	CAPDL_ERR_VERSION,
	CAPDL_ERR_WORD_SIZE,
	CAPDL_ERR_ARCH,
	CAPDL_ERR_ABI,
	CAPDL_ERR_CRC,
	CAPDL_ERR_SECTION,	/* a section outside the table or misaligned */
	CAPDL_ERR_INDEX,	/* a record refers to something that is not there */
	CAPDL_ERR_OBJECT_SIZES, /* object_bits disagree with the kernel's */
	CAPDL_ERR_COUNT
};

struct capdl_problem {
	enum capdl_error error;
	uint32_t section;	/* where (CAPDL_NONE: the header) */
	uint32_t record;
	const char *what;	/* a static description of the failed rule */
};

const char *capdl_error_name(enum capdl_error e);

/* Validates everything the loader will rely on: header, CRC, that every
 * section lies inside the table, and every index inside its target. */
/* The size of one record of each section; 1 for STRINGS (bytes), 4096
 * for PAGES. */
extern const uint32_t capdl_record_size[CAPDL_SECT_COUNT];

/* The object whose slots include slot record `slot` (< the number of
 * slots; nobj > 0): the last object whose first slot is at or before it
 * (objects without slots share their `slots` with the next one). */
uint32_t capdl_slot_owner(const struct capdl_object *obj, uint32_t nobj, uint32_t slot);

enum capdl_error capdl_table_check(const void *table, size_t len, uint32_t abi,
				   struct capdl_problem *why);
enum capdl_error capdl_check_object_bits(const void *table, const uint8_t *expect,
					 struct capdl_problem *why);

uint32_t capdl_crc32(const void *data, size_t len, uint32_t crc);

/* Accessors for a checked table. */
static inline const struct capdl_header *capdl_header(const void *t)
{
	return (const struct capdl_header *)t;
}

static inline const void *capdl_section(const void *t, enum capdl_section_id s,
					uint32_t *count)
{
	const struct capdl_header *h = capdl_header(t);
	if (count)
		*count = h->sect[s].count;
	return (const char *)t + h->sect[s].offset;
}

#define CAPDL_SECTION(t, id, type, n) ((const type *)capdl_section((t), (id), (n)))

static inline const char *capdl_string(const void *t, uint32_t off)
{
	uint32_t n;
	const char *s = CAPDL_SECTION(t, CAPDL_SECT_STRINGS, char, &n);
	return off < n ? s + off : "";
}

#endif
