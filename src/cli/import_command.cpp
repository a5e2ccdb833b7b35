#include <unistd.h>

#include <iostream>

#include "cli/command.h"
#include "cli/progress.h"
#include "core/error.h"
#include "pipeline/tmx_transfer.h"
#include "tm/store.h"

namespace tmkit::cli {
namespace {

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, size_t dropped) {
  for (const Diagnostic& d : diagnostics) std::cerr << "tmkit: warning: " << d.ToString() << '\n';
  if (dropped > 0) std::cerr << "tmkit: warning: " << dropped << " more problems not shown\n";
}

}  // namespace

Command MakeImportCommand() {
  return {"import", "import TMX files into the translation memory", [](CLI::App& app) -> RunFunction {
            struct State {
              std::vector<std::string> files;
              std::string tm_path;
              std::string on_duplicate = "skip";
              bool strict = false;
            };
            auto state = std::make_shared<State>();
            app.add_option("files", state->files, "TMX files (any TMX 1.1-1.4b, UTF-8 or UTF-16)")->required();
            AddTmOption(app, state->tm_path);
            app.add_option("--on-duplicate", state->on_duplicate,
                           "a source already stored with another translation: skip (keep the stored one), "
                           "overwrite, or keep-both")
                ->check(CLI::IsMember({"skip", "overwrite", "keep-both"}))
                ->capture_default_str();
            app.add_flag("--strict", state->strict,
                         "fail the whole import on the first bad unit (default: skip and report it)");
            return [state]() {
              const tm::OnDuplicate policy = state->on_duplicate == "overwrite" ? tm::OnDuplicate::kOverwrite
                                             : state->on_duplicate == "keep-both" ? tm::OnDuplicate::kKeepBoth
                                                                                 : tm::OnDuplicate::kSkip;
              EnsureParentDirectory(state->tm_path);
              tm::Store store = tm::Store::Open(state->tm_path);
              ProgressBar progress("import");
              pipeline::ImportTmxOptions options{.on_duplicate = policy, .strict = state->strict};
              if (progress.enabled()) {
                options.progress = [&progress](uint64_t done, uint64_t total) { progress.Update(done, total); };
              }
              const pipeline::ImportTmxReport report = pipeline::ImportTmx(state->files, store, options);
              progress.Done();
              size_t read = 0;
              size_t skipped = 0;
              for (const pipeline::FileImportReport& file : report.files) {
                read += file.read.units_read;
                skipped += file.read.units_skipped;
                PrintDiagnostics(file.read.diagnostics, file.read.diagnostics_dropped);
              }
              PrintDiagnostics(report.store.diagnostics, 0);
              std::cout << "units read: " << read + skipped << "\n"
                        << "stored: " << report.store.units_stored << "\n"
                        << "duplicates: " << report.store.duplicates << "\n"
                        << "skipped: " << skipped + report.store.units_skipped << "\n"
                        << "tm: " << state->tm_path << "\n";
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
