#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

Command MakeStatsCommand() {
  return {"stats", "show what the translation memory holds", [](CLI::App& app) -> RunFunction {
            app.allow_extras();
            return []() -> int {
              throw Error("`tmkit stats` is not implemented yet (issue 6)");
            };
          }};
}

}  // namespace tmkit::cli
