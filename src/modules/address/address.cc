// Parse(): normalise, cut out phones, postcodes, IDs and labels, find the
// division chain, then share what is left between the detail and the name.
#include "modules/address/address.h"

#include <algorithm>
#include <optional>

#include "modules/address/address_errors.h"
#include "modules/address/divisions.h"
#include "modules/address/extract.h"
#include "modules/address/people.h"
#include "modules/address/regions.h"
#include "modules/address/text.h"

namespace weishang::address {
namespace {

const DivisionTable& Table() { return DivisionTable::Get(); }

// A run of text between separators and spans. A bracket group belongs to the
// token it stands in, whatever it holds.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Group {
  std::size_t begin = 0;
  std::size_t end = 0;  // past the closing bracket
  bool remark = false;
};

// The text read once: spans, roles, bracket groups and tokens.
class Scan {
 public:
  explicit Scan(std::u32string text) : text_(std::move(text)) {
    spans_ = FindSpans(text_);
    roles_.assign(text_.size(), Role::kSeparator);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      char32_t c = text_[i];
      bool dot_between = c == U'.' && i > 0 && i + 1 < text_.size() && IsAsciiAlnum(text_[i - 1]) &&
                         IsAsciiAlnum(text_[i + 1]);
      if ((IsTokenChar(c) && (c != U'.' || dot_between)) || ClosingBracket(c) != 0 ||
          IsClosing(c)) {
        roles_[i] = Role::kText;
      }
    }
    for (const auto& s : spans_) {
      for (std::size_t k = s.begin; k < s.end; ++k) roles_[k] = Role::kSpan;
    }
    FindGroups();
    for (std::size_t i = 0; i < text_.size();) {
      if (roles_[i] != Role::kText) {
        ++i;
        continue;
      }
      Token t{i, i};
      while (t.end < text_.size() && roles_[t.end] == Role::kText) ++t.end;
      tokens_.push_back(t);
      i = t.end;
    }
  }

  const std::u32string& text() const { return text_; }
  const std::vector<Span>& spans() const { return spans_; }
  const std::vector<Role>& roles() const { return roles_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Group>& groups() const { return groups_; }

  // The span or token that comes next after `pos`, skipping separators:
  // a span's index (>= 0), or -1 for text or the end.
  int SpanAfter(std::size_t pos) const {
    while (pos < text_.size() && roles_[pos] == Role::kSeparator) ++pos;
    if (pos >= text_.size() || roles_[pos] != Role::kSpan) return -1;
    for (std::size_t s = 0; s < spans_.size(); ++s) {
      if (spans_[s].begin == pos) return static_cast<int>(s);
    }
    return -1;
  }
  int SpanBefore(std::size_t pos) const {
    while (pos > 0 && roles_[pos - 1] == Role::kSeparator) --pos;
    if (pos == 0 || roles_[pos - 1] != Role::kSpan) return -1;
    for (std::size_t s = 0; s < spans_.size(); ++s) {
      if (spans_[s].end == pos) return static_cast<int>(s);
    }
    return -1;
  }
  bool IsPhone(int span) const {
    if (span < 0) return false;
    const auto& s = spans_[span];
    return s.kind == SpanKind::kMobile || s.kind == SpanKind::kLandline ||
           s.kind == SpanKind::kService || s.kind == SpanKind::kBadPhone ||
           (s.kind == SpanKind::kLabel && s.label == LabelKind::kPhone);
  }
  bool NextToPhone(const Token& t) const {
    return IsPhone(SpanAfter(t.end)) || IsPhone(SpanBefore(t.begin));
  }
  // Whether a full stop or a line break stands between the token and the
  // text before it.
  bool AfterBreak(const Token& t) const {
    for (std::size_t k = t.begin; k > 0 && roles_[k - 1] == Role::kSeparator; --k) {
      if (std::u32string_view(U"\n。!?！？").find(text_[k - 1]) != std::u32string_view::npos)
        return true;
    }
    return false;
  }
  const Group* GroupAt(std::size_t pos) const {
    for (const auto& g : groups_) {
      if (pos >= g.begin && pos < g.end) return &g;
    }
    return nullptr;
  }

 private:
  static bool IsClosing(char32_t c) {
    return std::u32string_view(U")]}>】〕」』〉》〗").find(c) != std::u32string_view::npos;
  }

  // Bracket groups: their inside joins the token, separators included, so a
  // remark in brackets is judged as one piece.
  void FindGroups() {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      char32_t close = roles_[i] == Role::kText ? ClosingBracket(text_[i]) : 0;
      if (close == 0) continue;
      std::size_t j = i + 1;
      while (j < text_.size() && j - i < 200 && text_[j] != close && roles_[j] != Role::kSpan) ++j;
      if (j >= text_.size() || text_[j] != close) continue;
      for (std::size_t k = i; k <= j; ++k) roles_[k] = Role::kText;
      Group g{i, j + 1, IsRemark(std::u32string_view(text_).substr(i + 1, j - i - 1))};
      groups_.push_back(g);
      i = j;
    }
  }

  std::u32string text_;
  std::vector<Span> spans_;
  std::vector<Role> roles_;
  std::vector<Token> tokens_;
  std::vector<Group> groups_;
};

using Range = std::pair<std::size_t, std::size_t>;

// The detail as ranges of the text, and what else the walk found.
struct Layout {
  std::vector<Range> detail;
  std::vector<bool> used;   // per token: region or detail
  bool whole_last = false;  // the last detail range is a whole token of its own
};

bool IsAddressLabel(const Span& s) {
  return s.kind == SpanKind::kLabel &&
         (s.label == LabelKind::kDetail || s.label == LabelKind::kAddress ||
          s.label == LabelKind::kRegion);
}

// Walks from the end of the chain: the rest of its token, then the tokens
// after it, through separators and address labels, up to the first phone,
// postcode, ID or other label. Text after a later 详细地址 label joins too.
Layout WalkDetail(const Scan& scan, const Chain& chain) {
  Layout out;
  const auto& tokens = scan.tokens();
  out.used.assign(tokens.size(), false);
  std::size_t pos = chain.end;
  bool stopped = false;
  std::size_t s = 0;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    if (tok.end <= chain.begin) continue;
    if (tok.begin < chain.end) {
      out.used[t] = true;
      if (tok.end > chain.end) out.detail.push_back({chain.end, tok.end});
      out.whole_last = false;
      continue;
    }
    // Spans between the last position and this token.
    bool detail_label = false;
    for (; s < scan.spans().size() && scan.spans()[s].begin < tok.begin; ++s) {
      const Span& span = scan.spans()[s];
      if (span.begin < pos) continue;
      if (IsAddressLabel(span)) {
        detail_label = span.label == LabelKind::kDetail;
        if (detail_label) stopped = false;
        continue;
      }
      stopped = true;
    }
    pos = tok.end;
    if (stopped) continue;
    out.used[t] = true;
    out.detail.push_back({tok.begin, tok.end});
    out.whole_last = true;
  }
  return out;
}

// Appends text[b, e) to `out`, leaving out bracket groups that are remarks.
void AppendRange(const Scan& scan, Range r, std::u32string& out, bool& remark) {
  const auto& t = scan.text();
  if (!out.empty() && r.first < r.second && IsAsciiAlnum(out.back()) && IsAsciiAlnum(t[r.first]))
    out.push_back(U' ');
  for (std::size_t k = r.first; k < r.second;) {
    const Group* g = scan.GroupAt(k);
    if (g != nullptr && g->remark) {
      remark = true;
      k = g->end;
      continue;
    }
    out.push_back(t[k]);
    ++k;
  }
}

// Trims separators and signs from both ends.
std::u32string Trim(std::u32string s) {
  auto keep = [](char32_t c) { return IsHan(c) || IsAsciiAlnum(c) || ClosingBracket(c) != 0; };
  std::size_t b = 0;
  while (b < s.size() && !keep(s[b])) ++b;
  std::size_t e = s.size();
  auto closing = [](char32_t c) {
    return std::u32string_view(U")]}>】〕」』〉》〗").find(c) != std::u32string_view::npos;
  };
  while (e > b && !keep(s[e - 1]) && !closing(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// 江西省抚州市临川区上顿渡镇 + (江西省抚州市临川区) + 上顿渡镇老公安局: a pasted
// copy of the region after the town, followed by the town again, is cut.
std::u32string DropRepeatAfterTown(std::u32string detail, const Chain& chain) {
  std::vector<Role> roles(detail.size(), Role::kText);
  for (std::size_t i = 0; i < detail.size(); ++i) {
    if (!IsTokenChar(detail[i])) roles[i] = Role::kSeparator;
  }
  auto mentions = FindMentions(detail, roles);
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    std::size_t k = mentions[m].begin;
    if (k < 2) continue;
    std::size_t end = k;
    bool strong = false;
    std::size_t n = m;
    for (; n < mentions.size(); ++n) {
      const Mention& x = mentions[n];
      if (x.begin != end && !(x.begin > end && roles[end] == Role::kSeparator)) break;
      bool fits = x.filler || std::any_of(x.hits.begin(), x.hits.end(), [&](const NameHit& h) {
                    return std::any_of(chain.paths.begin(), chain.paths.end(), [&](int p) {
                      return Table().IsAncestorOrSelf(h.division, p);
                    });
                  });
      if (!fits) break;
      strong = strong || (!x.weak && !x.filler);
      end = x.end;
    }
    if (!strong) continue;
    std::u32string_view head = std::u32string_view(detail).substr(0, k);
    std::u32string_view rest = std::u32string_view(detail).substr(end);
    if (rest.starts_with(head)) return std::u32string(rest);
  }
  return detail;
}

void SetDivisions(const Chain& chain, ParsedAddress& out) {
  for (int level = 1; level <= 3; ++level) {
    std::string_view name;
    bool same = true;
    for (std::size_t i = 0; i < chain.paths.size(); ++i) {
      int a = Table().AncestorAt(chain.paths[i], level);
      std::string_view n = a >= 0 ? Table().row(a).name : std::string_view();
      if (i == 0) {
        name = n;
      } else if (n != name) {
        same = false;
      }
    }
    std::string value = same ? std::string(name) : std::string();
    (level == 1 ? out.province : level == 2 ? out.city : out.district) = value;
  }
}

bool Named(const Chain& chain, int division) {
  return std::find(chain.named.begin(), chain.named.end(), division) != chain.named.end();
}

void SetRegionFlags(const Chain& chain, ParsedAddress& out, std::vector<Uncertain>& flags) {
  if (chain.paths.size() > 1) flags.push_back(Uncertain::kAmbiguousDivision);
  if (chain.paths.size() == 1) {
    int p = chain.paths[0];
    int province = Table().AncestorAt(p, 1);
    int city = Table().AncestorAt(p, 2);
    if (province >= 0 && !Named(chain, province)) flags.push_back(Uncertain::kProvinceInferred);
    bool implied = city >= 0 && (Table().row(city).flags & (kFlagMunicipality | kFlagDirect));
    if (city >= 0 && !implied && !Named(chain, city)) flags.push_back(Uncertain::kCityInferred);
  }
  if (out.district.empty()) {
    bool has_districts = true;
    if (chain.paths.size() == 1) {
      int city = Table().AncestorAt(chain.paths[0], 2);
      if (city >= 0) has_districts = !Table().Children(city).empty();
      if (city < 0 && Table().level(chain.paths[0]) == 1 &&
          (Table().row(chain.paths[0]).flags & kFlagMunicipality) == 0)
        has_districts = true;
    }
    if (has_districts) flags.push_back(Uncertain::kDistrictMissing);
  }
  if (chain.conflicting) flags.push_back(Uncertain::kConflictingDivision);
  if (chain.renamed) flags.push_back(Uncertain::kRenamedDivision);
  if (chain.guessed) flags.push_back(Uncertain::kGuessedDivision);
}

void SetPhoneAndPostcode(const Scan& scan, ParsedAddress& out, std::vector<Uncertain>& flags) {
  for (SpanKind kind :
       {SpanKind::kMobile, SpanKind::kLandline, SpanKind::kService, SpanKind::kBadPhone}) {
    auto it = std::find_if(scan.spans().begin(), scan.spans().end(),
                           [&](const Span& s) { return s.kind == kind; });
    if (it == scan.spans().end()) continue;
    out.phone = it->value;
    if (kind == SpanKind::kBadPhone) flags.push_back(Uncertain::kPhoneInvalid);
    break;
  }
  if (out.phone.empty()) flags.push_back(Uncertain::kPhoneMissing);
  for (const auto& s : scan.spans()) {
    if (s.kind == SpanKind::kPostal) {
      out.postal_code = s.value;
      break;
    }
  }
}

struct NamePick {
  std::u32string name;
  bool unsure = false;
};

// The token right after a name label (收货人: 张三).
std::optional<std::size_t> LabelledName(const Scan& scan) {
  for (const auto& s : scan.spans()) {
    if (s.kind != SpanKind::kLabel || s.label != LabelKind::kName) continue;
    for (std::size_t t = 0; t < scan.tokens().size(); ++t) {
      const Token& tok = scan.tokens()[t];
      if (tok.begin < s.end) continue;
      bool blank = true;
      for (std::size_t k = s.end; k < tok.begin; ++k) {
        if (scan.roles()[k] != Role::kSeparator) blank = false;
      }
      if (blank) return t;
      break;
    }
  }
  return std::nullopt;
}

std::u32string_view TokenText(const Scan& scan, const Token& t) {
  return std::u32string_view(scan.text()).substr(t.begin, t.end - t.begin);
}

}  // namespace

bool ParsedAddress::Has(Uncertain u) const {
  return std::find(uncertain.begin(), uncertain.end(), u) != uncertain.end();
}

Result<ParsedAddress> Parse(std::string_view input) {
  if (input.size() > kMaxInputBytes) {
    return Fail(ErrorKind::kTooLarge, errors::kTooLong,
                "the address is longer than " + std::to_string(kMaxInputBytes) + " bytes");
  }
  Scan scan(NormalizeText(input));
  const std::u32string& text = scan.text();
  if (std::none_of(text.begin(), text.end(),
                   [](char32_t c) { return IsHan(c) || IsAsciiAlnum(c); })) {
    return Fail(ErrorKind::kInvalidArgument, errors::kEmpty, "there is no address in the text");
  }
  ParsedAddress out;
  std::vector<Uncertain> flags;
  SetPhoneAndPostcode(scan, out, flags);

  std::vector<Mention> mentions = FindMentions(text, scan.roles());
  // A division named inside brackets is a note ((永丰立交桥西)), not the address.
  std::erase_if(mentions, [&](const Mention& m) { return scan.GroupAt(m.begin) != nullptr; });
  std::vector<std::size_t> preferred;
  for (const auto& s : scan.spans()) {
    if (IsAddressLabel(s)) {
      std::size_t p = s.end;
      while (p < text.size() && scan.roles()[p] == Role::kSeparator) ++p;
      preferred.push_back(p);
    }
  }
  Chain chain = BestChain(text, mentions, scan.roles(), preferred);
  const auto& tokens = scan.tokens();
  Layout layout;
  if (!chain.paths.empty()) {
    layout = WalkDetail(scan, chain);
  } else {
    layout.used.assign(tokens.size(), false);
  }

  // The name: after a name label; else the most name-like token the address
  // did not take (or the address's last token, standing apart); else a name
  // glued to the end of the address.
  NamePick name;
  std::optional<std::size_t> name_token = LabelledName(scan);
  std::optional<Range> glued_prefix;
  if (!name_token) {
    double best = kNameThreshold - 1e-9;
    auto consider = [&](std::size_t t, double score) {
      if (score > best) {
        best = score;
        name_token = t;
      }
    };
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      bool last_detail = layout.used[t] && layout.whole_last &&
                         layout.detail.back().first == tokens[t].begin &&
                         (layout.detail.size() >= 2 || scan.NextToPhone(tokens[t]));
      if (!chain.paths.empty() && tokens[t].begin < chain.begin && tokens[t].end > chain.begin) {
        // Text glued before the chain (张三广东省…): a name only with a surname.
        Token prefix{tokens[t].begin, chain.begin};
        double score = NameScore(TokenText(scan, prefix), scan.NextToPhone(prefix), false);
        if (score >= kNameThreshold + 0.5) {
          consider(t, score);
          glued_prefix = Range{prefix.begin, prefix.end};
        }
        continue;
      }
      if (layout.used[t] && !last_detail) continue;
      bool apart =
          (!chain.paths.empty() && tokens[t].end <= chain.begin) || scan.AfterBreak(tokens[t]);
      consider(t, NameScore(TokenText(scan, tokens[t]), scan.NextToPhone(tokens[t]), apart));
    }
    if (name_token && !(glued_prefix && tokens[*name_token].begin == glued_prefix->first)) {
      glued_prefix.reset();
    }
  }
  if (name_token) {
    Range r =
        glued_prefix ? *glued_prefix : Range{tokens[*name_token].begin, tokens[*name_token].end};
    name.name = std::u32string(
        WithoutReceive(std::u32string_view(text).substr(r.first, r.second - r.first)));
    if (name.name.size() > 20) name.name.resize(20);
    if (!layout.detail.empty() && layout.detail.back().first == r.first) layout.detail.pop_back();
  } else if (!layout.detail.empty()) {
    Range& last = layout.detail.back();
    std::u32string_view piece =
        std::u32string_view(text).substr(last.first, last.second - last.first);
    int after = scan.SpanAfter(last.second);
    bool before_phone = scan.IsPhone(after);
    bool at_end = after < 0 && last.second == tokens.back().end;
    std::u32string_view body = WithoutReceive(piece);
    if (before_phone || at_end) {
      if (std::size_t len = GluedNameLength(body, before_phone); len > 0) {
        name.name = std::u32string(body.substr(body.size() - len));
        name.unsure = true;
        last.second = last.first + body.size() - len;
      }
    }
  }
  if (chain.paths.empty()) {
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      if (name_token && *name_token == t) continue;
      if (IsRemark(TokenText(scan, tokens[t]))) {
        flags.push_back(Uncertain::kRemarkDropped);
        continue;
      }
      layout.detail.push_back({tokens[t].begin, tokens[t].end});
    }
  }

  std::u32string detail;
  bool remark = false;
  for (const auto& r : layout.detail) {
    std::u32string_view piece = std::u32string_view(text).substr(r.first, r.second - r.first);
    if (!chain.paths.empty() && r.first != chain.end && IsRemark(piece) &&
        scan.GroupAt(r.first) == nullptr) {
      remark = true;
      continue;
    }
    AppendRange(scan, r, detail, remark);
  }
  detail = Trim(std::move(detail));
  if (!chain.paths.empty()) detail = Trim(DropRepeatAfterTown(std::move(detail), chain));
  if (remark && std::find(flags.begin(), flags.end(), Uncertain::kRemarkDropped) == flags.end())
    flags.push_back(Uncertain::kRemarkDropped);

  out.name = EncodeUtf8(name.name);
  out.detail = EncodeUtf8(detail);
  if (!chain.paths.empty()) SetDivisions(chain, out);
  SetRegionFlags(chain, out, flags);
  if (out.name.empty()) flags.push_back(Uncertain::kNameMissing);
  if (name.unsure) flags.push_back(Uncertain::kNameUnsure);
  if (out.detail.empty()) flags.push_back(Uncertain::kDetailMissing);
  for (const auto& entry : kUncertainText) {
    if (std::find(flags.begin(), flags.end(), entry.value) != flags.end())
      out.uncertain.push_back(entry.value);
  }
  return out;
}

}  // namespace weishang::address
