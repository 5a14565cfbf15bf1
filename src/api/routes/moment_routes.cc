// Moments: decode, call workflows/moments/moment_flows.h or the module, encode.
//   console (write: kPromotionWrite, the shop's marketing; read: kRead)
//     POST /admin/v1/moments                                        compose (warnings beside the
//     post) GET  /admin/v1/moments                                        every post with its
//     counters GET  /admin/v1/moments/{id} POST /admin/v1/moments/{id}/withdraw GET
//     /admin/v1/moments/{id}/comments                          deleted ones too POST
//     /admin/v1/moments/{id}/comments/{comment_id}/delete
//   store (a guest sees public posts; acting needs a wsc_ session, except a tap)
//     GET  /store/v1/{shop}/moments
//     POST /store/v1/{shop}/moments/{id}/like                       toggles
//     POST /store/v1/{shop}/moments/{id}/comments
//     POST /store/v1/{shop}/moments/{id}/click                      answers the product to open
#include "api/routes/moment_routes.h"

#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/support.h"
#include "modules/moments/moments_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = moments::errors;

json::array EncodeIds(const std::vector<SegmentId>& ids) {
  json::array out;
  for (SegmentId id : ids) out.push_back(json::value(EncodeId(id)));
  return out;
}

json::array EncodeImages(const moments::Post& p) {
  json::array out;
  for (const auto& i : p.images)
    out.push_back(json::object{{"id", EncodeId(i.id)}, {"url", i.url}});
  return out;
}

// scheduled until publish_at, published after, withdrawn when taken out.
const char* StateOf(const moments::Post& p, Timestamp now) {
  if (p.status == moments::PostStatus::kWithdrawn) return "withdrawn";
  return p.publish_at > now ? "scheduled" : "published";
}

json::object EncodeMoment(const moments::Post& p, Timestamp now) {
  return json::object{
      {"id", EncodeId(p.id)},
      {"text", p.text},
      {"images", EncodeImages(p)},
      {"product_id", p.product_id ? json::value(EncodeId(*p.product_id)) : json::value()},
      {"publish_at", TimeOrNull(p.publish_at)},
      {"state", StateOf(p, now)},
      {"audience", json::object{{"show_to", EncodeIds(p.audience.show_to)},
                                {"hide_from", EncodeIds(p.audience.hide_from)}}},
      {"counts", json::object{{"likes", p.counts.likes},
                              {"comments", p.counts.comments},
                              {"clicks", p.counts.clicks},
                              {"orders", p.counts.orders}}},
      {"author_staff_id", EncodeId(p.author)},
      {"created_at", TimeOrNull(p.created_at)}};
}

json::object EncodeComment(const moments::Comment& c, bool for_console) {
  json::object out{{"id", EncodeId(c.id)},
                   {"author_name", c.author_name},
                   {"text", c.text},
                   {"created_at", TimeOrNull(c.created_at)}};
  if (for_console) {
    out["customer_id"] = EncodeId(c.customer_id);
    out["deleted"] = c.deleted;
  }
  return out;
}

json::value EncodeWarning(const std::string& code) {
  // One warning so far; its message says why, for the composer.
  return json::object{
      {"code", code},
      {"message", "more than 6 pictures: WeChat lays them out poorly; 6 or fewer look best"}};
}

// A list of prefixed segment ids ("show_to", "hide_from"); the reader records a bad one.
std::vector<SegmentId> ReadSegments(JsonReader& r, std::string_view key) {
  std::vector<SegmentId> out;
  for (const auto& text : r.StrList(key, 100, 40)) {
    auto id = DecodeId<SegmentId>(text);
    if (!id) {
      r.Reject(key, "must hold segment ids (seg_…)");
      return {};
    }
    out.push_back(*id);
  }
  return out;
}

Reply Compose(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  workflows::ComposedMoment in;
  in.author = who->staff_id;
  in.text = r.Str("text", {.required = false, .max_len = 8000});
  for (const auto& text : r.StrList("images", 100, 40)) {
    auto id = DecodeId<ImageId>(text);
    if (!id) r.Reject("images", "must hold image ids (img_…) from POST /admin/v1/images");
    if (id) in.images.push_back(*id);
  }
  if (auto product = r.OptStr("product_id", 40)) {
    in.product_id = DecodeId<ProductId>(*product);
    if (!in.product_id) r.Reject("product_id", "must be a product id (prd_…)");
  }
  if (auto at = r.OptStr("publish_at", 40)) {
    Timestamp t = 0;
    if (ParseIso8601(*at, &t))
      in.publish_at = t;
    else
      r.Reject("publish_at", "must be an ISO-8601 time");
  }
  in.audience.show_to = ReadSegments(r, "show_to");
  in.audience.hide_from = ReadSegments(r, "hide_from");
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "moments.create",
                         [&s, &w, m, in](Tx& tx) -> Result<json::value> {
                           auto made = workflows::CreateMoment(tx, s.modules, w, m, in);
                           if (!made) return Fail(made.error());
                           json::object out = EncodeMoment(made->post, s.modules.clock.Now());
                           json::array warnings;
                           for (const auto& c : made->warnings)
                             warnings.push_back(EncodeWarning(c));
                           out["warnings"] = std::move(warnings);
                           return out;
                         });
}

Reply List(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<MomentId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.posts.List(tx, who->merchant_id, *after, page->limit);
    if (!list) return Fail(list.error());
    Timestamp now = s.modules.clock.Now();
    json::array items;
    for (const auto& p : *list) items.push_back(EncodeMoment(p, now));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value()}};
  });
}

Reply Get(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<MomentId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto p = w.posts.Get(tx, who->merchant_id, *id);
    if (!p) return Fail(p.error());
    return EncodeMoment(*p, s.modules.clock.Now());
  });
}

Reply Withdraw(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  return RecordStep<moments::Post, MomentId>(
      s, req, Permission::kPromotionWrite, errors::kNotFound,
      [&w](const identity::Principal& who, MomentId id, JsonReader&) -> RecordUnit<moments::Post> {
        MerchantId m = who.merchant_id;
        return [&w, m, id](Tx& tx) { return w.posts.Withdraw(tx, m, id); };
      },
      [&s](const moments::Post& p) -> json::value {
        return EncodeMoment(p, s.modules.clock.Now());
      });
}

Reply ListComments(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<MomentId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    if (auto p = w.posts.Get(tx, who->merchant_id, *id); !p) return Fail(p.error());
    auto list = w.posts.Comments(tx, who->merchant_id, *id, page->limit, true);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& c : *list) items.push_back(EncodeComment(c, true));
    return json::object{{"items", std::move(items)}};
  });
}

Reply DeleteComment(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<MomentId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto comment = PathId<MomentCommentId>(req, "comment_id", errors::kCommentNotFound);
  if (!comment) return ErrorResponse(comment.error());
  MerchantId m = who->merchant_id;
  StaffId by = who->staff_id;
  MomentId post = *id;
  MomentCommentId c = *comment;
  return WriteThen<moments::Comment>(
      s, [&w, m, post, c, by](Tx& tx) { return w.posts.DeleteComment(tx, m, post, c, by); },
      [](const moments::Comment& out) -> json::value { return EncodeComment(out, true); });
}

// --- store ---

json::value EncodeFeedProduct(const std::optional<catalog::Product>& p) {
  if (!p) return json::value();
  Fen price = 0;
  for (const auto& sku : p->skus) {
    if (sku.status == catalog::SkuStatus::kOnSale && (price == 0 || sku.price < price)) {
      price = sku.price;
    }
  }
  return json::object{
      {"id", EncodeId(p->id)},
      {"title", p->title},
      {"price", price},
      {"image_url", p->main_image ? json::value(p->main_image->url) : json::value()}};
}

json::object EncodeFeedItem(const workflows::FeedItem& item) {
  json::array comments;
  for (const auto& c : item.comments) comments.push_back(EncodeComment(c, false));
  const auto& p = item.post;
  return json::object{{"id", EncodeId(p.id)},
                      {"text", p.text},
                      {"images", EncodeImages(p)},
                      {"publish_at", TimeOrNull(p.publish_at)},
                      {"product", EncodeFeedProduct(item.product)},
                      {"likes", p.counts.likes},
                      {"liked", item.liked},
                      {"comment_count", p.counts.comments},
                      {"comments", std::move(comments)}};
}

Reply Feed(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<MomentId>(page->after);
  if (!after) return ErrorResponse(after.error());
  std::optional<customers::Customer> viewer;
  if (*me) viewer = (*me)->customer;
  auto feed = workflows::LoadFeed(s.db, s.modules, w, *shop, viewer, *after, page->limit);
  if (!feed) return ErrorResponse(feed.error());
  json::array items;
  for (const auto& item : *feed) items.push_back(EncodeFeedItem(item));
  bool full = static_cast<int>(feed->size()) == page->limit;
  return Ok(json::object{
      {"items", std::move(items)},
      {"next_cursor", full ? json::value(EncodeCursor(feed->back().post.id)) : json::value()}});
}

// The signed-in (or, for a tap, perhaps guest) viewer of a post the route acts on.
struct Viewer {
  MerchantId shop;
  MomentId post;
  std::optional<customers::Customer> customer;
  std::optional<moments::Membership> membership;
};

Result<Viewer> ViewerOf(Services& s, workflows::MomentsWiring& w, const HttpRequest& req,
                        bool required) {
  auto shop = ResolveShop(s, req);
  if (!shop) return Fail(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return Fail(me.error());
  if (!*me && required) {
    auto must = RequireCustomer(s, req, *shop);  // accounts.unauthenticated
    if (!must) return Fail(must.error());
  }
  auto post = PathId<MomentId>(req, "id", errors::kNotFound);
  if (!post) return Fail(post.error());
  Viewer v{*shop, *post, std::nullopt, std::nullopt};
  if (*me) {
    v.customer = (*me)->customer;
    auto membership = workflows::MembershipOf(s.db, w, *shop, *v.customer);
    if (!membership) return Fail(membership.error());
    v.membership = std::move(*membership);
  }
  return v;
}

Reply Like(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto v = ViewerOf(s, w, req, true);
  if (!v) return ErrorResponse(v.error());
  return WriteThen<moments::LikeState>(
      s,
      [&w, v = *v](Tx& tx) -> Result<moments::LikeState> {
        auto p = workflows::VisiblePost(tx, w, v.shop, v.post, v.membership);
        if (!p) return Fail(p.error());
        return w.posts.ToggleLike(tx, v.shop, v.post, v.customer->id);
      },
      [](const moments::LikeState& l) -> json::value {
        return json::object{{"liked", l.liked}, {"likes", l.likes}};
      });
}

Reply Comment(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto v = ViewerOf(s, w, req, true);
  if (!v) return ErrorResponse(v.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string text = r.Str("text", {.max_len = 2000});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  // Scoped by customer: two customers may use the same key.
  return IdempotentWrite(s, req, v->shop, "store.moments.comment." + EncodeId(v->customer->id),
                         [&w, v = *v, text](Tx& tx) -> Result<json::value> {
                           auto p = workflows::VisiblePost(tx, w, v.shop, v.post, v.membership);
                           if (!p) return Fail(p.error());
                           auto c =
                               w.posts.AddComment(tx, v.shop, v.post, v.customer->id,
                                                  workflows::CommentAuthorName(*v.customer), text);
                           if (!c) return Fail(c.error());
                           return EncodeComment(*c, false);
                         });
}

Reply Click(Services& s, workflows::MomentsWiring& w, HttpRequest& req) {
  auto v = ViewerOf(s, w, req, false);
  if (!v) return ErrorResponse(v.error());
  return WriteThen<ProductId>(
      s,
      [&w, v = *v](Tx& tx) -> Result<ProductId> {
        auto p = workflows::VisiblePost(tx, w, v.shop, v.post, v.membership);
        if (!p) return Fail(p.error());
        std::optional<CustomerId> who;
        if (v.customer) who = v.customer->id;
        return w.posts.RecordClick(tx, v.shop, v.post, who);
      },
      [](const ProductId& p) -> json::value {
        return json::object{{"product_id", EncodeId(p)}};
      });
}

}  // namespace

void AddMomentRoutes(Router& r, Services& s, workflows::MomentsWiring& w) {
  auto add = [&](Method m, const char* pattern,
                 Reply (*fn)(Services&, workflows::MomentsWiring&, HttpRequest&)) {
    r.Add(m, pattern, [&s, &w, fn](HttpRequest& q) { return fn(s, w, q); });
  };
  add(Method::kPost, "/admin/v1/moments", Compose);
  add(Method::kGet, "/admin/v1/moments", List);
  add(Method::kGet, "/admin/v1/moments/{id}", Get);
  add(Method::kPost, "/admin/v1/moments/{id}/withdraw", Withdraw);
  add(Method::kGet, "/admin/v1/moments/{id}/comments", ListComments);
  add(Method::kPost, "/admin/v1/moments/{id}/comments/{comment_id}/delete", DeleteComment);
  add(Method::kGet, "/store/v1/{shop}/moments", Feed);
  add(Method::kPost, "/store/v1/{shop}/moments/{id}/like", Like);
  add(Method::kPost, "/store/v1/{shop}/moments/{id}/comments", Comment);
  add(Method::kPost, "/store/v1/{shop}/moments/{id}/click", Click);
}

}  // namespace weishang::api
