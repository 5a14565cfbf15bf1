// What every route file uses: JSON answers, authorization, durable writes,
// idempotent creation, cursor pages and id decoding. A route is decode,
// call, encode; these helpers keep each of those one line.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/error_status.h"
#include "api/http/message.h"
#include "api/services.h"
#include "core/json.h"
#include "modules/identity/identity.h"
#include "workflows/modules.h"

namespace weishang::api {

using storage::Tx;

HttpResponse JsonResponse(int status, const json::value& body);
inline HttpResponse Ok(const json::value& body) { return JsonResponse(200, body); }

// The staff member behind the bearer token, if allowed `permission`. Fails
// with identity.unauthenticated (401) or identity.forbidden (403).
Result<identity::Principal> Authorize(Services& s, const HttpRequest& req,
                                      identity::Permission permission);

// The merchant id of the shop in /store/v1/{shop}/…; store.shop_not_found
// for unknown or suspended shops. Answers from Services.storefront_cache
// (under kShopDirectory) when it can, so it usually reads no database.
Result<MerchantId> ResolveShop(Services& s, const HttpRequest& req);

// The storefront cache's pseudo-merchant holding slug -> merchant id entries.
inline constexpr MerchantId kShopDirectory{};

// Decodes a prefixed id from a path parameter. A malformed id fails with
// `not_found_code` (404), which must be the code the module gives for an
// unknown id ("order.not_found", "identity.staff_not_found"), so a bad id,
// an unknown id and another merchant's id all get the same answer.
Result<Id> PathIdValue(const HttpRequest& req, std::string_view param, std::string_view prefix,
                       std::string_view not_found_code);
// The same, typed: PathId<OrderId>(req, "id", order::errors::kNotFound).
template <class T>
Result<T> PathId(const HttpRequest& req, std::string_view param, std::string_view not_found_code) {
  auto id = PathIdValue(req, param, T::kPrefix, not_found_code);
  if (!id) return Fail(id.error());
  return T(*id);
}

// Parses the body as a JSON object (request.malformed_json).
Result<json::object> Body(const HttpRequest& req);

// Scratch memory for parsing one request body on a hot route: the document
// Body(req, arena) returns lives in the arena, one block instead of an
// allocation per string, object and array. Decode it into plain structs
// before the arena goes out of scope.
class BodyArena {
 public:
  json::storage_ptr storage() { return json::storage_ptr(&resource_); }

 private:
  unsigned char buffer_[4096];
  json::monotonic_resource resource_{buffer_, sizeof buffer_};
};
Result<json::object> Body(const HttpRequest& req, BodyArena& arena);

// Runs `unit` as a durable write; once it is committed (or rolled back),
// `answer` renders the response on the connection's thread (a redirect, a
// verdict that is not JSON).
template <class T>
Reply WriteAnswer(Services& s, std::function<Result<T>(Tx&)> unit,
                  std::function<HttpResponse(const T&)> answer) {
  auto out = std::make_shared<std::optional<T>>();
  storage::Database* db = &s.db;
  return Deferred{[db, unit = std::move(unit), answer = std::move(answer), out](Respond respond) {
    db->Submit(
        [unit, out](Tx& tx) -> Result<void> {
          auto r = unit(tx);
          if (!r) return Fail(r.error());
          out->emplace(std::move(*r));
          return {};
        },
        // Encoding happens on the connection's thread, not the writer's.
        [answer, out, respond](Result<void> r) {
          respond([answer, out, r]() -> HttpResponse {
            if (!r) return ErrorResponse(r.error());
            return answer(**out);
          });
        });
  }};
}

// Runs `unit` as a durable write and answers with encode(value) once it is
// committed, or with the error that rolled it back.
template <class T>
Reply WriteThen(Services& s, std::function<Result<T>(Tx&)> unit,
                std::function<json::value(const T&)> encode, int status = 200) {
  return WriteAnswer<T>(s, std::move(unit), [encode = std::move(encode), status](const T& v) {
    return JsonResponse(status, encode(v));
  });
}

// request.idempotency_key_required (422).
Error MissingIdempotencyKey();

// Like WriteThen, for creating requests: requires an Idempotency-Key header
// (request.idempotency_key_required), and a repeat of the key returns the
// first answer without running `unit` again. `unit` returns the JSON body.
Reply IdempotentWrite(Services& s, const HttpRequest& req, MerchantId merchant_id,
                      std::string scope, std::function<Result<json::value>(Tx&)> unit,
                      int status = 201);

// Runs `fn` on a read snapshot and answers with its JSON.
HttpResponse ReadThen(Services& s, const std::function<Result<json::value>(Tx&)>& fn);

// An action on one of the caller's records, e.g. POST /admin/v1/orders/{id}/ship:
// authorizes `permission`, decodes {id} as a RecordId (`not_found_code` when
// it is malformed), reads an optional JSON body through `decode`, which
// returns the unit of work, and answers encode(result) once it is durable.
template <class T>
using RecordUnit = std::function<Result<T>(Tx&)>;
template <class T, class RecordId>
using RecordDecode =
    std::function<RecordUnit<T>(const identity::Principal&, RecordId id, JsonReader&)>;

template <class T, class RecordId>
Reply RecordStep(Services& s, HttpRequest& req, identity::Permission permission,
                 std::string_view not_found_code, const RecordDecode<T, RecordId>& decode,
                 std::function<json::value(const T&)> encode) {
  auto who = Authorize(s, req, permission);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<RecordId>(req, "id", not_found_code);
  if (!id) return ErrorResponse(id.error());
  auto body = req.body.empty() ? Result<json::object>(json::object()) : Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  RecordUnit<T> unit = decode(*who, *id, r);
  if (r.Error()) return ErrorResponse(*r.Error());
  return WriteThen<T>(s, std::move(unit), std::move(encode));
}

// ?limit= (1..100, default 20) and ?after= (an opaque cursor).
struct PageRequest {
  int limit = 20;
  std::string after;
};
Result<PageRequest> ParsePage(const HttpRequest& req);

// The cursor for a page that ended at `last` (opaque to clients: "cur_…").
std::string EncodeCursorValue(Id last);
Result<Id> DecodeCursorValue(const std::string& cursor);  // 0 for ""
template <class T>
std::string EncodeCursor(T last) {
  return EncodeCursorValue(last.value());
}
// The id a cursor stands for, typed by the list it pages: DecodeCursor<OrderId>.
// "" gives the invalid id T() (the first page); request.invalid_cursor otherwise.
template <class T>
Result<T> DecodeCursor(const std::string& cursor) {
  auto id = DecodeCursorValue(cursor);
  if (!id) return Fail(id.error());
  return T(*id);
}

}  // namespace weishang::api
