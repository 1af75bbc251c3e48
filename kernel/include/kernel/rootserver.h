/* SPDX-License-Identifier: BSD-2-Clause */
/* rootserver.h: creating the root task at boot (src/boot_root.c). */
#ifndef KERNEL_ROOTSERVER_H
#define KERNEL_ROOTSERVER_H

#include <stdbool.h>

/*
 * Look for the root-task ELF at PLAT_ROOTTASK_PADDR; if there is one,
 * build its objects, CSpace, VSpace and BootInfo as seL4 does and make it
 * the current thread.  Returns false if there is no root task.
 */
bool rootserver_create(void);

#endif
