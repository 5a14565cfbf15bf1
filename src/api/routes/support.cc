#include "api/routes/support.h"

#include <charconv>

#include "api/api_errors.h"
#include "core/crypto.h"
#include "core/request_errors.h"
#include "modules/idempotency/idempotency.h"
#include "modules/identity/identity_errors.h"

namespace weishang::api {

HttpResponse JsonResponse(int status, const json::value& body) {
  HttpResponse r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

Result<identity::Principal> Authorize(Services& s, const HttpRequest& req,
                                      identity::Permission permission) {
  constexpr std::string_view kBearer = "Bearer ";
  if (req.authorization.size() <= kBearer.size() ||
      req.authorization.compare(0, kBearer.size(), kBearer) != 0) {
    return Fail(ErrorKind::kUnauthenticated, identity::errors::kUnauthenticated,
                "an Authorization: Bearer token is required");
  }
  std::string token = req.authorization.substr(kBearer.size());
  auto principal =
      storage::ReadValue(s.db, [&](Tx& tx) { return s.modules.identity.Authenticate(tx, token); });
  if (!principal) return principal;
  if (!identity::Allows(principal->role, permission)) {
    return Fail(
        Denied(identity::errors::kForbidden,
               std::string("role '") + identity::RoleName(principal->role) + "' may not do this"));
  }
  return principal;
}

Result<MerchantId> ResolveShop(Services& s, const HttpRequest& req) {
  std::string slug(req.PathParam("shop"));
  // Slug -> merchant id, kept in the storefront cache under kShopDirectory
  // (no merchant has id 0), so a cached storefront answer costs no database
  // read. Only active shops are cached; the TTL bounds how long a shop
  // suspended meanwhile stays reachable.
  std::string key = "slug|" + slug;
  if (auto hit = s.storefront_cache.Get(kShopDirectory, key)) {
    Id id = 0;
    std::from_chars(hit->data(), hit->data() + hit->size(), id);
    return MerchantId(id);
  }
  auto merchant = storage::ReadValue(
      s.db, [&](Tx& tx) { return s.modules.identity.FindMerchantBySlug(tx, slug); });
  if (!merchant) return Fail(merchant.error());
  if (!*merchant || (*merchant)->status != identity::MerchantStatus::kActive) {
    return Fail(NotFound(api::errors::kShopNotFound, "no shop '" + slug + "'"));
  }
  s.storefront_cache.Put(kShopDirectory, key, std::to_string((*merchant)->id.value()));
  return (*merchant)->id;
}

Result<Id> PathIdValue(const HttpRequest& req, std::string_view param, std::string_view prefix,
                       std::string_view not_found_code) {
  auto id = DecodeId(prefix, req.PathParam(param));
  if (!id) {
    return Fail(NotFound(std::string(not_found_code),
                         "no such id '" + std::string(req.PathParam(param)) + "'"));
  }
  return *id;
}

Result<json::object> Body(const HttpRequest& req) { return ParseObject(req.body); }

Result<json::object> Body(const HttpRequest& req, BodyArena& arena) {
  return ParseObject(req.body, arena.storage());
}

Error MissingIdempotencyKey() {
  return Invalid(
      request_errors::kIdempotencyKeyRequired,
      "an Idempotency-Key header (1-128 printable characters) is required to create this");
}

Reply IdempotentWrite(Services& s, const HttpRequest& req, MerchantId merchant_id,
                      std::string scope, std::function<Result<json::value>(Tx&)> unit, int status) {
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  std::string key = req.idempotency_key;
  std::string hash = FingerprintHex(req.body);
  const Clock* clock = &s.clock;
  auto stored = std::make_shared<idempotency::StoredResponse>();
  storage::Database* db = &s.db;
  return Deferred{[=](Respond respond) {
    db->Submit(
        [=](Tx& tx) -> Result<void> {
          auto seen = idempotency::Find(tx, merchant_id, scope, key, hash);
          if (!seen) return Fail(seen.error());
          if (*seen) {
            *stored = **seen;
            return {};
          }
          auto body = unit(tx);
          if (!body) return Fail(body.error());
          *stored = idempotency::StoredResponse{status, json::serialize(*body)};
          return idempotency::Save(tx, merchant_id, scope, key, hash, *stored, clock->Now());
        },
        [stored, respond](Result<void> r) {
          respond([stored, r]() -> HttpResponse {
            if (!r) return ErrorResponse(r.error());
            HttpResponse resp;
            resp.status = stored->status;
            resp.body = std::move(stored->body);
            return resp;
          });
        });
  }};
}

HttpResponse ReadThen(Services& s, const std::function<Result<json::value>(Tx&)>& fn) {
  std::optional<json::value> out;
  auto r = s.db.Read([&](Tx& tx) -> Result<void> {
    auto v = fn(tx);
    if (!v) return Fail(v.error());
    out = std::move(*v);
    return {};
  });
  if (!r) return ErrorResponse(r.error());
  return Ok(*out);
}

Result<PageRequest> ParsePage(const HttpRequest& req) {
  PageRequest page;
  std::string limit = req.QueryParam("limit");
  if (!limit.empty()) {
    char* end = nullptr;
    long v = std::strtol(limit.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > 100) {
      return Fail(Invalid(request_errors::kInvalidLimit, "limit must be between 1 and 100"));
    }
    page.limit = static_cast<int>(v);
  }
  page.after = req.QueryParam("after");
  if (!page.after.empty() && !DecodeCursorValue(page.after)) {
    return Fail(Invalid(request_errors::kInvalidCursor, "the 'after' cursor is not valid"));
  }
  return page;
}

namespace {
constexpr std::string_view kCursorPrefix = "cur";
}  // namespace

std::string EncodeCursorValue(Id last) { return EncodeId(kCursorPrefix, last); }

Result<Id> DecodeCursorValue(const std::string& cursor) {
  if (cursor.empty()) return Id{0};
  auto id = DecodeId(kCursorPrefix, cursor);
  if (!id) return Fail(Invalid(request_errors::kInvalidCursor, "the 'after' cursor is not valid"));
  return *id;
}

}  // namespace weishang::api
