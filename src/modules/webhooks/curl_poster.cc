// The real Poster, over libcurl (HTTPS included). Each post uses its own easy
// handle: deliveries are few per tick, and this keeps it thread-safe.
#include <curl/curl.h>

#include <chrono>
#include <mutex>

#include "modules/webhooks/poster.h"

namespace weishang::webhooks {
namespace {

constexpr std::size_t kKeptResponse = 2048;

std::size_t Keep(char* data, std::size_t size, std::size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  std::size_t n = size * count;
  if (body->size() < kKeptResponse) body->append(data, std::min(n, kKeptResponse - body->size()));
  return n;
}

class CurlPoster final : public Poster {
 public:
  CurlPoster() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  PostResult Post(const PostRequest& request) override {
    PostResult out;
    auto started = std::chrono::steady_clock::now();
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
      out.error = "curl_easy_init failed";
      return out;
    }
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    // Connect to the address that was checked, whatever DNS says now.
    std::string host = request.target.host;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    std::string pin =
        host + ":" + std::to_string(request.target.port) + ":" +
        (request.target.address.find(':') != std::string::npos ? "[" + request.target.address + "]"
                                                               : request.target.address);
    curl_slist* resolve = curl_slist_append(nullptr, pin.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Keep);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.response);
    CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      out.http_status = static_cast<int>(status);
    } else {
      out.error = curl_easy_strerror(rc);
    }
    curl_slist_free_all(resolve);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    out.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    return out;
  }
};

}  // namespace

std::unique_ptr<Poster> MakeCurlPoster() { return std::make_unique<CurlPoster>(); }

}  // namespace weishang::webhooks
