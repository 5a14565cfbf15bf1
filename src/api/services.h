// Everything a route may use, wired once by cli/main.cc (the composition
// root). Routes reach modules and workflows only through this struct.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/http/static_files.h"
#include "core/cache.h"
#include "core/clock.h"
#include "core/ids.h"
#include "storage/database.h"

namespace weishang::identity {
class IdentityService;
class LoginGuard;
class Passwords;
}  // namespace weishang::identity
namespace weishang::catalog {
class CatalogService;
}
namespace weishang::workflows {
struct Modules;
class SnapshotCache;
}  // namespace weishang::workflows

namespace weishang::api {

struct Config {
  std::string upload_dir = "./data/uploads";
  std::size_t max_image_bytes = 5 << 20;
  std::string payment_secret;  // HMAC key of the sandbox payment provider
  double rate_per_ip = 50;     // requests per second; 0 disables
  double burst_per_ip = 200;
  // The sandbox payment provider's stand-in gateway
  // (/sandbox/v1/{shop}/payments/{id}/complete marks an order paid without
  // credentials): routed only while this is on. serve --no-sandbox turns it off.
  bool sandbox = true;
  // Moves the server's clock forward by the given ms and answers the new
  // now: serve --test-clock routes POST /sandbox/v1/clock with it (tests
  // and demos only). Empty: no such route.
  std::function<Timestamp(Timestamp)> advance_clock;
  // The store's public address ("https://shop.example.com", serve
  // --public-url), the origin of the links share QR codes hold; empty: the
  // request's Host, over http.
  std::string public_url;
  // The built web front end (serve --web-root), read at start; null when it
  // was not built, and then its routes answer 404 web.not_built.
  std::shared_ptr<const StaticFiles> web;
};

struct Services {
  storage::Database& db;
  const Clock& clock;
  IdGenerator& ids;
  workflows::Modules& modules;
  MerchantCache& storefront_cache;          // rendered storefront answers; generations
  workflows::SnapshotCache& pricing_cache;  // what checkout prices from
  identity::Passwords& passwords;           // argon2id for sign-up, login, staff
  identity::LoginGuard& logins;             // throttles failed password checks
  Config config;
};

}  // namespace weishang::api
