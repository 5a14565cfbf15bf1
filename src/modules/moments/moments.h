// Moments (朋友圈): a shop's posts of text and pictures, perhaps linking a
// product, published now or at a set time, shown to everyone or by segment
// (WeChat's 谁可以看: visible only to chosen segments, hidden from chosen
// segments, or both), and what customers do with them: likes, comments,
// taps through to the product and the orders that follow.
//
// Segments, products, pictures and customers are ids here; whether a
// customer is in a segment is the caller's answer (workflows/moments asks
// the tags module's SegmentIndex), passed in as the set of segments the
// customer belongs to (Audience::VisibleTo is the rule). Writes take the
// caller's Tx. Stateless apart from its references; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "modules/moments/audience.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::moments {

using storage::Tx;

inline constexpr std::size_t kMaxImages = 9;
// WeChat lays out more than six pictures poorly: allowed, with a warning.
inline constexpr std::size_t kImagesShownWell = 6;
inline constexpr std::size_t kMaxTextChars = 2000;
inline constexpr std::size_t kMaxCommentChars = 300;
inline constexpr std::size_t kMaxSegmentsPerRule = 20;
// An order is the post's when its buyer tapped the post's product this long before paying.
inline constexpr Timestamp kAttributionWindow = 7 * kDay;

enum class PostStatus { kActive, kWithdrawn };
inline constexpr EnumText<PostStatus> kPostStatusText[] = {{PostStatus::kActive, "active"},
                                                           {PostStatus::kWithdrawn, "withdrawn"}};

struct PostImage {
  ImageId id;
  std::string url;
};

struct Counters {
  std::int64_t likes = 0, comments = 0, clicks = 0, orders = 0;
};

struct Post {
  MomentId id;
  MerchantId merchant_id;
  StaffId author;
  std::string text;
  std::vector<PostImage> images;
  std::optional<ProductId> product_id;
  Timestamp publish_at = 0;  // shown in the feed from this time
  Audience audience;
  PostStatus status = PostStatus::kActive;
  Counters counts;
  Timestamp created_at = 0, updated_at = 0;
};

// What the composer sends. Pictures are catalog images the caller has
// checked (their URLs come with them); segments likewise.
struct PostInput {
  StaffId author;
  std::string text;               // 0-2000 characters
  std::vector<PostImage> images;  // 1-9
  std::optional<ProductId> product_id;
  std::optional<Timestamp> publish_at;  // nullopt: now
  Audience audience;
};

// Warnings about a valid post (moments.many_images beyond six pictures).
std::vector<std::string> Warnings(const PostInput& in);

struct Comment {
  MomentCommentId id;
  MomentId post_id;
  CustomerId customer_id;
  std::string author_name;
  std::string text;
  bool deleted = false;
  Timestamp created_at = 0;
};

// The store's feed: posts published by `now`, newest first, that the
// customer may see (`viewer` nullopt: a guest, who sees public posts only).
struct FeedQuery {
  std::optional<Membership> viewer;
  Timestamp now = 0;
  MomentId after;  // cursor: the last post of the previous page
  int limit = 20;
};

struct LikeState {
  bool liked = false;
  std::int64_t likes = 0;
};

class MomentsService {
 public:
  MomentsService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // moments.image_count (422) for no picture or more than nine;
  // moments.invalid_field (422) for text over 2000 characters, a publish time
  // in the past, or a segment in both lists / too many segments.
  Result<Post> Create(Tx& tx, MerchantId merchant, const PostInput& in);
  // moments.not_found (404).
  Result<Post> Get(Tx& tx, MerchantId merchant, MomentId id);
  // Every post of the merchant (scheduled and withdrawn too), newest created first.
  Result<std::vector<Post>> List(Tx& tx, MerchantId merchant, MomentId after, int limit);
  // Takes a post out of the feed (kept, with its engagement). A repeat answers the post.
  Result<Post> Withdraw(Tx& tx, MerchantId merchant, MomentId id);
  // The segments named by the merchant's active posts (the feed asks the
  // customer's membership of these only).
  Result<std::vector<SegmentId>> SegmentsInUse(Tx& tx, MerchantId merchant);
  Result<std::vector<Post>> Feed(Tx& tx, MerchantId merchant, const FeedQuery& q);

  // A post a customer may act on: active and published by now
  // (moments.not_found otherwise; the audience is the caller's check).
  Result<Post> GetPublished(Tx& tx, MerchantId merchant, MomentId id);
  // Likes the post, or takes the like back when the customer liked it already.
  Result<LikeState> ToggleLike(Tx& tx, MerchantId merchant, MomentId post, CustomerId customer);
  // Which of `posts` the customer liked.
  Result<std::set<MomentId>> LikedOf(Tx& tx, MerchantId merchant, CustomerId customer,
                                     const std::vector<MomentId>& posts);
  // moments.invalid_field for an empty or over-300-character comment.
  Result<Comment> AddComment(Tx& tx, MerchantId merchant, MomentId post, CustomerId customer,
                             std::string author_name, std::string text);
  // The post's comments, oldest first, at most `limit` (the newest `limit`);
  // deleted ones only with `with_deleted` (the console).
  Result<std::vector<Comment>> Comments(Tx& tx, MerchantId merchant, MomentId post, int limit,
                                        bool with_deleted);
  // The merchant removes a comment (kept as deleted; a repeat answers it).
  // moments.not_found (404) for an unknown post; moments.comment_not_found
  // (404) for an unknown comment, also one of another post.
  Result<Comment> DeleteComment(Tx& tx, MerchantId merchant, MomentId post, MomentCommentId comment,
                                StaffId by);
  // An erased customer (PIPL): their comments keep their place and count but
  // lose their words and the name shown. Returns how many changed; a repeat
  // changes none.
  Result<std::int64_t> ForgetCustomer(Tx& tx, MerchantId merchant, CustomerId customer);
  // Counts a tap through to the post's product and answers the product;
  // moments.no_product (409) when the post links none.
  Result<ProductId> RecordClick(Tx& tx, MerchantId merchant, MomentId post,
                                std::optional<CustomerId> customer);
  // Attributes a paid order to the post whose product (one of `products`)
  // the customer tapped most recently in the seven days before `paid_at`.
  // Once per order: a repeat (an event delivered twice) changes nothing.
  // Returns the post, or nullopt when no tap qualifies.
  Result<std::optional<MomentId>> AttributeOrder(Tx& tx, MerchantId merchant, OrderId order,
                                                 CustomerId customer, Timestamp paid_at,
                                                 const std::vector<ProductId>& products);

 private:
  Result<void> LoadDetails(Tx& tx, MerchantId merchant, std::vector<Post>& posts);
  Result<std::vector<Post>> Select(Tx& tx, const std::string& where,
                                   std::vector<storage::Param> params, MerchantId merchant);

  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::moments
