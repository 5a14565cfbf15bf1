#include "cli/registry.h"

#include "api/routes/attribution_routes.h"
#include "api/routes/crm_routes.h"
#include "api/routes/customer_import_routes.h"
#include "api/routes/groupbuy_routes.h"
#include "api/routes/growth_routes.h"
#include "api/routes/moment_routes.h"
#include "api/routes/outreach_routes.h"
#include "api/routes/ownership_routes.h"
#include "api/routes/presale_routes.h"
#include "api/routes/privacy_routes.h"
#include "api/routes/reminder_routes.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/tag_routes.h"
#include "api/routes/vote_routes.h"
#include "api/routes/voucher_routes.h"
#include "api/routes/webhook_routes.h"
#include "modules/accounts/accounts.h"
#include "modules/aftersales/aftersales.h"
#include "modules/attribution/attribution.h"
#include "modules/audit/audit.h"
#include "modules/catalog/catalog.h"
#include "modules/crm/crm.h"
#include "modules/customers/customers.h"
#include "modules/groupbuy/groupbuy.h"
#include "modules/idempotency/idempotency.h"
#include "modules/identity/identity.h"
#include "modules/imports/imports.h"
#include "modules/inventory/inventory.h"
#include "modules/moments/moments.h"
#include "modules/order/order.h"
#include "modules/outreach/outreach.h"
#include "modules/payment/payment.h"
#include "modules/presale/presale.h"
#include "modules/pricing/promotions.h"
#include "modules/reminders/reminders.h"
#include "modules/sms/sms.h"
#include "modules/tags/segment_index.h"
#include "modules/tags/tags.h"
#include "modules/votes/votes.h"
#include "modules/vouchers/vouchers.h"
#include "modules/webhooks/webhooks.h"
#include "workflows/attribution/attribution_flows.h"
#include "workflows/customers/customer_facts_source.h"
#include "workflows/customers/customer_flows.h"
#include "workflows/customers/customer_import.h"
#include "workflows/events/event_kinds.h"
#include "workflows/groupbuy/groupbuy_flows.h"
#include "workflows/moments/moment_flows.h"
#include "workflows/outreach/outreach_flows.h"
#include "workflows/presale/presale_flows.h"
#include "workflows/reminders/reminder_flows.h"
#include "workflows/tags/segment_flows.h"
#include "workflows/tags/tag_rules.h"
#include "workflows/vouchers/voucher_flows.h"

namespace weishang::cli {
namespace {

using api::Router;
using api::Services;

// Route tables of the modules whose services live in workflows::Modules.
template <void (*add)(Router&, Services&)>
void Routes(Installed& out) {
  out.routes.push_back([](Router& r, Services& s) { add(r, s); });
}

void InstallSystem(Wiring&, Installed& out) { Routes<api::AddSystemRoutes>(out); }

void InstallIdentity(Wiring&, Installed& out) {
  Routes<api::AddAuthRoutes>(out);
  Routes<api::AddShopRoutes>(out);
}

void InstallIdempotency(Wiring&, Installed& out) {
  for (auto& job : workflows::IdempotencyJobs()) out.jobs.push_back(std::move(job));
}

void InstallCatalog(Wiring&, Installed& out) {
  Routes<api::AddCatalogRoutes>(out);
  Routes<api::AddStoreCatalogRoutes>(out);
  Routes<api::AddStoreShareRoutes>(out);
}

void InstallPricing(Wiring&, Installed& out) { Routes<api::AddPromotionRoutes>(out); }

void InstallOrder(Wiring&, Installed& out) {
  Routes<api::AddOrderRoutes>(out);
  Routes<api::AddStoreOrderRoutes>(out);
  for (auto& job : workflows::OrderJobs()) out.jobs.push_back(std::move(job));
}

void InstallPayment(Wiring&, Installed& out) { Routes<api::AddStorePaymentRoutes>(out); }

void InstallAftersales(Wiring&, Installed& out) {
  Routes<api::AddAftersalesRoutes>(out);
  Routes<api::AddStoreAftersalesRoutes>(out);
}

// Endpoints and deliveries (console routes), the handler that queues a
// delivery per event, and the job that posts them.
void InstallWebhooks(Wiring& w, Installed& out) {
  auto& service =
      w.Own(std::make_shared<webhooks::WebhookService>(w.clock, w.ids, workflows::EventKinds()));
  auto& poster = w.Own(std::shared_ptr<webhooks::Poster>(webhooks::MakeCurlPoster()));
  out.routes.push_back(
      [&service](Router& r, Services& s) { api::AddWebhookRoutes(r, s, service); });
  out.handlers.push_back(workflows::WebhookHandler(service, w.modules));
  const Clock& clock = w.clock;
  workflows::WebhookOptions options = w.webhooks;
  out.jobs.push_back(workflows::Job{
      "send_webhooks",
      [&service, &poster, &clock, options](storage::Database& db, workflows::Modules&, Timestamp) {
        return workflows::SendDueWebhooks(db, service, poster, clock, options);
      }});
}

// Imports: uploaded files worked through by a timed job. Customers are the
// one kind so far (friend lists, marketplace orders); their routes come
// before the customers' so that /admin/v1/customers/imports is no customer id.
void InstallImports(Wiring& w, Installed& out) {
  auto& imports = w.Own(std::make_shared<imports::ImportService>(w.clock, w.ids));
  out.routes.push_back(
      [&imports](Router& r, Services& s) { api::AddCustomerImportRoutes(r, s, imports); });
  out.jobs.push_back(workflows::CustomerImportJob(imports));
}

// Customers: the handler that recognises every order's buyer and keeps
// their facts in step with their orders, and ownership_routes (custom
// fields, assignment, handovers, the audit log). The console's customer
// routes filter by tag and segment, so InstallTags installs them.
void InstallCustomers(Wiring& w, Installed& out) {
  Routes<api::AddOwnershipRoutes>(out);
  out.handlers.push_back(workflows::CustomerHandler(w.modules.customers, w.modules));
}

// Customer sign-in and the store's "me" pages: the SMS code service (its
// provider is the sandbox while the sandbox is on; none otherwise, and codes
// answer sms.no_provider), no WeChat provider until the real adapter lands
// (auth/wechat answers accounts.wechat_unavailable), the routes, and the
// handler moving a merged customer's address book to the record kept.
void InstallAccounts(Wiring& w, Installed& out) {
  bool sandbox_on = w.modules.payments.sandbox_enabled();
  auto& sandbox = w.Own(std::make_shared<sms::SandboxSmsProvider>(w.clock, w.ids));
  auto& codes =
      w.Own(std::make_shared<sms::CodeService>(w.clock, w.ids, sandbox_on ? &sandbox : nullptr));
  workflows::SignInWiring wiring{codes, sandbox_on ? &sandbox : nullptr, nullptr};
  out.routes.push_back(
      [wiring](Router& r, Services& s) { api::AddStoreAccountRoutes(r, s, wiring); });
  out.handlers.push_back(workflows::AccountsHandler(w.modules));
}

// CRM work: interactions, tasks and the task inbox (console routes).
void InstallCrm(Wiring&, Installed& out) { Routes<api::AddCrmRoutes>(out); }

// The address parser and the division tree (no tables): the checkout form's
// paste box and region picker.
void InstallAddress(Wiring&, Installed& out) { Routes<api::AddStoreAddressRoutes>(out); }

// Tags and segments: the records, this node's segment bitmaps (following
// the outbox on every node), the customers' facts they are built from, the
// rule handler and the rule job, and the console routes (with the
// customers', which read the tags).
void InstallTags(Wiring& w, Installed& out) {
  auto& tags = w.Own(std::make_shared<tags::TagService>(w.clock, w.ids));
  auto& facts = w.Own(std::make_shared<workflows::CustomerFactsSource>(w.modules));
  auto& index = w.Own(std::make_shared<tags::SegmentIndex>(w.db, facts, tags));
  auto& wiring = w.Own(
      std::make_shared<workflows::TagWiring>(workflows::TagWiring{tags, index, facts, w.clock}));
  w.tags = &wiring;
  out.routes.push_back([&wiring](Router& r, Services& s) {
    api::AddCustomerRoutes(r, s, wiring);
    api::AddTagRoutes(r, s, wiring);
    api::AddSegmentRoutes(r, s, wiring);
    api::AddPrivacyRoutes(r, s, wiring);
  });
  out.handlers.push_back(workflows::TagRulesHandler(tags, facts, w.clock));
  out.jobs.push_back(workflows::TagRulesJob(tags, facts));
  out.node_tasks.push_back(
      NodeTask{"segment_index", [&index] { return index.Start(); }, [&index] { index.Stop(); }});
}

// Repurchase reminders and care plans: the module's service, the console
// routes (cycles, report, care plans), the handler keeping supplies and
// dates from the customers' events, and the two jobs making the tasks.
void InstallReminders(Wiring& w, Installed& out) {
  auto& service = w.Own(std::make_shared<reminders::ReminderService>(w.clock));
  out.routes.push_back(
      [&service](Router& r, Services& s) { api::AddReminderRoutes(r, s, service); });
  out.handlers.push_back(workflows::RemindersHandler(service, w.modules));
  for (auto& job : workflows::ReminderJobs(service)) out.jobs.push_back(std::move(job));
}

// Reports across modules (queries/): the console's dashboard.
void InstallReports(Wiring&, Installed& out) { Routes<api::AddReportRoutes>(out); }

// Outreach: campaigns to saved segments under a contact budget (console
// routes), the store message centre, and the job sending due campaigns. SMS
// goes through the sandbox provider while the sandbox is on (none
// otherwise: an SMS campaign answers outreach.channel_unavailable); no WeCom
// adapter exists yet. Needs the tags' wiring, so it installs after them.
void InstallOutreach(Wiring& w, Installed& out) {
  auto& service = w.Own(std::make_shared<outreach::OutreachService>(w.clock, w.ids));
  auto& sandbox = w.Own(std::make_shared<sms::SandboxSmsProvider>(w.clock, w.ids));
  bool sandbox_on = w.modules.payments.sandbox_enabled();
  auto& wiring = w.Own(std::make_shared<workflows::OutreachWiring>(
      workflows::OutreachWiring{service, *w.tags, sandbox_on ? &sandbox : nullptr, nullptr}));
  out.routes.push_back([&wiring](Router& r, Services& s) {
    api::AddOutreachRoutes(r, s, wiring);
    api::AddStoreMessageRoutes(r, s, wiring);
  });
  out.jobs.push_back(workflows::OutreachJob(wiring));
}

// The micro-store's and the console's pages and assets (Services.config.web).
void InstallWeb(Wiring&, Installed& out) { Routes<api::AddWebRoutes>(out); }

// Moments (朋友圈): posts shown by segment (the tags module's objects), the
// console's and the store's routes, and the handler attributing paid orders
// to the post whose product the buyer tapped.
void InstallMoments(Wiring& w, Installed& out) {
  auto& posts = w.Own(std::make_shared<moments::MomentsService>(w.clock, w.ids));
  auto& wiring =
      w.Own(std::make_shared<workflows::MomentsWiring>(workflows::MomentsWiring{posts, *w.tags}));
  out.routes.push_back([&wiring](Router& r, Services& s) { api::AddMomentRoutes(r, s, wiring); });
  out.handlers.push_back(workflows::MomentsHandler(wiring));
}

// Attribution: share codes, visits, what brought each customer and the
// touch each order is credited to; the handler following credited orders'
// payments and refunds and customers' merges.
void InstallAttribution(Wiring& w, Installed& out) {
  Routes<api::AddAttributionRoutes>(out);
  out.handlers.push_back(workflows::AttributionHandler(w.modules));
}

// Growth (fission arithmetic, no tables): the super-user ranking over the
// customers' referral edges and the voucher campaign simulation.
void InstallGrowth(Wiring&, Installed& out) { Routes<api::AddGrowthRoutes>(out); }

// Group buys (拼团): campaigns at group prices, groups filled by paid
// members, the console's and the store's routes, the handler moving members
// on order.paid / order.cancelled and the job expiring unfilled groups.
void InstallGroupbuy(Wiring& w, Installed& out) {
  auto& groups = w.Own(std::make_shared<groupbuy::GroupbuyService>(w.clock, w.ids));
  auto& wiring =
      w.Own(std::make_shared<workflows::GroupbuyWiring>(workflows::GroupbuyWiring{groups}));
  out.routes.push_back([&wiring](Router& r, Services& s) { api::AddGroupbuyRoutes(r, s, wiring); });
  out.handlers.push_back(workflows::GroupbuyHandler(wiring));
  for (auto& job : workflows::GroupbuyJobs(wiring)) out.jobs.push_back(std::move(job));
}

// Share vouchers (分享券): campaigns, vouchers passed on by paying buyers and
// claimed by new friends, the console's and the store's routes, and the
// handler redeeming vouchers and passing them on (customer.purchased) or
// giving them back (order.cancelled).
void InstallVouchers(Wiring& w, Installed& out) {
  auto& service = w.Own(std::make_shared<vouchers::VoucherService>(w.clock, w.ids));
  auto& wiring =
      w.Own(std::make_shared<workflows::VoucherWiring>(workflows::VoucherWiring{service}));
  out.routes.push_back([&wiring](Router& r, Services& s) { api::AddVoucherRoutes(r, s, wiring); });
  out.handlers.push_back(workflows::VoucherHandler(w.modules, wiring));
}

// Pre-sales (预售) and fan votes (C2B): pre-sales by interest with deposit
// or full-payment orders, votes whose winners become pre-sales; the
// console's and the store's routes, the handler moving pre-sale orders on
// order.paid / order.cancelled, and the jobs asking for balances and
// releasing unpaid deposits. Store messages go through an outreach service
// of its own (stateless).
void InstallPresale(Wiring& w, Installed& out) {
  auto& sales = w.Own(std::make_shared<presale::PresaleService>(w.clock, w.ids));
  auto& ballots = w.Own(std::make_shared<votes::VoteService>(w.clock, w.ids));
  auto& messages = w.Own(std::make_shared<outreach::OutreachService>(w.clock, w.ids));
  auto& wiring = w.Own(std::make_shared<workflows::PresaleWiring>(
      workflows::PresaleWiring{sales, ballots, messages}));
  out.routes.push_back([&wiring](Router& r, Services& s) {
    api::AddPresaleRoutes(r, s, wiring);
    api::AddVoteRoutes(r, s, wiring);
  });
  out.handlers.push_back(workflows::PresaleHandler(wiring));
  for (auto& job : workflows::PresaleJobs(wiring)) out.jobs.push_back(std::move(job));
}

}  // namespace

const std::vector<ModuleDescriptor>& AllModules() {
  static const std::vector<ModuleDescriptor> kModules = {
      {"system", nullptr, InstallSystem},
      {"events", &events::SchemaMigrations, nullptr},
      {"identity", &identity::SchemaMigrations, InstallIdentity},
      {"idempotency", &idempotency::SchemaMigrations, InstallIdempotency},
      {"catalog", &catalog::SchemaMigrations, InstallCatalog},
      {"inventory", &inventory::SchemaMigrations, nullptr},
      {"pricing", &pricing::SchemaMigrations, InstallPricing},
      {"order", &order::SchemaMigrations, InstallOrder},
      {"payment", &payment::SchemaMigrations, InstallPayment},
      {"aftersales", &aftersales::SchemaMigrations, InstallAftersales},
      {"webhooks", &webhooks::SchemaMigrations, InstallWebhooks},
      {"imports", &imports::SchemaMigrations, InstallImports},
      {"customers", &customers::SchemaMigrations, InstallCustomers},
      {"sms", &sms::SchemaMigrations, nullptr},
      {"accounts", &accounts::SchemaMigrations, InstallAccounts},
      {"audit", &audit::SchemaMigrations, nullptr},
      {"crm", &crm::SchemaMigrations, InstallCrm},
      {"address", nullptr, InstallAddress},
      {"tags", &tags::SchemaMigrations, InstallTags},
      {"reminders", &reminders::SchemaMigrations, InstallReminders},
      {"reports", nullptr, InstallReports},
      {"web", nullptr, InstallWeb},
      {"outreach", &outreach::SchemaMigrations, InstallOutreach},
      {"moments", &moments::SchemaMigrations, InstallMoments},
      {"attribution", &attribution::SchemaMigrations, InstallAttribution},
      {"growth", nullptr, InstallGrowth},
      {"groupbuy", &groupbuy::SchemaMigrations, InstallGroupbuy},
      {"vouchers", &vouchers::SchemaMigrations, InstallVouchers},
      {"votes", &votes::SchemaMigrations, nullptr},
      {"presale", &presale::SchemaMigrations, InstallPresale},
  };
  return kModules;
}

std::vector<storage::Migration> AllMigrations() {
  std::vector<storage::Migration> all;
  for (const auto& m : AllModules()) {
    if (m.migrations == nullptr) continue;
    const auto& list = m.migrations();
    all.insert(all.end(), list.begin(), list.end());
  }
  return all;
}

Installed InstallAll(Wiring& wiring) {
  Installed out;
  for (const auto& m : AllModules()) {
    if (m.install != nullptr) m.install(wiring, out);
  }
  return out;
}

}  // namespace weishang::cli
