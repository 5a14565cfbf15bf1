"""docs/openapi.yaml against the real binary: a walk through the whole API
(storefront, console, system routes) on `serve --demo`, made only through
the document's operations (contract.py), where every answer is checked
against what the document says of that operation and status: its status is
listed, its media type declared, its JSON body valid against the schema; each
request body the server accepted fits the request schema; each operation
requiring an Idempotency-Key refuses a request without one; GET /openapi.json
serves the YAML as the build reads it; and every operation is called with each
of its success (2xx) statuses, except those in NOT_CALLED with why.

Runs on SQLite and, as e2e_openapi_pg, on PostgreSQL. Needs Debian's
python3-jsonschema and python3-yaml (scripts/bootstrap)."""
import json
import re
import struct
import sys
import time
import uuid
import zlib

from contract import Contract, ContractChecks, load_document
from harness import NO_POSTGRES, Receiver, Server, postgres_missing, sign

# Operations the walk does not call, each with the reason. Empty: every
# operation is called with each of its success statuses.
NOT_CALLED = {
    "payPresaleBalance": "a balance opens after the order period, and the walk's pre-sale runs in"
                         " one instant (409 presale.balance_not_due is called); paying it is"
                         " covered by tests/modules/presale on both engines",
    "signInWithWechat": "no WeChat identity provider is configured in serve until the real"
                        " adapter lands (503 is called; the fake is tested in tests/api)",
}


def key():
    return uuid.uuid4().hex


def png(width=1, height=1, shade=0):
    """A valid PNG of one grey shade (different shades, different bytes)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------- the walk
BUYER = {"name": "李娜", "phone": "13800138001", "region": "湖南", "address": "长沙市岳麓区 8 号"}
SHOP = "demo"


def system(api, c):
    api.call("getHealth", 200)
    metrics = api.call("getMetrics", 200)
    c.true("metrics are Prometheus text", b"# TYPE" in metrics.raw)
    served = api.call("getOpenApi", 200)
    c.true("GET /openapi.json serves docs/openapi.yaml as this build reads it",
           served.body == api.doc)
    c.true("GET /openapi.json is cacheable", "max-age" in served.headers.get("Cache-Control", ""))


def web(api, c):
    """The front end's routes, when the build made one (make build does)."""
    home = api.call("getWebRoot", 302)
    c.eq("/ sends a browser to the console", home.headers.get("Location"), "/console/")
    page = api.call("getConsolePage", 200, path={"path...": "login"})
    c.true("the console's page carries a script policy",
           "script-src 'self'" in page.headers.get("Content-Security-Policy", ""))
    api.call("getConsolePage", 200, path={"path...": ""})
    api.call("getStorePage", 200, path={"shop": SHOP, "path...": ""})
    api.call("getStorePage", 200, path={"shop": SHOP, "path...": "cart"})
    scripts = re.findall(rb'src="/assets/([^"]+)"', page.raw)
    if c.true("the console's page names its script", bool(scripts)):
        asset = api.call("getWebAsset", 200, path={"file...": scripts[0].decode()})
        c.true("a built script is cached for a year", "immutable" in asset.headers.get("Cache-Control", ""))
    api.call("getWebAsset", 404, path={"file...": "no-such-file.js"})


def identity(api, c):
    """Sign-up, login, staff, passwords. Returns the demo owner's token."""
    bad = api.call("logIn", 401, body={"shop": SHOP, "login": "owner@demo.shop", "password": "wrong horse"})
    c.eq("wrong password code", bad.code(), "identity.invalid_credentials")
    c.eq("401 carries WWW-Authenticate", bad.headers.get("WWW-Authenticate"), "Bearer")
    owner = api.call("logIn", 200, body={"shop": SHOP, "login": "owner@demo.shop",
                                         "password": "weishang-demo"}).body["token"]
    api.call("getMe", 401)
    c.eq("me", api.call("getMe", 200, token=owner).body["role"], "owner")

    slug = "walk-" + uuid.uuid4().hex[:8]
    signup = {"shop": slug, "shop_name": "走一遍", "login": "owner@" + slug, "name": "店主",
              "password": "tangerine kite harbor"}
    k = key()
    first = api.call("signUp", 201, body=signup, key=k)
    again = api.call("signUp", 201, body=signup, key=k)
    c.eq("sign-up repeated with its key answers the first token", again.body["token"], first.body["token"])
    api.call("signUp", 409, body=dict(signup, shop_name="别的"), key=k)
    api.call("signUp", 409, body=signup, key=key())  # the slug is taken
    api.call("signUp", 422, body=dict(signup, shop="x"), key=key())

    api.call("listStaff", 200, token=owner)
    clerk_login = "clerk-%s@demo.shop" % uuid.uuid4().hex[:6]
    clerk = api.call("createStaff", 201, token=owner, key=key(),
                     body={"login": clerk_login, "name": "小王", "role": "staff", "password": "clerk till drawer"}).body
    api.call("updateStaff", 200, token=owner, path={"id": clerk["id"]}, body={"role": "finance"})
    api.call("updateStaff", 404, token=owner, path={"id": "stf_zzzzzz"}, body={"role": "staff"})
    clerk_token = api.call("logIn", 200, body={"shop": SHOP, "login": clerk_login,
                                               "password": "clerk till drawer"}).body["token"]
    denied = api.call("createCategory", 403, token=clerk_token, key=key(), body={"name": "不行"})
    c.eq("a finance member may not write the catalog", denied.code(), "identity.forbidden")
    api.call("changePassword", 422, token=clerk_token,
             body={"current_password": "not it at all", "new_password": "paper lantern river"})
    api.call("changePassword", 200, token=clerk_token,
             body={"current_password": "clerk till drawer", "new_password": "paper lantern river"})
    api.call("logOut", 200, token=clerk_token)
    api.call("getMe", 401, token=clerk_token)
    return owner


def shop_settings(api, c, owner):
    api.call("getShop", 200, token=owner)
    api.call("updateShop", 422, token=owner, body={"settings": {"payment_timeout_minutes": 1}})
    shop = api.call("updateShop", 200, token=owner,
                    body={"description": "湖南特产零食", "settings": {"postage_free_above": None}}).body
    c.eq("a null postage_free_above turns free postage off", shop["settings"]["postage_free_above"], None)
    shop = api.call("updateShop", 200, token=owner,
                    body={"settings": {"postage_flat_fee": 800, "postage_free_above": 9900}}).body
    c.eq("settings kept", (shop["settings"]["postage_flat_fee"], shop["settings"]["postage_free_above"]),
         (800, 9900))


def catalog(api, c, owner):
    """Categories, images, a product with two SKUs, home. Returns (product, category)."""
    api.call("listCategories", 200, token=owner)
    k = key()
    category = api.call("createCategory", 201, token=owner, key=k, body={"name": "新品", "sort_order": 5}).body
    c.eq("a repeated key answers the first category",
         api.call("createCategory", 201, token=owner, key=k, body={"name": "新品", "sort_order": 5}).body["id"],
         category["id"])
    c.eq("a reused key with another body",
         api.call("createCategory", 409, token=owner, key=k, body={"name": "别的"}).code(), "idempotency.key_reused")
    api.call("createCategory", 422, token=owner, key=key(), body={"name": 5})
    api.call("updateCategory", 200, token=owner, path={"id": category["id"]}, body={"name": "新品上架", "sort_order": 1})
    api.call("updateCategory", 404, token=owner, path={"id": "cat_zzzzzz"}, body={"name": "无"})

    picture = png(2, 2, shade=uuid.uuid4().int % 256)
    image = api.call("uploadImage", 201, token=owner, raw=picture, content_type="image/png").body
    c.eq("the same bytes again are the same image",
         api.call("uploadImage", 200, token=owner, raw=picture, content_type="image/png").body["id"], image["id"])
    detail = api.call("uploadImage", 201, token=owner, raw=png(3, 1, shade=7), content_type="image/png").body
    api.call("uploadImage", 422, token=owner, raw=b"not a picture", content_type="image/png")
    merchant, file = image["url"].split("/")[2:4]
    media = api.call("getMedia", 200, path={"merchant": merchant, "file": file})
    c.eq("the picture's bytes", media.raw, picture)
    api.call("getMedia", 404, path={"merchant": merchant, "file": "img_zzzz.png"})

    api.call("listProducts", 200, token=owner, query={"status": "on_sale", "limit": 3})
    api.call("listProducts", 422, token=owner, query={"limit": 0})
    body = {"title": "剁椒鱼头酱", "subtitle": "下饭神器", "description": "湖南味道",
            "category_id": category["id"], "main_image_id": image["id"], "detail_image_ids": [detail["id"]],
            "consumption_cycle_days": 30, "aftersales": {"exchange": True},
            "spec_options": [{"name": "规格", "values": ["200g", "400g"]}],
            "skus": [{"spec_values": ["200g"], "price": 1590, "list_price": 1990, "stock": 50,
                      "barcode": "69" + uuid.uuid4().hex[:11]},
                     {"spec_values": ["400g"], "price": 2790, "stock": 20}]}
    product = api.call("createProduct", 201, token=owner, key=key(), body=body).body
    api.call("createProduct", 422, token=owner, key=key(), body=dict(body, skus=[]))
    api.call("createProduct", 404, token=owner, key=key(), body=dict(body, category_id="cat_zzzzzz"))
    api.call("getProduct", 200, token=owner, path={"id": product["id"]})
    api.call("getProduct", 404, token=owner, path={"id": "prd_zzzzzz"})
    body["skus"][0]["price"] = 1490
    product = api.call("replaceProduct", 200, token=owner, path={"id": product["id"]}, body=body).body
    api.call("changeProductStatus", 422, token=owner, path={"id": product["id"]}, body={"action": "sell"})
    product = api.call("changeProductStatus", 200, token=owner, path={"id": product["id"]},
                       body={"action": "publish"}).body
    c.eq("published", product["status"], "on_sale")
    api.call("setSkuStock", 200, token=owner, path={"id": product["skus"][0]["id"]}, body={"stock": 80})
    api.call("setSkuStock", 422, token=owner, path={"id": product["skus"][0]["id"]}, body={"stock": -1})
    export = api.call("exportProducts", 200, token=owner, query={"status": "on_sale", "q": "剁椒"})
    c.true("the export starts with the UTF-8 byte order mark", export.raw.startswith(b"\xef\xbb\xbf"))
    rows = export.raw[3:].decode("utf-8").split("\r\n")
    c.eq("the export's header", rows[0].split(",")[:3], ["商品ID", "商品名称", "卖点"])
    mine = [r for r in rows if r.startswith(product["id"] + ",")]
    c.eq("one row per SKU of the product", len(mine), len(product["skus"]))
    c.true("prices in yuan: " + mine[0], ",14.90,19.90,80," in mine[0])
    english = api.call("exportProducts", 200, token=owner, query={"lang": "en", "category": category["id"]})
    c.true("English columns", english.raw[3:].startswith(b"product_id,title,"))
    api.call("exportProducts", 422, token=owner, query={"lang": "fr"})
    api.call("exportProducts", 401)
    home = api.call("getHome", 200, token=owner).body
    featured = [product["id"]] + [p["id"] for p in home["featured"] if p["id"] != product["id"]][:7]
    api.call("setHome", 200, token=owner, body={"product_ids": featured})
    api.call("setHome", 422, token=owner, body={"product_ids": [product["id"], product["id"]]})
    return product, category


def promotions(api, c, owner, product, category):
    api.call("listCoupons", 200, token=owner)
    code = "NEW5" + uuid.uuid4().hex[:4].upper()
    coupon = api.call("createCoupon", 201, token=owner, key=key(), body={
        "code": code, "name": "新客立减", "kind": "fixed", "amount_off": 500, "min_spend": 3000,
        "valid_from": "2024-01-01T00:00:00Z", "valid_until": "2099-01-01T00:00:00Z",
        "per_customer_limit": 5, "total_quantity": 100}).body
    api.call("createCoupon", 422, token=owner, key=key(), body={
        "code": "BAD", "kind": "fixed", "amount_off": 500,
        "valid_from": "2099-01-01T00:00:00Z", "valid_until": "2024-01-01T00:00:00Z"})
    api.call("listDiscounts", 200, token=owner)
    discount = api.call("createDiscount", 201, token=owner, key=key(), body={
        "sku_id": product["skus"][1]["id"], "name": "限时九折", "kind": "percent", "percent_bp": 9000,
        "starts_at": "2024-01-01", "ends_at": "2099-01-01T00:00:00Z"}).body
    api.call("createDiscount", 404, token=owner, key=key(), body={
        "sku_id": "sku_zzzzzz", "name": "无", "kind": "fixed_price", "fixed_price": 100,
        "starts_at": "2024-01-01", "ends_at": "2099-01-01"})
    api.call("listReductions", 200, token=owner)
    reduction = api.call("createReduction", 201, token=owner, key=key(), body={
        "name": "满99减10", "tiers": [{"threshold": 9900, "off": 1000}], "category_ids": [category["id"]],
        "starts_at": "2024-01-01T00:00:00Z", "ends_at": "2099-01-01T00:00:00Z"}).body
    return coupon, discount, reduction


def storefront(api, c, product, category, coupon):
    """Browsing, a cart, quotes and checkout. Returns the placed order."""
    api.call("getStoreShop", 200, path={"shop": SHOP})
    api.call("getStoreShop", 404, path={"shop": "no-such-shop"})
    api.call("getStoreHome", 200, path={"shop": SHOP})
    api.call("listStoreCategories", 200, path={"shop": SHOP})
    page = api.call("listStoreProducts", 200, path={"shop": SHOP}, query={"limit": 2}).body
    c.true("a full page has a cursor", page["next_cursor"])
    api.call("listStoreProducts", 200, path={"shop": SHOP}, query={"limit": 2, "after": page["next_cursor"]})
    api.call("listStoreProducts", 200, path={"shop": SHOP}, query={"category": category["id"], "q": "鱼头"})
    api.call("listStoreProducts", 422, path={"shop": SHOP}, query={"after": "nonsense"})
    # The console's writes dropped the cached storefront, so the product shows.
    detail = api.call("getStoreProduct", 200, path={"shop": SHOP, "id": product["id"]}).body
    c.eq("the buyer sees the SKUs", len(detail["skus"]), 2)
    api.call("getStoreProduct", 404, path={"shop": SHOP, "id": "prd_zzzzzz"})

    cart = api.call("createCart", 201, path={"shop": SHOP}, body={}, key=key()).body
    token = cart["cart_token"]
    empty = api.call("getCart", 200, path={"shop": SHOP, "token": token}).body
    c.true("an empty cart has no quote", "quote" not in empty)
    api.call("setCartLine", 200, path={"shop": SHOP, "token": token, "sku": product["skus"][0]["id"]},
             body={"quantity": 5})
    api.call("setCartLine", 200, path={"shop": SHOP, "token": token, "sku": product["skus"][1]["id"]},
             body={"quantity": 1})
    api.call("setCartLine", 422, path={"shop": SHOP, "token": token, "sku": product["skus"][0]["id"]},
             body={"quantity": 1000})
    api.call("setCartLine", 404, path={"shop": SHOP, "token": token, "sku": "sku_zzzzzz"}, body={"quantity": 1})
    full = api.call("getCart", 200, path={"shop": SHOP, "token": token}).body
    c.true("a cart with lines has a quote", "quote" in full)
    api.call("getCart", 404, path={"shop": SHOP, "token": "crt_1_" + "0" * 32})

    quote = api.call("quoteOrder", 200, path={"shop": SHOP},
                     body={"cart_token": token, "coupon_code": coupon["code"], "region": "湖南"}).body
    c.true("the quote uses the coupon, the discount and the reduction",
           quote["coupon_id"] == coupon["id"] and any(l["item_discount_id"] for l in quote["lines"])
           and quote["order_promotion_id"])
    api.call("quoteOrder", 200, path={"shop": SHOP},
             body={"lines": [{"sku_id": product["skus"][0]["id"], "quantity": 1}], "buyer": BUYER})
    api.call("quoteOrder", 404, path={"shop": SHOP}, body={"cart_token": token, "coupon_code": "NOSUCHCODE"})
    api.call("quoteOrder", 422, path={"shop": SHOP}, body={"region": "湖南"})
    offered = api.call("listQuoteCoupons", 200, path={"shop": SHOP},
                       body={"cart_token": token, "region": "湖南"}).body["items"]
    c.true("the coupon is offered, and applies to the cart",
           any(o["code"] == coupon["code"] and o["applicable"] for o in offered))
    api.call("listQuoteCoupons", 404, path={"shop": SHOP},
             body={"lines": [{"sku_id": "sku_zzzzzz", "quantity": 1}]})
    api.call("listQuoteCoupons", 422, path={"shop": SHOP}, body={"region": "湖南"})

    qr = api.call("getShareQr", 200, path={"shop": SHOP},
                  query={"path": "/products/" + product["id"], "size": 200})
    c.true("a share code is a PNG", qr.raw.startswith(b"\x89PNG\r\n\x1a\n"))
    c.true("a share code is cached", "max-age" in qr.headers.get("Cache-Control", ""))
    refused = api.call("getShareQr", 422, path={"shop": SHOP}, query={"path": "https://evil.example.com/"})
    c.eq("no code for a foreign link", refused.code(), "store.invalid_share_path")
    api.call("getShareQr", 404, path={"shop": "no-such-shop"})

    parsed = api.call("parseAddress", 200, path={"shop": SHOP},
                      body={"text": "张三 13800138000 深圳市南山区科技园路1号"}).body
    c.eq("a pasted address is split", (parsed["name"], parsed["province"], parsed["district"]),
         ("张三", "广东省", "南山区"))
    c.eq("an empty paste", api.call("parseAddress", 422, path={"shop": SHOP}, body={"text": " "}).code(),
         "address.empty")
    api.call("parseAddress", 413, path={"shop": SHOP}, body={"text": "字" * 2000})
    api.call("parseAddress", 404, path={"shop": "no-such-shop"}, body={"text": "深圳"})
    regions = api.call("getRegions", 200, path={"shop": SHOP})
    c.true("the region tree has every province", len(regions.body["regions"]) >= 31)
    api.call("getRegions", 304, path={"shop": SHOP},
             headers={"If-None-Match": regions.headers.get("ETag")})
    api.call("getRegions", 404, path={"shop": "no-such-shop"})

    api.call("checkout", 422, path={"shop": SHOP}, body={"cart_token": token})  # no key
    k = key()
    order = api.call("checkout", 201, path={"shop": SHOP}, key=k,
                     body={"cart_token": token, "coupon_code": coupon["code"], "buyer": BUYER}).body
    again = api.call("checkout", 201, path={"shop": SHOP}, key=k,
                     body={"cart_token": token, "coupon_code": coupon["code"], "buyer": BUYER}).body
    c.eq("a repeated checkout answers the first order", (again["id"], again["order_token"]),
         (order["id"], order["order_token"]))
    too_many = api.call("checkout", 409, path={"shop": SHOP}, key=key(),
                        body={"lines": [{"sku_id": product["skus"][1]["id"], "quantity": 999}], "buyer": BUYER})
    c.eq("more than the stock", too_many.code(), "inventory.insufficient_stock")
    parts = dict(BUYER, province="湖南省", city="长沙市", district="岳麓区", postal_code="410082",
                 address="麓山南路2号")
    del parts["region"]
    placed = api.call("checkout", 201, path={"shop": SHOP}, key=key(),
                      body={"lines": [{"sku_id": product["skus"][0]["id"], "quantity": 1}], "buyer": parts}).body
    c.eq("the address in parts is kept, and the region is the province",
         (placed["buyer"]["region"], placed["buyer"]["district"], placed["buyer"]["postal_code"]),
         ("湖南省", "岳麓区", "410082"))
    wrong = api.call("checkout", 422, path={"shop": SHOP}, key=key(),
                     body={"lines": [{"sku_id": product["skus"][0]["id"], "quantity": 1}],
                           "buyer": dict(parts, city="杭州市")})
    c.eq("a city of another province", wrong.code(), "address.not_a_region")
    return order


def place(api, sku, quantity=1):
    return api.call("checkout", 201, path={"shop": SHOP}, key=key(),
                    body={"lines": [{"sku_id": sku, "quantity": quantity}], "buyer": BUYER}).body


def payments(api, c, owner, order):
    mine = {"shop": SHOP, "token": order["order_token"]}
    api.call("getBuyerOrder", 200, path=mine)
    api.call("getBuyerOrder", 404, path={"shop": SHOP, "token": "otk_1_" + "0" * 32})
    api.call("startPayment", 422, path=mine, body={"provider": "wechat"})
    pay = api.call("startPayment", 200, path=mine, body={"provider": "sandbox"}).body
    pay_id = pay["gateway_url"].split("/")[5]
    declined = api.call("completeSandboxPayment", 409, path={"shop": SHOP, "id": pay_id},
                        body={"outcome": "declined"})
    c.eq("a declined payment", declined.code(), "payment.declined")
    c.eq("leaves the order waiting", api.call("getBuyerOrder", 200, path=mine).body["status"],
         "pending_payment")
    api.call("completeSandboxPayment", 422, path={"shop": SHOP, "id": pay_id}, body={"outcome": "maybe"})
    done = api.call("completeSandboxPayment", 200, path={"shop": SHOP, "id": pay_id}).body
    c.eq("paid through the sandbox gateway", done["payment"]["status"], "succeeded")
    api.call("completeSandboxPayment", 404, path={"shop": SHOP, "id": "pay_zzzzzz"})
    api.call("startPayment", 409, path=mine, body={})

    secret = api.call("getSandboxSecret", 200, token=owner).body["signing_secret"]
    callback = json.dumps({"payment_id": pay_id, "amount": pay["amount"], "status": "succeeded",
                           "ref": "wx-repeat"}).encode()
    repeat = api.call("sandboxCallback", 200, path={"shop": SHOP}, raw=callback,
                      headers={"X-Signature": sign(secret, callback)})
    api.call("sandboxCallback", 401, path={"shop": SHOP}, raw=callback, headers={"X-Signature": "0" * 64})
    c.true("a repeated callback changes nothing", repeat.body["payment"]["reference"] != "wx-repeat")


def fulfilment(api, c, owner, product):
    """A buyer's cancellation, the console's orders, a manual payment, a batch."""
    sku = product["skus"][0]["id"]
    gone = place(api, sku)
    api.call("cancelBuyerOrder", 200, path={"shop": SHOP, "token": gone["order_token"]})
    api.call("cancelBuyerOrder", 409, path={"shop": SHOP, "token": gone["order_token"]})
    api.call("receiveBuyerOrder", 409, path={"shop": SHOP, "token": gone["order_token"]})

    api.call("listOrders", 200, token=owner, query={"status": "paid", "limit": 5})
    api.call("listOrders", 200, token=owner, query={"from": "2020-01-01", "to": "2099-01-01", "phone": BUYER["phone"]})
    api.call("listOrders", 422, token=owner, query={"status": "lost"})
    api.call("getOrder", 404, token=owner, path={"id": "ord_zzzzzz"})

    manual = place(api, sku)
    api.call("confirmOrderPayment", 409, token=owner, path={"id": manual["id"]},
             body={"method": "transfer", "amount": manual["totals"]["total"] + 1})
    api.call("confirmOrderPayment", 422, token=owner, path={"id": manual["id"]},
             body={"method": "cash", "amount": manual["totals"]["total"]})
    api.call("confirmOrderPayment", 200, token=owner, path={"id": manual["id"]},
             body={"method": "red_envelope", "amount": manual["totals"]["total"], "reference": "红包 0612"})
    api.call("getOrder", 200, token=owner, path={"id": manual["id"]})
    csv = "order_id,carrier,tracking_no\n%s,顺丰速运,SF2000000001\nord_zzzz,顺丰速运,SF2000000002\n" % manual["id"]
    batch = api.call("shipOrderBatch", 200, token=owner, raw=csv.encode(), content_type="text/csv").body
    c.eq("one row shipped, one refused", (batch["shipped"], batch["failed"]), (1, 1))

    unpaid = place(api, sku)
    api.call("cancelOrder", 200, token=owner, path={"id": unpaid["id"]}, body={"reason": "缺货"})
    api.call("cancelOrder", 409, token=owner, path={"id": unpaid["id"]})
    api.call("getFinanceSummary", 200, token=owner, query={"from": "2020-01-01"})
    api.call("getFinanceSummary", 422, token=owner, query={"to": "yesterday"})
    reports(api, c, owner, manual)


def reports(api, c, owner, shipped):
    """The console's dashboard, the order export and the callback log."""
    board = api.call("getDashboard", 200, token=owner).body
    c.true("the dashboard counts today's paid orders", board["today_figures"]["orders"] >= 1)
    c.eq("the dashboard's 30 days end today", board["days"][-1]["date"], board["today"])
    csv = api.call("exportOrders", 200, token=owner, query={"status": "shipped", "lang": "zh-CN"})
    text = csv.raw.decode("utf-8")
    c.true("the export starts with a byte-order mark and its header", text.startswith("\ufeff订单号,"))
    c.true("the export lists the shipped order", shipped["id"] in text)
    c.true("the export names its file", "orders-" in csv.headers.get("Content-Disposition", ""))
    api.call("exportOrders", 200, token=owner, query={"from": "2020-01-01", "to": "2099-01-01",
                                                       "phone": BUYER["phone"], "lang": "en"})
    api.call("exportOrders", 422, token=owner, query={"status": "lost"})
    callbacks = api.call("listPaymentCallbacks", 200, token=owner, query={"limit": 5}).body
    c.true("the callback log lists the sandbox's callbacks",
           any(cb["provider"] == "sandbox" for cb in callbacks["items"]))
    api.call("listPaymentCallbacks", 422, token=owner, query={"after": "nonsense"})


def customer_imports(api, c, owner):
    """A friend list with a marketplace-style address cell: two rows arrive
    (one of them the walk's buyer, matched), one is reported; the job works
    through it while the walk polls."""
    csv = ("姓名,手机号,收货信息,性别\n"
           "导入甲,13700137011,广东省广州市天河区体育西路191号,女\n"
           ",,李娜 13800138001 湖南省长沙市岳麓区8号,\n"
           "导入乙,12345,,男\n").encode()
    started = api.call("importCustomers", 201, token=owner, key=key(), raw=csv,
                       content_type="text/csv", query={"file_name": "friends.csv"}).body
    c.true("recognised columns", started["recognised_columns"] == ["name", "phone", "address", "gender"])
    api.call("importCustomers", 422, token=owner, key=key(), raw="备注\nx\n".encode(),
             content_type="text/csv")
    done = started
    for _ in range(100):
        done = api.call("getCustomerImport", 200, token=owner, path={"id": started["id"]}).body
        if done["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    c.true("import done: two rows in, one reported %r" % done,
           (done["status"], done["created_rows"] + done["matched_rows"], done["failed_rows"]) == ("done", 2, 1))
    api.call("listCustomerImports", 200, token=owner, query={"limit": 5})
    errors = api.call("listCustomerImportErrors", 200, token=owner, path={"id": started["id"]}).body
    c.true("the bad row is row 4, its phone",
           [(e["row"], e["code"]) for e in errors["items"]] == [(4, "customers.invalid_phone")])
    report = api.call("downloadCustomerImportErrors", 200, token=owner, path={"id": started["id"]})
    c.true("the report has the reason column", "错误原因" in report.raw.decode("utf-8"))
    api.call("getCustomerImport", 404, token=owner, path={"id": "imp_zzzzzz"})


def customers(api, c, owner, product):
    """The buyer became a customer (the server's dispatcher did it); a second
    record of the same person is merged into it."""
    other_buyer = dict(BUYER, name="李娜的小号", phone="13900139009")
    api.call("checkout", 201, path={"shop": SHOP}, key=key(),
             body={"lines": [{"sku_id": product["skus"][0]["id"], "quantity": 1}],
                   "buyer": other_buyer})
    found = None
    for _ in range(100):
        page = api.call("listCustomers", 200, token=owner, query={"q": BUYER["phone"]}).body
        if page["items"] and page["items"][0]["orders_count"] >= 1:
            found = page["items"][0]
            break
        time.sleep(0.1)
    c.true("the paying buyer is a customer", found is not None)
    if found is None:
        return
    c.true("the list masks the phone", "****" in found["phone"])
    detail = api.call("getCustomer", 200, token=owner, path={"id": found["id"]}).body
    c.eq("the detail shows the phone", detail["phone"], BUYER["phone"])
    c.true("with the buyer's orders", len(detail["recent_orders"]) >= 1)
    api.call("listCustomers", 200, token=owner, query={"stage": "first_purchase", "limit": 5})
    api.call("listCustomers", 422, token=owner, query={"stage": "vip"})
    api.call("getCustomer", 404, token=owner, path={"id": "cus_zzzzzz"})
    api.call("mergeCustomer", 409, token=owner, path={"id": found["id"]},
             body={"other_id": found["id"]})
    other = None
    for _ in range(100):
        page = api.call("listCustomers", 200, token=owner, query={"q": other_buyer["phone"]}).body
        if page["items"]:
            other = page["items"][0]
            break
        time.sleep(0.1)
    c.true("the second buyer is a customer too", other is not None)
    if other is not None:
        kept = api.call("mergeCustomer", 200, token=owner, path={"id": found["id"]},
                        body={"other_id": other["id"]}).body
        c.eq("the merge keeps the first record", kept["id"], found["id"])
        moved = api.call("getCustomer", 200, token=owner, path={"id": other["id"]}).body
        c.eq("the merged id leads to the kept record", moved["id"], found["id"])
        c.eq("with both phones", sorted(i["value"] for i in moved["identities"]),
             sorted([BUYER["phone"], other_buyer["phone"]]))
    api.call("mergeCustomer", 404, token=owner, path={"id": found["id"]},
             body={"other_id": "cus_zzzzzz"})
    return found


def tags_segments(api, c, owner, customer):
    """A tag group and a manual tag given to the customer, a rule tag, the
    live preview, a saved segment and its customers, the customer list by tag
    and by segment, then archiving."""
    group = api.call("createTagGroup", 201, token=owner, key=key(),
                     body={"name": "客户价值", "choice": "multi"}).body
    api.call("listTagGroups", 200, token=owner)
    api.call("updateTagGroup", 200, token=owner, path={"id": group["id"]}, body={"sort_order": 1})
    api.call("updateTagGroup", 404, token=owner, path={"id": "tgg_zzzzzz"}, body={"name": "x"})
    vip = api.call("createTag", 201, token=owner, key=key(),
                   body={"group_id": group["id"], "name": "VIP", "color": "#F56C6C"}).body
    rule = api.call("createTag", 201, token=owner, key=key(),
                    body={"group_id": group["id"], "name": "消费满百", "kind": "rule",
                          "rule": {"kind": "spent_over", "amount": 10000}}).body
    c.true("a new rule tag is pending", rule["pending"])
    api.call("createTag", 422, token=owner, key=key(),
             body={"group_id": group["id"], "name": "坏", "kind": "rule"})
    api.call("updateTag", 200, token=owner, path={"id": rule["id"]},
             body={"rule": {"kind": "orders_at_least", "count": 2}})
    api.call("updateTag", 404, token=owner, path={"id": "tag_zzzzzz"}, body={"name": "x"})
    given = api.call("tagCustomers", 200, token=owner, path={"id": vip["id"]},
                     body={"add": [customer["id"]]}).body
    c.eq("the customer got the tag", given["added"], [customer["id"]])
    api.call("tagCustomers", 409, token=owner, path={"id": rule["id"]},
             body={"add": [customer["id"]]})
    api.call("tagCustomers", 422, token=owner, path={"id": vip["id"]}, body={"add": ["cus_zzzzzz"]})
    tags = api.call("listTags", 200, token=owner).body
    c.eq("the tag counts its customer",
         next(t["customers"] for t in tags["items"] if t["id"] == vip["id"]), 1)
    expression = {"and": [{"tag": vip["id"]}, {"attr": "orders_count", "op": "gte", "value": 1}]}
    preview = api.call("previewSegment", 200, token=owner, body={"expression": expression}).body
    c.eq("the preview counts the tagged buyer", preview["count"], 1)
    api.call("previewSegment", 422, token=owner, body={"expression": {"tag": "tag_zzzzzz"}})
    segment = api.call("createSegment", 201, token=owner, key=key(),
                       body={"name": "VIP 买家", "expression": expression}).body
    api.call("listSegments", 200, token=owner)
    c.eq("counted now", api.call("getSegment", 200, token=owner,
                                 path={"id": segment["id"]}).body["customers"], 1)
    api.call("getSegment", 404, token=owner, path={"id": "seg_zzzzzz"})
    members = api.call("listSegmentCustomers", 200, token=owner, path={"id": segment["id"]},
                       query={"limit": 5}).body
    c.eq("the segment's customer", [m["id"] for m in members["items"]], [customer["id"]])
    by_tag = api.call("listCustomers", 200, token=owner, query={"tag_id": vip["id"]}).body
    c.eq("the list by tag", [m["id"] for m in by_tag["items"]], [customer["id"]])
    api.call("listCustomers", 200, token=owner, query={"segment_id": segment["id"]})
    api.call("listCustomers", 404, token=owner, query={"segment_id": "seg_zzzzzz"})
    api.call("updateSegment", 200, token=owner, path={"id": segment["id"]},
             body={"status": "archived"})
    api.call("updateSegment", 404, token=owner, path={"id": "seg_zzzzzz"}, body={"name": "x"})
    api.call("listSegmentCustomers", 404, token=owner, path={"id": "seg_zzzzzz"})
    api.call("tagCustomers", 200, token=owner, path={"id": vip["id"]},
             body={"remove": [customer["id"]]})


def customer_account(api, c, owner):
    """The buyer signs in with a code read from the SMS sandbox, finds their
    guest order under "me", changes their profile and keeps an address book."""
    phone = BUYER["phone"]
    api.call("requestSignInCode", 200, path={"shop": SHOP}, body={"phone": phone})
    api.call("requestSignInCode", 429, path={"shop": SHOP}, body={"phone": phone})
    api.call("requestSignInCode", 422, path={"shop": SHOP}, body={"phone": "12345"})
    texts = api.call("listSandboxSms", 200, token=owner, query={"phone": phone, "limit": 1}).body
    code = re.search(r"[0-9]{6}", texts["items"][0]["text"]).group(0)
    api.call("signInWithCode", 422, path={"shop": SHOP},
             body={"phone": phone, "code": "000000" if code != "000000" else "111111"})
    signed = api.call("signInWithCode", 200, path={"shop": SHOP},
                      body={"phone": phone, "code": code}).body
    me = signed["token"]
    api.call("signInWithWechat", 503, path={"shop": SHOP}, body={"code": "x"})
    api.call("getMyProfile", 401, path={"shop": SHOP})
    c.eq("signed in as the buyer", api.call("getMyProfile", 200, path={"shop": SHOP}, token=me).body["phone"], phone)
    api.call("updateMyProfile", 200, path={"shop": SHOP}, token=me, body={"display_name": "娜娜", "gender": "female"})
    api.call("updateMyProfile", 422, path={"shop": SHOP}, token=me, body={"birthday": "2001-13-01"})
    orders = api.call("listMyOrders", 200, path={"shop": SHOP}, token=me, query={"limit": 5}).body
    c.true("the guest orders of the phone are theirs", len(orders["items"]) >= 1)
    address = {"name": "李娜", "phone": phone, "province": "湖南省", "city": "长沙市",
               "district": "岳麓区", "address": "麓山南路 1 号"}
    added = api.call("addMyAddress", 201, path={"shop": SHOP}, token=me, key=key(), body=address).body
    c.true("the first address is the default", added["is_default"])
    api.call("addMyAddress", 422, path={"shop": SHOP}, token=me, key=key(), body=dict(address, phone="1"))
    api.call("updateMyAddress", 200, path={"shop": SHOP, "id": added["id"]}, token=me,
             body=dict(address, address="芙蓉路 9 号"))
    api.call("listMyAddresses", 200, path={"shop": SHOP}, token=me)
    api.call("deleteMyAddress", 200, path={"shop": SHOP, "id": added["id"]}, token=me)
    api.call("deleteMyAddress", 404, path={"shop": SHOP, "id": added["id"]}, token=me)
    # Signing out ends a second session (another phone): the first stays live for
    # check_idempotency_keys, which repeats addMyAddress with its token.
    other = "13900139009"
    api.call("requestSignInCode", 200, path={"shop": SHOP}, body={"phone": other})
    texts = api.call("listSandboxSms", 200, token=owner, query={"phone": other, "limit": 1}).body
    second = api.call("signInWithCode", 200, path={"shop": SHOP},
                      body={"phone": other, "code": re.search(r"[0-9]{6}", texts["items"][0]["text"]).group(0)}).body
    api.call("signOutCustomer", 200, path={"shop": SHOP}, token=second["token"])
    api.call("listMyAddresses", 401, path={"shop": SHOP}, token=second["token"])


def aftersales(api, c, owner, order):
    """Ship the paid order, the buyer receives it, and four requests take the
    four ways: returned and refunded, exchanged, refused, withdrawn."""
    mine = {"shop": SHOP, "token": order["order_token"]}
    api.call("receiveBuyerOrder", 409, path=mine)  # not shipped yet
    api.call("shipOrder", 422, token=owner, path={"id": order["id"]}, body={"carrier": "顺丰速运"})
    api.call("shipOrder", 200, token=owner, path={"id": order["id"]},
             body={"carrier": "顺丰速运", "tracking_no": "SF1234567890"})
    api.call("shipOrder", 409, token=owner, path={"id": order["id"]},
             body={"carrier": "顺丰速运", "tracking_no": "SF1234567890"})
    api.call("receiveBuyerOrder", 200, path=mine)

    def ask(kind, quantity=1):
        return api.call("requestAftersales", 201, path=mine, key=key(),
                        body={"kind": kind, "reason": "不合口味", "note": "",
                              "lines": [{"line_no": 1, "quantity": quantity}]}).body

    def step(op_id, request, body=None, **kw):
        return api.call(op_id, 200, token=owner, path={"id": request["id"]}, body=body, **kw).body

    def back(request):
        return api.call("shipBackAftersales", 200, path=dict(mine, id=request["id"]),
                        body={"carrier": "中通", "tracking_no": "ZT7654321"}).body

    api.call("requestAftersales", 409, path=mine, key=key(),
             body={"kind": "no_reason_return", "reason": "太多了", "lines": [{"line_no": 1, "quantity": 99}]})
    api.call("requestAftersales", 422, path=mine, key=key(),
             body={"kind": "no_reason_return", "reason": "错行", "lines": [{"line_no": 9, "quantity": 1}]})

    returned = ask("no_reason_return")
    c.eq("approved", step("approveAftersales", returned)["status"], "approved")
    api.call("approveAftersales", 409, token=owner, path={"id": returned["id"]})
    c.eq("returning", back(returned)["status"], "returning")
    c.eq("refunded", step("receiveAftersalesReturn", returned)["status"], "refunded")

    exchanged = ask("exchange")
    step("approveAftersales", exchanged)
    back(exchanged)
    c.eq("received", step("receiveAftersalesReturn", exchanged)["status"], "received")
    done = step("shipAftersalesReplacement", exchanged, body={"carrier": "顺丰速运", "tracking_no": "SF3000000001"})
    c.eq("exchanged", done["status"], "exchanged")

    refused = ask("quality_return")
    api.call("refuseAftersales", 422, token=owner, path={"id": refused["id"]}, body={"reason": ""})
    c.eq("refused", step("refuseAftersales", refused, body={"reason": "已超出换货范围"})["status"], "refused")
    api.call("shipBackAftersales", 409, path=dict(mine, id=refused["id"]),
             body={"carrier": "中通", "tracking_no": "ZT7654321"})

    withdrawn = ask("refund_only")
    api.call("withdrawAftersales", 200, path=dict(mine, id=withdrawn["id"]))
    api.call("withdrawAftersales", 409, path=dict(mine, id=withdrawn["id"]))
    api.call("withdrawAftersales", 404, path=dict(mine, id="afs_zzzzzz"))

    api.call("listAftersales", 200, token=owner, query={"status": "refunded", "limit": 10})
    api.call("listAftersales", 422, token=owner, query={"status": "lost"})
    api.call("getAftersales", 200, token=owner, path={"id": returned["id"]})
    api.call("getAftersales", 404, token=owner, path={"id": "afs_zzzzzz"})
    page = api.call("getBuyerOrder", 200, path=mine).body
    c.eq("the buyer sees the four requests", len(page["aftersales"]), 4)
    api.call("getOrder", 200, token=owner, path={"id": order["id"]})


def webhooks_setup(api, c, owner, receiver):
    api.call("createWebhook", 422, token=owner, key=key(), body={"url": receiver.url, "events": ["order.teleported"]})
    hook = api.call("createWebhook", 201, token=owner, key=key(),
                    body={"url": receiver.url, "events": ["order.placed", "order.paid"], "description": "ERP"}).body
    api.call("listWebhooks", 200, token=owner)
    api.call("getWebhook", 200, token=owner, path={"id": hook["id"]})
    api.call("getWebhook", 404, token=owner, path={"id": "whk_zzzzzz"})
    api.call("updateWebhook", 200, token=owner, path={"id": hook["id"]},
             body={"description": "ERP 2", "status": "active", "events": ["order.placed", "order.paid"]})
    api.call("updateWebhook", 422, token=owner, path={"id": hook["id"]}, body={"status": "paused"})
    return hook


def webhooks_check(api, c, owner, hook, receiver):
    c.true("the endpoint hears of the orders", receiver.wait_for(2))
    deliveries = []
    deadline = time.time() + 15
    while time.time() < deadline:
        deliveries = api.call("listWebhookDeliveries", 200, token=owner, path={"id": hook["id"]},
                              query={"limit": 2}).body["items"]
        if deliveries and all(d["status"] == "delivered" for d in deliveries):
            break
        time.sleep(0.2)
    if not c.true("deliveries are listed", deliveries):
        return
    api.call("listWebhookDeliveries", 404, token=owner, path={"id": "whk_zzzzzz"})
    api.call("getWebhookDelivery", 200, token=owner, path={"id": deliveries[0]["id"]})
    api.call("getWebhookDelivery", 404, token=owner, path={"id": "whd_zzzzzz"})
    replayed = api.call("replayWebhookDelivery", 200, token=owner, path={"id": deliveries[0]["id"]}).body
    c.eq("a replay is pending again", replayed["status"], "pending")


def ownership(api, c, owner, product):
    """Custom fields, assignment within capacity, a handover between two
    members, the owner history and the audit log."""
    members = []
    for name in ("阿美", "阿斌"):
        login = "crm-%s@demo.shop" % uuid.uuid4().hex[:6]
        members.append(api.call("createStaff", 201, token=owner, key=key(),
                                body={"login": login, "name": name, "role": "staff",
                                      "password": "clerk till drawer"}).body)
    amy, ben = members
    api.call("getCustomerAssignment", 200, token=owner)
    rules = api.call("setCustomerAssignment", 200, token=owner,
                     body={"mode": "round_robin", "staff_ids": [amy["id"]], "channels": {}}).body
    c.eq("the pool is kept", rules["staff_ids"], [amy["id"]])
    api.call("setCustomerAssignment", 404, token=owner,
             body={"mode": "round_robin", "staff_ids": ["stf_zzzzzz"]})
    api.call("setCustomerAssignment", 422, token=owner, body={"mode": "random", "staff_ids": []})
    load = api.call("setStaffCapacity", 200, token=owner, path={"id": ben["id"]},
                    body={"capacity": 3000}).body
    c.eq("capacity set", load["capacity"], 3000)
    api.call("setStaffCapacity", 404, token=owner, path={"id": "stf_zzzzzz"}, body={"capacity": 10})
    api.call("setStaffCapacity", 422, token=owner, path={"id": ben["id"]}, body={"capacity": 0})
    buyer = dict(BUYER, name="王芳", phone="13700137123")
    api.call("checkout", 201, path={"shop": SHOP}, key=key(),
             body={"lines": [{"sku_id": product["skus"][0]["id"], "quantity": 1}], "buyer": buyer})
    found = None
    for _ in range(100):
        page = api.call("listCustomers", 200, token=owner, query={"q": buyer["phone"]}).body
        if page["items"]:
            found = page["items"][0]
            break
        time.sleep(0.1)
    if not c.true("the new buyer is a customer", found is not None):
        return
    c.eq("the rules gave them to the pool's member", found["owner_staff_id"], amy["id"])
    api.call("listCustomerFields", 200, token=owner)
    api.call("defineCustomerField", 200, token=owner,
             body={"key": "child_birth_date", "label": "宝宝生日", "type": "date"})
    api.call("defineCustomerField", 422, token=owner, body={"key": "Bad", "label": "x", "type": "date"})
    changed = api.call("setCustomerFields", 200, token=owner, path={"id": found["id"]},
                       body={"fields": {"child_birth_date": "2024-03-01"}}).body
    c.eq("the field is set", changed["fields"], {"child_birth_date": "2024-03-01"})
    api.call("setCustomerFields", 422, token=owner, path={"id": found["id"]},
             body={"fields": {"child_birth_date": "soon"}})
    api.call("setCustomerFields", 404, token=owner, path={"id": "cus_zzzzzz"}, body={"fields": {}})
    task = api.call("createCustomerTask", 201, token=owner, path={"id": found["id"]}, key=key(),
                    body={"title": "回访试用装", "due_at": "2026-01-02T02:00:00Z"}).body
    c.eq("the task is the owner's", task["owner_staff_id"], amy["id"])
    api.call("createCustomerTask", 422, token=owner, path={"id": found["id"]}, key=key(),
             body={"title": "", "due_at": "2026-01-02T02:00:00Z"})
    api.call("createCustomerTask", 404, token=owner, path={"id": "cus_zzzzzz"}, key=key(),
             body={"title": "x", "due_at": "2026-01-02T02:00:00Z"})
    api.call("logInteraction", 201, token=owner, path={"id": found["id"]}, key=key(),
             body={"kind": "chat", "summary": "问了奶粉段数，推荐 2 段"})
    api.call("logInteraction", 422, token=owner, path={"id": found["id"]}, key=key(),
             body={"kind": "fax", "summary": "x"})
    talks = api.call("listInteractions", 200, token=owner, path={"id": found["id"]}).body
    c.eq("the interaction is listed", talks["items"][0]["kind"], "chat")
    api.call("listInteractions", 404, token=owner, path={"id": "cus_zzzzzz"})
    timeline = api.call("getCustomerTimeline", 200, token=owner, path={"id": found["id"]}).body
    c.eq("the timeline has the order, the task, the interaction and the assignment",
         sorted({e["type"] for e in timeline["items"]}), ["interaction", "order", "owner", "task"])
    api.call("getCustomerTimeline", 404, token=owner, path={"id": "cus_zzzzzz"})
    moved = api.call("handOverCustomers", 201, token=owner, key=key(),
                     body={"from_staff_id": amy["id"], "kind": "transfer",
                           "to": [{"staff_id": ben["id"]}]}).body
    c.eq("the customer moved to the colleague", moved["moved"],
         [{"customer_id": found["id"], "staff_id": ben["id"]}])
    api.call("handOverCustomers", 404, token=owner, key=key(),
             body={"from_staff_id": amy["id"], "kind": "transfer", "to": [{"staff_id": "stf_zzzzzz"}]})
    api.call("handOverCustomers", 422, token=owner, key=key(),
             body={"from_staff_id": amy["id"], "kind": "transfer", "to": [{"staff_id": amy["id"]}]})
    c.eq("the open task went along", moved["tasks_moved"], 1)
    overdue = api.call("listTasks", 200, token=owner, query={"view": "overdue", "scope": "all"}).body
    c.true("the task is overdue in the inbox", any(t["id"] == task["id"] for t in overdue["items"]))
    c.eq("with its new owner", [t["owner_staff_id"] for t in overdue["items"] if t["id"] == task["id"]],
         [ben["id"]])
    api.call("listTasks", 200, token=owner, query={"view": "done", "limit": 5})
    api.call("listTasks", 422, token=owner, query={"view": "someday"})
    api.call("snoozeTask", 200, token=owner, path={"id": task["id"]}, body={"until": "2099-01-01T00:00:00Z"})
    api.call("snoozeTask", 422, token=owner, path={"id": task["id"]}, body={"until": "2001-01-01T00:00:00Z"})
    api.call("reassignTask", 200, token=owner, path={"id": task["id"]}, body={"staff_id": amy["id"]})
    api.call("reassignTask", 404, token=owner, path={"id": task["id"]}, body={"staff_id": "stf_zzzzzz"})
    done = api.call("completeTask", 200, token=owner, path={"id": task["id"]}).body
    c.eq("the task is done", done["status"], "done")
    api.call("completeTask", 409, token=owner, path={"id": task["id"]})
    api.call("completeTask", 404, token=owner, path={"id": "tsk_zzzzzz"})
    history = api.call("listCustomerOwners", 200, token=owner, path={"id": found["id"]}).body
    c.eq("the history shows the transfer, then the assignment",
         [h["reason"] for h in history["items"]], ["transferred", "assigned"])
    api.call("listCustomerOwners", 404, token=owner, path={"id": "cus_zzzzzz"})
    log = api.call("listAuditEntries", 200, token=owner, query={"action": "customer.handover"}).body
    c.eq("the handover is audited", log["items"][0]["detail"]["moved"], 1)
    api.call("listAuditEntries", 200, token=owner, query={"limit": 1})
    api.call("listAuditEntries", 422, token=owner, query={"action": "nonsense"})


def privacy(api, c, owner, product):
    """Personal data: a segment as CSV (masked and full phones), a customer's
    personal data, an erasure refused while their order is unpaid, done once
    it is cancelled and answered the same when repeated, and the audit log of
    all of them by action and date."""
    buyer = dict(BUYER, name="赵敏", phone="13700137456")
    placed = api.call("checkout", 201, path={"shop": SHOP}, key=key(),
                      body={"lines": [{"sku_id": product["skus"][0]["id"], "quantity": 1}],
                            "buyer": buyer}).body
    found = None
    for _ in range(100):
        page = api.call("listCustomers", 200, token=owner, query={"q": buyer["phone"]}).body
        if page["items"]:
            found = page["items"][0]
            break
        time.sleep(0.1)
    if not c.true("the buyer to erase is a customer", found is not None):
        return
    segment = api.call("createSegment", 201, token=owner, key=key(),
                       body={"name": "全部新客", "expression": {"attr": "stage", "op": "eq",
                                                             "value": "acquired"}}).body
    masked = api.call("exportSegment", 200, token=owner, path={"id": segment["id"]})
    text = masked.raw.decode("utf-8")
    c.true("the segment export starts with a byte-order mark and its header",
           text.startswith("\ufeff客户ID,姓名,"))
    c.true("phones are masked by default", "137****7456" in text and buyer["phone"] not in text)
    full = api.call("exportSegment", 200, token=owner, path={"id": segment["id"]},
                    query={"phones": "full", "lang": "en"})
    c.true("the owner may export full phones", buyer["phone"] in full.raw.decode("utf-8"))
    api.call("exportSegment", 404, token=owner, path={"id": "seg_zzzzzz"})
    api.call("exportSegment", 422, token=owner, path={"id": segment["id"]}, query={"phones": "some"})
    data = api.call("exportCustomerPersonalData", 200, token=owner, path={"id": found["id"]}).body
    c.eq("the personal data holds the phone", data["profile"]["phone"], buyer["phone"])
    c.eq("and the order", [o["id"] for o in data["orders"]], [placed["id"]])
    api.call("exportCustomerPersonalData", 404, token=owner, path={"id": "cus_zzzzzz"})
    api.call("eraseCustomer", 409, token=owner, path={"id": found["id"]})
    api.call("cancelOrder", 200, token=owner, path={"id": placed["id"]},
             body={"reason": "客户要求删除信息"})
    erased = api.call("eraseCustomer", 200, token=owner, path={"id": found["id"]}).body
    c.eq("the erasure removed the phone identity", erased["identities"], 1)
    c.eq("and cleared the order's contact", erased["orders"], 1)
    again = api.call("eraseCustomer", 200, token=owner, path={"id": found["id"]}).body
    c.eq("a repeat answers the same", again, erased)
    api.call("eraseCustomer", 404, token=owner, path={"id": "cus_zzzzzz"})
    order = api.call("getOrder", 200, token=owner, path={"id": placed["id"]}).body
    c.eq("the order keeps its total", order["totals"]["total"], placed["totals"]["total"])
    log = api.call("listAuditEntries", 200, token=owner,
                   query={"action": "customer.erase", "from": "2020-01-01", "to": "2099-12-31"}).body
    c.eq("the erasure is audited", [e["subject"] for e in log["items"]], [found["id"]])
    api.call("listAuditEntries", 422, token=owner, query={"from": "yesterday"})


def reminders(api, c, owner, product):
    """A consumption cycle on the walk's product (its buyers' supplies are
    recomputed), the repurchase report, and the care plans."""
    cycle = api.call("setRepurchaseCycle", 200, token=owner, path={"id": product["id"]},
                     body={"cycle_days": 30, "lead_days": 5}).body
    c.eq("the cycle is set", (cycle["cycle_days"], cycle["lead_days"]), (30, 5))
    api.call("setRepurchaseCycle", 422, token=owner, path={"id": product["id"]},
             body={"cycle_days": 10, "lead_days": 10})
    api.call("setRepurchaseCycle", 404, token=owner, path={"id": "prd_zzzzzz"}, body={"cycle_days": 30})
    cycles = api.call("listRepurchaseCycles", 200, token=owner).body
    c.true("the product is listed (beside the demo's consumables)",
           product["id"] in [x["product_id"] for x in cycles["items"]])
    report = api.call("getRepurchaseReport", 200, token=owner).body
    c.true("the report has the product", any(x["product_id"] == product["id"] for x in report["items"]))
    plans = api.call("listCarePlans", 200, token=owner).body
    c.eq("three plans", sorted(p["kind"] for p in plans["items"]), ["birthday", "delivery", "milestone"])
    saved = api.call("setCarePlan", 200, token=owner,
                     body={"kind": "milestone", "enabled": True, "days": 7,
                           "field_key": "child_birth_date", "milestones": [12, 36, 72]}).body
    c.eq("the plan is on", saved["enabled"], True)
    api.call("setCarePlan", 422, token=owner, body={"kind": "birthday", "enabled": True, "days": 99})
    removed = api.call("clearRepurchaseCycle", 200, token=owner, path={"id": product["id"]}).body
    c.eq("the cycle is removed", removed["removed"], True)
    api.call("clearRepurchaseCycle", 404, token=owner, path={"id": "prd_zzzzzz"})


def outreach(api, c, owner):
    """The contact policy (no quiet hours, so the walk runs at any hour), a
    signed-in customer in a segment of everyone, the composer's preview, a
    campaign the job sends (SMS on the sandbox page, a message in the
    customer's message centre), a block recorded against it, a scheduled
    campaign cancelled, and the customer's opt-out."""
    api.call("getOutreachPolicy", 200, token=owner)
    api.call("setOutreachPolicy", 422, token=owner,
             body={"gap_days": 99, "monthly_cap": 0, "quiet_start": 0, "quiet_end": 0})
    api.call("setOutreachPolicy", 200, token=owner,
             body={"gap_days": 3, "monthly_cap": 0, "quiet_start": 0, "quiet_end": 0})
    phone = "13900139077"
    api.call("requestSignInCode", 200, path={"shop": SHOP}, body={"phone": phone})
    texts = api.call("listSandboxSms", 200, token=owner, query={"phone": phone, "limit": 1}).body
    me = api.call("signInWithCode", 200, path={"shop": SHOP},
                  body={"phone": phone, "code": re.search(r"[0-9]{6}", texts["items"][0]["text"]).group(0)}).body
    segment = api.call("createSegment", 201, token=owner, key=key(),
                       body={"name": "全部客户（触达）",
                             "expression": {"attr": "spent_total", "op": "gte", "value": 0}}).body
    draft = {"title": "新品到店", "body": "剁椒鱼头酱上新，欢迎品尝", "segment_id": segment["id"],
             "kind": "service", "channels": ["message", "sms"]}
    preview = api.call("previewOutreach", 200, token=owner, body=draft).body
    c.true("the preview reaches someone", preview["reach"] >= 1)
    api.call("previewOutreach", 404, token=owner, body=dict(draft, segment_id="seg_zzzzzz"))
    api.call("previewOutreach", 422, token=owner, body=dict(draft, kind="spam"))
    made = api.call("createOutreachCampaign", 201, token=owner, key=key(), body=draft).body
    deadline = time.time() + 20
    while True:
        got = api.call("getOutreachCampaign", 200, token=owner, path={"id": made["id"]}).body
        if got["status"] == "sent" or time.time() > deadline:
            break
        time.sleep(0.1)
    c.eq("the job sent the campaign", got["status"], "sent")
    api.call("getOutreachCampaign", 404, token=owner, path={"id": "cmp_zzzzzz"})
    api.call("listOutreachCampaigns", 200, token=owner, query={"limit": 5})
    sms = api.call("listSandboxSms", 200, token=owner, query={"phone": phone, "limit": 1}).body
    c.true("the text is on the sandbox page", "剁椒鱼头酱上新" in sms["items"][0]["text"])
    reached = got["reached_sample"][0]["customer_id"]
    api.call("reportOutreachSpam", 201, token=owner, key=key(), path={"id": made["id"]},
             body={"customer_id": reached, "kind": "blocked"})
    api.call("reportOutreachSpam", 404, token=owner, key=key(), path={"id": "cmp_zzzzzz"},
             body={"customer_id": reached, "kind": "blocked"})
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400))
    scheduled = api.call("createOutreachCampaign", 201, token=owner, key=key(),
                         body=dict(draft, scheduled_at=later)).body
    api.call("cancelOutreachCampaign", 200, token=owner, path={"id": scheduled["id"]})
    api.call("cancelOutreachCampaign", 409, token=owner, path={"id": scheduled["id"]})
    inbox = api.call("listMyMessages", 200, path={"shop": SHOP}, token=me["token"]).body
    c.eq("one unread message", inbox["unread"], 1)
    api.call("listMyMessages", 401, path={"shop": SHOP})
    api.call("readMyMessage", 200, path={"shop": SHOP, "id": inbox["items"][0]["id"]}, token=me["token"])
    api.call("readMyMessage", 404, path={"shop": SHOP, "id": "msg_zzzzzz"}, token=me["token"])
    api.call("setMyMessageSettings", 200, path={"shop": SHOP}, token=me["token"],
             body={"promotions_opt_out": True})
    api.call("setMyMessageSettings", 422, path={"shop": SHOP}, token=me["token"], body={})


def wind_up(api, c, owner, coupon, discount, reduction):
    c.eq("archived", api.call("archiveCoupon", 200, token=owner, path={"id": coupon["id"]}).body["status"], "archived")
    api.call("archiveCoupon", 404, token=owner, path={"id": "cpn_zzzzzz"})
    c.eq("ended", api.call("endDiscount", 200, token=owner, path={"id": discount["id"]}).body["status"], "ended")
    c.eq("ended", api.call("endReduction", 200, token=owner, path={"id": reduction["id"]}).body["status"], "ended")
    api.call("endReduction", 404, token=owner, path={"id": "red_zzzzzz"})


def moments(api, c, owner, product):
    """Moments: a customer in a segment and a post shown only to that
    segment, a public post with seven pictures (the warning), the feed for
    the customer and for a guest, a like, a comment the merchant deletes, a
    tap through to the product, then withdrawal."""
    phone = "13900139021"
    api.call("requestSignInCode", 200, path={"shop": SHOP}, body={"phone": phone})
    texts = api.call("listSandboxSms", 200, token=owner, query={"phone": phone, "limit": 1}).body
    me = api.call("signInWithCode", 200, path={"shop": SHOP},
                  body={"phone": phone, "code": re.search(r"[0-9]{6}", texts["items"][0]["text"]).group(0)}).body["token"]
    customer = api.call("getMyProfile", 200, path={"shop": SHOP}, token=me).body
    group = api.call("createTagGroup", 201, token=owner, key=key(), body={"name": "朋友圈"}).body
    tag = api.call("createTag", 201, token=owner, key=key(), body={"group_id": group["id"], "name": "尝鲜"}).body
    api.call("tagCustomers", 200, token=owner, path={"id": tag["id"]}, body={"add": [customer["id"]]})
    segment = api.call("createSegment", 201, token=owner, key=key(),
                       body={"name": "尝鲜会员", "expression": {"tag": tag["id"]}}).body
    image = api.call("uploadImage", 201, token=owner, raw=png(4, 4, shade=uuid.uuid4().int % 256),
                     content_type="image/png").body
    shown = api.call("createMoment", 201, token=owner, key=key(), body={
        "text": "会员尝鲜价", "images": [image["id"]], "product_id": product["id"],
        "show_to": [segment["id"]]}).body
    c.eq("shown to one segment", shown["audience"]["show_to"], [segment["id"]])
    many = api.call("createMoment", 201, token=owner, key=key(),
                    body={"text": "九宫格", "images": [image["id"]] * 7}).body
    c.eq("seven pictures warn", [w["code"] for w in many["warnings"]], ["moments.many_images"])
    api.call("createMoment", 422, token=owner, key=key(), body={"images": []})
    api.call("createMoment", 404, token=owner, key=key(), body={"images": ["img_zzzzzz"]})
    feed = api.call("momentsFeed", 200, path={"shop": SHOP}, token=me).body
    c.true("the member sees the post shown to the segment", shown["id"] in [p["id"] for p in feed["items"]])
    guest = api.call("momentsFeed", 200, path={"shop": SHOP}, query={"limit": 5}).body
    c.true("a guest does not", shown["id"] not in [p["id"] for p in guest["items"]])
    api.call("likeMoment", 401, path={"shop": SHOP, "id": shown["id"]})
    c.eq("liked", api.call("likeMoment", 200, path={"shop": SHOP, "id": shown["id"]}, token=me).body["liked"], True)
    api.call("likeMoment", 404, path={"shop": SHOP, "id": "mmt_zzzzzz"}, token=me)
    comment = api.call("commentOnMoment", 201, path={"shop": SHOP, "id": shown["id"]}, token=me, key=key(),
                       body={"text": "好吃吗？"}).body
    api.call("commentOnMoment", 422, path={"shop": SHOP, "id": shown["id"]}, token=me, key=key(), body={"text": ""})
    c.eq("the tap opens the product",
         api.call("clickMoment", 200, path={"shop": SHOP, "id": shown["id"]}, token=me).body["product_id"], product["id"])
    api.call("clickMoment", 409, path={"shop": SHOP, "id": many["id"]})
    api.call("clickMoment", 404, path={"shop": SHOP, "id": shown["id"]})
    listed = api.call("listMoments", 200, token=owner, query={"limit": 5}).body
    counts = next(p["counts"] for p in listed["items"] if p["id"] == shown["id"])
    c.eq("the list counts", [counts["likes"], counts["comments"], counts["clicks"]], [1, 1, 1])
    api.call("getMoment", 200, token=owner, path={"id": shown["id"]})
    api.call("getMoment", 404, token=owner, path={"id": "mmt_zzzzzz"})
    api.call("listMomentComments", 200, token=owner, path={"id": shown["id"]})
    gone = api.call("deleteMomentComment", 200, token=owner,
                    path={"id": shown["id"], "comment_id": comment["id"]}).body
    c.true("deleted", gone["deleted"])
    api.call("deleteMomentComment", 404, token=owner, path={"id": shown["id"], "comment_id": "mmc_zzzzzz"})
    c.eq("withdrawn", api.call("withdrawMoment", 200, token=owner, path={"id": many["id"]}).body["state"], "withdrawn")
    api.call("withdrawMoment", 404, token=owner, path={"id": "mmt_zzzzzz"})


def attribution(api, c, owner, product):
    """Attribution: a campaign and a channel code with its QR (PNG and SVG),
    a scan redirected to the target, a customer's share link, visits through
    good and forged codes, a checkout from the device credited to the link,
    the figures, and the window."""
    campaign = api.call("createGrowthCampaign", 201, token=owner, key=key(),
                        body={"name": "宝妈群裂变", "spend": 20000}).body
    api.call("createGrowthCampaign", 422, token=owner, key=key(), body={"name": ""})
    c.eq("a campaign's spend", api.call("updateGrowthCampaign", 200, token=owner, path={"id": campaign["id"]},
                                        body={"spend": 25000}).body["spend"], 25000)
    api.call("updateGrowthCampaign", 404, token=owner, path={"id": "gcp_zzzzzz"}, body={"spend": 1})
    api.call("listGrowthCampaigns", 200, token=owner)
    card = api.call("createChannelCode", 201, token=owner, key=key(), body={
        "name": "包裹卡", "kind": "insert_card", "target_path": "/products/" + product["id"], "spend": 5000}).body
    api.call("createChannelCode", 422, token=owner, key=key(), body={"name": "x", "target_path": "https://evil.example/"})
    png_qr = api.call("getChannelCodeQr", 200, token=owner, path={"id": card["id"]}, query={"format": "png"})
    c.true("a channel QR is a PNG", png_qr.raw.startswith(b"\x89PNG\r\n\x1a\n"))
    svg_qr = api.call("getChannelCodeQr", 200, token=owner, path={"id": card["id"]}, query={"format": "svg"})
    c.true("and an SVG", svg_qr.raw.startswith(b"<svg"))
    api.call("getChannelCodeQr", 422, token=owner, path={"id": card["id"]}, query={"format": "gif"})
    api.call("getChannelCodeQr", 404, token=owner, path={"id": "chn_zzzzzz"})
    scan = api.call("scanChannelCode", 302, path={"shop": SHOP, "id": card["id"]})
    target = scan.headers.get("Location", "")
    c.true("a scan lands on the target", target.startswith("/s/%s/products/%s?r=" % (SHOP, product["id"])))
    device = "walk-" + uuid.uuid4().hex[:12]
    c.true("the scan's code credits the card", api.call("recordVisit", 200, path={"shop": SHOP}, body={
        "visitor": device, "code": target.split("?r=")[1], "path": "/products/" + product["id"]}).body["credited"])
    moved = api.call("updateChannelCode", 200, token=owner, path={"id": card["id"]}, body={"target_path": "/"}).body
    c.eq("the target moves", moved["target_path"], "/")
    api.call("updateChannelCode", 404, token=owner, path={"id": "chn_zzzzzz"}, body={"name": "x"})
    # A customer's link to pass on, and a friend's visit through a forged copy.
    phone = "13900139041"
    api.call("requestSignInCode", 200, path={"shop": SHOP}, body={"phone": phone})
    texts = api.call("listSandboxSms", 200, token=owner, query={"phone": phone, "limit": 1}).body
    me = api.call("signInWithCode", 200, path={"shop": SHOP}, body={
        "phone": phone, "code": re.search(r"[0-9]{6}", texts["items"][0]["text"]).group(0),
        "visitor": device}).body["token"]
    link = api.call("makeShareLink", 200, path={"shop": SHOP}, token=me,
                    body={"path": "/products/" + product["id"], "campaign_id": campaign["id"]}).body
    c.true("the link carries its code", link["url"].endswith("?r=" + link["code"]))
    api.call("makeShareLink", 404, path={"shop": SHOP}, body={"campaign_id": "gcp_zzzzzz"})
    forged = link["code"][:-1] + ("A" if link["code"][-1] != "A" else "B")
    friend = "walk-" + uuid.uuid4().hex[:12]
    c.eq("a forged code credits nobody", api.call("recordVisit", 200, path={"shop": SHOP}, body={
        "visitor": friend, "code": forged}).body["credited"], False)
    c.true("the real one does", api.call("recordVisit", 200, path={"shop": SHOP}, body={
        "visitor": friend, "code": link["code"]}).body["credited"])
    api.call("recordVisit", 422, path={"shop": SHOP}, body={"visitor": "x"})
    sku = product["skus"][0]["id"]
    api.call("checkout", 201, path={"shop": SHOP}, key=key(), body={
        "lines": [{"sku_id": sku, "quantity": 1}], "visitor": friend,
        "buyer": {"name": "朋友", "phone": "13900139042", "region": "湖南", "address": "长沙市岳麓区 1 号"}})
    channels = api.call("listChannelCodes", 200, token=owner).body
    mine = next(x for x in channels["items"] if x["id"] == card["id"])
    c.eq("one scan counted", mine["scans"], 1)
    c.eq("settings", api.call("getGrowthSettings", 200, token=owner).body["window_days"], 7)
    api.call("putGrowthSettings", 200, token=owner, body={"window_days": 7})
    api.call("putGrowthSettings", 422, token=owner, body={"window_days": 0})


def growth(api, c, owner):
    """Growth: the super-user ranking (both orders, a refused one) and a
    simulation answered twice alike, then refused past its limits."""
    ranked = api.call("listSuperUsers", 200, token=owner, query={"limit": 5}).body
    c.true("ranks are 1, 2, ...", [u["rank"] for u in ranked["items"]] == list(range(1, len(ranked["items"]) + 1)))
    api.call("listSuperUsers", 200, token=owner, query={"by": "revenue"})
    api.call("listSuperUsers", 422, token=owner, query={"by": "orders"})
    body = {"seeds": 30, "vouchers": 3, "redemption": 0.4, "conversion": 0.6, "days": 14,
            "budget_fen": 50000, "cost_per_redemption_fen": 500, "runs": 200, "seed": 42}
    first = api.call("simulateFission", 200, token=owner, body=body).body
    again = api.call("simulateFission", 200, token=owner, body=body).body
    c.eq("the same seed, the same projection", first, again)
    c.eq("fourteen days", len(first["days"]), 14)
    api.call("simulateFission", 422, token=owner, body={"redemption": 0.4, "conversion": 0.6, "runs": 10000, "days": 365})
    # The growth report: the channel code scanned above is in it; a reversed period is refused.
    report = api.call("getGrowthReport", 200, token=owner, query={"days": 30, "sort": "visits"}).body
    c.eq("thirty days", report["days"], 30)
    c.true("channel codes compared", isinstance(report["channels"], list))
    api.call("getGrowthReport", 200, token=owner, query={"from": "2026-01-01", "to": "2026-03-31"})
    api.call("getGrowthReport", 422, token=owner, query={"from": "2026-03-31", "to": "2026-01-01"})
    api.call("getGrowthReport", 422, token=owner, query={"sort": "color"})
    tree = api.call("getFissionTree", 200, token=owner, query={"limit": 10}).body
    c.true("at most 10 nodes", len(tree["nodes"]) <= 10)
    api.call("getFissionTree", 422, token=owner, query={"limit": 0})
    api.call("getMeasuredRates", 200, token=owner)

def sign_in_as(api, owner, phone):
    """A store customer's token: a code asked for `phone`, read from the sandbox SMS box. The
    walk signs in more customers than the per-address burst of code requests allows: past it,
    it waits for the next token of the bucket (one per 6 s)."""
    for _ in range(12):
        asked = api.call("requestSignInCode", None, path={"shop": SHOP}, body={"phone": phone})
        if asked.status != 429:
            break
        time.sleep(6.5)
    api.c.eq("a sign-in code for %s" % phone, asked.status, 200)
    texts = api.call("listSandboxSms", 200, token=owner, query={"phone": phone, "limit": 1}).body
    code = re.search(r"[0-9]{6}", texts["items"][0]["text"]).group(0)
    return api.call("signInWithCode", 200, path={"shop": SHOP},
                    body={"phone": phone, "code": code}).body["token"]


def pay_order(api, order, payer=None):
    """Pays `order` through the sandbox gateway, from `payer`'s account when given."""
    mine = {"shop": SHOP, "token": order["order_token"]}
    pay = api.call("startPayment", 200, path=mine, body={"provider": "sandbox"}).body
    api.call("completeSandboxPayment", 200, path={"shop": SHOP, "id": pay["gateway_url"].split("/")[5]},
             body={"payer": payer} if payer else None)


def group_buys(api, c, owner, product):
    """Group buys: a campaign of two, a leader opens a group and a second
    customer joins through its page; both pay; the group fills (the handler,
    within a dispatcher pass); a third cannot join; then the campaign ends."""
    def sign_in(phone):
        return sign_in_as(api, owner, phone)
    sku = product["skus"][0]
    campaign = api.call("createGroupbuyCampaign", 201, token=owner, key=key(), body={
        "product_id": product["id"], "title": "两人团", "group_size": 2, "window_hours": 24,
        "prices": [{"sku_id": sku["id"], "group_price": sku["price"] - 100}],
        "starts_at": "2020-01-01T00:00:00Z", "ends_at": "2099-01-01T00:00:00Z"}).body
    c.eq("the group price", campaign["prices"][0]["group_price"], sku["price"] - 100)
    api.call("createGroupbuyCampaign", 422, token=owner, key=key(), body=dict(
        product_id=product["id"], title="一人团", group_size=1, window_hours=24,
        prices=[{"sku_id": sku["id"], "group_price": 1}],
        starts_at="2020-01-01T00:00:00Z", ends_at="2099-01-01T00:00:00Z"))
    api.call("listGroupbuyCampaigns", 200, token=owner, query={"limit": 5})
    leader, member, late = sign_in("13900139031"), sign_in("13900139032"), sign_in("13900139033")
    buyer = dict(BUYER)
    api.call("openGroupbuyGroup", 401, path={"shop": SHOP, "id": campaign["id"]}, key=key(),
             body={"sku_id": sku["id"], "buyer": buyer})
    opened = api.call("openGroupbuyGroup", 201, path={"shop": SHOP, "id": campaign["id"]}, token=leader,
                      key=key(), body={"sku_id": sku["id"], "buyer": buyer}).body
    group = opened["group"]["id"]
    c.eq("the leader's order is at the group price", opened["order"]["lines"][0]["unit_price"],
         sku["price"] - 100)
    page = api.call("storeGroupbuyCampaign", 200, path={"shop": SHOP, "id": campaign["id"]}).body
    c.true("the open group is listed", group in [g["id"] for g in page["open_groups"]])
    api.call("storeGroupbuyCampaign", 404, path={"shop": SHOP, "id": "gbc_zzzzzz"})
    shown = api.call("storeGroupbuyGroup", 200, path={"shop": SHOP, "id": group}, token=member).body
    c.eq("one real member, one place left", (len(shown["members"]), shown["places_left"]), (1, 1))
    api.call("storeGroupbuyGroup", 404, path={"shop": SHOP, "id": "gbg_zzzzzz"})
    joined = api.call("joinGroupbuyGroup", 201, path={"shop": SHOP, "id": group}, token=member, key=key(),
                      body={"sku_id": sku["id"], "buyer": buyer}).body
    c.true("the joiner is a member", joined["group"]["viewer_is_member"])
    full = api.call("joinGroupbuyGroup", 409, path={"shop": SHOP, "id": group}, token=late, key=key(),
                    body={"sku_id": sku["id"], "buyer": buyer})
    c.eq("no third member in a group of two", full.code(), "groupbuy.group_full")
    for placed in (opened["order"], joined["order"]):
        pay_order(api, placed)
    state = None
    for _ in range(100):
        state = api.call("storeGroupbuyGroup", 200, path={"shop": SHOP, "id": group}).body["state"]
        if state == "filled":
            break
        time.sleep(0.1)
    c.eq("the group fills once both have paid", state, "filled")
    detail = api.call("getGroupbuyCampaign", 200, token=owner, path={"id": campaign["id"]}).body
    c.eq("the console sees both members paid",
         sorted(m["state"] for g in detail["groups"] if g["id"] == group for m in g["members"]), ["paid", "paid"])
    api.call("getGroupbuyCampaign", 404, token=owner, path={"id": "gbc_zzzzzz"})
    ended = api.call("endGroupbuyCampaign", 200, token=owner, path={"id": campaign["id"]}).body
    c.eq("ended", ended["state"], "ended")
    closed = api.call("openGroupbuyGroup", 409, path={"shop": SHOP, "id": campaign["id"]}, token=late,
                      key=key(), body={"sku_id": sku["id"], "buyer": buyer})
    c.eq("no group opens after the end", closed.code(), "groupbuy.campaign_not_live")
    api.call("endGroupbuyCampaign", 404, token=owner, path={"id": "gbc_zzzzzz"})

def presales_and_votes(api, c, owner, product):
    """Pre-sales and fan votes: a deposit pre-sale collecting interest and
    taking orders, one interest per customer, a deposit order whose balance is
    not due yet; a vote, one ballot per customer per candidate, the winner
    turned into a pre-sale in one step, then the vote closes."""
    def sign_in(phone):
        return sign_in_as(api, owner, phone)
    sku = product["skus"][0]
    times = {"interest_starts_at": "2020-01-01T00:00:00Z", "order_starts_at": "2020-01-02T00:00:00Z",
             "order_ends_at": "2099-01-01T00:00:00Z", "balance_starts_at": "2099-01-02T00:00:00Z",
             "balance_ends_at": "2099-01-03T00:00:00Z", "ship_at": "2099-01-04T00:00:00Z"}
    sale = api.call("createPresale", 201, token=owner, key=key(), body=dict(
        times, product_id=product["id"], title="新品预售", deposit=100, quantity=50,
        prices=[{"sku_id": sku["id"], "price": sku["price"]}])).body
    c.eq("taking orders", sale["phase"], "ordering")
    api.call("createPresale", 422, token=owner, key=key(), body=dict(
        times, product_id=product["id"], title="坏的", deposit=sku["price"],
        prices=[{"sku_id": sku["id"], "price": sku["price"]}]))
    api.call("listPresales", 200, token=owner, query={"limit": 5})
    fan, voter = sign_in("13900139051"), sign_in("13900139052")
    where = {"shop": SHOP, "id": sale["id"]}
    api.call("registerPresaleInterest", 401, path=where, body={"kind": "like"})
    liked = api.call("registerPresaleInterest", 200, path=where, token=fan, body={"kind": "like"}).body
    c.eq("interest counted", (liked["added"], liked["interest"]), (True, 1))
    again = api.call("registerPresaleInterest", 200, path=where, token=fan, body={"kind": "reservation"}).body
    c.eq("one interest per customer", (again["added"], again["interest"]), (False, 1))
    page = api.call("storePresale", 200, path=where, token=fan).body
    c.eq("the caller's interest", page["my_interest"], "like")
    api.call("storePresale", 404, path={"shop": SHOP, "id": "psl_zzzzzz"})
    placed = api.call("placePresaleOrder", 201, path=where, token=fan, key=key(), body={
        "sku_id": sku["id"], "payment": "deposit", "buyer": dict(BUYER)}).body
    c.eq("the deposit is the order", placed["order"]["lines"][0]["unit_price"], 100)
    not_due = api.call("payPresaleBalance", 409, path={"shop": SHOP, "id": placed["order"]["id"]},
                       token=fan, key=key())
    c.eq("no balance before the deposit is paid", not_due.code(), "presale.balance_not_due")
    detail = api.call("getPresale", 200, token=owner, path={"id": sale["id"]}).body
    c.eq("the recommendation reads the demo's settled pre-sale", (detail["recommendation"]["basis"],
                                                detail["recommendation"]["recommended"]), ("one_presale", 1))
    api.call("getPresale", 404, token=owner, path={"id": "psl_zzzzzz"})
    closed = api.call("closePresale", 200, token=owner, path={"id": sale["id"]}).body
    c.eq("closed", closed["phase"], "closed")
    api.call("closePresale", 404, token=owner, path={"id": "psl_zzzzzz"})

    vote = api.call("createVote", 201, token=owner, key=key(), body={
        "title": "下一款选哪个", "candidates": [
            {"title": "碎花款", "description": "雪纺", "image_urls": ["https://img.example/a.jpg"]},
            {"title": "条纹款", "image_urls": ["https://img.example/b.jpg"]}]}).body
    api.call("createVote", 422, token=owner, key=key(), body={
        "title": "一个候选", "candidates": [{"title": "独苗", "image_urls": ["https://img.example/c.jpg"]}]})
    api.call("listVotes", 200, token=owner, query={"limit": 5})
    floral = vote["candidates"][0]["id"]
    vwhere = {"shop": SHOP, "id": vote["id"]}
    api.call("castVoteBallot", 401, path=vwhere, body={"candidate_id": floral})
    cast = api.call("castVoteBallot", 200, path=vwhere, token=voter, body={"candidate_id": floral}).body
    c.eq("the vote counted", (cast["added"], cast["vote"]["candidates"][0]["votes"]), (True, 1))
    twice = api.call("castVoteBallot", 200, path=vwhere, token=voter, body={"candidate_id": floral}).body
    c.eq("one vote per customer per candidate", (twice["added"], twice["vote"]["total_votes"]), (False, 1))
    shown = api.call("storeVote", 200, path=vwhere, token=voter).body
    c.true("the caller's vote is marked", shown["candidates"][0]["voted"])
    api.call("storeVote", 404, path={"shop": SHOP, "id": "vot_zzzzzz"})
    api.call("getVote", 200, token=owner, path={"id": vote["id"]})
    api.call("getVote", 404, token=owner, path={"id": "vot_zzzzzz"})
    winners = {"winners": [{"candidate_id": floral, "price": 5900, "quantity": 20}],
               "interest_starts_at": "2020-01-01T00:00:00Z", "order_starts_at": "2098-01-01T00:00:00Z",
               "order_ends_at": "2098-02-01T00:00:00Z", "ship_at": "2098-03-01T00:00:00Z"}
    made = api.call("convertVoteWinners", 201, token=owner, key=key(), path={"id": vote["id"]}, body=winners).body
    c.eq("the voter credited", made["items"][0]["voters_credited"], 1)
    repeat = api.call("convertVoteWinners", 409, token=owner, key=key(), path={"id": vote["id"]}, body=winners)
    c.eq("a winner converts once", repeat.code(), "votes.already_converted")
    new_sale = api.call("storePresale", 200, path={"shop": SHOP, "id": made["items"][0]["presale_id"]}).body
    c.eq("the style is a pre-sale collecting interest", new_sale["phase"], "interest")
    api.call("closeVote", 200, token=owner, path={"id": vote["id"]})
    api.call("closeVote", 404, token=owner, path={"id": "vot_zzzzzz"})
    late = api.call("castVoteBallot", 409, path=vwhere, token=fan, body={"candidate_id": floral})
    c.eq("no votes once closed", late.code(), "votes.closed")


def share_vouchers(api, c, owner, product):
    """Share vouchers: a campaign; a seed buyer pays and receives three; the
    giver cannot claim their own; a friend opens one, claims it, orders at the
    trial price, pays and receives three in turn; a second friend pays from
    the first one's account (blocked and flagged), the flagged voucher is
    voided; the tree; the end."""
    sku = product["skus"][0]
    campaign = api.call("createVoucherCampaign", 201, token=owner, key=key(), body={
        "title": "体验券", "product_id": product["id"], "sku_id": sku["id"], "benefit": "trial_price",
        "value": 100, "budget": 10 * sku["price"], "starts_at": "2020-01-01T00:00:00Z",
        "ends_at": "2099-01-01T00:00:00Z"}).body
    c.eq("the trial price", (campaign["price"], campaign["per_buyer"]), (100, 3))
    api.call("createVoucherCampaign", 422, token=owner, key=key(), body={
        "title": "白送", "product_id": product["id"], "sku_id": sku["id"], "benefit": "trial_price",
        "value": sku["price"], "starts_at": "2020-01-01T00:00:00Z", "ends_at": "2099-01-01T00:00:00Z"})
    api.call("listVoucherCampaigns", 200, token=owner, query={"limit": 5})
    seed_phone, friend_phone, second_phone = "13900139051", "13900139052", "13900139053"
    seed, friend, second = (sign_in_as(api, owner, p) for p in (seed_phone, friend_phone, second_phone))
    bought = api.call("checkout", 201, path={"shop": SHOP}, key=key(), body={
        "lines": [{"sku_id": sku["id"], "quantity": 1}], "buyer": dict(BUYER, phone=seed_phone)}).body
    pay_order(api, bought)

    def mine(token, want):
        """The customer's vouchers of this campaign (the demo shop runs one of its own too)."""
        for _ in range(100):
            held = api.call("listMyVouchers", 200, path={"shop": SHOP}, token=token).body
            held["to_give"] = [v for v in held["to_give"] if v["campaign_id"] == campaign["id"]]
            if len(held["to_give"]) >= want:
                return held
            time.sleep(0.1)
        return held
    given = mine(seed, 3)["to_give"]
    c.eq("a paying buyer receives three vouchers", len(given), 3)
    api.call("listMyVouchers", 401, path={"shop": SHOP})
    first = {"shop": SHOP, "token": given[0]["token"]}
    page = api.call("getStoreVoucher", 200, path=first).body
    c.eq("a guest sees the giver and the trial price", (page["viewer"], page["price"]), ("guest", 100))
    api.call("getStoreVoucher", 404, path={"shop": SHOP, "token": "0" * 16})
    own = api.call("claimVoucher", 409, path=first, token=seed, body={})
    c.eq("not the giver's own", own.code(), "vouchers.own_voucher")
    api.call("claimVoucher", 401, path=first, body={})
    api.call("claimVoucher", 200, path=first, token=friend, body={"visitor": "walk-friend-device"})
    api.call("orderWithVoucher", 401, path=first, key=key(), body={"buyer": BUYER})
    placed = api.call("orderWithVoucher", 201, path=first, token=friend, key=key(), body={
        "visitor": "walk-friend-device", "buyer": dict(BUYER, phone=friend_phone, address="岳麓区 51 号")}).body
    c.eq("the friend's order is at the trial price", placed["order"]["lines"][0]["unit_price"], 100)
    pay_order(api, placed["order"], payer="wx-walk-friend")
    c.eq("the friend receives three in turn", len(mine(friend, 3)["to_give"]), 3)
    other = {"shop": SHOP, "token": given[1]["token"]}
    api.call("claimVoucher", 200, path=other, token=second, body={"visitor": "walk-second-device"})
    again = api.call("orderWithVoucher", 201, path=other, token=second, key=key(), body={
        "visitor": "walk-second-device", "buyer": dict(BUYER, phone=second_phone, address="岳麓区 53 号")}).body
    pay_order(api, again["order"], payer="wx-walk-friend")
    flags = []
    for _ in range(100):
        flags = [f for f in api.call("listVoucherFlags", 200, token=owner).body["items"]
                 if f["kind"] == "shared_payer"]
        if flags and len(flags[0]["vouchers"]) == 2:
            break
        time.sleep(0.1)
    c.eq("one payment account, two redemptions: flagged", [len(f["vouchers"]) for f in flags], [2])
    blocked = [v for v in flags[0]["vouchers"] if v["blocked"] == "payer"] if flags else []
    c.eq("the second is blocked", len(blocked), 1)
    if blocked:
        voided = api.call("voidVoucher", 200, token=owner, path={"id": blocked[0]["id"]},
                          body={"reason": "同一支付账号"}).body
        c.true("voided", voided["voucher"]["voided_at"] is not None)
    api.call("voidVoucher", 404, token=owner, path={"id": "vch_zzzzzz"})
    tree = api.call("getVoucherTree", 200, token=owner, path={"id": campaign["id"]}).body
    # Buyers whose earlier payments the handler reaches while the campaign runs are seeds too.
    c.eq("two friends in the first generation", [g["customers"] for g in tree["generations"]][1:2], [2])
    api.call("getVoucherTree", 404, token=owner, path={"id": "vcp_zzzzzz"})
    detail = api.call("getVoucherCampaign", 200, token=owner, path={"id": campaign["id"]}).body
    c.eq("two redeemed", detail["counts"]["redeemed"], 2)
    api.call("getVoucherCampaign", 404, token=owner, path={"id": "vcp_zzzzzz"})
    ended = api.call("endVoucherCampaign", 200, token=owner, path={"id": campaign["id"]}).body
    c.eq("ended", ended["state"], "ended")
    api.call("endVoucherCampaign", 404, token=owner, path={"id": "vcp_zzzzzz"})


def walk(api, c):
    system(api, c)
    web(api, c)
    owner = identity(api, c)
    shop_settings(api, c, owner)
    receiver = Receiver(fail_first=0)
    try:
        hook = webhooks_setup(api, c, owner, receiver)
        product, category = catalog(api, c, owner)
        coupon, discount, reduction = promotions(api, c, owner, product, category)
        order = storefront(api, c, product, category, coupon)
        payments(api, c, owner, order)
        customer = customers(api, c, owner, product)
        if customer is not None:
            tags_segments(api, c, owner, customer)
        customer_account(api, c, owner)
        ownership(api, c, owner, product)
        customer_imports(api, c, owner)
        privacy(api, c, owner, product)
        reminders(api, c, owner, product)
        outreach(api, c, owner)
        fulfilment(api, c, owner, product)
        aftersales(api, c, owner, order)
        webhooks_check(api, c, owner, hook, receiver)
        moments(api, c, owner, product)
        attribution(api, c, owner, product)
        growth(api, c, owner)
        group_buys(api, c, owner, product)
        share_vouchers(api, c, owner, product)
        presales_and_votes(api, c, owner, product)
    finally:
        receiver.stop()
    wind_up(api, c, owner, coupon, discount, reduction)
    api.call("advanceTestClock", 422, body={"advance_seconds": 0})
    moved = api.call("advanceTestClock", 200, body={"advance_seconds": 60}).body
    c.true("the test clock answers the time it moved to", moved["now"].endswith("Z"))
    api.check_idempotency_keys(NOT_CALLED)
    api.check_coverage(NOT_CALLED)


def main():
    if postgres_missing():
        print(NO_POSTGRES)
        return 0
    document = load_document()
    c = ContractChecks()
    s = Server("--rate-limit", "0", "--demo", "--job-interval-ms", "100", "--webhooks-allow-loopback",
               "--test-clock")
    try:
        walk(Contract(document, s.base, c), c)
    finally:
        s.stop()
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
