// The module's rows and checks shared by its .cc files (not part of the facade).
#pragma once

#include <string>
#include <string_view>

#include "modules/tags/tags.h"
#include "modules/tags/tags_errors.h"

namespace weishang::tags::records {

inline constexpr const char* kGroupColumns =
    "id, merchant_id, name, choice, sort_order, status, created_at, updated_at";
inline constexpr const char* kTagColumns =
    "id, merchant_id, group_id, name, color, kind, rule, sort_order, status, rule_version,"
    " evaluated_version, created_at, updated_at";
inline constexpr const char* kSegmentColumns =
    "id, merchant_id, name, expression, customer_count, counted_at, status, created_at,"
    " updated_at";

Group GroupFrom(const storage::Row& r);
Tag TagFrom(const storage::Row& r);
Segment SegmentFrom(const storage::Row& r);

// tags.invalid_name unless `name` has 1 to `max_chars` characters and is not blank.
Result<void> CheckName(const std::string& name, std::size_t max_chars, std::string_view what);

}  // namespace weishang::tags::records
