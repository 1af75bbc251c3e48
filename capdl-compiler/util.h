/* SPDX-License-Identifier: BSD-2-Clause */
/* util.h: allocation, growable arrays, string buffers and hashing. */
#ifndef CAPDLC_UTIL_H
#define CAPDLC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Page-granular allocation for large buffers (huge pages where possible). */
void *big_alloc(size_t n);
void big_free(void *p, size_t n);

/* A bump allocator: everything is freed at once by arena_free(). */
struct arena {
	struct arena_block *head;
	char *cur, *end;
};
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* Growable array of T: struct { T *v; size_t n, cap; }. */
#define VEC_BODY(T) { T *v; size_t n, cap; }
#define VEC(T) struct VEC_BODY(T)
#define VEC_GROW(vec, want)                                                    \
	do {                                                                   \
		if ((want) > (vec)->cap) {                                     \
			size_t nc_ = (vec)->cap ? (vec)->cap * 2 : 8;          \
			while (nc_ < (want))                                   \
				nc_ *= 2;                                      \
			(vec)->v = xrealloc((vec)->v, nc_ * sizeof(*(vec)->v)); \
			(vec)->cap = nc_;                                      \
		}                                                              \
	} while (0)
#define VEC_PUSH(vec, x)                                                       \
	do {                                                                   \
		VEC_GROW(vec, (vec)->n + 1);                                   \
		(vec)->v[(vec)->n++] = (x);                                    \
	} while (0)
#define VEC_FREE(vec)                                                          \
	do {                                                                   \
		free((vec)->v);                                                \
		(vec)->v = NULL;                                               \
		(vec)->n = (vec)->cap = 0;                                     \
	} while (0)

/* Named vectors, for passing to functions. */
struct u32vec VEC_BODY(uint32_t);
struct sizevec VEC_BODY(size_t);

/* Growable string. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_putc(struct strbuf *sb, char c);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putn(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_u64(struct strbuf *sb, uint64_t v);
void sb_hex(struct strbuf *sb, uint64_t v); /* 0x... lower case */
void sb_spaces(struct strbuf *sb, size_t n);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

uint32_t hash_bytes(const char *s, size_t n);

/* Read a whole file ("-": standard input); returns NULL and sets errno on
 * failure. The buffer ends in two NULs (the lexer scans in place); *len
 * excludes them. */
char *read_file(const char *path, size_t *len);

#endif
