// The one list of the engine's modules. Each capability describes itself
// once here: its migrations, its routes, its timed jobs and its event
// handlers. The commands build everything from this list: `migrate` applies
// every module's migrations, `serve` routes every module's routes, runs its
// jobs and delivers events to its handlers. Adding a module is a folder (or
// three: module, workflows, routes) plus one entry in AllModules(); see
// docs/adding-a-module.md. Permissions stay in modules/identity/roles.h and
// error codes in each module's <module>_errors.h.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/app.h"
#include "core/clock.h"
#include "events/dispatcher.h"
#include "storage/migrations.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"
#include "workflows/tags/segment_flows.h"
#include "workflows/webhooks/webhook_flows.h"

namespace weishang::cli {

// What a module is built from when the engine runs, and where it keeps what
// it builds (its services, adapters), so they live as long as the process.
struct Wiring {
  storage::Database& db;
  const Clock& clock;
  IdGenerator& ids;
  workflows::Modules& modules;
  workflows::WebhookOptions webhooks;  // serve's --webhooks-* options
  // The tags module's objects, set by its install for the modules that
  // choose customers by segment (outreach) or show things by segment
  // (moments), installed after it.
  workflows::TagWiring* tags = nullptr;
  std::vector<std::shared_ptr<void>> owned;

  // Keeps `object` alive with the wiring and returns it.
  template <class T>
  T& Own(std::shared_ptr<T> object) {
    owned.push_back(object);
    return *object;
  }
};

// Work each node does for itself, beside the jobs (one node at a time) and
// the handlers (once per event across the nodes): keeping what a node holds
// in memory in step with the database, e.g. the segment bitmaps following
// the outbox. serve starts them once the dispatcher runs and stops them
// before the database closes; tests leave them stopped.
struct NodeTask {
  std::string name;
  std::function<Result<void>()> start;
  std::function<void()> stop;
};

// What the running modules contribute.
struct Installed {
  std::vector<api::RouteTable> routes;
  std::vector<workflows::Job> jobs;
  std::vector<events::Handler> handlers;
  std::vector<NodeTask> node_tasks;
};

struct ModuleDescriptor {
  std::string_view name;
  // Its tables (schema/*.sql embedded by weishang_embed_sql); may be null.
  const std::vector<storage::Migration>& (*migrations)() = nullptr;
  // Adds its routes, jobs and handlers; may be null.
  void (*install)(Wiring& wiring, Installed& out) = nullptr;
};

// Every module, in the order their migrations apply and their routes match.
const std::vector<ModuleDescriptor>& AllModules();

// Every module's migrations, in AllModules() order.
std::vector<storage::Migration> AllMigrations();

// Every module's routes, jobs and handlers.
Installed InstallAll(Wiring& wiring);

}  // namespace weishang::cli
