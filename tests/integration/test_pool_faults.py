"""`plotgate serve` when things go wrong: workers killed from outside, hung renders, a peer
that stalls mid-request, crashes before and during the write, a crash storm.

Real processes: nginx in front of `spawn-fcgi -n -- plotgate serve`; faults injected with
`PLOTGATE_TEST_HOOKS=1` (`test.hang=S`, `test.crash=1|write`) or with signals sent by PID.
Every loop is bounded in count and time.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import time

import pytest

from .conftest import (
    Load,
    _start_time,
    alive,
    assert_error_image,
    assert_nginx_error,
    assert_png,
    decode_png,
    response_complete,
)

HOOKS = {"PLOTGATE_TEST_HOOKS": "1"}


def wait_for(predicate, timeout: float, what: str, interval: float = 0.005):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def kill_worker(s, rng: random.Random, n: int) -> tuple[int, float]:
    """SIGKILLs a random worker of the pool (identified by pid and start time); waits until the
    pool is back to n workers without it. Returns (pid, seconds to recover)."""
    pids = s.wait_pool(n, timeout=1.0)
    pid = rng.choice(pids)
    start = _start_time(pid)
    os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    deadline = t0 + 1.0
    while True:
        now = s.pool_workers()
        if len(now) == n and pid not in now and not alive(pid, start):
            return pid, time.monotonic() - t0
        if time.monotonic() > deadline:
            raise AssertionError(f"pool not back to {n} workers 1 s after killing {pid}: {now}\n{s.logs()}")
        time.sleep(0.002)


# --------------------------------------------------------------------------------------------
# 3. kill -9 of workers under load
# --------------------------------------------------------------------------------------------

def test_sigkill_workers_under_load(make_stack):
    """A worker SIGKILLed every 0.2-0.4 s for ~9 s (about 30 kills) while 4 client threads keep
    the pool busy: at most one failed request per kill, and each failure is nginx's own 502
    (the request in flight on the killed worker; nothing else is lost); the pool is back to 2
    workers, without the killed one, within 1 s of every kill; afterwards /status lists exactly
    2 processes, counts no crash (a kill from outside is not a crash) and the master logged
    every kill as `exited: killed(SIGKILL)`."""
    n = 2
    s = make_stack(command="serve", serve_args=["--workers", str(n)])
    rng = random.Random(20261123)
    load = Load(s, threads=4, max_requests=60_000, duration=30).start()
    try:
        time.sleep(0.3)
        kills, recoveries = [], []
        t_end = time.monotonic() + 9.0
        while time.monotonic() < t_end and len(kills) < 40:
            time.sleep(rng.uniform(0.2, 0.4))
            pid, took = kill_worker(s, rng, n)
            kills.append(pid)
            recoveries.append(took)
        time.sleep(0.3)
    finally:
        load.stop()
    failures = load.failures()
    assert len(kills) >= 20
    assert len(failures) <= len(kills), f"{len(failures)} failures for {len(kills)} kills: {failures[:5]}"
    assert all(o.status == 502 for o in failures), failures[:5]
    assert len(load) > 20 * len(kills), f"only {len(load)} requests: the load did not keep the pool busy"
    status = s.status()
    assert len(status["processes"]) == n and status["workers"] == n, status
    assert status["crashes"] == 0, status
    logged = s.wait_master_line(r"worker (\d+) exited: killed\(SIGKILL\)", count=len(kills))
    assert {int(m.group(1)) for m in logged} == set(kills)
    print(f"{len(kills)} kills, {len(load)} requests, {len(failures)} failed (502); "
          f"recovery max {max(recoveries) * 1000:.0f} ms, mean {sum(recoveries) / len(recoveries) * 1000:.0f} ms")


def test_sigkill_burst_never_loses_a_slot(make_stack):
    """200 SIGKILLs in quick succession (each as soon as the pool is whole again) under light
    load (1 client thread): every kill is replaced within 1 s, the pool always comes back to
    exactly 2 workers, at most one request fails per kill (nginx's 502), and afterwards the
    pool serves charts and /status lists 2 processes."""
    n = 2
    s = make_stack(command="serve", serve_args=["--workers", str(n), "--no-access-log"])
    rng = random.Random(7)
    load = Load(s, threads=1, max_requests=20_000, duration=30).start()
    try:
        killed = set()
        for _ in range(200):
            pid, _ = kill_worker(s, rng, n)
            killed.add(pid)
    finally:
        load.stop()
    assert len(killed) == 200
    assert len(load.failures()) <= 200 and all(o.status == 502 for o in load.failures()), load.failures()[:5]
    pids = s.wait_pool(n, timeout=1.0, exclude=killed)
    for i in range(4):
        assert_png(s.get(f"/chart.png?d=1,2,3&w=80&h=60&_=after{i}"))
    status = s.status()
    assert sorted(p["pid"] for p in status["processes"]) == sorted(pids), (status, pids)
    print(f"200 kills, {len(load)} requests, {len(load.failures())} failed")


# --------------------------------------------------------------------------------------------
# 4. Hung renders and stalled readers
# --------------------------------------------------------------------------------------------

def test_hung_render_answers_503_at_the_render_deadline(make_stack):
    """`test.hang=5` with `--render-timeout 1 --hard-timeout 3`: after ~1 s (0.9-1.8 s) the
    client gets plotgate's own 503 error image (X-Plotgate-Error: render_timeout, Retry-After,
    no-store), not an nginx page; the worker then leaves (the master logs `exited:
    render_timeout`, /status counts it) and is replaced, and the pool serves again."""
    s = make_stack(command="serve", env=HOOKS,
                   serve_args=["--workers", "2", "--render-timeout", "1", "--hard-timeout", "3"])
    before = set(s.pool_workers())
    r = s.get("/chart.png?d=1,2,3&test.hang=5", timeout=10)
    assert_error_image(r, 503, "render_timeout")
    assert r.header("Retry-After"), r
    assert 0.9 <= r.elapsed <= 1.8, f"503 after {r.elapsed:.2f}s"
    (m,) = s.wait_master_line(r"worker (\d+) exited: render_timeout")
    gone = int(m.group(1))
    assert gone in before
    pids = s.wait_pool(2, timeout=1.0, exclude={gone})
    status = s.status()
    assert status["render_timeouts"] == 1 and status["hard_kills"] == 0 and status["crashes"] == 0, status
    assert sorted(p["pid"] for p in status["processes"]) == sorted(pids)
    assert_png(s.get("/chart.png?d=1,2,3&w=80&h=60"))


def test_hard_timeout_kills_hung_render_and_stalled_reader(make_stack):
    """`--render-timeout 0 --hard-timeout 2` (no worker deadline, only the master's):

    - a `test.hang=5` render is SIGKILLed by the master at ~2 s (2.0-2.8 s): nginx answers 502,
      the master logs `busy for N ms, past the hard timeout: killing; request: GET ...hang=5`,
      /status counts one hard kill, the pool is whole again and serves;
    - a stalled reader (a raw connection to the FastCGI socket that sends one byte and stops)
      holds a worker inside libfcgi's accept; the master kills that worker at the hard deadline
      counted from accept (the log names its pid with N >= 2000 ms, the connection is closed
      ~2 s after it was opened, the pid is replaced), while requests through nginx keep being
      answered by the other worker (all complete 200s)."""
    n = 2
    s = make_stack(command="serve", env=HOOKS,
                   serve_args=["--workers", str(n), "--render-timeout", "0", "--hard-timeout", "2"])

    # The hung render.
    r = s.get("/chart.png?d=1,2,3&test.hang=5", timeout=10)
    assert_nginx_error(r, 502)
    assert 2.0 <= r.elapsed <= 2.8, f"502 after {r.elapsed:.2f}s"
    (m,) = s.wait_master_line(r"worker (\d+) busy for (\d+) ms, past the hard timeout: killing; request: (.*)$")
    assert int(m.group(2)) >= 2000 and "test.hang=5" in m.group(3), m.group(0)
    hung = int(m.group(1))
    s.wait_pool(n, timeout=1.0, exclude={hung})
    assert_png(s.get("/chart.png?d=1,2,3&w=80&h=60"))
    assert s.status()["hard_kills"] == 1

    # The stalled reader.
    before = set(s.pool_workers())
    stalled = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stalled.settimeout(6)
    stalled.connect(str(s.socket_path))
    t0 = time.monotonic()
    stalled.sendall(b"\x01")  # the first byte of a FastCGI record header, then nothing
    load = Load(s, threads=2, max_requests=2000, duration=4, rate=50).start()
    try:
        try:
            data = stalled.recv(100)  # blocks until the worker is killed and the socket closes
        except ConnectionResetError:
            data = b""
        closed_after = time.monotonic() - t0
        m = s.wait_master_line(r"worker (\d+) busy for (\d+) ms, past the hard timeout", count=2)[-1]
        time.sleep(0.5)  # requests keep flowing after the kill too
    finally:
        load.stop()
        stalled.close()
    assert data == b"", data
    assert 1.9 <= closed_after <= 3.0, f"stalled connection closed after {closed_after:.2f}s"
    victim = int(m.group(1))
    assert victim in before and int(m.group(2)) >= 2000, m.group(0)
    after = s.wait_pool(n, timeout=1.0, exclude={victim})
    assert victim not in after
    assert len(load) >= 50 and load.failures() == [], load.failures()[:5]
    assert s.status()["hard_kills"] == 2


# --------------------------------------------------------------------------------------------
# 6. Crashes: never a truncated 200, never a cached one; backoff on a storm, never give up
# --------------------------------------------------------------------------------------------

CACHE_HTTP = "    fastcgi_cache_path {tmp}/cache levels=1 keys_zone=pgcache:1m inactive=10m;"
CACHE_SERVER = """
        # Test-only: the chart location again, behind nginx's FastCGI cache.
        location ^~ /cached/ {{
            include fastcgi_params;
            fastcgi_param REQUEST_ID $request_id;
            fastcgi_pass plotgate;
            fastcgi_keep_conn off;
            fastcgi_cache pgcache;
            fastcgi_cache_key $request_uri;
            fastcgi_cache_valid 200 10m;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
"""

# A chart whose PNG is ~26 KB, so that half the response is more than nginx's first buffer.
BIG = "d=1,5,2,8,3&w=1000&h=800"


def test_crash_before_and_during_the_write_never_gives_a_complete_200(make_stack):
    """`test.crash=1` (abort before any byte): nginx answers 502; the master logs `CRASHED:
    SIGABRT ...; last request: GET /chart.png?...test.crash=1; restarting in 0 ms`, /status
    counts the crash by signal, and the worker is replaced.

    `test.crash=write` (abort half-way through writing a response that has Content-Length):
    the client gets either an error or a 200 whose connection ends before Content-Length bytes,
    which it can detect (body shorter than announced, not a decodable PNG); never a complete
    200. Behind `fastcgi_cache`, such a response is not stored: asking again is not a HIT (the
    control URL, which does not crash, is a HIT the second time)."""
    n = 2
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", str(n)],
                   nginx_http_extra=CACHE_HTTP, nginx_server_extra=CACHE_SERVER)
    before = set(s.pool_workers())

    r = s.get("/chart.png?d=1,2,3&test.crash=1")
    assert_nginx_error(r, 502)
    (m,) = s.wait_master_line(r"worker (\d+) CRASHED: SIGABRT after \d+ requests; last request: (.*); "
                              r"restarting in (\d+) ms")
    assert int(m.group(1)) in before
    assert m.group(2) == "GET /chart.png?d=1,2,3&test.crash=1", m.group(0)
    assert m.group(3) == "0", m.group(0)
    s.wait_pool(n, timeout=1.0, exclude={int(m.group(1))})
    status = s.status()
    assert status["crashes"] == 1 and status["crashes_by_signal"] == {"SIGABRT": 1}, status

    # Crash half-way through the write, directly and behind the cache.
    for target in (f"/chart.png?{BIG}&test.crash=write", f"/cached/chart.png?{BIG}&test.crash=write",
                   f"/cached/chart.png?{BIG}&test.crash=write"):
        r = s.get(target)
        if r.status == 200:
            length = int(r.header("Content-Length"))
            assert len(r.body) < length, f"a complete 200 from a crashed worker: {r}"
            assert not response_complete(r)
            try:
                decode_png(r.body)
            except Exception:  # noqa: BLE001 - truncated PNG: what the client must be able to see
                pass
            else:
                raise AssertionError("a truncated body decoded as a PNG")
        else:
            assert r.status >= 500, r
        assert r.header("X-Cache-Status") in (None, "MISS"), r
    crashes = s.wait_master_line(r"CRASHED: SIGABRT after \d+ requests; last request: (.*test\.crash=write)", count=3)
    assert len(crashes) == 3, crashes

    # The cache itself works: the same chart without the hook is a MISS, then a HIT.
    first = s.get(f"/cached/chart.png?{BIG}")
    second = s.get(f"/cached/chart.png?{BIG}")
    assert (first.header("X-Cache-Status"), second.header("X-Cache-Status")) == ("MISS", "HIT")
    assert_png(second)
    status = wait_for(lambda: (st := s.status())["crashes"] == 4 and st, 3, "4 crashes in /status")
    assert status["crashes_by_signal"] == {"SIGABRT": 4}, status
    s.wait_pool(n, timeout=2.0)


LADDER = [0] + [100 << k for k in range(7)] + [10_000]  # 0, 100, 200, ... 6400, 10000


def test_crash_storm_backs_off_and_never_gives_up(make_stack):
    """12 crashing requests in a row (`test.crash=1`, 2 workers): every one gets nginx's 502;
    the master logs 12 crashes and the `restarting in N ms` delays grow per slot along the
    backoff ladder 0, 100, 200, 400, 800, ... (with two slots, each delay value appears at most
    twice and never more often than the one before it; the last delays are >= 400 ms); then
    the pool still serves (a normal chart is a 200, waiting for a respawn if it must) and comes
    back to 2 workers: it never gives a slot up.

    Scaled down from 30 crashes: the delay doubles per crash of a slot (capped at 10 s), so 15
    crashes per slot would take over a minute of backoff."""
    n = 2
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", str(n)])
    for i in range(12):
        r = s.get(f"/chart.png?d=1,2,3&test.crash=1&_={i}", timeout=15)
        assert_nginx_error(r, 502)
    found = s.wait_master_line(r"CRASHED: SIGABRT .*; restarting in (\d+) ms", count=12)
    delays = [int(m.group(1)) for m in found]
    assert len(delays) == 12, delays
    assert all(d in LADDER for d in delays), delays
    counts = [delays.count(d) for d in LADDER]
    assert all(c <= n for c in counts), delays
    assert all(a >= b for a, b in zip(counts, counts[1:])), f"delays do not climb the ladder: {delays}"
    assert max(delays) >= 800 and min(delays[-2:]) >= 400, delays
    t0 = time.monotonic()
    r = s.get("/chart.png?d=1,2,3&w=80&h=60", timeout=15)
    assert_png(r)
    s.wait_pool(n, timeout=12)
    status = s.status()
    assert status["crashes"] == 12 and status["crashes_by_signal"] == {"SIGABRT": 12}, status
    print(f"delays {delays}; first good answer after {time.monotonic() - t0:.2f}s")


def test_silent_peer_leaves_the_worker_idle(make_stack):
    """A peer that connects to the pool's unix socket and never sends a byte: libfcgi itself
    closes such a connection after 2 s. From then on the worker is idle, so a SIGTERM to the
    master must stop the pool at once (idle workers leave at once, exit status 0), within 1 s,
    not after --graceful-timeout (2 s here) with a SIGKILL."""
    s = make_stack(command="serve", serve_args=["--workers", "1", "--graceful-timeout", "2"])
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.settimeout(5)
    silent.connect(str(s.socket_path))
    t0 = time.monotonic()
    try:
        data = silent.recv(100)
    except ConnectionResetError:
        data = b""
    dropped_after = time.monotonic() - t0
    silent.close()
    assert data == b"" and 1.5 <= dropped_after <= 3.0, (data, dropped_after)
    time.sleep(0.1)
    os.kill(s.master.pid, signal.SIGTERM)
    t1 = time.monotonic()
    rc = s.master.wait(timeout=5)
    took = time.monotonic() - t1
    assert rc == 0
    assert took < 1.0 and not s.wait_master_line("graceful_timeout|SIGKILL", timeout=0), \
        f"the pool took {took:.2f}s to stop\n{s.worker_log_text()}"
