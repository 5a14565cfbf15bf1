// What a signed-in customer changes about themselves (the store's "my profile").
#include <chrono>

#include "core/utf8.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customers.h"
#include "modules/customers/customers_errors.h"

namespace weishang::customers {
namespace {

Error BadField(std::string_view field, std::string_view rule) {
  return Invalid(errors::kInvalidField, std::string(field) + " " + std::string(rule));
}

// "YYYY-MM-DD", a real calendar date no later than `now`.
bool ValidBirthday(const std::string& s, Timestamp now) {
  using namespace std::chrono;
  auto d = ReadDate(s);
  if (!d || d->year() < year(1900)) return false;
  return sys_days(*d).time_since_epoch() <= duration_cast<days>(milliseconds(now));
}

}  // namespace

Result<Customer> CustomerService::UpdateProfile(Tx& tx, MerchantId merchant, CustomerId id,
                                                const ProfileUpdate& u) {
  auto c = Get(tx, merchant, id);
  if (!c) return Fail(c.error());
  Timestamp now = clock_.Now();
  if (u.display_name) {
    std::size_t n = CountUtf8Chars(*u.display_name);
    if (n < 1 || n > 30) return Fail(BadField("display_name", "must be 1 to 30 characters"));
    c->display_name = *u.display_name;
  }
  if (u.gender) c->gender = *u.gender;
  if (u.birthday) {
    if (!u.birthday->empty() && !ValidBirthday(*u.birthday, now)) {
      return Fail(BadField("birthday", "must be a past date, YYYY-MM-DD"));
    }
    c->birthday = *u.birthday;
  }
  const std::pair<const std::optional<std::string>*, std::string*> area[] = {
      {&u.province, &c->province}, {&u.city, &c->city}, {&u.district, &c->district}};
  for (const auto& [given, field] : area) {
    if (!*given) continue;
    if (CountUtf8Chars(**given) > 20) {
      return Fail(BadField("province, city and district", "must be at most 20 characters"));
    }
    *field = **given;
  }
  c->updated_at = now;
  auto ok = tx.Exec(
      "UPDATE customers_customer SET display_name = ?, gender = ?, birthday = ?, province = ?,"
      " city = ?, district = ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
      {c->display_name, TextOf(kGenderText, c->gender), c->birthday, c->province, c->city,
       c->district, now, c->id, merchant});
  if (!ok) return Fail(ok.error());
  if (auto e = EmitChanged(tx, *c, now); !e) return Fail(e.error());
  return c;
}

}  // namespace weishang::customers
