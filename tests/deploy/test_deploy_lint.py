"""Static checks of the deployment kit: each config as its server's own checker sees it, and
the timeout layers the docs promise, checked against each other."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .deploykit import (
    APACHE,
    PROD_BINARY,
    REPO,
    keep_or_remove,
    make_tmp,
    nginx_test_config,
    multi_replacements,
    production_replacements,
    render,
    write_apache,
    write_nginx,
)

DEPLOY = REPO / "deploy"
UNITS = ["plotgate.service", "plotgate.socket", "plotgate-activated.service"]


@pytest.fixture
def tmp(request):
    path = make_tmp("plotgate-deploy-lint-")
    failed_before = request.session.testsfailed
    yield path
    keep_or_remove(path, request.session.testsfailed > failed_before)


def test_nginx_t_production(tmp, nginx_bin):
    site = render(REPO / "nginx" / "production.conf",
                  production_replacements(tmp, tmp / "plotgate.sock", ["127.0.0.1:18080"]))
    r = nginx_test_config(write_nginx(tmp, site))
    assert r.returncode == 0, r.stderr
    assert "[warn]" not in r.stderr and "[emerg]" not in r.stderr, r.stderr


def test_nginx_t_multi_host(tmp, nginx_bin):
    site = render(REPO / "nginx" / "multi-host.conf",
                  multi_replacements(tmp, ["10.213.250.2", "10.213.250.6"], "127.0.0.1:18081"))
    r = nginx_test_config(write_nginx(tmp, site))
    assert r.returncode == 0, r.stderr
    assert "[warn]" not in r.stderr and "[emerg]" not in r.stderr, r.stderr


def test_nginx_t_both_files_in_one_nginx(tmp, nginx_bin):
    """The two files use names of their own (upstreams, zones, variables): one nginx can load
    both, e.g. a front host that also renders."""
    prod = render(REPO / "nginx" / "production.conf",
                  production_replacements(tmp, tmp / "plotgate.sock", ["127.0.0.1:18080"]))
    multi = render(REPO / "nginx" / "multi-host.conf",
                   [(a, b.replace(str(tmp / "cache"), str(tmp / "cache-front")))
                    for a, b in multi_replacements(tmp, ["10.213.250.2", "10.213.250.6"], "127.0.0.1:18081")])
    r = nginx_test_config(write_nginx(tmp, prod + "\n" + multi))
    assert r.returncode == 0, r.stderr
    assert "[warn]" not in r.stderr, r.stderr


@pytest.mark.parametrize("kind", ["proxy-fcgi", "fcgid", "cgi"])
def test_apache2_t(tmp, apache_bin, binary, kind):
    conf = write_apache(tmp, kind, binary, tmp / "plotgate.sock", ["127.0.0.1:18082"])
    r = subprocess.run([APACHE, "-t", "-f", str(conf)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    # Nothing but "Syntax OK": no ignored parameters, no warnings.
    assert r.stderr.strip() == "Syntax OK" and r.stdout.strip() == "", r.stderr + r.stdout


def test_systemd_analyze_verify(tmp, binary):
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    for unit in UNITS:
        # Only the binary's path changes: verify checks that ExecStart's program exists.
        (tmp / unit).write_text(render(DEPLOY / unit, [(PROD_BINARY, str(binary))])
                                if PROD_BINARY in (DEPLOY / unit).read_text() else (DEPLOY / unit).read_text())
    r = subprocess.run([tool, "verify", *[str(tmp / u) for u in UNITS]], capture_output=True, text=True,
                       timeout=60, cwd=tmp)
    assert r.returncode == 0, r.stderr
    # Unknown keys and bad values are only warnings to systemd: none may appear.
    ours = [line for line in (r.stdout + r.stderr).splitlines() if any(u in line for u in UNITS)]
    assert ours == [], "\n".join(ours)


def test_shell_scripts_parse():
    for script, shell in (("spawn-fcgi.sh", "sh"), ("install.sh", "bash")):
        r = subprocess.run([shell, "-n", str(DEPLOY / script)], capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, f"{script}: {r.stderr}"
        assert (DEPLOY / script).stat().st_mode & 0o111, f"{script} is not executable"


def test_logrotate_config(tmp):
    tool = shutil.which("logrotate") or ("/usr/sbin/logrotate" if Path("/usr/sbin/logrotate").exists() else None)
    if tool is None:
        pytest.skip("logrotate is not installed (Debian package logrotate)")
    (tmp / "log").mkdir()
    (tmp / "log" / "plotgate.log").write_text("x\n")
    conf = tmp / "logrotate.conf"
    conf.write_text(render(DEPLOY / "logrotate.conf", [("/var/log/plotgate/", f"{tmp}/log/")]))
    r = subprocess.run([tool, "-d", "-s", str(tmp / "state"), str(conf)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "error" not in r.stderr.lower(), r.stderr


# --------------------------------------------------------------------------------------------
# The timeout layers: render deadline (503) < hard timeout (SIGKILL, 502) < web server (504)
# --------------------------------------------------------------------------------------------

def pool_defaults() -> dict[str, float]:
    """plotgate serve's default deadlines, read from PoolOptions (the one place they live)."""
    text = (REPO / "Sources" / "PlotSupervisor" / "PoolOptions.swift").read_text()
    out = {}
    for name in ("renderTimeout", "hardTimeout", "gracefulTimeout"):
        m = re.search(rf"var {name} = ([0-9.]+)", text)
        assert m, f"PoolOptions.swift no longer declares `var {name} = <seconds>`: update this test"
        out[name] = float(m.group(1))
    return out


def seconds(conf: Path, pattern: str) -> list[float]:
    return [float(v) for v in re.findall(pattern, conf.read_text(), flags=re.M)]


def test_timeouts_are_layered():
    d = pool_defaults()
    assert d["renderTimeout"] < d["hardTimeout"]
    for conf in (REPO / "nginx" / "production.conf", REPO / "nginx" / "multi-host.conf"):
        reads = seconds(conf, r"^\s*fastcgi_read_timeout (\d+)s;")
        assert reads and min(reads[:1]) > d["hardTimeout"], f"{conf.name}: fastcgi_read_timeout {reads}"
        locks = seconds(conf, r"^\s*fastcgi_cache_lock_timeout (\d+)s;")
        assert locks and locks[0] > d["renderTimeout"], f"{conf.name}: the lock must outlast a render"
    apache = DEPLOY / "apache"
    assert seconds(apache / "plotgate-proxy-fcgi.conf", r"timeout=(\d+)")[0] > d["hardTimeout"]
    assert seconds(apache / "plotgate-fcgid.conf", r"^FcgidIOTimeout (\d+)")[0] > d["renderTimeout"]
    assert seconds(apache / "plotgate-cgi.conf", r"^CGIDScriptTimeout (\d+)")[0] > d["renderTimeout"]
    for unit in ("plotgate.service", "plotgate-activated.service"):
        stop = seconds(DEPLOY / unit, r"^TimeoutStopSec=(\d+)")
        assert stop and stop[0] > d["gracefulTimeout"], f"{unit}: TimeoutStopSec must outlast the drain"
