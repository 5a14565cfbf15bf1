"""Webhooks end to end: a merchant registers a loopback endpoint, a buyer
orders and pays, and the endpoint receives the events signed, in order, once
each, with a retry after it failed once; the attempts are recorded and a
delivery can be replayed. A private address is refused before any connection."""
import hashlib
import hmac
import json
import sys
import time
import uuid

from harness import NO_POSTGRES, Checks, Receiver, Server, postgres_missing

SHOP = "hooks-a"


def key():
    return uuid.uuid4().hex


def signature_ok(secret, headers, body):
    parts = dict(p.split("=", 1) for p in headers.get("Weishang-Signature", "").split(","))
    want = hmac.new(secret.encode(), (parts.get("t", "") + ".").encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, parts.get("v1", "")) and abs(time.time() - int(parts["t"])) < 300


def open_shop(s, c):
    st, owner = s.call("POST", "/admin/v1/auth/signup",
                       {"shop": SHOP, "shop_name": "Hooks", "login": "owner@hooks", "password": "tangerine kite harbor"},
                       key=key())
    c.eq("signup", st, 201)
    tok = owner["token"]
    product = {"title": "陈皮", "skus": [{"price": 5900, "stock": 10}]}
    st, prod = s.call("POST", "/admin/v1/products", product, token=tok, key=key())
    s.call("POST", "/admin/v1/products/%s/status" % prod["id"], {"action": "publish"}, token=tok)
    return tok, prod["skus"][0]["id"]


def buy_and_pay(s, c, sku):
    body = {"lines": [{"sku_id": sku, "quantity": 1}],
            "buyer": {"name": "周敏", "phone": "13700001234", "region": "广东", "address": "新会区 1 号"}}
    st, order = s.call("POST", "/store/v1/%s/checkout" % SHOP, body, key=key())
    c.eq("checkout", st, 201)
    _, pay = s.call("POST", "/store/v1/%s/orders/%s/pay" % (SHOP, order["order_token"]), {"provider": "sandbox"})
    st, _ = s.call("POST", pay["gateway_url"])
    c.eq("paid through the sandbox gateway", st, 200)
    return order


def main():
    if postgres_missing():
        print(NO_POSTGRES)
        return 0
    c = Checks()
    rx = Receiver(fail_first=1)
    s = Server("--rate-limit", "0", "--job-interval-ms", "100", "--webhooks-allow-loopback",
               "--webhook-first-retry-ms", "300")
    try:
        tok, sku = open_shop(s, c)
        st, hook = s.call("POST", "/admin/v1/webhooks",
                          {"url": rx.url, "events": ["order.placed", "order.paid"], "description": "ERP"},
                          token=tok, key=key())
        c.eq("endpoint created", st, 201)
        c.true("endpoint has a secret", hook.get("secret", "").startswith("whsec_"))
        st, private = s.call("POST", "/admin/v1/webhooks",
                             {"url": "http://10.1.2.3/hook", "events": ["order.placed"]}, token=tok, key=key())
        c.eq("a private target can be saved (checked at each send)", st, 201)
        c.error("unknown kind", s.call("POST", "/admin/v1/webhooks", {"url": rx.url, "events": ["order.teleported"]},
                                       token=tok, key=key()), 422, "webhooks.unknown_kind")
        c.error("not http", s.call("POST", "/admin/v1/webhooks", {"url": "ftp://x.test/", "events": ["order.paid"]},
                                   token=tok, key=key()), 422, "webhooks.invalid_url")

        order = buy_and_pay(s, c, sku)
        c.true("three posts arrive (one failed and retried)", rx.wait_for(3))
        time.sleep(0.5)  # nothing more should come
        kinds = [h.get("Weishang-Event") for h, _ in rx.received]
        c.eq("order per endpoint: placed (failed), placed again, then paid", kinds,
             ["order.placed", "order.placed", "order.paid"])
        ids = [h.get("Weishang-Delivery") for h, _ in rx.received]
        c.eq("a retry carries the same delivery id", ids[0], ids[1])
        c.true("each event is a different delivery", ids[1] != ids[2])
        for headers, body in rx.received:
            c.true("signature verifies", signature_ok(hook["secret"], headers, body))
            doc = json.loads(body)
            c.eq("body names the order", doc["data"]["order_id"], order["id"])
            c.eq("data carries the order's lines", len(doc["data"]["order"]["lines"]), 1)
        c.true("a tampered body does not verify",
               not signature_ok(hook["secret"], rx.received[2][0], rx.received[2][1] + b" "))

        _, deliveries = s.call("GET", "/admin/v1/webhooks/%s/deliveries" % hook["id"], token=tok)
        by_event = {d["event"]: d for d in deliveries["items"]}
        placed = by_event["order.placed"]
        c.eq("placed delivered after two tries", (placed["status"], placed["attempts"], placed["last_status"]),
             ("delivered", 2, 200))
        _, detail = s.call("GET", "/admin/v1/webhook-deliveries/" + placed["id"], token=tok)
        c.eq("both attempts recorded with the answers",
             [(a["http_status"], a["response"]) for a in detail["attempts_made"]], [(500, "try later"), (200, "ok")])

        st, replayed = s.call("POST", "/admin/v1/webhook-deliveries/%s/replay" % placed["id"], token=tok)
        c.eq("replay accepted", (st, replayed.get("status")), (200, "pending"))
        c.true("the replay arrives", rx.wait_for(4))
        c.eq("the replay is the same delivery", rx.received[3][0].get("Weishang-Delivery"), ids[0])

        _, blocked = s.call("GET", "/admin/v1/webhooks/%s/deliveries" % private["id"], token=tok)
        errors = [d["last_error"] for d in blocked["items"]]
        c.true("the private target was refused before connecting",
               len(errors) == 1 and "private" in errors[0])
        st, _ = s.call("PATCH", "/admin/v1/webhooks/" + private["id"], {"status": "disabled"}, token=tok)
        c.eq("endpoint disabled", st, 200)
        _, metrics = s.call("GET", "/metrics")
        c.true("dispatcher metrics", 'weishang_events_lag{handler="webhooks"}' in metrics)
    finally:
        s.stop()
        rx.stop()
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
