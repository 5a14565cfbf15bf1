// Image uploads are recognised by their first bytes, not by what the client
// claims; pure functions, no database.
#include "modules/catalog/image.h"

#include <gtest/gtest.h>

#include "modules/catalog/catalog_errors.h"

namespace weishang::catalog {
namespace {

using namespace std::literals;

const std::string kPng = "\x89PNG\r\n\x1A\n rest of file"s;
const std::string kJpeg = "\xFF\xD8\xFF\xE0 rest"s;
const std::string kWebp = "RIFF\x10\0\0\0WEBPVP8 "s;
const std::string kGif = "GIF89a rest"s;

TEST(ImageTest, EachTypeIsRecognisedByItsSignature) {
  EXPECT_EQ(CheckUpload("image/png", kPng, 1000).value(), ImageType::kPng);
  EXPECT_EQ(CheckUpload("image/jpeg", kJpeg, 1000).value(), ImageType::kJpeg);
  EXPECT_EQ(CheckUpload("image/webp", kWebp, 1000).value(), ImageType::kWebp);
  EXPECT_EQ(CheckUpload("IMAGE/GIF; charset=binary", kGif, 1000).value(), ImageType::kGif);
}

TEST(ImageTest, BytesThatDoNotMatchTheDeclaredTypeAreRefused) {
  EXPECT_EQ(CheckUpload("image/jpeg", kPng, 1000).error().code, errors::kUnsupportedImageType);
  EXPECT_EQ(CheckUpload("image/png", "", 1000).error().code, errors::kUnsupportedImageType);
  EXPECT_EQ(CheckUpload("image/svg+xml", "<svg/>", 1000).error().code,
            errors::kUnsupportedImageType);
  EXPECT_EQ(CheckUpload("image/webp", "RIFF\x10\0\0\0WAVEfmt "s, 1000).error().code,
            errors::kUnsupportedImageType);
}

TEST(ImageTest, ImagesLargerThanTheLimitAreRefused) {
  auto r = CheckUpload("image/png", kPng, kPng.size() - 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errors::kImageTooLarge);
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_TRUE(CheckUpload("image/png", kPng, kPng.size()));
}

TEST(ImageTest, PathsAndUrlsAreBuiltFromIds) {
  std::string path = ImagePath(MerchantId(36), ImageId(37), ImageType::kJpeg);
  EXPECT_EQ(path, "mch_10/img_11.jpg");
  EXPECT_EQ(ImageUrl(path), "/media/mch_10/img_11.jpg");
}

}  // namespace
}  // namespace weishang::catalog
