#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

Command MakeImportCommand() {
  return {"import", "import TMX files into the translation memory", [](CLI::App& app) -> RunFunction {
            app.allow_extras();
            return []() -> int {
              throw Error("`tmkit import` is not implemented yet (issue 4)");
            };
          }};
}

}  // namespace tmkit::cli
