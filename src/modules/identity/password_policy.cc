#include "modules/identity/password_policy.h"

#include <zxcvbn.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "modules/identity/identity_errors.h"

namespace weishang::identity {
namespace {

Error Weak(std::string why) { return Invalid(errors::kWeakPassword, "password " + std::move(why)); }

// C0 controls (NUL included), DEL, and the C1 controls U+0080-U+009F
// (UTF-8 C2 80 - C2 9F): invisible, and often mangled by terminals and forms.
bool HasControl(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9f) return true;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The words zxcvbn should treat as known to an attacker: the login (and the
// part of an e-mail login before '@'), the shop's slug and the name.
std::vector<std::string> UserWords(const PasswordContext& who) {
  std::string_view local_part = who.login.substr(0, who.login.find('@'));
  std::vector<std::string> words;
  for (std::string_view w : {who.login, local_part, who.shop, who.name}) {
    if (w.size() >= 3) words.push_back(Lower(w));
  }
  return words;
}

// zxcvbn's estimate in bits, and whether a user word took part in it.
double Entropy(const std::string& password, const PasswordContext& who, bool* uses_user_word) {
  std::vector<std::string> words = UserWords(who);
  std::vector<const char*> dict;
  for (const auto& w : words) dict.push_back(w.c_str());
  dict.push_back(nullptr);
  ZxcMatch_t* info = nullptr;
  double bits = ZxcvbnMatch(password.c_str(), dict.data(), &info);
  *uses_user_word = false;
  for (ZxcMatch_t* m = info; m != nullptr; m = m->Next) {
    int type = m->Type & ~MULTIPLE_MATCH;
    if (type == USER_MATCH || type == USER_LEET_MATCH) *uses_user_word = true;
  }
  ZxcvbnFreeInfo(info);
  return bits;
}

}  // namespace

Result<void> CheckPassword(std::string_view password, const PasswordContext& who) {
  if (HasControl(password)) return Fail(Weak("must not contain control characters (such as NUL)"));
  std::size_t chars = CountUtf8Chars(password);
  if (chars < kMinPasswordChars) {
    return Fail(Weak("must be at least " + std::to_string(kMinPasswordChars) +
                     " characters (it has " + std::to_string(chars) + ")"));
  }
  if (who.login.size() >= 3 && Lower(password).find(Lower(who.login)) != std::string::npos) {
    return Fail(Weak("must not contain your login"));
  }
  bool uses_user_word = false;
  double bits = Entropy(std::string(password), who, &uses_user_word);
  if (bits < kMinPasswordBits) {
    return Fail(Weak(uses_user_word
                         ? "is too easy to guess: it is built from your login, name or shop"
                         : "is too easy to guess (a common word, name, date, repeat or keyboard "
                           "pattern); a few unrelated words make a stronger one"));
  }
  return {};
}

}  // namespace weishang::identity
