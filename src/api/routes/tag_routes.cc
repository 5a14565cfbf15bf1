// Tag groups and tags, under /admin/v1:
//   GET   /tag-groups                 POST /tag-groups  [Idempotency-Key]
//   PATCH /tag-groups/{id}            (name, choice, sort_order, status: archive)
//   GET   /tags                       (with how many customers in the caller's scope carry each)
//   POST  /tags  [Idempotency-Key]    PATCH /tags/{id}
//   POST  /tags/{id}/customers        {"add":[cus…],"remove":[cus…]}  (a manual tag, ≤1000 each)
// Reading and tagging take Permission::kCustomers: a staff member sees the
// tags, counts only their own customers, and may give or take a manual tag
// only to and from customers they own (workflows::TagCustomersManually).
// Defining groups and tags changes what every staff member sees, so it
// takes kCustomersAdmin (owner, admin).
#include "api/routes/tag_routes.h"

#include "api/json/tag_json.h"
#include "api/routes/support.h"
#include "modules/tags/tags_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = tags::errors;

// Reads an enum field given as text; rejects an unknown value.
template <class E, std::size_t N>
std::optional<E> ReadEnum(JsonReader& r, std::string_view key, const EnumText<E> (&table)[N],
                          std::string_view allowed) {
  auto text = r.OptStr(key, 20);
  if (!text) return std::nullopt;
  auto v = FromText(table, *text);
  if (!v) r.Reject(key, "must be " + std::string(allowed));
  return v;
}

// ---- groups

Reply ListGroups(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.tags.ListGroups(tx, who->merchant_id);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& g : *list) items.push_back(EncodeTagGroup(g));
    return json::object{{"items", std::move(items)}};
  });
}

Reply CreateGroup(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  tags::GroupInput in;
  in.name = r.Str("name", {.max_len = 200});
  in.choice = ReadEnum(r, "choice", tags::kChoiceText, "single or multi").value_or(in.choice);
  in.sort_order = static_cast<int>(r.OptInt("sort_order", -1'000'000, 1'000'000).value_or(0));
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "tags.group.create",
                         [&w, m, in](Tx& tx) -> Result<json::value> {
                           auto g = w.tags.CreateGroup(tx, m, in);
                           if (!g) return Fail(g.error());
                           return EncodeTagGroup(*g);
                         });
}

Reply UpdateGroup(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  return RecordStep<tags::Group, TagGroupId>(
      s, req, Permission::kCustomersAdmin, errors::kGroupNotFound,
      [&w](const identity::Principal& who, TagGroupId id,
           JsonReader& r) -> RecordUnit<tags::Group> {
        tags::GroupUpdate u;
        u.name = r.OptStr("name", 200);
        u.choice = ReadEnum(r, "choice", tags::kChoiceText, "single or multi");
        if (auto n = r.OptInt("sort_order", -1'000'000, 1'000'000)) u.sort_order = int(*n);
        u.status = ReadEnum(r, "status", tags::kStatusText, "active or archived");
        MerchantId m = who.merchant_id;
        return [&w, m, id, u](Tx& tx) { return w.tags.UpdateGroup(tx, m, id, u); };
      },
      [](const tags::Group& g) -> json::value { return EncodeTagGroup(g); });
}

// ---- tags

// A tag's rule from the body (nullopt when none): tags.invalid_rule names
// the field at fault.
Result<std::optional<tags::Rule>> ReadRule(const json::object& body) {
  auto it = body.find("rule");
  if (it == body.end() || it->value().is_null()) return std::optional<tags::Rule>();
  auto rule = tags::ParseRule(it->value());
  if (!rule) return Fail(rule.error());
  return std::optional<tags::Rule>(std::move(*rule));
}

std::optional<TagGroupId> ReadGroupId(JsonReader& r, bool required) {
  if (!required && !r.Has("group_id")) return std::nullopt;
  std::string text = r.Str("group_id", {.max_len = 40});
  auto id = DecodeId<TagGroupId>(text);
  // An id that is not a group's cannot name one of the merchant's groups.
  return id.value_or(TagGroupId());
}

Reply ListTags(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto list = workflows::ListTagsCounted(s.db, w, *who);
  if (!list) return ErrorResponse(list.error());
  json::array items;
  for (const auto& c : *list) items.push_back(EncodeTag(c.tag, c.customers));
  return Ok(json::object{{"items", std::move(items)}});
}

Reply CreateTag(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  tags::TagInput in;
  in.group_id = *ReadGroupId(r, true);
  in.name = r.Str("name", {.max_len = 200});
  if (auto c = r.OptStr("color", 20)) in.color = *c;
  in.kind = ReadEnum(r, "kind", tags::kTagKindText, "manual or rule").value_or(in.kind);
  in.sort_order = static_cast<int>(r.OptInt("sort_order", -1'000'000, 1'000'000).value_or(0));
  if (r.Error()) return ErrorResponse(*r.Error());
  auto rule = ReadRule(*body);
  if (!rule) return ErrorResponse(rule.error());
  in.rule = std::move(*rule);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "tags.tag.create", [&w, m, in](Tx& tx) -> Result<json::value> {
    auto t = w.tags.CreateTag(tx, m, in);
    if (!t) return Fail(t.error());
    return EncodeTag(*t, 0);
  });
}

Reply UpdateTag(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<TagId>(req, "id", errors::kTagNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  tags::TagUpdate u;
  u.group_id = ReadGroupId(r, false);
  u.name = r.OptStr("name", 200);
  u.color = r.OptStr("color", 20);
  if (auto n = r.OptInt("sort_order", -1'000'000, 1'000'000)) u.sort_order = int(*n);
  u.status = ReadEnum(r, "status", tags::kStatusText, "active or archived");
  if (r.Error()) return ErrorResponse(*r.Error());
  auto rule = ReadRule(*body);
  if (!rule) return ErrorResponse(rule.error());
  u.rule = std::move(*rule);
  MerchantId m = who->merchant_id;
  TagId tag = *id;
  return WriteThen<tags::Tag>(
      s, [&w, m, tag, u](Tx& tx) { return w.tags.UpdateTag(tx, m, tag, u); },
      [](const tags::Tag& t) -> json::value { return EncodeTag(t); });
}

// The customer ids under `key`; a malformed one is no customer of the shop.
std::vector<CustomerId> ReadCustomerIds(JsonReader& r, std::string_view key,
                                        std::optional<Error>& unknown) {
  std::vector<CustomerId> out;
  for (const auto& text : r.StrList(key, tags::kMaxCustomersPerCall, 40)) {
    auto id = DecodeId<CustomerId>(text);
    if (!id && !unknown) {
      unknown = Invalid(errors::kUnknownCustomer, "no such customer " + text);
    }
    if (id) out.push_back(*id);
  }
  return out;
}

Reply TagCustomers(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<TagId>(req, "id", errors::kTagNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  auto count = [&](std::string_view key) {
    auto it = body->find(key);
    return it != body->end() && it->value().is_array() ? it->value().as_array().size() : 0u;
  };
  if (count("add") > tags::kMaxCustomersPerCall || count("remove") > tags::kMaxCustomersPerCall) {
    return ErrorResponse(Invalid(errors::kTooManyCustomers,
                                 "at most 1000 customers may be tagged or untagged at once"));
  }
  std::optional<Error> unknown;
  workflows::Tagging t;
  t.add = ReadCustomerIds(r, "add", unknown);
  t.remove = ReadCustomerIds(r, "remove", unknown);
  if (r.Error()) return ErrorResponse(*r.Error());
  if (unknown) return ErrorResponse(*unknown);
  identity::Principal caller = *who;
  TagId tag = *id;
  return WriteThen<tags::TagChange>(
      s,
      [&w, caller, tag, t](Tx& tx) {
        return workflows::TagCustomersManually(tx, w, caller, tag, t);
      },
      [tag](const tags::TagChange& c) -> json::value {
        json::array added, removed;
        for (const auto& x : c.added) added.emplace_back(EncodeId(x.customer_id));
        for (const auto& x : c.removed) removed.emplace_back(EncodeId(x.customer_id));
        return json::object{{"tag_id", EncodeId(tag)},
                            {"added", std::move(added)},
                            {"removed", std::move(removed)}};
      });
}

}  // namespace

void AddTagRoutes(Router& r, Services& s, workflows::TagWiring& w) {
  r.Add(Method::kGet, "/admin/v1/tag-groups",
        [&s, &w](HttpRequest& q) { return ListGroups(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/tag-groups",
        [&s, &w](HttpRequest& q) { return CreateGroup(s, w, q); });
  r.Add(Method::kPatch, "/admin/v1/tag-groups/{id}",
        [&s, &w](HttpRequest& q) { return UpdateGroup(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/tags", [&s, &w](HttpRequest& q) { return ListTags(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/tags", [&s, &w](HttpRequest& q) { return CreateTag(s, w, q); });
  r.Add(Method::kPatch, "/admin/v1/tags/{id}",
        [&s, &w](HttpRequest& q) { return UpdateTag(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/tags/{id}/customers",
        [&s, &w](HttpRequest& q) { return TagCustomers(s, w, q); });
}

}  // namespace weishang::api
