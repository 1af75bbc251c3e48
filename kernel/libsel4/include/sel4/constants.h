/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * constants.h: sizes, object types and errors of seL4 16.0.0, AArch64,
 * non-MCS, non-hypervisor, non-SMP (qemu-arm-virt defaults).
 */
#ifndef SEL4_CONSTANTS_H
#define SEL4_CONSTANTS_H

#include <sel4/simple_types.h>

#define seL4_WordBits           64
#define seL4_WordSizeBits       3
#define seL4_PageBits           12
#define seL4_SlotBits           5
#define seL4_TCBBits            11
#define seL4_EndpointBits       4
#define seL4_NotificationBits   5
#define seL4_PageTableBits      12
#define seL4_PageTableEntryBits 3
#define seL4_PageTableIndexBits 9
#define seL4_VSpaceBits         12
#define seL4_VSpaceIndexBits    9
#define seL4_ARM_VCPUBits       12
#define seL4_LargePageBits      21
#define seL4_HugePageBits       30
#define seL4_ASIDPoolBits       12
#define seL4_ASIDPoolIndexBits  9
#define seL4_NumASIDPoolsBits   7
#define seL4_IPCBufferSizeBits  10
#define seL4_MinUntypedBits     4
#define seL4_MaxUntypedBits     47
#define seL4_UntypedRetypeMaxObjects 256
#define seL4_BootInfoFrameBits  12
#define seL4_FastMessageRegisters 4
#define seL4_UserTop            0x00007fffffffffffUL
#define seL4_UserVSpaceTop      seL4_UserTop
#define seL4_MaxPrio            255
#define seL4_MinPrio            0
#define seL4_NumDomains         1

/* Deprecated names kept by libsel4. */
#define seL4_PageDirBits        seL4_PageTableBits
#define seL4_PUDBits            seL4_PageTableBits
#define seL4_PGDBits            seL4_VSpaceBits

/* MessageInfo limits. */
#define seL4_MsgLengthBits      7
#define seL4_MsgExtraCapBits    2
#define seL4_MsgMaxLength       120
#define seL4_MsgMaxExtraCaps    ((1 << seL4_MsgExtraCapBits) - 1)

#define seL4_GuardSizeBits      6
#define seL4_GuardBits          58
#define seL4_BadgeBits          64

#ifndef __ASSEMBLER__
typedef enum {
	seL4_UntypedObject = 0,
	seL4_TCBObject = 1,
	seL4_EndpointObject = 2,
	seL4_NotificationObject = 3,
	seL4_CapTableObject = 4,
	seL4_NonArchObjectTypeCount = 5,
	seL4_ARM_HugePageObject = seL4_NonArchObjectTypeCount,
	seL4_ARM_VSpaceObject = 6,
	seL4_ModeObjectTypeCount = 7,
	seL4_ARM_SmallPageObject = seL4_ModeObjectTypeCount,
	seL4_ARM_LargePageObject = 8,
	seL4_ARM_PageTableObject = 9,
	seL4_ObjectTypeCount = 10,
} seL4_ObjectType;

#define seL4_ARM_VCPUObject 0xfffe
#define seL4_ARM_PageDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_PageUpperDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_PageGlobalDirectoryObject seL4_ARM_VSpaceObject

typedef seL4_Word seL4_ArchObjectType;

typedef enum {
	seL4_NoError = 0,
	seL4_InvalidArgument = 1,
	seL4_InvalidCapability = 2,
	seL4_IllegalOperation = 3,
	seL4_RangeError = 4,
	seL4_AlignmentError = 5,
	seL4_FailedLookup = 6,
	seL4_TruncatedMessage = 7,
	seL4_DeleteFirst = 8,
	seL4_RevokeFirst = 9,
	seL4_NotEnoughMemory = 10,
	seL4_NumErrors = 11,
} seL4_Error;

/* Lookup failure types, as user space sees them: MR1 of a FailedLookup
 * error and MR3 of a CapFault. */
typedef enum {
	seL4_NoFailure = 0,
	seL4_InvalidRoot = 1,
	seL4_MissingCapability = 2,
	seL4_DepthMismatch = 3,
	seL4_GuardMismatch = 4,
} seL4_LookupFailureType;

/* Fault labels (non-MCS). */
typedef enum {
	seL4_Fault_NullFault = 0,
	seL4_Fault_CapFault = 1,
	seL4_Fault_UnknownSyscall = 2,
	seL4_Fault_UserException = 3,
	seL4_Fault_VMFault = 5,
} seL4_FaultType;

/* Fault message register indices. */
enum {
	seL4_CapFault_IP = 0,
	seL4_CapFault_Addr = 1,
	seL4_CapFault_InRecvPhase = 2,
	seL4_CapFault_LookupFailureType = 3,
	seL4_CapFault_BitsLeft = 4,
	seL4_CapFault_DepthMismatch_BitsFound = 5,
	seL4_CapFault_GuardMismatch_GuardFound = 5,
	seL4_CapFault_GuardMismatch_BitsFound = 6,
};
enum {
	seL4_UnknownSyscall_X0 = 0, seL4_UnknownSyscall_X1,
	seL4_UnknownSyscall_X2, seL4_UnknownSyscall_X3,
	seL4_UnknownSyscall_X4, seL4_UnknownSyscall_X5,
	seL4_UnknownSyscall_X6, seL4_UnknownSyscall_X7,
	seL4_UnknownSyscall_FaultIP, seL4_UnknownSyscall_SP,
	seL4_UnknownSyscall_LR, seL4_UnknownSyscall_SPSR,
	seL4_UnknownSyscall_Syscall, seL4_UnknownSyscall_Length,
};
enum {
	seL4_UserException_FaultIP = 0, seL4_UserException_SP,
	seL4_UserException_SPSR, seL4_UserException_Number,
	seL4_UserException_Code, seL4_UserException_Length,
};
enum {
	seL4_VMFault_IP = 0, seL4_VMFault_Addr, seL4_VMFault_PrefetchFault,
	seL4_VMFault_FSR, seL4_VMFault_Length,
};

/* seL4_ARM_VMAttributes */
typedef enum {
	seL4_ARM_PageCacheable = 0x01,
	seL4_ARM_ParityEnabled = 0x02,
	seL4_ARM_Default_VMAttributes = 0x03,
	seL4_ARM_ExecuteNever = 0x04,
} seL4_ARM_VMAttributes;

/* TCB flags (TCB_SetFlags). */
typedef enum {
	seL4_TCBFlag_NoFlag = 0x0,
	seL4_TCBFlag_fpuDisabled = 0x1,
	seL4_TCBFlag_MASK = 0x1,
} seL4_TCBFlag;
#endif

#endif
