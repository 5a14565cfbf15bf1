// JSON of the growth module: the simulation's input (decoded from a request
// body) and its projection (the route's answer and `weishang simulate
// fission --json`, one shape for both).
#pragma once

#include "core/json.h"
#include "modules/growth/simulation.h"

namespace weishang::api {

// The body of POST /admin/v1/growth/simulations: "redemption" and
// "conversion" required; "seeds" (30), "vouchers" (3), "days" (14), "runs"
// (1000), "seed" (42), "cost_per_redemption_fen" (0), "budget_fen" (none)
// and "delay" ([0.5, 0.3, 0.2]) optional. request.invalid_field for a value
// of the wrong type; ranges are growth::Validate's.
Result<growth::SimulationInput> DecodeSimulation(const json::object& body);

// The input as the projection ran it, and the projection.
json::object EncodeSimulation(const growth::SimulationInput& in, const growth::Projection& p);

}  // namespace weishang::api
