// Posts: creation with its rules, the console's list, withdrawal and the feed.
#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "modules/moments/moments.h"
#include "modules/moments/moments_errors.h"

namespace weishang::moments {
namespace {

constexpr const char* kPostColumns =
    "p.id, p.author_staff_id, p.body, p.product_id, p.publish_at, p.status, p.like_count,"
    " p.comment_count, p.click_count, p.order_count, p.created_at, p.updated_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

Post PostFromRow(const storage::Row& r, MerchantId merchant) {
  Post p;
  p.id = r.IdAt(0);
  p.merchant_id = merchant;
  p.author = r.IdAt(1);
  p.text = r.Str(2);
  p.product_id = r.OptIdAt(3);
  p.publish_at = r.Int(4);
  p.status = FromText(kPostStatusText, r.Str(5)).value_or(PostStatus::kActive);
  p.counts = Counters{r.Int(6), r.Int(7), r.Int(8), r.Int(9)};
  p.created_at = r.Int(10);
  p.updated_at = r.Int(11);
  return p;
}

// "?, ?, ?" for n values.
std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

Result<void> CheckInput(const PostInput& in, Timestamp now) {
  if (in.images.empty() || in.images.size() > kMaxImages) {
    return Fail(Invalid(errors::kImageCount, "a post has 1 to 9 pictures"));
  }
  if (CountUtf8Chars(in.text) > kMaxTextChars) {
    return Fail(Bad("the text is at most 2000 characters"));
  }
  if (in.publish_at && *in.publish_at < now - kMinute) {
    return Fail(Bad("publish_at is in the past: publish now, or at a later time"));
  }
  const Audience& a = in.audience;
  if (a.show_to.size() > kMaxSegmentsPerRule || a.hide_from.size() > kMaxSegmentsPerRule) {
    return Fail(Bad("at most 20 segments in each list"));
  }
  for (SegmentId s : a.show_to) {
    if (std::count(a.show_to.begin(), a.show_to.end(), s) > 1 ||
        std::find(a.hide_from.begin(), a.hide_from.end(), s) != a.hide_from.end()) {
      return Fail(Bad("a segment is named twice"));
    }
  }
  for (SegmentId s : a.hide_from) {
    if (std::count(a.hide_from.begin(), a.hide_from.end(), s) > 1) {
      return Fail(Bad("a segment is named twice"));
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> Warnings(const PostInput& in) {
  std::vector<std::string> out;
  if (in.images.size() > kImagesShownWell) out.emplace_back(errors::kManyImages);
  return out;
}

Result<Post> MomentsService::Create(Tx& tx, MerchantId merchant, const PostInput& in) {
  Timestamp now = clock_.Now();
  if (auto ok = CheckInput(in, now); !ok) return Fail(ok.error());
  Post p;
  p.id = ids_.Next<MomentId>();
  p.merchant_id = merchant;
  p.author = in.author;
  p.text = in.text;
  p.images = in.images;
  p.product_id = in.product_id;
  p.publish_at = std::max(in.publish_at.value_or(now), now);
  p.audience = in.audience;
  p.created_at = p.updated_at = now;
  auto ok = tx.Exec(
      "INSERT INTO moments_post (id, merchant_id, author_staff_id, body, product_id, publish_at,"
      " audience, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
      {p.id, merchant, p.author, p.text, p.product_id, p.publish_at,
       TextOf(kAudienceKindText, KindOf(p.audience)), now, now});
  if (!ok) return Fail(ok.error());
  for (std::size_t i = 0; i < p.images.size(); ++i) {
    auto img = tx.Exec(
        "INSERT INTO moments_image (merchant_id, post_id, seq, image_id, url) VALUES (?, ?, ?, ?,"
        " ?)",
        {merchant, p.id, static_cast<std::int64_t>(i), p.images[i].id, p.images[i].url});
    if (!img) return Fail(img.error());
  }
  auto add = [&](const std::vector<SegmentId>& list, const char* rule) -> Result<void> {
    for (SegmentId s : list) {
      auto r = tx.Exec(
          "INSERT INTO moments_audience (merchant_id, post_id, segment_id, rule) VALUES (?, ?, ?,"
          " ?)",
          {merchant, p.id, s, rule});
      if (!r) return Fail(r.error());
    }
    return {};
  };
  if (auto r = add(p.audience.show_to, "show"); !r) return Fail(r.error());
  if (auto r = add(p.audience.hide_from, "hide"); !r) return Fail(r.error());
  return p;
}

Result<std::vector<Post>> MomentsService::Select(Tx& tx, const std::string& where,
                                                 std::vector<storage::Param> params,
                                                 MerchantId merchant) {
  auto rows =
      tx.Query(std::string("SELECT ") + kPostColumns + " FROM moments_post p WHERE " + where,
               storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Post> out;
  for (const auto& r : *rows) out.push_back(PostFromRow(r, merchant));
  if (auto ok = LoadDetails(tx, merchant, out); !ok) return Fail(ok.error());
  return out;
}

// The pictures and segment lists of a page of posts, in two queries.
Result<void> MomentsService::LoadDetails(Tx& tx, MerchantId merchant, std::vector<Post>& posts) {
  if (posts.empty()) return {};
  std::map<Id, Post*> by_id;
  std::vector<storage::Param> params{merchant};
  for (auto& p : posts) {
    by_id[p.id.value()] = &p;
    params.emplace_back(p.id);
  }
  std::string in = " AND post_id IN (" + Placeholders(posts.size()) + ")";
  storage::Params ps(params.data(), params.size());
  auto images = tx.Query("SELECT post_id, image_id, url FROM moments_image WHERE merchant_id = ?" +
                             in + " ORDER BY post_id, seq",
                         ps);
  if (!images) return Fail(images.error());
  for (const auto& r : *images) {
    by_id[r.Int(0)]->images.push_back(PostImage{r.IdAt(1), r.Str(2)});
  }
  auto audience =
      tx.Query("SELECT post_id, segment_id, rule FROM moments_audience WHERE merchant_id = ?" + in +
                   " ORDER BY post_id, segment_id",
               ps);
  if (!audience) return Fail(audience.error());
  for (const auto& r : *audience) {
    Audience& a = by_id[r.Int(0)]->audience;
    (r.Str(2) == "show" ? a.show_to : a.hide_from).push_back(r.IdAt(1));
  }
  return {};
}

Result<Post> MomentsService::Get(Tx& tx, MerchantId merchant, MomentId id) {
  auto list = Select(tx, "p.id = ? AND p.merchant_id = ?", {id, merchant}, merchant);
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kNotFound, "no such moment"));
  return std::move(list->front());
}

Result<Post> MomentsService::GetPublished(Tx& tx, MerchantId merchant, MomentId id) {
  auto p = Get(tx, merchant, id);
  if (!p) return Fail(p.error());
  if (p->status != PostStatus::kActive || p->publish_at > clock_.Now()) {
    return Fail(NotFound(errors::kNotFound, "no such moment"));
  }
  return p;
}

Result<std::vector<Post>> MomentsService::List(Tx& tx, MerchantId merchant, MomentId after,
                                               int limit) {
  std::string where = "p.merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (after.valid()) {
    where += " AND p.id < ?";
    params.emplace_back(after);
  }
  where += " ORDER BY p.id DESC LIMIT ?";
  params.emplace_back(limit);
  return Select(tx, where, std::move(params), merchant);
}

Result<Post> MomentsService::Withdraw(Tx& tx, MerchantId merchant, MomentId id) {
  auto p = Get(tx, merchant, id);
  if (!p) return Fail(p.error());
  if (p->status == PostStatus::kWithdrawn) return p;
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE moments_post SET status = 'withdrawn', updated_at = ? WHERE id = ? AND"
      " merchant_id = ?",
      {now, id, merchant});
  if (!ok) return Fail(ok.error());
  p->status = PostStatus::kWithdrawn;
  p->updated_at = now;
  return p;
}

Result<std::vector<SegmentId>> MomentsService::SegmentsInUse(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(
      "SELECT DISTINCT a.segment_id FROM moments_audience a JOIN moments_post p ON p.id ="
      " a.post_id AND p.merchant_id = a.merchant_id WHERE a.merchant_id = ? AND p.status ="
      " 'active' ORDER BY a.segment_id",
      {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<SegmentId> out;
  for (const auto& r : *rows) out.push_back(r.IdAt(0));
  return out;
}

// The audience rule of VisibleTo in SQL, so that a page holds `limit`
// visible posts however many others lie between them: public and hide-only
// posts for everyone signed in, shown-to posts for members of one of their
// segments, and none with a hidden-from segment of theirs. Guests: public only.
Result<std::vector<Post>> MomentsService::Feed(Tx& tx, MerchantId merchant, const FeedQuery& q) {
  std::string where = "p.merchant_id = ? AND p.status = 'active' AND p.publish_at <= ?";
  std::vector<storage::Param> params{merchant, q.now};
  if (q.after.valid()) {
    where +=
        " AND (p.publish_at, p.id) < (SELECT publish_at, id FROM moments_post WHERE id = ? AND"
        " merchant_id = ?)";
    params.emplace_back(q.after);
    params.emplace_back(merchant);
  }
  std::vector<SegmentId> mine;
  if (q.viewer) mine.assign(q.viewer->segments.begin(), q.viewer->segments.end());
  if (!q.viewer) {
    where += " AND p.audience = 'public'";
  } else if (mine.empty()) {
    where += " AND p.audience IN ('public', 'hide')";
  } else {
    std::string of_mine = " AND a.segment_id IN (" + Placeholders(mine.size()) + "))";
    std::string audience =
        "SELECT 1 FROM moments_audience a WHERE a.merchant_id = p.merchant_id AND a.post_id ="
        " p.id AND a.rule = ";
    where += " AND (p.audience IN ('public', 'hide') OR EXISTS (" + audience + "'show'" + of_mine +
             ") AND NOT EXISTS (" + audience + "'hide'" + of_mine;
    for (SegmentId s : mine) params.emplace_back(s);
    for (SegmentId s : mine) params.emplace_back(s);
  }
  where += " ORDER BY p.publish_at DESC, p.id DESC LIMIT ?";
  params.emplace_back(q.limit);
  return Select(tx, where, std::move(params), merchant);
}

}  // namespace weishang::moments
