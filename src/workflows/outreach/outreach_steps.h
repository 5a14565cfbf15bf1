// The steps the preview (outreach_flows.cc) and the send
// (outreach_send.cc) share, so both take the same decision for a customer.
// Internal to workflows/outreach.
#pragma once

#include <optional>
#include <vector>

#include "workflows/outreach/outreach_flows.h"

namespace weishang::workflows::outreach_steps {

// The live customers the segment selects now in `scope`, newest first.
Result<std::vector<CustomerId>> Audience(OutreachWiring& w, MerchantId merchant,
                                         const tags::Segment& segment, const tags::Scope& scope,
                                         Timestamp now);

// An active segment of the merchant (tags.segment_not_found; an archived
// one: outreach.invalid_field).
Result<tags::Segment> ActiveSegment(storage::Tx& tx, OutreachWiring& w, MerchantId merchant,
                                    SegmentId id);

// What sending to `id` at `at` would do: skip it (why), or reach `customer`.
// Erased or merged: skipped; promotional: opted out, or over the budget
// (the ledger's promotional lines of the last 32 shop days).
struct Verdict {
  std::optional<outreach::SkipReason> skip;
  customers::Customer customer;
};
Result<Verdict> Check(storage::Tx& tx, OutreachWiring& w, Modules& m, MerchantId merchant,
                      const outreach::Policy& policy, outreach::Kind kind, CustomerId id,
                      Timestamp at);

// The draft's checks that need the database: the channels' providers, the
// segment, the product, the time (not past, at most 90 days ahead).
struct Checked {
  tags::Segment segment;
  outreach::Policy policy;
  Timestamp send_at = 0;  // the time asked (or now), past quiet hours
  bool deferred = false;
};
Result<Checked> CheckDraft(storage::Tx& tx, OutreachWiring& w, Modules& m, MerchantId merchant,
                           const Draft& d);

}  // namespace weishang::workflows::outreach_steps
