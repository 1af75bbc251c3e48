/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * object.h: kernel objects (TCB, endpoint, notification), thread states,
 * and the interfaces between the kernel's object files.
 *
 * Objects live in memory retyped from untypeds and are reached through
 * the physical-memory window.  Sizes follow seL4 (a TCB is 2 KiB, an
 * endpoint 16 bytes, a notification 32 bytes).
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/cap.h>
#include <kernel/cspace.h>
#include <arch/context.h>

enum thread_state {
	TS_INACTIVE = 0,
	TS_RUNNING,
	TS_RESTART,
	TS_BLOCKED_ON_RECEIVE,
	TS_BLOCKED_ON_SEND,
	TS_BLOCKED_ON_REPLY,
	TS_BLOCKED_ON_NOTIFICATION,
};

/* The TCB's own capability slots (seL4's tcb_cnode_index). */
enum tcb_slot {
	TCB_CTABLE = 0,
	TCB_VTABLE = 1,
	TCB_REPLY = 2,          /* the master reply cap */
	TCB_CALLER = 3,         /* reply cap of the thread we must answer */
	TCB_BUFFER = 4,         /* IPC buffer frame */
	TCB_SLOTS = 5,
};

/* A pending fault (seL4_Fault), kept until delivered or replied to. */
enum fault_type {
	FAULT_NULL = 0,
	FAULT_CAP = 1,
	FAULT_UNKNOWN_SYSCALL = 2,
	FAULT_USER_EXCEPTION = 3,
	FAULT_VM = 5,
};

struct fault {
	enum fault_type type;
	uint64_t addr;          /* cap fault: CPtr; VM fault: address */
	uint64_t fsr;           /* VM fault FSR / user exception ESR */
	bool in_recv;           /* cap fault */
	bool prefetch;          /* VM fault */
	uint64_t syscall;       /* unknown syscall number */
	struct lookup_fault lf; /* cap fault */
};

#define TCB_NAME_MAX 48

struct tcb {
	struct user_context ctx;              /* first: entry.S saves here */
	struct cte slots[TCB_SLOTS];
	enum thread_state state;
	uint8_t prio, mcp, domain;
	uint8_t timeslice;
	uint64_t flags;                       /* seL4_TCBFlag */
	uint64_t fault_ep;                    /* CPtr */
	uint64_t ipc_buffer;                  /* user vaddr */
	/* blocking */
	void *blocked_on;                     /* endpoint or notification */
	uint64_t blocked_badge;
	bool blocked_grant, blocked_grant_reply, blocked_call;
	struct tcb *ep_next, *ep_prev;        /* endpoint/notification queue */
	/* scheduling */
	struct tcb *sched_next, *sched_prev;
	bool in_sched_queue;
	struct notification *bound_ntfn;
	struct fault fault;
	char name[TCB_NAME_MAX];
};

_Static_assert(sizeof(struct tcb) <= 2048, "TCB fits seL4_TCBBits");

enum ep_state { EP_IDLE = 0, EP_SEND = 1, EP_RECV = 2 };

struct endpoint {
	struct tcb *head, *tail;
	/* state is derived from the first waiter: idle when empty */
};
_Static_assert(sizeof(struct endpoint) <= 16, "endpoint size");

struct notification {
	struct tcb *head;
	uint64_t tail_active;   /* struct tcb * tail | active (bit 0) */
	uint64_t word;          /* accumulated badges */
	struct tcb *bound;
};
_Static_assert(sizeof(struct notification) <= 32, "notification size");

/* ---- endpoint and notification queues of waiting threads ---- */
static inline void tcb_queue_append(struct tcb **head, struct tcb **tail,
                                    struct tcb *t)
{
	t->ep_next = NULL;
	t->ep_prev = *tail;
	if (*tail)
		(*tail)->ep_next = t;
	else
		*head = t;
	*tail = t;
}

static inline void tcb_queue_remove(struct tcb **head, struct tcb **tail,
                                    struct tcb *t)
{
	if (t->ep_prev)
		t->ep_prev->ep_next = t->ep_next;
	else
		*head = t->ep_next;
	if (t->ep_next)
		t->ep_next->ep_prev = t->ep_prev;
	else
		*tail = t->ep_prev;
	t->ep_next = t->ep_prev = NULL;
}

/* ---- thread.c: scheduler and thread states ---- */
extern struct tcb *cur_thread;
/* The highest priority with a ready thread (the current one aside), or
 * -1 if none is ready. */
int sched_highest_prio(void);
/* Has nothing asked for a switch since the last schedule()? */
bool sched_idle_action(void);
void sched_enqueue(struct tcb *t);          /* at the head of its queue */
void sched_append(struct tcb *t);           /* at the tail */
void sched_dequeue(struct tcb *t);
void possible_switch_to(struct tcb *t);
void reschedule_required(void);
void set_thread_state(struct tcb *t, enum thread_state s);
bool thread_runnable(const struct tcb *t);
void thread_restart(struct tcb *t);
void thread_suspend(struct tcb *t);
void thread_set_priority(struct tcb *t, unsigned prio);
void sched_tick(void);
void sched_yield(void);
/* Pick the thread to run (waits for interrupts if there is none) and
 * make it ready to return to user mode. */
void schedule(void);
void tcb_init(struct tcb *t);
const char *tcb_name(const struct tcb *t);

/* ---- ipc.c ---- */
void ep_send(struct tcb *t, struct endpoint *ep, uint64_t badge,
             bool can_grant, bool can_grant_reply, bool blocking,
             bool is_call);
void ep_receive(struct tcb *t, struct endpoint *ep, struct cap ep_cap,
                bool blocking);
void ep_cancel_all(struct endpoint *ep);
void ep_cancel_badged_sends(struct endpoint *ep, uint64_t badge);
void ntfn_signal(struct notification *n, uint64_t badge);
void ntfn_receive(struct tcb *t, struct notification *n, bool blocking);
void ntfn_cancel_all(struct notification *n);
void ntfn_bind(struct notification *n, struct tcb *t);
void ntfn_unbind(struct notification *n);
void cancel_ipc(struct tcb *t);
void do_reply(struct tcb *replier, struct cte *reply_slot);
/* Send a fault on behalf of t (to its fault endpoint or the console). */
void handle_fault(struct tcb *t);

/* ---- syscall.c: message registers of a thread ---- */
uint64_t *tcb_ipc_buffer(struct tcb *t, bool writing);
uint64_t get_mr(struct tcb *t, uint64_t *buf, unsigned i);
void set_mr(struct tcb *t, uint64_t *buf, unsigned i, uint64_t v);
/* Look up a CPtr in t's CSpace (depth 64). */
bool lookup_cap_slot(struct tcb *t, uint64_t cptr, struct cte **slot,
                     struct lookup_fault *lf);

/* ---- cnode.c: deletion ---- */
void cte_delete(struct cte *slot);
void cte_revoke(struct cte *slot);
/* The same with a preemption point after each child: false if an
 * interrupt stopped it before the end. */
bool cte_revoke_preemptible(struct cte *slot);
/* seL4 deriveCap: 0 and the derived cap (possibly null), or an error. */
int derive_cap(struct cte *slot, struct cap c, struct cap *out);

/* ---- objects.c / arch ---- */
void obj_finalise(struct cap c, bool final);

#endif
