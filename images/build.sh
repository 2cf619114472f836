#!/usr/bin/env bash
# Build the bwc-kiosk appliance image: Debian 13 (trixie) amd64, converged by the playbooks
# through a chroot connection, as a UEFI Secure Boot disk (GPT: an ESP with Debian's signed
# shim and GRUB, then the root file system), written without loop devices or mounts.
#
#   images/build.sh [all|tools|preflight|wheelhouse|rootfs|converge|verify|check-tree|disk]
#
# all (the default) and the stages that touch the tree need root; preflight (the inventory
# has a GRUB password) and check-tree (no private key in the tree) do not, and run first.
#
# Environment: IMAGE_INVENTORY (default inventory/example), IMAGE_HOST (the inventory host
# the image is made for; default: the first host of the kiosks group), IMAGE_SIZE_MB (root
# file system size, default 6144), DEBIAN_MIRROR (default: the mirror apt uses here),
# IMAGE_TREE (the tree check-tree looks at; default images/build/rootfs).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$REPO/images/build
TREE=${IMAGE_TREE:-$BUILD/rootfs}
WHEELHOUSE=$BUILD/wheelhouse
SUITE=trixie
IMAGE_NAME=bwc-kiosk-$SUITE-amd64
IMAGE_INVENTORY=${IMAGE_INVENTORY:-$REPO/inventory/example}
IMAGE_SIZE_MB=${IMAGE_SIZE_MB:-6144}
ESP_SIZE_MB=64
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
    for tool in mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs sfdisk:fdisk zstd:zstd unshare:util-linux \
                mkfs.vfat:dosfstools mcopy:mtools; do
        command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
    [ -x "$ANSIBLE_PLAYBOOK" ] || die "no $ANSIBLE_PLAYBOOK: run make setup"
}

# The host the image is made for: IMAGE_HOST or the first of the kiosks group.
image_host() {
    if [ -n "${IMAGE_HOST:-}" ]; then echo "$IMAGE_HOST"; return; fi
    "$REPO/.venv/bin/ansible-inventory" -i "$IMAGE_INVENTORY" --list \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["kiosks"]["hosts"][0])'
}

# Issue 15 item 2: GRUB's superuser password comes from the inventory and has no default; a
# build without one (or with something that is not a grub-mkpasswd-pbkdf2 hash) stops here,
# before anything is built.
stage_preflight() {
    local host hash
    [ -x "$REPO/.venv/bin/ansible-inventory" ] || die "no $REPO/.venv/bin/ansible-inventory: run make setup"
    host=$(image_host) || die "no host in the kiosks group of $IMAGE_INVENTORY"
    hash=$("$REPO/.venv/bin/ansible-inventory" -i "$IMAGE_INVENTORY" --host "$host" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin).get("kiosk_boot_grub_password_hash") or "")') \
        || die "cannot read the inventory $IMAGE_INVENTORY"
    [ -n "$hash" ] || die "no GRUB password: set kiosk_boot_grub_password_hash for $host in $IMAGE_INVENTORY (grub-mkpasswd-pbkdf2)"
    [[ $hash =~ ^grub\.pbkdf2\.sha512\.[0-9]+\.[0-9A-F]+\.[0-9A-F]+$ ]] \
        || die "kiosk_boot_grub_password_hash of $host is not a grub-mkpasswd-pbkdf2 hash"
    log "preflight: $host has a GRUB password"
}

# Issue 15 item 4: an image holds no private key. The unit's keys are made on the box's first
# boot; anything named *.key, an SSH host key, or a PEM private key where a box keeps its
# secrets (not the published test fixtures some Python libraries ship) means every box built
# from this image would share it.
stage_check_tree() {
    [ -d "$TREE" ] || die "no tree at $TREE"
    local found
    found=$(cd "$TREE" && {
        find . -xdev \( -name '*.key' -o -name 'ssh_host_*_key' \) \( -type f -o -type l \) -print
        for dir in etc var root home srv; do
            [ ! -d "$dir" ] || { grep -rlsI -e '-----BEGIN [A-Z ]*PRIVATE KEY-----' "$dir" || true; } | sed 's,^,./,'
        done
    } | sort -u)
    [ -z "$found" ] || die "private keys in the image tree (they would be on every box): $(echo $found)"
    log "check-tree: no private key in $TREE"
}

# The wheel of this repository and the locked dependencies as wheels for the target's
# Python 3.13, with a hashed requirements file; the box installs them offline.
stage_wheelhouse() {
    log "wheelhouse"
    rm -rf "$WHEELHOUSE" "$BUILD/dist" "$BUILD/source-pins.txt"
    mkdir -p "$WHEELHOUSE"
    "$UV" build --wheel --out-dir "$BUILD/dist" "$REPO" >/dev/null
    local wheel
    wheel=$(ls "$BUILD"/dist/bwc_kiosk-*.whl)
    cp "$wheel" "$WHEELHOUSE/"
    (cd "$REPO" && "$UV" export --frozen --no-dev --no-group ops --no-emit-project \
        --format requirements-txt --output-file "$BUILD/locked.txt" >/dev/null)
    # A package published only as source (bagit) is built here from its hashed sdist into a
    # pure-Python wheel, pinned on the box by that wheel's own hash like this repository's.
    python3 "$REPO/images/sdist_only.py" "$REPO/uv.lock" "$BUILD/locked.txt" \
        "$WHEELHOUSE/requirements.txt" "$BUILD/from-source.txt"
    if [ -s "$BUILD/from-source.txt" ]; then
        rm -rf "$BUILD/source-wheels"
        "$REPO/.tools/bin/pip" wheel --isolated --quiet --disable-pip-version-check --no-deps \
            --require-hashes -r "$BUILD/from-source.txt" --wheel-dir "$BUILD/source-wheels"
        local built
        for built in "$BUILD"/source-wheels/*.whl; do
            case $(basename "$built") in
                *-py3-none-any.whl) ;;
                *) die "$(basename "$built"): a source-only dependency must be pure Python" ;;
            esac
            cp "$built" "$WHEELHOUSE/"
            printf '%s==%s \\\n    --hash=sha256:%s\n' "$(basename "$built" | cut -d- -f1)" \
                "$(basename "$built" | cut -d- -f2)" "$(sha256sum "$built" | cut -d' ' -f1)" \
                >> "$BUILD/source-pins.txt"
        done
    fi
    "$REPO/.tools/bin/pip" download --isolated --quiet --disable-pip-version-check \
        --require-hashes -r "$WHEELHOUSE/requirements.txt" --dest "$WHEELHOUSE" \
        --only-binary=:all: --implementation cp --python-version 3.13 --abi cp313 \
        --abi abi3 --abi none --platform manylinux_2_41_x86_64 --platform manylinux_2_34_x86_64 \
        --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
        --platform manylinux2014_x86_64 --platform any
    if [ -s "$BUILD/source-pins.txt" ]; then cat "$BUILD/source-pins.txt" >> "$WHEELHOUSE/requirements.txt"; fi
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
        --include=systemd-sysv,udev,dbus,linux-image-amd64,initramfs-tools,zstd,python3,python3-apt,ca-certificates,e2fsprogs,iproute2,systemd-resolved,kmod,less \
        --customize-hook="$REPO/images/customize.sh \"\$1\"" \
        "$SUITE" "$TREE" \
        "deb $url $SUITE main" "deb $url $SUITE-updates main" "deb $security $SUITE-security main"
}

# Run ansible-playbook against the tree with /proc, /sys and /dev mounted in a private
# mount namespace (they vanish with it); services are kept from starting (policy-rc.d).
playbook() {
    local host
    host=$(image_host)
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
             "kiosk_session_start_services": false, "kiosk_hardening_start_services": false,
             "kiosk_boot_start_services": false, "kiosk_app_init_enabled": false}' \
        -e kiosk_boot_root_uuid="$(root_uuid)" \
        "$@"
}

# The root file system's UUID, chosen once per tree: grub.cfg (converge) and mkfs (disk) share it.
root_uuid() {
    [ -s "$BUILD/root-uuid" ] || cat /proc/sys/kernel/random/uuid > "$BUILD/root-uuid"
    cat "$BUILD/root-uuid"
}

stage_converge() {
    [ -d "$TREE" ] || die "no tree: run the rootfs stage"
    [ -f "$WHEELHOUSE/requirements.txt" ] || die "no wheelhouse: run the wheelhouse stage"
    printf '#!/bin/sh\nexit 101\n' > "$TREE/usr/sbin/policy-rc.d"
    chmod 0755 "$TREE/usr/sbin/policy-rc.d"
    rm -f "$TREE/etc/resolv.conf"
    cp -L /etc/resolv.conf "$TREE/etc/resolv.conf"

    rm -f "$BUILD/root-uuid"
    log "converge 1/2"
    playbook "$REPO/playbooks/image.yml"
    log "converge 2/2 (must change nothing)"
    playbook "$REPO/playbooks/image.yml" | tee "$BUILD/converge-2.log"
    grep -qE 'changed=0 +unreachable=0 +failed=0' "$BUILD/converge-2.log" \
        || die "the second converge changed something: see $BUILD/converge-2.log"
    stage_verify
}

# Each role's invariants on the converged tree (also alone, after changing only verify tasks).
stage_verify() {
    [ -d "$TREE/opt/bwc" ] || die "tree not converged: run the converge stage"
    printf '#!/bin/sh\nexit 101\n' > "$TREE/usr/sbin/policy-rc.d"
    chmod 0755 "$TREE/usr/sbin/policy-rc.d"
    # sshd -T (kiosk_hardening's verify) needs host keys; a tree already packed by the disk
    # stage has none. The disk stage removes these again: each box makes its own.
    chroot "$TREE" ssh-keygen -A >/dev/null
    log "verify"
    playbook "$REPO/playbooks/verify.yml"
    rm -f "$TREE/usr/sbin/policy-rc.d"
    ln -sf ../run/systemd/resolve/stub-resolv.conf "$TREE/etc/resolv.conf"
}

# A UEFI disk: GPT with the ESP (FAT32, made by mkfs.vfat -C and filled by mcopy from the
# tree's /boot/efi, which the kiosk_boot role wrote) and the root ext4 (mkfs.ext4 -d from the
# tree). Nothing unsigned boots: shim, GRUB and the kernel are Debian's signed ones.
stage_disk() {
    [ -d "$TREE/opt/bwc" ] || die "tree not converged: run the converge stage"
    [ -f "$TREE/boot/efi/EFI/BOOT/BOOTX64.EFI" ] || die "no shim on the tree's ESP: run the converge stage"
    log "disk"
    local uuid raw="$BUILD/$IMAGE_NAME.img" fs="$BUILD/rootfs.ext4" esp="$BUILD/esp.vfat" esp_id
    uuid=$(root_uuid)
    esp_id=$(od -An -tx4 -N4 /dev/urandom | tr -d ' ' | tr a-f A-F)
    rm -rf "$TREE/root/.ansible" "$TREE/var/lib/apt/lists/"* "$TREE/var/cache/apt/"*.bin
    # Per-box identity is made on first boot: machine id, SSH host keys (ssh-host-keys.service),
    # the unit's signing keys and the data volume (bwc-firstboot, bwc-data-volume).
    : > "$TREE/etc/machine-id"
    rm -f "$TREE"/etc/ssh/ssh_host_*
    stage_check_tree
    grep -q "search --no-floppy --fs-uuid --set=root $uuid" "$TREE/boot/efi/EFI/debian/grub.cfg" \
        || die "grub.cfg does not name the root $uuid: run the converge stage again"
    printf 'UUID=%s / ext4 errors=remount-ro,noatime 0 1\n' "$uuid" > "$TREE/etc/fstab"
    printf 'UUID=%s-%s /boot/efi vfat umask=0077,nosuid,nodev,noexec,nofail 0 2\n' \
        "${esp_id:0:4}" "${esp_id:4:4}" >> "$TREE/etc/fstab"

    rm -f "$fs" "$raw" "$esp"
    mkfs.vfat -C -F 32 -n BWC-ESP -i "$esp_id" "$esp" $((ESP_SIZE_MB * 1024)) >/dev/null
    MTOOLS_SKIP_CHECK=1 mcopy -s -Q -i "$esp" "$TREE/boot/efi/EFI" ::/
    truncate -s "${IMAGE_SIZE_MB}M" "$fs"
    mkfs.ext4 -q -L bwc-root -U "$uuid" -d "$TREE" "$fs"
    truncate -s $((1 + ESP_SIZE_MB + IMAGE_SIZE_MB + 1))M "$raw"
    printf 'label: gpt\nstart=1MiB, size=%sMiB, type=U, name="EFI system"\nstart=%sMiB, size=%sMiB, type=L, name=bwc-root\n' \
        "$ESP_SIZE_MB" $((1 + ESP_SIZE_MB)) "$IMAGE_SIZE_MB" | sfdisk --quiet "$raw"
    dd if="$esp" of="$raw" bs=1M seek=1 conv=notrunc,sparse status=none
    dd if="$fs" of="$raw" bs=1M seek=$((1 + ESP_SIZE_MB)) conv=notrunc,sparse status=none
    rm -f "$fs" "$esp"
    zstd -q -f -T0 -6 --rm "$raw" -o "$raw.zst"
    log "image: $raw.zst ($(du -h "$raw.zst" | cut -f1))"
}

main() {
    local stage=${1:-all} started=$SECONDS
    case $stage in
        preflight) stage_preflight; return ;;
        check-tree) stage_check_tree; return ;;
    esac
    mkdir -p "$BUILD"
    stage_tools
    case $stage in
        all) stage_preflight; stage_wheelhouse; stage_rootfs; stage_converge; stage_disk ;;
        tools) ;;
        wheelhouse|rootfs|converge|verify|disk) "stage_$stage" ;;
        *) die "unknown stage: $stage" ;;
    esac
    log "done in $((SECONDS - started)) s"
}

main "$@"
