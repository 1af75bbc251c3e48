/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * table-dump.c: print a capdl table as text, through the library's
 * validating reader and its accessors only (tests/spec/meson.build uses it
 * to compare what "capdlc build" wrote with what a spec says).
 *
 *   usage: table-dump TABLE
 *
 * The table is checked first (capdl_table_check for seL4 16.0.0, then
 * capdl_check_object_bits against the sizes of that kernel); a table that
 * fails prints "invalid: ..." and exits 1. The CRC is not printed: the
 * check has compared it. Exit status: 0 ok, 1 invalid table, 2 usage/IO.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capdl_table.h"

static const char *const obj_names[CAPDL_OBJ_TYPE_COUNT] = {
	[CAPDL_OBJ_UNTYPED] = "untyped", [CAPDL_OBJ_TCB] = "tcb",
	[CAPDL_OBJ_ENDPOINT] = "endpoint", [CAPDL_OBJ_NOTIFICATION] = "notification",
	[CAPDL_OBJ_CNODE] = "cnode", [CAPDL_OBJ_VSPACE] = "vspace",
	[CAPDL_OBJ_PAGE_TABLE] = "page_table", [CAPDL_OBJ_FRAME] = "frame",
	[CAPDL_OBJ_ASID_POOL] = "asid_pool", [CAPDL_OBJ_IRQ] = "irq",
	[CAPDL_OBJ_VCPU] = "vcpu", [CAPDL_OBJ_SC] = "sc", [CAPDL_OBJ_REPLY] = "reply",
};

static const char *const cap_names[CAPDL_CAP_TYPE_COUNT] = {
	[CAPDL_CAP_OBJECT] = "object", [CAPDL_CAP_IRQ_CONTROL] = "irq_control",
	[CAPDL_CAP_ASID_CONTROL] = "asid_control", [CAPDL_CAP_DOMAIN] = "domain",
	[CAPDL_CAP_SCHED_CONTROL] = "sched_control", [CAPDL_CAP_REPLY] = "reply",
	[CAPDL_CAP_MASTER_REPLY] = "master_reply",
};

static const char *const sect_names[CAPDL_SECT_COUNT] = {
	"objects", "slots", "tcbs", "words", "cdt", "irqs", "frames",
	"pagerefs", "bootinfo", "schedule", "strings", "lines", "pages",
};

/* seL4 16.0.0, AArch64, non-MCS: what a loader for that kernel expects */
static const uint8_t kernel_bits[16] = {
	[CAPDL_OBJ_TCB] = 11, [CAPDL_OBJ_ENDPOINT] = 4, [CAPDL_OBJ_NOTIFICATION] = 5,
	[CAPDL_OBJ_VSPACE] = 12, [CAPDL_OBJ_PAGE_TABLE] = 12, [CAPDL_OBJ_ASID_POOL] = 12,
	[CAPDL_OBJ_VCPU] = 12,
};

static void rights(uint8_t r)
{
	if (!r) {
		fputs(" -", stdout);
		return;
	}
	putchar(' ');
	if (r & CAPDL_RIGHT_READ)
		putchar('R');
	if (r & CAPDL_RIGHT_WRITE)
		putchar('W');
	if (r & CAPDL_RIGHT_GRANT)
		putchar('G');
	if (r & CAPDL_RIGHT_GRANT_REPLY)
		putchar('P');
}

static const char *name_of(const void *t, uint32_t obj)
{
	const struct capdl_object *o = CAPDL_SECTION(t, CAPDL_SECT_OBJECTS, struct capdl_object, NULL);
	const char *s = capdl_string(t, o[obj].name);
	return *s ? s : "-";
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: table-dump TABLE\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf) {
		fputs("table-dump: out of memory\n", stderr);
		return 2;
	}
	/* the table is read in place: give it 8-byte alignment */
	void *t = aligned_alloc(4096, (len + 4095) & ~(size_t)4095);
	if (!t)
		return 2;
	memcpy(t, buf, len);
	free(buf);

	struct capdl_problem why;
	enum capdl_error e = capdl_table_check(t, len, CAPDL_ABI_SEL4_16_0_0, &why);
	if (e == CAPDL_OK)
		e = capdl_check_object_bits(t, kernel_bits, &why);
	if (e != CAPDL_OK) {
		printf("invalid: %s: %s (section %d, record %u)\n", capdl_error_name(e), why.what,
		       why.section == CAPDL_NONE ? -1 : (int)why.section, why.record);
		free(t);
		return 1;
	}
	const struct capdl_header *h = capdl_header(t);
	printf("table version %u, %u-bit, arch %u, abi 0x%08x, %u bytes\n", h->version,
	       h->word_bits, h->arch, h->abi, h->size);
	printf("object_bits:");
	for (int i = CAPDL_OBJ_UNTYPED; i < CAPDL_OBJ_TYPE_COUNT; i++)
		if (h->object_bits[i])
			printf(" %s=%u", obj_names[i], h->object_bits[i]);
	printf("\nsections:");
	for (int s = 0; s < CAPDL_SECT_COUNT; s++)
		if (h->sect[s].count)
			printf(" %s=%u", sect_names[s], h->sect[s].count);
	putchar('\n');
	if (h->domain_start != CAPDL_NONE)
		printf("domain_start %u\n", h->domain_start);
	if (h->domain_shift)
		printf("domain_shift %u\n", h->domain_shift);

	uint32_t nobj, nslot, nword, nline, ntcb;
	const struct capdl_object *obj = CAPDL_SECTION(t, CAPDL_SECT_OBJECTS, struct capdl_object, &nobj);
	const struct capdl_slot *slot = CAPDL_SECTION(t, CAPDL_SECT_SLOTS, struct capdl_slot, &nslot);
	const uint64_t *word = CAPDL_SECTION(t, CAPDL_SECT_WORDS, uint64_t, &nword);
	const uint32_t *line = CAPDL_SECTION(t, CAPDL_SECT_LINES, uint32_t, &nline);
	const struct capdl_tcb *tcb = CAPDL_SECTION(t, CAPDL_SECT_TCBS, struct capdl_tcb, &ntcb);
	for (uint32_t i = 0; i < nobj; i++) {
		const struct capdl_object *o = &obj[i];
		printf("%u %s %s", i, name_of(t, i), obj_names[o->type]);
		if (o->size_bits)
			printf(" bits=%u", o->size_bits);
		if (nline)
			printf(" line=%u", line[i]);
		if (o->flags & CAPDL_OBJ_PADDR)
			printf(" paddr=0x%llx", (unsigned long long)word[o->arg]);
		if (o->flags & CAPDL_OBJ_FILLED)
			printf(" filled");
		if (o->type == CAPDL_OBJ_IRQ)
			printf(" irq=%u%s", o->arg & 0x7fffffffu, o->arg >> 31 ? " edge" : "");
		if (o->type == CAPDL_OBJ_ASID_POOL && o->arg != CAPDL_NONE)
			printf(" asid_high=%u", o->arg);
		putchar('\n');
		if (o->type == CAPDL_OBJ_TCB && !(o->flags & CAPDL_OBJ_PADDR)) {
			const struct capdl_tcb *c = &tcb[o->arg];
			printf("  tcb ip=0x%llx sp=0x%llx ipc_buffer=0x%llx fault_ep=%llu prio=%u "
			       "max_prio=%u affinity=%u domain=%u%s%s init=[",
			       (unsigned long long)c->ip, (unsigned long long)c->sp,
			       (unsigned long long)c->ipc_buffer, (unsigned long long)c->fault_ep,
			       c->prio, c->max_prio, c->affinity, c->domain,
			       c->flags & CAPDL_TCB_RESUME ? " resume" : "",
			       c->flags & CAPDL_TCB_FPU_DISABLED ? " fpu_disabled" : "");
			for (uint32_t k = 0; k < c->ninit; k++)
				printf(k ? ", %llu" : "%llu", (unsigned long long)word[c->init + k]);
			puts("]");
		}
		uint32_t end = i + 1 < nobj ? obj[i + 1].slots : nslot;
		for (uint32_t k = o->slots; k < end; k++) {
			const struct capdl_slot *s = &slot[k];
			printf("  slot %u: %s", s->index, cap_names[s->type]);
			if (s->obj != CAPDL_NONE)
				printf(" %u %s", s->obj, name_of(t, s->obj));
			rights(s->rights);
			uint64_t data = s->flags & CAPDL_SLOT_WIDE ? word[s->data] : s->data;
			if (s->flags & CAPDL_SLOT_BADGE)
				printf(" badge=0x%llx", (unsigned long long)data);
			if (s->flags & CAPDL_SLOT_GUARD)
				printf(" guard=0x%llx guard_size=%u", (unsigned long long)data,
				       s->guard_size);
			if (s->type == CAPDL_CAP_SCHED_CONTROL)
				printf(" core=%u", s->data);
			if (s->flags & CAPDL_SLOT_WIDE)
				printf(" wide");
			if (s->flags & CAPDL_SLOT_EXECUTABLE)
				printf(" executable");
			if (s->flags & CAPDL_SLOT_UNCACHED)
				printf(" uncached");
			if (s->flags & CAPDL_SLOT_CHILD)
				printf(" child");
			if (nline)
				printf(" line=%u", line[nobj + k]);
			putchar('\n');
		}
	}
	uint32_t ncdt, nirq, nframe, nbi, nsched, npage;
	const struct capdl_cdt *cdt = CAPDL_SECTION(t, CAPDL_SECT_CDT, struct capdl_cdt, &ncdt);
	for (uint32_t i = 0; i < ncdt; i++)
		printf("cdt slot %u <- slot %u\n", cdt[i].child, cdt[i].parent);
	const struct capdl_irq *irq = CAPDL_SECTION(t, CAPDL_SECT_IRQS, struct capdl_irq, &nirq);
	for (uint32_t i = 0; i < nirq; i++)
		printf("irq %u: %u %s\n", irq[i].irq, irq[i].obj, name_of(t, irq[i].obj));
	const struct capdl_frame *fr = CAPDL_SECTION(t, CAPDL_SECT_FRAMES, struct capdl_frame, &nframe);
	const uint32_t *ref = CAPDL_SECTION(t, CAPDL_SECT_PAGEREFS, uint32_t, NULL);
	const uint8_t *pages = CAPDL_SECTION(t, CAPDL_SECT_PAGES, uint8_t, &npage);
	for (uint32_t i = 0; i < nframe; i++) {
		uint32_t np = 1u << (obj[fr[i].obj].size_bits - 12);
		printf("frame %u %s:", fr[i].obj, name_of(t, fr[i].obj));
		for (uint32_t k = 0; k < np; k++) {
			uint32_t p = ref[fr[i].pages + k];
			if (p == CAPDL_NONE)
				continue; /* zero pages: not listed */
			printf(" [%u]=page %u", k, p);
		}
		putchar('\n');
	}
	for (uint32_t p = 0; p < npage; p++) {
		/* a page by its non-zero bytes: "offset: bytes" runs */
		const uint8_t *pg = pages + (size_t)p * 4096;
		printf("page %u:", p);
		for (uint32_t k = 0; k < 4096;) {
			if (!pg[k]) {
				k++;
				continue;
			}
			printf(" @0x%x:", k);
			uint32_t run = 0;
			while (k < 4096 && pg[k] && run < 16) {
				printf("%02x", pg[k]);
				k++;
				run++;
			}
			while (k < 4096 && pg[k])
				k++, run++;
			if (run > 16)
				printf("..+%u", run - 16);
		}
		putchar('\n');
	}
	const struct capdl_bootinfo_fill *bi =
		CAPDL_SECTION(t, CAPDL_SECT_BOOTINFO, struct capdl_bootinfo_fill, &nbi);
	for (uint32_t i = 0; i < nbi; i++)
		printf("bootinfo %u %s: dest=0x%x len=0x%x id=%u src=0x%x\n", bi[i].obj,
		       name_of(t, bi[i].obj), bi[i].dest, bi[i].len, bi[i].id, bi[i].src);
	const struct capdl_sched *sc = CAPDL_SECTION(t, CAPDL_SECT_SCHEDULE, struct capdl_sched, &nsched);
	for (uint32_t i = 0; i < nsched; i++)
		printf("schedule domain=%llu ticks=%llu\n", (unsigned long long)sc[i].domain,
		       (unsigned long long)sc[i].ticks);
	free(t);
	return 0;
}
