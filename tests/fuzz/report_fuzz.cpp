// Fuzzes the saved-alignment reader and the review page writer: any bytes
// either are refused with a tmkit::Error or give a page.
#include <cstdint>
#include <sstream>
#include <string_view>

#include "core/error.h"
#include "report/review_page.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  try {
    const tmkit::report::ReviewInput input = tmkit::report::ReviewInputFromJson(json, "fuzz.json");
    std::ostringstream page;
    tmkit::report::WriteReviewPage(input, page);
    TMKIT_FUZZ_CHECK(page.str().find("</html>") != std::string::npos);
  } catch (const tmkit::Error&) {
  }
  return 0;
}
