// A streaming JSON writer for hot paths: appends straight to a string with
// no document tree. Boost.JSON stays the default everywhere else; use this
// where a route's answer is rendered thousands of times a second.
//
//   JsonWriter w;
//   w.BeginObject().Key("id").String("ord_1").Key("total").Int(1290).EndObject();
//   std::string body = w.Take();
//
// Commas are placed automatically. Keys are written as given: they are names
// from our code (ASCII letters, digits, '_'), never user input, so they are
// not escaped. Values always are. Nesting is limited to 64 levels. Not
// thread-safe.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"

namespace weishang {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 1024) { out_.reserve(reserve); }

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already in JSON form (a number formatted elsewhere), unchecked.
  JsonWriter& Raw(std::string_view json);
  // A prefixed id ("ord_2wqz2pkhafwg", see ids.h).
  JsonWriter& IdValue(std::string_view prefix, Id id);
  // An ISO-8601 UTC time ("2026-11-22T08:30:00.000Z").
  JsonWriter& Time(Timestamp t);

  // Key and value in one call.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, std::int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  // A string, or null when absent.
  JsonWriter& Field(std::string_view key, const std::optional<std::string>& value);
  JsonWriter& IdField(std::string_view key, std::string_view prefix, Id id) {
    return Key(key).IdValue(prefix, id);
  }
  template <class Tag>
  JsonWriter& IdValue(TypedId<Tag> id) {
    return IdValue(TypedId<Tag>::kPrefix, id.value());
  }
  template <class Tag>
  JsonWriter& IdField(std::string_view key, TypedId<Tag> id) {
    return Key(key).IdValue(id);
  }
  // A typed id, or null when absent.
  template <class Tag>
  JsonWriter& IdField(std::string_view key, const std::optional<TypedId<Tag>>& id) {
    Key(key);
    return id ? IdValue(*id) : Null();
  }
  JsonWriter& TimeField(std::string_view key, Timestamp t) { return Key(key).Time(t); }
  // A time, or null when absent.
  JsonWriter& TimeField(std::string_view key, const std::optional<Timestamp>& t) {
    Key(key);
    return t ? Time(*t) : Null();
  }

  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char c) {
    Separate();
    out_.push_back(c);
    assert(depth_ < 64);
    ++depth_;
    fresh_ |= std::uint64_t{1} << depth_;
    return *this;
  }
  JsonWriter& Close(char c) {
    out_.push_back(c);
    fresh_ &= ~(std::uint64_t{1} << depth_);
    --depth_;
    return *this;
  }
  // The comma before a value or key, unless it is the first in its container
  // or the value of a key just written.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    std::uint64_t bit = std::uint64_t{1} << depth_;
    if (depth_ > 0 && !(fresh_ & bit)) out_.push_back(',');
    fresh_ &= ~bit;
  }

  std::string out_;
  int depth_ = 0;
  std::uint64_t fresh_ = 0;  // bit d: the container at depth d has no element yet
  bool after_key_ = false;
};

}  // namespace weishang
