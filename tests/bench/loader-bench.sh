#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# loader-bench.sh: figures of capdl-loader for generated specs
# (/work/shared/tools/gen-cdl.py, default options, every component's code
# page filled from bench-component.elf): kernel calls per component,
# object, cap and mapping; table size; guest instructions from reset to
# the first component. Prints figures only; asserts nothing.
#
#   usage: tests/bench/loader-bench.sh [BUILD_DIR] [SIZES]
#          (default: build, "2 10 100 256 1000")
#
# BUILD_DIR is a cross build (kernel/aarch64-cross.ini); capdlc image takes
# its kernel and loader. Needs aarch64-linux-gnu-gcc (the component), the
# host cc (the QEMU plugin tests/bench/insn-count.c) and qemu-system-aarch64
# with plugin support. Method and results: docs/benchmarks.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
sizes=${2:-"2 10 100 256 1000"}
gen=${GEN_CDL:-$root/../shared/tools/gen-cdl.py}
capdlc=$build/capdl-compiler/capdlc
[ -x "$capdlc" ] || { echo "loader-bench.sh: no capdlc in $build" >&2; exit 2; }
[ -f "$build/capdl-loader/capdl-loader.elf" ] || { echo "loader-bench.sh: $build is not a cross build" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the component: headers and code at 0x400000, no data
aarch64-linux-gnu-gcc -O2 -std=gnu11 -Wall -Wextra -Werror -ffreestanding -fno-pie \
	-fno-stack-protector -mgeneral-regs-only -mstrict-align -mcpu=cortex-a53 \
	-I"$build/kernel/libsel4/include" -I"$root/kernel/libsel4/include" \
	-I"$build/kernel/libsel4/include/sel4" -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -T "$here/bench-component.ld" \
	-o "$tmp/bench.elf" "$here/bench-component.c"
elf_size=$(wc -c < "$tmp/bench.elf" | tr -d ' ')
entry=$(aarch64-linux-gnu-readelf -h "$tmp/bench.elf" | awk '/Entry point/ { print $4 }')
# the instruction counter
cc -shared -fPIC -O2 -Wall -Wextra -o "$tmp/insn-count.so" "$here/insn-count.c"

echo "# component: bench-component.elf, $elf_size bytes, entry $entry; gen-cdl.py --elf bench.elf:$elf_size --entry $entry"
echo "# per size: the table (capdlc build), then one boot (boot-count.py)"
for n in $sizes; do
	python3 "$gen" --components "$n" --elf "bench.elf:$elf_size" --entry "$entry" > "$tmp/s$n.cdl"
	python3 "$gen" --components "$n" > "$tmp/p$n.cdl"
	"$capdlc" build --elf "bench.elf=$tmp/bench.elf" -o "$tmp/s$n.tbl" "$tmp/s$n.cdl"
	"$capdlc" build -o "$tmp/p$n.tbl" "$tmp/p$n.cdl"
	"$capdlc" image --elf "bench.elf=$tmp/bench.elf" -o "$tmp/s$n.elf" "$tmp/s$n.cdl"
	echo "n=$n table=$(wc -c < "$tmp/s$n.tbl" | tr -d ' ') table_plain=$(wc -c < "$tmp/p$n.tbl" | tr -d ' ')" \
		"$(python3 "$here/boot-count.py" "$tmp/s$n.elf" "$n" "$tmp/insn-count.so" || true)"
done
