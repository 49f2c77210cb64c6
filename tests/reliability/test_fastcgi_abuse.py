"""FastCGI protocol abuse against a `plotgate serve` pool, with a raw client on its socket
(issue 7): what a peer that can reach the socket can do, and that the pool comes through it.

The pool (2 workers, `--render-timeout 2 --hard-timeout 3` so stalls end quickly) sits behind
the test nginx as usual; the raw client talks to the same unix socket nginx uses. Each case
sends its bytes, reads what comes back (bounded), and then:
  - a chart through nginx is a complete 200 PNG (3 requests: service continues);
  - the pool is back to 2 live workers within a few seconds;
  - what happened to the worker is recorded from the master's log: survived, exited (and why:
    hard_timeout for stalls) or CRASHED (signal).
Per case, the test also asserts what the protocol says the reply must be where there is one
(GET_VALUES -> GET_VALUES_RESULT, an unknown management type -> UNKNOWN_TYPE, an unknown role ->
END_REQUEST UNKNOWN_ROLE, a valid request after odd records -> a 200) and which worker outcome
is acceptable (`allowed`). Then seeded random mutations of a valid request (40; 400 with
RELIABILITY_SCALE=long) are sent one after another, with the same service check after each
batch of 10.

Summary: out/reliability/test_fastcgi_abuse.json, keys:
  test, date, commit, seed, scale, duration_s, workers, hard_timeout_s,
  cases [{name, what, bytes_sent, reply {records, http_status, closed, reset, leftover_bytes,
          elapsed_s, stdout_bytes}, worker_outcome (survived | exited:<reason> | crashed:<signal>),
          master_lines (new master log lines), service_ok, service_statuses, pool_restored_s,
          pids_before, pids_after, duration_s, problems}],
  fuzz {count, outcomes {worker outcome: n}, replies {first record type or "none": n},
        crashes [{i, signal}]},
  crashes (total worker crashes seen), failures (problems of all cases; empty on success).
"""

from __future__ import annotations

import random
import re
import socket
import struct
import time
from collections import Counter

from ..integration.conftest import binary, make_stack  # noqa: F401 - pytest fixtures
from .abuse_support import (
    FCGI,
    RawFcgi,
    begin,
    chart_params,
    decode_png,
    name_values,
    params_records,
    record,
    scale_from_env,
    seed_from_env,
    write_summary,
)

WORKERS = 2
HARD = 3.0
SERVE_ARGS = ["--workers", str(WORKERS), "--render-timeout", "2", "--hard-timeout", str(int(HARD))]
STALL = HARD + 3.0  # how long a stalling client holds on at most


def valid_request(rid: int = 1, query: str = "d=1,3,2&w=40&h=30", flags: int = 0) -> bytes:
    return begin(rid, flags=flags) + params_records(chart_params(query), rid) + record(FCGI["STDIN"], b"", rid)


def post_request(body: bytes, declared: int, end_stdin: bool = True, rid: int = 1) -> bytes:
    out = begin(rid) + params_records(chart_params("w=40&h=30", "POST", declared), rid)
    for i in range(0, len(body), 65535):
        out += record(FCGI["STDIN"], body[i:i + 65535], rid)
    return out + (record(FCGI["STDIN"], b"", rid) if end_stdin else b"")


# --------------------------------------------------------------------------------------------
# The cases: each takes the socket path, does its thing, returns (bytes sent, FcgiReply|None)
# --------------------------------------------------------------------------------------------

def send_close(data: bytes, read: float = 2.0, shut: bool = True):
    def run(path):
        c = RawFcgi(path, timeout=5)
        try:
            c.send(data)
            if shut:
                try:
                    c.sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            return len(data), c.read(read)
        finally:
            c.close()
    return run


def send_hold(data: bytes, hold: float = STALL):
    """Sends `data` and then waits (without closing) until the worker gives up or `hold` ends."""
    def run(path):
        c = RawFcgi(path, timeout=5)
        try:
            c.send(data)
            return len(data), c.read(hold, until_end=False)
        finally:
            c.close()
    return run


def send_then_abandon(data: bytes):
    """Sends `data` and closes at once without reading (a peer that goes away)."""
    def run(path):
        c = RawFcgi(path, timeout=5)
        c.send(data)
        c.close()
        return len(data), None
    return run


def many_connections(n: int, payload: bytes, hold: float):
    def run(path):
        conns = []
        try:
            for _ in range(n):
                c = RawFcgi(path, timeout=5)
                if payload:
                    c.send(payload)
                conns.append(c)
            time.sleep(hold)
        finally:
            for c in conns:
                c.close()
        return n * len(payload), None
    return run


GOOD = valid_request()
BEGIN = begin()
PARAMS = params_records(chart_params())
GET_VALUES = record(FCGI["GET_VALUES"], name_values([(b"FCGI_MAX_CONNS", b""), (b"FCGI_MAX_REQS", b""),
                                                     (b"FCGI_MPXS_CONNS", b"")]), rid=0)

# (name, what, run, allowed worker outcomes, expectation on the reply or None)
# outcome patterns: "survived", "exited:hard_timeout", "crashed:*", "any".
CASES = [
    ("truncated_header", "4 bytes of a record header, then close", send_close(GOOD[:4]), {"survived"}, None),
    ("truncated_begin_body", "BEGIN_REQUEST header + 3 of its 8 content bytes, then close",
     send_close(GOOD[:11]), {"survived"}, None),
    ("truncated_params", "BEGIN + a PARAMS record cut in the middle, then close",
     send_close(GOOD[:len(BEGIN) + 30]), {"survived"}, None),
    ("truncated_stdin", "a whole request minus its last 5 bytes (the empty STDIN record), then close",
     send_close(GOOD[:-5]), {"survived"}, None),
    ("wrong_version_begin", "BEGIN_REQUEST with version 2, then a valid rest",
     send_close(begin(version=2) + PARAMS + record(FCGI["STDIN"])), {"survived"}, None),
    ("wrong_version_params", "valid BEGIN, PARAMS with version 0",
     send_close(BEGIN + record(FCGI["PARAMS"], name_values([(b"A", b"b")]), version=0)
                + record(FCGI["PARAMS"]) + record(FCGI["STDIN"])), {"survived"}, None),
    ("unknown_type_in_request", "a record of type 99 for request 1 between PARAMS and STDIN",
     send_close(BEGIN + PARAMS + record(99, b"hello") + record(FCGI["STDIN"])), {"survived"}, None),
    # libfcgi answers FCGI_UNKNOWN_TYPE and then drops the connection (the request that
    # follows is not served): a peer's problem, not the pool's.
    ("unknown_type_management", "a record of type 99 for request 0, then a valid request",
     send_close(record(99, b"12345678", rid=0) + GOOD), {"survived"}, "unknown_type"),
    ("get_values", "FCGI_GET_VALUES (MAX_CONNS, MAX_REQS, MPXS_CONNS), then a valid request",
     send_close(GET_VALUES + GOOD), {"survived"}, "get_values_result_then_200"),
    ("get_values_lying_lengths", "FCGI_GET_VALUES whose name-value lengths point past the record",
     send_close(record(FCGI["GET_VALUES"], name_values([(b"FCGI_MAX_CONNS", b"", 200, 100)]), rid=0) + GOOD),
     {"survived"}, None),
    # The spec asks for END_REQUEST(FCGI_UNKNOWN_ROLE); libfcgi closes the connection instead.
    ("begin_unknown_role", "BEGIN_REQUEST with role 99", send_close(begin(role=99) + PARAMS + record(FCGI["STDIN"])),
     {"survived"}, "closed_without_answer"),
    ("begin_authorizer_role", "BEGIN_REQUEST with role 2 (authorizer)",
     send_close(begin(role=2) + PARAMS + record(FCGI["STDIN"])), {"survived"}, None),
    ("begin_request_id_0", "BEGIN_REQUEST on the management id 0",
     send_close(begin(rid=0) + params_records(chart_params(), 0) + record(FCGI["STDIN"], b"", 0)),
     {"survived"}, None),
    ("begin_empty_body", "BEGIN_REQUEST with no content at all",
     send_close(record(FCGI["BEGIN_REQUEST"], b"") + PARAMS + record(FCGI["STDIN"])), {"survived"}, None),
    ("second_begin_same_id", "BEGIN, half the PARAMS, BEGIN again for the same id, then a full request",
     send_close(BEGIN + PARAMS[:20] + GOOD), {"survived"}, None),
    ("second_begin_other_id", "a full request 1 without STDIN end, BEGIN for request 2, then both STDIN ends",
     send_close(BEGIN + PARAMS + begin(rid=2) + params_records(chart_params(), 2)
                + record(FCGI["STDIN"]) + record(FCGI["STDIN"], b"", 2)), {"survived"}, None),
    ("params_other_request_id", "BEGIN for request 1, PARAMS sent for request 7",
     send_close(BEGIN + params_records(chart_params(), 7) + record(FCGI["STDIN"])), {"survived"}, None),
    ("huge_param_lengths", "a name-value pair declaring 2^31-1 bytes of name and of value (CVE-2025-23016 shape)",
     send_close(BEGIN + record(FCGI["PARAMS"], name_values([(b"AAAA", b"BBBB", 0x7FFFFFFF, 0x7FFFFFFF)]))
                + record(FCGI["PARAMS"]) + record(FCGI["STDIN"])), {"survived"}, None),
    ("param_length_past_record", "a name-value pair whose lengths run past its record and into the next",
     send_close(BEGIN + record(FCGI["PARAMS"], name_values([(b"QUERY_STRING", b"d=1", 12, 5000)]))
                + record(FCGI["PARAMS"], b"x" * 100) + record(FCGI["PARAMS"]) + record(FCGI["STDIN"])),
     {"survived"}, None),
    ("huge_record_length_then_close", "a PARAMS record declaring 65535 bytes, 100 sent, then close",
     send_close(BEGIN + record(FCGI["PARAMS"], b"x" * 100, length=65535)), {"survived"}, None),
    ("max_padding", "PARAMS and STDIN records with 255 bytes of padding each, otherwise valid",
     send_close(BEGIN + record(FCGI["PARAMS"], name_values((k.encode(), v.encode()) for k, v in chart_params().items()),
                               padding=255)
                + record(FCGI["PARAMS"], padding=255) + record(FCGI["STDIN"], padding=255)),
     {"survived"}, "200"),
    # libfcgi does not skip a BEGIN_REQUEST's padding: the params that follow are misread and
    # the request arrives without them (plotgate answers 404). No server pads that record.
    ("padded_begin_request", "a BEGIN_REQUEST with 255 bytes of padding, then a valid rest",
     send_close(BEGIN[:6] + b"\xff\0" + BEGIN[8:] + b"\0" * 255 + PARAMS + record(FCGI["STDIN"])),
     {"survived"}, None),
    ("many_params", "20,000 name-value pairs (1.2 MB of params)",
     send_close(BEGIN + b"".join(record(FCGI["PARAMS"], chunk) for chunk in
                                 [name_values((b"X_%05d" % i, b"v" * 50) for i in range(j, j + 1000))
                                  for j in range(0, 20000, 1000)])
                + params_records(chart_params()) + record(FCGI["STDIN"]), read=5), {"survived"}, "200"),
    ("stdin_bigger_than_declared", "POST declaring CONTENT_LENGTH 30, 200 KB of STDIN sent",
     send_close(post_request(b"d=1,2,3" + b"&_=" + b"x" * 20 + b"y" * 200_000, 30), read=5), {"survived"}, "200"),
    ("stdin_smaller_then_close", "POST declaring 5000 bytes, 10 sent, no STDIN end, then close",
     send_close(post_request(b"d=1,2,3&_=", 5000, end_stdin=False)), {"survived"}, None),
    ("abort_after_params", "BEGIN, PARAMS, ABORT_REQUEST, STDIN end",
     send_close(BEGIN + PARAMS + record(FCGI["ABORT_REQUEST"]) + record(FCGI["STDIN"])), {"survived"}, None),
    ("abort_mid_stdin", "POST with half its body, ABORT_REQUEST, then close",
     send_close(post_request(b"d=1,2,3&w=40", 100, end_stdin=False) + record(FCGI["ABORT_REQUEST"])),
     {"survived"}, None),
    ("keep_conn_two_requests", "FCGI_KEEP_CONN set, two requests on one connection",
     send_close(valid_request(flags=1) + valid_request(rid=2, flags=1), read=3), {"survived"}, "200"),
    ("garbage", "4 KiB of seeded random bytes", send_close(random.Random(7).randbytes(4096)), {"survived"}, None),
    ("http_on_fastcgi_socket", "an HTTP request sent to the FastCGI socket",
     send_close(b"GET /chart.png?d=1 HTTP/1.1\r\nHost: x\r\n\r\n"), {"survived"}, None),
    ("abandon_mid_params", "BEGIN + half the PARAMS, then close without reading",
     send_then_abandon(BEGIN + PARAMS[:40]), {"survived"}, None),
    ("abandon_before_response", "a valid request, then close without reading the answer",
     send_then_abandon(GOOD), {"survived"}, None),
    ("stall_after_one_byte", "one byte, then nothing (held open)", send_hold(b"\x01"),
     {"exited:hard_timeout"}, "closed_by_pool"),
    ("params_without_end", "BEGIN and a PARAMS record, never the empty PARAMS (held open)",
     send_hold(BEGIN + PARAMS[:-8]), {"exited:hard_timeout"}, "closed_by_pool"),
    ("stdin_without_end_held", "POST declaring 5000 bytes, 10 sent (held open)",
     send_hold(post_request(b"d=1,2,3&_=", 5000, end_stdin=False)), {"exited:hard_timeout"}, "closed_by_pool"),
    ("many_idle_connections", "300 connections opened, nothing sent, held 1.5 s, then closed",
     many_connections(300, b"", 1.5), {"survived"}, None),
    ("many_partial_connections", "60 connections each sending a BEGIN_REQUEST, held 1.5 s, then closed",
     many_connections(60, BEGIN, 1.5), {"survived"}, None),
]


# --------------------------------------------------------------------------------------------
# Running a case and judging the pool afterwards
# --------------------------------------------------------------------------------------------

EXIT_RE = re.compile(r"worker (\d+) (?:exited: (\S+)|CRASHED: (\S+)|failed: (.*?);)")


def master_since(s, n: int) -> list[str]:
    return [text for _, text in s.master_lines()[n:]]


def worker_outcome(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        m = EXIT_RE.search(line)
        if m:
            reason = m.group(2) or m.group(3) or m.group(4)
            kind = "exited" if m.group(2) else "crashed" if m.group(3) else "failed"
            out.append(f"{kind}:{re.sub(r'[(].*', '', reason)}")
    return out or ["survived"]


def service_check(s, tag: str) -> tuple[bool, list]:
    statuses, ok = [], True
    for k in range(3):
        try:
            r = s.get(f"/chart.png?d=1,3,2&w=40&h=30&_={tag}{k}", timeout=15)
            statuses.append(r.status)
            if r.status != 200:
                ok = False
            else:
                decode_png(r.body)
        except Exception as e:  # noqa: BLE001
            statuses.append(f"{type(e).__name__}: {e}")
            ok = False
    return ok, statuses


def wait_pool(s, timeout: float) -> tuple[list[int], float | None]:
    t0 = time.monotonic()
    while True:
        pids = s.pool_workers()
        if len(pids) == WORKERS:
            return pids, time.monotonic() - t0
        if time.monotonic() - t0 > timeout:
            return pids, None
        time.sleep(0.02)


def check_expectation(expect: str | None, reply, outcome: list[str]) -> list[str]:
    if expect is None or reply is None:
        return []
    types = reply.types
    if expect == "200":
        return [] if reply.http_status == 200 else [f"expected a 200, got {reply.summary()}"]
    if expect == "get_values_result_then_200":
        problems = []
        if "GET_VALUES_RESULT" not in types:
            problems.append(f"no GET_VALUES_RESULT: {types}")
        if reply.http_status != 200:
            problems.append(f"no 200 after GET_VALUES: {reply.summary()}")
        return problems
    if expect == "unknown_type":
        return [] if "UNKNOWN_TYPE" in types else [f"no UNKNOWN_TYPE reply: {types}"]
    if expect == "closed_without_answer":
        return [] if reply.closed and not reply.stdout else [f"expected a silent close: {reply.summary()}"]
    if expect == "closed_by_pool":
        return [] if reply.closed else [f"the stalled connection was still open after {STALL} s"]
    raise AssertionError(expect)


def run_case(s, name, what, run, allowed, expect) -> dict:
    n0 = len(s.master_lines())
    pids_before = sorted(s.pool_workers())
    t0 = time.monotonic()
    problems = []
    try:
        sent, reply = run(s.socket_path)
    except Exception as e:  # noqa: BLE001 - the client side failing is a finding too
        sent, reply = 0, None
        problems.append(f"client error: {type(e).__name__}: {e}")
    ok, statuses = service_check(s, name)
    pids_after, restored = wait_pool(s, HARD + 5)
    time.sleep(0.05)
    lines = master_since(s, n0)
    outcome = worker_outcome(lines)
    if not ok:
        problems.append(f"service broken after the case: {statuses}")
    if restored is None:
        problems.append(f"pool not back to {WORKERS} workers: {pids_after}")
    if "any" not in allowed and not set(outcome) <= allowed:
        problems.append(f"worker outcome {outcome}, allowed {sorted(allowed)}")
    problems += check_expectation(expect, reply, outcome)
    return {"name": name, "what": what, "bytes_sent": sent, "reply": reply.summary() if reply else None,
            "worker_outcome": outcome, "master_lines": lines[:10], "service_ok": ok, "service_statuses": statuses,
            "pool_restored_s": None if restored is None else round(restored, 3), "pids_before": pids_before,
            "pids_after": sorted(pids_after), "duration_s": round(time.monotonic() - t0, 3), "problems": problems}


def fuzz_request(rng: random.Random) -> bytes:
    """A valid request (sometimes POST, sometimes after GET_VALUES) with 1-4 byte mutations."""
    data = bytearray(GOOD if rng.random() < 0.6 else post_request(b"d=1,2,3&w=50", 12))
    if rng.random() < 0.2:
        data[:0] = GET_VALUES
    for _ in range(rng.randint(1, 4)):
        op, pos = rng.random(), rng.randrange(len(data))
        if op < 0.35:
            data[pos] = rng.randrange(256)
        elif op < 0.5:
            del data[pos:pos + rng.randint(1, 16)]
        elif op < 0.65:
            data[pos:pos] = rng.randbytes(rng.randint(1, 16))
        elif op < 0.8:
            # a header field of some record: version, type, length or padding
            starts = [0]
            while starts[-1] + 8 <= len(data):
                clen, plen = struct.unpack(">HB", bytes(data[starts[-1] + 4:starts[-1] + 7]))
                starts.append(starts[-1] + 8 + clen + plen)
            at = rng.choice(starts[:-1] or [0])
            field = rng.choice([0, 1, 4, 5, 6])
            if at + field < len(data):
                data[at + field] = rng.choice([0, 1, 2, 9, 11, 0x7f, 0x80, 0xff, rng.randrange(256)])
        elif op < 0.9:
            del data[pos:]
        else:
            data += rng.randbytes(rng.randint(1, 64))
    return bytes(data)


def test_fastcgi_protocol_abuse(make_stack):  # noqa: F811
    seed, scale = seed_from_env(), scale_from_env()
    fuzz_count = 400 if scale == "long" else 40
    print(f"fastcgi abuse: seed={seed} (RELIABILITY_SEED), scale={scale}, {len(CASES)} cases, {fuzz_count} fuzzed")
    s = make_stack(command="serve", serve_args=SERVE_ARGS)
    t_start = time.monotonic()
    results = []
    for name, what, run, allowed, expect in CASES:
        res = run_case(s, name, what, run, allowed, expect)
        results.append(res)
        print(f"  {name}: {res['worker_outcome']} reply={res['reply'] and res['reply']['records']} "
              f"{res['duration_s']} s {'; '.join(res['problems'])}")

    # Seeded random mutations of valid requests, one connection each.
    rng = random.Random(f"{seed}:fcgi")
    fuzz_outcomes, replies, crashes, fuzz_problems = Counter(), Counter(), [], []
    for batch in range(0, fuzz_count, 10):
        n0 = len(s.master_lines())
        for i in range(batch, min(batch + 10, fuzz_count)):
            data = fuzz_request(rng)
            try:
                _, reply = send_close(data, read=2.0)(s.socket_path)
                replies[reply.types[0] if reply.types else "none"] += 1
            except OSError as e:
                replies[f"client:{type(e).__name__}"] += 1
        ok, statuses = service_check(s, f"fuzz{batch}")
        pids, restored = wait_pool(s, HARD + 5)
        outcome = worker_outcome(master_since(s, n0))
        fuzz_outcomes.update(outcome)
        crashes += [{"batch": batch, "outcome": o} for o in outcome if o.startswith("crashed")]
        if not ok or restored is None:
            fuzz_problems.append(f"batch {batch}: service {statuses}, pool {pids}")
    duration = time.monotonic() - t_start

    failures = [f"{r['name']}: {p}" for r in results for p in r["problems"]] + fuzz_problems
    all_crashes = sum(o.startswith("crashed") for r in results for o in r["worker_outcome"]) + len(crashes)
    summary = {"test": "test_fastcgi_protocol_abuse", "seed": seed, "scale": scale,
               "duration_s": round(duration, 2), "workers": WORKERS, "hard_timeout_s": HARD, "cases": results,
               "fuzz": {"count": fuzz_count, "outcomes": dict(fuzz_outcomes), "replies": dict(replies),
                        "crashes": crashes},
               "crashes": all_crashes, "failures": failures}
    path = write_summary("test_fastcgi_abuse", summary)
    print(f"{len(CASES)} cases + {fuzz_count} fuzzed in {duration:.1f} s; crashes {all_crashes}; summary {path}")
    assert not failures, "\n".join(failures)
