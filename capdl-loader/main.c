/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c: capdl-loader's entry. Finds the table that capdlc put in this
 * image, checks it against the kernel it runs on, builds the system in
 * stages, drops the authority the spec does not give, reports and
 * suspends itself. Every line it prints starts with "LDR|"; a failure is
 * one "LDR|ERROR ..." line naming the spec object or cap, its source line
 * and the seL4 error, after which the loader stops the machine.
 */
#include "loader.h"

struct loader L;

/* The table segment: capdlc's image builder replaces this placeholder. */
__attribute__((section(".capdl_table"), used, aligned(4096)))
static const char table_placeholder[16] = "no capdl table";

static const char *const error_names[] = {
	"seL4_NoError", "seL4_InvalidArgument", "seL4_InvalidCapability",
	"seL4_IllegalOperation", "seL4_RangeError", "seL4_AlignmentError",
	"seL4_FailedLookup", "seL4_TruncatedMessage", "seL4_DeleteFirst",
	"seL4_RevokeFirst", "seL4_NotEnoughMemory",
};

const char *error_name(int err)
{
	return err >= 0 && err < (int)(sizeof(error_names) / sizeof(error_names[0]))
		       ? error_names[err] : "unknown error";
}

const char *obj_name(uint32_t obj)
{
	const char *n = capdl_string(L.t, L.obj[obj].name);
	return *n ? n : "(unnamed object)";
}

static _Noreturn void stop(void)
{
	printf("LDR|failed after %lu kernel calls\n", L.calls);
	seL4_DebugHalt();
	for (;;)
		seL4_TCB_Suspend(seL4_CapInitThreadTCB);
}

static uint32_t line_of(uint32_t index)
{
	uint32_t n;
	const uint32_t *l = CAPDL_SECTION(L.t, CAPDL_SECT_LINES, uint32_t, &n);
	return index < n ? l[index] : 0;
}

void fail_obj(uint32_t obj, const char *what, int err)
{
	printf("LDR|ERROR object %s (line %u): %s%s%s\n", obj_name(obj), line_of(obj), what,
	       err ? ": " : "", err ? error_name(err) : "");
	stop();
}

void fail_slot(uint32_t s, const char *what, int err)
{
	uint32_t c = capdl_slot_owner(L.obj, L.nobj, s);
	printf("LDR|ERROR cap in slot %u of %s (line %u): %s%s%s\n", L.slot[s].index,
	       obj_name(c), line_of(L.nobj + s), what, err ? ": " : "",
	       err ? error_name(err) : "");
	stop();
}

void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("LDR|ERROR ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	stop();
}

/* The sizes of seL4 16.0.0 AArch64 objects, by capdl type. */
static const uint8_t kernel_object_bits[16] = {
	[CAPDL_OBJ_TCB] = seL4_TCBBits,
	[CAPDL_OBJ_ENDPOINT] = seL4_EndpointBits,
	[CAPDL_OBJ_NOTIFICATION] = seL4_NotificationBits,
	[CAPDL_OBJ_VSPACE] = seL4_VSpaceBits,
	[CAPDL_OBJ_PAGE_TABLE] = seL4_PageTableBits,
	[CAPDL_OBJ_ASID_POOL] = seL4_ASIDPoolBits,
};

/* What a valid table may ask for and this loader does not do: stop with
 * the spec object rather than build a different system. */
static void refuse_unsupported(void)
{
	uint32_t n;
	const struct capdl_bootinfo_fill *bi =
		CAPDL_SECTION(L.t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill, &n);
	if (n)
		fail_obj(bi[0].obj, "boot-info fills (CDL_FrameFill_BootInfo) are not supported", 0);
	CAPDL_SECTION(L.t, CAPDL_SECT_SCHEDULE, struct capdl_sched, &n);
	if (n || L.h->domain_start != CAPDL_NONE || L.h->domain_shift)
		fail("the spec has a domain schedule; the kernel has one domain");
	for (uint32_t i = 0; i < L.nobj; i++)
		if (L.obj[i].type == CAPDL_OBJ_TCB && L.tcb[L.obj[i].arg].domain != 0)
			fail_obj(i, "domain other than 0; the kernel has one domain", 0);
}

static void open_table(void)
{
	const struct capdl_header *h = (const void *)__capdl_table;
	(void)table_placeholder;
	struct capdl_problem why;
	/* the table runs at most to the end of the image the kernel mapped */
	const seL4_SlotRegion *img = &L.bi->userImageFrames;
	size_t len = (img->end - img->start) * 4096 -
		     (size_t)(__capdl_table - __loader_image_start);
	enum capdl_error e = capdl_table_check(h, len, CAPDL_ABI_SEL4_16_0_0, &why);
	if (e == CAPDL_OK)
		e = capdl_check_object_bits(h, kernel_object_bits, &why);
	if (e != CAPDL_OK)
		fail("the capdl table is not usable: %s (%s; section %d, record %u)",
		     capdl_error_name(e), why.what, (int)why.section, why.record);
	L.t = h;
	L.h = h;
	L.obj = CAPDL_SECTION(h, CAPDL_SECT_OBJECTS, struct capdl_object, &L.nobj);
	L.slot = CAPDL_SECTION(h, CAPDL_SECT_SLOTS, struct capdl_slot, &L.nslot);
	L.tcb = CAPDL_SECTION(h, CAPDL_SECT_TCBS, struct capdl_tcb, NULL);
	L.word = CAPDL_SECTION(h, CAPDL_SECT_WORDS, uint64_t, NULL);
	refuse_unsupported();
}

/* Bookkeeping memory, sized by the spec: 2 MiB frames from untyped
 * memory (zeroed by Retype), mapped one after another at HEAP_VADDR. */
void *loader_zalloc(size_t bytes)
{
	static seL4_Word next = HEAP_VADDR, end = HEAP_VADDR;
	bytes = (bytes + 15) & ~(size_t)15;
	while (end - next < bytes) {
		if (end == HEAP_VADDR)
			for (int level = 1; level <= 2; level++) {
				seL4_CPtr pt;
				int err = new_loader_object(seL4_ARM_PageTableObject, 0,
							    seL4_PageTableBits, &pt);
				if (!err)
					err = CALL(seL4_ARM_PageTable_Map(pt, seL4_CapInitThreadVSpace,
									  HEAP_VADDR,
									  seL4_ARM_Default_VMAttributes));
				if (err)
					fail("cannot make the loader's heap: %s", error_name(err));
			}
		seL4_CPtr f;
		int err = new_loader_object(seL4_ARM_LargePageObject, 0, seL4_LargePageBits, &f);
		if (!err)
			err = CALL(seL4_ARM_Page_Map(f, seL4_CapInitThreadVSpace, end, seL4_ReadWrite,
						     seL4_ARM_Default_VMAttributes |
						     seL4_ARM_ExecuteNever));
		if (err)
			fail("the loader's heap cannot grow past %lu KiB: %s",
			     (unsigned long)((end - HEAP_VADDR) >> 10), error_name(err));
		end += 2ul << 20;
	}
	void *p = (void *)next;
	next += bytes;
	return p;
}

/* Per-stage figures (docs/benchmarks.md): the kernel calls made by the end
 * of each stage, and at each stage boundary a marker instruction, a HINT
 * that executes as a NOP, which tests/bench/insn-count.c (a QEMU plugin)
 * reports with the number of guest instructions executed until then. */
enum { ST_START, ST_CSPACE, ST_OBJECTS, ST_ASIDS, ST_FILL, ST_MAP, ST_IRQS, ST_CNODES,
       ST_TCBS, ST_DROP, ST_RESUME, ST_COUNT };
static unsigned long stage_calls[ST_COUNT];
#define STAGE(i)                                                               \
	do {                                                                   \
		__asm__ volatile("hint #0x5e" ::: "memory");                   \
		stage_calls[i] = L.calls;                                      \
	} while (0)

int rt_main(seL4_BootInfo *bi)
{
	STAGE(ST_START);
	L.bi = bi;
	printf("LDR|capdl-loader: starting\n");
	open_table();
	printf("LDR|table: %u objects, %u slots, %u bytes\n", L.nobj, L.nslot, L.h->size);
	cspace_init();
	L.orig = loader_zalloc(L.nobj * sizeof(*L.orig));
	L.placed = loader_zalloc(L.nslot * sizeof(*L.placed));
	choose_in_place();
	STAGE(ST_CSPACE);
	alloc_objects();
	STAGE(ST_OBJECTS);
	make_asids();
	STAGE(ST_ASIDS);
	fill_frames();
	STAGE(ST_FILL);
	map_vspaces();
	STAGE(ST_MAP);
	make_irqs();
	STAGE(ST_IRQS);
	fill_cnodes();
	STAGE(ST_CNODES);
	configure_tcbs();
	STAGE(ST_TCBS);
	drop_loader_caps();
	STAGE(ST_DROP);
	start_tcbs(); /* they run once the loader suspends: it has priority 255 */
	move_originals(); /* last: starting used the TCBs' originals */
	unsigned long dropped = drop_originals();
	STAGE(ST_RESUME);
	printf("LDR|dropped %lu original caps whose objects the spec's CNodes hold\n", dropped);
	unsigned long *c = stage_calls;
	printf("LDR|kernel calls by stage: cspace %lu, objects %lu, asids %lu, fill %lu, "
	       "map %lu, irqs %lu, cnodes %lu, tcbs %lu, drop %lu, start and originals %lu\n",
	       c[ST_CSPACE] - c[ST_START], c[ST_OBJECTS] - c[ST_CSPACE],
	       c[ST_ASIDS] - c[ST_OBJECTS], c[ST_FILL] - c[ST_ASIDS], c[ST_MAP] - c[ST_FILL],
	       c[ST_IRQS] - c[ST_MAP], c[ST_CNODES] - c[ST_IRQS], c[ST_TCBS] - c[ST_CNODES],
	       c[ST_DROP] - c[ST_TCBS], c[ST_RESUME] - c[ST_DROP] + 1 /* the Suspend below */);
	printf("LDR|done: %u objects, %lu caps, %lu mappings, %lu kernel calls\n", L.nobj,
	       L.caps, L.mappings, L.calls + 1 /* the Suspend below */);
	seL4_TCB_Suspend(seL4_CapInitThreadTCB);
	fail("still running after suspending itself");
}
