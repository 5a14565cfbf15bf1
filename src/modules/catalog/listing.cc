// Product lists and the home page's featured list.
#include <algorithm>
#include <set>

#include "modules/catalog/catalog.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/catalog_events.h"
#include "modules/catalog/rows.h"

namespace weishang::catalog {
namespace {

constexpr int kMaxPage = 100;

// "%q%" with LIKE's wildcards escaped, so a title search for "100%" finds
// the literal text.
std::string LikePattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace

Result<ProductPage> CatalogService::ListProducts(Tx& tx, MerchantId merchant,
                                                 const ProductFilter& f) {
  int limit = std::clamp(f.limit, 1, kMaxPage);
  std::string pattern = LikePattern(f.q);
  // At most 16 distinct statements (each optional clause on or off), so the
  // connection's statement cache stays small.
  std::string sql = std::string("SELECT ") + detail::kSummaryColumns +
                    " FROM catalog_product p WHERE p.merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (f.status) {
    sql += " AND p.status = ?";
    params.emplace_back(StatusName(*f.status));
  } else {
    sql += " AND p.status <> 'archived'";  // archived products only when asked for
  }
  if (f.category_id.valid()) {
    sql += " AND p.category_id = ?";
    params.emplace_back(f.category_id);
  }
  if (!f.q.empty()) {
    // SQLite's LIKE ignores ASCII case and PostgreSQL's does not; comparing
    // LOWER() of both sides makes the two engines agree.
    sql += " AND LOWER(p.title) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(pattern);
  }
  if (f.after.valid()) {
    sql += " AND p.id < ?";
    params.emplace_back(f.after);
  }
  sql += " ORDER BY p.id DESC LIMIT ?";
  params.emplace_back(limit + 1);  // one more tells whether another page follows
  auto rows = tx.Query(sql, storage::Params(params));
  if (!rows) return Fail(rows.error());
  ProductPage page;
  for (const auto& r : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after = page.items.back().id;
      break;
    }
    page.items.push_back(detail::SummaryFromRow(r));
  }
  return page;
}

Result<std::vector<ProductId>> CatalogService::SetFeatured(Tx& tx, MerchantId merchant,
                                                           const std::vector<ProductId>& products) {
  if (products.size() > kMaxFeatured) {
    return Fail(Invalid(errors::kTooManyFeatured, "the home page shows at most " +
                                                      std::to_string(kMaxFeatured) + " products"));
  }
  std::set<ProductId> seen;
  for (ProductId id : products) {
    if (!seen.insert(id).second) {
      return Fail(Invalid(errors::kDuplicateFeatured, EncodeId(id) + " is listed twice"));
    }
    auto row = tx.QueryOne("SELECT status FROM catalog_product WHERE merchant_id = ? AND id = ?",
                           {merchant, id});
    if (!row) return Fail(row.error());
    if (!*row) return Fail(NotFound(errors::kProductNotFound, "no product " + EncodeId(id)));
    if (ParseStatus((*row)->Str(0)) != ProductStatus::kOnSale) {
      return Fail(Conflict(errors::kProductNotOnSale, EncodeId(id) + " is not on sale"));
    }
  }
  auto cleared = tx.Exec("DELETE FROM catalog_featured WHERE merchant_id = ?", {merchant});
  if (!cleared) return Fail(cleared.error());
  for (std::size_t i = 0; i < products.size(); ++i) {
    auto ok =
        tx.Exec("INSERT INTO catalog_featured (merchant_id, position, product_id) VALUES (?, ?, ?)",
                {merchant, static_cast<std::int64_t>(i), products[i]});
    if (!ok) return Fail(ok.error());
  }
  if (auto ok = EmitFeaturedChanged(tx, merchant, products, clock_.Now()); !ok) {
    return Fail(ok.error());
  }
  return products;
}

Result<std::vector<ProductSummary>> CatalogService::ListFeatured(Tx& tx, MerchantId merchant) {
  // A featured product taken off sale later stays in the list but is not
  // shown, and comes back if it is published again.
  auto rows = tx.Query(std::string("SELECT ") + detail::kSummaryColumns +
                           " FROM catalog_featured f JOIN catalog_product p"
                           " ON p.merchant_id = f.merchant_id AND p.id = f.product_id"
                           " WHERE f.merchant_id = ? AND p.status = 'on_sale' ORDER BY f.position",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<ProductSummary> out;
  for (const auto& r : *rows) out.push_back(detail::SummaryFromRow(r));
  return out;
}

}  // namespace weishang::catalog
