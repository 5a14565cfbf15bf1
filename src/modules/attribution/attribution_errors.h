// The attribution module's stable error codes.
#pragma once

namespace weishang::attribution::errors {

inline constexpr char kInvalidField[] = "attribution.invalid_field";
inline constexpr char kInvalidVisitor[] = "attribution.invalid_visitor";
inline constexpr char kCampaignNotFound[] = "attribution.campaign_not_found";
inline constexpr char kChannelNotFound[] = "attribution.channel_not_found";

}  // namespace weishang::attribution::errors
