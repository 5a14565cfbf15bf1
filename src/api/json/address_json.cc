#include "api/json/address_json.h"

namespace weishang::api {

void WriteParsedAddress(JsonWriter& w, const address::ParsedAddress& a) {
  w.BeginObject()
      .Field("name", a.name)
      .Field("phone", a.phone)
      .Field("province", a.province)
      .Field("city", a.city)
      .Field("district", a.district)
      .Field("detail", a.detail)
      .Field("postal_code", a.postal_code)
      .Key("uncertain")
      .BeginArray();
  for (auto u : a.uncertain) w.String(TextOf(address::kUncertainText, u));
  w.EndArray().EndObject();
}

std::string ParsedAddressJson(const address::ParsedAddress& a) {
  JsonWriter w(512);
  WriteParsedAddress(w, a);
  return w.Take();
}

}  // namespace weishang::api
