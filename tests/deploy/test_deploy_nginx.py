"""nginx/production.conf, loaded verbatim but for its paths, in front of the pool started with
deploy/plotgate.service's own ExecStart line.

The stack: `plotgate serve --socket $TMP/plotgate.sock --socket-mode 0660 --socket-group
nogroup --workers 2` (nginx's workers run as nobody/nogroup here, www-data in production), a
private nginx listening on 127.0.0.1 and on the host end of a veth pair into a network
namespace, so a second client address (10.213.k.2) exists that is not loopback.

The pool runs with PLOTGATE_TEST_HOOKS=1 (test.hang / test.crash parameters) and short
deadlines (--render-timeout 1 --hard-timeout 2) so the failure layers can be shown quickly.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from .deploykit import (
    NGINX,
    PROD_SOCKET,
    REPO,
    Netns,
    cleanup_stale_namespaces,
    Proc,
    access_lines,
    assert_error_image,
    assert_png,
    decode_png,
    free_block,
    free_port,
    http,
    keep_or_remove,
    log_excerpt,
    make_tmp,
    netns_available,
    production_replacements,
    render,
    unit_command,
    wait_until,
    write_nginx,
)

PRODUCTION = REPO / "nginx" / "production.conf"
UNIT = REPO / "deploy" / "plotgate.service"


# A test-only server on another port, same upstream, with a read timeout shorter than
# plotgate's render deadline: shows what nginx answers when plotgate does not answer in time.
SHORT_TIMEOUT_SERVER = """
    server {{
        listen 127.0.0.1:{port};
        location / {{
            include fastcgi_params;
            fastcgi_pass plotgate;
            fastcgi_read_timeout 300ms;
        }}
    }}
"""


@dataclass
class Prod:
    tmp: Path
    port: int
    short_port: int
    ns: Netns | None
    no_netns: str | None  # why there is no namespace client, if there is none
    pool: Proc
    nginx: Proc

    def remote(self) -> Netns:
        if self.ns is None:
            pytest.skip(f"no non-loopback client address: {self.no_netns}")
        return self.ns

    def get(self, target: str, headers: dict | None = None, **kw):
        """A request from 127.0.0.1, tagged so that `request_id` can find it in the logs."""
        hdrs = {"X-Test-Tag": uuid.uuid4().hex}
        hdrs.update(headers or {})
        return http("127.0.0.1", self.port, target, headers=hdrs, **kw)

    def request_id(self, r, timeout: float = 3.0) -> str:
        """nginx's $request_id for a tagged response (from nginx's access log)."""
        assert r.tag, "untagged request"
        deadline = time.monotonic() + timeout
        while True:
            for line in (self.tmp / "nginx-access.log").read_text().splitlines():
                fields = line.split(" ")
                if fields[0] == r.tag:
                    return fields[1]
            assert time.monotonic() < deadline, f"no nginx log line for tag {r.tag}"
            time.sleep(0.02)

    def pool_lines(self) -> list[dict[str, str]]:
        return access_lines(self.pool.text())

    def lines_for(self, request_id: str, timeout: float = 3.0) -> list[dict[str, str]]:
        """plotgate's access-log lines for one nginx $request_id, waiting up to `timeout` for
        at least one (plotgate logs right after writing the response)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [e for e in self.pool_lines() if e.get("id") == request_id]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.02)

    def logs(self) -> str:
        return log_excerpt(self.tmp / "plotgate.log", self.tmp / "nginx-error.log", self.tmp / "nginx-access.log")


@pytest.fixture(scope="module")
def prod(binary, nginx_bin, request):
    tmp = make_tmp("plotgate-deploy-prod-")
    # A second client address that is not loopback: one end of a veth pair in a namespace.
    # Without namespaces the tests that need it skip (and say why); the others still run.
    cleanup_stale_namespaces()
    no_netns = netns_available()
    k = free_block(0)
    ns = Netns("cli", f"10.213.{k}.1", f"10.213.{k}.2") if no_netns is None else None
    pool = nginx = None
    failed_before = request.session.testsfailed
    try:
        if ns is not None:
            ns.create()
        sock = tmp / "plotgate.sock"
        argv = unit_command(UNIT, binary,
                            ["--workers", "2", "--render-timeout", "1", "--hard-timeout", "2",
                             "--graceful-timeout", "2"],
                            [(PROD_SOCKET, str(sock)), ("www-data", "nogroup")])
        pool = Proc("plotgate", argv, tmp / "plotgate.log", env={"PLOTGATE_TEST_HOOKS": "1"})
        wait_until(lambda: sock.exists() or not pool.alive(), 10, "the pool's socket")
        assert pool.alive(), pool.text()

        port, short_port = free_port(), free_port()
        listens = [f"127.0.0.1:{port}"] + ([f"{ns.host_addr}:{port}"] if ns is not None else [])
        site = render(PRODUCTION, production_replacements(tmp, sock, listens))
        main = write_nginx(tmp, site, SHORT_TIMEOUT_SERVER.format(port=short_port))
        nginx = Proc("nginx", [NGINX, "-p", str(tmp), "-c", str(main), "-e", str(tmp / "nginx-error.log")],
                     tmp / "nginx.stderr")

        def ready():
            assert nginx.alive(), (tmp / "nginx.stderr").read_text() + log_excerpt(tmp / "nginx-error.log")
            r = http("127.0.0.1", port, "/ping", timeout=2)
            return r.status == 200 and r.body == b"pong\n"
        wait_until(ready, 10, "nginx + plotgate to answer /ping")
        yield Prod(tmp, port, short_port, ns, no_netns, pool, nginx)
    finally:
        failed = request.session.testsfailed > failed_before
        if failed:
            print(log_excerpt(tmp / "plotgate.log", tmp / "nginx-error.log", tmp / "nginx-access.log"))
        for p in (nginx, pool):
            if p is not None:
                p.stop()
        if ns is not None:
            ns.delete()
        keep_or_remove(tmp, failed)


def test_socket_is_0660_for_the_web_servers_group(prod):
    """The unit's ExecStart makes the socket mode 0660 and gives it the web server's group."""
    import grp
    import stat
    st = (prod.tmp / "plotgate.sock").stat()
    assert stat.S_ISSOCK(st.st_mode)
    assert stat.S_IMODE(st.st_mode) == 0o660, oct(st.st_mode)
    assert st.st_gid == grp.getgrnam("nogroup").gr_gid


def test_cache_miss_then_hit(prod):
    """First request renders (MISS), the second identical one is served by nginx (HIT) with
    the same bytes and ETag, and never reaches plotgate."""
    url = "/chart.png?type=bar&d=3,5,4,8&labels=N|E|S|W&w=320&h=200&_t=miss-hit"
    first = prod.get(url)
    assert_png(first, (320, 200))
    assert first.header("X-Cache-Status") == "MISS", first
    assert first.header("Cache-Control") == "public, max-age=86400", first
    assert len(prod.lines_for(prod.request_id(first))) == 1, prod.logs()

    second = prod.get(url)
    assert_png(second, (320, 200))
    assert second.header("X-Cache-Status") == "HIT", second
    assert second.body == first.body
    assert second.header("ETag") == first.header("ETag")
    time.sleep(0.2)
    assert prod.lines_for(prod.request_id(second), timeout=0) == [], "a cache hit reached plotgate"


def test_head_never_stores_an_empty_body_for_get(prod):
    """The cache key has the method: a HEAD (answered without a body) is stored apart, so the
    GET after it still gets, and caches, the whole picture."""
    url = "/chart.png?type=line&d=1,4,2,5&_t=head-first"
    head = prod.get(url, method="HEAD")
    assert head.status == 200 and head.body == b"", head
    get = prod.get(url)
    assert_png(get)
    assert get.header("X-Cache-Status") == "MISS", get
    again = prod.get(url)
    assert_png(again)
    assert again.header("X-Cache-Status") == "HIT" and again.body == get.body


def test_errors_are_never_cached(prod):
    """plotgate's 400 (Cache-Control: no-store) is passed through as its error image and is
    not stored: the same bad URL reaches plotgate every time."""
    url = "/chart.png?d=1,2,3&colour=red&_t=error"
    ids = []
    for _ in range(2):
        r = prod.get(url)
        assert_error_image(r, 400, "unknown_parameter")
        assert r.header("X-Cache-Status") == "MISS", r
        ids.append(prod.request_id(r))
    for request_id in ids:
        lines = prod.lines_for(request_id)
        assert len(lines) == 1 and lines[0]["status"] == "400", prod.logs()


def test_conditional_requests_are_answered_by_nginx(prod):
    """A client's If-None-Match is answered from the cache (304, HIT); on a cold URL nginx
    fetches the full 200 from plotgate (the client's validator is not passed on), caches it,
    and compares the client's tag with it itself."""
    url = "/chart.png?type=area&d=2,3,1,4&_t=conditional"
    cold = prod.get(url)
    assert_png(cold)
    etag = cold.header("ETag")
    r = prod.get(url, headers={"If-None-Match": etag})
    assert r.status == 304 and r.header("X-Cache-Status") == "HIT", r

    # Another spelling of the same chart, cold: nginx fetches the 200 (the client's validator
    # is not passed on) and compares the client's tag with the new one itself, exactly: the
    # request halves differ, so the client gets the full 200.
    url2 = url + "&_u=cold"
    r = prod.get(url2, headers={"If-None-Match": etag})
    assert r.status == 200 and r.header("X-Cache-Status") == "MISS", r
    assert r.header("ETag")[:17] == etag[:17] and r.header("ETag") != etag, r
    lines = prod.lines_for(prod.request_id(r))
    assert [e["status"] for e in lines] == ["200"], lines
    assert prod.get(url2).header("X-Cache-Status") == "HIT"


def test_cold_url_is_rendered_once_under_a_stampede(prod):
    """fastcgi_cache_lock: 8 clients asking at once for a cold chart that takes 0.4 s to
    render cause one render; the others wait and get the cached copy."""
    url = "/chart.png?type=scatter&x=1,2,3,4&d=3,1,4,1&test.hang=0.4&_t=stampede"
    results: list = [None] * 8

    def fetch(i):
        try:
            results[i] = prod.get(url)
        except Exception as e:  # noqa: BLE001 - reported below
            results[i] = e

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert all(not isinstance(r, Exception) and r is not None for r in results), results
    for r in results:
        assert_png(r)
    assert len({r.body for r in results}) == 1
    statuses = sorted(r.header("X-Cache-Status") for r in results)
    assert statuses.count("MISS") == 1, statuses
    rendered = [e for r in results for e in prod.lines_for(prod.request_id(r), timeout=0.5 if r.header("X-Cache-Status") == "MISS" else 0)]
    assert len(rendered) == 1, (statuses, rendered)


def test_truncated_response_is_not_cached(prod):
    """A worker that dies half-way through writing: the client gets a 200 whose body is
    shorter than its Content-Length, and nginx does not store it (the next request is not a
    HIT). Connection: close, because nginx keeps such a connection alive and the client would
    wait for the missing bytes until keepalive_timeout."""
    url = "/chart.png?d=9,8,7,6&test.crash=write&_t=truncated"
    first = prod.get(url)
    assert first.status == 200 and not first.complete, first
    second = prod.get(url)
    assert second.header("X-Cache-Status") != "HIT", second
    assert "CRASHED" in prod.pool.text()


def test_failure_layers_503_504_502(prod):
    """What nginx returns for what failure:
    - the render runs past plotgate's --render-timeout: plotgate's own 503 image (no-store,
      Retry-After), not cached, well before nginx's fastcgi_read_timeout (30 s);
    - nginx's read timeout is shorter than the render (a test-only server): 504 from nginx;
    - the worker dies before any header: 502 from nginx, and the very next requests are fine
      (max_fails=0: one dead worker never takes the pool out of rotation)."""
    url = "/chart.png?d=1,2,3&test.hang=1.6&_t=deadline"
    t0 = time.monotonic()
    r = prod.get(url)
    assert_error_image(r, 503, "render_timeout")
    assert r.header("Retry-After") is not None, r
    assert time.monotonic() - t0 < 1.9
    assert r.header("X-Cache-Status") == "MISS", r

    r = http("127.0.0.1", prod.short_port, "/chart.png?d=1,2,3&test.hang=0.8&_t=504")
    assert r.status == 504 and r.header("X-Plotgate-Error") is None, r

    r = prod.get("/chart.png?d=5,4,3&test.crash=1&_t=502")
    assert r.status == 502 and r.header("X-Plotgate-Error") is None, r
    for i in range(6):
        assert_png(prod.get(f"/chart.png?d=5,4,3,{i}&_t=after-crash"))


def test_status_and_ping_are_loopback_only(prod):
    """/status (JSON) and /ping answer 127.0.0.1; from another address nginx refuses them
    (403) while charts are served to it."""
    r = prod.get("/status")
    assert r.status == 200 and r.header("Content-Type") == "application/json", r
    status = r.json()
    assert status["pool"] == "plotgate" and status["workers"] == 2, status
    assert prod.get("/ping").body == b"pong\n"

    def reporting_lines():
        time.sleep(0.2)
        return len([e for e in prod.pool_lines() if e.get("path") in ("/status", "/ping")])
    before = reporting_lines()
    remote = prod.remote().client(prod.ns.host_addr, prod.port, [
        {"target": "/status"},
        {"target": "/ping"},
        {"target": "/chart.png?d=2,4,3&w=200&h=100&_t=remote", "body": True},
    ])
    assert [x.get("status") for x in remote] == [403, 403, 200], remote
    import base64
    assert decode_png(base64.b64decode(remote[2]["body"])).size == (200, 100)
    # The refused requests never reached plotgate.
    assert reporting_lines() == before


def test_rate_limit_answers_429_to_a_burst_but_not_to_loopback(prod):
    """A burst from one address past `burst=100` at 20 r/s gets 429 (nginx's page, not
    plotgate's); the burst allowance itself passes; loopback is exempt."""
    url = "/chart.png?type=spark&d=1,3,2,4&_t=burst"
    assert_png(prod.get(url))  # cached: the burst measures nginx, not rendering
    n = 200
    local = [prod.get(url).status for _ in range(n)]
    assert set(local) == {200}, f"loopback was limited: {local.count(429)} x 429"

    t0 = time.monotonic()
    remote = prod.remote().client(prod.ns.host_addr, prod.port, [{"target": url, "repeat": n, "timeout": 5}])
    elapsed = time.monotonic() - t0
    statuses = [x.get("status") for x in remote]
    assert len(statuses) == n and set(statuses) <= {200, 429}, remote[:3]
    ok, limited = statuses.count(200), statuses.count(429)
    assert ok >= 100, f"the burst allowance was not honoured: {ok} x 200, {limited} x 429"
    assert ok <= 101 + 20 * elapsed + 1, f"{ok} x 200 in {elapsed:.2f}s exceeds burst + rate"
    assert limited > 0
    first_429 = next(x for x in remote if x.get("status") == 429)
    assert not any(k == "X-Plotgate-Error" for k, _ in first_429["headers"]), first_429
