// Stable error codes of the tags module; messages may change, codes may not.
#pragma once

namespace weishang::tags::errors {

// kInvalidArgument (422): the input breaks a rule of tags or segments.
inline constexpr char kInvalidName[] = "tags.invalid_name";
inline constexpr char kInvalidColor[] = "tags.invalid_color";
inline constexpr char kInvalidChoice[] = "tags.invalid_choice";
inline constexpr char kInvalidKind[] = "tags.invalid_kind";
inline constexpr char kInvalidStatus[] = "tags.invalid_status";
inline constexpr char kInvalidRule[] = "tags.invalid_rule";
inline constexpr char kInvalidExpression[] = "tags.invalid_expression";
inline constexpr char kExpressionTooDeep[] = "tags.expression_too_deep";
inline constexpr char kExpressionTooLarge[] = "tags.expression_too_large";
inline constexpr char kUnknownTag[] = "tags.unknown_tag";            // named in an expression
inline constexpr char kUnknownGroup[] = "tags.unknown_group";        // named in a tag's body
inline constexpr char kUnknownCustomer[] = "tags.unknown_customer";  // in a tagging body
inline constexpr char kTooManyCustomers[] = "tags.too_many_customers";
inline constexpr char kInvalidEvent[] = "tags.invalid_event";
// A segment too large to export in one file (workflows/privacy).
inline constexpr char kExportTooLarge[] = "tags.export_too_large";

// kNotFound (404): unknown ids, or ids of another merchant.
inline constexpr char kGroupNotFound[] = "tags.group_not_found";
inline constexpr char kTagNotFound[] = "tags.tag_not_found";
inline constexpr char kSegmentNotFound[] = "tags.segment_not_found";
inline constexpr char kCustomerNotFound[] = "tags.customer_not_found";

// kConflict (409).
inline constexpr char kTooManyGroups[] = "tags.too_many_groups";
inline constexpr char kTooManyTags[] = "tags.too_many_tags";
inline constexpr char kTooManySegments[] = "tags.too_many_segments";
inline constexpr char kArchived[] = "tags.archived";     // an archived group, tag or segment
inline constexpr char kNotManual[] = "tags.not_manual";  // rule tags are kept by their rule

// kUnavailable (503): the customers' facts could not be read for a rebuild.
inline constexpr char kFactsUnavailable[] = "tags.facts_unavailable";

}  // namespace weishang::tags::errors
