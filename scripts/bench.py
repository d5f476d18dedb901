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
worker is named in the output.

A path's share is not one measurement against one of the trivial view: on a shared machine a
single 2-s run of either swings by half. Each path is measured in short rounds interleaved with the
trivial view (trivial, path, trivial, path, …, trivial; 3 rounds of 2 s by default, the trivial run
that closes one path opens the next), each round's ratio is the path's throughput over the mean of
the two trivial runs around it, and the share is the median of those ratios; the table prints
their spread (lowest–highest) so that a reader sees the noise. Compare shares within a run only.
Each run also reads the workers' CPU time (`/proc/<pid>/stat`) and divides it by the requests wrk
counted: the share by CPU (the trivial view's cost per request over the path's, median of the
rounds) says what a path costs even when other work on the machine starves the throughput.

The machine's load average is printed before and after, and the CPU time other processes used
while the bench measured (`/proc/stat` less what gunicorn, wrk and this script used): when other
work took more than a tenth of the cores the output says the numbers are unreliable.

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
import resource
import shutil
import signal
import statistics
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
# Interleaved rounds per path (see the module) and how long each run of a round lasts.
ROUNDS = 3
ROUND_SECONDS = 2
# Share of the cores other processes may use while the bench measures before it is called unreliable.
OTHER_WORK_LIMIT = 0.10
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
    if match := re.search(r"(\d+) requests in ", output):
        result["requests"] = int(match.group(1))
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


def _around(runs: list[float], index: int) -> float:
    """Mean of the two trivial runs around round `index`; a run that served nothing (the machine
    stalled it) does not count, and with neither the round has nothing to be measured against."""
    served = [run for run in runs[index : index + 2] if run > 0]
    return sum(served) / len(served) if served else 0.0


def round_ratios(path_rps: list[float], trivial_rps: list[float]) -> list[float]:
    """Each round's share: the path's throughput over the mean of the trivial runs around it.

    `trivial_rps` has one run more than `path_rps`: runs i and i + 1 flank round i.
    """
    if len(trivial_rps) != len(path_rps) + 1:
        raise ValueError("every round needs a trivial run before and after it")
    ratios = []
    for index, rps in enumerate(path_rps):
        around = _around(trivial_rps, index)
        ratios.append(rps / around if around > 0 else 0.0)
    return ratios


def spread(values: list[float]) -> dict[str, float]:
    """Median, lowest and highest of a path's rounds (a share, a throughput, a latency)."""
    return {"median": statistics.median(values), "low": min(values), "high": max(values)}


def machine_ticks() -> tuple[int, int]:
    """Busy and total CPU clock ticks of the machine since it booted (first line of /proc/stat)."""
    user, nice, system, idle, iowait, irq, softirq, steal = (
        int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    busy = user + nice + system + irq + softirq + steal
    return busy, busy + idle + iowait


def own_ticks(master_pid: int) -> float:
    """CPU ticks the bench used: gunicorn's master and workers, wrk (waited children), this script."""
    seconds = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )
    server = [str(master_pid), *worker_pids(master_pid)]
    return sum(cpu_ticks(pid) for pid in server) + seconds * os.sysconf("SC_CLK_TCK")


def other_work(start: tuple[int, int, float], end: tuple[int, int, float]) -> float:
    """Share of the machine's CPU time other processes used between two `(busy, total, own)`."""
    total = end[1] - start[1]
    others = (end[0] - start[0]) - (end[2] - start[2])
    return max(0.0, others / total) if total > 0 else 0.0


def cpu_ratios(path_cpu: list[float], trivial_cpu: list[float]) -> list[float]:
    """Each round's share by CPU: the mean CPU time per request of the trivial runs around it over
    the path's (the cost of a request, which the machine's other work barely changes). A round
    in which the path served nothing has no cost to compare and is left out (none: [0.0])."""
    if len(trivial_cpu) != len(path_cpu) + 1:
        raise ValueError("every round needs a trivial run before and after it")
    ratios = [_around(trivial_cpu, index) / cpu for index, cpu in enumerate(path_cpu) if cpu > 0]
    return ratios or [0.0]


def cpu_ms_per_request(ticks: int, requests: float) -> float:
    return ticks * 1000 / os.sysconf("SC_CLK_TCK") / requests if requests else 0.0


def run_round(
    wrk: str, path: str, options: argparse.Namespace, *, master_pid: int
) -> dict[str, float]:
    """One run of wrk on `path`, with the workers' CPU time per request it served."""
    pids = worker_pids(master_pid)
    before = sum(cpu_ticks(pid) for pid in pids)
    measured = drive(wrk, path, connections=options.connections, duration=options.round_seconds)
    ticks = sum(cpu_ticks(pid) for pid in pids) - before
    measured["cpu_ms"] = cpu_ms_per_request(ticks, measured.get("requests", 0))
    return measured


def measure_path(
    wrk: str, path: str, options: argparse.Namespace, *, master_pid: int, trivial: list[dict]
) -> dict[str, object]:
    """The interleaved rounds of one path; `trivial` holds the run before them and grows."""
    rounds = []
    for _round in range(options.rounds):
        rounds.append(run_round(wrk, path, options, master_pid=master_pid))
        trivial.append(run_round(wrk, TRIVIAL, options, master_pid=master_pid))
    flanking = trivial[-options.rounds - 1 :]
    return {
        "rounds": rounds,
        "trivial_rps": [run["rps"] for run in flanking],
        "share": spread(round_ratios([r["rps"] for r in rounds], [run["rps"] for run in flanking])),
        "cpu_share": spread(
            cpu_ratios([r["cpu_ms"] for r in rounds], [run["cpu_ms"] for run in flanking])
        ),
        "cpu_ms": statistics.median(r["cpu_ms"] for r in rounds),
        "rps": spread([r["rps"] for r in rounds]),
        "p50_ms": statistics.median(r["p50_ms"] for r in rounds),
        "p90_ms": statistics.median(r["p90_ms"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds),
    }


def measure(options: argparse.Namespace, wrk: str) -> dict:
    began = time.monotonic()
    results: dict = {"paths": {}, "sizes": {}, "cold": [], "load": [os.getloadavg()]}
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
    try:
        wait_until_up(PORT)
        for name, path in {"trivial": TRIVIAL, **PAGES, **API_READS}.items():
            status, size, encoding = fetch(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            results["sizes"][name] = {"bytes": size, "encoding": encoding}
        table_began = time.monotonic()
        start = (*machine_ticks(), own_ticks(server.pid))
        if not warm_up(wrk, TRIVIAL, master_pid=server.pid, workers=options.workers):
            results["cold"].append("trivial")
        trivial = [run_round(wrk, TRIVIAL, options, master_pid=server.pid)]
        for name, path in {**PAGES, **API_READS}.items():
            if not warm_up(wrk, path, master_pid=server.pid, workers=options.workers):
                results["cold"].append(name)
            # The warm-up's last requests may still be queued; one answer says they are served.
            fetch(path)
            results["paths"][name] = measure_path(
                wrk, path, options, master_pid=server.pid, trivial=trivial
            )
            share, cpu = results["paths"][name]["share"], results["paths"][name]["cpu_share"]
            print(
                f"{name}: {share['median']:.0%} ({share['low']:.0%}–{share['high']:.0%}), "
                f"by CPU {cpu['median']:.0%} ({cpu['low']:.0%}–{cpu['high']:.0%})",
                file=sys.stderr,
            )
        results["trivial"] = {
            "runs": trivial,
            "rps": spread([run["rps"] for run in trivial]),
            "cpu_ms": statistics.median(run["cpu_ms"] for run in trivial),
        }
        results["table_seconds"] = time.monotonic() - table_began
        script = scratch / "mix.lua"
        script.write_text(
            MIX_SCRIPT % (", ".join(json.dumps(p) for p in PAGES.values()), ACCEPT_ENCODING)
        )
        results["mix"] = drive(
            wrk, "/", connections=200, duration=options.mix_duration, script=script
        )
        results["other_work"] = other_work(start, (*machine_ticks(), own_ticks(server.pid)))
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
    results["total_seconds"] = time.monotonic() - began
    return results


def _load(averages: list[float]) -> str:
    return ", ".join(f"{n:.1f}" for n in averages)


def report(results: dict, options: argparse.Namespace) -> bool:
    mix, memory, trivial = results["mix"], results["worker_rss_mb"], results["trivial"]["rps"]
    failures = [
        f"{name} at {item['share']['median']:.0%}"
        for name, item in results["paths"].items()
        if item["share"]["median"] < 0.5
    ]
    failures += [
        f"{name}: {item['errors']:.0f} errors"
        for name, item in results["paths"].items()
        if item["errors"]
    ]
    if mix["p90_ms"] > 250 or mix["errors"]:
        failures.append(f"mix p90 {mix['p90_ms']:.0f} ms, {mix['errors']:.0f} errors")
    failures += [f"a worker at {m:.0f} MB" for m in memory if m > 250]
    if results["sizes"]["map"]["bytes"] > MAP_PAGE_LIMIT_BYTES:
        failures.append(f"map page {results['sizes']['map']['bytes'] / 1024:.0f} KB")
    unreliable = results["other_work"] > OTHER_WORK_LIMIT
    if options.json:
        print(json.dumps({**results, "failures": failures, "unreliable": unreliable}, indent=2))
        return not failures
    print(
        f"gunicorn {options.workers} workers × {THREADS} threads, production settings, wrk "
        f"{options.connections} connections; per path {options.rounds} rounds of "
        f"{options.round_seconds:.0f} s interleaved with the trivial view; {os.cpu_count()} cores"
    )
    print(
        f"load average (1, 5, 15 min) at the start {_load(results['load'][0])}, "
        f"at the end {_load(results['load'][-1])} (the bench itself keeps about 3 busy)"
    )
    print(
        f"other processes used {results['other_work']:.0%} of the cores while the bench measured"
        + (
            ": THE NUMBERS ARE UNRELIABLE (the machine is doing other work); compare shares "
            "within this run only"
            if unreliable
            else ""
        )
    )
    print(
        f"every worker warmed on every path ({WARM_UP_TRIES} tries at most)"
        if not results["cold"]
        else "NOT every worker warmed on: " + ", ".join(results["cold"])
    )
    print(
        f"{'path':22} {'req/s':>6} {'p50 ms':>6} {'p90 ms':>6} {'KB sent':>7} {'enc':>8} "
        f"{'trivial':>7} {'share':>5} {'(rounds)':>11} {'CPU ms':>6} {'by CPU':>6} {'(rounds)':>11}"
    )
    size = results["sizes"]["trivial"]
    print(
        f"{'trivial':22} {trivial['median']:6.0f} {'':>6} {'':>6} {size['bytes'] / 1024:7.1f} "
        f"{size['encoding']:>8} {'':>7} {'':>5} {trivial['low']:5.0f}–{trivial['high']:<5.0f} "
        f"{results['trivial']['cpu_ms']:6.2f}   ({len(results['trivial']['runs'])} runs)"
    )
    for name, item in results["paths"].items():
        size, share, cpu = results["sizes"][name], item["share"], item["cpu_share"]
        print(
            f"{name:22} {item['rps']['median']:6.0f} {item['p50_ms']:6.1f} {item['p90_ms']:6.1f} "
            f"{size['bytes'] / 1024:7.1f} {size['encoding']:>8} "
            f"{statistics.mean(item['trivial_rps']):7.0f} {share['median']:5.0%} "
            f"{share['low']:5.0%}–{share['high']:<5.0%} {item['cpu_ms']:6.2f} "
            f"{cpu['median']:6.0%} {cpu['low']:5.0%}–{cpu['high']:<5.0%}"
        )
    costly = [name for name, item in results["paths"].items() if item["cpu_share"]["median"] < 0.5]
    print(
        "by CPU time per request (which other work barely changes) every path costs at most "
        "twice the trivial view"
        if not costly
        else "by CPU time per request, more than twice the trivial view: " + ", ".join(costly)
    )
    print(
        f"mix of {len(PAGES)} public pages, 200 connections: {mix['rps']:.0f} req/s, "
        f"p50 {mix['p50_ms']:.0f} ms, p90 {mix['p90_ms']:.0f} ms, {mix['errors']:.0f} errors"
    )
    print("worker RSS (MB): " + ", ".join(f"{m:.0f}" for m in memory))
    print(
        f"time: page table {results['table_seconds'] / 60:.1f} min, "
        f"whole bench {results['total_seconds'] / 60:.1f} min"
    )
    print("targets met" if not failures else "TARGETS NOT MET: " + "; ".join(failures))
    return not failures


def main() -> int:
    global PORT
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="interleaved rounds per path")
    parser.add_argument(
        "--round-seconds", type=float, default=ROUND_SECONDS, help="seconds per run of a round"
    )
    parser.add_argument("--mix-duration", type=float, default=15.0, help="seconds for the mix")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections per path")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    PORT = options.port
    results = measure(options, ensure_wrk())
    return 0 if report(results, options) else 1


if __name__ == "__main__":
    raise SystemExit(main())
