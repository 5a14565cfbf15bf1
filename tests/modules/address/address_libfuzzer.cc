// libFuzzer entry for the address parser (built with clang's
// -fsanitize=fuzzer,address,undefined when clang++ is installed; see
// CMakeLists.txt). Any bytes must give an answer or one of the two errors.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "modules/address/address.h"
#include "modules/address/address_errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = weishang::address::Parse(text);
  if (!parsed && parsed.error().code != weishang::address::errors::kEmpty &&
      parsed.error().code != weishang::address::errors::kTooLong) {
    std::abort();
  }
  return 0;
}
