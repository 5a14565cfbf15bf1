// Identifiers. Inside the engine every key is a 64-bit integer; the API shows
// it with a type prefix ("ord_2k9x3…") so ids of different things can't be
// mixed up by a client.
#pragma once

#include <atomic>
#include <cstdint>
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

// Hands out unique, roughly time-ordered ids: 41 bits of milliseconds since
// 2024-01-01, 10 bits of node number, 12 bits of sequence (the Snowflake
// layout). Distinct nodes sharing one database must use distinct node numbers.
// Thread-safe.
class IdGenerator {
 public:
  explicit IdGenerator(int node = 0);
  Id Next();

 private:
  std::mutex mu_;
  std::int64_t node_;
  std::int64_t last_ms_ = 0;
  std::int64_t seq_ = 0;
};

}  // namespace weishang
