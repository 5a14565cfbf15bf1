#include "modules/tags/segment_index.h"

#include "core/log.h"
#include "modules/tags/tags_errors.h"
#include "modules/tags/tags_events.h"

namespace weishang::tags {

SegmentIndex::SegmentIndex(storage::Database& db, FactsSource& facts, TagService& tags,
                           SegmentIndexOptions options)
    : db_(db),
      facts_(facts),
      tags_(tags),
      options_(options),
      loop_("ws-segments", options.poll, [this] { Tick(); }) {}

SegmentIndex::~SegmentIndex() { Stop(); }

Result<void> SegmentIndex::Start() {
  auto last = storage::ReadValue(db_, [](storage::Tx& tx) { return events::LastSeq(tx); });
  if (!last) return Fail(last.error());
  {
    std::lock_guard lock(mu_);
    position_ = std::max(position_, *last);
  }
  loop_.Start();
  return {};
}

void SegmentIndex::Stop() { loop_.Stop(); }

void SegmentIndex::Tick() {
  if (auto read = CatchUp(); !read) {
    LogWarn("segment index: " + read.error().code + ": " + read.error().message);
  }
  DropIdle();
}

Result<int> SegmentIndex::CatchUp() {
  std::lock_guard follow(follow_mu_);
  int read = 0;
  for (;;) {
    std::int64_t from = 0;
    {
      std::lock_guard lock(mu_);
      from = position_;
    }
    std::vector<events::Event> ready;
    bool more = false;
    auto ok = db_.Read([&](storage::Tx& tx) -> Result<void> {
      auto batch = events::ReadAfter(tx, from, options_.batch);
      if (!batch) return Fail(batch.error());
      more = static_cast<int>(batch->events.size()) == options_.batch;
      // Stop at a number not yet seen (PostgreSQL: it may still commit)
      // until every transaction running when it was first missed has ended.
      std::int64_t expected = from + 1;
      for (auto& e : batch->events) {
        if (e.seq != expected) {
          if (gap_.seq != expected) {
            gap_ = Gap{expected, batch->horizon};
            more = false;
            break;
          }
          auto settled = events::Settled(tx, gap_.horizon);
          if (!settled) return Fail(settled.error());
          if (!*settled) {
            more = false;
            break;
          }
          gap_ = Gap{};
        }
        expected = e.seq + 1;
        ready.push_back(std::move(e));
      }
      return {};
    });
    if (!ok) return Fail(ok.error());
    for (const auto& e : ready) Dispatch(e);
    read += static_cast<int>(ready.size());
    if (!more) return read;
  }
}

void SegmentIndex::Dispatch(const events::Event& e) {
  bool wanted = e.kind == kCustomerChanged || e.kind == kMembersChanged;
  std::shared_ptr<Entry> entry;
  {
    // Deciding and moving the position together: an entry created after
    // this point is built from a snapshot that includes this event.
    std::lock_guard lock(mu_);
    position_ = e.seq;
    if (!wanted) return;
    auto it = entries_.find(e.merchant_id.value());
    if (it == entries_.end()) return;
    if (!it->second->ready) {
      it->second->pending.push_back(e);
      return;
    }
    entry = it->second;
  }
  std::unique_lock write(entry->mu);
  if (!Apply(entry->index, e)) {
    write.unlock();
    LogWarn("segment index: could not read event " + std::to_string(e.seq) + " (" + e.kind +
            "); merchant dropped, to be rebuilt");
    Drop(e.merchant_id);
  }
}

bool SegmentIndex::Apply(MerchantIndex& index, const events::Event& e) {
  if (e.kind == kCustomerChanged) {
    auto facts = ParseCustomerChanged(e.payload);
    if (!facts) return false;
    index.ApplyFacts(*facts);
    return true;
  }
  if (e.kind == kMembersChanged) {
    auto change = ParseMembersChanged(e.payload);
    if (!change) return false;
    index.ApplyMembers(change->tag, change->added, change->removed);
    return true;
  }
  return true;
}

Result<MerchantIndex> SegmentIndex::Build(MerchantId merchant) {
  MerchantIndex::Builder builder;
  auto ok = db_.Read([&](storage::Tx& tx) -> Result<void> {
    auto customers = facts_.ForEachCustomer(
        tx, merchant, [&](const CustomerFacts& f) { builder.AddCustomer(f); });
    if (!customers) return customers;
    return tags_.ForEachMember(tx, merchant,
                               [&](TagId tag, Ordinal o) { builder.AddMember(tag, o); });
  });
  if (!ok) return Fail(ok.error());
  return builder.Finish();
}

Result<std::shared_ptr<SegmentIndex::Entry>> SegmentIndex::Acquire(MerchantId merchant) {
  std::unique_lock lock(mu_);
  for (;;) {
    auto it = entries_.find(merchant.value());
    if (it == entries_.end()) break;
    if (it->second->ready) {
      it->second->used = std::chrono::steady_clock::now();
      return it->second;
    }
    built_.wait(lock);  // another query is building it
  }
  auto entry = std::make_shared<Entry>();
  entries_[merchant.value()] = entry;
  lock.unlock();
  // The snapshot is taken now, after the entry exists: events up to the
  // position are in it, later ones reach the entry (as pending).
  auto built = Build(merchant);
  lock.lock();
  if (!built) {
    entries_.erase(merchant.value());
    built_.notify_all();
    return Fail(built.error());
  }
  for (const auto& e : entry->pending) {
    if (!Apply(*built, e)) {
      entries_.erase(merchant.value());
      built_.notify_all();
      return Fail(Internal(errors::kInvalidEvent, "an event could not be read"));
    }
  }
  entry->pending.clear();
  entry->index = std::move(*built);
  entry->ready = true;
  entry->used = std::chrono::steady_clock::now();
  built_.notify_all();
  return entry;
}

template <class Fn>
auto SegmentIndex::Query(MerchantId merchant, Fn&& fn)
    -> Result<decltype(fn(std::declval<MerchantIndex&>()))> {
  auto entry = Acquire(merchant);
  if (!entry) return Fail(entry.error());
  // What was committed before this query began, on any node.
  if (auto read = CatchUp(); !read) return Fail(read.error());
  std::shared_lock read_lock((*entry)->mu);
  return fn((*entry)->index);
}

Result<SegmentIndex::Answer> SegmentIndex::Evaluate(MerchantId merchant, const Expr& e,
                                                    const Scope& scope, Timestamp now,
                                                    std::optional<Ordinal> before,
                                                    std::size_t limit) {
  return Query(merchant, [&](MerchantIndex& index) {
    Bitmap set = index.Evaluate(e, scope, now);
    return Answer{set.Count(), index.Page(set, before, limit)};
  });
}

Result<SegmentIndex::Answer> SegmentIndex::WithTag(MerchantId merchant, TagId tag,
                                                   const Scope& scope,
                                                   std::optional<Ordinal> before,
                                                   std::size_t limit) {
  return Query(merchant, [&](MerchantIndex& index) {
    Bitmap set = index.WithTag(tag, scope);
    return Answer{set.Count(), index.Page(set, before, limit)};
  });
}

Result<std::vector<bool>> SegmentIndex::Selects(MerchantId merchant, const std::vector<Expr>& exprs,
                                                Ordinal ordinal, Timestamp now) {
  return Query(merchant, [&](MerchantIndex& index) {
    std::vector<bool> out;
    for (const Expr& e : exprs) out.push_back(index.Holds(e, ordinal, now));
    return out;
  });
}

Result<std::vector<std::uint64_t>> SegmentIndex::Counts(MerchantId merchant,
                                                        const std::vector<TagId>& tags,
                                                        const Scope& scope) {
  return Query(merchant, [&](MerchantIndex& index) {
    std::vector<std::uint64_t> out;
    for (TagId tag : tags) out.push_back(index.WithTag(tag, scope).Count());
    return out;
  });
}

void SegmentIndex::Drop(MerchantId merchant) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(merchant.value());
  if (it != entries_.end() && it->second->ready) entries_.erase(it);
}

std::size_t SegmentIndex::Held() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void SegmentIndex::DropIdle() {
  auto cutoff = std::chrono::steady_clock::now() - options_.idle;
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second->ready && it->second->used < cutoff) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace weishang::tags
