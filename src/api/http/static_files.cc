#include "api/http/static_files.h"

#include <array>
#include <fstream>
#include <system_error>
#include <utility>

#include "api/api_errors.h"

namespace weishang::api {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadWhole(const fs::path& file) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  std::ifstream in(file, std::ios::binary);
  std::string bytes(ec ? 0 : size, '\0');
  if (ec || !in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return Fail(ErrorKind::kUnavailable, api::errors::kWebUnreadable,
                "cannot read " + file.string());
  }
  return bytes;
}

// True when every segment of `relative` names something inside the root.
bool IsSafeRelative(std::string_view relative) {
  if (relative.empty()) return false;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = relative.find('/', start);
    std::string_view seg = relative.substr(start, slash - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    if (seg.find('\\') != std::string_view::npos || seg.find('\0') != std::string_view::npos) {
      return false;
    }
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// The q of one Accept-Encoding element ("gzip;q=0.5") is zero: "0", "0.",
// "0.0" … up to three decimals (RFC 9110 12.4.2). Absent means 1.
bool QualityIsZero(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string_view v = Trim(p.substr(2));
      if (v.empty() || v[0] != '0') return false;
      for (char c : v.substr(1)) {
        if (c != '.' && c != '0') return false;
      }
      return true;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return false;
}

}  // namespace

Result<std::shared_ptr<const StaticFiles>> StaticFiles::Load(const fs::path& root,
                                                             std::size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Fail(ErrorKind::kUnavailable, api::errors::kWebUnreadable,
                root.string() + " is not a folder");
  }
  auto out = std::make_shared<StaticFiles>();
  out->root_ = root;
  std::unordered_map<std::string, std::string> gz;  // "x.js" -> bytes of x.js.gz
  std::size_t total = 0;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    std::string relative = it->path().lexically_relative(root).generic_string();
    auto bytes = ReadWhole(it->path());
    if (!bytes) return Fail(bytes.error());
    total += bytes->size();
    if (total > max_bytes) {
      return Fail(ErrorKind::kTooLarge, api::errors::kWebTooLarge,
                  root.string() + " holds more than " + std::to_string(max_bytes) + " bytes");
    }
    if (relative.ends_with(".gz")) {
      gz.emplace(relative.substr(0, relative.size() - 3), std::move(*bytes));
      continue;
    }
    StaticFile file;
    file.content_type = ContentTypeFor(relative);
    file.bytes = std::make_shared<const std::string>(std::move(*bytes));
    out->files_.emplace(std::move(relative), std::move(file));
  }
  if (ec) {
    return Fail(ErrorKind::kUnavailable, api::errors::kWebUnreadable,
                "cannot list " + root.string() + ": " + ec.message());
  }
  for (auto& [name, bytes] : gz) {
    auto plain = out->files_.find(name);
    if (plain != out->files_.end()) {
      plain->second.gzipped = std::make_shared<const std::string>(std::move(bytes));
    } else {  // a .gz of its own (no plain twin): an ordinary file
      StaticFile file;
      file.content_type = ContentTypeFor(name + ".gz");
      file.bytes = std::make_shared<const std::string>(std::move(bytes));
      out->files_.emplace(name + ".gz", std::move(file));
    }
  }
  return std::shared_ptr<const StaticFiles>(std::move(out));
}

const StaticFile* StaticFiles::Find(std::string_view relative) const {
  if (!IsSafeRelative(relative)) return nullptr;
  auto it = files_.find(std::string(relative));
  return it == files_.end() ? nullptr : &it->second;
}

std::string ContentTypeFor(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".wasm", "application/wasm"},
  }};
  std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && name.find('/', dot) == std::string_view::npos) {
    std::string_view ext = name.substr(dot);
    for (const auto& [known, type] : kTypes) {
      if (EqualsIgnoreCase(ext, known)) return std::string(type);
    }
  }
  return "application/octet-stream";
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool any = false;  // what "*" says, when gzip is not named
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    std::size_t semi = element.find(';');
    std::string_view coding = Trim(element.substr(0, semi));
    std::string_view params =
        semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1);
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      return !QualityIsZero(params);
    }
    if (coding == "*") any = !QualityIsZero(params);
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return any;
}

}  // namespace weishang::api
