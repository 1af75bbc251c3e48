/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * snapshot.c: seL4_DebugSnapshot and seL4_DebugDumpScheduler.
 *
 * The snapshot is the capability state reachable from the calling
 * thread, printed as CapDL text (capDL-tool syntax, arch aarch64) between
 * the lines "--- capdl snapshot begin ---" and "--- capdl snapshot end ---":
 * every object named by a cap in a reachable CNode or TCB (named
 * <type>_<paddr>), then each CNode's and TCB's slots with the caps'
 * rights, badges, guards and mappings.  Untypeds list their physical
 * address and size.
 */
#include <stddef.h>
#include <kernel/kprintf.h>
#include <kernel/object.h>
#include <kernel/snapshot.h>

#define SNAP_MAX_OBJECTS 512

static uint64_t irqs_seen[3];          /* bitmap of INTIDs 0..191 */

static struct snap_obj {
	enum cap_type type;
	uint64_t paddr;
	unsigned bits;
	bool device;
} objs[SNAP_MAX_OBJECTS];
static int nobjs;
static bool overflow;

static bool has_object(enum cap_type t)
{
	return t == CAP_UNTYPED || t == CAP_ENDPOINT || t == CAP_NOTIFICATION ||
	       t == CAP_CNODE || t == CAP_THREAD || t == CAP_FRAME ||
	       t == CAP_PAGE_TABLE || t == CAP_VSPACE || t == CAP_ASID_POOL ||
	       t == CAP_REPLY;
}

static const char *obj_kw(enum cap_type t)
{
	switch (t) {
	case CAP_UNTYPED:      return "ut";
	case CAP_ENDPOINT:     return "ep";
	case CAP_NOTIFICATION: return "notification";
	case CAP_CNODE:        return "cnode";
	case CAP_THREAD:       return "tcb";
	case CAP_REPLY:        return "tcb";
	case CAP_FRAME:        return "frame";
	case CAP_PAGE_TABLE:   return "pt";
	case CAP_VSPACE:       return "pgd";
	case CAP_ASID_POOL:    return "asid_pool";
	default:               return "?";
	}
}

/* Record the object of c; true if it was new. */
static bool add_object(struct cap c)
{
	enum cap_type t = cap_type(c) == CAP_REPLY ? CAP_THREAD : cap_type(c);

	if (t == CAP_IRQ_HANDLER && c.w1 < 192)
		irqs_seen[c.w1 / 64] |= UINT64_C(1) << (c.w1 % 64);
	if (!has_object(t))
		return false;
	for (int i = 0; i < nobjs; i++)
		if (objs[i].type == t && objs[i].paddr == cap_paddr(c))
			return false;
	if (nobjs == SNAP_MAX_OBJECTS) {
		overflow = true;
		return false;
	}
	objs[nobjs].type = t;
	objs[nobjs].paddr = cap_paddr(c);
	objs[nobjs].bits = t == CAP_CNODE ? cap_cnode_radix(c) :
	                   cap_object_bits(c);
	objs[nobjs].device = (t == CAP_UNTYPED && cap_untyped_device(c)) ||
	                     (t == CAP_FRAME && cap_frame_device(c));
	nobjs++;
	return true;
}

static void print_rights(unsigned r)
{
	if (r & RIGHT_READ)
		kprintf("R");
	if (r & RIGHT_WRITE)
		kprintf("W");
	if (r & RIGHT_GRANT)
		kprintf("G");
	if (r & RIGHT_GRANT_REPLY)
		kprintf("P");
}

static void print_cap(unsigned slot, struct cap c)
{
	enum cap_type t = cap_type(c);

	kprintf("    %u: ", slot);
	switch (t) {
	case CAP_IRQ_CONTROL:  kprintf("irq_control\n"); return;
	case CAP_ASID_CONTROL: kprintf("asid_control\n"); return;
	case CAP_DOMAIN:       kprintf("domain\n"); return;
	case CAP_IRQ_HANDLER:  kprintf("irq_%lu\n", (unsigned long)c.w1); return;
	default: break;
	}
	kprintf("%s_0x%lx", obj_kw(t == CAP_REPLY ? CAP_THREAD : t),
	        cap_paddr(c));
	switch (t) {
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
		kprintf(" (");
		print_rights(cap_rights(c));
		if (cap_badge(c))
			kprintf(", badge: %lu", cap_badge(c));
		kprintf(")");
		break;
	case CAP_CNODE:
		if (cap_cnode_guard_size(c))
			kprintf(" (guard: %lu, guard_size: %u)",
			        cap_cnode_guard(c), cap_cnode_guard_size(c));
		break;
	case CAP_FRAME:
		kprintf(" (");
		print_rights((cap_frame_vm_rights(c) & VM_READ ? RIGHT_READ : 0) |
		             (cap_frame_vm_rights(c) & VM_WRITE ? RIGHT_WRITE : 0));
		if (cap_is_mapped(c))
			kprintf(", asid: (%u, %u)", cap_mapped_asid(c) >> 9,
			        cap_mapped_asid(c) & 511);
		kprintf(")");
		break;
	case CAP_REPLY:
		kprintf(" (%s)", cap_reply_master(c) ? "master_reply" : "reply");
		break;
	case CAP_PAGE_TABLE:
	case CAP_VSPACE:
		if (cap_is_mapped(c))
			kprintf(" (asid: (%u, %u))", cap_mapped_asid(c) >> 9,
			        cap_mapped_asid(c) & 511);
		break;
	default:
		break;
	}
	kprintf("\n");
}

/* Everything reachable from the calling thread: its TCB, then the
 * contents of every CNode and TCB found. */
static void collect(void)
{
	nobjs = 0;
	overflow = false;
	irqs_seen[0] = irqs_seen[1] = irqs_seen[2] = 0;
	add_object(cap_thread(kptr_to_paddr(cur_thread)));
	for (int i = 0; i < nobjs; i++) {
		if (objs[i].type == CAP_CNODE) {
			struct cte *s = paddr_to_kptr(objs[i].paddr);

			for (uint64_t k = 0; k < (UINT64_C(1) << objs[i].bits); k++)
				add_object(s[k].cap);
		} else if (objs[i].type == CAP_THREAD) {
			struct tcb *x = paddr_to_kptr(objs[i].paddr);

			for (unsigned k = 0; k < TCB_SLOTS; k++)
				add_object(x->slots[k].cap);
		}
	}
}

void debug_snapshot(void)
{
	collect();
	kprintf("--- capdl snapshot begin ---\n");
	kprintf("arch aarch64\n\nobjects {\n");
	for (int i = 0; i < nobjs; i++) {
		struct snap_obj *o = &objs[i];

		kprintf("  %s_0x%lx = %s", obj_kw(o->type), o->paddr,
		        obj_kw(o->type));
		if (o->type == CAP_CNODE || o->type == CAP_UNTYPED)
			kprintf(" (%u bits%s", o->bits,
			        o->type == CAP_UNTYPED ? ", paddr: " : ")");
		if (o->type == CAP_UNTYPED)
			kprintf("0x%lx)", o->paddr);
		if (o->type == CAP_FRAME)
			kprintf(" (%uk, paddr: 0x%lx)", 1u << (o->bits - 10),
			        o->paddr);
		if (o->type == CAP_THREAD)
			kprintf(" -- %s, prio %u", tcb_name(paddr_to_kptr(o->paddr)),
			        ((struct tcb *)paddr_to_kptr(o->paddr))->prio);
		kprintf("\n");
	}
	for (unsigned irq = 0; irq < 192; irq++)
		if (irqs_seen[irq / 64] & (UINT64_C(1) << (irq % 64)))
			kprintf("  irq_%u = irq\n", irq);
	kprintf("}\n\ncaps {\n");
	for (int i = 0; i < nobjs; i++) {
		struct snap_obj *o = &objs[i];

		if (o->type == CAP_CNODE) {
			struct cte *s = paddr_to_kptr(o->paddr);

			kprintf("  cnode_0x%lx {\n", o->paddr);
			for (uint64_t k = 0; k < (UINT64_C(1) << o->bits); k++)
				if (cap_type(s[k].cap) != CAP_NULL)
					print_cap((unsigned)k, s[k].cap);
			kprintf("  }\n");
		} else if (o->type == CAP_THREAD) {
			struct tcb *x = paddr_to_kptr(o->paddr);

			kprintf("  tcb_0x%lx {\n", o->paddr);
			for (unsigned k = 0; k < TCB_SLOTS; k++)
				if (cap_type(x->slots[k].cap) != CAP_NULL)
					print_cap(k, x->slots[k].cap);
			kprintf("  }\n");
		}
	}
	kprintf("}\n\nirq maps {\n");
	for (unsigned irq = 0; irq < 192; irq++)
		if (irqs_seen[irq / 64] & (UINT64_C(1) << (irq % 64)))
			kprintf("  %u: irq_%u\n", irq, irq);
	kprintf("}\n");
	if (overflow)
		kprintf("-- more than %d objects: the rest is not shown\n",
		        SNAP_MAX_OBJECTS);
	kprintf("--- capdl snapshot end ---\n");
}

static const char *state_name(enum thread_state s)
{
	switch (s) {
	case TS_INACTIVE:                return "inactive";
	case TS_RUNNING:                 return "running";
	case TS_RESTART:                 return "restart";
	case TS_BLOCKED_ON_RECEIVE:      return "blocked on receive";
	case TS_BLOCKED_ON_SEND:         return "blocked on send";
	case TS_BLOCKED_ON_REPLY:        return "blocked on reply";
	case TS_BLOCKED_ON_NOTIFICATION: return "blocked on notification";
	default:                         return "?";
	}
}

void debug_dump_scheduler(void)
{
	/* The kernel keeps no list of all threads: show the reachable ones. */
	collect();
	kprintf("scheduler dump: thread, state, priority, MCP\n");
	for (int i = 0; i < nobjs; i++) {
		struct tcb *x;

		if (objs[i].type != CAP_THREAD)
			continue;
		x = paddr_to_kptr(objs[i].paddr);
		kprintf("  %-24s %-24s %3u %3u%s\n", tcb_name(x),
		        state_name(x->state), x->prio, x->mcp,
		        x == cur_thread ? " (current)" : "");
	}
}
