/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arch_compat.h: architecture-neutral and deprecated names that seL4
 * user code (e.g. the CapDL loader) uses on AArch64, mapped onto the
 * AArch64 invocations.  Names only: no ABI of their own.
 */
#ifndef SEL4_ARCH_COMPAT_H
#define SEL4_ARCH_COMPAT_H

#define seL4_BootInfoFrameSize (1ul << seL4_BootInfoFrameBits)
#define seL4_CapRightsBits 4

typedef seL4_ARM_VMAttributes seL4_ARCH_VMAttributes;
typedef seL4_ARM_Page_GetAddress_t seL4_ARCH_Page_GetAddress_t;
#define seL4_ARCH_Default_VMAttributes  seL4_ARM_Default_VMAttributes
#define seL4_ARCH_Uncached_VMAttributes ((seL4_ARM_VMAttributes)0)
#define seL4_ARCH_Page_Map              seL4_ARM_Page_Map
#define seL4_ARCH_Page_Unmap            seL4_ARM_Page_Unmap
#define seL4_ARCH_Page_GetAddress       seL4_ARM_Page_GetAddress
#define seL4_ARCH_PageTable_Map         seL4_ARM_PageTable_Map
#define seL4_ARCH_PageTable_Unmap       seL4_ARM_PageTable_Unmap
#define seL4_ARCH_ASIDPool_Assign       seL4_ARM_ASIDPool_Assign
#define seL4_ARCH_ASIDControl_MakePool  seL4_ARM_ASIDControl_MakePool
#define seL4_ARCH_4KPage                seL4_ARM_SmallPageObject
#define seL4_ARCH_LargePageObject       seL4_ARM_LargePageObject

/* Since 13.0.0 every non-root table is a PageTable (reference 4.1). */
#define seL4_ARM_PageDirectory_Map       seL4_ARM_PageTable_Map
#define seL4_ARM_PageDirectory_Unmap     seL4_ARM_PageTable_Unmap
#define seL4_ARM_PageUpperDirectory_Map  seL4_ARM_PageTable_Map
#define seL4_ARM_PageUpperDirectory_Unmap seL4_ARM_PageTable_Unmap

#endif
