#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Generate libsel4's invocation labels and invocation stubs.

Writes sel4/invocation.h (the label enums of seL4 16.0.0, AArch64,
non-MCS, non-SMP, non-hypervisor) and sel4/sel4_client.h (one inline
function per invocation).  The label numbers are the positions in LABELS
(0 = InvalidInvocation), which follow the reference's frozen table (section
3.1a); the stubs marshal arguments the way libsel4 does (section 3.3): cap
parameters go to caps_or_badges[], the others are packed in order into
message words, each aligned to min(its size, 64) bits.
"""
import sys

# (label name, or None for the enum boundary markers)
LABELS = [
    'InvalidInvocation', 'UntypedRetype',
    'TCBReadRegisters', 'TCBWriteRegisters', 'TCBCopyRegisters',
    'TCBConfigure', 'TCBSetPriority', 'TCBSetMCPriority',
    'TCBSetSchedParams', 'TCBSetIPCBuffer', 'TCBSetSpace', 'TCBSuspend',
    'TCBResume', 'TCBBindNotification', 'TCBUnbindNotification',
    'TCBSetTLSBase', 'TCBSetFlags',
    'CNodeRevoke', 'CNodeDelete', 'CNodeCancelBadgedSends', 'CNodeCopy',
    'CNodeMint', 'CNodeMove', 'CNodeMutate', 'CNodeRotate',
    'CNodeSaveCaller',
    'IRQIssueIRQHandler', 'IRQAckIRQ', 'IRQSetIRQHandler',
    'IRQClearIRQHandler',
    'DomainSetSet', 'DomainScheduleConfigure', 'DomainScheduleSetStart',
]
SEL4_ARCH_LABELS = [
    'ARMVSpaceClean_Data', 'ARMVSpaceInvalidate_Data',
    'ARMVSpaceCleanInvalidate_Data', 'ARMVSpaceUnify_Instruction',
    'ARMSMCCall',
]
ARCH_LABELS = [
    'ARMPageTableMap', 'ARMPageTableUnmap',
    'ARMPageMap', 'ARMPageUnmap', 'ARMPageClean_Data',
    'ARMPageInvalidate_Data', 'ARMPageCleanInvalidate_Data',
    'ARMPageUnify_Instruction', 'ARMPageGetAddress',
    'ARMASIDControlMakePool', 'ARMASIDPoolAssign',
    'ARMIRQIssueIRQHandlerTrigger', 'ARMIRQIssueSGISignal',
]
# Spot checks against the reference's [verified] values.
EXPECT = {'UntypedRetype': 1, 'TCBConfigure': 5, 'CNodeCopy': 20,
          'CNodeMint': 21, 'CNodeSaveCaller': 25, 'DomainSetSet': 30,
          'ARMVSpaceClean_Data': 33, 'ARMSMCCall': 37,
          'ARMPageTableMap': 38, 'ARMPageMap': 40, 'ARMPageGetAddress': 46,
          'ARMASIDPoolAssign': 48, 'ARMIRQIssueIRQHandlerTrigger': 49,
          'ARMIRQIssueSGISignal': 50}

# Parameter types: bits in the message (caps have 0: they are extra caps).
CAP_TYPES = {'seL4_CNode', 'seL4_TCB', 'seL4_CPtr', 'seL4_Untyped',
             'seL4_ARM_VSpace', 'seL4_IRQHandler'}
BITS = {'seL4_Word': 64, 'seL4_Uint8': 8, 'seL4_Uint16': 16, 'seL4_Bool': 1,
        'seL4_CapRights_t': 64, 'seL4_ARM_VMAttributes': 64,
        'seL4_Uint32': 32}
STRUCT_WORDS = {'seL4_CapRights_t': 1}

W, U8, B = 'seL4_Word', 'seL4_Uint8', 'seL4_Bool'
CR, VA = 'seL4_CapRights_t', 'seL4_ARM_VMAttributes'

# (function name, service type, label, [(type, name)], output)
# output: None, ('word', struct field name), or 'regs' (ReadRegisters).
METHODS = [
    ('seL4_Untyped_Retype', 'seL4_Untyped', 'UntypedRetype',
     [(W, 'type'), (W, 'size_bits'), ('seL4_CNode', 'root'),
      (W, 'node_index'), (W, 'node_depth'), (W, 'node_offset'),
      (W, 'num_objects')], None),
    ('seL4_TCB_ReadRegisters', 'seL4_TCB', 'TCBReadRegisters',
     [(B, 'suspend_source'), (U8, 'arch_flags'), (W, 'count')], 'regs'),
    ('seL4_TCB_WriteRegisters', 'seL4_TCB', 'TCBWriteRegisters',
     [(B, 'resume_target'), (U8, 'arch_flags'), (W, 'count'),
      ('seL4_UserContext', 'regs')], None),
    ('seL4_TCB_CopyRegisters', 'seL4_TCB', 'TCBCopyRegisters',
     [('seL4_TCB', 'source'), (B, 'suspend_source'), (B, 'resume_target'),
      (B, 'transfer_frame'), (B, 'transfer_integer'), (U8, 'arch_flags')],
     None),
    ('seL4_TCB_Configure', 'seL4_TCB', 'TCBConfigure',
     [(W, 'fault_ep'), ('seL4_CNode', 'cspace_root'),
      (W, 'cspace_root_data'), ('seL4_CPtr', 'vspace_root'),
      (W, 'vspace_root_data'), (W, 'buffer'), ('seL4_CPtr', 'bufferFrame')],
     None),
    ('seL4_TCB_SetPriority', 'seL4_TCB', 'TCBSetPriority',
     [('seL4_TCB', 'authority'), (W, 'priority')], None),
    ('seL4_TCB_SetMCPriority', 'seL4_TCB', 'TCBSetMCPriority',
     [('seL4_TCB', 'authority'), (W, 'mcp')], None),
    ('seL4_TCB_SetSchedParams', 'seL4_TCB', 'TCBSetSchedParams',
     [('seL4_TCB', 'authority'), (W, 'mcp'), (W, 'priority')], None),
    ('seL4_TCB_SetIPCBuffer', 'seL4_TCB', 'TCBSetIPCBuffer',
     [(W, 'buffer'), ('seL4_CPtr', 'bufferFrame')], None),
    ('seL4_TCB_SetSpace', 'seL4_TCB', 'TCBSetSpace',
     [(W, 'fault_ep'), ('seL4_CNode', 'cspace_root'),
      (W, 'cspace_root_data'), ('seL4_CPtr', 'vspace_root'),
      (W, 'vspace_root_data')], None),
    ('seL4_TCB_Suspend', 'seL4_TCB', 'TCBSuspend', [], None),
    ('seL4_TCB_Resume', 'seL4_TCB', 'TCBResume', [], None),
    ('seL4_TCB_BindNotification', 'seL4_TCB', 'TCBBindNotification',
     [('seL4_CPtr', 'notification')], None),
    ('seL4_TCB_UnbindNotification', 'seL4_TCB', 'TCBUnbindNotification',
     [], None),
    ('seL4_TCB_SetTLSBase', 'seL4_TCB', 'TCBSetTLSBase',
     [(W, 'tls_base')], None),
    ('seL4_TCB_SetFlags', 'seL4_TCB', 'TCBSetFlags',
     [(W, 'clear'), (W, 'set')], ('word', 'flags')),
    ('seL4_CNode_Revoke', 'seL4_CNode', 'CNodeRevoke',
     [(W, 'index'), (U8, 'depth')], None),
    ('seL4_CNode_Delete', 'seL4_CNode', 'CNodeDelete',
     [(W, 'index'), (U8, 'depth')], None),
    ('seL4_CNode_CancelBadgedSends', 'seL4_CNode', 'CNodeCancelBadgedSends',
     [(W, 'index'), (U8, 'depth')], None),
    ('seL4_CNode_Copy', 'seL4_CNode', 'CNodeCopy',
     [(W, 'dest_index'), (U8, 'dest_depth'), ('seL4_CNode', 'src_root'),
      (W, 'src_index'), (U8, 'src_depth'), (CR, 'rights')], None),
    ('seL4_CNode_Mint', 'seL4_CNode', 'CNodeMint',
     [(W, 'dest_index'), (U8, 'dest_depth'), ('seL4_CNode', 'src_root'),
      (W, 'src_index'), (U8, 'src_depth'), (CR, 'rights'), (W, 'badge')],
     None),
    ('seL4_CNode_Move', 'seL4_CNode', 'CNodeMove',
     [(W, 'dest_index'), (U8, 'dest_depth'), ('seL4_CNode', 'src_root'),
      (W, 'src_index'), (U8, 'src_depth')], None),
    ('seL4_CNode_Mutate', 'seL4_CNode', 'CNodeMutate',
     [(W, 'dest_index'), (U8, 'dest_depth'), ('seL4_CNode', 'src_root'),
      (W, 'src_index'), (U8, 'src_depth'), (W, 'badge')], None),
    ('seL4_CNode_Rotate', 'seL4_CNode', 'CNodeRotate',
     [(W, 'dest_index'), (U8, 'dest_depth'), (W, 'dest_badge'),
      ('seL4_CNode', 'pivot_root'), (W, 'pivot_index'), (U8, 'pivot_depth'),
      (W, 'pivot_badge'), ('seL4_CNode', 'src_root'), (W, 'src_index'),
      (U8, 'src_depth')], None),
    ('seL4_CNode_SaveCaller', 'seL4_CNode', 'CNodeSaveCaller',
     [(W, 'index'), (U8, 'depth')], None),
    ('seL4_IRQControl_Get', 'seL4_IRQControl', 'IRQIssueIRQHandler',
     [(W, 'irq'), ('seL4_CNode', 'root'), (W, 'index'), (U8, 'depth')],
     None),
    ('seL4_IRQHandler_Ack', 'seL4_IRQHandler', 'IRQAckIRQ', [], None),
    ('seL4_IRQHandler_SetNotification', 'seL4_IRQHandler',
     'IRQSetIRQHandler', [('seL4_CPtr', 'notification')], None),
    ('seL4_IRQHandler_Clear', 'seL4_IRQHandler', 'IRQClearIRQHandler', [],
     None),
    ('seL4_DomainSet_Set', 'seL4_DomainSet', 'DomainSetSet',
     [(U8, 'domain'), ('seL4_TCB', 'thread')], None),
    ('seL4_ARM_VSpace_Clean_Data', 'seL4_ARM_VSpace', 'ARMVSpaceClean_Data',
     [(W, 'start'), (W, 'end')], None),
    ('seL4_ARM_VSpace_Invalidate_Data', 'seL4_ARM_VSpace',
     'ARMVSpaceInvalidate_Data', [(W, 'start'), (W, 'end')], None),
    ('seL4_ARM_VSpace_CleanInvalidate_Data', 'seL4_ARM_VSpace',
     'ARMVSpaceCleanInvalidate_Data', [(W, 'start'), (W, 'end')], None),
    ('seL4_ARM_VSpace_Unify_Instruction', 'seL4_ARM_VSpace',
     'ARMVSpaceUnify_Instruction', [(W, 'start'), (W, 'end')], None),
    ('seL4_ARM_PageTable_Map', 'seL4_ARM_PageTable', 'ARMPageTableMap',
     [('seL4_ARM_VSpace', 'vspace'), (W, 'vaddr'), (VA, 'attr')], None),
    ('seL4_ARM_PageTable_Unmap', 'seL4_ARM_PageTable', 'ARMPageTableUnmap',
     [], None),
    ('seL4_ARM_Page_Map', 'seL4_ARM_Page', 'ARMPageMap',
     [('seL4_ARM_VSpace', 'vspace'), (W, 'vaddr'), (CR, 'rights'),
      (VA, 'attr')], None),
    ('seL4_ARM_Page_Unmap', 'seL4_ARM_Page', 'ARMPageUnmap', [], None),
    ('seL4_ARM_Page_Clean_Data', 'seL4_ARM_Page', 'ARMPageClean_Data',
     [(W, 'start_offset'), (W, 'end_offset')], None),
    ('seL4_ARM_Page_Invalidate_Data', 'seL4_ARM_Page',
     'ARMPageInvalidate_Data', [(W, 'start_offset'), (W, 'end_offset')],
     None),
    ('seL4_ARM_Page_CleanInvalidate_Data', 'seL4_ARM_Page',
     'ARMPageCleanInvalidate_Data', [(W, 'start_offset'), (W, 'end_offset')],
     None),
    ('seL4_ARM_Page_Unify_Instruction', 'seL4_ARM_Page',
     'ARMPageUnify_Instruction', [(W, 'start_offset'), (W, 'end_offset')],
     None),
    ('seL4_ARM_Page_GetAddress', 'seL4_ARM_Page', 'ARMPageGetAddress', [],
     ('word', 'paddr')),
    ('seL4_ARM_ASIDControl_MakePool', 'seL4_ARM_ASIDControl',
     'ARMASIDControlMakePool',
     [('seL4_Untyped', 'untyped'), ('seL4_CNode', 'root'), (W, 'index'),
      (U8, 'depth')], None),
    ('seL4_ARM_ASIDPool_Assign', 'seL4_ARM_ASIDPool', 'ARMASIDPoolAssign',
     [('seL4_ARM_VSpace', 'vspace')], None),
    ('seL4_IRQControl_GetTrigger', 'seL4_IRQControl',
     'ARMIRQIssueIRQHandlerTrigger',
     [(W, 'irq'), (W, 'trigger'), ('seL4_CNode', 'root'), (W, 'index'),
      (U8, 'depth')], None),
    ('seL4_IRQControl_IssueSGISignal', 'seL4_IRQControl',
     'ARMIRQIssueSGISignal',
     [(W, 'irq'), (W, 'target'), ('seL4_CNode', 'root'), (W, 'index'),
      (U8, 'depth')], None),
]

USER_CONTEXT = ['pc', 'sp', 'spsr', 'x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6',
                'x7', 'x8', 'x16', 'x17', 'x18', 'x29', 'x30', 'x9', 'x10',
                'x11', 'x12', 'x13', 'x14', 'x15', 'x19', 'x20', 'x21',
                'x22', 'x23', 'x24', 'x25', 'x26', 'x27', 'x28', 'tpidr_el0',
                'tpidrro_el0']


def label_numbers():
    nums = {}
    for i, n in enumerate(LABELS):
        nums[n] = i
    base = len(LABELS)
    for i, n in enumerate(SEL4_ARCH_LABELS):
        nums[n] = base + i
    base += len(SEL4_ARCH_LABELS)
    for i, n in enumerate(ARCH_LABELS):
        nums[n] = base + i
    for n, v in EXPECT.items():
        if nums[n] != v:
            sys.exit('label %s is %d, the reference says %d' % (n, nums[n], v))
    return nums


def pack(params):
    """[(type, name)] -> (caps [names], words: list of [(expr, shift, bits)])"""
    caps, words, bit = [], [], 0
    for ty, name in params:
        if ty in CAP_TYPES:
            caps.append(name)
            continue
        if ty == 'seL4_UserContext':
            bit = (bit + 63) // 64 * 64
            for f in USER_CONTEXT:
                words.append([('regs->' + f, 0, 64)])
            bit += 64 * len(USER_CONTEXT)
            continue
        size = BITS[ty]
        expr = name + '.words[0]' if ty == 'seL4_CapRights_t' else name
        align = min(size, 64)
        bit = (bit + align - 1) // align * align
        if bit // 64 != (bit + size - 1) // 64:
            bit = (bit + 63) // 64 * 64
        w = bit // 64
        while len(words) <= w:
            words.append([])
        words[w].append((expr, bit % 64, size))
        bit += size
    return caps, words


def word_expr(parts):
    out = []
    for expr, shift, size in parts:
        e = '(seL4_Word)(%s)' % expr
        if size < 64:
            e = '(%s & 0x%xul)' % (e, (1 << size) - 1)
        if shift:
            e = '(%s << %d)' % (e, shift)
        out.append(e)
    return ' | '.join(out) if out else '0'


def gen_method(m, nums):
    fname, svc, label, params, output = m
    caps, words = pack(params)
    args = ['%s _service' % svc]
    for ty, name in params:
        if ty == 'seL4_UserContext':
            args.append('seL4_UserContext *regs')
        else:
            args.append('%s %s' % (ty, name))
    if output == 'regs':
        args.append('seL4_UserContext *regs')
    if isinstance(output, tuple):
        rtype = fname + '_t'
    else:
        rtype = 'seL4_Error'
    lines = []
    if isinstance(output, tuple):
        lines.append('typedef struct %s {\n\tint error;\n\tseL4_Word %s;\n} %s;\n'
                     % (fname, output[1], rtype))
    lines.append('LIBSEL4_INLINE_FUNC %s\n%s(%s)\n{' % (rtype, fname,
                                                        ', '.join(args)))
    lines.append('\t%s result;' % rtype)
    lines.append('\tseL4_MessageInfo_t tag = seL4_MessageInfo_new(%s, 0, %d, %d);'
                 % (label, len(caps), len(words)))
    lines.append('\tseL4_MessageInfo_t output_tag;')
    lines.append('\tseL4_Word mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;')
    lines.append('')
    for i, c in enumerate(caps):
        lines.append('\tseL4_SetCap(%d, %s);' % (i, c))
    for i, parts in enumerate(words):
        e = word_expr(parts)
        if i < 4:
            lines.append('\tmr%d = %s;' % (i, e))
        else:
            lines.append('\tseL4_SetMR(%d, %s);' % (i, e))
    lines.append('\toutput_tag = seL4_CallWithMRs(_service, tag, &mr0, &mr1, &mr2, &mr3);')
    err = 'result.error' if isinstance(output, tuple) else 'result'
    if isinstance(output, tuple):
        lines.append('\tresult.%s = 0;' % output[1])
    lines.append('\t%s = (int)seL4_MessageInfo_get_label(output_tag);' % err)
    lines.append('\tif (%s != seL4_NoError) {' % err)
    lines.append('\t\tseL4_SetMR(0, mr0);\n\t\tseL4_SetMR(1, mr1);')
    lines.append('\t\tseL4_SetMR(2, mr2);\n\t\tseL4_SetMR(3, mr3);')
    lines.append('\t\treturn result;\n\t}')
    if output == 'regs':
        lines.append('\t{')
        lines.append('\t\tseL4_Word *out = (seL4_Word *)regs;')
        lines.append('\t\tseL4_Word n = count < %d ? count : %d;'
                     % (len(USER_CONTEXT), len(USER_CONTEXT)))
        lines.append('\t\tfor (seL4_Word i = 0; i < n; i++)')
        lines.append('\t\t\tout[i] = i == 0 ? mr0 : i == 1 ? mr1 : '
                     'i == 2 ? mr2 : i == 3 ? mr3 : seL4_GetMR((int)i);')
        lines.append('\t}')
    elif isinstance(output, tuple):
        lines.append('\tresult.%s = mr0;' % output[1])
    lines.append('\treturn result;\n}\n')
    return '\n'.join(lines)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: gen_client.py OUT/invocation.h OUT/sel4_client.h')
    nums = label_numbers()
    with open(sys.argv[1], 'w') as f:
        f.write('/* Generated by libsel4/tools/gen_client.py: do not edit. */\n')
        f.write('#ifndef SEL4_INVOCATION_H\n#define SEL4_INVOCATION_H\n\n')
        f.write('enum invocation_label {\n')
        for n in LABELS:
            f.write('\t%s = %d,\n' % (n, nums[n]))
        f.write('\tnInvocationLabels = %d,\n};\n\n' % len(LABELS))
        f.write('enum sel4_arch_invocation_label {\n')
        for n in SEL4_ARCH_LABELS:
            f.write('\t%s = %d,\n' % (n, nums[n]))
        f.write('\tnSeL4ArchInvocationLabels = %d,\n};\n\n'
                % (len(LABELS) + len(SEL4_ARCH_LABELS)))
        f.write('enum arch_invocation_label {\n')
        for n in ARCH_LABELS:
            f.write('\t%s = %d,\n' % (n, nums[n]))
        f.write('\tnArchInvocationLabels = %d,\n};\n\n#endif\n'
                % (len(LABELS) + len(SEL4_ARCH_LABELS) + len(ARCH_LABELS)))
    with open(sys.argv[2], 'w') as f:
        f.write('/* Generated by libsel4/tools/gen_client.py: do not edit. */\n')
        f.write('#ifndef SEL4_CLIENT_H\n#define SEL4_CLIENT_H\n\n')
        f.write('#include <sel4/invocation.h>\n#include <sel4/syscalls.h>\n\n')
        for m in METHODS:
            f.write(gen_method(m, nums))
            f.write('\n')
        f.write('#endif\n')


if __name__ == '__main__':
    main()
