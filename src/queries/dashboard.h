// The console's first page in numbers (GET /admin/v1/dashboard): what sold
// today and over the last 30 days, and what waits for the shop.
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "modules/aftersales/aftersales.h"
#include "modules/order/order.h"
#include "modules/payment/payment.h"
#include "storage/database.h"

namespace weishang::queries {

// Today and the 29 days before it.
inline constexpr int kDashboardDays = 30;

// One shop day (shop_time.h). `orders` are the orders paid that day (支付订单数);
// `paid` is the money buyers' payments brought that day and `refunded` the
// money refunds sent back that day, so paid - refunded is the day's net
// takings. Money counts on the day it moved, orders on the day they were paid.
struct DayFigures {
  std::int64_t day = 0;
  std::int64_t orders = 0;
  Fen paid = 0;
  Fen refunded = 0;
  Fen revenue() const { return paid - refunded; }
};

struct Dashboard {
  std::int64_t today = 0;           // shop day of `now`
  std::vector<DayFigures> days;     // kDashboardDays, oldest first; the last is today
  DayFigures period;                // the sums over `days` (its `day` is the first day)
  std::int64_t orders_to_ship = 0;  // paid, not shipped
  // After-sales requests waiting for the shop: to decide (requested), goods
  // on their way back to receive (returning), exchanges received that wait
  // for their replacement (received). Approved requests wait for the buyer.
  std::int64_t aftersales_requested = 0;
  std::int64_t aftersales_returning = 0;
  std::int64_t aftersales_received = 0;
  std::int64_t aftersales_to_handle() const {
    return aftersales_requested + aftersales_returning + aftersales_received;
  }
};

// The modules the dashboard reads.
struct DashboardSources {
  order::OrderService& orders;
  payment::PaymentService& payments;
  aftersales::AftersalesService& aftersales;
};

// Reads the dashboard of `merchant` as of `now`, in one read unit. Every day
// of the period is present, with zeros when nothing happened. Fails only
// with the storage's errors.
Result<Dashboard> ReadDashboard(storage::Tx& tx, const DashboardSources& from, MerchantId merchant,
                                Timestamp now);

}  // namespace weishang::queries
