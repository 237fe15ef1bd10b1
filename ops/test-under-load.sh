#!/usr/bin/env bash
# The suite on a busy machine: runs ops/test.sh RUNS times in a row (default 3), each in a fresh clone
# of this checkout's HEAD, while a CPU hog keeps every core busy (stress-ng when installed, else one
# busy shell loop per core). Prints each run's time and result; exits non-zero if any run failed.
#   ops/test-under-load.sh            three runs
#   RUNS=1 ops/test-under-load.sh     one run
# Only committed work is tested (it is a clone). Logs stay in the printed directory.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${RUNS:-3}
cores=$(nproc)
work=$(mktemp -d -t gridledger-under-load.XXXXXX)
ops/services.sh

hogs=()
stop_hogs() {
    for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop_hogs EXIT
if command -v stress-ng >/dev/null; then
    stress-ng --cpu "$cores" --cpu-method matrixprod --quiet &
    hogs+=($!)
    hog="stress-ng --cpu $cores"
else
    for _ in $(seq "$cores"); do
        bash -c 'while :; do :; done' &
        hogs+=($!)
    done
    hog="$cores busy shell loops"
fi
commit=$(git rev-parse HEAD)
echo "CPU hog: $hog on $cores cores; $runs run(s) of ops/test.sh from fresh clones of ${commit:0:7}; logs in $work"

failed=0
summary=()
for n in $(seq "$runs"); do
    clone="$work/clone-$n"
    git clone -q "$repo" "$clone"
    git -C "$clone" checkout -q "$commit"
    start=$(date +%s)
    if (cd "$clone" && ops/test.sh) > "$work/run-$n.log" 2>&1; then
        result=passed
    else
        result=FAILED
        failed=1
    fi
    took=$(( $(date +%s) - start ))
    tests=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' \
        "$work/run-$n.log" | awk -F'[:,]' '{t+=$2; f+=$4+$6} END {printf "%d tests, %d failed", t, f}')
    line="run $n: $result in ${took} s ($tests) under $hog — log $work/run-$n.log"
    summary+=("$line")
    echo "$line"
    rm -rf "$clone"
done
printf '%s\n' "${summary[@]}"
exit $failed
