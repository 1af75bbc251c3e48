/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel.ld.S: kernel image layout (run through the C preprocessor).
 *
 * Linked at KERNEL_VOFFSET + PLAT_KERNEL_PADDR and loaded (LMA) at
 * PLAT_KERNEL_PADDR, so VA - KERNEL_VOFFSET = PA for every symbol.  QEMU
 * loads the segments at their physical addresses and starts at the ELF entry,
 * which is the physical address of _start (the MMU is off then).
 *
 * Page-aligned pieces, mapped with different permissions by boot_mmu.c:
 *   .text (RX) | .rodata (R) | .data .bss (RW) | guard page (unmapped) |
 *   boot stack (RW)
 */
#include <arch/vmlayout.h>
#include <plat/platform.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start_phys)

PHDRS
{
	text PT_LOAD FLAGS(5);     /* R X */
	rodata PT_LOAD FLAGS(4);   /* R */
	data PT_LOAD FLAGS(6);     /* R W */
}

SECTIONS
{
	. = KERNEL_VOFFSET + PLAT_KERNEL_PADDR;
	__kernel_start = .;

	.text : AT(ADDR(.text) - KERNEL_VOFFSET) {
		__text_start = .;
		KEEP(*(.text.boot))
		KEEP(*(.text.vectors))
		*(.text .text.*)
		. = ALIGN(4096);
		__text_end = .;
	} :text

	.rodata : AT(ADDR(.rodata) - KERNEL_VOFFSET) {
		__rodata_start = .;
		*(.rodata .rodata.*)
		. = ALIGN(4096);
		__rodata_end = .;
	} :rodata

	.data : AT(ADDR(.data) - KERNEL_VOFFSET) {
		__data_start = .;
		*(.data .data.*)
	} :data

	.bss (NOLOAD) : AT(ADDR(.bss) - KERNEL_VOFFSET) {
		. = ALIGN(16);
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(4096);
		__bss_end = .;
	} :data

	/* One unmapped page: a stack overflow faults instead of corrupting
	 * .bss (exception_fatal reports it). */
	__stack_guard = .;
	. += 4096;
	.stack (NOLOAD) : AT(ADDR(.stack) - KERNEL_VOFFSET) {
		__stack_bottom = .;
		. += KERNEL_STACK_SIZE;
		__stack_top = .;
	} :data

	. = ALIGN(4096);
	__kernel_end = .;

	_start_phys = _start - KERNEL_VOFFSET;

	/* Built with --orphan-handling=error: every input section has a place.
	 * A static non-PIE link leaves these empty (asserted below). */
	.got : { *(.got) *(.got.plt) *(.igot.plt) *(.iplt) }
	.rela.dyn : { *(.rela.*) }

	/* Debug information, not loaded. */
	.debug_info 0 : { *(.debug_info) }
	.debug_abbrev 0 : { *(.debug_abbrev) }
	.debug_aranges 0 : { *(.debug_aranges) }
	.debug_line 0 : { *(.debug_line) }
	.debug_line_str 0 : { *(.debug_line_str) }
	.debug_str 0 : { *(.debug_str) }
	.debug_loclists 0 : { *(.debug_loclists) }
	.debug_rnglists 0 : { *(.debug_rnglists) }
	.debug_frame 0 : { *(.debug_frame) }
	.debug_loc 0 : { *(.debug_loc) }
	.debug_ranges 0 : { *(.debug_ranges) }
	.symtab 0 : { *(.symtab) }
	.strtab 0 : { *(.strtab) }
	.shstrtab 0 : { *(.shstrtab) }

	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}

ASSERT(SIZEOF(.got) == 0, "unexpected GOT/PLT entries (PIC code?)")
ASSERT(SIZEOF(.rela.dyn) == 0, "unexpected dynamic relocations")

ASSERT(PLAT_KERNEL_PADDR % 0x1000 == 0, "kernel physical base not page aligned")
ASSERT(__kernel_start - KERNEL_VOFFSET >= PLAT_DTB_PADDR + 0x100000,
       "kernel overlaps the space QEMU reserves for the DTB")
