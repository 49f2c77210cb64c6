"""`plotgate serve` and signals: SIGHUP replaces every worker without dropping a request,
SIGTERM drains requests in flight and exits 0, and workers never outlive a SIGKILLed master.

Real processes (nginx, `spawn-fcgi -n -- plotgate serve`); every loop bounded in time.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import (
    Load,
    _start_time,
    alive,
    assert_png,
    fcgi_read_response,
    fcgi_request_bytes,
    parse_cgi_output,
    pool_workers,
    read_response,
    send_request,
)

HOOKS = {"PLOTGATE_TEST_HOOKS": "1"}


class PoolSampler:
    """Counts the master's live workers every ~2 ms; keeps the minimum and the pids seen."""

    def __init__(self, master_pid: int):
        self.master_pid = master_pid
        self.minimum = None
        self.samples = 0
        self.seen: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = pool_workers(self.master_pid)
            self.seen.update(pids)
            self.minimum = len(pids) if self.minimum is None else min(self.minimum, len(pids))
            self.samples += 1
            time.sleep(0.002)

    def __enter__(self) -> "PoolSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def sighup_rounds(s, n: int, rounds: int, settle: float) -> PoolSampler:
    """`rounds` SIGHUPs, each once the previous reload is complete (every worker that was there
    before it replaced by a new pid, n workers again); samples the pool all along."""
    with PoolSampler(s.master.pid) as sampler:
        time.sleep(0.2)
        for _ in range(rounds):
            original = set(s.wait_pool(n, timeout=2))
            os.kill(s.master.pid, signal.SIGHUP)
            new = s.wait_pool(n, timeout=5, exclude=original)
            assert not original & set(new)
            time.sleep(settle)
    return sampler


def test_sighup_replaces_every_worker_under_load(make_stack):
    """Three SIGHUPs in a row (each after the previous reload finished) while 4 client threads
    keep 3 workers busy: after each reload every worker that was there before has been replaced
    (new pids, same count); at every sample of the pool (every ~2 ms) at least N-1 workers are
    alive (the design promises N: each replacement starts before its predecessor leaves);
    /status counts N reload recycles per SIGHUP and lists N processes; the pool serves on.

    Zero failed requests is asserted separately (test_sighup_under_load_loses_no_request);
    this test keeps its own guard on the kind of failure (nginx's 502 for a dropped
    connection, at most one per replaced worker) so a regression is explained, not just seen."""
    n = 3
    s = make_stack(command="serve", serve_args=["--workers", str(n)])
    load = Load(s, threads=4, max_requests=100_000, duration=30).start()
    try:
        sampler = sighup_rounds(s, n, rounds=3, settle=0.3)
    finally:
        load.stop()
    assert len(load) > 300, f"only {len(load)} requests"
    failures = load.failures()
    assert len(failures) <= 3 * n and all(o.status == 502 for o in failures), failures[:5]
    assert sampler.samples > 100
    assert sampler.minimum >= n - 1, f"only {sampler.minimum} workers alive at one sample"
    status = s.status()
    assert status["recycles"]["reload"] == 3 * n, status
    assert len(status["processes"]) == n
    assert_png(s.get("/chart.png?d=1,2,3&w=80&h=60"))
    print(f"{len(load)} requests, {len(failures)} failed; min workers alive {sampler.minimum} of {n} "
          f"over {sampler.samples} samples")


def test_sighup_under_load_loses_no_request(make_stack):
    """The acceptance test for reloads: 40 SIGHUPs in a row (120 workers replaced) under load from
    4 client threads, and not one request may fail: every answer is a complete 2xx. (With the
    bugs below, about 4% of replaced workers drop a request; 120 replacements make a pass by
    luck unlikely, < 1%.)"""
    n = 3
    s = make_stack(command="serve", serve_args=["--workers", str(n), "--no-access-log"])
    load = Load(s, threads=4, max_requests=200_000, duration=40).start()
    try:
        sighup_rounds(s, n, rounds=40, settle=0.02)
    finally:
        load.stop()
    failures = load.failures()
    print(f"{len(load)} requests, {len(failures)} failed: {[o.status for o in failures]}")
    assert failures == [], f"{len(failures)} of {len(load)} requests failed: {failures[:5]}"


def socket_inodes(pid: int) -> set[str]:
    """The sockets a process holds open (its listening socket and any accepted connection)."""
    out = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            out.add(target)
    return out


def test_sigterm_drains_requests_in_flight_then_exits_0(make_stack):
    """SIGTERM to the master while each of its 2 workers is in the middle of a 1.5 s render
    (`test.hang=1.5`; each worker seen holding an accepted connection before the signal): both
    clients still get a complete 200 PNG, finished after the signal; the master stays until
    they are done, then it and its workers exit, the master with status 0, within 3 s of the
    signal."""
    n = 2
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", str(n), "--graceful-timeout", "10"])
    workers = {pid: _start_time(pid) for pid in s.wait_pool(n)}
    idle = {pid: socket_inodes(pid) for pid in workers}
    socks = [send_request(s.port, "GET", f"/chart.png?d=1,2,3&w=200&h=100&test.hang=1.5&_={i}", timeout=10)
             for i in range(n)]
    deadline = time.monotonic() + 2
    while not all(socket_inodes(pid) - idle[pid] for pid in workers):
        assert time.monotonic() < deadline, "the two requests did not reach the two workers"
        time.sleep(0.005)
    time.sleep(0.2)  # both renders are under way (each sleeps 1.5 s inside the render)
    os.kill(s.master.pid, signal.SIGTERM)
    t_signal = time.monotonic()
    done = []

    def finish(sock):
        r = read_response(sock, timeout=10)
        done.append((time.monotonic(), r))

    threads = [threading.Thread(target=finish, args=(sock,)) for sock in socks]
    for th in threads:
        th.start()
    time.sleep(0.3)
    assert s.master.poll() is None, "the master left before its requests were done"
    for th in threads:
        th.join(timeout=12)
    assert len(done) == n
    for finished_at, r in done:
        assert r.status == 200, f"{r}\n{s.logs()}"
        assert_png(r, (200, 100))
        assert finished_at > t_signal + 0.5, "the request was not in flight at the signal"
    rc = s.master.wait(timeout=3)
    took = time.monotonic() - t_signal
    assert rc == 0, f"master exit status {rc}\n{s.logs()}"
    assert took < 3.0, took
    deadline = time.monotonic() + 1
    while any(alive(pid, st) for pid, st in workers.items()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(alive(pid, st) for pid, st in workers.items())
    assert s.wait_master_line(r"SIGTERM: draining") and s.wait_master_line(r"^stopped$")


def test_workers_never_outlive_a_sigkilled_master(make_stack):
    """SIGKILL to the master (which cannot clean up) while one worker is busy with a 5 s render
    and the other idle: within 1 s both workers are gone (PR_SET_PDEATHSIG), busy or not."""
    n = 2
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", str(n)])
    workers = {pid: _start_time(pid) for pid in s.wait_pool(n)}
    sock = send_request(s.port, "GET", "/chart.png?d=1,2,3&test.hang=5", timeout=10)
    time.sleep(0.3)
    os.kill(s.master.pid, signal.SIGKILL)
    t0 = time.monotonic()
    s.master.wait(timeout=2)
    while any(alive(pid, st) for pid, st in workers.items()) and time.monotonic() - t0 < 1.0:
        time.sleep(0.005)
    left = [pid for pid, st in workers.items() if alive(pid, st)]
    took = time.monotonic() - t0
    sock.close()
    assert not left, f"workers {left} outlived the master by {took:.2f}s"
    print(f"workers gone {took * 1000:.0f} ms after the master")


# --------------------------------------------------------------------------------------------
# The two races behind lost requests on reload/drain, made deterministic at the FastCGI level
# (the test plays nginx on the pool's unix socket).
# --------------------------------------------------------------------------------------------

CHART_PARAMS = {"REQUEST_METHOD": "GET", "DOCUMENT_URI": "/chart.png", "SCRIPT_NAME": "/chart.png",
                "QUERY_STRING": "d=1,2,3&w=40&h=30", "REQUEST_URI": "/chart.png?d=1,2,3&w=40&h=30",
                "REQUEST_ID": "fcgi-race"}


def fcgi_connect(s) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(5)
    sock.connect(str(s.socket_path))
    return sock


def fcgi_send_chart(sock: socket.socket) -> None:
    head, _, end = fcgi_request_bytes(CHART_PARAMS)
    try:
        sock.sendall(head + end)
    except OSError:
        pass  # the worker is gone already; the answer (none) tells


def fcgi_chart_answer(sock: socket.socket) -> int | None:
    """The answer's status on a connection the chart request was sent on; None if the
    connection was closed without one."""
    out, _, _ = fcgi_read_response(sock, timeout=5)
    sock.close()
    return parse_cgi_output(out)[0] if out else None


def test_sigterm_as_a_connection_arrives_is_not_lost(make_stack):
    """SIGTERM (what the master sends on reload and drain) to an idle worker immediately after a
    client connected to the pool's socket and sent a whole request, 20 times: each connection must be answered with a
    200, by that worker (which accepted it, so it is busy and must finish it) or by its
    replacement (if the signal came first, the connection is still in the listen queue). The
    master replaces each worker (it exits 0, a planned exit)."""
    s = make_stack(command="serve", serve_args=["--workers", "1", "--no-access-log"])
    answers = []
    for _ in range(20):
        (pid,) = s.wait_pool(1, timeout=2)
        time.sleep(0.02)  # idle in accept()
        sock = fcgi_connect(s)
        fcgi_send_chart(sock)  # the whole request is there before the signal: no wait for bytes
        os.kill(pid, signal.SIGTERM)
        answers.append(fcgi_chart_answer(sock))
        s.wait_pool(1, timeout=2, exclude={pid})
    assert answers == [200] * 20, f"{answers.count(None)} of 20 connections closed without an answer"


def test_sigterm_before_the_first_bytes_arrive_is_not_lost(make_stack):
    """SIGHUP while a peer (nginx, slow to write) has connected but not yet sent its request: the
    worker holding the connection has accepted it, so it must answer it (200) once the bytes
    arrive, then leave; the reload completes (both original workers replaced within 3 s)."""
    n = 2
    s = make_stack(command="serve", serve_args=["--workers", str(n), "--no-access-log"])
    original = set(s.wait_pool(n))
    sock = fcgi_connect(s)
    time.sleep(0.2)  # one worker has accepted it and waits for the first bytes
    os.kill(s.master.pid, signal.SIGHUP)
    time.sleep(0.4)  # both original workers have been asked to leave by now
    fcgi_send_chart(sock)
    status = fcgi_chart_answer(sock)
    replaced = True
    try:
        s.wait_pool(n, timeout=3, exclude=original)
    except AssertionError:
        replaced = False
    assert (status, replaced) == (200, True), f"answer {status}, reload complete: {replaced}"


@pytest.mark.parametrize("signo", [signal.SIGINT, signal.SIGQUIT])
def test_sigint_and_sigquit_stop_fast(make_stack, signo):
    """SIGINT or SIGQUIT is the fast stop: even with a worker 5 s into a render, the master
    and every worker are gone within 1 s (the request in flight is abandoned; nginx answers 502)."""
    n = 2
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", str(n), "--graceful-timeout", "30"])
    workers = {pid: _start_time(pid) for pid in s.wait_pool(n)}
    sock = send_request(s.port, "GET", "/chart.png?d=1,2,3&test.hang=5", timeout=10)
    time.sleep(0.3)
    t0 = time.monotonic()
    os.kill(s.master.pid, signo)
    s.master.wait(timeout=2)
    took = time.monotonic() - t0
    deadline = time.monotonic() + 1
    while any(alive(pid, st) for pid, st in workers.items()) and time.monotonic() < deadline:
        time.sleep(0.01)
    sock.close()
    assert took < 1.0, took
    assert not any(alive(pid, st) for pid, st in workers.items())
    assert s.wait_master_line(r"fast stop")


def test_sigterm_kills_what_outlasts_the_graceful_timeout(make_stack):
    """SIGTERM drains, but not forever: a render that would take 5 s is killed when
    --graceful-timeout (1 s) runs out, and the master then exits 0."""
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", "1", "--graceful-timeout", "1",
                                                           "--render-timeout", "0", "--hard-timeout", "30"])
    (pid,) = s.wait_pool(1)
    start = _start_time(pid)
    sock = send_request(s.port, "GET", "/chart.png?d=1,2,3&test.hang=5", timeout=10)
    time.sleep(0.3)
    t0 = time.monotonic()
    os.kill(s.master.pid, signal.SIGTERM)
    rc = s.master.wait(timeout=4)
    took = time.monotonic() - t0
    sock.close()
    assert rc == 0
    assert 0.9 <= took < 2.5, took
    assert not alive(pid, start)
