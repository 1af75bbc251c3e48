/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * thread.c: thread states and the scheduler, as seL4's non-MCS one:
 * 256 priorities, one FIFO queue each, the running thread outside the
 * queues, round robin within a priority with a time slice of 5 ticks,
 * and a scheduler action (resume the current thread, switch to a given
 * thread, or choose the best) decided at the end of every kernel entry.
 */
#include <stddef.h>
#include <kernel/assert.h>
#include <kernel/kprintf.h>
#include <kernel/object.h>
#include <kernel/string.h>
#include <kernel/irq.h>

#define NUM_PRIOS  256
#define TIME_SLICE 5

struct tcb *cur_thread;

static struct {
	struct tcb *head, *tail;
} queues[NUM_PRIOS];
static uint64_t queue_bitmap[NUM_PRIOS / 64];

/* Scheduler action: resume cur_thread, switch to action_tcb, or choose. */
enum { ACT_RESUME, ACT_SWITCH_TO, ACT_CHOOSE_NEW };
static int action = ACT_RESUME;
static struct tcb *action_tcb;

const char *tcb_name(const struct tcb *t)
{
	return t->name[0] ? t->name : "(unnamed)";
}

void tcb_init(struct tcb *t)
{
	memset(t, 0, sizeof(*t));
	t->ctx.spsr = PSTATE_USER;
	t->state = TS_INACTIVE;
	t->timeslice = TIME_SLICE;
	/* The master reply cap: every reply cap to this thread derives
	 * from it, so deleting the thread can revoke them. */
	cdt_insert_root(&t->slots[TCB_REPLY],
	                cap_reply(kptr_to_paddr(t), true, true), true);
}

bool thread_runnable(const struct tcb *t)
{
	return t->state == TS_RUNNING || t->state == TS_RESTART;
}

void sched_enqueue(struct tcb *t)
{
	unsigned p = t->prio;

	KASSERT(thread_runnable(t));
	if (t->in_sched_queue)
		return;
	t->sched_prev = NULL;
	t->sched_next = queues[p].head;
	if (queues[p].head)
		queues[p].head->sched_prev = t;
	else
		queues[p].tail = t;
	queues[p].head = t;
	queue_bitmap[p / 64] |= UINT64_C(1) << (p % 64);
	t->in_sched_queue = true;
}

void sched_append(struct tcb *t)
{
	unsigned p = t->prio;

	KASSERT(thread_runnable(t));
	if (t->in_sched_queue)
		return;
	t->sched_next = NULL;
	t->sched_prev = queues[p].tail;
	if (queues[p].tail)
		queues[p].tail->sched_next = t;
	else
		queues[p].head = t;
	queues[p].tail = t;
	queue_bitmap[p / 64] |= UINT64_C(1) << (p % 64);
	t->in_sched_queue = true;
}

void sched_dequeue(struct tcb *t)
{
	unsigned p = t->prio;

	if (!t->in_sched_queue)
		return;
	if (t->sched_prev)
		t->sched_prev->sched_next = t->sched_next;
	else
		queues[p].head = t->sched_next;
	if (t->sched_next)
		t->sched_next->sched_prev = t->sched_prev;
	else
		queues[p].tail = t->sched_prev;
	if (!queues[p].head)
		queue_bitmap[p / 64] &= ~(UINT64_C(1) << (p % 64));
	t->in_sched_queue = false;
	t->sched_next = t->sched_prev = NULL;
}

static int highest_prio(void)
{
	for (int i = NUM_PRIOS / 64 - 1; i >= 0; i--)
		if (queue_bitmap[i])
			return i * 64 + 63 - __builtin_clzll(queue_bitmap[i]);
	return -1;
}

int sched_highest_prio(void)
{
	return highest_prio();
}

bool sched_idle_action(void)
{
	return action == ACT_RESUME;
}

void reschedule_required(void)
{
	if (action == ACT_SWITCH_TO)
		sched_enqueue(action_tcb);
	action = ACT_CHOOSE_NEW;
}

void possible_switch_to(struct tcb *t)
{
	if (action != ACT_RESUME) {
		reschedule_required();
		sched_enqueue(t);
	} else {
		action = ACT_SWITCH_TO;
		action_tcb = t;
	}
}

void set_thread_state(struct tcb *t, enum thread_state s)
{
	t->state = s;
	if (!thread_runnable(t))
		sched_dequeue(t);
	if (t == cur_thread && action == ACT_RESUME && !thread_runnable(t))
		reschedule_required();
}

void thread_set_priority(struct tcb *t, unsigned prio)
{
	bool queued = t->in_sched_queue;

	sched_dequeue(t);
	t->prio = (uint8_t)prio;
	if (queued && thread_runnable(t)) {
		sched_enqueue(t);
		reschedule_required();
	} else if (thread_runnable(t) && t != cur_thread) {
		possible_switch_to(t);
	} else if (t == cur_thread) {
		reschedule_required();
	}
}

/* seL4 restart(): a stopped thread starts again at its restart PC. */
void thread_restart(struct tcb *t)
{
	if (t->state != TS_INACTIVE && t->state != TS_BLOCKED_ON_RECEIVE &&
	    t->state != TS_BLOCKED_ON_SEND && t->state != TS_BLOCKED_ON_REPLY &&
	    t->state != TS_BLOCKED_ON_NOTIFICATION)
		return;
	cancel_ipc(t);
	set_thread_state(t, TS_RESTART);
	sched_enqueue(t);
	possible_switch_to(t);
}

void thread_suspend(struct tcb *t)
{
	cancel_ipc(t);
	if (t->state == TS_RUNNING) {
		/* a running thread resumes after the system call it was in */
		t->ctx.fault_ip = t->ctx.elr;
	}
	set_thread_state(t, TS_INACTIVE);
	sched_dequeue(t);
	/* never switch to a thread that has stopped (or is being deleted) */
	if (action == ACT_SWITCH_TO && action_tcb == t)
		action = ACT_CHOOSE_NEW;
}

void sched_tick(void)
{
	struct tcb *t = cur_thread;

	if (!t || !thread_runnable(t))
		return;
	if (t->timeslice > 1) {
		t->timeslice--;
		return;
	}
	t->timeslice = TIME_SLICE;
	sched_append(t);
	reschedule_required();
}

void sched_yield(void)
{
	sched_dequeue(cur_thread);
	sched_append(cur_thread);
	reschedule_required();
}

static void switch_to(struct tcb *t)
{
	sched_dequeue(t);
	cur_thread = t;
}

static void choose_thread(void)
{
	int p;

	while ((p = highest_prio()) < 0) {
		/* Nothing to run: wait for an interrupt to wake someone. */
		cur_thread = NULL;
		irq_wait();
	}
	switch_to(queues[p].head);
}

void schedule(void)
{
	if (action != ACT_RESUME) {
		bool was_runnable = cur_thread && thread_runnable(cur_thread);

		if (was_runnable)
			sched_enqueue(cur_thread);
		if (action == ACT_SWITCH_TO && !thread_runnable(action_tcb))
			action = ACT_CHOOSE_NEW;
		if (action == ACT_CHOOSE_NEW) {
			choose_thread();
		} else {
			struct tcb *c = action_tcb;
			int best = highest_prio();
			bool fastfail = !was_runnable || c->prio < cur_thread->prio;

			if (fastfail && best > c->prio) {
				sched_enqueue(c);
				choose_thread();
			} else if (was_runnable && c->prio == cur_thread->prio) {
				sched_append(c);
				choose_thread();
			} else {
				switch_to(c);
			}
		}
		action = ACT_RESUME;
	}
	while (!cur_thread || !thread_runnable(cur_thread)) {
		action = ACT_CHOOSE_NEW;
		choose_thread();
		action = ACT_RESUME;
	}
	KASSERT(!cur_thread->in_sched_queue);
	/* Restart: resume at the restart PC (seL4 activateThread). */
	if (cur_thread->state == TS_RESTART) {
		cur_thread->ctx.elr = cur_thread->ctx.fault_ip;
		cur_thread->state = TS_RUNNING;
	}
}
