// Carts and orders: the server-side cart a customer fills through an
// unguessable token, and the order lifecycle
//   pending_payment -> paid -> shipped -> received -> completed
//   pending_payment -> cancelled (by the buyer, staff, or the payment timeout)
// An order keeps its priced lines (every discount allocated to lines, so
// refunds per line are exact) and an append-only trail of events.
// Writes take the caller's Tx. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::order {

using storage::Tx;

inline constexpr std::int64_t kMaxCartLines = 50;
inline constexpr std::int64_t kMaxLineQuantity = 999;

enum class Status { kPendingPayment, kPaid, kShipped, kReceived, kCompleted, kCancelled };
const char* StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view s);

struct CartLine {
  SkuId sku_id;
  std::int64_t quantity = 0;
};

struct Cart {
  CartId id;
  MerchantId merchant_id;
  std::string token;  // only when just created
  std::vector<CartLine> lines;
};

struct Line {
  int line_no = 0;
  SkuId sku_id;
  ProductId product_id;
  std::string title;
  std::string spec_text;
  Fen unit_price = 0;
  std::int64_t quantity = 0;
  Fen item_discount = 0;
  Fen order_discount_share = 0;
  Fen coupon_share = 0;
  Fen payable = 0;
  int aftersales_flags = 0;  // the product's after-sales services at purchase (bit mask)
  std::int64_t refunded_quantity = 0;
  Fen refunded_amount = 0;
};

// The receiver's name on the orders of an erased customer.
inline constexpr char kErasedBuyer[] = "已注销用户";

struct Buyer {
  std::string name;
  std::string phone;
  std::string region;   // province, e.g. 湖南: what postage rules match on
  std::string address;  // the rest of the address (below the district when those are given)
  std::string note;
  // The address in parts, as the division table names them (modules/address);
  // "" on orders placed without them.
  std::string province;
  std::string city;
  std::string district;  // "" for a city without districts (东莞市)
  std::string postal_code;
};

struct Totals {
  Fen merchandise_total = 0;
  Fen item_discount = 0;
  Fen order_discount = 0;
  Fen coupon_discount = 0;
  Fen postage = 0;
  Fen total = 0;
};

struct Order {
  OrderId id;
  MerchantId merchant_id;
  std::string token;  // only when just created
  Status status = Status::kPendingPayment;
  Buyer buyer;
  Totals totals;
  Fen refunded_total = 0;
  std::optional<CouponId> coupon_id;
  std::optional<FullReductionId> promotion_id;  // the full reduction applied
  Timestamp pay_deadline = 0;
  std::optional<Timestamp> paid_at, shipped_at, receive_deadline, received_at, settle_at,
      completed_at, cancelled_at;
  std::string payment_provider, carrier, tracking_no, cancel_reason;
  Timestamp created_at = 0;
  std::vector<Line> lines;
};

struct Event {
  int seq = 0;
  Timestamp at = 0;
  std::string kind;   // placed, paid, shipped, received, completed, cancelled, refunded, ...
  std::string actor;  // "buyer", "system", "stf_…"
  std::string detail;
};

struct NewOrder {
  MerchantId merchant_id;
  Buyer buyer;
  Totals totals;
  std::optional<CouponId> coupon_id;
  std::optional<FullReductionId> promotion_id;  // the full reduction applied
  Timestamp pay_deadline = 0;
  std::vector<Line> lines;  // line_no assigned here, 1..n
};

// The id of an order and the token its buyer is given, drawn before the
// order is written: a checkout records its answer with them first
// (workflows::CommitCheckout), then creates the order under them.
struct OrderIdentity {
  OrderId id;
  std::string token;
  std::string secret_hash;  // what is stored; the token carries the secret
};

struct ListFilter {
  std::optional<Status> status;
  std::optional<Timestamp> created_from, created_to;
  std::string buyer_phone;
  OrderId after;  // cursor: orders with smaller ids (newest first)
  int limit = 20;
};

// Orders and money per status, for the receivables view.
struct StatusTotals {
  Status status = Status::kPendingPayment;
  std::int64_t orders = 0;
  Fen total = 0;     // what buyers were charged
  Fen refunded = 0;  // what went back
};

// Orders paid on one day, for the dashboard (order_reports.cc).
struct DayCount {
  std::int64_t day = 0;  // whole days since 1970-01-01 in the caller's time zone
  std::int64_t orders = 0;
};

// Orders whose timer has run out (see the Due* functions).
struct DueOrder {
  MerchantId merchant_id;
  OrderId order_id;
};

class OrderService {
 public:
  OrderService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // --- carts (cart.cc) ---
  Result<Cart> CreateCart(Tx& tx, MerchantId merchant);
  // The cart behind `token`; order.cart_not_found (404) for a bad token.
  Result<Cart> GetCart(Tx& tx, MerchantId merchant, const std::string& token);
  // Sets a line's quantity (0 removes it). order.invalid_quantity for
  // quantity outside 0..kMaxLineQuantity; order.cart_full past kMaxCartLines.
  Result<void> SetCartLine(Tx& tx, CartId cart_id, SkuId sku, std::int64_t quantity);
  Result<void> ClearCart(Tx& tx, CartId cart_id);

  // --- orders (order.cc) ---
  // A fresh id and token for an order not yet created; writes nothing.
  OrderIdentity NewIdentity();
  // Creates a pending order with its lines (its trail starts with "placed",
  // read from the order row) and the order.placed event, under a
  // fresh identity or the one given.
  Result<Order> Create(Tx& tx, const NewOrder& in);
  Result<Order> Create(Tx& tx, const NewOrder& in, const OrderIdentity& identity);
  // order.not_found (404) when absent or another merchant's.
  Result<Order> Get(Tx& tx, MerchantId merchant, OrderId order_id);
  // The order behind a buyer's order token; order.not_found for a bad token.
  Result<Order> GetByToken(Tx& tx, MerchantId merchant, const std::string& token);
  // Newest first; lines are not loaded.
  Result<std::vector<Order>> List(Tx& tx, MerchantId merchant, const ListFilter& f);
  Result<std::vector<Event>> Events(Tx& tx, MerchantId merchant, OrderId order_id);
  // Counts and sums per status over the merchant's orders created in [from, to).
  Result<std::vector<StatusTotals>> Totals(Tx& tx, MerchantId merchant, Timestamp from,
                                           Timestamp to);

  // --- reports (order_reports.cc) ---
  // The merchant's orders paid in [from, to), counted per day, where a day
  // starts at midnight of the time zone `utc_offset` ms ahead of UTC (China:
  // 8 h). Oldest day first; days without a paid order are left out. An order
  // counts on the day it was paid, whatever happened to it since.
  Result<std::vector<DayCount>> PaidPerDay(Tx& tx, MerchantId merchant, Timestamp from,
                                           Timestamp to, Timestamp utc_offset);
  // How many of the merchant's orders are in `status` now.
  Result<std::int64_t> CountWithStatus(Tx& tx, MerchantId merchant, Status status);
  // Loads the lines of `orders` (the merchant's, as List returns them,
  // without lines) in one query: List then LoadLinesOf reads a page of orders
  // with their lines in two statements.
  Result<void> LoadLinesOf(Tx& tx, MerchantId merchant, std::vector<Order>& orders);

  // --- transitions (lifecycle.cc); each appends an event ---
  // order.not_awaiting_payment (409) unless pending_payment.
  Result<Order> MarkPaid(Tx& tx, MerchantId merchant, OrderId order_id, const std::string& provider,
                         const std::string& actor);
  // order.not_shippable (409) unless paid. Sets the automatic-receipt deadline.
  Result<Order> Ship(Tx& tx, MerchantId merchant, OrderId order_id, const std::string& carrier,
                     const std::string& tracking_no, std::int64_t auto_receive_days,
                     const std::string& actor);
  // order.not_receivable (409) unless shipped. Sets the settlement time.
  Result<Order> ConfirmReceipt(Tx& tx, MerchantId merchant, OrderId order_id,
                               std::int64_t aftersales_days, const std::string& actor);
  // order.not_cancellable (409) unless pending_payment (a paid order is
  // refunded through after-sales instead). The caller restores the stock.
  Result<Order> Cancel(Tx& tx, MerchantId merchant, OrderId order_id, const std::string& reason,
                       const std::string& actor);
  // paid -> cancelled after a full refund before shipping. order.not_closable.
  Result<Order> CloseRefunded(Tx& tx, MerchantId merchant, OrderId order_id,
                              const std::string& actor);
  // received -> completed: the receivable is settled. order.not_settleable.
  Result<Order> Complete(Tx& tx, MerchantId merchant, OrderId order_id, const std::string& actor);
  // Records a refund of `quantity` units of line `line_no` for `amount` fen
  // (postage refunds use line_no 0). order.refund_exceeds_paid when more than
  // was paid would be refunded.
  Result<void> RecordRefund(Tx& tx, MerchantId merchant, OrderId order_id, int line_no,
                            std::int64_t quantity, Fen amount, const std::string& actor);
  // Pushes the settlement time back (an after-sales request is open).
  Result<void> HoldSettlement(Tx& tx, MerchantId merchant, OrderId order_id, Timestamp until);
  // Appends to the trail (locks the order first, so sequence numbers never collide).
  Result<void> AddEvent(Tx& tx, MerchantId merchant, OrderId order_id, const std::string& kind,
                        const std::string& actor, const std::string& detail);
  // Locks the order's row until the unit ends, so read-then-write checks on
  // the order (after-sales coverage, settlement) can't race on PostgreSQL.
  // A no-op on SQLite's single writer. order.not_found.
  Result<void> Lock(Tx& tx, MerchantId merchant, OrderId order_id);

  // --- timers (lifecycle.cc): at most `limit` orders each, oldest first ---
  Result<std::vector<DueOrder>> DuePaymentTimeouts(Tx& tx, Timestamp now, int limit);
  Result<std::vector<DueOrder>> DueAutoReceipts(Tx& tx, Timestamp now, int limit);
  Result<std::vector<DueOrder>> DueSettlements(Tx& tx, Timestamp now, int limit);

  // --- erasure (erasure.cc) ---
  // A customer erased (PIPL): on these orders of `merchant`, the receiver's
  // name becomes kErasedBuyer, and the phone, the address below the district,
  // the postcode and the buyer's note are cleared. Amounts, lines, status,
  // the trail and the province, city and district (what postage and the
  // reports read) stay. Returns how many orders changed; repeating it
  // changes nothing. Which orders, and whether they may be changed, is the
  // caller's business (workflows/privacy refuses while one is in progress).
  Result<std::int64_t> EraseContact(Tx& tx, MerchantId merchant,
                                    const std::vector<OrderId>& orders);

 private:
  Result<Order> Transition(Tx& tx, MerchantId merchant, OrderId order_id, Status from, Status to,
                           const std::string& error_code, const std::string& set_sql,
                           std::vector<storage::Param> set_params, const std::string& actor,
                           const std::string& detail);

  const Clock& clock_;
  IdGenerator& ids_;
};

// "ord_x_secret" style tokens: the id travels in the token so lookups need no
// index; the secret is compared against its stored SHA-256.
// The buyer's secret handle on an order ("otk_…"); carts use CartId's "crt".
inline constexpr std::string_view kOrderTokenPrefix = "otk";
std::string MakeToken(std::string_view prefix, Id id, const std::string& secret);
std::optional<std::pair<Id, std::string>> SplitToken(std::string_view prefix,
                                                     std::string_view token);

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::order
