// The segment index against the brute force (brute_force.h) on random shops
// (random_world.h, fixed seeds): built at once, changed one customer at a
// time, and grown from nothing, it must give exactly the brute force's
// customers for hundreds of random expressions, for the owner and for each
// staff member.
#include "modules/tags/merchant_index.h"

#include <gtest/gtest.h>

#include "modules/tags/random_world.h"

namespace weishang::tags::testing {
namespace {

std::vector<Scope> Scopes(const RandomWorld& r) {
  std::vector<Scope> out = {Scope{}};
  for (StaffId s : r.staff) out.push_back(Scope{s});
  out.push_back(Scope{StaffId(999)});  // owns nobody
  return out;
}

// Compares `index` with the brute force over `count` random expressions.
void ExpectAgreement(RandomWorld& r, const World& w, const MerchantIndex& index, int count,
                     const std::string& what) {
  auto scopes = Scopes(r);
  for (int i = 0; i < count; ++i) {
    Expr e = r.Expression(static_cast<int>(r.Int(1, 4)));
    const Scope& scope = scopes[static_cast<std::size_t>(i) % scopes.size()];
    std::vector<Ordinal> want = BruteForce(w, e, scope, kNow);
    Bitmap got = index.Evaluate(e, scope, kNow);
    ASSERT_EQ(got.ToVector(), want) << what << ", expression " << i << ": " << ExpressionText(e);
    ASSERT_EQ(got.Count(), want.size());
    if (scope.owner) continue;
    // One customer at a time (a feed's question) answers the same.
    Ordinal last = w.customers.empty() ? 0 : w.customers.rbegin()->first;
    for (Ordinal o = 0; o <= last + 1; ++o) {
      ASSERT_EQ(index.Holds(e, o, kNow), got.Contains(o))
          << what << ", expression " << i << ", ordinal " << o << ": " << ExpressionText(e);
    }
  }
}

TEST(MerchantIndexTest, RandomExpressionsCountTheCustomersTheBruteForceFinds) {
  for (std::uint32_t seed : {1u, 2u, 3u}) {
    RandomWorld r(seed);
    World w = r.MakeWorld(3000, 12);
    MerchantIndex index = w.Build();
    ExpectAgreement(r, w, index, 300, "seed " + std::to_string(seed));
  }
}

TEST(MerchantIndexTest, RandomExpressionsSurviveTheirJsonRoundTrip) {
  RandomWorld r(7);
  r.MakeWorld(10, 3);
  for (int i = 0; i < 300; ++i) {
    Expr e = r.Expression(4);
    std::string text = ExpressionText(e);
    auto back = ParseExpressionText(text);
    ASSERT_TRUE(back) << text << ": " << back.error().message;
    EXPECT_EQ(ExpressionText(*back), text);
  }
}

// Applies `n` random changes to both the world and the index, as the events
// would: new facts, new customers, merges, erasures, tags given and taken.
void Churn(RandomWorld& r, World& w, MerchantIndex& index, int n) {
  Ordinal top = w.customers.empty() ? 0 : w.customers.rbegin()->first;
  for (int i = 0; i < n; ++i) {
    int kind = static_cast<int>(r.Int(0, 5));
    Ordinal o = top == 0 ? 1 : static_cast<Ordinal>(r.Int(1, top));
    if (kind == 0 || top == 0) {  // a new customer
      o = ++top;
      w.customers[o] = r.Customer(o);
      index.ApplyFacts(w.customers[o]);
    } else if (kind <= 2) {  // new facts (an order, an edit)
      CustomerFacts f = r.Customer(o);
      f.erased = false;
      f.merged_into.reset();
      w.customers[o] = f;
      index.ApplyFacts(f);
    } else if (kind == 3) {  // merged or erased
      CustomerFacts f = w.customers[o];
      if (r.Chance(0.5)) {
        f.merged_into = CustomerId(100'000 + 1);
      } else {
        f.erased = true;
        f.province.clear();
        f.birthday.clear();
      }
      w.customers[o] = f;
      index.ApplyFacts(f);
    } else {  // a tag given or taken
      TagId tag = r.Pick(r.tags);
      if (r.Chance(0.5)) {
        w.members.insert({tag.value(), o});
        index.ApplyMembers(tag, {o}, {});
      } else {
        w.members.erase({tag.value(), o});
        index.ApplyMembers(tag, {}, {o});
      }
    }
  }
}

TEST(MerchantIndexTest, IncrementalChangesAnswerLikeARebuild) {
  for (std::uint32_t seed : {11u, 12u}) {
    RandomWorld r(seed);
    World w = r.MakeWorld(2000, 10);
    MerchantIndex index = w.Build();
    Churn(r, w, index, 3000);
    MerchantIndex rebuilt = w.Build();
    auto scopes = Scopes(r);
    for (int i = 0; i < 200; ++i) {
      Expr e = r.Expression(static_cast<int>(r.Int(1, 4)));
      const Scope& scope = scopes[static_cast<std::size_t>(i) % scopes.size()];
      auto want = BruteForce(w, e, scope, kNow);
      ASSERT_EQ(index.Evaluate(e, scope, kNow).ToVector(), want) << ExpressionText(e);
      ASSERT_EQ(rebuilt.Evaluate(e, scope, kNow).ToVector(), want) << ExpressionText(e);
    }
  }
}

// From an empty index, one customer at a time: the value buckets are recut
// several times on the way (RangeIndex), and answers stay exact.
TEST(MerchantIndexTest, AnIndexGrownFromNothingAnswersLikeTheBruteForce) {
  RandomWorld r(21);
  World w;
  r.MakeWorld(0, 8);
  MerchantIndex index;
  Churn(r, w, index, 6000);
  ExpectAgreement(r, w, index, 200, "grown");
}

TEST(MerchantIndexTest, PagesRunFromTheNewestCustomerBack) {
  RandomWorld r(5);
  World w = r.MakeWorld(500, 4);
  MerchantIndex index = w.Build();
  Expr all;
  all.kind = Expr::Kind::kAnd;
  all.children.push_back(Expr{Expr::Kind::kTag, {}, r.tags[3]});
  Bitmap set = index.Evaluate(all, Scope{}, kNow);
  std::vector<Ordinal> want = set.ToVector();
  std::reverse(want.begin(), want.end());
  std::vector<Ordinal> got;
  std::optional<Ordinal> before;
  for (;;) {
    auto page = index.Page(set, before, 7);
    for (const auto& m : page) {
      got.push_back(m.ordinal);
      EXPECT_EQ(m.customer_id, w.customers.at(m.ordinal).id);
    }
    if (page.size() < 7) break;
    before = page.back().ordinal;
  }
  EXPECT_EQ(got, want);
  EXPECT_TRUE(index.Page(set, Ordinal{0}, 7).empty());
}

TEST(RangeIndexTest, RangesOverSkewedValuesMatchAScan) {
  std::mt19937 rng(3);
  std::vector<std::int64_t> values(20'000, RangeIndex::kNull);
  for (std::size_t o = 1; o < values.size(); ++o) {
    int kind = static_cast<int>(rng() % 10);
    // Half the customers share one value (never ordered: 0), some have none.
    values[o] = kind < 5    ? 0
                : kind == 5 ? RangeIndex::kNull
                            : static_cast<std::int64_t>(rng() % 5000);
  }
  RangeIndex index;
  index.Build(values);
  EXPECT_GT(index.BucketCount(), 10u);
  for (int i = 0; i < 300; ++i) {
    if (i % 3 == 0) {  // change some values in between
      for (int k = 0; k < 50; ++k) {
        std::size_t o = 1 + rng() % (values.size() - 1);
        values[o] = rng() % 4 == 0 ? RangeIndex::kNull : static_cast<std::int64_t>(rng() % 6000);
        index.Set(static_cast<Ordinal>(o), values[o]);
      }
    }
    std::int64_t lo = static_cast<std::int64_t>(rng() % 6000) - 100;
    std::int64_t hi = lo + static_cast<std::int64_t>(rng() % (i % 2 ? 50 : 4000));
    std::vector<Ordinal> want;
    for (std::size_t o = 0; o < values.size(); ++o) {
      if (values[o] != RangeIndex::kNull && values[o] >= lo && values[o] < hi) {
        want.push_back(static_cast<Ordinal>(o));
      }
    }
    ASSERT_EQ(index.Range(lo, hi).ToVector(), want) << "[" << lo << ", " << hi << ")";
  }
}

}  // namespace
}  // namespace weishang::tags::testing
