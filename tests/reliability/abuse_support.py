"""Helpers for the abuse tests of tests/reliability: a seeded generator of random and mutated
chart URLs, a keep-alive HTTP/1.1 client on raw sockets, the checks every response must pass,
a raw FastCGI client that can send any byte sequence, and the JSON summaries.

Replay: every generated request is a pure function of (seed, request number), so a failure
printed as `seed=S i=N` is regenerated with `make_request(S, N)` whatever the thread schedule.
The seed comes from RELIABILITY_SEED (else a fixed default) and is printed by every test;
RELIABILITY_SCALE=long selects the long versions.

Only the standard library and PIL are used; every socket has a timeout.
"""

from __future__ import annotations

import io
import json
import math
import os
import random
import re
import socket
import struct
import subprocess
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "out" / "reliability"

DEFAULT_SEED = 20260407

# What the issue allows through nginx for any URL.
ALLOWED_STATUSES = {200, 304, 400, 404, 405, 413, 414, 429}


# --------------------------------------------------------------------------------------------
# Environment: seed and scale
# --------------------------------------------------------------------------------------------

def seed_from_env() -> int:
    text = os.environ.get("RELIABILITY_SEED", "").strip()
    return int(text, 0) if text else DEFAULT_SEED


def scale_from_env() -> str:
    """"short" (the default, for `make test`) or "long" (RELIABILITY_SCALE=long)."""
    return "long" if os.environ.get("RELIABILITY_SCALE", "").strip().lower() == "long" else "short"


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                             text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def write_summary(name: str, summary: dict) -> Path:
    """Writes out/reliability/<name>.json (pretty, keys sorted), with `date` (UTC) and `commit`
    added, before the test asserts (a failed run is reported too); returns its path."""
    summary = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": git_commit(), **summary}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(summary, indent=2, sort_keys=True, default=str) + "\n")
    tmp.replace(path)
    return path


def short(text, limit: int = 300) -> str:
    """A printable, bounded rendering of a target (which may hold raw bytes as latin-1)."""
    r = repr(text)
    return r if len(r) <= limit else r[:limit] + f"...[{len(text)} chars]"


# --------------------------------------------------------------------------------------------
# A keep-alive HTTP/1.1 client: one connection per thread, reused as browsers do
# --------------------------------------------------------------------------------------------

@dataclass
class HttpResult:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    wire_bytes: int  # header block + body bytes as received (before de-chunking)
    elapsed: float
    closed: bool  # the server ended the connection after this response

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        if len(values) > 1:
            raise AssertionError(f"header {name} appears {len(values)} times: {values}")
        return values[0] if values else None

    def __repr__(self) -> str:
        hs = "; ".join(f"{k}: {v}" for k, v in self.headers)
        return f"<{self.status} {self.reason} [{hs}] body={len(self.body)}B {self.body[:60]!r}>"


class ConnectionLost(Exception):
    """The server closed or reset the connection before a complete response."""

    def __init__(self, message: str, got_bytes: bool):
        super().__init__(message)
        self.got_bytes = got_bytes


class HttpConn:
    """HTTP/1.1 with keep-alive on one TCP connection to 127.0.0.1:port. Responses are framed
    by Content-Length, chunked encoding or the close of the connection. A request on a reused
    connection that the server had already closed (keepalive timeout race: not one byte came
    back) is sent again once on a new connection, as browsers do; `resends` counts those."""

    def __init__(self, port: int, timeout: float = 30.0, agent: str = "plotgate-reliability"):
        self.port = port
        self.timeout = timeout
        self.agent = agent
        self.sock: socket.socket | None = None
        self.buf = bytearray()
        self.connections = 0
        self.reused = 0
        self.resends = 0

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            finally:
                self.sock = None
                self.buf.clear()

    def _connect(self) -> None:
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)
        self.sock.settimeout(self.timeout)
        self.buf.clear()
        self.connections += 1

    def _fill(self, deadline: float, got: list[bool]) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"response not complete within {self.timeout}s")
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(262144)
        except ConnectionResetError as e:
            raise ConnectionLost(f"reset: {e}", got[0]) from e
        if not data:
            raise ConnectionLost("closed", got[0])
        got[0] = True
        self.buf += data

    def request(self, method: str, target: str, headers: dict | None = None, body: bytes = b"") -> HttpResult:
        """`target` is a str whose characters are bytes (latin-1), so raw bytes can be sent."""
        hdrs = {"Host": "localhost", "User-Agent": self.agent, "Connection": "keep-alive"}
        if body or method in ("POST", "PUT", "PATCH"):
            hdrs["Content-Length"] = str(len(body))
        hdrs.update(headers or {})
        head = (f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items())
                + "\r\n").encode("latin-1")
        for attempt in (0, 1):
            reused = self.sock is not None
            if not reused:
                self._connect()
            else:
                self.reused += 1
            started = time.monotonic()
            try:
                try:
                    self.sock.sendall(head + body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server may have answered (413) before reading all of it
                return self._read(method, started)
            except ConnectionLost as e:
                self.close()
                if reused and not e.got_bytes and attempt == 0:
                    self.resends += 1
                    continue
                raise
            except BaseException:
                self.close()
                raise
        raise AssertionError("unreachable")

    def _read(self, method: str, started: float) -> HttpResult:
        deadline = started + self.timeout
        got = [bool(self.buf)]
        while b"\r\n\r\n" not in self.buf:
            if len(self.buf) > 65536:
                raise AssertionError(f"header block over 64 KiB: {bytes(self.buf[:200])!r}")
            self._fill(deadline, got)
        end = self.buf.index(b"\r\n\r\n")
        head = bytes(self.buf[:end]).decode("latin-1")
        del self.buf[:end + 4]
        lines = head.split("\r\n")
        m = re.match(r"HTTP/(1\.[01]) (\d{3}) ?(.*)", lines[0])
        if not m:
            raise AssertionError(f"bad status line {lines[0]!r}")
        version, status, reason = m.group(1), int(m.group(2)), m.group(3)
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        hmap = {}
        for k, v in headers:
            hmap.setdefault(k.lower(), v)
        conn_hdr = hmap.get("connection", "").lower()
        closes = version == "1.0" or "close" in conn_hdr
        raw_len = 0
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            body = b""
        elif "chunked" in hmap.get("transfer-encoding", "").lower():
            out = bytearray()
            while True:
                while b"\r\n" not in self.buf:
                    self._fill(deadline, got)
                e = self.buf.index(b"\r\n")
                size = int(bytes(self.buf[:e]).split(b";")[0], 16)
                need = e + 2 + size + 2
                while len(self.buf) < need:
                    self._fill(deadline, got)
                out += self.buf[e + 2:e + 2 + size]
                del self.buf[:need]
                raw_len += need
                if size == 0:
                    break
            body = bytes(out)
        elif "content-length" in hmap:
            n = int(hmap["content-length"])
            while len(self.buf) < n:
                try:
                    self._fill(deadline, got)
                except ConnectionLost as e:
                    raise ConnectionLost(f"body cut short: {len(self.buf)} of {n} bytes ({e})", True) from e
            body = bytes(self.buf[:n])
            del self.buf[:n]
            raw_len = n
        else:
            while True:
                try:
                    self._fill(deadline, got)
                except ConnectionLost:
                    break
            body = bytes(self.buf)
            self.buf.clear()
            raw_len = len(body)
            closes = True
        if closes:
            self.close()
        return HttpResult(status, reason, headers, body, end + 4 + raw_len, time.monotonic() - started, closes)


# --------------------------------------------------------------------------------------------
# What a response must be
# --------------------------------------------------------------------------------------------

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ERROR_TYPES = ("image/png", "image/svg+xml", "application/pdf", "application/json")
CHART_TYPES = {"line", "area", "bar", "scatter", "pie", "donut", "spark"}


def decode_png(data: bytes) -> Image.Image:
    if data[:8] != PNG_MAGIC:
        raise AssertionError(f"not a PNG: {data[:16]!r}")
    image = Image.open(io.BytesIO(data))
    image.load()  # a truncated or corrupt PNG fails here
    return image


def _round(x: float) -> int:
    return int(math.floor(x + 0.5))


def expected_png_size(query: str) -> tuple[int, int] | None:
    """round(w*dpr) x round(h*dpr) as plotgate computes them, when the query states w, h, dpr
    and type plainly (at most once each, simple digits); None when it is not computable."""
    values: dict[str, list[str]] = {}
    for item in query.split("&"):
        if not item:
            continue
        name, _, value = item.partition("=")
        try:
            name = unquote_to_bytes(name.replace("+", " ")).decode("utf-8")
            value = unquote_to_bytes(value.replace("+", " ")).decode("utf-8")
        except UnicodeDecodeError:
            return None
        if value == "":
            continue
        values.setdefault(name, []).append(value)
    got = {}
    for canon, names in (("w", ("w", "width")), ("h", ("h", "height")), ("dpr", ("dpr",)), ("type", ("type",))):
        vs = [v for n in names for v in values.get(n, [])]
        if len(vs) > 1:
            return None
        if vs:
            got[canon] = vs[0]
    ctype = got.get("type", "line").lower()
    if ctype not in CHART_TYPES:
        return None
    spark = ctype == "spark"
    w, h = (120, 30) if spark else (600, 400)
    dpr = 1.0
    if "w" in got:
        if not re.fullmatch(r"[0-9]{1,4}", got["w"]):
            return None
        w = int(got["w"])
    if "h" in got:
        if not re.fullmatch(r"[0-9]{1,4}", got["h"]):
            return None
        h = int(got["h"])
    if "dpr" in got:
        if not re.fullmatch(r"[0-9](\.[0-9]{1,4})?", got["dpr"]):
            return None
        dpr = float(got["dpr"])
    return _round(w * dpr), _round(h * dpr)


@dataclass
class Req:
    """One generated request. `target` is latin-1 text standing for raw bytes."""
    index: int
    category: str
    method: str
    target: str
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    mutations: list[str] = field(default_factory=list)
    expect: int | None = None  # a status the generator knows for certain

    @property
    def query(self) -> str:
        """The query plotgate sees: nginx ends the URL's query at a raw '#' (a fragment)."""
        q = self.target.partition("?")[2].partition("#")[0]
        if self.method == "POST" and self.body:
            q = (q + "&" if q else "") + self.body.decode("latin-1")
        return q

    @property
    def path(self) -> str:
        return self.target.partition("?")[0].partition("#")[0]


def check_response(req: Req, r: HttpResult) -> tuple[str, list[str], dict]:
    """Checks one response. Returns (source, problems, facts): source is "plotgate" (its
    X-Plotgate-Error or a chart), "nginx" (nginx's own error page) or "other"; problems is
    empty when the response is what the API promises; facts counts what was verified."""
    problems: list[str] = []
    facts = {"png_decoded": 0, "png_size_checked": 0, "error_bodies_checked": 0}
    status = r.status
    if status not in ALLOWED_STATUSES:
        problems.append(f"status {status} is not one of {sorted(ALLOWED_STATUSES)}")
    if req.expect is not None and status != req.expect:
        problems.append(f"status {status}, expected {req.expect}")
    clen = r.header("Content-Length")
    body_expected = req.method != "HEAD" and status not in (204, 304)
    if body_expected:
        if clen is None:
            if "chunked" not in (r.header("Transfer-Encoding") or ""):
                problems.append("no Content-Length and not chunked")
        elif int(clen) != len(r.body):
            problems.append(f"Content-Length {clen} but {len(r.body)} body bytes")
    elif r.body:
        problems.append(f"{len(r.body)} body bytes on a {req.method} {status}")
    code = r.header("X-Plotgate-Error")
    ctype = (r.header("Content-Type") or "").split(";")[0].strip()
    source = "other"
    if code is not None:
        source = "plotgate"
        if status < 400:
            problems.append(f"X-Plotgate-Error {code} on a {status}")
        if r.header("Cache-Control") != "no-store":
            problems.append(f"error with Cache-Control {r.header('Cache-Control')!r}")
        if ctype not in ERROR_TYPES:
            problems.append(f"error with Content-Type {ctype!r}")
        if req.headers.get("Accept") == "application/json" and ctype != "application/json":
            problems.append(f"Accept: application/json but the error is {ctype!r}")
        if status == 405 and r.header("Allow") != "GET, HEAD, POST":
            problems.append(f"405 with Allow {r.header('Allow')!r}")
        if body_expected and not problems:
            try:
                _check_body(ctype, r.body)
                if ctype == "application/json":
                    err = json.loads(r.body)["error"]
                    if err["status"] != status or err["code"] != code:
                        problems.append(f"JSON error {err} disagrees with {status} {code}")
                facts["error_bodies_checked"] = 1
                facts["png_decoded"] = int(ctype == "image/png")
            except Exception as e:  # noqa: BLE001 - any decoding failure is a finding
                problems.append(f"error body does not decode as {ctype}: {type(e).__name__}: {e}")
    elif status == 200 or status == 304:
        source = "plotgate"
        if status == 304:
            if r.header("ETag") is None:
                problems.append("304 without ETag")
        elif req.path.endswith(("/ping",)) or req.path == "/ping":
            if body_expected and r.body != b"pong\n":
                problems.append(f"/ping body {r.body[:40]!r}")
        elif req.path == "/status":
            if body_expected:
                try:
                    json.loads(r.body)
                except ValueError as e:
                    problems.append(f"/status is not JSON: {e}")
        else:
            if r.header("ETag") is None:
                problems.append("chart without ETag")
            if "public" not in (r.header("Cache-Control") or ""):
                problems.append(f"chart with Cache-Control {r.header('Cache-Control')!r}")
            if ctype not in ("image/png", "image/svg+xml", "application/pdf"):
                problems.append(f"chart with Content-Type {ctype!r}")
            elif body_expected and not problems:
                try:
                    if ctype == "image/png":
                        image = decode_png(r.body)
                        facts["png_decoded"] = 1
                        want = expected_png_size(req.query)
                        if want is not None:
                            facts["png_size_checked"] = 1
                            if image.size != want:
                                problems.append(f"PNG is {image.size}, expected {want}")
                    else:
                        _check_body(ctype, r.body)
                except Exception as e:  # noqa: BLE001
                    problems.append(f"200 body does not decode as {ctype}: {type(e).__name__}: {e}")
    elif 400 <= status < 500:
        # Not from plotgate: must be nginx's own page (bad request line, unmatched path,
        # request line or body too large, TRACE).
        if ctype.startswith("text/html") and (not body_expected or b"nginx" in r.body):
            source = "nginx"
        else:
            problems.append(f"a {status} with neither X-Plotgate-Error nor nginx's page: {r!r}")
    else:
        problems.append(f"unexpected {status}: {r!r}")
    return source, problems, facts


# Bugs found by these tests and not yet fixed. A response that shows exactly one of them is
# counted under `known_bugs` instead of failing the random test; each gets a minimal
# reproducer in test_url_abuse.py marked xfail(strict=True), so the day the bug is fixed that
# test XPASSes, fails, and the entry is removed with it. The three found so far
# (noncharacter_text, subnormal_axis_span, pie_sweep_overflow) are fixed; their reproducers
# are regression tests now, and the recognisers below stay for the report's history.
KNOWN_BUGS: dict[str, str] = {}

NONCHARACTER_RE = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff"
                             "\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe"
                             "\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff"
                             "\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe"
                             "\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]")


def _decoded_items(query: str) -> list[tuple[str, str]]:
    out = []
    for item in query.split("&"):
        name, _, value = item.partition("=")
        try:
            out.append((unquote_to_bytes(name.replace("+", " ")).decode("utf-8", "replace"),
                        unquote_to_bytes(value.replace("+", " ")).decode("utf-8", "replace")))
        except ValueError:
            continue
    return out


def _float(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def known_bug(req: "Req", r: "HttpResult") -> str | None:
    """The KNOWN_BUGS key this response is an instance of, else None (a fixed bug's response
    is a plain failure again)."""
    bug = _recognise(req, r)
    return bug if bug in KNOWN_BUGS else None


def _recognise(req: "Req", r: "HttpResult") -> str | None:
    code = r.header("X-Plotgate-Error")
    ctype = (r.header("Content-Type") or "").split(";")[0].strip()
    items = _decoded_items(req.query)
    if (r.status == 500 and code == "render_failed") or (400 <= r.status < 500 and code and ctype == "text/plain"):
        if any(NONCHARACTER_RE.search(n + v) for n, v in items):
            return "noncharacter_text"
    if r.status == 500 and code == "render_failed":
        values = dict(reversed(items))
        for lo, hi in (("xmin", "xmax"), ("ymin", "ymax")):
            a, b = _float(values.get(lo, "")), _float(values.get(hi, ""))
            if a is not None and b is not None and 0 < abs(b - a) < 1e-300:
                return "subnormal_axis_span"
    if r.status == 503 and code == "render_timeout":
        values = dict(items)
        if values.get("type", "").lower() in ("pie", "donut"):
            data = values.get("d") or values.get("data") or ""
            if any((_float(v) or 0) > 2.8e307 for v in re.split(r"[,|]", data)):
                return "pie_sweep_overflow"
    return None


def _check_body(ctype: str, body: bytes) -> None:
    if ctype == "image/png":
        decode_png(body)
    elif ctype == "image/svg+xml":
        if b"<svg" not in body[:600] or not body.rstrip().endswith(b"</svg>"):
            raise AssertionError(f"not a complete SVG: {body[:60]!r}...{body[-30:]!r}")
    elif ctype == "application/pdf":
        if not body.startswith(b"%PDF-") or b"%%EOF" not in body[-64:]:
            raise AssertionError(f"not a complete PDF: {body[:20]!r}...{body[-30:]!r}")
    elif ctype == "application/json":
        json.loads(body)


# --------------------------------------------------------------------------------------------
# URL generation
# --------------------------------------------------------------------------------------------

def enc(text: str) -> str:
    """Percent-encodes text for a query value the way a browser's URLSearchParams would,
    except that , and | stay readable (they are plotgate's separators)."""
    return quote(text, safe=",|-._~!*'()")


def latin1_bytes(text: str) -> bytes:
    """Text whose characters below 256 stand for raw bytes; any character beyond (from the
    value pools) is sent as its UTF-8 percent-escapes."""
    return "".join(c if ord(c) < 256 else quote(c, safe="") for c in text).encode("latin-1")


def raw_utf8(text: str) -> str:
    """The UTF-8 bytes of text as a latin-1 str: sent raw, unencoded (as curl would)."""
    return text.encode("utf-8").decode("latin-1")


HUGE_NUMBERS = ["1e308", "-1e308", "1.7976931348623157e308", "-1.7976931348623157e308", "1e309", "-1e309",
                "9" * 400, "-" + "9" * 309, "1" + "0" * 308, "1e999999999", "1e-400", "5e-324", "-5e-324",
                "2.2250738585072014e-308", "4.9e-324", "1e-308", "9007199254740993", "18446744073709551617",
                "1e15", "123456789012345678901234567890.5", "0." + "0" * 500 + "1", "1e+308", "1E308"]
NONFINITE = ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "%2Binf", "INF", "nan(0x1)",
             "0x1p3", "0x10", "1_000", "1.2.3", "--1", "%2B%2B1", "1e", "e5", ".", "-", "1e5.5", "٣", "１"]
SIZE_VALUES = ["-1", "0", "7", "8", "9", "4096", "4097", "-4096", "99999999999999999999", "1e3", "600.0",
               "6e2", "-0", "0x100", "%20600", "%2B600", "600px", "١٢٣", "nan", "inf", "2147483648",
               "9223372036854775808", "00000000600", "16", "8.5"]
DPR_VALUES = ["0", "0.5", "0.999", "1", "1.5", "2", "2.999", "3", "3.0000001", "-2", "1e308", "nan", "inf",
              "2.5", "1e-300", "3e0", "0.1e1"]
CTRL = [chr(c) for c in range(0, 32)] + ["\x7f"]
UNICODE_TEXTS = [
    "مرحبا بالعالم", "שלום עולם", "中文标题 数据", "日本語のタイトル", "한국어 제목", "Ελληνικά", "Кириллица",
    "हिन्दी", "ไทย ภาษา", "👩‍👩‍👧‍👦🏳️‍🌈", "e\u0301\u0301\u0301\u0301", "a" + "\u0336" * 60,
    "\u202eRTL override\u202c", "\u2066isolate\u2069", "\ufeffBOM", "\u200b\u200c\u200d", "\uffff\ufffe",
    "\U0010ffff", "\U0001f600" * 50, "ᚠᛇᚻ", "𝕳𝖊𝖑𝖑𝖔", "‮", "\u0000nul", "tab\there", "line\nbreak",
    "Ω≈ç√∫˜µ≤≥÷", "<script>alert(1)</script>", "%s%n%x%d", "' OR 1=1 --", "${jndi:x}", "\\u0000",
]
BAD_UTF8 = ["%FF", "%C0%80", "%C0%AF", "%ED%A0%80", "%ED%BF%BF", "%F4%90%80%80", "%E2%82", "%80", "%C3",
            "%FE%FF", "%F8%88%80%80%80", "%E0%80%AF", "a%C3%28b", "%EF%BF%BE"]
PERCENT_TRICKS = ["%", "%%", "%2", "%G1", "%zz", "%%32%30", "%2525", "%e2%82%ac", "%7C", "%26", "%3D",
                  "%00", "%0", "%-1", "% 20", "%+0", "%u0041", "%%%", "%2", "%C3%A9"]
KEYWORDS = {
    "type": ["line", "area", "bar", "scatter", "pie", "donut", "spark", "LINE", "Bar", "pies", "histogram", ""],
    "legend": ["auto", "top", "bottom", "right", "none", "left", "TOP"],
    "grid": ["y", "x", "xy", "none", "yx", "z"],
    "theme": ["light", "dark", "DARK", "blue"],
    "format": ["png", "svg", "pdf", "gif", "PNG", "jpeg"],
    "ylog": ["1", "0", "true", "false", "yes", "no", "on", "off", "TRUE", "2", "maybe"],
    "stack": ["1", "0", "true", "yes", "x"],
    "horizontal": ["1", "0", "on", "nope"],
}
PARAM_NAMES = ["type", "w", "width", "h", "height", "dpr", "d", "data", "x", "labels", "names", "series",
               "colors", "color", "title", "xlabel", "ylabel", "xmin", "xmax", "ymin", "ymax", "ylog", "stack",
               "horizontal", "legend", "grid", "theme", "bg", "lw", "linewidth", "format", "fmt"]
UNKNOWN_NAMES = ["tilte", "W", "D", "Type", "foo", "", "=", "d[]", "d.0", "_", "__proto__", "constructor",
                 "a" * 300, "%64", "d%00", "w ", " w", "d\x01", "%E2%82%AC", "test.crash", "test.hang"]
COLORS = ["1f77b4", "F80", "ff000080", "#fff", "%23fff", "red", "zzzzzz", "1f77b4ff", "12345", "0x123456",
          "transparent", ""]
PATHS = ["/chart.png"] * 30 + ["/chart.svg"] * 3 + ["/chart.pdf"] * 2 + ["/chart"] * 2 + [
    "/reports/q3/chart.png", "/chart.png/", "/CHART.png", "/chart.gif", "/chart.png.bak", "/ping", "/status",
    "/nope", "/%63hart.png", "/chart%2Epng", "/./chart.png", "/x/../chart.png", "/../chart.png", "//chart.png",
    "/chart.png;v=1", "/chart.svg.png", "/chart.PNG", "/index.html", "/cgi/chart.png"]
METHODS_ODD = ["PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO", "get", "PROPFIND", "CONNECT"]


def num(rng: random.Random) -> str:
    """A plain, valid decimal of varied magnitude and spelling."""
    kind = rng.random()
    if kind < 0.5:
        return str(rng.randint(-50, 500))
    if kind < 0.8:
        return f"{rng.uniform(-1000, 1000):.{rng.randint(0, 4)}f}"
    if kind < 0.9:
        return f"{rng.uniform(0.1, 9.9):.2f}e{rng.randint(-30, 30)}"
    return rng.choice(["0", "-0", ".5", "1e6", "1.5E-3", "-3", "2.50", "_", ""])


def num_list(rng: random.Random, n: int, positive: bool = False) -> str:
    if positive:
        return ",".join(format(rng.uniform(0.01, 1e4), ".4g").replace("e+", "e") for _ in range(n))
    return ",".join(num(rng) for _ in range(n))


def valid_items(rng: random.Random) -> list[tuple[str, str]]:
    """A random valid chart query as (name, encoded value) items; kept cheap to draw."""
    ctype = rng.choice(["line", "line", "area", "bar", "bar", "scatter", "pie", "donut", "spark"])
    nser = 1 if ctype in ("pie", "donut") else rng.randint(1, 4)
    npts = rng.randint(1, 40)
    ylog = ctype not in ("pie", "donut") and rng.random() < 0.1
    data = "|".join(num_list(rng, npts, positive=ylog or ctype in ("pie", "donut")) for _ in range(nser))
    items = [("type", ctype), ("d", data)]
    if ctype == "scatter" and rng.random() < 0.7:
        items.append(("x", "|".join(num_list(rng, npts, positive=True) for _ in range(nser))))
    elif ctype in ("line", "area") and rng.random() < 0.2:
        items.append(("x", ",".join(f"@{1_700_000_000 + 86400 * i}" for i in range(npts))))
    if rng.random() < 0.5:
        items.append(("labels", "|".join(enc(rng.choice(["Q", "Week ", "Ünïcødé ", "中", "م"]) + str(i))
                                         for i in range(npts))))
    if rng.random() < 0.4:
        items.append(("names", "|".join(enc(f"series {i}") for i in range(nser))))
    if rng.random() < 0.5:
        items.append(("title", enc(rng.choice(UNICODE_TEXTS[:12] + ["Weekly signups", "Q3 revenue"]))))
    for name in ("xlabel", "ylabel"):
        if rng.random() < 0.2:
            items.append((name, enc(rng.choice(["ms", "requests / s", "k€", "温度"]))))
    if rng.random() < 0.3:
        items.append(("colors", ",".join(rng.choice(["1f77b4", "ff7f0e", "2ca02c", "F80", "00000080"])
                                         for _ in range(nser))))
    if rng.random() < 0.5:
        items.append(("w", str(rng.randint(60, 700))))
    if rng.random() < 0.5:
        items.append(("h", str(rng.randint(40, 500))))
    if rng.random() < 0.3:
        items.append(("dpr", rng.choice(["1", "1.5", "2", "3", "1.25"])))
    for name in ("theme", "legend", "grid"):
        if rng.random() < 0.2:
            items.append((name, rng.choice(KEYWORDS[name][:3])))
    if ylog:
        items.append(("ylog", "1"))
    if ctype in ("bar", "area") and rng.random() < 0.3:
        items.append(("stack", "1"))
    if ctype == "bar" and rng.random() < 0.3:
        items.append(("horizontal", "1"))
    if rng.random() < 0.2:
        items.append(("lw", rng.choice(["0.25", "1", "3", "20"])))
    if rng.random() < 0.1:
        items.append(("bg", rng.choice(["transparent", "eeeeee", "00000000"])))
    if rng.random() < 0.2:
        items.append(("_", str(rng.randint(0, 10**10))))
    rng.shuffle(items)
    return items


def join(items: list[tuple[str, str]]) -> str:
    return "&".join(f"{k}={v}" if v is not None else k for k, v in items)


def _nasty_value(rng: random.Random, name: str) -> tuple[str, str]:
    """(mutation category, a hostile value for parameter `name`)."""
    pick = rng.random()
    if name in ("w", "width", "h", "height") and pick < 0.7:
        return "sizes", rng.choice(SIZE_VALUES)
    if name == "dpr" and pick < 0.7:
        return "sizes", rng.choice(DPR_VALUES)
    if name in KEYWORDS and pick < 0.5:
        return "keywords", rng.choice(KEYWORDS[name])
    if name in ("colors", "color", "bg") and pick < 0.6:
        return "colors", ",".join(rng.choice(COLORS) for _ in range(rng.randint(1, 4)))
    choice = rng.random()
    if choice < 0.25:
        return "huge_numbers", rng.choice(HUGE_NUMBERS)
    if choice < 0.4:
        return "nan_inf", rng.choice(NONFINITE)
    if choice < 0.55:
        return "unicode_text", enc(rng.choice(UNICODE_TEXTS))
    if choice < 0.65:
        return "control_chars", "".join(f"%{ord(rng.choice(CTRL)):02X}" for _ in range(rng.randint(1, 5)))
    if choice < 0.75:
        return "invalid_utf8", rng.choice(BAD_UTF8)
    if choice < 0.85:
        return "percent_tricks", rng.choice(PERCENT_TRICKS)
    if choice < 0.93:
        return "long_text", enc(rng.choice(["x", "中", "م", "👍", "W"]) * rng.choice([199, 200, 201, 500, 1000]))
    return "empty", rng.choice(["", "_", "|", ",", "||||", ",,,,", " ", "+"])


def mutate(rng: random.Random, query: str, items: list[tuple[str, str]], log: list[str]) -> str:
    """1-4 random mutations of a valid query; each mutation's name is appended to `log`."""
    items = list(items)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if op < 0.35 and items:
            i = rng.randrange(len(items))
            cat, value = _nasty_value(rng, items[i][0])
            items[i] = (items[i][0], value)
            log.append(f"value:{cat}")
        elif op < 0.5:
            name = rng.choice(PARAM_NAMES)
            cat, value = _nasty_value(rng, name)
            items.append((name, value))
            log.append(f"add:{cat}")
        elif op < 0.6 and items:
            items.append(rng.choice(items))
            log.append("duplicate_param")
        elif op < 0.65 and items:
            items.pop(rng.randrange(len(items)))
            log.append("drop_param")
        elif op < 0.72:
            items.append((rng.choice(UNKNOWN_NAMES), rng.choice(["1", "", None, "x"])))
            log.append("unknown_param")
        elif op < 0.77:
            alias = {"d": "data", "w": "width", "h": "height", "names": "series", "colors": "color",
                     "format": "fmt", "lw": "linewidth"}
            present = [k for k, _ in items if k in alias]
            if present:
                k = rng.choice(present)
                items.append((alias[k], "1"))
                log.append("alias_duplicate")
            else:
                items.append(("data", "1,2"))
                log.append("add:data_alias")
        else:
            break  # the rest are byte-level mutations of the joined string
    text = join(items)
    for _ in range(rng.randint(0, 2)):
        op = rng.random()
        pos = rng.randint(0, len(text))
        if op < 0.25:
            text = text[:pos] + rng.choice(PERCENT_TRICKS + BAD_UTF8) + text[pos:]
            log.append("byte:insert_escape")
        elif op < 0.4:
            text = text[:pos]
            log.append("byte:truncate")
        elif op < 0.55 and text:
            a = rng.randrange(len(text))
            piece = text[a:a + rng.randint(1, 40)]
            reps = max(1, min(rng.randint(2, 200), 6000 // max(1, len(piece))))
            text = text[:a] + piece * reps + text[a:]
            log.append("byte:repeat")
        elif op < 0.7:
            text = text[:pos] + rng.choice(["&", "&&", "=", "==", "|", ",", "+", ";", "?", "&=", "&_"]) + text[pos:]
            log.append("byte:separator")
        elif op < 0.85 and text:
            i = rng.randrange(len(text))
            text = text[:i] + chr(rng.randint(0x21, 0x7e)) + text[i + 1:]
            log.append("byte:flip_ascii")
        else:
            text = text.swapcase() if rng.random() < 0.3 else text.upper()
            log.append("byte:case")
    return text


def _big_post(rng: random.Random, log: list[str]) -> tuple[str, bytes]:
    """A POST form body: 10^6 points, 200,000/200,001 values, thousands of series/labels."""
    kind = rng.choice(["million_points", "gaps_at_limit", "gaps_over_limit", "series_65", "series_5000",
                       "labels_10001", "labels_10000", "points_20000", "body_300k"])
    log.append(f"post:{kind}")
    if kind == "million_points":
        return kind, b"d=" + b",".join(b"1" for _ in range(10**6))  # 2 MB: over nginx's 1m -> 413
    if kind == "gaps_at_limit":
        return kind, b"d=" + b"," * 199_999  # 200,000 gaps: allowed, "No data"
    if kind == "gaps_over_limit":
        return kind, b"d=" + b"," * 200_000  # 200,001 values
    if kind == "series_65":
        return kind, b"d=" + b"|".join(b"1" for _ in range(65))
    if kind == "series_5000":
        return kind, b"d=" + b"|".join(b"1,2" for _ in range(5000))
    if kind == "labels_10001":
        return kind, b"d=1,2,3&labels=" + b"|".join(b"L%d" % i for i in range(10_001))
    if kind == "labels_10000":
        return kind, b"type=bar&w=200&h=100&d=1,2,3&labels=" + b"|".join(b"L%d" % i for i in range(10_000))
    if kind == "points_20000":
        return kind, ("type=line&w=300&h=200&d=" + ",".join(str(rng.randint(0, 999)) for _ in range(20_000))).encode()
    return kind, b"d=1&title=" + b"x" * 300_000  # over plotgate's 256 KiB -> 413 body_too_large


def _special(rng: random.Random, log: list[str]) -> str:
    """Hand-written hostile queries: extreme but finite numbers, times, sizes, structure."""
    specials = [
        ("huge_numbers", "d=1e308,-1e308"), ("huge_numbers", "d=1.7976931348623157e308,-1.7976931348623157e308"),
        ("huge_numbers", "d=1e308,1e308,1e308"), ("huge_numbers", "d=-1e308|1e308&type=bar&stack=1"),
        ("huge_numbers", "d=1e308,1e308&type=area&stack=1"), ("huge_numbers", "d=1e308|1e308&type=bar&stack=1"),
        ("huge_numbers", "d=1e308,1e308&type=pie"), ("huge_numbers", "d=1e308,1e308,1e308&type=donut"),
        ("huge_numbers", "d=5e-324,1e-323"), ("huge_numbers", "d=5e-324,5e-324&ylog=1"),
        ("huge_numbers", "d=1e-300,1e300&ylog=1"), ("huge_numbers", "d=1&ymin=-1e308&ymax=1e308"),
        ("huge_numbers", "d=1,2&ymin=1e307&ymax=1.7976931348623157e308"), ("huge_numbers", "d=1,2&ymin=0&ymax=5e-324"),
        ("huge_numbers", "d=1,2&xmin=-1e308&xmax=1e308"), ("huge_numbers", "x=-1e308,1e308&d=1,2"),
        ("huge_numbers", "x=0,5e-324&d=1,2"), ("huge_numbers", "type=scatter&x=1e308,-1e308&d=1e308,-1e308"),
        ("huge_numbers", "type=spark&d=1e308,-1e308"), ("huge_numbers", "d=1,1.0000000000000002"),
        ("huge_numbers", "d=9007199254740993,9007199254740992"), ("huge_numbers", "d=1e15,1e15,1.0000000001e15"),
        ("huge_numbers", "type=bar&horizontal=1&d=1e308,-1e308"), ("huge_numbers", "d=1e308,-1e308&lw=20"),
        ("huge_numbers", "d=1,2&ymin=1e-320&ymax=2e-320&ylog=1"), ("huge_numbers", "d=-0,0,-0"),
        ("times", "x=@-99999999999999,@99999999999999&d=1,2"), ("times", "x=@1e15,@1e16&d=1,2"),
        ("times", "x=@-62135596800,@253402300799&d=1,2"), ("times", "x=0000-01-01,9999-12-31&d=1,2"),
        ("times", "x=2024-02-30,2024-03-01&d=1,2"), ("times", "x=2024-05-01T24:00,2024-05-02&d=1,2"),
        ("times", "x=2024-05-01T12:00:00%2B99:99,2024-05-02&d=1,2"), ("times", "x=10000-01-01,10001-01-01&d=1,2"),
        ("times", "x=2024-05-01,2024-05-01&d=1,2"), ("times", "x=@0,@0.001&d=1,2"),
        ("times", "x=2024-05-01T12:00:00.123456789,2024-05-01T12:00:00.123456790&d=1,2"),
        ("times", "x=@1700000000,@1700000000.000001,@1700000000.000002&d=1,2,3"),
        ("times", "x=2024-05-01&d=1&xmin=1999-01-01&xmax=2100-01-01"), ("times", "x=@1,@2&d=1,2&xmin=5&xmax=4"),
        ("times", "x=-1e308,1&d=1,2"), ("times", "type=scatter&x=2024-01-01,1|1,2&d=1,2|3,4"),
        ("sizes", "d=1&w=4096&h=4096&dpr=3"), ("sizes", "d=1&w=4096&h=4096&dpr=1.0001"),
        ("sizes", "d=1&w=8&h=8&dpr=3"), ("sizes", "d=1&w=8&h=8"), ("sizes", "d=1&w=4096&h=8"),
        ("sizes", "d=1&w=8&h=4096&dpr=3"), ("sizes", "type=pie&d=1,2&w=8&h=8"), ("sizes", "type=spark&d=1,2&w=8&h=8"),
        ("sizes", "d=1&w=-5&h=-5&dpr=-1"), ("sizes", "d=1&w=0&h=0"), ("sizes", "d=1&dpr=2.9999999999999996"),
        ("sizes", "d=1&w=2731&h=2048&dpr=1.5"), ("sizes", "d=1&w=1366&h=1366&dpr=3"),
        ("series", "d=" + "|".join(["1"] * 64)), ("series", "d=" + "|".join(["1"] * 65)),
        ("series", "d=" + "|".join(["1"] * 2000)), ("series", "type=bar&stack=1&d=" + "|".join(["1,2"] * 64)),
        ("series", "d=" + "|" * 3000), ("series", "type=scatter&x=1|2&d=1|2|3"),
        ("structure", ""), ("structure", "&"), ("structure", "&&&&&&"), ("structure", "="), ("structure", "=&=&="),
        ("structure", "d"), ("structure", "d="), ("structure", "d==1"), ("structure", "d=1=2"),
        ("structure", "d=1&" + "&".join(f"_{i}=1" for i in range(63))),
        ("structure", "d=1&" + "&".join(f"_{i}=1" for i in range(64))),
        ("structure", "d=1&" + "&" * 5000), ("structure", "?d=1"), ("structure", "d=1;w=100"),
        ("structure", "d=1#frag"), ("structure", "d=1&w=&w=100"), ("structure", "d=1&w=100&w="),
        ("structure", "d=1&d=2"), ("structure", "d=1&data=1"), ("structure", "D=1"), ("structure", "%64=1,2"),
        ("structure", "d%3D1"), ("structure", "d=1%26w%3D5"), ("structure", "d=1|2%7C3&names=a%7Cb|c"),
        ("structure", "d=1,2&labels=" + "|".join(["a"] * 10_000)[:7000]),
        ("long_text", "d=1&title=" + "x" * 200), ("long_text", "d=1&title=" + "x" * 201),
        ("long_text", "d=1&title=" + enc("中" * 200)), ("long_text", "d=1&title=" + enc("中" * 201)),
        ("long_text", "d=1&title=" + enc("👩‍👩‍👧‍👦" * 28)), ("long_text", "d=1&title=" + enc("e\u0301" * 100)),
        ("long_text", "d=1,2&names=" + "W" * 200 + "&legend=right"),
        ("long_text", "type=pie&d=1,2,3&labels=" + "|".join(["W" * 200] * 3)),
        ("long_text", "type=bar&d=1,2,3&labels=" + "|".join([enc("م" * 200)] * 3)),
        ("long_text", "d=1&xlabel=" + "M" * 200 + "&ylabel=" + "M" * 200 + "&w=8&h=8"),
        ("long_text", "type=bar&horizontal=1&d=1,2&labels=" + "W" * 200 + "|" + "W" * 200 + "&w=60&h=40"),
        ("unicode_text", "d=1&title=" + raw_utf8("中文标题 مرحبا")),
        ("unicode_text", "d=1,2&labels=" + enc("\u202e") + "|" + enc("\u2066")),
        ("unicode_text", "d=1&title=" + enc("\U0010ffff\uffff\ufffe")),
        ("unicode_text", "d=1&title=%F0%9F%98%80%E2%80%8D"),
        ("invalid_utf8", "d=1&title=" + "\xff\xfe"), ("invalid_utf8", "d=1&title=%ED%A0%80"),
        ("invalid_utf8", "d=1&title=%C0%80"), ("invalid_utf8", "d=1&ti%FFtle=1"),
        ("control_chars", "d=1&title=%00%01%02%1F%7F"), ("control_chars", "d=1&title=\x01\x02"),
        ("control_chars", "d=1&title=a\tb"), ("control_chars", "d=1%00,2"), ("control_chars", "d=1&%00=1"),
        ("control_chars", "d=1&title=\x00"), ("control_chars", "d=1&title=\x7f"),
        ("control_chars", "d=1&title=%0D%0AX-Injected:%201"), ("control_chars", "d=1&format=png%0D%0AX:1"),
        ("keywords", "d=1&format=svg&w=60&h=40"), ("keywords", "d=1&format=pdf&w=60&h=40"),
        ("keywords", "d=1&format=svg&fmt=pdf"), ("keywords", "type=SPARK&d=1,2&THEME=dark"),
        ("hooks", "d=1&test.crash=1"), ("hooks", "d=1&test.hang=5"), ("hooks", "d=1&test.crash=write"),
    ]
    cat, query = rng.choice(specials)
    log.append(f"special:{cat}")
    return query


WEIGHTS = [("valid", 18), ("mutated", 44), ("special", 20), ("path", 5), ("method", 4), ("post", 3),
           ("raw_bytes", 3), ("conditional", 3)]
_CATS = [c for c, w in WEIGHTS for _ in range(w)]


def make_request(seed: int, index: int, etags: list[tuple[str, str]] = ()) -> Req:
    """Request number `index` of the run with `seed`; a pure function of both (and of the
    `etags` list, fixed before the run starts)."""
    rng = random.Random(f"{seed}:{index}")
    cat = rng.choice(_CATS)
    log: list[str] = []
    method, headers, body, expect = "GET", {}, b"", None
    path = "/chart.png"
    if cat == "valid":
        query = join(valid_items(rng))
        path = rng.choice(["/chart.png"] * 8 + ["/chart", "/dash/chart.png"])
        expect = 200
    elif cat == "mutated":
        items = valid_items(rng)
        query = mutate(rng, join(items), items, log)
    elif cat == "special":
        query = _special(rng, log)
    elif cat == "path":
        path = rng.choice(PATHS)
        query = join(valid_items(rng)) if rng.random() < 0.7 else ""
        log.append(f"path:{path}")
    elif cat == "method":
        method = rng.choice(METHODS_ODD + ["HEAD"] * 4)
        query = join(valid_items(rng))
        log.append(f"method:{method}")
    elif cat == "post":
        method = "POST"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        if rng.random() < 0.5:
            _, body = _big_post(rng, log)
            query = ""
        else:
            query, body = "w=200&h=120", join(valid_items(rng)).encode("latin-1")
            log.append("post:form")
    elif cat == "raw_bytes":
        items = valid_items(rng)
        raw = rng.choice([c for c in CTRL if c not in "\r\n"] + ["\x80", "\xff", "\xc3\xa9", " ", '"', "<", "\\",
                                                                 "{", "`", "^", raw_utf8("中文"), raw_utf8("مرحبا")])
        text = join(items)
        pos = rng.randint(0, len(text))
        query = text[:pos] + raw + text[pos:]
        log.append("raw:" + ("ctrl" if ord(raw[0]) < 32 or raw == "\x7f" else "high" if ord(raw[0]) > 127 else "ascii"))
    else:  # conditional: a known ETag (304), a wrong one, or a list
        log.append("conditional")
        if etags:
            target, tag = etags[rng.randrange(len(etags))]
            path, _, query = target.partition("?")
            choice = rng.random()
            if choice < 0.5:
                headers["If-None-Match"] = tag
                expect = 304
            elif choice < 0.7:
                headers["If-None-Match"] = f'"nope", {tag}, W/"x"'
                expect = 304
            else:
                headers["If-None-Match"] = rng.choice(['"x"', "*", "garbage", '""', 'W/' + tag])
        else:
            query = join(valid_items(rng))
    if rng.random() < 0.15 and "Accept" not in headers:
        headers["Accept"] = "application/json"
    elif rng.random() < 0.1:
        headers["Accept"] = rng.choice(["image/avif,image/webp,*/*", "*/*;q=0.1, application/json;q=0.2", "x/y"])
    if len(query) > 7000 and rng.random() < 0.6 and method == "GET" and cat != "raw_bytes":
        # Long mutated queries would mostly stop at nginx's 8k request line: send some as forms.
        method, body, query = "POST", latin1_bytes(query), ""
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        log.append("post:long_query")
    target = path + ("?" + query if query or rng.random() < 0.5 else "")
    # Characters beyond latin-1 (from the value pools) go out as UTF-8 percent-escapes; raw
    # bytes are latin-1 characters already and stay raw.
    target = latin1_bytes(target).decode("latin-1")
    return Req(index, cat, method, target, headers, body, log, expect)


# --------------------------------------------------------------------------------------------
# A raw FastCGI client: any byte sequence, every read bounded
# --------------------------------------------------------------------------------------------

FCGI = {"BEGIN_REQUEST": 1, "ABORT_REQUEST": 2, "END_REQUEST": 3, "PARAMS": 4, "STDIN": 5, "STDOUT": 6,
        "STDERR": 7, "DATA": 8, "GET_VALUES": 9, "GET_VALUES_RESULT": 10, "UNKNOWN_TYPE": 11}
FCGI_NAMES = {v: k for k, v in FCGI.items()}


def record(rtype: int, content: bytes = b"", rid: int = 1, version: int = 1, padding: int = 0,
           length: int | None = None) -> bytes:
    """One record; `length` may lie about the content's length."""
    n = len(content) if length is None else length
    return struct.pack(">BBHHBB", version, rtype, rid, n, padding, 0) + content + b"\0" * padding


def begin(rid: int = 1, role: int = 1, flags: int = 0, version: int = 1) -> bytes:
    return record(FCGI["BEGIN_REQUEST"], struct.pack(">HB5x", role, flags), rid, version)


def nv_length(n: int) -> bytes:
    return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)


def name_values(pairs) -> bytes:
    """FastCGI name-value pairs; a pair may be (name, value, name_len, value_len) to lie."""
    out = b""
    for pair in pairs:
        name, value = pair[0], pair[1]
        nlen = pair[2] if len(pair) > 2 else len(name)
        vlen = pair[3] if len(pair) > 3 else len(value)
        out += nv_length(nlen) + nv_length(vlen) + name + value
    return out


def params_records(params: dict[str, str], rid: int = 1) -> bytes:
    data = name_values((k.encode(), v.encode()) for k, v in params.items())
    out = b"".join(record(FCGI["PARAMS"], data[i:i + 65535], rid) for i in range(0, len(data), 65535))
    return out + record(FCGI["PARAMS"], b"", rid)


def chart_params(query: str = "d=1,3,2&w=40&h=30", method: str = "GET", content_length: int | None = None,
                 path: str = "/chart.png") -> dict[str, str]:
    p = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method, "SCRIPT_NAME": path,
         "REQUEST_URI": f"{path}?{query}", "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1",
         "REQUEST_ID": "raw-fcgi"}
    if content_length is not None:
        p["CONTENT_LENGTH"] = str(content_length)
        p["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    return p


def parse_records(buf: bytes) -> tuple[list[tuple[int, int, bytes]], bytes]:
    """(complete records as (type, request id, content), leftover bytes)."""
    out, pos = [], 0
    while pos + 8 <= len(buf):
        _, rtype, rid, clen, plen, _ = struct.unpack(">BBHHBB", buf[pos:pos + 8])
        if pos + 8 + clen + plen > len(buf):
            break
        out.append((rtype, rid, buf[pos + 8:pos + 8 + clen]))
        pos += 8 + clen + plen
    return out, buf[pos:]


@dataclass
class FcgiReply:
    records: list[tuple[int, int, bytes]]
    leftover: bytes
    closed: bool  # the worker closed the connection (EOF or reset)
    reset: bool
    elapsed: float

    @property
    def types(self) -> list[str]:
        return [FCGI_NAMES.get(t, str(t)) for t, _, _ in self.records]

    @property
    def stdout(self) -> bytes:
        return b"".join(c for t, _, c in self.records if t == FCGI["STDOUT"])

    @property
    def http_status(self) -> int | None:
        m = re.match(rb"Status: (\d{3})", self.stdout)
        return int(m.group(1)) if m else None

    def summary(self) -> dict:
        return {"records": self.types, "http_status": self.http_status, "closed": self.closed,
                "reset": self.reset, "leftover_bytes": len(self.leftover), "elapsed_s": round(self.elapsed, 3),
                "stdout_bytes": len(self.stdout)}


class RawFcgi:
    """One connection to a FastCGI unix socket (or 127.0.0.1 TCP port)."""

    def __init__(self, address, timeout: float = 5.0):
        if isinstance(address, int):
            self.sock = socket.create_connection(("127.0.0.1", address), timeout=timeout)
        else:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(str(address))
        self.sock.settimeout(timeout)

    def send(self, data: bytes) -> bool:
        """False when the worker had already gone (EPIPE/ECONNRESET)."""
        try:
            self.sock.sendall(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False

    def read(self, timeout: float, until_end: bool = True) -> FcgiReply:
        """Reads until the worker closes, an END_REQUEST arrives (if `until_end`), or
        `timeout` seconds pass; never longer."""
        t0 = time.monotonic()
        deadline = t0 + timeout
        buf, closed, reset = b"", False, False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                closed = reset = True
                break
            if not data:
                closed = True
                break
            buf += data
            if until_end and any(t == FCGI["END_REQUEST"] for t, _, _ in parse_records(buf)[0]):
                break
        records, leftover = parse_records(buf)
        return FcgiReply(records, leftover, closed, reset, time.monotonic() - t0)

    def close(self) -> None:
        self.sock.close()
