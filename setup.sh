#!/bin/sh
# setup.sh: install the Debian 12 packages capdl needs (only those missing),
# then configure the build directory.  Run as root on a fresh machine:
#     ./setup.sh            install + configure build/
#     ./setup.sh --deps     install only
set -eu

PKGS="build-essential meson ninja-build pkg-config flex bison libelf-dev
      libcmocka-dev python3 clang llvm libclang-rt-14-dev
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
    meson setup build --cross-file kernel/aarch64-cross.ini
fi
if [ ! -f build-san/build.ninja ]; then
    meson setup build-san -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debug
fi
