"""The data a benchmark size runs on: a fresh database with demo content and generated evaluations (and, on the
engine, a timed index build), or the data an earlier run kept (BENCH_REUSE)."""

import json
import os
import re
import secrets
import subprocess
import sys
import time

from plan import ENGINE, ROOT, log
from report import git_commit, utc_now


def base_env(shared, workdir, database_url, size):
    keep = ("SEARCH_URL", "SEARCH_BACKEND") if ENGINE else ()
    env = {
        k: v
        for k, v in os.environ.items()
        if k in keep or not k.startswith(("SEARCH_", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"))
    }
    if ENGINE:
        env["SEARCH_INDEX_PREFIX"] = f"bench{size}_"
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(shared / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        SERVE_MEDIA="true",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        # One client measuring latency from one address is not abuse: the per-address limits would answer part of
        # the API run with 429s (RATE_LIMIT_API, 120/m) and time the refusal instead of the search.
        RATE_LIMIT_API="off",
        RATE_LIMIT_CSV="off",
    )
    return env


def manage(env, logfile, *args):
    """Run manage.py, appending its output to the log file; returns the output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    logfile.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    logfile.flush()
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


MISSING_STATIC = re.compile(r"The file '([^']+)' could not be found")


def collectstatic(env, logfile, static_root, attempts=10):
    """collectstatic with the production (manifest) storage. A file referenced by a package's CSS but not shipped
    (a source map, say) makes the manifest post-processing fail; such files get an empty stub in STATIC_ROOT and
    collectstatic is run again. Returns the stubbed paths, which the report lists."""
    stubs = []
    for _ in range(attempts):
        try:
            manage(env, logfile, "collectstatic", "--noinput", "--verbosity", "0")
            return stubs
        except RuntimeError as error:
            missing = MISSING_STATIC.search(str(error))
            if not missing or missing.group(1) in stubs:
                raise
            stub = static_root / missing.group(1)
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text("{}\n" if stub.suffix == ".map" else "", encoding="utf-8")
            stubs.append(missing.group(1))
            log(f"collectstatic: {missing.group(1)} is referenced but missing; stubbed, trying again")
    raise RuntimeError("collectstatic still failing after stubbing missing files")


def database_url_for(size, workdir):
    """Each size has a database of its own: on the PostgreSQL server run.sh started, or a SQLite file."""
    if ENGINE:
        return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/bench_{size}"
    return f"sqlite:///{workdir / 'bench.sqlite3'}"


def fresh_postgres_database(database_url):
    """Drop and create the (PostgreSQL) database at this URL."""
    import psycopg

    server, name = os.environ["DATABASE_URL"], database_url.rsplit("/", 1)[1]
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(cfg, size):
    workdir = cfg["workdir"] / f"n{size}"
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = database_url_for(size, workdir)
    if ENGINE:
        fresh_postgres_database(database_url)
    env = base_env(cfg["workdir"], workdir, database_url, size)
    with open(workdir / "manage.log", "w", encoding="utf-8") as logfile:
        log(f"{size}: migrate and demo content")
        manage(env, logfile, "migrate", "--noinput")
        if ENGINE:
            # Create the engine's indexes with their analysers before anything is published (as the README's
            # "Running at scale" says); publishing first would let OpenSearch create them with a guessed mapping.
            manage(env, logfile, "update_index", "--backend", "default")
        if not (cfg["workdir"] / "static" / "staticfiles.json").exists():
            log("collectstatic (once for all sizes)")
            cfg["static_stubs"] = collectstatic(env, logfile, cfg["workdir"] / "static")
        # A throwaway database under production settings: demo accounts get no usable password.
        manage(env, logfile, "load_demo_content", "--force-production")
        log(f"{size}: generate_evaluations --count {size} --seed {cfg['seed']}")
        started = time.perf_counter()
        # generate_evaluations is in the development-data app: portal.settings.bench is production plus devdata.
        generating = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.bench"}
        output = manage(generating, logfile, "generate_evaluations", "--count", str(size), "--seed", str(cfg["seed"]))
        generation = {"seconds": time.perf_counter() - started, "output": output.strip().splitlines()[-1]}
        if ENGINE:
            # The index build: a full rebuild of the engine's indexes (atomic: built beside the live ones).
            log(f"{size}: update_index --backend default (index build)")
            started = time.perf_counter()
            manage(env, logfile, "update_index", "--backend", "default")
            generation["index_build"] = time.perf_counter() - started
    generation["prepared"] = {"date": utc_now(), "commit": git_commit()}
    return workdir, database_url, env, generation


def reuse(cfg, size):
    """The data an earlier run kept (BENCH_KEEP=1) for this size, to measure it again (BENCH_REUSE); or None."""
    if not cfg["reuse"]:
        return None
    saved = cfg["workdir"] / "results.json"
    earlier = [r for r in json.loads(saved.read_text(encoding="utf-8")) if r["size"] == size] if saved.exists() else []
    if not earlier:
        log(f"{size}: nothing to reuse in {cfg['workdir']}; preparing it")
        return None
    workdir = cfg["workdir"] / f"n{size}"
    generation = earlier[0]["generation"]
    # Runs before the "prepared" record existed: the results file was written when that run ended.
    generation.setdefault(
        "prepared", {"date": f"before {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(saved.stat().st_mtime))}"}
    )
    log(f"{size}: reusing the data prepared {generation['prepared']['date']} in {workdir}")
    database_url = database_url_for(size, workdir)
    return workdir, database_url, base_env(cfg["workdir"], workdir, database_url, size), generation
