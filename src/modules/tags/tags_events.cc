#include "modules/tags/tags_events.h"

#include <algorithm>

#include "core/json_writer.h"
#include "modules/tags/tags_errors.h"

namespace weishang::tags {
namespace {

void WriteTargets(JsonWriter& w, std::string_view key, const std::vector<Target>& list,
                  std::size_t from, std::size_t to) {
  w.Key(key).BeginArray();
  for (std::size_t i = from; i < to; ++i) {
    w.BeginObject()
        .IdField("customer_id", list[i].customer_id)
        .Field("ordinal", static_cast<std::int64_t>(list[i].ordinal))
        .EndObject();
  }
  w.EndArray();
}

Result<std::vector<Ordinal>> Ordinals(const json::object& o, const char* key) {
  std::vector<Ordinal> out;
  const json::value* list = o.if_contains(key);
  if (list == nullptr || !list->is_array()) {
    return Fail(Invalid(errors::kInvalidEvent, std::string("tag.members_changed.") + key));
  }
  for (const auto& item : list->as_array()) {
    const json::value* ordinal =
        item.is_object() ? item.as_object().if_contains("ordinal") : nullptr;
    if (ordinal == nullptr || !ordinal->is_int64() || ordinal->as_int64() < 1) {
      return Fail(Invalid(errors::kInvalidEvent, std::string("tag.members_changed.") + key));
    }
    out.push_back(static_cast<Ordinal>(ordinal->as_int64()));
  }
  return out;
}

}  // namespace

Result<void> EmitMembersChanged(Tx& tx, MerchantId merchant, TagId tag, const TagChange& change,
                                Timestamp now) {
  std::size_t added = 0, removed = 0;
  while (added < change.added.size() || removed < change.removed.size()) {
    std::size_t add_to = std::min(change.added.size(), added + kMembersPerEvent);
    std::size_t room = kMembersPerEvent - (add_to - added);
    std::size_t remove_to = std::min(change.removed.size(), removed + room);
    JsonWriter w;
    w.BeginObject().IdField("tag_id", tag);
    WriteTargets(w, "added", change.added, added, add_to);
    WriteTargets(w, "removed", change.removed, removed, remove_to);
    w.EndObject();
    auto ok = events::Emit(tx, {merchant, kMembersChanged, 1, EncodeId(tag), w.Take()}, now);
    if (!ok) return ok;
    added = add_to;
    removed = remove_to;
  }
  return {};
}

Result<MembersChanged> ParseMembersChanged(std::string_view payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) return Fail(Invalid(errors::kInvalidEvent, "tag.members_changed"));
  const json::object& o = v.as_object();
  MembersChanged m;
  const json::value* tag = o.if_contains("tag_id");
  std::optional<TagId> id;
  if (tag != nullptr && tag->is_string()) id = DecodeId<TagId>(tag->as_string());
  if (!id) return Fail(Invalid(errors::kInvalidEvent, "tag.members_changed.tag_id"));
  m.tag = *id;
  auto added = Ordinals(o, "added");
  if (!added) return Fail(added.error());
  auto removed = Ordinals(o, "removed");
  if (!removed) return Fail(removed.error());
  m.added = std::move(*added);
  m.removed = std::move(*removed);
  return m;
}

}  // namespace weishang::tags
