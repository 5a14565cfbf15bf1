// JSON shape of a parsed address, shared by POST /store/v1/{shop}/address/parse
// and `weishang address parse`. Pure; thread-safe.
#pragma once

#include <string>

#include "core/json_writer.h"
#include "modules/address/address.h"

namespace weishang::api {

// {"name", "phone", "province", "city", "district", "detail", "postal_code",
//  "uncertain": ["province_inferred", ...]}: exactly these keys, in this order.
void WriteParsedAddress(JsonWriter& w, const address::ParsedAddress& a);
std::string ParsedAddressJson(const address::ParsedAddress& a);

}  // namespace weishang::api
