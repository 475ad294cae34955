#!/usr/bin/env bash
# The Windows installer, compiled and exercised under Wine on Linux (called by .ci/run).
#
#   installer/check-under-wine.sh [SCRIPT.iss]     (default: installer/udviklingsplan.iss)
#
# It compiles the Inno Setup script with the Inno Setup 6 compiler from the npm package `innosetup`
# and the project's version from pyproject.toml, in a throw-away Wine prefix set to Windows 10, and
# checks what IT relies on (docs/deployment.md): a silent install per machine into
# Program Files\Udviklingsplan, the uninstall key (64-bit registry view) with DisplayVersion, the
# Start-menu shortcut, a second install over the first (same folder, one uninstaller, files of an
# older version in _internal removed), and a silent uninstall that removes the program and leaves the
# leader's %LOCALAPPDATA%\Udviklingsplan byte for byte.
#
# WHAT IT DOES NOT CHECK: the Windows program. There is no Windows Python here, so the Windows bundle
# cannot be built. The payload is the Linux bundle's file layout (dist/Udviklingsplan from
# `make bundle`: every folder and file name) with small stand-in files, and the two programs
# Udviklingsplan.exe and udviklingsplan-cli.exe are a small Windows program from the same npm package,
# never started. This checks the installer's logic, not the program it installs.
# Per-user installs (/CURRENTUSER) are not exercised: Wine 8 cannot expand {userpf}. The Windows
# workflow (.github/workflows/windows.yml) checks both modes with the real bundle on real Windows.
#
# Missing tools are installed (Debian: wine, wine64, wine32:i386 after adding the i386 architecture,
# xvfb, npm; npm: the innosetup package). If they cannot be installed (no root, no package archive),
# the script says so and exits 0 without having checked anything. Once the tools are there, any
# failure - compiling, installing, a check, a hung Wine call (each is limited by a timeout) - exits 1.
# Everything runs in a temporary folder; the Wine server and the Xvfb display it started are ended
# on every exit.
set -euo pipefail
iss=$(realpath -e -- "${1:-$(dirname "$0")/udviklingsplan.iss}") ||
  { echo "installer check: no such script: ${1:-}" >&2; exit 1; }
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)

INNOSETUP_NPM=${INNOSETUP_NPM:-innosetup@6.4.1}  # Inno Setup 6.4.1; pinned so a CI run is repeatable
WINE_TIMEOUT=${WINE_TIMEOUT:-300}                # seconds for any one Wine call
APP_ID='{B0BCC329-C8B8-4B31-92E1-EF523CFB9733}'   # installer/udviklingsplan.iss, fixed for good
UNINSTALL_KEY="HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${APP_ID}_is1"

skip() {
  echo "installer check SKIPPED: $*"
  echo "  (nothing was compiled or installed; the Windows workflow is then the only check of the installer)"
  exit 0
}
checks=0
ok() { checks=$((checks + 1)); echo "  ok ($(($(date +%s) - started)) s): $*"; }
exec 4>&2  # fail() writes here, also from a Wine call whose own output is discarded
fail() { echo "installer check FAILED: $*" >&4; exit 1; }

# --- Tools --------------------------------------------------------------------------------------
need=()
for pkg in wine wine64 wine32:i386 xvfb; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || skip "missing ${need[*]}, and not root to install them"
  echo "Installing Debian packages for the installer check: ${need[*]}"
  apt_started=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  {
    { dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386; } &&
      timeout 900 apt-get update -q &&
      timeout 1200 apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}"
  } >/dev/null 2>&1 || skip "the Debian packages ${need[*]} could not be installed"
  echo "  installed in $(($(date +%s) - apt_started)) s"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/udviklingsplan-wine.XXXXXX")
xvfb_pid=
cleanup() {
  set +e
  if [ -d "$work/prefix" ]; then
    WINEPREFIX="$work/prefix" timeout 60 wineserver -k >/dev/null 2>&1
    WINEPREFIX="$work/prefix" timeout 60 wineserver -w >/dev/null 2>&1
  fi
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

(cd "$work" && timeout 300 npm pack --loglevel=error "$INNOSETUP_NPM" >npm-pack.log 2>&1) ||
  skip "npm could not fetch $INNOSETUP_NPM: $(grep -v -e 'npm error code' -e 'complete log' "$work/npm-pack.log" | head -n 1)"
tar -xzf "$work"/innosetup-*.tgz -C "$work"
iscc="$work/package/bin/ISCC.exe"
[ -f "$iscc" ] && [ -f "$work/package/bin/Languages/Danish.isl" ] ||
  fail "$INNOSETUP_NPM has no bin/ISCC.exe with Languages/Danish.isl"
standin="$work/package/bin/islzma64.exe"  # a small Windows program; only copied, never started
[ -f "$standin" ] || fail "$INNOSETUP_NPM has no bin/islzma64.exe (the stand-in program)"

# From here on the installer logic runs: every failure is a failure.
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
echo "Installer under Wine: $(wine --version), Inno Setup from $INNOSETUP_NPM, Udviklingsplan $version"

# One X display for the whole check (Inno Setup's silent mode still creates hidden windows and fails
# without one). Started here rather than with xvfb-run per call: a Wine prefix keeps the display it
# was started with, and -displayfd lets Xvfb pick a free display without racing other runs.
Xvfb -displayfd 3 -nolisten tcp -screen 0 1024x768x24 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
display=$(head -n 1 "$work/display")
export DISPLAY=":$display"

export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono or Gecko installer dialogs
run() {  # a Wine call that cannot hang CI
  local rc=0
  timeout -k 10 "$WINE_TIMEOUT" "$@" || rc=$?
  [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] || fail "timed out after $WINE_TIMEOUT s: $*"
  return "$rc"
}
winpath() { run winepath -w "$1"; }

# The script says MinVersion=10.0; Wine's default is Windows 7.
run winecfg /v win10 >/dev/null 2>&1 || fail "winecfg /v win10 could not set up the Wine prefix"
[ "$(run winecfg /v 2>/dev/null | tr -d '\r')" = win10 ] || fail "the Wine prefix is not Windows 10"
ok "a new Wine prefix set to Windows 10 (winecfg /v win10)"

# --- The payload: the Linux bundle's layout with stand-ins ---------------------------------------
# stage/ mirrors the repository (symlinks), with its own dist/ and installer/ so the .iss's relative
# paths (..\dist\Udviklingsplan, ..\resources\icons, OutputDir=..\dist) resolve as in the repository.
bundle="$repo/dist/Udviklingsplan"
[ -x "$bundle/Udviklingsplan" ] && [ -x "$bundle/udviklingsplan-cli" ] ||
  fail "no bundle in dist/Udviklingsplan (run make bundle first)"
stage="$work/stage"
mkdir -p "$stage/installer" "$stage/dist/Udviklingsplan"
for entry in "$repo"/*; do
  case "$(basename "$entry")" in dist | installer) ;; *) ln -s "$entry" "$stage/" ;; esac
done
cp "$iss" "$stage/installer/udviklingsplan.iss"
payload="$stage/dist/Udviklingsplan"
(cd "$bundle" && find . -mindepth 1 -type d) | while IFS= read -r d; do mkdir -p "$payload/$d"; done
(cd "$bundle" && find . \( -type f -o -type l \) ! -path ./Udviklingsplan ! -path ./udviklingsplan-cli) |
  while IFS= read -r f; do printf 'stand-in for %s\n' "${f#./}" >"$payload/$f"; done
cp "$standin" "$payload/Udviklingsplan.exe"
cp "$standin" "$payload/udviklingsplan-cli.exe"
echo "  payload: $(find "$payload" -type f | wc -l) files in $(find "$payload" -type d | wc -l) folders (the bundle's layout, stand-in contents)"

# --- Compile ------------------------------------------------------------------------------------
setup="$stage/dist/Udviklingsplan-$version-setup.exe"
if ! run wine "$iscc" /Q "/DAppVersion=$version" "$(winpath "$stage/installer/udviklingsplan.iss")" \
  >"$work/iscc.log" 2>&1; then
  cat "$work/iscc.log" >&2
  fail "ISCC could not compile $(basename "$iss")"
fi
[ -f "$setup" ] || fail "ISCC wrote no $(basename "$setup")"
ok "compiled $(basename "$setup") ($(du -k "$setup" | cut -f1) KB)"

# --- Helpers for the checks ---------------------------------------------------------------------
drive_c=$(realpath "$WINEPREFIX/drive_c")
app="$drive_c/Program Files/Udviklingsplan"
shortcut="$drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Udviklingsplan.lnk"
localappdata=$(realpath "$(run winepath -u "$(run wine cmd /c 'echo %LOCALAPPDATA%' 2>/dev/null | tr -d '\r')")")
data="$localappdata/Udviklingsplan"

install_setup() {  # install_setup N: the setup, silently per machine, as IT runs it
  local log="$work/setup-$1.log"
  local rc=0
  run wine "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$log")" >/dev/null 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -n 30 "$log" >&2 || true
    fail "install $1 exited with $rc"
  fi
}
read_uninstall_key() {  # the uninstall key (64-bit view) as "Name"="value" lines in $work/key.txt
  rm -f "$work/key.reg" "$work/key.txt"
  run wine reg export "$UNINSTALL_KEY" "$(winpath "$work/key.reg")" /reg:64 /y >/dev/null 2>&1 || return 1
  iconv -f UTF-16 -t UTF-8 "$work/key.reg" | tr -d '\r' >"$work/key.txt"
}
key_value() { sed -n "s/^\"$1\"=\"\\(.*\\)\"\$/\\1/p" "$work/key.txt" | sed 's/\\\(.\)/\1/g'; }
key_absent() {  # in the given registry views: "unable to find", not a failing Wine
  local view out
  for view in "$@"; do
    out=$(run wine reg query "$UNINSTALL_KEY" "/reg:$view" 2>&1) && return 1
    grep -qi "unable to find" <<<"$out" || fail "reg query /reg:$view failed: $out"
  done
}
installed_as_payload() {  # the program folder holds exactly the payload (and the uninstaller)
  diff -r -x 'unins000.exe' -x 'unins000.dat' "$payload" "$app" >"$work/diff.log" 2>&1 || {
    head -n 20 "$work/diff.log" >&2
    fail "$1: the program folder differs from the payload"
  }
}
data_untouched() {
  { cmp -s "$data/udviklingsplan.db" "$work/leader.db" && cmp -s "$data/backups/before-upgrade.db" "$work/leader.db"; } ||
    fail "$1: the leader's data in %LOCALAPPDATA%\\Udviklingsplan changed or is gone"
}

# The leader's data, there before the program: no install, upgrade or uninstall may touch it.
mkdir -p "$data/backups"
head -c 65536 /dev/urandom >"$work/leader.db"
cp "$work/leader.db" "$data/udviklingsplan.db"
cp "$work/leader.db" "$data/backups/before-upgrade.db"

# --- 1. Silent install per machine ---------------------------------------------------------------
install_setup 1
ok "silent install per machine (/VERYSILENT /SUPPRESSMSGBOXES /NORESTART) exited 0"
[ -d "$app" ] || fail "nothing in C:\\Program Files\\Udviklingsplan"
[ ! -e "$drive_c/Program Files (x86)/Udviklingsplan" ] || fail "installed into Program Files (x86)"
installed_as_payload "install 1"
[ -f "$app/unins000.exe" ] || fail "no unins000.exe"
ok "C:\\Program Files\\Udviklingsplan holds the payload's $(find "$payload" -type f | wc -l) files and unins000.exe"

read_uninstall_key || fail "no uninstall key $UNINSTALL_KEY in the 64-bit registry view"
[ "$(key_value DisplayVersion)" = "$version" ] || fail "DisplayVersion is '$(key_value DisplayVersion)', not $version"
[ "$(key_value DisplayName)" = Udviklingsplan ] || fail "DisplayName is '$(key_value DisplayName)'"
# shellcheck disable=SC1003  # a Windows path ending in a backslash, not an escape
[ "$(key_value InstallLocation)" = 'C:\Program Files\Udviklingsplan\' ] ||
  fail "InstallLocation is '$(key_value InstallLocation)'"
[ "$(key_value Publisher)" = "Københavns Kommune, Socialforvaltningen" ] ||
  fail "Publisher is '$(key_value Publisher)' (the .iss's æøå must reach the registry intact)"
quiet=$(key_value QuietUninstallString)
[ "$quiet" = '"C:\Program Files\Udviklingsplan\unins000.exe" /SILENT' ] || fail "QuietUninstallString is '$quiet'"
key_absent 32 || fail "an uninstall key under WOW6432Node too"
ok "uninstall key ${APP_ID}_is1 in the 64-bit view only: DisplayVersion $version, Publisher Københavns Kommune"

[ -f "$shortcut" ] || fail "no Start-menu shortcut (ProgramData\\...\\Start Menu\\Programs\\Udviklingsplan.lnk)"
grep -aqF 'C:\Program Files\Udviklingsplan\Udviklingsplan.exe' "$shortcut" ||
  fail "the Start-menu shortcut does not point to C:\\Program Files\\Udviklingsplan\\Udviklingsplan.exe"
ok "Start-menu shortcut for all users -> C:\\Program Files\\Udviklingsplan\\Udviklingsplan.exe"
data_untouched "install 1"

# --- 2. A second install over the first (an upgrade in place) ------------------------------------
echo "left by an older version" >"$app/_internal/stale-from-an-older-version.dll"
install_setup 2
ok "second silent install over the first exited 0"
[ ! -e "$app/_internal/stale-from-an-older-version.dll" ] || fail "install 2 left an older version's file in _internal"
installed_as_payload "install 2"
unins=$(cd "$app" && ls unins*)
[ "$unins" = "$(printf 'unins000.dat\nunins000.exe')" ] || fail "after install 2 the uninstallers are: $unins"
[ "$(find "$drive_c" -type d -iname udviklingsplan ! -path "$app" ! -path "$data" | wc -l)" -eq 0 ] ||
  fail "install 2 made another Udviklingsplan folder: $(find "$drive_c" -type d -iname udviklingsplan)"
read_uninstall_key || fail "no uninstall key after install 2"
[ "$(key_value DisplayVersion)" = "$version" ] || fail "after install 2 DisplayVersion is '$(key_value DisplayVersion)'"
ok "same folder, one uninstaller (unins000), one uninstall key, an older version's _internal file removed"
data_untouched "install 2"

# --- 3. Silent uninstall ------------------------------------------------------------------------
run wine "C:\\Program Files\\Udviklingsplan\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART >/dev/null 2>&1 ||
  fail "the silent uninstall exited with $?"
# The uninstaller finishes in a copy of itself; give it up to a minute.
for _ in $(seq 60); do
  [ -e "$app" ] || [ -e "$shortcut" ] || break
  sleep 1
done
[ ! -e "$app" ] || fail "C:\\Program Files\\Udviklingsplan is still there after the uninstall: $(ls "$app")"
[ ! -e "$shortcut" ] || fail "the Start-menu shortcut is still there after the uninstall"
key_absent 64 32 || fail "the uninstall key is still there after the uninstall"
ok "silent uninstall removed the program folder, the shortcut and the uninstall key"
data_untouched "the uninstall"
ok "%LOCALAPPDATA%\\Udviklingsplan (udviklingsplan.db, backups\\) byte for byte as before"

echo "Installer under Wine: all $checks checks passed in $(($(date +%s) - started)) s" \
  "(the installer's logic; the payload is stand-ins, not the Windows program)"
