"""Creates the bench shop through the API of a running server and prints
shell assignments for scripts/bench: the shop, a product and three SKUs with
stock enough for any run. bench/checkout_store_bench.cc creates the same
product for the raw SQLite ceiling: change both together."""
import json
import sys
import urllib.request

base = sys.argv[1]


def call(method, path, body=None, token=None, key=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None,
                                 method=method, headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if key:
        req.add_header("Idempotency-Key", key)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


owner = call("POST", "/admin/v1/auth/signup",
             {"shop": "bench", "shop_name": "Bench", "login": "owner@bench", "password": "bench-seed-runner"},
             key="bench-signup")
tok = owner["token"]
product = call("POST", "/admin/v1/products", {
    "title": "湘味咸鸭 办公室零食", "subtitle": "洞庭湖麻鸭，古法腌制，开袋即食",
    "description": "产地直发，48 小时内发货。" * 20,
    "spec_options": [{"name": "规格", "values": ["3只装", "6只装", "礼盒"]}],
    "skus": [{"spec_values": [v], "price": p, "stock": 100000000}
             for v, p in (("3只装", 3900), ("6只装", 6900), ("礼盒", 16800))]}, token=tok, key="bench-product")
call("POST", "/admin/v1/products/%s/status" % product["id"], {"action": "publish"}, token=tok)
skus = [s["id"] for s in product["skus"]]
print("WRK_SHOP=bench PRODUCT=%s WRK_SKU1=%s WRK_SKU2=%s WRK_SKU3=%s" % (product["id"], *skus))
