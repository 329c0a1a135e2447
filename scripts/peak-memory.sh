#!/usr/bin/env bash
# Peak memory of the reader and of `kiji list` on a folder, against the size of its Markdown.
#
#   scripts/peak-memory.sh DIR [KIJI]
#
# KIJI defaults to target/release/kiji (run `cargo build --release` first). The reader runs
# under GNU `/usr/bin/time -v` in a pseudo-terminal (a private tmux server, 120x40, its own
# XDG folders: empty the first time, "cold", then again with the index cache that run left,
# "warm") until the whole list is on screen (the status bar's `N/N`, no `reading`) and the
# searchable text is prepared: the script types `/` and a letter, and the frame showing
# that letter in the prompt only comes after the search has run, which waits for the
# background fold of every article. Then `Esc` and `q`. `kiji list DIR > /dev/null` runs under
# the same `time -v`. Prints "Maximum resident set size" of each (KiB, MB) and its ratio to the
# Markdown bytes (`find DIR -name '*.md' -print0 | xargs -0 cat | wc -c`) on stdout.
#
# PEAK_ENV adds environment variables to the reader's (e.g. PEAK_ENV=MIMALLOC_PURGE_DELAY=1000
# for mimalloc's own delay before freed memory goes back; kiji sets none).
#
# Needs bash, tmux, GNU time (`/usr/bin/time`), find, xargs, awk. Exits 1 if the reader does
# not show what is waited for within TIMEOUT seconds (default 120).
set -euo pipefail

usage() {
    echo "usage: $0 DIR [KIJI]" >&2
    exit 2
}
[[ $# -ge 1 && $# -le 2 ]] || usage
dir=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kiji=${2:-$here/../target/release/kiji}
timeout=${TIMEOUT:-120}
[[ -d $dir ]] || { echo "$0: $dir: no such folder" >&2; exit 2; }
[[ -x $kiji ]] || { echo "$0: $kiji: not built (cargo build --release)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "$0: needs GNU time at /usr/bin/time" >&2; exit 2; }
command -v tmux > /dev/null || { echo "$0: needs tmux" >&2; exit 2; }
dir=$(cd "$dir" && pwd)
kiji=$(cd "$(dirname "$kiji")" && pwd)/$(basename "$kiji")

work=$(mktemp -d)
sock=kiji-peak-$$
cleanup() {
    tmux -L "$sock" kill-server 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

bytes=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -c)
files=$(find "$dir" -name '*.md' | wc -l)

# The reader, in tmux. `time -v` writes its report to a file when kiji exits. It runs twice
# with the same folders: cold (no index cache yet: every file is read) and warm (the cache
# the first run left).
mkdir -p "$work"/{config,state,cache,data}

# Wait until the function named `check` succeeds on the screen (given on stdin).
wait_until() {
    local what=$1 check=$2 start=$SECONDS
    until tmux -L "$sock" capture-pane -p 2> /dev/null | "$check"; do
        if ((SECONDS - start > timeout)) || [[ -e $work/reader.done ]]; then
            echo "$0: timed out waiting for $what; screen:" >&2
            tmux -L "$sock" capture-pane -p >&2 2> /dev/null || true
            exit 1
        fi
        sleep 0.05
    done
}

# Wait until `pattern` (grep -E) is on the screen.
wait_screen() {
    pattern=$2
    shows_pattern() { grep -Eq -- "$pattern"; }
    wait_until "$1" shows_pattern
}

# The list is complete: the status bar counts every article (`N/N`) and no longer says
# `reading n/N files`.
list_complete() {
    local last
    last=$(tail -n 1)
    grep -Eq -- '^ *([1-9][0-9]*)/\1 ' <<< "$last" && ! grep -q 'reading ' <<< "$last"
}

run_reader() {
    local label=$1
    rm -f "$work/reader.done"
    cat > "$work/run.sh" << EOF
#!/usr/bin/env bash
export XDG_CONFIG_HOME='$work/config' XDG_STATE_HOME='$work/state'
export XDG_CACHE_HOME='$work/cache' XDG_DATA_HOME='$work/data'
export LANG=C.UTF-8 TERM=xterm-256color ${PEAK_ENV:-}
unset LC_ALL LC_MESSAGES KIJI_CONFIG NO_COLOR
/usr/bin/time -v -o '$work/reader-$label.time' '$kiji' '$dir'
echo "exit \$?" > '$work/reader.done'
EOF
    chmod +x "$work/run.sh"
    tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 "$work/run.sh"
    wait_screen "the first frame" 'q quit'
    wait_until "the whole list" list_complete
    tmux -L "$sock" send-keys -l '/'
    wait_screen "the search prompt" 'enter keep'
    tmux -L "$sock" send-keys -l 'e'
    # The prompt shows the query followed by its cursor (▏, or _ with ASCII glyphs).
    wait_screen "the first search" '/ +e(▏|_)'
    tmux -L "$sock" send-keys Escape
    wait_screen "the prompt closed" 'q quit'
    tmux -L "$sock" send-keys -l 'q'
    local start=$SECONDS
    until [[ -e $work/reader.done ]]; do
        if ((SECONDS - start > timeout)); then
            echo "$0: the reader did not quit" >&2
            exit 1
        fi
        sleep 0.05
    done
    tmux -L "$sock" kill-server 2> /dev/null || true
}
run_reader cold
run_reader warm

# `kiji list`.
XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache \
    /usr/bin/time -v -o "$work/list.time" "$kiji" list "$dir" > /dev/null

rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
report() {
    local what=$1 kib=$2
    awk -v what="$what" -v kib="$kib" -v bytes="$bytes" 'BEGIN {
        printf "%-14s peak RSS %9d KiB (%6.1f MB)  = %5.2f x the Markdown\n",
            what, kib, kib * 1024 / 1e6, kib * 1024 / bytes
    }'
}
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$dir: $files files, $bytes bytes of Markdown ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB); load average $load"
report "reader, cold" "$(rss "$work/reader-cold.time")"
report "reader, warm" "$(rss "$work/reader-warm.time")"
report "kiji list" "$(rss "$work/list.time")"
