// Saved segments (分群), under /admin/v1:
//   GET   /segments                     (each active one counted now, in the caller's scope)
//   POST  /segments  [Idempotency-Key]  {"name","expression"}
//   POST  /segments/preview             {"expression"}: the live count of an unsaved
//                                        expression and a few of its customers (the builder)
//   GET   /segments/{id}                PATCH /segments/{id}  (name, expression, status: archive)
//   GET   /segments/{id}/customers?limit=&after=
// Reading and previewing take Permission::kCustomers, and a staff member's
// counts and pages hold only the customers they own (workflows::ScopeOf);
// saving a segment, which every staff member then sees, takes
// kCustomersAdmin. Counts come from this node's SegmentIndex bitmaps.
#include "api/json/customer_json.h"
#include "api/json/tag_json.h"
#include "api/routes/support.h"
#include "api/routes/tag_routes.h"
#include "modules/tags/tags_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = tags::errors;

constexpr int kSampleSize = 5;

// The expression under "expression" (tags.invalid_expression and its kin).
Result<tags::Expr> ReadExpression(const json::object& body) {
  auto it = body.find("expression");
  if (it == body.end()) {
    return Fail(Invalid(errors::kInvalidExpression, "expression: required"));
  }
  return tags::ParseExpression(it->value());
}

json::object EncodeCounted(const identity::Principal& who, const workflows::CountedSegment& c) {
  return EncodeSegment(c.segment, c.customers, identity::SeesAllCustomers(who.role));
}

Reply List(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto list = workflows::ListSegmentsCounted(s.db, w, *who);
  if (!list) return ErrorResponse(list.error());
  json::array items;
  for (const auto& c : *list) items.push_back(EncodeCounted(*who, c));
  return Ok(json::object{{"items", std::move(items)}});
}

Reply Preview(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto e = ReadExpression(*body);
  if (!e) return ErrorResponse(e.error());
  auto page = workflows::CustomersWhere(s.db, w, *who, *e, std::nullopt, kSampleSize);
  if (!page) return ErrorResponse(page.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto sample = workflows::LoadTaggedCustomers(tx, s.modules, w, who->merchant_id, page->items);
    if (!sample) return Fail(sample.error());
    return json::object{{"count", page->count}, {"sample", EncodeTaggedCustomers(*sample)}};
  });
}

Reply Create(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string name = r.Str("name", {.max_len = 200});
  if (r.Error()) return ErrorResponse(*r.Error());
  auto e = ReadExpression(*body);
  if (!e) return ErrorResponse(e.error());
  // Counted (and its tags checked) before the write: the bitmaps are this
  // node's memory, not the unit's. The unit checks the tags again.
  auto count = workflows::CountSegment(s.db, w, who->merchant_id, *e);
  if (!count) return ErrorResponse(count.error());
  MerchantId m = who->merchant_id;
  tags::SegmentInput in{name, *e};
  std::int64_t n = static_cast<std::int64_t>(*count);
  return IdempotentWrite(s, req, m, "tags.segment.create",
                         [&w, m, in, n](Tx& tx) -> Result<json::value> {
                           if (auto ok = w.tags.CheckExpressionTags(tx, m, in.expression); !ok) {
                             return Fail(ok.error());
                           }
                           auto seg = w.tags.CreateSegment(tx, m, in, n);
                           if (!seg) return Fail(seg.error());
                           // Owner and admin (who save) see every customer: the
                           // count of all is theirs.
                           return EncodeSegment(*seg, static_cast<std::uint64_t>(n), true);
                         });
}

Reply Get(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<SegmentId>(req, "id", errors::kSegmentNotFound);
  if (!id) return ErrorResponse(id.error());
  auto c = workflows::GetSegmentCounted(s.db, w, *who, *id);
  if (!c) return ErrorResponse(c.error());
  return Ok(EncodeCounted(*who, *c));
}

Reply Update(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<SegmentId>(req, "id", errors::kSegmentNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  tags::SegmentUpdate u;
  u.name = r.OptStr("name", 200);
  if (auto st = r.OptStr("status", 20)) {
    u.status = FromText(tags::kStatusText, *st);
    if (!u.status) r.Reject("status", "must be active or archived");
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  std::optional<std::int64_t> count;
  if (body->contains("expression")) {
    auto e = ReadExpression(*body);
    if (!e) return ErrorResponse(e.error());
    auto n = workflows::CountSegment(s.db, w, who->merchant_id, *e);
    if (!n) return ErrorResponse(n.error());
    u.expression = std::move(*e);
    count = static_cast<std::int64_t>(*n);
  }
  MerchantId m = who->merchant_id;
  SegmentId seg = *id;
  return WriteThen<tags::Segment>(
      s,
      [&w, m, seg, u, count](Tx& tx) -> Result<tags::Segment> {
        if (u.expression) {
          if (auto ok = w.tags.CheckExpressionTags(tx, m, *u.expression); !ok) {
            return Fail(ok.error());
          }
        }
        return w.tags.UpdateSegment(tx, m, seg, u, count);
      },
      [](const tags::Segment& saved) -> json::value {
        // The answer carries the saved count; the list and GET count now.
        return EncodeSegment(saved, std::nullopt, true);
      });
}

Reply Customers(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<SegmentId>(req, "id", errors::kSegmentNotFound);
  if (!id) return ErrorResponse(id.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursorValue(page->after);
  if (!after) return ErrorResponse(after.error());
  std::optional<tags::Ordinal> before;
  if (*after != 0) before = static_cast<tags::Ordinal>(*after);
  auto found = workflows::SegmentCustomers(s.db, w, *who, *id, before, page->limit);
  if (!found) return ErrorResponse(found.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = workflows::LoadTaggedCustomers(tx, s.modules, w, who->merchant_id, found->items);
    if (!list) return Fail(list.error());
    json::object out{{"count", found->count}, {"items", EncodeTaggedCustomers(*list)}};
    out["next_cursor"] =
        found->next ? json::value(EncodeCursorValue(*found->next)) : json::value(nullptr);
    return out;
  });
}

}  // namespace

void AddSegmentRoutes(Router& r, Services& s, workflows::TagWiring& w) {
  r.Add(Method::kGet, "/admin/v1/segments", [&s, &w](HttpRequest& q) { return List(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/segments", [&s, &w](HttpRequest& q) { return Create(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/segments/preview",
        [&s, &w](HttpRequest& q) { return Preview(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/segments/{id}", [&s, &w](HttpRequest& q) { return Get(s, w, q); });
  r.Add(Method::kPatch, "/admin/v1/segments/{id}",
        [&s, &w](HttpRequest& q) { return Update(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/segments/{id}/customers",
        [&s, &w](HttpRequest& q) { return Customers(s, w, q); });
}

}  // namespace weishang::api
