"""CGI mode: the binary run directly with a CGI environment, and behind nginx through Debian's
fcgiwrap (nginx -> FastCGI -> fcgiwrap -> fork/exec plotgate as a CGI program)."""

from __future__ import annotations

import os
import pty
import subprocess
import time

import pytest

from .conftest import (
    assert_error_image,
    assert_png,
    decode_png,
    form_body,
    parse_cgi_output,
    parse_access_line,
    series,
)

RUN_TIMEOUT = 20  # seconds for one CGI process


def cgi_env(**variables: str) -> dict[str, str]:
    """A clean environment like a web server gives a CGI program (no inherited CGI vars)."""
    env = {"PATH": "/usr/bin:/bin", "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1",
           "REQUEST_METHOD": "GET", "SCRIPT_NAME": "/chart.png", "QUERY_STRING": ""}
    if "HOME" in os.environ:
        env["HOME"] = os.environ["HOME"]  # fontconfig's user cache, as for any CGI user
    env.update(variables)
    return env


def run_cgi(binary, stdin: bytes | None = None, **variables: str):
    proc = subprocess.run([str(binary)], env=cgi_env(**variables),
                          input=stdin if stdin is not None else None,
                          stdin=subprocess.DEVNULL if stdin is None else None,
                          capture_output=True, timeout=RUN_TIMEOUT)
    return proc


def header_map(headers):
    out = {}
    for k, v in headers:
        assert k.lower() not in out, f"header {k} repeated"
        out[k.lower()] = v
    return out


# --------------------------------------------------------------------------------------------
# 9. Direct invocation
# --------------------------------------------------------------------------------------------

def test_cgi_get_renders_png(binary):
    """With GATEWAY_INTERFACE and no arguments, plotgate answers one CGI request: `Status: 200
    OK` first, headers, a blank line, then a PNG that decodes at the requested size and whose
    length is Content-Length; exit status 0 and one access-log line on stderr."""
    proc = run_cgi(binary, QUERY_STRING="type=bar&d=3,5,4,8&w=300&h=200")
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(b"Status: 200 OK\r\n"), proc.stdout[:100]
    status, reason, headers, body = parse_cgi_output(proc.stdout)
    h = header_map(headers)
    assert (status, reason) == (200, "OK")
    assert h["content-type"] == "image/png"
    assert h["content-length"] == str(len(body))
    assert h["cache-control"] == "public, max-age=86400"
    assert decode_png(body).size == (300, 200)
    logs = [parse_access_line(l) for l in proc.stderr.decode().splitlines()]
    logs = [l for l in logs if l]
    assert len(logs) == 1 and logs[0]["status"] == "200" and logs[0]["bytes"] == str(len(body)), proc.stderr


def test_cgi_bad_query_is_400_image(binary):
    """A bad query in CGI mode gives `Status: 400 Bad Request` with X-Plotgate-Error, no-store
    and an error image (exit status still 0: the response was delivered)."""
    proc = run_cgi(binary, QUERY_STRING="type=pies&d=1,2&w=300&h=200")
    assert proc.returncode == 0
    status, reason, headers, body = parse_cgi_output(proc.stdout)
    h = header_map(headers)
    assert (status, reason) == (400, "Bad Request")
    assert h["x-plotgate-error"] == "invalid_value"
    assert h["cache-control"] == "no-store"
    assert h["content-type"] == "image/png" and h["content-length"] == str(len(body))
    assert decode_png(body).size == (300, 200)


def test_cgi_errors_404_json_and_svg(binary):
    """CGI: an unserved path is a 404 image, Accept: application/json gives JSON, and
    /chart.svg errors are SVG."""
    proc = run_cgi(binary, SCRIPT_NAME="/nothing/chart.txt", QUERY_STRING="d=1")
    status, _, headers, body = parse_cgi_output(proc.stdout)
    assert status == 404 and header_map(headers)["x-plotgate-error"] == "not_found"
    decode_png(body)

    proc = run_cgi(binary, QUERY_STRING="tilte=x&d=1", HTTP_ACCEPT="application/json")
    status, _, headers, body = parse_cgi_output(proc.stdout)
    assert status == 400 and header_map(headers)["content-type"] == "application/json"
    import json
    assert json.loads(body)["error"]["parameter"] == "tilte"

    proc = run_cgi(binary, SCRIPT_NAME="/chart.svg", QUERY_STRING="type=pies&d=1")
    status, _, headers, body = parse_cgi_output(proc.stdout)
    assert status == 400 and header_map(headers)["content-type"] == "image/svg+xml"
    assert b"<svg" in body[:500]


def test_cgi_post_body_on_stdin(binary):
    """CGI POST: CONTENT_LENGTH bytes of form data are read from stdin (20,000 points) and
    rendered; a body over 256 KiB is refused with 413 without being read."""
    body = form_body({"d": series(20000, 7919, 100003), "w": "400", "h": "300"})
    proc = run_cgi(binary, stdin=body, REQUEST_METHOD="POST", CONTENT_LENGTH=str(len(body)),
                   CONTENT_TYPE="application/x-www-form-urlencoded")
    assert proc.returncode == 0, proc.stderr.decode()
    status, _, headers, png = parse_cgi_output(proc.stdout)
    assert status == 200, proc.stdout[:300]
    assert header_map(headers)["content-length"] == str(len(png))
    assert decode_png(png).size == (400, 300)

    big = b"d=" + b"1," * 140_000
    proc = run_cgi(binary, stdin=big, REQUEST_METHOD="POST", CONTENT_LENGTH=str(len(big)),
                   CONTENT_TYPE="application/x-www-form-urlencoded")
    status, _, headers, png = parse_cgi_output(proc.stdout)
    assert status == 413 and header_map(headers)["x-plotgate-error"] == "body_too_large"
    decode_png(png)


def test_cgi_head_has_no_body(binary):
    """CGI HEAD: the headers of the GET (Content-Length of the full image), no body bytes."""
    get = run_cgi(binary, QUERY_STRING="d=1,2,3")
    head = run_cgi(binary, REQUEST_METHOD="HEAD", QUERY_STRING="d=1,2,3")
    gs, _, gh, gbody = parse_cgi_output(get.stdout)
    hs, _, hh, hbody = parse_cgi_output(head.stdout)
    assert gs == hs == 200
    assert hbody == b""
    assert header_map(hh)["content-length"] == str(len(gbody)) == header_map(gh)["content-length"]
    assert header_map(hh)["etag"] == header_map(gh)["etag"]


@pytest.mark.parametrize("stdin_kind", ["devnull", "pipe", "tty"])
def test_by_hand_without_gateway_exits_64_promptly(binary, stdin_kind):
    """Run by hand with neither FastCGI (fd 0 not a listening socket) nor CGI (no
    GATEWAY_INTERFACE), whatever stdin is, plotgate prints its usage and exits 64 at once
    instead of waiting for a request; `plotgate worker` explains it needs a socket."""
    env = {k: v for k, v in os.environ.items() if k != "GATEWAY_INTERFACE"}
    # (the stream the bare usage goes to is checked by test_by_hand_usage_goes_to_stderr)
    for argv, expect, stream in (([str(binary)], b"usage: plotgate", "either"),
                                 ([str(binary), "worker"], b"not a listening socket", "stderr")):
        master = slave = None
        if stdin_kind == "tty":
            master, slave = pty.openpty()
            stdin = slave
        else:
            stdin = subprocess.DEVNULL if stdin_kind == "devnull" else subprocess.PIPE
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = proc.communicate(timeout=5)  # a pipe stays open: it must not wait on it
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=5)
            pytest.fail(f"{argv} with stdin={stdin_kind} waited instead of exiting")
        finally:
            for fd in (master, slave):
                if fd is not None:
                    os.close(fd)
        assert time.monotonic() - t0 < 2
        assert proc.returncode == 64, (argv, proc.returncode)
        assert expect in (err if stream == "stderr" else out + err), (out, err)


def test_by_hand_usage_goes_to_stderr(binary):
    """A bare `plotgate` (an error, exit 64) prints its usage on stderr, leaving stdout empty."""
    env = {k: v for k, v in os.environ.items() if k != "GATEWAY_INTERFACE"}
    proc = subprocess.run([str(binary)], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=5)
    assert proc.returncode == 64
    assert b"usage: plotgate" in proc.stderr
    assert proc.stdout == b""


# --------------------------------------------------------------------------------------------
# 10. Behind a real web server: nginx -> fcgiwrap -> plotgate (CGI)
# --------------------------------------------------------------------------------------------

def test_cgi_through_fcgiwrap_renders_png(stack):
    """nginx passes /cgi/chart.png to fcgiwrap with SCRIPT_FILENAME = the plotgate binary;
    fcgiwrap runs it as a CGI program and the client gets a 200 PNG with plotgate's headers."""
    r = stack.get("/cgi/chart.png?type=line&d=3,5,4,8&w=300&h=200")
    assert r.status == 200, f"{r}\n{stack.logs()}"
    assert_png(r, (300, 200))
    assert r.header("Cache-Control") == "public, max-age=86400"
    # The same chart through the FastCGI worker has the same ETag (same canonical spec).
    fast = stack.get("/chart.png?type=line&d=3,5,4,8&w=300&h=200")
    assert fast.header("ETag") == r.header("ETag")
    # Revalidation works through CGI as well.
    r304 = stack.get("/cgi/chart.png?type=line&d=3,5,4,8&w=300&h=200", {"If-None-Match": r.header("ETag")})
    assert r304.status == 304 and r304.raw_body_length == 0, r304


def test_cgi_through_fcgiwrap_error_image(stack):
    """A bad query through fcgiwrap is a 400 error image with X-Plotgate-Error and no-store."""
    r = stack.get("/cgi/chart.png?type=pies&d=1,2")
    assert_error_image(r, 400, "invalid_value")


def test_cgi_through_fcgiwrap_post(stack):
    """A form POST through nginx and fcgiwrap reaches plotgate's stdin and renders."""
    body = form_body({"d": series(5000, 7919, 1000), "w": "200", "h": "100"})
    r = stack.request("POST", "/cgi/chart.png", {"Content-Type": "application/x-www-form-urlencoded"}, body)
    assert r.status == 200, r
    assert_png(r, (200, 100))
