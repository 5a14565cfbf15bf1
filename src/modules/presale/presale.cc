// Pre-sales, their interest and their orders. Every move of a count or a
// state is a conditional UPDATE.
#include "modules/presale/presale.h"

#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "modules/presale/presale_errors.h"

namespace weishang::presale {
namespace {

constexpr const char* kColumns =
    "id, product_id, title, image_url, deposit, quantity, per_customer_limit, sold,"
    " interest_count, paid_orders, interest_starts_at, order_starts_at, order_ends_at,"
    " balance_starts_at, balance_ends_at, ship_at, candidate_id, status, balance_notice_at,"
    " created_at";

constexpr const char* kOrderColumns =
    "order_id, presale_id, customer_id, sku_id, quantity, payment, state, balance_order_id,"
    " created_at, paid_at, balance_paid_at, closed_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

bool HttpUrl(const std::string& url) {
  return url.size() <= kMaxImageUrlBytes &&
         (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0 || url.rfind("/", 0) == 0);
}

Result<void> Check(const PresaleInput& in) {
  std::size_t title = CountUtf8Chars(in.title);
  if (title == 0 || title > kMaxTitleChars) return Fail(Bad("the title is 1 to 60 characters"));
  if (!in.product_id.valid()) return Fail(Bad("product_id is required"));
  if (!in.image_url.empty() && !HttpUrl(in.image_url)) {
    return Fail(Bad("image_url is an http(s) address of up to 500 bytes"));
  }
  if (in.prices.empty() || in.prices.size() > kMaxSkus) {
    return Fail(Bad("a pre-sale sells 1 to 50 SKUs"));
  }
  for (const auto& p : in.prices) {
    if (std::count_if(in.prices.begin(), in.prices.end(),
                      [&](const SkuPrice& q) { return q.sku_id == p.sku_id; }) > 1) {
      return Fail(Bad("a SKU is named twice"));
    }
    if (p.price < 1 || p.price > kMaxFen) return Fail(Bad("a pre-sale price is at least 1 fen"));
    if (in.deposit && *in.deposit >= p.price) {
      return Fail(Bad("the deposit is below every SKU's pre-sale price"));
    }
  }
  if (in.deposit && *in.deposit < 1) return Fail(Bad("the deposit is at least 1 fen"));
  if (in.quantity && (*in.quantity < 1 || *in.quantity > kMaxQuantity)) {
    return Fail(Bad("the quantity is 1 to 1,000,000 units"));
  }
  if (in.per_customer_limit < 1 || in.per_customer_limit > kMaxPerCustomer) {
    return Fail(Bad("the per-customer limit is 1 to 100 units"));
  }
  if (in.interest_starts_at > in.order_starts_at) {
    return Fail(Bad("interest is collected before orders open"));
  }
  if (in.order_starts_at >= in.order_ends_at) return Fail(Bad("orders must close after they open"));
  if (in.deposit) {
    if (!in.balance_starts_at || !in.balance_ends_at) {
      return Fail(Bad("a deposit pre-sale has a balance period"));
    }
    if (*in.balance_starts_at < in.order_ends_at || *in.balance_starts_at >= *in.balance_ends_at) {
      return Fail(Bad("the balance period follows the order period and ends after it starts"));
    }
    if (in.ship_at < *in.balance_ends_at) {
      return Fail(Bad("shipping starts after the balance period ends"));
    }
  } else {
    if (in.balance_starts_at || in.balance_ends_at) {
      return Fail(Bad("a balance period needs a deposit"));
    }
    if (in.ship_at < in.order_starts_at) return Fail(Bad("shipping starts after orders open"));
  }
  return {};
}

Presale FromRow(const storage::Row& r, MerchantId merchant) {
  Presale p;
  p.id = r.IdAt(0);
  p.merchant_id = merchant;
  p.product_id = r.IdAt(1);
  p.title = r.Str(2);
  p.image_url = r.Str(3);
  p.deposit = r.OptInt(4);
  p.quantity = r.OptInt(5);
  p.per_customer_limit = static_cast<int>(r.Int(6));
  p.sold = r.Int(7);
  p.interest = r.Int(8);
  p.paid_orders = r.Int(9);
  p.interest_starts_at = r.Int(10);
  p.order_starts_at = r.Int(11);
  p.order_ends_at = r.Int(12);
  p.balance_starts_at = r.OptInt(13);
  p.balance_ends_at = r.OptInt(14);
  p.ship_at = r.Int(15);
  if (auto c = r.OptInt(16)) p.candidate = VoteCandidateId(*c);
  p.status = FromText(kStatusText, r.Str(17)).value_or(Status::kClosed);
  p.balance_notice_at = r.OptInt(18);
  p.created_at = r.Int(19);
  return p;
}

PresaleOrder OrderFromRow(const storage::Row& r) {
  PresaleOrder o;
  o.order_id = r.IdAt(0);
  o.presale_id = r.IdAt(1);
  o.customer_id = r.IdAt(2);
  o.sku_id = r.IdAt(3);
  o.quantity = r.Int(4);
  o.payment = FromText(kPaymentText, r.Str(5)).value_or(Payment::kFull);
  o.state = FromText(kOrderStateText, r.Str(6)).value_or(OrderState::kCancelled);
  if (auto b = r.OptInt(7)) o.balance_order_id = OrderId(*b);
  o.created_at = r.Int(8);
  o.paid_at = r.OptInt(9);
  o.balance_paid_at = r.OptInt(10);
  o.closed_at = r.OptInt(11);
  return o;
}

Result<void> LoadPrices(Tx& tx, MerchantId merchant, std::vector<Presale>& sales) {
  if (sales.empty()) return {};
  std::map<Id, Presale*> by_id;
  std::string in;
  std::vector<storage::Param> params{merchant};
  for (auto& p : sales) {
    by_id[p.id.value()] = &p;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(p.id);
  }
  auto rows = tx.Query(
      "SELECT presale_id, sku_id, list_price, price FROM presale_price WHERE merchant_id = ? AND"
      " presale_id IN (" +
          in + ") ORDER BY presale_id, price, sku_id",
      storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    by_id[r.Int(0)]->prices.push_back(SkuPrice{r.IdAt(1), r.Int(2), r.Int(3)});
  }
  return {};
}

}  // namespace

Phase Presale::PhaseAt(Timestamp now) const {
  if (status == Status::kClosed) return Phase::kClosed;
  if (now < interest_starts_at) return Phase::kUpcoming;
  if (now < order_starts_at) return Phase::kInterest;
  if (now < order_ends_at) return Phase::kOrdering;
  if (deposit && balance_starts_at && now < *balance_starts_at) return Phase::kAwaitingBalance;
  if (deposit && balance_ends_at && now < *balance_ends_at) return Phase::kBalance;
  return Phase::kShipping;
}

Result<Presale> PresaleService::Create(Tx& tx, MerchantId merchant, const PresaleInput& in) {
  if (auto ok = Check(in); !ok) return Fail(ok.error());
  Timestamp now = clock_.Now();
  Presale p;
  p.id = ids_.Next<PresaleId>();
  p.merchant_id = merchant;
  p.product_id = in.product_id;
  p.title = in.title;
  p.image_url = in.image_url;
  p.prices = in.prices;
  p.deposit = in.deposit;
  p.quantity = in.quantity;
  p.per_customer_limit = in.per_customer_limit;
  p.interest_starts_at = in.interest_starts_at;
  p.order_starts_at = in.order_starts_at;
  p.order_ends_at = in.order_ends_at;
  p.balance_starts_at = in.balance_starts_at;
  p.balance_ends_at = in.balance_ends_at;
  p.ship_at = in.ship_at;
  p.candidate = in.candidate;
  p.created_at = now;
  std::optional<Id> candidate;
  if (in.candidate) candidate = in.candidate->value();
  auto ok = tx.Exec(
      "INSERT INTO presale_sale (id, merchant_id, product_id, title, image_url, deposit, quantity,"
      " per_customer_limit, sold, interest_count, paid_orders, interest_starts_at,"
      " order_starts_at, order_ends_at, balance_starts_at, balance_ends_at, ship_at, settled_at,"
      " candidate_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0,"
      " ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
      {p.id, merchant, p.product_id, p.title, p.image_url, p.deposit, p.quantity,
       p.per_customer_limit, p.interest_starts_at, p.order_starts_at, p.order_ends_at,
       p.balance_starts_at, p.balance_ends_at, p.ship_at, p.SettledAt(), candidate, now, now});
  if (!ok) return Fail(ok.error());
  for (const auto& sp : p.prices) {
    auto row = tx.Exec(
        "INSERT INTO presale_price (merchant_id, presale_id, sku_id, list_price, price) VALUES (?,"
        " ?, ?, ?, ?)",
        {merchant, p.id, sp.sku_id, sp.list_price, sp.price});
    if (!row) return Fail(row.error());
  }
  std::sort(p.prices.begin(), p.prices.end(), [](const SkuPrice& a, const SkuPrice& b) {
    return a.price != b.price ? a.price < b.price : a.sku_id.value() < b.sku_id.value();
  });
  return p;
}

Result<std::vector<Presale>> PresaleService::Select(Tx& tx, MerchantId merchant,
                                                    const std::string& where,
                                                    std::vector<storage::Param> params) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns + " FROM presale_sale WHERE " + where,
                       storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Presale> out;
  for (const auto& r : *rows) out.push_back(FromRow(r, merchant));
  if (auto ok = LoadPrices(tx, merchant, out); !ok) return Fail(ok.error());
  return out;
}

Result<Presale> PresaleService::Get(Tx& tx, MerchantId merchant, PresaleId id) {
  auto list = Select(tx, merchant, "id = ? AND merchant_id = ?", {id, merchant});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kNotFound, "no such pre-sale"));
  return std::move(list->front());
}

Result<std::vector<Presale>> PresaleService::List(Tx& tx, MerchantId merchant, PresaleId after,
                                                  int limit) {
  std::string where = "merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (after.valid()) {
    where += " AND id < ?";
    params.emplace_back(after);
  }
  where += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(limit);
  return Select(tx, merchant, where, std::move(params));
}

Result<Presale> PresaleService::Close(Tx& tx, MerchantId merchant, PresaleId id) {
  auto p = Get(tx, merchant, id);
  if (!p) return p;
  if (p->status == Status::kClosed) return p;
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE presale_sale SET status = 'closed', settled_at = CASE WHEN settled_at > ? THEN ?"
      " ELSE settled_at END, updated_at = ? WHERE id = ? AND merchant_id = ?",
      {now, now, now, id, merchant});
  if (!ok) return Fail(ok.error());
  p->status = Status::kClosed;
  return p;
}

Result<bool> PresaleService::RegisterInterest(Tx& tx, const Presale& p, CustomerId customer,
                                              InterestKind kind) {
  Timestamp now = clock_.Now();
  if (!p.CollectingInterest(now)) {
    return Fail(Conflict(errors::kNotCollecting, "this pre-sale is not collecting interest now"));
  }
  auto added = tx.Exec(
      "INSERT INTO presale_interest (merchant_id, presale_id, customer_id, kind, created_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (presale_id, customer_id) DO NOTHING",
      {p.merchant_id, p.id, customer, TextOf(kInterestKindText, kind), now});
  if (!added) return Fail(added.error());
  if (*added == 0) return false;
  auto counted = tx.Exec(
      "UPDATE presale_sale SET interest_count = interest_count + 1 WHERE id = ? AND merchant_id ="
      " ?",
      {p.id, p.merchant_id});
  if (!counted) return Fail(counted.error());
  return true;
}

Result<std::optional<Interest>> PresaleService::InterestOf(Tx& tx, MerchantId merchant,
                                                           PresaleId id, CustomerId customer) {
  auto row = tx.QueryOne(
      "SELECT customer_id, kind, created_at FROM presale_interest WHERE merchant_id = ? AND"
      " presale_id = ? AND customer_id = ?",
      {merchant, id, customer});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Interest>();
  const auto& r = **row;
  return std::optional<Interest>(Interest{
      r.IdAt(0), FromText(kInterestKindText, r.Str(1)).value_or(InterestKind::kLike), r.Int(2)});
}

Result<std::vector<Interest>> PresaleService::Interests(Tx& tx, MerchantId merchant, PresaleId id,
                                                        int limit) {
  auto rows = tx.Query(
      "SELECT customer_id, kind, created_at FROM presale_interest WHERE merchant_id = ? AND"
      " presale_id = ? ORDER BY created_at DESC, customer_id DESC LIMIT ?",
      {merchant, id, limit});
  if (!rows) return Fail(rows.error());
  std::vector<Interest> out;
  for (const auto& r : *rows) {
    out.push_back(Interest{
        r.IdAt(0), FromText(kInterestKindText, r.Str(1)).value_or(InterestKind::kLike), r.Int(2)});
  }
  return out;
}

Result<void> PresaleService::TakeUnits(Tx& tx, const Presale& p, CustomerId customer,
                                       std::int64_t quantity) {
  Timestamp now = clock_.Now();
  if (quantity < 1 || quantity > p.per_customer_limit) {
    return Fail(Conflict(errors::kLimitReached, "at most " + std::to_string(p.per_customer_limit) +
                                                    " unit(s) per customer"));
  }
  // The units first: on PostgreSQL this locks the pre-sale's row until the
  // unit ends, so the per-customer sum below sees every earlier order.
  auto taken = tx.Exec(
      "UPDATE presale_sale SET sold = sold + ? WHERE id = ? AND merchant_id = ? AND status ="
      " 'active' AND order_starts_at <= ? AND order_ends_at > ? AND (quantity IS NULL OR sold + ?"
      " <= quantity)",
      {quantity, p.id, p.merchant_id, now, now, quantity});
  if (!taken) return Fail(taken.error());
  if (*taken == 0) {
    auto fresh = Get(tx, p.merchant_id, p.id);
    if (!fresh) return Fail(fresh.error());
    if (!fresh->Ordering(now)) {
      return Fail(Conflict(errors::kNotOpen, "this pre-sale is not taking orders now"));
    }
    return Fail(Conflict(errors::kSoldOut, "the pre-sale's units are all taken"));
  }
  auto held = tx.QueryOne(
      "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM presale_order WHERE presale_id = ? "
      "AND"
      " customer_id = ? AND state IN ('held', 'paid', 'deposit_paid', 'balance_paid')",
      {p.id, customer});
  if (!held) return Fail(held.error());
  std::int64_t before = *held ? (**held).Int(0) : 0;
  if (before + quantity > p.per_customer_limit) {
    return Fail(Conflict(errors::kLimitReached,
                         "you hold " + std::to_string(before) + " unit(s) of this pre-sale; its" +
                             " limit per customer is " + std::to_string(p.per_customer_limit)));
  }
  return {};
}

Result<PresaleOrder> PresaleService::AddOrder(Tx& tx, const Presale& p, OrderId order,
                                              CustomerId customer, SkuId sku, std::int64_t quantity,
                                              Payment payment) {
  PresaleOrder o;
  o.order_id = order;
  o.presale_id = p.id;
  o.customer_id = customer;
  o.sku_id = sku;
  o.quantity = quantity;
  o.payment = payment;
  o.created_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO presale_order (merchant_id, order_id, presale_id, customer_id, sku_id,"
      " quantity, payment, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'held', ?)",
      {p.merchant_id, order, p.id, customer, sku, quantity, TextOf(kPaymentText, payment),
       o.created_at});
  if (!ok) return Fail(ok.error());
  return o;
}

Result<std::vector<PresaleOrder>> PresaleService::SelectOrders(Tx& tx, MerchantId merchant,
                                                               const std::string& where,
                                                               std::vector<storage::Param> params) {
  params.insert(params.begin(), storage::Param(merchant));
  auto rows = tx.Query(std::string("SELECT ") + kOrderColumns +
                           " FROM presale_order WHERE merchant_id = ? AND " + where,
                       storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<PresaleOrder> out;
  for (const auto& r : *rows) out.push_back(OrderFromRow(r));
  return out;
}

Result<PresaleOrder> PresaleService::GetOrder(Tx& tx, MerchantId merchant, OrderId order) {
  auto list = SelectOrders(tx, merchant, "order_id = ?", {order});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kOrderNotFound, "not a pre-sale order"));
  return std::move(list->front());
}

Result<std::optional<PresaleOrder>> PresaleService::OrderOfBalance(Tx& tx, MerchantId merchant,
                                                                   OrderId balance) {
  auto list = SelectOrders(tx, merchant, "balance_order_id = ?", {balance});
  if (!list) return Fail(list.error());
  if (list->empty()) return std::optional<PresaleOrder>();
  return std::optional<PresaleOrder>(std::move(list->front()));
}

Result<std::vector<PresaleOrder>> PresaleService::Orders(Tx& tx, MerchantId merchant, PresaleId id,
                                                         int limit) {
  return SelectOrders(
      tx, merchant, "presale_id = ? ORDER BY created_at DESC, order_id DESC LIMIT ?", {id, limit});
}

Result<void> PresaleService::SetBalanceOrder(Tx& tx, MerchantId merchant, OrderId order,
                                             OrderId balance) {
  auto ok = tx.Exec(
      "UPDATE presale_order SET balance_order_id = ? WHERE merchant_id = ? AND order_id = ? AND"
      " state = 'deposit_paid'",
      {balance, merchant, order});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) {
    return Fail(Conflict(errors::kBalanceNotDue, "this order is not awaiting its balance"));
  }
  return {};
}

Result<bool> PresaleService::MarkPaid(Tx& tx, MerchantId merchant, OrderId order) {
  Timestamp now = clock_.Now();
  auto own = tx.QueryOne(
      "SELECT presale_id, payment FROM presale_order WHERE merchant_id = ? AND order_id = ? AND"
      " state = 'held'",
      {merchant, order});
  if (!own) return Fail(own.error());
  if (*own) {
    PresaleId sale = (**own).IdAt(0);
    bool full = (**own).Str(1) == TextOf(kPaymentText, Payment::kFull);
    auto moved = tx.Exec(
        "UPDATE presale_order SET state = ?, paid_at = ? WHERE merchant_id = ? AND order_id = ? AND"
        " state = 'held'",
        {full ? "paid" : "deposit_paid", now, merchant, order});
    if (!moved) return Fail(moved.error());
    if (*moved == 0) return false;
    if (full) {
      auto counted = tx.Exec(
          "UPDATE presale_sale SET paid_orders = paid_orders + 1 WHERE id = ? AND merchant_id = ?",
          {sale, merchant});
      if (!counted) return Fail(counted.error());
    }
    return true;
  }
  auto of = tx.QueryOne(
      "SELECT presale_id, order_id FROM presale_order WHERE merchant_id = ? AND balance_order_id ="
      " ? AND state = 'deposit_paid'",
      {merchant, order});
  if (!of) return Fail(of.error());
  if (!*of) return false;
  auto moved = tx.Exec(
      "UPDATE presale_order SET state = 'balance_paid', balance_paid_at = ? WHERE merchant_id = ?"
      " AND order_id = ? AND state = 'deposit_paid'",
      {now, merchant, (**of).Int(1)});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) return false;
  auto counted = tx.Exec(
      "UPDATE presale_sale SET paid_orders = paid_orders + 1 WHERE id = ? AND merchant_id = ?",
      {(**of).Int(0), merchant});
  if (!counted) return Fail(counted.error());
  return true;
}

Result<bool> PresaleService::MarkCancelled(Tx& tx, MerchantId merchant, OrderId order) {
  auto o = SelectOrders(tx, merchant, "order_id = ?", {order});
  if (!o) return Fail(o.error());
  if (o->empty()) return false;
  const PresaleOrder& po = o->front();
  if (po.state == OrderState::kReleased || po.state == OrderState::kCancelled) return false;
  auto moved = tx.Exec(
      "UPDATE presale_order SET state = 'cancelled', closed_at = ? WHERE merchant_id = ? AND"
      " order_id = ? AND state = ?",
      {clock_.Now(), merchant, order, TextOf(kOrderStateText, po.state)});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) return false;
  bool counted = po.state == OrderState::kPaid || po.state == OrderState::kBalancePaid;
  auto back = tx.Exec(
      "UPDATE presale_sale SET sold = sold - ?, paid_orders = paid_orders - ? WHERE id = ? AND"
      " merchant_id = ?",
      {po.quantity, counted ? 1 : 0, po.presale_id, merchant});
  if (!back) return Fail(back.error());
  return true;
}

Result<std::vector<DueRelease>> PresaleService::DueReleases(Tx& tx, Timestamp now, int limit) {
  auto rows = tx.Query(
      "SELECT o.merchant_id, o.order_id FROM presale_order o JOIN presale_sale s ON s.id ="
      " o.presale_id WHERE o.state = 'deposit_paid' AND s.balance_ends_at <= ? ORDER BY"
      " s.balance_ends_at, o.order_id LIMIT ?",
      {now, limit});
  if (!rows) return Fail(rows.error());
  std::vector<DueRelease> out;
  for (const auto& r : *rows) out.push_back(DueRelease{r.IdAt(0), r.IdAt(1)});
  return out;
}

Result<PresaleOrder> PresaleService::Release(Tx& tx, MerchantId merchant, OrderId order) {
  auto o = GetOrder(tx, merchant, order);
  if (!o) return o;
  auto moved = tx.Exec(
      "UPDATE presale_order SET state = 'released', closed_at = ? WHERE merchant_id = ? AND"
      " order_id = ? AND state = 'deposit_paid'",
      {clock_.Now(), merchant, order});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) {
    return Fail(Conflict(errors::kReleaseRaced, "this order's balance was settled already"));
  }
  auto back = tx.Exec("UPDATE presale_sale SET sold = sold - ? WHERE id = ? AND merchant_id = ?",
                      {o->quantity, o->presale_id, merchant});
  if (!back) return Fail(back.error());
  o->state = OrderState::kReleased;
  return o;
}

Result<std::vector<std::pair<MerchantId, PresaleId>>> PresaleService::DueBalanceNotices(
    Tx& tx, Timestamp now, int limit) {
  auto rows = tx.Query(
      "SELECT merchant_id, id FROM presale_sale WHERE balance_starts_at <= ? AND balance_ends_at >"
      " ? AND balance_notice_at IS NULL ORDER BY balance_starts_at, id LIMIT ?",
      {now, now, limit});
  if (!rows) return Fail(rows.error());
  std::vector<std::pair<MerchantId, PresaleId>> out;
  for (const auto& r : *rows) out.emplace_back(r.IdAt(0), r.IdAt(1));
  return out;
}

Result<bool> PresaleService::ClaimBalanceNotice(Tx& tx, MerchantId merchant, PresaleId id) {
  auto ok = tx.Exec(
      "UPDATE presale_sale SET balance_notice_at = ? WHERE id = ? AND merchant_id = ? AND"
      " balance_notice_at IS NULL",
      {clock_.Now(), id, merchant});
  if (!ok) return Fail(ok.error());
  return *ok == 1;
}

Result<Recommendation> PresaleService::RecommendFor(Tx& tx, const Presale& p) {
  auto rows = tx.Query(
      "SELECT interest_count, paid_orders FROM presale_sale WHERE merchant_id = ? AND id <> ? AND"
      " settled_at <= ? AND interest_count > 0 ORDER BY settled_at DESC, id DESC LIMIT 50",
      {p.merchant_id, p.id, clock_.Now()});
  if (!rows) return Fail(rows.error());
  std::vector<double> rates;
  for (const auto& r : *rows) {
    rates.push_back(static_cast<double>(r.Int(1)) / static_cast<double>(r.Int(0)));
  }
  return Recommend(p.interest, rates);
}

Result<void> CheckShippable(Tx& tx, MerchantId merchant, OrderId order, Timestamp now) {
  auto balance =
      tx.QueryOne("SELECT 1 FROM presale_order WHERE merchant_id = ? AND balance_order_id = ?",
                  {merchant, order});
  if (!balance) return Fail(balance.error());
  if (*balance) {
    return Fail(Conflict(errors::kShipsWithDeposit,
                         "this is a pre-sale balance order: ship its deposit order, and this one"
                         " ships with it"));
  }
  auto row = tx.QueryOne(
      "SELECT o.state, s.ship_at FROM presale_order o JOIN presale_sale s ON s.id = o.presale_id"
      " WHERE o.merchant_id = ? AND o.order_id = ?",
      {merchant, order});
  if (!row) return Fail(row.error());
  if (!*row) return {};
  if ((**row).Str(0) == TextOf(kOrderStateText, OrderState::kDepositPaid)) {
    return Fail(
        Conflict(errors::kBalanceUnpaid, "this pre-sale order ships once its balance is paid"));
  }
  if (now < (**row).Int(1)) {
    return Fail(Conflict(errors::kBeforeShipDate,
                         "this pre-sale order ships from the pre-sale's ship date"));
  }
  return {};
}

Result<std::optional<OrderId>> BalanceShippingWith(Tx& tx, MerchantId merchant, OrderId order) {
  auto row = tx.QueryOne(
      "SELECT balance_order_id FROM presale_order WHERE merchant_id = ? AND order_id = ? AND"
      " state = 'balance_paid' AND balance_order_id IS NOT NULL",
      {merchant, order});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<OrderId>();
  return std::optional<OrderId>(OrderId((**row).Int(0)));
}

Result<bool> IsBalanceOrder(Tx& tx, MerchantId merchant, OrderId order) {
  auto row =
      tx.QueryOne("SELECT 1 FROM presale_order WHERE merchant_id = ? AND balance_order_id = ?",
                  {merchant, order});
  if (!row) return Fail(row.error());
  return row->has_value();
}

}  // namespace weishang::presale
