"""The ways the pool is started, run for real (as root, in a temp dir):

- deploy/spawn-fcgi.sh start/status/reload/stop, with its settings pointed at the temp dir:
  socket 0660 owned by the web user/group, master running as the plotgate user, its stderr
  appended to the log file, and deploy/logrotate.conf's copytruncate working on that file;
- plotgate-activated.service's ExecStart under systemd-socket-activate (LISTEN_FDS/LISTEN_PID
  on fd 3, as plotgate.socket passes it): the connection that starts the pool is served.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from .deploykit import (
    REPO,
    Proc,
    access_lines,
    children_of,
    fcgi_get,
    keep_or_remove,
    kill_pids,
    make_tmp,
    render,
    unit_command,
    wait_until,
)

DEPLOY = REPO / "deploy"


@pytest.fixture
def tmp(request):
    path = make_tmp("plotgate-deploy-svc-")
    failed_before = request.session.testsfailed
    yield path
    keep_or_remove(path, request.session.testsfailed > failed_before)


def proc_uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[2])  # effective
    raise AssertionError("no Uid line")


def test_spawn_fcgi_script_lifecycle_and_logrotate(tmp, binary):
    if os.geteuid() != 0:
        pytest.skip("spawn-fcgi -u/-U needs root")
    if shutil.which("spawn-fcgi") is None:
        pytest.skip("spawn-fcgi is not installed (Debian package spawn-fcgi)")
    run = tmp / "run"
    env = dict(os.environ, PLOTGATE_DEFAULTS="/dev/null", PLOTGATE_BIN=str(binary),
               PLOTGATE_SOCKET=str(run / "plotgate.sock"), PLOTGATE_PIDFILE=str(run / "plotgate.pid"),
               PLOTGATE_LOG=str(tmp / "log" / "plotgate.log"),
               PLOTGATE_USER="nobody", PLOTGATE_GROUP="nogroup",
               PLOTGATE_WEB_USER="www-data", PLOTGATE_WEB_GROUP="www-data",
               PLOTGATE_OPTS="--workers 2 --graceful-timeout 2", PLOTGATE_STOP_WAIT="10")
    script = str(DEPLOY / "spawn-fcgi.sh")

    def sh(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([script, *args], env=env, capture_output=True, text=True, timeout=30)

    pid = None
    try:
        r = sh("start")
        assert r.returncode == 0 and "started" in r.stdout, r.stdout + r.stderr
        pid = int((run / "plotgate.pid").read_text())
        sock = run / "plotgate.sock"
        # The socket: mode 0660, the web server's user and group; the pool: the plotgate user.
        st = sock.stat()
        assert stat.S_ISSOCK(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o660, oct(st.st_mode)
        assert (st.st_uid, st.st_gid) == (pwd.getpwnam("www-data").pw_uid, grp.getgrnam("www-data").gr_gid)
        assert Path(f"/proc/{pid}/exe").resolve() == binary, "spawn-fcgi -n must exec plotgate in place"
        assert proc_uid(pid) == pwd.getpwnam("nobody").pw_uid
        workers = wait_until(lambda: len(children_of(pid)) == 2 and children_of(pid), 5, "two workers")

        out = fcgi_get(str(sock), "/ping")
        assert out.endswith(b"\r\n\r\npong\n"), out
        log = tmp / "log" / "plotgate.log"
        wait_until(lambda: any(e.get("path") == "/ping" for e in access_lines(log.read_text())), 3,
                   "the /ping line in the log file")

        assert "already running" in sh("start").stdout  # idempotent
        assert sh("status").returncode == 0

        r = sh("reload")  # SIGHUP: every worker replaced, one at a time
        assert r.returncode == 0, r.stderr
        wait_until(lambda: len(children_of(pid)) == 2 and not set(children_of(pid)) & set(workers), 10,
                   "the workers to be replaced")
        assert b"pong" in fcgi_get(str(sock), "/ping")

        # logrotate's copytruncate on the log the script writes (O_APPEND): the next line
        # lands at the start of the emptied file, not after a hole of the old size.
        logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
        if os.access(logrotate, os.X_OK):
            conf = tmp / "logrotate.conf"
            conf.write_text(render(DEPLOY / "logrotate.conf", [("/var/log/plotgate/", f"{tmp}/log/")]))
            before = log.stat().st_size
            r = subprocess.run([logrotate, "-f", "-s", str(tmp / "lr.state"), str(conf)],
                               capture_output=True, text=True, timeout=30)
            assert r.returncode == 0, r.stderr
            assert (tmp / "log" / "plotgate.log.1").stat().st_size >= before
            assert fcgi_get(str(sock), "/ping").endswith(b"pong\n")
            wait_until(lambda: log.stat().st_size > 0, 3, "a line in the truncated log")
            text = log.read_bytes()
            assert b"\0" not in text and text.startswith(b"plotgate: id="), text[:80]

        r = sh("stop")
        assert r.returncode == 0 and "stopped" in r.stdout, r.stdout + r.stderr
        assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/status").read_text().find("zombie") >= 0
        assert not sock.exists()
        assert sh("status").returncode == 3
    finally:
        if pid is not None and Path(f"/proc/{pid}").exists():
            kill_pids(children_of(pid) + [pid])


def test_socket_activation_with_the_units_exec_start(tmp, binary):
    """plotgate-activated.service's ExecStart, given a socket on fd 3 the way systemd passes
    it (systemd-socket-activate: LISTEN_FDS=1, LISTEN_PID=its pid, then exec): the first
    connection, made before plotgate even runs, waits in the backlog and is answered."""
    tool = shutil.which("systemd-socket-activate")
    if tool is None:
        pytest.skip("systemd-socket-activate is not installed (Debian package systemd)")
    sock = tmp / "activated.sock"
    argv = unit_command(DEPLOY / "plotgate-activated.service", binary, ["--workers", "2", "--graceful-timeout", "2"])
    assert argv[1:2] == ["serve"] and "--socket" not in argv and "--listen" not in argv, argv
    proc = Proc("activate", [tool, "-l", str(sock), *argv], tmp / "activate.log")
    try:
        wait_until(lambda: sock.exists(), 5, "the socket")
        assert Path(f"/proc/{proc.pid}/exe").resolve() != binary  # nothing started yet
        out = fcgi_get(str(sock), "/ping", timeout=10)
        assert out.endswith(b"pong\n"), out + proc.text().encode()
        assert Path(f"/proc/{proc.pid}/exe").resolve() == binary
        status = fcgi_get(str(sock), "/status")
        assert b'"workers":2' in status, status
        proc.popen.send_signal(signal.SIGTERM)
        assert proc.popen.wait(timeout=10) == 0, proc.text()
    finally:
        proc.stop()
