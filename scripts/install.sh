#!/bin/sh
# Installs pit from an unpacked release archive, or removes an installation.
#
#   ./install.sh [--prefix DIR]              install into DIR (default: ~/.local)
#   ./install.sh --uninstall [--prefix DIR]  remove exactly what an install put there
#   DIR/share/pit/uninstall.sh               the same, from the installed copy
#
# Installs DIR/bin/pit, DIR/share/pit (instruments, themes, plans), man pages in
# DIR/share/man/man1 and completions for bash, zsh and fish. Every file and folder it makes
# is listed in DIR/share/pit/installed-files, which --uninstall follows; folders that were
# there before are left alone. Installing again replaces the earlier installation.
set -eu

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

here=$(cd "$(dirname "$0")" && pwd)
mode=install
prefix="${HOME:-}/.local"
case "$(basename "$0")" in
  # The installed copy lives in PREFIX/share/pit and removes the installation it belongs to.
  uninstall.sh) mode=uninstall; prefix=$(cd "$here/../.." && pwd) ;;
esac

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 64; }
              prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) mode=uninstall; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
  esac
done
[ -n "$prefix" ] || { echo "install.sh: no prefix (set HOME or pass --prefix DIR)" >&2; exit 64; }
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac

manifest="$prefix/share/pit/installed-files"

uninstall() {
  if [ ! -f "$manifest" ]; then
    echo "install.sh: no pit installation in $prefix (no $manifest)" >&2
    return 66
  fi
  listed=$(cat "$manifest")
  # Files first, then folders deepest first, and only folders left empty ("." is the prefix).
  printf '%s\n' "$listed" | sed -n 's/^f //p' | while IFS= read -r path; do rm -f "$prefix/$path"; done
  printf '%s\n' "$listed" | sed -n 's/^d //p' | LC_ALL=C sort -r | while IFS= read -r path; do
    if [ "$path" = . ]; then rmdir "$prefix" 2>/dev/null || true
    else rmdir "$prefix/$path" 2>/dev/null || true; fi
  done
  return 0
}

if [ "$mode" = uninstall ]; then
  uninstall
  echo "removed pit from $prefix"
  exit 0
fi

[ -x "$here/bin/pit" ] || { echo "install.sh: run me from the unpacked archive ($here/bin/pit is missing)" >&2; exit 66; }
if [ -f "$manifest" ]; then uninstall; fi

recorded=$(mktemp)
trap 'rm -f "$recorded"' EXIT

# Makes a folder (and its parents) under the prefix, noting the ones that did not exist.
make_dir() {
  [ -d "$prefix/$1" ] && return 0
  parent=$(dirname "$1")
  [ "$parent" = . ] || make_dir "$parent"
  mkdir "$prefix/$1" || exit 73
  echo "d $1" >>"$recorded"
}

# Copies one file from the archive to the same place under the prefix.
put() {
  make_dir "$(dirname "$1")"
  cp "$here/$1" "$prefix/$1" || exit 73
  chmod "$2" "$prefix/$1"
  echo "f $1" >>"$recorded"
}

if [ ! -d "$prefix" ]; then
  mkdir -p "$prefix" || exit 73
  echo "d ." >>"$recorded"
fi
put bin/pit 755
(cd "$here" && find share -type f | LC_ALL=C sort) | while IFS= read -r path; do
  put "$path" 644
done
make_dir share/pit
cp "$0" "$prefix/share/pit/uninstall.sh" && chmod 755 "$prefix/share/pit/uninstall.sh" || exit 73
echo "f share/pit/uninstall.sh" >>"$recorded"
echo "f share/pit/installed-files" >>"$recorded"
cp "$recorded" "$manifest" || exit 73

echo "installed pit into $prefix: $("$prefix/bin/pit" --version)"
case ":${PATH:-}:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to your PATH to run it as 'pit'" ;;
esac
echo "remove it with: $prefix/share/pit/uninstall.sh"
