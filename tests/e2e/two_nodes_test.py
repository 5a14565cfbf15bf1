"""Two `weishang serve` nodes on one PostgreSQL database, behind HAProxy with
the repository's deploy/haproxy.cfg, all on loopback. Checks that:
  - each node holds its own node id, and a third node asking for a held id
    is refused at start;
  - an order placed through one node is visible through the other and
    through the balancer;
  - a stock edit through node A shows on node B's cached storefront at once
    (the change notice), while a change made behind B's back (straight in the
    database, no notice) is not seen before the cache's TTL;
  - 64 buyers of 2 units each, split across A, B and the balancer, buy
    exactly the 100 in stock;
  - the timed jobs (payment timeout, automatic receipt, settlement) handle
    each due order once: one event each, stock given back once, and the
    nodes' per-job counters add up with no row handled twice;
  - when a node stops, the balancer sends everything to the other, and the
    stopped node's id is free again."""
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

from harness import NO_POSTGRES, Checks, Client, PostgresDatabase, Server, in_parallel

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HAPROXY_CONFIG = os.path.join(ROOT, "deploy", "haproxy.cfg")
SHOP = "two-nodes"
CACHE_TTL = 1.0  # seconds: the storefront cache's TTL in `weishang serve`
# Jobs tick every 100 ms, so both nodes try them often and would collide
# often were the job locks not there.
NODE_ARGS = ("--rate-limit", "0", "--login-address-failures", "0", "--job-interval-ms", "100")


def key():
    return uuid.uuid4().hex


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Balancer(Client):
    """HAProxy in the foreground (-db) with deploy/haproxy.cfg, on a free loopback port."""

    def __init__(self, *nodes):
        port = free_port()
        env = dict(os.environ, WEISHANG_LB_LISTEN="127.0.0.1:%d" % port)
        for i, node in enumerate(nodes):
            env["WEISHANG_NODE%d" % (i + 1)] = node.base[len("http://"):]
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(["haproxy", "-f", HAPROXY_CONFIG, "-db"], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        super().__init__("http://127.0.0.1:%d" % port)
        deadline = time.time() + 10
        while True:
            try:
                if urllib.request.urlopen(self.base + "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                self.log.seek(0)
                raise RuntimeError("haproxy did not start: " + self.log.read().decode())
            time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def metric(node, name, labels):
    """The value of one series in a node's /metrics, 0 when absent."""
    _, text = node.call("GET", "/metrics")
    line_start = "%s{%s} " % (name, labels)
    for line in text.splitlines():
        if line.startswith(line_start):
            return int(float(line[len(line_start):]))
    return 0


def decode(public_id):
    return int(public_id.split("_", 1)[1], 36)


def node_ids(c, pg, a, b):
    c.true("A holds the node id it was given", "holding node id 1" in a.read_log())
    c.true("B took the lowest free node id", "holding node id 0" in b.read_log())
    with tempfile.TemporaryDirectory() as d:
        third = subprocess.run([a.binary, "serve", "--db", pg.url, "--listen", "127.0.0.1:0",
                                "--uploads", d, "--node-id", "1"],
                               capture_output=True, text=True, timeout=30)
    c.eq("a third node asking for A's id is refused", third.returncode, 1)
    c.true("  and says why", "storage.node_id_taken" in third.stderr)


def setup_shop(c, a, b, lb):
    st, owner = a.call("POST", "/admin/v1/auth/signup",
                       {"shop": SHOP, "shop_name": "Two nodes", "login": "owner@two", "password": "correct horse"},
                       key=key())
    c.eq("signup through A", st, 201)
    tok = owner["token"]
    products = {}
    for name, stock, node in (("edit", 10, b), ("flash", 100, b), ("timer", 1000, lb), ("ship", 100, lb)):
        st, p = node.call("POST", "/admin/v1/products", {"title": name, "skus": [{"price": 990, "stock": stock}]},
                          token=tok, key=key())
        c.eq("product %s created" % name, st, 201)
        st, _ = a.call("POST", "/admin/v1/products/%s/status" % p["id"], {"action": "publish"}, token=tok)
        c.eq("product %s published through A" % name, st, 200)
        products[name] = p["skus"][0]["id"]
        products[name + "_product"] = p["id"]
    return tok, products


def checkout(node, sku, quantity, i):
    body = {"lines": [{"sku_id": sku, "quantity": quantity}],
            "buyer": {"name": "b%d" % i, "phone": "1390000%04d" % i, "region": "湖南", "address": "长沙"}}
    return node.call("POST", "/store/v1/%s/checkout" % SHOP, body, key=key())


def order_across_nodes(c, tok, sku, a, b, lb):
    st, order = checkout(a, sku, 1, 0)
    c.eq("order placed through A", st, 201)
    st, seen = b.call("GET", "/store/v1/%s/orders/%s" % (SHOP, order["order_token"]))
    c.eq("the buyer sees it through B", (st, seen.get("id")), (200, order["id"]))
    st, seen = lb.call("GET", "/admin/v1/orders/" + order["id"], token=tok)
    c.eq("the merchant sees it through the balancer", (st, seen.get("id")), (200, order["id"]))
    st, seen = b.call("GET", "/admin/v1/orders/" + order["id"], token=tok)
    c.eq("the merchant sees it through B", (st, seen.get("status")), (200, "pending_payment"))


def storefront_stock(node, product_id):
    _, p = node.call("GET", "/store/v1/%s/products/%s" % (SHOP, product_id))
    return p["skus"][0]["stock"]


def invalidation(c, pg, tok, product, sku, a, b):
    # B's outbox tail (every 250 ms) also drops its cache for changes other
    # nodes committed: let it pass the earlier ones before B caches.
    time.sleep(0.6)
    cached_at = time.time()
    c.eq("B caches the storefront's product", storefront_stock(b, product), 10)
    # Behind B's back: no notice, so B answers from its cache until the TTL.
    pg.query("UPDATE inventory_stock SET available = 7 WHERE sku_id = %d" % decode(sku))
    stale = storefront_stock(b, product)
    c.true("(checked within the TTL)", time.time() - cached_at < CACHE_TTL)
    c.eq("a change without a notice is not seen by B yet", stale, 10)
    st, _ = a.call("PUT", "/admin/v1/skus/%s/stock" % sku, {"stock": 25}, token=tok)
    c.eq("stock edited through A", st, 200)
    edited_at = time.time()
    seen = None
    while time.time() - edited_at < 0.5 and seen != 25:
        seen = storefront_stock(b, product)
    visible_after = time.time() - edited_at
    print("the edit through A showed on B %.0f ms after A answered (%.0f ms after B cached it; TTL %d ms)"
          % (visible_after * 1000, (time.time() - cached_at) * 1000, CACHE_TTL * 1000))
    c.eq("B shows the edit made through A", seen, 25)
    c.true("  within 200 ms", visible_after < 0.2)
    c.true("  before B's cached answer could have expired", time.time() - cached_at < CACHE_TTL)
    c.true("B received the notice", metric(b, "weishang_cache_notices_total", 'direction="received"') >= 1)


def oversell_race(c, pg, sku, nodes):
    def buy(i):
        st, r = checkout(nodes[i % len(nodes)], sku, 2, i)
        return st, r.get("error", {}).get("code") if st != 201 else None

    results = in_parallel(buy, 64)
    c.eq("64 buyers on A, B and the balancer: orders", sum(1 for st, _ in results if st == 201), 50)
    c.eq("the other 14 are short of stock",
         sum(1 for _, code in results if code == "inventory.insufficient_stock"), 14)
    c.eq("sold out, not oversold", pg.query("SELECT available FROM inventory_stock WHERE sku_id = %d"
                                            % decode(sku)), [["0"]])
    c.eq("units in orders", pg.query("SELECT SUM(quantity) FROM order_line WHERE sku_id = %d" % decode(sku)),
         [["100"]])


def place_many(c, sku, count, nodes, tok=None):
    """`count` orders of one unit through the nodes in turn; paid and shipped when `tok` is given."""
    def worker(w):
        statuses = []
        for i in range(w, count, 8):
            node = nodes[i % len(nodes)]
            st, o = checkout(node, sku, 1, i)
            if st == 201 and tok:
                node.call("POST", "/admin/v1/orders/%s/confirm-payment" % o["id"],
                          {"method": "transfer", "amount": o["totals"]["total"]}, token=tok)
                st, _ = node.call("POST", "/admin/v1/orders/%s/ship" % o["id"],
                                  {"carrier": "顺丰", "tracking_no": "SF%08d" % i}, token=tok)
            statuses.append(st)
        return statuses

    orders = [st for statuses in in_parallel(worker, 8) for st in statuses]
    c.eq("%d orders placed%s" % (count, " and shipped" if tok else ""), orders, [201 if not tok else 200] * count)


def wait_until_none(pg, status, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pg.query("SELECT COUNT(*) FROM order_order WHERE status = '%s'" % status) == [["0"]]:
            return True
        time.sleep(0.1)
    return False


def handled_once(c, pg, kind, expected):
    per_order = pg.query("SELECT COUNT(*) FROM order_event WHERE kind = '%s' AND actor = 'system'"
                         " GROUP BY order_id HAVING COUNT(*) <> 1" % kind)
    total = pg.query("SELECT COUNT(DISTINCT order_id) FROM order_event WHERE kind = '%s' AND actor = 'system'"
                     % kind)
    c.eq("one '%s' event per order" % kind, per_order, [])
    c.eq("orders %s by the jobs" % kind, int(total[0][0]), expected)


def job_rows(nodes, job, outcome):
    labels = 'job="%s",outcome="%s"' % (job, outcome)
    return [metric(n, "weishang_job_rows_total", labels) for n in nodes]


def timed_jobs(c, pg, tok, products, a, b, lb):
    place_many(c, products["timer"], 120, [a, b, lb])
    place_many(c, products["ship"], 20, [a, b, lb], tok=tok)
    due_payment = int(pg.query("SELECT COUNT(*) FROM order_order WHERE status = 'pending_payment'")[0][0])
    past = int(time.time() * 1000) - 60000
    # The shop's shortest payment timeout is 5 minutes: the test moves the
    # deadlines into the past in the database instead of waiting.
    pg.query("UPDATE order_order SET pay_deadline = %d WHERE status = 'pending_payment';"
             " UPDATE order_order SET receive_deadline = %d WHERE status = 'shipped'" % (past, past))
    c.true("unpaid orders cancelled by the jobs", wait_until_none(pg, "pending_payment"))
    c.true("shipped orders received by the jobs", wait_until_none(pg, "shipped"))
    pg.query("UPDATE order_order SET settle_at = %d WHERE status = 'received'" % past)
    c.true("received orders settled by the jobs", wait_until_none(pg, "received"))
    handled_once(c, pg, "cancelled", due_payment)
    handled_once(c, pg, "received", 20)
    handled_once(c, pg, "completed", 20)
    stock = lambda name: pg.query("SELECT available FROM inventory_stock WHERE sku_id = %d"
                                  % decode(products[name]))[0][0]
    c.eq("timer stock given back exactly once", stock("timer"), "1000")
    c.eq("flash stock given back exactly once", stock("flash"), "100")
    for job, expected in (("cancel_unpaid_orders", due_payment), ("auto_receive_orders", 20),
                          ("settle_orders", 20)):
        handled = job_rows([a, b], job, "handled")
        conflicts = job_rows([a, b], job, "conflict")
        skipped = [metric(n, "weishang_job_ticks_skipped_total", 'job="%s"' % job) for n in (a, b)]
        print("%s: rows handled by A, B = %s; taken first = %s; ticks skipped while the other node ran it = %s"
              % (job, handled, conflicts, skipped))
        c.eq("%s: the nodes handled %d rows between them" % (job, expected), sum(handled), expected)
        c.eq("%s: no row was tried by both nodes" % job, sum(conflicts), 0)


def failover(c, pg, tok, products, a, b, lb):
    a.stop()
    statuses = [lb.call("GET", "/store/v1/%s/home" % SHOP)[0] for _ in range(6)]
    c.eq("with A stopped, the balancer answers from B", statuses, [200] * 6)
    st, _ = checkout(lb, products["timer"], 1, 9999)
    c.eq("and takes orders", st, 201)
    again = Server(*NODE_ARGS, "--node-id", "1", db=pg.url)
    try:
        c.true("A's node id is free again once A stopped", "holding node id 1" in again.read_log())
    finally:
        again.stop()


def main():
    if not os.environ.get("WEISHANG_TEST_PG_URL"):
        print(NO_POSTGRES)
        return 0
    c = Checks()
    pg = PostgresDatabase()
    started, lb = [], None
    try:
        a = Server(*NODE_ARGS, "--node-id", "1", db=pg.url)
        started.append(a)
        b = Server(*NODE_ARGS, db=pg.url)
        started.append(b)
        lb = Balancer(a, b)
        node_ids(c, pg, a, b)
        tok, products = setup_shop(c, a, b, lb)
        order_across_nodes(c, tok, products["timer"], a, b, lb)
        invalidation(c, pg, tok, products["edit_product"], products["edit"], a, b)
        oversell_race(c, pg, products["flash"], [a, b, lb])
        timed_jobs(c, pg, tok, products, a, b, lb)
        failover(c, pg, tok, products, a, b, lb)
    finally:
        if lb:
            lb.stop()
        for s in started:
            s.stop()
        pg.drop()
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
