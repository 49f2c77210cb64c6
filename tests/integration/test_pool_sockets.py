"""`plotgate serve`: where its listening socket comes from (its own unix socket, TCP, systemd
socket activation) and what /status and /ping report.

Real processes: nginx in front of the pool wherever possible; every wait bounded.
"""

from __future__ import annotations

import grp
import os
import signal
import socket
import stat
import subprocess
import time
from pathlib import Path

from .conftest import (
    assert_png,
    fcgi_read_response,
    fcgi_request_bytes,
    free_port,
    parse_cgi_output,
    pool_workers,
    rss_kb,
    stop_process,
    web_user,
)

CHART = "/chart.png?d=3,1,4,1,5&w=120&h=80"


def tcp_listeners(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp) listening on `port`."""
    out = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state = fields[1], fields[3]
        if state == "0A" and int(local.split(":")[1], 16) == port:
            out.append(local.split(":")[0])
    return out


def test_own_unix_socket_with_mode(make_stack):
    """`serve --socket PATH --socket-mode 0660` (and `--socket-group` for nginx's group when
    run as root): plotgate binds the socket itself; it is a socket with mode exactly 0660 (and
    that group); nginx reaches it and gets a chart; on SIGTERM the master exits 0 and removes
    the socket file it created."""
    s = make_stack(command="serve", source="unix", serve_args=["--workers", "2"])
    st = os.stat(s.socket_path)
    assert stat.S_ISSOCK(st.st_mode)
    assert stat.S_IMODE(st.st_mode) == 0o660, oct(st.st_mode)
    if web_user():
        assert st.st_gid == grp.getgrnam(web_user()[1]).gr_gid
    assert_png(s.get(CHART), (120, 80))
    assert len(s.pool_workers()) == 2
    os.kill(s.master.pid, signal.SIGTERM)
    assert s.master.wait(timeout=5) == 0
    assert not s.socket_path.exists(), "the master left its socket file behind"


def test_tcp_listen_on_loopback(make_stack):
    """`serve --listen 127.0.0.1:PORT` with nginx's `fastcgi_pass 127.0.0.1:PORT`: the port
    listens on 127.0.0.1 only, and charts are served through it."""
    s = make_stack(command="serve", source="tcp", serve_args=["--workers", "2"])
    assert tcp_listeners(s.tcp_port) == ["0100007F"], tcp_listeners(s.tcp_port)
    assert_png(s.get(CHART), (120, 80))
    assert "127.0.0.1" in s.tmp.joinpath("nginx.conf").read_text().split("upstream plotgate")[1].split("}")[0]


def test_tcp_listen_port_only_defaults_to_loopback(binary, tmp_path):
    """`serve --listen PORT` (no host) binds 127.0.0.1, never 0.0.0.0 (DESIGN.md §4: only
    peers that can reach the socket can crash a worker); a FastCGI request over TCP gets a
    chart. No nginx here: the test is the FastCGI client."""
    port = free_port()
    log = open(tmp_path / "serve.stderr", "wb")
    proc = subprocess.Popen([str(binary), "serve", "--workers", "1", "--listen", str(port)],
                            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    try:
        deadline = time.monotonic() + 5
        while not tcp_listeners(port) and time.monotonic() < deadline:
            assert proc.poll() is None, (tmp_path / "serve.stderr").read_text()
            time.sleep(0.01)
        assert tcp_listeners(port) == ["0100007F"], tcp_listeners(port)
        head, _, end = fcgi_request_bytes({"REQUEST_METHOD": "GET", "DOCUMENT_URI": "/chart.png",
                                           "SCRIPT_NAME": "/chart.png", "QUERY_STRING": "d=1,2&w=50&h=40"})
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(head + end)
            out, _, ended = fcgi_read_response(sock, timeout=5)
        status, _, _, body = parse_cgi_output(out)
        assert status == 200 and ended and body.startswith(b"\x89PNG")
    finally:
        stop_process(proc)
        log.close()
    assert proc.returncode == 0


def test_systemd_socket_activation(make_stack):
    """systemd-style activation: the listening socket is bound by the caller and handed over on
    fd 3 with LISTEN_FDS=1 and LISTEN_PID=<the pool's own pid> (a wrapper sets LISTEN_PID to
    its pid and execs plotgate in place). The master serves on that socket: it holds fd 3 as a
    socket, nginx gets charts through it, /status lists the worker."""
    s = make_stack(command="serve", source="systemd", serve_args=["--workers", "1"])
    pid = s.master.pid
    assert Path(os.readlink(f"/proc/{pid}/exe")) == s.binary.resolve()
    env = dict(item.split("=", 1) for item in
               Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0") if "=" in item)
    assert env.get("LISTEN_PID") == str(pid) and env.get("LISTEN_FDS") == "1"
    assert os.readlink(f"/proc/{pid}/fd/3").startswith("socket:")
    assert_png(s.get(CHART), (120, 80))
    assert [p["pid"] for p in s.status()["processes"]] == s.pool_workers()


def test_systemd_socket_for_another_pid_is_refused(binary, tmp_path):
    """LISTEN_FDS meant for another process (LISTEN_PID is not plotgate's pid) is not taken:
    `plotgate serve` says there is no socket from systemd and exits 69 at once."""
    proc = subprocess.run([str(binary), "serve", "--workers", "1"], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=10,
                          env=dict(os.environ, LISTEN_FDS="1", LISTEN_PID=str(os.getpid())))
    assert proc.returncode == 69, proc
    assert b"no socket from systemd" in proc.stderr, proc.stderr


def test_status_and_ping(make_stack):
    """`/ping` answers `pong`. `/status` (JSON) has every documented field, consistent with the
    pool: workers == 3 == len(processes) == the master's live plotgate-wrk children (same
    pids); active + idle == len(processes) and the status request's own worker is busy; idle
    workers have current_request_ms 0; start_time is the pool's start; counters are 0 on a
    healthy pool; rss_kb (sampled by the master every 0.5 s) is near the worker's VmRSS;
    `accepted` grows by exactly the requests sent (10 charts + the second status request), and
    with no worker recycled, the processes' `requests` add up to every request accepted but the
    status request in flight."""
    n = 3
    s = make_stack(command="serve", serve_args=["--workers", str(n)])
    ping = s.get("/ping")
    assert ping.status == 200 and ping.body == b"pong\n", ping
    time.sleep(0.6)  # one RSS sample by the master
    first = s.status()
    for i in range(10):
        assert s.get(f"{CHART}&_={i}").status == 200
    # A worker updates its slot (requests, state) just after its answer went out: let the
    # last chart's worker get there before the snapshot.
    time.sleep(0.2)
    st = s.status()
    assert st["accepted"] - first["accepted"] == 11, (first["accepted"], st["accepted"])

    expected = {"pool", "start_time", "workers", "accepted", "active", "idle", "max_active", "recycles",
                "render_timeouts", "hard_kills", "crashes", "crashes_by_signal", "processes"}
    assert set(st) == expected, set(st) ^ expected
    assert st["pool"] == "plotgate" and st["workers"] == n
    assert time.time() - 120 < st["start_time"] <= time.time()
    assert st["recycles"] == {"max_renders": 0, "rss_soft": 0, "rss_hard": 0, "reload": 0}
    assert st["render_timeouts"] == st["hard_kills"] == st["crashes"] == 0 and st["crashes_by_signal"] == {}
    procs = st["processes"]
    assert len(procs) == n
    assert sorted(p["pid"] for p in procs) == sorted(pool_workers(s.master.pid))
    assert st["active"] + st["idle"] == n and st["active"] >= 1 and 1 <= st["max_active"] <= n
    for p in procs:
        assert set(p) == {"pid", "state", "requests", "current_request_ms", "rss_kb", "last_request"}, p
        assert p["state"] in ("busy", "idle"), p
        if p["state"] == "idle":
            assert p["current_request_ms"] == 0, p
        assert isinstance(p["requests"], int) and p["requests"] >= 0
        actual = rss_kb(p["pid"])
        assert p["rss_kb"] > 0 and 0.5 * actual <= p["rss_kb"] <= 2 * actual, (p, actual)
        assert p["last_request"] == "" or p["last_request"].startswith("GET /"), p
    assert sum(p["requests"] for p in procs) == st["accepted"] - 1, st
    assert any(p["last_request"] == "GET /status" for p in procs if p["state"] == "busy"), procs
