#include "core/qr_png.h"

#include <png.h>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

namespace weishang {
namespace {

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

// libpng reports failures by longjmp; with the write struct living in this
// function only, nothing with a destructor is skipped by the jump.
bool WritePng(const std::vector<unsigned char>& packed_rows, int width, std::string& out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, info ? &info : nullptr);
    return false;
  }
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t n) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), n);
      },
      nullptr);
  png_set_IHDR(png, info, width, width, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 9);
  png_write_info(png, info);
  const std::size_t stride = (static_cast<std::size_t>(width) + 7) / 8;
  for (int y = 0; y < width; ++y) {
    png_write_row(png, const_cast<png_bytep>(packed_rows.data() + y * stride));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

using QrCode = std::unique_ptr<QRcode, QrCodeFree>;

Result<QrCode> Encode(std::string_view text) {
  if (text.empty()) return Fail(Invalid("qr.too_long", "nothing to encode"));
  // QRcode_encodeData takes the bytes as they are (8-bit mode), so no
  // character of a URL is reinterpreted; version 0 picks the smallest fitting.
  QrCode code(QRcode_encodeData(static_cast<int>(text.size()),
                                reinterpret_cast<const unsigned char*>(text.data()), 0,
                                QR_ECLEVEL_M));
  if (!code) {
    if (errno == ERANGE || errno == EINVAL) {
      return Fail(Invalid("qr.too_long", "the text does not fit in a QR code"));
    }
    return Fail(Error{ErrorKind::kInternal, "qr.encode_failed", "libqrencode failed"});
  }
  return code;
}

}  // namespace

Result<std::string> RenderQrSvg(std::string_view text) {
  auto code = Encode(text);
  if (!code) return Fail(code.error());
  const int modules = (*code)->width;
  const int side = modules + 2 * kQrQuietZone;
  std::string side_text = std::to_string(side);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side_text + " " +
                    side_text + "\" shape-rendering=\"crispEdges\"><rect width=\"" + side_text +
                    "\" height=\"" + side_text + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One horizontal run of dark modules per path segment.
  for (int y = 0; y < modules; ++y) {
    for (int x = 0; x < modules;) {
      if (((*code)->data[y * modules + x] & 1) == 0) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < modules && ((*code)->data[y * modules + x + run] & 1) != 0) ++run;
      out += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) + "h" +
             std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  out += "\"/></svg>\n";
  return out;
}

Result<QrPng> RenderQrPng(std::string_view text, int max_width) {
  auto encoded = Encode(text);
  if (!encoded) return Fail(encoded.error());
  const QrCode& code = *encoded;
  const int modules = code->width;
  const int side = modules + 2 * kQrQuietZone;
  const int scale = std::max(1, max_width / side);
  const int width = side * scale;
  // 1-bit grey: a set bit is white. Start all white, then blacken the
  // modules whose lowest bit libqrencode set.
  const std::size_t stride = (static_cast<std::size_t>(width) + 7) / 8;
  std::vector<unsigned char> rows(stride * width, 0xFF);
  for (int my = 0; my < modules; ++my) {
    for (int mx = 0; mx < modules; ++mx) {
      if ((code->data[my * modules + mx] & 1) == 0) continue;
      for (int dy = 0; dy < scale; ++dy) {
        unsigned char* row = rows.data() + ((my + kQrQuietZone) * scale + dy) * stride;
        for (int dx = 0; dx < scale; ++dx) {
          int x = (mx + kQrQuietZone) * scale + dx;
          row[x / 8] &= static_cast<unsigned char>(~(0x80 >> (x % 8)));
        }
      }
    }
  }
  QrPng out;
  out.modules = modules;
  out.width = width;
  if (!WritePng(rows, width, out.png)) {
    return Fail(Error{ErrorKind::kInternal, "qr.encode_failed", "libpng failed"});
  }
  return out;
}

}  // namespace weishang
