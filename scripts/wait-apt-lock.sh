#!/usr/bin/env bash
# Waits until no process holds the package manager's locks (another apt-get, dpkg, or the
# system's unattended upgrades), so that installing the browsers waits its turn instead of
# failing at once. Gives up after APT_LOCK_WAIT seconds (default 600) and says who held them.
# APT_LOCK_FILES (space-separated) replaces the usual lock paths; the tests use it.
set -euo pipefail

limit=${APT_LOCK_WAIT:-600}
read -r -a locks <<<"${APT_LOCK_FILES:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock}"

# Prints "pid (command)" for each process with one of the lock files open. apt and dpkg open
# them only to lock them, so an open file is a held lock; a process we may not inspect is skipped.
holders() {
  local fd target lock pid
  for fd in /proc/[0-9]*/fd/*; do
    target=$(readlink "$fd" 2>/dev/null) || continue
    for lock in "${locks[@]}"; do
      if [[ $target == "$lock" ]]; then
        pid=${fd#/proc/}; pid=${pid%%/*}
        echo "$pid ($(tr -d '\0' <"/proc/$pid/comm" 2>/dev/null || echo '?'))"
      fi
    done
  done | sort -u
}

start=$SECONDS
said=
while held=$(holders) && [[ -n $held ]]; do
  if (( SECONDS - start >= limit )); then
    echo "wait-apt-lock: the package manager is still busy after ${limit} s, held by: ${held//$'\n'/, }." >&2
    echo "  Let it finish (or stop it), then run this again; APT_LOCK_WAIT=<seconds> waits longer." >&2
    exit 1
  fi
  if [[ -z $said ]]; then
    echo "wait-apt-lock: another package manager is running (${held//$'\n'/, }); waiting up to ${limit} s for it to finish…" >&2
    said=1
  fi
  sleep 2
done
[[ -n $said ]] && echo "wait-apt-lock: the package manager is free after $(( SECONDS - start )) s." >&2
exit 0
