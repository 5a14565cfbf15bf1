// Every module's migrations, in dependency order.
#pragma once

#include <vector>

#include "storage/migrations.h"

namespace weishang::cli {

std::vector<storage::Migration> AllMigrations();

}  // namespace weishang::cli
