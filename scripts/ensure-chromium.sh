#!/bin/sh
# Make sure Debian's headless-capable Chromium and its WebDriver are installed, for the explorer's
# end-to-end test (tests/e2e). No browser is downloaded from anywhere but the system's package archive.
# Usage: scripts/ensure-chromium.sh        (needs root or sudo when the packages are missing)
set -eu
CHROMIUM=${HOTSPOT_CHROMIUM:-/usr/bin/chromium}
DRIVER=${HOTSPOT_CHROMEDRIVER:-/usr/bin/chromedriver}
if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Error: $CHROMIUM or $DRIVER is missing and apt-get is not available; install Chromium and chromedriver," \
         "then set HOTSPOT_CHROMIUM and HOTSPOT_CHROMEDRIVER to their paths" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "Error: installing chromium needs root: run 'apt-get install -y chromium chromium-driver' as root" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver
echo "chromium: $("$CHROMIUM" --version)"
