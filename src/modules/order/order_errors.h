// Stable error codes of the order module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::order::errors {

inline constexpr char kBatchTooLarge[] = "order.batch_too_large";
inline constexpr char kCartFull[] = "order.cart_full";
inline constexpr char kCartNotFound[] = "order.cart_not_found";
inline constexpr char kExportTooLarge[] = "order.export_too_large";
inline constexpr char kInvalidDateFilter[] = "order.invalid_date_filter";
inline constexpr char kInvalidQuantity[] = "order.invalid_quantity";
inline constexpr char kInvalidRow[] = "order.invalid_row";
inline constexpr char kInvalidStatusFilter[] = "order.invalid_status_filter";
inline constexpr char kNotAwaitingPayment[] = "order.not_awaiting_payment";
inline constexpr char kNotCancellable[] = "order.not_cancellable";
inline constexpr char kNotClosable[] = "order.not_closable";
inline constexpr char kNotFound[] = "order.not_found";
inline constexpr char kNotReceivable[] = "order.not_receivable";
inline constexpr char kNotSettleable[] = "order.not_settleable";
inline constexpr char kNotShippable[] = "order.not_shippable";
inline constexpr char kRefundExceedsPaid[] = "order.refund_exceeds_paid";
inline constexpr char kTooManyLines[] = "order.too_many_lines";

}  // namespace weishang::order::errors
