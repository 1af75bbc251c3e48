/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * insn-count.c: a QEMU TCG plugin (API version 1, QEMU 7.2) that counts
 * every guest instruction executed from reset and, each time the guest
 * executes one of the marker instructions, appends "mark ENC N" to the
 * output file: ENC the marker's encoding, N the instructions executed
 * before it. Markers are NOP-space HINT encodings that nothing else uses.
 *
 *   qemu-system-aarch64 ... -plugin ./insn-count.so,out=FILE,mark=0xd5032bff,limit=1000
 *
 * (mark= may be repeated; limit: how many executions of each marker to
 * report). At exit it appends "total N". The declarations below are the
 * subset of QEMU 7.2's <qemu-plugin.h> this plugin uses.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t, struct qemu_plugin_tb *);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int, void *);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t, void *);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t, qemu_plugin_vcpu_tb_trans_cb_t);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *, size_t);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *, enum qemu_plugin_op,
						 void *, uint64_t);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *,
					    qemu_plugin_vcpu_udata_cb_t,
					    enum qemu_plugin_cb_flags, void *);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t, qemu_plugin_udata_cb_t, void *);

#define EXPORT __attribute__((visibility("default")))
EXPORT int qemu_plugin_version = 1;

static uint64_t insns; /* one vCPU: -icount makes TCG single-threaded */
static FILE *out;
static uint32_t marks[8];
static unsigned nmarks, seen[8], limit = 1000;

static void on_mark(unsigned int vcpu, void *data)
{
	unsigned i = (unsigned)(uintptr_t)data;
	(void)vcpu;
	if (seen[i]++ < limit)
		fprintf(out, "mark 0x%08x %llu\n", marks[i], (unsigned long long)insns);
}

static void on_tb(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	for (size_t k = 0; k < qemu_plugin_tb_n_insns(tb); k++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, k);
		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &insns, 1);
		uint32_t enc;
		if (qemu_plugin_insn_size(insn) != 4)
			continue;
		memcpy(&enc, qemu_plugin_insn_data(insn), 4);
		for (unsigned i = 0; i < nmarks; i++)
			if (enc == marks[i])
				qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark,
								       QEMU_PLUGIN_CB_NO_REGS,
								       (void *)(uintptr_t)i);
	}
}

static void at_end(qemu_plugin_id_t id, void *data)
{
	(void)id, (void)data;
	fprintf(out, "total %llu\n", (unsigned long long)insns);
	fclose(out);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
			       char **argv)
{
	const char *path = NULL;
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
		else if (!strncmp(argv[i], "mark=", 5) && nmarks < 8)
			marks[nmarks++] = (uint32_t)strtoul(argv[i] + 5, NULL, 0);
		else if (!strncmp(argv[i], "limit=", 6))
			limit = (unsigned)strtoul(argv[i] + 6, NULL, 0);
		else {
			fprintf(stderr, "insn-count: unknown argument %s\n", argv[i]);
			return -1;
		}
	}
	out = path ? fopen(path, "w") : stderr;
	if (!out)
		return -1;
	setvbuf(out, NULL, _IOLBF, 0);
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb);
	qemu_plugin_register_atexit_cb(id, at_end, NULL);
	return 0;
}
