"""Who may talk FastCGI to the pool (issue 7): FastCGI has no authentication, so the socket's
permissions are the only gate. A user outside the web server's group must not be able to
connect; a user in it must (the positive control that shows the refusal is the permission and
not something else).

Both ways of creating the socket that docs/DEPLOY.md recommends are checked:
  - `plotgate serve --socket PATH --socket-mode 0660 --socket-group G` (recipe 1);
  - spawn-fcgi `-M 0660 -U <web user> -G <web group>` (recipe 3, the test stack's default).
Clients are separate Python processes started with an unprivileged uid/gid (an unrelated
uid 47011/gid 47011 with no supplementary groups; and uid 47012 with the socket's group as a
supplementary group), which connect and send one FastCGI request. Needs root (to switch ids);
skipped otherwise.

Summary: out/reliability/test_socket_access.json, keys:
  test, date, commit, duration_s,
  recipes [{recipe, socket, mode (octal text), owner_uid, group, group_gid, clients [...]}],
  cases [{recipe, who, uid, gid, groups, connect ("ok" or an errno name such as "EACCES"),
          http_status (of the FastCGI request when connected, else null)}],
  failures (empty on success).
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ..integration.conftest import binary, make_stack, stop_process, web_user  # noqa: F401 - fixtures
from .abuse_support import write_summary

OUTSIDER = 47011
MEMBER = 47012

# Runs as the unprivileged client: standard library only (it may not be able to read the repo).
CLIENT = r"""
import errno, json, os, socket, struct, sys
path = sys.argv[1]
res = {"uid": os.getuid(), "gid": os.getgid(), "groups": sorted(os.getgroups()), "http_status": None}
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
try:
    s.connect(path)
except OSError as e:
    res["connect"] = errno.errorcode.get(e.errno, str(e.errno))
    print(json.dumps(res))
    sys.exit(0)
res["connect"] = "ok"
def rec(t, c=b""):
    return struct.pack(">BBHHBB", 1, t, 1, len(c), 0, 0) + c
params = {"REQUEST_METHOD": "GET", "SCRIPT_NAME": "/chart.png", "QUERY_STRING": "d=1,2,3&w=40&h=30",
          "REQUEST_URI": "/chart.png?d=1,2,3&w=40&h=30", "GATEWAY_INTERFACE": "CGI/1.1"}
nv = b"".join(bytes([len(k), len(v)]) + k.encode() + v.encode() for k, v in params.items())
s.sendall(rec(1, struct.pack(">HB5x", 1, 0)) + rec(4, nv) + rec(4) + rec(5))
buf = b""
try:
    while True:
        d = s.recv(65536)
        if not d:
            break
        buf += d
except OSError as e:
    res["read_error"] = str(e)
if len(buf) > 16 and buf[8:16] == b"Status: ":
    res["http_status"] = int(buf[16:19])
print(json.dumps(res))
"""


def run_client(path: Path, uid: int, gid: int, groups: list[int]) -> dict:
    out = subprocess.run([sys.executable, "-c", CLIENT, str(path)], user=uid, group=gid, extra_groups=groups,
                         capture_output=True, text=True, timeout=20, cwd="/")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def check_clients(recipe: str, sock: Path, group: str) -> tuple[dict, list[str]]:
    st = os.stat(sock)
    gid = grp.getgrnam(group).gr_gid
    clients = [("outsider", OUTSIDER, OUTSIDER, []), ("member of the socket's group", MEMBER, MEMBER, [gid])]
    results, failures = [], []
    if not stat.S_ISSOCK(st.st_mode):
        failures.append(f"{recipe}: {sock} is not a socket")
    if stat.S_IMODE(st.st_mode) & 0o007:
        failures.append(f"{recipe}: the socket is open to others: {oct(stat.S_IMODE(st.st_mode))}")
    if st.st_gid != gid:
        failures.append(f"{recipe}: the socket's group is {st.st_gid}, not {group} ({gid})")
    for who, uid, g, groups in clients:
        res = run_client(sock, uid, g, groups)
        res["who"] = who
        results.append(res)
        if who == "outsider" and res["connect"] != "EACCES":
            failures.append(f"{recipe}: a user outside {group} could connect: {res}")
        if who != "outsider" and (res["connect"] != "ok" or res["http_status"] != 200):
            failures.append(f"{recipe}: a member of {group} got no chart: {res}")
    return {"recipe": recipe, "socket": str(sock), "mode": oct(stat.S_IMODE(st.st_mode)), "owner_uid": st.st_uid,
            "group": group, "group_gid": gid, "clients": results}, failures


def plotgate_bound_socket(binary: Path, group: str) -> tuple[dict, list[str]]:
    """`plotgate serve --socket PATH --socket-mode 0660 --socket-group <web group>`."""
    tmp = Path(tempfile.mkdtemp(prefix="plotgate-sock-"))
    os.chmod(tmp, 0o711)  # traversable, not listable, as /run/plotgate
    sock = tmp / "plotgate.sock"
    log = open(tmp / "serve.stderr", "wb")
    proc = subprocess.Popen([str(binary), "serve", "--workers", "1", "--socket", str(sock), "--socket-mode", "0660",
                             "--socket-group", group], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            assert proc.poll() is None, (tmp / "serve.stderr").read_text()
            assert time.monotonic() < deadline, "no socket within 10 s"
            time.sleep(0.02)
        return check_clients("plotgate serve --socket --socket-mode 0660 --socket-group", sock, group)
    finally:
        try:
            stop_process(proc)
        finally:
            log.close()
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: the clients switch to unprivileged uids/gids to try "
                                              "the socket's permissions")
def test_socket_access(binary, make_stack):  # noqa: F811
    """Both recipes: the socket is a socket, mode 0660 (nothing for others), group = the web
    server's; an outsider's connect() fails with EACCES; a member of the group gets a chart
    over FastCGI; and with spawn-fcgi, nginx (running as the web user) still gets charts."""
    group = web_user()[1]
    t0 = time.monotonic()
    recipes, failures = [], []
    rec, bad = plotgate_bound_socket(binary, group)
    recipes.append(rec)
    failures += bad
    s = make_stack(command="serve", serve_args=["--workers", "1"])
    r = s.get("/chart.png?d=1,2&w=40&h=30")
    if r.status != 200:
        failures.append(f"nginx got {r.status} through the spawn-fcgi socket")
    rec, bad = check_clients("spawn-fcgi -M 0660 -U/-G <web user/group>", s.socket_path, group)
    recipes.append(rec)
    failures += bad
    cases = [{"recipe": r["recipe"], **c} for r in recipes for c in r["clients"]]
    write_summary("test_socket_access", {"test": "test_socket_access", "duration_s": round(time.monotonic() - t0, 2),
                                         "recipes": recipes, "cases": cases, "failures": failures})
    print(json.dumps(cases))
    assert not failures, failures
