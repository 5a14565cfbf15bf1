// Thin wrappers over libsodium: random tokens, hashing, HMAC, argon2id.
// All functions are thread-safe once InitCrypto() has returned.
#pragma once

#include <string>
#include <string_view>

namespace weishang {

// Initialises libsodium; call once at start. Aborts if it cannot.
void InitCrypto();

// `bytes` random bytes, hex-encoded (so 2*bytes characters).
std::string RandomHex(std::size_t bytes);

// `digits` decimal digits, each uniform from the CSPRNG (one-time codes).
std::string RandomDigits(std::size_t digits);

// SHA-256 of `data`, hex-encoded. Used to store bearer tokens: the database
// never sees a token that could be replayed.
std::string Sha256Hex(std::string_view data);

// A 128-bit BLAKE2b fingerprint of `data`, hex-encoded. Several times
// faster than SHA-256; used to tell whether two request bodies are the same.
std::string FingerprintHex(std::string_view data);

// HMAC-SHA256 of `data` under `key`, hex-encoded.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Constant-time comparison of two strings of any length.
bool SecureEquals(std::string_view a, std::string_view b);

// An argon2id hash string (with salt and parameters) for `password`.
std::string HashPassword(std::string_view password);

// True iff `password` matches a hash made by HashPassword.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace weishang
