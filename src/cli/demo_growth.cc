#include "cli/demo_growth.h"

#include "workflows/attribution/attribution_flows.h"

namespace weishang::cli {
namespace {

// A visitor who opened `code` `visits` times' worth: one per device here.
struct Arrival {
  const char* name;
  const char* phone;
};

Result<void> SignInFrom(storage::Tx& tx, workflows::Modules& m, MerchantId merchant,
                        const std::string& visitor, const Arrival& who) {
  auto signed_in = DemoSignIn(tx, m, merchant, visitor, who.name, who.phone);
  if (!signed_in) return Fail(signed_in.error());
  return {};
}

// `n` devices scan the channel's QR and open its target.
Result<std::vector<std::string>> Scans(storage::Tx& tx, workflows::Modules& m, MerchantId merchant,
                                       const attribution::Channel& c, const char* device, int n) {
  auto code = m.attribution.Sign(tx, merchant, {std::nullopt, std::nullopt, c.id});
  if (!code) return Fail(code.error());
  std::vector<std::string> visitors;
  for (int i = 0; i < n; ++i) {
    auto scanned = m.attribution.RecordScan(tx, merchant, c.id);
    if (!scanned) return Fail(scanned.error());
    std::string visitor = std::string("demo-") + device + "-" + std::to_string(i);
    auto seen =
        workflows::RecordVisit(tx, m, merchant, visitor, *code, c.target_path, std::nullopt);
    if (!seen) return Fail(seen.error());
    visitors.push_back(visitor);
  }
  return visitors;
}

Result<attribution::Channel> MakeChannel(storage::Tx& tx, workflows::Modules& m,
                                         MerchantId merchant, const char* name,
                                         attribution::ChannelKind kind, std::string target,
                                         Fen spend) {
  attribution::ChannelInput in;
  in.name = name;
  in.kind = kind;
  in.target_path = std::move(target);
  in.spend = spend;
  return m.attribution.CreateChannel(tx, merchant, in);
}

}  // namespace

Result<customers::Customer> DemoSignIn(storage::Tx& tx, workflows::Modules& m, MerchantId merchant,
                                       const std::string& visitor, const std::string& name,
                                       const std::string& phone) {
  customers::Arrival a;
  a.identities = {{customers::IdentityKind::kPhone, phone}};
  a.display_name = name;
  a.channel = "sign_in";
  auto source = workflows::FillArrivalSource(tx, m, merchant, visitor, a);
  if (!source) return Fail(source.error());
  auto matched = m.customers.Arrive(tx, merchant, a, "sign_in");
  if (!matched) return Fail(matched.error());
  if (auto ok = workflows::RecordArrivalSource(tx, m, merchant, visitor, *matched, *source); !ok) {
    return Fail(ok.error());
  }
  return matched->customer;
}

Result<DemoGrowth> SeedDemoGrowth(storage::Database& db, workflows::Modules& m, MerchantId merchant,
                                  ProductId card_product, CustomerId sharer) {
  return storage::WriteValue(db, [&](storage::Tx& tx) -> Result<DemoGrowth> {
    using attribution::ChannelKind;
    DemoGrowth out;
    auto card = MakeChannel(tx, m, merchant, "包裹卡", ChannelKind::kInsertCard,
                            "/products/" + EncodeId(card_product), 8000);
    if (!card) return Fail(card.error());
    auto article = MakeChannel(tx, m, merchant, "小红书软文", ChannelKind::kArticle, "/", 20000);
    if (!article) return Fail(article.error());
    auto poster = MakeChannel(tx, m, merchant, "门店海报", ChannelKind::kStore, "/", 3000);
    if (!poster) return Fail(poster.error());
    out.card = card->id;
    out.article = article->id;
    out.poster = poster->id;

    auto card_visits = Scans(tx, m, merchant, *card, "card", 6);
    if (!card_visits) return Fail(card_visits.error());
    auto article_visits = Scans(tx, m, merchant, *article, "article", 9);
    if (!article_visits) return Fail(article_visits.error());
    auto poster_visits = Scans(tx, m, merchant, *poster, "poster", 3);
    if (!poster_visits) return Fail(poster_visits.error());

    // Two from the card and one from the article sign in; two more buy (demo.cc).
    for (auto [visitor, who] : {std::pair{(*card_visits)[0], Arrival{"韩梅", "13811138021"}},
                                std::pair{(*card_visits)[1], Arrival{"林晓", "13811138022"}},
                                std::pair{(*article_visits)[0], Arrival{"唐雪", "13811138023"}}}) {
      if (auto ok = SignInFrom(tx, m, merchant, visitor, who); !ok) return Fail(ok.error());
    }
    out.buyer_visitors = {(*card_visits)[2], (*article_visits)[1]};

    // 李娜 shares the shop in her mothers' group under a campaign; a friend
    // opens it and signs in: 李娜 referred her.
    attribution::CampaignInput group;
    group.name = "宝妈群分享";
    group.spend = 10000;
    auto campaign = m.attribution.CreateCampaign(tx, merchant, group);
    if (!campaign) return Fail(campaign.error());
    out.mothers_group = campaign->id;
    auto link = workflows::ShareCode(tx, m, merchant, sharer, campaign->id);
    if (!link) return Fail(link.error());
    for (int i = 0; i < 4; ++i) {
      auto seen = workflows::RecordVisit(tx, m, merchant, "demo-group-" + std::to_string(i), *link,
                                         "/", std::nullopt);
      if (!seen) return Fail(seen.error());
    }
    if (auto ok = SignInFrom(tx, m, merchant, "demo-group-0", Arrival{"许晴", "13811138024"}); !ok)
      return Fail(ok.error());
    return out;
  });
}

}  // namespace weishang::cli
