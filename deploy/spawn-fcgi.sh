#!/bin/sh
# plotgate under spawn-fcgi, for hosts without systemd (or next to an existing spawn-fcgi
# setup). spawn-fcgi binds the socket, gives it to the web server's group, drops to the
# plotgate user and execs `plotgate serve`, which supervises its workers on that socket (fd 0).
#
#   deploy/spawn-fcgi.sh start | stop | reload | restart | status
#
# The command it runs, spelled out (root; -n: exec in place, so the pid is plotgate's master):
#
#   spawn-fcgi -n -s /run/plotgate/plotgate.sock -b 4096 -M 0660 -u plotgate -g plotgate \
#       -U www-data -G www-data -- /usr/local/bin/plotgate serve $PLOTGATE_OPTS \
#       </dev/null >>/var/log/plotgate/plotgate.log 2>&1 &
#
# Why this shape (docs/DEPLOY.md):
# - A unix socket, mode 0660, owned by the web server's user and group: only the web server
#   can send FastCGI records (libfcgi trusts them). Never `-p PORT` alone: spawn-fcgi then
#   binds 0.0.0.0. For TCP use `plotgate serve --listen HOST:PORT` (127.0.0.1 by default).
# - `plotgate serve`, not `spawn-fcgi -F N ... plotgate worker`: spawn-fcgi never replaces a
#   dead worker; plotgate's master does, and recycles, and enforces deadlines.
# - -n and a shell redirect: without -n spawn-fcgi sends the program's stdout/stderr to
#   /dev/null, and plotgate's log is its stderr. `>>` opens the log with O_APPEND, which is
#   what lets logrotate's copytruncate work (deploy/logrotate.conf).
#
# Settings: environment variables, else /etc/default/plotgate (PLOTGATE_DEFAULTS), else these.
set -eu

defaults=${PLOTGATE_DEFAULTS:-/etc/default/plotgate}
# shellcheck disable=SC1090
[ -r "$defaults" ] && . "$defaults"

PLOTGATE_BIN=${PLOTGATE_BIN:-/usr/local/bin/plotgate}
PLOTGATE_SOCKET=${PLOTGATE_SOCKET:-/run/plotgate/plotgate.sock}
PLOTGATE_USER=${PLOTGATE_USER:-plotgate}
PLOTGATE_GROUP=${PLOTGATE_GROUP:-plotgate}
PLOTGATE_WEB_USER=${PLOTGATE_WEB_USER:-www-data}
PLOTGATE_WEB_GROUP=${PLOTGATE_WEB_GROUP:-www-data}
PLOTGATE_LOG=${PLOTGATE_LOG:-/var/log/plotgate/plotgate.log}
PLOTGATE_PIDFILE=${PLOTGATE_PIDFILE:-/run/plotgate/plotgate.pid}
PLOTGATE_OPTS=${PLOTGATE_OPTS:-}
# How long `stop` waits for the drain before SIGKILL: longer than --graceful-timeout (30 s).
PLOTGATE_STOP_WAIT=${PLOTGATE_STOP_WAIT:-45}
SPAWN_FCGI=${SPAWN_FCGI:-spawn-fcgi}

running_pid() {
    [ -r "$PLOTGATE_PIDFILE" ] || return 1
    pid=$(cat "$PLOTGATE_PIDFILE")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    # Only our plotgate: a stale pid file must not make us signal an unrelated process.
    case $(readlink "/proc/$pid/exe" 2>/dev/null) in
        "$(readlink -f "$PLOTGATE_BIN")"*) echo "$pid" ;;
        *) return 1 ;;
    esac
}

start() {
    if pid=$(running_pid); then
        echo "plotgate: already running (pid $pid)"
        return 0
    fi
    command -v "$SPAWN_FCGI" >/dev/null 2>&1 || { echo "plotgate: spawn-fcgi is not installed" >&2; exit 1; }
    mkdir -p "$(dirname "$PLOTGATE_SOCKET")" "$(dirname "$PLOTGATE_LOG")" "$(dirname "$PLOTGATE_PIDFILE")"
    # The web server must be able to traverse to the socket; the socket's own mode guards it.
    chmod 0755 "$(dirname "$PLOTGATE_SOCKET")"
    rm -f "$PLOTGATE_SOCKET"
    # shellcheck disable=SC2086  # PLOTGATE_OPTS is a list of options
    # -b 4096: requests wait in the backlog while every worker is busy (docs/DEPLOY.md).
    setsid "$SPAWN_FCGI" -n -s "$PLOTGATE_SOCKET" -b 4096 -M 0660 \
        -u "$PLOTGATE_USER" -g "$PLOTGATE_GROUP" -U "$PLOTGATE_WEB_USER" -G "$PLOTGATE_WEB_GROUP" \
        -- "$PLOTGATE_BIN" serve $PLOTGATE_OPTS </dev/null >>"$PLOTGATE_LOG" 2>&1 &
    echo $! >"$PLOTGATE_PIDFILE"
    # Ready when the socket exists and the master is alive (bounded: 10 s).
    i=0
    while [ $i -lt 100 ]; do
        if ! kill -0 "$(cat "$PLOTGATE_PIDFILE")" 2>/dev/null; then
            echo "plotgate: failed to start; last lines of $PLOTGATE_LOG:" >&2
            tail -n 20 "$PLOTGATE_LOG" >&2 || true
            rm -f "$PLOTGATE_PIDFILE"
            exit 1
        fi
        [ -S "$PLOTGATE_SOCKET" ] && { echo "plotgate: started (pid $(cat "$PLOTGATE_PIDFILE")) on $PLOTGATE_SOCKET"; return 0; }
        sleep 0.1
        i=$((i + 1))
    done
    echo "plotgate: no socket after 10 s; see $PLOTGATE_LOG" >&2
    exit 1
}

stop() {
    if ! pid=$(running_pid); then
        echo "plotgate: not running"
        rm -f "$PLOTGATE_PIDFILE"
        return 0
    fi
    kill -TERM "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt $((PLOTGATE_STOP_WAIT * 10)) ]; do
        sleep 0.1
        i=$((i + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "plotgate: still running after ${PLOTGATE_STOP_WAIT} s; killing" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PLOTGATE_PIDFILE" "$PLOTGATE_SOCKET"
    echo "plotgate: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    reload)
        pid=$(running_pid) || { echo "plotgate: not running" >&2; exit 1; }
        kill -HUP "$pid"
        echo "plotgate: reloading (workers replaced one at a time)"
        ;;
    status)
        if pid=$(running_pid); then echo "plotgate: running (pid $pid)"; else echo "plotgate: not running"; exit 3; fi
        ;;
    *)
        echo "usage: $0 start|stop|reload|restart|status" >&2
        exit 64
        ;;
esac
