#include "workflows/growth/super_users.h"

#include <unordered_map>
#include <unordered_set>

namespace weishang::workflows {
namespace {

constexpr int kScanPage = 10'000;

// The record a merged customer lives on in; bounded walk (merges form chains).
CustomerId Kept(const std::unordered_map<CustomerId, CustomerId>& merged, CustomerId id) {
  for (int hops = 0; hops < 64; ++hops) {
    auto it = merged.find(id);
    if (it == merged.end()) return id;
    id = it->second;
  }
  return id;
}

}  // namespace

Result<std::vector<growth::Member>> ReferralForest(storage::Tx& tx, Modules& m,
                                                   MerchantId merchant) {
  std::unordered_map<CustomerId, CustomerId> merged;
  std::vector<customers::ReferralRow> referred;
  auto scanned =
      m.customers.ScanReferrals(tx, merchant, kScanPage, [&](const customers::ReferralRow& r) {
        if (r.merged_into) {
          merged.emplace(r.id, *r.merged_into);
        } else {
          referred.push_back(r);
        }
      });
  if (!scanned) return Fail(scanned.error());
  std::vector<growth::Member> out;
  out.reserve(referred.size());
  std::unordered_set<CustomerId> present;
  for (const auto& r : referred) {
    growth::Member member;
    member.id = r.id;
    member.referrer = Kept(merged, *r.referrer_id);
    member.first_paid_at = r.first_order_at;
    member.revenue = r.spent_total;
    present.insert(r.id);
    out.push_back(member);
  }
  // The referrers nobody referred: the roots.
  std::size_t referred_count = out.size();
  for (std::size_t i = 0; i < referred_count; ++i) {
    CustomerId root = *out[i].referrer;
    if (!present.insert(root).second) continue;
    growth::Member member;
    member.id = root;
    out.push_back(member);
  }
  return out;
}

Result<SuperUserPage> ListSuperUsers(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     growth::RankBy by, std::int64_t offset, int limit) {
  auto forest = ReferralForest(tx, m, merchant);
  if (!forest) return Fail(forest.error());
  auto ranked = growth::RankSuperUsers(*forest, by);
  SuperUserPage page;
  page.total = static_cast<std::int64_t>(ranked.size());
  for (std::int64_t i = offset; i < page.total && i < offset + limit; ++i) {
    const auto& c = ranked[static_cast<std::size_t>(i)];
    auto customer = m.customers.Get(tx, merchant, c.id);
    if (!customer) return Fail(customer.error());
    page.items.push_back(SuperUser{i + 1, c, std::move(*customer)});
  }
  return page;
}

}  // namespace weishang::workflows
