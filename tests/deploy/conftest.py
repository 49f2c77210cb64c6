"""Fixtures for the deployment-kit tests (helpers live in deploykit.py)."""

from __future__ import annotations

import os
import sys

import pytest

from .deploykit import cleanup_stale_namespaces, netns_available, plotgate_binary


@pytest.fixture(scope="session")
def binary():
    path = plotgate_binary()
    if not os.access(path, os.X_OK):
        pytest.exit(f"no plotgate binary at {path}: run `swift build -c release` (or set PLOTGATE_BIN)",
                    returncode=2)
    print(f"\nplotgate binary: {path}", file=sys.stderr)
    return path


@pytest.fixture(scope="session")
def netns_ok():
    """Network namespaces give the tests client and host addresses other than loopback."""
    cleanup_stale_namespaces()
    reason = netns_available()
    if reason is not None:
        pytest.skip(f"network namespaces unavailable: {reason}")
    return True


@pytest.fixture(scope="session")
def nginx_bin():
    if not os.access("/usr/sbin/nginx", os.X_OK):
        pytest.skip("nginx is not installed (Debian package nginx)")
    if os.geteuid() != 0:
        pytest.skip("the deploy tests run nginx as root with `user nobody nogroup` (CI is root)")
    return "/usr/sbin/nginx"


@pytest.fixture(scope="session")
def apache_bin():
    if not os.access("/usr/sbin/apache2", os.X_OK):
        pytest.skip("apache2 is not installed (Debian packages apache2 libapache2-mod-fcgid)")
    if os.geteuid() != 0:
        pytest.skip("the Apache tests run apache2 as root with `User nobody` (CI is root)")
    return "/usr/sbin/apache2"

