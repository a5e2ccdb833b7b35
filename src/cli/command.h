// The verbs of `tmkit`. Each verb lives in its own <verb>_command.cpp and
// offers one Make<Verb>Command() that main.cpp puts in its table. A verb turns
// flags into an options struct, calls one library or pipeline function, and
// prints the result: stdout carries results only, stderr diagnostics.
#ifndef TMKIT_CLI_COMMAND_H_
#define TMKIT_CLI_COMMAND_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "core/language.h"

namespace tmkit::cli {

// Runs a verb once its flags are parsed; returns the process exit code.
using RunFunction = std::function<int()>;

struct Command {
  std::string name;
  std::string summary;  // one line, shown by `tmkit --help`
  // Registers the verb's options on `app` (bound to state the returned
  // function captures) and returns the function that runs it.
  std::function<RunFunction(CLI::App& app)> setup;
};

Command MakeSegmentCommand();
Command MakeAlignCommand();
Command MakeImportCommand();
Command MakeExportCommand();
Command MakeQueryCommand();
Command MakeConcordanceCommand();
Command MakeStatsCommand();
Command MakeReportCommand();

// The TM path when --tm is absent: $TMKIT_TM if set, else
// $XDG_DATA_HOME/tmkit/default.tmkit, else ~/.local/share/tmkit/default.tmkit.
std::string DefaultTmPath();

// Adds the --tm option, defaulting to DefaultTmPath(), to `app`.
void AddTmOption(CLI::App& app, std::string& tm_path);

// Creates the directory that will hold `path` (e.g. the default TM's
// ~/.local/share/tmkit/) when it is missing. Throws IoError naming it.
void EnsureParentDirectory(const std::string& path);

// `value` as a language tag; throws UsageError "<flag>: <why>" when it is not one.
LanguageTag ParseLanguageOption(const std::string& flag, const std::string& value);

// Reads a whole file, or stdin for "-" or "". Throws IoError naming the path.
std::string ReadInput(const std::string& path);

// A text file read for segmenting or aligning.
struct TextInput {
  std::string name;  // the path, or "<stdin>"
  std::string text;  // UTF-8, without a leading byte order mark
};

// Reads FILE (stdin for "-" or "") as UTF-8 text. Throws ParseError naming
// the file when it is UTF-16/32, binary, or (unless `lenient`) not valid
// UTF-8; with `lenient`, invalid sequences become U+FFFD with a warning on
// stderr. Throws IoError when it cannot be read.
TextInput ReadTextInput(const std::string& path, bool lenient = false);

// Prints "tmkit: warning: NAME: the text is mostly in Latin script, but ko
// is written in ..." when the letters do not fit `language`.
void WarnIfScriptMismatch(const TextInput& input, const LanguageTag& language);

}  // namespace tmkit::cli

#endif  // TMKIT_CLI_COMMAND_H_
