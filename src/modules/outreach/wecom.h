// WeCom (企业微信) as a channel for later: the interface a real adapter will
// implement (sending a campaign's text to a customer's external contact
// through the staff member's WeCom account). No adapter exists yet, so the
// engine wires none and a campaign cannot ask for this channel
// (outreach.channel_unavailable); workflow tests use a fake.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"

namespace weishang::outreach {

struct WeComMessage {
  CustomerId customer;  // the adapter resolves the customer's external user id
  std::string title;
  std::string text;
};

// Sends inside the caller's unit of work, like sms::SmsProvider: an adapter
// records an outbox row there and posts it from a job after commit, so a
// rolled-back unit sends nothing. Implementations are thread-safe.
class WeComProvider {
 public:
  virtual ~WeComProvider() = default;
  virtual std::string_view name() const = 0;
  virtual Result<void> Send(storage::Tx& tx, MerchantId merchant, const WeComMessage& message) = 0;
};

}  // namespace weishang::outreach
