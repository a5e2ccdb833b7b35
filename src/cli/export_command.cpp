#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

Command MakeExportCommand() {
  return {"export", "export the translation memory as TMX", [](CLI::App& app) -> RunFunction {
            app.allow_extras();
            return []() -> int {
              throw Error("`tmkit export` is not implemented yet (issue 4)");
            };
          }};
}

}  // namespace tmkit::cli
