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
  std::string line = "{\"ts\":\"" + FormatIso8601(SystemClock().Now()) + "\",\"level\":\"" + level +
                     "\",\"msg\":";
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

void AppendJsonString(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  static constexpr auto kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  out.push_back('"');
  // Copy runs of plain bytes at once; only quotes, backslashes and control
  // characters need escaping (UTF-8 passes through unchanged).
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!kEscaped[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
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
