// Pictures: upload from the console, served publicly.
//   POST /admin/v1/images          raw bytes; Content-Type image/jpeg|png|webp|gif
//   GET  /media/{merchant}/{file}  e.g. /media/mch_1a2b/img_3c4d.jpg
// Uploads are limited by Config.max_image_bytes (413 catalog.image_too_large)
// and, before that, by the transport's body limit (`serve --body-limit`,
// 1 MiB by default; 413 request.body_too_large). `serve` sets
// max_image_bytes to the smaller of the two; see modules/catalog/README.md.
#include "api/app.h"
#include "api/json/catalog_json.h"
#include "api/routes/support.h"
#include "workflows/catalog/image_files.h"

namespace weishang::api {
namespace {

// Pictures never change at a given URL (each upload gets a new id), so
// browsers and WeChat's proxy may keep them for a year.
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

Reply UploadImage(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, identity::Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  workflows::ImageFiles files{s.config.upload_dir, s.config.max_image_bytes};
  Id merchant = who->merchant_id;
  auto prepared = workflows::PrepareImage(s.db, s.modules, s.ids, files, merchant,
                                          req.content_type, req.body);
  if (!prepared) return ErrorResponse(prepared.error());
  if (!prepared->is_new) return JsonResponse(200, EncodeImage(prepared->image));
  return WriteThen<catalog::Image>(
      s,
      [&s, files, merchant, image = prepared->image](Tx& tx) {
        return workflows::RecordImageFile(tx, s.modules, files, merchant, image);
      },
      EncodeImage, 201);
}

Reply ServeMedia(Services& s, HttpRequest& req) {
  auto file = workflows::ReadMediaFile(s.config.upload_dir, req.PathParam("merchant"),
                                       req.PathParam("file"));
  if (!file) return ErrorResponse(file.error());
  HttpResponse resp;
  resp.content_type = std::move(file->content_type);
  resp.body = std::move(file->bytes);
  resp.headers.emplace_back("Cache-Control", kImmutable);
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return resp;
}

}  // namespace

void AddImageRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/admin/v1/images", [&s](HttpRequest& q) { return UploadImage(s, q); });
  r.Add(Method::kGet, "/media/{merchant}/{file}", [&s](HttpRequest& q) { return ServeMedia(s, q); });
}

}  // namespace weishang::api
