#include "core/json_writer.h"

#include <charconv>

#include "core/log.h"

namespace weishang {

JsonWriter& JsonWriter::Key(std::string_view key) {
  Separate();
  out_.push_back('"');
  out_.append(key);
  out_.append("\":", 2);
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  Separate();
  AppendJsonString(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(std::int64_t value) {
  Separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  Separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  Separate();
  out_.append(json);
  return *this;
}

JsonWriter& JsonWriter::IdValue(std::string_view prefix, Id id) {
  Separate();
  out_.push_back('"');
  AppendId(out_, prefix, id);
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::Time(Timestamp t) {
  Separate();
  out_.push_back('"');
  AppendIso8601(out_, t);
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::Field(std::string_view key, const std::optional<std::string>& value) {
  Key(key);
  return value ? String(*value) : Null();
}

}  // namespace weishang
