/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * model.h: the resolved system: objects, the caps in their slots, untyped
 * covers, the derivation tree, IRQs and the domain schedule. Every object
 * and cap keeps its source position for diagnostics.
 *
 * Objects are numbered in declaration order (objid); the elements of an
 * array x[n] are n consecutive objids. Caps live in their container's
 * slot vector, sorted by slot number once the model is built.
 */
#ifndef CAPDLC_MODEL_H
#define CAPDLC_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"
#include "names.h"

#define NO_OBJ UINT32_MAX
#define MAX_OBJECTS (1u << 24) /* about 1.6 GiB of model */

enum arch { ARCH_AARCH64, ARCH_ARM11, ARCH_IA32, ARCH_X86_64, ARCH_RISCV, ARCH_COUNT };

enum obj_type {
	OBJ_UNTYPED, OBJ_EP, OBJ_NOTIFICATION, OBJ_TCB, OBJ_CNODE, OBJ_IRQ,
	OBJ_ARM_IRQ, OBJ_SGI_SIGNAL, OBJ_ASID_POOL, OBJ_PT, OBJ_PD, OBJ_PUD,
	OBJ_PGD, OBJ_PML4, OBJ_PDPT, OBJ_FRAME, OBJ_VCPU, OBJ_SC, OBJ_RTREPLY,
	OBJ_STREAMID, OBJ_CONTEXTBANK, OBJ_SMC, OBJ_ARM_IODEVICE, OBJ_IODEVICE,
	OBJ_IOPT, OBJ_IOPORTS, OBJ_IOAPIC_IRQ, OBJ_MSI_IRQ,
	OBJ_TYPE_COUNT
};

/* Object parameters that carry one number (bit i of object_extra.present). */
enum param_key {
	P_ADDR, P_IP, P_SP, P_PRIO, P_MAX_PRIO, P_AFFINITY, P_RESUME,
	P_FPU_DISABLED, P_FAULT_EP, P_DOM, P_INIT, P_PERIOD, P_BUDGET, P_DATA,
	P_ASID_HIGH, P_TRIGGER, P_TARGET, P_IRQ, P_BANK, P_IOSPACE, P_LEVEL,
	P_DOMAINID, P_PCI, P_PORTS, P_IOAPIC_NUM, P_IOAPIC_PIN, P_IOAPIC_LEVEL,
	P_IOAPIC_POLARITY, P_MSI_HANDLE, P_MSI_PCI_BUS, P_MSI_PCI_DEV,
	P_MSI_PCI_FUN, P_FILL,
	P_KEY_COUNT
};

struct fill_entry {
	struct loc loc;
	uint32_t ntok;
	char **tok;
};

/* Parameters beyond size and paddr; shared by all elements of an array. */
struct object_extra {
	uint64_t present; /* bit per enum param_key */
	uint64_t v[P_KEY_COUNT];
	uint64_t pci[3];  /* bus, dev, fun */
	uint64_t ports[2];
	uint64_t *init;
	uint32_t ninit;
	uint32_t nfill;
	struct loc loc[P_KEY_COUNT]; /* where each parameter was written */
	struct fill_entry *fill;
};

static inline bool extra_has(const struct object_extra *x, enum param_key k)
{
	return x && (x->present >> k & 1);
}

enum cap_type {
	CAP_NULL, CAP_UNTYPED, CAP_EP, CAP_NOTIFICATION, CAP_REPLY,
	CAP_MASTER_REPLY, CAP_CNODE, CAP_TCB, CAP_IRQ_CONTROL, CAP_IRQ_HANDLER,
	CAP_DOMAIN, CAP_FRAME, CAP_PT, CAP_PD, CAP_PUD, CAP_PGD, CAP_PML4,
	CAP_PDPT, CAP_ASID_CONTROL, CAP_ASID_POOL, CAP_IO_SPACE_MASTER,
	CAP_IO_PORTS, CAP_IO_SPACE, CAP_IOPT, CAP_ARM_IO_SPACE, CAP_VCPU,
	CAP_SC, CAP_RTREPLY, CAP_SCHED_CONTROL, CAP_SID, CAP_CB, CAP_SMC,
	CAP_SGI_SIGNAL,
	CAP_TYPE_COUNT
};

/* Rights, in seL4_CapRights bit order. */
#define RIGHT_W 1u
#define RIGHT_R 2u
#define RIGHT_G 4u
#define RIGHT_P 8u

/* cap.flags */
#define CF_BADGE      0x0001u /* badge: given (data) */
#define CF_GUARD      0x0002u /* guard: given (data) */
#define CF_GUARD_SIZE 0x0004u /* guard_size: given */
#define CF_UNCACHED   0x0008u
#define CF_ASID       0x0010u /* ext: asid */
#define CF_MAPPING    0x0020u /* ext: mapping (container, slot) */
#define CF_COPY       0x0040u /* a <copy> not yet resolved */
#define CF_COPY_BUSY  0x0080u /* being resolved (cycle detection) */
#define CF_CDT_CHILD  0x0100u /* has a parent in the derivation tree */
#define CF_CORE       0x0200u /* sched_control core: (data) */

struct cap {
	uint8_t type;	    /* enum cap_type */
	uint8_t rights;
	uint8_t guard_size;
	uint8_t pad;
	uint16_t flags;
	uint16_t pad2;
	uint32_t obj;	    /* NO_OBJ for control caps */
	uint32_t ext;	    /* index into model.capext, 0 = none */
	uint64_t data;	    /* badge, guard or core */
	struct loc loc;
};

struct cap_ext {
	uint64_t asid[2];
	uint32_t map_obj;
	uint64_t map_slot;
	struct loc map_loc;
	/* pending copy: where the source cap is, and the rights mask */
	uint32_t src_obj;
	uint64_t src_slot;
	uint8_t mask;
	bool has_mask;
	struct sym *src_name;
};

struct slot {
	uint64_t slot;
	struct cap cap;
};

/* object.flags */
#define OF_BITS	    0x01u /* size_bits given ("N bits", frame size) */
#define OF_PADDR    0x02u
#define OF_ELEM	    0x04u /* element of an array: index is valid */
#define OF_EXPLICIT 0x10u /* untyped whose parameters are set */

struct object {
	struct sym *name;
	uint32_t index;
	uint8_t type;	    /* enum obj_type */
	uint8_t flags;
	uint16_t pad;
	struct loc loc;
	uint64_t bits;	    /* ut/cnode/sc: N bits; frame: log2(size) */
	uint64_t fsize;	    /* frame: size in bytes as written */
	uint64_t paddr;
	struct object_extra *extra;
	struct slot *slots;
	uint32_t nslots, capslots;
	uint32_t *cover;
	uint32_t ncover, capcover;
	uint32_t covered_by; /* first untyped that covers it, or NO_OBJ */
};

/* Not an array element other than the first (elements are alike). */
static inline bool first_of_array(const struct object *o)
{
	return !(o->flags & OF_ELEM) || o->index == 0;
}

/* A paging table of any level (PT ... PGD/PML4/PDPT). */
static inline bool is_table_type(uint8_t t)
{
	return t == OBJ_PT || t == OBJ_PD || t == OBJ_PUD || t == OBJ_PGD ||
	       t == OBJ_PML4 || t == OBJ_PDPT;
}

/* Binding of a name in the object namespace. */
struct obj_binding {
	uint32_t first;
	uint32_t count;
	bool is_array;
	struct loc loc;
};

/* Binding of a name in the cap-name namespace. */
struct capref {
	uint32_t obj;
	uint64_t slot;
};

struct capref_vec VEC_BODY(struct capref);

struct capname_binding {
	struct loc loc;
	bool is_array;
	bool lazy;		   /* name = (obj, slot): resolved on use */
	const struct ast_slotref *ref;
	struct capref single;
	struct capref_vec elems;
};

struct cdt_edge {
	struct capref child, parent;
	struct loc loc;
};

struct irq_entry {
	uint64_t irq;
	uint32_t obj;
	struct loc loc;
};

struct sched_entry {
	uint64_t dom, ticks;
	struct loc loc;
};

struct model {
	enum arch arch;
	struct sym *arch_name;
	struct loc arch_loc;
	struct arena *arena;
	struct symtab *syms;
	struct diag_ctx *diag;
	VEC(struct object) objs;
	VEC(struct cap_ext) capext;
	VEC(struct cdt_edge) cdt;
	VEC(struct irq_entry) irqs;
	bool has_schedule, has_start, has_shift, no_start;
	VEC(struct sched_entry) schedule;
	VEC(struct capname_binding *) cap_arrays; /* own their elems */
	uint64_t start, shift;
	struct loc start_loc;
};

/* Type tables (model.c). */
struct obj_type_info {
	const char *kw;		/* keyword in specs and in print */
	uint8_t cap;		/* cap type a cap to it has */
	bool holds_caps;
	uint8_t archs;		/* bit per enum arch where it exists */
};
extern const struct obj_type_info obj_types[OBJ_TYPE_COUNT];
extern const char *const cap_type_names[CAP_TYPE_COUNT];
extern const char *const arch_names[ARCH_COUNT];
extern const char *const param_key_names[P_KEY_COUNT];

bool cap_type_valid(enum arch a, enum cap_type t);
uint32_t word_bits(enum arch a);

/* Building: model.c drives objects.c and caps.c. Returns false if a
 * fatal (model-guarding) error was reported. */
bool model_build(struct model *m, const struct ast_spec *spec);
void model_free(struct model *m);
void dump_group_objects(struct model *m); /* dump.c */

/* Helpers shared by the build stages. */
struct ref_list {
	VEC(uint32_t) ids;
};
bool resolve_ref(struct model *m, const struct ast_nameref *r, struct ref_list *out);
uint32_t resolve_one(struct model *m, const struct ast_nameref *r, const char *what);
bool resolve_slotref(struct model *m, const struct ast_slotref *r, struct capref *out);
bool slot_value(struct model *m, const struct ast_slot *s, uint64_t *out);
struct slot *find_slot(const struct object *o, uint64_t slot);
void object_describe(const struct model *m, uint32_t id, struct strbuf *sb);
const char *obj_label(const struct model *m, uint32_t id); /* static, 4 in turn */
const char *an(const char *word); /* "a" or "an" before word */
const char *special_cap_name(uint8_t cap_type);
int objid_cmp(const struct object *x, const struct object *y);

void objects_build(struct model *m, const struct ast_spec *spec);
void caps_build(struct model *m, const struct ast_spec *spec);

#endif
