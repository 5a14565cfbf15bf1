#include "modules/growth/fission.h"

#include <algorithm>
#include <unordered_map>

namespace weishang::growth {
namespace {

constexpr int kNone = -1;

// The members as a forest: parent indices and a breadth-first order from the
// roots, each member's depth. Built once per call; O(n).
struct Forest {
  std::vector<const Member*> nodes;
  std::vector<int> parent;
  std::vector<std::vector<int>> children;
  std::vector<int> depth;
  std::vector<int> order;  // breadth first: a parent before its children
};

void Visit(Forest& f, int root) {
  f.depth[root] = 0;
  std::size_t head = f.order.size();
  f.order.push_back(root);
  while (head < f.order.size()) {
    int n = f.order[head++];
    for (int c : f.children[n]) {
      f.depth[c] = f.depth[n] + 1;
      f.order.push_back(c);
    }
  }
}

// Makes the smallest id of the cycle that `start`'s referrer chain ends in a
// root. Called only for members no root reaches, whose chains must loop.
int BreakCycle(Forest& f, int start) {
  std::unordered_map<int, int> step_of;
  int n = start;
  for (int step = 0; !step_of.contains(n); ++step) {
    step_of[n] = step;
    n = f.parent[n];
  }
  int smallest = n;
  for (int m = f.parent[n]; m != n; m = f.parent[m]) {
    if (f.nodes[m]->id.value() < f.nodes[smallest]->id.value()) smallest = m;
  }
  int old_parent = f.parent[smallest];
  auto& siblings = f.children[old_parent];
  siblings.erase(std::find(siblings.begin(), siblings.end(), smallest));
  f.parent[smallest] = kNone;
  return smallest;
}

Forest Build(const std::vector<Member>& members) {
  Forest f;
  std::unordered_map<CustomerId, int> index;
  for (const Member& m : members) {
    if (index.emplace(m.id, static_cast<int>(f.nodes.size())).second) f.nodes.push_back(&m);
  }
  int n = static_cast<int>(f.nodes.size());
  f.parent.assign(n, kNone);
  f.children.assign(n, {});
  f.depth.assign(n, kNone);
  for (int i = 0; i < n; ++i) {
    const auto& ref = f.nodes[i]->referrer;
    if (!ref || *ref == f.nodes[i]->id) continue;
    auto it = index.find(*ref);
    if (it == index.end()) continue;
    f.parent[i] = it->second;
    f.children[it->second].push_back(i);
  }
  for (int i = 0; i < n; ++i) {
    if (f.parent[i] == kNone) Visit(f, i);
  }
  // What no root reached hangs off a cycle: break each at its smallest id,
  // in id order so the outcome does not depend on the input's order.
  std::vector<int> unreached;
  for (int i = 0; i < n; ++i) {
    if (f.depth[i] == kNone) unreached.push_back(i);
  }
  std::sort(unreached.begin(), unreached.end(),
            [&f](int a, int b) { return f.nodes[a]->id.value() < f.nodes[b]->id.value(); });
  for (int i : unreached) {
    if (f.depth[i] == kNone) Visit(f, BreakCycle(f, i));
  }
  return f;
}

bool Paid(const Member& m) { return m.first_paid_at.has_value(); }

}  // namespace

std::vector<Generation> Generations(const std::vector<Member>& members) {
  Forest f = Build(members);
  std::vector<Generation> out;
  std::vector<bool> invitations_known;
  for (int i : f.order) {
    int d = f.depth[i];
    while (static_cast<int>(out.size()) <= d) {
      out.emplace_back();
      out.back().depth = static_cast<int>(out.size()) - 1;
      out.back().invitations = 0;
    }
    Generation& g = out[d];
    const Member& m = *f.nodes[i];
    ++g.members;
    if (d == 0 || Paid(m)) ++g.customers;
    g.revenue += m.revenue;
    if (!m.invitations) {
      g.invitations.reset();
    } else if (g.invitations) {
      *g.invitations += *m.invitations;
    }
  }
  // The ratios: each generation against the next one's customers (none
  // after the deepest: zero new customers there).
  for (std::size_t d = 0; d < out.size(); ++d) {
    Generation& g = out[d];
    double next = d + 1 < out.size() ? static_cast<double>(out[d + 1].customers) : 0.0;
    if (g.customers > 0) g.k_factor = next / static_cast<double>(g.customers);
    if (g.invitations && g.customers > 0) {
      g.invitations_per_customer =
          static_cast<double>(*g.invitations) / static_cast<double>(g.customers);
    }
    if (g.invitations && *g.invitations > 0) {
      g.conversion = next / static_cast<double>(*g.invitations);
    }
  }
  return out;
}

std::vector<Contribution> RankSuperUsers(const std::vector<Member>& members, RankBy by) {
  Forest f = Build(members);
  int n = static_cast<int>(f.nodes.size());
  std::vector<Contribution> all(n);
  // Children before parents (reverse breadth-first order): each member adds
  // itself and its subtree to its referrer's figures.
  for (auto it = f.order.rbegin(); it != f.order.rend(); ++it) {
    int i = *it;
    const Member& m = *f.nodes[i];
    Contribution& c = all[i];
    c.id = m.id;
    c.depth = f.depth[i];
    c.own_revenue = m.revenue;
    int p = f.parent[i];
    if (p == kNone) continue;
    Contribution& up = all[p];
    std::int64_t below = c.direct_referred + c.indirect_referred;
    if (Paid(m)) ++up.direct_referred;
    up.indirect_referred += below;
    up.revenue_brought += c.revenue_brought + m.revenue;
    up.generations_below = std::max(up.generations_below, c.generations_below + 1);
  }
  std::vector<Contribution> out;
  for (Contribution& c : all) {
    if (c.direct_referred + c.indirect_referred > 0) out.push_back(c);
  }
  auto customers = [](const Contribution& c) { return c.direct_referred + c.indirect_referred; };
  std::sort(out.begin(), out.end(), [&](const Contribution& a, const Contribution& b) {
    auto ka = by == RankBy::kCustomers ? std::make_pair(customers(a), a.revenue_brought)
                                       : std::make_pair(a.revenue_brought, customers(a));
    auto kb = by == RankBy::kCustomers ? std::make_pair(customers(b), b.revenue_brought)
                                       : std::make_pair(b.revenue_brought, customers(b));
    if (ka != kb) return ka > kb;
    return a.id.value() < b.id.value();
  });
  return out;
}

}  // namespace weishang::growth
