#include "core/ids.h"

#include <chrono>
#include <thread>

namespace weishang {
namespace {

constexpr std::int64_t kEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string EncodeId(std::string_view prefix, Id id) {
  std::string out;
  AppendId(out, prefix, id);
  return out;
}

void AppendId(std::string& out, std::string_view prefix, Id id) {
  char buf[16];
  int n = 16;
  auto v = static_cast<std::uint64_t>(id);
  do {
    buf[--n] = kDigits[v % 36];
    v /= 36;
  } while (v != 0);
  out.append(prefix);
  out.push_back('_');
  out.append(buf + n, 16 - n);
}

std::optional<Id> DecodeId(std::string_view prefix, std::string_view text) {
  if (text.size() <= prefix.size() + 1 || text.substr(0, prefix.size()) != prefix ||
      text[prefix.size()] != '_') {
    return std::nullopt;
  }
  std::string_view digits = text.substr(prefix.size() + 1);
  if (digits.size() > 13) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : digits) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'z') {
      d = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    v = v * 36 + static_cast<std::uint64_t>(d);
  }
  if (v == 0 || v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<Id>(v);
}

IdGenerator::IdGenerator(int node) : node_(node & 0x3ff) {}

Id IdGenerator::Next() {
  std::lock_guard lock(mu_);
  std::int64_t ms = NowMs() - kEpochMs;
  if (ms < last_ms_) ms = last_ms_;  // the wall clock stepped back: keep order
  if (ms == last_ms_) {
    if (++seq_ > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond.
      ++last_ms_;
      seq_ = 0;
    }
    ms = last_ms_;
  } else {
    last_ms_ = ms;
    seq_ = 0;
  }
  return (ms << 22) | (node_ << 12) | seq_;
}

}  // namespace weishang
