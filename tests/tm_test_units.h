// Units for the tm tests (tm_store_test, tm_lookup_test, tm_durability_test).
#ifndef TMKIT_TESTS_TM_TEST_UNITS_H_
#define TMKIT_TESTS_TM_TEST_UNITS_H_

#include <string>

#include "core/translation_unit.h"

namespace tmkit::tm {

// A two-variant unit: `source` in `source_lang`, `target` in `target_lang`.
inline TranslationUnit Pair(const std::string& source, const std::string& target,
                            const std::string& source_lang = "en", const std::string& target_lang = "de") {
  TranslationUnit unit;
  unit.variants.push_back({.language = LanguageTag(source_lang), .text = source});
  unit.variants.push_back({.language = LanguageTag(target_lang), .text = target});
  return unit;
}

}  // namespace tmkit::tm

#endif  // TMKIT_TESTS_TM_TEST_UNITS_H_
