#!/bin/sh
# The browser tests drive Debian's Chromium through its matching chromedriver. Installs both with
# apt-get when missing (CI runs as root on Debian); does nothing when they are already there.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Chromium is missing: run 'apt-get install -y chromium chromium-driver' as root" >&2
  exit 1
fi
echo "Installing chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
