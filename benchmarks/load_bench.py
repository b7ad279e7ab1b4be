"""Load benchmark: the production server (gunicorn, production settings) under concurrent clients.

Each page's p95 latency is given as a multiple of the p95 of a hello-world Django view served by
the same server in the same run (goal: at most 4×), with requests per second and the memory of
each gunicorn worker after the run. Nothing here asserts on time; the figures of one run are in
docs/performance.md.

    python benchmarks/load_bench.py [--clients 50] [--requests 20] [--workers 2]
    DATABASE_URL=postgres://…/bench python benchmarks/load_bench.py --national

Without DATABASE_URL it builds a fresh SQLite database with the Maastricht demo; with
DATABASE_URL (e.g. PostgreSQL) it uses that database as it is (migrated, not loaded). With
``--national`` it first fills an empty database with the national data set (``generate_national
--municipalities 342 --years 2016-2030``) and the Maastricht demo beside it, so that the cycle
measured is the richest one in a country of 342 municipalities.
"""

import argparse
import http.client
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECRET = "load-benchmark-only-secret-0123456789abcdefghijklmnopqrstuvwxyz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "woonafspraken", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout


PATHS_SCRIPT = """
import json, django
django.setup()
from django.db.models import Count
from woonafspraken.agreements.models import Cycle, Theme
# The published cycle with the most targets: the heaviest cycle page there is.
published = Cycle.objects.filter(published=True).annotate(
    n=Count("themes__agreements__targets")
).order_by("-n", "-start_year", "pk")
cycle = published.first() or Cycle.objects.first()
theme = Theme.objects.filter(cycle=cycle).annotate(n=Count("agreements")).order_by("-n", "pk")[0]
print(json.dumps({"cycle": cycle.pk, "theme": theme.pk, "year": cycle.start_year}))
"""
HAS_NATIONAL_SCRIPT = """
import django
django.setup()
from woonafspraken.national.generator import already_generated
print("yes" if already_generated() else "no")
"""


def get(port: int, path: str, connection: http.client.HTTPConnection | None = None) -> tuple:
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    conn.request("GET", path, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    seconds = time.perf_counter() - start
    return response.status, seconds, body, conn, response.getheader("X-Page-Cache", "")


def load(port: int, path: str, clients: int, requests: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = hits = 0
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def client() -> None:
        nonlocal errors, hits
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        barrier.wait()
        mine, bad, kept = [], 0, 0
        for _ in range(requests):
            try:
                status, seconds, _, conn, cached = get(port, path, conn)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                bad += 1
                continue
            mine.append(seconds)
            bad += status >= 400
            kept += cached == "hit"
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad
            hits += kept

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[max(0, math.ceil(0.95 * len(latencies)) - 1)],
        "rps": len(latencies) / wall,
        "errors": errors,
        "kept": hits / len(latencies) if latencies else 0.0,
    }


def worker_memory(master: int) -> list[float]:
    """Resident memory (MB) of each child of the gunicorn master."""
    sizes = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sizes


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram = f"{int(memory) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        ram = "?"
    return f"{cpu}, {os.cpu_count()} cores, {ram}, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=int(os.environ.get("BENCH_CLIENTS", 20)))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 20)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 2)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", 4)))
    parser.add_argument(
        "--national",
        action="store_true",
        help="fill an empty DATABASE_URL with the national data set and the demo first",
    )
    args = parser.parse_args()
    if args.national and "DATABASE_URL" not in os.environ:
        parser.error("--national needs DATABASE_URL (a PostgreSQL database)")

    work = Path(tempfile.mkdtemp(prefix="woonafspraken-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY_FILE"}}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET,
        SECURE_SSL_REDIRECT="0",
        WOONAFSPRAKEN_DATA_DIR=str(work),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(HERE)]),
        GUNICORN_ACCESS_LOG="",
        LOG_LEVEL="ERROR",
    )
    setup = {**env, "DJANGO_SETTINGS_MODULE": "woonafspraken.settings"}
    print(f"database: {database_url.split('@')[-1]}", flush=True)
    run(setup, "migrate", "--no-input", "-v0")
    if "DATABASE_URL" not in os.environ:
        run(setup, "load_demo")
    elif args.national:
        has = subprocess.run(
            [sys.executable, "-c", HAS_NATIONAL_SCRIPT], env=setup, capture_output=True, text=True
        ).stdout.strip()
        if has != "yes":
            print("generating the national data set (342 municipalities, 2016–2030)", flush=True)
            started = time.perf_counter()
            run(setup, "generate_national", "--municipalities", "342", "--years", "2016-2030")
            run(setup, "load_demo")
            print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    serve = {**env, "DJANGO_SETTINGS_MODULE": "load.bench_settings"}
    run(serve, "collectstatic", "--no-input", "-v0")
    ids = json.loads(
        subprocess.run(
            [sys.executable, "-c", PATHS_SCRIPT], env=setup, capture_output=True, text=True
        ).stdout
    )

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:woonafspraken.operations.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env=serve,
    )
    try:
        for _ in range(600):
            try:
                get(port, "/bench/hello")
                break
            except OSError:
                time.sleep(0.1)
        count = json.loads(get(port, f"/api/v1/targets?cycle={ids['cycle']}")[2])["count"]
        page_size = 10 if count >= 50 else max(1, count // 5)  # a deep page exists also in a demo
        deep = max(1, math.ceil(count / page_size))
        cycle, year = ids["cycle"], ids["year"]
        pages = [
            ("hello world (yardstick)", "/bench/hello"),
            ("home page", "/"),
            ("cycle page", f"/cycli/{cycle}/?year={year}"),
            ("theme page", f"/themas/{ids['theme']}/?year={year}"),
            ("Vastgoed page", f"/cycli/{cycle}/vastgoed/?year={year}"),
            ("process page", f"/cycli/{cycle}/proces/"),
            ("national roll-up", "/landelijk/"),
            ("GET /api/v1/agreements", f"/api/v1/agreements?cycle={cycle}"),
            (
                "GET /api/v1/targets, first page",
                f"/api/v1/targets?cycle={ids['cycle']}&pageSize={page_size}",
            ),
            (
                f"GET /api/v1/targets, page {deep}",
                f"/api/v1/targets?cycle={ids['cycle']}&pageSize={page_size}&page={deep}",
            ),
        ]
        results = []
        for name, path in pages:
            get(port, path)  # warm up: the first rendering (also what the page cache keeps),
            load(port, path, args.workers * args.threads, 2)  # and every server thread once
            results.append((name, path, load(port, path, args.clients, args.requests)))
        memory = worker_memory(server.pid)
        load_average = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=60)

    base = results[0][2]["p95"]
    print(
        f"\n{args.clients} clients × {args.requests} requests per page; gunicorn "
        f"{args.workers} workers × {args.threads} threads; {machine()}\n"
    )
    print(
        "load average during the run (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in load_average)
        + f" on {os.cpu_count()} cores\n"
    )
    print(
        f"| {'page':<36} | {'p95 ms':>8} | {'× hello':>7} | {'req/s':>7} | {'errors':>6} "
        f"| {'cached':>6} |"
    )
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 8}|")
    for name, _, r in results:
        print(
            f"| {name:<36} | {r['p95'] * 1000:>8.1f} | {r['p95'] / base:>7.1f} | "
            f"{r['rps']:>7.1f} | {r['errors']:>6.0f} | {r['kept']:>6.0%} |"
        )
    print("\ncached: the share of the timed responses served from the page cache (pagecache.py)")
    print("\nmemory per worker after the run: " + ", ".join(f"{m:.0f} MB" for m in memory))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
