"""deploy/apache/*.conf, each included (paths replaced) in a private, self-contained Apache:

- plotgate-proxy-fcgi.conf: mod_proxy_fcgi to a running `plotgate serve` unix socket;
- plotgate-fcgid.conf:      mod_fcgid starting `plotgate worker` itself (socket on fd 0);
- plotgate-cgi.conf:        mod_cgid running the binary as a CGI program.

Apache runs as `apache2 -f $TMP/apache.conf -DFOREGROUND` (root, `User nobody`), loading its
modules from /usr/lib/apache2/modules; /etc/apache2 is never read. Like Debian's stock config,
`<Directory />` denies everything, so each snippet has to grant what it needs itself.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest

from .deploykit import (
    APACHE,
    Netns,
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
    wait_for_tcp,
    wait_until,
    write_apache,
)

@pytest.fixture(scope="module")
def pool(binary, apache_bin, request):
    """`plotgate serve` on a unix socket for mod_proxy_fcgi (group nogroup, Apache's here)."""
    tmp = make_tmp("plotgate-deploy-apache-pool-")
    sock = tmp / "plotgate.sock"
    p = Proc("plotgate", [str(binary), "serve", "--socket", str(sock), "--socket-group", "nogroup",
                          "--workers", "2", "--graceful-timeout", "2"], tmp / "plotgate.log")
    failed_before = request.session.testsfailed
    try:
        wait_until(lambda: sock.exists() or not p.alive(), 10, "the pool's socket")
        assert p.alive(), p.text()
        yield p, sock
    finally:
        p.stop()
        keep_or_remove(tmp, request.session.testsfailed > failed_before)


@pytest.fixture(params=["proxy-fcgi", "fcgid", "cgi"])
def apache(request, binary, apache_bin, pool):
    kind = request.param
    tmp = make_tmp(f"plotgate-deploy-apache-{kind}-")
    port = free_port()
    ns = None
    listens = [f"127.0.0.1:{port}"]
    if kind == "proxy-fcgi" and netns_available() is None:
        # A non-loopback client, to show that `Require local` refuses /status to it.
        k = free_block(2)
        ns = Netns("apc", f"10.213.{k}.1", f"10.213.{k}.2")
        ns.create()
        listens.append(f"{ns.host_addr}:{port}")
    conf = write_apache(tmp, kind, binary, pool[1], listens)
    proc = Proc("apache2", [APACHE, "-f", str(conf), "-DFOREGROUND"], tmp / "apache.stderr")
    failed_before = request.session.testsfailed
    try:
        wait_for_tcp("127.0.0.1", port, 10, proc)
        yield kind, port, tmp, ns, proc
    finally:
        failed = request.session.testsfailed > failed_before
        if failed:
            print(log_excerpt(tmp / "apache.stderr", tmp / "apache-error.log", tmp / "apache-access.log",
                              pool[0].log))
        proc.stop(grace=8)
        if ns is not None:
            ns.delete()
        keep_or_remove(tmp, failed)


def test_charts_and_errors_through_apache(apache, pool):
    """200 PNG at the requested size, SVG under a prefix, a POSTed chart, and plotgate's own
    400 error image with X-Plotgate-Error, through each way of running plotgate in Apache."""
    kind, port, tmp, ns, proc = apache
    r = http("127.0.0.1", port, "/chart.png?type=bar&d=3,5,4,8&labels=N|E|S|W&w=300&h=200")
    assert_png(r, (300, 200))
    assert r.header("ETag") and r.header("Cache-Control") == "public, max-age=86400", r

    r = http("127.0.0.1", port, "/reports/q3/chart.svg?type=line&d=1,3,2&title=Q3")
    assert r.status == 200 and r.header("Content-Type") == "image/svg+xml", r
    assert b"<svg" in r.body[:500]

    r = http("127.0.0.1", port, "/chart", method="POST", body=b"type=area&d=" + ",".join(str(i % 7) for i in range(3000)).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_png(r)

    r = http("127.0.0.1", port, "/chart.png?d=1,2,3&colour=red&w=240&h=120")
    assert_error_image(r, 400, "unknown_parameter")
    assert decode_png(r.body).size == (240, 120)

    r = http("127.0.0.1", port, "/chart.png?d=1,2,3", method="HEAD")
    assert r.status == 200 and r.header("Content-Type") == "image/png", r

    if kind == "proxy-fcgi":
        # plotgate saw the whole path (SCRIPT_NAME) and routed on it.
        wait_until(lambda: any(e.get("path") == "/reports/q3/chart.svg" for e in access_lines(pool[0].text())),
                   3, "plotgate's log line for /reports/q3/chart.svg")
    if kind == "fcgid":
        # mod_fcgid started plotgate itself, as `plotgate worker`, under Apache's user.
        workers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p)[:2] == [str(pool_binary(pool)), "worker"]]
        assert workers, "no `plotgate worker` process started by mod_fcgid"


def _cmdline(p: Path) -> list[str]:
    try:
        return [a.decode() for a in p.joinpath("cmdline").read_bytes().split(b"\0") if a]
    except OSError:
        return []


def pool_binary(pool) -> str:
    return pool[0].argv[0]


@pytest.mark.parametrize("apache", ["proxy-fcgi"], indirect=True)
def test_proxy_fcgi_status_is_local_only(apache):
    """With plotgate-proxy-fcgi.conf /status (JSON) and /ping answer from this host; another
    address gets 403 for them but its charts. (Only there: under mod_fcgid and CGI the
    processes are Apache's, and plotgate's pool status does not exist.)"""
    kind, port, tmp, ns, proc = apache
    r = http("127.0.0.1", port, "/status")
    assert r.status == 200 and r.json()["pool"] == "plotgate", r
    assert http("127.0.0.1", port, "/ping").body == b"pong\n"
    if ns is None:
        pytest.skip(f"no non-loopback client: {netns_available()}")
    remote = ns.client(ns.host_addr, port, [{"target": "/status"}, {"target": "/ping"},
                                             {"target": "/chart.png?d=1,2&w=100&h=60", "body": True}])
    assert [x.get("status") for x in remote] == [403, 403, 200], remote
    assert decode_png(base64.b64decode(remote[2]["body"])).size == (100, 60)


def test_many_requests_in_a_row(apache):
    """A small sequential run: every answer complete (no connection reused into a busy worker,
    no leftover state between CGI or FastCGI requests)."""
    kind, port, tmp, ns, proc = apache
    t0 = time.monotonic()
    for i in range(20):
        assert_png(http("127.0.0.1", port, f"/chart.png?type=spark&d={i},{i + 3},{i + 1}"))
    assert time.monotonic() - t0 < 20
