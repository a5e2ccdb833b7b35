#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"

namespace tmkit::cli {

std::string DefaultTmPath() {
  if (const char* explicit_path = std::getenv("TMKIT_TM"); explicit_path && *explicit_path) {
    return explicit_path;
  }
  std::string base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/.local/share";
  } else {
    base = ".";
  }
  return base + "/tmkit/default.tmkit";
}

void AddTmOption(CLI::App& app, std::string& tm_path) {
  tm_path = DefaultTmPath();
  app.add_option("--tm", tm_path, "translation memory file (SQLite)")->capture_default_str();
}

LanguageTag ParseLanguageOption(const std::string& flag, const std::string& value) {
  try {
    return LanguageTag(value);
  } catch (const ParseError& e) {
    throw UsageError(flag + ": " + e.what());
  }
}

std::string ReadInput(const std::string& path) {
  if (path.empty() || path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) throw IoError("cannot read standard input");
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open file", InputLocation{.file = path});
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw IoError("cannot read file", InputLocation{.file = path});
  return content;
}

}  // namespace tmkit::cli
