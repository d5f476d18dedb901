"""`make bench`: latency and throughput of the registry endpoints against a trivial JSON view.

Starts the product with gunicorn on a scratch SQLite database loaded with the reference data, drives
it from a keep-alive HTTP client on loopback, and prints one line per endpoint: requests per second,
p50/p95/p99 latency, and the ratio to the trivial view measured in the same run. Targets (2 cores):
ratio ≥ 0.5 and p95 ≤ 15 ms for the chart and the State profile; ≤ 250 MB resident per worker.
Nothing here is a timed test: the numbers are reported, and the exit code says whether targets hold.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PORT = 8799
ENDPOINTS = {
    "trivial": "/api/v1/health",
    "chart": "/api/v1/treaties/cets-201/chart?as_of=2023-05-31",
    "profile": "/api/v1/states/FR?as_of=2023-05-31",
    "eligibility": "/api/v1/states/JP/eligibility?treaty=cets-201",
    "chart (cold, a new date each time)": None,
}


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "lanzarote"), *args], check=True, env=env, stdout=subprocess.DEVNULL)


def wait_until_up(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def drive(paths: list[str], *, threads: int, duration: float) -> tuple[int, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        mine: list[float] = []
        index = offset
        while time.monotonic() < stop:
            path = paths[index % len(paths)]
            index += threads
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(latencies), latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def worker_memory_mb(master_pid: int) -> list[float]:
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            sizes.extend(
                int(line.split()[1]) / 1024
                for line in status.read_text().splitlines()
                if line.startswith("VmRSS:")
            )
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per endpoint")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client connections")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="lanzarote-bench-"))
    env = {
        **os.environ,
        "LANZAROTE_VAR_DIR": str(scratch),
        "DJANGO_SETTINGS_MODULE": "lanzarote.settings.production",
        "SECRET_KEY": "bench",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(scratch / "static"),
        "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DEBUG", None)
    run("migrate", "--noinput", env=env)
    run("load-reference-data", env=env)
    run("collectstatic", "--noinput", env=env)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "lanzarote.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(options.workers),
            "--worker-class",
            "sync",
            "--keep-alive",
            "5",
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
    )
    results = {}
    try:
        wait_until_up(PORT)
        cold_paths = [
            f"/api/v1/treaties/cets-201/chart?as_of={year}-{month:02d}-{day:02d}"
            for year in range(2008, 2026)
            for month in range(1, 13)
            for day in (1, 11, 21)
        ]
        for name, path in ENDPOINTS.items():
            paths = cold_paths if path is None else [path]
            drive(paths[:20], threads=options.threads, duration=1.0)  # warm up
            count, latencies = drive(
                paths[20:] if path is None else paths,
                threads=options.threads,
                duration=options.duration,
            )
            results[name] = {
                "rps": count / options.duration,
                "p50_ms": statistics.median(latencies) * 1000,
                "p95_ms": percentile(latencies, 0.95) * 1000,
                "p99_ms": percentile(latencies, 0.99) * 1000,
            }
        memory = worker_memory_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(scratch, ignore_errors=True)

    baseline = results["trivial"]["rps"]
    for item in results.values():
        item["ratio"] = item["rps"] / baseline
    ok = all(
        results[name]["ratio"] >= 0.5 and results[name]["p95_ms"] <= 15
        for name in ("chart", "profile")
    ) and all(m <= 250 for m in memory)
    if options.json:
        print(
            json.dumps({"results": results, "worker_rss_mb": memory, "targets_met": ok}, indent=2)
        )
    else:
        print(
            f"{options.workers} gunicorn workers, {options.threads} client connections, "
            f"{options.duration:.0f} s per endpoint, {os.cpu_count()} cores"
        )
        print(
            f"{'endpoint':38} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>6}"
        )
        for name, item in results.items():
            print(
                f"{name:38} {item['rps']:8.0f} {item['p50_ms']:8.2f} {item['p95_ms']:8.2f} "
                f"{item['p99_ms']:8.2f} {item['ratio']:6.2f}"
            )
        print("worker RSS (MB): " + ", ".join(f"{m:.0f}" for m in memory))
        print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
