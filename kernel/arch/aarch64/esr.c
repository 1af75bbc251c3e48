/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * esr.c: human-readable exception syndromes for panic reports.
 * Part of the panic path (may run with the MMU off): switches returning
 * string literals, no tables of pointers.  Host-tested.
 */
#include <arch/esr.h>
#include <kernel/kprintf.h>

const char *esr_class_name(unsigned ec)
{
	switch (ec) {
	case EC_UNKNOWN:       return "unknown reason (undefined instruction)";
	case EC_WFX:           return "trapped WFI/WFE";
	case EC_FP_ACCESS:     return "trapped FP/SIMD access";
	case EC_ILLEGAL_STATE: return "illegal execution state";
	case EC_SVC64:         return "SVC (system call)";
	case EC_HVC64:         return "HVC";
	case EC_SMC64:         return "SMC";
	case EC_SYSREG:        return "trapped system register access";
	case EC_IABT_LOWER:    return "instruction abort, lower EL";
	case EC_IABT_CUR:      return "instruction abort, same EL";
	case EC_PC_ALIGN:      return "PC alignment fault";
	case EC_DABT_LOWER:    return "data abort, lower EL";
	case EC_DABT_CUR:      return "data abort, same EL";
	case EC_SP_ALIGN:      return "SP alignment fault";
	case EC_FP_EXC64:      return "floating-point exception";
	case EC_SERROR:        return "SError";
	case EC_BRK64:         return "BRK instruction";
	default:               return "unhandled exception class";
	}
}

const char *esr_fault_status_name(unsigned fsc)
{
	/* Codes 0x00..0x0f carry the translation level in bits 1..0. */
	switch (fsc & 0x3c) {
	case 0x00: return "address size fault";
	case 0x04: return "translation fault";
	case 0x08: return "access flag fault";
	case 0x0c: return "permission fault";
	default:   break;
	}
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	default:   return NULL;
	}
}

int esr_describe(uint64_t esr, char *buf, size_t size)
{
	unsigned ec = ESR_EC(esr);
	unsigned fsc = (unsigned)esr & 0x3f;
	const char *status, *access = "";

	switch (ec) {
	case EC_DABT_LOWER:
	case EC_DABT_CUR:
		access = (esr & ESR_WNR) ? ", write" : ", read";
		break;
	case EC_IABT_LOWER:
	case EC_IABT_CUR:
		break;
	default:
		return ksnprintf(buf, size, "%s (EC 0x%02x)",
		                 esr_class_name(ec), ec);
	}
	status = esr_fault_status_name(fsc);
	if (!status)
		return ksnprintf(buf, size, "%s: fault status 0x%02x%s",
		                 esr_class_name(ec), fsc, access);
	if (fsc < 0x10)
		return ksnprintf(buf, size, "%s: %s, level %u%s",
		                 esr_class_name(ec), status, fsc & 3, access);
	return ksnprintf(buf, size, "%s: %s%s", esr_class_name(ec), status,
	                 access);
}
