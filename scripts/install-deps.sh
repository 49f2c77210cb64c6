#!/usr/bin/env bash
# Installs the Debian packages plotgate needs, only those that are missing.
# Used by `make run` and `make test`; safe to run again.
set -euo pipefail

packages=(
  pkg-config            # Swift's system-library targets find Cairo through it
  libcairo2-dev         # drawing: PNG surfaces, SVG and PDF
  libdeflate-dev        # our PNG encoder's deflate
  libqrencode-dev       # QR codes (Google dialect cht=qr)
  libpng-dev            # tests only: an independent PNG decoder
  libfreetype-dev       # opens the packaged DejaVu files directly (no fontconfig start-up)
  libfontconfig-dev     # font lookup when the packaged DejaVu files are missing
  fontconfig            # its configuration and cache, for that fallback
  fonts-dejavu-core     # the default font
  libfcgi-dev           # FastCGI (libfcgi's FCGX_* API)
  spawn-fcgi            # starts the pool on a socket
  nginx                 # the web server in front (make run, integration tests)
  curl                  # readiness checks
  python3               # integration tests (Debian's python, /usr/bin/python3)
  python3-pytest
  python3-pil           # decodes every PNG the tests receive
  fcgiwrap              # runs plotgate as a plain CGI program behind nginx in the tests
  chromium              # the demo page is tested in a real (headless) browser
  apache2               # the Apache recipes (mod_proxy_fcgi, mod_cgid) are tested for real
  libapache2-mod-fcgid
  logrotate             # deploy/logrotate.conf is checked with logrotate -d
  iproute2              # network namespaces: a second client address, scale-out hosts
  systemd               # systemd-analyze verify and systemd-socket-activate for the units
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "plotgate: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # A warm font cache saves 100-250 ms on the first text render of every new process.
  $SUDO fc-cache -f >/dev/null 2>&1 || true
fi

if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
  echo "plotgate: no Swift toolchain found (expected swift on PATH or /opt/swift); install Swift 6 first" >&2
  exit 1
fi
