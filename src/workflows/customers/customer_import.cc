#include "workflows/customers/customer_import.h"

#include <array>
#include <chrono>
#include <optional>

#include "core/csv.h"
#include "core/log.h"
#include "modules/address/address.h"
#include "modules/customers/customers_errors.h"
#include "modules/imports/imports_errors.h"

namespace weishang::workflows {
namespace {

using customers::Gender;
using customers::IdentityKind;

enum Field {
  kName,
  kRemark,
  kPhone,
  kWechatId,
  kWangwang,
  kOpenid,
  kUnionid,
  kAddress,
  kProvince,
  kCity,
  kDistrict,
  kGender,
  kBirthday,
  kChannel,
  kFieldCount
};

struct FieldNames {
  Field field;
  std::string_view key;  // as the API reports it
  std::vector<std::string_view> headers;
};

// The headers each field is recognised by (after trimming, dropping a
// required-field star and lower-casing ASCII): what WeChat friend-list
// tools, Taobao/JD/Pinduoduo order exports and hand-made sheets write.
const std::vector<FieldNames>& ColumnNames() {
  static const std::vector<FieldNames> kNames = {
      {kName,
       "name",
       {"姓名", "名字", "昵称", "微信昵称", "客户名称", "客户姓名", "客户", "收货人", "收货人姓名",
        "收件人", "联系人", "name", "nickname", "customer name"}},
      {kRemark, "remark", {"备注", "备注名", "客户备注", "remark", "remark name", "note"}},
      {kPhone,
       "phone",
       {"手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系手机", "联系方式",
        "收货人手机", "收货人电话", "收货人手机号", "收件人手机", "mobile", "phone", "phone number",
        "tel"}},
      {kWechatId, "wechat_id", {"微信号", "微信", "微信id", "wechat", "wechat id", "wxid"}},
      {kWangwang,
       "taobao_wangwang",
       {"旺旺", "旺旺号", "旺旺id", "买家旺旺", "买家会员名", "淘宝账号", "wangwang"}},
      {kOpenid, "wechat_openid", {"openid", "微信openid"}},
      {kUnionid, "wechat_unionid", {"unionid", "微信unionid"}},
      {kAddress,
       "address",
       {"地址", "收货地址", "详细地址", "收货信息", "收件地址", "收件信息", "address",
        "shipping address"}},
      {kProvince, "province", {"省", "省份", "所在省", "province"}},
      {kCity, "city", {"市", "城市", "所在市", "city"}},
      {kDistrict, "district", {"区", "区县", "县区", "所在区", "district"}},
      {kGender, "gender", {"性别", "gender", "sex"}},
      {kBirthday, "birthday", {"生日", "出生日期", "birthday", "birth date", "date of birth"}},
      {kChannel, "channel", {"渠道", "来源", "客户来源", "channel", "source"}},
  };
  return kNames;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  // Full-width spaces, which Chinese input methods type.
  while (s.starts_with("\u3000")) s.remove_prefix(3);
  while (s.ends_with("\u3000")) s.remove_suffix(3);
  return s;
}

std::string HeaderKey(std::string_view cell) {
  std::string_view t = Trim(cell);
  while (t.ends_with("*")) t.remove_suffix(1);
  while (t.ends_with("\uFF0A")) t.remove_suffix(3);  // ＊
  while (t.starts_with("*")) t.remove_prefix(1);
  std::string out(Trim(t));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Which column holds each field (-1: none), and the header's verdict.
struct Columns {
  std::array<int, kFieldCount> at;
  ImportHeader header;
  bool Has(Field f) const { return at[f] >= 0; }
};

Columns ReadHeader(const std::vector<std::string>& cells) {
  Columns c;
  c.at.fill(-1);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string key = HeaderKey(cells[i]);
    if (key.empty()) continue;
    bool used = false;
    for (const FieldNames& names : ColumnNames()) {
      bool named =
          std::find(names.headers.begin(), names.headers.end(), key) != names.headers.end();
      if (named && c.at[names.field] < 0) {
        c.at[names.field] = static_cast<int>(i);
        c.header.recognised.emplace_back(names.key);
        used = true;
        break;
      }
    }
    if (!used) c.header.ignored.push_back(std::string(Trim(cells[i])));
  }
  return c;
}

bool CanIdentify(const Columns& c) {
  return c.Has(kPhone) || c.Has(kWechatId) || c.Has(kWangwang) || c.Has(kOpenid) ||
         c.Has(kUnionid) || c.Has(kAddress);
}

// The cells as one CSV row, as written (no formula guard: this is for
// reading back, and the error report guards what it writes).
std::string RowAsCsv(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& v = cells[i];
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
      out += v;
      continue;
    }
    out += '"';
    for (char ch : v) {
      if (ch == '"') out += '"';
      out += ch;
    }
    out += '"';
  }
  return out;
}

// A cell, trimmed, without the apostrophe a CSV export (ours, core/csv.h)
// put before a cell a spreadsheet would take for a formula.
std::string_view Cell(const std::vector<std::string>& cells, const Columns& c, Field f) {
  int i = c.at[f];
  if (i < 0 || static_cast<std::size_t>(i) >= cells.size()) return {};
  std::string_view v = Trim(cells[static_cast<std::size_t>(i)]);
  if (v.size() > 1 && v.front() == '\'' &&
      (v[1] == '=' || v[1] == '+' || v[1] == '-' || v[1] == '@')) {
    v.remove_prefix(1);
  }
  return v;
}

std::optional<Gender> ReadGender(std::string_view v) {
  std::string k = HeaderKey(v);
  if (k.empty() || k == "未知" || k == "unknown" || k == "0") return Gender::kUnknown;
  if (k == "男" || k == "male" || k == "m" || k == "1" || k == "先生") return Gender::kMale;
  if (k == "女" || k == "female" || k == "f" || k == "2" || k == "女士") return Gender::kFemale;
  return std::nullopt;
}

bool Blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& s) { return Trim(s).empty(); });
}

struct RowResult {
  std::optional<customers::Arrival> arrival;
  std::optional<Error> error;
};

RowResult ReadRow(const std::vector<std::string>& cells, const Columns& c, int this_year) {
  customers::Arrival a;
  a.display_name = std::string(Cell(cells, c, kName));
  a.remark_name = std::string(Cell(cells, c, kRemark));
  a.channel = std::string(Cell(cells, c, kChannel));
  if (a.channel.empty()) a.channel = "import";
  std::string phone_text(Cell(cells, c, kPhone));
  // The region from its own columns, written out in full by the parser
  // ("广东 深圳" → 广东省 深圳市).
  std::string region = std::string(Cell(cells, c, kProvince)) + " " +
                       std::string(Cell(cells, c, kCity)) + " " +
                       std::string(Cell(cells, c, kDistrict));
  if (!Trim(region).empty()) {
    if (auto p = address::Parse(region); p) {
      a.province = p->province;
      a.city = p->city;
      a.district = p->district;
    }
  }
  // An address cell, possibly with the name and phone in it.
  if (std::string_view text = Cell(cells, c, kAddress); !text.empty()) {
    if (auto p = address::Parse(text); p) {
      if (a.province.empty()) {
        a.province = p->province;
        a.city = p->city;
        a.district = p->district;
      }
      if (a.display_name.empty()) a.display_name = p->name;
      if (phone_text.empty() && !customers::NormalisePhone(p->phone).empty()) {
        phone_text = p->phone;
      }
    }
  }
  if (!phone_text.empty()) {
    std::string phone = customers::NormalisePhone(phone_text);
    if (phone.empty()) {
      return {std::nullopt, Invalid(customers::errors::kInvalidPhone,
                                    "'" + phone_text + "' is not a mainland mobile number")};
    }
    a.identities.push_back({IdentityKind::kPhone, phone});
  }
  auto identity = [&](Field f, IdentityKind kind) {
    if (std::string_view v = Cell(cells, c, f); !v.empty()) {
      a.identities.push_back({kind, std::string(v)});
    }
  };
  identity(kWechatId, IdentityKind::kWechatId);
  identity(kWangwang, IdentityKind::kTaobaoWangwang);
  identity(kOpenid, IdentityKind::kWechatOpenid);
  identity(kUnionid, IdentityKind::kWechatUnionid);
  if (a.identities.empty()) {
    return {
        std::nullopt,
        Invalid(customers::errors::kNoIdentity,
                "the row has no phone, WeChat id, Wangwang id or openid to know the customer by")};
  }
  auto gender = ReadGender(Cell(cells, c, kGender));
  if (!gender) {
    return {std::nullopt,
            Invalid(customers::errors::kInvalidGender, "gender must be 男 or 女 (male or female)")};
  }
  a.gender = *gender;
  if (std::string_view b = Cell(cells, c, kBirthday); !b.empty()) {
    a.birthday = customers::ParseBirthday(b, this_year);
    if (a.birthday.empty()) {
      return {std::nullopt, Invalid(customers::errors::kInvalidBirthday,
                                    "'" + std::string(b) + "' is not a date such as 1990-05-01")};
    }
  }
  return {std::move(a), std::nullopt};
}

int YearOf(Timestamp t) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{(t + 8 * kHour) / kDay}}};  // China time
  return static_cast<int>(ymd.year());
}

bool Unfinished(const imports::Import& i) {
  return i.status == imports::Status::kQueued || i.status == imports::Status::kRunning;
}

// The file's header, read again from its first row.
Columns HeaderOf(std::string_view body) {
  CsvReader reader(body);
  std::vector<std::string> cells;
  reader.Next(cells);
  return ReadHeader(cells);
}

}  // namespace

Result<PreparedImport> PrepareCustomerImport(StaffId by, std::string file_name,
                                             std::string_view file) {
  auto text = CsvTextAsUtf8(file);
  if (!text) {
    return Fail(Invalid(imports::errors::kBadEncoding,
                        "the file is neither UTF-8 nor GB18030 text; save it as CSV"));
  }
  CsvReader reader(*text);
  std::vector<std::string> cells;
  if (!reader.Next(cells)) {
    return Fail(Invalid(imports::errors::kEmptyFile, "the file is empty"));
  }
  Columns columns = ReadHeader(cells);
  if (!CanIdentify(columns)) {
    return Fail(Invalid(imports::errors::kBadHeader,
                        "the first row must name a column with the phone (手机号), WeChat id "
                        "(微信号), Wangwang id (旺旺), openid or address (收货地址)"));
  }
  PreparedImport out{{}, std::move(columns.header)};
  imports::NewImport& in = out.file;
  in.kind = imports::Kind::kCustomers;
  in.file_name = std::move(file_name);
  in.header = RowAsCsv(cells);
  in.first_offset = static_cast<std::int64_t>(reader.offset());
  while (reader.Next(cells)) ++in.total_rows;
  in.body = std::move(*text);
  in.created_by = by;
  return out;
}

Result<imports::Import> ImportCustomersStep(storage::Tx& tx, imports::ImportService& imports,
                                            customers::CustomerService& customers,
                                            const imports::Import& import, std::string_view body,
                                            const CustomerImportOptions& options) {
  Columns columns = HeaderOf(body);
  CsvReader reader(body, static_cast<std::size_t>(import.next_offset));
  imports::Step step;
  step.from_offset = import.next_offset;
  std::vector<std::string> cells;
  std::int64_t row = import.processed_rows + 1;  // the header is row 1
  while (step.processed < options.rows_per_step && reader.Next(cells)) {
    ++row;
    ++step.processed;
    if (Blank(cells)) continue;
    RowResult read = ReadRow(cells, columns, options.this_year);
    if (read.arrival) {
      auto arrived =
          customers.Arrive(tx, import.merchant_id, *read.arrival, "import:" + EncodeId(import.id));
      if (arrived) {
        ++(arrived->created ? step.created : step.matched);
        continue;
      }
      if (arrived.error().kind != ErrorKind::kInvalidArgument) return Fail(arrived.error());
      read.error = arrived.error();
    }
    ++step.failed;
    step.errors.push_back({row, read.error->code, read.error->message, RowAsCsv(cells)});
  }
  step.to_offset = static_cast<std::int64_t>(reader.offset());
  step.finished = reader.offset() >= body.size();
  return imports.Advance(tx, import.merchant_id, import.id, step);
}

Result<JobTally> RunCustomerImports(storage::Database& db, imports::ImportService& imports,
                                    Modules& modules, const CustomerImportOptions& given) {
  CustomerImportOptions options = given;
  if (options.this_year == 0) options.this_year = YearOf(modules.clock.Now());
  auto deadline = std::chrono::steady_clock::now() + options.budget;
  auto due = storage::ReadValue(db, [&](storage::Tx& tx) { return imports.Unfinished(tx, 10); });
  if (!due) return Fail(due.error());
  JobTally tally;
  for (imports::Import current : *due) {
    if (current.kind != imports::Kind::kCustomers) continue;
    auto body = storage::ReadValue(
        db, [&](storage::Tx& tx) { return imports.Body(tx, current.merchant_id, current.id); });
    if (!body) return Fail(body.error());
    while (Unfinished(current)) {
      if (std::chrono::steady_clock::now() >= deadline) return tally;
      auto next = storage::WriteValue(db, [&](storage::Tx& tx) {
        return ImportCustomersStep(tx, imports, modules.customers, current, *body, options);
      });
      if (next) {
        ++tally.handled;
        current = std::move(*next);
        continue;
      }
      if (next.error().kind == ErrorKind::kConflict) {  // another node took it
        ++tally.conflicts;
        break;
      }
      LogWarn("customer import " + EncodeId(current.id) + " stopped: " + next.error().message);
      auto failed = storage::WriteValue(db, [&](storage::Tx& tx) {
        return imports.MarkFailed(tx, current.merchant_id, current.id, next.error().message);
      });
      if (!failed) return Fail(failed.error());
      break;
    }
  }
  return tally;
}

Job CustomerImportJob(imports::ImportService& imports, CustomerImportOptions options) {
  return Job{"customer_imports",
             [&imports, options](storage::Database& db, Modules& modules, Timestamp) {
               return RunCustomerImports(db, imports, modules, options);
             }};
}

std::string CustomerImportErrorReport(const imports::Import& import,
                                      const std::vector<imports::RowError>& errors) {
  // The reasons in the merchant's language; the codes' English messages
  // are in the API's answer.
  static const std::vector<std::pair<std::string_view, std::string_view>> kReasons = {
      {customers::errors::kNoIdentity, "缺少手机号、微信号、旺旺号或 openid，无法识别客户"},
      {customers::errors::kInvalidPhone, "手机号不是有效的大陆手机号（11 位）"},
      {customers::errors::kInvalidIdentity, "微信号、旺旺号或 openid 应为 1-128 个字符，不含空格"},
      {customers::errors::kInvalidGender, "性别只能填 男 或 女"},
      {customers::errors::kInvalidBirthday, "生日不是有效日期，例如 1990-05-01"},
  };
  CsvWriter out;
  std::vector<std::string> cells;
  CsvReader header(import.header);
  header.Next(cells);
  for (const auto& c : cells) out.Text(c);
  out.Text("错误原因");
  out.EndRow();
  for (const auto& e : errors) {
    CsvReader row(e.raw);
    row.Next(cells);
    for (const auto& c : cells) out.Text(c);
    auto reason = std::find_if(kReasons.begin(), kReasons.end(),
                               [&](const auto& r) { return r.first == e.code; });
    out.Text(reason != kReasons.end() ? reason->second : e.message);
    out.EndRow();
  }
  return out.Take();
}

}  // namespace weishang::workflows
