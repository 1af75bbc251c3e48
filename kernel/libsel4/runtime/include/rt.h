/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rt.h: the tiny runtime of test root tasks: printf over
 * seL4_DebugPutChar, a few string functions, and TAP test helpers.
 *
 * A test root task defines rt_main(bootinfo); crt0.S sets up a stack and
 * rt_start() installs the IPC buffer pointer and calls it.  Tests print
 * TAP ("ok N - name" / "not ok N - name"), then rt_main returns and the
 * runtime prints the plan and stops the machine with seL4_DebugHalt.
 */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <sel4/sel4.h>

int rt_main(seL4_BootInfo *bi);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* ---- TAP ---------------------------------------------------------------- */
extern int rt_tests, rt_failures;

/* Report one check; returns cond. */
int rt_check(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The first free slot of the root CNode (bootinfo empty.start, advanced). */
seL4_CPtr rt_alloc_slot(void);
/* The boot info given at start. */
extern seL4_BootInfo *rt_bootinfo;
/* SP and x1 when the kernel started the root task. */
extern seL4_Word rt_entry_sp, rt_entry_x1;

#define CHECK(cond, ...) rt_check(!!(cond), __VA_ARGS__)
/* An invocation result and its error MRs. */
#define CHECK_ERR(got, want, name) ({                                       \
	int got_ = (int)(got);                                              \
	rt_check(got_ == (int)(want), "%s: error %d (want %d)", name, got_,  \
	         (int)(want));                                              \
})
#define CHECK_MR(i, want, name)                                             \
	rt_check(seL4_GetMR(i) == (seL4_Word)(want),                        \
	         "%s: MR%d = 0x%lx (want 0x%lx)", name, i,                    \
	         (unsigned long)seL4_GetMR(i), (unsigned long)(want))

/* Thread-local storage: a block for one thread; returns its TPIDR_EL0. */
#define RT_TLS_SIZE 256
seL4_Word rt_tls_init(void *area);

/* ---- threads sharing the root task's CSpace and VSpace ---- */
struct rt_thread {
	seL4_CPtr tcb;                /* root CNode slot of the TCB */
	seL4_CPtr ipc_frame;          /* its IPC buffer frame */
	seL4_Word ipc_vaddr;
	char tls[RT_TLS_SIZE] __attribute__((aligned(16)));
	seL4_Word stack[1024] __attribute__((aligned(16)));
};

/*
 * Create a thread from untyped ut running fn(arg) at priority prio with
 * fault endpoint CPtr fault_ep (0: none), IPC buffer at ipc_vaddr (a new
 * frame, mapped with page tables from ut as needed), and start it.  When
 * fn returns the thread suspends itself.  Returns 0 or the first error.
 */
int rt_thread_start(struct rt_thread *t, seL4_CPtr ut,
                    void (*fn)(seL4_Word), seL4_Word arg, unsigned prio,
                    seL4_CPtr fault_ep, seL4_Word ipc_vaddr);
/* Map frame at vaddr in the root VSpace, making page tables from ut as
 * needed.  Returns 0 or the error of the final Page_Map. */
int rt_map(seL4_CPtr ut, seL4_CPtr frame, seL4_Word vaddr,
           seL4_CapRights_t rights, seL4_Word attr);

/* Find an untyped of at least 2^bits bytes (RAM unless device). */
seL4_CPtr rt_find_untyped(unsigned bits, int device, seL4_Word *paddr);

#endif
