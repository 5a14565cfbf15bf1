#include "cli/node.h"

#include "core/log.h"

namespace weishang::cli {

bool IsPostgresUrl(const std::string& db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

Result<Node> JoinNodes(const StoreOptions& store, std::function<void()> on_lost) {
  Node node;
  if (!IsPostgresUrl(store.db)) {
    node.id = std::max(store.node_id, 0);  // one process owns a SQLite file
    return node;
  }
  std::optional<int> wanted;
  if (store.node_id >= 0) wanted = store.node_id;
  auto locks = storage::PgNodeLocks::Open(store.db, wanted, std::move(on_lost));
  if (!locks) return Fail(locks.error());
  node.id = (*locks)->node_id();
  node.locks = std::move(*locks);
  LogInfo("holding node id " + std::to_string(node.id));
  return node;
}

Result<void> Node::ShareCache(const StoreOptions& store, MerchantCache& cache) {
  if (!IsPostgresUrl(store.db)) return {};
  auto opened = storage::PgChangeFeed::Open(
      store.db, [&cache](std::int64_t merchant) { cache.InvalidateLocally(MerchantId(merchant)); });
  if (!opened) return Fail(opened.error());
  feed = std::move(*opened);
  cache.SetPublisher([f = feed.get()](MerchantId merchant) { f->Publish(merchant.value()); });
  return {};
}

void Node::Leave() {
  if (feed) feed->Close();
  if (locks) locks->Close();
}

}  // namespace weishang::cli
