// Pre-sales and fan votes across modules: a pre-sale checked against the
// catalog; interest; orders paid in full or by deposit (each a normal order
// placed through checkout at the pre-sale's price or deposit, set per line
// here); the balance order a deposit asks for; the order events that move
// pre-sale orders; the timed jobs that ask for balances (a store message)
// and release unpaid deposits (refunded in full, stock back); the stock
// recommendation; and votes whose winners become pre-sale products in one
// step, their voters credited on their profile and told in the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/dispatcher.h"
#include "modules/outreach/outreach.h"
#include "modules/presale/presale.h"
#include "modules/votes/votes.h"
#include "workflows/checkout/checkout.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The pre-sale and vote modules' objects (and the outreach service the
// store messages are delivered through), built once by the registry.
struct PresaleWiring {
  presale::PresaleService& sales;
  votes::VoteService& votes;
  outreach::OutreachService& outreach;
};

struct PresalePriceRequest {
  SkuId sku_id;
  Fen price = 0;
};

struct PresaleRequest {
  ProductId product_id;
  std::string title;
  std::string image_url;
  std::vector<PresalePriceRequest> prices;
  std::optional<Fen> deposit;
  std::optional<std::int64_t> quantity;
  int per_customer_limit = 5;
  Timestamp interest_starts_at = 0, order_starts_at = 0, order_ends_at = 0;
  std::optional<Timestamp> balance_starts_at, balance_ends_at;
  Timestamp ship_at = 0;
  std::optional<VoteCandidateId> candidate;
  bool attribution_campaign = true;  // also a growth campaign (kind presale) for its links
};

// Checks the product (catalog.product_not_found) and its SKUs
// (presale.sku_not_in_presale), takes each SKU's list price, creates the
// pre-sale (presale.invalid_field) and, when asked, the attribution
// campaign of kind presale whose links credit it.
Result<presale::Presale> CreatePresale(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                       MerchantId merchant, const PresaleRequest& in);

// A signed-in customer's interest, once. Returns the pre-sale after it and
// whether this call added it.
struct InterestOutcome {
  presale::Presale sale;
  bool added = false;
};
Result<InterestOutcome> RegisterPresaleInterest(storage::Tx& tx, PresaleWiring& w,
                                                MerchantId merchant, PresaleId id,
                                                CustomerId customer, presale::InterestKind kind);

struct PresaleOrderRequest {
  MerchantId merchant_id;
  PresaleId presale_id;
  SkuId sku_id;
  std::int64_t quantity = 1;
  presale::Payment payment = presale::Payment::kFull;
  order::Buyer buyer;
  CustomerId customer;
  std::string visitor;
};

struct PreparedPresaleOrder {
  PreparedOrder order;
  presale::Presale sale;
  PresaleOrderRequest req;
};

// Phase 1 (read): the pre-sale (presale.not_found, presale.not_open), the
// SKU (presale.sku_not_in_presale), the deposit (presale.no_deposit) and
// the order priced by checkout at the pre-sale price or the deposit.
Result<PreparedPresaleOrder> PreparePresaleOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                                 const PresaleOrderRequest& req, Timestamp now);

struct PresaleOrderPlaced {
  presale::PresaleOrder entry;
  order::Order order;  // pending payment, with its token
};

// Phase 2 (write, one unit): takes the units (presale.not_open, sold_out,
// limit_reached), places the order (stock taken) and records it.
Result<PresaleOrderPlaced> CommitPresaleOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                              const PreparedPresaleOrder& p);

// The balance order of a paid deposit order of `customer`: in the balance
// period (presale.balance_not_open), while awaiting it (presale.balance_not_due),
// none pending already (presale.balance_order_pending). One order for the
// same SKU and quantity at (price - deposit) per unit, to the deposit
// order's address, taking no stock (the deposit order holds the units),
// payable until the period ends.
struct PreparedBalance {
  PreparedOrder order;
  presale::PresaleOrder entry;
  presale::Presale sale;
};
Result<PreparedBalance> PrepareBalanceOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                            MerchantId merchant, OrderId deposit_order,
                                            CustomerId customer, Timestamp now);
Result<PresaleOrderPlaced> CommitBalanceOrder(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                              const PreparedBalance& p);

// Releases a deposit order whose balance period ended unpaid, once: a
// balance paid but not yet handled counts as paid instead; otherwise the
// pending balance order is cancelled, the deposit refunded in full through
// the payment provider, the units put back on the shelf and the order
// closed. presale.already_settled for a second caller.
Result<presale::PresaleOrder> ReleaseUnpaidDeposit(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                                   MerchantId merchant, OrderId order);

// Asks every customer of `sale` holding a paid deposit for the balance: a
// service message in their store message centre. Once per pre-sale.
Result<std::int64_t> SendBalanceNotices(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                        MerchantId merchant, PresaleId sale);

// "presale_balance_notices" and "release_unpaid_presale_deposits".
std::vector<Job> PresaleJobs(PresaleWiring& w);

// order.paid / order.cancelled -> the pre-sale order's state.
events::Handler PresaleHandler(PresaleWiring& w);

// The console's pre-sale page: the pre-sale, its product's title, its
// latest orders, latest interest and the stock recommendation.
struct PresaleDetail {
  presale::Presale sale;
  std::string product_title;
  std::vector<presale::PresaleOrder> orders;
  std::vector<presale::Interest> interests;
  presale::Recommendation recommendation;
};
Result<PresaleDetail> LoadPresaleDetail(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                        MerchantId merchant, PresaleId id);

// The store's pre-sale page: the pre-sale with its product, and the viewer's
// interest and orders.
struct StorePresale {
  presale::Presale sale;
  catalog::Product product;
  std::optional<presale::Interest> interest;
  std::vector<presale::PresaleOrder> mine;
};
Result<StorePresale> LoadStorePresale(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                      MerchantId merchant, PresaleId id,
                                      std::optional<CustomerId> viewer);

// --- votes ---

// Creates the vote and, when asked, its attribution campaign (kind vote).
Result<votes::Vote> CreateVote(storage::Tx& tx, Modules& m, PresaleWiring& w, MerchantId merchant,
                               const votes::VoteInput& in, bool attribution_campaign);

// A winner turned into a pre-sale.
struct WinnerRequest {
  VoteCandidateId candidate;
  Fen price = 0;  // the new product's price and the pre-sale price
  std::optional<Fen> deposit;
  std::optional<std::int64_t> quantity;  // also the new SKU's stock; none: 0 stock set
};
struct ConvertRequest {
  std::vector<WinnerRequest> winners;
  int per_customer_limit = 5;
  Timestamp interest_starts_at = 0, order_starts_at = 0, order_ends_at = 0;
  std::optional<Timestamp> balance_starts_at, balance_ends_at;
  Timestamp ship_at = 0;
  StaffId staff;  // who converted: the interaction's author
};
struct Converted {
  VoteCandidateId candidate;
  ProductId product_id;
  presale::Presale sale;
  std::int64_t voters_credited = 0;
};
// Each winner, in one unit: a product (on sale, one SKU at `price`, stock =
// quantity) made from the candidate's title and description unless it has
// one, its pre-sale (with the candidate's first picture), the candidate
// marked (votes.already_converted), each voter credited on their customer
// profile (an interaction note on the timeline) and told in their store
// message centre that the style they voted for opens. votes.not_found,
// votes.candidate_not_found, presale.invalid_field.
Result<std::vector<Converted>> ConvertWinners(storage::Tx& tx, Modules& m, PresaleWiring& w,
                                              MerchantId merchant, VoteId vote,
                                              const ConvertRequest& in);

}  // namespace weishang::workflows
