/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fdt.h: read-only access to a flattened device tree (DTB), just enough for
 * boot: header validation, /memory reg ranges and /chosen bootargs.
 *
 * Every read is bounds-checked against the header and the caller's limit, so
 * a corrupted or truncated blob yields an error, never a wild access.  Data
 * is read byte by byte (big-endian, any alignment).  Pure C: runs with the
 * MMU off and in host tests.
 */
#ifndef KERNEL_FDT_H
#define KERNEL_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu

enum fdt_error {
	FDT_OK = 0,
	FDT_ERR_MAGIC = 1,       /* no FDT magic at that address */
	FDT_ERR_VERSION = 2,     /* not a version-17-compatible blob */
	FDT_ERR_TRUNCATED = 3,   /* header sizes exceed the limit */
	FDT_ERR_BADLAYOUT = 4,   /* blocks overlap, misaligned, out of range */
	FDT_ERR_BADSTRUCT = 5,   /* bad token, unterminated name, bad nesting */
	FDT_ERR_BADCELLS = 6,    /* unsupported #address-cells/#size-cells */
	FDT_ERR_BADVALUE = 7,    /* property value has the wrong length */
	FDT_ERR_NOTFOUND = 8,
};

struct fdt_region {
	uint64_t base;
	uint64_t size;
};

/* Validate the header of the blob at fdt, of which at most limit bytes may
 * be read; returns the blob's total size (> 0) or a negated fdt_error. */
long fdt_check(const void *fdt, size_t limit);

/*
 * Collect the reg ranges of every memory node (a child of / named "memory"
 * or "memory@..." or with device_type = "memory").  Stores at most max
 * regions, returns how many there are (possibly more than max), or a
 * negated fdt_error.  The blob must have passed fdt_check.
 */
int fdt_memory(const void *fdt, struct fdt_region *out, int max);

/* /chosen/bootargs: the string (without its NUL) and length, FDT_OK, or a
 * negated error (-FDT_ERR_NOTFOUND if absent). */
int fdt_bootargs(const void *fdt, const char **args, size_t *len);

const char *fdt_strerror(int err);

#endif
