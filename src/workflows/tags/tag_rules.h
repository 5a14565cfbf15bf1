// Rule tags kept current (modules/tags/rules.h):
//  - the dispatcher's "tag_rules" handler, once per event across the nodes:
//    customer.changed evaluates the customer's fact rules (spend, orders,
//    days since the last order, RFM band, age stage, lifecycle stage) and
//    moves its memberships, a merge moves the merged customer's manual and
//    purchase tags to the one it became, an erasure removes every tag;
//    customer.purchased adds the bought_category and bought_product tags the
//    order's lines match.
//  - the "tag_rules" job, on one node at a time: a rule tag that is new or
//    whose rule changed is computed for every customer at once, and after
//    each shop midnight (UTC+8) the rules that move with time (no order for
//    N days, age stages, RFM bands, with fresh RFM cut points) are
//    evaluated again for everyone. It reads every customer through the
//    FactsSource on one snapshot, then writes the differences in small units.
#pragma once

#include "events/dispatcher.h"
#include "modules/tags/customer_facts.h"
#include "modules/tags/tags.h"
#include "workflows/jobs/scheduler.h"

namespace weishang::workflows {

events::Handler TagRulesHandler(tags::TagService& tags, tags::FactsSource& facts,
                                const Clock& clock);

// One pass of the job at `now` over every merchant with rule tags. Counts
// the merchants evaluated as handled.
Result<JobTally> EvaluateRuleTags(storage::Database& db, tags::TagService& tags,
                                  tags::FactsSource& facts, Timestamp now);

Job TagRulesJob(tags::TagService& tags, tags::FactsSource& facts);

}  // namespace weishang::workflows
