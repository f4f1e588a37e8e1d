#!/bin/sh
# Finishes the Debian rootfs of the hotspot-kg-neo4j image right after debootstrap (run as root on the host):
# adds the neo4j user (uid/gid 7474, as in the official image) and its directories, and drops what a server
# image does not need (downloaded .deb files, apt lists, documentation, man pages, translations).
# Usage: rootfs.sh ROOTFS_DIR
set -eu
root=${1:?usage: rootfs.sh ROOTFS_DIR}
[ -x "$root/bin/sh" ] || { echo "rootfs.sh: $root is not a Debian rootfs" >&2; exit 2; }

chroot "$root" groupadd --system --gid 7474 neo4j
chroot "$root" useradd --system --uid 7474 --gid 7474 --home-dir /var/lib/neo4j --no-create-home \
    --shell /bin/bash neo4j
mkdir -p "$root/var/lib/neo4j/conf" "$root/var/lib/neo4j/run" "$root/data" "$root/logs" "$root/import" "$root/startup"
chown 7474:7474 "$root/var/lib/neo4j/conf" "$root/var/lib/neo4j/run" "$root/data" "$root/logs" "$root/import"

rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
    "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/* "$root"/var/tmp/*
# debootstrap copies the host's resolv.conf and hostname; the container engine provides its own.
rm -f "$root/etc/resolv.conf" "$root/etc/hostname"
