// The hand-written phenomenon suite: tests/data/segment/cases/<lang>.txt, one
// case per "=== <language> <phenomenon>" block (format in
// docs/segmentation.md). Every case is its own ctest; one more test prints
// the per-language accuracy table that docs/segmentation.md quotes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "segment/segmenter.h"
#include "tests/segment_test_util.h"
#include "tests/support/test_support.h"

namespace tmkit::segment {
namespace {

struct Case {
  std::string language;
  std::string name;
  std::string input;
  std::vector<std::string> expected;  // sentences; "" between paragraphs
};

// Names the case in gtest's messages instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.language << " " << c.name; }

std::vector<Case> LoadCases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(testing::TestDataPath("segment/cases"))) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& file : files) {
    std::istringstream in(testing::ReadFile(file));
    std::string line;
    Case* current = nullptr;
    bool in_expected = false;
    std::vector<std::string> input_lines;
    auto finish = [&] {
      if (current == nullptr) return;
      std::string input;
      for (size_t i = 0; i < input_lines.size(); ++i) input += (i ? "\n" : "") + input_lines[i];
      current->input = input;
      while (!current->expected.empty() && current->expected.back().empty()) current->expected.pop_back();
      input_lines.clear();
    };
    while (std::getline(in, line)) {
      if (line.rfind("=== ", 0) == 0) {
        finish();
        std::istringstream header(line.substr(4));
        Case c;
        header >> c.language >> c.name;
        cases.push_back(c);
        current = &cases.back();
        in_expected = false;
      } else if (current == nullptr) {
        continue;  // comments before the first case
      } else if (line == "---" && !in_expected) {
        in_expected = true;
      } else if (in_expected) {
        if (!(line.empty() && (current->expected.empty() || current->expected.back().empty()))) {
          current->expected.push_back(line);
        }
      } else {
        input_lines.push_back(line);
      }
    }
    finish();
  }
  return cases;
}

const std::vector<Case>& AllCases() {
  static const std::vector<Case> cases = LoadCases();
  return cases;
}

// The built-in rules, or (icu_alone) an SRX file without rules: ICU's
// boundaries with our paragraph and list handling, the baseline the table
// compares with.
Segmenter& SegmenterFor(const std::string& language, bool icu_alone = false) {
  static std::map<std::string, std::unique_ptr<Segmenter>> segmenters;
  static testing::ScopedTempDir dir;
  auto& slot = segmenters[language + (icu_alone ? "/icu" : "")];
  if (!slot) {
    SegmenterOptions options{.language = LanguageTag(language)};
    if (icu_alone) {
      options.srx_path = (dir / "empty.srx").string();
      testing::WriteFile(options.srx_path, "<srx version=\"2.0\"><body/></srx>");
    }
    slot = std::make_unique<Segmenter>(options);
  }
  return *slot;
}

// Sentences as the CLI prints them: line breaks inside a sentence as one space,
// "" between paragraphs.
std::vector<std::string> SegmentCaseInput(const Case& c, bool icu_alone = false) {
  std::vector<std::string> out;
  const std::vector<Segment> segments = SegmenterFor(c.language, icu_alone).Split(c.input);
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0 && segments[i].paragraph != segments[i - 1].paragraph) out.emplace_back();
    // A line break and the white space around it compare as one space.
    std::string text;
    for (size_t k = 0; k < segments[i].text.size(); ++k) {
      const char ch = segments[i].text[k];
      if (ch != '\n' && ch != '\r') {
        text += ch;
        continue;
      }
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
      while (k + 1 < segments[i].text.size() && std::isspace(static_cast<unsigned char>(segments[i].text[k + 1]))) ++k;
      text += ' ';
    }
    out.push_back(text);
  }
  return out;
}

class SegmentCase : public ::testing::TestWithParam<Case> {};

TEST_P(SegmentCase, SplitsAsExpected) {
  const Case& c = GetParam();
  EXPECT_EQ(SegmentCaseInput(c), c.expected) << "input:\n" << c.input;
}

INSTANTIATE_TEST_SUITE_P(Cases, SegmentCase, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name = param_info.param.language + "_" + param_info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

// Prints the table for docs/segmentation.md, and holds the suite to its
// promised size: at least 200 cases over at least 10 languages.
TEST(SegmentCases, ReportsPerLanguageAccuracy) {
  struct Counts {
    int correct = 0;
    int icu_alone = 0;
    int total = 0;
  };
  std::map<std::string, Counts> by_language;
  Counts all;
  for (const Case& c : AllCases()) {
    Counts& counts = by_language[c.language];
    const int correct = SegmentCaseInput(c) == c.expected;
    const int icu = SegmentCaseInput(c, /*icu_alone=*/true) == c.expected;
    for (Counts* k : {&counts, &all}) {
      k->correct += correct;
      k->icu_alone += icu;
      ++k->total;
    }
  }
  std::ostringstream table;
  table.precision(1);
  table << std::fixed << "| language | cases | tmkit | ICU alone |\n|---|---|---|---|\n";
  auto row = [&table](const std::string& name, const Counts& k) {
    table << "| " << name << " | " << k.total << " | " << k.correct << " (" << 100.0 * k.correct / k.total << "%) | "
          << k.icu_alone << " (" << 100.0 * k.icu_alone / k.total << "%) |\n";
  };
  for (const auto& [language, counts] : by_language) row(language, counts);
  row("all", all);
  std::cout << table.str();
  EXPECT_GE(all.total, 200);
  EXPECT_GE(by_language.size(), 10u);
}

}  // namespace
}  // namespace tmkit::segment
