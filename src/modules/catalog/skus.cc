// SKU writes shared by product create and update, and the SKU reads other
// modules rely on (checkout's GetSkusForSale).
#include <unordered_map>

#include "modules/catalog/catalog.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/rows.h"
#include "storage/storage_errors.h"

namespace weishang::catalog {
namespace detail {
namespace {

// A barcode identifies goods, so it may name only one SKU of the merchant.
// The product's own barcodes were cleared just before, so any row found
// belongs to another product.
Result<void> CheckBarcodesFree(Tx& tx, MerchantId merchant, const std::vector<SkuInput>& inputs) {
  for (const SkuInput& in : inputs) {
    if (!in.barcode) continue;
    auto row =
        tx.QueryOne("SELECT id, product_id FROM catalog_sku WHERE merchant_id = ? AND barcode = ?",
                    {merchant, *in.barcode});
    if (!row) return Fail(row.error());
    if (*row) {
      return Fail(Conflict(errors::kDuplicateBarcode, "barcode '" + *in.barcode +
                                                          "' is already used by " +
                                                          EncodeId(SkuId((*row)->Int(0))) + " of " +
                                                          EncodeId(ProductId((*row)->Int(1)))));
    }
  }
  return {};
}

Result<void> WriteSku(Tx& tx, const SkuReplacement& r, const Sku& s, std::int64_t position,
                      bool insert) {
  std::string values = EncodeStrings(s.spec_values);
  auto ok = insert
                ? tx.Exec(
                      "INSERT INTO catalog_sku (id, merchant_id, product_id, position, spec_values,"
                      " price, list_price, barcode, status, created_at, updated_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {s.id, r.merchant, r.product, position, values, s.price, s.list_price,
                       s.barcode, TextOf(kSkuStatusText, s.status), s.created_at, s.updated_at})
                : tx.Exec(
                      "UPDATE catalog_sku SET position = ?, spec_values = ?, price = ?,"
                      " list_price = ?, barcode = ?, status = ?, updated_at = ?"
                      " WHERE merchant_id = ? AND id = ?",
                      {position, values, s.price, s.list_price, s.barcode,
                       TextOf(kSkuStatusText, s.status), s.updated_at, r.merchant, s.id});
  if (!ok) {
    if (ok.error().code == storage::errors::kUniqueViolation) {
      return Fail(Conflict(errors::kDuplicateBarcode, "a barcode is already used by another SKU"));
    }
    return Fail(ok.error());
  }
  return {};
}

// The SKU `in` describes: a new one, or `kept` with its id and creation time.
Sku LiveSku(const SkuInput& in, const Sku* kept, const SkuReplacement& r, IdGenerator& ids) {
  Sku s;
  s.id = kept ? kept->id : ids.Next<SkuId>();
  s.created_at = kept ? kept->created_at : r.now;
  s.product_id = r.product;
  s.spec_values = in.spec_values;
  s.price = in.price;
  s.list_price = in.list_price;
  s.barcode = in.barcode;
  s.status = SkuStatus::kOnSale;
  s.updated_at = r.now;
  return s;
}

}  // namespace

Result<std::vector<Sku>> ReplaceSkus(Tx& tx, IdGenerator& ids, const SkuReplacement& r) {
  // Free this product's barcodes first, so barcodes may move between its
  // SKUs without tripping the unique index halfway through.
  auto cleared =
      tx.Exec("UPDATE catalog_sku SET barcode = NULL WHERE merchant_id = ? AND product_id = ?",
              {r.merchant, r.product});
  if (!cleared) return Fail(cleared.error());
  if (auto ok = CheckBarcodesFree(tx, r.merchant, *r.inputs); !ok) return Fail(ok.error());

  std::unordered_map<std::string, const Sku*> by_spec;
  for (const Sku& s : *r.existing) by_spec.emplace(SpecKey(s.spec_values), &s);
  std::vector<Sku> out;
  for (const SkuInput& in : *r.inputs) {
    auto match = by_spec.find(SpecKey(in.spec_values));
    bool insert = match == by_spec.end();
    Sku s = LiveSku(in, insert ? nullptr : match->second, r, ids);
    if (!insert) by_spec.erase(match);
    if (auto ok = WriteSku(tx, r, s, static_cast<std::int64_t>(out.size()), insert); !ok) {
      return Fail(ok.error());
    }
    out.push_back(std::move(s));
  }
  // SKUs no longer listed are kept for the orders that name them, off sale.
  for (const Sku& old : *r.existing) {
    if (by_spec.find(SpecKey(old.spec_values)) == by_spec.end()) continue;
    Sku s = old;
    s.barcode.reset();
    if (s.status != SkuStatus::kOffSale) s.updated_at = r.now;
    s.status = SkuStatus::kOffSale;
    if (auto ok = WriteSku(tx, r, s, static_cast<std::int64_t>(out.size()), false); !ok) {
      return Fail(ok.error());
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace detail

Result<Sku> CatalogService::GetSku(Tx& tx, MerchantId merchant, SkuId sku) {
  auto row = tx.QueryOne(std::string("SELECT ") + detail::kSkuColumns +
                             " FROM catalog_sku WHERE merchant_id = ? AND id = ?",
                         {merchant, sku});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kSkuNotFound, "no SKU " + EncodeId(sku)));
  return detail::SkuFromRow(**row);
}

Result<std::vector<SkuForSale>> CatalogService::GetSkusForSale(Tx& tx, MerchantId merchant,
                                                               const std::vector<SkuId>& sku_ids) {
  std::vector<SkuForSale> out;
  out.reserve(sku_ids.size());
  for (SkuId id : sku_ids) {
    auto row = tx.QueryOne(
        "SELECT s.id, s.product_id, s.spec_values, s.price, s.status, p.category_id, p.title,"
        " p.main_image_url, p.spec_options, p.status, p.no_reason_7d, p.quality_return,"
        " p.exchange, p.refund_only, p.consumption_cycle_days"
        " FROM catalog_sku s JOIN catalog_product p"
        " ON p.id = s.product_id AND p.merchant_id = s.merchant_id"
        " WHERE s.merchant_id = ? AND s.id = ?",
        {merchant, id});
    if (!row) return Fail(row.error());
    if (!*row) return Fail(NotFound(errors::kSkuNotFound, "no SKU " + EncodeId(id)));
    const storage::Row& r = **row;
    if (FromText(kSkuStatusText, r.Str(4)) != SkuStatus::kOnSale ||
        ParseStatus(r.Str(9)) != ProductStatus::kOnSale) {
      return Fail(Conflict(errors::kProductNotOnSale,
                           EncodeId(id) + " of '" + r.Str(6) + "' is not on sale"));
    }
    out.push_back(SkuForSale{
        r.IdAt(0), r.IdAt(1), r.IdAt(5), r.Str(6),
        SpecText(detail::DecodeOptions(r.Str(8)), detail::DecodeStrings(r.Str(2))), r.Int(3),
        r.Str(7), AftersalesPolicy{r.Bool(10), r.Bool(11), r.Bool(12), r.Bool(13)},
        static_cast<int>(r.Int(14))});
  }
  return out;
}

}  // namespace weishang::catalog
