// Fuzzes lookup and concordance: any bytes as the query against a small TM.
// Query text is data, never syntax: the only allowed failure is a
// tmkit::Error (invalid UTF-8); matches must have scores in [0, 1], best
// first, and an exact match must score 1; concordance finds exactly the
// English texts a scan with text::FindIgnoringCase finds.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/translation_unit.h"
#include "tests/fuzz/fuzz_check.h"
#include "text/unicode.h"
#include "tm/store.h"

namespace {

tmkit::TranslationUnit Pair(const std::string& en, const std::string& de) {
  tmkit::TranslationUnit unit;
  unit.variants.push_back({.language = tmkit::LanguageTag("en"), .text = en});
  unit.variants.push_back({.language = tmkit::LanguageTag("de"), .text = de});
  return unit;
}

const std::vector<tmkit::TranslationUnit>& SmallTmUnits() {
  static const std::vector<tmkit::TranslationUnit> units = {
      Pair("Open the file.", "Öffnen Sie die Datei."),
      Pair("Save the file NOT now.", "Speichern Sie die Datei NICHT jetzt."),
      Pair("The \"quoted\" AND (grouped) text*", "Der Text."),
      Pair("SELECT * FROM unit; DROP TABLE unit;--", "SQL."),
      Pair("Click OK to continue.", "Klicken Sie auf OK."),
      Pair("两国相距遥远。", "Die Länder sind weit entfernt."),
      Pair("Version 1.2.3 was released in 2015.", "Version 1.2.3 erschien 2015."),
      Pair("ÄÖÜ İstanbul ΣΊΣΥΦΟΣ straße", "Umlaute."),
  };
  return units;
}

tmkit::tm::Store& SmallTm() {
  static std::unique_ptr<tmkit::tm::Store> store = [] {
    char path[] = "/tmp/tmkit-query-fuzz-XXXXXX";
    const int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    unlink(path);
    auto opened = std::make_unique<tmkit::tm::Store>(tmkit::tm::Store::Open(path));
    opened->Import(SmallTmUnits(), {});
    return opened;
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  tmkit::tm::Store& store = SmallTm();
  try {
    for (double min_score : {0.0, 0.5, 0.9}) {
      const std::vector<tmkit::tm::Match> matches =
          store.Lookup(query, {tmkit::LanguageTag("en"), tmkit::LanguageTag("de")},
                       {.min_score = min_score, .max_results = 10});
      for (size_t i = 0; i < matches.size(); ++i) {
        TMKIT_FUZZ_CHECK(matches[i].score >= min_score && matches[i].score <= 1.0);
        if (i > 0) TMKIT_FUZZ_CHECK(matches[i - 1].score >= matches[i].score);
        if (matches[i].kind == tmkit::tm::MatchKind::kExact) TMKIT_FUZZ_CHECK(matches[i].score == 1.0);
      }
    }
    const std::vector<tmkit::tm::ConcordanceHit> hits =
        store.Concordance(query, tmkit::LanguageTag("en"), {.max_results = 100});
    size_t expected = 0;
    for (const tmkit::TranslationUnit& unit : SmallTmUnits()) {
      if (!tmkit::text::FindIgnoringCase(unit.variants[0].text, query).empty()) ++expected;
    }
    TMKIT_FUZZ_CHECK(hits.size() == expected);
  } catch (const tmkit::Error&) {
  }
  return 0;
}
