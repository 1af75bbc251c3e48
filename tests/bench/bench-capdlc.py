#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""bench-capdlc.py: time and memory of capdlc on generated specs.

Usage: tests/bench/bench-capdlc.py [CAPDLC] [--sizes N,N,...] [--runs R]
                                   [--commands check,print] [--gen GEN_CDL]
                                   [--keep DIR] [--no-taskset] [--verbose]

CAPDLC defaults to build/capdl-compiler/capdlc in the source tree. Specs
come from gen-cdl.py (default /work/shared/tools/gen-cdl.py; its output
has 22 objects and 29 caps per component, as counted here) and are
written to a temporary directory (or --keep DIR, where existing specs are
reused).
Each command runs R times (default 3) with its output sent to /dev/null,
under `taskset -c 0` when available, through GNU time
(`/usr/bin/time -f '%e %U %S %M'`); the wall time is also taken with a
monotonic clock around the process (GNU time prints it in 10 ms steps).
Reported: the median of the runs for wall, user and sys time and for peak
RSS, objects/s, RSS per object, the growth between consecutive 10x sizes,
and capDL-tool's reference figures with the ratio capDL-tool / capdlc.

The script prints figures; it never fails because of a timing. It exits
non-zero only if it cannot run (no capdlc, no generator) or capdlc itself
fails on a generated spec.
"""
import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # source tree
DEFAULT_CAPDLC = os.path.join('build', 'capdl-compiler', 'capdlc')
DEFAULT_GEN = '/work/shared/tools/gen-cdl.py'
# 10^4, 10^5, 10^6 objects, and the sizes of the capDL-tool reference runs.
DEFAULT_SIZES = [100, 455, 1000, 2000, 4546, 10000, 45455]
DECADES = [(455, 4546, 45455), (100, 1000, 10000)]

# capDL-tool `parse-capDL -t` on the same generator output, measured on this
# machine by a colleague: components -> (wall s, peak RSS MB), None = did not
# finish (10,000 components: still running after 11 minutes).
CAPDL_TOOL = {100: (0.16, 18), 1000: (23.5, 117), 2000: (89.0, 236), 10000: None}
CAPDL_TOOL_DNF = '> 660 s (did not finish in 11 min)'

GOAL_COMPONENTS = 45455        # ~10^6 objects
GOAL_WALL = 3.0                # s, one core
GOAL_RSS_MB = 1024             # peak RSS
GOAL_GROWTH = 11.0             # time ratio for 10x input
GOAL_SPEEDUP = 100.0           # vs capDL-tool at 1,000 components


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown'


def loadavg():
    try:
        return ' '.join('%.2f' % x for x in os.getloadavg())
    except OSError:
        return '?'


def count_spec(path):
    """Objects (declarations in objects { }) and caps (slot lines) of a
    gen-cdl.py spec: one declaration or one slot per line."""
    objs = caps = 0
    section = None
    with open(path, 'rb') as f:
        for line in f:
            s = line.strip()
            if s == b'objects {':
                section = 'o'
            elif s == b'caps {':
                section = 'c'
            elif section == 'o' and b' = ' in s:
                objs += 1
            elif section == 'c' and b':' in s:
                caps += 1
    return objs, caps


def run_once(prefix, capdlc, cmd, spec, timefile):
    argv = prefix + ['/usr/bin/time', '-f', '%e %U %S %M', '-o', timefile,
                     capdlc, cmd, spec]
    t0 = time.perf_counter()
    with open(os.devnull, 'wb') as null:
        r = subprocess.run(argv, stdout=null, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    with open(timefile) as f:
        fields = f.read().split()[-4:]
    e, u, s, m = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    return {'rc': r.returncode, 'stderr': r.stderr.decode(errors='replace'),
            'wall': wall, 'e': e, 'user': u, 'sys': s, 'rss_kb': m}


def fmt_s(x):
    if x is None:
        return '-'
    return '%.3f' % x if x < 10 else '%.2f' % x


def fmt_mb(kb):
    return '%.1f' % (kb / 1024.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('capdlc', nargs='?', help='capdlc to measure (default: %s in the '
                    'source tree)' % DEFAULT_CAPDLC)
    ap.add_argument('--sizes', default=','.join(map(str, DEFAULT_SIZES)),
                    help='components per spec, comma-separated (default %(default)s)')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--commands', default='check,print')
    ap.add_argument('--gen', default=DEFAULT_GEN, help='gen-cdl.py (default %(default)s)')
    ap.add_argument('--keep', metavar='DIR', help='write the specs to DIR and keep them')
    ap.add_argument('--no-taskset', action='store_true', help='do not pin to CPU 0')
    ap.add_argument('--verbose', '-v', action='store_true', help='print every run')
    args = ap.parse_args()

    capdlc = os.path.abspath(args.capdlc or os.path.join(ROOT, DEFAULT_CAPDLC))
    if not os.access(capdlc, os.X_OK):
        sys.exit('bench-capdlc: no capdlc at %s (build it, or pass its path)' % capdlc)
    if not os.path.isfile(args.gen):
        sys.exit('bench-capdlc: no generator at %s' % args.gen)
    if not os.access('/usr/bin/time', os.X_OK):
        sys.exit('bench-capdlc: needs GNU time at /usr/bin/time')
    sizes = [int(x) for x in args.sizes.split(',') if x]
    commands = [c for c in args.commands.split(',') if c]
    prefix = []
    if not args.no_taskset and shutil.which('taskset'):
        prefix = ['taskset', '-c', '0']

    try:
        version = subprocess.run([capdlc, '--version'], capture_output=True,
                                 text=True).stdout.strip()
    except OSError:
        version = '?'
    print('capdlc benchmark')
    print('  date:     %s' % datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M:%S %Z'))
    print('  machine:  %s, nproc %s (%d online), %s' % (
        platform.node(), subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip(),
        os.cpu_count() or 0, cpu_model()))
    print('  kernel:   %s %s' % (platform.system(), platform.release()))
    print('  capdlc:   %s (%s)' % (capdlc, version))
    print('  pinning:  %s' % (' '.join(prefix) if prefix else 'none'))
    print('  runs:     %d per command; median reported; output to /dev/null' % args.runs)
    print('  load avg: %s (at start)' % loadavg())
    floorfile = os.path.join(tempfile.gettempdir(), 'bench-capdlc-floor.%d' % os.getpid())
    floor = statistics.median(run_once(prefix, '/bin/true', 'x', 'x', floorfile)['wall']
                              for _ in range(5))
    os.unlink(floorfile)
    print('  floor:    %.3f s to start /bin/true through %s/usr/bin/time (part of every wall time)'
          % (floor, ' '.join(prefix) + ' ' if prefix else ''))
    print()

    tmp = args.keep or tempfile.mkdtemp(prefix='bench-capdlc-')
    os.makedirs(tmp, exist_ok=True)
    timefile = os.path.join(tmp, 'time.out')
    results = {}   # (n, cmd) -> dict
    specinfo = {}  # n -> (objects, caps, bytes)
    try:
        for n in sizes:
            spec = os.path.join(tmp, 'spec-%d.cdl' % n)
            if not os.path.exists(spec):
                with open(spec, 'wb') as out:
                    subprocess.run([sys.executable, args.gen, '--components', str(n)],
                                   stdout=out, check=True)
            objs, caps = count_spec(spec)
            specinfo[n] = (objs, caps, os.path.getsize(spec))
            for cmd in commands:
                runs = []
                for _ in range(args.runs):
                    r = run_once(prefix, capdlc, cmd, spec, timefile)
                    if r['rc'] != 0:
                        sys.stderr.write(r['stderr'][-4000:])
                        sys.exit('bench-capdlc: capdlc %s failed (exit %d) on %d components'
                                 % (cmd, r['rc'], n))
                    runs.append(r)
                    if args.verbose:
                        print('  run: %6d components %-5s wall %.3f s (time %%e %.2f) user %.2f '
                              'sys %.2f rss %d kB' % (n, cmd, r['wall'], r['e'], r['user'],
                                                      r['sys'], r['rss_kb']))
                res = {k: statistics.median(r[k] for r in runs)
                       for k in ('wall', 'e', 'user', 'sys', 'rss_kb')}
                res['min_wall'] = min(r['wall'] for r in runs)
                res['max_wall'] = max(r['wall'] for r in runs)
                results[(n, cmd)] = res
            print('  done: %6d components, %8d objects, %8d caps, %6.1f MB of spec' % (
                n, objs, caps, specinfo[n][2] / 1e6), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print()

    # ---- main table --------------------------------------------------------
    hdr = ('components', 'objects', 'cmd', 'wall s', 'min..max', 'user s', 'sys s',
           'peak RSS MB', 'objects/s', 'B/object')
    print('%10s %9s %-5s %8s %15s %7s %7s %11s %11s %8s' % hdr)
    for n in sizes:
        objs = specinfo[n][0]
        for cmd in commands:
            r = results[(n, cmd)]
            print('%10d %9d %-5s %8s %15s %7.2f %7.2f %11s %11.0f %8.0f' % (
                n, objs, cmd, fmt_s(r['wall']),
                '%s..%s' % (fmt_s(r['min_wall']), fmt_s(r['max_wall'])),
                r['user'], r['sys'], fmt_mb(r['rss_kb']),
                objs / r['wall'] if r['wall'] > 0 else 0, r['rss_kb'] * 1024.0 / objs))
    print()

    # ---- growth ------------------------------------------------------------
    print('Growth for 10x input (goal: time ratio <= %.0fx):' % GOAL_GROWTH)
    for chain in DECADES:
        for a, b in zip(chain, chain[1:]):
            if (a not in specinfo) or (b not in specinfo):
                continue
            oa, ob = specinfo[a][0], specinfo[b][0]
            for cmd in commands:
                ra, rb = results[(a, cmd)], results[(b, cmd)]
                tr = rb['wall'] / ra['wall'] if ra['wall'] > 0 else float('inf')
                mr = rb['rss_kb'] / ra['rss_kb']
                print('  %6d -> %6d components (objects x%.2f) %-5s time x%.2f, peak RSS x%.2f%s' % (
                    a, b, ob / oa, cmd, tr, mr,
                    '' if tr <= GOAL_GROWTH else '   (above the goal)'))
    print()

    # ---- capDL-tool reference -----------------------------------------------
    print("Against capDL-tool (parse-capDL -t; the colleague's figures on this machine):")
    print('%10s %9s %34s %18s %18s %9s' % ('components', 'objects', 'capDL-tool wall / RSS',
                                             'capdlc print', 'capdlc check', 'speed-up'))
    for n in sorted(CAPDL_TOOL):
        ref = CAPDL_TOOL[n]
        ref_s = CAPDL_TOOL_DNF if ref is None else '%.2f s / %d MB' % ref
        cols = []
        for cmd in ('print', 'check'):
            r = results.get((n, cmd))
            cols.append('-' if r is None else '%s s / %s MB' % (fmt_s(r['wall']), fmt_mb(r['rss_kb'])))
        rp = results.get((n, 'print'))
        if rp is None:
            sp = '-'
        elif ref is None:
            sp = '> %.0fx' % (660.0 / rp['wall'])
        else:
            sp = '%.0fx' % (ref[0] / rp['wall'])
        objs = specinfo[n][0] if n in specinfo else n * 22
        print('%10d %9d %34s %18s %18s %9s' % (n, objs, ref_s, cols[0], cols[1], sp))
    print('  (speed-up = capDL-tool wall / capdlc print wall; both parse and print the spec)')
    print()

    # ---- goals -------------------------------------------------------------
    print('Goals:')
    g = GOAL_COMPONENTS
    for cmd in commands:
        r = results.get((g, cmd))
        if r is None:
            print('  10^6 objects: %d components not measured' % g)
            break
        print('  10^6 objects (%d components, %d objects), capdlc %s: %s s (goal <= %.0f s: %s), '
              'peak RSS %s MB (goal <= %d MB: %s)' % (
                  g, specinfo[g][0], cmd, fmt_s(r['wall']), GOAL_WALL,
                  'met' if r['wall'] <= GOAL_WALL else 'NOT met', fmt_mb(r['rss_kb']),
                  GOAL_RSS_MB, 'met' if r['rss_kb'] / 1024.0 <= GOAL_RSS_MB else 'NOT met'))
        print('  peak RSS per object at %d components, capdlc %s: %.0f bytes' % (
            g, cmd, r['rss_kb'] * 1024.0 / specinfo[g][0]))
    rp = results.get((1000, 'print'))
    if rp:
        sp = CAPDL_TOOL[1000][0] / rp['wall']
        print('  speed-up over capDL-tool at 1,000 components: %.0fx (goal >= %.0fx: %s)' % (
            sp, GOAL_SPEEDUP, 'met' if sp >= GOAL_SPEEDUP else 'NOT met'))
    print('  load avg: %s (at end)' % loadavg())
    return 0


if __name__ == '__main__':
    sys.exit(main())
