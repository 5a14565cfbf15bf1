#include "workflows/attribution/attribution_flows.h"

#include "core/json.h"
#include "modules/customers/customer_events.h"
#include "modules/order/order_events.h"
#include "workflows/sharing/share_link.h"

namespace weishang::workflows {
namespace {

constexpr std::string_view kAftersalesRefunded = "aftersales.refunded";

}  // namespace

Result<attribution::Touch> RecordVisit(storage::Tx& tx, Modules& m, MerchantId merchant,
                                       std::string_view visitor, std::string_view code,
                                       std::string_view path, std::optional<CustomerId> customer) {
  if (auto ok = CheckStorePath(path); !ok) return Fail(ok.error());
  return m.attribution.RecordTouch(tx, merchant, visitor, customer, code, path);
}

Result<std::string> ShareCode(storage::Tx& tx, Modules& m, MerchantId merchant,
                              std::optional<CustomerId> sharer,
                              std::optional<GrowthCampaignId> campaign) {
  if (campaign) {
    auto c = m.attribution.GetCampaign(tx, merchant, *campaign);
    if (!c) return Fail(c.error());
  }
  return m.attribution.Sign(tx, merchant, attribution::Code{sharer, campaign, std::nullopt});
}

Result<ShareLinkOut> MakeShareLink(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   std::string_view origin, std::string_view slug,
                                   std::string_view path, std::optional<CustomerId> sharer,
                                   std::optional<GrowthCampaignId> campaign) {
  auto link = StoreLink(origin, slug, path);
  if (!link) return Fail(link.error());
  ShareLinkOut out{"", *link};
  if (!sharer && !campaign) return out;
  auto code = ShareCode(tx, m, merchant, sharer, campaign);
  if (!code) return Fail(code.error());
  out.code = *code;
  out.url += "?r=" + out.code;
  return out;
}

std::string ChannelLink(std::string_view origin, std::string_view slug, ChannelCodeId channel) {
  return std::string(origin) + "/q/" + std::string(slug) + "/" + EncodeId(channel);
}

Result<std::string> ScanChannel(storage::Tx& tx, Modules& m, MerchantId merchant,
                                std::string_view slug, ChannelCodeId channel) {
  std::string home = "/s/" + std::string(slug) + "/";
  auto c = m.attribution.RecordScan(tx, merchant, channel);
  if (!c) {
    if (c.error().kind == ErrorKind::kNotFound) return home;
    return Fail(c.error());
  }
  auto code = m.attribution.Sign(tx, merchant, {std::nullopt, std::nullopt, channel});
  if (!code) return Fail(code.error());
  // A target that no longer passes the store's rules still lands at home.
  if (!CheckStorePath(c->target_path)) return home + "?r=" + *code;
  return "/s/" + std::string(slug) + c->target_path + "?r=" + *code;
}

std::string ChannelOfTouch(const attribution::Touch& t) {
  if (t.channel_id) return "qr:" + EncodeId(*t.channel_id);
  if (t.campaign_id) return "campaign:" + EncodeId(*t.campaign_id);
  return "referral";
}

Result<std::optional<attribution::Touch>> FillArrivalSource(storage::Tx& tx, Modules& m,
                                                            MerchantId merchant,
                                                            std::string_view visitor,
                                                            customers::Arrival& a) {
  if (!attribution::ValidVisitor(visitor)) return std::optional<attribution::Touch>();
  auto first = m.attribution.FirstTouch(tx, merchant, visitor);
  if (!first) return Fail(first.error());
  if (*first) {
    a.channel = ChannelOfTouch(**first);
    a.referrer_id = (*first)->sharer_id;
  }
  return first;
}

Result<void> RecordArrivalSource(storage::Tx& tx, Modules& m, MerchantId merchant,
                                 std::string_view visitor, const customers::Matched& matched,
                                 const std::optional<attribution::Touch>& touch) {
  if (!attribution::ValidVisitor(visitor)) return {};
  CustomerId who = matched.customer.id;
  if (auto ok = m.attribution.LinkVisitor(tx, merchant, visitor, who); !ok) return ok;
  if (!matched.created || !touch) return {};
  auto kept = m.attribution.RecordAcquisition(tx, merchant, who, *touch);
  if (!kept) return Fail(kept.error());
  return {};
}

Result<void> CreditPlacedOrder(storage::Tx& tx, Modules& m, const order::Order& o,
                               std::string_view visitor, std::optional<CustomerId> customer) {
  if (!attribution::ValidVisitor(visitor)) return {};
  auto last = m.attribution.LastTouch(tx, o.merchant_id, visitor, customer, o.created_at);
  if (!last) return Fail(last.error());
  if (!*last) return {};
  const attribution::Touch& t = **last;
  attribution::OrderCredit c;
  c.order_id = o.id;
  c.visitor = std::string(visitor);
  c.customer_id = customer ? customer : t.customer_id;
  c.touch_id = t.id;
  c.sharer_id = t.sharer_id;
  c.campaign_id = t.campaign_id;
  c.channel_id = t.channel_id;
  c.total = o.totals.total;
  // What the buyer was given: the discounts priced on the order, and a
  // campaign's line price (group buy, voucher) below the SKU's price.
  c.discount = o.totals.item_discount + o.totals.order_discount + o.totals.coupon_discount;
  for (const auto& line : o.lines) {
    auto sku = m.catalog.GetSku(tx, o.merchant_id, line.sku_id);
    if (!sku) return Fail(sku.error());
    if (sku->price > line.unit_price) c.discount += (sku->price - line.unit_price) * line.quantity;
  }
  c.placed_at = o.created_at;
  return m.attribution.CreditOrder(tx, o.merchant_id, c);
}

events::Handler AttributionHandler(Modules& m) {
  return events::Handler{
      "attribution",
      {std::string(order::kOrderPaid), std::string(order::kOrderCancelled),
       std::string(kAftersalesRefunded), std::string(customers::kCustomerMerged)},
      [&m](storage::Tx& tx, const events::Event& e) -> Result<void> {
        auto payload = ParseObject(e.payload);
        if (!payload) return {};
        JsonReader r(*payload);
        if (e.kind == customers::kCustomerMerged) {
          auto kept = DecodeId<CustomerId>(r.Str("kept_id"));
          auto merged = DecodeId<CustomerId>(r.Str("merged_id"));
          if (!kept || !merged) return {};
          return m.attribution.MoveCustomer(tx, e.merchant_id, *merged, *kept);
        }
        auto order = e.kind == kAftersalesRefunded ? DecodeId<OrderId>(r.Str("order_id"))
                                                   : DecodeId<OrderId>(e.subject);
        if (!order) return {};
        auto credit = m.attribution.CreditOf(tx, e.merchant_id, *order);
        if (!credit) return Fail(credit.error());
        if (!*credit) return {};  // not credited to any touch: nothing to follow
        auto o = m.orders.Get(tx, e.merchant_id, *order);
        if (!o) return Fail(o.error());
        if (e.kind == order::kOrderPaid) {
          return m.attribution.MarkPaid(tx, e.merchant_id, o->id,
                                        o->paid_at.value_or(e.created_at));
        }
        return m.attribution.MarkRefunded(tx, e.merchant_id, o->id, o->refunded_total);
      },
      nullptr,
      /*from_history=*/true};
}

}  // namespace weishang::workflows
