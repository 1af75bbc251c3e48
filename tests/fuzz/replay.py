#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""replay.py: run inputs once through a libFuzzer harness.

Usage: replay.py [--timeout S] HARNESS PATH...

Each PATH is a file, a directory (its regular files, except README* and
dot files) or a glob pattern. Each input runs in its own process
(`HARNESS -timeout=10 -rss_limit_mb=2048 FILE`: libFuzzer runs the files
it is given once and exits), so a crash, a sanitizer report, a leak or a
timeout is tied to one file. ASan fills all of every malloc()ed block
with 0xbe, so that reads of uninitialised heap memory reproduce.
libFuzzer does not enforce -timeout when it runs files: a file that runs
longer than --timeout seconds (default 25) is killed and fails here.
Exit status: 0 if every input passed, 1 if any failed, 77 (skipped, for
meson) if there was no input.
"""
import glob
import os
import subprocess
import sys

FLAGS = ['-timeout=10', '-rss_limit_mb=2048']


def inputs(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                f = os.path.join(p, name)
                if name.startswith('.') or name.startswith('README') or not os.path.isfile(f):
                    continue
                out.append(f)
        elif os.path.isfile(p):
            out.append(p)
        else:
            out.extend(sorted(glob.glob(p)))
    return out


def main():
    args = sys.argv[1:]
    limit = 25.0
    if len(args) >= 2 and args[0] == '--timeout':
        limit = float(args[1])
        args = args[2:]
    if len(args) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    harness, files = args[0], inputs(args[1:])
    if not files:
        print('no inputs in %s' % ' '.join(args[1:]))
        return 77
    env = dict(os.environ)
    # Fill every malloc()ed block (not only its first 4 KiB) with 0xbe, so a
    # read of uninitialised heap memory behaves the same in every run. Put
    # first: options already in the environment (meson test sets some) win.
    env['ASAN_OPTIONS'] = ':'.join(x for x in (
        'malloc_fill_byte=190:max_malloc_fill_size=1073741824',
        os.environ.get('ASAN_OPTIONS')) if x)
    env['UBSAN_OPTIONS'] = ':'.join(x for x in (
        'print_stacktrace=1:halt_on_error=1', os.environ.get('UBSAN_OPTIONS')) if x)
    failed = []
    for f in files:
        try:
            r = subprocess.run([harness] + FLAGS + [f], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors='replace',
                               timeout=limit)
            status = 'ok' if r.returncode == 0 else 'FAIL (exit %d)' % r.returncode
            output = r.stdout
        except subprocess.TimeoutExpired as e:
            status = 'FAIL (timeout: more than %g s)' % limit
            output = e.stdout or ''
            if isinstance(output, bytes):
                output = output.decode(errors='replace')
        print('%-6s %s' % (status, f))
        if status != 'ok':
            failed.append(f)
            sys.stdout.write(output)
    print('%d inputs, %d failed' % (len(files), len(failed)))
    for f in failed:
        print('failed: %s' % f)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
