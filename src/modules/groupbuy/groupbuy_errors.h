// The group-buy module's stable error codes.
#pragma once

namespace weishang::groupbuy::errors {

inline constexpr char kNotFound[] = "groupbuy.not_found";             // campaign (404)
inline constexpr char kGroupNotFound[] = "groupbuy.group_not_found";  // group (404)
inline constexpr char kInvalidField[] = "groupbuy.invalid_field";     // 422
inline constexpr char kNotLive[] = "groupbuy.campaign_not_live";      // 409: not started, ended
inline constexpr char kSkuNotInCampaign[] = "groupbuy.sku_not_in_campaign";  // 422
inline constexpr char kGroupClosed[] = "groupbuy.group_closed";  // 409: filled, expired, past due
inline constexpr char kGroupFull[] = "groupbuy.group_full";      // 409: every place taken
inline constexpr char kAlreadyMember[] = "groupbuy.already_member";  // 409
inline constexpr char kLimitReached[] = "groupbuy.limit_reached";    // 409: per-customer limit
// 409: shipping an order whose group has not filled (or expired).
inline constexpr char kGroupNotFilled[] = "groupbuy.group_not_filled";

}  // namespace weishang::groupbuy::errors
