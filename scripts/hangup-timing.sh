#!/usr/bin/env bash
# How fast the reader answers a paste and a hangup, on a real terminal (a private tmux server,
# 120x40), over a folder of articles:
#
#   scripts/hangup-timing.sh DIR [KIJI_BINARY]
#
# After a first search (which waits for the bodies to be folded on a cold start):
# 1. paste+Esc: `/`, then 300 characters sent as keys (a terminal without bracketed paste),
#    then Esc; the time from Esc until the prompt is gone from the screen.
# 2. hangup behind a paste: `/`, 1,500 characters as keys, then the tmux server is killed (the
#    terminal closes under kiji); the time until kiji has exited, and its exit status.
# 3. CPU: kiji's CPU time one second after the hangup if it is still running (the old input
#    thread spun on end of input).
#
# Prints one line per measurement. Needs bash, tmux, date, ps. The binary defaults to
# target/release/kiji. Give the reader's state and cache folders a temporary home so runs do
# not share them.
set -euo pipefail

[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 DIR [KIJI_BINARY]" >&2; exit 2; }
dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=$(realpath "${2:-$here/../target/release/kiji}")
command -v tmux > /dev/null || { echo "$0: needs tmux" >&2; exit 2; }

home=$(mktemp -d)
sock="kiji-hangup-$$"
cleanup() {
    tmux -L "$sock" kill-server 2> /dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }
screen() { tmux -L "$sock" capture-pane -p 2> /dev/null || true; }

# Wait (up to 300 s) until the screen shows the complete list: ` N/N ` with no "reading".
start_reader() {
    tmux -L "$sock" kill-server 2> /dev/null || true
    tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
        "trap '' HUP; env XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache \
         XDG_CONFIG_HOME=$home/config '$bin' '$dir'; echo \$? > $home/status"
    local deadline=$((SECONDS + 300))
    until screen | grep -Eq ' ([0-9]+)/\1 ' && ! screen | grep -q reading; do
        ((SECONDS < deadline)) || { echo "the list never completed" >&2; exit 1; }
        sleep 0.05
    done
    pid=$(pgrep -n -f "^$bin $dir\$")
}

keys() { tmux -L "$sock" send-keys -l "$1"; }

start_reader
# A first search, so the measurements below do not include folding the bodies for search
# (a cold start does that after the list is complete).
keys "/zqxjv"
until screen | grep -Eq ' 0/[0-9]+ '; do sleep 0.02; done
tmux -L "$sock" send-keys Escape
until ! screen | grep -q "enter keep"; do sleep 0.02; done
keys "/"
until screen | grep -q "enter keep"; do sleep 0.02; done
keys "$(printf 'unicode %.0s' {1..37})unic"
t=$(now)
tmux -L "$sock" send-keys Escape
deadline=$((SECONDS + 300))
until ! screen | grep -q "enter keep"; do
    ((SECONDS < deadline)) || { echo "paste+Esc: no answer in 300 s"; break; }
    sleep 0.02
done
echo "paste+Esc: prompt closed $(since "$t") after Esc"

rm -f "$home/status"
keys "/"
until screen | grep -q "enter keep"; do sleep 0.02; done
keys "$(printf 'terminal %.0s' {1..187})term"
t=$(now)
tmux -L "$sock" kill-server
deadline=$((SECONDS + 300))
while kill -0 "$pid" 2> /dev/null; do
    if [[ ! -v cpu_checked ]] && awk -v a="$t" -v b="$(now)" 'BEGIN { exit !(b - a > 1) }'; then
        cpu_checked=1
        echo "hangup: still running 1 s after, CPU time so far $(ps -o time= -p "$pid" || true)"
    fi
    ((SECONDS < deadline)) || { echo "hangup: still running after 300 s"; exit 1; }
    sleep 0.02
done
echo "hangup behind a 1,500-character paste: exited $(since "$t") after the terminal closed, status $(cat "$home/status" 2> /dev/null || echo unknown)"
