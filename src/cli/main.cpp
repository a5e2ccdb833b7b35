// tmkit: argv in, exit code out. Builds the verb table, parses, dispatches,
// and maps what was thrown to an exit code:
//   0 success · 1 a tmkit::Error (bad input, I/O, TM) · 2 a usage error ·
//   3 anything else, reported as an internal error (a bug).
#include <csignal>
#include <iostream>
#include <vector>

#include "cli/command.h"
#include "core/error.h"

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) must fail a write with EFBIG, which we
  // report, instead of killing the process with SIGXFSZ mid-import.
  std::signal(SIGXFSZ, SIG_IGN);
  using tmkit::cli::Command;
  CLI::App app{"tmkit: sentence alignment and translation memory toolkit", "tmkit"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("tmkit ") + TMKIT_VERSION);

  const std::vector<Command> commands = {
      tmkit::cli::MakeSegmentCommand(), tmkit::cli::MakeAlignCommand(),
      tmkit::cli::MakeImportCommand(),  tmkit::cli::MakeExportCommand(),
      tmkit::cli::MakeQueryCommand(),   tmkit::cli::MakeConcordanceCommand(),
      tmkit::cli::MakeStatsCommand(),   tmkit::cli::MakeReportCommand(),
  };
  std::vector<tmkit::cli::RunFunction> runs;
  for (const Command& command : commands) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    runs.push_back(command.setup(*sub));
  }

  std::string verb;
  try {
    app.parse(argc, argv);
    for (size_t i = 0; i < commands.size(); ++i) {
      if (app.got_subcommand(commands[i].name)) {
        verb = commands[i].name;
        return runs[i]();
      }
    }
    return 2;
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << app.version() << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    const CLI::App* failed = nullptr;
    for (const Command& command : commands) {
      if (app.got_subcommand(command.name)) failed = app.get_subcommand(command.name);
    }
    std::cerr << "tmkit: error: " << e.what() << "\n"
              << "see `tmkit" << (failed ? " " + failed->get_name() : std::string()) << " --help`\n";
    return 2;
  } catch (const tmkit::UsageError& e) {
    std::cerr << "tmkit: error: " << e.what() << "\nsee `tmkit " << verb << " --help`\n";
    return 2;
  } catch (const tmkit::Error& e) {
    std::cerr << "tmkit: error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "tmkit: internal error: " << e.what() << '\n';
    return 3;
  }
}
