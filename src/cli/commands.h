// The CLI commands. Each returns a process exit code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"
#include "storage/database.h"

namespace weishang::workflows {
struct GrowthReport;
}

namespace weishang::cli {

inline constexpr const char* kVersion = "0.1.0";

struct StoreOptions {
  std::string db = "./data/weishang.db";
  int node_id = -1;  // -1: the lowest free id on PostgreSQL, 0 on SQLite
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  std::string port_file;
  std::string upload_dir;  // default: <db dir>/uploads
  std::string web_root;    // the built web front end; default: web/ beside the binary
  double rate_per_ip = 50;
  std::size_t body_limit = 1 << 20;
  bool seed_demo = false;
  bool sandbox = true;                   // the sandbox payment provider and its stand-in gateway
  bool test_clock = false;               // POST /sandbox/v1/clock moves time forward (tests)
  std::string public_url;                // the store's public origin, for share QR codes
  bool webhooks_allow_loopback = false;  // tests: let webhooks reach 127.0.0.1
  long long webhook_first_retry_ms = 10'000;  // then ×3 per try
  int job_interval_ms = 1000;                 // between ticks of the timed jobs
  int read_timeout_s = 30;                    // to read one request, and to write its answer
  int idle_timeout_s = 75;                    // between the requests of a kept-alive connection
  int password_threads = 0;                   // argon2id threads; 0: one per two cores, 1 to 4
  int login_address_failures = 20;            // free failed logins per client address; 0: no limit
};

// `weishang events status | list | replay` (events_command.cc).
struct EventsOptions {
  std::string action;    // status | list | replay
  std::string handler;   // list: filter; replay: required
  std::string state;     // list: retrying | blocked | dead
  std::string merchant;  // replay: only this merchant's (mch_…)
  long long seq = 0;     // replay: only this event
  int limit = 100;       // list
};

// `weishang address parse` (address_command.cc).
struct AddressOptions {
  std::string text;    // the pasted address
  bool jsonl = false;  // read JSON lines from stdin instead
};

// `weishang simulate fission` (simulate_command.cc): a voucher campaign
// projected day by day from given rates (growth::Simulate).
struct SimulateOptions {
  std::int64_t seeds = 30;
  std::int64_t vouchers = 3;
  double redemption = 0;
  double conversion = 0;
  std::string delay = "0.5,0.3,0.2";  // weights of redemption 1, 2, 3 … days later
  int days = 14;
  long long budget_fen = -1;  // -1: no budget
  long long cost_per_redemption_fen = 0;
  int runs = 1000;
  std::uint64_t seed = 42;
  bool json = false;
};

// `weishang report growth` (report_command.cc): the growth report of a shop.
struct ReportOptions {
  std::string merchant;  // the shop's slug
  std::string period;    // "30d": the last 30 shop days up to today
  std::string from, to;  // YYYY-MM-DD shop days, both included
  std::string sort;      // a column (workflows::kGrowthSortText); default new_customers
};

int RunServe(const StoreOptions& store, const ServeOptions& serve);
// Prints the parsed address as one JSON object; exit code 1 on an error.
int RunAddressParse(const AddressOptions& options);
int RunEvents(const StoreOptions& store, const EventsOptions& options);
// Prints the projection as a table (or JSON); exit code 1 on invalid input.
int RunSimulateFission(const SimulateOptions& options);
int RunMigrate(const StoreOptions& store);
// Prints the growth report's tables; exit code 1 for an unknown shop or a bad period.
int RunReportGrowth(const StoreOptions& store, const ReportOptions& options);
int RunDemo(const StoreOptions& store);
// Prints "error: <code>: <message>" on stderr; returns the exit code 1.
int Report(const Error& e);

// The growth report as the plain text `weishang report growth` prints.
std::string GrowthReportText(const workflows::GrowthReport& report);

// Opens the --db and applies pending migrations.
Result<std::unique_ptr<storage::Database>> OpenStore(const StoreOptions& store);
int RunBackup(const StoreOptions& store, const std::string& destination);

}  // namespace weishang::cli
