/* SPDX-License-Identifier: BSD-2-Clause */
/* snapshot.h: debug dumps of kernel state (src/snapshot.c). */
#ifndef KERNEL_SNAPSHOT_H
#define KERNEL_SNAPSHOT_H

/* seL4_DebugSnapshot: the capability state as CapDL text. */
void debug_snapshot(void);
/* seL4_DebugDumpScheduler: the threads and their states. */
void debug_dump_scheduler(void);

#endif
