/* SPDX-License-Identifier: BSD-2-Clause */
/* Host tests: the kernel's printf (src/kprintf.c), with the host's
 * snprintf as the oracle for every standard conversion. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/kprintf.h>

/* Format with both and compare text and return value. */
#define SAME(...) do {                                                    \
	char want[256], got[256];                                         \
	int wn = snprintf(want, sizeof(want), __VA_ARGS__);               \
	int gn = ksnprintf(got, sizeof(got), __VA_ARGS__);                \
	if (strcmp(want, got) != 0 || wn != gn)                           \
		fail_msg("format %s: libc \"%s\" (%d), kernel \"%s\" (%d)", \
		         #__VA_ARGS__, want, wn, got, gn);                  \
} while (0)

static void test_integers(void **state)
{
	const int ints[] = { 0, 1, -1, 7, 42, -42, 1000, INT_MAX, INT_MIN };

	(void)state;
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int v = ints[i];

		SAME("%d", v);
		SAME("%i", v);
		SAME("[%5d]", v);
		SAME("[%-5d]", v);
		SAME("[%05d]", v);
		SAME("[%+d]", v);
		SAME("[% d]", v);
		SAME("[%.3d]", v);
		SAME("[%8.3d]", v);
		SAME("[%-8.3d]", v);
		SAME("[%.0d]", v);
		SAME("[%u]", (unsigned)v);
		SAME("[%x]", (unsigned)v);
		SAME("[%X]", (unsigned)v);
		SAME("[%#x]", (unsigned)v);
		SAME("[%#X]", (unsigned)v);
		SAME("[%#o]", (unsigned)v);
		SAME("[%o]", (unsigned)v);
		SAME("[%08x]", (unsigned)v);
		SAME("[%#010x]", (unsigned)v);
		SAME("[%-#10x]", (unsigned)v);
		SAME("[%#.0x]", (unsigned)v);
		SAME("[%*d]", 7, v);
		SAME("[%-*d]", 7, v);
		SAME("[%*d]", -7, v);
		SAME("[%.*d]", 4, v);
		SAME("[%hhd]", v);
		SAME("[%hd]", v);
		SAME("[%hhu]", (unsigned)v);
		SAME("[%hx]", (unsigned)v);
	}
}

static void test_long_integers(void **state)
{
	const long longs[] = { 0, -1, LONG_MAX, LONG_MIN, 0x123456789abcdefL };

	(void)state;
	for (size_t i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		long v = longs[i];

		SAME("%ld", v);
		SAME("%lu", (unsigned long)v);
		SAME("%lx", (unsigned long)v);
		SAME("%016lx", (unsigned long)v);
		SAME("0x%016lx", (unsigned long)v);
		SAME("%lld", (long long)v);
		SAME("%llx", (unsigned long long)v);
		SAME("%zu", (size_t)v);
		SAME("%zx", (size_t)v);
		SAME("%td", (ptrdiff_t)v);
		SAME("%jd", (intmax_t)v);
		SAME("%ju", (uintmax_t)v);
		SAME("[%20ld]", v);
		SAME("[%-20lx]", (unsigned long)v);
	}
	SAME("%lu", ULONG_MAX);
	SAME("%lo", ULONG_MAX);
}

static void test_chars_and_strings(void **state)
{
	(void)state;
	SAME("%c", 'a');
	SAME("[%3c]", 'b');
	SAME("[%-3c]", 'c');
	SAME("%s", "hello");
	SAME("[%10s]", "hello");
	SAME("[%-10s]", "hello");
	SAME("[%.2s]", "hello");
	SAME("[%10.2s]", "hello");
	SAME("[%.*s]", 3, "hello");
	SAME("[%.*s]", -1, "hello");
	SAME("[%s]", "");
	SAME("100%%");
	SAME("%s=%d, %s=%x", "a", 1, "b", 0xff);
	SAME("no conversions at all");
}

/* Formats gcc rightly warns about, still handled like libc (or sanely). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
static void test_pointer_and_oddities(void **state)
{
	char buf[64];

	(void)state;
	SAME("[%08.3d]", 42);           /* '0' ignored with a precision */
	SAME("[%08.3d]", -42);
	ksnprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0x1234);
	assert_string_equal(buf, "0x1234");
	ksnprintf(buf, sizeof(buf), "%p", NULL);
	assert_string_equal(buf, "0x0");
	ksnprintf(buf, sizeof(buf), "[%18p]", (void *)(uintptr_t)0xabc);
	assert_string_equal(buf, "[             0xabc]");
	ksnprintf(buf, sizeof(buf), "%s", (char *)NULL);
	assert_string_equal(buf, "(null)");
	/* unknown conversion and a trailing '%' are printed as written */
	assert_int_equal(ksnprintf(buf, sizeof(buf), "a%qb"), 4);
	assert_string_equal(buf, "a%qb");
	assert_int_equal(ksnprintf(buf, sizeof(buf), "50%"), 3);
	assert_string_equal(buf, "50%");
}
#pragma GCC diagnostic pop

static void test_truncation(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 5, "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'X');
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 1, "%d", 12345), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'X');
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 0, "%d", 12345), 5);
	assert_int_equal(buf[0], 'X');
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%7d", 1), 7);
	assert_string_equal(buf, "      1");
}

struct counter {
	char text[64];
	int n;
};

static void count_put(void *arg, char c)
{
	struct counter *k = arg;

	k->text[k->n++] = c;
}

static int format_to(struct counter *k, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvformat(count_put, k, fmt, ap);
	va_end(ap);
	return n;
}

static void test_sink(void **state)
{
	struct counter k = { { 0 }, 0 };

	(void)state;
	assert_int_equal(format_to(&k, "KRN|%s %u\n", "tick", 3u), 11);
	assert_int_equal(k.n, 11);
	assert_memory_equal(k.text, "KRN|tick 3\n", 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_long_integers),
		cmocka_unit_test(test_chars_and_strings),
		cmocka_unit_test(test_pointer_and_oddities),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_sink),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
