#include "modules/catalog/image.h"

#include <cctype>

#include "modules/catalog/catalog_errors.h"

namespace weishang::catalog {
namespace {

bool StartsWith(std::string_view bytes, std::string_view magic, std::size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

// The signatures of each format (the first bytes every valid file has).
bool MagicMatches(ImageType type, std::string_view b) {
  using namespace std::literals;
  switch (type) {
    case ImageType::kJpeg:
      return StartsWith(b, "\xFF\xD8\xFF"sv);
    case ImageType::kPng:
      return StartsWith(b, "\x89PNG\r\n\x1A\n"sv);
    case ImageType::kWebp:
      return StartsWith(b, "RIFF"sv) && StartsWith(b, "WEBP"sv, 8);
    case ImageType::kGif:
      return StartsWith(b, "GIF87a"sv) || StartsWith(b, "GIF89a"sv);
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<ImageType> ParseContentType(std::string_view content_type) {
  std::string mime = Lower(content_type.substr(0, content_type.find(';')));
  while (!mime.empty() && mime.back() == ' ') mime.pop_back();
  if (mime == "image/jpeg") return ImageType::kJpeg;
  if (mime == "image/png") return ImageType::kPng;
  if (mime == "image/webp") return ImageType::kWebp;
  if (mime == "image/gif") return ImageType::kGif;
  return std::nullopt;
}

std::optional<ImageType> TypeFromExtension(std::string_view extension) {
  if (extension == "jpg") return ImageType::kJpeg;
  if (extension == "png") return ImageType::kPng;
  if (extension == "webp") return ImageType::kWebp;
  if (extension == "gif") return ImageType::kGif;
  return std::nullopt;
}

const char* ContentTypeName(ImageType type) {
  switch (type) {
    case ImageType::kJpeg:
      return "image/jpeg";
    case ImageType::kPng:
      return "image/png";
    case ImageType::kWebp:
      return "image/webp";
    case ImageType::kGif:
      return "image/gif";
  }
  return "application/octet-stream";
}

const char* Extension(ImageType type) {
  switch (type) {
    case ImageType::kJpeg:
      return "jpg";
    case ImageType::kPng:
      return "png";
    case ImageType::kWebp:
      return "webp";
    case ImageType::kGif:
      return "gif";
  }
  return "bin";
}

Result<ImageType> CheckUpload(std::string_view content_type, std::string_view bytes,
                              std::size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    return Fail(ErrorKind::kTooLarge, errors::kImageTooLarge,
                "an image may be at most " + std::to_string(max_bytes) + " bytes");
  }
  auto type = ParseContentType(content_type);
  if (!type) {
    return Fail(Invalid(errors::kUnsupportedImageType,
                        "Content-Type must be image/jpeg, image/png, image/webp or image/gif"));
  }
  if (!MagicMatches(*type, bytes)) {
    return Fail(Invalid(
        errors::kUnsupportedImageType,
        std::string("the body does not start like an ") + ContentTypeName(*type) + " file"));
  }
  return *type;
}

std::string ImagePath(MerchantId merchant, ImageId image, ImageType type) {
  return EncodeId(merchant) + "/" + EncodeId(image) + "." + Extension(type);
}

std::string ImageUrl(std::string_view path) { return "/media/" + std::string(path); }

}  // namespace weishang::catalog
