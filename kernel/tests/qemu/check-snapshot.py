#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Boot a root task that calls seL4_DebugSnapshot; check the snapshot.

Usage: check-snapshot.py --capdlc CAPDLC [--min-facts N] -- RUN-KERNEL-ARGS

Runs tests/qemu/run-kernel.py (next to this script) with RUN-KERNEL-ARGS
(which must pass), then:
  * takes the console lines between "KRN|--- capdl snapshot begin ---" and
    "KRN|--- capdl snapshot end ---" (every one must carry the KRN| prefix:
    no user output inside) and strips the prefix;
  * runs "capdlc check" on that text, which must succeed without printing
    anything (no errors, no warnings), and "capdlc json";
  * checks every "# fact ..." line the root task printed against the JSON
    model; "# facts: N" must count them, and there must be --min-facts.

Facts (REF: NAME | ^SLOT:NAME (the one object whose SLOT holds a cap to
NAME), each optionally followed by /SLOT (the object the cap there names);
SLOT: a number or a TCB slot name such as cspace; KEY=VALUE compares an
object's parameter or field, or a cap's attribute; VALUE A..B is a range):
  obj REF TYPE [KEY=VALUE...]       the object exists with that type
  cap REF SLOT TARGET [KEY=VALUE...] the slot holds a cap to TARGET (a REF,
                                    or irq_control / asid_control / domain)
  nocap REF SLOT                    the slot is empty
  map VSPACE VADDR TARGET [KEY=VALUE...]  walking the VSpace's tables for
                                    VADDR reaches a frame cap to TARGET
  unmapped VSPACE VADDR             it reaches no frame
  irq N REF                         irq maps gives IRQ N to REF
  count TYPE N                      there are N objects of TYPE
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

BEGIN = 'KRN|--- capdl snapshot begin ---'
END = 'KRN|--- capdl snapshot end ---'
TCB_SLOTS = {'cspace': 0, 'vspace': 1, 'reply_slot': 2, 'caller_slot': 3,
             'ipc_buffer_slot': 4, 'fault_ep_slot': 5, 'sc_slot': 6,
             'temp_fault_ep_slot': 7, 'bound_notification': 8,
             'bound_vcpu': 9}
SPECIAL = ('irq_control', 'asid_control', 'domain')


class FactError(Exception):
    pass


class Model:
    def __init__(self, doc):
        self.objs = doc['objects']
        self.by_id = {o['id']: o for o in self.objs}
        self.by_name = {}
        for o in self.objs:
            self.by_name[o['name']] = o
        self.irqs = doc.get('irqs', [])

    def named(self, name):
        if name not in self.by_name:
            raise FactError('no object %s' % name)
        return self.by_name[name]

    def resolve(self, ref):
        parts = ref.split('/')
        base = parts[0]
        if base.startswith('^'):
            slot_s, _, name = base[1:].partition(':')
            target = self.named(name)
            slot = slot_number(slot_s)
            holders = [o for o in self.objs
                       if (self.cap_at(o, slot) or {}).get('object')
                       == target['id']]
            if len(holders) != 1:
                raise FactError('%d objects hold a cap to %s in slot %d'
                                % (len(holders), name, slot))
            obj = holders[0]
        else:
            obj = self.named(base)
        for p in parts[1:]:
            cap = self.cap_at(obj, slot_number(p))
            if cap is None or cap.get('object') is None:
                raise FactError('%s: slot %s holds no cap to an object'
                                % (obj['name'], p))
            obj = self.by_id[cap['object']]
        return obj

    @staticmethod
    def cap_at(obj, slot):
        for s in obj.get('slots', []):
            if s['slot'] == slot:
                return s['cap']
        return None


def slot_number(s):
    if s in TCB_SLOTS:
        return TCB_SLOTS[s]
    return int(s, 0)


def compare(what, got, want):
    if '..' in want:
        lo, hi = (int(x, 0) for x in want.split('..'))
        ok = isinstance(got, int) and lo <= got < hi
    elif isinstance(got, bool):
        ok = got == bool(int(want, 0))
    elif isinstance(got, int):
        ok = got == int(want, 0)
    else:
        ok = str(got) == want
    if not ok:
        raise FactError('%s is %r, want %s' % (what, got, want))


def check_keys(what, d, keys, defaults=None):
    for kv in keys:
        k, _, v = kv.partition('=')
        if k in d:
            got = d[k]
        elif defaults is not None and k in defaults:
            got = defaults[k]
        else:
            raise FactError('%s has no %s' % (what, k))
        compare('%s %s' % (what, k), got, v)


def check_cap(m, where, cap, target, keys):
    if cap is None:
        raise FactError('%s is empty' % where)
    if target in SPECIAL:
        if cap['type'] != target:
            raise FactError('%s holds a %s cap, want %s'
                            % (where, cap['type'], target))
    else:
        obj = m.resolve(target)
        if cap.get('object') != obj['id']:
            got = m.by_id[cap['object']]['name'] \
                if cap.get('object') is not None else cap['type']
            raise FactError('%s holds a cap to %s, want %s (%s)'
                            % (where, got, obj['name'], target))
    check_keys('cap in ' + where, cap, keys,
               defaults={'rights': '', 'badge': 0})


def walk(m, vs, vaddr):
    obj = m.resolve(vs)
    for shift in (39, 30, 21, 12):
        cap = m.cap_at(obj, (vaddr >> shift) & 511)
        if cap is None:
            return None, None
        if cap['type'] == 'frame':
            return obj, cap
        obj = m.by_id[cap['object']]
    return None, None


def check_fact(m, words):
    kind, args = words[0], words[1:]
    if kind == 'obj':
        obj = m.resolve(args[0])
        if obj['type'] != args[1]:
            raise FactError('%s is a %s, want %s'
                            % (obj['name'], obj['type'], args[1]))
        fields = dict(obj)
        fields.update(obj.get('params', {}))
        check_keys(obj['name'], fields, args[2:])
    elif kind == 'cap':
        obj = m.resolve(args[0])
        check_cap(m, '%s slot %s' % (obj['name'], args[1]),
                  m.cap_at(obj, slot_number(args[1])), args[2], args[3:])
    elif kind == 'nocap':
        obj = m.resolve(args[0])
        cap = m.cap_at(obj, slot_number(args[1]))
        if cap is not None:
            raise FactError('%s slot %s holds a %s cap'
                            % (obj['name'], args[1], cap['type']))
    elif kind == 'map':
        table, cap = walk(m, args[0], int(args[1], 0))
        check_cap(m, 'the mapping of %s' % args[1], cap, args[2], args[3:])
    elif kind == 'unmapped':
        table, cap = walk(m, args[0], int(args[1], 0))
        if cap is not None:
            raise FactError('%s is mapped to %s' % (
                args[1], m.by_id[cap['object']]['name']))
    elif kind == 'irq':
        obj = m.resolve(args[1])
        if {'irq': int(args[0], 0), 'object': obj['id']} not in m.irqs:
            raise FactError('irq maps does not give IRQ %s to %s'
                            % (args[0], obj['name']))
    elif kind == 'count':
        n = sum(1 for o in m.objs if o['type'] == args[0])
        if n != int(args[1], 0):
            raise FactError('%d %s objects, want %s' % (n, args[0], args[1]))
    else:
        raise FactError('unknown fact kind %r' % kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--capdlc', required=True)
    ap.add_argument('--min-facts', type=int, default=1)
    ap.add_argument('run_kernel_args', nargs=argparse.REMAINDER)
    args = ap.parse_args()
    rk_args = args.run_kernel_args
    if rk_args and rk_args[0] == '--':
        rk_args = rk_args[1:]

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        console = os.path.join(tmp, 'console.txt')
        run_kernel = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                  'run-kernel.py')
        rc = subprocess.run([sys.executable, run_kernel] + rk_args +
                            ['--save-console', console]).returncode
        if rc != 0:
            print('FAIL: run-kernel.py failed')
            return 1
        with open(console) as f:
            lines = f.read().split('\n')

        if BEGIN not in lines or END not in lines[lines.index(BEGIN):]:
            print('FAIL: no snapshot between the markers')
            return 1
        b = lines.index(BEGIN)
        e = lines.index(END, b)
        body = lines[b + 1:e]
        stray = [l for l in body if not l.startswith('KRN|')]
        if stray:
            failures.append('lines without KRN| inside the snapshot: %r'
                            % stray[:3])
        text = ''.join(l[4:] + '\n' for l in body if l.startswith('KRN|'))
        cdl = os.path.join(tmp, 'snapshot.cdl')
        with open(cdl, 'w') as f:
            f.write(text)
        print('---- snapshot: %d lines ----' % len(body))

        chk = subprocess.run([args.capdlc, 'check', cdl],
                             capture_output=True, text=True)
        print('$ capdlc check: exit %d' % chk.returncode)
        if chk.returncode != 0 or chk.stdout or chk.stderr:
            failures.append('capdlc check: exit %d\n%s%s'
                            % (chk.returncode, chk.stdout, chk.stderr))
        js = subprocess.run([args.capdlc, 'json', cdl],
                            capture_output=True, text=True)
        if js.returncode != 0:
            failures.append('capdlc json: exit %d\n%s'
                            % (js.returncode, js.stderr))
            model = None
        else:
            model = Model(json.loads(js.stdout))
            print('capdlc json: %d objects, %d IRQs'
                  % (len(model.objs), len(model.irqs)))

        facts = [l[len('# fact '):] for l in lines if l.startswith('# fact ')]
        counts = [l for l in lines if l.startswith('# facts: ')]
        if len(counts) != 1 or int(counts[0][9:]) != len(facts):
            failures.append('"# facts: N" missing or not %d' % len(facts))
        if len(facts) < args.min_facts:
            failures.append('%d facts, want at least %d'
                            % (len(facts), args.min_facts))
        if model is not None:
            for fact in facts:
                try:
                    check_fact(model, fact.split())
                    print('ok   ' + fact)
                except (FactError, ValueError, IndexError, KeyError) as ex:
                    print('FAIL ' + fact)
                    failures.append('%s: %s' % (fact, ex))

    for f in failures:
        print('FAIL: ' + f)
    if not failures:
        print('ok: the snapshot parses, checks cleanly and holds %d facts'
              % len(facts))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
