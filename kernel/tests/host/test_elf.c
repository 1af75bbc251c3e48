/* SPDX-License-Identifier: BSD-2-Clause */
/* Host tests of the root-task ELF parser (src/elf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/elf.h>

static uint8_t blob[4096];

static void put(unsigned off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		blob[off + i] = (uint8_t)(v >> (8 * i));
}

/* A valid image: 2 PT_LOAD segments at 0x400000 and 0x401000 (bss). */
static void make(void)
{
	memset(blob, 0, sizeof(blob));
	memcpy(blob, "\x7f" "ELF", 4);
	blob[4] = 2;
	blob[5] = 1;
	put(16, 2, 2);           /* ET_EXEC */
	put(18, 183, 2);         /* EM_AARCH64 */
	put(24, 0x400010, 8);    /* entry */
	put(32, 64, 8);          /* phoff */
	put(54, 56, 2);
	put(56, 2, 2);
	/* phdr 0: text, file 0x200..0x300 */
	put(64, 1, 4);
	put(64 + 4, 5, 4);
	put(64 + 8, 0x200, 8);
	put(64 + 16, 0x400000, 8);
	put(64 + 32, 0x100, 8);
	put(64 + 40, 0x100, 8);
	/* phdr 1: data + bss */
	put(120, 1, 4);
	put(120 + 4, 6, 4);
	put(120 + 8, 0x300, 8);
	put(120 + 16, 0x401000, 8);
	put(120 + 32, 0x10, 8);
	put(120 + 40, 0x2000, 8);
}

static void test_valid(void **state)
{
	struct elf_image e;

	(void)state;
	make();
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_OK);
	assert_int_equal(e.entry, 0x400010);
	assert_int_equal(e.nseg, 2);
	assert_int_equal(e.vstart, 0x400000);
	assert_int_equal(e.vend, 0x403000);
	assert_int_equal(e.file_size, 0x310);
	assert_int_equal(e.seg[1].memsz, 0x2000);
}

static void test_errors(void **state)
{
	struct elf_image e;

	(void)state;
	make();
	blob[1] = 'X';
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_MAGIC);
	make();
	assert_int_equal(elf_parse(blob, 32, &e), ELF_ERR_MAGIC);
	make();
	blob[4] = 1;
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_CLASS);
	make();
	put(18, 62, 2);
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_CLASS);
	make();
	put(16, 3, 2);
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_TYPE);
	make();
	assert_int_equal(elf_parse(blob, 0x300, &e), ELF_ERR_BOUNDS);
	make();
	put(56, 100, 2);
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_BOUNDS);
	make();
	put(120 + 40, 0x8, 8);          /* memsz < filesz */
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_SEGMENTS);
	make();
	put(24, 0x500000, 8);           /* entry outside */
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_SEGMENTS);
	make();
	put(120 + 16, 0x7ffffffff000, 8);
	put(120 + 40, 0x2000, 8);       /* beyond the user top */
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_SEGMENTS);
	make();
	put(64, 7, 4);
	put(120, 7, 4);                 /* no PT_LOAD */
	assert_int_equal(elf_parse(blob, sizeof(blob), &e), ELF_ERR_SEGMENTS);
	assert_string_equal(elf_strerror(ELF_ERR_TYPE),
	                    "not a static executable (ET_EXEC)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
