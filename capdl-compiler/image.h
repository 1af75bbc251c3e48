/* SPDX-License-Identifier: BSD-2-Clause */
/* image.h: "capdlc image": kernel + loader + table as one bootable ELF. */
#ifndef CAPDLC_IMAGE_H
#define CAPDLC_IMAGE_H

#include <stddef.h>

/* Where the kernel expects the root task's ELF file (docs/kernel.md). */
#define ROOT_TASK_PADDR 0x41000000ul

/* Writes out: every loadable segment of kernel, and at ROOT_TASK_PADDR the
 * loader ELF with its table segment replaced by table. Returns 0, or 1
 * after printing why not. */
int image_write(const char *out, const void *table, size_t len, const char *kernel,
		const char *loader);

#endif
