// Tags and segments as the console uses them: everything that needs more
// than the tags module's records (the segment bitmaps of this node, the
// customers' facts to resolve ids), as small named steps. A staff member
// (identity: a role that does not see every customer) only counts, lists and
// tags the customers they own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/customers/customers.h"
#include "modules/identity/identity.h"
#include "modules/tags/segment_index.h"
#include "modules/tags/tags.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The tags module's objects, built once by the registry.
struct TagWiring {
  tags::TagService& tags;
  tags::SegmentIndex& index;
  tags::FactsSource& facts;
  const Clock& clock;
};

// Whose customers `who` sees: all (owner, admin) or their own (staff).
tags::Scope ScopeOf(const identity::Principal& who);

// A tag with how many live customers in the caller's scope carry it.
struct CountedTag {
  tags::Tag tag;
  std::uint64_t customers = 0;
};
Result<std::vector<CountedTag>> ListTagsCounted(storage::Database& db, TagWiring& w,
                                                const identity::Principal& who);

// How many customers `e` selects for `who` now (the console's live count).
// tags.unknown_tag (422) for a tag that is not the merchant's or archived.
Result<std::uint64_t> PreviewSegment(storage::Database& db, TagWiring& w,
                                     const identity::Principal& who, const tags::Expr& e);

// How many of all the merchant's customers `e` selects now (what a saved
// segment records, whoever saves it). tags.unknown_tag.
Result<std::uint64_t> CountSegment(storage::Database& db, TagWiring& w, MerchantId merchant,
                                   const tags::Expr& e);

// Saves a segment with its count at this moment (all customers, whoever saves).
Result<tags::Segment> CreateSegment(storage::Database& db, TagWiring& w, MerchantId merchant,
                                    const tags::SegmentInput& in);
Result<tags::Segment> UpdateSegment(storage::Database& db, TagWiring& w, MerchantId merchant,
                                    SegmentId segment, const tags::SegmentUpdate& u);

// A page of customers, newest first: how many in all, ids and ordinals, and
// the ordinal to continue below (none on the last page).
struct CustomerPage {
  std::uint64_t count = 0;
  std::vector<tags::Member> items;
  std::optional<tags::Ordinal> next;
};
// The customers of a saved segment, counted now, in the caller's scope.
// tags.segment_not_found (404).
Result<CustomerPage> SegmentCustomers(storage::Database& db, TagWiring& w,
                                      const identity::Principal& who, SegmentId segment,
                                      std::optional<tags::Ordinal> before, int limit);
// The customers `e` selects now in the caller's scope (the console's
// customer list filtered by tag, segment and stage; the builder's sample).
// tags.unknown_tag.
Result<CustomerPage> CustomersWhere(storage::Database& db, TagWiring& w,
                                    const identity::Principal& who, const tags::Expr& e,
                                    std::optional<tags::Ordinal> before, int limit);

// A saved segment with how many customers it selects now in the caller's
// scope (nullopt for an archived one).
struct CountedSegment {
  tags::Segment segment;
  std::optional<std::uint64_t> customers;
};
// Every segment of the merchant, newest first, active ones counted now.
Result<std::vector<CountedSegment>> ListSegmentsCounted(storage::Database& db, TagWiring& w,
                                                        const identity::Principal& who);
// One segment, counted now (tags.segment_not_found).
Result<CountedSegment> GetSegmentCounted(storage::Database& db, TagWiring& w,
                                         const identity::Principal& who, SegmentId segment);

// The customers who carry a tag, in the caller's scope. tags.tag_not_found.
Result<CustomerPage> TagCustomers(storage::Database& db, TagWiring& w,
                                  const identity::Principal& who, TagId tag,
                                  std::optional<tags::Ordinal> before, int limit);

// Gives and takes a manual tag (one unit of work): every id must be a live
// customer the caller sees, else tags.unknown_customer (422) naming it.
struct Tagging {
  std::vector<CustomerId> add, remove;
};
Result<tags::TagChange> TagCustomersManually(storage::Tx& tx, TagWiring& w,
                                             const identity::Principal& who, TagId tag,
                                             const Tagging& t);

// A customer of a list with the active tags they carry.
struct TaggedCustomer {
  customers::Customer customer;
  std::vector<tags::Tag> tags;
};
// The customers of a page of members, in its order, with their tags; one
// merged or erased since the page was counted is left out.
Result<std::vector<TaggedCustomer>> LoadTaggedCustomers(storage::Tx& tx, Modules& m, TagWiring& w,
                                                        MerchantId merchant,
                                                        const std::vector<tags::Member>& page);
// The tags of customers already loaded (the customer list without a tag or
// segment filter), in their order.
Result<std::vector<TaggedCustomer>> WithTags(storage::Tx& tx, TagWiring& w, MerchantId merchant,
                                             std::vector<customers::Customer> list);

// The active tags a customer carries (a customer's profile).
// tags.customer_not_found (404) unless the caller sees the customer.
Result<std::vector<tags::Tag>> TagsOfCustomer(storage::Tx& tx, TagWiring& w,
                                              const identity::Principal& who, CustomerId customer);

}  // namespace weishang::workflows
