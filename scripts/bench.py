"""`make bench`: throughput of every public page and API read against a trivial JSON view.

Starts the product as `lanzarote serve` runs it (gunicorn, production settings, 2 workers × 4
threads) on a scratch SQLite database loaded with the reference data, and drives it with wrk, a
load generator written in C, so that the client is never what limits the numbers. For each path
it prints requests per second, p50/p90 latency, the size sent compressed (the client accepts
gzip and brotli, as browsers do) and the share of the trivial view's throughput measured in the
same run. Then a 200-connection mix of public pages: throughput, p90 and errors. Last, the
resident memory of each worker.

Before each path is measured, every gunicorn worker is warmed on it: a worker's first request
imports the URL conf, and each worker fills its own in-process caches (the page cache, the derived
views), so a run that warmed one worker measured the other's cold start. The warm-up drives the
path with two connections per worker thread and repeats until every worker's CPU time shows that
it served some (`/proc/<pid>/stat`), up to five times; a path that could not be warmed on every
worker is named in the output. Each path's share is taken against the trivial view measured again
right after it (2 s), so that a change of the machine's load during the run does not pass for a
slow page; the load average is printed with the table: on a shared machine the numbers are only
as good as the idle cores.

Targets (issue 12; 2 cores): every path ≥ 50 % of the trivial view, the mix at p90 ≤ 250 ms with
0 errors, ≤ 250 MB per worker, the map page ≤ 120 KB compressed. Nothing here is a timed test: the
numbers are printed and the exit code says whether the targets hold.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PORT = 8799
TRIVIAL = "/api/v1/health/live"
# What the client says it accepts, as a browser does; the sizes below are what it receives.
ACCEPT_ENCODING = "gzip, deflate, br"

PAGES = {
    "home (en)": "/en/",
    "home (fr)": "/fr/",
    "chart": "/en/treaties/cets-201/chart/?as_of=2023-05-31",
    "State profile (fr)": "/fr/states/TN/",
    "States": "/en/states/",
    "map": "/en/map/?as_of=2020-02-01",
    "join": "/en/join/",
    "the Convention": "/en/treaties/cets-201/",
    "timeline": "/en/timeline/",
    "notifications": "/en/notifications/",
    "open data": "/en/open-data/",
    "Committee": "/en/committee/",
    "Committee meetings": "/en/committee/meetings/",
    "readiness": "/en/readiness/",
    "obligations": "/en/readiness/obligations/",
    "monitoring": "/en/monitoring/",
}
API_READS = {
    "API treaties": "/api/v1/treaties",
    "API chart": "/api/v1/treaties/cets-201/chart?as_of=2023-05-31",
    "API State profile": "/api/v1/states/FR?as_of=2023-05-31",
    "API eligibility": "/api/v1/states/JP/eligibility?treaty=cets-201",
    "API States": "/api/v1/states",
}
MAP_PAGE_LIMIT_BYTES = 120 * 1024
# gunicorn threads per worker (lanzarote.gunicorn_config); the warm-up opens two connections each.
THREADS = 4
WARM_UP_TRIES = 5
# How long the trivial view is measured again right before each path, for its share.
TRIVIAL_SECONDS = 2
# CPU time (clock ticks, 10 ms) a worker must have spent during a warm-up burst to have served it.
WARM_TICKS = 3

# wrk runs this for the mix: every connection walks the public pages from its own offset.
MIX_SCRIPT = """
local paths = {%s}
local accept = "%s"
local counter = 0
setup = function(thread) thread:set("offset", counter); counter = counter + 1 end
init = function(args) index = offset * 7 end
request = function()
  index = index + 1
  local path = paths[(index %% #paths) + 1]
  return wrk.format("GET", path, {["Accept-Encoding"] = accept})
end
"""


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "lanzarote"), *args], check=True, env=env, stdout=subprocess.DEVNULL)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: installing it with apt-get", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("make bench needs wrk (apt-get install wrk, brew install wrk)")
    return found


def wait_until_up(port: int, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", TRIVIAL)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def fetch(path: str) -> tuple[int, int, str]:
    """Status, bytes received and the encoding, for a client that accepts compression."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    conn.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING})
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body), response.getheader("Content-Encoding") or "identity"


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict[str, float]:
    result: dict[str, float] = {"errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = float(match.group(1))
    for percent in ("50", "90", "99"):
        if match := re.search(rf"^\s+{percent}%\s+(\S+)", output, re.MULTILINE):
            result[f"p{percent}_ms"] = _milliseconds(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["errors"] += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result["errors"] += sum(int(n) for n in match.groups())
    return result


def drive(
    wrk: str, path: str, *, connections: int, duration: float, script: Path | None = None
) -> dict[str, float]:
    command = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
    ]
    if script is not None:
        command += ["-s", str(script)]
    command.append(f"http://127.0.0.1:{PORT}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def worker_pids(master_pid: int) -> list[str]:
    return subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True, check=False
    ).stdout.split()


def cpu_ticks(pid: str) -> int:
    """User and system CPU time of a process, in clock ticks (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def warm_up(wrk: str, path: str, *, master_pid: int, workers: int) -> bool:
    """Drive `path` until every worker has served it (see the module); whether they all did."""
    for _try in range(WARM_UP_TRIES):
        pids = worker_pids(master_pid)
        before = {pid: cpu_ticks(pid) for pid in pids}
        drive(wrk, path, connections=workers * THREADS * 2, duration=1)
        if len(pids) >= workers and all(
            cpu_ticks(pid) - ticks >= WARM_TICKS for pid, ticks in before.items()
        ):
            return True
    return False


def worker_memory_mb(master_pid: int) -> list[float]:
    sizes: list[float] = []
    for pid in worker_pids(master_pid):
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            sizes.extend(
                int(line.split()[1]) / 1024
                for line in status.read_text().splitlines()
                if line.startswith("VmRSS:")
            )
    return sizes


def environment(scratch: Path, workers: int) -> dict[str, str]:
    env = {
        **os.environ,
        "LANZAROTE_VAR_DIR": str(scratch),
        "DJANGO_SETTINGS_MODULE": "lanzarote.settings.production",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback stands for the TLS proxy's side of the connection.
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(scratch / "static"),
        "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "WEB_CONCURRENCY": str(workers),
        # Recycling mid-run would measure start-up, not serving.
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_GRACEFUL_TIMEOUT": "5",
    }
    env.pop("DEBUG", None)
    return env


def measure(options: argparse.Namespace, wrk: str) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="lanzarote-bench-"))
    env = environment(scratch, options.workers)
    run("migrate", "--noinput", env=env)
    run("load-reference-data", env=env)
    run("collectstatic", "--noinput", env=env)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config",
            "python:lanzarote.gunicorn_config",
            "--bind",
            f"127.0.0.1:{PORT}",
        ],
        env=env,
        cwd=ROOT,
    )
    results: dict = {"paths": {}, "sizes": {}, "cold": [], "load": [os.getloadavg()]}
    try:
        wait_until_up(PORT)
        every = {"trivial": TRIVIAL, **PAGES, **API_READS}
        for name, path in every.items():
            status, size, encoding = fetch(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            results["sizes"][name] = {"bytes": size, "encoding": encoding}
            if not warm_up(wrk, path, master_pid=server.pid, workers=options.workers):
                results["cold"].append(name)
            measured = drive(wrk, path, connections=options.connections, duration=options.duration)
            if name != "trivial":
                # The trivial view again, right after: the share compares like with like even
                # when the machine's load changes during the run.
                measured["trivial_rps"] = drive(
                    wrk, TRIVIAL, connections=options.connections, duration=TRIVIAL_SECONDS
                )["rps"]
            results["paths"][name] = measured
            print(f"{name}: {results['paths'][name]}", file=sys.stderr)
        script = scratch / "mix.lua"
        script.write_text(
            MIX_SCRIPT % (", ".join(json.dumps(p) for p in PAGES.values()), ACCEPT_ENCODING)
        )
        results["mix"] = drive(
            wrk, "/", connections=200, duration=options.mix_duration, script=script
        )
        results["worker_rss_mb"] = worker_memory_mb(server.pid)
        results["load"].append(os.getloadavg())
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()  # workers still busy with the mix's last requests
            server.wait()
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def report(results: dict, options: argparse.Namespace) -> bool:
    first = results["paths"]["trivial"]["rps"]
    for item in results["paths"].values():
        item["share"] = item["rps"] / item.get("trivial_rps", first)
    mix, memory = results["mix"], results["worker_rss_mb"]
    failures = [
        f"{name} at {item['share']:.0%}"
        for name, item in results["paths"].items()
        if name != "trivial" and item["share"] < 0.5
    ]
    if mix["p90_ms"] > 250 or mix["errors"]:
        failures.append(f"mix p90 {mix['p90_ms']:.0f} ms, {mix['errors']:.0f} errors")
    failures += [f"a worker at {m:.0f} MB" for m in memory if m > 250]
    if results["sizes"]["map"]["bytes"] > MAP_PAGE_LIMIT_BYTES:
        failures.append(f"map page {results['sizes']['map']['bytes'] / 1024:.0f} KB")
    if options.json:
        print(json.dumps({**results, "failures": failures}, indent=2))
        return not failures
    print(
        f"gunicorn {options.workers} workers × {THREADS} threads, production settings, wrk "
        f"{options.connections} connections, {options.duration:.0f} s per path, "
        f"{os.cpu_count()} cores"
    )
    print(
        "load average (1, 5, 15 min) at the start "
        + ", ".join(f"{n:.1f}" for n in results["load"][0])
        + ", at the end "
        + ", ".join(f"{n:.1f}" for n in results["load"][-1])
    )
    print(
        f"every worker warmed on every path ({WARM_UP_TRIES} tries at most)"
        if not results["cold"]
        else "NOT every worker warmed on: " + ", ".join(results["cold"])
    )
    print(
        f"{'path':24} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'KB sent':>8} {'enc':>8} "
        f"{'trivial':>8} {'share':>6}"
    )
    for name, item in results["paths"].items():
        size = results["sizes"][name]
        print(
            f"{name:24} {item['rps']:8.0f} {item['p50_ms']:8.2f} {item['p90_ms']:8.2f} "
            f"{size['bytes'] / 1024:8.1f} {size['encoding']:>8} "
            f"{item.get('trivial_rps', first):8.0f} {item['share']:6.0%}"
        )
    print(
        f"mix of {len(PAGES)} public pages, 200 connections: {mix['rps']:.0f} req/s, "
        f"p50 {mix['p50_ms']:.0f} ms, p90 {mix['p90_ms']:.0f} ms, {mix['errors']:.0f} errors"
    )
    print("worker RSS (MB): " + ", ".join(f"{m:.0f}" for m in memory))
    print("targets met" if not failures else "TARGETS NOT MET: " + "; ".join(failures))
    return not failures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per path")
    parser.add_argument("--mix-duration", type=float, default=15.0, help="seconds for the mix")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections per path")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    results = measure(options, ensure_wrk())
    return 0 if report(results, options) else 1


if __name__ == "__main__":
    raise SystemExit(main())
