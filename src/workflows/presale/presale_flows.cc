#include "workflows/presale/presale_flows.h"

#include <algorithm>

#include "core/json.h"
#include "core/money.h"
#include "core/utf8.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/order/order_events.h"
#include "modules/presale/presale_errors.h"
#include "modules/votes/votes_errors.h"
#include "workflows/attribution/attribution_flows.h"
#include "workflows/orders/order_flows.h"

namespace weishang::workflows {
namespace {

using presale::OrderState;
using presale::Payment;

constexpr int kBatch = 200;
constexpr int kMaxVotersCredited = 5000;

Error NoSuchPresale() { return NotFound(presale::errors::kNotFound, "no such pre-sale"); }

// `text` cut to at most `chars` characters.
std::string Cut(std::string text, std::size_t chars) {
  while (CountUtf8Chars(text) > chars) text = std::string(Utf8Prefix(text, text.size() - 1));
  return text;
}

// A name of at most 40 characters for the attribution campaign.
std::string CampaignName(const std::string& prefix, const std::string& title) {
  return Cut(prefix + title, 40);
}

Result<void> AddGrowthCampaign(storage::Tx& tx, Modules& m, MerchantId merchant,
                               attribution::CampaignKind kind, const std::string& name,
                               const std::string& ref) {
  attribution::CampaignInput in;
  in.name = name;
  in.kind = kind;
  in.ref = ref;
  auto c = m.attribution.CreateCampaign(tx, merchant, in);
  if (!c) return Fail(c.error());
  return {};
}

// A paid deposit order of a released reservation: its money back through
// the provider, the units back on the shelf, each line's refund recorded
// and the order closed.
Result<void> RefundDeposit(storage::Tx& tx, Modules& m, const order::Order& o, PresaleId sale) {
  Fen left = o.totals.total - o.refunded_total;
  std::string why = "pre-sale " + EncodeId(sale) + ": balance unpaid, deposit refunded";
  if (left > 0) {
    auto refund = m.payments.RefundOrder(tx, o.merchant_id, o.id, left, why);
    if (!refund) return Fail(refund.error());
  }
  Fen lines_left = 0;
  std::vector<inventory::Units> back;
  for (const auto& l : o.lines) {
    std::int64_t qty = l.quantity - l.refunded_quantity;
    Fen amount = l.payable - l.refunded_amount;
    if (qty <= 0 && amount <= 0) continue;
    lines_left += amount;
    if (auto ok = m.orders.RecordRefund(tx, o.merchant_id, o.id, l.line_no, qty, amount, "system");
        !ok) {
      return Fail(ok.error());
    }
    if (qty > 0) back.push_back(inventory::Units{l.sku_id, qty});
  }
  if (Fen postage = left - lines_left; postage > 0) {
    if (auto ok = m.orders.RecordRefund(tx, o.merchant_id, o.id, 0, 0, postage, "system"); !ok) {
      return Fail(ok.error());
    }
  }
  if (!back.empty()) {
    if (auto ok = m.inventory.Restore(tx, o.merchant_id, back); !ok) return Fail(ok.error());
  }
  auto closed = m.orders.CloseRefunded(tx, o.merchant_id, o.id, "system");
  if (!closed) return Fail(closed.error());
  return m.orders.AddEvent(tx, o.merchant_id, o.id, "presale_released", "system", why);
}

// A store message (a service message in the customer's message centre) to
// each of `customers`, as one outreach campaign sent at once.
Result<std::int64_t> TellCustomers(storage::Tx& tx, PresaleWiring& w, Timestamp now,
                                   MerchantId merchant, const std::string& title,
                                   const std::string& body, std::optional<ProductId> product,
                                   const std::string& source, StaffId staff,
                                   const std::vector<CustomerId>& customers) {
  if (customers.empty()) return std::int64_t{0};
  outreach::CampaignInput in;
  in.title = Cut(title, 60);
  in.body = Cut(body, 500);
  in.product = product;
  in.kind = outreach::Kind::kService;
  in.scheduled_at = in.send_at = now;
  in.created_by = staff;
  auto c = w.outreach.CreateCampaign(tx, merchant, in);
  if (!c) return Fail(c.error());
  auto claimed = w.outreach.Claim(tx, merchant, c->id);
  if (!claimed) return Fail(claimed.error());
  std::int64_t sent = 0;
  for (CustomerId cus : customers) {
    auto fresh =
        w.outreach.Deliver(tx, merchant, c->id, cus, std::nullopt, outreach::SmsOutcome::kNone);
    if (!fresh) return Fail(fresh.error());
    if (!*fresh) continue;
    ++sent;
    auto logged = w.outreach.RecordContact(
        tx, merchant, outreach::Contact{cus, outreach::Kind::kService, source, "message", now});
    if (!logged) return Fail(logged.error());
  }
  auto done = w.outreach.Finish(tx, merchant, c->id, static_cast<std::int64_t>(customers.size()));
  if (!done) return Fail(done.error());
  return sent;
}

}  // namespace

Result<presale::Presale> CreatePresale(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                       MerchantId merchant, const PresaleRequest& in) {
  auto product = m.catalog.GetProduct(tx, merchant, in.product_id);
  if (!product) return Fail(product.error());
  presale::PresaleInput pi;
  pi.product_id = in.product_id;
  pi.title = in.title;
  pi.image_url = in.image_url;
  pi.deposit = in.deposit;
  pi.quantity = in.quantity;
  pi.per_customer_limit = in.per_customer_limit;
  pi.interest_starts_at = in.interest_starts_at;
  pi.order_starts_at = in.order_starts_at;
  pi.order_ends_at = in.order_ends_at;
  pi.balance_starts_at = in.balance_starts_at;
  pi.balance_ends_at = in.balance_ends_at;
  pi.ship_at = in.ship_at;
  pi.candidate = in.candidate;
  for (const auto& p : in.prices) {
    auto sku = std::find_if(product->skus.begin(), product->skus.end(),
                            [&](const catalog::Sku& s) { return s.id == p.sku_id; });
    if (sku == product->skus.end()) {
      return Fail(Invalid(presale::errors::kSkuNotInPresale,
                          "SKU " + EncodeId(p.sku_id) + " is not one of the product's"));
    }
    pi.prices.push_back(presale::SkuPrice{p.sku_id, sku->price, p.price});
  }
  auto sale = w.sales.Create(tx, merchant, pi);
  if (!sale) return sale;
  if (in.attribution_campaign) {
    if (auto ok = AddGrowthCampaign(tx, m, merchant, attribution::CampaignKind::kPresale,
                                    CampaignName("预售·", sale->title), EncodeId(sale->id));
        !ok) {
      return Fail(ok.error());
    }
  }
  return sale;
}

Result<InterestOutcome> RegisterPresaleInterest(storage::Tx& tx, PresaleWiring& w,
                                                MerchantId merchant, PresaleId id,
                                                CustomerId customer, presale::InterestKind kind) {
  auto sale = w.sales.Get(tx, merchant, id);
  if (!sale) return Fail(sale.error());
  auto added = w.sales.RegisterInterest(tx, *sale, customer, kind);
  if (!added) return Fail(added.error());
  auto after = w.sales.Get(tx, merchant, id);
  if (!after) return Fail(after.error());
  return InterestOutcome{std::move(*after), *added};
}

Result<PreparedPresaleOrder> PreparePresaleOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                                 const PresaleOrderRequest& req, Timestamp now) {
  auto sale = w.sales.Get(tx, req.merchant_id, req.presale_id);
  if (!sale) return Fail(sale.error());
  if (!sale->Ordering(now)) {
    return Fail(Conflict(presale::errors::kNotOpen, "this pre-sale is not taking orders now"));
  }
  const presale::SkuPrice* price = sale->PriceOf(req.sku_id);
  if (price == nullptr) {
    return Fail(Invalid(presale::errors::kSkuNotInPresale, "this SKU is not sold in the pre-sale"));
  }
  if (req.payment == Payment::kDeposit && !sale->deposit) {
    return Fail(Invalid(presale::errors::kNoDeposit, "this pre-sale takes full payment only"));
  }
  Fen unit = req.payment == Payment::kDeposit ? *sale->deposit : price->price;
  PlaceOrderRequest place;
  place.quote.merchant_id = req.merchant_id;
  place.quote.lines.push_back(LineRequest{req.sku_id, req.quantity, unit});
  place.quote.customer_key = req.buyer.phone;
  place.buyer = req.buyer;
  place.visitor = req.visitor;
  place.explain = false;
  auto prepared = PrepareOrder(tx, m, place, now);
  if (!prepared) return Fail(prepared.error());
  return PreparedPresaleOrder{std::move(*prepared), std::move(*sale), req};
}

Result<PresaleOrderPlaced> CommitPresaleOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                              const PreparedPresaleOrder& p) {
  MerchantId merchant = p.sale.merchant_id;
  if (auto ok = w.sales.TakeUnits(tx, p.sale, p.req.customer, p.req.quantity); !ok) {
    return Fail(ok.error());
  }
  PreparedOrder prepared = p.order;
  // An unpaid order gives its units back by the end of the order period at the latest.
  prepared.order.pay_deadline = std::min(prepared.order.pay_deadline, p.sale.order_ends_at);
  auto o = CommitOrder(tx, m, prepared);
  if (!o) return Fail(o.error());
  auto entry = w.sales.AddOrder(tx, p.sale, o->id, p.req.customer, p.req.sku_id, p.req.quantity,
                                p.req.payment);
  if (!entry) return Fail(entry.error());
  if (auto ok = m.customers.LinkOrder(tx, merchant, p.req.customer, o->id, o->totals.total,
                                      o->created_at);
      !ok) {
    return Fail(ok.error());
  }
  std::string what =
      std::string(p.req.payment == Payment::kDeposit ? "deposit " : "full ") + EncodeId(p.sale.id);
  if (auto ok = m.orders.AddEvent(tx, merchant, o->id, "presale_ordered", "buyer", what); !ok) {
    return Fail(ok.error());
  }
  return PresaleOrderPlaced{std::move(*entry), std::move(*o)};
}

Result<PreparedBalance> PrepareBalanceOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                            MerchantId merchant, OrderId deposit_order,
                                            CustomerId customer, Timestamp now) {
  auto entry = w.sales.GetOrder(tx, merchant, deposit_order);
  if (!entry) return Fail(entry.error());
  if (entry->customer_id != customer) {
    return Fail(NotFound(presale::errors::kOrderNotFound, "not a pre-sale order of yours"));
  }
  if (entry->state != OrderState::kDepositPaid) {
    return Fail(
        Conflict(presale::errors::kBalanceNotDue, "this order is not awaiting its balance"));
  }
  auto sale = w.sales.Get(tx, merchant, entry->presale_id);
  if (!sale) return Fail(sale.error());
  if (!sale->BalanceOpen(now)) {
    return Fail(Conflict(presale::errors::kBalanceNotOpen, "the balance period is not open now"));
  }
  if (entry->balance_order_id) {
    auto earlier = m.orders.Get(tx, merchant, *entry->balance_order_id);
    if (!earlier) return Fail(earlier.error());
    if (earlier->status == order::Status::kPendingPayment) {
      return Fail(Conflict(presale::errors::kBalancePending,
                           "a balance order is waiting for payment: " + EncodeId(earlier->id)));
    }
  }
  const presale::SkuPrice* price = sale->PriceOf(entry->sku_id);
  if (price == nullptr || !sale->deposit) {
    return Fail(Invalid(presale::errors::kSkuNotInPresale, "this SKU is not sold in the pre-sale"));
  }
  auto deposit = m.orders.Get(tx, merchant, deposit_order);
  if (!deposit) return Fail(deposit.error());
  PlaceOrderRequest place;
  place.quote.merchant_id = merchant;
  place.quote.lines.push_back(
      LineRequest{entry->sku_id, entry->quantity, price->price - *sale->deposit});
  place.quote.customer_key = deposit->buyer.phone;
  place.buyer = deposit->buyer;
  place.explain = false;
  auto prepared = PrepareOrder(tx, m, place, now);
  if (!prepared) return Fail(prepared.error());
  return PreparedBalance{std::move(*prepared), std::move(*entry), std::move(*sale)};
}

Result<PresaleOrderPlaced> CommitBalanceOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                              const PreparedBalance& p) {
  MerchantId merchant = p.sale.merchant_id;
  PreparedOrder prepared = p.order;
  prepared.units.clear();  // the deposit order holds the units
  prepared.order.pay_deadline = *p.sale.balance_ends_at;
  // Postage was paid with the deposit.
  prepared.order.totals.total -= prepared.order.totals.postage;
  prepared.order.totals.postage = 0;
  auto o = CommitOrder(tx, m, prepared);
  if (!o) return Fail(o.error());
  if (auto ok = w.sales.SetBalanceOrder(tx, merchant, p.entry.order_id, o->id); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = m.customers.LinkOrder(tx, merchant, p.entry.customer_id, o->id, o->totals.total,
                                      o->created_at);
      !ok) {
    return Fail(ok.error());
  }
  if (auto ok = m.orders.AddEvent(tx, merchant, o->id, "presale_balance", "buyer",
                                  EncodeId(p.entry.order_id));
      !ok) {
    return Fail(ok.error());
  }
  auto entry = w.sales.GetOrder(tx, merchant, p.entry.order_id);
  if (!entry) return Fail(entry.error());
  return PresaleOrderPlaced{std::move(*entry), std::move(*o)};
}

Result<presale::PresaleOrder> ReleaseUnpaidDeposit(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                                   MerchantId merchant, OrderId order) {
  auto entry = w.sales.GetOrder(tx, merchant, order);
  if (!entry) return entry;
  if (entry->state != OrderState::kDepositPaid) {
    return Fail(Conflict(presale::errors::kReleaseRaced, "this order's balance was settled"));
  }
  if (entry->balance_order_id) {
    auto balance = m.orders.Get(tx, merchant, *entry->balance_order_id);
    if (!balance) return Fail(balance.error());
    if (balance->status == order::Status::kPendingPayment) {
      auto cancelled =
          m.orders.Cancel(tx, merchant, balance->id, "pre-sale balance period ended", "system");
      if (!cancelled) return Fail(cancelled.error());
    } else if (balance->status != order::Status::kCancelled) {
      // Paid before its order.paid was handled: the balance is paid.
      auto paid = w.sales.MarkPaid(tx, merchant, balance->id);
      if (!paid) return Fail(paid.error());
      return w.sales.GetOrder(tx, merchant, order);
    }
  }
  auto released = w.sales.Release(tx, merchant, order);
  if (!released) return released;
  auto deposit = m.orders.Get(tx, merchant, order);
  if (!deposit) return Fail(deposit.error());
  if (deposit->status == order::Status::kPaid) {
    if (auto ok = RefundDeposit(tx, m, *deposit, entry->presale_id); !ok) return Fail(ok.error());
  }
  return released;
}

Result<std::int64_t> SendBalanceNotices(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                        MerchantId merchant, PresaleId id) {
  auto claimed = w.sales.ClaimBalanceNotice(tx, merchant, id);
  if (!claimed) return Fail(claimed.error());
  if (!*claimed) return std::int64_t{0};
  auto sale = w.sales.Get(tx, merchant, id);
  if (!sale) return Fail(sale.error());
  auto orders = w.sales.Orders(tx, merchant, id, 100000);
  if (!orders) return Fail(orders.error());
  std::vector<CustomerId> due;
  for (const auto& o : *orders) {
    if (o.state != OrderState::kDepositPaid) continue;
    if (std::find(due.begin(), due.end(), o.customer_id) == due.end()) {
      due.push_back(o.customer_id);
    }
  }
  std::string body = "您预订的「" + sale->title + "」可以支付尾款了，请在 " +
                     FormatIso8601(*sale->balance_ends_at) +
                     " 前到「我的预售」支付；逾期未付，预订释放，定金全额退回。";
  return TellCustomers(tx, w, m.clock.Now(), merchant, "预售尾款开始支付：" + sale->title, body,
                       sale->product_id, "presale:" + EncodeId(id), StaffId(), due);
}

std::vector<Job> PresaleJobs(PresaleWiring& w) {
  return {
      {"presale_balance_notices",
       [&w](storage::Database& db, Modules& m, Timestamp now) -> Result<JobTally> {
         auto due = storage::ReadValue(
             db, [&](storage::Tx& tx) { return w.sales.DueBalanceNotices(tx, now, kBatch); });
         if (!due) return Fail(due.error());
         JobTally tally;
         for (const auto& [merchant, id] : *due) {
           auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
             auto sent = SendBalanceNotices(tx, m, w, merchant, id);
             if (!sent) return Fail(sent.error());
             return {};
           });
           if (ok) {
             ++tally.handled;
           } else if (ok.error().kind == ErrorKind::kConflict) {
             ++tally.conflicts;
           } else {
             return Fail(ok.error());
           }
         }
         return tally;
       }},
      {"release_unpaid_presale_deposits",
       [&w](storage::Database& db, Modules& m, Timestamp now) -> Result<JobTally> {
         auto due = storage::ReadValue(
             db, [&](storage::Tx& tx) { return w.sales.DueReleases(tx, now, kBatch); });
         if (!due) return Fail(due.error());
         JobTally tally;
         for (const auto& d : *due) {
           auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
             auto r = ReleaseUnpaidDeposit(tx, m, w, d.merchant_id, d.order_id);
             if (!r) return Fail(r.error());
             return {};
           });
           if (ok) {
             ++tally.handled;
           } else if (ok.error().kind == ErrorKind::kConflict) {
             ++tally.conflicts;
           } else {
             return Fail(ok.error());
           }
         }
         return tally;
       }},
  };
}

events::Handler PresaleHandler(PresaleWiring& w) {
  return events::Handler{"presale",
                         {std::string(order::kOrderPaid), std::string(order::kOrderCancelled)},
                         [&w](storage::Tx& tx, const events::Event& e) -> Result<void> {
                           auto payload = ParseObject(e.payload);
                           if (!payload) return {};
                           auto order_id = DecodeId<OrderId>(JsonReader(*payload).Str("order_id"));
                           if (!order_id) return {};
                           if (e.kind == order::kOrderPaid) {
                             auto paid = w.sales.MarkPaid(tx, e.merchant_id, *order_id);
                             if (!paid) return Fail(paid.error());
                             return {};
                           }
                           auto gone = w.sales.MarkCancelled(tx, e.merchant_id, *order_id);
                           if (!gone) return Fail(gone.error());
                           return {};
                         }};
}

Result<PresaleDetail> LoadPresaleDetail(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                        MerchantId merchant, PresaleId id) {
  auto sale = w.sales.Get(tx, merchant, id);
  if (!sale) return Fail(sale.error());
  auto product = m.catalog.GetProduct(tx, merchant, sale->product_id);
  auto orders = w.sales.Orders(tx, merchant, id, 200);
  if (!orders) return Fail(orders.error());
  auto interests = w.sales.Interests(tx, merchant, id, 200);
  if (!interests) return Fail(interests.error());
  auto rec = w.sales.RecommendFor(tx, *sale);
  if (!rec) return Fail(rec.error());
  return PresaleDetail{std::move(*sale), product ? product->title : std::string(),
                       std::move(*orders), std::move(*interests), std::move(*rec)};
}

Result<StorePresale> LoadStorePresale(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                      MerchantId merchant, PresaleId id,
                                      std::optional<CustomerId> viewer) {
  auto sale = w.sales.Get(tx, merchant, id);
  if (!sale) return Fail(sale.error());
  auto product = m.catalog.GetProduct(tx, merchant, sale->product_id);
  if (!product || product->status != catalog::ProductStatus::kOnSale) return Fail(NoSuchPresale());
  StorePresale out{std::move(*sale), std::move(*product), std::nullopt, {}};
  if (viewer) {
    auto interest = w.sales.InterestOf(tx, merchant, id, *viewer);
    if (!interest) return Fail(interest.error());
    out.interest = *interest;
    auto orders = w.sales.Orders(tx, merchant, id, 100000);
    if (!orders) return Fail(orders.error());
    for (auto& o : *orders) {
      if (o.customer_id == *viewer) out.mine.push_back(std::move(o));
    }
  }
  return out;
}

// --- votes ---

Result<votes::Vote> CreateVote(storage::Tx& tx, Modules& m, PresaleWiring& w, MerchantId merchant,
                               const votes::VoteInput& in, bool attribution_campaign) {
  auto v = w.votes.Create(tx, merchant, in);
  if (!v) return v;
  if (attribution_campaign) {
    if (auto ok = AddGrowthCampaign(tx, m, merchant, attribution::CampaignKind::kVote,
                                    CampaignName("投票·", v->title), EncodeId(v->id));
        !ok) {
      return Fail(ok.error());
    }
  }
  return v;
}

Result<std::vector<Converted>> ConvertWinners(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                              MerchantId merchant, VoteId vote_id,
                                              const ConvertRequest& in) {
  auto vote = w.votes.Get(tx, merchant, vote_id);
  if (!vote) return Fail(vote.error());
  if (in.winners.empty()) {
    return Fail(Invalid(votes::errors::kInvalidField, "name at least one winner"));
  }
  std::vector<Converted> out;
  for (const auto& win : in.winners) {
    const votes::Candidate* c = vote->Find(win.candidate);
    if (c == nullptr) {
      return Fail(NotFound(votes::errors::kCandidateNotFound, "no such candidate in this vote"));
    }
    if (c->presale_id) {
      return Fail(
          Conflict(votes::errors::kAlreadyConverted, "「" + c->title + "」 is a pre-sale already"));
    }
    if (win.price < 1 || win.price > kMaxFen) {
      return Fail(Invalid(presale::errors::kInvalidField, "a winner's price is at least 1 fen"));
    }
    ProductId product_id;
    SkuId sku_id;
    if (c->product_id) {
      auto p = m.catalog.GetProduct(tx, merchant, *c->product_id);
      if (!p) return Fail(p.error());
      product_id = p->id;
      sku_id = p->skus.front().id;
    } else {
      catalog::ProductInput pi;
      pi.title = c->title;
      pi.subtitle = Cut(vote->title, 60);
      pi.description = c->description;
      pi.skus.push_back(catalog::SkuInput{{}, win.price, std::nullopt, std::nullopt});
      auto p = m.catalog.CreateProduct(tx, merchant, pi);
      if (!p) return Fail(p.error());
      auto on = m.catalog.ChangeStatus(tx, merchant, p->id, catalog::ProductAction::kPublish);
      if (!on) return Fail(on.error());
      product_id = p->id;
      sku_id = p->skus.front().id;
      if (auto ok = m.inventory.SetAvailable(tx, merchant, sku_id, win.quantity.value_or(0)); !ok) {
        return Fail(ok.error());
      }
    }
    PresaleRequest pr;
    pr.product_id = product_id;
    pr.title = c->title;
    pr.image_url = c->image_urls.empty() ? std::string() : c->image_urls.front();
    pr.prices.push_back(PresalePriceRequest{sku_id, win.price});
    pr.deposit = win.deposit;
    pr.quantity = win.quantity;
    pr.per_customer_limit = in.per_customer_limit;
    pr.interest_starts_at = in.interest_starts_at;
    pr.order_starts_at = in.order_starts_at;
    pr.order_ends_at = in.order_ends_at;
    pr.balance_starts_at = win.deposit ? in.balance_starts_at : std::nullopt;
    pr.balance_ends_at = win.deposit ? in.balance_ends_at : std::nullopt;
    pr.ship_at = in.ship_at;
    pr.candidate = c->id;
    auto sale = CreatePresale(tx, m, w, merchant, pr);
    if (!sale) return Fail(sale.error());
    if (auto ok = w.votes.MarkConverted(tx, merchant, c->id, product_id, sale->id); !ok) {
      return Fail(ok.error());
    }
    auto voters = w.votes.Voters(tx, merchant, c->id, kMaxVotersCredited);
    if (!voters) return Fail(voters.error());
    Timestamp now = m.clock.Now();
    for (CustomerId cus : *voters) {
      crm::Interaction note;
      note.customer_id = cus;
      note.staff_id = in.staff;
      note.kind = crm::InteractionKind::kNote;
      note.summary = "投票支持「" + c->title + "」（" + vote->title + "），该款已转为预售 " +
                     EncodeId(sale->id);
      note.happened_at = now;
      auto logged = m.crm.LogInteraction(tx, merchant, note);
      if (!logged) return Fail(logged.error());
    }
    std::string body = "您投票支持的「" + c->title + "」入选了！现已开放预售登记，点击查看。";
    auto told = TellCustomers(tx, w, now, merchant, "您投票的款式开放预售：" + c->title, body,
                              product_id, "presale:" + EncodeId(sale->id), in.staff, *voters);
    if (!told) return Fail(told.error());
    out.push_back(
        Converted{c->id, product_id, std::move(*sale), static_cast<std::int64_t>(voters->size())});
  }
  return out;
}

}  // namespace weishang::workflows
