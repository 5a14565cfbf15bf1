// The CLI commands. Each returns a process exit code.
#pragma once

#include <cstddef>
#include <string>

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
  double rate_per_ip = 50;
  std::size_t body_limit = 1 << 20;
  bool seed_demo = false;
  int job_interval_ms = 1000;  // between ticks of the timed jobs
  int read_timeout_s = 30;     // to read one request, and to write its answer
  int idle_timeout_s = 75;     // between the requests of a kept-alive connection
  int password_threads = 0;    // argon2id threads; 0: one per two cores, 1 to 4
  int login_address_failures = 20;  // free failed logins per client address; 0: no limit
};

int RunServe(const StoreOptions& store, const ServeOptions& serve);
int RunMigrate(const StoreOptions& store);
int RunDemo(const StoreOptions& store);
int RunBackup(const StoreOptions& store, const std::string& destination);

}  // namespace weishang::cli
