// The division table as the outside sees it: the picker's tree, the check of
// a province/city/district triple, and the data's version.
#include <algorithm>

#include "modules/address/address.h"
#include "modules/address/address_errors.h"
#include "modules/address/divisions.h"

namespace weishang::address {
namespace {

RegionNode NodeOf(const DivisionTable& table, int i) {
  RegionNode node{table.row(i).name, table.row(i).code, {}};
  for (int child : table.Children(i)) node.children.push_back(NodeOf(table, child));
  return node;
}

int ChildNamed(const DivisionTable& table, int parent, std::string_view name) {
  for (int child : table.Children(parent)) {
    if (table.row(child).name == name) return child;
  }
  return -1;
}

Error NotARegion(std::string message) { return Invalid(errors::kNotARegion, std::move(message)); }

}  // namespace

std::string_view DivisionDataSource() { return DivisionTable::Source(); }

const std::vector<RegionNode>& RegionTree() {
  static const std::vector<RegionNode> tree = [] {
    const auto& table = DivisionTable::Get();
    std::vector<RegionNode> out;
    for (int p : table.Children(-1)) out.push_back(NodeOf(table, p));
    return out;
  }();
  return tree;
}

Result<void> CheckRegion(std::string_view province, std::string_view city,
                         std::string_view district, bool district_optional) {
  const auto& table = DivisionTable::Get();
  int p = ChildNamed(table, -1, province);
  if (p < 0)
    return Fail(NotARegion("province \"" + std::string(province) + "\" is not a province"));
  int c = ChildNamed(table, p, city);
  if (c < 0) {
    return Fail(
        NotARegion("city \"" + std::string(city) + "\" is not a city of " + std::string(province)));
  }
  if (district.empty()) {
    if (district_optional || table.Children(c).empty()) return {};
    return Fail(NotARegion("a district of " + std::string(city) + " is required"));
  }
  if (ChildNamed(table, c, district) < 0) {
    return Fail(NotARegion("district \"" + std::string(district) + "\" is not a district of " +
                           std::string(city)));
  }
  return {};
}

}  // namespace weishang::address
