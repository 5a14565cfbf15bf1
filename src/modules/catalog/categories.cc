// Categories: a flat list per merchant, ordered by the merchant's numbers.
#include "modules/catalog/catalog.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/catalog_events.h"
#include "modules/catalog/rows.h"

namespace weishang::catalog {
namespace {

Result<void> CheckName(const std::string& name) {
  if (name.empty() || name.size() > kMaxCategoryNameBytes) {
    return Fail(
        Invalid(errors::kInvalidCategory,
                "category name must be 1 to " + std::to_string(kMaxCategoryNameBytes) + " bytes"));
  }
  return {};
}

}  // namespace

Result<Category> CatalogService::CreateCategory(Tx& tx, MerchantId merchant,
                                                const std::string& name, std::int64_t sort_order) {
  if (auto ok = CheckName(name); !ok) return Fail(ok.error());
  Category c{ids_.Next<CategoryId>(), merchant,     name, sort_order,
             CategoryStatus::kActive, clock_.Now(), 0};
  c.updated_at = c.created_at;
  auto ok = tx.Exec(
      "INSERT INTO catalog_category (id, merchant_id, name, sort_order, status, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {c.id, merchant, c.name, c.sort_order, TextOf(kCategoryStatusText, c.status), c.created_at,
       c.updated_at});
  if (!ok) return Fail(ok.error());
  if (auto emitted = EmitCategoryChanged(tx, c, clock_.Now()); !emitted) {
    return Fail(emitted.error());
  }
  return c;
}

Result<Category> CatalogService::UpdateCategory(Tx& tx, MerchantId merchant, CategoryId category,
                                                const CategoryUpdate& u) {
  auto current = GetCategory(tx, merchant, category);
  if (!current) return current;
  Category c = std::move(*current);
  if (u.name) {
    if (auto ok = CheckName(*u.name); !ok) return Fail(ok.error());
    c.name = *u.name;
  }
  if (u.status) c.status = *u.status;
  if (u.sort_order) c.sort_order = *u.sort_order;
  c.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE catalog_category SET name = ?, sort_order = ?, status = ?, updated_at = ?"
      " WHERE merchant_id = ? AND id = ?",
      {c.name, c.sort_order, TextOf(kCategoryStatusText, c.status), c.updated_at, merchant,
       category});
  if (!ok) return Fail(ok.error());
  if (auto emitted = EmitCategoryChanged(tx, c, clock_.Now()); !emitted) {
    return Fail(emitted.error());
  }
  return c;
}

Result<Category> CatalogService::GetCategory(Tx& tx, MerchantId merchant, CategoryId category) {
  auto row = tx.QueryOne(std::string("SELECT ") + detail::kCategoryColumns +
                             " FROM catalog_category WHERE merchant_id = ? AND id = ?",
                         {merchant, category});
  if (!row) return Fail(row.error());
  if (!*row) {
    return Fail(NotFound(errors::kCategoryNotFound, "no category " + EncodeId(category)));
  }
  return detail::CategoryFromRow(**row);
}

Result<std::vector<Category>> CatalogService::ListCategories(Tx& tx, MerchantId merchant,
                                                             bool active_only) {
  std::string sql = std::string("SELECT ") + detail::kCategoryColumns +
                    " FROM catalog_category WHERE merchant_id = ?" +
                    (active_only ? " AND status = 'active'" : "") + " ORDER BY sort_order, id";
  auto rows = tx.Query(sql, {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Category> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(detail::CategoryFromRow(r));
  return out;
}

}  // namespace weishang::catalog
