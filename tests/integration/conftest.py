"""Fixtures and helpers for plotgate's integration tests: real processes, no mocks.

A *stack* is a private nginx (Debian's /usr/sbin/nginx) listening on 127.0.0.1:<free port>,
including the repository's own nginx/plotgate-locations.conf, in front of one
`plotgate worker` started by `spawn-fcgi -n` on a unix socket in a temp dir, or (with
`command="serve"`) a `plotgate serve` pool whose socket comes from spawn-fcgi, from plotgate
itself (`--socket` / `--listen`) or from systemd-style activation (fd 3 with LISTEN_FDS and
LISTEN_PID); `make_stack` starts such stacks on demand. Optionally the stack also runs
Debian's fcgiwrap (under spawn-fcgi too) behind a `/cgi/` location whose SCRIPT_FILENAME is
the plotgate binary, so plotgate runs as a plain CGI program.

Only the standard library and PIL are used. Every socket has a timeout, every wait is bounded,
and teardown kills exactly the processes the fixture started, by PID.
"""

from __future__ import annotations

import io
import json
import os
import pwd
import grp
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
SNIPPET = REPO / "nginx" / "plotgate-locations.conf"
NGINX = "/usr/sbin/nginx"
SPAWN_FCGI = shutil.which("spawn-fcgi") or "/usr/bin/spawn-fcgi"
FCGIWRAP = "/usr/sbin/fcgiwrap"
FASTCGI_PARAMS = Path("/etc/nginx/fastcgi_params")

READY_TIMEOUT = 10.0  # seconds for a stack to come up
GRACE = 3.0  # seconds between SIGTERM and SIGKILL at teardown
HTTP_TIMEOUT = 30.0  # per request, socket and overall


# --------------------------------------------------------------------------------------------
# The binary under test
# --------------------------------------------------------------------------------------------

def plotgate_binary() -> Path:
    """PLOTGATE_BIN if set; else the release build when it is newer than the debug one."""
    env = os.environ.get("PLOTGATE_BIN")
    if env:
        path = Path(env).resolve()
        if not os.access(path, os.X_OK):
            pytest.exit(f"PLOTGATE_BIN={env} is not an executable file", returncode=2)
        return path
    release = REPO / ".build" / "release" / "plotgate"
    debug = REPO / ".build" / "debug" / "plotgate"
    if release.exists() and (not debug.exists() or release.stat().st_mtime > debug.stat().st_mtime):
        return release
    if debug.exists():
        return debug
    pytest.exit("no plotgate binary: run `swift build` (or set PLOTGATE_BIN)", returncode=2)


@pytest.fixture(scope="session")
def binary() -> Path:
    return plotgate_binary()


def pytest_report_header(config):
    return f"plotgate binary: {plotgate_binary()} (set PLOTGATE_BIN to choose)"


# --------------------------------------------------------------------------------------------
# A minimal HTTP/1.1 client on raw sockets: exactly what is on the wire, bounded in time
# --------------------------------------------------------------------------------------------

@dataclass
class Response:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    raw_body_length: int  # bytes after the header block, as received (before de-chunking)
    elapsed: float

    def header(self, name: str) -> str | None:
        """The single value of a header (asserts it is not repeated); None when absent."""
        values = self.all(name)
        assert len(values) <= 1, f"header {name} appears {len(values)} times: {values}"
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self) -> str:  # short, for assertion messages
        hs = "; ".join(f"{k}: {v}" for k, v in self.headers)
        return f"<{self.status} {self.reason} [{hs}] body={len(self.body)}B {self.body[:80]!r}>"


def _dechunk(data: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while True:
        end = data.index(b"\r\n", pos)
        size = int(data[pos:end].split(b";")[0], 16)
        pos = end + 2
        if size == 0:
            return bytes(out)
        out += data[pos:pos + size]
        pos += size + 2


def parse_response(raw: bytes, elapsed: float = 0.0, method: str = "GET") -> Response:
    head, sep, rest = raw.partition(b"\r\n\r\n")
    assert sep, f"no complete header block in response: {raw[:200]!r}"
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.[01] (\d{3}) ?(.*)", lines[0])
    assert m, f"bad status line {lines[0]!r}"
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    body = rest
    chunked = any(k.lower() == "transfer-encoding" and "chunked" in v.lower() for k, v in headers)
    if chunked and method != "HEAD" and rest:
        body = _dechunk(rest)
    return Response(int(m.group(1)), m.group(2), headers, body, len(rest), elapsed)


def send_request(port: int, method: str, target: str, headers: dict | None = None,
                 body: bytes = b"", timeout: float = HTTP_TIMEOUT) -> socket.socket:
    """Opens a connection and sends one request (Connection: close); returns the socket."""
    hdrs = {"Host": "localhost", "Connection": "close", "User-Agent": "plotgate-integration"}
    if (body or method in ("POST", "PUT")) and "Transfer-Encoding" not in (headers or {}):
        hdrs["Content-Length"] = str(len(body))
    hdrs.update(headers or {})
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items()) + "\r\n"
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.settimeout(timeout)
    try:
        sock.sendall(head.encode("latin-1") + body)
    except (BrokenPipeError, ConnectionResetError):
        # The server may answer (413) and close before reading a body it refuses; the answer
        # is still in our receive buffer.
        pass
    return sock


def read_response(sock: socket.socket, method: str = "GET", timeout: float = HTTP_TIMEOUT,
                  started: float | None = None) -> Response:
    """Reads until the server closes (Connection: close), bounded by `timeout`."""
    started = started or time.monotonic()
    deadline = time.monotonic() + timeout
    chunks = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"response not complete within {timeout}s")
            sock.settimeout(left)
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break  # nginx resets after a lingering close; what arrived is the answer
            if not data:
                break
            chunks.append(data)
    finally:
        sock.close()
    return parse_response(b"".join(chunks), time.monotonic() - started, method)


def http(port: int, method: str, target: str, headers: dict | None = None, body: bytes = b"",
         timeout: float = HTTP_TIMEOUT) -> Response:
    started = time.monotonic()
    sock = send_request(port, method, target, headers, body, timeout)
    return read_response(sock, method, timeout, started)


# --------------------------------------------------------------------------------------------
# Checks shared by the tests
# --------------------------------------------------------------------------------------------

def decode_png(data: bytes) -> Image.Image:
    """Decodes a PNG completely (a truncated or corrupt file fails here)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"not a PNG: {data[:16]!r}"
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    return image


def assert_png(resp: Response, size: tuple[int, int] | None = None) -> Image.Image:
    assert resp.header("Content-Type") == "image/png", resp
    assert resp.header("Content-Length") == str(len(resp.body)), resp
    image = decode_png(resp.body)
    if size is not None:
        assert image.size == size, f"PNG is {image.size}, expected {size}"
    return image


def assert_error_image(resp: Response, status: int, code: str, mime: str = "image/png") -> None:
    """An error from plotgate itself: status, X-Plotgate-Error, no-store, and a real image."""
    assert resp.status == status, resp
    assert resp.header("X-Plotgate-Error") == code, resp
    assert resp.header("Cache-Control") == "no-store", resp
    assert resp.header("Content-Type") == mime, resp
    assert resp.header("Content-Length") == str(len(resp.body)), resp
    if mime == "image/png":
        decode_png(resp.body)
    elif mime == "image/svg+xml":
        assert b"<svg" in resp.body[:500], resp
    elif mime == "application/pdf":
        assert resp.body.startswith(b"%PDF-"), resp


def assert_nginx_error(resp: Response, status: int) -> None:
    """An error nginx answered itself: no plotgate header, nginx's HTML page."""
    assert resp.status == status, resp
    assert resp.header("X-Plotgate-Error") is None, resp
    assert (resp.header("Content-Type") or "").startswith("text/html"), resp
    assert b"nginx" in resp.body, resp


def form_body(params: dict[str, str]) -> bytes:
    from urllib.parse import urlencode
    return urlencode(params, safe=",|").encode()


def series(n: int, mul: int, mod: int) -> str:
    """n deterministic integers as a comma list (no randomness: failures must reproduce)."""
    return ",".join(str((i * mul) % mod) for i in range(n))


# --------------------------------------------------------------------------------------------
# Access log (worker stderr): `plotgate: id=... method=... status=... bytes=... outcome=...`
# --------------------------------------------------------------------------------------------

ACCESS_RE = re.compile(r"^plotgate: (id=.*)$")


def parse_access_line(line: str) -> dict[str, str] | None:
    m = ACCESS_RE.match(line)
    if not m:
        return None
    return dict(item.split("=", 1) for item in m.group(1).split(" ") if "=" in item)


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _start_time(pid: int) -> str | None:
    """The process's start time (field 22 of /proc/PID/stat): with the PID, it identifies the
    process, so a recycled PID is never signalled by mistake. None once it is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] == "Z" else fields[19]


def descendants(pid: int) -> dict[int, str]:
    out = {}
    for child in children_of(pid):
        start = _start_time(child)
        if start is not None:
            out[child] = start
            out.update(descendants(child))
    return out


def _signal_if_same(pid: int, start: str, sig: int) -> bool:
    if _start_time(pid) != start:
        return False
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return False
    return True


def stop_process(proc: subprocess.Popen, grace: float = GRACE) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds, by PID: the process we started and the
    descendants it started for us (nginx's workers, fcgiwrap's children), which would
    otherwise be left behind as orphans."""
    family = descendants(proc.pid) if proc.poll() is None else {}
    if proc.poll() is None:
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=grace)
    # Whatever of its family is still there: SIGTERM, a grace period, SIGKILL.
    alive = {pid: st for pid, st in family.items() if _signal_if_same(pid, st, signal.SIGTERM)}
    deadline = time.monotonic() + grace
    while alive and time.monotonic() < deadline:
        alive = {pid: st for pid, st in alive.items() if _start_time(pid) == st}
        time.sleep(0.02)
    for pid, st in alive.items():
        _signal_if_same(pid, st, signal.SIGKILL)


def web_user() -> tuple[str, str] | None:
    """When root: the user/group nginx's workers run as (nobody/nogroup, else www-data)."""
    if os.geteuid() != 0:
        return None
    for user, group in (("nobody", "nogroup"), ("www-data", "www-data")):
        try:
            pwd.getpwnam(user)
            grp.getgrnam(group)
            return user, group
        except KeyError:
            continue
    pytest.fail("running as root but neither nobody/nogroup nor www-data exists")


NGINX_CONF = """\
# Generated by tests/integration/conftest.py for one test stack.
daemon off;
master_process on;
worker_processes 1;
{user_line}
error_log {tmp}/error.log info;
pid {tmp}/nginx.pid;
events {{ worker_connections 128; }}
http {{
    log_format plotgate '$request_id $status $body_bytes_sent "$request"';
    access_log {tmp}/access.log plotgate;
    client_body_temp_path {tmp}/client_body_temp;
    proxy_temp_path {tmp}/proxy_temp;
    fastcgi_temp_path {tmp}/fastcgi_temp;
    uwsgi_temp_path {tmp}/uwsgi_temp;
    scgi_temp_path {tmp}/scgi_temp;
    default_type application/octet-stream;

    upstream plotgate {{ server {upstream}; }}

    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {tmp}/html;
        # Test-only: lets a test match a response with the worker's access-log line
        # (plotgate logs id=<REQUEST_ID>, which the snippet sets to $request_id).
        add_header X-Request-Id $request_id always;

        include {snippet};

        # The pool's status page (plotgate serve; a lone `plotgate worker` answers 404).
        location = /status {{
            include fastcgi_params;
            fastcgi_param REQUEST_ID $request_id;
            fastcgi_pass plotgate;
            allow 127.0.0.1;
            deny all;
        }}
{cgi_block}
{server_extra}
    }}
{http_extra}
}}
"""

CGI_BLOCK = """
        # plotgate as a plain CGI program, run by fcgiwrap. ^~ wins over the snippet's regex.
        location ^~ /cgi/ {{
            include fastcgi_params;
            fastcgi_param SCRIPT_FILENAME {binary};
            fastcgi_param REQUEST_ID $request_id;
            fastcgi_pass unix:{tmp}/cgi.sock;
        }}
"""


# Runs as the process that becomes `plotgate serve` under systemd-style socket activation:
# argv = [fd, binary, args...]; moves the listening socket to fd 3, sets LISTEN_FDS=1 and
# LISTEN_PID to its own pid (which exec keeps), and execs plotgate in place.
SYSTEMD_WRAPPER = """\
import os, sys
fd = int(sys.argv[1])
if fd != 3:
    os.dup2(fd, 3)
    os.close(fd)
os.set_inheritable(3, True)
env = dict(os.environ, LISTEN_FDS="1", LISTEN_PID=str(os.getpid()))
os.execve(sys.argv[2], sys.argv[2:], env)
"""

WORKER_COMM = "plotgate-wrk"


def comm(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None


def pool_workers(master_pid: int) -> list[int]:
    """The live (not zombie) workers of a `plotgate serve` master: its children named
    plotgate-wrk."""
    return [p for p in children_of(master_pid) if comm(p) == WORKER_COMM and _start_time(p) is not None]


def alive(pid: int, start: str | None = None) -> bool:
    """True while the process exists and is not a zombie (and, given `start`, is that process)."""
    st = _start_time(pid)
    return st is not None and (start is None or st == start)


# `2026-11-23T22:08:42.786Z plotgate[master]: text` (master) and
# `2026-11-23T22:08:42.782Z plotgate: worker 10706 leaving: max_renders(3)` (worker). Not
# anchored at the start of the line: the processes share one stderr, and a crashing worker's
# Swift backtrace writes `*** Signal 6: Backtracing from 0x...` and ` done ***` separately, so
# a master line can start in the middle of that one.
STAMPED_RE = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z (plotgate(?:\[master\])?): (.*)$")


def parse_stamp(text: str) -> float:
    """Seconds since the epoch of a log timestamp (UTC, millisecond resolution)."""
    from datetime import datetime, timezone
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp()


@dataclass(repr=False)
class Stack:
    binary: Path
    with_cgi: bool = False
    worker_args: list[str] = field(default_factory=list)
    # "worker" (one `plotgate worker`) or "serve" (the pool; `worker` is then its master).
    command: str = "worker"
    serve_args: list[str] = field(default_factory=list)
    # Where the pool's socket comes from: "spawn-fcgi" (fd 0), "unix" (serve --socket),
    # "tcp" (serve --listen 127.0.0.1:PORT) or "systemd" (fd 3 + LISTEN_FDS/LISTEN_PID).
    source: str = "spawn-fcgi"
    env: dict[str, str] = field(default_factory=dict)
    nginx_http_extra: str = ""
    nginx_server_extra: str = ""
    tcp_port: int = 0
    tmp: Path = None
    port: int = 0
    worker: subprocess.Popen = None
    nginx: subprocess.Popen = None
    fcgiwrap: subprocess.Popen = None
    _files: list = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<Stack {self.tmp} port={self.port} worker={self.worker.pid if self.worker else None}>"

    # --- paths
    @property
    def worker_log(self) -> Path:
        return self.tmp / "worker.stderr"

    @property
    def error_log(self) -> Path:
        return self.tmp / "error.log"

    @property
    def socket_path(self) -> Path:
        return self.tmp / "plotgate.sock"

    # --- lifecycle
    def start(self) -> "Stack":
        for tool, package in ((NGINX, "nginx"), (SPAWN_FCGI, "spawn-fcgi"), (FCGIWRAP, "fcgiwrap")):
            if (tool != FCGIWRAP or self.with_cgi) and not os.access(tool, os.X_OK):
                pytest.fail(f"{tool} is missing: apt-get install {package}", pytrace=False)
        self.tmp = Path(tempfile.mkdtemp(prefix="plotgate-it-"))
        os.chmod(self.tmp, 0o711)  # nginx's worker user must reach the sockets
        (self.tmp / "html").mkdir()
        os.chmod(self.tmp / "html", 0o755)
        shutil.copy(FASTCGI_PARAMS, self.tmp / "fastcgi_params")  # the snippet includes it relatively
        who = web_user()
        owner = ["-U", who[0], "-G", who[1]] if who else []
        try:
            self._start_worker(owner)
            if self.with_cgi:
                self._start_fcgiwrap(owner)
            self._start_nginx(who)
            self._wait_ready()
        except BaseException:
            self.stop(dump=True)
            raise
        return self

    def _spawn(self, argv: list[str], log_name: str, pass_fds=()) -> subprocess.Popen:
        log = open(self.tmp / log_name, "ab")
        self._files.append(log)
        env = dict(os.environ, **self.env) if self.env else None
        return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                cwd=self.tmp, start_new_session=True, env=env, pass_fds=pass_fds)

    @property
    def master(self) -> subprocess.Popen:
        """With command="serve": the pool's master (spawn-fcgi -n / the wrapper exec it in place)."""
        return self.worker

    @property
    def upstream(self) -> str:
        return f"127.0.0.1:{self.tcp_port}" if self.source == "tcp" else f"unix:{self.socket_path}"

    def _start_worker(self, owner: list[str]) -> None:
        # -n: spawn-fcgi binds the socket, puts it on fd 0 and execs the worker in place, so
        # the Popen pid *is* the worker's pid. The worker's stderr (its access log) -> file.
        if self.command == "worker":
            argv = [SPAWN_FCGI, "-n", "-s", str(self.socket_path), "-M", "0660", *owner, "--",
                    str(self.binary), "worker", *self.worker_args]
            self.worker = self._spawn(argv, "worker.stderr")
            return
        assert self.command == "serve", self.command
        serve = [str(self.binary), "serve", *self.serve_args]
        if self.source == "spawn-fcgi":
            self.worker = self._spawn([SPAWN_FCGI, "-n", "-s", str(self.socket_path), "-M", "0660",
                                       *owner, "--", *serve], "worker.stderr")
        elif self.source == "unix":
            group = ["--socket-group", web_user()[1]] if web_user() else []
            self.worker = self._spawn([*serve, "--socket", str(self.socket_path), "--socket-mode", "0660",
                                       *group], "worker.stderr")
        elif self.source == "tcp":
            self.tcp_port = free_port()
            self.worker = self._spawn([*serve, "--listen", f"127.0.0.1:{self.tcp_port}"], "worker.stderr")
        elif self.source == "systemd":
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                listener.bind(str(self.socket_path))
                os.chmod(self.socket_path, 0o666)
                listener.listen(128)
                self.worker = self._spawn([sys.executable, "-c", SYSTEMD_WRAPPER, str(listener.fileno()), *serve],
                                          "worker.stderr", pass_fds=(listener.fileno(),))
            finally:
                listener.close()  # the child has its own copy
        else:
            raise ValueError(f"unknown socket source {self.source!r}")

    def _start_fcgiwrap(self, owner: list[str]) -> None:
        # fcgiwrap without -s serves the FastCGI socket on fd 0, which spawn-fcgi provides
        # (Debian runs it the same way from a systemd socket unit). It runs the CGI program
        # named by SCRIPT_FILENAME as its own user.
        argv = [SPAWN_FCGI, "-n", "-s", str(self.tmp / "cgi.sock"), "-M", "0660", *owner, "--",
                FCGIWRAP]  # one process, no pre-forked children
        self.fcgiwrap = self._spawn(argv, "fcgiwrap.stderr")

    def _start_nginx(self, who) -> None:
        self.port = free_port()
        conf = NGINX_CONF.format(
            tmp=self.tmp, port=self.port, snippet=SNIPPET, upstream=self.upstream,
            server_extra=self.nginx_server_extra.format(tmp=self.tmp),
            http_extra=self.nginx_http_extra.format(tmp=self.tmp),
            user_line=f"user {who[0]} {who[1]};" if who else "",
            cgi_block=CGI_BLOCK.format(tmp=self.tmp, binary=self.binary) if self.with_cgi else "")
        (self.tmp / "nginx.conf").write_text(conf)
        argv = [NGINX, "-e", str(self.error_log), "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf")]
        self.nginx = self._spawn(argv, "nginx.stderr")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        last = "nothing tried"
        while time.monotonic() < deadline:
            for name, proc in (("worker", self.worker), ("nginx", self.nginx), ("fcgiwrap", self.fcgiwrap)):
                if proc is not None and proc.poll() is not None:
                    raise RuntimeError(f"{name} exited with {proc.returncode} during start-up\n{self.logs()}")
            try:
                r = http(self.port, "GET", "/ping", timeout=2)
                if r.status == 200 and r.body == b"pong\n":
                    # spawn-fcgi -n must have exec'd the worker in place.
                    exe = os.readlink(f"/proc/{self.worker.pid}/exe")
                    assert Path(exe) == self.binary.resolve(), f"worker pid runs {exe}, not {self.binary}"
                    # The worker logs a request after answering it: wait for the ping's line,
                    # so tests that count log lines start from a settled log.
                    logs_access = "--no-access-log" not in (self.worker_args + self.serve_args)
                    while logs_access and not any(e.get("path") == "/ping" for e in self.access_lines()):
                        if time.monotonic() > deadline:
                            raise RuntimeError("the worker never logged the readiness ping\n" + self.logs())
                        time.sleep(0.01)
                    if self.command == "serve":
                        self.wait_pool(self.pool_size(), deadline - time.monotonic())
                    return
                last = repr(r)
            except OSError as e:
                last = repr(e)
            time.sleep(0.05)
        raise RuntimeError(f"stack not ready within {READY_TIMEOUT}s (last: {last})\n{self.logs()}")

    def stop(self, dump: bool = False) -> None:
        for proc in (self.nginx, self.fcgiwrap, self.worker):
            if proc is not None:
                stop_process(proc)
        for f in self._files:
            f.close()
        if dump:
            print(self.logs(), file=sys.stderr)
        if self.tmp and self.tmp.exists():
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- logs
    def logs(self) -> str:
        parts = []
        for name in ("worker.stderr", "fcgiwrap.stderr", "nginx.stderr", "error.log", "access.log"):
            p = self.tmp / name if self.tmp else None
            if p and p.exists():
                text = "\n".join(line if len(line) <= 400 else line[:400] + "...[cut]"
                                 for line in p.read_text(errors="replace").splitlines())
                if len(text) > 20000:
                    text = "...\n" + text[-20000:]
                parts.append(f"----- {name} -----\n{text}")
        return "\n".join(parts)

    def worker_log_text(self) -> str:
        return self.worker_log.read_text(errors="replace")

    def access_lines(self) -> list[dict[str, str]]:
        out = []
        for line in self.worker_log_text().splitlines():
            entry = parse_access_line(line)
            if entry is not None:
                out.append(entry)
        return out

    def wait_access_lines(self, count: int, timeout: float = 5.0) -> list[dict[str, str]]:
        """Waits until the worker has logged at least `count` lines (it logs after finishing
        the response, so a line can trail the client's last byte by a moment)."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.access_lines()
            if len(lines) >= count or time.monotonic() > deadline:
                return lines
            time.sleep(0.02)

    def quiesce(self) -> int:
        """Waits until every earlier request is in the worker's log; returns the line count.
        The single worker logs a request after answering it, before accepting the next, so
        once a marker request's own line is there, all earlier lines are too."""
        r = self.get(f"/chart.png?d=1&w=16&h=16&_=quiesce{time.monotonic_ns()}")
        assert r.status == 200, r
        assert self.log_for(r.header("X-Request-Id")), "marker request never logged\n" + self.logs()
        return len(self.access_lines())

    def log_for(self, request_id: str, timeout: float = 5.0) -> list[dict[str, str]]:
        """The worker's access-log lines for one nginx request id (waits for at least one)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [e for e in self.access_lines() if e.get("id") == request_id]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.02)

    # --- the pool (command="serve")
    def pool_size(self) -> int:
        args = self.serve_args
        return int(args[args.index("--workers") + 1]) if "--workers" in args else os.cpu_count()

    def pool_workers(self) -> list[int]:
        return pool_workers(self.worker.pid)

    def wait_pool(self, n: int, timeout: float = 5.0, exclude: set[int] = frozenset()) -> list[int]:
        """Waits until the master has exactly `n` live workers, none of them in `exclude`."""
        deadline = time.monotonic() + max(timeout, 0)
        while True:
            pids = self.pool_workers()
            if len(pids) == n and not exclude.intersection(pids):
                return pids
            if time.monotonic() > deadline:
                raise AssertionError(f"pool has workers {pids} (wanted {n}, none of {sorted(exclude)}) "
                                     f"after {timeout:.1f}s\n{self.logs()}")
            time.sleep(0.005)

    def status(self) -> dict:
        r = self.get("/status", timeout=10)
        assert r.status == 200 and r.header("Content-Type") == "application/json", r
        return r.json()

    def stamped_lines(self, who: str | None = None) -> list[tuple[float, str, str]]:
        """Timestamped log lines (time, "plotgate[master]" or "plotgate", text), in file order;
        `who` keeps only the master's ("plotgate[master]") or the workers' ("plotgate")."""
        out = []
        for line in self.worker_log_text().splitlines():
            m = STAMPED_RE.search(line)
            if m and (who is None or m.group(2) == who):
                out.append((parse_stamp(m.group(1)), m.group(2), m.group(3)))
        return out

    def master_lines(self) -> list[tuple[float, str]]:
        return [(t, text) for t, _, text in self.stamped_lines("plotgate[master]")]

    def wait_master_line(self, pattern: str, count: int = 1, timeout: float = 5.0) -> list[re.Match]:
        """Waits until at least `count` master log lines match `pattern` (re.search)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in (re.search(pattern, text) for _, text in self.master_lines()) if m]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.01)

    # --- requests
    def request(self, method: str, target: str, headers: dict | None = None, body: bytes = b"",
                timeout: float = HTTP_TIMEOUT) -> Response:
        return http(self.port, method, target, headers, body, timeout)

    def get(self, target: str, headers: dict | None = None, **kw) -> Response:
        return self.request("GET", target, headers, **kw)


@pytest.fixture(scope="session")
def stack(binary):
    """The shared stack: nginx + spawn-fcgi + one plotgate worker (+ fcgiwrap for /cgi/)."""
    s = Stack(binary=binary, with_cgi=True).start()
    yield s
    s.stop()


@pytest.fixture
def fresh_stack(binary):
    """A private stack for one test (lifecycle tests stop its worker)."""
    s = Stack(binary=binary).start()
    yield s
    s.stop()


# --------------------------------------------------------------------------------------------
# Load for the pool's tests: client threads, bounded in count and time, every outcome kept
# --------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    started: float  # time.monotonic() when the request was sent
    elapsed: float
    status: int  # 0: no HTTP answer at all (connection refused/reset, timeout)
    complete: bool  # the body is as long as its Content-Length said
    error: str = ""
    target: str = ""


def response_complete(r: Response) -> bool:
    length = r.header("Content-Length")
    return length is not None and int(length) == len(r.body)


class Load:
    """`threads` client threads sending `target(i)` (a function of the request number) to a
    stack until `stop()`, `max_requests` in all, or `duration` seconds; each thread sends at
    most `rate` requests per second when given. Every outcome is kept in `outcomes`."""

    def __init__(self, stack: "Stack", threads: int = 4, target=None, max_requests: int = 100_000,
                 duration: float = 60.0, rate: float | None = None, timeout: float = 10.0):
        self.stack = stack
        self.target = target or (lambda i: f"/chart.png?d=1,3,2&w=60&h=40&_={i}")
        self.max_requests = max_requests
        self.duration = duration
        self.rate = rate
        self.timeout = timeout
        self.outcomes: list[Outcome] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._count = 0
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _next(self) -> int | None:
        with self._lock:
            if self._count >= self.max_requests:
                return None
            self._count += 1
            return self._count

    def _run(self) -> None:
        deadline = time.monotonic() + self.duration
        while not self._stop.is_set() and time.monotonic() < deadline:
            i = self._next()
            if i is None:
                return
            target = self.target(i)
            t0 = time.monotonic()
            try:
                r = self.stack.get(target, timeout=self.timeout)
                o = Outcome(t0, time.monotonic() - t0, r.status, response_complete(r), target=target)
            except Exception as e:  # noqa: BLE001 - every failure is an outcome to report
                o = Outcome(t0, time.monotonic() - t0, 0, False, f"{type(e).__name__}: {e}", target)
            with self._lock:
                self.outcomes.append(o)
            if self.rate:
                time.sleep(max(0.0, 1.0 / self.rate - (time.monotonic() - t0)))

    def start(self) -> "Load":
        for th in self._threads:
            th.start()
        return self

    def wait(self) -> list[Outcome]:
        """Waits until the load ends by itself (`max_requests` sent or `duration` over)."""
        for th in self._threads:
            th.join(timeout=self.duration + self.timeout + 5)
        return self.stop()

    def stop(self) -> list[Outcome]:
        """Ends the load now (each thread finishes the request it is in)."""
        self._stop.set()
        for th in self._threads:
            th.join(timeout=self.timeout + 5)
            assert not th.is_alive(), "a load thread did not finish"
        return self.outcomes

    def failures(self) -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if not (200 <= o.status < 300 and o.complete)]

    def __len__(self) -> int:
        with self._lock:
            return len(self.outcomes)


def rss_kb(pid: int) -> int | None:
    """VmRSS of a process in KiB, None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class StackFactory:
    """Starts stacks on demand (`make_stack(command="serve", serve_args=[...])`) and stops
    every one of them, by PID, when the test ends."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.stacks: list[Stack] = []

    def __call__(self, **kw) -> Stack:
        s = Stack(binary=self.binary, **kw)
        self.stacks.append(s)
        return s.start()

    def stop_all(self) -> None:
        for s in self.stacks:
            if s.tmp is not None and s.tmp.exists():
                s.stop()


@pytest.fixture
def make_stack(binary):
    factory = StackFactory(binary)
    yield factory
    factory.stop_all()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test that used a stack shows that stack's logs (worker stderr, fcgiwrap,
    nginx's error.log and access.log) under its failure, taken before teardown removes them."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        funcargs = getattr(item, "funcargs", {})
        candidates = [(name, funcargs.get(name)) for name in ("fresh_stack", "stack")]
        factory = funcargs.get("make_stack")
        if isinstance(factory, StackFactory):
            candidates += [(f"make_stack[{i}]", s) for i, s in enumerate(factory.stacks)]
        for name, s in candidates:
            if isinstance(s, Stack) and s.tmp is not None and s.tmp.exists():
                report.sections.append((f"{name} logs", s.logs()))


# --------------------------------------------------------------------------------------------
# A minimal FastCGI client, to talk to the worker's socket directly (as nginx does), for
# tests that need to control exactly when each byte arrives.
# --------------------------------------------------------------------------------------------

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7


def fcgi_record(rtype: int, content: bytes, request_id: int = 1) -> bytes:
    out = b""
    for i in range(0, max(len(content), 1), 65535):
        part = content[i:i + 65535]
        out += struct.pack(">BBHHBB", 1, rtype, request_id, len(part), 0, 0) + part
    return out


def fcgi_params(params: dict[str, str]) -> bytes:
    def length(n: int) -> bytes:
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)

    data = b""
    for k, v in params.items():
        kb, vb = k.encode(), v.encode()
        data += length(len(kb)) + length(len(vb)) + kb + vb
    return data


def fcgi_request_bytes(params: dict[str, str], body: bytes = b"") -> tuple[bytes, bytes, bytes]:
    """(BEGIN_REQUEST + PARAMS records, STDIN records with the body, the empty STDIN record)."""
    begin = fcgi_record(FCGI_BEGIN_REQUEST, struct.pack(">HB5x", 1, 0))  # responder, no keep-conn
    head = begin + fcgi_record(FCGI_PARAMS, fcgi_params(params)) + fcgi_record(FCGI_PARAMS, b"")
    stdin = b"".join(fcgi_record(FCGI_STDIN, body[i:i + 65535]) for i in range(0, len(body), 65535))
    return head, stdin, fcgi_record(FCGI_STDIN, b"")


def fcgi_read_response(sock: socket.socket, timeout: float = HTTP_TIMEOUT) -> tuple[bytes, bytes, bool]:
    """Reads records until the worker closes: (stdout bytes, stderr bytes, END_REQUEST seen)."""
    deadline = time.monotonic() + timeout
    buf = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("FastCGI response not complete")
        sock.settimeout(left)
        try:
            data = sock.recv(65536)
        except ConnectionResetError:
            data = b""
        if not data:
            break
        buf += data
    out, err, ended, pos = b"", b"", False, 0
    while pos + 8 <= len(buf):
        _, rtype, _, clen, plen, _ = struct.unpack(">BBHHBB", buf[pos:pos + 8])
        content = buf[pos + 8:pos + 8 + clen]
        pos += 8 + clen + plen
        if rtype == FCGI_STDOUT:
            out += content
        elif rtype == FCGI_STDERR:
            err += content
        elif rtype == FCGI_END_REQUEST:
            ended = True
    return out, err, ended


def parse_cgi_output(data: bytes) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """`Status: 200 OK` line, headers, blank line, body (CGI stdout / FastCGI STDOUT)."""
    head, sep, body = data.partition(b"\r\n\r\n")
    assert sep, f"no blank line after the CGI headers: {data[:300]!r}"
    lines = head.decode("latin-1").split("\r\n")
    m = re.fullmatch(r"Status: (\d{3}) (.+)", lines[0])
    assert m, f"first line is not a Status line: {lines[0]!r}"
    headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:])]
    return int(m.group(1)), m.group(2), headers, body
