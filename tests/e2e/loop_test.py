"""The whole micro-store loop over HTTP against the real binary: a merchant
signs up and lists products, a buyer browses, fills a cart, gets a quote
with a coupon, checks out, pays through the sandbox provider, receives the
goods, returns some, and is refunded. Then the same server is fed bad input
of every kind, and each must get a clear error and change nothing."""
import json
import sys
import uuid

from harness import NO_POSTGRES, Checks, Server, in_parallel, postgres_missing, sign


def key():
    return uuid.uuid4().hex


def setup_shop(s, c, slug):
    st, owner = s.call("POST", "/admin/v1/auth/signup",
                       {"shop": slug, "shop_name": "E2E " + slug, "login": "owner@" + slug, "password": "correct horse"},
                       key=key())
    c.eq("signup", st, 201)
    tok = owner["token"]
    st, cat = s.call("POST", "/admin/v1/categories", {"name": "零食"}, token=tok, key=key())
    c.eq("category created", st, 201)
    product = {"title": "湘味咸鸭", "subtitle": "办公室零食", "category_id": cat["id"], "consumption_cycle_days": 0,
               "spec_options": [{"name": "规格", "values": ["3只装", "6只装"]}],
               "skus": [{"spec_values": ["3只装"], "price": 3900, "stock": 100},
                        {"spec_values": ["6只装"], "price": 6900, "stock": 100}]}
    st, prod = s.call("POST", "/admin/v1/products", product, token=tok, key=key())
    c.eq("product created", st, 201)
    st, _ = s.call("POST", "/admin/v1/products/%s/status" % prod["id"], {"action": "publish"}, token=tok)
    c.eq("product published", st, 200)
    return tok, cat, prod


def stock_of(s, tok, product_id, sku_id):
    _, p = s.call("GET", "/admin/v1/products/" + product_id, token=tok)
    return [x["stock"] for x in p["skus"] if x["id"] == sku_id][0]


def buyer_loop(s, c, tok, prod):
    sku3, sku6 = prod["skus"][0]["id"], prod["skus"][1]["id"]
    st, _ = s.call("POST", "/admin/v1/coupons",
                   {"code": "DUCK10", "kind": "fixed", "amount_off": 1000, "min_spend": 5000,
                    "valid_from": "2020-01-01T00:00:00Z", "valid_until": "2099-01-01T00:00:00Z",
                    "per_customer_limit": 1, "total_quantity": 10}, token=tok, key=key())
    c.eq("coupon created", st, 201)
    st, home = s.call("GET", "/store/v1/e2e-a/home")
    c.eq("home", st, 200)
    st, detail = s.call("GET", "/store/v1/e2e-a/products/" + prod["id"])
    c.eq("product detail", st, 200)
    c.eq("detail stock", [x["stock"] for x in detail["skus"]], [100, 100])

    st, cart = s.call("POST", "/store/v1/e2e-a/carts", {}, key=key())
    c.eq("cart created", st, 201)
    ct = cart["cart_token"]
    c.eq("add 3-pack", s.call("PUT", "/store/v1/e2e-a/carts/%s/lines/%s" % (ct, sku3), {"quantity": 2})[0], 200)
    c.eq("add 6-pack", s.call("PUT", "/store/v1/e2e-a/carts/%s/lines/%s" % (ct, sku6), {"quantity": 1})[0], 200)
    st, q = s.call("POST", "/store/v1/e2e-a/quote", {"cart_token": ct, "coupon_code": "DUCK10", "region": "湖南"})
    c.eq("quote", st, 200)
    c.eq("quote merchandise", q["merchandise_total"], 2 * 3900 + 6900)
    c.eq("quote coupon", q["coupon_discount"], 1000)
    c.eq("quote total", q["total"], 14700 - 1000)  # free postage above 99.00

    buyer = {"name": "李娜", "phone": "13800138001", "region": "湖南", "address": "长沙市岳麓区 8 号"}
    order_key = key()
    body = {"cart_token": ct, "coupon_code": "DUCK10", "buyer": buyer}
    st, order = s.call("POST", "/store/v1/e2e-a/checkout", body, key=order_key)
    c.eq("checkout", st, 201)
    st, again = s.call("POST", "/store/v1/e2e-a/checkout", body, key=order_key)
    c.eq("checkout repeat status", st, 201)
    c.eq("checkout repeat same order", again["id"], order["id"])
    c.eq("stock held", stock_of(s, tok, prod["id"], sku3), 98)
    ot = order["order_token"]

    st, pay = s.call("POST", "/store/v1/e2e-a/orders/%s/pay" % ot, {"provider": "sandbox"})
    c.eq("payment created", st, 200)
    cb = json.dumps({"payment_id": pay["id"], "amount": pay["amount"], "status": "succeeded", "ref": "wx1"}).encode()
    c.error("forged callback", s.call("POST", "/callbacks/sandbox/e2e-a", raw=cb, headers={"X-Signature": "00" * 32}),
            401, "payment.bad_signature")
    c.eq("still unpaid", s.call("GET", "/store/v1/e2e-a/orders/" + ot)[1]["status"], "pending_payment")
    _, secret = s.call("GET", "/admin/v1/payments/sandbox", token=tok)
    good = {"X-Signature": sign(secret["signing_secret"], cb)}
    c.eq("callback", s.call("POST", "/callbacks/sandbox/e2e-a", raw=cb, headers=good)[0], 200)
    c.eq("callback repeat", s.call("POST", "/callbacks/sandbox/e2e-a", raw=cb, headers=good)[0], 200)
    c.eq("paid", s.call("GET", "/store/v1/e2e-a/orders/" + ot)[1]["status"], "paid")

    st, shipped = s.call("POST", "/admin/v1/orders/%s/ship" % order["id"],
                         {"carrier": "顺丰", "tracking_no": "SF1234567"}, token=tok)
    c.eq("shipped", (st, shipped.get("status")), (200, "shipped"))
    c.eq("received", s.call("POST", "/store/v1/e2e-a/orders/%s/receive" % ot)[1].get("status"), "received")

    st, afs = s.call("POST", "/store/v1/e2e-a/orders/%s/aftersales" % ot,
                     {"kind": "no_reason_return", "reason": "不想要了", "lines": [{"line_no": 1, "quantity": 1}]}, key=key())
    c.eq("return requested", st, 201)
    c.eq("approved", s.call("POST", "/admin/v1/aftersales/%s/approve" % afs["id"], token=tok)[1].get("status"), "approved")
    st, back = s.call("POST", "/store/v1/e2e-a/orders/%s/aftersales/%s/ship-back" % (ot, afs["id"]),
                      {"carrier": "中通", "tracking_no": "ZT7654321"})
    c.eq("shipped back", back.get("status"), "returning")
    st, done = s.call("POST", "/admin/v1/aftersales/%s/receive" % afs["id"], token=tok)
    c.eq("refunded", done.get("status"), "refunded")
    _, final = s.call("GET", "/admin/v1/orders/" + order["id"], token=tok)
    c.eq("order refunded total", final["refunded_total"], afs["refund_amount"])
    c.eq("payment refunded", final["payments"][0]["refunded"], afs["refund_amount"])
    c.eq("stock back", stock_of(s, tok, prod["id"], sku3), 99)
    c.true("trail has events", len(final["events"]) >= 6)
    _, fin = s.call("GET", "/admin/v1/finance/summary", token=tok)
    c.eq("receivable pending until the after-sales window passes", fin["receivable_pending"],
         final["totals"]["total"] - final["refunded_total"])
    c.eq("nothing settled yet", fin["receivable_settled"], 0)
    return order


def bad_input(s, c, tok, prod, order):
    sku3 = prod["skus"][0]["id"]
    before = stock_of(s, tok, prod["id"], sku3)
    _, listed = s.call("GET", "/admin/v1/orders", token=tok)
    n_orders = len(listed["items"])
    buyer = {"name": "张", "phone": "13900000000", "region": "湖南", "address": "长沙"}
    line = lambda q: {"lines": [{"sku_id": sku3, "quantity": q}], "buyer": buyer}
    c.error("malformed json", s.call("POST", "/store/v1/e2e-a/checkout", raw=b"{not json", key=key()),
            422, "request.malformed_json")
    c.error("negative quantity", s.call("POST", "/store/v1/e2e-a/checkout", line(-1), key=key()), 422, "request.invalid_field")
    c.error("enormous quantity", s.call("POST", "/store/v1/e2e-a/checkout", line(10 ** 12), key=key()), 422, "request.invalid_field")
    c.error("unknown sku", s.call("POST", "/store/v1/e2e-a/checkout",
                                  {"lines": [{"sku_id": "sku_zzzzzz", "quantity": 1}], "buyer": buyer}, key=key()),
            404, "catalog.sku_not_found")
    s.call("POST", "/admin/v1/coupons", {"code": "OLD", "kind": "fixed", "amount_off": 100,
                                         "valid_from": "2020-01-01T00:00:00Z", "valid_until": "2021-01-01T00:00:00Z"},
           token=tok, key=key())
    c.error("expired coupon", s.call("POST", "/store/v1/e2e-a/checkout", dict(line(1), coupon_code="OLD"), key=key()),
            422, "pricing.coupon_expired")
    c.error("missing idempotency key", s.call("POST", "/store/v1/e2e-a/checkout", line(1)),
            422, "request.idempotency_key_required")
    c.error("oversized body", s.call("POST", "/store/v1/e2e-a/checkout", raw=b"x" * (2 << 20), key=key()),
            413, "request.body_too_large")
    c.error("no token", s.call("GET", "/admin/v1/orders"), 401, "identity.unauthenticated")
    c.error("bad token", s.call("GET", "/admin/v1/orders", token="wst_nope"), 401, "identity.unauthenticated")
    c.eq("stock unchanged by bad input", stock_of(s, tok, prod["id"], sku3), before)
    c.eq("no order created by bad input", len(s.call("GET", "/admin/v1/orders", token=tok)[1]["items"]), n_orders)


def tenant_isolation(s, c, tok_a, prod_a, order_a):
    tok_b, _, _ = setup_shop_b(s, c)
    pid, oid, sku = prod_a["id"], order_a["id"], prod_a["skus"][0]["id"]
    attempts = [("GET", "/admin/v1/products/" + pid, None), ("PUT", "/admin/v1/products/" + pid, {"title": "x", "skus": [{"price": 100}]}),
                ("POST", "/admin/v1/products/%s/status" % pid, {"action": "archive"}),
                ("PUT", "/admin/v1/skus/%s/stock" % sku, {"stock": 0}),
                ("GET", "/admin/v1/orders/" + oid, None),
                ("POST", "/admin/v1/orders/%s/ship" % oid, {"carrier": "x", "tracking_no": "xxxx"}),
                ("POST", "/admin/v1/orders/%s/cancel" % oid, {}),
                ("POST", "/admin/v1/orders/%s/confirm-payment" % oid, {"method": "transfer", "amount": 1})]
    for method, path, body in attempts:
        st, _ = s.call(method, path, body, token=tok_b, key=key())
        c.eq("tenant B cannot %s %s" % (method, path), st, 404)
    _, mine = s.call("GET", "/admin/v1/orders", token=tok_b)
    c.eq("tenant B sees none of A's orders", mine["items"], [])
    _, p = s.call("GET", "/admin/v1/products/" + pid, token=tok_a)
    c.eq("A's product untouched", p["status"], "on_sale")


def setup_shop_b(s, c):
    return setup_shop(s, c, "e2e-b")


def oversell_race(s, c, tok):
    st, prod = s.call("POST", "/admin/v1/products", {"title": "flash", "skus": [{"price": 990, "stock": 100}]},
                      token=tok, key=key())
    s.call("POST", "/admin/v1/products/%s/status" % prod["id"], {"action": "publish"}, token=tok)
    sku = prod["skus"][0]["id"]

    def buy(i):
        body = {"lines": [{"sku_id": sku, "quantity": 2}],
                "buyer": {"name": "b%d" % i, "phone": "1380000%04d" % i, "region": "湖南", "address": "长沙"}}
        st, r = s.call("POST", "/store/v1/e2e-a/checkout", body, key=key())
        return st, r.get("error", {}).get("code") if st != 201 else None

    results = in_parallel(buy, 64)
    c.eq("64 buyers: orders", sum(1 for st, _ in results if st == 201), 50)
    c.eq("64 buyers: the rest short of stock", sum(1 for _, code in results if code == "inventory.insufficient_stock"), 14)
    c.eq("sold out", stock_of(s, tok, prod["id"], sku), 0)


def ship_batch_and_logout(s, c, tok, prod):
    sku = prod["skus"][1]["id"]
    buyer = {"name": "王", "phone": "13900139002", "region": "广东", "address": "深圳"}
    st, o = s.call("POST", "/store/v1/e2e-a/checkout", {"lines": [{"sku_id": sku, "quantity": 1}], "buyer": buyer}, key=key())
    s.call("POST", "/admin/v1/orders/%s/confirm-payment" % o["id"], {"method": "transfer", "amount": o["totals"]["total"]}, token=tok)
    csv = "order_id,carrier,tracking_no\n%s,顺丰,SF99990000\nord_zzzz,顺丰,SF1\nbroken row\n" % o["id"]
    st, res = s.call("POST", "/admin/v1/orders/ship-batch", raw=csv.encode(), token=tok)
    c.eq("batch status", st, 200)
    c.eq("batch shipped", res.get("shipped"), 1)
    c.eq("batch failed rows", sorted(e["row"] for e in res.get("errors", [])), [3, 4])
    st, res = s.call("POST", "/admin/v1/orders/ship-batch", raw=b"ord_12#4,SF,SF12345\n", token=tok)
    c.eq("a mistyped id in the first row is reported, not taken for a header",
         (st, res.get("shipped"), [e["row"] for e in res.get("errors", [])]), (200, 0, [1]))
    c.eq("logout", s.call("POST", "/admin/v1/auth/logout", token=tok)[0], 200)
    c.error("token revoked", s.call("GET", "/admin/v1/me", token=tok), 401, "identity.unauthenticated")


def main():
    if postgres_missing():
        print(NO_POSTGRES)
        return 0
    c = Checks()
    s = Server("--rate-limit", "0")
    try:
        tok, _, prod = setup_shop(s, c, "e2e-a")
        order = buyer_loop(s, c, tok, prod)
        bad_input(s, c, tok, prod, order)
        tenant_isolation(s, c, tok, prod, order)
        oversell_race(s, c, tok)
        ship_batch_and_logout(s, c, tok, prod)
        st, metrics = s.call("GET", "/metrics")
        c.true("metrics expose per-route latency", "weishang_http_request_seconds_bucket" in metrics)
        storage_series = ("weishang_pg_unit_retries_total" if s.pg else "weishang_commit_group_size_bucket")
        c.true("metrics expose the storage engine's series", storage_series in metrics)
        c.true("one JSON log line per request", '"route":"/store/v1/{shop}/checkout"' in s.read_log())
    finally:
        s.stop()
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
