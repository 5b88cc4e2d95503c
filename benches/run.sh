#!/usr/bin/env bash
# The scale benchmark: sosei at S (the bundled report), M (1,000 synthetic indicators) and
# L (10,000), beside Hugo building a site of the same number of pages, with the same prose
# and no charts (examples/hugo_site.rs makes it from the same content).
#
#   benches/run.sh            # S, M and L
#   benches/run.sh M L        # some of them
#   PAIRS=5 benches/run.sh L  # more sosei/Hugo pairs (default 3)
#   SCALING=9 benches/run.sh  # more rounds of M and L in turn for the scaling (default 5)
#
# For each scale it prints the first cold build's wall time, pages/s, charts/s, peak RSS,
# output size and where the time went; at M and L the sosei/Hugo time ratios, medians of
# alternating runs (each builds from scratch); and the time from saving one indicator's
# file to the rebuilt page (the latest year's, in its folder rN/) being served by `sosei
# serve`. At the end, a table of it all (at M and L its cold build is the median of every
# sosei run, each from an empty output folder), then M and L built in turn for the time
# per indicator at L against M. Outputs go to /dev/shm when it exists, so that the disk
# does not decide the figures.
#
# Needs: /usr/bin/time (Debian `time`) and hugo (Debian `hugo`). A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=("$@")
[ $# -eq 0 ] && scales=(S M L)
pairs=${PAIRS:-3}
rounds=${ROUNDS:-20}
work=/tmp/sosei-bench
out_root=$([ -d /dev/shm ] && echo /dev/shm/sosei-bench || echo "$work/out")
mkdir -p "$work" "$out_root"
command -v hugo >/dev/null || { echo "install hugo: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "install GNU time: apt-get install time" >&2; exit 2; }
cargo build --release -q --bin sosei --example synth --example serve_latency --example hugo_site
sosei=target/release/sosei

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Runs a command under GNU time; prints "seconds peak-KB" (the command's output is dropped).
timed() { local f; f=$(mktemp); /usr/bin/time -f "%e %M" -o "$f" "$@" >/dev/null 2>&1; cat "$f"; rm -f "$f"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "sosei $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(hugo version | cut -d' ' -f1-2)"
summary=()
declare -A per_indicator per_cpu
for scale in "${scales[@]}"; do
  case $scale in
    S) n=0; content=content; edit=indicators/1-1-tenshutsu.yaml ;;
    M) n=1000 ;;
    L) n=10000 ;;
    *) echo "unknown scale $scale (S, M or L)" >&2; exit 2 ;;
  esac
  if [ "$scale" != S ]; then
    target/release/examples/synth --indicators "$n" --out "$work/$scale" >/dev/null
    content=$work/$scale/content
    sync # flush the new files, so that the disk's writeback does not share the first build's time
    first=("$content"/indicators/*.yaml)
    edit=indicators/$(basename "${first[0]}")
  fi
  out=$out_root/$scale
  rm -rf "$out"
  report=$( { /usr/bin/time -f "TIME %e %M" $sosei build --content "$content" --output "$out"; } 2>&1 )
  wall=$(echo "$report" | awk '/^TIME/ {print $2}')
  rss=$(( $(echo "$report" | awk '/^TIME/ {print $3}') / 1024 ))
  pages=$(echo "$report" | sed -n 's/^built \([0-9]*\) pages.*/\1/p')
  charts=$(echo "$report" | sed -n 's/.*, \([0-9]*\) charts.*/\1/p')
  size=$(du -sm "$out" | cut -f1)
  # Each year's report is in its own folder (r3/); the root's home page names the latest's.
  latest=$(grep -o 'rel="canonical" href="[^"]*"' "$out/index.html" | sed 's/.*href="//; s/"$//; s#/index\.html$##; s#.*/##')
  [ -n "$latest" ] || { echo "no latest year's folder named in $out/index.html" >&2; exit 1; }
  echo "== $scale: $pages pages, $charts charts"
  echo "   first cold build: ${wall} s, $(awk "BEGIN {printf \"%.0f\", $pages/$wall}") pages/s, $(awk "BEGIN {printf \"%.0f\", $charts/$wall}") charts/s, peak RSS ${rss} MB, output ${size} MB"
  echo "$report" | grep -E '^  ' | sed 's/^/   /'
  ratio=-; ratio_stock=-
  if [ "$scale" != S ]; then
    # The Hugo peer, three ways (examples/hugo_site.rs): `even`, sosei's prose spread evenly
    # over the same pages (the headline ratio); `stock`, ~3 KB of stock prose a page;
    # `exact`, each sosei page's own prose as one Hugo page (M only: at L Hugo needs over
    # 14 GB of memory). GOMEMLIMIT keeps Hugo's heap from taking the whole machine.
    for variant in even stock; do
      target/release/examples/hugo_site --content "$content" --out "$work/hugo-$scale-$variant" --$variant >/dev/null
    done
    sync
    ratios=(); stock_ratios=(); sosei_times=("$wall")
    for i in $(seq "$pairs"); do
      rm -rf "$out"
      s=$(timed $sosei build -q --content "$content" --output "$out" | cut -d' ' -f1)
      rm -rf "$out"
      line="   pair $i: sosei ${s} s"
      for variant in even stock; do
        dest=$out_root/hugo-$scale-$variant
        rm -rf "$dest"
        read -r h hrss < <(GOMEMLIMIT=12GiB timed hugo --source "$work/hugo-$scale-$variant" --destination "$dest" --quiet)
        hugo_pages=$(find "$dest" -name '*.html' | wc -l)
        rm -rf "$dest"
        line="$line, hugo ($variant) ${h} s, $((hrss / 1024)) MB, $hugo_pages pages"
        [ "$variant" = even ] && ratios+=("$(awk "BEGIN {print $s/$h}")")
        [ "$variant" = stock ] && stock_ratios+=("$(awk "BEGIN {print $s/$h}")")
      done
      echo "$line"
      sosei_times+=("$s")
    done
    ratio=$(printf '%s\n' "${ratios[@]}" | median)
    ratio_stock=$(printf '%s\n' "${stock_ratios[@]}" | median)
    # Every sosei run starts from an empty output folder; the table shows their median.
    wall=$(printf '%s\n' "${sosei_times[@]}" | median)
    build=$wall
    per_indicator[$scale]=$(awk "BEGIN {print $build / $n * 1000}")
    ratio=$(awk "BEGIN {printf \"%.2f\", $ratio}"); ratio_stock=$(awk "BEGIN {printf \"%.2f\", $ratio_stock}")
    echo "   sosei/hugo time ratio, median of $pairs pairs: $ratio (same prose, spread evenly), $ratio_stock (stock prose)"
    echo "   sosei cold build, median of $((pairs + 1)) runs: $wall s"
    if [ "$scale" = M ]; then
      target/release/examples/hugo_site --content "$content" --out "$work/hugo-$scale-exact" >/dev/null
      dest=$out_root/hugo-$scale-exact
      rm -rf "$dest"
      read -r h hrss < <(GOMEMLIMIT=12GiB timed hugo --source "$work/hugo-$scale-exact" --destination "$dest" --quiet)
      rm -rf "$dest"
      echo "   hugo (exact: sosei's pages as they are) ${h} s, $((hrss / 1024)) MB"
    fi
    echo "   sosei time per indicator: ${per_indicator[$scale]} ms"
  fi
  rm -rf "$out" "$out_root/hugo-$scale"
  latency=$(target/release/examples/serve_latency --content "$content" --edit "$edit" --page "$latest/strategies/1.html" --rounds "$rounds")
  echo "   $latency"
  served=$(echo "$latency" | sed -n 's/.*median \([0-9]*\) ms.*/\1/p')
  summary+=("| $scale | $pages | $charts | ${wall} s | $(awk "BEGIN {printf \"%.0f\", $pages/$wall}") | $(awk "BEGIN {printf \"%.0f\", $charts/$wall}") | ${rss} MB | ${size} MB | $ratio | $ratio_stock | ${served} ms |")
done
echo
echo "| scale | pages | charts | cold build | pages/s | charts/s | peak RSS | output | sosei/Hugo (same prose) | sosei/Hugo (stock prose) | save → served |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
if [ -n "${per_indicator[M]:-}" ] && [ -n "${per_indicator[L]:-}" ]; then
  # Scaling. The machine is shared and its speed drifts by half from one minute to the
  # next, so M and L are built in turn, SCALING rounds of each (default 5), and each
  # scale's median is taken from runs made under the same conditions.
  echo
  echo "scaling: M and L built in turn, ${SCALING:-5} rounds"
  declare -A wall_runs cpu_runs
  for i in $(seq "${SCALING:-5}"); do
    line="   round $i:"
    for scale in M L; do
      out=$out_root/$scale
      rm -rf "$out"
      f=$(mktemp)
      /usr/bin/time -f "%e %U %S" -o "$f" $sosei build -q --content "$work/$scale/content" --output "$out" >/dev/null 2>&1
      read -r w u s <"$f"; rm -f "$f"; rm -rf "$out"
      wall_runs[$scale]+="$w "
      cpu_runs[$scale]+="$(awk "BEGIN {print $u + $s}") "
      line="$line $scale ${w} s (cpu $(awk "BEGIN {print $u + $s}") s)"
    done
    echo "$line"
  done
  for scale in M L; do
    [ $scale = M ] && n=1000 || n=10000
    per_indicator[$scale]=$(printf '%s\n' ${wall_runs[$scale]} | median | awk -v n=$n '{print $1 / n * 1000}')
    per_cpu[$scale]=$(printf '%s\n' ${cpu_runs[$scale]} | median | awk -v n=$n '{print $1 / n * 1000}')
  done
  echo "time per indicator (median wall): M ${per_indicator[M]} ms, L ${per_indicator[L]} ms, L/M $(awk "BEGIN {printf \"%.2f\", ${per_indicator[L]} / ${per_indicator[M]}}")"
  echo "cpu time per indicator (median user + sys): M ${per_cpu[M]} ms, L ${per_cpu[L]} ms, L/M $(awk "BEGIN {printf \"%.2f\", ${per_cpu[L]} / ${per_cpu[M]}}")"
fi
