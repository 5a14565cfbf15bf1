// The events of the tags module, and the customers' events it reacts to
// (docs/events.md has the payloads).
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "events/outbox.h"
#include "modules/tags/tags.h"

namespace weishang::tags {

// Recorded by this module whenever customers gain or lose a tag (manual or
// rule), subject tag_…, v1:
// {"tag_id","added":[{"customer_id","ordinal"}],"removed":[…]}, at most
// kMembersPerEvent customers per event (a bigger change records several).
inline constexpr std::string_view kMembersChanged = "tag.members_changed";
inline constexpr std::size_t kMembersPerEvent = 1000;

// Recorded by the customers module (the contract in docs/events.md, v1): the
// full facts on every create, update, merge and erasure, and the lines of
// each paid order.
inline constexpr std::string_view kCustomerChanged = "customer.changed";
inline constexpr std::string_view kCustomerPurchased = "customer.purchased";

// Records `change` of `tag` (nothing when it is empty).
Result<void> EmitMembersChanged(Tx& tx, MerchantId merchant, TagId tag, const TagChange& change,
                                Timestamp now);

struct MembersChanged {
  TagId tag;
  std::vector<Ordinal> added, removed;
};
// tags.invalid_event when malformed.
Result<MembersChanged> ParseMembersChanged(std::string_view payload);

}  // namespace weishang::tags
