"""The server as an operator sees it: HTTP/1.1 on the wire (keep-alive,
HEAD, HTTP/1.0 clients, chunked bodies, bad requests, idle and read
timeouts); graceful shutdown with
requests in flight loses no order and invents none; rate limits answer 429;
failed logins are throttled per account even with --rate-limit 0; the
CLI's commands (version, --help, migrate, demo, backup) behave."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
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


def exchange(port, raw):
    """Sends raw bytes on a fresh connection; returns all the server sent
    until it closed the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(raw)
        out = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return out
            out += chunk


def wire(c):
    s = Server("--rate-limit", "0")
    try:
        port = int(s.base.rsplit(":", 1)[1])
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        con.request("GET", "/healthz", headers={"X-Request-Id": "r" * 100})
        r = con.getresponse()
        body = r.read()
        c.eq("healthz answers", r.status, 200)
        c.eq("JSON content type", r.getheader("Content-Type"), "application/json")
        c.eq("content length matches the body", int(r.getheader("Content-Length")), len(body))
        c.eq("request id echoed, cut to 64 characters", r.getheader("X-Request-Id"), "r" * 64)
        c.eq("kept alive", r.getheader("Connection"), None)
        con.request("GET", "/healthz")
        r = con.getresponse()
        r.read()
        c.true("without one, the server makes a request id (%s)" % r.getheader("X-Request-Id"),
               re.fullmatch(r"r[0-9a-f]{1,6}-[0-9]+", r.getheader("X-Request-Id") or "") is not None)
        # On the same connection: HEAD says how long the body is and sends none
        # (a body would be read as the start of the next response).
        con.request("HEAD", "/healthz")
        r = con.getresponse()
        c.eq("HEAD answers", r.status, 200)
        c.true("HEAD gives the length", int(r.getheader("Content-Length")) == len(body))
        c.eq("HEAD sends no body", r.read(), b"")
        con.request("GET", "/healthz")
        r = con.getresponse()
        c.eq("the connection still works after HEAD", (r.status, r.read()), (200, body))
        con.close()

        out = exchange(port, b"GET /healthz HTTP/1.0\r\n\r\n")
        c.true("HTTP/1.0 without keep-alive: answered and closed",
               out.startswith(b"HTTP/1.1 200 OK\r\n") and b"\r\nConnection: close\r\n" in out)

        login = json.dumps({"shop": "nosuchshop", "login": "a@b.c", "password": "wrong-password"}).encode()
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (login[:10], login[10:])) + b"0\r\n\r\n"
        out = exchange(port, b"POST /admin/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked)
        c.true("a chunked body is read whole (the login is refused, not the JSON)",
               out.startswith(b"HTTP/1.1 401 ") and b"identity.invalid_credentials" in out)

        out = exchange(port, b"GET /healthz HTTP/1.1\r\nHost x\r\n\r\n")
        c.true("a malformed header gets 400 request.bad_http",
               out.startswith(b"HTTP/1.1 400 Bad Request\r\n") and b"request.bad_http" in out)
    finally:
        s.stop()


def timeouts(c):
    """A connection that stops talking is closed: after --idle-timeout while
    it waits between requests, after --read-timeout while a body is owed.
    The server sweeps deadlines once a second, so a close comes up to a
    second late."""
    s = Server("--rate-limit", "0", "--idle-timeout", "1", "--read-timeout", "1")
    try:
        port = int(s.base.rsplit(":", 1)[1])

        def closed_within(sock, seconds):
            sock.settimeout(seconds)
            out = b""
            try:
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return True, out
                    out += chunk
            except socket.timeout:
                return False, out
            except ConnectionResetError:
                return True, out

        with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            ok, out = closed_within(idle, 5)
            c.true("an idle kept-alive connection is answered, then closed", ok and out.startswith(b"HTTP/1.1 200 "))
        with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
            slow.sendall(b"POST /admin/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{\"shop\":")
            ok, out = closed_within(slow, 5)
            c.true("a request whose body stops coming is closed unanswered", ok and out == b"")
        st, _ = s.call("GET", "/healthz")
        c.eq("the server still serves", st, 200)
    finally:
        s.stop()


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


def login_throttle(c):
    """Password guessing is braked per account even with the general rate
    limit off: the sixth wrong password in a row gets 429 with a Retry-After,
    and the right password works once that has passed."""
    s = Server("--rate-limit", "0")
    try:
        st, _ = s.call("POST", "/admin/v1/auth/signup",
                       {"shop": "brake", "shop_name": "Brake", "login": "owner@brake", "password": "correct horse"},
                       key="signup-brake")
        c.eq("sign-up", st, 201)

        def login(password):
            body = json.dumps({"shop": "brake", "login": "owner@brake", "password": password}).encode()
            req = urllib.request.Request(s.base + "/admin/v1/auth/login", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    return resp.status, json.loads(resp.read()), resp.headers.get("Retry-After")
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read()), e.headers.get("Retry-After")

        c.eq("five wrong passwords are refused one by one", [login("wrong horse")[0] for _ in range(5)], [401] * 5)
        st, body, retry = login("wrong horse")
        c.eq("the sixth gets 429", st, 429)
        c.eq("429 code", body.get("error", {}).get("code"), "identity.login_throttled")
        c.eq("with Retry-After", retry, "1")
        c.eq("so does the right password before the delay", login("correct horse")[0], 429)
        time.sleep(int(retry or "1") + 0.1)
        st, body, _ = login("correct horse")
        c.eq("the right password after the delay", st, 200)
        c.true("and it logs in", "token" in body)
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
    wire(c)
    timeouts(c)
    graceful_shutdown(c)
    rate_limit(c)
    login_throttle(c)
    cli(c)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
