"""Slowloris against nginx (issue 7): hundreds of clients that open a connection, send a
request line and then one header line every few seconds, never finishing the header.

nginx/production.conf as shipped, under Debian's process model (worker_processes auto,
worker_connections 768). production.conf sets no client_header_timeout, so nginx's default
holds: 60 s for the whole header (the timer is armed when the header starts and is not reset by
each trickled line), after which nginx closes the connection; the slow clients then reconnect.
nginx passes a request to FastCGI only once its header is complete, so the slow clients should
cost nginx a connection each and plotgate nothing: the workers stay idle, and ordinary requests
keep their latency.

Phases: "baseline" (ordinary load alone), then the slow clients connect, "quiet" (slow
clients only: /status must show no busy worker apart from the one answering /status), then
"during" (ordinary load again, with the slow clients still there; /status sampled every
second: no request on a worker older than 1 s).

Short: 300 slow clients, a header line every 2 s, 12 s of "during"; long: 600 clients, a line
every 10 s, 90 s of "during" (past nginx's 60 s header timeout, so nginx drops and the clients
reconnect).

Summary keys (besides the common ones): slow_clients, trickle_s, slow_connections_opened,
slow_open_max (most open at once), slow_closed_by_server, slow_lifetime_s {min, max} (of those
closed by nginx), slow_errors, slow_answers (responses to slow clients: should be none),
slow_reached_plotgate (requests plotgate accepted beyond the ordinary ones and /status: 0),
busy_samples [[t, busy workers other than /status's, oldest request ms], ...],
quiet_busy_max, during_oldest_request_ms, latency_bound_ms {p50, p99}.
"""

from __future__ import annotations

import asyncio
import threading
import time

from tests.reliability.conftest import (
    AccountingLoad,
    Ledger,
    assert_checks,
    scaled,
    write_summary,
)

SLOW = scaled(300, 600)
TRICKLE = scaled(2.0, 10.0)
BASELINE = scaled(4.0, 15.0)
DURING = scaled(12.0, 90.0)
THREADS = 2


class Slowloris:
    def __init__(self, port: int, n: int, trickle: float):
        self.port, self.n, self.trickle = port, n, trickle
        self.opened = self.open_now = self.open_max = self.closed_by_server = self.errors = self.answers = 0
        self.lifetimes: list[float] = []
        self._loop = None
        self._stop = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    async def _client(self, k: int) -> None:
        await asyncio.sleep(k * 0.003)  # stagger the connects (nginx's listen backlog is 511)
        while not self._stop.is_set():
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", self.port), 10)
            except (OSError, asyncio.TimeoutError):
                self.errors += 1
                await asyncio.sleep(0.5)
                continue
            self.opened += 1
            self.open_now += 1
            self.open_max = max(self.open_max, self.open_now)
            t_open = time.monotonic()
            try:
                writer.write(f"GET /chart.png?d=1,2,3&_slow={k} HTTP/1.1\r\nHost: localhost\r\n".encode())
                await writer.drain()
                line = 0
                while not self._stop.is_set():
                    try:
                        data = await asyncio.wait_for(reader.read(4096), self.trickle)
                    except asyncio.TimeoutError:
                        line += 1
                        writer.write(f"X-Slow-{line}: {k}\r\n".encode())
                        await writer.drain()
                        continue
                    if data:
                        self.answers += 1  # nginx answered a header that never ended: note it
                    self.closed_by_server += 1
                    self.lifetimes.append(time.monotonic() - t_open)
                    break
            except (OSError, asyncio.TimeoutError):
                self.closed_by_server += 1
                self.lifetimes.append(time.monotonic() - t_open)
            finally:
                self.open_now -= 1
                writer.close()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        await asyncio.gather(*(self._client(k) for k in range(self.n)))

    def start(self) -> "Slowloris":
        self._thread.start()
        deadline = time.monotonic() + 10
        while self._loop is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=self.trickle + 15)
        assert not self._thread.is_alive(), "slowloris thread did not stop"


def busy_sample(pool) -> tuple[int, int]:
    """(workers busy with something other than the /status request, oldest such request ms)."""
    st = pool.status(timeout=5)
    busy = [p for p in st["processes"] if p["state"] == "busy" and "/status" not in (p.get("last_request") or "")]
    return len(busy), max((p["current_request_ms"] for p in busy), default=0)


def test_slowloris_leaves_workers_free_and_latency_unchanged(rig):
    pool = rig.pool("pool", ["--workers", "2"])
    front = rig.front("production", [pool])
    ledger = Ledger()
    t0 = time.monotonic()

    base = AccountingLoad(front.port, ledger, threads=THREADS, duration=BASELINE, rate=40, timeout=30)
    base.phase = "baseline"
    base.start()
    base.wait()

    accepted_before = pool.status()["accepted"]  # includes this /status request itself
    slow = Slowloris(front.port, SLOW, TRICKLE).start()
    samples, quiet = [], []
    try:
        deadline = time.monotonic() + 15
        while slow.open_now < 0.95 * SLOW and time.monotonic() < deadline:
            time.sleep(0.1)
        established = slow.open_now
        for _ in range(5):
            b, oldest = busy_sample(pool)
            quiet.append(b)
            samples.append([round(time.monotonic() - t0, 1), b, oldest])
            time.sleep(0.2)
        during = AccountingLoad(front.port, ledger, threads=THREADS, duration=DURING, rate=40, timeout=30)
        during.phase = "during"
        during.start()
        end = time.monotonic() + DURING
        while time.monotonic() < end:
            time.sleep(1.0)
            b, oldest = busy_sample(pool)
            samples.append([round(time.monotonic() - t0, 1), b, oldest])
        during.wait()
        open_at_end = slow.open_now
    finally:
        slow.stop()
    duration = time.monotonic() - t0

    # What plotgate accepted since: the /status samples, the final /status and the ordinary
    # "during" requests; any more would be slow clients' requests reaching a worker.
    reached = pool.status()["accepted"] - accepted_before - len(samples) - 1 - len(during)
    s = ledger.summary()
    bl, du = s["phases"]["baseline"]["latency_ms"], s["phases"]["during"]["latency_ms"]
    bound = {"p50": max(3 * bl["p50"], bl["p50"] + 20), "p99": max(3 * bl["p99"], bl["p99"] + 50)}
    oldest_during = max((x[2] for x in samples[len(quiet):]), default=0)
    crash = pool.crash_lines()
    lifetimes = sorted(slow.lifetimes)
    checks = {
        "slow_clients_connected": established >= 0.95 * SLOW and open_at_end >= 0.9 * SLOW,
        "every_request_answered": s["responses_received"] == s["requests_sent"] and s["no_response"] == 0,
        "nothing_failed": s["failures"] == 0,
        "workers_idle_under_slowloris": max(quiet) == 0,
        "no_worker_stuck": oldest_during < 1000,
        "p50_kept": du["p50"] <= bound["p50"],
        "p99_kept": du["p99"] <= bound["p99"],
        "slow_requests_never_reached_plotgate": reached == 0,
        "slow_clients_never_answered": slow.answers == 0,
        "no_crash_lines": crash == [],
    }
    write_summary("slowloris", {
        "duration_s": round(duration, 1), "slow_clients": SLOW, "trickle_s": TRICKLE,
        "slow_connections_opened": slow.opened, "slow_open_max": slow.open_max,
        "slow_open_at_start": established, "slow_open_at_end": open_at_end,
        "slow_closed_by_server": slow.closed_by_server,
        "slow_lifetime_s": {"min": round(lifetimes[0], 1), "max": round(lifetimes[-1], 1)} if lifetimes else None,
        "slow_errors": slow.errors, "slow_answers": slow.answers, "slow_reached_plotgate": reached,
        "busy_samples": samples, "quiet_busy_max": max(quiet), "during_oldest_request_ms": oldest_during,
        "latency_bound_ms": bound, "crash_lines": len(crash), **s,
    }, checks)
    print(f"\nslowloris: {SLOW} slow clients ({slow.opened} connections, {slow.closed_by_server} closed by nginx, "
          f"{slow.answers} answered), {s['requests_sent']} ordinary requests, {s['failures']} failures; "
          f"latency baseline {bl} during {du}; busy samples {[x[1] for x in samples]}")
    assert_checks(checks, "\n".join(ledger.examples()))
