"""Overload at twice capacity (issue 7): latency grows, errors do not.

One pool of 2 workers behind nginx/production.conf (Debian's process model: worker_processes
auto, worker_connections 768). Charts of ~30 ms each (800x500 at dpr=2), so the pool, not the
Python client, is the bottleneck.

1. "baseline": half of a rough capacity, open loop, for latency at light load.
2. "capacity": 8 client threads, closed loop: the pool saturated; capacity = answers / second.
3. "overload": twice that capacity, open loop (requests sent on schedule whatever happens,
   latency counted from the schedule), for 5 s (short) or 20 s (long) but no longer than the
   queue can hold the excess, then until every request is answered. The excess waits in the
   listen backlog of plotgate's socket (4096, ListenSocket.swift; Backlog=4096 in
   deploy/plotgate.socket), each holding two nginx connections (worker_connections 10240, as
   production.conf asks). At twice capacity the queue grows by about `capacity` requests a
   second, so the burst lasts at most 70% of 4096 / capacity seconds (12 s at 330/s: the
   renderer got fast enough that 20 s overflowed the backlog, and 4096 nginx connections
   before it). Every request must be answered with a complete PNG: no 5xx, nothing lost, no
   429.
3b. "flood" (long run only): three times capacity for 4096 / capacity seconds, an excess of
   about twice the backlog. Past the backlog the connect fails at once and nginx answers
   502 (nginx, with connections for twice the backlog, is not the limit): every request is
   answered, a complete PNG or a quick 502, none dropped; that is what production.conf and
   the nginx.conf settings it asks for promise past the queue's bound.
4. "one_client": a single client that is not 127.0.0.1 (127.0.0.2: loopback, but outside
   production.conf's `geo` exemption) at twice capacity for 3 s: limit_req (20 r/s, burst
   100, nodelay) answers what is over its share with 429 at once, the rest are complete
   200s; nothing else.

Why no 429 in 3: production.conf exempts 127.0.0.1 from limit_req (monitoring, cache
warmers), and the overload here stands for many clients, each within its own 20 r/s, whose
sum is twice what the pool renders. A single client asking that much is what limit_req is
for (4). Where the limit is: nothing can queue forever. A request that waits in plotgate's
backlog longer than fastcgi_read_timeout (30 s) gets nginx's 504, so an overload at 2x is
absorbed for about that long (the last request of a T-second burst waits about T seconds).

Summary keys (besides the common ones): capacity_rps, offered_rps, overload_s,
overload_sent_rps (what the client really sent), drain_s (from the last request sent to the
last answer), served_rps_overload (overload requests / time to answer them all),
effective_overload (offered / served: ~2 when the capacity measured first held), one_client {sent, status_counts, allowed_200_max}, nginx_errors (error-log
lines at [error] or worse, by message), crash_lines, latency by phase in `phases`.
"""

from __future__ import annotations

import re
import time

from tests.reliability.conftest import (
    LONG,
    AccountingLoad,
    Ledger,
    assert_checks,
    open_loop,
    scaled,
    write_summary,
)

OVERLOAD = scaled(5.0, 20.0)
BACKLOG = 4096  # plotgate's listen backlog (ListenSocket.swift), the queue's bound
CAPACITY_FOR = scaled(4.0, 10.0)
HEAVY = [
    "type=line&d=3,5,4,8,6,7,{a}|1,2,4,3,5,6,{b}&names=A|B&title=Load&w=800&h=500&dpr=2",
    "type=bar&d={a},5,4,8,6,7,2|1,{b},4,3,5,6,1&names=A|B&title=Load&w=800&h=500&dpr=2",
    "type=area&d=3,{a},4,8,6|1,2,{b},3,5&stack=1&title=Load&w=800&h=500&dpr=2",
]


def heavy(tag: str):
    """A few distinct heavy charts (identical bytes repeat, so each PNG is decoded once),
    every URL new for nginx's cache."""
    def target(i: int) -> str:
        q = HEAVY[i % len(HEAVY)].format(a=i % 3 + 1, b=i % 2 + 1)
        return f"/chart.png?{q}&_n={tag}{time.monotonic_ns()}-{i}"
    return target


def nginx_errors(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in text.splitlines():
        m = re.search(r"\[(error|crit|alert|emerg)\] \d+#\d+: (?:\*\d+ )?([^,]*)", line)
        if m:
            key = re.sub(r"\d+", "N", m.group(2))[:100]
            out[key] = out.get(key, 0) + 1
    return out


def test_overload_at_twice_capacity(rig):
    pool = rig.pool("pool", ["--workers", "2"])
    front = rig.front("production", [pool])
    ledger = Ledger()
    t0 = time.monotonic()

    # 2. capacity (measured first; the baseline is a fraction of it)
    cap = AccountingLoad(front.port, ledger, threads=8, duration=CAPACITY_FOR, timeout=30, target=heavy("c"))
    cap.phase = "capacity"
    tc = time.monotonic()
    cap.start()
    cap.wait()
    capacity = sum(1 for o in cap.outcomes if ledger.ok(o)) / (time.monotonic() - tc)

    # 1. baseline: light load
    open_loop(front.port, capacity / 2, scaled(3.0, 10.0), ledger, target=heavy("b"), phase="baseline")

    # 3. overload
    offered = 2 * capacity
    overload_s = min(OVERLOAD, 0.7 * BACKLOG / capacity)
    took = open_loop(front.port, offered, overload_s, ledger, target=heavy("o"), phase="overload", timeout=60)
    over = [r for r in ledger.records if r.phase == "overload"]
    sent_span = max(r.started for r in over) - min(r.started for r in over)
    drain = took - sent_span

    # 3b. past the queue's bound (long run only)
    flood = Ledger(allowed=(502,))
    # At 3x the queue grows by 2x capacity a second: twice the backlog in this time (still more
    # than the backlog if the client only manages a bit over 2x).
    flood_s = BACKLOG / capacity
    if LONG:
        open_loop(front.port, 3 * capacity, flood_s, flood, target=heavy("f"), phase="flood", timeout=60)
    flood_s_sum = flood.summary()
    quick_502 = [r.elapsed for r in flood.records if r.status == 502]

    # 4. one client that is not exempt from limit_req
    one = Ledger(allowed=(429,))
    time.sleep(1.0)  # limit_req's bucket is per address: a fresh one for 127.0.0.2
    one_for = 3.0
    open_loop(front.port, offered, one_for, one, target=heavy("x"), phase="one_client", source="127.0.0.2")
    one_s = one.summary()
    allowed_200 = 100 + 20 * (one_for + 1) + 5  # burst + rate over the window, a little slack

    duration = time.monotonic() - t0
    time.sleep(0.3)
    st = pool.status()
    crash = pool.crash_lines()
    s = ledger.summary()
    ph = s["phases"]
    counts_all = {**s["status_counts"]}
    checks = {
        "capacity_measured": capacity > 5 and ph["capacity"]["failures"] == 0,
        "offered_twice_capacity": len(over) / overload_s >= 1.8 * capacity,
        "every_request_answered": s["responses_received"] == s["requests_sent"] and s["no_response"] == 0,
        "no_errors_under_overload": s["failures"] == 0 and set(counts_all) == {"200"},
        "latency_grew": (ph["overload"]["latency_ms"]["p99"] or 0) > 2 * (ph["baseline"]["latency_ms"]["p99"] or 1e9),
        "one_client_only_200_or_429": set(one_s["status_counts"]) <= {"200", "429"} and one_s["failures"] == 0,
        "one_client_limited": one_s["status_counts"].get("429", 0) > 0
                              and one_s["status_counts"].get("200", 0) <= allowed_200,
        "flood_every_request_answered": not LONG or (flood_s_sum["no_response"] == 0 and flood_s_sum["failures"] == 0
                                                     and set(flood_s_sum["status_counts"]) <= {"200", "502"}),
        "flood_reached_the_bound": not LONG or len(quick_502) > 0,
        "flood_502_at_once": not LONG or (sorted(quick_502)[int(0.99 * (len(quick_502) - 1))] < 2.0 if quick_502 else False),
        "no_crash_lines": crash == [],
        "pool_whole_after": st["workers"] == 2 and st["crashes"] == 0 and st["hard_kills"] == 0,
    }
    write_summary("overload", {
        "duration_s": round(duration, 1), "capacity_rps": round(capacity, 1), "offered_rps": round(offered, 1),
        "overload_s": round(overload_s, 1), "overload_sent_rps": round(len(over) / max(sent_span, 1e-9), 1),
        "drain_s": round(drain, 1),
        # What the pool really served while overloaded, and offered / that: about 2 when the
        # capacity measured first held; less when the shared machine was busier then (noted
        # in the report, not asserted: the cores are shared with other work).
        "served_rps_overload": round(len(over) / took, 1),
        "effective_overload": round(offered / (len(over) / took), 2),
        "flood": None if not LONG else {
            "rps": round(3 * capacity, 1), "seconds": round(flood_s, 1), "sent": flood_s_sum["requests_sent"],
            "status_counts": flood_s_sum["status_counts"], "no_response": flood_s_sum["no_response"],
            "failures": flood_s_sum["failures"],
            "p99_502_s": round(sorted(quick_502)[int(0.99 * (len(quick_502) - 1))], 3) if quick_502 else None},
        "one_client": {"source": "127.0.0.2", "seconds": one_for, "sent": one_s["requests_sent"],
                       "status_counts": one_s["status_counts"], "failures": one_s["failures"],
                       "allowed_200_max": allowed_200, "latency_ms": one_s["latency_ms"]},
        "nginx_errors": nginx_errors(front.error_text()), "crash_lines": len(crash), **s,
    }, checks)
    print(f"\noverload: capacity {capacity:.0f}/s, offered {offered:.0f}/s for {overload_s:.0f}s "
          f"({len(over)} requests, drained {drain:.1f}s after the last); statuses {s['status_counts']}; "
          f"p50/p99 ms baseline {ph['baseline']['latency_ms']['p50']}/{ph['baseline']['latency_ms']['p99']}, "
          f"capacity {ph['capacity']['latency_ms']['p50']}/{ph['capacity']['latency_ms']['p99']}, "
          f"overload {ph['overload']['latency_ms']['p50']}/{ph['overload']['latency_ms']['p99']}; "
          f"one client {one_s['status_counts']}")
    assert_checks(checks, "\n".join(ledger.examples()) + f"\nnginx: {nginx_errors(front.error_text())}")
