#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"
#include "pipeline/tmx_transfer.h"
#include "tm/store.h"

namespace tmkit::cli {

Command MakeExportCommand() {
  return {"export", "export the translation memory as TMX", [](CLI::App& app) -> RunFunction {
            struct State {
              std::string tm_path;
              std::vector<std::string> languages;
              std::string encoding = "utf-8";
              std::string output = "-";
            };
            auto state = std::make_shared<State>();
            AddTmOption(app, state->tm_path);
            app.add_option("--langs", state->languages,
                           "only units with a variant in each of these languages, and only those variants "
                           "(comma-separated, e.g. en,ko; en takes en-US too)")
                ->delimiter(',');
            app.add_option("--encoding", state->encoding, "utf-8 or utf-16 (with a byte order mark)")
                ->check(CLI::IsMember({"utf-8", "utf-16"}))
                ->capture_default_str();
            app.add_option("-o,--output", state->output, "the TMX file to write; - for stdout")->capture_default_str();
            return [state]() {
              pipeline::ExportTmxOptions options;
              for (const std::string& language : state->languages) {
                try {
                  options.languages.emplace_back(language);
                } catch (const ParseError& e) {
                  throw UsageError(std::string("--langs: ") + e.what());
                }
              }
              options.write.encoding =
                  state->encoding == "utf-16" ? tmx::WriteOptions::Encoding::kUtf16 : tmx::WriteOptions::Encoding::kUtf8;
              const tm::Store store = tm::Store::Open(
                  state->tm_path, {.create_if_missing = false, .read_only = true, .whole_scan = true});
              tmx::WriteReport report;
              if (state->output == "-") {
                report = pipeline::ExportTmx(store, std::cout, options);
                std::cout.flush();
                if (!std::cout) throw IoError("cannot write to standard output");
              } else {
                // A regular file is written beside the target and renamed at
                // the end, so a failed export never leaves a half-written file
                // under the real name. A device or a pipe (-o /dev/null, a
                // FIFO) is written in place: a rename would replace it.
                std::error_code ignored;
                const bool in_place = std::filesystem::exists(state->output, ignored) &&
                                      !std::filesystem::is_regular_file(state->output, ignored);
                const std::string target = in_place ? state->output : state->output + ".partial";
                {
                  std::ofstream out(target, std::ios::binary | std::ios::trunc);
                  if (!out) throw IoError("cannot open for writing", InputLocation{.file = target});
                  report = pipeline::ExportTmx(store, out, options);
                  out.close();
                  if (!out) throw IoError("cannot write (disk full?)", InputLocation{.file = target});
                }
                if (!in_place) {
                  std::error_code error;
                  std::filesystem::rename(target, state->output, error);
                  if (error) throw IoError("cannot rename " + target + ": " + error.message(),
                                           InputLocation{.file = state->output});
                }
              }
              std::cerr << "tmkit: exported " << report.units_written << " units";
              if (report.characters_dropped > 0) {
                std::cerr << " (" << report.characters_dropped << " characters not allowed in XML dropped)";
              }
              std::cerr << '\n';
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
