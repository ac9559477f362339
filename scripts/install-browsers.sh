#!/usr/bin/env bash
# Installs the system browsers the e2e tests drive (Chromium + Firefox ESR) from
# Debian packages. Playwright/Puppeteer must never download browsers: machines
# here reach only the npm registry and Debian's archive.
# Idempotent and silent when both are already present; waits for a busy package manager. CHROMIUM_PATH /
# FIREFOX_PATH, when set, must point at executables and are then used as is.
set -euo pipefail

# have ENV_VAR candidate... -> 0 if the override (or else a candidate) is executable
have() {
  local override="${!1:-}"
  shift
  if [[ -n "$override" ]]; then [[ -x "$override" ]]; return; fi
  local c
  for c in "$@"; do [[ -x "$c" ]] && return 0; done
  return 1
}

missing=()
for spec in "CHROMIUM_PATH chromium /usr/bin/chromium /usr/bin/chromium-browser" \
            "FIREFOX_PATH firefox-esr /usr/bin/firefox-esr /usr/bin/firefox"; do
  read -r var pkg paths <<<"$spec"
  # shellcheck disable=SC2086 # paths is a space-separated list on purpose
  have "$var" $paths && continue
  if [[ -n "${!var:-}" ]]; then
    echo "install-browsers: $var=${!var} is not an executable file; fix or unset it." >&2
    exit 1
  fi
  missing+=("$pkg")
done
# The German e2e test runs Debian's Chromium in German, which needs its translations.
german_pak=/usr/lib/chromium/locales/de.pak
if [[ -z "${CHROMIUM_PATH:-}" && ! -e $german_pak ]]; then missing+=(chromium-l10n); fi
# And Firefox ESR in German, which needs its German language pack.
german_xpi=/usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi
if [[ -z "${FIREFOX_PATH:-}" && ! -e $german_xpi ]]; then missing+=(firefox-esr-l10n-de); fi
# The screenshot tests run the browsers headful on a virtual display and press their shortcuts.
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
[[ ${#missing[@]} -eq 0 ]] && exit 0

# Debian proper: both packages are in the main archive. (Ubuntu ships chromium
# only as a snap and no firefox-esr; there apt-get fails and says so.)
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null &&
   grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  here=$(dirname "$0")
  # Another apt-get or the system's own upgrades may hold the lock: wait for it (with a limit)
  # rather than fail; apt's own lock timeout covers the moment between that check and the call.
  lock_wait=(-o "DPkg::Lock::Timeout=${APT_LOCK_WAIT:-600}")
  bash "$here/wait-apt-lock.sh"
  echo "install-browsers: apt-get update (the package lists)…" >&2
  apt-get "${lock_wait[@]}" update -q
  bash "$here/wait-apt-lock.sh"
  # Not quiet: a few hundred MB take minutes, and each package's line shows that it is moving.
  echo "install-browsers: installing ${missing[*]} with apt-get (a few hundred MB; some minutes)…" >&2
  apt-get "${lock_wait[@]}" install -y -q "${missing[@]}"
  if have CHROMIUM_PATH /usr/bin/chromium /usr/bin/chromium-browser &&
     have FIREFOX_PATH /usr/bin/firefox-esr /usr/bin/firefox &&
     { [[ -n "${CHROMIUM_PATH:-}" ]] || [[ -e $german_pak ]]; } &&
     { [[ -n "${FIREFOX_PATH:-}" ]] || [[ -e $german_xpi ]]; } &&
     command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    exit 0
  fi
  echo "install-browsers: apt-get finished but a browser is still missing" >&2
  exit 1
fi

cat >&2 <<MSG
install-browsers: missing ${missing[*]}. The e2e tests use system browsers.
  On Debian, as root:  apt-get update && apt-get install -y chromium chromium-l10n firefox-esr firefox-esr-l10n-de xvfb xdotool
  Or set CHROMIUM_PATH / FIREFOX_PATH to executables you already have.
MSG
exit 1
