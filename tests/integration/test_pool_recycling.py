"""`plotgate serve`: recycling workers by request count (with jitter) and by resident memory.

Real processes: nginx in front of `spawn-fcgi -n -- plotgate serve` (the pool's master on the
Popen pid, its workers named plotgate-wrk). Every load is bounded in requests and seconds.
"""

from __future__ import annotations

import re
import threading
import time

import pytest

from .conftest import Load, rss_kb

HOOKS = {"PLOTGATE_TEST_HOOKS": "1"}
RECYCLE_RE = re.compile(r"worker (\d+) exited: max_renders\((\d+)\) after (\d+) requests")
LEAVING_RE = re.compile(r"worker (\d+) leaving: max_renders\((\d+)\)")


def test_count_recycling_with_jitter(make_stack):
    """`--workers 2 --max-renders 50 --max-renders-jitter 20` under 3,000 small requests from 6
    client threads: every answer is a complete 200; every recycle the master logs (with a UTC
    millisecond timestamp) is `max_renders(n) after n requests` with n >= 50 (the worker's own
    limit, 50..70, or a little more when it had to wait its turn), matching the worker's own
    `leaving: max_renders(n)` line; the counts really are jittered (several distinct values);
    the number of recycles in /status equals the log's and is consistent with the requests
    served (served >= 50*R); and never two recycles within 100 ms: a worker past its limit
    leaves only when no other worker left in the last 100 ms (pg_claim_recycle), so the pool
    never loses two workers at once even when, as here, limits come due every ~35 ms.
    """
    s = make_stack(command="serve", serve_args=["--workers", "2", "--max-renders", "50",
                                                 "--max-renders-jitter", "20"])
    load = Load(s, threads=6, max_requests=3000, duration=30).start()
    outcomes = load.wait()
    assert len(outcomes) == 3000
    assert load.failures() == [], load.failures()[:5]

    status = s.status()
    time.sleep(0.3)  # the status request itself may end a worker's life: let that be logged
    served = status["accepted"] - 1  # the status request was accepted, not finished
    recycles = status["recycles"]["max_renders"]
    assert 50 * recycles <= served, (served, recycles)
    assert status["crashes"] == 0 and status["hard_kills"] == 0, status

    master = [(t, RECYCLE_RE.search(text)) for t, text in s.master_lines()]
    master = [(t, m) for t, m in master if m]
    assert len(master) in (recycles, recycles + 1), (len(master), recycles)
    counts = []
    for _, m in master:
        n, after = int(m.group(2)), int(m.group(3))
        assert n == after and n >= 50, m.group(0)
        counts.append(n)
    leaving = {int(m.group(1)): int(m.group(2))
               for m in (LEAVING_RE.search(text) for _, _, text in s.stamped_lines("plotgate")) if m}
    for _, m in master:
        assert leaving.get(int(m.group(1))) == int(m.group(2)), (m.group(0), leaving.get(int(m.group(1))))
    assert len(set(counts)) >= 5 and max(counts) - min(counts) >= 10, f"no jitter: {sorted(counts)}"

    times = [t for t, _ in master]
    assert times == sorted(times)
    gaps = [b - a for a, b in zip(times, times[1:])]
    together = sum(g < 0.010 for g in gaps)
    # 95 ms: the log stamps are taken when the master reaps, a few ms after the worker's claim.
    assert min(gaps) >= 0.095, f"two recycles within 100 ms: gaps {[round(g * 1000) for g in gaps]}"
    print(f"{len(outcomes)} requests, {recycles} recycles, counts {min(counts)}..{max(counts)} "
          f"({len(set(counts))} distinct); gaps between recycles: min {min(gaps) * 1000:.0f} ms, "
          f"median {sorted(gaps)[len(gaps) // 2] * 1000:.0f} ms, {together} under 10 ms, "
          f"{sum(g < 0.1 for g in gaps)} of {len(gaps)} under 100 ms")


class RSSSampler:
    """Samples every pool worker's VmRSS every few ms from /proc; keeps the peak per pid."""

    def __init__(self, stack, interval: float = 0.004):
        self.stack = stack
        self.interval = interval
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self.stack.pool_workers():
                kb = rss_kb(pid)
                if kb is not None and kb > self.peak.get(pid, 0):
                    self.peak[pid] = kb
            time.sleep(self.interval)

    def __enter__(self) -> "RSSSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def test_leak_soak_rss_soft_keeps_workers_under_the_ceiling(make_stack):
    """`--rss-soft 40 --min-lifetime 0.5` with every request leaking 1 MiB (`test.leak=1024`):
    the steady RSS of a worker is well below the 40 MiB ceiling; under paced load (4 threads x
    10 req/s for 5 s, so a worker needs more than min-lifetime to grow past the ceiling) no
    request is lost (all complete 200s), no worker's RSS, sampled every few ms from /proc, ever
    exceeds the ceiling plus one request's growth plus slack (40 + 1 + 4 MiB), and the workers
    are recycled for it: /status counts rss_soft recycles and each worker says
    `leaving: rss(XMB>40MB)` with X just above 40."""
    s = make_stack(command="serve", env=HOOKS,
                   serve_args=["--workers", "2", "--rss-soft", "40", "--min-lifetime", "0.5"])
    for i in range(6):
        assert s.get(f"/chart.png?d=1,3,2&w=60&h=40&_=warm{i}").status == 200
    steady = [rss_kb(p) for p in s.pool_workers()]
    assert all(kb is not None and kb < 25 * 1024 for kb in steady), f"steady RSS {steady} KiB"

    with RSSSampler(s) as sampler:
        load = Load(s, threads=4, rate=10, duration=5, max_requests=400,
                    target=lambda i: f"/chart.png?d=1,3,2&w=60&h=40&test.leak=1024&_={i}").start()
        load.wait()
    assert len(load) >= 100
    assert load.failures() == [], load.failures()[:5]
    peak = max(sampler.peak.values())
    assert peak <= (40 + 1 + 4) * 1024, f"peak RSS {peak} KiB; per worker {sampler.peak}"

    status = s.status()
    assert status["recycles"]["rss_soft"] >= 3, status
    reasons = [m for m in (re.search(r"leaving: rss\((\d+)(?:\.\d)?MB>40MB\)", text)
                           for _, _, text in s.stamped_lines("plotgate")) if m]
    assert len(reasons) >= 3 and all(40 <= int(m.group(1)) <= 45 for m in reasons), reasons
    print(f"steady RSS {steady} KiB; {len(load)} requests; peak {peak} KiB; "
          f"{status['recycles']['rss_soft']} rss_soft recycles")


def test_leak_hook_grows_rss_past_the_ceiling_without_recycling(make_stack):
    """The control for the soak test: the same leaking requests (80 x 1 MiB) to a single worker
    with RSS recycling off make its RSS grow well past 40 MiB (by at least 60 MiB), proving the
    hook leaks and that the soak test's bound comes from recycling."""
    s = make_stack(command="serve", env=HOOKS, serve_args=["--workers", "1"])
    (pid,) = s.pool_workers()
    before = rss_kb(pid)
    for i in range(80):
        r = s.get(f"/chart.png?d=1,3,2&w=60&h=40&test.leak=1024&_={i}")
        assert r.status == 200, r
    after = rss_kb(pid)
    assert s.pool_workers() == [pid]
    assert after >= before + 60 * 1024 and after > 40 * 1024, f"RSS {before} -> {after} KiB after 80 MiB leaked"


def test_rss_hard_ceiling_is_enforced_by_the_master(make_stack):
    """--rss-hard 40 (no soft ceiling): a worker that leaks past 40 MiB is killed by the master,
    which samples RSS at least once a second; the kill is logged as `rss(XMB>40MB)`, counted in
    /status recycles.rss_hard, and the slot is refilled at once (the pool keeps serving)."""
    s = make_stack(command="serve", env=HOOKS,
                   serve_args=["--workers", "1", "--rss-hard", "40", "--min-lifetime", "0.2"])
    (first,) = s.pool_workers()
    for i in range(45):
        r = s.get(f"/chart.png?d=1,3,2&w=60&h=40&test.leak=1024&_={i}")
        assert r.status == 200, r
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and first in s.pool_workers():
        time.sleep(0.05)
    assert first not in s.pool_workers(), "the master did not kill the worker over the hard ceiling"
    assert s.wait_master_line(r"exited: rss\(\d+MB>40MB\)")
    r = s.get("/chart.png?d=1,2,3")
    assert r.status == 200
    assert s.status()["recycles"]["rss_hard"] >= 1
