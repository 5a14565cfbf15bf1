// JSON encoding of a Quote, for the API layer and the scenario tests.
#pragma once

#include "core/json.h"
#include "modules/pricing/pricing.h"

namespace weishang::pricing {

// Encodes `quote` as a JSON object. Money fields are integers in fen
// ("total": 12900); ids are plain integers (the API layer adds prefixes);
// an absent promotion, discount or coupon is null in both its id and name.
// Field names match the Quote and QuoteLine members.
json::object EncodeQuote(const Quote& quote);

}  // namespace weishang::pricing
