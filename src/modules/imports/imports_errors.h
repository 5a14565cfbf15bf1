// The imports module's stable error codes.
#pragma once

namespace weishang::imports::errors {

inline constexpr char kNotFound[] = "imports.not_found";
inline constexpr char kEmptyFile[] = "imports.empty_file";
inline constexpr char kBadEncoding[] = "imports.bad_encoding";
inline constexpr char kTooManyRows[] = "imports.too_many_rows";
inline constexpr char kBadHeader[] = "imports.bad_header";
inline constexpr char kInvalidFileName[] = "imports.invalid_file_name";
inline constexpr char kTooManyRunning[] = "imports.too_many_running";
inline constexpr char kStepTaken[] = "imports.step_taken";

}  // namespace weishang::imports::errors
