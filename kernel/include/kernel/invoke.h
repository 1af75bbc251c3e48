/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * invoke.h: decoding and performing invocations of kernel objects.
 *
 * syscall.c fills a struct invocation for Call/Send/NBSend on a cap that
 * is not an endpoint, notification or reply cap, and calls the decoder of
 * the cap's type.  A decoder returns 0 (success; it may put reply words in
 * inv->reply) or a seL4_Error with its message registers in inv->err
 * (helpers below).  The error or reply goes back only for Call.
 */
#ifndef KERNEL_INVOKE_H
#define KERNEL_INVOKE_H

#include <kernel/object.h>
#include <sel4/constants.h>
#include <sel4/invocation.h>

#define INV_MAX_REPLY 40

/* A decoder's result besides 0 and the seL4 errors: the operation was
 * preempted (kernel/irq.h); the caller stays in Restart, gets no reply,
 * and runs the system call again after the interrupt. */
#define INV_PREEMPTED (-1)

struct invocation {
	struct tcb *thread;
	uint64_t *buf;                  /* the caller's IPC buffer or NULL */
	struct cte *slot;               /* the invoked cap */
	struct cap cap;
	uint64_t label;
	unsigned length;
	unsigned n_extra;
	struct cte *extra[3];           /* extra caps' slots */
	bool call;
	unsigned err_len;
	uint64_t err[5];
	unsigned reply_len;
	uint64_t reply[INV_MAX_REPLY];
};

static inline uint64_t inv_mr(struct invocation *inv, unsigned i)
{
	return get_mr(inv->thread, inv->buf, i);
}

static inline struct cap inv_extra(struct invocation *inv, unsigned i)
{
	return i < inv->n_extra ? inv->extra[i]->cap : cap_null();
}

int inv_invalid_arg(struct invocation *inv, unsigned arg);
int inv_invalid_cap(struct invocation *inv, unsigned cap);
int inv_range(struct invocation *inv, uint64_t lo, uint64_t hi);
int inv_failed_lookup(struct invocation *inv, bool source,
                      const struct lookup_fault *lf);
int inv_missing_cap(struct invocation *inv, bool source, unsigned bits);
int inv_not_enough_memory(struct invocation *inv, uint64_t free_bytes);

/*
 * seL4 lookupSlotForCNodeOp / lookupTargetSlot: resolve (index, depth)
 * from the CNode cap root; errors become FailedLookup or RangeError.
 */
int inv_lookup_slot(struct invocation *inv, bool source, struct cap root,
                    uint64_t index, uint64_t depth, struct cte **slot);

/* Decoders, one per cap type. */
int decode_untyped(struct invocation *inv);
int decode_cnode(struct invocation *inv);
int decode_tcb(struct invocation *inv);
int decode_irq_control(struct invocation *inv);
int decode_irq_handler(struct invocation *inv);
int decode_domain(struct invocation *inv);
int decode_arch(struct invocation *inv);    /* frames, tables, ASIDs */

#endif
