// Helpers for decoding request bodies with Boost.JSON. A JsonReader collects
// the first problem it meets, so a decoder reads every field in a straight
// line and checks once at the end:
//
//   JsonReader r(obj);
//   auto name = r.Str("name", {.max_len = 100});
//   auto qty = r.Int("quantity", {.min = 1, .max = 999});
//   if (auto bad = r.Error()) return Fail(*bad);
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace weishang {

namespace json = boost::json;

// Parses `body` as a JSON object. Fails with kInvalidArgument,
// "request.malformed_json", when it is not valid JSON or not an object.
// `storage`, when given, holds the parsed document (see api::BodyArena).
Result<json::object> ParseObject(std::string_view body, json::storage_ptr storage = {});

struct StrRule {
  bool required = true;
  std::size_t max_len = 2000;
  std::size_t min_len = 0;
};

struct IntRule {
  bool required = true;
  std::int64_t min = 0;
  std::int64_t max = INT64_MAX;
  std::int64_t fallback = 0;
};

// Reads typed fields from one JSON object. Not thread-safe; cheap to copy.
class JsonReader {
 public:
  explicit JsonReader(const json::object& obj, std::string path = "")
      : obj_(&obj), path_(std::move(path)) {}

  bool Has(std::string_view key) const;
  std::string Str(std::string_view key, StrRule rule = {});
  // As Str, without a copy: a view into the object, valid as long as it is.
  std::string_view View(std::string_view key, StrRule rule = {});
  std::optional<std::string> OptStr(std::string_view key, std::size_t max_len = 2000);
  std::int64_t Int(std::string_view key, IntRule rule = {});
  std::optional<std::int64_t> OptInt(std::string_view key, std::int64_t min = INT64_MIN,
                                     std::int64_t max = INT64_MAX);
  bool Bool(std::string_view key, bool fallback = false);
  // The array under `key`, or an empty array when absent and not required.
  const json::array& Array(std::string_view key, bool required = true, std::size_t max_len = 1000);
  // The object under `key`, or an empty object when absent and not required.
  const json::object& Object(std::string_view key, bool required = true);
  std::vector<std::string> StrList(std::string_view key, std::size_t max_items = 100,
                                   std::size_t max_len = 200);

  // Records a problem found by the caller (e.g. a value outside an enum).
  void Reject(std::string_view key, std::string message);

  const std::optional<weishang::Error>& Error() const { return error_; }

 private:
  const json::value* Find(std::string_view key) const;
  void Bad(std::string_view key, std::string what);

  const json::object* obj_;
  std::string path_;
  std::optional<weishang::Error> error_;
};

// Serialises a value; a thin alias so call sites don't spell boost::json.
inline std::string ToJson(const json::value& v) { return json::serialize(v); }

}  // namespace weishang
