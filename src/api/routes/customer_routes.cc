// Console routes of customers: the list, one customer, and merging two
// records that are one person. A staff member sees only the customers they
// own; owner and admin see all (identity::SeesAllCustomers). The list
// filtered by tag_id or segment_id is answered from the SegmentIndex
// bitmaps (newest first, paged by ordinal); list items and the profile carry
// the customer's tags. Installed by the tags module (cli/registry.cc).
#include "api/json/customer_json.h"
#include "api/json/tag_json.h"
#include "api/routes/support.h"
#include "api/routes/tag_routes.h"
#include "modules/customers/customers_errors.h"
#include "modules/tags/tags_errors.h"
#include "workflows/customers/customer_views.h"
#include "workflows/customers/ownership_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;

constexpr std::size_t kMaxQuery = 64;

Result<customers::ListFilter> DecodeFilter(const HttpRequest& req, const identity::Principal& who) {
  auto page = ParsePage(req);
  if (!page) return Fail(page.error());
  customers::ListFilter f;
  f.limit = page->limit;
  auto after = DecodeCursor<CustomerId>(page->after);
  if (!after) return Fail(after.error());
  f.after = *after;
  f.query = req.QueryParam("q").substr(0, kMaxQuery);
  std::string stage = req.QueryParam("stage");
  if (!stage.empty()) {
    f.stage = FromText(customers::kStageText, stage);
    if (!f.stage) {
      return Fail(Invalid(customers::errors::kInvalidField, "unknown stage '" + stage + "'"));
    }
  }
  f.owner = identity::OwnedCustomersOnly(who);
  return f;
}

// ?tag_id= and ?segment_id= (with ?stage=) as one expression for the
// bitmaps; nullopt when neither is given. An unknown tag is
// tags.unknown_tag (422), an unknown segment tags.segment_not_found.
Result<std::optional<tags::Expr>> DecodeTagFilter(Services& s, workflows::TagWiring& w,
                                                  const HttpRequest& req,
                                                  const identity::Principal& who) {
  std::string tag = req.QueryParam("tag_id"), segment = req.QueryParam("segment_id");
  if (tag.empty() && segment.empty()) return std::optional<tags::Expr>();
  if (!req.QueryParam("q").empty()) {
    return Fail(Invalid(customers::errors::kInvalidField,
                        "q cannot be combined with tag_id or segment_id"));
  }
  tags::Expr all;  // kAnd
  if (!tag.empty()) {
    auto id = DecodeId<TagId>(tag);
    if (!id) return Fail(Invalid(tags::errors::kUnknownTag, "no such tag " + tag));
    tags::Expr e;
    e.kind = tags::Expr::Kind::kTag;
    e.tag = *id;
    all.children.push_back(std::move(e));
  }
  if (!segment.empty()) {
    auto id = DecodeId<SegmentId>(segment);
    if (!id) return Fail(NotFound(tags::errors::kSegmentNotFound, "no such segment"));
    auto seg = storage::ReadValue(
        s.db, [&](Tx& tx) { return w.tags.GetSegment(tx, who.merchant_id, *id); });
    if (!seg) return Fail(seg.error());
    all.children.push_back(std::move(seg->expression));
  }
  std::string stage = req.QueryParam("stage");
  if (!stage.empty()) {
    if (!FromText(customers::kStageText, stage)) {
      return Fail(Invalid(customers::errors::kInvalidField, "unknown stage '" + stage + "'"));
    }
    tags::Expr e;
    e.kind = tags::Expr::Kind::kAttr;
    e.attr = tags::Attr::kStage;
    e.op = tags::Op::kEq;
    e.texts = {stage};
    all.children.push_back(std::move(e));
  }
  return std::optional<tags::Expr>(std::move(all));
}

// The list through the bitmaps: counted, paged by ordinal.
Reply ListByTags(Services& s, workflows::TagWiring& w, const HttpRequest& req,
                 const identity::Principal& who, const tags::Expr& e) {
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursorValue(page->after);
  if (!after) return ErrorResponse(after.error());
  std::optional<tags::Ordinal> before;
  if (*after != 0) before = static_cast<tags::Ordinal>(*after);
  auto found = workflows::CustomersWhere(s.db, w, who, e, before, page->limit);
  if (!found) return ErrorResponse(found.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = workflows::LoadTaggedCustomers(tx, s.modules, w, who.merchant_id, found->items);
    if (!list) return Fail(list.error());
    json::object out{{"items", EncodeTaggedCustomers(*list)}, {"count", found->count}};
    out["next_cursor"] =
        found->next ? json::value(EncodeCursorValue(*found->next)) : json::value(nullptr);
    return out;
  });
}

Reply List(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto by_tags = DecodeTagFilter(s, w, req, *who);
  if (!by_tags) return ErrorResponse(by_tags.error());
  if (*by_tags) return ListByTags(s, w, req, *who, **by_tags);
  auto f = DecodeFilter(req, *who);
  if (!f) return ErrorResponse(f.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.customers.List(tx, who->merchant_id, *f);
    if (!list) return Fail(list.error());
    bool full = static_cast<int>(list->size()) == f->limit;
    json::value next = full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr);
    auto tagged = workflows::WithTags(tx, w, who->merchant_id, std::move(*list));
    if (!tagged) return Fail(tagged.error());
    json::object out{{"items", EncodeTaggedCustomers(*tagged)}};
    out["count"] = nullptr;  // counted only when filtered by tag or segment
    out["next_cursor"] = std::move(next);
    return out;
  });
}

Reply Get(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = workflows::LoadCustomerDetail(tx, s.modules, who->merchant_id, *id,
                                           identity::OwnedCustomersOnly(*who));
    if (!d) return Fail(d.error());
    auto t = w.tags.TagsOf(tx, who->merchant_id, d->customer.id);
    if (!t) return Fail(t.error());
    json::object out = EncodeCustomerDetail(*d);
    out["tags"] = EncodeTagChips(*t);
    return out;
  });
}

// POST /admin/v1/customers/{id}/merge {"other_id"}: `other` is merged into
// {id}, which is kept, and the merge is recorded in the audit log.
Reply Merge(Services& s, HttpRequest& req) {
  return RecordStep<customers::Customer, CustomerId>(
      s, req, Permission::kCustomersAdmin, customers::errors::kNotFound,
      [&s](const identity::Principal& who, CustomerId kept, JsonReader& r) {
        auto other = DecodeId<CustomerId>(r.Str("other_id"));
        StaffId actor = who.staff_id;
        MerchantId m = who.merchant_id;
        return [&s, m, kept, other, actor](Tx& tx) -> Result<customers::Customer> {
          if (!other) return Fail(NotFound(customers::errors::kNotFound, "no such customer"));
          return workflows::MergeCustomers(tx, s.modules, m, kept, *other, actor);
        };
      },
      [](const customers::Customer& c) -> json::value { return EncodeCustomer(c, true); });
}

}  // namespace

void AddCustomerRoutes(Router& r, Services& s, workflows::TagWiring& w) {
  r.Add(Method::kGet, "/admin/v1/customers", [&s, &w](HttpRequest& q) { return List(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/customers/{id}",
        [&s, &w](HttpRequest& q) { return Get(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/customers/{id}/merge",
        [&s](HttpRequest& q) { return Merge(s, q); });
}

}  // namespace weishang::api
