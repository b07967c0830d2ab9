#!/usr/bin/env bash
# Cold `npm test` (turbo --force), side by side for two commits, back to back on this machine:
#   bash tooling/bench/scripts/compare-npm-test.sh cf8dfc5 HEAD
#   bash tooling/bench/scripts/compare-npm-test.sh --edit packages/aws-auth/src/retry.ts cf8dfc5 HEAD
# Each commit is cloned into a scratch folder, installed with `npm ci` and run on the Node its own
# .nvmrc names (through .ci/node-bin when the commit has it, else the machine's). Prints wall and
# CPU (user + sys) seconds of each run, the load average around it, then one fully cached run of
# each. Each --edit <file> is the development loop: a comment appended to that file, `npm test`
# (turbo reruns what depends on it), the file restored. The clones stay in the printed folder
# (delete it when done).
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
edits=()
while [ "${1:-}" = "--edit" ]; do
  [ $# -ge 2 ] || { echo "--edit needs a file, relative to the repository root" >&2; exit 2; }
  edits+=("$2")
  shift 2
done
[ $# -ge 1 ] || { echo "usage: compare-npm-test.sh [--edit <file>]... <commit>... (e.g. cf8dfc5 HEAD)" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/compare-npm-test-XXXXXX")
echo "scratch folder: $scratch ($(nproc) cores)"

setup() { # <commit> <dir>: clone, pick the Node, install
  git clone --quiet --no-checkout "$repo" "$2"
  git -C "$2" checkout --quiet --detach "$1"
  local path=$PATH
  if [ -f "$2/.ci/node-bin" ]; then path="$(bash "$2/.ci/node-bin" 2>/dev/null):$PATH"; fi
  echo "$path" >"$2.path"
  (cd "$2" && PATH=$path npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

timed() { # <dir> <label> <log> <npm test args...>: one run, its wall and CPU seconds
  local dir=$1 label=$2 log=$1.$3.log
  shift 3
  local path load started ended
  path=$(cat "$dir.path")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date +%s.%N)
  # `time` reports this shell's children's CPU: npm, turbo and every task they start.
  local cpu
  # --continue: a test that fails (say, a timeout under load) still lets every other task run, so
  # the time stays comparable; the failure is reported next to it.
  cpu=$( { TIMEFORMAT='%U %S'; time (cd "$dir" && PATH=$path npm test -- --continue "$@" >"$log" 2>&1 || true); } 2>&1 )
  ended=$(date +%s.%N)
  grep -q "Failed:" "$log" && echo "  FAILED in $label: $(grep "Failed:" "$log" | head -1) (log: $log)"
  awk -v l="$label" -v n="$(PATH=$path node --version)" -v s="$started" -v e="$ended" -v c="$cpu" -v la="$load" \
    'BEGIN { split(c, t, " "); printf "%-28s node %-9s %7.1f s wall %7.1f s CPU   (load before: %s)\n", l, n, e - s, t[1] + t[2], la }'
}

n=0
for commit in "$@"; do
  n=$((n + 1))
  setup "$commit" "$scratch/$n"
done
n=0
for commit in "$@"; do
  n=$((n + 1))
  timed "$scratch/$n" "$commit cold (--force)" cold --force
done
n=0
for commit in "$@"; do
  n=$((n + 1))
  timed "$scratch/$n" "$commit cached" cached
  grep -q "FULL TURBO" "$scratch/$n.cached.log" && echo "  (FULL TURBO: every task from turbo's cache)"
done
for file in "${edits[@]}"; do
  n=0
  for commit in "$@"; do
    n=$((n + 1))
    dir=$scratch/$n
    [ -f "$dir/$file" ] || { echo "$commit has no $file: edit skipped"; continue; }
    # A line comment is valid in every file this is meant for (TypeScript) and changes no behaviour.
    echo "// edited by compare-npm-test.sh" >>"$dir/$file"
    timed "$dir" "$commit after editing $(basename "$file")" "edit-$(basename "$file")"
    git -C "$dir" checkout --quiet -- "$file"
    # Back to the cached state, so that the next edit starts where a developer would.
    (cd "$dir" && PATH=$(cat "$dir.path") npm test >/dev/null 2>&1 || true)
  done
done
