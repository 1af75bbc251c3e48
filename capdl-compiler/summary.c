/* SPDX-License-Identifier: BSD-2-Clause */
/* summary.c: "capdlc check --summary": what a spec describes, in brief. */
#include "print.h"

#include <string.h>

int print_summary(const struct model *m, const char *file, FILE *f)
{
	size_t count[OBJ_TYPE_COUNT] = {0}, caps = 0, mappings = 0, threads = 0;
	uint64_t frame_bytes = 0;
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		count[o->type]++;
		if (o->type == OBJ_FRAME)
			frame_bytes += o->fsize;
		caps += o->nslots;
		if (is_table_type(o->type))
			mappings += o->nslots;
	}
	threads = count[OBJ_TCB];
	fprintf(f, "%s: %s system, %zu objects:", file, arch_names[m->arch], m->objs.n);
	const char *sep = " ";
	for (int t = 0; t < OBJ_TYPE_COUNT; t++)
		if (count[t]) {
			fprintf(f, "%s%zu %s", sep, count[t], obj_types[t].kw);
			sep = ", ";
		}
	fprintf(f, "\n%s: %zu caps, of which %zu map pages or tables; %llu KiB of frames; "
		   "%zu IRQs mapped; %zu cdt edges\n",
		file, caps, mappings, (unsigned long long)(frame_bytes >> 10), m->irqs.n,
		m->cdt.n);
	size_t shown = 0;
	for (size_t i = 0; i < m->objs.n && shown < 8; i++) {
		const struct object *o = &m->objs.v[i];
		if (o->type != OBJ_TCB)
			continue;
		const struct object_extra *x = o->extra;
		fprintf(f, "%s: thread %s", file, obj_label(m, (uint32_t)i));
		if (extra_has(x, P_IP))
			fprintf(f, ": ip 0x%llx, sp 0x%llx, prio %llu", (unsigned long long)x->v[P_IP],
				(unsigned long long)x->v[P_SP], (unsigned long long)x->v[P_PRIO]);
		if (extra_has(x, P_RESUME) && !x->v[P_RESUME])
			fputs(", not started", f);
		fputc('\n', f);
		shown++;
	}
	if (threads > shown)
		fprintf(f, "%s: ... and %zu more threads\n", file, threads - shown);
	return ferror(f) ? -1 : 0;
}
