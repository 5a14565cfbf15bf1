// Moments across modules: the composer's post (catalog pictures and
// product, tags segments checked), the store's feed for a guest or a
// signed-in customer (which segments they are in: the tags module's
// SegmentIndex, this node's bitmaps), a customer's like, comment and tap
// (only on a post they may see), and the attribution of paid orders
// (customer.purchased) to the post whose product the buyer tapped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/dispatcher.h"
#include "modules/moments/moments.h"
#include "workflows/modules.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::workflows {

// The moments module's objects and what they read, built once by the registry.
struct MomentsWiring {
  moments::MomentsService& posts;
  TagWiring& tags;
};

// What the console's composer sends: pictures by catalog image id.
struct ComposedMoment {
  StaffId author;
  std::string text;
  std::vector<ImageId> images;
  std::optional<ProductId> product_id;
  std::optional<Timestamp> publish_at;
  moments::Audience audience;
};

struct CreatedMoment {
  moments::Post post;
  std::vector<std::string> warnings;  // moments.many_images
};

// Checks every picture (catalog.image_not_found), the product
// (catalog.product_not_found) and the segments (tags.segment_not_found;
// moments.invalid_field for an archived one), then creates the post (the
// module's rules: moments.image_count, moments.invalid_field).
Result<CreatedMoment> CreateMoment(storage::Tx& tx, Modules& m, MomentsWiring& w,
                                   MerchantId merchant, const ComposedMoment& in);

// The segments of the merchant's live posts that `customer` is in, now.
// Reads a snapshot, then this node's bitmaps (call outside a unit of work).
Result<moments::Membership> MembershipOf(storage::Database& db, MomentsWiring& w,
                                         MerchantId merchant, const customers::Customer& customer);

// One post of the feed as the viewer sees it.
struct FeedItem {
  moments::Post post;
  bool liked = false;
  std::vector<moments::Comment> comments;   // the latest few, oldest first
  std::optional<catalog::Product> product;  // the linked product, while on sale
};
inline constexpr int kFeedComments = 10;

// The feed for a guest (`viewer` nullopt: public posts) or a signed-in
// customer: posts published by now that they may see, newest first, after
// the post `after`, at most `limit`.
Result<std::vector<FeedItem>> LoadFeed(storage::Database& db, Modules& m, MomentsWiring& w,
                                       MerchantId merchant,
                                       const std::optional<customers::Customer>& viewer,
                                       MomentId after, int limit);

// A post the viewer may see now, in the caller's unit (moments.not_found
// otherwise, as for an unknown one). `membership` is nullopt for a guest.
Result<moments::Post> VisiblePost(storage::Tx& tx, MomentsWiring& w, MerchantId merchant,
                                  MomentId post,
                                  const std::optional<moments::Membership>& membership);

// The name a comment shows: the customer's display name, or "尾号1234" from
// the phone, never the phone itself.
std::string CommentAuthorName(const customers::Customer& c);

// customer.purchased -> moments::AttributeOrder: the order is the post's when
// its buyer tapped the post's product in the seven days before paying.
// customer.changed with "erased": true -> moments::ForgetCustomer: an erased
// customer's comments lose their words and name (PIPL).
events::Handler MomentsHandler(MomentsWiring& w);

}  // namespace weishang::workflows
