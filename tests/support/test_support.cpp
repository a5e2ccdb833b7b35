#include "tests/support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace tmkit::testing {

std::filesystem::path TestDataPath(const std::string& relative) {
  return std::filesystem::path(TMKIT_TEST_DATA_DIR) / relative;
}

std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(TMKIT_SOURCE_DIR) / relative;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

ScopedTempDir::ScopedTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tmkit-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScopedTempDir::~ScopedTempDir() {
  std::error_code ignored;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add,
                               ignored);
  std::filesystem::remove_all(path_, ignored);
}

uint32_t TextGenerator::Uniform(uint32_t low, uint32_t high) {
  return std::uniform_int_distribution<uint32_t>(low, high)(rng_);
}

std::string TextGenerator::Word() {
  // Syllables give pronounceable words with an English-like length spread.
  static constexpr std::array<const char*, 24> kSyllables = {
      "ka", "lo", "ri", "men", "ta", "sho", "ver", "an", "di", "pel", "qu", "or",
      "stra", "ne", "bi", "lu", "ton", "e", "sa", "mi", "gor", "in", "the", "ex"};
  std::string word;
  const uint32_t syllables = Uniform(1, 4);
  for (uint32_t i = 0; i < syllables; ++i) word += kSyllables[Uniform(0, kSyllables.size() - 1)];
  return word;
}

std::string TextGenerator::Sentence(int words) {
  std::string sentence;
  for (int i = 0; i < words; ++i) {
    if (i > 0) sentence += ' ';
    sentence += Word();
  }
  if (!sentence.empty()) sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
  sentence += '.';
  return sentence;
}

std::string TextGenerator::Sentence(int min_words, int max_words) {
  return Sentence(static_cast<int>(Uniform(static_cast<uint32_t>(min_words), static_cast<uint32_t>(max_words))));
}

ProgramRun RunProgram(const std::string& command_line, const std::string& stdin_text,
                      const std::filesystem::path& working_dir) {
  ScopedTempDir io;
  WriteFile(io / "stdin", stdin_text);
  std::string shell = working_dir.empty() ? "" : "cd '" + working_dir.string() + "' && ";
  shell += command_line + " <'" + (io / "stdin").string() + "' >'" + (io / "stdout").string() + "' 2>'" +
           (io / "stderr").string() + "'";
  const int status = std::system(shell.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(io / "stdout"), ReadFile(io / "stderr")};
}

}  // namespace tmkit::testing
