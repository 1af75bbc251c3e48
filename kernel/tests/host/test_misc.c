/* SPDX-License-Identifier: BSD-2-Clause */
/* Host tests: ESR decoding, MIDR naming, boot argument parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/cpu_id.h>
#include <arch/esr.h>
#include <kernel/bootargs.h>

static void expect_esr(uint64_t esr, const char *want)
{
	char buf[128];

	esr_describe(esr, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_esr(void **state)
{
	(void)state;
	/* Syndromes seen on QEMU (ktest fault, write-text, exec-data, undef) */
	expect_esr(0x96000004,
	           "data abort, same EL: translation fault, level 0, read");
	expect_esr(0x9600004f,
	           "data abort, same EL: permission fault, level 3, write");
	expect_esr(0x96000047,
	           "data abort, same EL: translation fault, level 3, write");
	expect_esr(0x8600000f,
	           "instruction abort, same EL: permission fault, level 3");
	expect_esr(0x02000000,
	           "unknown reason (undefined instruction) (EC 0x00)");
	/* from user mode, and other statuses */
	expect_esr(0x92000046,
	           "data abort, lower EL: translation fault, level 2, write");
	expect_esr(0x82000009,
	           "instruction abort, lower EL: access flag fault, level 1");
	expect_esr(0x96000021, "data abort, same EL: alignment fault, read");
	expect_esr(0x96000010,
	           "data abort, same EL: synchronous external abort, read");
	expect_esr(0x96000035,
	           "data abort, same EL: fault status 0x35, read");
	expect_esr(0x56000000, "SVC (system call) (EC 0x15)");
	expect_esr(0xf2000000, "BRK instruction (EC 0x3c)");
	expect_esr(0xbe000000, "SError (EC 0x2f)");
	expect_esr(UINT64_C(0x3f) << 26, "unhandled exception class (EC 0x3f)");
	assert_null(esr_fault_status_name(0x3f));
}

static void expect_midr(uint64_t midr, const char *want)
{
	char buf[96];

	midr_describe(midr, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_midr(void **state)
{
	(void)state;
	expect_midr(0x410fd034, "ARM Cortex-A53 r0p4");   /* QEMU cortex-a53 */
	expect_midr(0x411fd070, "ARM Cortex-A57 r1p0");   /* QEMU cortex-a57 */
	expect_midr(0x410fd083, "ARM Cortex-A72 r0p3");
	expect_midr(0x000f0510, "software (0x00) part 0x051 r0p0"); /* max */
	expect_midr(0x12345678, "implementer 0x12 part 0x567 r3p8");
	expect_midr(0x410fdfff, "ARM part 0xdff r0p15");
}

static void expect_arg(const char *args, const char *key, const char *want)
{
	const char *val;
	size_t len;

	if (!want) {
		assert_false(bootargs_get(args, strlen(args), key, &val, &len));
		return;
	}
	assert_true(bootargs_get(args, strlen(args), key, &val, &len));
	assert_int_equal(len, strlen(want));
	assert_memory_equal(val, want, len);
}

static void test_bootargs(void **state)
{
	const char *val;
	size_t len;

	(void)state;
	expect_arg("ktest=timer", "ktest", "timer");
	expect_arg("  console=ttyAMA0 ktest=fault\tdebug", "ktest", "fault");
	expect_arg("ktest=a ktest=b", "ktest", "b");          /* last wins */
	expect_arg("debug", "debug", "");
	expect_arg("ktest=", "ktest", "");
	expect_arg("ktestx=1", "ktest", NULL);
	expect_arg("xktest=1", "ktest", NULL);
	expect_arg("kt", "ktest", NULL);
	expect_arg("", "ktest", NULL);
	expect_arg("a=b=c", "a", "b=c");
	/* an embedded NUL ends the command line */
	assert_false(bootargs_get("x\0ktest=1", 9, "ktest", &val, &len));
	assert_true(bootargs_get("ktest=1\0junk", 12, "ktest", &val, &len));
	assert_int_equal(len, 1);

	assert_true(bootargs_value_is("timer", 5, "timer"));
	assert_false(bootargs_value_is("timer", 5, "time"));
	assert_false(bootargs_value_is("time", 4, "timer"));
	assert_true(bootargs_value_is("", 0, ""));
	assert_false(bootargs_value_is("timerx", 5, "time"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esr),
		cmocka_unit_test(test_midr),
		cmocka_unit_test(test_bootargs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
