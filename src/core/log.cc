#include "core/log.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/threads.h"

namespace weishang {
namespace {

class LogSink {
 public:
  LogSink() {
    std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);
    flusher_ = std::thread([this] {
      NameThisThread("ws-log");
      while (!stop_.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        Flush();
      }
    });
  }
  ~LogSink() {
    stop_ = true;
    flusher_.join();
    Flush();
  }
  void Write(std::string_view line) {
    std::lock_guard lock(mu_);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  }
  void Flush() {
    std::lock_guard lock(mu_);
    std::fflush(stdout);
  }

 private:
  std::mutex mu_;
  std::atomic<bool> stop_{false};
  std::thread flusher_;
};

LogSink& Sink() {
  static LogSink sink;
  return sink;
}

void Leveled(const char* level, std::string_view msg) {
  std::string line =
      "{\"ts\":\"" + FormatIso8601(SystemClock().Now()) + "\",\"level\":\"" + level + "\",\"msg\":";
  AppendJsonString(line, msg);
  line.push_back('}');
  LogLine(line);
}

}  // namespace

void LogLine(std::string_view json_object) { Sink().Write(json_object); }
void LogInfo(std::string_view msg) { Leveled("info", msg); }
void LogWarn(std::string_view msg) { Leveled("warn", msg); }
void LogError(std::string_view msg) { Leveled("error", msg); }
void FlushLog() { Sink().Flush(); }

namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto tail = [&](std::size_t k) { return k < s.size() && (at(k) & 0xC0) == 0x80; };
  unsigned char c = at(i);
  if (c >= 0xC2 && c <= 0xDF) return tail(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!tail(i + 1) || !tail(i + 2)) return 0;
    unsigned char c1 = at(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!tail(i + 1) || !tail(i + 2) || !tail(i + 3)) return 0;
    unsigned char c1 = at(i + 1);
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  // 1: escape; 2: the start of a multi-byte sequence, to be checked.
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 1;
    t['"'] = t['\\'] = 1;
    for (int c = 0x80; c < 0x100; ++c) t[c] = 2;
    return t;
  }();
  out.push_back('"');
  // Copy runs of plain bytes at once. Quotes, backslashes and control
  // characters are escaped; well-formed UTF-8 passes through unchanged, and
  // each byte that is not part of one becomes U+FFFD, so the answer is always
  // valid UTF-8 whatever bytes a request carried (a path such as %ff%fe).
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kClass[c] == 0) continue;
    if (kClass[c] == 2) {
      std::size_t len = Utf8Length(s, i);
      if (len > 0) {
        i += len - 1;
        continue;
      }
      out.append(s.data() + run, i - run);
      run = i + 1;
      out += "\xEF\xBF\xBD";
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

}  // namespace weishang
