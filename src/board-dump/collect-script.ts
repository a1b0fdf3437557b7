/**
 * The board-dump collector (SPEC section 7) that `probe-run collect-script` prints: a POSIX sh script
 * (busybox ash is enough) that, run as root on a board, writes the dump folder src/board-dump reads
 * (`devices.tsv` in parseDevicesTsv's five columns, `devices_deferred`, `dmesg`) and the files
 * `import` reads (`fdt`, `config`, `modules.builtin.modinfo`, `modules.alias`). It reads only, except
 * in its output folder. PROBE_RUN_SYSFS, PROBE_RUN_PROCFS, PROBE_RUN_LIBMODULES and PROBE_RUN_BOOT
 * replace /sys, /proc, /lib/modules and /boot (the tests run it on a fake tree).
 */

/** The script, byte for byte as printed. */
export const COLLECT_SCRIPT = `#!/bin/sh
# probe-run board dump (SPEC section 7): run as root on the board, then copy the folder back and give
# it to \`probe-run compare SCENARIO DUMP\` or \`probe-run import DUMP\`.
#   sh probe-run-collect.sh [FOLDER]      (default: ./probe-run-dump-$(uname -n))
# It only reads, except in FOLDER (and a debugfs mounted read-only at FOLDER/.debugfs for a moment when
# debugfs is not mounted). Each file is optional: what cannot be read is skipped with a note on stderr.
# PROBE_RUN_SYSFS, PROBE_RUN_PROCFS, PROBE_RUN_LIBMODULES and PROBE_RUN_BOOT replace /sys, /proc,
# /lib/modules and /boot (for tests, or a copy of a board's trees).
LC_ALL=C
export LC_ALL
sysfs=\${PROBE_RUN_SYSFS:-/sys}
procfs=\${PROBE_RUN_PROCFS:-/proc}
libmodules=\${PROBE_RUN_LIBMODULES:-/lib/modules}
boot=\${PROBE_RUN_BOOT:-/boot}

note() {
	printf 'probe-run-collect: %s\\n' "$*" >&2
}

out=\${1:-./probe-run-dump-$(uname -n 2>/dev/null || echo board)}
case $out in -*) out=./$out ;; esac
if ! mkdir -p -- "$out" 2>/dev/null || [ ! -d "$out" ] || [ ! -w "$out" ]; then
	note "cannot create or write the folder $out"
	exit 1
fi
release=$(uname -r 2>/dev/null)

written=
skipped=
# Files of an earlier run would pass for this board's: remove them first.
for name in fdt release cmdline config devices.tsv devices_deferred devlinks.tsv dmesg modules \\
	modules.builtin modules.builtin.modinfo modules.order modules.alias; do
	rm -f -- "$out/$name"
done

wrote() {
	written="$written $1"
}

skip() {
	skipped="$skipped $1"
	rm -f -- "$out/$1"
	note "$1: $2; skipped"
}

# copy NAME SOURCE: SOURCE copied to FOLDER/NAME, or skipped.
copy() {
	if [ ! -e "$2" ]; then
		skip "$1" "no $2"
	elif cat -- "$2" >"$out/$1" 2>/dev/null; then
		wrote "$1"
	else
		skip "$1" "cannot read $2"
	fi
}

# The last path component of a symbolic link's target, or "-".
link_base() {
	target=$(readlink -- "$1" 2>/dev/null) || target=
	target=\${target%/}
	target=\${target##*/}
	printf '%s' "\${target:--}"
}

# The first line of a file, or "-".
first_line() {
	line=
	if [ -r "$1" ]; then
		IFS= read -r line <"$1" || :
	fi
	printf '%s' "\${line:--}"
}

copy fdt "$sysfs/firmware/fdt"

if [ -n "$release" ] && printf '%s\\n' "$release" >"$out/release"; then
	wrote release
else
	skip release "uname -r failed"
fi

copy cmdline "$procfs/cmdline"

if [ -e "$procfs/config.gz" ] &&
	{ gzip -dc <"$procfs/config.gz" >"$out/config" 2>/dev/null ||
		zcat <"$procfs/config.gz" >"$out/config" 2>/dev/null; }; then
	wrote config
elif [ -n "$release" ] && [ -e "$boot/config-$release" ]; then
	[ -e "$procfs/config.gz" ] && note "config: cannot unpack $procfs/config.gz; taking $boot/config-$release"
	copy config "$boot/config-$release"
elif [ -e "$procfs/config.gz" ]; then
	skip config "cannot unpack $procfs/config.gz (gzip, zcat) and no $boot/config-\${release:-RELEASE}"
else
	skip config "no $procfs/config.gz nor $boot/config-\${release:-RELEASE}"
fi

# devices.tsv: bus, device, of_node path (below /sys/firmware/devicetree/base), driver, IOMMU group.
buses=0
: >"$out/devices.tsv"
for bus in platform amba i2c spi; do
	[ -d "$sysfs/bus/$bus/devices" ] || continue
	buses=$((buses + 1))
	for dev in "$sysfs/bus/$bus/devices"/*; do
		[ -e "$dev" ] || continue
		# An I2C adapter (i2c-N) sits on the i2c bus but never probes: it carries its
		# controller's of_node, which the controller's platform device already has.
		[ "$bus" = i2c ] && [ -e "$dev/new_device" ] && continue
		node=$(readlink -- "$dev/of_node" 2>/dev/null) || node=
		case $node in
		*/devicetree/base) node=/ ;;
		*/devicetree/base/*) node=/\${node#*/devicetree/base/} ;;
		*) node=- ;;
		esac
		printf '%s\\t%s\\t%s\\t%s\\t%s\\n' "$bus" "\${dev##*/}" "$node" \\
			"$(link_base "$dev/driver")" "$(link_base "$dev/iommu_group")" >>"$out/devices.tsv"
	done
done
if [ "$buses" -gt 0 ]; then
	wrote devices.tsv
else
	skip devices.tsv "no $sysfs/bus/platform, amba, i2c or spi"
fi

# devices_deferred: debugfs where it is mounted, else mounted for a moment inside the folder. The
# mount is read-write, then made read-only by a bind remount: a read-only mount of debugfs would, on
# older kernels (6.1 among them: mount_single), remount the one debugfs superblock read-only for
# everyone.
mounted=
unmount() {
	if [ -n "$mounted" ]; then
		umount -- "$mounted" 2>/dev/null || note "cannot unmount $mounted"
		rmdir -- "$mounted" 2>/dev/null
		mounted=
	fi
}
trap 'unmount; exit 130' INT
trap 'unmount; exit 143' TERM
trap 'unmount' EXIT

debugfs=
if [ -e "$sysfs/kernel/debug/devices_deferred" ]; then
	debugfs=$sysfs/kernel/debug
elif [ -r "$procfs/mounts" ]; then
	while read -r _ dir fstype _; do
		if [ "$fstype" = debugfs ]; then
			debugfs=$dir
			break
		fi
	done <"$procfs/mounts"
fi
if [ -z "$debugfs" ] && [ -d "$sysfs/kernel/debug" ]; then
	if mkdir -- "$out/.debugfs" 2>/dev/null; then
		if mount -t debugfs none "$out/.debugfs" 2>/dev/null; then
			mounted=$out/.debugfs
			debugfs=$mounted
			mount -o remount,bind,ro "$mounted" 2>/dev/null ||
				note "debugfs: cannot make $mounted read-only (reading only)"
		else
			rmdir -- "$out/.debugfs" 2>/dev/null
		fi
	fi
fi
if [ -n "$debugfs" ]; then
	copy devices_deferred "$debugfs/devices_deferred"
else
	skip devices_deferred "debugfs is not mounted and cannot be mounted"
fi
unmount

# devlinks.tsv: supplier, consumer, status, sync_state_only of each device link.
if [ -d "$sysfs/class/devlink" ]; then
	: >"$out/devlinks.tsv"
	for link in "$sysfs/class/devlink"/*; do
		[ -e "$link" ] || continue
		printf '%s\\t%s\\t%s\\t%s\\n' "$(link_base "$link/supplier")" "$(link_base "$link/consumer")" \\
			"$(first_line "$link/status")" "$(first_line "$link/sync_state_only")" >>"$out/devlinks.tsv"
	done
	wrote devlinks.tsv
else
	skip devlinks.tsv "no $sysfs/class/devlink"
fi

if dmesg >"$out/dmesg" 2>/dev/null; then
	wrote dmesg
else
	skip dmesg "dmesg failed"
fi

copy modules "$procfs/modules"
for name in modules.builtin modules.builtin.modinfo modules.order modules.alias; do
	if [ -n "$release" ]; then
		copy "$name" "$libmodules/$release/$name"
	else
		skip "$name" "no kernel release"
	fi
done

note "wrote $out:$written"
[ -z "$skipped" ] || note "skipped:$skipped"
exit 0
`;
