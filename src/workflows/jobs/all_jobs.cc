#include "workflows/jobs/scheduler.h"

namespace weishang::workflows {

std::vector<Job> AllJobs() {
  return {};
}

}  // namespace weishang::workflows
