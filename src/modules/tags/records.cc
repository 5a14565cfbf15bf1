#include "modules/tags/records.h"

#include "core/utf8.h"

namespace weishang::tags::records {

Group GroupFrom(const storage::Row& r) {
  Group g;
  g.id = r.IdAt(0);
  g.merchant_id = r.IdAt(1);
  g.name = r.Str(2);
  g.choice = FromText(kChoiceText, r.Str(3)).value_or(Choice::kMulti);
  g.sort_order = static_cast<int>(r.Int(4));
  g.status = FromText(kStatusText, r.Str(5)).value_or(Status::kArchived);
  g.created_at = r.Int(6);
  g.updated_at = r.Int(7);
  return g;
}

Tag TagFrom(const storage::Row& r) {
  Tag t;
  t.id = r.IdAt(0);
  t.merchant_id = r.IdAt(1);
  t.group_id = r.IdAt(2);
  t.name = r.Str(3);
  t.color = r.Str(4);
  t.kind = FromText(kTagKindText, r.Str(5)).value_or(TagKind::kManual);
  if (t.kind == TagKind::kRule) {
    boost::system::error_code ec;
    json::value v = json::parse(r.Str(6), ec);
    // Stored rules were checked when saved; one that no longer parses keeps
    // no members (the job skips a tag without a rule).
    if (!ec) {
      if (auto rule = ParseRule(v)) t.rule = *rule;
    }
  }
  t.sort_order = static_cast<int>(r.Int(7));
  t.status = FromText(kStatusText, r.Str(8)).value_or(Status::kArchived);
  t.rule_version = r.Int(9);
  t.evaluated_version = r.Int(10);
  t.created_at = r.Int(11);
  t.updated_at = r.Int(12);
  return t;
}

Segment SegmentFrom(const storage::Row& r) {
  Segment s;
  s.id = r.IdAt(0);
  s.merchant_id = r.IdAt(1);
  s.name = r.Str(2);
  if (auto e = ParseExpressionText(r.Str(3))) s.expression = std::move(*e);
  s.customer_count = r.Int(4);
  s.counted_at = r.Int(5);
  s.status = FromText(kStatusText, r.Str(6)).value_or(Status::kArchived);
  s.created_at = r.Int(7);
  s.updated_at = r.Int(8);
  return s;
}

Result<void> CheckName(const std::string& name, std::size_t max_chars, std::string_view what) {
  bool blank = name.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank || CountUtf8Chars(name) > max_chars) {
    return Fail(Invalid(errors::kInvalidName, std::string(what) + " name must be 1 to " +
                                                  std::to_string(max_chars) + " characters"));
  }
  return {};
}

}  // namespace weishang::tags::records
