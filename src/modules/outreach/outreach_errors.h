// The outreach module's stable error codes.
#pragma once

namespace weishang::outreach::errors {

inline constexpr char kInvalidField[] = "outreach.invalid_field";           // 422
inline constexpr char kCampaignNotFound[] = "outreach.campaign_not_found";  // 404
inline constexpr char kNotScheduled[] = "outreach.not_scheduled";  // 409: cancel a sent one
inline constexpr char kNotDelivered[] = "outreach.not_delivered";  // 422: report on a customer
                                                                   // the campaign did not reach
inline constexpr char kMessageNotFound[] = "outreach.message_not_found";  // 404
inline constexpr char kChannelUnavailable[] =
    "outreach.channel_unavailable";  // 503: SMS or WeCom asked, no provider configured

}  // namespace weishang::outreach::errors
