#include "cli/demo_moments.h"

#include "core/qr_png.h"
#include "modules/moments/moments.h"
#include "modules/tags/tags.h"

namespace weishang::cli {
namespace {

constexpr int kPictureWidth = 360;

// The first active segment, or 回头客 (orders_count >= 2) made now.
Result<SegmentId> DemoSegment(storage::Tx& tx, tags::TagService& tags, MerchantId merchant) {
  auto list = tags.ListSegments(tx, merchant);
  if (!list) return Fail(list.error());
  for (const auto& s : *list) {
    if (s.status == tags::Status::kActive) return s.id;
  }
  tags::Expr returning;
  returning.kind = tags::Expr::Kind::kAttr;
  returning.attr = tags::Attr::kOrdersCount;
  returning.op = tags::Op::kGte;
  returning.numbers = {2};
  auto made = tags.CreateSegment(tx, merchant, {"回头客", returning}, 0);
  if (!made) return Fail(made.error());
  return made->id;
}

}  // namespace

Result<void> SeedDemoMoments(storage::Database& db, workflows::Modules& m, IdGenerator& ids,
                             const workflows::ImageFiles& files, MerchantId merchant,
                             const Clock& clock) {
  auto qr = RenderQrPng("https://weishang.example/s/demo/moments", kPictureWidth);
  if (!qr) return Fail(qr.error());
  auto picture = workflows::PrepareImage(db, m, ids, files, merchant, "image/png", qr->png);
  if (!picture) return Fail(picture.error());
  return db.Write([&](storage::Tx& tx) -> Result<void> {
    catalog::Image image = picture->image;
    if (picture->is_new) {
      auto recorded = workflows::RecordImageFile(tx, m, files, merchant, picture->image);
      if (!recorded) return Fail(recorded.error());
      image = *recorded;
    }
    tags::TagService tags(clock, ids);
    auto segment = DemoSegment(tx, tags, merchant);
    if (!segment) return Fail(segment.error());
    catalog::ProductFilter on_sale;
    on_sale.status = catalog::ProductStatus::kOnSale;
    on_sale.limit = 1;
    auto products = m.catalog.ListProducts(tx, merchant, on_sale);
    if (!products) return Fail(products.error());
    std::optional<ProductId> product;
    if (!products->items.empty()) product = products->items.front().id;

    moments::MomentsService posts(clock, ids);
    StaffId author;
    auto owner = m.identity.ListStaff(tx, merchant);
    if (owner && !owner->empty()) author = owner->front().id;
    std::vector<moments::PostImage> pictures{{image.id, catalog::ImageUrl(image.path)}};
    moments::PostInput member_only{author,       "老客专享：本周新品尝鲜价，扫码进店看看",
                                   pictures,     product,
                                   std::nullopt, moments::Audience{{*segment}, {}}};
    if (auto p = posts.Create(tx, merchant, member_only); !p) return Fail(p.error());
    moments::PostInput tomorrow{
        author, "明天上午 10 点上新，提前收藏不迷路", pictures, product, clock.Now() + kDay, {}};
    if (auto p = posts.Create(tx, merchant, tomorrow); !p) return Fail(p.error());
    return {};
  });
}

}  // namespace weishang::cli
