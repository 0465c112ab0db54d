#!/usr/bin/env bash
# Cold start to first frame and back: pit's home screen and demo against a bare
# ncurses program, each started in a pseudo-terminal (script) that types `q` once.
# Needs hyperfine (apt-get install hyperfine); release build.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product pit >/dev/null
cc -O2 -o .build/bare-ncurses Benchmarks/bare-ncurses.c $(pkg-config --cflags --libs ncursesw)
export TERM=xterm-256color COLUMNS=80 LINES=24 XDG_STATE_HOME=$(mktemp -d)
# SWIFT_BACKTRACE set up front skips pit's one-time re-exec that configures crash reports;
# the second pit line measures with it.
run() { echo "sh -c \"printf q | script -qec '$1' /dev/null >/dev/null\""; }
hyperfine --warmup 3 --runs 30 \
  "$(run .build/bare-ncurses)" \
  "$(run 'env SWIFT_BACKTRACE=enable=no .build/release/pit home')" \
  "$(run '.build/release/pit home')" \
  "$(run '.build/release/pit demo')"
