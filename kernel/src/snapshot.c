/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * snapshot.c: seL4_DebugSnapshot and seL4_DebugDumpScheduler.
 *
 * The snapshot is the whole capability state of the system as CapDL text
 * (capDL-tool syntax, arch aarch64) between the lines
 * "--- capdl snapshot begin ---" and "--- capdl snapshot end ---", such
 * that capdlc parses and checks it:
 *
 *   objects  every object that a cap names, each once, named
 *            <type>_<kernel virtual address> (16 hex digits, no 0x, so
 *            that it is one CapDL identifier); untypeds also carry their
 *            size (ut_<address>_<bits>), since a child untyped may start
 *            at its parent's address; IRQs are irq_<number>.  TCBs with
 *            their CapDL parameters (IPC buffer, pc, sp, priority, MCP,
 *            fault endpoint CPtr, domain; "resume: False" when inactive)
 *            and the DebugNameThread name and state in a comment.
 *   caps     every CNode's non-empty slots; every TCB's cspace, vspace,
 *            reply, caller, IPC buffer and bound notification; every
 *            active VSpace's tables, level by level (pgd, pud, pd, pt),
 *            with the frames they map (rights from the page-table entry,
 *            X = executable, "uncached" for device memory); ASID pools'
 *            VSpaces; the notification each IRQ signals.
 *   irq maps every IRQ given to user space.
 *
 * There is no size limit and no recursion: every cap of the system is on
 * the derivation tree's chain (cdt_first, cdt_raw_next), and all caps to
 * one object are neighbours on it, so an object is printed where the
 * first cap of its run is.  TCBs are found through their master reply
 * caps (one per TCB, a tree root), VSpaces through their caps, page
 * tables by walking the VSpaces with a loop per level.
 */
#include <stddef.h>
#include <arch/vspace.h>
#include <kernel/irqs.h>
#include <kernel/kprintf.h>
#include <kernel/object.h>
#include <kernel/snapshot.h>
#include <sel4/constants.h>

/* Entries of a level-l table below the user address limit. */
#define PT_ENTRIES_USER(l) \
	((l) == 0 ? (unsigned)((USER_TOP >> 39) + 1) : 512u)

static uint64_t kva(uint64_t pa)
{
	return (uint64_t)(uintptr_t)paddr_to_kptr(pa);
}

static const char *table_kw(unsigned level)
{
	switch (level) {
	case 0:  return "pgd";
	case 1:  return "pud";
	case 2:  return "pd";
	default: return "pt";
	}
}

/* Do a and b (neighbours on the chain) name the same snapshot object? */
static bool same_object(struct cap a, struct cap b)
{
	if (cap_type(a) != cap_type(b))
		return false;
	if (cap_type(a) == CAP_UNTYPED)
		return cap_paddr(a) == cap_paddr(b) &&
		       cap_untyped_bits(a) == cap_untyped_bits(b);
	return cap_same_object(a, b);
}

/* Is the cap in c the first of its object's run on the chain? */
static bool first_of_run(const struct cte *c)
{
	return !same_object(cdt_raw_prev(c)->cap, c->cap);
}

/* A page-table object's level: where it is mapped, else "pt". */
static unsigned pt_level(struct cap c)
{
	unsigned l = vspace_pt_level(c);

	return l ? l : 3;
}

static void print_name(struct cap c)
{
	uint64_t a = kva(cap_paddr(c));

	switch (cap_type(c)) {
	case CAP_UNTYPED:
		kprintf("ut_%016lx_%u", a, cap_untyped_bits(c));
		break;
	case CAP_ENDPOINT:     kprintf("ep_%016lx", a); break;
	case CAP_NOTIFICATION: kprintf("notification_%016lx", a); break;
	case CAP_CNODE:        kprintf("cnode_%016lx", a); break;
	case CAP_THREAD:
	case CAP_REPLY:        kprintf("tcb_%016lx", a); break;
	case CAP_FRAME:        kprintf("frame_%016lx", a); break;
	case CAP_PAGE_TABLE:
		kprintf("%s_%016lx", table_kw(pt_level(c)), a);
		break;
	case CAP_VSPACE:       kprintf("pgd_%016lx", a); break;
	case CAP_ASID_POOL:    kprintf("asid_pool_%016lx", a); break;
	case CAP_IRQ_HANDLER:  kprintf("irq_%lu", (unsigned long)c.w1); break;
	case CAP_IRQ_CONTROL:  kprintf("irq_control"); break;
	case CAP_ASID_CONTROL: kprintf("asid_control"); break;
	case CAP_DOMAIN:       kprintf("domain"); break;
	default:               kprintf("unknown_cap_%u", cap_type(c)); break;
	}
}

/* Cap parameters: " (a, b, c)" or nothing. */
static void param(bool *open)
{
	kprintf(*open ? ", " : " (");
	*open = true;
}

static void end_params(bool open)
{
	if (open)
		kprintf(")");
}

static void print_rights(bool *open, unsigned r)
{
	if (!r)
		return;
	param(open);
	if (r & RIGHT_READ)
		kprintf("R");
	if (r & RIGHT_WRITE)
		kprintf("W");
	if (r & RIGHT_GRANT)
		kprintf("G");
	if (r & RIGHT_GRANT_REPLY)
		kprintf("P");
}

static unsigned vm_to_rights(unsigned vm)
{
	return (vm & VM_READ ? RIGHT_READ : 0) | (vm & VM_WRITE ? RIGHT_WRITE : 0);
}

static void print_asid(bool *open, struct cap c)
{
	if (!cap_is_mapped(c))
		return;
	param(open);
	kprintf("asid: (%u, %u)", cap_mapped_asid(c) >> 9,
	        cap_mapped_asid(c) & 511);
}

/* A cap in a CNode or TCB slot ("    <slot>: <name> (<params>)"). */
static void print_cap(const char *slot_name, uint64_t slot, struct cap c)
{
	bool open = false;
	uint64_t table;
	unsigned level, index;

	if (slot_name)
		kprintf("    %s: ", slot_name);
	else
		kprintf("    %lu: ", slot);
	print_name(c);
	switch (cap_type(c)) {
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
		print_rights(&open, cap_rights(c));
		if (cap_badge(c)) {
			param(&open);
			kprintf("badge: %lu", cap_badge(c));
		}
		break;
	case CAP_CNODE:
		param(&open);
		kprintf("guard: %lu, guard_size: %u", cap_cnode_guard(c),
		        cap_cnode_guard_size(c));
		break;
	case CAP_FRAME:
		print_rights(&open, vm_to_rights(cap_frame_vm_rights(c)));
		print_asid(&open, c);
		/* the page-table slot this cap's mapping is in (capDL's
		 * "mapping:" is for page tables and directories only) */
		if (vspace_frame_slot(c, &table, &level, &index) && level >= 2) {
			param(&open);
			kprintf("mapping: (%s_%016lx, %u)", table_kw(level),
			        kva(table), index);
		}
		break;
	case CAP_PAGE_TABLE:
	case CAP_VSPACE:
		print_asid(&open, c);
		break;
	case CAP_REPLY:
		param(&open);
		kprintf(cap_reply_master(c) ? "master_reply" : "reply");
		break;
	default:
		break;
	}
	end_params(open);
	kprintf("\n");
}

/* ---- objects ---- */

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

/* The thread's name for a comment: printable characters only. */
static void print_thread_name(const struct tcb *t)
{
	const char *n = tcb_name(t);

	for (unsigned i = 0; n[i] && i < TCB_NAME_MAX; i++)
		kprintf("%c", n[i] >= 0x20 && n[i] < 0x7f ? n[i] : '?');
}

/* The user pc the thread continues at. */
static uint64_t thread_pc(const struct tcb *t)
{
	return t->state == TS_RESTART ? t->ctx.fault_ip : t->ctx.elr;
}

static void print_tcb_object(const struct tcb *t)
{
	kprintf("  tcb_%016lx = tcb (addr: 0x%lx, ip: 0x%lx, sp: 0x%lx, "
	        "prio: %u, max_prio: %u, affinity: 0, fault_ep: 0x%lx, "
	        "dom: %u%s%s) -- ", kva(kptr_to_paddr(t)), t->ipc_buffer,
	        thread_pc(t), t->ctx.sp, t->prio, t->mcp, t->fault_ep,
	        t->domain, t->state == TS_INACTIVE ? ", resume: False" : "",
	        (t->flags & seL4_TCBFlag_fpuDisabled) ? ", fpu_disabled: True" : "");
	print_thread_name(t);
	kprintf(", %s\n", state_name(t->state));
}

static void print_object(struct cap c)
{
	uint64_t pa = cap_paddr(c);

	kprintf("  ");
	print_name(c);
	switch (cap_type(c)) {
	case CAP_UNTYPED:
		kprintf(" = ut (%u bits, paddr: 0x%lx)%s\n", cap_untyped_bits(c),
		        pa, cap_untyped_device(c) ? " -- device" : "");
		break;
	case CAP_ENDPOINT:     kprintf(" = ep\n"); break;
	case CAP_NOTIFICATION: kprintf(" = notification\n"); break;
	case CAP_CNODE:
		kprintf(" = cnode (%u bits)\n", cap_cnode_radix(c));
		break;
	case CAP_FRAME: {
		unsigned bits = cap_frame_size_bits(c);

		if (bits >= 20)
			kprintf(" = frame (%uM, paddr: 0x%lx)", 1u << (bits - 20),
			        pa);
		else
			kprintf(" = frame (%uk, paddr: 0x%lx)", 1u << (bits - 10),
			        pa);
		kprintf("%s\n", cap_frame_device(c) ? " -- device" : "");
		break;
	}
	case CAP_PAGE_TABLE:
		kprintf(" = %s\n", table_kw(pt_level(c)));
		break;
	case CAP_VSPACE:       kprintf(" = pgd\n"); break;
	case CAP_ASID_POOL:
		kprintf(" = asid_pool (asid_high: 0x%lx)\n",
		        (unsigned long)(c.w1 >> 9));
		break;
	default:               kprintf("\n"); break;
	}
}

static bool has_object(enum cap_type t)
{
	return t == CAP_UNTYPED || t == CAP_ENDPOINT || t == CAP_NOTIFICATION ||
	       t == CAP_CNODE || t == CAP_FRAME || t == CAP_PAGE_TABLE ||
	       t == CAP_VSPACE || t == CAP_ASID_POOL;
}

static struct tcb *master_reply_tcb(const struct cte *c)
{
	return cap_type(c->cap) == CAP_REPLY && cap_reply_master(c->cap) ?
	       cap_obj_ptr(c->cap) : NULL;
}

static void print_objects(void)
{
	struct cap ntfn;
	unsigned trigger;

	kprintf("objects {\n");
	for (struct cte *c = cdt_first(); c; c = cdt_raw_next(c)) {
		struct tcb *t = master_reply_tcb(c);

		if (t)
			print_tcb_object(t);
		else if (has_object(cap_type(c->cap)) && first_of_run(c))
			print_object(c->cap);
	}
	for (unsigned irq = 0; irq <= MAX_IRQ; irq++) {
		if (!irq_user_state(irq, &trigger, &ntfn))
			continue;
		if (trigger)
			kprintf("  irq_%u = arm_irq (trigger: %s, target: 0)\n", irq,
			        trigger == 2 ? "edge" : "level");
		else
			kprintf("  irq_%u = irq\n", irq);
	}
	kprintf("}\n");
}

/* ---- caps ---- */

static void print_cnode(struct cap c)
{
	struct cte *s = cap_obj_ptr(c);
	bool any = false;

	for (uint64_t i = 0; i < (UINT64_C(1) << cap_cnode_radix(c)); i++) {
		if (cap_type(s[i].cap) == CAP_NULL)
			continue;
		if (!any) {
			kprintf("  ");
			print_name(c);
			kprintf(" {\n");
		}
		any = true;
		print_cap(NULL, i, s[i].cap);
	}
	if (any)
		kprintf("  }\n");
}

static void print_tcb_caps(struct tcb *t)
{
	static const char *const slot_names[TCB_SLOTS] = {
		"cspace", "vspace", "reply_slot", "caller_slot",
		"ipc_buffer_slot",
	};

	kprintf("  tcb_%016lx {\n", kva(kptr_to_paddr(t)));
	for (unsigned i = 0; i < TCB_SLOTS; i++)
		if (cap_type(t->slots[i].cap) != CAP_NULL)
			print_cap(slot_names[i], i, t->slots[i].cap);
	if (t->bound_ntfn)
		kprintf("    bound_notification: notification_%016lx\n",
		        kva(kptr_to_paddr(t->bound_ntfn)));
	kprintf("  }\n");
}

/* One table's entries: next-level tables and frames. */
static bool print_table(uint64_t pa, unsigned level)
{
	struct vs_entry e;
	bool any = false;

	for (unsigned i = 0; i < PT_ENTRIES_USER(level); i++) {
		bool open = false;

		if (!vspace_entry(pa, level, i, &e))
			continue;
		if (!any)
			kprintf("  %s_%016lx {\n", table_kw(level), kva(pa));
		any = true;
		if (e.table) {
			kprintf("    %u: %s_%016lx\n", i, table_kw(level + 1),
			        kva(e.pa));
			continue;
		}
		kprintf("    %u: frame_%016lx", i, kva(e.pa));
		if (e.vm_rights || e.exec) {
			param(&open);
			kprintf("%s%s%s", e.vm_rights & VM_READ ? "R" : "",
			        e.vm_rights & VM_WRITE ? "W" : "",
			        e.exec ? "X" : "");
		}
		if (!e.cached) {
			param(&open);
			kprintf("uncached");
		}
		end_params(open);
		kprintf("\n");
	}
	if (any)
		kprintf("  }\n");
	return any;
}

/* A VSpace's tables, level by level (a loop per level, no recursion). */
static void print_vspace(uint64_t root)
{
	struct vs_entry e1, e2, e3;

	print_table(root, 0);
	for (unsigned i = 0; i < PT_ENTRIES_USER(0); i++) {
		if (!vspace_entry(root, 0, i, &e1) || !e1.table)
			continue;
		print_table(e1.pa, 1);
		for (unsigned j = 0; j < PT_ENTRIES_USER(1); j++) {
			if (!vspace_entry(e1.pa, 1, j, &e2) || !e2.table)
				continue;
			print_table(e2.pa, 2);
			for (unsigned k = 0; k < PT_ENTRIES_USER(2); k++) {
				if (!vspace_entry(e2.pa, 2, k, &e3) || !e3.table)
					continue;
				print_table(e3.pa, 3);
			}
		}
	}
}

static void print_asid_pool(struct cap c)
{
	bool any = false;

	for (unsigned i = 0; i < 512; i++) {
		uint64_t vs = asid_pool_entry(c, i);

		if (!vs)
			continue;
		if (!any) {
			kprintf("  ");
			print_name(c);
			kprintf(" {\n");
		}
		any = true;
		kprintf("    %u: pgd_%016lx\n", i, kva(vs));
	}
	if (any)
		kprintf("  }\n");
}

static void print_caps(void)
{
	struct cap ntfn;
	unsigned trigger;

	kprintf("caps {\n");
	for (struct cte *c = cdt_first(); c; c = cdt_raw_next(c)) {
		struct tcb *t = master_reply_tcb(c);

		if (t) {
			print_tcb_caps(t);
			continue;
		}
		if (!first_of_run(c))
			continue;
		switch (cap_type(c->cap)) {
		case CAP_CNODE:
			print_cnode(c->cap);
			break;
		case CAP_VSPACE:
			if (vspace_cap_active(c->cap))
				print_vspace(cap_paddr(c->cap));
			break;
		case CAP_ASID_POOL:
			print_asid_pool(c->cap);
			break;
		default:
			break;
		}
	}
	for (unsigned irq = 0; irq <= MAX_IRQ; irq++) {
		if (!irq_user_state(irq, &trigger, &ntfn) ||
		    cap_type(ntfn) == CAP_NULL)
			continue;
		kprintf("  irq_%u {\n", irq);
		print_cap(NULL, 0, ntfn);
		kprintf("  }\n");
	}
	kprintf("}\n");
}

void debug_snapshot(void)
{
	struct cap ntfn;
	unsigned trigger;

	kprintf("--- capdl snapshot begin ---\n");
	kprintf("arch aarch64\n\n");
	print_objects();
	kprintf("\n");
	print_caps();
	kprintf("\nirq maps {\n");
	for (unsigned irq = 0; irq <= MAX_IRQ; irq++)
		if (irq_user_state(irq, &trigger, &ntfn))
			kprintf("  %u: irq_%u\n", irq, irq);
	kprintf("}\n");
	kprintf("--- capdl snapshot end ---\n");
}

void debug_dump_scheduler(void)
{
	kprintf("scheduler dump: thread, state, priority, MCP\n");
	for (struct cte *c = cdt_first(); c; c = cdt_raw_next(c)) {
		struct tcb *t = master_reply_tcb(c);

		if (!t)
			continue;
		kprintf("  tcb_%016lx %-24s %-24s %3u %3u%s\n",
		        kva(kptr_to_paddr(t)), tcb_name(t), state_name(t->state),
		        t->prio, t->mcp, t == cur_thread ? " (current)" : "");
	}
}
