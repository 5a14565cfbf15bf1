#include "queries/orders_csv.h"

#include <array>

#include "core/csv.h"
#include "core/money.h"
#include "modules/order/order_errors.h"
#include "queries/shop_time.h"

namespace weishang::queries {
namespace {

constexpr std::size_t kColumns = 27;
using Header = std::array<const char*, kColumns>;

constexpr Header kHeaderZh = {"订单号",
                              "状态",
                              "下单时间(UTC+8)",
                              "付款时间(UTC+8)",
                              "收货人",
                              "手机号",
                              "省份",
                              "城市",
                              "区县",
                              "详细地址",
                              "邮编",
                              "买家留言",
                              "商品",
                              "件数",
                              "商品金额",
                              "商品优惠",
                              "满减",
                              "优惠券",
                              "运费",
                              "实付",
                              "已退款",
                              "净收入",
                              "快递公司",
                              "快递单号",
                              "发货时间(UTC+8)",
                              "收货时间(UTC+8)",
                              "取消原因"};
constexpr Header kHeaderEn = {"Order",           "Status",
                              "Created (UTC+8)", "Paid (UTC+8)",
                              "Recipient",       "Phone",
                              "Region",          "City",
                              "District",        "Address",
                              "Postcode",        "Buyer's note",
                              "Items",           "Units",
                              "Goods",           "Item discounts",
                              "Full reduction",  "Coupon",
                              "Postage",         "Total paid",
                              "Refunded",        "Net",
                              "Carrier",         "Tracking no.",
                              "Shipped (UTC+8)", "Received (UTC+8)",
                              "Cancel reason"};

const char* StatusText(order::Status s, bool english) {
  switch (s) {
    case order::Status::kPendingPayment:
      return english ? "awaiting payment" : "待付款";
    case order::Status::kPaid:
      return english ? "paid, to ship" : "待发货";
    case order::Status::kShipped:
      return english ? "shipped" : "已发货";
    case order::Status::kReceived:
      return english ? "received" : "已收货";
    case order::Status::kCompleted:
      return english ? "completed" : "已完成";
    case order::Status::kCancelled:
      return english ? "cancelled" : "已取消";
  }
  return "";
}

// As the order list masks it (api/json/codecs.cc, MaskPhone): 138****8001.
std::string MaskedPhone(const std::string& phone) {
  if (phone.size() < 7) return phone.substr(0, std::min<std::size_t>(3, phone.size())) + "****";
  return phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);
}

std::string Time(const std::optional<Timestamp>& t) { return t ? FormatShopTime(*t) : ""; }

std::string Items(const order::Order& o, std::int64_t* units) {
  std::string out;
  *units = 0;
  for (const auto& l : o.lines) {
    if (!out.empty()) out += "; ";
    out += l.title;
    if (!l.spec_text.empty()) out += " (" + l.spec_text + ")";
    out += " ×" + std::to_string(l.quantity);
    *units += l.quantity;
  }
  return out;
}

void AppendRow(std::string& out, const std::array<std::string, kColumns>& cells) {
  for (std::size_t i = 0; i < kColumns; ++i) {
    if (i > 0) out += ',';
    out += CsvCell(cells[i]);
  }
  out += "\r\n";
}

void AppendOrder(std::string& out, const order::Order& o, const OrdersCsvOptions& opt) {
  std::int64_t units = 0;
  std::string items = Items(o, &units);
  const auto& t = o.totals;
  AppendRow(out, {EncodeId(o.id),
                  StatusText(o.status, opt.english),
                  FormatShopTime(o.created_at),
                  Time(o.paid_at),
                  o.buyer.name,
                  opt.full_contact ? o.buyer.phone : MaskedPhone(o.buyer.phone),
                  o.buyer.region,
                  o.buyer.city,
                  o.buyer.district,
                  opt.full_contact ? o.buyer.address : "",
                  opt.full_contact ? o.buyer.postal_code : "",
                  o.buyer.note,
                  items,
                  std::to_string(units),
                  FormatYuan(t.merchandise_total),
                  FormatYuan(t.item_discount),
                  FormatYuan(t.order_discount),
                  FormatYuan(t.coupon_discount),
                  FormatYuan(t.postage),
                  FormatYuan(t.total),
                  FormatYuan(o.refunded_total),
                  FormatYuan(t.total - o.refunded_total),
                  o.carrier,
                  o.tracking_no,
                  Time(o.shipped_at),
                  Time(o.received_at),
                  o.cancel_reason});
}

}  // namespace

Result<std::string> OrdersCsv(storage::Tx& tx, order::OrderService& orders, MerchantId merchant,
                              order::ListFilter filter, const OrdersCsvOptions& options) {
  std::string out = CsvWriter().Take();  // the byte-order mark
  const Header& header = options.english ? kHeaderEn : kHeaderZh;
  for (std::size_t i = 0; i < kColumns; ++i) {
    if (i > 0) out += ',';
    out += header[i];
  }
  out += "\r\n";
  filter.after = OrderId();
  filter.limit = kExportBatch;
  std::int64_t written = 0;
  while (true) {
    auto page = orders.List(tx, merchant, filter);
    if (!page) return Fail(page.error());
    if (page->empty()) break;
    written += static_cast<std::int64_t>(page->size());
    if (written > kMaxExportOrders) {
      return Fail(Invalid(order::errors::kExportTooLarge,
                          "more than " + std::to_string(kMaxExportOrders) +
                              " orders match; export a shorter period at a time"));
    }
    if (auto lines = orders.LoadLinesOf(tx, merchant, *page); !lines) return Fail(lines.error());
    for (const auto& o : *page) AppendOrder(out, o, options);
    if (static_cast<int>(page->size()) < filter.limit) break;
    filter.after = page->back().id;
  }
  return out;
}

}  // namespace weishang::queries
