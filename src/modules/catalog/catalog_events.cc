#include "modules/catalog/catalog_events.h"

#include "core/json_writer.h"

namespace weishang::catalog {

Result<void> EmitProductChanged(storage::Tx& tx, const Product& p, Timestamp now) {
  JsonWriter w(128 + 48 * p.skus.size());
  w.BeginObject().IdField("product_id", p.id).Field("status", StatusName(p.status));
  w.Field("title", p.title).Key("skus").BeginArray();
  for (const Sku& s : p.skus) {
    w.BeginObject().IdField("sku_id", s.id).Field("price", s.price).EndObject();
  }
  w.EndArray().EndObject();
  return events::Emit(tx, {p.merchant_id, kProductChanged, 1, EncodeId(p.id), w.Take()}, now);
}

Result<void> EmitCategoryChanged(storage::Tx& tx, const Category& c, Timestamp now) {
  JsonWriter w(96);
  w.BeginObject().IdField("category_id", c.id).Field("name", c.name);
  w.Field("status", TextOf(kCategoryStatusText, c.status)).EndObject();
  return events::Emit(tx, {c.merchant_id, kCategoryChanged, 1, EncodeId(c.id), w.Take()}, now);
}

Result<void> EmitFeaturedChanged(storage::Tx& tx, MerchantId merchant,
                                 const std::vector<ProductId>& products, Timestamp now) {
  JsonWriter w(32 + 24 * products.size());
  w.BeginObject().Key("product_ids").BeginArray();
  for (ProductId id : products) w.IdValue(id);
  w.EndArray().EndObject();
  return events::Emit(tx, {merchant, kFeaturedChanged, 1, EncodeId(merchant), w.Take()}, now);
}

}  // namespace weishang::catalog
