#include "workflows/vouchers/voucher_flows.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/json.h"
#include "modules/customers/customer_events.h"
#include "modules/order/order_events.h"
#include "modules/vouchers/vouchers_errors.h"
#include "workflows/attribution/attribution_flows.h"

namespace weishang::workflows {
namespace {

using vouchers::VoucherState;
namespace errors = vouchers::errors;

Error NoSuchVoucher() { return NotFound(errors::kVoucherNotFound, "no such voucher"); }

Error Existing() {
  return Conflict(errors::kExistingCustomer,
                  "share vouchers are for friends new to the shop: you have bought here before");
}

// The first `n` characters of UTF-8 `s`.
std::string FirstChars(std::string_view s, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t chars = 0; at < s.size() && chars < n; ++chars) {
    ++at;
    while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
  }
  return std::string(s.substr(0, at));
}

// What a flag shows of what the vouchers share: never the whole of it.
std::string Masked(std::string_view kind, std::string_view key) {
  if (kind == "shared_address") return FirstChars(key, 8) + "…";
  if (key.size() <= 4) return "…" + std::string(key);
  return "…" + std::string(key.substr(key.size() - 4));
}

}  // namespace

std::string VoucherPersonName(const customers::Customer& c) {
  if (!c.display_name.empty()) return c.display_name;
  if (c.phone.size() >= 4) return "尾号" + c.phone.substr(c.phone.size() - 4);
  return "顾客";
}

std::string BuildingKey(std::string_view key) {
  std::size_t end = key.size();
  while (end > 0 && !(key[end - 1] >= '0' && key[end - 1] <= '9')) --end;
  if (end == 0) return std::string(key);
  std::size_t start = end;
  while (start > 0 && key[start - 1] >= '0' && key[start - 1] <= '9') --start;
  return std::string(key.substr(0, start));
}

Result<vouchers::Campaign> CreateVoucherCampaign(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                                 MerchantId merchant,
                                                 const VoucherCampaignRequest& in) {
  auto product = m.catalog.GetProduct(tx, merchant, in.product_id);
  if (!product) return Fail(product.error());
  auto sku = std::find_if(product->skus.begin(), product->skus.end(),
                          [&](const catalog::Sku& s) { return s.id == in.sku_id; });
  if (sku == product->skus.end()) {
    return Fail(Invalid(errors::kInvalidField,
                        "SKU " + EncodeId(in.sku_id) + " is not one of the product's"));
  }
  vouchers::CampaignInput ci;
  ci.title = in.title;
  ci.product_id = in.product_id;
  ci.sku_id = in.sku_id;
  ci.benefit = in.benefit;
  ci.list_price = sku->price;
  ci.value = in.value;
  ci.per_buyer = in.per_buyer;
  ci.max_generations = in.max_generations;
  ci.voucher_days = in.voucher_days;
  ci.budget = in.budget;
  ci.starts_at = in.starts_at;
  ci.ends_at = in.ends_at;
  auto c = w.vouchers.CreateCampaign(tx, merchant, ci);
  if (!c) return c;
  attribution::CampaignInput gi;
  gi.name = FirstChars(c->title, attribution::kMaxNameChars);
  gi.kind = attribution::CampaignKind::kVoucher;
  gi.ref = EncodeId(c->id);
  auto growth = m.attribution.CreateCampaign(tx, merchant, gi);
  if (!growth) return Fail(growth.error());
  if (auto ok = w.vouchers.SetGrowthCampaign(tx, merchant, c->id, growth->id); !ok) {
    return Fail(ok.error());
  }
  c->growth_campaign_id = growth->id;
  return c;
}

Result<VoucherPage> LoadVoucherPage(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                    MerchantId merchant, std::string_view token) {
  auto v = w.vouchers.GetByToken(tx, merchant, token);
  if (!v) return Fail(v.error());
  auto c = w.vouchers.GetCampaign(tx, merchant, v->campaign_id);
  if (!c) return Fail(c.error());
  auto product = m.catalog.GetProduct(tx, merchant, c->product_id);
  if (!product || product->status != catalog::ProductStatus::kOnSale) return Fail(NoSuchVoucher());
  auto giver = m.customers.Get(tx, merchant, v->giver_id);
  std::string giver_name = giver ? VoucherPersonName(*giver) : "顾客";
  return VoucherPage{std::move(*v), std::move(*c), std::move(*product), std::move(giver_name)};
}

Result<vouchers::Voucher> ClaimVoucher(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                       MerchantId merchant, std::string_view token,
                                       const customers::Customer& friend_customer,
                                       std::string_view device) {
  auto v = w.vouchers.GetByToken(tx, merchant, token);
  if (!v) return v;
  auto c = w.vouchers.GetCampaign(tx, merchant, v->campaign_id);
  if (!c) return Fail(c.error());
  // A repeat by the friend who holds it answers the voucher, whatever they bought since.
  bool repeat = v->friend_id == friend_customer.id && v->state != VoucherState::kVoided;
  if (!repeat && v->giver_id != friend_customer.id && friend_customer.orders_count > 0) {
    return Fail(Existing());
  }
  vouchers::Claimant who{friend_customer.id, friend_customer.phone, std::string(device)};
  return w.vouchers.Claim(tx, *c, token, who);
}

Result<PreparedVoucherOrder> PrepareVoucherOrder(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                                 const VoucherOrderRequest& req, Timestamp now) {
  auto v = w.vouchers.GetByToken(tx, req.merchant_id, req.token);
  if (!v) return Fail(v.error());
  if (v->friend_id != req.customer || v->state != VoucherState::kClaimed) {
    if (v->state == VoucherState::kVoided) {
      return Fail(Conflict(errors::kVoided, "the shop has withdrawn this voucher"));
    }
    return Fail(Conflict(errors::kNotClaimed, v->friend_id == req.customer
                                                  ? "this voucher has been used for an order"
                                                  : "claim this voucher before ordering with it"));
  }
  if (v->Expired(now)) return Fail(Conflict(errors::kExpired, "this voucher has expired"));
  auto c = w.vouchers.GetCampaign(tx, req.merchant_id, v->campaign_id);
  if (!c) return Fail(c.error());
  if (!c->Live(now)) {
    return Fail(Conflict(errors::kNotLive, "the voucher campaign is not running now"));
  }
  auto me = m.customers.Get(tx, req.merchant_id, req.customer);
  if (!me) return Fail(me.error());
  if (me->orders_count > 0) return Fail(Existing());
  PlaceOrderRequest place;
  place.quote.merchant_id = req.merchant_id;
  place.quote.lines.push_back(LineRequest{c->sku_id, 1, c->price});
  place.buyer = req.buyer;
  place.explain = false;
  place.visitor = req.visitor;
  auto prepared = PrepareOrder(tx, m, place, now);
  if (!prepared) return Fail(prepared.error());
  PreparedVoucherOrder out;
  out.order = std::move(*prepared);
  out.campaign = std::move(*c);
  out.voucher = v->id;
  out.customer = req.customer;
  const order::Buyer& b = req.buyer;
  out.address_key = vouchers::AddressKey(b.province.empty() ? b.region : b.province, b.city,
                                         b.district, b.address);
  out.visitor = req.visitor;
  return out;
}

Result<order::Order> CommitVoucherOrder(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                        const PreparedVoucherOrder& p) {
  MerchantId merchant = p.campaign.merchant_id;
  auto o = CommitOrder(tx, m, p.order);
  if (!o) return o;
  auto used = w.vouchers.Use(tx, p.campaign, p.voucher, p.customer, o->id, p.address_key);
  if (!used) return Fail(used.error());
  if (auto ok =
          m.customers.LinkOrder(tx, merchant, p.customer, o->id, o->totals.total, o->created_at);
      !ok) {
    return Fail(ok.error());
  }
  if (auto ok = CreditPlacedOrder(tx, m, *o, p.visitor, p.customer); !ok) return Fail(ok.error());
  if (auto ok =
          m.orders.AddEvent(tx, merchant, o->id, "voucher_used", "buyer", EncodeId(p.voucher));
      !ok) {
    return Fail(ok.error());
  }
  return o;
}

namespace {

// A paid order of `customer`: the voucher it used is redeemed (and passes
// vouchers on), or, when it used none, the customer receives each live
// campaign's vouchers as a seed.
Result<void> OnPurchase(storage::Tx& tx, Modules& m, VoucherWiring& w, MerchantId merchant,
                        CustomerId customer, OrderId order) {
  Timestamp now = m.clock.Now();
  auto used = w.vouchers.OfOrder(tx, merchant, order);
  if (!used) return Fail(used.error());
  if (*used) {
    std::string payer;
    if (auto paid = m.payments.GetSucceeded(tx, merchant, order)) payer = paid->payer;
    auto red = w.vouchers.Redeem(tx, merchant, order, payer);
    if (!red) return Fail(red.error());
    if (!*red || !(*red)->blocked.empty() || (*red)->voided_at) return {};
    auto c = w.vouchers.GetCampaign(tx, merchant, (*red)->campaign_id);
    if (!c) return Fail(c.error());
    if (!c->Live(now) || !c->Passes((*red)->generation)) return {};
    auto issued = w.vouchers.Issue(tx, *c, customer, (*red)->generation, (*red)->giver_id, order);
    if (!issued) return Fail(issued.error());
    return {};
  }
  auto live = w.vouchers.LiveCampaigns(tx, merchant, now);
  if (!live) return Fail(live.error());
  if (live->empty()) return {};
  // A friend who claimed a voucher of a campaign is in its tree already:
  // another order does not make them a seed of it.
  auto claimed = w.vouchers.ClaimedBy(tx, merchant, customer);
  if (!claimed) return Fail(claimed.error());
  for (const auto& c : *live) {
    bool friend_of = std::any_of(claimed->begin(), claimed->end(),
                                 [&](const vouchers::Voucher& v) { return v.campaign_id == c.id; });
    if (friend_of) continue;
    auto issued = w.vouchers.Issue(tx, c, customer, 0, std::nullopt, order);
    if (!issued) return Fail(issued.error());
  }
  return {};
}

}  // namespace

events::Handler VoucherHandler(Modules& m, VoucherWiring& w) {
  return events::Handler{
      "vouchers",
      {std::string(customers::kCustomerPurchased), std::string(order::kOrderCancelled)},
      [&m, &w](storage::Tx& tx, const events::Event& e) -> Result<void> {
        auto payload = ParseObject(e.payload);
        if (!payload) return {};
        JsonReader r(*payload);
        auto order_id = DecodeId<OrderId>(r.Str("order_id"));
        if (!order_id) return {};
        if (e.kind == order::kOrderCancelled) {
          auto released = w.vouchers.Release(tx, e.merchant_id, *order_id);
          if (!released) return Fail(released.error());
          return {};
        }
        auto customer = DecodeId<CustomerId>(r.Str("customer_id"));
        if (!customer) return {};
        return OnPurchase(tx, m, w, e.merchant_id, *customer, *order_id);
      }};
}

Result<MyVouchers> LoadMyVouchers(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                  MerchantId merchant, CustomerId customer) {
  std::map<Id, std::pair<vouchers::Campaign, std::string>> campaigns;
  auto fill = [&](std::vector<vouchers::Voucher>& list, std::vector<MyVoucher>& out,
                  bool friends) -> Result<void> {
    for (auto& v : list) {
      auto at = campaigns.find(v.campaign_id.value());
      if (at == campaigns.end()) {
        auto c = w.vouchers.GetCampaign(tx, merchant, v.campaign_id);
        if (!c) return Fail(c.error());
        auto product = m.catalog.GetProduct(tx, merchant, c->product_id);
        std::string title = product ? product->title : std::string();
        at = campaigns.emplace(v.campaign_id.value(), std::make_pair(std::move(*c), title)).first;
      }
      MyVoucher mv{std::move(v), at->second.first, at->second.second, {}};
      if (friends && mv.voucher.friend_id) {
        auto f = m.customers.Get(tx, merchant, *mv.voucher.friend_id);
        if (f) mv.friend_name = VoucherPersonName(*f);
      }
      out.push_back(std::move(mv));
    }
    return {};
  };
  MyVouchers out;
  auto given = w.vouchers.GivenTo(tx, merchant, customer);
  if (!given) return Fail(given.error());
  if (auto ok = fill(*given, out.to_give, true); !ok) return Fail(ok.error());
  auto claimed = w.vouchers.ClaimedBy(tx, merchant, customer);
  if (!claimed) return Fail(claimed.error());
  if (auto ok = fill(*claimed, out.claimed, false); !ok) return Fail(ok.error());
  return out;
}

Result<VoucherTree> LoadVoucherTree(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                    MerchantId merchant, VoucherCampaignId campaign) {
  auto c = w.vouchers.GetCampaign(tx, merchant, campaign);
  if (!c) return Fail(c.error());
  auto counts = w.vouchers.Counts(tx, merchant, campaign);
  if (!counts) return Fail(counts.error());
  auto holders = w.vouchers.Holders(tx, merchant, campaign);
  if (!holders) return Fail(holders.error());
  // Nodes by customer: the holders, then every friend who claimed a voucher.
  std::map<Id, VoucherTreeNode> nodes;
  std::map<Id, growth::Member> members;
  for (const auto& h : *holders) {
    VoucherTreeNode& n = nodes[h.customer_id.value()];
    n.customer_id = h.customer_id;
    n.giver_id = h.giver_id;
    n.generation = h.generation;
    n.paid = true;
    n.issued = h.issued;
    growth::Member& gm = members[h.customer_id.value()];
    gm.id = h.customer_id;
    gm.referrer = h.giver_id;
    gm.first_paid_at = h.created_at;
    gm.invitations = h.issued;
  }
  std::optional<VoucherId> after;
  for (;;) {
    auto page = w.vouchers.ListOfCampaign(tx, merchant, campaign, after, 1000);
    if (!page) return Fail(page.error());
    for (const auto& v : *page) {
      if (v.state == VoucherState::kRedeemed) ++nodes[v.giver_id.value()].redeemed;
      if (!v.friend_id) continue;
      VoucherTreeNode& n = nodes[v.friend_id->value()];
      n.customer_id = *v.friend_id;
      n.giver_id = v.giver_id;
      n.generation = v.generation;
      growth::Member& gm = members[v.friend_id->value()];
      gm.id = *v.friend_id;
      gm.referrer = v.giver_id;
      if (!gm.invitations) gm.invitations = 0;
      if (v.state == VoucherState::kRedeemed) {
        n.paid = true;
        gm.first_paid_at = v.redeemed_at;
      }
    }
    if (page->size() < 1000) break;
    after = page->back().id;
  }
  VoucherTree out;
  std::vector<growth::Member> forest;
  forest.reserve(members.size());
  for (auto& [id, gm] : members) forest.push_back(gm);
  out.generations = growth::Generations(forest);
  std::vector<VoucherTreeNode> list;
  list.reserve(nodes.size());
  for (auto& [id, n] : nodes) list.push_back(std::move(n));
  std::stable_sort(list.begin(), list.end(),
                   [](const VoucherTreeNode& a, const VoucherTreeNode& b) {
                     return a.generation < b.generation;
                   });
  if (list.size() > kMaxTreeNodes) {
    list.resize(kMaxTreeNodes);
    out.truncated = true;
  }
  for (auto& n : list) {
    auto who = m.customers.Get(tx, merchant, n.customer_id);
    n.name = who ? VoucherPersonName(*who) : "顾客";
  }
  out.campaign = std::move(*c);
  out.counts = *counts;
  out.nodes = std::move(list);
  return out;
}

Result<std::vector<VoucherFlag>> FindVoucherFlags(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                                  MerchantId merchant) {
  auto all = w.vouchers.Redemptions(tx, merchant);
  if (!all) return Fail(all.error());
  // kind -> what they share -> vouchers
  std::map<std::string, std::map<std::string, std::vector<const vouchers::Voucher*>>> groups;
  for (const auto& v : *all) {
    if (!v.address_key.empty()) {
      groups["building"][BuildingKey(v.address_key)].push_back(&v);
      groups["shared_address"][v.address_key].push_back(&v);
    }
    if (!v.device.empty()) groups["shared_device"][v.device].push_back(&v);
    if (!v.payer.empty()) groups["shared_payer"][v.payer].push_back(&v);
  }
  std::vector<VoucherFlag> out;
  std::set<Id> in_address_flag;
  auto add = [&](std::string kind, const std::string& key,
                 const std::vector<const vouchers::Voucher*>& list) {
    VoucherFlag f;
    f.kind = std::move(kind);
    f.key = Masked(f.kind, key);
    std::set<Id> givers;
    f.voided = true;
    for (const auto* v : list) {
      f.vouchers.push_back(*v);
      givers.insert(v->giver_id.value());
      if (!v->voided_at) f.voided = false;
    }
    for (Id g : givers) f.givers.push_back(CustomerId(g));
    out.push_back(std::move(f));
  };
  for (const auto& [key, list] : groups["building"]) {
    if (static_cast<int>(list.size()) < kClusterAddressRedemptions) continue;
    for (const auto* v : list) in_address_flag.insert(v->id.value());
    add("shared_address", key, list);
  }
  for (const auto& [key, list] : groups["shared_address"]) {
    if (list.size() < 2) continue;
    bool flagged = std::all_of(list.begin(), list.end(), [&](const vouchers::Voucher* v) {
      return in_address_flag.count(v->id.value()) > 0;
    });
    if (!flagged) add("shared_address", key, list);
  }
  for (const char* kind : {"shared_device", "shared_payer"}) {
    for (const auto& [key, list] : groups[kind]) {
      if (list.size() >= 2) add(kind, key, list);
    }
  }
  // Givers whose redeemed friends never bought again.
  Timestamp now = m.clock.Now();
  std::map<Id, std::vector<const vouchers::Voucher*>> by_giver;
  for (const auto& v : *all) {
    if (v.state == VoucherState::kRedeemed && v.friend_id)
      by_giver[v.giver_id.value()].push_back(&v);
  }
  for (const auto& [giver, list] : by_giver) {
    if (static_cast<int>(list.size()) < kNeverReturnFriends) continue;
    Timestamp latest = 0;
    for (const auto* v : list) latest = std::max(latest, v->redeemed_at.value_or(now));
    if (now - latest < kNeverReturnAfter) continue;
    bool any_returned = false;
    for (const auto* v : list) {
      auto f = m.customers.Get(tx, merchant, *v->friend_id);
      if (f && f->orders_count >= 2) {
        any_returned = true;
        break;
      }
    }
    if (!any_returned) add("friends_never_return", EncodeId(CustomerId(giver)), list);
  }
  return out;
}

}  // namespace weishang::workflows
