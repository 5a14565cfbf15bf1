#include "workflows/groupbuy/groupbuy_flows.h"

#include <algorithm>

#include "core/json.h"
#include "core/log.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/groupbuy/groupbuy_errors.h"
#include "modules/order/order_events.h"
#include "workflows/orders/order_flows.h"

namespace weishang::workflows {
namespace {

using groupbuy::GroupState;
using groupbuy::MemberState;

constexpr int kBatch = 200;

Error NoSuchCampaign() { return NotFound(groupbuy::errors::kNotFound, "no such group buy"); }

// A paid order of an expired group: the rest of its money back through the
// provider (after-sales may have refunded part), the units not yet refunded
// back on the shelf, each line's refund recorded, and the order closed.
Result<void> RefundWholeOrder(storage::Tx& tx, Modules& m, const order::Order& o,
                              GroupbuyGroupId group) {
  Fen left = o.totals.total - o.refunded_total;
  std::string why = "group buy " + EncodeId(group) + " expired unfilled";
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
  return m.orders.AddEvent(tx, o.merchant_id, o.id, "groupbuy_refunded", "system", why);
}

// A member holding a place: their order is waiting for payment or paid.
bool Active(const groupbuy::Member& mb) {
  return mb.state == MemberState::kHeld || mb.state == MemberState::kPaid;
}

// What a buyer sees of a group: its real members, without those who left
// unpaid (released). An expired group still shows who had paid (refunded).
void KeepShown(groupbuy::Group& g) {
  std::erase_if(g.members,
                [](const groupbuy::Member& mb) { return mb.state == MemberState::kReleased; });
}

}  // namespace

Result<groupbuy::Campaign> CreateGroupbuyCampaign(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                                  MerchantId merchant, const CampaignRequest& in) {
  auto product = m.catalog.GetProduct(tx, merchant, in.product_id);
  if (!product) return Fail(product.error());
  groupbuy::CampaignInput ci;
  ci.product_id = in.product_id;
  ci.title = in.title;
  ci.group_size = in.group_size;
  ci.window_hours = in.window_hours;
  ci.per_customer_limit = in.per_customer_limit;
  ci.starts_at = in.starts_at;
  ci.ends_at = in.ends_at;
  for (const auto& p : in.prices) {
    auto sku = std::find_if(product->skus.begin(), product->skus.end(),
                            [&](const catalog::Sku& s) { return s.id == p.sku_id; });
    if (sku == product->skus.end()) {
      return Fail(Invalid(groupbuy::errors::kSkuNotInCampaign,
                          "SKU " + EncodeId(p.sku_id) + " is not one of the product's"));
    }
    ci.prices.push_back(groupbuy::SkuPrice{p.sku_id, sku->price, p.group_price});
  }
  return w.groups.CreateCampaign(tx, merchant, ci);
}

std::string GroupMemberName(const customers::Customer& c) {
  if (!c.display_name.empty()) return c.display_name;
  if (c.phone.size() >= 4) return "尾号" + c.phone.substr(c.phone.size() - 4);
  return "顾客";
}

Result<PreparedGroupOrder> PrepareGroupOrder(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                             const GroupOrderRequest& req, Timestamp now) {
  PreparedGroupOrder out;
  GroupbuyCampaignId campaign_id;
  if (req.group) {
    auto g = w.groups.GetGroup(tx, req.merchant_id, *req.group);
    if (!g) return Fail(g.error());
    if (g->state != GroupState::kOpen || g->deadline <= now) {
      return Fail(Conflict(groupbuy::errors::kGroupClosed, "the group is no longer open"));
    }
    campaign_id = g->campaign_id;
    out.group = g->id;
  } else if (req.campaign) {
    campaign_id = *req.campaign;
  } else {
    return Fail(NoSuchCampaign());
  }
  auto c = w.groups.GetCampaign(tx, req.merchant_id, campaign_id);
  if (!c) return Fail(c.error());
  if (!req.group && !c->Live(now)) {
    return Fail(Conflict(groupbuy::errors::kNotLive,
                         "the group buy is not running now: no group can open"));
  }
  const groupbuy::SkuPrice* price = c->PriceOf(req.sku_id);
  if (price == nullptr) {
    return Fail(
        Invalid(groupbuy::errors::kSkuNotInCampaign, "this SKU is not sold in the group buy"));
  }
  PlaceOrderRequest place;
  place.quote.merchant_id = req.merchant_id;
  place.quote.lines.push_back(LineRequest{req.sku_id, 1, price->group_price});
  place.buyer = req.buyer;
  place.explain = false;
  auto prepared = PrepareOrder(tx, m, place, now);
  if (!prepared) return Fail(prepared.error());
  out.order = std::move(*prepared);
  out.campaign = std::move(*c);
  out.customer = req.customer;
  out.shown_name = req.shown_name;
  return out;
}

Result<GroupOrder> CommitGroupOrder(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                    const PreparedGroupOrder& p) {
  MerchantId merchant = p.campaign.merchant_id;
  GroupbuyGroupId group_id;
  if (p.group) {
    group_id = *p.group;
  } else {
    auto opened = w.groups.OpenGroup(tx, p.campaign, p.customer);
    if (!opened) return Fail(opened.error());
    group_id = opened->id;
  }
  auto g = w.groups.TakePlace(tx, merchant, group_id, p.customer, p.campaign.per_customer_limit);
  if (!g) return Fail(g.error());
  PreparedOrder prepared = p.order;
  // An unpaid place must be given back by the group's deadline.
  prepared.order.pay_deadline = std::min(prepared.order.pay_deadline, g->deadline);
  auto o = CommitOrder(tx, m, prepared);
  if (!o) return Fail(o.error());
  if (auto ok = w.groups.AddMember(tx, *g, o->id, p.customer, p.shown_name); !ok) {
    return Fail(ok.error());
  }
  if (auto ok =
          m.customers.LinkOrder(tx, merchant, p.customer, o->id, o->totals.total, o->created_at);
      !ok) {
    return Fail(ok.error());
  }
  if (auto ok = m.orders.AddEvent(tx, merchant, o->id, "groupbuy_joined", "buyer", EncodeId(g->id));
      !ok) {
    return Fail(ok.error());
  }
  auto after = w.groups.GetGroup(tx, merchant, group_id);
  if (!after) return Fail(after.error());
  return GroupOrder{std::move(*after), std::move(*o)};
}

Result<groupbuy::Group> ExpireGroup(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                    MerchantId merchant, GroupbuyGroupId group) {
  // The group first, as every unit that moves it and its members does.
  if (auto ok = w.groups.LockGroup(tx, merchant, group); !ok) return Fail(ok.error());
  auto g = w.groups.GetGroup(tx, merchant, group);
  if (!g) return g;
  if (g->state != GroupState::kOpen) {
    return Fail(Conflict(groupbuy::errors::kGroupClosed, "the group is no longer open"));
  }
  // Orders paid whose order.paid the handler has not passed yet are paid.
  for (const auto& mb : g->members) {
    if (mb.state != MemberState::kHeld) continue;
    auto o = m.orders.Get(tx, merchant, mb.order_id);
    if (!o) return Fail(o.error());
    if (o->status == order::Status::kPendingPayment || o->status == order::Status::kCancelled) {
      continue;
    }
    auto paid = w.groups.MarkPaid(tx, merchant, mb.order_id);
    if (!paid) return Fail(paid.error());
    if (paid->filled) return w.groups.GetGroup(tx, merchant, group);
  }
  auto expired = w.groups.Expire(tx, merchant, group);
  if (!expired) return expired;
  for (const auto& mb : expired->members) {
    if (!Active(mb)) continue;
    auto o = m.orders.Get(tx, merchant, mb.order_id);
    if (!o) return Fail(o.error());
    if (o->status == order::Status::kPendingPayment) {
      auto cancelled = CancelOrder(tx, m, merchant, o->id, "group buy expired", "system");
      if (!cancelled) return Fail(cancelled.error());
    } else if (o->status == order::Status::kPaid) {
      if (auto ok = RefundWholeOrder(tx, m, *o, group); !ok) return Fail(ok.error());
    }
    MemberState close =
        mb.state == MemberState::kPaid ? MemberState::kRefunded : MemberState::kReleased;
    if (auto ok = w.groups.CloseMember(tx, merchant, mb.order_id, close); !ok) {
      return Fail(ok.error());
    }
  }
  return w.groups.GetGroup(tx, merchant, group);
}

std::vector<Job> GroupbuyJobs(GroupbuyWiring& w) {
  return {
      {"expire_group_buys",
       [&w](storage::Database& db, Modules& m, Timestamp now) -> Result<JobTally> {
         auto due = storage::ReadValue(
             db, [&](storage::Tx& tx) { return w.groups.DueExpiries(tx, now, kBatch); });
         if (!due) return Fail(due.error());
         JobTally tally;
         for (const auto& d : *due) {
           auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
             auto g = ExpireGroup(tx, m, w, d.merchant_id, d.group_id);
             if (!g) return Fail(g.error());
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

events::Handler GroupbuyHandler(GroupbuyWiring& w) {
  return events::Handler{"groupbuy",
                         {std::string(order::kOrderPaid), std::string(order::kOrderCancelled)},
                         [&w](storage::Tx& tx, const events::Event& e) -> Result<void> {
                           auto payload = ParseObject(e.payload);
                           if (!payload) return {};
                           auto order_id = DecodeId<OrderId>(JsonReader(*payload).Str("order_id"));
                           if (!order_id) return {};
                           if (e.kind == order::kOrderPaid) {
                             auto paid = w.groups.MarkPaid(tx, e.merchant_id, *order_id);
                             if (!paid) return Fail(paid.error());
                             return {};
                           }
                           auto released = w.groups.Release(tx, e.merchant_id, *order_id);
                           if (!released) return Fail(released.error());
                           return {};
                         }};
}

Result<CampaignDetail> LoadCampaignDetail(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                          MerchantId merchant, GroupbuyCampaignId id,
                                          int group_limit) {
  auto c = w.groups.GetCampaign(tx, merchant, id);
  if (!c) return Fail(c.error());
  auto product = m.catalog.GetProduct(tx, merchant, c->product_id);
  auto groups = w.groups.ListGroups(tx, merchant, id, std::nullopt, group_limit);
  if (!groups) return Fail(groups.error());
  return CampaignDetail{std::move(*c), product ? product->title : std::string(),
                        std::move(*groups)};
}

Result<StoreCampaign> LoadStoreCampaign(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                        MerchantId merchant, GroupbuyCampaignId id) {
  auto c = w.groups.GetCampaign(tx, merchant, id);
  if (!c) return Fail(c.error());
  auto product = m.catalog.GetProduct(tx, merchant, c->product_id);
  if (!product) return Fail(NoSuchCampaign());
  if (product->status != catalog::ProductStatus::kOnSale) return Fail(NoSuchCampaign());
  auto groups = w.groups.ListGroups(tx, merchant, id, GroupState::kOpen, 100);
  if (!groups) return Fail(groups.error());
  Timestamp now = m.clock.Now();
  std::vector<groupbuy::Group> open;
  for (auto& g : *groups) {
    if (g.deadline <= now || g.taken >= g.size) continue;
    KeepShown(g);
    open.push_back(std::move(g));
  }
  std::sort(open.begin(), open.end(), [](const groupbuy::Group& a, const groupbuy::Group& b) {
    return a.deadline < b.deadline;
  });
  if (open.size() > 20) open.resize(20);
  return StoreCampaign{std::move(*c), std::move(*product), std::move(open)};
}

Result<StoreGroup> LoadStoreGroup(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                  MerchantId merchant, GroupbuyGroupId id) {
  auto g = w.groups.GetGroup(tx, merchant, id);
  if (!g) return Fail(g.error());
  auto c = w.groups.GetCampaign(tx, merchant, g->campaign_id);
  if (!c) return Fail(c.error());
  auto product = m.catalog.GetProduct(tx, merchant, c->product_id);
  if (!product) return Fail(NotFound(groupbuy::errors::kGroupNotFound, "no such group"));
  KeepShown(*g);
  return StoreGroup{std::move(*g), std::move(*c), std::move(*product)};
}

}  // namespace weishang::workflows
