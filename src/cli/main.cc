// The composition root: parses the command line, picks the storage adapter,
// wires modules, workflows and routes, and runs the chosen command.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/crypto.h"
#include "core/log.h"
#include "modules/address/address.h"
#include "workflows/sharing/share_link.h"

int main(int argc, char** argv) {
  using namespace weishang::cli;
  weishang::InitCrypto();
  CLI::App app{"weishang: a social-commerce engine for micro-merchants"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  StoreOptions store;
  ServeOptions serve;
  auto add_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", store.db,
                    "SQLite file path (default ./data/weishang.db) or\n"
                    "postgresql://user@host:port/dbname URL");
    cmd->add_option("--node-id", store.node_id,
                    "node number 0-1023 (the node bits of every id); on PostgreSQL the\n"
                    "lowest free one unless given, and refused while another node holds it")
        ->check(CLI::Range(0, 1023));
  };

  auto* serve_cmd = app.add_subcommand("serve", "serve the HTTP API");
  add_db(serve_cmd);
  serve_cmd->add_option("--listen", serve.listen, "address:port to listen on (port 0 picks one)");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads (0 = one per core)");
  serve_cmd->add_option("--port-file", serve.port_file, "write the bound port to this file");
  serve_cmd->add_option("--uploads", serve.upload_dir, "directory for uploaded images");
  serve_cmd->add_option("--web-root", serve.web_root,
                        "the built web front end, served at /s/ and /console/ (default: web/\n"
                        "beside the binary, where make build puts it)");
  serve_cmd->add_option("--rate-limit", serve.rate_per_ip, "requests per second per IP (0 = off)");
  serve_cmd->add_option("--body-limit", serve.body_limit,
                        "largest request body in bytes (default 1 MiB); image uploads are\n"
                        "capped by it too: pass 5242880 to accept 5 MiB photos");
  serve_cmd
      ->add_option("--job-interval-ms", serve.job_interval_ms,
                   "milliseconds between ticks of the timed jobs (default 1000)")
      ->check(CLI::Range(10, 3600000));
  serve_cmd
      ->add_option("--read-timeout", serve.read_timeout_s,
                   "seconds to read one request's body, or to write an answer (default 30)")
      ->check(CLI::Range(1, 3600));
  serve_cmd
      ->add_option("--idle-timeout", serve.idle_timeout_s,
                   "seconds a connection may wait for its next request's header (default 75)")
      ->check(CLI::Range(1, 3600));
  serve_cmd
      ->add_option("--password-threads", serve.password_threads,
                   "threads hashing and verifying passwords (argon2id), apart from the\n"
                   "HTTP threads (default 0: one per two cores, 1 to 4)")
      ->check(CLI::Range(0, 64));
  serve_cmd
      ->add_option("--login-address-failures", serve.login_address_failures,
                   "failed logins per client address before each further one waits 1 s,\n"
                   "2 s, 4 s ... up to 15 min (default 20; 0 = no per-address limit, for\n"
                   "nodes behind a load balancer)")
      ->check(CLI::Range(0, 1000000));
  serve_cmd
      ->add_option("--public-url", serve.public_url,
                   "the store's public address, e.g. https://shop.example.com: the links\n"
                   "that share QR codes hold (default: the request's Host, over http)")
      ->check([](const std::string& url) {
        return weishang::workflows::ValidOrigin(url)
                   ? std::string()
                   : std::string("must be http(s)://host[:port], with no path");
      });
  serve_cmd->add_flag("--demo", serve.seed_demo, "create the demo shop if it does not exist");
  serve_cmd->add_flag("--webhooks-allow-loopback", serve.webhooks_allow_loopback,
                      "let webhooks be delivered to loopback addresses (tests and local\n"
                      "development only; private and reserved addresses stay refused)");
  serve_cmd
      ->add_option("--webhook-first-retry-ms", serve.webhook_first_retry_ms,
                   "milliseconds before a failed webhook delivery is tried again\n"
                   "(default 10000; each later wait is 3 times the one before, at most 6 h)")
      ->check(CLI::Range(10LL, 3'600'000LL));
  serve_cmd->add_flag("--test-clock", serve.test_clock,
                      "POST /sandbox/v1/clock moves the server's time forward, so tests see\n"
                      "deadlines pass (tests and demos only; never in production)");
  serve_cmd->add_flag("--sandbox,!--no-sandbox", serve.sandbox,
                      "the sandbox payment provider and its stand-in gateway, which marks\n"
                      "orders paid without credentials (default on; turn off in production)");

  auto* migrate_cmd = app.add_subcommand("migrate", "apply pending schema migrations and exit");
  add_db(migrate_cmd);

  auto* demo_cmd =
      app.add_subcommand("demo", "create the demo shop (idempotent) and print its login");
  add_db(demo_cmd);

  auto* backup_cmd = app.add_subcommand("backup", "copy the SQLite database online to a file");
  add_db(backup_cmd);
  std::string backup_to;
  backup_cmd->add_option("destination", backup_to, "file to write")->required();

  EventsOptions events;
  auto* events_cmd =
      app.add_subcommand("events", "the domain events' handlers: status, parked, replay");
  add_db(events_cmd);
  events_cmd->require_subcommand(1);
  events_cmd->add_subcommand("status", "each handler's position and what waits")->callback([&] {
    events.action = "status";
  });
  auto* list_cmd = events_cmd->add_subcommand("list", "parked events, oldest first");
  list_cmd->add_option("--handler", events.handler, "only this handler's");
  list_cmd->add_option("--state", events.state, "retrying, blocked or dead");
  list_cmd->add_option("--limit", events.limit, "at most this many (default 100)");
  list_cmd->callback([&] { events.action = "list"; });
  auto* replay_cmd = events_cmd->add_subcommand("replay", "make a handler's dead events due again");
  replay_cmd->add_option("--handler", events.handler, "the handler")->required();
  replay_cmd->add_option("--merchant", events.merchant, "only this merchant's (mch_…)");
  replay_cmd->add_option("--seq", events.seq, "only this event");
  replay_cmd->callback([&] { events.action = "replay"; });

  AddressOptions address;
  auto* address_cmd = app.add_subcommand("address", "parse pasted shipping addresses");
  address_cmd->require_subcommand(1);
  auto* parse_cmd = address_cmd->add_subcommand(
      "parse",
      "print one pasted address as JSON: name, phone, province, city, district,\n"
      "detail, postal_code and what is uncertain");
  parse_cmd->add_option("text", address.text, "the address, as pasted");
  parse_cmd->add_flag("--jsonl", address.jsonl,
                      "read lines of JSON ({\"id\": …, \"input\": …} or a string) from stdin\n"
                      "and answer each with one line");
  parse_cmd->callback([&] {
    if (!address.jsonl && parse_cmd->count("text") == 0)
      throw CLI::RequiredError("text (or --jsonl)");
  });

  SimulateOptions simulate;
  auto* simulate_cmd = app.add_subcommand("simulate", "project campaigns (Monte Carlo)");
  simulate_cmd->require_subcommand(1);
  auto* fission_cmd = simulate_cmd->add_subcommand(
      "fission",
      "project a voucher campaign day by day: each paying customer passes vouchers on,\n"
      "each redeemed with --redemption some days later (--delay), each redeemer paying\n"
      "with --conversion and passing vouchers on in turn, until the budget runs out");
  fission_cmd->add_option("--seeds", simulate.seeds, "paying customers given vouchers on day 0");
  fission_cmd->add_option("--vouchers", simulate.vouchers, "vouchers per paying customer");
  fission_cmd->add_option("--redemption", simulate.redemption, "share of vouchers redeemed (0-1)")
      ->required();
  fission_cmd->add_option("--conversion", simulate.conversion, "share of redeemers who pay (0-1)")
      ->required();
  fission_cmd->add_option("--delay", simulate.delay,
                          "weights of redemption 1, 2, 3 ... days after passing on\n"
                          "(default 0.5,0.3,0.2)");
  fission_cmd->add_option("--days", simulate.days, "days projected (1-365)");
  fission_cmd->add_option("--budget-fen", simulate.budget_fen,
                          "the campaign's budget (default none)");
  fission_cmd->add_option("--cost-per-redemption-fen", simulate.cost_per_redemption_fen,
                          "what one redemption costs the merchant");
  fission_cmd->add_option("--runs", simulate.runs, "Monte Carlo runs (1-10000)");
  fission_cmd->add_option("--seed", simulate.seed, "random seed: the same seed, the same output");
  fission_cmd->add_flag("--json", simulate.json,
                        "print JSON (as POST /admin/v1/growth/simulations)");

  ReportOptions report;
  auto* report_cmd = app.add_subcommand("report", "print a shop's reports");
  report_cmd->require_subcommand(1);
  auto* growth_cmd = report_cmd->add_subcommand(
      "growth",
      "the growth report: per campaign and channel code visits, new customers, orders,\n"
      "revenue, cost, cost per new customer and payback; referred versus not referred\n"
      "customers; the fission generations with their K-factor");
  add_db(growth_cmd);
  growth_cmd->add_option("--merchant", report.merchant, "the shop's slug")->required();
  growth_cmd->add_option("--period", report.period,
                         "the last N shop days up to today, e.g. 30d (default 30d)");
  growth_cmd->add_option("--from", report.from, "first shop day, YYYY-MM-DD");
  growth_cmd->add_option("--to", report.to, "last shop day, YYYY-MM-DD (included)");
  growth_cmd->add_option("--sort", report.sort,
                         "order rows by new_customers (default), visits, orders, revenue,\n"
                         "cost, cost_per_new_customer or payback_days");

  app.add_subcommand("version", "print the version and the division data's");

  CLI11_PARSE(app, argc, argv);
  int rc = 0;
  if (serve_cmd->parsed())
    rc = RunServe(store, serve);
  else if (migrate_cmd->parsed())
    rc = RunMigrate(store);
  else if (demo_cmd->parsed())
    rc = RunDemo(store);
  else if (backup_cmd->parsed())
    rc = RunBackup(store, backup_to);
  else if (events_cmd->parsed())
    rc = RunEvents(store, events);
  else if (address_cmd->parsed())
    rc = RunAddressParse(address);
  else if (growth_cmd->parsed())
    rc = RunReportGrowth(store, report);
  else if (fission_cmd->parsed())
    rc = RunSimulateFission(simulate);
  else
    std::printf("weishang %s\ndivisions: %s\n", kVersion,
                std::string(weishang::address::DivisionDataSource()).c_str());
  weishang::FlushLog();
  return rc;
}
