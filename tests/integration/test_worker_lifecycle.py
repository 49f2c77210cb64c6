"""Signals and the worker's life: each test gets its own stack (`fresh_stack`), because it
stops the worker."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import pytest

from .conftest import (
    assert_png,
    decode_png,
    fcgi_read_response,
    fcgi_request_bytes,
    form_body,
    parse_cgi_output,
    read_response,
    send_request,
    series,
)

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def socket_inodes(pid: int) -> set[str]:
    """The socket inodes a process holds open (fd 0, the listening socket, among them)."""
    out = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            out.add(target)
    return out


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14, 15 of stat)


def wait_until(predicate, timeout: float, what: str, interval: float = 0.002):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def test_sigterm_idle_worker_exits_at_once(fresh_stack):
    """SIGTERM to a worker waiting in accept() ends it at once, with exit status 0, within 1 s;
    afterwards nginx has no worker to talk to (502)."""
    s = fresh_stack
    r = s.get("/chart.png?d=1,2,3&w=100&h=50")
    assert r.status == 200, r
    time.sleep(0.1)  # the worker is back in accept()
    t0 = time.monotonic()
    os.kill(s.worker.pid, signal.SIGTERM)
    rc = s.worker.wait(timeout=2)
    elapsed = time.monotonic() - t0
    assert rc == 0, f"exit status {rc}\n{s.logs()}"
    assert elapsed < 1.0, f"took {elapsed:.3f}s to exit"
    assert s.get("/chart.png?d=1,2,3").status == 502


def test_sigterm_in_flight_request_finishes_then_worker_exits(fresh_stack):
    """SIGTERM while a slow request is being served (a POSTed 20,000-point scatter at 4000x4000)
    does not cut it short: the client gets a complete 200 PNG that decodes at 4000x4000, the
    worker logs it as rendered, and only then exits with status 0."""
    s = fresh_stack
    pid = s.worker.pid
    body = form_body({"type": "scatter", "w": "4000", "h": "4000",
                      "x": series(20000, 7919, 10007), "d": series(20000, 104729, 9973)})
    assert len(body) < 262_144
    idle_sockets = socket_inodes(pid)
    logged_before = len(s.access_lines())

    t0 = time.monotonic()
    sock = send_request(s.port, "POST", "/chart.png", FORM, body, timeout=30)
    # Wait until the worker has accepted nginx's connection and spent CPU on the request,
    # so the signal lands while the request is in flight (not while the worker is idle).
    wait_until(lambda: socket_inodes(pid) - idle_sockets, 10, "the worker to accept the connection")
    ticks = cpu_ticks(pid)
    wait_until(lambda: cpu_ticks(pid) >= ticks + max(1, CLK_TCK // 50), 10, "the worker to start working")
    assert len(s.access_lines()) == logged_before, "the request finished before SIGTERM; make it bigger"
    assert s.worker.poll() is None
    os.kill(pid, signal.SIGTERM)
    t_signal = time.monotonic() - t0

    r = read_response(sock, "POST", timeout=30)
    assert r.status == 200, f"{r}\n{s.logs()}"
    assert_png(r, (4000, 4000))
    rc = s.worker.wait(timeout=5)
    assert rc == 0, f"exit status {rc}\n{s.logs()}"
    lines = s.access_lines()
    assert len(lines) == logged_before + 1, lines
    assert lines[-1]["status"] == "200" and lines[-1]["outcome"] == "rendered", lines[-1]
    assert lines[-1]["id"] == r.header("X-Request-Id")
    print(f"SIGTERM sent {t_signal * 1000:.0f} ms after the request; response after {r.elapsed * 1000:.0f} ms")


# --------------------------------------------------------------------------------------------
# The same promise at the FastCGI level: nginx's side of the connection played by the test,
# so the signal can be placed exactly while the request is still arriving.
# --------------------------------------------------------------------------------------------

def _connect_worker(s) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.connect(str(s.socket_path))
    return sock


def _chart_post_params(body: bytes, request_id: str) -> dict[str, str]:
    return {"REQUEST_METHOD": "POST", "DOCUMENT_URI": "/chart.png", "SCRIPT_NAME": "/chart.png",
            "QUERY_STRING": "", "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)), "REQUEST_ID": request_id}


LINE_BODY = form_body({"type": "line", "w": "300", "h": "200", "d": series(2000, 7919, 1000)})


def test_sigterm_while_params_arrive_finishes_request(fresh_stack):
    """SIGTERM after the worker accepted a connection whose FastCGI params are still arriving:
    the request is in flight, so it must still be answered (200 PNG) before the worker exits."""
    s = fresh_stack
    pid = s.worker.pid
    head, stdin, end = fcgi_request_bytes(_chart_post_params(LINE_BODY, "params-race"), LINE_BODY)
    idle = socket_inodes(pid)
    sock = _connect_worker(s)
    sock.sendall(head[:30])  # BEGIN_REQUEST and the start of PARAMS
    wait_until(lambda: socket_inodes(pid) - idle, 10, "the worker to accept the connection")
    time.sleep(0.1)  # the worker now blocks reading the rest of the params
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.1)
    try:
        sock.sendall(head[30:] + stdin + end)
    except OSError:
        pass
    out, _, ended = fcgi_read_response(sock, timeout=10)
    sock.close()
    assert out, f"no answer at all; the worker exited with {s.worker.poll()}\n{s.logs()}"
    status, _, headers, body = parse_cgi_output(out)
    assert status == 200 and ended
    decode_png(body)
    assert s.worker.wait(timeout=5) == 0


def test_sigterm_while_body_arrives_keeps_whole_body(fresh_stack):
    """SIGTERM while the worker is reading a POST body must not cut the body short: the answer is
    the chart of the whole body (same ETag as the same POST without a signal)."""
    s = fresh_stack
    pid = s.worker.pid
    reference = s.request("POST", "/chart.png", FORM, LINE_BODY)
    assert reference.status == 200, reference
    time.sleep(0.1)

    head, stdin, end = fcgi_request_bytes(_chart_post_params(LINE_BODY, "body-race"), LINE_BODY)
    idle = socket_inodes(pid)
    sock = _connect_worker(s)
    half = len(stdin) // 2
    sock.sendall(head + stdin[:half])
    wait_until(lambda: socket_inodes(pid) - idle, 10, "the worker to accept the connection")
    time.sleep(0.1)  # the worker now blocks reading the second half of the body
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.1)
    sock.sendall(stdin[half:] + end)
    out, _, ended = fcgi_read_response(sock, timeout=10)
    sock.close()
    status, _, headers, body = parse_cgi_output(out)
    etag = dict((k.lower(), v) for k, v in headers).get("etag")
    assert s.worker.wait(timeout=5) == 0
    assert status == 200 and ended, (status, headers)
    decode_png(body)
    assert etag == reference.header("ETag"), "the worker rendered a truncated body:\n" + s.worker_log_text()
