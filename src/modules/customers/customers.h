// Customers: one record per person per merchant, found again by any of their
// identities (phone, WeChat openid/unionid, Taobao Wangwang id) and never
// duplicated: when two records turn out to be one person they are merged,
// both histories kept, and the merge recorded. Holds the facts the CRM reads
// (orders, purchases, spend, lifecycle stage) and the owning staff member.
// Writes take the caller's Tx. Stateless apart from its clock and id
// generator; thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
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

// wechat_id is the 微信号 a friend list shows (the person chooses it);
// openid and unionid come from WeChat's OAuth.
enum class IdentityKind { kPhone, kWechatOpenid, kWechatUnionid, kTaobaoWangwang, kWechatId };
inline constexpr EnumText<IdentityKind> kIdentityKindText[] = {
    {IdentityKind::kPhone, "phone"},
    {IdentityKind::kWechatOpenid, "wechat_openid"},
    {IdentityKind::kWechatUnionid, "wechat_unionid"},
    {IdentityKind::kTaobaoWangwang, "taobao_wangwang"},
    {IdentityKind::kWechatId, "wechat_id"},
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
  // The merchant's custom fields that have a value (key -> value as text;
  // a date is YYYY-MM-DD). Filled by Get and List.
  std::map<std::string, std::string> fields;
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
  // An import knows these too; each is kept if the record has none.
  std::string remark_name;
  Gender gender = Gender::kUnknown;
  std::string birthday;  // YYYY-MM-DD (ParseBirthday) or ""
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

// A purchased line some of whose units were refunded (customer.returned).
struct ReturnedLine {
  ProductId product_id;
  std::int64_t quantity = 0;  // bought
  std::int64_t returned = 0;  // refunded so far, 1..quantity
};

// A paid order of a customer and what it held (customers_purchase).
struct Purchase {
  CustomerId customer_id;
  std::int64_t ordinal = 0;
  OrderId order_id;
  Timestamp paid_at = 0;
  std::vector<PurchasedLine> lines;
};

// A record's place in the referral forest (ScanReferrals).
struct ReferralRow {
  CustomerId id;
  std::optional<CustomerId> referrer_id;  // as recorded: it may name a merged record
  std::optional<CustomerId> merged_into;
  Fen spent_total = 0;
  std::optional<Timestamp> first_order_at;
};

// Customers who signed up in a period, split by whether someone referred
// them: how many, how many paid (>= 1 paid order, at any time since), how
// many came back (>= 2 paid orders), and what they paid less refunds.
struct Cohort {
  std::int64_t signed_up = 0;
  std::int64_t paid = 0;
  std::int64_t repurchased = 0;
  Fen revenue = 0;
};
struct ReferralCohorts {
  Cohort referred, not_referred;
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

// --- custom fields (fields.cc) ---

// What a custom field holds. A date is YYYY-MM-DD (a child's birth date, from
// which the tags module's age_stage rule follows); a number is a decimal; a
// choice is one of the definition's choices.
enum class FieldKind { kDate, kText, kNumber, kChoice };
inline constexpr EnumText<FieldKind> kFieldKindText[] = {
    {FieldKind::kDate, "date"},
    {FieldKind::kText, "text"},
    {FieldKind::kNumber, "number"},
    {FieldKind::kChoice, "choice"},
};

// A merchant's definition of one custom field.
struct FieldDef {
  std::string key;    // [a-z][a-z0-9_]{0,31}: the key in customer.changed's "fields"
  std::string label;  // shown in the console, 1-32 characters
  FieldKind kind = FieldKind::kText;
  std::vector<std::string> choices;  // kChoice: 1-50 distinct choices
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// --- ownership (owners.cc) ---

// How a new customer without an owner is given one.
enum class AssignMode { kNone, kRoundRobin, kLeastLoaded, kByChannel };
inline constexpr EnumText<AssignMode> kAssignModeText[] = {
    {AssignMode::kNone, "none"},
    {AssignMode::kRoundRobin, "round_robin"},
    {AssignMode::kLeastLoaded, "least_loaded"},
    {AssignMode::kByChannel, "by_channel"},
};

// The friend capacity of a staff account without one set (a WeChat account's).
inline constexpr std::int64_t kDefaultCapacity = 5000;
inline constexpr std::int64_t kMaxCapacity = 100000;

struct AssignmentRules {
  AssignMode mode = AssignMode::kNone;
  std::vector<StaffId> staff;               // the pool, in turn order (round robin, least loaded)
  std::map<std::string, StaffId> channels;  // by_channel: channel -> staff; others use the pool
};

// A staff member's customers against their capacity.
struct OwnerLoad {
  StaffId staff;
  std::int64_t capacity = kDefaultCapacity;
  std::int64_t owned = 0;  // live customers they own
};

enum class OwnerReason { kAssigned, kManual, kResigned, kTransferred };
inline constexpr EnumText<OwnerReason> kOwnerReasonText[] = {
    {OwnerReason::kAssigned, "assigned"},
    {OwnerReason::kManual, "manual"},
    {OwnerReason::kResigned, "resigned"},
    {OwnerReason::kTransferred, "transferred"},
};

struct OwnerChange {
  CustomerId customer;
  std::optional<StaffId> from, to;
  OwnerReason reason = OwnerReason::kAssigned;
  std::string actor;
  Timestamp at = 0;
};

// Handover: 离职继承 (resigned) or an in-service transfer.
enum class HandoverKind { kResigned, kTransfer };
inline constexpr EnumText<HandoverKind> kHandoverKindText[] = {
    {HandoverKind::kResigned, "resigned"},
    {HandoverKind::kTransfer, "transfer"},
};
// WeCom: a customer moved in service more than twice in 90 days is refused.
inline constexpr int kTransfersPer90Days = 2;

struct HandoverTarget {
  StaffId staff;
  std::optional<std::int64_t> count;  // how many of the customers; none = an even share
};

struct HandoverRequest {
  StaffId from;
  HandoverKind kind = HandoverKind::kTransfer;
  std::vector<CustomerId> customers;  // empty: every customer `from` owns
  std::vector<HandoverTarget> to;     // 1-20 colleagues, each once, not `from`
  std::string actor;
};

struct HandoverRefusal {
  CustomerId customer;
  std::string code;  // customers.transfer_limit, customers.not_owned, customers.capacity_full
  std::string message;
};

struct HandoverResult {
  std::vector<std::pair<CustomerId, StaffId>> moved;  // customer -> new owner
  std::vector<HandoverRefusal> refused;
};

// --- erasure (erasure.cc) ---

// The name an erased customer shows (the PIPL right of deletion).
inline constexpr char kErasedName[] = "已注销用户";

struct Erasure {
  Customer customer;            // as erased
  bool already = false;         // erased before: nothing changed now
  std::int64_t identities = 0;  // identities removed
  std::int64_t fields = 0;      // custom field values removed
  // The records anonymised: the customer and those merged into it (their
  // sessions and address books are other modules' to forget).
  std::vector<CustomerId> records;
};

// 11 digits starting with 1, after removing +86/0086/86, spaces and dashes;
// "" for anything else.
std::string NormalisePhone(std::string_view text);
// The phone as lists and exports show it to those who may not see it whole:
// 138****8001 (the first three and last four digits); "" for none.
std::string MaskPhone(std::string_view phone);
// A real calendar date written 1990-05-01, 1990/5/1, 1990.5.1, 19900501 or
// 1990年5月1日, as YYYY-MM-DD; "" for anything else (and for dates before
// 1900 or after `today`'s year).
std::string ParseBirthday(std::string_view text, int this_year);
// The day `text` names when it is written YYYY-MM-DD and is a real calendar
// date (birthdays, date custom fields); nullopt otherwise.
std::optional<std::chrono::year_month_day> ReadDate(std::string_view text);

class CustomerService {
 public:
  CustomerService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Finds the customer behind any of `a.identities`, or creates one, and
  // attaches the identities it did not have. When the identities point to
  // several records, they are one person: the oldest record is kept and the
  // others are merged into it (Merge, reason "identity_match"). A record it
  // creates gets an owner by the merchant's rules (AssignOwner).
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

  // Moves the lifecycle forward to `to` (never back): a logged chat, call,
  // like or comment makes an acquired customer "interacted". Records
  // customer.changed when the stage moved. customers.not_found.
  Result<Customer> Advance(Tx& tx, MerchantId merchant, CustomerId id, Stage to);

  // Newest first; merged records are left out.
  Result<std::vector<Customer>> List(Tx& tx, MerchantId merchant, const ListFilter& f);

  // Erases a customer's personal data (PIPL), following merges to the record
  // kept: on it and on every record merged into it, the names become
  // kErasedName, phone, gender, birthday and area are cleared, identities
  // and custom field values are deleted (a later sign-in with the same phone
  // makes a new customer), and erased_at is set. The facts that orders move
  // (orders, spend, stage), the channel, referrer and owner stay: they are
  // the shop's records, not the person's. Records customer.changed with
  // "erased": true (the tags module drops the customer from every tag and
  // segment). A second call changes nothing (already = true).
  // customers.not_found.
  Result<Erasure> Erase(Tx& tx, MerchantId merchant, CustomerId id);

  // --- orders and purchases (purchases.cc) ---
  // Links an order to its customer when it is placed; a repeat does nothing.
  Result<void> LinkOrder(Tx& tx, MerchantId merchant, CustomerId customer, OrderId order, Fen total,
                         Timestamp placed_at);
  // The customer an order is linked to, following merges.
  Result<std::optional<Customer>> CustomerOfOrder(Tx& tx, MerchantId merchant, OrderId order);
  // A linked order was paid: its lines become the customer's purchases, the
  // order count, spend, first/last order and stage move (first_purchase,
  // then repeat_buyer; a referred customer's first paid order makes the one
  // who referred them a referrer), and customer.changed and
  // customer.purchased are recorded. Once per order: a repeat, or an order not linked, does
  // nothing.
  Result<void> RecordPaid(Tx& tx, MerchantId merchant, OrderId order, Timestamp paid_at,
                          const std::vector<PurchasedLine>& lines);
  // The order's refunded total is now `refunded_total`: the difference comes
  // off the customer's spend (customer.changed).
  Result<void> RecordRefunded(Tx& tx, MerchantId merchant, OrderId order, Fen refunded_total);
  // Units of the order's lines refunded so far, as the order keeps them
  // (line_no -> quantity): they come off the customer's purchases (what was
  // kept is quantity - returned), and customer.returned names the order and
  // the products whose kept quantity went down. Absolute, so a repeat
  // changes nothing; an order not paid or not linked is skipped.
  Result<void> RecordReturned(Tx& tx, MerchantId merchant, OrderId order,
                              const std::vector<std::pair<int, std::int64_t>>& returned);
  // Every paid order of the merchant's customers with its lines, as
  // RecordPaid kept them (category as it was at payment) less the units
  // returned (a line returned in full is left out), one query.
  Result<void> ForEachPurchase(Tx& tx, MerchantId merchant,
                               const std::function<void(const Purchase&)>& fn);
  // Every purchased line of the merchant's customers (of `products` when
  // not empty, of `customer` only when given), order by order in pages of
  // `page` lines (an order's lines are never split), for batch computations
  // over millions of lines (workflows/reminders): fn(customer, product,
  // paid_at, quantity kept, returns taken off; a line returned in full is
  // left out). The filters are the query's: lines outside them are not read
  // into memory.
  struct LineScope {
    std::vector<ProductId> products;  // any of these; empty: every product
    std::optional<CustomerId> customer;
  };
  Result<void> ScanPurchaseLines(
      Tx& tx, MerchantId merchant, const LineScope& scope, int page,
      const std::function<void(CustomerId, ProductId, Timestamp, std::int64_t)>& fn);
  // The customer's orders, newest first, before the cursor `before` (none = from the newest).
  Result<std::vector<OrderId>> OrdersOf(Tx& tx, MerchantId merchant, CustomerId customer,
                                        std::optional<OrderId> before, int limit);

  // --- referrals (referrals.cc) ---
  // Every record of the merchant that was referred or merged into another
  // (the referral forest's edges, and where a merged referrer went), in id
  // order, read in pages of `page` rows (the growth workflows rank super
  // users over millions of customers with it).
  Result<void> ScanReferrals(Tx& tx, MerchantId merchant, int page,
                             const std::function<void(const ReferralRow&)>& fn);
  // The customers created in [from, to) (records merged away not counted:
  // the record kept counts), referred versus not: one range scan.
  Result<ReferralCohorts> CohortsOf(Tx& tx, MerchantId merchant, Timestamp from, Timestamp to);

  // --- custom fields (fields.cc) ---
  // The merchant's definitions, oldest first.
  Result<std::vector<FieldDef>> Fields(Tx& tx, MerchantId merchant);
  // Defines a field, or changes the label and choices of one (its kind stays:
  // customers.invalid_field (422) when another kind is given, or for a bad
  // key, label or choice list). At most 50 fields per merchant.
  Result<FieldDef> DefineField(Tx& tx, MerchantId merchant, const FieldDef& def);
  // Sets (or, with nullopt, clears) custom field values of a customer and
  // records customer.changed with every field. customers.invalid_field (422)
  // for an undefined key or a value its kind refuses; customers.not_found.
  Result<Customer> SetFields(
      Tx& tx, MerchantId merchant, CustomerId id,
      const std::vector<std::pair<std::string, std::optional<std::string>>>& values);

  // --- ownership (owners.cc) ---
  Result<AssignmentRules> Rules(Tx& tx, MerchantId merchant);
  // Replaces the merchant's assignment rules (staff ids are the caller's to check).
  Result<AssignmentRules> SetRules(Tx& tx, MerchantId merchant, const AssignmentRules& rules);
  // Sets a staff member's friend capacity (1..kMaxCapacity).
  Result<void> SetCapacity(Tx& tx, MerchantId merchant, StaffId staff, std::int64_t capacity);
  // Each of `staff`'s capacity and live customers owned, in that order.
  Result<std::vector<OwnerLoad>> Loads(Tx& tx, MerchantId merchant,
                                       const std::vector<StaffId>& staff);
  // Gives a customer without an owner one by the merchant's rules, never
  // beyond a member's capacity: round robin takes the next member in turn
  // with room, least loaded the member with the fewest customers, by channel
  // the channel's member (or, when the channel has none or they are full,
  // the least loaded of the pool). Concurrent assignments of a merchant queue
  // on its rules row, so capacity holds. Returns the owner, or nullopt when
  // the rules assign nobody (none, or everyone full). Records the change
  // (reason assigned) and customer.changed.
  Result<std::optional<StaffId>> AssignOwner(Tx& tx, MerchantId merchant, CustomerId id);
  // Moves customers of `r.from` to the colleagues in `r.to` (see
  // HandoverRequest), within their capacity, recording each change and
  // customer.changed. Customers refused (moved in service more than twice
  // in 90 days, not `from`'s, or no colleague has room) are listed and stay.
  // customers.invalid_field (422) for a bad target list; customers.capacity_exceeded
  // (409) when a chosen count is beyond a colleague's room.
  Result<HandoverResult> Handover(Tx& tx, MerchantId merchant, const HandoverRequest& r);
  // A customer's owner changes, newest first.
  Result<std::vector<OwnerChange>> OwnerHistory(Tx& tx, MerchantId merchant, CustomerId id);

 private:
  Result<Customer> Create(Tx& tx, MerchantId merchant, const Arrival& a);
  // Writes the facts that orders move (counts, spend, dates, stage).
  Result<void> SaveFacts(Tx& tx, const Customer& c);
  Result<std::int64_t> NextOrdinal(Tx& tx, MerchantId merchant);
  // Fills `fields` of the customers in `list` (one query).
  Result<void> LoadFields(Tx& tx, MerchantId merchant, std::vector<Customer*> list);
  // Locks the merchant's rules row (owner changes queue on it) and reads it.
  Result<std::pair<AssignmentRules, std::int64_t>> LockRules(Tx& tx, MerchantId merchant);
  Result<void> ChangeOwner(Tx& tx, Customer& c, std::optional<StaffId> to, OwnerReason reason,
                           std::string_view actor);

  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::customers
