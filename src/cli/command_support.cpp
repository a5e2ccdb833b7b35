#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"
#include "text/unicode.h"

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

void EnsureParentDirectory(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) throw IoError("cannot create directory: " + error.message(), InputLocation{.file = parent.string()});
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
  // Sized once from the file's length (a pipe or a device reads on): a
  // string grown while reading peaks near twice the input.
  std::string content;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0 && in) {
    content.resize(static_cast<size_t>(size));
    in.read(content.data(), size);
    content.resize(static_cast<size_t>(in.gcount()));
  }
  in.clear();
  content.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) throw IoError("cannot read file", InputLocation{.file = path});
  return content;
}

TextInput ReadTextInput(const std::string& path, bool lenient) {
  TextInput input;
  input.name = path.empty() || path == "-" ? "<stdin>" : path;
  input.text = ReadInput(path);
  const std::string_view without_bom = text::SkipUtf8Bom(input.text);
  if (without_bom.size() != input.text.size()) input.text.erase(0, 3);
  if (lenient) {
    if (std::optional<size_t> bad = text::FindInvalidUtf8(input.text)) {
      // Still refuse UTF-16/32 and binaries: replacing their bytes would
      // give pages of U+FFFD, not a repaired text.
      const std::string repaired = text::ReplaceInvalidUtf8(input.text);
      text::CheckTextInput(repaired, {.file = input.name});
      const InputLocation where = text::LocateOffset(input.text, *bad, input.name);
      std::cerr << "tmkit: warning: " << where.ToString() << ": invalid UTF-8 at byte " << *bad
                << " (and maybe later) replaced with U+FFFD\n";
      input.text = repaired;
    }
  }
  text::CheckTextInput(input.text, {.file = input.name});
  return input;
}

void WarnIfScriptMismatch(const TextInput& input, const LanguageTag& language) {
  const std::string mismatch = text::DescribeScriptMismatch(input.text, language);
  if (!mismatch.empty()) std::cerr << "tmkit: warning: " << input.name << ": " << mismatch << '\n';
}

}  // namespace tmkit::cli
