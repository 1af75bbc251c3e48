/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * keywords.h: the words CapDL gives a meaning to. Only "objects" and
 * "caps" are reserved; every other keyword is an ordinary identifier whose
 * symbol carries its keyword number (sym->kw), so the stages that give it
 * a meaning in context test a number instead of comparing strings.
 */
#ifndef CAPDLC_KEYWORDS_H
#define CAPDLC_KEYWORDS_H

#define KEYWORDS(X)                                                            \
	/* sizes and values */                                                 \
	X(BITS, "bits") X(K, "k") X(M, "M") X(TRUE, "True") X(FALSE, "False")  \
	X(LEVEL, "level") X(EDGE, "edge")                                      \
	/* object parameters */                                                \
	X(PADDR, "paddr") X(ADDR, "addr") X(IP, "ip") X(SP, "sp")              \
	X(PRIO, "prio") X(MAX_PRIO, "max_prio") X(AFFINITY, "affinity")        \
	X(RESUME, "resume") X(FPU_DISABLED, "fpu_disabled")                    \
	X(FAULT_EP, "fault_ep") X(DOM, "dom") X(INIT, "init")                  \
	X(PERIOD, "period") X(BUDGET, "budget") X(DATA, "data")                \
	X(ASID_HIGH, "asid_high") X(TRIGGER, "trigger") X(TARGET, "target")    \
	X(IRQ, "irq") X(BANK, "bank") X(IOSPACE, "iospace")                    \
	X(DOMAINID, "domainID") X(PORTS, "ports") X(IOAPIC_NUM, "ioapic_num")  \
	X(IOAPIC_PIN, "ioapic_pin") X(IOAPIC_LEVEL, "ioapic_level")            \
	X(IOAPIC_POLARITY, "ioapic_polarity") X(MSI_HANDLE, "msi_handle")      \
	X(MSI_PCI_BUS, "msi_pci_bus") X(MSI_PCI_DEV, "msi_pci_dev")            \
	X(MSI_PCI_FUN, "msi_pci_fun") X(FILL, "fill")                          \
	X(ELF, "elf") X(CRIT, "crit") X(MAX_CRIT, "max_crit")                  \
	/* cap parameters */                                                   \
	X(REPLY, "reply") X(MASTER_REPLY, "master_reply") X(CACHED, "cached")  \
	X(UNCACHED, "uncached") X(BADGE, "badge") X(GUARD, "guard")            \
	X(GUARD_SIZE, "guard_size") X(CORE, "core") X(ASID, "asid")            \
	X(MAPPING, "mapping") X(MASKED, "masked")                              \
	/* caps without objects */                                             \
	X(IRQ_CONTROL, "irq_control") X(ASID_CONTROL, "asid_control")          \
	X(DOMAIN, "domain") X(IO_SPACE_MASTER, "io_space_master")              \
	X(SCHED_CONTROL, "sched_control")

enum keyword {
	KW_NONE,
#define X(id, s) KW_##id,
	KEYWORDS(X)
#undef X
	KW_COUNT
};

extern const char *const keyword_names[KW_COUNT];

#endif
