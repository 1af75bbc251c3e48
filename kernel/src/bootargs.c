/* SPDX-License-Identifier: BSD-2-Clause */
/* bootargs.c: parsing the kernel command line (see kernel/bootargs.h). */
#include <kernel/bootargs.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

bool bootargs_value_is(const char *val, size_t vlen, const char *s)
{
	size_t i;

	for (i = 0; i < vlen; i++)
		if (s[i] != val[i] || s[i] == '\0')
			return false;
	return s[i] == '\0';
}

bool bootargs_get(const char *args, size_t len, const char *key,
                  const char **val, size_t *vlen)
{
	bool found = false;
	size_t i = 0;

	while (i < len) {
		size_t start, end, k;

		while (i < len && is_space(args[i]))
			i++;
		start = i;
		while (i < len && !is_space(args[i]) && args[i] != '\0')
			i++;
		end = i;
		if (i < len && args[i] == '\0')
			len = i;                   /* stop at an embedded NUL */
		if (start == end)
			continue;
		for (k = 0; key[k] && start + k < end &&
		            args[start + k] == key[k]; k++)
			;
		if (key[k] != '\0')
			continue;
		if (start + k == end) {
			*val = args + end;
			*vlen = 0;
			found = true;
		} else if (args[start + k] == '=') {
			*val = args + start + k + 1;
			*vlen = end - (start + k + 1);
			found = true;
		}
	}
	return found;
}
