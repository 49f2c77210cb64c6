#!/usr/bin/env bash
# Runs plotgate behind a private nginx on http://127.0.0.1:8080 with the demo page.
#   scripts/run.sh            foreground, logs on screen, Ctrl-C stops everything
#   scripts/run.sh start      background
#   scripts/run.sh stop       stop what `start` started
# Everything lives under out/run/ (PLOTGATE_PREFIX) and listens on 127.0.0.1:8080 (PLOTGATE_PORT);
# the system nginx is untouched.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
prefix=${PLOTGATE_PREFIX:-$repo/out/run}
port=${PLOTGATE_PORT:-8080}
bin=$repo/.build/release/plotgate
socket=$prefix/plotgate.sock
mode=${1:-foreground}

stop() {
  for name in nginx serve; do
    if [ -f "$prefix/$name.pid" ]; then
      pid=$(cat "$prefix/$name.pid")
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$prefix/$name.pid"
    fi
  done
}

if [ "$mode" = stop ]; then stop; echo "plotgate: stopped"; exit 0; fi

[ -x "$bin" ] || { echo "plotgate: $bin is missing; run make run" >&2; exit 1; }
stop
# Brings the font cache up to date (cheap when it already is): a cold cache costs the first
# text render 100-250 ms.
fc-cache >/dev/null 2>&1 || true
mkdir -p "$prefix"/{logs,tmp,www}
cp -r "$repo/demo/." "$prefix/www/"
cp "$repo"/docs/images/*.png "$prefix/www/" 2>/dev/null || true

# nginx's workers must reach the socket: when we run as root they run as nobody, so the
# socket belongs to nobody's group (mode 0660), as it would to www-data in production.
user_line="" ; owner=()
if [ "$(id -u)" -eq 0 ]; then
  user_line="user nobody nogroup;"
  owner=(-U nobody -G nogroup)
  chmod 711 "$prefix"
fi
sed -e "s|@PREFIX@|$prefix|g" -e "s|@SOCKET@|$socket|g" -e "s|@PORT@|$port|g" \
    -e "s|@REPO@|$repo|g" -e "s|@USER@|$user_line|g" "$repo/nginx/dev.conf.in" > "$prefix/nginx.conf"
cp /etc/nginx/fastcgi_params "$prefix/fastcgi_params"

rm -f "$socket"
spawn-fcgi -n -s "$socket" -b 4096 -M 0660 "${owner[@]}" -- "$bin" serve --workers 2 \
  >>"$prefix/logs/plotgate.log" 2>&1 &
echo $! > "$prefix/serve.pid"
/usr/sbin/nginx -c "$prefix/nginx.conf" -p "$prefix" >>"$prefix/logs/nginx-error.log" 2>&1 &
echo $! > "$prefix/nginx.pid"

for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/ping" 2>/dev/null && break
  sleep 0.1
done
if ! curl -fsS -o /dev/null "http://127.0.0.1:$port/chart.png?d=1,2,3"; then
  echo "plotgate: the stack did not come up; logs in $prefix/logs" >&2
  tail -n 20 "$prefix"/logs/*.log >&2 || true
  stop
  exit 1
fi
echo "plotgate: serving on http://127.0.0.1:$port/ (demo page), charts at /chart.png?d=3,5,4,8"

if [ "$mode" = start ]; then
  echo "plotgate: running in the background; stop with: make stop"
  exit 0
fi
trap 'echo; stop; echo "plotgate: stopped"; exit 0' INT TERM
echo "plotgate: logs follow; Ctrl-C stops everything"
tail -n +1 -F "$prefix/logs/plotgate.log" "$prefix/logs/nginx-error.log" &
tail_pid=$!
trap 'kill $tail_pid 2>/dev/null; echo; stop; echo "plotgate: stopped"; exit 0' INT TERM
while kill -0 "$(cat "$prefix/serve.pid" 2>/dev/null)" 2>/dev/null && kill -0 "$(cat "$prefix/nginx.pid" 2>/dev/null)" 2>/dev/null; do
  sleep 1
done
kill $tail_pid 2>/dev/null || true
echo "plotgate: a process of the stack exited; stopping" >&2
stop
exit 1
