/* SPDX-License-Identifier: BSD-2-Clause */
/* print.h: canonical CapDL text, JSON and Graphviz output of a model. */
#ifndef CAPDLC_PRINT_H
#define CAPDLC_PRINT_H

#include <stdio.h>

#include "model.h"

/* Objects sorted as capDL-tool sorts ObjIDs: by name, then index. */
uint32_t *sorted_objects(const struct model *m);

/* Indices as capDL-tool writes them: runs of +1 or -1 as a..b. */
void format_indices(struct strbuf *sb, const uint32_t *idx, size_t n);
void format_rights(struct strbuf *sb, uint8_t rights, bool frame);

int print_cdl(const struct model *m, FILE *out);
int print_json(const struct model *m, FILE *out);
int print_dot(const struct model *m, FILE *out);
int print_summary(const struct model *m, const char *file, FILE *out);

#endif
