#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# table-size.sh: size of the capdl table (spec/table.md) that "capdlc build"
# writes for generated specs of 10, 100 and 1000 components
# (/work/shared/tools/gen-cdl.py, default options), with and without names
# (--strip-names), next to capDL-tool's C table for the same specs.
#
#   usage: tests/bench/table-size.sh [CAPDLC]      (default: build/capdl-compiler/capdlc)
#
# The reference is the data of capDL-tool's capdl_spec.c compiled, as the
# issue quotes it: 43 KB for 10 components, 4.4 MB for 1000 (taken as
# 43000 and 4400000 bytes: decimal units, the smaller reading, so the
# ratios are not flattered); 100 components are interpolated linearly
# between the two (439 KB). The goal is a table of at most 1/3 of that.
# A last row builds the 1000-component spec with every code frame filled
# from one 8 KiB ELF file (gen-cdl --elf): its pages are stored once.
#
# Exit status: 0 if every table with names meets the goal, 1 if not, 2 on
# errors. docs/benchmarks.md has the figures.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
capdlc=${1:-$root/build/capdl-compiler/capdlc}
gen=${GEN_CDL:-$root/../shared/tools/gen-cdl.py}
[ -x "$capdlc" ] || { echo "table-size.sh: no capdlc at $capdlc" >&2; exit 2; }
[ -f "$gen" ] || { echo "table-size.sh: no gen-cdl.py at $gen" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

size() { wc -c < "$1" | tr -d ' '; }

printf '%-11s %12s %12s %10s %10s %13s %8s %8s %s\n' components table stripped 'B/comp' \
	'B/comp -n' 'capDL-tool C' ratio 'ratio -n' goal
fail=0
for n in 10 100 1000; do
	python3 "$gen" --components "$n" > "$tmp/g$n.cdl"
	"$capdlc" build -o "$tmp/g$n.tbl" "$tmp/g$n.cdl"
	"$capdlc" build --strip-names -o "$tmp/g$n.s.tbl" "$tmp/g$n.cdl"
	full=$(size "$tmp/g$n.tbl")
	strip=$(size "$tmp/g$n.s.tbl")
	case $n in
	10) ref=43000 ;;
	1000) ref=4400000 ;;
	*) ref=$((43000 + (4400000 - 43000) * (n - 10) / 990)) ;; # interpolated
	esac
	verdict=$(awk -v t="$full" -v r="$ref" 'BEGIN { print (3 * t <= r) ? "met" : "MISSED" }')
	[ "$verdict" = met ] || fail=1
	awk -v n="$n" -v t="$full" -v s="$strip" -v r="$ref" -v v="$verdict" 'BEGIN {
		printf "%-11d %12d %12d %10.0f %10.0f %13d %8.3f %8.3f %s\n",
			n, t, s, t / n, s / n, r, t / r, s / r, v }'
done

# fills: every component's code frames from the same ELF file
python3 "$here/../spec/mkelf.py" "$tmp/app.elf" \
	--segment vaddr=0x400000,flags=rx,data=str:capdl-bench,repeat=745
python3 "$gen" --components 1000 --elf app.elf:8192 --entry 0x400000 > "$tmp/f.cdl"
"$capdlc" build --elf "app.elf=$tmp/app.elf" -o "$tmp/f.tbl" "$tmp/f.cdl"
"$capdlc" build --strip-names --elf "app.elf=$tmp/app.elf" -o "$tmp/f.s.tbl" "$tmp/f.cdl"
printf '%-11s %12d %12d   (1000 components, 2000 filled code frames, %s pages stored)\n' \
	'1000+fill' "$(size "$tmp/f.tbl")" "$(size "$tmp/f.s.tbl")" \
	"$(python3 -c "import struct,sys; b=open(sys.argv[1],'rb').read(); print(struct.unpack_from('<I', b, 56 + 12*8 + 4)[0])" "$tmp/f.tbl")"
exit $fail
