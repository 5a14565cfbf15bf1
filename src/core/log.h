// Structured logging: one JSON object per line on stdout. Lines are buffered
// and flushed at least every 200 ms and at exit, so a busy server does not
// pay a write(2) per request. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace weishang {

// Writes one line (a complete JSON object, without the newline).
void LogLine(std::string_view json_object);

// Convenience: {"ts":..., "level":..., "msg":...} with `msg` JSON-escaped.
void LogInfo(std::string_view msg);
void LogWarn(std::string_view msg);
void LogError(std::string_view msg);

// Flushes buffered lines now (used at shutdown).
void FlushLog();

// Appends `s` to `out` as a JSON string literal, quotes included. Always
// valid UTF-8: a byte that is not part of a well-formed sequence becomes
// U+FFFD.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace weishang
