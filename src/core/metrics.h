// Prometheus-style counters and histograms, kept in process memory and
// rendered as text by GET /metrics. Recording is lock-free (atomics);
// registering a new series takes a lock. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace weishang {

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double value);
  // Appends the _bucket, _sum and _count lines for `name{labels}`.
  void Render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // one per bound, plus +Inf
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down (a backlog, a lag), set by its owner.
class Gauge {
 public:
  void Set(std::int64_t v) { value_.store(v, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// The process-wide registry. Series live as long as the process, so the
// references it hands out never dangle.
class Metrics {
 public:
  static Metrics& Global();

  // `labels` is the inside of the braces, e.g. `route="/healthz",status="200"`.
  Counter& GetCounter(const std::string& name, const std::string& help, const std::string& labels);
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const std::string& labels, const std::vector<double>& bounds);
  Gauge& GetGauge(const std::string& name, const std::string& help, const std::string& labels);
  std::string Render() const;

 private:
  struct Family {
    std::string help;
    const char* type = "counter";
    std::map<std::string, std::unique_ptr<Counter>> counters;
    std::map<std::string, std::unique_ptr<Gauge>> gauges;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

// Latency buckets in seconds, 0.1 ms to 2.5 s.
const std::vector<double>& LatencyBuckets();

}  // namespace weishang
