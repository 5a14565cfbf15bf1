"""Starts the real weishang binary on a free loopback port with a temporary
database, and talks JSON to it. Used by the end-to-end tests in this folder.

The database is a SQLite file in a temporary directory, or, when
WEISHANG_TEST_DB=postgres, a fresh database on the server at
WEISHANG_TEST_PG_URL (scripts/with-postgres), dropped when the server stops."""
import hashlib
import hmac
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

NO_POSTGRES = "WEISHANG_TEST_PG_URL is not set: skipping the PostgreSQL run"


def postgres_missing():
    """True when this run should use PostgreSQL but no server was provided."""
    return os.environ.get("WEISHANG_TEST_DB") == "postgres" and not os.environ.get("WEISHANG_TEST_PG_URL")


class PostgresDatabase:
    """A fresh database on the test server, made and dropped with psql."""

    def __init__(self):
        self.admin_url = os.environ["WEISHANG_TEST_PG_URL"]
        self.name = "weishang_e2e_" + uuid.uuid4().hex[:12]
        self._psql("CREATE DATABASE " + self.name)
        self.url = self.admin_url.rsplit("/", 1)[0] + "/" + self.name

    def drop(self):
        self._psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name)

    def query(self, sql):
        """Runs `sql` on this database; returns its rows as lists of strings."""
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                              "-d", self.url, "-c", sql], check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def _psql(self, sql):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.admin_url, "-c", sql],
                       check=True, stdout=subprocess.DEVNULL)


class Client:
    """Talks JSON to a weishang node, or to a load balancer in front of some, at `base`."""

    def __init__(self, base):
        self.base = base

    def call(self, method, path, body=None, token=None, key=None, raw=None, headers=None):
        """Returns (status, parsed JSON or text)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        if key:
            req.add_header("Idempotency-Key", key)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, _decode(resp.read(), resp.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as e:
            return e.code, _decode(e.read(), e.headers.get("Content-Type", ""))


class Server(Client):
    @staticmethod
    def tempdir():
        return tempfile.mkdtemp(prefix="weishang-e2e-")

    def __init__(self, *extra_args, db=None):
        """`extra_args` go to `weishang serve`; `db` is its --db (another test's
        file, or a PostgreSQL URL); by default a database chosen as the module doc says."""
        self.binary = os.environ.get("WEISHANG_BINARY", "build/weishang")
        self.dir = Server.tempdir()
        self.pg = None
        if db is None and os.environ.get("WEISHANG_TEST_DB") == "postgres":
            self.pg = PostgresDatabase()
            db = self.pg.url
        self.db = db or os.path.join(self.dir, "t.db")
        port_file = os.path.join(self.dir, "port")
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0",
             "--uploads", os.path.join(self.dir, "uploads"),
             "--port-file", port_file, "--threads", "2", *extra_args],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("server did not start: " + self.read_log())
            time.sleep(0.05)
        self.base = "http://127.0.0.1:%s" % open(port_file).read().strip()

    def read_log(self):
        if not self.log.closed:
            self.log.flush()
        return open(os.path.join(self.dir, "server.log")).read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if not self.log.closed:
            self.log.close()
        if self.pg:
            self.pg.drop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Receiver:
    """A loopback HTTP endpoint that records every POST and answers 500 to
    the first `fail_first` of them."""

    def __init__(self, fail_first=1):
        self.received = []
        self.fail_first = fail_first
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.received.append((dict(self.headers), body))
                failing = len(outer.received) <= outer.fail_first
                self.send_response(500 if failing else 200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"try later" if failing else b"ok")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, n, seconds=15):
        deadline = time.time() + seconds
        while len(self.received) < n and time.time() < deadline:
            time.sleep(0.05)
        return len(self.received) >= n

    def stop(self):
        self.server.shutdown()


def in_parallel(fn, n):
    """Calls fn(0) … fn(n - 1) on n threads at once; returns their results in that order."""
    results = [None] * n

    def run(i):
        results[i] = fn(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return results


def _decode(payload, content_type):
    if "json" in content_type:
        return json.loads(payload)
    return payload.decode("utf-8", "replace")


def sign(secret, body):
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class Checks:
    """Counts checks and prints one line per failure; main() exits non-zero on any."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def eq(self, what, got, want):
        if got == want:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s: got %r, want %r" % (what, got, want))

    def true(self, what, cond):
        self.eq(what, bool(cond), True)

    def error(self, what, response, status, code):
        got_status, body = response
        self.eq(what + " status", got_status, status)
        got_code = body.get("error", {}).get("code") if isinstance(body, dict) else None
        self.eq(what + " code", got_code, code)

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 0 if self.failed == 0 else 1
