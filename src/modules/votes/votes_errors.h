// The votes module's stable error codes.
#pragma once

namespace weishang::votes::errors {

inline constexpr char kNotFound[] = "votes.not_found";                     // 404
inline constexpr char kCandidateNotFound[] = "votes.candidate_not_found";  // 404
inline constexpr char kInvalidField[] = "votes.invalid_field";             // 422
inline constexpr char kClosed[] = "votes.closed";                          // 409: not taking votes
inline constexpr char kAlreadyConverted[] = "votes.already_converted";     // 409: has a pre-sale

}  // namespace weishang::votes::errors
