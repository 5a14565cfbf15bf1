// Uploaded pictures: the accepted types, how their bytes are recognised, and
// where a picture lives on disk and on the web. The bytes themselves are
// written by the upload workflow; this module keeps their metadata. Every
// function here is pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"

namespace weishang::catalog {

enum class ImageType { kJpeg, kPng, kWebp, kGif };

// "image/jpeg" -> kJpeg; parameters after ';' and letter case are ignored.
std::optional<ImageType> ParseContentType(std::string_view content_type);
// "jpg" -> kJpeg (the extension this module gives to stored files).
std::optional<ImageType> TypeFromExtension(std::string_view extension);
const char* ContentTypeName(ImageType type);
const char* Extension(ImageType type);

// Checks an upload before anything is stored: its declared type is one of
// the four above and its first bytes are that format's signature
// (catalog.unsupported_image_type, kInvalidArgument), and it is not empty nor
// larger than `max_bytes` (catalog.image_too_large, kTooLarge).
Result<ImageType> CheckUpload(std::string_view content_type, std::string_view bytes,
                              std::size_t max_bytes);

// "mch_<merchant>/img_<image>.<ext>": the file's path under the upload
// directory, and the tail of its public URL.
std::string ImagePath(MerchantId merchant, ImageId image, ImageType type);
// "/media/" + path: where the storefront and console fetch the picture.
std::string ImageUrl(std::string_view path);

// An uploaded picture's metadata.
struct Image {
  ImageId id;
  MerchantId merchant_id;
  std::string content_type;
  std::int64_t size_bytes = 0;
  std::string sha256;  // hex of the bytes
  std::string path;    // relative to the upload directory; see ImagePath
  Timestamp created_at = 0;
};

}  // namespace weishang::catalog
