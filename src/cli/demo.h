// The demo shop (slug "demo"): Hunan salted duck as an office snack,
// shampoo and facial masks with short consumption cycles, categories, a
// coupon, a full reduction, customers and orders in every state.
#pragma once

#include <string>

#include "core/clock.h"
#include "storage/database.h"
#include "workflows/catalog/image_files.h"
#include "workflows/modules.h"

namespace weishang::cli {

struct DemoLogin {
  std::string shop = "demo";
  std::string login = "owner@demo.shop";
  std::string password;
  bool created = false;
};

// Creates the demo shop unless it exists. Idempotent. The moments' pictures
// are uploaded as `files` says (the directory is created).
Result<DemoLogin> SeedDemo(storage::Database& db, workflows::Modules& m, const Clock& clock,
                           const workflows::ImageFiles& files);
void PrintDemoLogin(const DemoLogin& login);

}  // namespace weishang::cli
