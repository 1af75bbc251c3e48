/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tcb.c: threads. Each TCB gets its CSpace (with the guard of its cspace
 * cap), VSpace, IPC buffer and fault endpoint (a CPtr in its own CSpace,
 * non-MCS), priority and MCP, registers (pc, sp, up to eight arguments in
 * x0..x7), bound notification, FPU flag and name; threads with "resume"
 * start once the whole system is built.
 */
#include "loader.h"

static const struct capdl_slot *tcb_slot(uint32_t tcb, uint32_t index)
{
	for (uint32_t s = L.obj[tcb].slots; s < slots_end(tcb); s++)
		if (L.slot[s].index == index && L.slot[s].type == CAPDL_CAP_OBJECT)
			return &L.slot[s];
	return NULL;
}

void configure_tcbs(void)
{
	for (uint32_t i = 0; i < L.nobj; i++) {
		const struct capdl_object *o = &L.obj[i];
		if (o->type != CAPDL_OBJ_TCB)
			continue;
		const struct capdl_tcb *t = &L.tcb[o->arg];
		const struct capdl_slot *cs = tcb_slot(i, 0), *vs = tcb_slot(i, 1),
					*ipc = tcb_slot(i, 4), *ntfn = tcb_slot(i, 8);
		seL4_Word cs_data = cs && (cs->flags & CAPDL_SLOT_GUARD) ? slot_guard_word(cs) : 0;
		int err = CALL(seL4_TCB_Configure(L.orig[i], t->fault_ep, cs ? L.orig[cs->obj] : 0,
						  cs_data, vs ? L.orig[vs->obj] : 0, 0,
						  ipc ? t->ipc_buffer : 0, ipc ? L.orig[ipc->obj] : 0));
		if (err)
			fail_obj(i, "TCB_Configure", err);
		err = CALL(seL4_TCB_SetSchedParams(L.orig[i], seL4_CapInitThreadTCB, t->max_prio,
						   t->prio));
		if (err)
			fail_obj(i, "TCB_SetSchedParams", err);
		if (t->ninit > 8)
			fail_obj(i, "more than 8 initial arguments (x0..x7)", 0);
		seL4_UserContext regs;
		memset(&regs, 0, sizeof(regs));
		regs.pc = t->ip;
		regs.sp = t->sp;
		seL4_Word *x[] = {&regs.x0, &regs.x1, &regs.x2, &regs.x3,
				  &regs.x4, &regs.x5, &regs.x6, &regs.x7};
		for (uint32_t a = 0; a < t->ninit; a++)
			*x[a] = L.word[t->init + a];
		err = CALL(seL4_TCB_WriteRegisters(L.orig[i], 0, 0, sizeof(regs) / sizeof(seL4_Word),
						   &regs));
		if (err)
			fail_obj(i, "TCB_WriteRegisters", err);
		if (ntfn) {
			err = CALL(seL4_TCB_BindNotification(L.orig[i], L.orig[ntfn->obj]));
			if (err)
				fail_obj(i, "TCB_BindNotification", err);
		}
		if (t->flags & CAPDL_TCB_FPU_DISABLED) {
			err = CALL(seL4_TCB_SetFlags(L.orig[i], 0, seL4_TCBFlag_fpuDisabled)).error;
			if (err)
				fail_obj(i, "TCB_SetFlags", err);
		}
		const char *name = capdl_string(L.t, o->name);
		if (*name) {
			L.calls++;
			seL4_DebugNameThread(L.orig[i], name);
		}
	}
}

void start_tcbs(void)
{
	for (uint32_t i = 0; i < L.nobj; i++) {
		if (L.obj[i].type != CAPDL_OBJ_TCB || !(L.tcb[L.obj[i].arg].flags & CAPDL_TCB_RESUME))
			continue;
		int err = CALL(seL4_TCB_Resume(L.orig[i]));
		if (err)
			fail_obj(i, "TCB_Resume", err);
	}
}

/* What the loader holds and the spec does not describe: the untypeds it
 * made everything from, and control caps no slot asked for. The caps it
 * keeps are the originals its mappings and objects live on. */
void drop_loader_caps(void)
{
	const seL4_BootInfo *bi = L.bi;
	unsigned long dropped = 0;
	for (seL4_CPtr u = bi->untyped.start; u < bi->untyped.end; u++, dropped++) {
		int err = CALL(seL4_CNode_Delete(L.cs_root, u, LOADER_DEPTH));
		if (err)
			fail("deleting untyped cap %lu: %s", (unsigned long)u, error_name(err));
	}
	bool irq_given = false;
	for (uint32_t s = 0; s < L.nslot; s++)
		irq_given |= L.slot[s].type == CAPDL_CAP_IRQ_CONTROL;
	static const seL4_CPtr control[] = {seL4_CapIRQControl, seL4_CapASIDControl, seL4_CapDomain};
	for (unsigned c = 0; c < sizeof(control) / sizeof(control[0]); c++) {
		if (control[c] == seL4_CapIRQControl && irq_given)
			continue; /* moved into the spec */
		int err = CALL(seL4_CNode_Delete(L.cs_root, control[c], LOADER_DEPTH));
		if (err)
			fail("deleting control cap %lu: %s", (unsigned long)control[c],
			     error_name(err));
		dropped++;
	}
	printf("LDR|dropped %lu caps the spec does not give the loader\n", dropped);
}
