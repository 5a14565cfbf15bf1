#include "workflows/moments/moment_flows.h"

#include "core/json.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/customers/customer_events.h"
#include "modules/moments/moments_errors.h"

namespace weishang::workflows {
namespace {

Result<void> CheckSegments(storage::Tx& tx, MomentsWiring& w, MerchantId merchant,
                           const std::vector<SegmentId>& list) {
  for (SegmentId s : list) {
    auto seg = w.tags.tags.GetSegment(tx, merchant, s);
    if (!seg) return Fail(seg.error());
    if (seg->status != tags::Status::kActive) {
      return Fail(Invalid(moments::errors::kInvalidField,
                          "segment " + EncodeId(s) + " is archived: choose an active one"));
    }
  }
  return {};
}

}  // namespace

Result<CreatedMoment> CreateMoment(storage::Tx& tx, Modules& m, MomentsWiring& w,
                                   MerchantId merchant, const ComposedMoment& in) {
  moments::PostInput post{in.author, in.text, {}, in.product_id, in.publish_at, in.audience};
  for (ImageId id : in.images) {
    auto image = m.catalog.GetImage(tx, merchant, id);
    if (!image) return Fail(image.error());
    post.images.push_back(moments::PostImage{id, catalog::ImageUrl(image->path)});
  }
  if (in.product_id) {
    auto product = m.catalog.GetProduct(tx, merchant, *in.product_id);
    if (!product) return Fail(product.error());
  }
  if (auto ok = CheckSegments(tx, w, merchant, in.audience.show_to); !ok) return Fail(ok.error());
  if (auto ok = CheckSegments(tx, w, merchant, in.audience.hide_from); !ok) {
    return Fail(ok.error());
  }
  auto made = w.posts.Create(tx, merchant, post);
  if (!made) return Fail(made.error());
  return CreatedMoment{std::move(*made), moments::Warnings(post)};
}

Result<moments::Membership> MembershipOf(storage::Database& db, MomentsWiring& w,
                                         MerchantId merchant, const customers::Customer& customer) {
  std::vector<SegmentId> ids;
  std::vector<tags::Expr> exprs;
  auto read = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto in_use = w.posts.SegmentsInUse(tx, merchant);
    if (!in_use) return Fail(in_use.error());
    for (SegmentId s : *in_use) {
      auto seg = w.tags.tags.GetSegment(tx, merchant, s);
      if (!seg) continue;  // a segment that is gone selects nobody
      ids.push_back(s);
      exprs.push_back(seg->expression);
    }
    return {};
  });
  if (!read) return Fail(read.error());
  moments::Membership out;
  if (ids.empty() || customer.ordinal <= 0) return out;
  auto holds = w.tags.index.Selects(merchant, exprs, static_cast<tags::Ordinal>(customer.ordinal),
                                    w.tags.clock.Now());
  if (!holds) return Fail(holds.error());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if ((*holds)[i]) out.segments.insert(ids[i]);
  }
  return out;
}

Result<std::vector<FeedItem>> LoadFeed(storage::Database& db, Modules& m, MomentsWiring& w,
                                       MerchantId merchant,
                                       const std::optional<customers::Customer>& viewer,
                                       MomentId after, int limit) {
  std::optional<moments::Membership> membership;
  if (viewer) {
    auto mine = MembershipOf(db, w, merchant, *viewer);
    if (!mine) return Fail(mine.error());
    membership = std::move(*mine);
  }
  std::vector<FeedItem> out;
  auto read = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto posts = w.posts.Feed(tx, merchant, {membership, m.clock.Now(), after, limit});
    if (!posts) return Fail(posts.error());
    std::vector<MomentId> ids;
    for (const auto& p : *posts) ids.push_back(p.id);
    std::set<MomentId> liked;
    if (viewer) {
      auto l = w.posts.LikedOf(tx, merchant, viewer->id, ids);
      if (!l) return Fail(l.error());
      liked = std::move(*l);
    }
    for (auto& p : *posts) {
      FeedItem item{std::move(p), false, {}, std::nullopt};
      item.liked = liked.count(item.post.id) > 0;
      auto comments = w.posts.Comments(tx, merchant, item.post.id, kFeedComments, false);
      if (!comments) return Fail(comments.error());
      item.comments = std::move(*comments);
      if (item.post.product_id) {
        auto product = m.catalog.GetProduct(tx, merchant, *item.post.product_id);
        if (product && product->status == catalog::ProductStatus::kOnSale) {
          item.product = std::move(*product);
        }
      }
      out.push_back(std::move(item));
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return out;
}

Result<moments::Post> VisiblePost(storage::Tx& tx, MomentsWiring& w, MerchantId merchant,
                                  MomentId post,
                                  const std::optional<moments::Membership>& membership) {
  auto p = w.posts.GetPublished(tx, merchant, post);
  if (!p) return Fail(p.error());
  // Someone outside the audience is told what a stranger would be: no such post.
  if (!moments::VisibleTo(p->audience, membership)) {
    return Fail(NotFound(moments::errors::kNotFound, "no such moment"));
  }
  return p;
}

std::string CommentAuthorName(const customers::Customer& c) {
  if (!c.display_name.empty()) return c.display_name;
  if (c.phone.size() >= 4) return "尾号" + c.phone.substr(c.phone.size() - 4);
  return "顾客";
}

events::Handler MomentsHandler(MomentsWiring& w) {
  return events::Handler{
      "moments",
      {std::string(customers::kCustomerPurchased), std::string(customers::kCustomerChanged)},
      [&w](storage::Tx& tx, const events::Event& e) -> Result<void> {
        auto payload = ParseObject(e.payload);
        if (!payload) return {};
        JsonReader r(*payload);
        if (e.kind == customers::kCustomerChanged) {
          // An erasure: the customer's comments lose their words.
          auto customer = DecodeId<CustomerId>(r.Str("customer_id"));
          if (!customer || !r.Bool("erased")) return {};
          auto forgot = w.posts.ForgetCustomer(tx, e.merchant_id, *customer);
          if (!forgot) return Fail(forgot.error());
          return {};
        }
        auto customer = DecodeId<CustomerId>(r.Str("customer_id"));
        auto order = DecodeId<OrderId>(r.Str("order_id"));
        Timestamp paid_at = r.Int("paid_at", {.min = 0, .max = INT64_MAX});
        if (!customer || !order || r.Error()) return {};
        std::vector<ProductId> products;
        for (const auto& line : r.Array("lines", false)) {
          if (!line.is_object()) continue;
          JsonReader l(line.as_object());
          if (auto p = DecodeId<ProductId>(l.Str("product_id")); p) products.push_back(*p);
        }
        auto attributed =
            w.posts.AttributeOrder(tx, e.merchant_id, *order, *customer, paid_at, products);
        if (!attributed) return Fail(attributed.error());
        return {};
      }};
}

}  // namespace weishang::workflows
