// The demo shop's share vouchers (分享券): a campaign giving each paying
// buyer three vouchers for the 10-piece facial mask at 9.90 yuan, started
// three days ago. 王芳 bought again and received three; two friends new to
// the shop (许可, 孟瑶) redeemed two of them and received three each (the
// second generation); 孟瑶's friend 江楠 redeemed one of hers (the third);
// 秦川 has claimed one of 王芳's and not ordered yet. Everything goes
// through the workflows and the handlers, as in the store.
#pragma once

#include <functional>

#include "core/clock.h"
#include "core/ids.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

struct DemoVouchers {
  VoucherCampaignId campaign;
};

// `seed` is 王芳 (a customer already), `sku` the mask, `deliver` runs the
// handlers over every event so far. Not idempotent: call it where the demo
// shop is made.
Result<DemoVouchers> SeedDemoVouchers(storage::Database& db, workflows::Modules& m,
                                      IdGenerator& ids, FakeClock& clock, MerchantId merchant,
                                      StaffId staff, CustomerId seed, SkuId sku,
                                      const std::function<Result<void>()>& deliver);

}  // namespace weishang::cli
