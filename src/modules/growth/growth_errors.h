// The growth module's stable error codes.
#pragma once

namespace weishang::growth::errors {

// A simulation input outside its range (the message names the field and the range).
inline constexpr char kInvalidSimulation[] = "growth.invalid_simulation";
// A simulation whose runs × days × (delay days + 2) exceed kMaxSimulationDraws (CPU guard).
inline constexpr char kSimulationTooLarge[] = "growth.simulation_too_large";
// A super-user ranking order other than customers or revenue.
inline constexpr char kInvalidRanking[] = "growth.invalid_ranking";

// A report period that is empty, reversed, longer than a year, or not a date.
inline constexpr char kInvalidPeriod[] = "growth.invalid_period";
// A report order other than the report's columns.
inline constexpr char kInvalidSort[] = "growth.invalid_sort";

}  // namespace weishang::growth::errors
