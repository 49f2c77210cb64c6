"""A leak soak (issue 7): every request leaks 1 MiB (`test.leak=1024`, PLOTGATE_TEST_HOOKS=1)
in a pool run with `--rss-soft 40 --rss-hard 60 --min-lifetime 0.5` behind
nginx/production.conf, under paced load, for 20 s (short) or 3 minutes (long).

The recycler must bound RSS (a worker leaves after the request that took it past 40 MiB; the
master's hard limit at 60 MiB is only the backstop and should never fire) and nothing may be
lost. The numbers follow tests/integration/test_pool_recycling.py (the control there shows the
hook really grows RSS without recycling).

Summary keys (besides the common ones): rss_soft_mib, rss_hard_mib, leak_kib_per_request,
worker_rss_peak_kib, worker_rss_bound_kib, master_rss_kib {start, end}, rss_samples
[[seconds, max worker KiB, master KiB], ...] (one per second), recycles {rss_soft, rss_hard,
max_renders}, crash_lines.
"""

from __future__ import annotations

import threading
import time

from tests.reliability.conftest import (
    AccountingLoad,
    Ledger,
    assert_checks,
    scaled,
    write_summary,
)

SOFT, HARD = 40, 60  # MiB
LEAK = 1024  # KiB per request
SOAK = scaled(20.0, 180.0)
BOUND_KIB = (SOFT + 1 + 4) * 1024  # the ceiling, one request's leak, slack for the sampling


class Sampler:
    """Samples the VmRSS of the master and of every worker every `interval` s from /proc."""

    def __init__(self, pool, interval: float = 0.02):
        self.pool = pool
        self.interval = interval
        self.peak = 0
        self.per_second: list[list] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        t0 = time.monotonic()
        second, worst, master = 0, 0, 0
        while not self._stop.is_set():
            rss = self.pool.rss()
            master = rss.pop(0, master)
            top = max(rss.values(), default=0)
            self.peak = max(self.peak, top)
            worst = max(worst, top)
            now = int(time.monotonic() - t0)
            if now > second:
                self.per_second.append([second, worst, master])
                second, worst = now, 0
            time.sleep(self.interval)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def test_leak_soak_rss_bounded_nothing_lost(rig):
    """4 client threads x 10 leaking requests/s for the soak: every request a complete 200 PNG
    (sent == received), no worker's RSS (sampled every 20 ms) above 45 MiB (ceiling + one
    request's leak + slack), workers recycled for RSS by the soft limit (at least one per 8
    seconds of soak) and never by the master's hard kill, the master's own RSS flat (within
    2 MiB), no crash lines, the pool whole at the end."""
    pool = rig.pool("pool", ["--workers", "2", "--rss-soft", str(SOFT), "--rss-hard", str(HARD),
                             "--min-lifetime", "0.5"], env={"PLOTGATE_TEST_HOOKS": "1"})
    front = rig.front("production", [pool])
    master_start = pool.rss()[0]
    ledger = Ledger()
    load = AccountingLoad(front.port, ledger, threads=4, rate=10, duration=SOAK, max_requests=1_000_000,
                          timeout=30,
                          target=lambda i: f"/chart.png?d=1,3,2,{i % 7}&w=120&h=80&test.leak={LEAK}&_n=leak{i}")
    t0 = time.monotonic()
    with Sampler(pool) as sampler:
        load.start()
        load.wait()
    duration = time.monotonic() - t0
    time.sleep(0.5)
    master_end = pool.rss()[0]
    st = pool.status()
    s = ledger.summary()
    crash = pool.crash_lines()
    recycles = st["recycles"]
    checks = {
        "every_request_answered": s["responses_received"] == s["requests_sent"] and s["no_response"] == 0,
        "nothing_failed": s["failures"] == 0,
        "rss_bounded": sampler.peak <= BOUND_KIB,
        "recycled_by_rss_soft": recycles["rss_soft"] >= SOAK / 8,
        "no_rss_hard_kills": recycles["rss_hard"] == 0,
        "master_rss_flat": master_end <= master_start + 2048,
        "no_crash_lines": crash == [],
        "pool_whole_after": st["workers"] == 2 and len(st["processes"]) == 2 and st["crashes"] == 0,
        "enough_load": s["requests_sent"] >= 30 * SOAK,
    }
    write_summary("leak_soak", {
        "duration_s": round(duration, 1), "rss_soft_mib": SOFT, "rss_hard_mib": HARD, "leak_kib_per_request": LEAK,
        "worker_rss_peak_kib": sampler.peak, "worker_rss_bound_kib": BOUND_KIB,
        "leaked_total_mib": round(s["requests_sent"] * LEAK / 1024),
        "master_rss_kib": {"start": master_start, "end": master_end},
        "recycles": recycles, "crash_lines": len(crash), "rss_samples": sampler.per_second, **s,
    }, checks)
    print(f"\nleak soak {duration:.0f}s: {s['requests_sent']} requests ({s['requests_sent'] * LEAK // 1024} MiB "
          f"leaked), {s['failures']} failures, peak worker RSS {sampler.peak} KiB (bound {BOUND_KIB}), "
          f"recycles {recycles}, master {master_start}->{master_end} KiB")
    assert_checks(checks, "\n".join(ledger.examples()) + "\n" + "\n".join(crash[:5]))
