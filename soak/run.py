"""``make soak``: everyone at once against gunicorn + PostgreSQL, then prove nothing was lost.

Steps: a fresh PostgreSQL database (``SOAK_DB``, stimme_soak) on 127.0.0.1
with migrations, static files, the demo content and ``soak/prepare.py``;
Redis db ``SOAK_REDIS_URL`` (redis://127.0.0.1:6379/6, flushed); an SMTP
server on loopback (``soak/mailbox.py``); gunicorn with ``settings.production``
(2 x cores + 1 sync workers, page cache on, behind one "proxy":
``TRUSTED_PROXY_COUNT=1``) and one task worker (``manage.py run_worker``).
Then for ``SOAK_SECONDS`` (60), concurrently: readers, public commenters
(who confirm by mail), employees commenting on internal posts, and an editor
publishing drafts and moderating (``soak/actors.py``). Afterwards
``soak/check.py`` and page fetches check: no 5xx, every accepted comment
stored exactly once, every confirmation mail in the outbox or sent, the
counts on pages equal to the database, no traceback in the logs. Prints
the figures; exits 1 if a check failed.

Environment: SOAK_SECONDS (60), SOAK_READERS (6), SOAK_COMMENTERS (4),
SOAK_EMPLOYEES (3), SOAK_PUBLISH_EVERY (10 s), SOAK_DB, SOAK_REDIS_URL,
SOAK_PORT; COMMENTS_MIN_SUBMIT_SECONDS (3), COMMENTS_FLOOD_INTERVAL_SECONDS
(15) and COMMENTS_FLOOD_PER_HOUR (10) as on the site (the people keep to them).
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager

from bench import run as bench

from .actors import Rules, Soak, editor, employee, public_commenter, reader
from .browser import COMMENT_HEADING, LISTED_COUNT, Browser, Stats
from .mailbox import start as start_mailbox

ROOT = bench.ROOT
WORK = ROOT / "soak" / "results"  # ignored by git

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
READERS = int(os.environ.get("SOAK_READERS", "6"))
COMMENTERS = int(os.environ.get("SOAK_COMMENTERS", "4"))
EMPLOYEES = int(os.environ.get("SOAK_EMPLOYEES", "3"))
PUBLISH_EVERY = float(os.environ.get("SOAK_PUBLISH_EVERY", "10"))
DB = os.environ.get("SOAK_DB", "stimme_soak")
REDIS_URL = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/6")
PORT = int(os.environ.get("SOAK_PORT") or bench.free_port())
SMTP_PORT = bench.free_port()
WARM_UP_TIMEOUT = 180
RULES = Rules(
    min_submit_seconds=int(os.environ.get("COMMENTS_MIN_SUBMIT_SECONDS", "3")),
    flood_interval_seconds=int(os.environ.get("COMMENTS_FLOOD_INTERVAL_SECONDS", "15")),
    flood_per_hour=int(os.environ.get("COMMENTS_FLOOD_PER_HOUR", "10")),
)


def say(message: str) -> None:
    print(f"[soak] {message}", flush=True)


def soak_env() -> dict:
    """The benchmark's production environment, pointed at the soak's own services."""
    env = bench.django_env(page_cache=True)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        REDIS_URL=REDIS_URL,
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / "media"),
        BENCH_WORK=str(WORK),
        BASE_URL=f"http://127.0.0.1:{PORT}",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        EMAIL_TIMEOUT="5",
        # Every simulated person has an address of their own in X-Forwarded-For.
        TRUSTED_PROXY_COUNT="1",
        # The site's rules, not the benchmark's "all off".
        COMMENTS_MIN_SUBMIT_SECONDS=str(RULES.min_submit_seconds),
        COMMENTS_FLOOD_INTERVAL_SECONDS=str(RULES.flood_interval_seconds),
        COMMENTS_FLOOD_PER_HOUR=str(RULES.flood_per_hour),
        COMMENTS_DUPLICATE_MINUTES=os.environ.get("COMMENTS_DUPLICATE_MINUTES", "5"),
    )
    return env


def prepare(env: dict) -> dict:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    say(f"creating database {DB} on 127.0.0.1")
    bench.run(["dropdb", *bench.PG, "--if-exists", DB])
    bench.run(["createdb", *bench.PG, DB])
    started = time.monotonic()
    bench.run([bench.PY, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    bench.run([bench.PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    bench.run([bench.PY, "manage.py", "seed_demo"], env, capture=True)
    drafts = int(SECONDS / PUBLISH_EVERY) + 2
    site = json.loads(
        bench.run([bench.PY, "-m", "soak.prepare", str(max(EMPLOYEES, 2)), str(drafts)], env, True)
    )
    say(f"database ready in {time.monotonic() - started:.0f} s")
    return site


@contextmanager
def process(name: str, args: list[str], env: dict):
    """A server process for the duration of the block, its output in WORK/<name>.log."""
    log = open(WORK / f"{name}.log", "w")  # noqa: SIM115 - closed below
    child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 - our own commands
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
        log.close()


def warm_up(base: str, site: dict) -> dict:
    """Every public page once, one at a time, before the clock starts.

    The first view of a page renders its image renditions (several widths
    each), which can take many seconds on a busy machine; the soak measures
    the site after that, and reports the slowest first views on their own.
    """
    stats = Stats()
    browser = Browser(base, stats, "10.8.0.1", timeout=WARM_UP_TIMEOUT)
    urls = [*site["listings"], *site["public_posts"], *site["people"], *site["feeds"]]
    started = time.monotonic()
    timings = sorted(((browser.get("warm-up", url).seconds, url) for url in urls), reverse=True)
    return {
        "pages": len(urls),
        "seconds": time.monotonic() - started,
        "slowest": timings[:3],
        "failures": stats.failures,
    }


def traffic(soak: Soak) -> None:
    threads = [threading.Thread(target=reader, args=(soak, n)) for n in range(READERS)]
    threads += [
        threading.Thread(target=public_commenter, args=(soak, n)) for n in range(COMMENTERS)
    ]
    threads += [
        threading.Thread(target=employee, args=(soak, n, account))
        for n, account in enumerate(soak.site["employees"][:EMPLOYEES])
    ]
    threads.append(threading.Thread(target=editor, args=(soak, PUBLISH_EVERY)))
    for thread in threads:
        thread.daemon = True
        thread.start()
    # In-flight work (a reader waiting for mail) may finish after the deadline.
    for thread in threads:
        thread.join(timeout=max(0.0, soak.deadline - time.monotonic()) + 120)


def page_counts(soak: Soak, counts: dict) -> tuple[int, list[str]]:
    """Comment counts as pages show them (anonymous: page cache included) against the database."""
    stats = Stats()
    checked, mismatches = 0, []
    anonymous = Browser(soak.base, stats, "10.9.0.1")
    colleague = Browser(soak.base, stats, "10.9.0.2")
    account = soak.site["employees"][0]
    colleague.login(account["username"], account["password"])
    internal = set(soak.site["internal_posts"]) | {
        url for url in counts if url.startswith(soak.site["internal_index"])
    }
    for url, expected in sorted(counts.items()):
        browser = colleague if url in internal else anonymous
        page = browser.get("check", url)
        shown = COMMENT_HEADING.search(page.body)
        if page.status != 200 or shown is None:
            continue  # a post without a thread (comments hidden) shows no count
        checked += 1
        if int(shown[1]) != expected:
            mismatches.append(f"{url}: page says {shown[1]}, database {expected}")
    listings = [(anonymous, path) for path in soak.site["listings"]]
    listings.append((colleague, soak.site["internal_index"]))
    for browser, path in listings:
        for url, shown in LISTED_COUNT.findall(browser.get("check", path).body):
            checked += 1
            if url in counts and int(shown) != counts[url]:
                mismatches.append(f"{path} lists {url} with {shown}, database {counts[url]}")
    mismatches += [f"check request failed: {failure}" for failure in stats.failures]
    if checked < len(soak.site["public_posts"]):
        mismatches.append(f"only {checked} pages showed a comment count")
    return checked, mismatches


def _percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def figures(stats: Stats, seconds: float) -> list[str]:
    kinds = sorted({row[0] for row in stats.rows})
    lines = [
        "| requests | count | req/s | p50 ms | p99 ms | page cache hits | 4xx | 5xx | failed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in [*kinds, "all"]:
        rows = [row for row in stats.rows if kind in {"all", row[0]}]
        times = [row[2] * 1000 for row in rows]
        lines.append(
            f"| {kind} | {len(rows)} | {len(rows) / seconds:.1f} | "
            f"{_percentile(times, 0.5):.0f} | {_percentile(times, 0.99):.0f} | "
            f"{sum(1 for row in rows if row[3]) / len(rows):.0%} | "
            f"{sum(1 for row in rows if 400 <= row[1] < 500)} | "
            f"{sum(1 for row in rows if row[1] >= 500)} | "
            f"{sum(1 for row in rows if row[1] == 0)} |"
        )
    return lines


def log_tracebacks() -> list[str]:
    found = []
    for name in ("gunicorn", "worker"):
        text = (WORK / f"{name}.log").read_text(errors="replace")
        if "Traceback" in text or "WORKER TIMEOUT" in text:
            found.append(f"{name}.log has tracebacks or timeouts: see {WORK / (name + '.log')}")
    return found


def report(soak, checked: dict, seconds: float, counted: int, mismatches: list, warmed) -> bool:
    ledger = soak.ledger.entries
    public = [entry for entry in ledger if entry["audience"] == "public"]
    internal = [entry for entry in ledger if entry["audience"] == "internal"]

    def outcome(entries, name):
        return sum(1 for entry in entries if entry["outcome"] == name)

    statuses = checked["comments"]["statuses"]
    mail = checked["outbox"]
    received = soak.mailbox.recipients()
    undelivered = [to for to in mail["sent_confirmation_recipients"] if to not in received]
    checks = [
        ("no 5xx answers, no failed requests", not soak.stats.failures, soak.stats.failures[:5]),
        (
            "no 4xx: every page found, every legitimate form accepted",
            not soak.stats.refusals,
            soak.stats.refusals[:5],
        ),
        (
            "every accepted comment stored exactly once, refused ones not at all",
            not checked["comments"]["problems"],
            checked["comments"]["problems"][:10],
        ),
        (
            "every confirmation mail in the outbox or sent, sent ones received by SMTP",
            not undelivered and not checked["comments"]["mail_problems"],
            [*checked["comments"]["mail_problems"][:5], *undelivered[:5]],
        ),
        (
            f"comment counts on {counted} pages and listings match the database",
            not mismatches,
            mismatches[:10],
        ),
        ("people could do what they came for", not soak.problems, soak.problems[:10]),
        ("no traceback in gunicorn's or the worker's log", not log_tracebacks(), log_tracebacks()),
    ]
    lines = [
        f"Soak: {SECONDS} s of traffic ({seconds:.0f} s until the last person finished); "
        f"{READERS} readers, {COMMENTERS} public commenters, "
        f"{EMPLOYEES} employees, 1 editor; gunicorn {bench.WORKERS} sync workers + 1 task "
        f"worker, PostgreSQL and Redis on 127.0.0.1; {os.cpu_count()} cores, "
        f"load average {soak.load:.1f} at the end.",
        f"Warm-up before the clock: {warmed['pages']} public pages, one at a time, "
        f"{warmed['seconds']:.0f} s; slowest first views: "
        + ", ".join(f"{url} {took:.1f} s" for took, url in warmed["slowest"])
        + ".",
        "",
        *figures(soak.stats, seconds),
        "",
        f"Public comments: {len(public)} sent, {outcome(public, 'accepted')} accepted "
        f"(awaiting confirmation), {outcome(public, 'refused')} refused, "
        f"{outcome(public, 'error')} unanswered; "
        f"{sum(1 for e in public if e['confirmed'])} confirmed by mail link "
        f"({soak.double_clicks} double clicks); now: "
        f"{statuses.get('public approved', 0)} published, "
        f"{statuses.get('public waiting', 0)} held for moderation, "
        f"{statuses.get('public rejected', 0)} rejected, "
        f"{statuses.get('public unconfirmed', 0)} still pending.",
        f"Internal comments: {len(internal)} sent, {outcome(internal, 'accepted')} accepted "
        f"({statuses.get('internal approved', 0)} published), "
        f"{outcome(internal, 'refused')} refused, {outcome(internal, 'error')} unanswered.",
        f"Editor: {len(soak.published)} drafts published, {soak.moderated['approve']} comments "
        f"approved, {soak.moderated['reject']} rejected.",
        f"Mail: {mail['confirmations']} confirmation mails queued "
        f"({', '.join(f'{v} {k}' for k, v in sorted(mail['by_status'].items()))}), "
        f"{soak.mailbox.received} messages received by SMTP, {mail['all_mail']} in the outbox "
        f"in all; outbox drained {checked['drain_seconds']} s after the traffic stopped.",
        "",
        "Checks:",
    ]
    for name, ok, details in checks:
        lines.append(f"- {name}: {'OK' if ok else 'FAILED'}")
        lines += [f"    {detail}" for detail in ([] if ok else details)]
    text = "\n".join(lines)
    (WORK / "results.md").write_text(text + "\n")
    print()
    print(text)
    return all(ok for _name, ok, _details in checks)


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    env = soak_env()
    site = prepare(env)
    server_env = {**env, "DJANGO_SETTINGS_MODULE": "settings.production"}
    base = f"http://127.0.0.1:{PORT}"
    with ExitStack() as stack:
        controller, mailbox = start_mailbox(SMTP_PORT)
        stack.callback(controller.stop)
        gunicorn = [str(bench.BIN / "gunicorn"), "settings.wsgi:application"]
        gunicorn += ["--workers", str(bench.WORKERS), "--bind", f"127.0.0.1:{PORT}"]
        stack.enter_context(process("gunicorn", [*gunicorn, "--log-level", "warning"], server_env))
        worker = [bench.PY, "manage.py", "run_worker", "--interval", "1", "--no-startup-delay"]
        stack.enter_context(process("worker", worker, server_env))
        bench.wait_for(f"{base}/healthz/")
        warmed = warm_up(base, site)
        say(f"warmed up {warmed['pages']} pages in {warmed['seconds']:.0f} s")
        say(f"{SECONDS} s of traffic against {base}")
        soak = Soak(base, site, RULES, mailbox, time.monotonic() + SECONDS)
        started = time.monotonic()
        traffic(soak)
        seconds = time.monotonic() - started
        # The machine may be shared: say how busy it was (1-minute load average).
        soak.load = os.getloadavg()[0]
        ledger = WORK / "ledger.json"
        ledger.write_text(json.dumps(soak.ledger.entries))
        say("checking the database (after the worker sent what was due)")
        checked = json.loads(
            bench.run([bench.PY, "-m", "soak.check", str(ledger)], env, capture=True)
        )
        # Other app processes may show a page as it was for up to
        # PAGE_CACHE_GENERATION_SECONDS (1 s in production) after the last change.
        time.sleep(1)
        counted, mismatches = page_counts(soak, checked["counts"])
    soak.stats.failures += warmed["failures"]
    return 0 if report(soak, checked, seconds, counted, mismatches, warmed) else 1


if __name__ == "__main__":
    sys.exit(main())
