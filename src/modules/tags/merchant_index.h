// One merchant's customers as bitmaps, for counting and listing segments:
// a bitmap per tag, per value of each text attribute (gender, stage,
// province, city, channel, owning staff member), a RangeIndex per numeric or
// date attribute, and the set of live customers (neither merged nor erased).
// Bits are customer ordinals (CustomerFacts::ordinal). Changes arrive one
// customer or one tag at a time (customer.changed, tag.members_changed) and
// touch only that customer's bits. Not thread-safe: SegmentIndex guards it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "modules/tags/bitmap.h"
#include "modules/tags/customer_facts.h"
#include "modules/tags/expression.h"
#include "modules/tags/range_index.h"

namespace weishang::tags {

// The customers one person may see: everyone (owner, admin) or those a
// staff member owns (customers.owner_staff_id).
struct Scope {
  std::optional<StaffId> owner;  // nullopt: all customers
};

// One customer in a page of a segment.
struct Member {
  CustomerId customer_id;
  Ordinal ordinal = 0;
};

class MerchantIndex {
 public:
  static constexpr std::size_t kNumberAttrs = 6;

  MerchantIndex() = default;

  // Loads everything at once (a rebuild): faster than one Apply per customer.
  class Builder {
   public:
    void AddCustomer(const CustomerFacts& f) { customers_.push_back(f); }
    void AddMember(TagId tag, Ordinal ordinal) { members_[tag.value()].push_back(ordinal); }
    MerchantIndex Finish();

   private:
    std::vector<CustomerFacts> customers_;
    std::unordered_map<Id, std::vector<Ordinal>> members_;
  };

  // The customer's facts as they are now (customer.changed): moves its bits.
  // Facts with ordinal 0 are ignored.
  void ApplyFacts(const CustomerFacts& f);
  // Adds and removes members of a tag (tag.members_changed).
  void ApplyMembers(TagId tag, const std::vector<Ordinal>& added,
                    const std::vector<Ordinal>& removed);

  // The live customers in `scope` for whom `e` holds at `now`.
  Bitmap Evaluate(const Expr& e, const Scope& scope, Timestamp now) const;
  // Whether `e` holds at `now` for the live customer `ordinal`: what
  // Evaluate(e, {}, now).Contains(ordinal) says, read from that one
  // customer's values (no bitmap is built: a feed asks this per request).
  bool Holds(const Expr& e, Ordinal ordinal, Timestamp now) const;
  // The live customers in `scope` who have `tag`.
  Bitmap WithTag(TagId tag, const Scope& scope) const;
  // Up to `limit` of `set`, newest customers (highest ordinals) first, below `before`.
  std::vector<Member> Page(const Bitmap& set, std::optional<Ordinal> before,
                           std::size_t limit) const;

  const Bitmap& live() const { return live_; }
  std::optional<CustomerId> CustomerAt(Ordinal ordinal) const;

 private:
  // The customers by value of one text attribute.
  struct TextIndex {
    std::unordered_map<std::string, std::uint32_t> code;  // value -> code (from 1)
    std::vector<Bitmap> members;                          // by code; [0] unused
    std::vector<std::uint32_t> code_of;                   // by ordinal; 0: none
    const Bitmap* Find(const std::string& value) const;
    std::uint32_t CodeFor(const std::string& value);
    void Set(Ordinal ordinal, const std::string& value);
  };

  Bitmap Eval(const Expr& e, Timestamp now) const;
  Bitmap EvalAnd(const Expr& e, Timestamp now) const;
  Bitmap EvalAttr(const Expr& e, Timestamp now) const;
  Bitmap EvalText(const Expr& e) const;
  Bitmap EvalNumber(const Expr& e, const RangeIndex& r, Timestamp now) const;
  Bitmap InScope(Bitmap set, const Scope& scope) const;
  bool HoldsLive(const Expr& e, Ordinal o, Timestamp now) const;
  bool HoldsAttr(const Expr& e, Ordinal o, Timestamp now) const;
  static std::array<std::int64_t, kNumberAttrs> NumbersOf(const CustomerFacts& f);
  static std::array<std::string, kTextAttrs> TextsOf(const CustomerFacts& f);

  std::vector<Id> customer_of_;  // by ordinal; 0: unknown
  std::array<TextIndex, kTextAttrs> text_;
  std::array<RangeIndex, kNumberAttrs> numbers_;
  std::unordered_map<Id, Bitmap> tags_;
  Bitmap known_;  // every customer with facts
  Bitmap live_;
};

}  // namespace weishang::tags
