#!/bin/sh
# Fuzz/run.sh: runs one libFuzzer target for a bounded time and prints a one-line summary.
#   Fuzz/run.sh <Target> <seconds>          grows Fuzz/out/<Target>/corpus from Fuzz/corpus/<Target>
#   Fuzz/run.sh --smoke <Target> <seconds>  starts from the seeds only and keeps nothing
# Limits: 10 s per input (a hang), 2 GB resident, 64 MB for any single allocation (inputs are at
# most 4 KB, so a larger allocation means a size read from the input was trusted).
# A crash, hang or allocation over the limit exits non-zero and leaves the input in Fuzz/out/<Target>/.
set -u
smoke=0
if [ "$1" = "--smoke" ]; then smoke=1; shift; fi
target=$1
seconds=$2
binary=.build-fuzz/$target
seeds=Fuzz/corpus/$target
out=Fuzz/out/$target
[ -x "$binary" ] || { echo "fuzz: $binary is not built; run make fuzz-build"; exit 2; }
[ -d "$seeds" ] || { echo "fuzz: no seed corpus at $seeds"; exit 2; }
mkdir -p "$out"
if [ $smoke = 1 ]; then
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
else
  corpus=$out/corpus
  mkdir -p "$corpus"
fi
dict=""
[ -f "Fuzz/dict/$target.dict" ] && dict="-dict=Fuzz/dict/$target.dict"
log=$out/last-run.log
# Swift's own crash handler would catch a trap before libFuzzer does and confuse ASan.
export SWIFT_BACKTRACE=enable=no
# shellcheck disable=SC2086
"$binary" "$corpus" "$seeds" $dict -max_total_time="$seconds" -timeout=10 -max_len=4096 \
  -rss_limit_mb=2048 -malloc_limit_mb=64 -artifact_prefix="$out/" -print_final_stats=1 >"$log" 2>&1
status=$?
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
corp=$(echo "$done_line" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
if [ $status -ne 0 ]; then
  echo "fuzz $target: FAILED (exit $status) after ${seconds}s; log: $log"
  grep -E 'ERROR|Fatal error|SUMMARY|Test unit written|out-of-memory|timeout' "$log" | head -n 12
  exit 1
fi
printf 'fuzz %-12s ok  %3ss  %9s runs  %6s exec/s  cov %5s  ft %6s  corpus %5s\n' \
  "$target" "$seconds" "$runs" "$speed" "$cov" "$ft" "$corp"
