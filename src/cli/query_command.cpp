#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

Command MakeQueryCommand() {
  return {"query", "find exact and fuzzy matches for a sentence", [](CLI::App& app) -> RunFunction {
            app.allow_extras();
            return []() -> int {
              throw Error("`tmkit query` is not implemented yet (issue 6)");
            };
          }};
}

}  // namespace tmkit::cli
