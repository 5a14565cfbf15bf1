// JSON of tag groups, tags and segments for the console (tag_routes.cc,
// segment_routes.cc, and the tags a customer carries in customer_routes.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/json.h"
#include "modules/tags/tags.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::api {

json::object EncodeTagGroup(const tags::Group& g);
// A tag; `customers`: how many live customers in the caller's scope carry it.
json::object EncodeTag(const tags::Tag& t, std::optional<std::uint64_t> customers = std::nullopt);
// A tag as a customer's chip: id, name, colour, kind, group.
json::object EncodeTagChip(const tags::Tag& t);
json::array EncodeTagChips(const std::vector<tags::Tag>& list);
// A saved segment; `customers`: counted now in the caller's scope (null for
// an archived one); `saved_count` (the count of every customer when it was
// saved) only for roles that see every customer.
json::object EncodeSegment(const tags::Segment& s, std::optional<std::uint64_t> customers,
                           bool show_saved_count);

// Customers of a list (phones masked), each with a "tags" array of chips.
json::array EncodeTaggedCustomers(const std::vector<workflows::TaggedCustomer>& list);

}  // namespace weishang::api
