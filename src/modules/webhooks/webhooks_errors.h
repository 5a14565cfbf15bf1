// Stable error codes of the webhooks module; messages may change, codes may not.
#pragma once

namespace weishang::webhooks::errors {

// kInvalidArgument (422)
inline constexpr char kInvalidUrl[] = "webhooks.invalid_url";
inline constexpr char kForbiddenTarget[] = "webhooks.forbidden_target";
inline constexpr char kUnknownKind[] = "webhooks.unknown_kind";
inline constexpr char kNoKinds[] = "webhooks.no_kinds";
inline constexpr char kInvalidStatus[] = "webhooks.invalid_status";
// kNotFound (404)
inline constexpr char kEndpointNotFound[] = "webhooks.endpoint_not_found";
inline constexpr char kDeliveryNotFound[] = "webhooks.delivery_not_found";
// kConflict (409)
inline constexpr char kTooManyEndpoints[] = "webhooks.too_many_endpoints";
inline constexpr char kDeliveryMoved[] = "webhooks.delivery_moved";

}  // namespace weishang::webhooks::errors
