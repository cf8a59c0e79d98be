#!/bin/sh
# Installs what the browser tests need and Python cannot: Debian's chromium.
# Playwright drives it (it cannot download its own browsers here).
set -e
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "browser tests need Debian's chromium: sudo apt-get install -y chromium (they are skipped without it)" >&2
    fi
fi
