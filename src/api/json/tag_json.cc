#include "api/json/tag_json.h"

#include "api/json/codecs.h"
#include "api/json/customer_json.h"

namespace weishang::api {

json::object EncodeTagGroup(const tags::Group& g) {
  return json::object{{"id", EncodeId(g.id)},
                      {"name", g.name},
                      {"choice", TextOf(tags::kChoiceText, g.choice)},
                      {"sort_order", g.sort_order},
                      {"status", TextOf(tags::kStatusText, g.status)},
                      {"created_at", FormatIso8601(g.created_at)},
                      {"updated_at", FormatIso8601(g.updated_at)}};
}

json::object EncodeTag(const tags::Tag& t, std::optional<std::uint64_t> customers) {
  json::object o{{"id", EncodeId(t.id)},
                 {"group_id", EncodeId(t.group_id)},
                 {"name", t.name},
                 {"color", t.color},
                 {"kind", TextOf(tags::kTagKindText, t.kind)},
                 {"rule", t.rule ? tags::RuleJson(*t.rule) : json::value(nullptr)},
                 {"sort_order", t.sort_order},
                 {"status", TextOf(tags::kStatusText, t.status)},
                 {"pending", t.pending()},
                 {"created_at", FormatIso8601(t.created_at)},
                 {"updated_at", FormatIso8601(t.updated_at)}};
  o["customers"] = customers ? json::value(*customers) : json::value(nullptr);
  return o;
}

json::object EncodeTagChip(const tags::Tag& t) {
  return json::object{{"id", EncodeId(t.id)},
                      {"group_id", EncodeId(t.group_id)},
                      {"name", t.name},
                      {"color", t.color},
                      {"kind", TextOf(tags::kTagKindText, t.kind)}};
}

json::array EncodeTagChips(const std::vector<tags::Tag>& list) {
  json::array out;
  for (const auto& t : list) out.push_back(EncodeTagChip(t));
  return out;
}

json::object EncodeSegment(const tags::Segment& s, std::optional<std::uint64_t> customers,
                           bool show_saved_count) {
  json::object o{{"id", EncodeId(s.id)},
                 {"name", s.name},
                 {"expression", tags::ExpressionJson(s.expression)},
                 {"status", TextOf(tags::kStatusText, s.status)},
                 {"created_at", FormatIso8601(s.created_at)},
                 {"updated_at", FormatIso8601(s.updated_at)}};
  o["customers"] = customers ? json::value(*customers) : json::value(nullptr);
  o["saved_count"] = show_saved_count ? json::value(s.customer_count) : json::value(nullptr);
  o["counted_at"] =
      show_saved_count ? json::value(FormatIso8601(s.counted_at)) : json::value(nullptr);
  return o;
}

json::array EncodeTaggedCustomers(const std::vector<workflows::TaggedCustomer>& list) {
  json::array items;
  for (const auto& c : list) {
    json::object o = EncodeCustomer(c.customer, false);
    o["tags"] = EncodeTagChips(c.tags);
    items.push_back(std::move(o));
  }
  return items;
}

}  // namespace weishang::api
