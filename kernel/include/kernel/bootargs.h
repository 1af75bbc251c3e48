/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bootargs.h: the kernel command line (DTB /chosen/bootargs, set by
 * QEMU's -append): words separated by spaces, each "key" or "key=value".
 * Pure, host-tested.
 */
#ifndef KERNEL_BOOTARGS_H
#define KERNEL_BOOTARGS_H

#include <stdbool.h>
#include <stddef.h>

/* Find the last "key=value" (or bare "key", value empty) in args[0..len).
 * On success sets *val / *vlen (not NUL-terminated) and returns true. */
bool bootargs_get(const char *args, size_t len, const char *key,
                  const char **val, size_t *vlen);

/* Does value [val, val + vlen) equal the NUL-terminated string s? */
bool bootargs_value_is(const char *val, size_t vlen, const char *s);

#endif
