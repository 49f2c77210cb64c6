#!/usr/bin/env bash
# Renders every example of gallery/gallery.tsv with `plotgate render` into a folder, plus an
# index.html to look at them. Usage: scripts/gallery.sh BINARY OUTDIR
set -euo pipefail
bin=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
{
  echo '<!doctype html><meta charset="utf-8"><title>plotgate gallery</title>'
  echo '<style>body{font-family:sans-serif;margin:2em;background:#f6f6f6}figure{display:inline-block;margin:1em;vertical-align:top;background:#fff;padding:8px}figcaption{font:12px monospace;max-width:600px;word-break:break-all}</style>'
  echo '<h1>plotgate gallery</h1>'
} > "$out/index.html"
n=0
while IFS=$'\t' read -r name query; do
  case "$name" in ''|'#'*) continue ;; esac
  "$bin" render "$query" -o "$out/$name.png"
  printf '<figure><img src="%s.png" alt="%s"><figcaption>%s<br>%s</figcaption></figure>\n' \
    "$name" "$name" "$name" "$(printf '%s' "$query" | cut -c1-300 | sed 's/&/\&amp;/g; s/</\&lt;/g')" >> "$out/index.html"
  n=$((n + 1))
done < "$here/gallery/gallery.tsv"
echo "plotgate: rendered $n charts into $out (open $out/index.html)"
