/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * shared_types.h: MessageInfo, CapRights, CNode cap data, the IPC buffer
 * and the register context of seL4 16.0.0 on AArch64.
 */
#ifndef SEL4_SHARED_TYPES_H
#define SEL4_SHARED_TYPES_H

#include <sel4/simple_types.h>
#include <sel4/constants.h>

/* seL4_MessageInfo_t: label<<12 | capsUnwrapped<<9 | extraCaps<<7 | length */
typedef struct seL4_MessageInfo {
	seL4_Uint64 words[1];
} seL4_MessageInfo_t;

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t
seL4_MessageInfo_new(seL4_Uint64 label, seL4_Uint64 capsUnwrapped,
                     seL4_Uint64 extraCaps, seL4_Uint64 length)
{
	seL4_MessageInfo_t m;

	m.words[0] = (label & 0xfffffffffffffUL) << 12 |
	             (capsUnwrapped & 7) << 9 | (extraCaps & 3) << 7 |
	             (length & 0x7f);
	return m;
}

#define SEL4_MI_FIELD(name, shift, mask)                                    \
LIBSEL4_INLINE_FUNC seL4_Uint64                                             \
seL4_MessageInfo_get_##name(seL4_MessageInfo_t m)                           \
{                                                                           \
	return (m.words[0] >> (shift)) & (mask);                            \
}                                                                           \
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t                                      \
seL4_MessageInfo_set_##name(seL4_MessageInfo_t m, seL4_Uint64 v)            \
{                                                                           \
	m.words[0] = (m.words[0] & ~((seL4_Uint64)(mask) << (shift))) |     \
	             (v & (mask)) << (shift);                               \
	return m;                                                           \
}
SEL4_MI_FIELD(label, 12, 0xfffffffffffffUL)
SEL4_MI_FIELD(capsUnwrapped, 9, 7)
SEL4_MI_FIELD(extraCaps, 7, 3)
SEL4_MI_FIELD(length, 0, 0x7f)
#undef SEL4_MI_FIELD

/* seL4_CapRights_t: bit 0 Write, 1 Read, 2 Grant, 3 GrantReply */
typedef struct seL4_CapRights {
	seL4_Uint64 words[1];
} seL4_CapRights_t;

LIBSEL4_INLINE_FUNC seL4_CapRights_t
seL4_CapRights_new(seL4_Uint64 grantReply, seL4_Uint64 grant,
                   seL4_Uint64 read, seL4_Uint64 write)
{
	seL4_CapRights_t r;

	r.words[0] = (grantReply & 1) << 3 | (grant & 1) << 2 |
	             (read & 1) << 1 | (write & 1);
	return r;
}

#define SEL4_CR_FIELD(name, bit)                                            \
LIBSEL4_INLINE_FUNC seL4_Uint64                                             \
seL4_CapRights_get_##name(seL4_CapRights_t r)                               \
{                                                                           \
	return (r.words[0] >> (bit)) & 1;                                   \
}                                                                           \
LIBSEL4_INLINE_FUNC seL4_CapRights_t                                        \
seL4_CapRights_set_##name(seL4_CapRights_t r, seL4_Uint64 v)                \
{                                                                           \
	r.words[0] = (r.words[0] & ~(1UL << (bit))) | (v & 1) << (bit);    \
	return r;                                                           \
}
SEL4_CR_FIELD(capAllowWrite, 0)
SEL4_CR_FIELD(capAllowRead, 1)
SEL4_CR_FIELD(capAllowGrant, 2)
SEL4_CR_FIELD(capAllowGrantReply, 3)
#undef SEL4_CR_FIELD

#define seL4_AllRights     seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead       seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite      seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant      seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)
#define seL4_ReadWrite     seL4_CapRights_new(0, 0, 1, 1)
#define seL4_NoWrite       seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead        seL4_CapRights_new(1, 1, 0, 1)
#define seL4_NoRights      seL4_CapRights_new(0, 0, 0, 0)

/* seL4_CNode_CapData: guard << 6 | guardSize */
typedef struct seL4_CNode_CapData {
	seL4_Uint64 words[1];
} seL4_CNode_CapData_t;

LIBSEL4_INLINE_FUNC seL4_CNode_CapData_t
seL4_CNode_CapData_new(seL4_Uint64 guard, seL4_Uint64 guardSize)
{
	seL4_CNode_CapData_t d;

	d.words[0] = (guard & 0x3ffffffffffffffUL) << 6 | (guardSize & 0x3f);
	return d;
}

LIBSEL4_INLINE_FUNC seL4_Uint64
seL4_CNode_CapData_get_guard(seL4_CNode_CapData_t d)
{
	return d.words[0] >> 6;
}

LIBSEL4_INLINE_FUNC seL4_Uint64
seL4_CNode_CapData_get_guardSize(seL4_CNode_CapData_t d)
{
	return d.words[0] & 0x3f;
}

/* The IPC buffer: 1024 bytes, 1024-aligned. */
typedef struct seL4_IPCBuffer_ {
	seL4_MessageInfo_t tag;
	seL4_Word msg[seL4_MsgMaxLength];
	seL4_Word userData;
	seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
	seL4_CPtr receiveCNode;
	seL4_CPtr receiveIndex;
	seL4_Word receiveDepth;
} seL4_IPCBuffer __attribute__((__aligned__(sizeof(struct seL4_IPCBuffer_))));

/* Read/WriteRegisters order (36 words). */
typedef struct seL4_UserContext_ {
	seL4_Word pc, sp, spsr, x0, x1, x2, x3, x4, x5, x6, x7, x8, x16, x17,
	          x18, x29, x30;
	seL4_Word x9, x10, x11, x12, x13, x14, x15, x19, x20, x21, x22, x23,
	          x24, x25, x26, x27, x28;
	seL4_Word tpidr_el0, tpidrro_el0;
} seL4_UserContext;

typedef struct seL4_ARM_SMCContext_ {
	seL4_Word x0, x1, x2, x3, x4, x5, x6, x7;
} seL4_ARM_SMCContext;

typedef seL4_Word seL4_VCPUReg;

#endif
