#include <string_view>

#include "modules/pricing/quote_json.h"
#include "modules/pricing/scenario.h"

namespace weishang::pricing::testing {
namespace {

std::string KindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kUnauthenticated:
      return "unauthenticated";
    case ErrorKind::kPermissionDenied:
      return "permission_denied";
    case ErrorKind::kTooLarge:
      return "too_large";
    case ErrorKind::kRateLimited:
      return "rate_limited";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "unknown";
}

// Every field of `want` must equal the one in `got`; arrays must have the
// same length and match element by element.
void Match(const std::string& path, const json::value& want, const json::value& got,
           std::vector<std::string>* out) {
  if (want.is_object()) {
    if (!got.is_object()) {
      out->push_back(path + ": want an object, got " + ToJson(got));
      return;
    }
    for (const auto& field : want.get_object()) {
      const json::value* inner = got.get_object().if_contains(field.key());
      if (inner == nullptr) {
        out->push_back(path + "." + std::string(field.key()) + ": no such field in the quote");
      } else {
        Match(path + "." + std::string(field.key()), field.value(), *inner, out);
      }
    }
    return;
  }
  if (want.is_array()) {
    if (!got.is_array() || got.get_array().size() != want.get_array().size()) {
      out->push_back(path + ": want " + ToJson(want) + ", got " + ToJson(got));
      return;
    }
    for (std::size_t i = 0; i < want.get_array().size(); ++i) {
      Match(path + "[" + std::to_string(i) + "]", want.get_array()[i], got.get_array()[i], out);
    }
    return;
  }
  if (want != got) out->push_back(path + ": want " + ToJson(want) + ", got " + ToJson(got));
}

void CheckExplanations(const json::value& wanted, const Quote& quote,
                       std::vector<std::string>* out) {
  for (const json::value& item : wanted.as_array()) {
    const std::string_view needle = item.as_string();
    bool found = false;
    for (const std::string& text : quote.explanations)
      found = found || text.find(needle) != std::string::npos;
    if (found) continue;
    std::string all;
    for (const std::string& text : quote.explanations) all += "\n    " + text;
    out->push_back("no explanation contains \"" + std::string(needle) + "\"; they are:" + all);
  }
}

}  // namespace

std::vector<std::string> CheckExpectation(const json::object& expect, const Result<Quote>& result) {
  std::vector<std::string> out;
  if (const json::value* code = expect.if_contains("error")) {
    if (result) {
      out.push_back("want error " + ToJson(*code) + ", got a quote with total " +
                    std::to_string(result->total));
      return out;
    }
    if (result.error().code != code->as_string()) {
      out.push_back("want error " + ToJson(*code) + ", got " + result.error().code + " (" +
                    result.error().message + ")");
    }
    const json::value* kind = expect.if_contains("kind");
    if (kind != nullptr && KindName(result.error().kind) != kind->as_string()) {
      out.push_back("want error kind " + ToJson(*kind) + ", got " + KindName(result.error().kind));
    }
    return out;
  }
  if (!result) {
    out.push_back("unexpected error " + result.error().code + ": " + result.error().message);
    return out;
  }
  const json::value quote = EncodeQuote(*result);
  for (const auto& field : expect) {
    if (field.key() == "explanations_contain") {
      CheckExplanations(field.value(), *result, &out);
      continue;
    }
    json::object subset;
    subset[field.key()] = field.value();
    Match("quote", subset, quote, &out);
  }
  return out;
}

}  // namespace weishang::pricing::testing
