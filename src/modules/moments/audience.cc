#include "modules/moments/audience.h"

#include <algorithm>
#include <optional>

namespace weishang::moments {

AudienceKind KindOf(const Audience& a) {
  if (!a.show_to.empty()) return AudienceKind::kShow;
  if (!a.hide_from.empty()) return AudienceKind::kHide;
  return AudienceKind::kPublic;
}

bool VisibleTo(const Audience& a, const std::optional<Membership>& m) {
  if (a.is_public()) return true;
  // Guests belong to no segment, but a post meant for some people is not for strangers.
  if (!m) return false;
  auto in = [&](SegmentId s) { return m->segments.count(s) > 0; };
  if (std::any_of(a.hide_from.begin(), a.hide_from.end(), in)) return false;
  return a.show_to.empty() || std::any_of(a.show_to.begin(), a.show_to.end(), in);
}

}  // namespace weishang::moments
