// `weishang address parse "…"`: one pasted address to one JSON object on
// stdout. With --jsonl, every stdin line is a JSON object with "input" (and
// maybe "id") or a JSON string, and each answer is one line, "id" first when
// given: the accuracy test drives the whole dev set through one process.
#include <boost/json.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "api/json/address_json.h"
#include "cli/commands.h"
#include "modules/address/address.h"
#include "modules/address/address_errors.h"

namespace weishang::cli {
namespace {

// One answer: the fields, or {"error": {"code", "message"}}.
std::string Answer(std::string_view text, const std::string* id) {
  JsonWriter w(512);
  auto parsed = address::Parse(text);
  if (id == nullptr && parsed) return api::ParsedAddressJson(*parsed);
  w.BeginObject();
  if (id != nullptr) w.Field("id", *id);
  if (parsed) {
    w.Key("address");
    api::WriteParsedAddress(w, *parsed);
  } else {
    w.Key("error")
        .BeginObject()
        .Field("code", parsed.error().code)
        .Field("message", parsed.error().message);
    w.EndObject();
  }
  w.EndObject();
  return w.Take();
}

int RunBatch() {
  std::string line;
  int rc = 0;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    std::string id;
    std::string input;
    if (!ec && v.is_string()) {
      input = v.as_string();
    } else if (!ec && v.is_object() && v.as_object().contains("input") &&
               v.as_object().at("input").is_string()) {
      input = v.as_object().at("input").as_string();
      if (auto* i = v.as_object().if_contains("id"); i != nullptr && i->is_string())
        id = i->as_string();
    } else {
      std::fprintf(stderr, "error: not a JSON string or {\"input\": …} line: %s\n", line.c_str());
      rc = 1;
      continue;
    }
    std::string out = Answer(input, &id);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
  }
  return rc;
}

}  // namespace

int RunAddressParse(const AddressOptions& options) {
  if (options.jsonl) return RunBatch();
  auto parsed = address::Parse(options.text);
  if (!parsed) return Report(parsed.error());
  std::printf("%s\n", api::ParsedAddressJson(*parsed).c_str());
  return 0;
}

}  // namespace weishang::cli
