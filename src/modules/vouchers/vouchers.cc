// Vouchers: issuing, claiming, using, redeeming, releasing and voiding.
// Every move of a state is a conditional UPDATE; every uniqueness rule an
// INSERT into vouchers_mark that conflicts.
#include "modules/vouchers/vouchers.h"

#include <cctype>

#include "core/crypto.h"
#include "modules/vouchers/vouchers_errors.h"

namespace weishang::vouchers {
namespace {

constexpr const char* kVoucherColumns =
    "id, campaign_id, token, giver_id, generation, state, friend_id, order_id, phone, device,"
    " address_key, payer, blocked, issued_at, expires_at, claimed_at, redeemed_at, voided_at,"
    " void_reason";

constexpr std::size_t kTokenBytes = 8;  // 64 random bits, 16 hex characters

Voucher FromRow(const storage::Row& r, MerchantId merchant) {
  Voucher v;
  v.id = r.IdAt(0);
  v.merchant_id = merchant;
  v.campaign_id = r.IdAt(1);
  v.token = r.Str(2);
  v.giver_id = r.IdAt(3);
  v.generation = static_cast<int>(r.Int(4));
  v.state = FromText(kVoucherStateText, r.Str(5)).value_or(VoucherState::kVoided);
  v.friend_id = r.OptIdAt(6);
  v.order_id = r.OptIdAt(7);
  v.phone = r.Str(8);
  v.device = r.Str(9);
  v.address_key = r.Str(10);
  v.payer = r.Str(11);
  v.blocked = r.Str(12);
  v.issued_at = r.Int(13);
  v.expires_at = r.Int(14);
  v.claimed_at = r.OptInt(15);
  v.redeemed_at = r.OptInt(16);
  v.voided_at = r.OptInt(17);
  v.void_reason = r.Str(18);
  return v;
}

// How the refusal of a second redemption names what was used before.
const char* UsedBefore(MarkKind kind) {
  switch (kind) {
    case MarkKind::kCustomer:
      return "you have already claimed a voucher of this campaign";
    case MarkKind::kPhone:
      return "this phone number has already claimed a voucher of this campaign";
    case MarkKind::kDevice:
      return "this device has already claimed a voucher of this campaign";
    case MarkKind::kAddress:
      return "this delivery address has already redeemed a voucher of this campaign";
    case MarkKind::kPayer:
      return "this payment account has already redeemed a voucher of this campaign";
  }
  return "already redeemed";
}

Error Redeemed(MarkKind kind) { return Conflict(errors::kAlreadyRedeemed, UsedBefore(kind)); }

// Appends the lower-cased letters and digits of `s` (other ASCII dropped,
// other characters kept whole).
void AppendKey(std::string& out, std::string_view s) {
  for (unsigned char ch : s) {
    if (ch >= 0x80) {
      out += static_cast<char>(ch);
    } else if (std::isalnum(ch)) {
      out += static_cast<char>(std::tolower(ch));
    }
  }
}

}  // namespace

std::string AddressKey(std::string_view province, std::string_view city, std::string_view district,
                       std::string_view detail) {
  std::string key;
  for (std::string_view part : {province, city, district, detail}) AppendKey(key, part);
  // Full-width spaces and common CJK punctuation say nothing about the place.
  for (std::string_view drop : {"\xE3\x80\x80", "\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBC\x88",
                                "\xEF\xBC\x89", "\xE3\x80\x81", "\xEF\xBC\x8D"}) {
    for (auto at = key.find(drop); at != std::string::npos; at = key.find(drop, at)) {
      key.erase(at, drop.size());
    }
  }
  if (key.size() > kMaxFingerprintBytes) key.resize(kMaxFingerprintBytes);
  return key;
}

Result<std::vector<Voucher>> VoucherService::Select(Tx& tx, MerchantId merchant,
                                                    const std::string& where,
                                                    std::vector<storage::Param> params) {
  auto rows =
      tx.Query(std::string("SELECT ") + kVoucherColumns + " FROM vouchers_voucher WHERE " + where,
               storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Voucher> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r, merchant));
  return out;
}

Result<std::vector<Voucher>> VoucherService::Issue(Tx& tx, const Campaign& c, CustomerId holder,
                                                   int generation, std::optional<CustomerId> giver,
                                                   OrderId source_order) {
  Timestamp now = clock_.Now();
  auto held = tx.Exec(
      "INSERT INTO vouchers_holder (merchant_id, campaign_id, customer_id, generation, giver_id,"
      " source_order_id, issued, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO"
      " NOTHING",
      {c.merchant_id, c.id, holder, generation, giver, source_order, c.per_buyer, now});
  if (!held) return Fail(held.error());
  std::vector<Voucher> out;
  if (*held == 0) return out;
  for (int i = 0; i < c.per_buyer; ++i) {
    Voucher v;
    v.id = ids_.Next<VoucherId>();
    v.merchant_id = c.merchant_id;
    v.campaign_id = c.id;
    v.token = RandomHex(kTokenBytes);
    v.giver_id = holder;
    v.generation = generation + 1;
    v.issued_at = now;
    v.expires_at = std::min<Timestamp>(now + c.voucher_days * kDay, c.ends_at);
    auto ok = tx.Exec(
        "INSERT INTO vouchers_voucher (id, merchant_id, campaign_id, token, giver_id, generation,"
        " state, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 'available', ?, ?)",
        {v.id, v.merchant_id, v.campaign_id, v.token, holder, v.generation, now, v.expires_at});
    if (!ok) return Fail(ok.error());
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<Holder>> VoucherService::HolderOf(Tx& tx, MerchantId merchant,
                                                       VoucherCampaignId campaign,
                                                       CustomerId customer) {
  auto row = tx.QueryOne(
      "SELECT customer_id, generation, giver_id, source_order_id, issued, created_at FROM"
      " vouchers_holder WHERE campaign_id = ? AND customer_id = ? AND merchant_id = ?",
      {campaign, customer, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Holder>();
  const auto& r = **row;
  return std::optional<Holder>(Holder{r.IdAt(0), static_cast<int>(r.Int(1)), r.OptIdAt(2),
                                      r.IdAt(3), static_cast<int>(r.Int(4)), r.Int(5)});
}

Result<std::vector<Holder>> VoucherService::Holders(Tx& tx, MerchantId merchant,
                                                    VoucherCampaignId campaign) {
  auto rows = tx.Query(
      "SELECT customer_id, generation, giver_id, source_order_id, issued, created_at FROM"
      " vouchers_holder WHERE merchant_id = ? AND campaign_id = ? ORDER BY created_at, customer_id",
      {merchant, campaign});
  if (!rows) return Fail(rows.error());
  std::vector<Holder> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    out.push_back(Holder{r.IdAt(0), static_cast<int>(r.Int(1)), r.OptIdAt(2), r.IdAt(3),
                         static_cast<int>(r.Int(4)), r.Int(5)});
  }
  return out;
}

Result<Voucher> VoucherService::Get(Tx& tx, MerchantId merchant, VoucherId id) {
  auto list = Select(tx, merchant, "id = ? AND merchant_id = ?", {id, merchant});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kVoucherNotFound, "no such voucher"));
  return std::move(list->front());
}

Result<Voucher> VoucherService::GetByToken(Tx& tx, MerchantId merchant, std::string_view token) {
  if (token.empty() || token.size() > 2 * kTokenBytes) {
    return Fail(NotFound(errors::kVoucherNotFound, "no such voucher"));
  }
  auto list = Select(tx, merchant, "merchant_id = ? AND token = ?", {merchant, token});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kVoucherNotFound, "no such voucher"));
  return std::move(list->front());
}

Result<std::optional<Voucher>> VoucherService::OfOrder(Tx& tx, MerchantId merchant, OrderId order) {
  auto list = Select(tx, merchant, "merchant_id = ? AND order_id = ?", {merchant, order});
  if (!list) return Fail(list.error());
  if (list->empty()) return std::optional<Voucher>();
  return std::optional<Voucher>(std::move(list->front()));
}

Result<std::vector<Voucher>> VoucherService::GivenTo(Tx& tx, MerchantId merchant,
                                                     CustomerId giver) {
  return Select(tx, merchant, "merchant_id = ? AND giver_id = ? ORDER BY id DESC LIMIT 200",
                {merchant, giver});
}

Result<std::vector<Voucher>> VoucherService::ClaimedBy(Tx& tx, MerchantId merchant,
                                                       CustomerId friend_id) {
  return Select(tx, merchant, "merchant_id = ? AND friend_id = ? ORDER BY id DESC LIMIT 200",
                {merchant, friend_id});
}

Result<std::vector<Voucher>> VoucherService::ListOfCampaign(Tx& tx, MerchantId merchant,
                                                            VoucherCampaignId campaign,
                                                            std::optional<VoucherId> after,
                                                            int limit) {
  return Select(tx, merchant, "merchant_id = ? AND campaign_id = ? AND id > ? ORDER BY id LIMIT ?",
                {merchant, campaign, after ? after->value() : 0, limit});
}

Result<std::vector<Voucher>> VoucherService::Redemptions(Tx& tx, MerchantId merchant) {
  return Select(tx, merchant,
                "merchant_id = ? AND state IN ('used', 'redeemed') ORDER BY campaign_id, id",
                {merchant});
}

Result<bool> VoucherService::Mark(Tx& tx, const Voucher& v, MarkKind kind, std::string_view value) {
  if (value.empty()) return true;
  auto ok = tx.Exec(
      "INSERT INTO vouchers_mark (merchant_id, campaign_id, kind, value, voucher_id) VALUES (?, ?,"
      " ?, ?, ?) ON CONFLICT DO NOTHING",
      {v.merchant_id, v.campaign_id, TextOf(kMarkKindText, kind), value, v.id});
  if (!ok) return Fail(ok.error());
  if (*ok == 1) return true;
  // Already there: this voucher's own mark (a repeat) is no conflict.
  auto row = tx.QueryOne(
      "SELECT voucher_id FROM vouchers_mark WHERE campaign_id = ? AND kind = ? AND value = ?",
      {v.campaign_id, TextOf(kMarkKindText, kind), value});
  if (!row) return Fail(row.error());
  return *row && VoucherId((**row).Int(0)) == v.id;
}

Result<Voucher> VoucherService::Claim(Tx& tx, const Campaign& c, std::string_view token,
                                      const Claimant& who) {
  Timestamp now = clock_.Now();
  auto v = GetByToken(tx, c.merchant_id, token);
  if (!v) return v;
  if (v->campaign_id != c.id) return Fail(NotFound(errors::kVoucherNotFound, "no such voucher"));
  if (v->friend_id == who.customer && v->state != VoucherState::kVoided) return v;  // a repeat
  if (v->state == VoucherState::kVoided) {
    return Fail(Conflict(errors::kVoided, "the shop has withdrawn this voucher"));
  }
  if (v->giver_id == who.customer) {
    return Fail(Conflict(errors::kOwnVoucher,
                         "this voucher is yours to pass on: a friend new to the shop redeems it"));
  }
  if (v->state != VoucherState::kAvailable) {
    return Fail(Conflict(errors::kTaken, "another friend has claimed this voucher"));
  }
  if (v->Expired(now)) return Fail(Conflict(errors::kExpired, "this voucher has expired"));
  if (!c.Live(now)) {
    return Fail(Conflict(errors::kNotLive, "the voucher campaign is not running now"));
  }
  std::string phone = who.phone.substr(0, kMaxFingerprintBytes);
  std::string device = who.device.substr(0, kMaxFingerprintBytes);
  auto claimed = tx.Exec(
      "UPDATE vouchers_voucher SET state = 'claimed', friend_id = ?, phone = ?, device = ?,"
      " claimed_at = ? WHERE id = ? AND merchant_id = ? AND state = 'available' AND expires_at > ?",
      {who.customer, phone, device, now, v->id, c.merchant_id, now});
  if (!claimed) return Fail(claimed.error());
  if (*claimed == 0)
    return Fail(Conflict(errors::kTaken, "another friend has claimed this voucher"));
  v->state = VoucherState::kClaimed;
  v->friend_id = who.customer;
  v->phone = phone;
  v->device = device;
  v->claimed_at = now;
  std::string customer = EncodeId(who.customer);
  for (auto [kind, value] : {std::pair<MarkKind, std::string_view>{MarkKind::kCustomer, customer},
                             {MarkKind::kPhone, phone},
                             {MarkKind::kDevice, device}}) {
    auto fresh = Mark(tx, *v, kind, value);
    if (!fresh) return Fail(fresh.error());
    if (!*fresh) return Fail(Redeemed(kind));
  }
  return v;
}

Result<Voucher> VoucherService::Use(Tx& tx, const Campaign& c, VoucherId voucher,
                                    CustomerId friend_id, OrderId order,
                                    std::string_view address_key) {
  Timestamp now = clock_.Now();
  auto v = Get(tx, c.merchant_id, voucher);
  if (!v) return v;
  if (v->friend_id != friend_id || v->state != VoucherState::kClaimed) {
    if (v->state == VoucherState::kVoided) {
      return Fail(Conflict(errors::kVoided, "the shop has withdrawn this voucher"));
    }
    return Fail(Conflict(errors::kNotClaimed, v->friend_id == friend_id
                                                  ? "this voucher has been used for an order"
                                                  : "claim this voucher before ordering with it"));
  }
  if (v->Expired(now)) return Fail(Conflict(errors::kExpired, "this voucher has expired"));
  if (!c.Live(now)) {
    return Fail(Conflict(errors::kNotLive, "the voucher campaign is not running now"));
  }
  std::string key(address_key.substr(0, kMaxFingerprintBytes));
  auto used = tx.Exec(
      "UPDATE vouchers_voucher SET state = 'used', order_id = ?, address_key = ? WHERE id = ? AND"
      " merchant_id = ? AND state = 'claimed' AND friend_id = ?",
      {order, key, v->id, c.merchant_id, friend_id});
  if (!used) return Fail(used.error());
  if (*used == 0) return Fail(Conflict(errors::kNotClaimed, "claim this voucher before ordering"));
  v->state = VoucherState::kUsed;
  v->order_id = order;
  v->address_key = key;
  auto fresh = Mark(tx, *v, MarkKind::kAddress, key);
  if (!fresh) return Fail(fresh.error());
  if (!*fresh) return Fail(Redeemed(MarkKind::kAddress));
  auto budget = tx.Exec(
      "UPDATE vouchers_campaign SET spent = spent + ?, updated_at = ? WHERE id = ? AND"
      " merchant_id = ? AND (budget IS NULL OR spent + ? <= budget)",
      {c.UnitCost(), now, c.id, c.merchant_id, c.UnitCost()});
  if (!budget) return Fail(budget.error());
  if (*budget == 0) {
    return Fail(Conflict(errors::kBudgetExhausted, "the campaign's budget has been used up"));
  }
  return v;
}

Result<bool> VoucherService::Release(Tx& tx, MerchantId merchant, OrderId order) {
  auto v = OfOrder(tx, merchant, order);
  if (!v) return Fail(v.error());
  if (!*v || (*v)->state != VoucherState::kUsed) return false;
  const Voucher& u = **v;
  auto back = tx.Exec(
      "UPDATE vouchers_voucher SET state = 'claimed', order_id = NULL, address_key = '' WHERE id ="
      " ? AND merchant_id = ? AND state = 'used'",
      {u.id, merchant});
  if (!back) return Fail(back.error());
  if (*back == 0) return false;
  auto mark =
      tx.Exec("DELETE FROM vouchers_mark WHERE voucher_id = ? AND kind = 'address'", {u.id});
  if (!mark) return Fail(mark.error());
  auto budget = tx.Exec(
      "UPDATE vouchers_campaign SET spent = spent - (list_price - price), updated_at = ? WHERE id"
      " = ? AND merchant_id = ?",
      {clock_.Now(), u.campaign_id, merchant});
  if (!budget) return Fail(budget.error());
  return true;
}

Result<std::optional<Voucher>> VoucherService::Redeem(Tx& tx, MerchantId merchant, OrderId order,
                                                      std::string_view payer) {
  auto v = OfOrder(tx, merchant, order);
  if (!v) return Fail(v.error());
  if (!*v || (*v)->state != VoucherState::kUsed) return std::optional<Voucher>();
  Voucher u = std::move(**v);
  Timestamp now = clock_.Now();
  std::string account(payer.substr(0, kMaxFingerprintBytes));
  auto done = tx.Exec(
      "UPDATE vouchers_voucher SET state = 'redeemed', redeemed_at = ?, payer = ? WHERE id = ? AND"
      " merchant_id = ? AND state = 'used'",
      {now, account, u.id, merchant});
  if (!done) return Fail(done.error());
  if (*done == 0) return std::optional<Voucher>();
  u.state = VoucherState::kRedeemed;
  u.redeemed_at = now;
  u.payer = account;
  auto fresh = Mark(tx, u, MarkKind::kPayer, account);
  if (!fresh) return Fail(fresh.error());
  if (!*fresh) {
    u.blocked = TextOf(kMarkKindText, MarkKind::kPayer);
    auto blocked =
        tx.Exec("UPDATE vouchers_voucher SET blocked = ? WHERE id = ?", {u.blocked, u.id});
    if (!blocked) return Fail(blocked.error());
  }
  return std::optional<Voucher>(std::move(u));
}

Result<int> VoucherService::Void(Tx& tx, MerchantId merchant, VoucherId id,
                                 std::string_view reason) {
  auto v = Get(tx, merchant, id);
  if (!v) return Fail(v.error());
  if (v->voided_at) return 0;
  Timestamp now = clock_.Now();
  std::string why(reason.substr(0, 200));
  bool unused = v->state == VoucherState::kAvailable || v->state == VoucherState::kClaimed;
  auto ok = tx.Exec(
      unused ? "UPDATE vouchers_voucher SET state = 'voided', voided_at = ?, void_reason = ? WHERE"
               " id = ? AND merchant_id = ? AND voided_at IS NULL"
             : "UPDATE vouchers_voucher SET voided_at = ?, void_reason = ? WHERE id = ? AND"
               " merchant_id = ? AND voided_at IS NULL",
      {now, why, id, merchant});
  if (!ok) return Fail(ok.error());
  int voided = static_cast<int>(*ok);
  if (unused || !v->friend_id) return voided;
  // What the friend was given through it goes too, where not used yet.
  auto passed = tx.Exec(
      "UPDATE vouchers_voucher SET state = 'voided', voided_at = ?, void_reason = ? WHERE"
      " merchant_id = ? AND campaign_id = ? AND giver_id = ? AND state IN ('available',"
      " 'claimed')",
      {now, why, merchant, v->campaign_id, *v->friend_id});
  if (!passed) return Fail(passed.error());
  return voided + static_cast<int>(*passed);
}

}  // namespace weishang::vouchers
