// Who may see a post (WeChat's 谁可以看) and the rule that decides it for
// one customer. Pure; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "core/enum_text.h"
#include "core/ids.h"

namespace weishang::moments {

// Both lists empty: public. A shown-to list: only customers in at least one
// of its segments. A hidden-from list: nobody in any of its segments. Both
// may be given: in a shown-to segment and in no hidden-from one.
struct Audience {
  std::vector<SegmentId> show_to;
  std::vector<SegmentId> hide_from;
  bool is_public() const { return show_to.empty() && hide_from.empty(); }
};

// How a post's audience is stored: the column the feed filters guests by.
enum class AudienceKind { kPublic, kHide, kShow };
inline constexpr EnumText<AudienceKind> kAudienceKindText[] = {{AudienceKind::kPublic, "public"},
                                                               {AudienceKind::kHide, "hide"},
                                                               {AudienceKind::kShow, "show"}};
AudienceKind KindOf(const Audience& a);

// The segments a signed-in customer belongs to (of those posts name).
struct Membership {
  std::set<SegmentId> segments;
};

// Whether a customer with `m` may see a post for `a`; a guest (nullopt)
// sees public posts only.
bool VisibleTo(const Audience& a, const std::optional<Membership>& m);

}  // namespace weishang::moments
