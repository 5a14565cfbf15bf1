// The files of a folder, read once into memory: the built web front end
// (a few hundred KiB), served without touching the disk again. A file X
// that has an X.gz beside it keeps both, so a client that accepts gzip gets
// the precompressed bytes. Immutable once loaded: thread-safe for lookups.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

namespace weishang::api {

struct StaticFile {
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> gzipped;  // null when there is no X.gz
  std::string content_type;                    // from the extension
};

class StaticFiles {
 public:
  // Reads every regular file under `root` (symbolic links are skipped, so
  // nothing outside `root` is read). Fails with kUnavailable "web.unreadable"
  // when `root` is not a readable folder, and with kTooLarge "web.too_large"
  // when its files add up to more than `max_bytes`.
  static Result<std::shared_ptr<const StaticFiles>> Load(const std::filesystem::path& root,
                                                         std::size_t max_bytes = 64 << 20);

  // The file at `relative` ("assets/index-4f2a.js", '/'-separated, already
  // percent-decoded), or nullptr. A path with an empty, "." or ".." segment,
  // a backslash or a NUL finds nothing: only the files read at Load can be
  // answered, whatever the request says.
  const StaticFile* Find(std::string_view relative) const;

  std::size_t file_count() const { return files_.size(); }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  std::unordered_map<std::string, StaticFile> files_;
};

// The Content-Type of a file name, by its extension; text types carry
// charset=utf-8. Unknown extensions are application/octet-stream.
std::string ContentTypeFor(std::string_view name);

// Whether an Accept-Encoding header value allows gzip: "gzip" or "x-gzip"
// listed with a non-zero q, or else "*" with a non-zero q. An empty header
// allows only the identity encoding.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace weishang::api
