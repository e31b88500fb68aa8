# A benchmark tool, run by hand on a lab machine: it starts programs found on
# PATH (wrk, nginx, psql), writes nginx's files under its own temporary
# directory, and makes them readable to nginx's unprivileged workers.
# ruff: noqa: S103, S108, S607

"""``make bench``: load-test the site under production settings and print a table.

Steps: install wrk and nginx (apt-get) if missing; create a fresh PostgreSQL
database on 127.0.0.1; migrate, collect static files, seed the demo content
and the benchmark data set (bench/seed.py); count queries per URL
(bench/queries.py); run gunicorn (settings.production, 2 x cores + 1 gthread
workers with 4 threads each, as the Dockerfile runs it; Redis cache) once
with the page cache off and once with it on, and measure each URL with wrk
at each concurrency; measure the busy post once more with no shared
fragments either (every render a first render); serve the saved post HTML
from nginx as the static ceiling, and the same bytes from a WSGI app that
does nothing else (bench/hello.py) under the same gunicorn settings: the
physical bound for Python on this machine; measure worker RSS before and
after 20,000 requests; measure comment posting while readers load the post.

Environment: BENCH_SECONDS (20) per measurement, BENCH_WARMUP_SECONDS (5),
BENCH_CONCURRENCY ("8,32"), BENCH_RSS_REQUESTS (20000), BENCH_DB
(stimme_bench), BENCH_REDIS_URL (redis://127.0.0.1:6379/5, flushed at the
start), BENCH_PORT and BENCH_NGINX_PORT (a free port each), BENCH_REUSE_DB=1 keeps a
seeded database from the last run.
"""

import importlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Ignored by git (.gitignore): databases come and go, results are copied to README.
WORK = ROOT / "bench" / "results"
PY = str(Path(sys.executable))
BIN = Path(sys.executable).parent

SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
WARMUP = int(os.environ.get("BENCH_WARMUP_SECONDS", str(min(5, SECONDS))))
CONCURRENCY = [int(c) for c in os.environ.get("BENCH_CONCURRENCY", "8,32").split(",")]
RSS_REQUESTS = int(os.environ.get("BENCH_RSS_REQUESTS", "20000"))
DB = os.environ.get("BENCH_DB", "stimme_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = int(os.environ.get("BENCH_PORT") or free_port())
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT") or free_port())
WORKERS = 2 * (os.cpu_count() or 1) + 1
# As production runs it (Dockerfile CMD): threads keep connections alive and
# overlap database waits; sync workers close every connection after one request.
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WORKER_ARGS = ["--worker-class", "gthread", "--threads", str(THREADS)]
# Extra gunicorn options, e.g. "--keep-alive 5".
GUNICORN_ARGS = os.environ.get("BENCH_GUNICORN_ARGS", "").split()
PG = ["-h", "127.0.0.1", "-U", "postgres"]


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def run(args, env=None, capture=False) -> str:
    result = subprocess.run(  # noqa: S603 - our own fixed commands
        args, cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


# --- Tools and services ---------------------------------------------------------


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )


def ensure_tools() -> None:
    found = {"wrk": shutil.which("wrk"), "nginx": nginx_binary()}
    missing = [package for package, path in found.items() if not path]
    if missing:
        say(f"installing {', '.join(missing)} with apt-get")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        run([*sudo, "apt-get", "update", "-qq"])
        run([*sudo, "apt-get", "install", "-y", "-qq", *missing])
    try:
        import redis  # noqa: F401
    except ImportError:
        say("installing the redis client (Django's RedisCache needs it)")
        run([PY, "-m", "pip", "install", "--quiet", "redis>=5"])
        importlib.invalidate_caches()


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def django_env(page_cache: bool = True) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings_seed",
        SECRET_KEY=SECRET_KEY,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        REDIS_URL=REDIS_URL,
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / "media"),
        BENCH_WORK=str(WORK),
        PAGE_CACHE_ENABLED="true" if page_cache else "false",
        # The benchmark measures the posting path, not the flood limiter.
        COMMENTS_FLOOD_INTERVAL_SECONDS="0",
        COMMENTS_FLOOD_PER_HOUR="0",
        COMMENTS_DUPLICATE_MINUTES="0",
        COMMENTS_MIN_SUBMIT_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return env


SECRET_KEY = secrets.token_urlsafe(50)


def prepare_database() -> dict:
    env = django_env()
    seeded = WORK / "seed.json"
    if os.environ.get("BENCH_REUSE_DB") == "1" and seeded.exists():
        say(f"reusing database {DB} (a fresh session for the comment poster)")
        run([PY, "bench/seed.py"], env)
        analyze()
        return json.loads(seeded.read_text())
    say(f"creating database {DB} on 127.0.0.1")
    run(["dropdb", *PG, "--if-exists", DB])
    run(["createdb", *PG, DB])
    started = time.monotonic()
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    run([PY, "manage.py", "seed_demo"], env, capture=True)
    say("seeding 1,000 posts, 300 comments, 50 people")
    run([PY, "bench/seed.py"], env)
    analyze()
    say(f"database ready in {time.monotonic() - started:.0f} s")
    return json.loads(seeded.read_text())


def analyze() -> None:
    """Give the planner statistics for the fresh rows, as autovacuum would in production.

    Without them PostgreSQL guesses one row per parent and picks plans that
    scan all 1,000 posts (4 ms instead of 0.2 ms for the previous-post query),
    and autovacuum may be off on a test machine.
    """
    run(["vacuumdb", *PG, "--analyze-only", "--quiet", DB])


@contextmanager
def gunicorn(page_cache: bool, fragments: bool = True, app: str = "settings.wsgi:application"):
    env = django_env(page_cache)
    env["DJANGO_SETTINGS_MODULE"] = "settings.production"
    if not fragments:
        env["PAGE_FRAGMENT_CACHE_SECONDS"] = "0"
    name = app.split(".")[0] if app.startswith("bench") else "cached" if page_cache else "uncached"
    log = open(WORK / f"gunicorn-{name}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            app,
            "--workers",
            str(WORKERS),
            *WORKER_ARGS,
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            *GUNICORN_ARGS,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}/" + ("" if app.startswith("bench") else "healthz/"))
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log.name}")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s")


@contextmanager
def nginx(html: bytes):
    root = Path(tempfile.mkdtemp(prefix="stimme-bench-nginx-"))
    (root / "www").mkdir()
    (root / "www" / "post.html").write_bytes(html)
    os.chmod(root, 0o755)
    os.chmod(root / "www", 0o755)
    os.chmod(root / "www" / "post.html", 0o644)
    (root / "nginx.conf").write_text(
        f"""worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {root}/tmp;
  proxy_temp_path {root}/tmp;
  fastcgi_temp_path {root}/tmp;
  uwsgi_temp_path {root}/tmp;
  scgi_temp_path {root}/tmp;
  server {{
    listen 127.0.0.1:{NGINX_PORT};
    root {root}/www;
    location / {{ default_type text/html; }}
  }}
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603
        [nginx_binary(), "-c", str(root / "nginx.conf"), "-p", str(root), "-g", "daemon off;"]
    )
    try:
        wait_for(f"http://127.0.0.1:{NGINX_PORT}/post.html")
        yield f"http://127.0.0.1:{NGINX_PORT}/post.html"
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


# --- Measuring ------------------------------------------------------------------


def parse_duration(text: str) -> float:
    """wrk's '1.23ms' / '450.00us' / '1.02s' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url: str, connections: int, seconds: int, script: Path | None = None) -> dict:
    args = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    # Slow uncached pages must count as slow, not vanish as wrk's 2 s timeouts.
    args += ["--timeout", "30s", "--latency"]
    if script:
        args += ["-s", str(script)]
    output = run([*args, url], capture=True)
    if "Latency Distribution" not in output:
        raise SystemExit(f"wrk gave no latency figures for {url}:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "p50": parse_duration(latency["50"]),
        "p99": parse_duration(latency["99"]),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }


def fetch(url: str, headers=None) -> bytes:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read()


def measure_urls(base: str, urls: dict, mode: str, queries: dict) -> list[dict]:
    rows = []
    column = {"uncached": 0, "cached": 1, "no fragments": 2}.get(mode)
    for name, path in urls.items():
        url = base + path
        wrk(url, 4, WARMUP)  # warm-up: renditions, connections, the cache
        size = len(fetch(url))
        for connections in CONCURRENCY:
            result = wrk(url, connections, SECONDS)
            counted = queries.get(path)
            rows.append(
                {
                    "page": name,
                    "mode": mode,
                    "c": connections,
                    "bytes": size,
                    "queries": counted[column] if counted and column is not None else None,
                    **result,
                }
            )
            say(f"{mode:8} {name:18} c={connections:<3} {result['rps']:8.1f} req/s")
    return rows


def worker_pids(master: int) -> list[int]:
    output = run(["ps", "--ppid", str(master), "-o", "pid="], capture=True)
    return [int(pid) for pid in output.split()]


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status)[1])


def lua_paths_script(paths: list[str]) -> Path:
    script = WORK / "mixed.lua"
    listed = ", ".join(json.dumps(p) for p in paths)
    script.write_text(
        f"""local paths = {{{listed}}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""
    )
    return script


def measure_memory(base: str, master: int, paths: list[str]) -> dict:
    """Worker RSS before and after RSS_REQUESTS requests over many different pages.

    A leak grows with requests; warming up does not. So every worker first
    serves the whole mix once (``warm-up``: templates compiled, images and
    translations loaded, the in-process page copy filled), and growth is
    measured over the RSS_REQUESTS after that. The cold figure (from before
    the warm-up) is reported too.

    wrk runs in 5-second rounds until the count is reached (wrk has no
    request-count option, and stopping its threads early leaves idle
    connections that block gunicorn's sync workers).
    """
    pids = worker_pids(master)
    cold = {pid: rss_kib(pid) for pid in pids}
    script = lua_paths_script(paths)
    warmup = 0
    while warmup < len(paths) * WORKERS:
        warmup += wrk(base + paths[0], 8, 5, script)["requests"]
    before = {pid: rss_kib(pid) for pid in pids}
    started = time.monotonic()
    done = 0
    while done < RSS_REQUESTS:
        done += wrk(base + paths[0], 8, 5, script)["requests"]
    after = {pid: rss_kib(pid) for pid in pids if Path(f"/proc/{pid}").exists()}
    growth = max((after[pid] - before[pid]) / before[pid] for pid in after) if after else 0.0
    return {
        "requests": done,
        "warmup_requests": warmup,
        "seconds": time.monotonic() - started,
        "cold_mib": sum(cold[pid] for pid in after) / 1024,
        "before_mib": sum(before[pid] for pid in after) / 1024,
        "after_mib": sum(after.values()) / 1024,
        "max_worker_growth": growth,
        "workers": len(pids),
        "restarted": len(pids) - len(after),
    }


def comment_post_script(poster: dict) -> Path:
    form = dict(poster["form"])
    secret = secrets.token_hex(16)  # 32 characters: a valid CSRF secret
    form.update(csrfmiddlewaretoken=secret, reply_to="0", website_confirm="", followup="")
    static = urllib.parse.urlencode(form)
    cookie = f"sessionid={poster['session']}; csrftoken={secret}"
    script = WORK / "post_comment.lua"
    script.write_text(
        f"""local n = 0
request = function()
  n = n + 1
  local text = "&comment=Bench+Kommentar+" .. n .. "+" .. math.random(1000000000)
  local body = {json.dumps(static)} .. text
  return wrk.format("POST", "/comments/post/", {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = {json.dumps(cookie)},
  }}, body)
end
"""
    )
    return script


def measure_posting(base: str, post_path: str, poster: dict) -> dict:
    """Comments posted by a signed-in employee while readers load the same post."""
    readers = subprocess.Popen(  # noqa: S603
        ["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--latency", base + post_path],
        stdout=subprocess.PIPE,
        text=True,
    )
    posting = wrk(base + "/comments/post/", 2, SECONDS, comment_post_script(poster))
    reader_output = readers.communicate()[0]
    reader_rps = float(re.search(r"Requests/sec:\s+([\d.]+)", reader_output)[1])
    reader_p99 = re.search(r"^\s+99%\s+(\S+)\s*$", reader_output, re.M)[1]
    return {**posting, "reader_rps": reader_rps, "reader_p99": parse_duration(reader_p99)}


# --- Report ---------------------------------------------------------------------


def table(rows: list[dict], ceiling: dict) -> str:
    lines = [
        "| page | mode | c | req/s | p50 ms | p99 ms | bytes | queries | vs ceiling | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = row["rps"] / ceiling[row["c"]]["rps"] if row["mode"] != "static" else 1.0
        lines.append(
            f"| {row['page']} | {row['mode']} | {row['c']} | {row['rps']:.0f} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | {row['bytes']} | "
            f"{'' if row['queries'] is None else row['queries']} | {ratio:.0%} | "
            f"{row['errors']}{' ' + row['socket_errors'] if row['socket_errors'] else ''} |"
        )
    return "\n".join(lines)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    flush_redis()
    seed = prepare_database()
    urls = {
        "home": "/",
        "blog index p1": seed["index"],
        "blog index p40": seed["index"] + "?page=40",
        "post 300 comments": seed["busy_post"],
        "person": seed["person"],
        "search": "/search/?" + urllib.parse.urlencode({"q": "Wärmepumpe"}),
        "rss feed": seed["index"] + "feed/",
    }
    say("counting queries per request (Django test client)")
    extra = [seed["index"] + "?page=2", seed["quiet_post"]]
    queries = json.loads(
        run([PY, "bench/queries.py", *urls.values(), *extra], django_env(), capture=True)
    )
    base = f"http://127.0.0.1:{PORT}"
    rows = []
    with gunicorn(page_cache=False):
        rows += measure_urls(base, urls, "uncached", queries)
    with gunicorn(page_cache=False, fragments=False):
        busy = {"post 300 comments": urls["post 300 comments"]}
        rows += measure_urls(base, busy, "no fragments", queries)
    flush_redis()
    with gunicorn(page_cache=True) as server:
        rows += measure_urls(base, urls, "cached", queries)
        post_html = fetch(base + seed["busy_post"])
        many = [seed["index"] + f"bench-post-{n}/" for n in range(0, 1000, 5)]
        pages = [seed["index"] + f"?page={n}" for n in range(1, 60)]
        memory = measure_memory(base, server.pid, [*many, *pages, *urls.values()])
        say(f"worker RSS {memory['before_mib']:.0f} -> {memory['after_mib']:.0f} MiB")
        posting = measure_posting(base, seed["busy_post"], seed["poster"])
    ceiling = {}
    with nginx(post_html) as static_url:
        wrk(static_url, 4, WARMUP)
        for connections in CONCURRENCY:
            ceiling[connections] = wrk(static_url, connections, SECONDS)
            rows.append(
                {
                    "page": "post (nginx static)",
                    "mode": "static",
                    "c": connections,
                    "bytes": len(post_html),
                    "queries": 0,
                    **ceiling[connections],
                }
            )
    rows += measure_bound(base, post_html)
    report(rows, ceiling, queries, memory, posting, urls, extra)


def measure_bound(base: str, html: bytes) -> list[dict]:
    """The post's bytes from a WSGI app that does nothing else: Python's best here."""
    saved = WORK / "post.html"
    saved.write_bytes(html)
    os.environ["BENCH_HELLO_FILE"] = str(saved)
    rows = []
    with gunicorn(page_cache=False, app="bench.hello:application"):
        wrk(base + "/", 4, WARMUP)
        for connections in CONCURRENCY:
            result = wrk(base + "/", connections, SECONDS)
            rows.append(
                {
                    "page": "post bytes (bare WSGI)",
                    "mode": "bound",
                    "c": connections,
                    "bytes": len(html),
                    "queries": 0,
                    **result,
                }
            )
    return rows


def report(rows, ceiling, queries, memory, posting, urls, extra) -> None:
    def rps(page, mode, c):
        return next(
            r["rps"] for r in rows if r["page"] == page and r["mode"] == mode and r["c"] == c
        )

    lines = [
        f"Workers: {WORKERS} (gunicorn gthread, {THREADS} threads), {os.cpu_count()} cores, "
        f"{SECONDS} s per measurement after {WARMUP} s warm-up.",
        "",
        table(rows, ceiling),
        "",
        "Targets (ratios in this run):",
    ]
    post = "post 300 comments"
    for c in CONCURRENCY:
        cached_vs_static = rps(post, "cached", c) / ceiling[c]["rps"]
        uncached_vs_cached = rps(post, "uncached", c) / rps(post, "cached", c)
        bound = rps("post bytes (bare WSGI)", "bound", c) / ceiling[c]["rps"]
        lines.append(
            f"- c={c}: cached post = {cached_vs_static:.0%} of nginx static (target >= 25%): "
            f"{'OK' if cached_vs_static >= 0.25 else 'MISSED'}; uncached post = "
            f"{uncached_vs_cached:.0%} of cached (target >= 10%): "
            f"{'OK' if uncached_vs_cached >= 0.10 else 'MISSED'}; bound: a bare WSGI app "
            f"serving the same bytes = {bound:.0%} of nginx"
        )
    index1, index40 = queries[urls["blog index p1"]][0], queries[urls["blog index p40"]][0]
    busy, plain = queries[urls[post]][0], queries[extra[1]][0]
    busy_first, plain_first = queries[urls[post]][2], queries[extra[1]][2]
    lines.append(
        f"- queries do not grow with data: blog index page 1 = {index1}, page 40 = {index40}; "
        f"post with 300 comments = {busy} (first render {busy_first}), same post type "
        f"without comments = {plain} (first render {plain_first}): "
        # One query more or less is a step that runs only when there is
        # something to load (a next page, a thread); growth would be many.
        f"{'OK' if abs(index1 - index40) <= 1 and abs(busy - plain) <= 1 else 'CHECK'}"
    )
    lines.append(
        f"- worker RSS over {memory['requests']} requests ({memory['workers']} workers, "
        f"{memory['seconds']:.0f} s) after a warm-up of {memory['warmup_requests']} "
        f"({memory['cold_mib']:.0f} MiB cold): {memory['before_mib']:.0f} MiB -> "
        f"{memory['after_mib']:.0f} MiB, {memory['restarted']} workers restarted, "
        f"largest growth of one worker "
        f"{memory['max_worker_growth']:.1%} (target < 10%): "
        f"{'OK' if memory['max_worker_growth'] < 0.10 else 'MISSED'}"
    )
    lines.append(
        f"- posting comments (signed-in employee, c=2) while 8 readers load the post: "
        f"{posting['rps']:.1f} comments/s, p99 {posting['p99']:.0f} ms, "
        f"{posting['errors']} refused; readers meanwhile {posting['reader_rps']:.0f} req/s, "
        f"p99 {posting['reader_p99']:.0f} ms"
    )
    text = "\n".join(lines)
    (WORK / "results.md").write_text(text + "\n")
    print()
    print(text)


if __name__ == "__main__":
    main()
