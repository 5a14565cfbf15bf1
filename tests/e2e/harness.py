"""Starts the real weishang binary on a free loopback port with a temporary
database, and talks JSON to it. Used by the end-to-end tests in this folder."""
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


class Server:
    """`extra_args` go to `weishang serve`; a `--db` among them replaces the
    temporary database (another test's, or a PostgreSQL URL)."""

    @staticmethod
    def tempdir():
        return tempfile.mkdtemp(prefix="weishang-e2e-")

    def __init__(self, *extra_args):
        self.binary = os.environ.get("WEISHANG_BINARY", "build/weishang")
        self.dir = Server.tempdir()
        port_file = os.path.join(self.dir, "port")
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        db = ["--db", os.path.join(self.dir, "t.db")] if "--db" not in extra_args else []
        self.proc = subprocess.Popen(
            [self.binary, "serve", *db, "--listen", "127.0.0.1:0",
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
        shutil.rmtree(self.dir, ignore_errors=True)

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
