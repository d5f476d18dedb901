"""`make bench` (scale line): charts and State profiles on a registry at United Nations scale.

Needs PostgreSQL. Fills a scratch database (`--database-url`, default `lanzarote_scale` on the
local server) with `lanzarote scale-data --treaties 600 --states 200 --seed 1` unless it already
holds that synthetic registry, serves it with gunicorn under the production settings (2 workers
of 4 threads by default), and drives it with `wrk` (16 connections by default) over many
treaties on many dates, so most requests miss the answer caches: a chart of one of the 600
treaties on one of thousands of dates, then a State's profile across all the treaties, page by
page (`/api/v1/states/{code}/standings`, compact, 50 treaties a page, every offset; docs/adr/0008).
Each endpoint is measured in several short rounds (`--rounds`) and the median of the rounds'
p50/p90 is reported, so one burst of load from elsewhere on the machine does not decide the
result; the load average is printed with every round. Targets (2 cores): chart p90 <= 50 ms,
profile p90 <= 80 ms. The exit code says whether they hold.

Before measuring, every worker is warmed: each is asked for the URL configuration (its first
request imports it, seconds) and a warm-up run over other dates folds each treaty's timeline
once per registry version (with `--redis-url` the workers share them; with the per-process
cache each worker folds its own). What is measured is the steady state: a new event costs one
fold per treaty again, on the request that first asks.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PORT = 8798
TARGETS_MS = {"chart": 50.0, "profile": 80.0}
ROTATE = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local index = 0
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000)
  index = math.random(#paths)
end
function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
"""


def lanzarote(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "lanzarote"), *args], env=env, capture_output=True, text=True, check=False
    )


def ensure_database(url: str) -> None:
    """Create the scratch database if the server does not have it yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_registry(env: dict[str, str]) -> None:
    done = lanzarote("migrate", "--noinput", "-v0", env=env)
    if done.returncode:
        raise SystemExit(done.stderr)
    check = lanzarote("chart", "syn1-0600", "--format", "json", env=env)
    if check.returncode == 0:
        print("synthetic registry already present (syn1-0600 answers)")
        return
    started = time.perf_counter()
    done = lanzarote("scale-data", "--treaties", "600", "--states", "200", "--seed", "1", env=env)
    if done.returncode:
        raise SystemExit(done.stderr)
    print(done.stdout.strip())
    print(f"scale-data took {time.perf_counter() - started:.0f} s (target < 180 s)")


def wait_until_up(timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def chart_paths(rng: random.Random) -> list[str]:
    return [
        f"/api/v1/treaties/syn1-{rng.randint(1, 600):04d}/chart?as_of="
        f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for _ in range(5000)
    ]


def profile_paths(rng: random.Random, codes: list[str]) -> list[str]:
    """A State's standings on a date, any of the 12 pages of 50 treaties: across all treaties."""
    return [
        f"/api/v1/states/{rng.choice(codes)}/standings?offset={50 * rng.randint(0, 11)}&as_of="
        f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for _ in range(2000)
    ]


def warm_up(paths: list[str], *, workers: int, seconds: int, scratch: Path) -> None:
    """Every worker imports its URL configuration (the first request of each: `workers` times
    as many concurrent requests as there are workers, so each gets some), then a wrk run over
    `paths` (other dates than those measured) fills each worker's timelines."""
    with ThreadPoolExecutor(max_workers=4 * workers) as pool:
        list(pool.map(_fetch, [f"http://127.0.0.1:{PORT}/api/v1/health"] * 16 * workers))
    if seconds:
        result = wrk(paths, connections=4 * workers, duration=seconds, scratch=scratch)
        print(f"warm-up: {result['requests']:.0f} requests in {seconds} s", flush=True)


def _fetch(url: str) -> int:
    with urllib.request.urlopen(url, timeout=300) as answer:
        return answer.status


def state_codes(env: dict[str, str]) -> list[str]:
    done = lanzarote(
        "shell",
        "-c",
        "from lanzarote.registry.models import State; "
        "print(' '.join(State.objects.values_list('code', flat=True)))",
        env=env,
    )
    # The shell also says how many objects it imported: only the codes are kept.
    return [code for code in done.stdout.split() if re.fullmatch(r"[A-Z]{2}", code)]


def wrk(paths: list[str], *, connections: int, duration: int, scratch: Path) -> dict[str, float]:
    listing = scratch / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = scratch / "rotate.lua"
    script.write_text(ROTATE)
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}",
        ],
        env={**os.environ, "BENCH_PATHS": str(listing)},
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(done.stdout)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict[str, float]:
    result = {
        f"p{q}_ms": _ms(value, unit)
        for q, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    }
    answered = re.search(r"(\d+) requests in", output)
    result["requests"] = float(answered.group(1)) if answered else 0.0
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    result["rps"] = float(rate.group(1)) if rate else 0.0
    result["non_2xx"] = float(errors.group(1)) if errors else 0.0
    result["timeouts"] = float(timeouts.group(1)) if timeouts else 0.0
    return result


def median_round(rounds: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the rounds (errors and requests summed): a burst of load from
    another job on the machine spoils one round, not the result."""
    summed = ("requests", "non_2xx", "timeouts")
    return {
        key: sum(r.get(key, 0.0) for r in rounds)
        if key in summed
        else statistics.median(r.get(key, float("inf")) for r in rounds)
        for key in rounds[0]
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lanzarote_scale"
        ),
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=15, help="seconds per endpoint")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds per endpoint; the median round is reported"
    )
    parser.add_argument(
        "--warmup", type=int, default=60, help="seconds of warm-up over other dates (0: none)"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("SCALE_REDIS_URL", ""),
        help="share the cache between the workers through this Redis (default: each its own)",
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")

    scratch = Path(tempfile.mkdtemp(prefix="lanzarote-bench-scale-"))
    env = {
        **os.environ,
        "LANZAROTE_VAR_DIR": str(scratch),
        "DJANGO_SETTINGS_MODULE": "lanzarote.settings.production",
        "SECRET_KEY": "bench",
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(scratch / "static"),
        "DATABASE_URL": options.database_url,
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DEBUG", None)
    env.pop("REDIS_URL", None)
    if options.redis_url:
        env["REDIS_URL"] = options.redis_url
        env["CACHE_KEY_PREFIX"] = f"bench-scale-{os.getpid()}"
    import psycopg

    try:
        ensure_database(options.database_url)
    except psycopg.OperationalError as error:
        print(f"scale bench skipped: no PostgreSQL at {options.database_url} ({error})")
        return 0
    ensure_registry(env)
    codes = state_codes(env)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "lanzarote.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(options.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(options.threads),
            "--keep-alive",
            "5",
            "--timeout",
            "300",
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
    )
    # The same request mix on every run; the warm-up asks for other dates.
    rng = random.Random(1)
    results = {}
    load = os.getloadavg()
    try:
        wait_until_up()
        warmup_rng = random.Random(2)
        warm_up(
            chart_paths(warmup_rng) + profile_paths(warmup_rng, codes),
            workers=options.workers,
            seconds=options.warmup,
            scratch=scratch,
        )
        load = os.getloadavg()
        for name, paths in (("chart", chart_paths(rng)), ("profile", profile_paths(rng, codes))):
            rounds = []
            for number in range(1, options.rounds + 1):
                found = wrk(
                    paths,
                    connections=options.connections,
                    duration=max(1, options.duration // options.rounds),
                    scratch=scratch,
                )
                rounds.append(found)
                print(
                    f"{name} round {number}: p50 {found.get('p50_ms', 0):.1f} ms, "
                    f"p90 {found.get('p90_ms', 0):.1f} ms, {found['rps']:.1f} req/s, "
                    f"load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
            results[name] = median_round(rounds)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Workers still computing an answer nobody waits for any more.
            server.kill()
            server.wait()
        shutil.rmtree(scratch, ignore_errors=True)

    print(
        f"scale: 600 treaties x 200 States, {options.workers} gunicorn workers x "
        f"{options.threads} threads, wrk {options.connections} connections, "
        f"{options.duration} s each in {options.rounds} rounds (median round), "
        f"{os.cpu_count()} cores, PostgreSQL, production settings, "
        f"{'Redis' if options.redis_url else 'per-process'} cache, "
        f"load average {load[0]:.1f} before measuring, {os.getloadavg()[0]:.1f} after"
    )
    print(f"{'endpoint':10} {'req/s':>8} {'p50 ms':>9} {'p90 ms':>9} {'p99 ms':>9}  target p90")
    ok = True
    for name, item in results.items():
        p90 = item.get("p90_ms", float("inf"))
        # No answer at all within the run (each took longer than it) is no measurement.
        answered = item["requests"] > 0
        met = answered and p90 <= TARGETS_MS[name] and not item["non_2xx"] and not item["timeouts"]
        ok = ok and met
        print(
            f"{name:10} {item['rps']:8.1f} {item.get('p50_ms', 0):9.1f} {p90:9.1f} "
            f"{item.get('p99_ms', 0):9.1f}  <= {TARGETS_MS[name]:.0f} ms "
            f"{'met' if met else 'NOT met'}"
            + (
                f" ({item['requests']:.0f} answered, {item['non_2xx']:.0f} non-2xx, "
                f"{item['timeouts']:.0f} timeouts)"
                if not met
                else ""
            )
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
