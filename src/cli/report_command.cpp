#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "core/error.h"
#include "report/review_page.h"

namespace tmkit::cli {

Command MakeReportCommand() {
  return {"report", "write the HTML review page of a saved alignment (tmkit align --format json)",
          [](CLI::App& app) -> RunFunction {
            struct State {
              std::string alignment;
              std::string output;
              double threshold = 0.9;
            };
            auto state = std::make_shared<State>();
            app.add_option("alignment", state->alignment, "alignment JSON, as `tmkit align --format json` writes it")
                ->required();
            app.add_option("-o,--output", state->output, "the HTML file to write")->required();
            app.add_option("--threshold", state->threshold, "flag beads under this confidence for review")
                ->check(CLI::Range(0.0, 1.0))
                ->capture_default_str();
            return [state]() {
              report::ReviewInput input = report::ReviewInputFromJson(ReadInput(state->alignment), state->alignment);
              input.review_threshold = state->threshold;
              std::ofstream out(state->output, std::ios::binary);
              if (!out) throw IoError("cannot open for writing", InputLocation{.file = state->output});
              try {
                report::WriteReviewPage(input, out);
              } catch (const IoError& e) {
                throw IoError(e.message(), InputLocation{.file = state->output});
              }
              out.close();
              if (!out) throw IoError("cannot write", InputLocation{.file = state->output});
              std::cerr << "tmkit: wrote " << state->output << " (" << input.beads.size() << " beads)\n";
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
