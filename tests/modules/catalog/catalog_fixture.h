// The fixture of the catalog module's tests: a fresh SQLite database, a
// catalog service, and a sample product with two SKUs.
#pragma once

#include <gtest/gtest.h>

#include "modules/catalog/catalog.h"
#include "testing/temp_db.h"

namespace weishang::catalog {

constexpr MerchantId kShopA{101};
constexpr MerchantId kShopB{202};

inline ProductInput Duck() {
  ProductInput in;
  in.title = "麻辣鸭脖";
  in.subtitle = "一口上瘾的湘味鸭脖";
  in.consumption_cycle_days = 14;
  in.policy.no_reason_7d = false;
  in.spec_options = {{"规格", {"3只装", "6只装"}}};
  in.skus = {{{"3只装"}, 1990, 2990, "6901"}, {{"6只装"}, 3590, std::nullopt, std::nullopt}};
  return in;
}

class CatalogTest : public weishang::testing::TempDbTest {
 protected:
  Result<Product> Create(MerchantId merchant, const ProductInput& in) {
    return Write([&](Tx& tx) { return catalog_.CreateProduct(tx, merchant, in); });
  }
  Product Published(MerchantId merchant, ProductInput in) {
    auto p = Create(merchant, in);
    EXPECT_TRUE(p) << p.error().code;
    auto on = Write([&](Tx& tx) {
      return catalog_.ChangeStatus(tx, merchant, p->id, ProductAction::kPublish);
    });
    EXPECT_TRUE(on) << on.error().code;
    return *on;
  }
  std::string CreateError(ProductInput in) {
    auto p = Create(kShopA, in);
    return p ? "ok" : p.error().code;
  }

  SystemClock clock_;
  IdGenerator ids_{1};
  CatalogService catalog_{clock_, ids_};
};

}  // namespace weishang::catalog
