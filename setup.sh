#!/bin/sh
# setup.sh: install the Debian 12 packages capdl needs (only those missing),
# build, and boot the example system in QEMU. Run as root on a fresh machine:
#     ./setup.sh            install, build in build/, boot examples/hello
#     ./setup.sh --deps     install only
set -eu

PKGS="build-essential meson ninja-build pkg-config flex bison libelf-dev
      libcmocka-dev python3
      gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: need root to install packages" >&2
        exit 1
    fi
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
[ "${1:-}" = "--deps" ] && exit 0

cd "$(dirname "$0")"
if [ ! -f build/build.ninja ]; then
    meson setup build --cross-file kernel/aarch64-cross.ini >/dev/null
fi
meson compile -C build >/dev/null
echo "setup: built capdlc, the kernel and capdl-loader; the example system:"
./build/capdl-compiler/capdlc check --summary examples/hello/hello.cdl \
    --elf client.elf=build/examples/hello/client.elf \
    --elf server.elf=build/examples/hello/server.elf
echo "setup: booting it (capdlc image examples/hello/hello.cdl -> build/examples/hello/hello-system.elf):"
exec python3 examples/boot.py build/examples/hello/hello-system.elf \
    --expect '^HELLO\|done: the system is up'
