// Helpers shared by tests/ and bench/: where the test data is, a scoped
// temporary directory, whole-file I/O, and seeded text generators.
#ifndef TMKIT_TESTS_SUPPORT_TEST_SUPPORT_H_
#define TMKIT_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace tmkit::testing {

// tests/data/<relative>, from the TMKIT_TEST_DATA_DIR compile definition
// (never the working directory).
std::filesystem::path TestDataPath(const std::string& relative);

// The repository root (samples/, docs/ ...).
std::filesystem::path SourcePath(const std::string& relative);

// Whole file as bytes. Throws std::runtime_error when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

// A fresh directory under the system temp dir, removed with its content when
// the object dies. Not copyable.
class ScopedTempDir {
 public:
  ScopedTempDir();
  ~ScopedTempDir();
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// What a program run by RunProgram did.
struct ProgramRun {
  int exit_code = -1;  // -1 when it did not exit normally (a signal)
  std::string out;
  std::string err;
};

// Runs `command_line` (shell words, e.g. the tmkit binary and its
// arguments) with `stdin_text` on its standard input, in `working_dir` when
// given, and returns its exit code and what it wrote to stdout and stderr.
ProgramRun RunProgram(const std::string& command_line, const std::string& stdin_text = "",
                      const std::filesystem::path& working_dir = {});

// Deterministic English-like words and sentences, for property tests and
// benchmarks. Same seed, same text.
class TextGenerator {
 public:
  explicit TextGenerator(uint32_t seed) : rng_(seed) {}

  std::string Word();
  // `words` words, capitalised, ending in ".".
  std::string Sentence(int words);
  // A sentence of a random length in [min_words, max_words].
  std::string Sentence(int min_words, int max_words);
  uint32_t Uniform(uint32_t low, uint32_t high);  // inclusive

 private:
  std::mt19937 rng_;
};

}  // namespace tmkit::testing

#endif  // TMKIT_TESTS_SUPPORT_TEST_SUPPORT_H_
