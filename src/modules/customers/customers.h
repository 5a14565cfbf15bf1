// Customers: one record per person per merchant, found again by any of their
// identities (phone, WeChat openid/unionid, Taobao Wangwang id) and never
// duplicated: when two records turn out to be one person they are merged,
// both histories kept, and the merge recorded. Holds the facts the CRM reads
// (orders, purchases, spend, lifecycle stage) and the owning staff member.
// Writes take the caller's Tx. Stateless apart from its clock and id
// generator; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::customers {

using storage::Tx;

enum class IdentityKind { kPhone, kWechatOpenid, kWechatUnionid, kTaobaoWangwang };
inline constexpr EnumText<IdentityKind> kIdentityKindText[] = {
    {IdentityKind::kPhone, "phone"},
    {IdentityKind::kWechatOpenid, "wechat_openid"},
    {IdentityKind::kWechatUnionid, "wechat_unionid"},
    {IdentityKind::kTaobaoWangwang, "taobao_wangwang"},
};

enum class Gender { kUnknown, kFemale, kMale };
inline constexpr EnumText<Gender> kGenderText[] = {
    {Gender::kUnknown, "unknown"},
    {Gender::kFemale, "female"},
    {Gender::kMale, "male"},
};

// The lifecycle, in order; a customer only moves forward (Advance).
enum class Stage { kAcquired, kInteracted, kFirstPurchase, kRepeatBuyer, kReferrer, kPromoter };
inline constexpr EnumText<Stage> kStageText[] = {
    {Stage::kAcquired, "acquired"},
    {Stage::kInteracted, "interacted"},
    {Stage::kFirstPurchase, "first_purchase"},
    {Stage::kRepeatBuyer, "repeat_buyer"},
    {Stage::kReferrer, "referrer"},
    {Stage::kPromoter, "promoter"},
};

struct Identity {
  IdentityKind kind = IdentityKind::kPhone;
  std::string value;
};

struct Customer {
  CustomerId id;
  MerchantId merchant_id;
  std::int64_t ordinal = 0;  // the customer's bit in segment bitmaps
  std::string display_name;
  std::string remark_name;
  std::string phone;
  Gender gender = Gender::kUnknown;
  std::string birthday;  // YYYY-MM-DD or ""
  std::string province, city, district;
  std::string channel;
  std::optional<CustomerId> referrer_id;
  std::optional<StaffId> owner_staff_id;
  Stage stage = Stage::kAcquired;
  std::int64_t orders_count = 0;
  Fen spent_total = 0;
  std::optional<Timestamp> first_order_at, last_order_at;
  std::optional<CustomerId> merged_into;
  std::optional<Timestamp> erased_at;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// Who a new or returning customer is, as a checkout, sign-in, import or
// referral knows them. Identities are matched in order; unknown ones are
// attached to the record found (or created).
struct Arrival {
  std::vector<Identity> identities;  // at least one
  std::string display_name;          // kept if the record has none
  std::string channel;               // first touch: kept if the record has none
  std::optional<CustomerId> referrer_id;
  std::string province, city, district;  // kept if the record has none
};

struct Matched {
  Customer customer;
  bool created = false;
  std::vector<CustomerId> merged;  // records merged into `customer` by this arrival
};

// One line of a paid order: what a customer bought.
struct PurchasedLine {
  ProductId product_id;
  SkuId sku_id;
  std::optional<CategoryId> category_id;
  std::int64_t quantity = 0;
};

// A paid order of a customer and what it held (customers_purchase).
struct Purchase {
  CustomerId customer_id;
  std::int64_t ordinal = 0;
  OrderId order_id;
  Timestamp paid_at = 0;
  std::vector<PurchasedLine> lines;
};

struct ListFilter {
  std::string query;  // part of a name or remark, or a whole phone
  std::optional<Stage> stage;
  std::optional<StaffId> owner;  // only this staff member's customers
  CustomerId after;              // cursor: customers with smaller ids (newest first)
  int limit = 20;
};

// What a customer may change about themselves (the store's "my profile").
struct ProfileUpdate {
  std::optional<std::string> display_name;  // 1–30 characters
  std::optional<Gender> gender;
  std::optional<std::string> birthday;  // YYYY-MM-DD (a real date, not in the future) or ""
  std::optional<std::string> province, city, district;  // up to 20 characters each
};

// 11 digits starting with 1, after removing +86/0086/86, spaces and dashes;
// "" for anything else.
std::string NormalisePhone(std::string_view text);

class CustomerService {
 public:
  CustomerService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Finds the customer behind any of `a.identities`, or creates one, and
  // attaches the identities it did not have. When the identities point to
  // several records, they are one person: the oldest record is kept and the
  // others are merged into it (Merge, reason "identity_match").
  // customers.invalid_identity (400) for an empty or malformed identity.
  Result<Matched> Arrive(Tx& tx, MerchantId merchant, const Arrival& a, std::string_view actor);

  // The customer, following merges to the record kept.
  // customers.not_found (404) when absent or another merchant's.
  Result<Customer> Get(Tx& tx, MerchantId merchant, CustomerId id);
  Result<std::optional<Customer>> FindByIdentity(Tx& tx, MerchantId merchant,
                                                 const Identity& identity);
  Result<std::vector<Identity>> Identities(Tx& tx, MerchantId merchant, CustomerId id);

  // Moves everything of `merged` (identities, orders, purchases) to `kept`,
  // sums the facts, marks `merged` merged_into `kept`, and records the merge
  // with its reason and actor. customers.merge_same (409) when both are one
  // record; customers.not_found when either is absent.
  Result<Customer> Merge(Tx& tx, MerchantId merchant, CustomerId kept, CustomerId merged,
                         std::string_view reason, std::string_view actor);

  // Sets the fields given (profile.cc), records customer.changed.
  // customers.invalid_field (422) naming the field; customers.not_found.
  Result<Customer> UpdateProfile(Tx& tx, MerchantId merchant, CustomerId id,
                                 const ProfileUpdate& u);

  // Newest first; merged records are left out.
  Result<std::vector<Customer>> List(Tx& tx, MerchantId merchant, const ListFilter& f);

  // --- orders and purchases (purchases.cc) ---
  // Links an order to its customer when it is placed; a repeat does nothing.
  Result<void> LinkOrder(Tx& tx, MerchantId merchant, CustomerId customer, OrderId order, Fen total,
                         Timestamp placed_at);
  // The customer an order is linked to, following merges.
  Result<std::optional<Customer>> CustomerOfOrder(Tx& tx, MerchantId merchant, OrderId order);
  // A linked order was paid: its lines become the customer's purchases, the
  // order count, spend, first/last order and stage move (first_purchase,
  // then repeat_buyer), and customer.changed and customer.purchased are
  // recorded. Once per order: a repeat, or an order not linked, does nothing.
  Result<void> RecordPaid(Tx& tx, MerchantId merchant, OrderId order, Timestamp paid_at,
                          const std::vector<PurchasedLine>& lines);
  // The order's refunded total is now `refunded_total`: the difference comes
  // off the customer's spend (customer.changed).
  Result<void> RecordRefunded(Tx& tx, MerchantId merchant, OrderId order, Fen refunded_total);
  // Every paid order of the merchant's customers with its lines, as
  // RecordPaid kept them (category as it was at payment), one query.
  Result<void> ForEachPurchase(Tx& tx, MerchantId merchant,
                               const std::function<void(const Purchase&)>& fn);
  // The customer's orders, newest first, before the cursor `before` (none = from the newest).
  Result<std::vector<OrderId>> OrdersOf(Tx& tx, MerchantId merchant, CustomerId customer,
                                        std::optional<OrderId> before, int limit);

 private:
  Result<Customer> Create(Tx& tx, MerchantId merchant, const Arrival& a);
  // Writes the facts that orders move (counts, spend, dates, stage).
  Result<void> SaveFacts(Tx& tx, const Customer& c);
  Result<std::int64_t> NextOrdinal(Tx& tx, MerchantId merchant);

  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::customers
