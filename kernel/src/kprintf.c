/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kprintf.c: a small printf formatter.
 *
 * Used by the panic path, which can run before the MMU is on: keep it free
 * of tables of pointers (checked by the kernel-early-pcrel test).
 * Compiled for the host too (tests/host/test_kprintf.c).
 */
#include <stdint.h>
#include <kernel/kprintf.h>

/* Length modifiers: hh h (none) l ll z t j */
enum { LEN_HH = -2, LEN_H = -1, LEN_INT = 0, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	int left;        /* '-' */
	int zero;        /* '0' */
	int plus;        /* '+' */
	int space;       /* ' ' */
	int alt;         /* '#' */
	int ptr;         /* %p: "0x" even for 0 */
	int width;
	int prec;        /* -1: none */
	int len;         /* LEN_* */
};

struct out {
	kputc_fn put;
	void *arg;
	int count;
};

static void emit(struct out *o, char c)
{
	o->put(o->arg, c);
	o->count++;
}

static void emit_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

static void emit_str(struct out *o, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		emit(o, s[i]);
}

/* Print a number given as sign + magnitude, honouring flags, width, prec. */
static void emit_number(struct out *o, const struct spec *sp, uint64_t v,
                        int negative, unsigned base, int upper)
{
	char digits[24];
	char prefix[3];
	int nd = 0, np = 0, zeros = 0, pad;
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	if (!(v == 0 && sp->prec == 0)) {
		do {
			digits[nd++] = set[v % base];
			v /= base;
		} while (v);
	}
	if (negative)
		prefix[np++] = '-';
	else if (sp->plus)
		prefix[np++] = '+';
	else if (sp->space)
		prefix[np++] = ' ';
	if (sp->alt && base == 16 &&
	    (sp->ptr || (nd > 0 && !(nd == 1 && digits[0] == '0')))) {
		prefix[np++] = '0';
		prefix[np++] = upper ? 'X' : 'x';
	}
	if (sp->alt && base == 8 && (nd == 0 || digits[nd - 1] != '0') &&
	    sp->prec <= nd)
		zeros = 1;                      /* "#o": force a leading 0 */

	if (sp->prec > nd)
		zeros = sp->prec - nd;
	pad = sp->width - np - zeros - nd;
	if (sp->zero && !sp->left && sp->prec < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		emit_n(o, ' ', pad);
	emit_str(o, prefix, np);
	emit_n(o, '0', zeros);
	while (nd > 0)
		emit(o, digits[--nd]);
	if (sp->left)
		emit_n(o, ' ', pad);
}

static void emit_padded(struct out *o, const struct spec *sp, const char *s,
                        int n)
{
	int pad = sp->width - n;

	if (!sp->left)
		emit_n(o, ' ', pad);
	emit_str(o, s, n);
	if (sp->left)
		emit_n(o, ' ', pad);
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H:  return (short)va_arg(*ap, int);
	case LEN_L:  return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_Z:  return (int64_t)va_arg(*ap, size_t);
	case LEN_T:  return va_arg(*ap, ptrdiff_t);
	case LEN_J:  return va_arg(*ap, intmax_t);
	default:     return va_arg(*ap, int);
	}
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:  return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_Z:  return va_arg(*ap, size_t);
	case LEN_T:  return (uint64_t)va_arg(*ap, ptrdiff_t);
	case LEN_J:  return va_arg(*ap, uintmax_t);
	default:     return va_arg(*ap, unsigned int);
	}
}

/* Parse flags, width, precision and length; returns the conversion char. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else if (*f == '+')
			sp->plus = 1;
		else if (*f == ' ')
			sp->space = 1;
		else if (*f == '#')
			sp->alt = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->prec = sp->prec * 10 + (*f++ - '0');
		}
	}
	if (f[0] == 'h' && f[1] == 'h') {
		sp->len = LEN_HH;
		f += 2;
	} else if (f[0] == 'l' && f[1] == 'l') {
		sp->len = LEN_LL;
		f += 2;
	} else if (*f == 'h') {
		sp->len = LEN_H;
		f++;
	} else if (*f == 'l') {
		sp->len = LEN_L;
		f++;
	} else if (*f == 'z') {
		sp->len = LEN_Z;
		f++;
	} else if (*f == 't') {
		sp->len = LEN_T;
		f++;
	} else if (*f == 'j') {
		sp->len = LEN_J;
		f++;
	}
	return f;
}

static int kvformat_list(kputc_fn put, void *arg, const char *fmt, va_list *ap)
{
	struct out o = { put, arg, 0 };
	struct spec sp;

	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, ap);
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = arg_signed(&sp, ap);
			uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

			emit_number(&o, &sp, mag, v < 0, 10, 0);
			break;
		}
		case 'u':
			emit_number(&o, &sp, arg_unsigned(&sp, ap), 0, 10, 0);
			break;
		case 'x':
		case 'X':
			emit_number(&o, &sp, arg_unsigned(&sp, ap), 0, 16,
			            *fmt == 'X');
			break;
		case 'o':
			emit_number(&o, &sp, arg_unsigned(&sp, ap), 0, 8, 0);
			break;
		case 'p':
			sp.alt = 1;
			sp.ptr = 1;
			sp.len = LEN_L;
			emit_number(&o, &sp,
			            (uint64_t)(uintptr_t)va_arg(*ap, void *), 0,
			            16, 0);
			break;
		case 'c': {
			char c = (char)va_arg(*ap, int);

			emit_padded(&o, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(*ap, const char *);
			int n = 0;

			if (!s)
				s = "(null)";
			while (s[n] && (sp.prec < 0 || n < sp.prec))
				n++;
			emit_padded(&o, &sp, s, n);
			break;
		}
		case '%':
			emit(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it and stop. */
			emit(&o, '%');
			return o.count;
		default:
			/* Unknown conversion: print it as written. */
			emit(&o, '%');
			emit(&o, *fmt);
			break;
		}
		fmt++;
	}
	return o.count;
}

int kvformat(kputc_fn put, void *arg, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = kvformat_list(put, arg, fmt, &copy);
	va_end(copy);
	return n;
}

struct bufsink {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_put(void *arg, char c)
{
	struct bufsink *b = arg;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, size, 0 };
	int n = kvformat(buf_put, &b, fmt, ap);

	if (size > 0)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
