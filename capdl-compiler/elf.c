/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * elf.c: component ELF files. Frame fill entries name them:
 *
 *   {DEST LEN CDL_FrameFill_FileData "FILE" OFFSET}
 *       LEN bytes of FILE from OFFSET, copied to DEST in the frame
 *   {DEST LEN CDL_FrameFill_BootInfo CDL_FrameFill_BootInfo_FDT SRC}
 *       LEN bytes of the boot-info chunk from SRC, copied at boot
 *
 * The numbers are C integer constants (capDL-tool pastes them into C):
 * decimal, 0x hex or 0 octal, with optional u/l suffixes. FILE is found
 * through --elf FILE=PATH, or else next to the spec. It must be an AArch64
 * ELF file (read with libelf), and the bytes must be inside it.
 */
#include "build.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

struct elf_file {
	char *name; /* as the spec writes it */
	char *path;
	bool ok;
	char *data; /* the whole file */
	size_t size;
	Elf *elf;
	bool segs_read, segs_ok;
	VEC(struct elf_segment) segs;
};

void elf_files_init(struct elf_files *e, const char *spec_path)
{
	memset(e, 0, sizeof(*e));
	const char *slash = spec_path ? strrchr(spec_path, '/') : NULL;
	if (!spec_path || !strcmp(spec_path, "-") || !slash) {
		e->spec_dir = xstrdup(".");
	} else {
		size_t n = slash == spec_path ? 1 : (size_t)(slash - spec_path);
		e->spec_dir = xmalloc(n + 1);
		memcpy(e->spec_dir, spec_path, n);
		e->spec_dir[n] = '\0';
	}
}

bool elf_files_option(struct elf_files *e, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		fprintf(stderr, "capdlc: --elf needs NAME=PATH, not '%s'\n", arg);
		return false;
	}
	char *name = xmalloc((size_t)(eq - arg) + 1);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	VEC_PUSH(&e->names, name);
	VEC_PUSH(&e->paths, xstrdup(eq + 1));
	return true;
}

void elf_files_free(struct elf_files *e)
{
	for (size_t i = 0; i < e->names.n; i++) {
		free(e->names.v[i]);
		free(e->paths.v[i]);
	}
	for (size_t i = 0; i < e->files.n; i++) {
		struct elf_file *f = e->files.v[i];
		if (f->elf)
			elf_end(f->elf);
		VEC_FREE(&f->segs);
		free(f->data);
		free(f->name);
		free(f->path);
		free(f);
	}
	VEC_FREE(&e->names);
	VEC_FREE(&e->paths);
	VEC_FREE(&e->files);
	free(e->spec_dir);
	memset(e, 0, sizeof(*e));
}

/* ---- fill entries ------------------------------------------------------- */

/* A C integer constant: 0x hex, 0 octal or decimal, u/l suffixes. */
static bool c_number(const char *s, uint64_t *out)
{
	const char *p = s;
	unsigned base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	const char *digits = p;
	uint64_t v = 0;
	for (;; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		if (d >= base)
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	if (p == digits)
		return false;
	while (*p == 'u' || *p == 'U' || *p == 'l' || *p == 'L')
		p++;
	*out = v;
	return *p == '\0';
}

static const char *const bootinfo_ids[] = {
	"CDL_FrameFill_BootInfo_Padding",     "CDL_FrameFill_BootInfo_X86_VBE",
	"CDL_FrameFill_BootInfo_X86_MBMMAP",  "CDL_FrameFill_BootInfo_X86_ACPI_RSDP",
	"CDL_FrameFill_BootInfo_X86_Framebuffer", "CDL_FrameFill_BootInfo_X86_TSC_Freq",
	"CDL_FrameFill_BootInfo_FDT",
};

/* The file name as written: a C string literal, or a bare word. */
static const char *unquote(struct model *m, const char *tok, struct loc loc)
{
	size_t n = strlen(tok);
	if (n >= 2 && tok[0] == '"' && tok[n - 1] == '"') {
		for (size_t i = 1; i + 1 < n; i++)
			if (tok[i] == '\\' || tok[i] == '"') {
				diag(m->diag, CHK_FILL, loc,
				     "file name %s has escapes or quotes inside; write it plainly", tok);
				return NULL;
			}
		return arena_strndup(m->arena, tok + 1, n - 2);
	}
	if (tok[0] == '"' || tok[n - 1] == '"') {
		diag(m->diag, CHK_FILL, loc, "file name %s has unbalanced quotes", tok);
		return NULL;
	}
	return tok;
}

bool fill_parse(struct model *m, uint32_t obj, const struct fill_entry *f, struct fill *out)
{
	memset(out, 0, sizeof(*out));
	out->loc = f->loc;
	if (f->ntok < 3) {
		diag(m->diag, CHK_FILL, f->loc,
		     "a fill entry needs at least 3 words: {DEST LEN KIND ...}");
		return false;
	}
	const char *kind = f->tok[2];
	const char *form;
	if (!strcmp(kind, "CDL_FrameFill_FileData")) {
		out->kind = FILL_FILE_DATA;
		form = "{DEST LEN CDL_FrameFill_FileData \"FILE\" OFFSET}";
	} else if (!strcmp(kind, "CDL_FrameFill_BootInfo")) {
		out->kind = FILL_BOOTINFO;
		form = "{DEST LEN CDL_FrameFill_BootInfo CDL_FrameFill_BootInfo_FDT OFFSET}";
	} else if (!strcmp(kind, "CDL_FrameFill_ElfSegments")) {
		out->kind = FILL_ELF_SEGMENTS;
		form = "{0 0 CDL_FrameFill_ElfSegments \"FILE\" VSPACE}";
	} else {
		diag(m->diag, CHK_FILL, f->loc,
		     "unknown fill kind '%s' (expected CDL_FrameFill_FileData, "
		     "CDL_FrameFill_BootInfo or CDL_FrameFill_ElfSegments)",
		     kind);
		return false;
	}
	if (f->ntok != 5) {
		diag(m->diag, CHK_FILL, f->loc, "a %s fill entry has 5 words: %s", kind + 14, form);
		return false;
	}
	for (int i = 0; i < 2; i++)
		if (!c_number(f->tok[i], i ? &out->len : &out->dest)) {
			diag(m->diag, CHK_FILL, f->loc, "fill %s '%s' is not a number",
			     i ? "length" : "offset", f->tok[i]);
			return false;
		}
	const struct object *o = &m->objs.v[obj];
	uint64_t size = o->bits < 64 ? 1ull << o->bits : 0;
	switch (out->kind) {
	case FILL_FILE_DATA:
		if (!c_number(f->tok[4], &out->offset)) {
			diag(m->diag, CHK_FILL, f->loc, "file offset '%s' is not a number", f->tok[4]);
			return false;
		}
		out->file = unquote(m, f->tok[3], f->loc);
		if (!out->file)
			return false;
		break;
	case FILL_BOOTINFO: {
		uint64_t id = ARRAY_SIZE(bootinfo_ids);
		for (size_t i = 0; i < ARRAY_SIZE(bootinfo_ids); i++)
			if (!strcmp(f->tok[3], bootinfo_ids[i]))
				id = i;
		if (id == ARRAY_SIZE(bootinfo_ids) && (!c_number(f->tok[3], &id) || id > UINT32_MAX)) {
			diag(m->diag, CHK_FILL, f->loc,
			     "unknown boot-info chunk '%s' (expected CDL_FrameFill_BootInfo_FDT or "
			     "another CDL_FrameFill_BootInfo_* name)",
			     f->tok[3]);
			return false;
		}
		out->id = (uint32_t)id;
		if (!c_number(f->tok[4], &out->offset) || out->offset > UINT32_MAX) {
			diag(m->diag, CHK_FILL, f->loc,
			     "boot-info offset '%s' is not a number below 2^32", f->tok[4]);
			return false;
		}
		break;
	}
	case FILL_ELF_SEGMENTS:
		out->file = unquote(m, f->tok[3], f->loc);
		if (!out->file)
			return false;
		if (out->dest || out->len) {
			diag(m->diag, CHK_FILL, f->loc,
			     "an ElfSegments fill places whole segments: write {0 0 ...}");
			return false;
		}
		return true;
	}
	if (out->dest > size || out->len > size - out->dest) {
		struct strbuf sz = {0};
		format_size(&sz, size);
		diag(m->diag, CHK_FILL, f->loc,
		     "the fill writes bytes 0x%llx..0x%llx of frame '%s', which has %s",
		     (unsigned long long)out->dest, (unsigned long long)(out->dest + out->len),
		     obj_label(m, obj), sz.s);
		sb_free(&sz);
		return false;
	}
	return true;
}

/* ---- ELF files ---------------------------------------------------------- */

static const char *machine_name(unsigned em)
{
	switch (em) {
	case EM_386: return " (x86)";
	case EM_ARM: return " (32-bit Arm)";
	case EM_X86_64: return " (x86-64)";
	case EM_RISCV: return " (RISC-V)";
	case EM_NONE: return " (none)";
	default: return "";
	}
}

static struct elf_file *elf_open(struct elf_files *e, struct model *m, const char *name,
				 struct loc loc)
{
	for (size_t i = 0; i < e->files.n; i++)
		if (!strcmp(e->files.v[i]->name, name))
			return e->files.v[i];
	struct elf_file *f = xcalloc(1, sizeof(*f));
	f->name = xstrdup(name);
	VEC_PUSH(&e->files, f);
	const char *given = NULL;
	for (size_t i = 0; i < e->names.n; i++)
		if (!strcmp(e->names.v[i], name))
			given = e->paths.v[i];
	struct strbuf path = {0};
	if (given)
		sb_puts(&path, given);
	else if (name[0] == '/')
		sb_puts(&path, name);
	else
		sb_printf(&path, "%s/%s", e->spec_dir, name);
	f->path = path.s;
	f->data = read_file(f->path, &f->size);
	if (!f->data) {
		diag(m->diag, CHK_FILL, loc, "cannot read ELF file '%s' (%s): %s%s", name, f->path,
		     strerror(errno),
		     given ? "" : "; give its place with --elf NAME=PATH");
		return f;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		diag(m->diag, CHK_FILL, loc, "libelf: %s", elf_errmsg(-1));
		return f;
	}
	f->elf = elf_memory(f->data, f->size);
	GElf_Ehdr eh;
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &eh)) {
		diag(m->diag, CHK_FILL, loc, "'%s' (%s) is not an ELF file", name, f->path);
		return f;
	}
	if (eh.e_machine != EM_AARCH64) {
		diag(m->diag, CHK_FILL, loc,
		     "'%s' (%s) is an ELF file for machine %u%s, not AArch64 (EM_AARCH64, 183)",
		     name, f->path, eh.e_machine, machine_name(eh.e_machine));
		return f;
	}
	f->ok = true;
	return f;
}

const uint8_t *elf_fill_bytes(struct elf_files *e, struct model *m, const struct fill *fl)
{
	struct elf_file *f = elf_open(e, m, fl->file, fl->loc);
	if (!f->ok)
		return NULL;
	if (fl->offset > f->size || fl->len > f->size - fl->offset) {
		diag(m->diag, CHK_FILL, fl->loc,
		     "the fill reads bytes 0x%llx..0x%llx of '%s' (%s), which has only %zu bytes",
		     (unsigned long long)fl->offset, (unsigned long long)(fl->offset + fl->len),
		     fl->file, f->path, f->size);
		return NULL;
	}
	return (const uint8_t *)f->data + fl->offset;
}

const struct elf_segment *elf_segments(struct elf_files *e, struct model *m, const char *file,
				       struct loc loc, size_t *n)
{
	struct elf_file *f = elf_open(e, m, file, loc);
	*n = 0;
	if (!f->ok)
		return NULL;
	if (!f->segs_read) {
		f->segs_read = true;
		f->segs_ok = true;
		size_t phnum;
		if (elf_getphdrnum(f->elf, &phnum)) {
			diag(m->diag, CHK_FILL, loc, "'%s' (%s): cannot read its program headers: %s",
			     file, f->path, elf_errmsg(-1));
			f->segs_ok = false;
			return NULL;
		}
		for (size_t i = 0; i < phnum && f->segs_ok; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(f->elf, (int)i, &ph)) {
				diag(m->diag, CHK_FILL, loc,
				     "'%s' (%s): cannot read program header %zu: %s", file, f->path, i,
				     elf_errmsg(-1));
				f->segs_ok = false;
			} else if (ph.p_type == PT_LOAD && ph.p_memsz) {
				if (ph.p_filesz > ph.p_memsz || ph.p_offset > f->size ||
				    ph.p_filesz > f->size - ph.p_offset) {
					diag(m->diag, CHK_FILL, loc,
					     "'%s' (%s): segment %zu (PT_LOAD at 0x%llx) has %llu bytes "
					     "at file offset 0x%llx, past the end of the file (%zu bytes) "
					     "or beyond its memory size",
					     file, f->path, i, (unsigned long long)ph.p_vaddr,
					     (unsigned long long)ph.p_filesz,
					     (unsigned long long)ph.p_offset, f->size);
					f->segs_ok = false;
				} else {
					struct elf_segment sg = {ph.p_vaddr, ph.p_memsz, ph.p_filesz,
								 ph.p_offset, ph.p_flags};
					VEC_PUSH(&f->segs, sg);
				}
			}
		}
	}
	if (!f->segs_ok)
		return NULL;
	*n = f->segs.n;
	static const struct elf_segment none;
	return f->segs.n ? f->segs.v : &none; /* not NULL: no segments is no error */
}
