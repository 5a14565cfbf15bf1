// Staff roles and what each may do. One table, so a reviewer sees every
// permission in one place.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace weishang::identity {

enum class Role { kOwner, kAdmin, kStaff, kFinance };

// Things a route may require. Grouped by what a merchant would delegate.
enum class Permission {
  kRead,            // see products, orders, customers
  kCatalogWrite,    // products, categories, images
  kPromotionWrite,  // coupons, discounts, full reductions, moments posts
  kOrderFulfil,     // ship, confirm receipt, handle returns arriving
  kAftersales,      // approve exchanges, refuse after-sales requests
  kMoney,           // approve refunds and returns, manual payment confirmation
  kSettings,        // shop profile and rules
  kStaffManage,     // create and change staff
  kCustomers,       // see and work with customers (staff: only those they own)
  kCustomersAdmin,  // every customer: merge, hand over, import, export, erase
  kAuditRead,       // the audit log of sensitive actions (the owner only)
  kPersonalData,    // full phone numbers in exports, erasing a customer (the owner only)
};

// Whether `role` sees every customer of the shop, or only those it owns.
inline bool SeesAllCustomers(Role role) { return role == Role::kOwner || role == Role::kAdmin; }

inline bool Allows(Role role, Permission p) {
  switch (role) {
    case Role::kOwner:
      return true;
    case Role::kAdmin:
      return p != Permission::kAuditRead && p != Permission::kPersonalData;
    case Role::kStaff:
      return p == Permission::kRead || p == Permission::kCatalogWrite ||
             p == Permission::kOrderFulfil || p == Permission::kAftersales ||
             p == Permission::kCustomers;
    case Role::kFinance:
      return p == Permission::kRead || p == Permission::kMoney;
  }
  return false;
}

inline const char* RoleName(Role r) {
  switch (r) {
    case Role::kOwner:
      return "owner";
    case Role::kAdmin:
      return "admin";
    case Role::kStaff:
      return "staff";
    case Role::kFinance:
      return "finance";
  }
  return "staff";
}

inline std::optional<Role> ParseRole(std::string_view s) {
  if (s == "owner") return Role::kOwner;
  if (s == "admin") return Role::kAdmin;
  if (s == "staff") return Role::kStaff;
  if (s == "finance") return Role::kFinance;
  return std::nullopt;
}

}  // namespace weishang::identity
