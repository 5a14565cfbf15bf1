#include "modules/address/regions.h"

#include <algorithm>

#include "modules/address/text.h"

namespace weishang::address {
namespace {

const DivisionTable& Table() { return DivisionTable::Get(); }

bool Contains(std::u32string_view set, char32_t c) {
  return set.find(c) != std::u32string_view::npos;
}

// The generic part a short name may be written with (浦东区, 内蒙古省,
// 柳州地区, 红谷滩新区): read as part of the mention, which is then no longer weak.
std::size_t SuffixAfter(std::u32string_view t, std::size_t i) {
  for (std::u32string_view s : {U"新区", U"地区", U"自治州", U"自治县"}) {
    if (t.substr(i, s.size()) == s) return s.size();
  }
  return i < t.size() && Contains(U"省市区县州盟旗", t[i]) ? 1 : 0;
}

// A short name followed by these is a road or a town named after the
// division (北京路, 重庆中路, 恭城镇, 盐田街道), not the division.
bool RoadOrTownAfter(std::u32string_view t, std::size_t i) {
  if (i >= t.size()) return false;
  if (Contains(U"路街道巷弄镇乡村", t[i])) return true;
  return i + 1 < t.size() && Contains(U"东西南北中大", t[i]) && Contains(U"路街道", t[i + 1]);
}

// Keeps, of the divisions one name stands for, those with no ancestor among
// them: 湘潭 is 湘潭市 rather than its 湘潭县, 阿克苏 the prefecture.
std::vector<NameHit> TopmostHits(std::span<const NameHit> hits) {
  std::vector<NameHit> out;
  for (const auto& h : hits) {
    if (h.division < 0) continue;
    bool has_ancestor = std::any_of(hits.begin(), hits.end(), [&](const NameHit& o) {
      return o.division >= 0 && o.division != h.division &&
             Table().IsAncestorOrSelf(o.division, h.division);
    });
    if (!has_ancestor) out.push_back(h);
  }
  return out;
}

bool GapIsBlank(std::u32string_view t, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to; ++k) {
    if (!Contains(U" \t,，、", t[k])) return false;
  }
  return true;
}

int Depth(const std::vector<int>& paths) {
  int depth = 0;
  for (int p : paths) {
    int level = Table().level(p);
    if (level == 1 && (Table().row(p).flags & kFlagMunicipality)) level = 2;
    depth = std::max(depth, level);
  }
  return depth;
}

// The readings of `paths` once `hits` is read after them; `deeper` tells
// whether the mention added anything (false: it repeated what was there).
std::vector<int> Combine(const std::vector<int>& paths, const std::vector<NameHit>& hits,
                         bool& deeper) {
  std::vector<int> out;
  deeper = false;
  for (int p : paths) {
    for (const auto& h : hits) {
      int next = -1;
      if (Table().IsAncestorOrSelf(h.division, p)) {
        next = p;
      } else if (Table().IsAncestorOrSelf(p, h.division)) {
        next = h.division;
        deeper = true;
      }
      if (next >= 0 && std::find(out.begin(), out.end(), next) == out.end()) out.push_back(next);
    }
  }
  return out;
}

// A district of `city` written at `at` in a way no name covers:
//  * its beginning and a generic suffix (雨花区 for 南京's 雨花台区), or
//  * the rest of its name after the city's own stem (阜新市蒙古族自治县), or
//  * its name overlapping the city's last character (济南市中区).
// Returns the district and where its text ends, or -1.
std::pair<int, std::size_t> GuessDistrict(std::u32string_view t, std::size_t at, int city) {
  std::u32string city_name = DecodeUtf8(Table().row(city).name);
  std::size_t stem_len = city_name.size() > 2 ? city_name.size() - 1 : city_name.size();
  if (city_name.ends_with(U"地区")) stem_len = city_name.size() - 2;
  std::u32string_view city_stem = std::u32string_view(city_name).substr(0, stem_len);
  int found = -1;
  std::size_t found_end = 0;
  int count = 0;
  for (int child : Table().Children(city)) {
    std::u32string name = DecodeUtf8(Table().row(child).name);
    std::size_t end = 0;
    // 济南市中区: the city's 市 is also the first character of 市中区.
    if (at > 0 && t[at - 1] == name[0] && t.substr(at - 1, name.size()) == name) {
      end = at - 1 + name.size();
    }
    if (end == 0 && name.starts_with(city_stem) && name.size() >= city_stem.size() + 3) {
      std::u32string_view rest = std::u32string_view(name).substr(city_stem.size());
      if (t.substr(at, rest.size()) == rest) end = at + rest.size();
    }
    for (std::size_t len = name.size() >= 3 ? name.size() - 2 : 0; end == 0 && len >= 2; --len) {
      std::u32string_view head = std::u32string_view(name).substr(0, len);
      if (t.substr(at, len) == head && at + len < t.size() && Contains(U"区县市旗", t[at + len]))
        end = at + len + 1;
    }
    if (end > 0) {
      ++count;
      found = child;
      found_end = end;
    }
  }
  return count == 1 ? std::pair{found, found_end} : std::pair{-1, std::size_t{0}};
}

struct Candidate {
  Chain chain;
  double score = -1;
};

Candidate ChainFrom(std::u32string_view t, const std::vector<Mention>& mentions, std::size_t s) {
  Candidate c;
  const Mention& first = mentions[s];
  std::vector<NameHit> hits = TopmostHits(first.hits);
  for (const auto& h : hits) c.chain.paths.push_back(h.division);
  if (c.chain.paths.empty()) return c;
  c.chain.begin = first.begin;
  c.chain.end = first.end;
  c.chain.renamed = first.old;
  double score = first.old ? 0.9 : first.weak ? 0.8 : 1.0;
  int strong_or_many = first.weak ? 0 : 1;
  std::size_t last_useful_end = first.end;
  double pending = 0;  // weight of repeats that a later deeper mention confirms
  for (std::size_t m = s + 1; m < mentions.size(); ++m) {
    const Mention& next = mentions[m];
    if (!GapIsBlank(t, c.chain.end, next.begin)) break;
    if (next.filler) {
      c.chain.end = next.end;
      if (next.end - next.begin >= 2) last_useful_end = next.end;
      continue;
    }
    bool deeper = false;
    std::vector<int> paths = Combine(c.chain.paths, next.hits, deeper);
    if (paths.empty()) break;
    c.chain.paths = std::move(paths);
    c.chain.end = next.end;
    c.chain.renamed = c.chain.renamed || next.old;
    ++strong_or_many;
    if (deeper) {
      score += pending + (next.old ? 0.9 : next.weak ? 0.8 : 1.0);
      pending = 0;
      last_useful_end = next.end;
    } else if (!next.weak) {
      score += 0.2;
      last_useful_end = next.end;
    } else {
      pending += 0.2;  // a short repeat counts only if more follows (吐鲁番市吐鲁番宾馆)
    }
  }
  c.chain.end = last_useful_end;
  if (c.chain.paths.size() == 1 && Table().level(c.chain.paths[0]) == 2) {
    std::size_t at = c.chain.end;
    while (at < t.size() && t[at] == U' ') ++at;
    auto [district, end] = GuessDistrict(t, at, c.chain.paths[0]);
    if (district >= 0) {
      c.chain.paths = {district};
      c.chain.end = end;
      c.chain.guessed = true;
      score += 0.5;
    }
  }
  // One short name glued after other text is too weak to stand alone
  // (珠江新城), and so is one glued after a division it does not fit
  // (重庆解放碑: not 焦作's 解放区).
  if (strong_or_many == 0 && (first.mid_token || first.after_mention)) return Candidate{};
  if (first.mid_token) score -= 0.3;
  c.score = score + 0.5 * Depth(c.chain.paths);
  return c;
}

}  // namespace

namespace {

// The longest name starting at i, as a mention (not yet placed); end == begin
// when none starts there.
Mention LongestAt(std::u32string_view t, const std::vector<Role>& roles, std::size_t i) {
  const auto& table = Table();
  Mention m;
  m.begin = m.end = i;
  if (roles[i] != Role::kText || !table.MayStartName(t[i])) return m;
  int node = DivisionTable::kRoot;
  int best_node = -1;
  for (std::size_t j = i; j < t.size() && roles[j] == Role::kText; ++j) {
    node = table.Step(node, t[j]);
    if (node < 0) break;
    if (!table.Hits(node).empty()) {
      best_node = node;
      m.end = j + 1;
    }
  }
  if (best_node < 0) return m;
  auto hits = table.Hits(best_node);
  m.filler = std::all_of(hits.begin(), hits.end(),
                         [](const NameHit& h) { return h.kind == NameKind::kFiller; });
  for (const auto& h : hits) {
    if (h.kind == NameKind::kFiller) continue;
    m.hits.push_back(h);
    m.old = m.old || h.kind == NameKind::kOld;
  }
  bool all_short = std::all_of(m.hits.begin(), m.hits.end(),
                               [](const NameHit& h) { return h.kind == NameKind::kShort; });
  m.weak = !m.filler && (all_short || m.end - m.begin <= 2);
  if (m.weak && all_short) {
    if (std::size_t suffix = SuffixAfter(t, m.end); suffix > 0) {
      m.end += suffix;
      m.weak = false;
    }
  }
  if (m.weak && RoadOrTownAfter(t, m.end)) m.end = m.begin;
  return m;
}

// Readings of the chain with a district that has the town written right
// after it (龙华区龙华街道: 深圳's 龙华区, not 海口's); the others are dropped
// when any is left.
void SettleByTown(std::u32string_view t, Chain& chain) {
  if (chain.paths.size() < 2) return;
  std::size_t at = chain.end;
  while (at < t.size() && t[at] == U' ') ++at;
  constexpr std::size_t kLongestTown = 12;
  for (std::size_t end = at + 2; end <= t.size() && end <= at + kLongestTown; ++end) {
    std::u32string_view name = t.substr(at, end - at);
    if (!name.ends_with(U"街道") && !name.ends_with(U'镇') && !name.ends_with(U'乡')) continue;
    const std::vector<int>* districts = Table().DistrictsWithTown(name);
    if (districts == nullptr) continue;
    std::vector<int> kept;
    for (int p : chain.paths) {
      for (int d : *districts) {
        if (Table().IsAncestorOrSelf(p, d)) {
          kept.push_back(p);
          break;
        }
      }
    }
    if (!kept.empty()) chain.paths = std::move(kept);
    return;
  }
}

}  // namespace

std::vector<Mention> FindMentions(std::u32string_view t, const std::vector<Role>& roles) {
  std::vector<Mention> at(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) at[i] = LongestAt(t, roles, i);
  std::vector<Mention> out;
  std::size_t i = 0;
  while (i < t.size()) {
    Mention& m = at[i];
    if (m.end == m.begin) {
      ++i;
      continue;
    }
    // A short name must not eat the start of a full one (上顿渡镇江西省: not 镇江).
    bool overlapped = false;
    for (std::size_t j = i + 1; m.weak && j < m.end; ++j) {
      if (at[j].end > m.end && !at[j].weak) overlapped = true;
    }
    bool after_mention = !out.empty() && out.back().end == i;
    if (overlapped || (m.filler && !after_mention)) {
      ++i;
      continue;
    }
    m.after_mention = after_mention;
    m.mid_token = i > 0 && roles[i - 1] == Role::kText && !after_mention &&
                  (IsHan(t[i - 1]) || IsAsciiAlnum(t[i - 1]));
    i = m.end;
    out.push_back(std::move(m));
  }
  return out;
}

Chain BestChain(std::u32string_view t, const std::vector<Mention>& mentions,
                const std::vector<Role>& roles, const std::vector<std::size_t>& preferred) {
  Candidate best;
  for (std::size_t s = 0; s < mentions.size(); ++s) {
    if (mentions[s].filler) continue;
    Candidate c = ChainFrom(t, mentions, s);
    if (c.score < 0) continue;
    if (std::find(preferred.begin(), preferred.end(), c.chain.begin) != preferred.end())
      c.score += 1.0;
    if (c.score > best.score + 1e-9) best = std::move(c);
  }
  Chain& chain = best.chain;
  if (chain.paths.empty()) return chain;
  // A municipality stands for its one city, a province-administered unit's
  // city for its district (the same unit).
  for (int& p : chain.paths) {
    const auto& row = Table().row(p);
    if ((row.level == 1 && (row.flags & kFlagMunicipality)) ||
        (row.level == 2 && (row.flags & kFlagDirect))) {
      p = Table().Children(p).front();
    }
  }
  SettleByTown(t, chain);
  // Divisions written anywhere before the chain's end that fit it (上海 in
  // 上海经静安区) were named, not inferred; ones next to it that do not fit
  // were dropped.
  for (const auto& m : mentions) {
    if (m.filler || m.begin >= chain.end) continue;
    bool fits = false;
    for (const auto& h : m.hits) {
      for (int p : chain.paths) {
        if (Table().IsAncestorOrSelf(h.division, p)) {
          fits = true;
          if (std::find(chain.named.begin(), chain.named.end(), h.division) == chain.named.end())
            chain.named.push_back(h.division);
        }
      }
    }
    bool next_to = m.end <= chain.begin && GapIsBlank(t, m.end, chain.begin);
    if (!fits && next_to) chain.conflicting = true;
  }
  for (const auto& m : mentions) {
    if (m.filler || m.weak || m.begin < chain.end || !GapIsBlank(t, chain.end, m.begin)) continue;
    bool deeper = false;
    if (Combine(chain.paths, m.hits, deeper).empty()) chain.conflicting = true;
    break;
  }
  if (chain.guessed) chain.named.push_back(chain.paths[0]);
  return chain;
}

}  // namespace weishang::address
