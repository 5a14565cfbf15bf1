// Identifiers. Inside the engine every key is a 64-bit integer; the API shows
// it with a type prefix ("ord_2k9x3…") so ids of different things can't be
// mixed up by a client.
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace weishang {

using Id = std::int64_t;

// "ord_" + base36(id). `prefix` is given without the underscore.
std::string EncodeId(std::string_view prefix, Id id);
// The same, appended to `out`.
void AppendId(std::string& out, std::string_view prefix, Id id);

// Inverse of EncodeId; nullopt if the prefix differs or the rest is not a
// valid positive base36 number.
std::optional<Id> DecodeId(std::string_view prefix, std::string_view text);

// An id of one kind of record. `Tag::kPrefix` is the text prefix the API
// shows ("ord" for orders); it is declared once, with the tag, below. Ids of
// different kinds do not convert into each other, so a SKU id cannot be
// passed where an order id is expected. value() is the database key.
template <class Tag>
class TypedId {
 public:
  static constexpr std::string_view kPrefix = Tag::kPrefix;

  constexpr TypedId() = default;
  constexpr explicit TypedId(Id value) : value_(value) {}

  constexpr Id value() const { return value_; }
  // True for a real id: 0 is "none" (the default), as in the database.
  constexpr bool valid() const { return value_ != 0; }
  friend constexpr auto operator<=>(TypedId, TypedId) = default;

 private:
  Id value_ = 0;
};

// Every kind of record with an id, and its prefix. A module adding a kind of
// record declares its id here: other modules refer to its rows by id, and a
// module never includes another module (docs/adding-a-module.md).
#define WEISHANG_ID(Name, prefix)                       \
  struct Name##Tag {                                    \
    static constexpr std::string_view kPrefix = prefix; \
  };                                                    \
  using Name = TypedId<Name##Tag>
WEISHANG_ID(MerchantId, "mch");
WEISHANG_ID(StaffId, "stf");
WEISHANG_ID(CategoryId, "cat");
WEISHANG_ID(ProductId, "prd");
WEISHANG_ID(SkuId, "sku");
WEISHANG_ID(ImageId, "img");
WEISHANG_ID(CouponId, "cpn");
WEISHANG_ID(SkuDiscountId, "dsc");
WEISHANG_ID(FullReductionId, "red");
WEISHANG_ID(CartId, "crt");
WEISHANG_ID(OrderId, "ord");
WEISHANG_ID(PaymentId, "pay");
WEISHANG_ID(RefundId, "rfd");
WEISHANG_ID(AftersalesId, "afs");
WEISHANG_ID(WebhookEndpointId, "whk");
WEISHANG_ID(WebhookDeliveryId, "whd");
WEISHANG_ID(EventId, "evt");  // an outbox sequence number
WEISHANG_ID(CustomerId, "cus");
WEISHANG_ID(CustomerAddressId, "cad");
WEISHANG_ID(SmsMessageId, "sms");
WEISHANG_ID(SmsCodeId, "smc");
WEISHANG_ID(CustomerSessionId, "csn");
WEISHANG_ID(TagGroupId, "tgg");
WEISHANG_ID(TagId, "tag");
WEISHANG_ID(SegmentId, "seg");
WEISHANG_ID(InteractionId, "itx");
WEISHANG_ID(TaskId, "tsk");
WEISHANG_ID(ImportId, "imp");
// Outreach (modules/outreach): campaigns, one delivery per customer per
// campaign (a store message when sent), staff reports of blocks/deletions.
WEISHANG_ID(CampaignId, "cmp");
WEISHANG_ID(DeliveryId, "msg");
WEISHANG_ID(SpamReportId, "spm");
WEISHANG_ID(MomentId, "mmt");
WEISHANG_ID(MomentCommentId, "mmc");
WEISHANG_ID(GrowthCampaignId, "gcp");  // a campaign the growth numbers are kept for
WEISHANG_ID(ChannelCodeId, "chn");
WEISHANG_ID(TouchId, "tch");
// Group buys (拼团): a campaign of group prices, and one group of it.
WEISHANG_ID(GroupbuyCampaignId, "gbc");
WEISHANG_ID(GroupbuyGroupId, "gbg");
// Share vouchers (分享券): a campaign, and one voucher passed on.
WEISHANG_ID(VoucherCampaignId, "vcp");
WEISHANG_ID(VoucherId, "vch");
WEISHANG_ID(PresaleId, "psl");
WEISHANG_ID(VoteId, "vot");
WEISHANG_ID(VoteCandidateId, "vtc");
#undef WEISHANG_ID

// "ord_2k9x3…" for an OrderId.
template <class Tag>
std::string EncodeId(TypedId<Tag> id) {
  return EncodeId(TypedId<Tag>::kPrefix, id.value());
}
template <class Tag>
void AppendId(std::string& out, TypedId<Tag> id) {
  AppendId(out, TypedId<Tag>::kPrefix, id.value());
}
// DecodeId<OrderId>("ord_2k9x3…"); nullopt for another prefix or a malformed id.
template <class T>
std::optional<T> DecodeId(std::string_view text) {
  auto v = DecodeId(T::kPrefix, text);
  if (!v) return std::nullopt;
  return T(*v);
}

// Hands out unique, roughly time-ordered ids: 41 bits of milliseconds since
// 2024-01-01, 10 bits of node number, 12 bits of sequence (the Snowflake
// layout). Distinct nodes sharing one database must use distinct node numbers.
// Thread-safe.
class IdGenerator {
 public:
  explicit IdGenerator(int node = 0);
  Id Next();
  // The next id, typed: ids.Next<OrderId>().
  template <class T>
  T Next() {
    return T(Next());
  }

 private:
  std::mutex mu_;
  std::int64_t node_;
  std::int64_t last_ms_ = 0;
  std::int64_t seq_ = 0;
};

}  // namespace weishang

template <class Tag>
struct std::hash<weishang::TypedId<Tag>> {
  std::size_t operator()(weishang::TypedId<Tag> id) const noexcept {
    return std::hash<weishang::Id>{}(id.value());
  }
};
