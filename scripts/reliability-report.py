#!/usr/bin/python3
"""Writes docs/RELIABILITY.md from the summaries in out/reliability/*.json.

Usage: scripts/reliability-report.py [--out docs/RELIABILITY.md] [--dir out/reliability]

The summaries are written by tests/reliability (each test one JSON file: load, faults, abuse)
and by scripts/fuzz.sh (fuzz.json: seconds, executions, exec_per_sec, corpus_entries,
crashes). A missing file is reported as "not run", never guessed. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load(d: Path, *names: str) -> dict | None:
    for n in names:
        p = d / f"{n}.json"
        if p.exists():
            try:
                return json.loads(p.read_text())
            except (OSError, ValueError) as e:
                return {"_unreadable": str(e)}
    return None


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, IndexError, ValueError):
        pass
    return f"{os.cpu_count()} cores ({model or platform.machine()}){mem}, Linux {platform.release()}"


def fmt(v, unit: str = "") -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        v = f"{v:.1f}" if abs(v) < 1000 else f"{v:.0f}"
    return f"{v}{unit}"


def statuses(counts: dict | None) -> str:
    if not counts:
        return "-"
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))


def failure_count(s: dict) -> int | None:
    """`failures` (a number, or a list of them), else `failure_count`."""
    f = s.get("failure_count", s.get("failures"))
    return len(f) if isinstance(f, list) else f


def request_count(s: dict):
    """`requests_sent`, else `requests`, else the number of `cases` (+ `fuzz.count`)."""
    for k in ("requests_sent", "requests"):
        if isinstance(s.get(k), int):
            return s[k]
    if isinstance(s.get("cases"), list):
        return len(s["cases"]) + int((s.get("fuzz") or {}).get("count", 0))
    return None


def verdict(s: dict | None) -> str:
    if s is None:
        return "not run"
    if "_unreadable" in s:
        return "unreadable"
    if "passed" in s:
        bad = [k for k, v in s.get("checks", {}).items() if not v]
        return "pass" if s["passed"] else "FAIL: " + ", ".join(bad)
    n = failure_count(s)
    if n is not None:
        return "pass" if n == 0 and not s.get("crashes") else f"FAIL: {n} failures"
    return "?"


def lat(s: dict | None, phase: str | None = None) -> tuple[str, str]:
    if not s:
        return "-", "-"
    src = s.get("phases", {}).get(phase, {}) if phase else s
    l = src.get("latency_ms") or {}
    return fmt(l.get("p50")), fmt(l.get("p99"))


def table(head: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(REPO / "out" / "reliability"))
    ap.add_argument("--out", default=str(REPO / "docs" / "RELIABILITY.md"))
    args = ap.parse_args()
    d = Path(args.dir)

    kill1 = load(d, "kill_one_pool")
    kill2 = load(d, "kill_two_pools")
    multi = load(d, "multi_host_worker_deaths")
    soak = load(d, "leak_soak")
    slow = load(d, "slowloris")
    over = load(d, "overload")
    url = load(d, "test_url_abuse", "url_abuse")
    fcgi = load(d, "test_fastcgi_abuse", "fastcgi_abuse")
    sock = load(d, "test_socket_access", "socket_access")
    fuzz = load(d, "fuzz")
    mine = {"kill -9, one pool": kill1, "kill -9, two pools": kill2, "leak soak": soak, "slowloris": slow,
            "overload 2x": over}
    abuse = {"URL abuse": url, "FastCGI abuse": fcgi, "socket access": sock}
    everything = {**mine, **abuse}

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = " (work tree modified)" if git("status", "--porcelain", "--untracked-files=no") else ""
    commits = sorted({s.get("commit") for s in everything.values() if s and s.get("commit")})
    scales = sorted({s.get("scale") for s in everything.values() if s and s.get("scale")})
    dates = sorted(s.get("date") for s in everything.values() if s and s.get("date"))
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    L = ["# Reliability", "",
         "Generated by `scripts/reliability-report.py` from `out/reliability/*.json` (`make reliability`).", "",
         f"- report written: {now}; tests run: {dates[0] + ' .. ' + dates[-1] if dates else 'none'}",
         f"- commit: {head}{dirty}" + (f"; summaries stamped {', '.join(commits)}" if commits else ""),
         f"- machine: {machine()}",
         f"- scale: {', '.join(scales) or '-'} (long = RELIABILITY_SCALE=long, the durations of issue 7)",
         "- stack: nginx 1.22 with the shipped `nginx/production.conf` (Debian's `worker_processes auto`, "
         "`worker_connections 10240` as production.conf asks) in front of `plotgate serve --workers 2`; client, "
         "nginx and pool share the cores.",
         ""]

    # ---------------------------------------------------------------- load held
    L += ["## Load held", ""]
    rows = []
    for name, s in mine.items():
        if s is None:
            rows.append([name, "not run"] + ["-"] * 7)
            continue
        p50, p99 = lat(s)
        rows.append([name, s.get("scale", "-"), fmt(s.get("duration_s"), " s"), s.get("requests_sent", "-"),
                     s.get("responses_received", "-"), statuses(s.get("status_counts")), p50, p99, verdict(s)])
    L += table(["test", "scale", "time", "sent", "answered", "statuses", "p50 ms", "p99 ms", "result"], rows)
    L.append("")
    if over:
        ph = over.get("phases", {})
        one = over.get("one_client", {})
        L += [f"Overload: capacity measured at {fmt(over.get('capacity_rps'))} charts/s (800x500 at dpr 2, "
              f"8 closed-loop clients); then {fmt(over.get('offered_rps'))}/s offered open-loop for "
              f"{fmt(over.get('overload_s'))} s, drained {fmt(over.get('drain_s'))} s after the last request "
              f"(served {fmt(over.get('served_rps_overload'))}/s meanwhile: offered / served = "
              f"{fmt(over.get('effective_overload'))}; the cores are shared, so the capacity measured first can be "
              "low). Latency grows, errors do not:", ""]
        L += table(["phase", "requests", "statuses", "p50 ms", "p99 ms", "max ms"],
                   [[p, ph[p].get("requests"), statuses(ph[p].get("status_counts")), *lat(over, p),
                     fmt((ph[p].get("latency_ms") or {}).get("max"))]
                    for p in ("baseline", "capacity", "overload") if p in ph])
        L += ["", f"One client not exempt from `limit_req` (from {one.get('source', '?')}) at the same rate for "
              f"{fmt(one.get('seconds'))} s: {statuses(one.get('status_counts'))} "
              f"(at most {fmt(one.get('allowed_200_max'))} 200s allowed by rate 20 r/s + burst 100). "
              "127.0.0.1 is exempt by production.conf's `geo`, so the overload above (many clients' worth) "
              "gets no 429.", ""]
        flood = over.get("flood")
        if flood:
            L += [f"Past the queue's bound (plotgate's listen backlog, 4096): {fmt(flood.get('rps'))}/s offered for "
                  f"{fmt(flood.get('seconds'))} s, {flood.get('sent')} requests: {statuses(flood.get('status_counts'))}, "
                  f"{flood.get('no_response')} without an answer; the 502s came at once (p99 "
                  f"{fmt(flood.get('p99_502_s'))} s). Beyond the backlog the connect fails and nginx answers 502 "
                  "(a stale cached chart where there is one); nginx, with connections for twice the backlog, never "
                  "drops a request unanswered.", ""]

    # ---------------------------------------------------------------- faults survived
    L += ["## Faults survived", ""]
    rows = []
    for name, s in (("one pool (production.conf)", kill1), ("two pools (production.conf, 2 servers)", kill2)):
        if s is None:
            rows.append([name, "not run"] + ["-"] * 6)
            continue
        rows.append([name, f"{s.get('kills')} every {fmt(s.get('kill_interval_s'))} s", s.get("requests_sent"),
                     f"{s.get('failures')} (allowed {s.get('failures_allowed')})", statuses(s.get("status_counts")),
                     s.get("master_logged_kills"), s.get("crash_lines"), verdict(s)])
    L += ["`kill -9` of a busy worker (busy per /status) under load from 4 client threads:", ""]
    L += table(["setup", "kills", "requests", "failed", "statuses", "kills logged", "crash lines", "result"], rows)
    L.append("")
    if multi:
        L += [f"Worker deaths behind `nginx/multi-host.conf` (`test_multi_host_conf_worker_deaths_do_not_take_hosts_out`): "
              f"each dead worker counts against its host in nginx; {multi.get('poison_requests')} requests that crash "
              f"their worker, then 40 ordinary charts: {statuses(multi.get('status_counts'))}, nginx `no live upstreams` "
              f"x{multi.get('nginx_no_live_upstreams')}. (With the `max_fails=2 fail_timeout=10s` first shipped, this "
              f"took every host out; the file now allows 10 failures in 5 s.)",
              ""]
    if soak:
        rc = soak.get("recycles", {})
        L += [f"Leak soak: every request leaks {soak.get('leak_kib_per_request')} KiB (`test.leak`), "
              f"`--rss-soft {soak.get('rss_soft_mib')} --rss-hard {soak.get('rss_hard_mib')}`, "
              f"{fmt(soak.get('duration_s'))} s, {soak.get('leaked_total_mib')} MiB leaked in all: worker RSS peak "
              f"{fmt(soak.get('worker_rss_peak_kib'))} KiB (bound {soak.get('worker_rss_bound_kib')} KiB, sampled "
              f"every 20 ms), recycles rss_soft {rc.get('rss_soft')}, rss_hard {rc.get('rss_hard')}; master RSS "
              f"{(soak.get('master_rss_kib') or {}).get('start')} -> {(soak.get('master_rss_kib') or {}).get('end')} KiB; "
              f"{soak.get('failures')} failures. {verdict(soak)}.", ""]
    if slow:
        L += [f"Slowloris: {slow.get('slow_clients')} clients trickling a header line every "
              f"{fmt(slow.get('trickle_s'))} s ({slow.get('slow_connections_opened')} connections, "
              f"{slow.get('slow_closed_by_server')} closed by nginx's 60 s client_header_timeout, "
              f"{slow.get('slow_reached_plotgate')} reached plotgate); busy workers with slow clients only: "
              f"{slow.get('quiet_busy_max')}; oldest request on a worker meanwhile "
              f"{slow.get('during_oldest_request_ms')} ms. Ordinary requests p50/p99: baseline "
              f"{'/'.join(lat(slow, 'baseline'))} ms, during {'/'.join(lat(slow, 'during'))} ms. {verdict(slow)}.", ""]

    # ---------------------------------------------------------------- bad inputs
    L += ["## Bad inputs tried", ""]
    rows = []
    for name, s in abuse.items():
        if s is None:
            rows.append([name, "not run", "-", "-", "-", "-", "-"])
            continue
        fails = failure_count(s)
        known = s.get("known_bugs") or {}
        kb = ", ".join(f"{k} x{v.get('count', v) if isinstance(v, dict) else v}" for k, v in known.items()) or "-"
        rows.append([name, fmt(request_count(s)), statuses(s.get("status_counts")), fmt(fails),
                     fmt(s.get("crashes")), kb, verdict(s)])
    L += table(["suite", "requests / cases", "statuses", "failures", "crashes", "known bugs (excused)", "result"],
               rows)
    L.append("")
    if url and url.get("categories"):
        L += ["URL abuse by category: " + ", ".join(f"{k} {v}" for k, v in sorted(url["categories"].items())) + ".", ""]
    if fuzz is None:
        L += ["Fuzzer (`scripts/fuzz.sh`): not run.", ""]
    else:
        L += table(["fuzzer", "seconds", "executions", "exec/s", "corpus", "crashes"],
                   [["scripts/fuzz.sh", fuzz.get("seconds"), fuzz.get("executions"), fmt(fuzz.get("exec_per_sec")),
                     fuzz.get("corpus_entries"), fuzz.get("crashes")]])
        L.append("")

    # ---------------------------------------------------------------- what was lost
    L += ["## What was lost", ""]
    rows, lost_total, unexplained = [], 0, 0
    for name, s in everything.items():
        if s is None or "_unreadable" in s:
            rows.append([name, "not run", "-", "-", "-", "-"])
            continue
        sent, got = request_count(s), s.get("responses_received")
        lost = (sent - got) if isinstance(sent, int) and isinstance(got, int) else None
        fails = failure_count(s)
        allowed = s.get("failures_allowed", 0)
        over_allowance = max(0, (fails or 0) - (allowed or 0))
        lost_total += lost or 0
        unexplained += over_allowance
        rows.append([name, fmt(sent), fmt(got), fmt(lost), fmt(fails), f"{allowed} (one per kill)" if allowed else "0"])
    L += table(["test", "sent", "answered", "lost", "failed", "failures allowed"], rows)
    L.append("")
    if fuzz is not None:
        L += [f"Fuzzer crashes: {fuzz.get('crashes')}.", ""]
    ran = [s for s in everything.values() if s is not None]
    if not ran:
        L += ["Nothing was run.", ""]
    elif lost_total == 0 and unexplained == 0 and all(verdict(s) == "pass" for s in ran) \
            and (fuzz is None or not fuzz.get("crashes")):
        L += ["**Nothing was lost**: every request sent was answered, and every failure is within its allowance "
              "(with one pool, the request in flight on a killed worker gets nginx's 502).", ""]
    else:
        L += [f"**Lost: {lost_total} requests unanswered, {unexplained} failures beyond their allowance**; "
              "see the failing checks above.", ""]

    # ---------------------------------------------------------------- rerun
    L += ["## How to rerun", "", "```sh",
          "make reliability        # long versions, fuzzer 600 s, then this report",
          "PLOTGATE_BIN=$PWD/.build/release/plotgate /usr/bin/python3 -m pytest -q tests/reliability   # short versions (part of make test)",
          "RELIABILITY_SCALE=long PLOTGATE_BIN=$PWD/.build/release/plotgate /usr/bin/python3 -m pytest -q -s tests/reliability/test_overload.py",
          "scripts/reliability-report.py   # this file, from out/reliability/*.json",
          "```", "",
          "Each test writes `out/reliability/<test>.json` (keys documented in the test's docstring) before it "
          "asserts, so a failed run is reported too.", ""]

    Path(args.out).write_text("\n".join(L))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
