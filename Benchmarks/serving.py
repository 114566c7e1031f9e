"""What the HTTP benchmarks share: the release server started on loopback until a block ends, and
each database in turn (SQLite, then a throw-away PostgreSQL from scripts/lib/postgres.sh)."""
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / ".build" / "release" / "clusterxchange")


@contextmanager
def serving(env, workdir, port):
    """`clusterxchange serve` on 127.0.0.1:`port` (log level warning) once `/healthz` answers; yields
    its base URL and stops it (SIGTERM) when the block ends. Refuses a port something else answers on."""
    base = f"http://127.0.0.1:{port}"
    try:
        urllib.request.urlopen(base + "/healthz", timeout=1)
        raise SystemExit(f"something already answers on port {port}; stop it first, or the figures would be its own")
    except urllib.error.URLError:
        pass
    server = subprocess.Popen([APP, "serve", "--hostname", "127.0.0.1", "--port", str(port), "--log", "warning"], cwd=workdir,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def start_postgres():
    """A throw-away PostgreSQL server (scripts/lib/postgres.sh); returns (url, stop)."""
    script = "source scripts/lib/postgres.sh && pg_start >&2 && echo \"$PG_URL $PG_DIR $PG_BIN\""
    done = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    url, directory, binaries = done.stdout.split()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def stop():
        subprocess.run([*as_postgres, f"{binaries}/pg_ctl", "-D", f"{directory}/data", "-m", "fast", "stop"],
                       capture_output=True)
        subprocess.run(["rm", "-rf", directory])
    return url, stop


def on_each_database(run):
    """`run(label, env)` on SQLite, then on a throw-away PostgreSQL; the environment holds no
    database, date or root of the caller's."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH", "CLUSTERXCHANGE_TODAY")}
    env["CLUSTERXCHANGE_ROOT"] = str(ROOT)
    run("sqlite", env)
    url, stop = start_postgres()
    try:
        run("postgresql", {**env, "DATABASE_URL": url})
    finally:
        stop()
