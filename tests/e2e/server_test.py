"""The server as an operator sees it: graceful shutdown with requests in
flight loses no order and invents none; rate limits answer 429; the CLI's
commands (version, --help, migrate, demo, backup) behave."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import uuid

from harness import Checks, Server

PHONE = "13999999999"


def login(s):
    _, t = s.call("POST", "/admin/v1/auth/login", {"shop": "demo", "login": "owner@demo.shop", "password": "weishang-demo"})
    return t["token"]


def count_orders(s, tok):
    n, after = 0, ""
    while True:
        _, page = s.call("GET", "/admin/v1/orders?limit=100&phone=%s%s" % (PHONE, "&after=" + after if after else ""), token=tok)
        n += len(page["items"])
        if not page.get("next_cursor"):
            return n
        after = page["next_cursor"]


def graceful_shutdown(c):
    s = Server("--rate-limit", "0", "--demo")
    _, home = s.call("GET", "/store/v1/demo/home")
    pid = home["featured"][0]["id"]
    _, detail = s.call("GET", "/store/v1/demo/products/" + pid)
    sku = detail["skus"][0]["id"]
    placed, failures, stop = [], [], threading.Event()
    lock = threading.Lock()

    def buyer():
        while not stop.is_set():
            body = {"lines": [{"sku_id": sku, "quantity": 1}],
                    "buyer": {"name": "停机", "phone": PHONE, "region": "湖南", "address": "长沙"}}
            try:
                st, r = s.call("POST", "/store/v1/demo/checkout", body, key=uuid.uuid4().hex)
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server stopped accepting: expected after SIGTERM
            with lock:
                (placed if st == 201 else failures).append((st, r))

    threads = [threading.Thread(target=buyer) for _ in range(16)]
    [t.start() for t in threads]
    time.sleep(0.7)
    s.proc.send_signal(signal.SIGTERM)
    code = s.proc.wait(timeout=30)
    stop.set()
    [t.join() for t in threads]
    c.eq("server exits cleanly on SIGTERM", code, 0)
    c.true("orders were placed before the stop (%d)" % len(placed), len(placed) > 0)
    c.eq("no request failed during shutdown", [f for f in failures if f[0] != 409], [])
    log = s.read_log()
    # Restart on the same database: every answered order is there, and no other.
    s2 = Server("--rate-limit", "0", db=s.db)
    try:
        c.eq("every answered order is durable, none invented", count_orders(s2, login(s2)), len(placed))
    finally:
        s2.stop()
    c.true("shutdown was logged", "shutting down" in log)
    s.stop()


def rate_limit(c):
    s = Server("--rate-limit", "5")
    try:
        statuses = [s.call("GET", "/healthz")[0] for _ in range(60)]
        c.true("bursts past the limit get 429", 429 in statuses)
        st, body = s.call("GET", "/healthz")
        if st == 429:
            c.eq("429 code", body["error"]["code"], "request.rate_limited")
    finally:
        s.stop()


def cli(c):
    binary = os.environ.get("WEISHANG_BINARY", "build/weishang")
    out = subprocess.run([binary, "version"], capture_output=True, text=True)
    c.true("version prints", out.returncode == 0 and "weishang" in out.stdout)
    for cmd in ("serve", "migrate", "demo", "backup"):
        out = subprocess.run([binary, cmd, "--help"], capture_output=True, text=True)
        c.true("%s --help" % cmd, out.returncode == 0 and "--db" in out.stdout)
    tmp = Server.tempdir()
    db = os.path.join(tmp, "cli.db")
    for _ in range(2):
        c.eq("migrate is idempotent", subprocess.run([binary, "migrate", "--db", db], capture_output=True).returncode, 0)
    first = subprocess.run([binary, "demo", "--db", db], capture_output=True, text=True)
    again = subprocess.run([binary, "demo", "--db", db], capture_output=True, text=True)
    c.true("demo creates the shop and prints the login", "created" in first.stdout and "weishang-demo" in first.stdout)
    c.true("demo is idempotent", again.returncode == 0 and "ready" in again.stdout)
    backup = os.path.join(tmp, "backup.db")
    c.eq("backup", subprocess.run([binary, "backup", "--db", db, backup], capture_output=True).returncode, 0)
    con = sqlite3.connect(backup)
    c.eq("backup holds the demo orders", con.execute("SELECT COUNT(*) FROM order_order").fetchone()[0] > 0, True)
    con.close()
    shutil.rmtree(tmp, ignore_errors=True)


def main():
    c = Checks()
    graceful_shutdown(c)
    rate_limit(c)
    cli(c)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
