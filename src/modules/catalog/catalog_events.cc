#include "modules/catalog/catalog_events.h"

#include "core/json_writer.h"

namespace weishang::catalog {

Result<void> EmitProductChanged(storage::Tx& tx, const Product& p, Timestamp now) {
  JsonWriter w(128 + 48 * p.skus.size());
  w.BeginObject().IdField("product_id", "prd", p.id).Field("status", StatusName(p.status));
  w.Field("title", p.title).Key("skus").BeginArray();
  for (const Sku& s : p.skus) {
    w.BeginObject().IdField("sku_id", "sku", s.id).Field("price", s.price).EndObject();
  }
  w.EndArray().EndObject();
  return events::Emit(tx, {p.merchant_id, kProductChanged, 1, EncodeId("prd", p.id), w.Take()},
                      now);
}

Result<void> EmitCategoryChanged(storage::Tx& tx, const Category& c, Timestamp now) {
  JsonWriter w(96);
  w.BeginObject().IdField("category_id", "cat", c.id).Field("name", c.name);
  w.Field("status", c.status).EndObject();
  return events::Emit(tx, {c.merchant_id, kCategoryChanged, 1, EncodeId("cat", c.id), w.Take()},
                      now);
}

Result<void> EmitFeaturedChanged(storage::Tx& tx, Id merchant, const std::vector<Id>& products,
                                 Timestamp now) {
  JsonWriter w(32 + 24 * products.size());
  w.BeginObject().Key("product_ids").BeginArray();
  for (Id id : products) w.IdValue("prd", id);
  w.EndArray().EndObject();
  return events::Emit(tx, {merchant, kFeaturedChanged, 1, EncodeId("mch", merchant), w.Take()},
                      now);
}

}  // namespace weishang::catalog
