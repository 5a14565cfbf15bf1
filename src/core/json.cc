#include "core/json.h"

#include "core/request_errors.h"

namespace weishang {
namespace {
const json::array kEmptyArray;
const json::object kEmptyObject;
}  // namespace

Result<json::object> ParseObject(std::string_view body, json::storage_ptr storage) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(body, ec, std::move(storage), opts);
  if (ec) {
    return Fail(
        Invalid(request_errors::kMalformedJson, "request body is not valid JSON: " + ec.message()));
  }
  if (!v.is_object()) {
    return Fail(Invalid(request_errors::kMalformedJson, "request body must be a JSON object"));
  }
  return std::move(v.as_object());
}

const json::value* JsonReader::Find(std::string_view key) const {
  auto it = obj_->find(key);
  if (it == obj_->end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool JsonReader::Has(std::string_view key) const { return Find(key) != nullptr; }

void JsonReader::Bad(std::string_view key, std::string what) {
  if (error_) return;
  std::string field = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  error_ = weishang::Error{ErrorKind::kInvalidArgument, request_errors::kInvalidField,
                           "field '" + field + "' " + what};
}

void JsonReader::Reject(std::string_view key, std::string message) { Bad(key, std::move(message)); }

std::string JsonReader::Str(std::string_view key, StrRule rule) {
  return std::string(View(key, rule));
}

std::string_view JsonReader::View(std::string_view key, StrRule rule) {
  const json::value* v = Find(key);
  if (v == nullptr) {
    if (rule.required) Bad(key, "is required");
    return {};
  }
  if (!v->is_string()) {
    Bad(key, "must be a string");
    return {};
  }
  const auto& s = v->get_string();
  if (s.size() > rule.max_len) {
    Bad(key, "must be at most " + std::to_string(rule.max_len) + " bytes");
    return {};
  }
  if (s.size() < rule.min_len) {
    Bad(key, rule.min_len == 1 ? "must not be empty"
                               : "must be at least " + std::to_string(rule.min_len) + " bytes");
    return {};
  }
  return s;
}

std::optional<std::string> JsonReader::OptStr(std::string_view key, std::size_t max_len) {
  if (!Has(key)) return std::nullopt;
  return Str(key, {.required = true, .max_len = max_len});
}

std::int64_t JsonReader::Int(std::string_view key, IntRule rule) {
  const json::value* v = Find(key);
  if (v == nullptr) {
    if (rule.required) Bad(key, "is required");
    return rule.fallback;
  }
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    Bad(key, "is too large");
    return rule.fallback;
  } else if (v->is_double()) {
    double d = v->get_double();
    if (d != static_cast<double>(static_cast<std::int64_t>(d)) || d > 9e18 || d < -9e18) {
      Bad(key, "must be a whole number");
      return rule.fallback;
    }
    n = static_cast<std::int64_t>(d);
  } else {
    Bad(key, "must be an integer");
    return rule.fallback;
  }
  if (n < rule.min || n > rule.max) {
    Bad(key, "must be between " + std::to_string(rule.min) + " and " + std::to_string(rule.max));
    return rule.fallback;
  }
  return n;
}

std::optional<std::int64_t> JsonReader::OptInt(std::string_view key, std::int64_t min,
                                               std::int64_t max) {
  if (!Has(key)) return std::nullopt;
  return Int(key, {.required = true, .min = min, .max = max});
}

bool JsonReader::Bool(std::string_view key, bool fallback) {
  const json::value* v = Find(key);
  if (v == nullptr) return fallback;
  if (!v->is_bool()) {
    Bad(key, "must be true or false");
    return fallback;
  }
  return v->get_bool();
}

const json::array& JsonReader::Array(std::string_view key, bool required, std::size_t max_len) {
  const json::value* v = Find(key);
  if (v == nullptr) {
    if (required) Bad(key, "is required");
    return kEmptyArray;
  }
  if (!v->is_array()) {
    Bad(key, "must be an array");
    return kEmptyArray;
  }
  if (v->get_array().size() > max_len) {
    Bad(key, "must have at most " + std::to_string(max_len) + " items");
    return kEmptyArray;
  }
  return v->get_array();
}

const json::object& JsonReader::Object(std::string_view key, bool required) {
  const json::value* v = Find(key);
  if (v == nullptr) {
    if (required) Bad(key, "is required");
    return kEmptyObject;
  }
  if (!v->is_object()) {
    Bad(key, "must be an object");
    return kEmptyObject;
  }
  return v->get_object();
}

std::vector<std::string> JsonReader::StrList(std::string_view key, std::size_t max_items,
                                             std::size_t max_len) {
  std::vector<std::string> out;
  for (const auto& item : Array(key, false, max_items)) {
    if (!item.is_string() || item.get_string().size() > max_len) {
      Bad(key, "must be a list of strings of at most " + std::to_string(max_len) + " bytes");
      return {};
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

}  // namespace weishang
