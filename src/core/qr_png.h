// QR codes as PNG pictures (libqrencode finds the modules, libpng writes
// them as a 1-bit greyscale image) and as SVG, for share posters and
// channel codes. Pure functions of their input; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace weishang {

// The quiet zone the QR standard asks for around the code, in modules.
inline constexpr int kQrQuietZone = 4;

struct QrPng {
  std::string png;  // the PNG file's bytes
  int modules = 0;  // the code's side in modules, quiet zone excluded (21 for version 1)
  int width = 0;    // the picture's side in pixels, quiet zone included
};

// Renders `text` (taken as bytes, UTF-8 for a URL) at error-correction level
// M, black on white, each module a square of the largest whole number of
// pixels that keeps the picture within `max_width` (1 pixel when even that
// does not fit, so the picture is then wider than asked). The same input
// always gives the same bytes. Fails with kInvalidArgument "qr.too_long"
// when `text` is empty or does not fit a QR code (about 2,300 bytes at level
// M), kInternal "qr.encode_failed" when libqrencode or libpng fail.
Result<QrPng> RenderQrPng(std::string_view text, int max_width);

// The same code as an SVG document (one unit per module, quiet zone
// included, black on white; scales to any print size). Same failures.
Result<std::string> RenderQrSvg(std::string_view text);

}  // namespace weishang
