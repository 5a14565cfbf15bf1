#include "workflows/jobs/scheduler.h"

#include "core/log.h"

namespace weishang::workflows {
namespace {

Counter& JobCounter(const char* name, const char* help, const std::string& labels) {
  return Metrics::Global().GetCounter(name, help, labels);
}

}  // namespace

Scheduler::Scheduler(storage::Database& db, Modules& modules, const Clock& clock,
                     std::vector<Job> jobs, SchedulerOptions options)
    : db_(db),
      modules_(modules),
      clock_(clock),
      options_(options),
      jobs_(std::move(jobs)),
      loop_("ws-jobs", options.interval, [this] { RunOnce(); }) {
  for (const Job& job : jobs_) {
    std::string label = "job=\"" + job.name + "\"";
    series_.push_back(Series{
        &JobCounter("weishang_job_ticks_total", "Ticks of a timed job run on this node", label),
        &JobCounter("weishang_job_ticks_skipped_total",
                    "Ticks of a timed job skipped because another node was running it", label),
        &JobCounter("weishang_job_rows_total", "Due rows a timed job handled on this node",
                    label + ",outcome=\"handled\""),
        &JobCounter("weishang_job_rows_total", "Due rows a timed job handled on this node",
                    label + ",outcome=\"conflict\""),
    });
  }
}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() { loop_.Start(); }

void Scheduler::Stop() { loop_.Stop(); }

void Scheduler::RunOnce() {
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    const Job& job = jobs_[i];
    const Series& series = series_[i];
    if (options_.locks == nullptr) {
      Tick(job, series);
      continue;
    }
    auto ran = options_.locks->RunExclusively("job:" + job.name, [&] { Tick(job, series); });
    if (!ran) {
      LogWarn("job " + job.name + " not run: " + ran.error().code + ": " + ran.error().message);
    } else if (!*ran) {
      series.skipped->Add();
    }
  }
}

void Scheduler::Tick(const Job& job, const Series& series) {
  series.ticks->Add();
  auto tally = job.run(db_, modules_, clock_.Now());
  if (!tally) {
    LogError("job " + job.name + " failed: " + tally.error().code + ": " + tally.error().message);
    return;
  }
  series.handled->Add(static_cast<std::uint64_t>(tally->handled));
  series.conflicts->Add(static_cast<std::uint64_t>(tally->conflicts));
  if (tally->handled > 0 || tally->conflicts > 0) {
    LogInfo("job " + job.name + " handled " + std::to_string(tally->handled) +
            (tally->conflicts > 0 ? ", " + std::to_string(tally->conflicts) + " taken first" : ""));
  }
}

}  // namespace weishang::workflows
