#!/usr/bin/env bash
# Make Debian's headless Chromium and its driver available for the end-to-end tests and print the
# line that makes a missing browser a test failure instead of a skip:
#
#   eval "$(bash scripts/ci_browser.sh)"    # sets NEWSEVENTS_TEST_BROWSER=1
#   .venv/bin/pytest tests/test_web_browser.py
#
# Installs the packages chromium and chromium-driver when they are missing (needs root). Chromium
# is Debian's own build, so nothing is downloaded outside the package registry (Selenium is given
# /usr/bin/chromedriver and never fetches a driver). Everything but the final export line goes to
# stderr, so eval sees only that line.
set -euo pipefail

log() { echo "ci_browser: $*" >&2; }

if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "chromium and chromium-driver are not installed and installing them needs root"
        exit 1
    fi
    log "installing chromium and chromium-driver from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq chromium chromium-driver >&2
fi

# A browser that cannot start here fails now, with its own message, not later inside a test.
version="$(/usr/bin/chromium --headless --no-sandbox --disable-gpu --version 2>/dev/null || true)"
if [ -z "$version" ]; then
    log "/usr/bin/chromium does not start"
    exit 1
fi
log "$version; $(/usr/bin/chromedriver --version 2>/dev/null | head -n 1)"
echo "export NEWSEVENTS_TEST_BROWSER=1"
