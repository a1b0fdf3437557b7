#!/bin/sh
# Install the Debian packages the real-kernel oracle needs (idempotent).
# Usage: oracle/install.sh   (as root, or with sudo available)
set -eu

PACKAGES="linux-source-6.12 linux-source-6.1 qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
device-tree-compiler flex bison bc libssl-dev libelf-dev cpio make gcc shellcheck xz-utils"

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "install.sh: need root or sudo to install: $PACKAGES" >&2
	exit 2
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install.sh: all packages already installed"
	exit 0
fi

echo "install.sh: installing:$missing"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update
# shellcheck disable=SC2086  # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing
echo "install.sh: done"
