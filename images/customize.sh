#!/bin/sh
# mmdebstrap customize hook: what only the image needs (host name, network, locale);
# everything a provisioned box also needs is done by the playbooks.
set -eu
tree=$1
echo bwc-kiosk > "$tree/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tbwc-kiosk\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$tree/etc/hosts"
mkdir -p "$tree/etc/systemd/network"
cat > "$tree/etc/systemd/network/20-wired.network" <<'NETWORK'
# The management network: DHCP on any wired interface.
[Match]
Name=en* eth*

[Network]
DHCP=yes
NETWORK
chroot "$tree" systemctl enable systemd-networkd.service systemd-resolved.service

# Every box gets its own SSH host keys: the build removes the ones made while converging
# (images/build.sh disk) and this unit makes new ones on first boot, before sshd starts.
cat > "$tree/etc/systemd/system/ssh-host-keys.service" <<'UNIT'
[Unit]
Description=Generate this box's SSH host keys on first boot
ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key
Before=ssh.service

[Service]
Type=oneshot
ExecStart=/usr/bin/ssh-keygen -A

[Install]
WantedBy=multi-user.target
UNIT
chroot "$tree" systemctl enable ssh-host-keys.service
