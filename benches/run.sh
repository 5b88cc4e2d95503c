#!/usr/bin/env bash
# The performance benchmark: sosei at scales S (the bundled report), M (1,000 synthetic
# indicators) and L (10,000), beside Hugo building the same number of pages with no charts.
#
#   benches/run.sh            # S, M and L
#   benches/run.sh S M        # some of them
#
# For each scale it prints: cold build wall time, pages/s, charts/s, peak RSS, output
# size, the median sosei/Hugo time ratio over 3 alternating pairs (M and L), and the time
# from saving one indicator's file to the rebuilt page being served. Outputs go to
# /dev/shm when it exists, so that the disk does not decide the figures.
# Needs: /usr/bin/time (Debian `time`), hugo (Debian `hugo`), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=("${@:-S M L}")
[ $# -eq 0 ] && scales=(S M L)
work=/tmp/sosei-bench
out_root=$([ -d /dev/shm ] && echo /dev/shm/sosei-bench || echo "$work/out")
mkdir -p "$work" "$out_root"
command -v hugo >/dev/null || { echo "install hugo: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "install GNU time: apt-get install time" >&2; exit 2; }
cargo build --release -q --bin sosei --example synth --example serve_latency
sosei=target/release/sosei

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for scale in "${scales[@]}"; do
  case $scale in
    S) content=content; edit=indicators/1-1-tenshutsu.yaml; page=strategies/1.html ;;
    M) target/release/examples/synth --indicators 1000 --out "$work/m" >/dev/null; content=$work/m/content; edit=indicators/1-00000.yaml; page=strategies/1.html ;;
    L) target/release/examples/synth --indicators 10000 --out "$work/l" >/dev/null; content=$work/l/content; edit=indicators/1-00000.yaml; page=strategies/1.html ;;
    *) echo "unknown scale $scale" >&2; exit 2 ;;
  esac
  out=$out_root/$scale
  rm -rf "$out"
  report=$( { /usr/bin/time -f "TIME %e %M" $sosei build --content "$content" --output "$out"; } 2>&1 )
  wall=$(echo "$report" | awk '/^TIME/ {print $2}')
  rss=$(echo "$report" | awk '/^TIME/ {print $3}')
  pages=$(echo "$report" | sed -n 's/^built \([0-9]*\) pages.*/\1/p')
  charts=$(echo "$report" | sed -n 's/.*, \([0-9]*\) charts.*/\1/p')
  size=$(du -sm "$out" | cut -f1)
  echo "== $scale: $pages pages, $charts charts"
  echo "   cold build: ${wall} s, $(awk "BEGIN {printf \"%.0f\", $pages/$wall}") pages/s, $(awk "BEGIN {printf \"%.0f\", $charts/$wall}") charts/s, peak RSS $((rss / 1024)) MB, output ${size} MB"
  echo "$report" | grep -E '^  (load|evaluate|swap)' | sed 's/^/   /'
  if [ "$scale" != S ]; then
    cargo run --release -q --example hugo_site -- --content "$content" --out "$work/hugo-$scale" >/dev/null
    ratios=()
    for i in 1 2 3; do
      rm -rf "$out" "$out_root/hugo-$scale"
      s=$( { /usr/bin/time -f "%e" $sosei build -q --content "$content" --output "$out"; } 2>&1 | tail -1)
      h=$( { /usr/bin/time -f "%e" hugo --source "$work/hugo-$scale" --destination "$out_root/hugo-$scale" --quiet; } 2>&1 | tail -1)
      echo "   pair $i: sosei ${s} s, hugo ${h} s"
      ratios+=("$(awk "BEGIN {print $s/$h}")")
    done
    echo "   sosei/hugo ratio (median of 3): $(printf '%s\n' "${ratios[@]}" | median)"
  fi
  rounds=$([ "$scale" = L ] && echo 3 || echo 10)
  target/release/examples/serve_latency --content "$content" --edit "$edit" --page "$page" --rounds "$rounds" | sed 's/^/   /'
  rm -rf "$out" "$out_root/hugo-$scale"
done
