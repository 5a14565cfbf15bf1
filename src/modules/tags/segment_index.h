// This node's bitmaps of each merchant's customers (MerchantIndex), built on
// a merchant's first segment query from the customers' facts (FactsSource)
// and the tags' members (TagService), then kept current by following the
// outbox: customer.changed moves one customer's attribute bits,
// tag.members_changed a tag's bits.
//
// Every node follows the outbox itself (the dispatcher's handlers run once
// across the nodes, so they could not keep every node's memory current): a
// background thread reads what was committed every `poll`, and every query
// first reads what was committed since (CatchUp), so an answer includes
// every change committed before the query began, on any node, by any
// process. On PostgreSQL an event whose number was taken before, but
// committed after, a later one holds the reading back until it commits or
// its transaction ends (as the dispatcher does), so that bound is the
// longest transaction then running. Rule tags follow their customers' facts
// through the rule handler, one dispatcher pass (≤ 250 ms) later.
// docs/decisions/0015-segment-index.md has the reasoning.
//
// Thread-safe: queries share a merchant's bitmaps, a change takes them
// alone (std::shared_mutex per merchant), and building one merchant holds
// back no other.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/background_loop.h"
#include "core/clock.h"
#include "core/error.h"
#include "events/outbox.h"
#include "modules/tags/customer_facts.h"
#include "modules/tags/merchant_index.h"
#include "modules/tags/tags.h"
#include "storage/database.h"

namespace weishang::tags {

struct SegmentIndexOptions {
  std::chrono::milliseconds poll{250};  // the background reading of the outbox
  int batch = 1000;                     // events read at a time
  // A merchant whose segments nobody asked for in this long is forgotten
  // (and rebuilt when asked again), so idle shops hold no memory.
  std::chrono::minutes idle{30};
};

class SegmentIndex {
 public:
  SegmentIndex(storage::Database& db, FactsSource& facts, TagService& tags,
               SegmentIndexOptions options = {});
  ~SegmentIndex();
  SegmentIndex(const SegmentIndex&) = delete;
  SegmentIndex& operator=(const SegmentIndex&) = delete;

  // Starts following the outbox from its current end, on a background
  // thread. Without Start (tests), CatchUp reads from the first event.
  Result<void> Start();
  void Stop();

  // Applies the events committed since the last call to the merchants this
  // node holds. Returns how many events it read.
  Result<int> CatchUp();

  // What a query found: how many customers, and a page of them, newest first.
  struct Answer {
    std::uint64_t count = 0;
    std::vector<Member> page;
  };
  // The live customers of `merchant` in `scope` for whom `e` holds at
  // `now`; up to `limit` of them below ordinal `before`. Builds the
  // merchant's bitmaps first if this node has none (reading every customer:
  // seconds for a million); a FactsSource failure is returned as it is.
  // The caller checked e's tags (TagService::CheckExpressionTags).
  Result<Answer> Evaluate(MerchantId merchant, const Expr& e, const Scope& scope, Timestamp now,
                          std::optional<Ordinal> before = std::nullopt, std::size_t limit = 0);
  // The live customers in `scope` who carry `tag`, as Evaluate.
  Result<Answer> WithTag(MerchantId merchant, TagId tag, const Scope& scope,
                         std::optional<Ordinal> before = std::nullopt, std::size_t limit = 0);
  // How many live customers in `scope` carry each of `tags`.
  Result<std::vector<std::uint64_t>> Counts(MerchantId merchant, const std::vector<TagId>& tags,
                                            const Scope& scope);
  // For each of `exprs`, whether the live customer `ordinal` is among those
  // it selects at `now` (whom a post is shown to: one customer against a few
  // segments). The caller checked the expressions' tags.
  Result<std::vector<bool>> Selects(MerchantId merchant, const std::vector<Expr>& exprs,
                                    Ordinal ordinal, Timestamp now);

  // Forgets `merchant` (rebuilt on its next query). How many merchants are held.
  void Drop(MerchantId merchant);
  std::size_t Held() const;

 private:
  struct Entry {
    std::shared_mutex mu;  // guards `index` once `ready`
    MerchantIndex index;
    // Under SegmentIndex::mu_:
    bool ready = false;
    std::vector<events::Event> pending;  // came while it was being built
    std::chrono::steady_clock::time_point used;
  };
  struct Gap {
    std::int64_t seq = 0;
    std::string horizon;
  };

  Result<std::shared_ptr<Entry>> Acquire(MerchantId merchant);
  Result<MerchantIndex> Build(MerchantId merchant);
  template <class Fn>
  auto Query(MerchantId merchant, Fn&& fn) -> Result<decltype(fn(std::declval<MerchantIndex&>()))>;
  void Dispatch(const events::Event& e);
  // Applies `e` to `index`; false when it could not be read (the merchant is then dropped).
  static bool Apply(MerchantIndex& index, const events::Event& e);
  void Tick();
  void DropIdle();

  storage::Database& db_;
  FactsSource& facts_;
  TagService& tags_;
  SegmentIndexOptions options_;

  std::mutex follow_mu_;  // one CatchUp at a time; guards gap_
  Gap gap_;

  mutable std::mutex mu_;  // entries_, position_, and each entry's ready, pending, used
  std::condition_variable built_;
  std::unordered_map<Id, std::shared_ptr<Entry>> entries_;
  std::int64_t position_ = 0;  // the last event dispatched (or passed)

  BackgroundLoop loop_;
};

}  // namespace weishang::tags
