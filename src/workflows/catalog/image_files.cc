#include "workflows/catalog/image_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/crypto.h"
#include "modules/catalog/catalog_errors.h"

namespace weishang::workflows {
namespace {

namespace fs = std::filesystem;

Error WriteFailed(const std::string& what) {
  return Error{ErrorKind::kUnavailable, catalog::errors::kImageWriteFailed,
               "cannot store the image: " + what};
}

Error NoSuchMedia() { return NotFound(catalog::errors::kImageNotFound, "no such image"); }

// Writes to a temporary name and renames, so a reader never sees half a file.
Result<void> WriteFileAtomically(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return Fail(WriteFailed(ec.message()));
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return Fail(WriteFailed("write to " + tmp.string() + " failed"));
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Fail(WriteFailed(ec.message()));
  }
  return {};
}

}  // namespace

Result<PreparedImage> PrepareImage(storage::Database& db, Modules& m, IdGenerator& ids,
                                   const ImageFiles& files, MerchantId merchant,
                                   std::string_view content_type, std::string_view bytes) {
  auto type = catalog::CheckUpload(content_type, bytes, files.max_bytes);
  if (!type) return Fail(type.error());
  std::string sha256 = Sha256Hex(bytes);
  auto earlier = storage::ReadValue(
      db, [&](storage::Tx& tx) { return m.catalog.FindImageBySha256(tx, merchant, sha256); });
  if (!earlier) return Fail(earlier.error());
  if (*earlier) return PreparedImage{std::move(**earlier), false};
  catalog::Image img;
  img.id = ids.Next<ImageId>();
  img.merchant_id = merchant;
  img.content_type = catalog::ContentTypeName(*type);
  img.size_bytes = static_cast<std::int64_t>(bytes.size());
  img.sha256 = std::move(sha256);
  img.path = catalog::ImagePath(merchant, img.id, *type);
  if (auto ok = WriteFileAtomically(fs::path(files.upload_dir) / img.path, bytes); !ok) {
    return Fail(ok.error());
  }
  return PreparedImage{std::move(img), true};
}

Result<catalog::Image> RecordImageFile(storage::Tx& tx, Modules& m, const ImageFiles& files,
                                       MerchantId merchant, const catalog::Image& image) {
  auto recorded = m.catalog.RecordImage(tx, merchant, image);
  if (!recorded) {
    std::error_code ec;
    fs::remove(fs::path(files.upload_dir) / image.path, ec);
  }
  return recorded;
}

Result<MediaFile> ReadMediaFile(const std::string& upload_dir, std::string_view merchant,
                                std::string_view file) {
  auto merchant_id = DecodeId<MerchantId>(merchant);
  std::size_t dot = file.rfind('.');
  if (!merchant_id || dot == std::string_view::npos) return Fail(NoSuchMedia());
  auto image_id = DecodeId<ImageId>(file.substr(0, dot));
  auto type = catalog::TypeFromExtension(file.substr(dot + 1));
  if (!image_id || !type) return Fail(NoSuchMedia());
  std::string path = catalog::ImagePath(*merchant_id, *image_id, *type);
  // Non-canonical spellings ("mch_01") would alias a real file; refuse them.
  if (path != std::string(merchant) + "/" + std::string(file)) return Fail(NoSuchMedia());
  std::ifstream in(fs::path(upload_dir) / path, std::ios::binary);
  if (!in) return Fail(NoSuchMedia());
  MediaFile out;
  out.content_type = catalog::ContentTypeName(*type);
  out.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return out;
}

}  // namespace weishang::workflows
