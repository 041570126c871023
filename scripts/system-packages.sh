# Debian packages Verity needs, and how to install them. Sourced by scripts/setup.
# The language lists come from the sandbox's language registry (src/sandbox/languages), printed by
# `node scripts/debian-packages.ts`, so the registry stays the one source of truth.

install_system_packages() {
  local want_all=$1
  # gcc + libc6-dev build the sandbox supervisor (src/sandbox/supervisor/supervisor.c); chromium runs the web
  # UI's browser tests (test/ui, through playwright-core: no browser download).
  local base=(bubblewrap ca-certificates gcc libc6-dev chromium)
  local missing=()
  local pkg
  local packages=("${base[@]}")
  if [ -x node_modules/.bin/node ] && [ -f scripts/debian-packages.ts ]; then
    local set=core
    [ "$want_all" = true ] && set=all
    mapfile -t -O "${#packages[@]}" packages < <(node_modules/.bin/node scripts/debian-packages.ts "$set")
  fi
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "setup: these Debian packages are missing: ${missing[*]}" >&2
    echo "setup: this is not a Debian/Ubuntu machine; install their equivalents with your package manager." >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      echo "setup: missing packages ${missing[*]} and not root (no sudo). Run as root: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
