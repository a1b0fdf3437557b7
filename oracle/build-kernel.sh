#!/bin/sh
# Build (or reuse) an arm64 kernel with the probe-run fake drivers.
# Usage: oracle/build-kernel.sh <6.12|6.1> [modules|nomodules]
# Env:   PROBE_RUN_ORACLE_CACHE (default /work/.oracle-cache), JOBS (default nproc).
# Prints the output folder (Image, probe-run-mod.ko, gen_init_cpio, .config, System.map).
set -eu

usage() {
	echo "usage: $0 <6.12|6.1> [modules|nomodules]" >&2
	exit 2
}

[ $# -ge 1 ] || usage
version=$1
flavour=${2:-modules}
case "$version" in 6.12 | 6.1) ;; *) usage ;; esac
case "$flavour" in modules | nomodules) ;; *) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
cache=${PROBE_RUN_ORACLE_CACHE:-/work/.oracle-cache}
jobs=${JOBS:-$(nproc)}
tarball=/usr/src/linux-source-$version.tar.xz
[ -f "$tarball" ] || {
	echo "$0: $tarball is missing: run oracle/install.sh" >&2
	exit 2
}

# The key: the kernel tarball, the flavour and every source of the oracle's kernel side.
key=$(
	{
		echo "$version $flavour"
		sha256sum "$tarball" | cut -d' ' -f1
		cd "$here" && find fake config build-kernel.sh -type f | LC_ALL=C sort | xargs sha256sum
	} | sha256sum | cut -c1-16
)
out=$cache/out/$version-$flavour-$key
if [ -f "$out/Image" ]; then
	echo "$0: cached: $out" >&2
	echo "$out"
	exit 0
fi

src=$cache/src/linux-$version
if [ ! -f "$src/.unpacked" ]; then
	echo "$0: unpacking $tarball" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.unpacked"
	mv "$src.tmp" "$src"
fi

# Install the fake drivers in tree (copy only what changed, so make rebuilds only that).
dest=$src/drivers/misc/probe-run
mkdir -p "$dest"
for f in "$here"/fake/*; do
	cmp -s "$f" "$dest/$(basename "$f")" || cp "$f" "$dest/"
done
grep -q 'probe-run/Kconfig' "$src/drivers/misc/Kconfig" ||
	sed -i 's|^endmenu|source "drivers/misc/probe-run/Kconfig"\nendmenu|' "$src/drivers/misc/Kconfig"
# shellcheck disable=SC2016  # a literal make variable
grep -q 'probe-run/' "$src/drivers/misc/Makefile" ||
	echo 'obj-$(CONFIG_PROBE_RUN) += probe-run/' >>"$src/drivers/misc/Makefile"

build=$cache/build/$version-$flavour
mkdir -p "$build"
kmake() {
	make -C "$src" O="$build" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		KBUILD_BUILD_TIMESTAMP='1970-01-01' KBUILD_BUILD_VERSION=1 \
		KBUILD_BUILD_USER=probe-run KBUILD_BUILD_HOST=oracle "$@"
}

kmake allnoconfig >/dev/null
KCONFIG_CONFIG=$build/.config "$src/scripts/kconfig/merge_config.sh" -m -O "$build" \
	"$build/.config" "$here/config/base.fragment" "$here/config/$flavour.fragment" >/dev/null
kmake olddefconfig >/dev/null
for opt in PROBE_RUN IOMMU_API PM_GENERIC_DOMAINS; do
	grep -q "^CONFIG_$opt=y" "$build/.config" || {
		echo "$0: CONFIG_$opt is not set after olddefconfig" >&2
		exit 1
	}
done

echo "$0: building $version $flavour in $build with -j$jobs" >&2
kmake -j"$jobs" Image
if [ "$flavour" = modules ]; then
	kmake -j"$jobs" modules
fi

mkdir -p "$out.tmp"
cp "$build/arch/arm64/boot/Image" "$build/.config" "$build/System.map" "$out.tmp/"
cp "$build/usr/gen_init_cpio" "$out.tmp/"
if [ "$flavour" = modules ]; then
	cp "$build/drivers/misc/probe-run/probe-run-mod.ko" "$out.tmp/"
fi
kmake -s kernelrelease >"$out.tmp/release"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$0: built $out" >&2
echo "$out"
