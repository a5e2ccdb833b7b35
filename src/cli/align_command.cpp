#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

Command MakeAlignCommand() {
  return {"align", "align a text and its translation into sentence pairs", [](CLI::App& app) -> RunFunction {
            app.allow_extras();
            return []() -> int {
              throw Error("`tmkit align` is not implemented yet (issue 5)");
            };
          }};
}

}  // namespace tmkit::cli
