#!/usr/bin/env bash
# rebuild.sh: gongkai's rebuild after one edited article against a clean
# build, on the corpus compare.sh uses. Each round: a clean build into an empty
# folder, then one article's body is changed and the same folder is built
# again (the files whose bytes did not change are hard-linked to the previous
# build's, and the pages whose keys did not change are not executed again:
# .out-r.pagekeys beside the output; the articles whose files did not change
# are not read or checked again: .out-r.articles), and once more after a
# second edit: the first rebuild after a clean build makes a new folder of
# hard links, the second (like every later one) starts from the spare, the
# generation the first replaced (.out-r.spare). Prints every round, the
# medians and the median ratios rebuild/clean. Run from the repository root.
#
#   bench/rebuild.sh                        # 10,000 articles, 5 rounds
#   OUTDIR=/dev/shm/gk bench/rebuild.sh     # on a RAM disk
#
# Environment: N, RUNS, WORK, OUTDIR, GONGKAI as for compare.sh.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${N:-10000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/gongkai-bench}
NOW=2027-01-01T00:00:00+08:00
mkdir -p "$WORK"
OUTDIR=${OUTDIR:-$WORK}; mkdir -p "$OUTDIR"
if [ -z "${GONGKAI:-}" ]; then go build -o "$WORK/gongkai" ./cmd/gongkai; GONGKAI=$WORK/gongkai; fi
corpus=$WORK/corpus-$N
[ -f "$corpus/gongkai/gongkai.yaml" ] || go run "$BENCH/gencorpus.go" -n "$N" -seed 1 -out "$corpus"
article=$(find "$corpus/gongkai/content" -name '*.md' | sort | sed -n 1p)
cp "$article" "$WORK/article.orig"
trap 'cp "$WORK/article.orig" "$article"' EXIT
out=$OUTDIR/out-r
: >"$WORK/rebuild.times"
timed() { sync; /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" "$GONGKAI" -C "$corpus/gongkai" build -o "$out" --now "$NOW" >/dev/null 2>&1; awk '{printf "%s %.2f %.1f", $1, $2+$3, $4/1024}' "$WORK/t"; }
echo "$N articles; $RUNS rounds; output on $(df --output=fstype "$OUTDIR" | tail -1)"
echo "round  clean: wall s  cpu s  peak MiB | 1st rebuild: wall s  cpu s  peak MiB | 2nd rebuild: wall s  cpu s  peak MiB | rebuild/clean wall: 1st 2nd"
clean() { rm -rf "$out" "$OUTDIR/.out-r.pagekeys" "$OUTDIR/.out-r.articles" "$OUTDIR/.out-r.spare" "$OUTDIR/.out-r.lock"; }
for i in $(seq 1 "$RUNS"); do
  clean; sync; sleep "${SETTLE:-3}"
  c=$(timed)
  # one edit: a sentence added to the first paragraph of the body
  sed -i "0,/。/s//，特此说明（第${i}次修改）。/" "$article"
  sleep "${SETTLE:-3}"
  r=$(timed)
  sed -i "0,/。/s//，再作说明（第${i}次修改）。/" "$article"
  sleep "${SETTLE:-3}"
  s=$(timed)
  echo "$c $r $s" >>"$WORK/rebuild.times"
  echo "$c $r $s" | awk -v n="$i" '{printf "%5d  %13.2f %6.2f %9.1f | %19.2f %6.2f %9.1f | %19.2f %6.2f %9.1f | %23.2f %4.2f\n", n, $1, $2, $3, $4, $5, $6, $7, $8, $9, $4/$1, $7/$1}'
done
med() { sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.2f", m}'; }
col() { awk "{print $1}" "$WORK/rebuild.times" | med; }
printf 'median clean build: wall %s s, cpu %s s\n' "$(col '$1')" "$(col '$2')"
printf 'median 1st rebuild after one edit (a new folder of links): wall %s s, cpu %s s, peak %s MiB; ratio to clean: wall %s, cpu %s\n' \
  "$(col '$4')" "$(col '$5')" "$(col '$6')" "$(col '$4/$1')" "$(col '$5/$2')"
printf 'median 2nd rebuild after one more edit (from the spare): wall %s s, cpu %s s, peak %s MiB; ratio to clean: wall %s, cpu %s\n' \
  "$(col '$7')" "$(col '$8')" "$(col '$9')" "$(col '$7/$1')" "$(col '$8/$2')"
clean
