#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/browser/). Idempotent and quick when already present.
# Never fails the caller: when it cannot install, it prints a loud message and exits 0 (the browser tests then skip).
set -u

PACKAGES=(chromium chromium-driver fonts-liberation)

loud() {
  echo "=================================================================" >&2
  echo "install-browser: $*" >&2
  echo "install-browser: the browser tests (pytest -m browser) will be SKIPPED." >&2
  echo "=================================================================" >&2
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ] && [ -x /usr/bin/chromium ]; then
  echo "install-browser: chromium already installed ($(/usr/bin/chromium --version 2>/dev/null || echo '?'))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  loud "apt-get not found; install Chromium yourself (missing: ${missing[*]})."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  loud "not running as root; run: sudo apt-get install -y ${missing[*]}"
  exit 0
fi

echo "install-browser: installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq; then
  loud "apt-get update failed (no access to the Debian mirror?)."
  exit 0
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/install-browser.log 2>&1; then
  tail -n 20 /tmp/install-browser.log >&2
  loud "apt-get install ${missing[*]} failed (log: /tmp/install-browser.log)."
  exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
  loud "apt-get finished but /usr/bin/chromium is missing."
  exit 0
fi
echo "install-browser: installed $(/usr/bin/chromium --version 2>/dev/null)"
