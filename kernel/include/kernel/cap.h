/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cap.h: capabilities.  A cap is two 64-bit words:
 *
 *   w0  63..59 type (the seL4 cap-type tag DebugCapIdentify returns)
 *       58..48 small per-type fields (below)
 *       47..0  physical address of the object (0 for caps to no object)
 *   w1  per-type word (badge, guard, free index, mapping, IRQ ...)
 *
 * Objects are reached through the kernel's physical-memory window
 * (cap_obj_ptr).  Pure C: also built into the host unit tests, where
 * "physical addresses" are plain host pointers (KADDR_OFFSET = 0).
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <stdbool.h>
#include <stdint.h>

#ifdef KERNEL_HOST_TEST
#define KADDR_OFFSET 0ul
#else
#include <arch/vmlayout.h>
#define KADDR_OFFSET KERNEL_VOFFSET
#endif

typedef uint64_t word_t;

static inline void *paddr_to_kptr(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + KADDR_OFFSET);
}

static inline uint64_t kptr_to_paddr(const void *p)
{
	return (uint64_t)(uintptr_t)p - KADDR_OFFSET;
}

/* Cap types: the values are seL4's AArch64 cap tags (DebugCapIdentify). */
enum cap_type {
	CAP_NULL = 0,
	CAP_FRAME = 1,
	CAP_UNTYPED = 2,
	CAP_PAGE_TABLE = 3,
	CAP_ENDPOINT = 4,
	CAP_NOTIFICATION = 6,
	CAP_REPLY = 8,
	CAP_VSPACE = 9,
	CAP_CNODE = 10,
	CAP_ASID_CONTROL = 11,
	CAP_THREAD = 12,
	CAP_ASID_POOL = 13,
	CAP_IRQ_CONTROL = 14,
	CAP_IRQ_HANDLER = 16,
	CAP_ZOMBIE = 18,
	CAP_DOMAIN = 20,
};

/* Endpoint and notification rights (seL4_CapRights_t bits). */
#define RIGHT_WRITE       1u
#define RIGHT_READ        2u
#define RIGHT_GRANT       4u
#define RIGHT_GRANT_REPLY 8u
#define RIGHTS_ALL        15u

/* Frame sizes. */
enum frame_size { FRAME_4K = 0, FRAME_2M = 1, FRAME_1G = 2 };

struct cap {
	uint64_t w0, w1;
};

#define CAP_PADDR_MASK ((UINT64_C(1) << 48) - 1)

static inline struct cap cap_make(enum cap_type t, uint64_t paddr,
                                  unsigned small, uint64_t w1)
{
	struct cap c;

	c.w0 = (uint64_t)t << 59 | (uint64_t)(small & 0x7ff) << 48 |
	       (paddr & CAP_PADDR_MASK);
	c.w1 = w1;
	return c;
}

static inline struct cap cap_null(void)
{
	struct cap c = { 0, 0 };

	return c;
}

static inline enum cap_type cap_type(struct cap c)
{
	return (enum cap_type)(c.w0 >> 59);
}

static inline uint64_t cap_paddr(struct cap c)
{
	return c.w0 & CAP_PADDR_MASK;
}

static inline void *cap_obj_ptr(struct cap c)
{
	return paddr_to_kptr(cap_paddr(c));
}

static inline unsigned cap_small(struct cap c)
{
	return (unsigned)(c.w0 >> 48) & 0x7ff;
}

static inline struct cap cap_set_small(struct cap c, unsigned small)
{
	c.w0 = (c.w0 & ~(UINT64_C(0x7ff) << 48)) |
	       (uint64_t)(small & 0x7ff) << 48;
	return c;
}

/* ---- untyped: small = sizeBits | isDevice << 6; w1 = free index (bytes
 * already used, in units of 16 bytes, as seL4 counts it) ---- */
#define UT_MIN_BITS 4

static inline struct cap cap_untyped(uint64_t paddr, unsigned size_bits,
                                     bool device, uint64_t free_index)
{
	return cap_make(CAP_UNTYPED, paddr, size_bits | (unsigned)device << 6,
	                free_index);
}

static inline unsigned cap_untyped_bits(struct cap c)
{
	return cap_small(c) & 0x3f;
}

static inline bool cap_untyped_device(struct cap c)
{
	return (cap_small(c) >> 6) & 1;
}

static inline uint64_t cap_untyped_free_index(struct cap c)
{
	return c.w1;
}

/* ---- endpoint / notification: small = rights; w1 = badge ---- */
static inline struct cap cap_endpoint(uint64_t paddr, unsigned rights,
                                      uint64_t badge)
{
	return cap_make(CAP_ENDPOINT, paddr, rights & RIGHTS_ALL, badge);
}

static inline struct cap cap_notification(uint64_t paddr, unsigned rights,
                                          uint64_t badge)
{
	return cap_make(CAP_NOTIFICATION, paddr,
	                rights & (RIGHT_WRITE | RIGHT_READ), badge);
}

static inline unsigned cap_rights(struct cap c)
{
	return cap_small(c) & RIGHTS_ALL;
}

static inline uint64_t cap_badge(struct cap c)
{
	return c.w1;
}

/* ---- reply: paddr = the caller TCB; small = master | can_grant << 1 ---- */
static inline struct cap cap_reply(uint64_t tcb_paddr, bool master,
                                   bool can_grant)
{
	return cap_make(CAP_REPLY, tcb_paddr,
	                (unsigned)master | (unsigned)can_grant << 1, 0);
}

static inline bool cap_reply_master(struct cap c)
{
	return cap_small(c) & 1;
}

static inline bool cap_reply_can_grant(struct cap c)
{
	return (cap_small(c) >> 1) & 1;
}

/* ---- CNode: small = radix; w1 = guard << 6 | guard size ---- */
static inline struct cap cap_cnode(uint64_t paddr, unsigned radix,
                                   uint64_t guard, unsigned guard_size)
{
	return cap_make(CAP_CNODE, paddr, radix,
	                guard << 6 | (guard_size & 0x3f));
}

static inline unsigned cap_cnode_radix(struct cap c)
{
	return cap_small(c) & 0x3f;
}

static inline unsigned cap_cnode_guard_size(struct cap c)
{
	return (unsigned)(c.w1 & 0x3f);
}

static inline uint64_t cap_cnode_guard(struct cap c)
{
	return c.w1 >> 6;
}

/* ---- thread ---- */
static inline struct cap cap_thread(uint64_t paddr)
{
	return cap_make(CAP_THREAD, paddr, 0, 0);
}

/* ---- frame: small = size | R << 2 | W << 3 | device << 4 | mapped << 5;
 * w1 = mapped vaddr | ASID << 48 ---- */
#define VM_READ  1u
#define VM_WRITE 2u

static inline struct cap cap_frame(uint64_t paddr, enum frame_size size,
                                   unsigned vm_rights, bool device)
{
	return cap_make(CAP_FRAME, paddr,
	                size | (vm_rights & 3) << 2 | (unsigned)device << 4, 0);
}

static inline enum frame_size cap_frame_size(struct cap c)
{
	return (enum frame_size)(cap_small(c) & 3);
}

static inline unsigned cap_frame_size_bits(struct cap c)
{
	return 12 + 9 * (unsigned)cap_frame_size(c);
}

static inline unsigned cap_frame_vm_rights(struct cap c)
{
	return (cap_small(c) >> 2) & 3;
}

static inline bool cap_frame_device(struct cap c)
{
	return (cap_small(c) >> 4) & 1;
}

/* Page tables, VSpaces and frames share "mapped" at small bit 5 and the
 * mapping in w1. */
static inline bool cap_is_mapped(struct cap c)
{
	return (cap_small(c) >> 5) & 1;
}

static inline uint64_t cap_mapped_vaddr(struct cap c)
{
	return c.w1 & CAP_PADDR_MASK;
}

static inline unsigned cap_mapped_asid(struct cap c)
{
	return (unsigned)(c.w1 >> 48);
}

static inline struct cap cap_set_mapping(struct cap c, unsigned asid,
                                         uint64_t vaddr)
{
	c = cap_set_small(c, cap_small(c) | 1u << 5);
	c.w1 = (uint64_t)asid << 48 | (vaddr & CAP_PADDR_MASK);
	return c;
}

static inline struct cap cap_clear_mapping(struct cap c)
{
	c = cap_set_small(c, cap_small(c) & ~(1u << 5));
	c.w1 = 0;
	return c;
}

static inline struct cap cap_page_table(uint64_t paddr)
{
	return cap_make(CAP_PAGE_TABLE, paddr, 0, 0);
}

static inline struct cap cap_vspace(uint64_t paddr)
{
	return cap_make(CAP_VSPACE, paddr, 0, 0);
}

/* ---- ASID pool: w1 = first ASID of the pool ---- */
static inline struct cap cap_asid_pool(uint64_t paddr, unsigned base)
{
	return cap_make(CAP_ASID_POOL, paddr, 0, base);
}

/* ---- IRQ handler: w1 = INTID ---- */
static inline struct cap cap_irq_handler(unsigned irq)
{
	return cap_make(CAP_IRQ_HANDLER, 0, 0, irq);
}

static inline struct cap cap_simple(enum cap_type t)
{
	return cap_make(t, 0, 0, 0);
}

/* ---- generic ---- */

/* Size in bits of the memory the cap's object occupies (0: no memory). */
unsigned cap_object_bits(struct cap c);

/* Does b lie within a's region (seL4 sameRegionAs)? */
bool cap_same_region(struct cap a, struct cap b);
/* Are a and b caps to the same object (seL4 sameObjectAs)? */
bool cap_same_object(struct cap a, struct cap b);

/* Rights masking for Copy/Mint (seL4 maskCapRights); rights = CapRights
 * word bits. */
struct cap cap_mask_rights(struct cap c, unsigned rights);

/*
 * Apply cap data (seL4 updateCapData): the badge for endpoints and
 * notifications (only when !preserve and the cap is unbadged, else the
 * result is null), the guard for CNodes (null if guard size + radix > 64).
 * Other caps are unchanged.
 */
struct cap cap_update_data(bool preserve, uint64_t data, struct cap c);

/* Is the new cap, derived from src, revocable (a CDT parent)? */
bool cap_is_revocable(struct cap new_cap, struct cap src);

#endif
