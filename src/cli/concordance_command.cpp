#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

Command MakeConcordanceCommand() {
  return {"concordance", "search the memory for a word or phrase", [](CLI::App& app) -> RunFunction {
            app.allow_extras();
            return []() -> int {
              throw Error("`tmkit concordance` is not implemented yet (issue 6)");
            };
          }};
}

}  // namespace tmkit::cli
