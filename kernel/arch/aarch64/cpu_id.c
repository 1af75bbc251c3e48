/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu_id.c: CPU names for the boot banner.  Uses a table of pointers, so it
 * must not be called before the MMU is on (it is not in the early set).
 */
#include <arch/cpu_id.h>
#include <kernel/compiler.h>
#include <kernel/kprintf.h>

struct cpu_part {
	unsigned implementer;
	unsigned partnum;
	const char *name;
};

static const struct cpu_part parts[] = {
	{ 0x41, 0xd03, "Cortex-A53" },
	{ 0x41, 0xd04, "Cortex-A35" },
	{ 0x41, 0xd05, "Cortex-A55" },
	{ 0x41, 0xd07, "Cortex-A57" },
	{ 0x41, 0xd08, "Cortex-A72" },
	{ 0x41, 0xd09, "Cortex-A73" },
	{ 0x41, 0xd0a, "Cortex-A75" },
	{ 0x41, 0xd0b, "Cortex-A76" },
	{ 0x41, 0xd0c, "Neoverse-N1" },
	{ 0x41, 0xd0d, "Cortex-A77" },
	{ 0x41, 0xd40, "Neoverse-V1" },
	{ 0x41, 0xd41, "Cortex-A78" },
	{ 0x41, 0xd46, "Cortex-A510" },
	{ 0x41, 0xd47, "Cortex-A710" },
	{ 0x41, 0xd49, "Neoverse-N2" },
	{ 0x41, 0xd4f, "Neoverse-V2" },
};

static const char *implementer_name(unsigned impl)
{
	switch (impl) {
	case 0x00: return "software (0x00)";  /* e.g. QEMU -cpu max */
	case 0x41: return "ARM";
	case 0x42: return "Broadcom";
	case 0x43: return "Cavium";
	case 0x4e: return "NVIDIA";
	case 0x51: return "Qualcomm";
	case 0x61: return "Apple";
	default:   return NULL;
	}
}

int midr_describe(uint64_t midr, char *buf, size_t size)
{
	unsigned impl = MIDR_IMPLEMENTER(midr);
	unsigned part = MIDR_PARTNUM(midr);
	const char *iname = implementer_name(impl);
	const char *pname = NULL;
	char ibuf[24];

	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].implementer == impl && parts[i].partnum == part)
			pname = parts[i].name;
	if (!iname) {
		ksnprintf(ibuf, sizeof(ibuf), "implementer 0x%02x", impl);
		iname = ibuf;
	}
	if (pname)
		return ksnprintf(buf, size, "%s %s r%up%u", iname, pname,
		                 MIDR_VARIANT(midr), MIDR_REVISION(midr));
	return ksnprintf(buf, size, "%s part 0x%03x r%up%u", iname, part,
	                 MIDR_VARIANT(midr), MIDR_REVISION(midr));
}
