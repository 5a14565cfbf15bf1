// Image metadata. The bytes are on disk, written by the upload workflow
// before the row is recorded.
#include "modules/catalog/catalog.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/rows.h"

namespace weishang::catalog {

Result<Image> CatalogService::RecordImage(Tx& tx, MerchantId merchant, const Image& image) {
  Image img = image;
  img.merchant_id = merchant;
  img.created_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO catalog_image (id, merchant_id, content_type, size_bytes, sha256, path,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {img.id, merchant, img.content_type, img.size_bytes, img.sha256, img.path, img.created_at});
  if (!ok) return Fail(ok.error());
  return img;
}

Result<Image> CatalogService::GetImage(Tx& tx, MerchantId merchant, ImageId image) {
  auto row = tx.QueryOne(std::string("SELECT ") + detail::kImageColumns +
                             " FROM catalog_image WHERE merchant_id = ? AND id = ?",
                         {merchant, image});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kImageNotFound, "no image " + EncodeId(image)));
  return detail::ImageFromRow(**row);
}

Result<std::optional<Image>> CatalogService::FindImageBySha256(Tx& tx, MerchantId merchant,
                                                               const std::string& sha256) {
  auto row = tx.QueryOne(std::string("SELECT ") + detail::kImageColumns +
                             " FROM catalog_image WHERE merchant_id = ? AND sha256 = ?"
                             " ORDER BY id LIMIT 1",
                         {merchant, sha256});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Image>();
  return std::optional<Image>(detail::ImageFromRow(**row));
}

}  // namespace weishang::catalog
