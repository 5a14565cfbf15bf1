// Uploaded pictures on disk. An upload writes its bytes to a file first,
// outside any unit of work (disk I/O must not hold the single writer), and
// then records the metadata in one. A file without a row is harmless: no
// product can name it. A row is never written without its file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "workflows/modules.h"

namespace weishang::workflows {

struct ImageFiles {
  std::string upload_dir;     // files live at <upload_dir>/<Image::path>
  std::size_t max_bytes = 0;  // larger uploads fail with catalog.image_too_large
};

// The first half of an upload, run outside any unit of work. Checks it
// (catalog::CheckUpload's codes); if the merchant uploaded the same bytes
// before, returns that image with is_new = false (a retried upload creates
// nothing); otherwise writes the bytes to a new file named after a fresh
// image id and returns the metadata to record with RecordImageFile. Fails
// with kUnavailable "catalog.image_write_failed" if the disk refuses.
struct PreparedImage {
  catalog::Image image;
  bool is_new = false;
};
Result<PreparedImage> PrepareImage(storage::Database& db, Modules& m, IdGenerator& ids,
                                   const ImageFiles& files, MerchantId merchant,
                                   std::string_view content_type, std::string_view bytes);

// The second half: records the new file's metadata in `tx`; removes the
// file if that fails.
Result<catalog::Image> RecordImageFile(storage::Tx& tx, Modules& m, const ImageFiles& files,
                                       MerchantId merchant, const catalog::Image& image);

struct MediaFile {
  std::string content_type;
  std::string bytes;
};

// The picture behind GET /media/{merchant}/{file}, e.g. ("mch_1a", "img_2b.png").
// The path read is rebuilt from the decoded ids, so only canonical names of
// stored pictures resolve and nothing can climb out of the upload directory.
// catalog.image_not_found for any other name or a missing file. Thread-safe.
Result<MediaFile> ReadMediaFile(const std::string& upload_dir, std::string_view merchant,
                                std::string_view file);

}  // namespace weishang::workflows
