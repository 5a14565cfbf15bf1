// What a campaign or channel cost per new customer, and how long until its
// new customers' revenue paid it back. Pure arithmetic over what the caller
// loaded; no I/O; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/money.h"

namespace weishang::growth {

// One paid order of a customer the source brought (revenue less refunds).
struct Payment {
  CustomerId customer;
  Timestamp paid_at = 0;
  Fen amount = 0;
};

// A campaign or channel: what it cost and what its new customers paid.
struct Source {
  std::string key;                // the campaign's id or the channel's name
  Timestamp started_at = 0;       // payback counts from here
  Fen cost = 0;                   // spend entered plus voucher and discount cost, >= 0
  std::vector<Payment> payments;  // of the customers it brought, any order
};

struct SourceNumbers {
  std::string key;
  Fen cost = 0;
  std::int64_t new_customers = 0;  // distinct customers with a payment
  Fen revenue = 0;
  // cost / new customers, rounded half up to the fen (RoundedDivide); none
  // without new customers.
  std::optional<Fen> cost_per_new_customer;
  // Whole days (rounded up) from started_at to the payment that made the
  // cumulative revenue reach the cost: 0 when the cost is 0 (or covered at
  // the start itself), none while it is not covered.
  std::optional<std::int64_t> payback_days;
};

// `numerator / denominator` rounded half up; denominator > 0, numerator >= 0.
Fen RoundedDivide(Fen numerator, std::int64_t denominator);

// Whole days until the revenue reached `cost`, from revenue already summed
// by day (the whole days after the start it was paid, rounded up: 0 at the
// start itself): 0 when the cost is 0, none while it is not covered. The
// same days as NumbersOf gives for those payments.
std::optional<std::int64_t> PaybackDays(Fen cost,
                                        const std::map<std::int64_t, Fen>& revenue_by_day);

// The numbers of one source. Payments before started_at count at day 0.
SourceNumbers NumbersOf(const Source& source);

}  // namespace weishang::growth
