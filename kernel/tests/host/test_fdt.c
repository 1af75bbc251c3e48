/* SPDX-License-Identifier: BSD-2-Clause */
/* Host tests: the DTB reader (src/fdt.c), on blobs built here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/fdt.h>

/* ---- a tiny FDT writer (the oracle's input) ---- */

struct fdtw {
	uint8_t st[2048];
	uint32_t stn;
	char strs[512];
	uint32_t strn;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void tok(struct fdtw *w, uint32_t t)
{
	put32(w->st + w->stn, t);
	w->stn += 4;
}

static void bytes(struct fdtw *w, const void *p, uint32_t n)
{
	memcpy(w->st + w->stn, p, n);
	w->stn += n;
	while (w->stn % 4)
		w->st[w->stn++] = 0;
}

static void begin(struct fdtw *w, const char *name)
{
	tok(w, 1);
	bytes(w, name, (uint32_t)strlen(name) + 1);
}

static void end(struct fdtw *w)
{
	tok(w, 2);
}

static uint32_t name_off(struct fdtw *w, const char *name)
{
	for (uint32_t off = 0; off < w->strn; off += strlen(w->strs + off) + 1)
		if (strcmp(w->strs + off, name) == 0)
			return off;
	strcpy(w->strs + w->strn, name);
	w->strn += (uint32_t)strlen(name) + 1;
	return w->strn - (uint32_t)strlen(name) - 1;
}

static void prop(struct fdtw *w, const char *name, const void *val,
                 uint32_t len)
{
	uint32_t off = name_off(w, name);

	tok(w, 3);
	tok(w, len);
	tok(w, off);
	if (len)
		bytes(w, val, len);
}

static void prop_cells(struct fdtw *w, const char *name, int n, ...)
{
	uint8_t buf[64];
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		put32(buf + 4 * i, va_arg(ap, uint32_t));
	va_end(ap);
	prop(w, name, buf, 4 * (uint32_t)n);
}

static void prop_str(struct fdtw *w, const char *name, const char *s)
{
	prop(w, name, s, (uint32_t)strlen(s) + 1);
}

/* Header (40 bytes) + empty reservation map + structure + strings. */
static uint32_t finish(struct fdtw *w, uint8_t *out)
{
	uint32_t off_st = 40 + 16, off_str, total;

	tok(w, 9);
	off_str = off_st + w->stn;
	total = off_str + w->strn;
	memset(out, 0, total);
	put32(out, FDT_MAGIC);
	put32(out + 4, total);
	put32(out + 8, off_st);
	put32(out + 12, off_str);
	put32(out + 16, 40);
	put32(out + 20, 17);
	put32(out + 24, 16);
	put32(out + 32, w->strn);
	put32(out + 36, w->stn);
	memcpy(out + off_st, w->st, w->stn);
	memcpy(out + off_str, w->strs, w->strn);
	return total;
}

static uint8_t blob[4096] __attribute__((aligned(8)));
static struct fdtw w;

/* The shape of QEMU virt's tree. */
static uint32_t build_qemu_like(void)
{
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop_cells(&w, "#address-cells", 1, 2);
	prop_cells(&w, "#size-cells", 1, 2);
	prop_str(&w, "compatible", "linux,dummy-virt");
	begin(&w, "chosen");
	prop_str(&w, "bootargs", "ktest=timer");
	prop_str(&w, "stdout-path", "/pl011@9000000");
	end(&w);
	begin(&w, "memory@40000000");
	prop_cells(&w, "reg", 4, 0, 0x40000000, 0, 0x40000000);
	prop_str(&w, "device_type", "memory");
	end(&w);
	begin(&w, "pl011@9000000");
	prop_cells(&w, "reg", 4, 0, 0x09000000, 0, 0x1000);
	end(&w);
	end(&w);
	return finish(&w, blob);
}

static void test_qemu_like(void **state)
{
	struct fdt_region r[4];
	const char *args;
	size_t len;
	uint32_t total = build_qemu_like();

	(void)state;
	assert_int_equal(fdt_check(blob, sizeof(blob)), total);
	assert_int_equal(fdt_memory(blob, r, 4), 1);
	assert_true(r[0].base == 0x40000000 && r[0].size == 0x40000000);
	assert_int_equal(fdt_bootargs(blob, &args, &len), FDT_OK);
	assert_int_equal(len, 11);
	assert_memory_equal(args, "ktest=timer", 11);
}

static void test_several_regions(void **state)
{
	struct fdt_region r[2];

	(void)state;
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop_cells(&w, "#address-cells", 1, 2);
	prop_cells(&w, "#size-cells", 1, 1);
	begin(&w, "memory");
	prop_cells(&w, "reg", 6, 0, 0x40000000, 0x10000000,
	           1, 0x00000000, 0x20000000);
	end(&w);
	begin(&w, "soc");
	begin(&w, "memory@0");            /* not a child of the root */
	prop_cells(&w, "reg", 3, 0, 0x1000, 0x1000);
	end(&w);
	end(&w);
	begin(&w, "ram@80000000");        /* by device_type */
	prop_str(&w, "device_type", "memory");
	prop_cells(&w, "reg", 3, 0, 0x80000000, 0);   /* size 0: skipped */
	prop_cells(&w, "reg", 3, 0, 0x90000000, 0x1000);
	end(&w);
	begin(&w, "memoryx");             /* not "memory" */
	prop_cells(&w, "reg", 3, 0, 0xa0000000, 0x1000);
	end(&w);
	end(&w);
	finish(&w, blob);

	/* three regions, only two stored */
	assert_int_equal(fdt_memory(blob, r, 2), 3);
	assert_true(r[0].base == 0x40000000 && r[0].size == 0x10000000);
	assert_true(r[1].base == UINT64_C(0x100000000) && r[1].size == 0x20000000);
}

static void test_one_cell(void **state)
{
	struct fdt_region r[1];
	const char *args;
	size_t len;

	(void)state;
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop_cells(&w, "#address-cells", 1, 1);
	prop_cells(&w, "#size-cells", 1, 1);
	begin(&w, "memory@0");
	prop_cells(&w, "reg", 2, 0, 0x8000000);
	end(&w);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), 1);
	assert_true(r[0].base == 0 && r[0].size == 0x8000000);
	assert_int_equal(fdt_bootargs(blob, &args, &len), -FDT_ERR_NOTFOUND);
}

static void test_bad_values(void **state)
{
	struct fdt_region r[1];
	const char *args;
	size_t len;

	(void)state;
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop_cells(&w, "#address-cells", 1, 3);
	begin(&w, "memory");
	prop_cells(&w, "reg", 4, 0, 0, 0, 0x1000);
	end(&w);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADCELLS);

	memset(&w, 0, sizeof(w));
	begin(&w, "");
	begin(&w, "memory");
	prop_cells(&w, "reg", 2, 0, 0x1000);    /* 2+1 cells expected */
	end(&w);
	begin(&w, "chosen");
	prop(&w, "bootargs", "abc", 3);         /* no NUL */
	end(&w);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_bootargs(blob, &args, &len), -FDT_ERR_BADVALUE);

	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop(&w, "#size-cells", "\0\0", 2);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADVALUE);
}

static void test_bad_header(void **state)
{
	uint32_t total = build_qemu_like();

	(void)state;
	assert_int_equal(fdt_check(blob, 39), -FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_check(blob, total - 1), -FDT_ERR_TRUNCATED);
	blob[0] = 0;
	assert_int_equal(fdt_check(blob, sizeof(blob)), -FDT_ERR_MAGIC);

	build_qemu_like();
	put32(blob + 20, 16);                     /* version */
	assert_int_equal(fdt_check(blob, sizeof(blob)), -FDT_ERR_VERSION);

	build_qemu_like();
	put32(blob + 8, total);                   /* struct block past end */
	assert_int_equal(fdt_check(blob, sizeof(blob)), -FDT_ERR_BADLAYOUT);

	build_qemu_like();
	put32(blob + 36, total);                  /* struct size too big */
	assert_int_equal(fdt_check(blob, sizeof(blob)), -FDT_ERR_BADLAYOUT);

	build_qemu_like();
	put32(blob + 8, 58);                      /* misaligned */
	assert_int_equal(fdt_check(blob, sizeof(blob)), -FDT_ERR_BADLAYOUT);

	build_qemu_like();
	put32(blob + 32, total);                  /* strings too big */
	assert_int_equal(fdt_check(blob, sizeof(blob)), -FDT_ERR_BADLAYOUT);
}

static void test_bad_structure(void **state)
{
	struct fdt_region r[1];
	const char *args;
	size_t len;

	(void)state;
	/* END_NODE with no node open */
	memset(&w, 0, sizeof(w));
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_check(blob, sizeof(blob)) > 0, 1);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADSTRUCT);

	/* unknown token */
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	tok(&w, 7);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADSTRUCT);

	/* END while a node is open */
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	finish(&w, blob);
	assert_int_equal(fdt_bootargs(blob, &args, &len), -FDT_ERR_BADSTRUCT);

	/* property name offset outside the strings block */
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	tok(&w, 3);
	tok(&w, 0);
	tok(&w, 1000);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADSTRUCT);

	/* property value longer than the structure block */
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	tok(&w, 3);
	tok(&w, 4096);
	tok(&w, name_off(&w, "reg"));
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_memory(blob, r, 1), -FDT_ERR_BADSTRUCT);

	/* NOPs are skipped */
	memset(&w, 0, sizeof(w));
	tok(&w, 4);
	begin(&w, "");
	tok(&w, 4);
	begin(&w, "chosen");
	prop_str(&w, "bootargs", "x");
	end(&w);
	end(&w);
	finish(&w, blob);
	assert_int_equal(fdt_bootargs(blob, &args, &len), FDT_OK);
	assert_int_equal(len, 1);
}

/* Every truncation of the structure block, and every single-bit flip of a
 * valid blob, must give an error or an answer, never a bad read (the host
 * tests run under AddressSanitizer when available). */
static void test_corruption(void **state)
{
	struct fdt_region r[4];
	uint8_t *copy;
	const char *args;
	size_t len;
	uint32_t total = build_qemu_like();
	uint32_t stsize = w.stn;

	(void)state;
	for (uint32_t cut = 0; cut < stsize; cut += 4) {
		build_qemu_like();
		put32(blob + 36, cut);
		assert_true(fdt_check(blob, total) > 0);
		assert_true(fdt_memory(blob, r, 4) < 0);
	}
	copy = malloc(total);          /* exactly sized: nothing beyond */
	assert_non_null(copy);
	for (uint32_t byte = 0; byte < total; byte++) {
		for (int bit = 0; bit < 8; bit++) {
			build_qemu_like();
			memcpy(copy, blob, total);
			copy[byte] ^= (uint8_t)(1u << bit);
			if (fdt_check(copy, total) <= 0)
				continue;
			(void)fdt_memory(copy, r, 4);
			(void)fdt_bootargs(copy, &args, &len);
		}
	}
	free(copy);
}

static void test_strerror(void **state)
{
	(void)state;
	for (int e = 0; e <= FDT_ERR_NOTFOUND + 1; e++)
		assert_non_null(fdt_strerror(-e));
	assert_string_equal(fdt_strerror(-FDT_ERR_MAGIC), "no FDT magic");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_like),
		cmocka_unit_test(test_several_regions),
		cmocka_unit_test(test_one_cell),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_bad_structure),
		cmocka_unit_test(test_corruption),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
