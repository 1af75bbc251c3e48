/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lt.h: the runtime of the loader test components (tests/loader).
 *
 * The loader starts every thread at its ELF entry with the spec's sp and
 * init: words in x0..x7. Here x0 must be the address of the thread's IPC
 * buffer, page-aligned: the thread's TLS block lives in the same page,
 * 2 KiB in, so several threads can share one program and one VSpace.
 * x0..x7 are kept in lt_arg[] and lt_thread(x1, x2, x3, x4) runs: x1 says
 * which thread of the program this is.
 *
 * Checks print TAP-style lines "ok N - COMP: TEXT" or "not ok N - COMP:
 * TEXT (want ...)"; tests/loader/run-test.py fails on any "not ok" and
 * looks for the lines a test's .expect file lists.
 */
#ifndef LT_H
#define LT_H

#include <stdint.h>

#include <rt.h>
#include <sel4/sel4.h>

extern __thread seL4_Word lt_arg[8]; /* this thread's x0..x7 at start */

/* The component's name in check lines. */
void lt_name(const char *name);
int lt_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "ok N - COMP: WHAT = 0xGOT", or "not ok ... (want 0xWANT)" */
int lt_eq(const char *what, seL4_Word got, seL4_Word want);
#define LT_EQ(what, got, want) lt_eq((what), (seL4_Word)(got), (seL4_Word)(want))
/* "# COMP: N checks, F failed" */
void lt_summary(void);

/* ---- faults --------------------------------------------------------------
 * A fault handler thread of the component runs lt_fault_server(ep, tcb):
 * it receives each fault of the thread tcb on ep, records it in lt_fault,
 * moves the thread past the faulting instruction (an instruction abort
 * returns to the caller: pc = x30) and replies. */
struct lt_fault {
	seL4_Word count;	/* faults seen so far */
	seL4_Word label, len, badge;
	seL4_Word mr[16];
};
extern volatile struct lt_fault lt_fault;
_Noreturn void lt_fault_server(seL4_CPtr ep, seL4_CPtr tcb);

/* Accesses that may fault; each returns 1 if a fault was recorded. */
int lt_probe_read(seL4_Word addr, seL4_Word *value);
int lt_probe_write(seL4_Word addr, seL4_Word value);
int lt_probe_exec(seL4_Word addr, seL4_Word *ret);

/* Stop the calling thread for good (own_tcb: its own TCB cap). */
_Noreturn void lt_stop(seL4_CPtr own_tcb);

/* Every program defines lt_thread(): the thread's code, by role (x1). It
 * must not return: it ends with lt_stop() or lt_finish(). */
void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c);

/* The finisher: the lowest-priority thread of a test; it runs when every
 * other thread has blocked or stopped, says so and halts the machine. */
_Noreturn void lt_finish(void);

#endif
