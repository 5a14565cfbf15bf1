// What customers do with posts: likes, comments, taps through to the
// product, and the orders attributed to those taps. Each keeps its post's
// counter in the same unit.
#include "core/utf8.h"
#include "modules/moments/moments.h"
#include "modules/moments/moments_errors.h"

namespace weishang::moments {
namespace {

constexpr const char* kCommentColumns =
    "id, post_id, customer_id, author_name, body, status, created_at";

Comment CommentFromRow(const storage::Row& r) {
  return Comment{r.IdAt(0), r.IdAt(1), r.IdAt(2), r.Str(3), r.Str(4), r.Str(5) == "deleted",
                 r.Int(6)};
}

// Adds `delta` to one of the post's counters (a fixed column name, never input).
Result<void> Bump(Tx& tx, MerchantId merchant, MomentId post, const char* column, int delta,
                  Timestamp now) {
  auto ok = tx.Exec(std::string("UPDATE moments_post SET ") + column + " = " + column +
                        " + ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
                    {delta, now, post, merchant});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace

Result<LikeState> MomentsService::ToggleLike(Tx& tx, MerchantId merchant, MomentId post,
                                             CustomerId customer) {
  Timestamp now = clock_.Now();
  auto removed =
      tx.Exec("DELETE FROM moments_like WHERE post_id = ? AND customer_id = ? AND merchant_id = ?",
              {post, customer, merchant});
  if (!removed) return Fail(removed.error());
  bool liked = *removed == 0;
  if (liked) {
    auto ok = tx.Exec(
        "INSERT INTO moments_like (merchant_id, post_id, customer_id, created_at) VALUES (?, ?, ?,"
        " ?)",
        {merchant, post, customer, now});
    if (!ok) return Fail(ok.error());
  }
  if (auto ok = Bump(tx, merchant, post, "like_count", liked ? 1 : -1, now); !ok) {
    return Fail(ok.error());
  }
  auto row = tx.QueryOne("SELECT like_count FROM moments_post WHERE id = ? AND merchant_id = ?",
                         {post, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kNotFound, "no such moment"));
  return LikeState{liked, (*row)->Int(0)};
}

Result<std::set<MomentId>> MomentsService::LikedOf(Tx& tx, MerchantId merchant, CustomerId customer,
                                                   const std::vector<MomentId>& posts) {
  std::set<MomentId> out;
  if (posts.empty()) return out;
  std::string sql =
      "SELECT post_id FROM moments_like WHERE merchant_id = ? AND customer_id = ? AND post_id IN (";
  std::vector<storage::Param> params{merchant, customer};
  for (std::size_t i = 0; i < posts.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(posts[i]);
  }
  auto rows = tx.Query(sql + ")", storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) out.insert(r.IdAt(0));
  return out;
}

Result<Comment> MomentsService::AddComment(Tx& tx, MerchantId merchant, MomentId post,
                                           CustomerId customer, std::string author_name,
                                           std::string text) {
  std::size_t chars = CountUtf8Chars(text);
  if (chars == 0 || chars > kMaxCommentChars) {
    return Fail(Invalid(errors::kInvalidField, "a comment is 1-300 characters"));
  }
  Comment c{ids_.Next<MomentCommentId>(),
            post,
            customer,
            std::move(author_name),
            std::move(text),
            false,
            clock_.Now()};
  auto ok = tx.Exec(
      "INSERT INTO moments_comment (id, merchant_id, post_id, customer_id, author_name, body,"
      " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'visible', ?, ?)",
      {c.id, merchant, post, customer, c.author_name, c.text, c.created_at, c.created_at});
  if (!ok) return Fail(ok.error());
  if (auto b = Bump(tx, merchant, post, "comment_count", 1, c.created_at); !b) {
    return Fail(b.error());
  }
  return c;
}

Result<std::vector<Comment>> MomentsService::Comments(Tx& tx, MerchantId merchant, MomentId post,
                                                      int limit, bool with_deleted) {
  auto rows =
      tx.Query(std::string("SELECT ") + kCommentColumns +
                   " FROM moments_comment WHERE merchant_id = ? AND post_id = ?" +
                   (with_deleted ? "" : " AND status = 'visible'") + " ORDER BY id DESC LIMIT ?",
               {merchant, post, limit});
  if (!rows) return Fail(rows.error());
  std::vector<Comment> out;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) out.push_back(CommentFromRow(*it));
  return out;
}

Result<std::int64_t> MomentsService::ForgetCustomer(Tx& tx, MerchantId merchant,
                                                    CustomerId customer) {
  // The texts the customers and CRM modules show for an erased customer.
  constexpr char kErasedName[] = "已注销用户";
  constexpr char kErasedText[] = "（已删除：客户已注销）";
  auto ok = tx.Exec(
      "UPDATE moments_comment SET author_name = ?, body = ?, updated_at = ?"
      " WHERE merchant_id = ? AND customer_id = ? AND body <> ?",
      {kErasedName, kErasedText, clock_.Now(), merchant, customer, kErasedText});
  if (!ok) return Fail(ok.error());
  return *ok;
}

Result<Comment> MomentsService::DeleteComment(Tx& tx, MerchantId merchant, MomentId post,
                                              MomentCommentId comment, StaffId by) {
  // The post first, so an unknown post answers as an unknown post whatever the comment.
  auto owner =
      tx.QueryOne("SELECT 1 FROM moments_post WHERE id = ? AND merchant_id = ?", {post, merchant});
  if (!owner) return Fail(owner.error());
  if (!*owner) return Fail(NotFound(errors::kNotFound, "no such moment"));
  auto row = tx.QueryOne(std::string("SELECT ") + kCommentColumns +
                             " FROM moments_comment WHERE id = ? AND merchant_id = ? AND"
                             " post_id = ?",
                         {comment, merchant, post});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kCommentNotFound, "no such comment"));
  Comment c = CommentFromRow(**row);
  if (c.deleted) return c;
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE moments_comment SET status = 'deleted', deleted_by = ?, updated_at = ? WHERE id = ?"
      " AND merchant_id = ?",
      {by, now, comment, merchant});
  if (!ok) return Fail(ok.error());
  if (auto b = Bump(tx, merchant, post, "comment_count", -1, now); !b) return Fail(b.error());
  c.deleted = true;
  return c;
}

Result<ProductId> MomentsService::RecordClick(Tx& tx, MerchantId merchant, MomentId post,
                                              std::optional<CustomerId> customer) {
  auto row = tx.QueryOne("SELECT product_id FROM moments_post WHERE id = ? AND merchant_id = ?",
                         {post, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kNotFound, "no such moment"));
  if ((*row)->IsNull(0)) {
    return Fail(Conflict(errors::kNoProduct, "this moment links no product"));
  }
  ProductId product = (*row)->IdAt(0);
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO moments_click (merchant_id, post_id, customer_id, product_id, clicked_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {merchant, post, customer, product, now});
  if (!ok) return Fail(ok.error());
  if (auto b = Bump(tx, merchant, post, "click_count", 1, now); !b) return Fail(b.error());
  return product;
}

Result<std::optional<MomentId>> MomentsService::AttributeOrder(
    Tx& tx, MerchantId merchant, OrderId order, CustomerId customer, Timestamp paid_at,
    const std::vector<ProductId>& products) {
  if (products.empty()) return std::optional<MomentId>();
  std::string sql =
      "SELECT post_id FROM moments_click WHERE merchant_id = ? AND customer_id = ? AND"
      " clicked_at >= ? AND clicked_at <= ? AND product_id IN (";
  std::vector<storage::Param> params{merchant, customer, paid_at - kAttributionWindow, paid_at};
  for (std::size_t i = 0; i < products.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(products[i]);
  }
  sql += ") ORDER BY clicked_at DESC LIMIT 1";
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<MomentId>();
  MomentId post = rows->front().IdAt(0);
  Timestamp now = clock_.Now();
  auto added = tx.Exec(
      "INSERT INTO moments_order (merchant_id, order_id, post_id, customer_id, attributed_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {merchant, order, post, customer, now});
  if (!added) return Fail(added.error());
  if (*added == 0) return std::optional<MomentId>();  // attributed before
  if (auto b = Bump(tx, merchant, post, "order_count", 1, now); !b) return Fail(b.error());
  return std::optional<MomentId>(post);
}

}  // namespace weishang::moments
