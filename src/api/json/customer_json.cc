#include "api/json/customer_json.h"

#include "api/json/codecs.h"

namespace weishang::api {
namespace {

json::value IdOrNull(const auto& id) { return id ? json::value(EncodeId(*id)) : json::value(); }

}  // namespace

json::object EncodeCustomer(const customers::Customer& c, bool full_phone) {
  json::object fields;
  for (const auto& [key, value] : c.fields) fields[key] = value;
  return json::object{
      {"id", EncodeId(c.id)},
      {"display_name", c.display_name},
      {"remark_name", c.remark_name},
      {"phone", full_phone ? c.phone : MaskPhone(c.phone)},
      {"gender", TextOf(customers::kGenderText, c.gender)},
      {"birthday", c.birthday},
      {"province", c.province},
      {"city", c.city},
      {"district", c.district},
      {"channel", c.channel},
      {"referrer_id", IdOrNull(c.referrer_id)},
      {"owner_staff_id", IdOrNull(c.owner_staff_id)},
      {"stage", TextOf(customers::kStageText, c.stage)},
      {"orders_count", c.orders_count},
      {"spent_total", c.spent_total},
      {"first_order_at", TimeOrNull(c.first_order_at)},
      {"last_order_at", TimeOrNull(c.last_order_at)},
      {"created_at", TimeOrNull(c.created_at)},
      {"erased_at", TimeOrNull(c.erased_at)},
      {"fields", std::move(fields)},
  };
}

json::object EncodeCustomerDetail(const workflows::CustomerDetail& d) {
  json::object out = EncodeCustomer(d.customer, true);
  json::array identities;
  for (const auto& i : d.identities) {
    identities.push_back(
        json::object{{"kind", TextOf(customers::kIdentityKindText, i.kind)}, {"value", i.value}});
  }
  out["identities"] = std::move(identities);
  json::array orders;
  for (const auto& o : d.recent_orders) orders.push_back(EncodeOrderSummary(o));
  out["recent_orders"] = std::move(orders);
  return out;
}

}  // namespace weishang::api
