#!/usr/bin/env bash
# Build the bwc-kiosk appliance image: Debian 13 (trixie) amd64, converged by the playbooks
# through a chroot connection, with a BIOS bootloader written without loop devices or mounts.
#
#   images/build.sh [all|tools|wheelhouse|rootfs|converge|disk]   (default: all; needs root)
#
# Environment: IMAGE_INVENTORY (default inventory/example), IMAGE_HOST (the inventory host
# the image is made for; default: the first host of the kiosks group), IMAGE_SIZE_MB (root
# file system size, default 6144), DEBIAN_MIRROR (default: the mirror apt uses here).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$REPO/images/build
TREE=$BUILD/rootfs
WHEELHOUSE=$BUILD/wheelhouse
SUITE=trixie
IMAGE_NAME=bwc-kiosk-$SUITE-amd64
IMAGE_INVENTORY=${IMAGE_INVENTORY:-$REPO/inventory/example}
IMAGE_SIZE_MB=${IMAGE_SIZE_MB:-6144}
UV=$REPO/.tools/bin/uv
ANSIBLE_PLAYBOOK=$REPO/.venv/bin/ansible-playbook
export ANSIBLE_CONFIG=$REPO/playbooks/ansible.cfg ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1

log() { printf '\n== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# The Debian mirror: whatever apt on this machine already uses (it may be the only way out).
mirror() {
    if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
    local url
    url=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
            /etc/apt/sources.list.d/*.sources \
          | grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -n1)
    echo "${url:-http://deb.debian.org/debian}"
}

stage_tools() {
    [ "$(id -u)" = 0 ] || die "run as root (mmdebstrap, chroot)"
    local missing=() tool package
    for tool in mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs sfdisk:fdisk zstd:zstd unshare:util-linux; do
        command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
    [ -x "$ANSIBLE_PLAYBOOK" ] || die "no $ANSIBLE_PLAYBOOK: run make setup"
}

# The wheel of this repository and the locked dependencies as wheels for the target's
# Python 3.13, with a hashed requirements file; the box installs them offline.
stage_wheelhouse() {
    log "wheelhouse"
    rm -rf "$WHEELHOUSE" "$BUILD/dist"
    mkdir -p "$WHEELHOUSE"
    "$UV" build --wheel --out-dir "$BUILD/dist" "$REPO" >/dev/null
    local wheel
    wheel=$(ls "$BUILD"/dist/bwc_kiosk-*.whl)
    cp "$wheel" "$WHEELHOUSE/"
    (cd "$REPO" && "$UV" export --frozen --no-dev --no-group ops --no-emit-project \
        --format requirements-txt --output-file "$WHEELHOUSE/requirements.txt" >/dev/null)
    "$REPO/.tools/bin/pip" download --isolated --quiet --disable-pip-version-check \
        --require-hashes -r "$WHEELHOUSE/requirements.txt" --dest "$WHEELHOUSE" \
        --only-binary=:all: --implementation cp --python-version 3.13 --abi cp313 \
        --abi abi3 --abi none --platform manylinux_2_41_x86_64 --platform manylinux_2_34_x86_64 \
        --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
        --platform manylinux2014_x86_64 --platform any
    local version
    version=$(basename "$wheel" | cut -d- -f2)
    printf 'bwc-kiosk==%s \\\n    --hash=sha256:%s\n' \
        "$version" "$(sha256sum "$wheel" | cut -d' ' -f1)" >> "$WHEELHOUSE/requirements.txt"
}

stage_rootfs() {
    local url
    url=$(mirror)
    local security=${url%/debian*}/debian-security
    log "rootfs: mmdebstrap $SUITE from $url"
    rm -rf "$TREE"
    # The image's own pieces (kernel, bootloader modules, network); the roles add the rest.
    # The package lists stay (the roles install from them; stage_disk drops them).
    mmdebstrap --variant=minbase --mode=root --format=directory --skip=cleanup/apt/lists \
        --include=systemd-sysv,udev,dbus,linux-image-amd64,initramfs-tools,zstd,grub-pc-bin,python3,python3-apt,ca-certificates,e2fsprogs,iproute2,systemd-resolved,kmod,less \
        --customize-hook="$REPO/images/customize.sh \"\$1\"" \
        "$SUITE" "$TREE" \
        "deb $url $SUITE main" "deb $url $SUITE-updates main" "deb $security $SUITE-security main"
}

# Run ansible-playbook against the tree with /proc, /sys and /dev mounted in a private
# mount namespace (they vanish with it); services are kept from starting (policy-rc.d).
playbook() {
    local host
    host=${IMAGE_HOST:-$("$REPO/.venv/bin/ansible-inventory" -i "$IMAGE_INVENTORY" --list \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["kiosks"]["hosts"][0])')}
    unshare --mount --propagation private -- /bin/sh -euc '
        tree=$1; shift
        mount -t proc proc "$tree/proc"
        mount -t sysfs sysfs "$tree/sys"
        mount --rbind /dev "$tree/dev"
        mount -t tmpfs tmpfs "$tree/run"
        mount -t tmpfs tmpfs "$tree/tmp"
        exec "$@"' sh "$TREE" \
        "$ANSIBLE_PLAYBOOK" -i "$IMAGE_INVENTORY" --limit "$host" \
        -e ansible_connection=kiosk_chroot -e kiosk_chroot_path="$TREE" \
        -e ansible_python_interpreter=/usr/bin/python3 \
        -e '{"ansible_become": false, "kiosk_app_start_services": false,
             "kiosk_session_start_services": false, "kiosk_hardening_start_services": false}' \
        "$@"
}

stage_converge() {
    [ -d "$TREE" ] || die "no tree: run the rootfs stage"
    [ -f "$WHEELHOUSE/requirements.txt" ] || die "no wheelhouse: run the wheelhouse stage"
    printf '#!/bin/sh\nexit 101\n' > "$TREE/usr/sbin/policy-rc.d"
    chmod 0755 "$TREE/usr/sbin/policy-rc.d"
    rm -f "$TREE/etc/resolv.conf"
    cp -L /etc/resolv.conf "$TREE/etc/resolv.conf"

    log "converge 1/2"
    playbook "$REPO/playbooks/image.yml"
    log "converge 2/2 (must change nothing)"
    playbook "$REPO/playbooks/image.yml" | tee "$BUILD/converge-2.log"
    grep -qE 'changed=0 +unreachable=0 +failed=0' "$BUILD/converge-2.log" \
        || die "the second converge changed something: see $BUILD/converge-2.log"
    log "verify"
    playbook "$REPO/playbooks/verify.yml"

    rm -f "$TREE/usr/sbin/policy-rc.d"
    ln -sf ../run/systemd/resolve/stub-resolv.conf "$TREE/etc/resolv.conf"
}

# A BIOS disk: MBR with one ext4 partition at 1 MiB made by mkfs.ext4 -d from the tree,
# GRUB's boot.img in the MBR and its core.img in the gap after it. No loop device, no mount.
stage_disk() {
    [ -d "$TREE/opt/bwc" ] || die "tree not converged: run the converge stage"
    log "disk"
    local uuid raw="$BUILD/$IMAGE_NAME.img" fs="$BUILD/rootfs.ext4"
    uuid=$(cat /proc/sys/kernel/random/uuid)
    rm -rf "$TREE/root/.ansible" "$TREE/var/lib/apt/lists/"* "$TREE/var/cache/apt/"*.bin
    # Per-box identity is made on first boot: machine id, SSH host keys (ssh-host-keys.service).
    : > "$TREE/etc/machine-id"
    rm -f "$TREE"/etc/ssh/ssh_host_*

    local modules=(biosdisk part_msdos ext2 normal linux configfile search search_fs_uuid echo
                   gzio test serial terminal all_video)
    mkdir -p "$TREE/boot/grub/i386-pc"
    cp "$TREE"/usr/lib/grub/i386-pc/*.mod "$TREE"/usr/lib/grub/i386-pc/*.lst "$TREE/boot/grub/i386-pc/"
    chroot "$TREE" grub-mkimage -O i386-pc -o /boot/grub/i386-pc/core.img \
        -p '(hd0,msdos1)/boot/grub' "${modules[@]}"
    sed "s/@ROOT_UUID@/$uuid/g" "$REPO/images/grub.cfg" > "$TREE/boot/grub/grub.cfg"
    printf 'UUID=%s / ext4 errors=remount-ro,noatime 0 1\n' "$uuid" > "$TREE/etc/fstab"

    local core_size
    core_size=$(stat -c %s "$TREE/boot/grub/i386-pc/core.img")
    [ "$core_size" -lt $((2047 * 512)) ] || die "core.img too large for the MBR gap"

    rm -f "$fs" "$raw"
    truncate -s "${IMAGE_SIZE_MB}M" "$fs"
    mkfs.ext4 -q -L bwc-root -U "$uuid" -d "$TREE" "$fs"
    truncate -s $((IMAGE_SIZE_MB + 1))M "$raw"
    printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk --quiet "$raw"
    dd if="$fs" of="$raw" bs=1M seek=1 conv=notrunc,sparse status=none
    dd if="$TREE/usr/lib/grub/i386-pc/boot.img" of="$raw" bs=440 count=1 conv=notrunc status=none
    dd if="$TREE/boot/grub/i386-pc/core.img" of="$raw" bs=512 seek=1 conv=notrunc status=none
    rm -f "$fs"
    zstd -q -f -T0 -6 --rm "$raw" -o "$raw.zst"
    log "image: $raw.zst ($(du -h "$raw.zst" | cut -f1))"
}

main() {
    local stage=${1:-all} started=$SECONDS
    mkdir -p "$BUILD"
    stage_tools
    case $stage in
        all) stage_wheelhouse; stage_rootfs; stage_converge; stage_disk ;;
        tools) ;;
        wheelhouse|rootfs|converge|disk) "stage_$stage" ;;
        *) die "unknown stage: $stage" ;;
    esac
    log "done in $((SECONDS - started)) s"
}

main "$@"
