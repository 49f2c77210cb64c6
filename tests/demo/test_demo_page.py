"""The demo page in a real browser (Debian's headless Chromium) against a running stack:
`scripts/run.sh start` (the same script as `make start`) with a private prefix and port.

Asserts every <img> loaded, the page logs no errors, the chart builder updates the image and
shows the error for a bad URL; saves a screenshot (out/test-artifacts/demo.png) to look at.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import urllib.request

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ARTIFACTS = os.path.join(REPO, "out", "test-artifacts")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium is not installed (make test installs Debian's chromium)")


@pytest.fixture(scope="module")
def stack():
    prefix = tempfile.mkdtemp(prefix="plotgate-demo-")
    os.chmod(prefix, 0o711)
    port = free_port()
    env = dict(os.environ, PLOTGATE_PREFIX=prefix, PLOTGATE_PORT=str(port))
    subprocess.run([os.path.join(REPO, "scripts", "run.sh"), "start"], env=env, check=True, timeout=60,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    shutil.copy(os.path.join(REPO, "tests", "demo", "check.html"), os.path.join(prefix, "www", "check.html"))
    try:
        yield "http://127.0.0.1:%d" % port
    finally:
        subprocess.run([os.path.join(REPO, "scripts", "run.sh"), "stop"], env=env, timeout=60)
        shutil.rmtree(prefix, ignore_errors=True)


def run_chromium(*args, timeout=60):
    home = tempfile.mkdtemp(prefix="plotgate-chromium-")
    try:
        cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--user-data-dir=" + home, "--enable-logging=stderr", "--v=0"] + list(args)
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                              text=True, env=dict(os.environ, HOME=home))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_every_image_loads_and_the_builder_works(stack):
    """Every <img> on the demo page has a natural width (no broken icons), no JS errors, and
    editing the builder's data re-renders the chart; a bad value shows the error image and the
    error status."""
    out = run_chromium("--virtual-time-budget=20000", "--dump-dom", stack + "/check.html")
    match = re.search(r'<pre id="result">(.*?)</pre>', out.stdout, re.S)
    assert match, "no result in the DOM:\n" + out.stdout[-2000:] + out.stderr[-2000:]
    result = json.loads(match.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    assert not result.get("timeout"), result
    assert result["errors"] == []
    assert len(result["images"]) >= 12
    broken = [i["src"] for i in result["images"] if i["width"] <= 0]
    assert broken == [], "images that did not load: %s" % broken
    builder = result["builder"]
    assert "d=1,2,3,4" in builder["updatedSrc"]
    assert builder["updatedWidth"] == 600
    assert builder["url"].startswith(stack + "/chart.png?")
    assert "400" in builder["errorStatus"] and "invalid_value" in builder["errorStatus"]
    assert builder["errorImageWidth"] > 0, "the error image is shown, not a broken icon"
    # Chromium prints page console errors on stderr; none may come from our page.
    page_errors = [l for l in out.stderr.splitlines() if "CONSOLE" in l and ("Uncaught" in l or "Error" in l)]
    assert page_errors == []


def test_screenshot_of_the_demo_page(stack):
    """A screenshot for people to look at (saved as a test artifact); it must be a real,
    non-trivial picture of the page."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, "demo.png")
    if os.path.exists(path):
        os.remove(path)
    run_chromium("--window-size=1300,2200", "--hide-scrollbars", "--virtual-time-budget=8000",
                 "--screenshot=" + path, stack + "/")
    from PIL import Image
    with Image.open(path) as img:
        img.load()
        assert img.size == (1300, 2200)
        colors = img.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colors is not None and len(colors) > 500, "the screenshot looks empty"
    with urllib.request.urlopen(stack + "/") as r:
        assert r.status == 200 and b"Build a chart" in r.read()
