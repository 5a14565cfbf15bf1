// Pre-sales (预售) by interest: a pre-sale sells a product's SKUs before the
// stock exists. It first collects interest (a like or a reservation, one per
// customer), then takes orders in its order period, each paid in full or by
// a deposit per unit; a deposit order's balance is asked for in the balance
// period and, unpaid at its end, the reservation is released (the caller
// refunds the deposit). Orders ship from the ship date, a deposit order only
// once its balance is paid. The pre-sale's quantity, when set, is never
// oversold: units are taken with a conditional UPDATE `sold + n <= quantity`
// in the order's unit. The stock recommendation is interest x the
// conversion (paid orders / interest) of this merchant's past closed
// pre-sales (recommend.cc).
//
// Products, SKUs, customers and orders are ids here; pricing, payment and
// stock are workflows/presale's. Writes take the caller's Tx. Stateless
// apart from its references; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::presale {

using storage::Tx;

inline constexpr std::size_t kMaxSkus = 50;
inline constexpr std::size_t kMaxTitleChars = 60;
inline constexpr std::size_t kMaxImageUrlBytes = 500;
inline constexpr int kMaxPerCustomer = 100;
inline constexpr std::int64_t kMaxQuantity = 1'000'000;

enum class Status { kActive, kClosed };
inline constexpr EnumText<Status> kStatusText[] = {{Status::kActive, "active"},
                                                   {Status::kClosed, "closed"}};

// Where a pre-sale stands at a moment (derived from its times and status).
enum class Phase {
  kUpcoming,
  kInterest,
  kOrdering,
  kAwaitingBalance,
  kBalance,
  kShipping,
  kClosed
};
inline constexpr EnumText<Phase> kPhaseText[] = {
    {Phase::kUpcoming, "upcoming"}, {Phase::kInterest, "interest"},
    {Phase::kOrdering, "ordering"}, {Phase::kAwaitingBalance, "awaiting_balance"},
    {Phase::kBalance, "balance"},   {Phase::kShipping, "shipping"},
    {Phase::kClosed, "closed"}};

enum class InterestKind { kLike, kReservation };
inline constexpr EnumText<InterestKind> kInterestKindText[] = {
    {InterestKind::kLike, "like"}, {InterestKind::kReservation, "reservation"}};

enum class Payment { kFull, kDeposit };
inline constexpr EnumText<Payment> kPaymentText[] = {{Payment::kFull, "full"},
                                                     {Payment::kDeposit, "deposit"}};

// A pre-sale order's life. full: held -> paid; deposit: held -> deposit_paid
// -> balance_paid, or deposit_paid -> released (balance unpaid at the end of
// the balance period); any held or paid one -> cancelled (unpaid in time,
// or refunded by after-sales).
enum class OrderState { kHeld, kPaid, kDepositPaid, kBalancePaid, kReleased, kCancelled };
inline constexpr EnumText<OrderState> kOrderStateText[] = {
    {OrderState::kHeld, "held"},
    {OrderState::kPaid, "paid"},
    {OrderState::kDepositPaid, "deposit_paid"},
    {OrderState::kBalancePaid, "balance_paid"},
    {OrderState::kReleased, "released"},
    {OrderState::kCancelled, "cancelled"}};

struct SkuPrice {
  SkuId sku_id;
  Fen list_price = 0;  // the SKU's price when the pre-sale was made
  Fen price = 0;       // the pre-sale price of one unit
};

struct PresaleInput {
  ProductId product_id;
  std::string title;
  std::string image_url;  // "" = the product's own picture
  std::vector<SkuPrice> prices;
  std::optional<Fen> deposit;            // per unit; none = full payment only
  std::optional<std::int64_t> quantity;  // none = no cap
  int per_customer_limit = 5;            // units per customer
  Timestamp interest_starts_at = 0;      // interest is collected from here
  Timestamp order_starts_at = 0;         // orders open
  Timestamp order_ends_at = 0;           // orders close
  std::optional<Timestamp> balance_starts_at, balance_ends_at;  // deposit only
  Timestamp ship_at = 0;                                        // shipping starts
  std::optional<VoteCandidateId> candidate;                     // the fan-vote style it came from
};

struct Presale {
  PresaleId id;
  MerchantId merchant_id;
  ProductId product_id;
  std::string title;
  std::string image_url;
  std::vector<SkuPrice> prices;
  std::optional<Fen> deposit;
  std::optional<std::int64_t> quantity;
  int per_customer_limit = 5;
  std::int64_t sold = 0;         // units held by live orders (held, paid, deposit or balance paid)
  std::int64_t interest = 0;     // customers who registered interest
  std::int64_t paid_orders = 0;  // orders paid in full (deposit + balance, or full payment)
  Timestamp interest_starts_at = 0, order_starts_at = 0, order_ends_at = 0;
  std::optional<Timestamp> balance_starts_at, balance_ends_at;
  Timestamp ship_at = 0;
  std::optional<VoteCandidateId> candidate;
  Status status = Status::kActive;
  std::optional<Timestamp> balance_notice_at;  // when the balance was asked for
  Timestamp created_at = 0;

  // When its numbers are final: the end of the balance period, or of the
  // order period without a deposit.
  Timestamp SettledAt() const { return balance_ends_at.value_or(order_ends_at); }
  Phase PhaseAt(Timestamp now) const;
  bool CollectingInterest(Timestamp now) const {
    return status == Status::kActive && interest_starts_at <= now && now < order_ends_at;
  }
  bool Ordering(Timestamp now) const {
    return status == Status::kActive && order_starts_at <= now && now < order_ends_at;
  }
  bool BalanceOpen(Timestamp now) const {
    return deposit && balance_starts_at && *balance_starts_at <= now && now < *balance_ends_at;
  }
  const SkuPrice* PriceOf(SkuId sku) const {
    for (const auto& p : prices) {
      if (p.sku_id == sku) return &p;
    }
    return nullptr;
  }
};

struct Interest {
  CustomerId customer_id;
  InterestKind kind = InterestKind::kLike;
  Timestamp created_at = 0;
};

struct PresaleOrder {
  OrderId order_id;
  PresaleId presale_id;
  CustomerId customer_id;
  SkuId sku_id;
  std::int64_t quantity = 0;
  Payment payment = Payment::kFull;
  OrderState state = OrderState::kHeld;
  std::optional<OrderId> balance_order_id;
  Timestamp created_at = 0;
  std::optional<Timestamp> paid_at, balance_paid_at, closed_at;
};

// A deposit order whose balance period has ended unpaid.
struct DueRelease {
  MerchantId merchant_id;
  OrderId order_id;
};

// The stock recommendation (recommend.cc).
struct Recommendation {
  std::int64_t interest = 0;
  int history = 0;               // past closed pre-sales measured (with interest > 0)
  double conversion = 0.5;       // mean paid orders / interest; 0.5 with no history
  std::vector<double> rates;     // each past pre-sale's, newest first
  std::int64_t recommended = 0;  // round(interest x conversion)
  // A 95% prediction interval of the next pre-sale's conversion from the
  // history (mean ± t(n-1) · sd · sqrt(1 + 1/n), floored at 0), in units;
  // none with fewer than two past pre-sales (the interval is unknown).
  std::optional<double> conversion_low, conversion_high;
  std::optional<std::int64_t> low, high;
  std::string basis;  // "default" (no history), "one_presale", "history"
};
// The arithmetic on its own: `rates` are past conversions.
Recommendation Recommend(std::int64_t interest, const std::vector<double>& rates);
// Student's t, two-sided 95%, for `df` degrees of freedom (df >= 1).
double TwoSidedT95(int df);

class PresaleService {
 public:
  PresaleService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // presale.invalid_field (422): title 1..60 characters, image URL http(s)
  // up to 500 bytes, 1..50 SKUs once each, prices >= 1 fen, a deposit of 1
  // fen .. below every SKU's price, quantity 1..1,000,000, per-customer
  // limit 1..100, interest_starts_at <= order_starts_at < order_ends_at,
  // with a deposit order_ends_at <= balance_starts_at < balance_ends_at (and
  // no balance period without one), ship_at no earlier than the last
  // payment can come (balance_ends_at, else order_starts_at).
  Result<Presale> Create(Tx& tx, MerchantId merchant, const PresaleInput& in);
  // presale.not_found (404).
  Result<Presale> Get(Tx& tx, MerchantId merchant, PresaleId id);
  // Newest first, after the cursor.
  Result<std::vector<Presale>> List(Tx& tx, MerchantId merchant, PresaleId after, int limit);
  // active -> closed: no more interest or orders; paid orders still ship. A repeat answers it.
  Result<Presale> Close(Tx& tx, MerchantId merchant, PresaleId id);

  // A signed-in customer's interest, once: a repeat (either kind) answers
  // false and changes nothing. presale.not_collecting_interest (409) outside
  // interest_starts_at..order_ends_at or once closed.
  Result<bool> RegisterInterest(Tx& tx, const Presale& p, CustomerId customer, InterestKind kind);
  Result<std::optional<Interest>> InterestOf(Tx& tx, MerchantId merchant, PresaleId id,
                                             CustomerId customer);
  // Newest first, at most `limit`.
  Result<std::vector<Interest>> Interests(Tx& tx, MerchantId merchant, PresaleId id, int limit);

  // Takes `quantity` units for `customer` in the order's unit: the pre-sale
  // must be taking orders (presale.not_open), have the units left
  // (presale.sold_out: a conditional UPDATE, so racing buyers never take
  // more than the quantity), and the customer must stay within the
  // per-customer limit (presale.limit_reached).
  Result<void> TakeUnits(Tx& tx, const Presale& p, CustomerId customer, std::int64_t quantity);
  // Records the order whose units TakeUnits took.
  Result<PresaleOrder> AddOrder(Tx& tx, const Presale& p, OrderId order, CustomerId customer,
                                SkuId sku, std::int64_t quantity, Payment payment);
  // presale.order_not_found (404): `order` is not a pre-sale's (deposit or full) order.
  Result<PresaleOrder> GetOrder(Tx& tx, MerchantId merchant, OrderId order);
  // The pre-sale order whose balance order is `balance`, if any.
  Result<std::optional<PresaleOrder>> OrderOfBalance(Tx& tx, MerchantId merchant, OrderId balance);
  Result<std::vector<PresaleOrder>> Orders(Tx& tx, MerchantId merchant, PresaleId id, int limit);
  // Links a balance order to a deposit_paid order that has none pending.
  Result<void> SetBalanceOrder(Tx& tx, MerchantId merchant, OrderId order, OrderId balance);

  // order.paid of a pre-sale order or of a balance order: held -> paid (full)
  // or deposit_paid; deposit_paid -> balance_paid. Returns whether it changed.
  Result<bool> MarkPaid(Tx& tx, MerchantId merchant, OrderId order);
  // order.cancelled of a pre-sale order (not yet released): -> cancelled,
  // its units back to the quantity. A cancelled balance order changes
  // nothing (the customer may ask again until the end of the period).
  Result<bool> MarkCancelled(Tx& tx, MerchantId merchant, OrderId order);

  // Deposit orders whose balance period has ended with the balance unpaid,
  // oldest first, at most `limit`.
  Result<std::vector<DueRelease>> DueReleases(Tx& tx, Timestamp now, int limit);
  // deposit_paid -> released, once (a conditional UPDATE: a second caller
  // gets presale.already_settled), units back to the quantity.
  Result<PresaleOrder> Release(Tx& tx, MerchantId merchant, OrderId order);

  // Pre-sales whose balance period has opened and whose customers were not
  // told yet. (merchant, id), at most `limit`.
  Result<std::vector<std::pair<MerchantId, PresaleId>>> DueBalanceNotices(Tx& tx, Timestamp now,
                                                                          int limit);
  // Marks the notice sent, once: false when it was.
  Result<bool> ClaimBalanceNotice(Tx& tx, MerchantId merchant, PresaleId id);

  // The recommendation for `p` from this merchant's other pre-sales settled by now.
  Result<Recommendation> RecommendFor(Tx& tx, const Presale& p);

 private:
  Result<std::vector<Presale>> Select(Tx& tx, MerchantId merchant, const std::string& where,
                                      std::vector<storage::Param> params);
  Result<std::vector<PresaleOrder>> SelectOrders(Tx& tx, MerchantId merchant,
                                                 const std::string& where,
                                                 std::vector<storage::Param> params);

  const Clock& clock_;
  IdGenerator& ids_;
};

// Whether an order may ship at `now` (called by workflows::ShipOrder): a
// balance order never alone (presale.ships_with_deposit_order), a deposit
// order not before its balance is paid (presale.balance_unpaid), a
// pre-sale order not before the ship date (presale.before_ship_date).
Result<void> CheckShippable(Tx& tx, MerchantId merchant, OrderId order, Timestamp now);
// The paid balance order that ships with `order`, if `order` is a deposit order.
Result<std::optional<OrderId>> BalanceShippingWith(Tx& tx, MerchantId merchant, OrderId order);
// Whether `order` is a balance order: it took no stock (its deposit order
// holds the units), so cancelling it must not put any back.
Result<bool> IsBalanceOrder(Tx& tx, MerchantId merchant, OrderId order);

// The schema (schema/*.sql), for cli/registry.cc.
const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::presale
