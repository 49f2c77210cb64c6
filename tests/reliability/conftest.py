"""Reliability tests: load, faults and abuse, with every request accounted for.

Built on the integration harness (tests/integration/conftest.py: `Load`, `Outcome`, `http`,
`parse_response`, `decode_png`, the FastCGI client, process helpers) and on the deploy kit
(tests/deploy/deploykit.py: the shipped nginx configs rendered with only their paths and
listen lines replaced). What is added here:

- `Ledger`: the accounting. Every request is a `Record` (an `Outcome` plus bytes received,
  Content-Length, whether the PNG decoded completely, and a phase label). `summary()` gives
  requests sent/received, status counts, failures and latency percentiles.
- `AccountingLoad`: `Load` (closed loop, N client threads) recording into a `Ledger`.
- `open_loop()`: requests at a fixed rate whatever the server does (asyncio), latency counted
  from each request's scheduled time, so a server that falls behind cannot hide it.
- `Pool`: one `plotgate serve --socket` pool, its /status read over FastCGI directly.
- `Front`: nginx with a shipped config (production.conf or multi-host.conf) and a main
  config with Debian's own nginx.conf defaults (`worker_processes auto`,
  `worker_connections` raised to 10240 as nginx/production.conf asks).
- `write_summary()`: out/reliability/<test>.json, read by scripts/reliability-report.py.

Scale: RELIABILITY_SCALE=long runs the durations of issue 7 (a minute of kills, minutes of
soak); anything else is the short run of `make test` (each test well under 30 s).

JSON keys common to every summary (see `Ledger.summary`):
  test, scale, date, commit, duration_s, checks {name: bool}, passed,
  requests_sent, responses_received, no_response, status_counts {"200": n, ...},
  incomplete (body shorter/longer than Content-Length), png_ok, png_bad, failures,
  latency_ms {p50, p90, p99, max}, phases {name: {same keys for that phase}}.
Each test adds its own keys (kills, rss samples, ...), documented in the test.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `tests.integration` / `tests.deploy` as packages
    sys.path.insert(0, str(REPO))

from tests.reliability.abuse_support import git_commit  # noqa: E402
from tests.deploy.deploykit import (  # noqa: E402
    FASTCGI_PARAMS,
    multi_replacements,
    production_replacements,
    render,
)
from tests.integration.conftest import (  # noqa: E402
    Load,
    Outcome,
    _signal_if_same,
    _start_time,
    decode_png,
    fcgi_read_response,
    fcgi_request_bytes,
    free_port,
    http,
    parse_cgi_output,
    parse_response,
    plotgate_binary,
    pool_workers,
    rss_kb,
    stop_process,
)

NGINX = "/usr/sbin/nginx"
OUT = REPO / "out" / "reliability"
LONG = os.environ.get("RELIABILITY_SCALE", "short").lower() == "long"
SCALE = "long" if LONG else "short"
PRODUCTION = REPO / "nginx" / "production.conf"
MULTI = REPO / "nginx" / "multi-host.conf"
WEB_USER, WEB_GROUP = "nobody", "nogroup"  # nginx's workers, as in tests/deploy


def scaled(short, long):
    """The short-run value, or the long one under RELIABILITY_SCALE=long."""
    return long if LONG else short


@pytest.fixture(scope="session")
def binary() -> Path:
    return plotgate_binary()


@pytest.fixture(scope="session")
def reliability_env():
    if os.geteuid() != 0:
        pytest.skip("the reliability tests run nginx as root with `user nobody nogroup` (CI is root)")
    if not os.access(NGINX, os.X_OK):
        pytest.skip("nginx is not installed (Debian package nginx)")
    # Hundreds of client connections at once (slowloris, open-loop overload).
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < min(hard, 8192):
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    OUT.mkdir(parents=True, exist_ok=True)


# --------------------------------------------------------------------------------------------
# Charts: varied, uncached (`_n` is ignored by plotgate but makes every URL new for nginx's
# cache), each small enough to be written in one write(2) by the worker.
# --------------------------------------------------------------------------------------------

CHARTS = [
    "type=line&d={a},{b},{c},{d},{a},{c}|{d},{c},{b},{a},{b},{d}&names=A|B&title=Load&w=400&h=250",
    "type=bar&d={a},{b},{c},{d}&labels=n|e|s|w&w=300&h=200",
    "type=area&d={a},{c},{b},{d},{a}&stack=1&w=280&h=160",
    "type=scatter&x=1,2,3,4&d={a},{b},{c},{d}&w=240&h=240",
    "type=pie&d={a},{b},{c}&labels=p|q|r&w=200&h=200",
    "type=spark&d={a},{b},{c},{d},{a}",
]


def chart_target(i: int, tag: str = "r") -> str:
    a, b, c, d = i % 11 + 1, (i * 3) % 13 + 1, (i * 5) % 9 + 1, (i % 6) + 2
    return f"/chart.png?{CHARTS[i % len(CHARTS)].format(a=a, b=b, c=c, d=d)}&_n={tag}{i}"


# --------------------------------------------------------------------------------------------
# The accounting
# --------------------------------------------------------------------------------------------

@dataclass
class Record(Outcome):
    """One request: `Outcome` (started, elapsed, status, complete, error, target) plus what
    the accounting needs. `status` 0 means no HTTP answer at all."""
    nbytes: int = 0  # body bytes received
    content_length: int | None = None
    png: str = ""  # "ok", "bad: why", or "" when the status is not 200
    phase: str = ""


_png_cache: dict[bytes, str] = {}
_png_lock = threading.Lock()


def png_verdict(body: bytes) -> str:
    """"ok" when the bytes decode completely as a PNG (PIL, every row). Charts repeat, so
    identical bodies are decoded once (keyed by their SHA-256: the same bytes, the same
    verdict)."""
    key = hashlib.sha256(body).digest()
    with _png_lock:
        hit = _png_cache.get(key)
    if hit is not None:
        return hit
    try:
        decode_png(body)
        verdict = "ok"
    except Exception as e:  # noqa: BLE001 - the reason is the record
        verdict = f"bad: {type(e).__name__}: {e}"[:200]
    with _png_lock:
        if len(_png_cache) < 50_000:
            _png_cache[key] = verdict
    return verdict


def record_response(r, started: float, target: str, phase: str, elapsed: float | None = None) -> Record:
    length = r.header("Content-Length")
    cl = int(length) if length is not None and length.isdigit() else None
    complete = cl is not None and cl == len(r.body)
    png = ""
    if r.status == 200 and (r.header("Content-Type") or "") == "image/png":
        png = png_verdict(r.body) if complete else "bad: body shorter than Content-Length"
    return Record(started, r.elapsed if elapsed is None else elapsed, r.status, complete,
                  target=target, nbytes=len(r.body), content_length=cl, png=png, phase=phase)


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def latency_summary(values: list[float]) -> dict:
    ms = [x * 1000 for x in values]
    return {k: (round(percentile(ms, p), 1) if ms else None) for k, p in
            (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))}


class Ledger:
    """Every request sent, and what came back. `sent` counts requests whose bytes were handed
    to the kernel (or attempted); each one ends as exactly one `Record`. A chart request
    succeeds when it is a 200 with a body exactly Content-Length long that decodes as a PNG;
    `allowed` adds statuses a test accepts as answers (e.g. 429 for a rate-limited client)."""

    def __init__(self, allowed: tuple[int, ...] = ()):
        self.records: list[Record] = []
        self.sent = 0
        self.allowed = allowed
        self._lock = threading.Lock()

    def count_sent(self) -> None:
        with self._lock:
            self.sent += 1

    def add(self, rec: Record) -> None:
        with self._lock:
            self.records.append(rec)

    def ok(self, rec: Record) -> bool:
        if rec.status == 200:
            return rec.complete and rec.png == "ok"
        return rec.status in self.allowed and rec.complete

    def failures(self, phase: str | None = None) -> list[Record]:
        with self._lock:
            return [r for r in self.records if (phase is None or r.phase == phase) and not self.ok(r)]

    def latencies(self, phase: str | None = None, ok_only: bool = True) -> list[float]:
        with self._lock:
            return [r.elapsed for r in self.records
                    if (phase is None or r.phase == phase) and (not ok_only or self.ok(r))]

    def _stats(self, recs: list[Record]) -> dict:
        counts: dict[str, int] = {}
        for r in recs:
            counts[str(r.status)] = counts.get(str(r.status), 0) + 1
        return {
            "responses_received": sum(1 for r in recs if r.status > 0),
            "no_response": sum(1 for r in recs if r.status == 0),
            "status_counts": dict(sorted(counts.items())),
            "incomplete": sum(1 for r in recs if r.status > 0 and not r.complete),
            "png_ok": sum(1 for r in recs if r.png == "ok"),
            "png_bad": sum(1 for r in recs if r.png.startswith("bad")),
            "failures": sum(1 for r in recs if not self.ok(r)),
            "bytes": sum(r.nbytes for r in recs),
            "latency_ms": latency_summary([r.elapsed for r in recs if self.ok(r)]),
        }

    def summary(self) -> dict:
        with self._lock:
            recs = list(self.records)
            sent = self.sent
        out = {"requests_sent": sent, **self._stats(recs)}
        phases = sorted({r.phase for r in recs if r.phase})
        if phases:
            out["phases"] = {}
            for p in phases:
                sub = [r for r in recs if r.phase == p]
                out["phases"][p] = {"requests": len(sub), **self._stats(sub)}
        return out

    def examples(self, n: int = 5) -> list[str]:
        return [f"{r.status} complete={r.complete} png={r.png} err={r.error} {r.target[:120]}"
                for r in self.failures()[:n]]


class AccountingLoad(Load):
    """The harness's `Load` (closed loop: `threads` clients, each sending its next request when
    the last is answered), against an nginx port, every request recorded in `ledger`. Set
    `phase` at any time to label the requests sent from then on."""

    _instances = 0

    def __init__(self, port: int, ledger: Ledger, threads: int = 4, target=None, **kw):
        # Each load its own URLs by default, so no request is a cache HIT of an earlier load's.
        AccountingLoad._instances += 1
        tag = f"L{AccountingLoad._instances}-"
        super().__init__(None, threads=threads, target=target or (lambda i: chart_target(i, tag)), **kw)
        self.port = port
        self.ledger = ledger
        self.phase = ""

    def _run(self) -> None:
        deadline = time.monotonic() + self.duration
        while not self._stop.is_set() and time.monotonic() < deadline:
            i = self._next()
            if i is None:
                return
            target, phase = self.target(i), self.phase
            t0 = time.monotonic()
            self.ledger.count_sent()
            try:
                r = http(self.port, "GET", target, timeout=self.timeout)
                rec = record_response(r, t0, target, phase)
            except Exception as e:  # noqa: BLE001 - every failure is a record
                rec = Record(t0, time.monotonic() - t0, 0, False, f"{type(e).__name__}: {e}"[:200], target,
                             phase=phase)
            self.ledger.add(rec)
            with self._lock:
                self.outcomes.append(rec)
            if self.rate:
                time.sleep(max(0.0, 1.0 / self.rate - (time.monotonic() - t0)))


async def _one_async(port: int, target: str, timeout: float, source: str | None) -> tuple[bytes, str]:
    head = (f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            f"User-Agent: plotgate-reliability\r\n\r\n").encode()
    local = (source, 0) if source else None
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port, local_addr=local), timeout)
    chunks = []
    try:
        writer.write(head)
        await writer.drain()
        while True:
            try:
                data = await reader.read(65536)
            except ConnectionResetError:
                break  # nginx's lingering close; what arrived is the answer
            if not data:
                break
            chunks.append(data)
    finally:
        writer.close()
    return b"".join(chunks), ""


async def _open_loop(port, rate, duration, target, ledger, phase, timeout, source):
    start = time.monotonic()
    n = int(rate * duration)
    tasks = []

    async def fire(i: int, scheduled: float) -> None:
        tgt = target(i)
        ledger.count_sent()
        try:
            raw, _ = await asyncio.wait_for(_one_async(port, tgt, timeout, source), timeout)
            r = parse_response(raw, 0.0)
            rec = record_response(r, scheduled, tgt, phase, elapsed=time.monotonic() - scheduled)
        except Exception as e:  # noqa: BLE001
            rec = Record(scheduled, time.monotonic() - scheduled, 0, False, f"{type(e).__name__}: {e}"[:200],
                         tgt, phase=phase)
        ledger.add(rec)

    for i in range(n):
        scheduled = start + i / rate
        delay = scheduled - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(fire(i, scheduled)))
    await asyncio.gather(*tasks)
    return time.monotonic() - start


def open_loop(port: int, rate: float, duration: float, ledger: Ledger, target=None, phase: str = "",
              timeout: float = 60.0, source: str | None = None) -> float:
    """Sends `rate` requests a second for `duration` seconds on a schedule (each on its own
    connection, however many are outstanding), recording each in `ledger`, with latency
    counted from its scheduled time; returns when every one is answered or has failed.
    `source` binds the client side (e.g. 127.0.0.2, a loopback address that is not
    127.0.0.1). Returns the seconds taken."""
    tag = f"O{time.monotonic_ns()}-"  # URLs of its own: never a cache HIT of another load's
    return asyncio.run(_open_loop(port, rate, duration, target or (lambda i: chart_target(i, tag)), ledger, phase,
                                  timeout, source))


# --------------------------------------------------------------------------------------------
# Processes: a pool, an nginx in front
# --------------------------------------------------------------------------------------------

CRASH_RE = re.compile(r"CRASHED|Backtracing|Fatal error|Segmentation fault|Illegal instruction")


class Pool:
    """`plotgate serve --socket <tmp>/<name>.sock` (mode 0660, group nogroup, so nginx's
    workers can connect), its stderr in <tmp>/<name>.log."""

    def __init__(self, binary: Path, tmp: Path, name: str, args: list[str], env: dict | None = None):
        self.name = name
        self.socket_path = tmp / f"{name}.sock"
        self.log = tmp / f"{name}.log"
        self._fh = open(self.log, "ab")
        argv = [str(binary), "serve", "--socket", str(self.socket_path), "--socket-mode", "0660",
                "--socket-group", WEB_GROUP, *args]
        self.args = args
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self._fh, stderr=self._fh,
                                     env=dict(os.environ, **(env or {})), start_new_session=True, cwd=tmp)
        self.pid = self.proc.pid

    def wait_ready(self, timeout: float = 10.0) -> "Pool":
        deadline = time.monotonic() + timeout
        want = int(self.args[self.args.index("--workers") + 1]) if "--workers" in self.args else os.cpu_count()
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pool {self.name} exited with {self.proc.returncode}\n{self.text()[-3000:]}")
            try:
                if self.fcgi_get("/ping", timeout=2)[0] == 200 and len(self.workers()) == want:
                    return self
            except OSError as e:
                last = e
            time.sleep(0.05)
        raise RuntimeError(f"pool {self.name} not ready within {timeout}s ({last!r})\n{self.text()[-3000:]}")

    def fcgi_get(self, path: str, query: str = "", timeout: float = 10.0) -> tuple[int, bytes]:
        """A GET straight to the pool's socket, as nginx would send it: (status, body)."""
        params = {"REQUEST_METHOD": "GET", "DOCUMENT_URI": path, "SCRIPT_NAME": path, "QUERY_STRING": query,
                  "REQUEST_URI": path + (f"?{query}" if query else ""), "SERVER_PROTOCOL": "HTTP/1.1",
                  "REMOTE_ADDR": "127.0.0.1", "REQUEST_ID": f"reliability-{time.monotonic_ns()}"}
        head, _, end = fcgi_request_bytes(params)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(str(self.socket_path))
            s.sendall(head + end)
            out, _, _ = fcgi_read_response(s, timeout=timeout)
        if not out:
            return 0, b""
        status, _, _, body = parse_cgi_output(out)
        return status, body

    def status(self, timeout: float = 10.0) -> dict:
        code, body = self.fcgi_get("/status", timeout=timeout)
        assert code == 200, (code, body[:200])
        return json.loads(body)

    def workers(self) -> list[int]:
        return pool_workers(self.pid)

    def busy_workers(self) -> list[int]:
        """Workers the scoreboard (/status) says are busy with a request other than the /status
        request that asked (which is answered by a worker, busy with it)."""
        st = self.status(timeout=5)
        return [p["pid"] for p in st["processes"]
                if p["state"] == "busy" and "/status" not in (p.get("last_request") or "")]

    def rss(self) -> dict[int, int]:
        """VmRSS in KiB of the master ("master" key 0) and of each live worker."""
        out = {0: rss_kb(self.pid) or 0}
        for pid in self.workers():
            kb = rss_kb(pid)
            if kb is not None:
                out[pid] = kb
        return out

    def text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def crash_lines(self) -> list[str]:
        return [line[:300] for line in self.text().splitlines() if CRASH_RE.search(line)]

    def master_lines(self, pattern: str) -> list[re.Match]:
        return [m for m in (re.search(pattern, line) for line in self.text().splitlines()
                            if "plotgate[master]" in line) if m]

    def stop(self) -> None:
        stop_process(self.proc, grace=5.0)
        self._fh.close()


def kill_if_same(pid: int, start: str | None) -> bool:
    """SIGKILL to `pid` only if it is still the process that started at `start`."""
    return start is not None and _signal_if_same(pid, start, signal.SIGKILL)


# The process model nginx/production.conf asks for in /etc/nginx/nginx.conf (Debian's
# worker_processes auto, with worker_connections raised from Debian's 768 to 10240 and the
# file limit to match): the shipped configs are http-level includes, so this is what they run
# under on a host set up as docs/DEPLOY.md says. Paths are the test's own.
NGINX_MAIN = """\
# Generated by tests/reliability: Debian's nginx.conf process model around one shipped include.
daemon off;
master_process on;
worker_processes auto;
worker_rlimit_nofile {nofile};
user {user} {group};
error_log {tmp}/nginx-error.log notice;
pid {tmp}/nginx.pid;
events {{ worker_connections 10240; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format rel '$remote_addr $status $body_bytes_sent $request_time $upstream_addr '
                   '$upstream_status "$request"';
    access_log {tmp}/nginx-access.log rel;
    client_body_temp_path {tmp}/client_body_temp;
    proxy_temp_path {tmp}/proxy_temp;
    fastcgi_temp_path {tmp}/fastcgi_temp;
    uwsgi_temp_path {tmp}/uwsgi_temp;
    scgi_temp_path {tmp}/scgi_temp;
    include {include};
}}
"""


class Front:
    """nginx running a shipped config: "production" (nginx/production.conf in front of one
    pool; with two pools, its upstream gets the second `server ... max_fails=0;` line its
    comment anticipates) or "multi" (nginx/multi-host.conf, its two server addresses replaced
    by two pools' unix sockets). Only paths, the upstream servers and the listen lines are
    replaced."""

    def __init__(self, tmp: Path, kind: str, pools: list[Pool]):
        self.tmp = tmp
        self.port = free_port()
        listen = f"127.0.0.1:{self.port}"
        if kind == "production":
            text = render(PRODUCTION, production_replacements(tmp, pools[0].socket_path, [listen]))
            line = f"    server unix:{pools[0].socket_path} max_fails=0;\n"
            assert text.count(line) == 1, "production.conf's upstream line changed"
            text = text.replace(line, "".join(f"    server unix:{p.socket_path} max_fails=0;\n" for p in pools))
        elif kind == "multi":
            text = render(MULTI, multi_replacements(tmp, ["HOST1", "HOST2"], listen))
            for i, p in enumerate(pools):
                # `server HOSTk:9000 ...` -> `server unix:<socket> ...`
                text = text.replace(f"HOST{i + 1}:9000", f"unix:{p.socket_path}")
        else:
            raise ValueError(kind)
        (tmp / "site.conf").write_text(text)
        shutil.copy(FASTCGI_PARAMS, tmp / "fastcgi_params")
        main = tmp / "nginx.conf"
        # 20480 as DEPLOY.md asks, or what this machine's hard limit allows (a container may
        # cap it below; 10240 connections need about half of it).
        nofile = min(20480, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
        main.write_text(NGINX_MAIN.format(tmp=tmp, include=tmp / "site.conf", user=WEB_USER, group=WEB_GROUP,
                                          nofile=nofile))
        self.stderr = open(tmp / "nginx.stderr", "ab")
        self.proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(main), "-e", str(tmp / "nginx-error.log")],
                                     stdin=subprocess.DEVNULL, stdout=self.stderr, stderr=self.stderr,
                                     start_new_session=True)

    def wait_ready(self, timeout: float = 10.0) -> "Front":
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.proc.returncode}: {self.error_text()[-2000:]}")
            try:
                r = http(self.port, "GET", "/ping", timeout=2)
                if r.status == 200:
                    return self
                last = r.status
            except OSError as e:
                last = e
            time.sleep(0.05)
        raise RuntimeError(f"nginx not ready within {timeout}s ({last!r}): {self.error_text()[-2000:]}")

    def error_text(self) -> str:
        p = self.tmp / "nginx-error.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def access_count(self) -> int:
        p = self.tmp / "nginx-access.log"
        return sum(1 for _ in p.open(errors="replace")) if p.exists() else 0

    def stop(self) -> None:
        stop_process(self.proc, grace=5.0)
        self.stderr.close()


class Rig:
    """What one test started (pools, nginx), stopped by PID at teardown; the temp dir is kept
    (and named in the failure) when the test failed."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.tmp = Path(tempfile.mkdtemp(prefix="plotgate-rel-"))
        os.chmod(self.tmp, 0o711)
        self.pools: list[Pool] = []
        self.fronts: list[Front] = []

    def pool(self, name: str, args: list[str], env: dict | None = None) -> Pool:
        p = Pool(self.binary, self.tmp, name, args, env)
        self.pools.append(p)
        return p.wait_ready()

    def front(self, kind: str, pools: list[Pool]) -> Front:
        f = Front(self.tmp, kind, pools)
        self.fronts.append(f)
        return f.wait_ready()

    def logs(self) -> str:
        parts = []
        for p in self.pools:
            parts.append(f"----- {p.name}.log (tail) -----\n" + "\n".join(p.text().splitlines()[-40:]))
        for f in self.fronts:
            parts.append("----- nginx-error.log (tail) -----\n" + "\n".join(f.error_text().splitlines()[-40:]))
        return "\n".join(parts)

    def stop(self, keep: bool) -> None:
        for f in self.fronts:
            f.stop()
        for p in self.pools:
            p.stop()
        if keep:
            print(f"\nkept {self.tmp}\n{self.logs()}", file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture
def rig(binary, reliability_env, request):
    r = Rig(binary)
    failed_before = request.session.testsfailed
    yield r
    r.stop(keep=request.session.testsfailed > failed_before)


# --------------------------------------------------------------------------------------------
# Summaries
# --------------------------------------------------------------------------------------------

def write_summary(name: str, data: dict, checks: dict[str, bool]) -> Path:
    """Writes out/reliability/<name>.json: `data` plus test, scale, date, commit, checks and
    passed (all checks true). Written before the test asserts, so a failed run is reported
    too."""
    OUT.mkdir(parents=True, exist_ok=True)
    doc = {"test": name, "scale": SCALE, "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "commit": git_commit(), **data, "checks": checks, "passed": all(checks.values())}
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(doc, indent=2, sort_keys=False) + "\n")
    return path


def assert_checks(checks: dict[str, bool], context: str = "") -> None:
    bad = [k for k, v in checks.items() if not v]
    assert not bad, f"failed checks: {bad}\n{context}"
