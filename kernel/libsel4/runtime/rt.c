/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rt.c: runtime for test root tasks (see rt.h): start-up, printf over
 * seL4_DebugPutChar, string functions, TAP helpers.
 */
#include <rt.h>

__thread seL4_IPCBuffer *__sel4_ipc_buffer;
static char root_tls[RT_TLS_SIZE] __attribute__((aligned(16)));
seL4_BootInfo *rt_bootinfo;
int rt_tests, rt_failures;
seL4_Word rt_entry_sp, rt_entry_x1;
static seL4_CPtr next_slot;

void rt_start(seL4_BootInfo *bi);

/* TLS variant I (TLS_ABOVE_TP): a 16-byte gap, then .tdata, .tbss. */
seL4_Word rt_tls_init(void *area)
{
	extern char __tdata_start[], __tdata_end[], __tbss_size[];
	size_t n = (size_t)(__tdata_end - __tdata_start);

	if (16 + n + (size_t)__tbss_size > RT_TLS_SIZE) {
		printf("# TLS block too small\n");
		seL4_DebugHalt();
	}
	memset(area, 0, RT_TLS_SIZE);
	memcpy((char *)area + 16, __tdata_start, n);
	return (seL4_Word)area;
}

void rt_start(seL4_BootInfo *bi)
{
	int r;

	__asm__ volatile("msr tpidr_el0, %0" : : "r"(rt_tls_init(root_tls)));
	rt_bootinfo = bi;
	seL4_SetIPCBuffer(bi->ipcBuffer);
	next_slot = bi->empty.start;
	r = rt_main(bi);
	printf("1..%d\n", rt_tests);
	printf("# %d tests, %d failures, rt_main returned %d\n", rt_tests,
	       rt_failures, r);
	printf("%s\n", rt_failures || r ? "ROOTTASK FAIL" : "ROOTTASK PASS");
	seL4_DebugHalt();
	for (;;)
		;
}

seL4_CPtr rt_alloc_slot(void)
{
	return next_slot++;
}

seL4_CPtr rt_find_untyped(unsigned bits, int device, seL4_Word *paddr)
{
	seL4_BootInfo *bi = rt_bootinfo;
	seL4_CPtr best = 0;
	unsigned best_bits = 64;

	for (seL4_Word s = bi->untyped.start; s < bi->untyped.end; s++) {
		seL4_UntypedDesc *d = &bi->untypedList[s - bi->untyped.start];

		if (d->isDevice != !!device || d->sizeBits < bits)
			continue;
		if (d->sizeBits < best_bits) {
			best = s;
			best_bits = d->sizeBits;
			if (paddr)
				*paddr = d->paddr;
		}
	}
	return best;
}

/* ---- strings (memset, memcpy, memcmp, strlen: kernel/src/string.c) ---- */

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/* ---- printf --------------------------------------------------------------- */

struct sink {
	char *buf;          /* NULL: the console */
	size_t size, len;
};

static void put(struct sink *s, char c)
{
	if (!s->buf)
		seL4_DebugPutChar(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void put_num(struct sink *s, unsigned long v, unsigned base, int neg,
                    int width, char pad, int upper)
{
	char tmp[24];
	int n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		width--;
	if (neg && pad == '0')
		put(s, '-');
	for (; width > n; width--)
		put(s, pad);
	if (neg && pad != '0')
		put(s, '-');
	while (n)
		put(s, tmp[--n]);
}

static int format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, lng = 0;
		char pad = ' ';

		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd': case 'i': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);

			put_num(s, v < 0 ? -(unsigned long)v : (unsigned long)v,
			        10, v < 0, width, pad, 0);
			break;
		}
		case 'u':
			put_num(s, lng ? va_arg(ap, unsigned long) :
			        va_arg(ap, unsigned), 10, 0, width, pad, 0);
			break;
		case 'x': case 'X':
			put_num(s, lng ? va_arg(ap, unsigned long) :
			        va_arg(ap, unsigned), 16, 0, width, pad,
			        *fmt == 'X');
			break;
		case 'p':
			put(s, '0');
			put(s, 'x');
			put_num(s, (unsigned long)va_arg(ap, void *), 16, 0,
			        width, pad, 0);
			break;
		case 'c':
			put(s, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int len = (int)strlen(str ? str : "(null)");

			for (; width > len; width--)
				put(s, ' ');
			for (str = str ? str : "(null)"; *str; str++)
				put(s, *str);
			break;
		}
		case '%':
			put(s, '%');
			break;
		default:
			put(s, '%');
			put(s, *fmt);
			if (!*fmt)
				return (int)s->len;
		}
	}
	return (int)s->len;
}

int vprintf(const char *fmt, va_list ap)
{
	struct sink s = { 0, 0, 0 };

	return format(&s, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	struct sink s = { buf, n, 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&s, fmt, ap);
	va_end(ap);
	if (n)
		buf[s.len < n ? s.len : n - 1] = 0;
	return (int)s.len;
}

/* ---- TAP ---------------------------------------------------------------- */

int rt_check(int cond, const char *fmt, ...)
{
	va_list ap;

	rt_tests++;
	if (!cond)
		rt_failures++;
	printf("%s %d - ", cond ? "ok" : "not ok", rt_tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

/* ---- threads ---------------------------------------------------------------- */

int rt_map(seL4_CPtr ut, seL4_CPtr frame, seL4_Word vaddr,
           seL4_CapRights_t rights, seL4_Word attr)
{
	for (int tries = 0; tries < 4; tries++) {
		seL4_Error e = seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace,
		                                 vaddr, rights, attr);
		seL4_CPtr pt;

		if (e != seL4_FailedLookup)
			return e;
		pt = rt_alloc_slot();
		e = seL4_Untyped_Retype(ut, seL4_ARM_PageTableObject, 0,
		                        seL4_CapInitThreadCNode, 0, 0, pt, 1);
		if (!e)
			e = seL4_ARM_PageTable_Map(pt, seL4_CapInitThreadVSpace,
			                           vaddr,
			                           seL4_ARM_Default_VMAttributes);
		if (e)
			return e;
	}
	return seL4_FailedLookup;
}

static void thread_entry(void (*fn)(seL4_Word), seL4_Word arg,
                         seL4_IPCBuffer *buf, seL4_CPtr self)
{
	seL4_SetIPCBuffer(buf);
	fn(arg);
	seL4_TCB_Suspend(self);
}

int rt_thread_start(struct rt_thread *t, seL4_CPtr ut,
                    void (*fn)(seL4_Word), seL4_Word arg, unsigned prio,
                    seL4_CPtr fault_ep, seL4_Word ipc_vaddr)
{
	seL4_CPtr root = seL4_CapInitThreadCNode;
	seL4_UserContext regs;
	int e;

	t->tcb = rt_alloc_slot();
	t->ipc_frame = rt_alloc_slot();
	t->ipc_vaddr = ipc_vaddr;
	e = seL4_Untyped_Retype(ut, seL4_TCBObject, 0, root, 0, 0, t->tcb, 1);
	if (!e)
		e = seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, root, 0,
		                        0, t->ipc_frame, 1);
	if (!e)
		e = rt_map(ut, t->ipc_frame, ipc_vaddr, seL4_ReadWrite,
		           seL4_ARM_Default_VMAttributes);
	if (!e)
		e = seL4_TCB_Configure(t->tcb, fault_ep, root, 0,
		                       seL4_CapInitThreadVSpace, 0, ipc_vaddr,
		                       t->ipc_frame);
	if (!e)
		e = seL4_TCB_SetSchedParams(t->tcb, seL4_CapInitThreadTCB, prio,
		                            prio);
	if (e)
		return e;
	memset(&regs, 0, sizeof(regs));
	regs.pc = (seL4_Word)thread_entry;
	regs.sp = (seL4_Word)&t->stack[1024];
	regs.x0 = (seL4_Word)fn;
	regs.x1 = arg;
	regs.x2 = ipc_vaddr;
	regs.x3 = t->tcb;
	regs.tpidr_el0 = rt_tls_init(t->tls);
	return seL4_TCB_WriteRegisters(t->tcb, 1, 0, 36, &regs);
}
