#!/usr/bin/env bash
# compare.sh: gongkai against Hugo on the same generated corpus, alternating runs
# (gongkai first, then Hugo first, ...) so a drifting machine hits both alike.
# Prints every pair (wall, CPU = user + system, peak RSS, and the floor: cp -a
# of the site gongkai wrote, timed in the same pair), the medians, and the
# medians of the pair-by-pair ratios gongkai/hugo and gongkai/floor. Every run
# is a clean full build into a new, empty output folder.
#
#   bench/compare.sh                       # 10,000 articles, build
#   N=1000 RUNS=5 bench/compare.sh
#   WHAT=check bench/compare.sh            # gongkai check vs hugo build
#   OUTDIR=/dev/shm/gk bench/compare.sh    # both write to a RAM disk
#   bench/rebuild.sh                       # gongkai: clean build vs rebuild after one edit
#
# Environment: N (articles, default 10000), RUNS (pairs, default 5, after one
# warm-up pair), WHAT (build | check), GONGKAI (binary; default: built from
# ./cmd/gongkai), HUGO (binary; default: hugo on PATH, installed with apt-get if
# missing), WORK (scratch, default /tmp/gongkai-bench), OUTDIR (where both tools
# write their sites, default $WORK; OUTDIR=/dev/shm/x takes a throttling disk out of
# the comparison, which then measures the tools and not the disk).
# Needs: go, GNU time (apt-get install time), hugo (apt-get install hugo).
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${N:-10000}
RUNS=${RUNS:-5}
WHAT=${WHAT:-build}
WORK=${WORK:-/tmp/gongkai-bench}
NOW=2027-01-01T00:00:00+08:00   # every generated article is published by then

need() { command -v "$1" >/dev/null 2>&1 || { apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }; }; }
[ -x /usr/bin/time ] || need /usr/bin/time time
HUGO=${HUGO:-}
if [ -z "$HUGO" ]; then need hugo hugo; HUGO=$(command -v hugo); fi
mkdir -p "$WORK"
OUTDIR=${OUTDIR:-$WORK}; mkdir -p "$OUTDIR"
if [ -z "${GONGKAI:-}" ]; then
  go build -o "$WORK/gongkai" ./cmd/gongkai
  GONGKAI=$WORK/gongkai
fi

corpus=$WORK/corpus-$N
[ -f "$corpus/gongkai/gongkai.yaml" ] || go run "$BENCH/gencorpus.go" -n "$N" -seed 1 -out "$corpus"
cp -R "$BENCH/hugo-site/." "$corpus/hugo/"
cfg=$corpus/hugo/hugo.toml
minor=$("$HUGO" version | sed -n 's/^hugo v0\.\([0-9]*\).*/\1/p')
if [ -n "$minor" ] && [ "$minor" -lt 128 ]; then cfg=$cfg,$corpus/hugo/hugo-0.111.toml; fi

echo "machine: $(nproc) cores; $("$HUGO" version | cut -d' ' -f1-2); $N articles; $RUNS pairs; gongkai $WHAT vs hugo build; output on $(df --output=fstype "$OUTDIR" | tail -1)"
run() { # label out-dir command... -> appends "wall rssMiB" to $WORK/$label.times
  local label=$1; shift
  sync
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/t" "$@" >"$WORK/$label.log" 2>&1 || { echo "$label failed:"; tail -20 "$WORK/$label.log"; exit 1; }
  awk '{printf "%s %.1f %.2f\n", $1, $2/1024, $3+$4}' "$WORK/t" >>"$WORK/$label.times"
}
gk() {
  if [ "$WHAT" = check ]; then "$GONGKAI" -C "$corpus/gongkai" check --now "$NOW" >/dev/null
  else "$GONGKAI" -C "$corpus/gongkai" build -o "$1" --now "$NOW"; fi
}
export -f gk; export GONGKAI corpus NOW WHAT HUGO cfg
: >"$WORK/gongkai.times"; : >"$WORK/hugo.times"; : >"$WORK/floor.times"
# Deleting ~200 MB of output right before a run slows that run (the file system
# is still freeing it), so outputs are removed before each pair, then the disk
# settles; and the order alternates (gongkai first, then Hugo first) so neither
# tool always runs second. The floor, cp -a of the site gongkai wrote, is timed
# in every pair, on the same file system.
settle() { sync; sleep "${SETTLE:-3}"; }
floor() {
  rm -rf "$OUTDIR/floor"; settle
  local t0 t1; t0=$(date +%s.%N); cp -a "$OUTDIR/out-g" "$OUTDIR/floor"; sync; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f\n", b-a}' >>"$WORK/floor.times"
  rm -rf "$OUTDIR/floor"
}
hugo_run() { run hugo "$HUGO" --quiet --ignoreCache -s "$corpus/hugo" --config "$cfg" -d "$OUTDIR/out-h"; }
for i in $(seq 0 "$RUNS"); do
  # Every gongkai run is a clean build: its stores beside the output (the
  # page keys and the article store a rebuild starts from) go too.
  rm -rf "$OUTDIR/out-g" "$OUTDIR/.out-g.pagekeys" "$OUTDIR/.out-g.articles" "$OUTDIR/.out-g.spare" "$OUTDIR/out-h"
  settle
  if [ $((i % 2)) -eq 0 ]; then
    run gongkai bash -c 'gk "$0"' "$OUTDIR/out-g"; settle
    hugo_run
  else
    hugo_run; settle
    run gongkai bash -c 'gk "$0"' "$OUTDIR/out-g"
  fi
  if [ "$WHAT" = build ]; then floor; fi
  if [ "$i" -eq 0 ]; then : >"$WORK/gongkai.times"; : >"$WORK/hugo.times"; : >"$WORK/floor.times"; fi   # warm-up pair
done
med() { sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.2f", m}'; }
[ -s "$WORK/floor.times" ] || seq "$RUNS" | sed 's/.*/0/' >"$WORK/floor.times"
paste -d' ' "$WORK/gongkai.times" "$WORK/hugo.times" "$WORK/floor.times" >"$WORK/pairs"
echo "pair  gongkai: wall s  cpu s  peak MiB | hugo: wall s  cpu s  peak MiB | floor s | ratios wall cpu memory  gongkai/floor"
awk '{printf "%4d  %14.2f %6.2f %9.1f | %11.2f %6.2f %9.1f | %7.2f | %12.2f %4.2f %6.2f %13.2f\n", NR, $1, $3, $2, $4, $6, $5, $7, $1/$4, $3/$6, $2/$5, ($7>0)?$1/$7:0}' "$WORK/pairs"
col() { awk -v c="$1" '{print $c}' "$WORK/pairs" | med; }
ratio() { awk -v a="$1" -v b="$2" '{print (($b>0)?$a/$b:0)}' "$WORK/pairs" | med; }
printf 'median gongkai %s: wall %s s, cpu %s s, peak %s MiB\n' "$WHAT" "$(col 1)" "$(col 3)" "$(col 2)"
printf 'median hugo build:  wall %s s, cpu %s s, peak %s MiB\n' "$(col 4)" "$(col 6)" "$(col 5)"
if [ "$WHAT" = build ]; then
  printf 'files written: gongkai %s (%s), hugo %s (%s)\n' "$(find "$OUTDIR/out-g" -type f | wc -l)" "$(du -sh "$OUTDIR/out-g" | cut -f1)" \
    "$(find "$OUTDIR/out-h" -type f | wc -l)" "$(du -sh "$OUTDIR/out-h" | cut -f1)"
  printf 'median floor (cp -a of gongkai'"'"'s output): %s s; gongkai wall / floor %s\n' "$(col 7)" "$(ratio 1 7)"
fi
printf 'median of pair ratios gongkai/hugo: wall %s, cpu %s, memory %s\n' "$(ratio 1 4)" "$(ratio 3 6)" "$(ratio 2 5)"
[ "$OUTDIR" = "$WORK" ] || rm -rf "$OUTDIR/out-g" "$OUTDIR/.out-g.pagekeys" "$OUTDIR/.out-g.articles" "$OUTDIR/.out-g.spare" "$OUTDIR/.out-g.lock" "$OUTDIR/out-h"
