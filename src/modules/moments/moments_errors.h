// The moments module's stable error codes.
#pragma once

namespace weishang::moments::errors {

inline constexpr char kNotFound[] = "moments.not_found";
inline constexpr char kInvalidField[] = "moments.invalid_field";
inline constexpr char kImageCount[] = "moments.image_count";  // 0 or more than 9 pictures
inline constexpr char kWithdrawn[] = "moments.withdrawn";
inline constexpr char kNoProduct[] = "moments.no_product";  // a click on a post without one
inline constexpr char kCommentNotFound[] = "moments.comment_not_found";

// Warnings: the post is saved, the composer shows them.
inline constexpr char kManyImages[] = "moments.many_images";  // more than 6 pictures

}  // namespace weishang::moments::errors
