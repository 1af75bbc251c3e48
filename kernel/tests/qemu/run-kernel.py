#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Boot a kernel ELF on QEMU virt and check what it prints.

The guest runs with stdin from /dev/null, its console (PL011) on stdout,
semihosting on (so the kernel's exit code becomes QEMU's exit status) and
-icount shift=0,sleep=off (deterministic; timer waits take no wall time).

Checks, all must hold:
  * the exit status is --exit (a number, or "nonzero");
  * each --expect regular expression matches a console line, in order
    (each one after the line the previous one matched);
  * no --reject expression matches any line;
  * every console line starts with "KRN|" (without --roottask: user
    output has no prefix);
  * with --tap: the user's TAP has no "not ok", its plan matches, and it
    ends with "ROOTTASK PASS".
The console and QEMU's stderr are printed, so `meson test` logs keep them.
"""
import argparse
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--qemu', default='qemu-system-aarch64')
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--machine', default='virt')
    ap.add_argument('--cpu', default='cortex-a53')
    ap.add_argument('--memory', default='1G')
    ap.add_argument('--smp', default='1')
    ap.add_argument('--append', help='kernel command line (DTB bootargs)')
    ap.add_argument('--exit', default='0',
                    help='expected exit status, or "nonzero"')
    ap.add_argument('--expect', action='append', default=[],
                    help='regex that must match a line (in order)')
    ap.add_argument('--reject', action='append', default=[],
                    help='regex that must match no line')
    ap.add_argument('--roottask',
                    help='root-task ELF, loaded raw at 0x41000000')
    ap.add_argument('--tap', action='store_true',
                    help='user output is TAP: no "not ok" lines, a "1..N" '
                         'plan matching the tests, and "ROOTTASK PASS"')
    ap.add_argument('--min-checks', type=int, default=0,
                    help='with --tap: at least this many TAP results (a root '
                    'task that silently skips checks fails)')
    ap.add_argument('--timeout', type=float, default=20.0)
    ap.add_argument('--save-console', metavar='FILE',
                    help='also write the console lines to FILE')
    args = ap.parse_args()

    cmd = [args.qemu, '-M', args.machine, '-cpu', args.cpu,
           '-m', args.memory, '-smp', args.smp,
           '-display', 'none', '-monitor', 'none', '-serial', 'stdio',
           '-nic', 'none',
           '-semihosting-config', 'enable=on,target=native',
           '-icount', 'shift=0,sleep=off',
           '-kernel', args.kernel]
    if args.roottask:
        cmd += ['-device', 'loader,file=%s,addr=0x41000000,force-raw=on'
                % args.roottask]
    if args.append is not None:
        cmd += ['-append', args.append]
    print('$ ' + ' '.join(cmd))

    failures = []
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=args.timeout)
        out, err, status = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, err, status = e.stdout or b'', e.stderr or b'', None
        failures.append('timed out after %gs (the guest hung)' % args.timeout)

    text = out.decode('utf-8', errors='replace')
    lines = [l.rstrip('\r') for l in text.split('\n')]
    if lines and lines[-1] == '':
        lines.pop()
    if args.save_console:
        with open(args.save_console, 'w') as f:
            f.write(''.join(l + '\n' for l in lines))
    print('---- console ----')
    for l in lines:
        print(l)
    if err:
        print('---- qemu stderr ----')
        print(err.decode('utf-8', errors='replace'), end='')
    print('---- checks ----')

    if status is not None:
        if args.exit == 'nonzero':
            if status == 0:
                failures.append('exit status 0, expected non-zero')
        elif status != int(args.exit):
            failures.append('exit status %d, expected %s' % (status, args.exit))

    pos = 0
    for pat in args.expect:
        rx = re.compile(pat)
        for i in range(pos, len(lines)):
            if rx.search(lines[i]):
                pos = i + 1
                break
        else:
            failures.append('no line matching %r (after line %d)' % (pat, pos))

    for pat in args.reject:
        rx = re.compile(pat)
        for l in lines:
            if rx.search(l):
                failures.append('rejected line matching %r: %s' % (pat, l))

    if args.tap:
        oks = [l for l in lines if re.match(r'(not )?ok \d+', l)]
        bad = [l for l in lines if l.startswith('not ok')]
        plan = [l for l in lines if re.match(r'1\.\.\d+$', l)]
        for l in bad:
            failures.append('failed check: ' + l)
        if len(plan) != 1 or int(plan[0][3:]) != len(oks):
            failures.append('TAP plan %r does not match %d results'
                            % (plan, len(oks)))
        if len(oks) < args.min_checks:
            failures.append('%d TAP results, fewer than the %d expected'
                            % (len(oks), args.min_checks))
        if 'ROOTTASK PASS' not in lines:
            failures.append('no "ROOTTASK PASS" line')
    elif not args.roottask:
        for l in lines:
            if not l.startswith('KRN|'):
                failures.append('line without the KRN| prefix: %r' % l)
                break
    if not lines:
        failures.append('no console output')

    for f in failures:
        print('FAIL: ' + f)
    if not failures:
        checks = sum(1 for l in lines if re.match(r'ok \d+', l))
        print('ok: exit status %s, %d lines, %d expectations, %d checks'
              % (status, len(lines), len(args.expect), checks))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
