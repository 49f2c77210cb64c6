#!/usr/bin/env bash
# Installs plotgate on a Debian host: user, binary, fonts cache, systemd units, logrotate,
# example configs. For operators, as root; safe to run again (it converges, never duplicates).
#
#   deploy/install.sh [--binary PATH] [--web-group GROUP] [--enable service|socket|none]
#
#   --binary PATH      the plotgate to install (default: .build/release/plotgate of this repo)
#   --web-group GROUP  the web server's group that may use the socket (default: www-data)
#   --enable MODE      service: plotgate.service (plotgate binds the socket itself)
#                      socket:  plotgate.socket + plotgate-activated.service (activation)
#                      none:    install only (default); enable later with systemctl
#
# It does not touch nginx or Apache: their configs are copied to /usr/local/share/plotgate/
# to be included by hand (docs/DEPLOY.md says where).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
binary=$repo/.build/release/plotgate
web_group=www-data
enable=none

while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --web-group) web_group=$2; shift 2 ;;
        --enable) enable=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 64 ;;
    esac
done
case "$enable" in service|socket|none) ;; *) echo "install.sh: --enable takes service, socket or none" >&2; exit 64 ;; esac

[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
[ -x "$binary" ] || { echo "install.sh: no executable at $binary (swift build -c release, or --binary)" >&2; exit 1; }
getent group "$web_group" >/dev/null || { echo "install.sh: group $web_group does not exist (install the web server first, or --web-group)" >&2; exit 1; }

# The binary must run here without the Swift toolchain's directory: build it with
#   swift build -c release --static-swift-stdlib
# (a default build finds libswiftCore.so in the toolchain, /opt/swift/usr/lib/swift/linux).
if ldd "$binary" | grep -q "not found"; then
    echo "install.sh: $binary needs libraries that are not on this host:" >&2
    ldd "$binary" | grep "not found" >&2
    echo "build it with: swift build -c release --static-swift-stdlib" >&2
    exit 1
fi

step() { echo "install.sh: $*"; }

# Run-time packages: Cairo, FreeType, fontconfig with a font, libfcgi, spawn-fcgi (for spawn-fcgi.sh).
missing=()
for p in libcairo2 libfreetype6 libfcgi0ldbl fontconfig fonts-dejavu-core libdeflate0 libqrencode4 spawn-fcgi; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# A system user with no home and no shell; the pool runs as it.
if ! getent passwd plotgate >/dev/null; then
    step "creating system user plotgate"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin --comment "plotgate chart renderer" plotgate
fi

step "installing $binary -> /usr/local/bin/plotgate"
# A new file then rename: a running pool keeps its (old) binary until it is restarted.
install -m 0755 "$binary" /usr/local/bin/plotgate.new
mv -f /usr/local/bin/plotgate.new /usr/local/bin/plotgate
/usr/local/bin/plotgate version

# Fonts: a warm fontconfig cache saves 125-260 ms on the first text of every new process
# (and the hardened units cannot write a cache of their own).
step "refreshing the font cache (fc-cache -f)"
fc-cache -f

# Units, with the web server's group filled in.
for unit in plotgate.service plotgate.socket plotgate-activated.service; do
    sed "s/www-data/$web_group/g" "$here/$unit" >"/etc/systemd/system/$unit.new"
    chmod 0644 "/etc/systemd/system/$unit.new"
    mv -f "/etc/systemd/system/$unit.new" "/etc/systemd/system/$unit"
done
# Options are the operator's: written once, never overwritten.
if [ ! -e /etc/default/plotgate ]; then
    install -m 0644 "$here/plotgate.default" /etc/default/plotgate
fi

# spawn-fcgi variant: its script, its log directory and its logrotate rule.
install -m 0755 "$here/spawn-fcgi.sh" /usr/local/sbin/plotgate-spawn-fcgi
install -d -m 0755 /var/log/plotgate
install -m 0644 "$here/logrotate.conf" /etc/logrotate.d/plotgate

# Web server configs and the docs, to include or copy by hand.
install -d -m 0755 /usr/local/share/plotgate/nginx /usr/local/share/plotgate/apache /usr/local/share/doc/plotgate
install -m 0644 "$repo/nginx/production.conf" "$repo/nginx/multi-host.conf" /usr/local/share/plotgate/nginx/
install -m 0644 "$here"/apache/*.conf /usr/local/share/plotgate/apache/
install -m 0644 "$repo/docs/DEPLOY.md" /usr/local/share/doc/plotgate/

if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    case "$enable" in
        service)
            step "enabling plotgate.service"
            systemctl disable --now plotgate.socket plotgate-activated.service 2>/dev/null || true
            systemctl enable plotgate.service
            systemctl restart plotgate.service
            ;;
        socket)
            step "enabling plotgate.socket (socket activation)"
            systemctl disable --now plotgate.service 2>/dev/null || true
            systemctl enable plotgate.socket
            systemctl restart plotgate.socket
            # A running activated pool keeps the old binary until restarted.
            systemctl try-restart plotgate-activated.service
            ;;
        none) ;;
    esac
elif [ "$enable" != none ]; then
    echo "install.sh: systemd is not running here; start plotgate with /usr/local/sbin/plotgate-spawn-fcgi start" >&2
fi

cat <<MSG
install.sh: done.
  nginx:   cp /usr/local/share/plotgate/nginx/production.conf /etc/nginx/conf.d/plotgate.conf
           (set server_name), nginx -t && systemctl reload nginx
  systemd: systemctl enable --now plotgate.service    or    systemctl enable --now plotgate.socket
  no systemd: /usr/local/sbin/plotgate-spawn-fcgi start
  options: /etc/default/plotgate; docs: /usr/local/share/doc/plotgate/DEPLOY.md
MSG
