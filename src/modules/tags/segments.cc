// Saved segments: a name and an expression, with the count taken when saved.
#include "modules/tags/records.h"

namespace weishang::tags {

using namespace records;

Result<Segment> TagService::CreateSegment(Tx& tx, MerchantId merchant, const SegmentInput& in,
                                          std::int64_t count) {
  if (auto ok = CheckName(in.name, 30, "a segment's"); !ok) return Fail(ok.error());
  auto n = tx.QueryOne("SELECT COUNT(*) FROM tags_segment WHERE merchant_id = ?", {merchant});
  if (!n) return Fail(n.error());
  if ((*n)->Int(0) >= kMaxSegments) {
    return Fail(Conflict(errors::kTooManySegments,
                         "a shop has at most " + std::to_string(kMaxSegments) + " segments"));
  }
  Segment s;
  s.id = ids_.Next<SegmentId>();
  s.merchant_id = merchant;
  s.name = in.name;
  s.expression = in.expression;
  s.customer_count = count;
  s.counted_at = s.created_at = s.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO tags_segment (id, merchant_id, name, expression, customer_count, counted_at,"
      " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.id, merchant, s.name, ExpressionText(s.expression), s.customer_count, s.counted_at,
       TextOf(kStatusText, s.status), s.created_at, s.updated_at});
  if (!ok) return Fail(ok.error());
  return s;
}

Result<Segment> TagService::GetSegment(Tx& tx, MerchantId merchant, SegmentId segment) {
  auto row = tx.QueryOne(std::string("SELECT ") + kSegmentColumns +
                             " FROM tags_segment WHERE merchant_id = ? AND id = ?",
                         {merchant, segment});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kSegmentNotFound, "no such segment"));
  return SegmentFrom(**row);
}

Result<std::vector<Segment>> TagService::ListSegments(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kSegmentColumns +
                           " FROM tags_segment WHERE merchant_id = ? ORDER BY id DESC",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Segment> out;
  for (const auto& r : *rows) out.push_back(SegmentFrom(r));
  return out;
}

Result<Segment> TagService::UpdateSegment(Tx& tx, MerchantId merchant, SegmentId segment,
                                          const SegmentUpdate& u,
                                          std::optional<std::int64_t> count) {
  auto current = GetSegment(tx, merchant, segment);
  if (!current) return current;
  Segment s = std::move(*current);
  if (u.name) {
    if (auto ok = CheckName(*u.name, 30, "a segment's"); !ok) return Fail(ok.error());
    s.name = *u.name;
  }
  s.updated_at = clock_.Now();
  if (u.expression) s.expression = *u.expression;
  if (count) {
    s.customer_count = *count;
    s.counted_at = s.updated_at;
  }
  if (u.status) s.status = *u.status;
  auto ok = tx.Exec(
      "UPDATE tags_segment SET name = ?, expression = ?, customer_count = ?, counted_at = ?,"
      " status = ?, updated_at = ? WHERE merchant_id = ? AND id = ?",
      {s.name, ExpressionText(s.expression), s.customer_count, s.counted_at,
       TextOf(kStatusText, s.status), s.updated_at, merchant, segment});
  if (!ok) return Fail(ok.error());
  return s;
}

Result<RuleState> TagService::GetRuleState(Tx& tx, MerchantId merchant) {
  auto row = tx.QueryOne("SELECT rfm, evaluated_day FROM tags_rule_state WHERE merchant_id = ?",
                         {merchant});
  if (!row) return Fail(row.error());
  if (!*row) return RuleState{};
  return RuleState{ParseRfmCuts((*row)->Str(0)), (*row)->Int(1)};
}

Result<void> TagService::SaveRuleState(Tx& tx, MerchantId merchant, const RuleState& state) {
  auto ok = tx.Exec(
      "INSERT INTO tags_rule_state (merchant_id, rfm, evaluated_day, updated_at)"
      " VALUES (?, ?, ?, ?) ON CONFLICT (merchant_id) DO UPDATE SET rfm = excluded.rfm,"
      " evaluated_day = excluded.evaluated_day, updated_at = excluded.updated_at",
      {merchant, json::serialize(RfmCutsJson(state.rfm)), state.evaluated_day, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace weishang::tags
