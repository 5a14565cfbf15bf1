#include "core/crypto.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "core/error.h"

namespace weishang {
namespace {

std::string ToHex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

// Interactive limits keep a login under ~100 ms on the reference machine
// while staying within OWASP's argon2id guidance (>= 19 MiB, t >= 2).
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

}  // namespace

void InitCrypto() { SHOP_CHECK(sodium_init() >= 0, "libsodium failed to initialise"); }

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), bytes);
  return ToHex(buf.data(), bytes);
}

std::string RandomDigits(std::size_t digits) {
  std::string out(digits, '0');
  // randombytes_uniform draws without modulo bias.
  for (char& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

std::string FingerprintHex(std::string_view data) {
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  return ToHex(out, sizeof out);
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  // crypto_auth_hmacsha256 takes keys of any length through the state API.
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return ToHex(out, sizeof out);
}

bool SecureEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  int rc = crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                                 crypto_pwhash_ALG_ARGON2ID13);
  SHOP_CHECK(rc == 0, "argon2id ran out of memory");
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

}  // namespace weishang
