"""The defects found by probing the running server as an outsider would
(issue 9), each replayed over HTTP against the real binary. Each check here
failed before its fix. Runs on SQLite and, as e2e_probes_pg, on PostgreSQL."""
import json
import sys
import urllib.error
import urllib.request
import uuid

from harness import NO_POSTGRES, Checks, Server, in_parallel, postgres_missing, sign


def key():
    return uuid.uuid4().hex


def open_shop(s, c, slug):
    st, owner = s.call("POST", "/admin/v1/auth/signup",
                       {"shop": slug, "shop_name": "Probe " + slug, "login": "owner@" + slug,
                        "password": "correct horse battery"}, key=key())
    c.eq(slug + " signup", st, 201)
    tok = owner["token"]
    product = {"title": "桂花酒酿", "subtitle": "一口就是秋天",
               "spec_options": [{"name": "规格", "values": ["500g"]}],
               "skus": [{"spec_values": ["500g"], "price": 12900, "stock": 50}]}
    st, prod = s.call("POST", "/admin/v1/products", product, token=tok, key=key())
    c.eq(slug + " product", st, 201)
    s.call("POST", "/admin/v1/products/%s/status" % prod["id"], {"action": "publish"}, token=tok)
    return tok, prod


def checkout(s, slug, sku, idem=None):
    _, cart = s.call("POST", "/store/v1/%s/carts" % slug, {}, key=key())
    s.call("PUT", "/store/v1/%s/carts/%s/lines/%s" % (slug, cart["cart_token"], sku), {"quantity": 1})
    buyer = {"name": "王芳", "phone": "13900001111", "region": "浙江", "address": "杭州市西湖区文三路 90 号"}
    return s.call("POST", "/store/v1/%s/checkout" % slug, {"cart_token": cart["cart_token"], "buyer": buyer},
                  key=idem or key())


def refund_after_double_payment(s, c, tok, prod):
    """Sandbox payment started, staff confirm a manual transfer, then the
    sandbox callback lands and is refunded as a late duplicate. A refund_only
    request afterwards must be refunded from the payment that still holds the
    money (the manual one), not refused."""
    st, order = checkout(s, "probe-a", prod["skus"][0]["id"])
    c.eq("double payment: checkout", st, 201)
    ot = order["order_token"]
    _, pay = s.call("POST", "/store/v1/probe-a/orders/%s/pay" % ot, {"provider": "sandbox"})
    st, _ = s.call("POST", "/admin/v1/orders/%s/confirm-payment" % order["id"],
                   {"amount": order["totals"]["total"], "method": "transfer", "reference": "bank 42"}, token=tok)
    c.eq("double payment: manual confirmation", st, 200)
    _, secret = s.call("GET", "/admin/v1/payments/sandbox", token=tok)
    cb = json.dumps({"payment_id": pay["id"], "amount": pay["amount"], "status": "succeeded",
                     "ref": "wx-late"}).encode()
    st, late = s.call("POST", "/callbacks/sandbox/probe-a", raw=cb,
                      headers={"X-Signature": sign(secret["signing_secret"], cb)})
    c.eq("double payment: late callback accepted", st, 200)
    c.eq("double payment: the callback's answer shows its refund", late["payment"]["refunded"], pay["amount"])
    st, afs = s.call("POST", "/store/v1/probe-a/orders/%s/aftersales" % ot,
                     {"kind": "refund_only", "reason": "不想要了", "lines": [{"line_no": 1, "quantity": 1}]}, key=key())
    c.eq("double payment: refund requested", st, 201)
    st, done = s.call("POST", "/admin/v1/aftersales/%s/approve" % afs["id"], token=tok)
    c.eq("double payment: refund approved", (st, done.get("status")), (200, "refunded"))
    _, final = s.call("GET", "/admin/v1/orders/" + order["id"], token=tok)
    refunded = sorted((p["provider"], p["refunded"], p["amount"]) for p in final["payments"])
    c.eq("double payment: each payment refunded in full once",
         refunded, [("manual", pay["amount"], pay["amount"]), ("sandbox", pay["amount"], pay["amount"])])


def concurrent_idempotent_duplicates(s, c, tok, prod):
    """Twenty identical creates with one key at once: one thing is created
    and every answer is the first answer."""
    idem = key()
    sku = prod["skus"][0]["id"]
    _, cart = s.call("POST", "/store/v1/probe-a/carts", {}, key=key())
    s.call("PUT", "/store/v1/probe-a/carts/%s/lines/%s" % (cart["cart_token"], sku), {"quantity": 1})
    buyer = {"name": "赵雷", "phone": "13900002222", "region": "浙江", "address": "杭州市西湖区文三路 91 号"}
    body = {"cart_token": cart["cart_token"], "buyer": buyer}
    answers = in_parallel(lambda i: s.call("POST", "/store/v1/probe-a/checkout", body, key=idem), 20)
    c.eq("same key checkout: every answer 201", sorted(set(a[0] for a in answers)), [201])
    c.eq("same key checkout: one order", len(set(a[1].get("id") for a in answers)), 1)

    idem = key()
    product = {"title": "同键商品", "skus": [{"price": 100, "stock": 1}]}
    answers = in_parallel(lambda i: s.call("POST", "/admin/v1/products", product, token=tok, key=idem), 20)
    c.eq("same key product: every answer 201", sorted(set(a[0] for a in answers)), [201])
    c.eq("same key product: one product", len(set(a[1].get("id") for a in answers)), 1)
    for st, body in answers:
        text = json.dumps(body, ensure_ascii=False)
        c.true("same key product: no SQL in any answer", "INSERT" not in text and "idempotency_record" not in text)


def raw_get(s, path):
    """GET with the path sent byte for byte (urllib would re-quote it)."""
    req = urllib.request.Request(s.base + path, method="GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def error_bodies_are_utf8(s, c, tok):
    for path in ["/store/v1/%ff%fe", "/store/v1/%ff%fe/home", "/store/v1/probe-a/products/%ff%fe"]:
        st, raw = raw_get(s, path)
        try:
            body = json.loads(raw.decode("utf-8"))
            ok = "error" in body
        except (UnicodeDecodeError, ValueError):
            ok = False
        c.true("valid UTF-8 JSON for GET " + path, ok)
    for path in ["/admin/v1/products/%ff%fe", "/admin/v1/orders/%ff%fe", "/admin/v1/aftersales/%ff%fe"]:
        req = urllib.request.Request(s.base + path, method="GET", headers={"Authorization": "Bearer " + tok})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raw = e.read()
        try:
            json.loads(raw.decode("utf-8"))
            ok = True
        except (UnicodeDecodeError, ValueError):
            ok = False
        c.true("valid UTF-8 JSON for GET " + path, ok)


def staff_cannot_refund(s, c, tok, prod):
    """Refunds move money: the money permission (owner, admin, finance), not
    the staff role, approves a refund_only request."""
    st, _ = s.call("POST", "/admin/v1/staff", {"login": "clerk@probe-a", "name": "店员", "role": "staff",
                                               "password": "clerk's long passphrase"}, token=tok, key=key())
    c.eq("refund role: staff created", st, 201)
    st, clerk = s.call("POST", "/admin/v1/auth/login",
                       {"shop": "probe-a", "login": "clerk@probe-a", "password": "clerk's long passphrase"})
    c.eq("refund role: staff login", st, 200)
    st, order = checkout(s, "probe-a", prod["skus"][0]["id"])
    s.call("POST", "/admin/v1/orders/%s/confirm-payment" % order["id"],
           {"amount": order["totals"]["total"], "method": "transfer", "reference": "bank 43"}, token=tok)
    st, afs = s.call("POST", "/store/v1/probe-a/orders/%s/aftersales" % order["order_token"],
                     {"kind": "refund_only", "reason": "拍错了", "lines": [{"line_no": 1, "quantity": 1}]}, key=key())
    c.eq("refund role: refund requested", st, 201)
    c.error("refund role: staff may not approve a refund",
            s.call("POST", "/admin/v1/aftersales/%s/approve" % afs["id"], token=clerk["token"]),
            403, "identity.forbidden")
    st, done = s.call("POST", "/admin/v1/aftersales/%s/approve" % afs["id"], token=tok)
    c.eq("refund role: the owner may", (st, done.get("status")), (200, "refunded"))


def sandbox_gateway_can_be_disabled(c):
    """The stand-in gateway marks orders paid without credentials: it exists
    only while the sandbox provider is on, and --no-sandbox turns it off."""
    s = Server("--rate-limit", "0", "--no-sandbox")
    try:
        tok, prod = open_shop(s, c, "probe-b")
        st, order = checkout(s, "probe-b", prod["skus"][0]["id"])
        c.error("sandbox off: no completion route",
                s.call("POST", "/sandbox/v1/probe-b/payments/pay_1/complete"), 404, "request.no_route")
        c.error("sandbox off: no sandbox payments",
                s.call("POST", "/store/v1/probe-b/orders/%s/pay" % order["order_token"], {"provider": "sandbox"}),
                409, "payment.provider_disabled")
    finally:
        s.stop()


def main():
    if postgres_missing():
        print(NO_POSTGRES)
        return 0
    c = Checks()
    s = Server("--rate-limit", "0")
    try:
        tok, prod = open_shop(s, c, "probe-a")
        refund_after_double_payment(s, c, tok, prod)
        concurrent_idempotent_duplicates(s, c, tok, prod)
        error_bodies_are_utf8(s, c, tok)
        staff_cannot_refund(s, c, tok, prod)
        st, body = s.call("POST", "/sandbox/v1/probe-a/payments/pay_1/complete")
        c.eq("sandbox on by default: the completion route answers", (st, body["error"]["code"]),
             (404, "payment.not_found"))
    finally:
        s.stop()
    sandbox_gateway_can_be_disabled(c)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
