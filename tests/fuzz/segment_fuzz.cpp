// Fuzzes the segmenter: bytes → sentences. The first byte picks the language,
// the rest is the text. Checks the Segment invariants on every output.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "segment/segmenter.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::array<const char*, 13> kLanguages = {"en", "de", "fr", "es", "it", "pt", "nl",
                                                         "ru", "pl", "zh", "ja", "ko", "ar"};
  if (size == 0) return 0;
  const tmkit::LanguageTag language(kLanguages[data[0] % kLanguages.size()]);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  // One segmenter per language, reused: building one compiles every rule
  // (tens of milliseconds), which made each input cost more than splitting
  // it. Reuse also fuzzes the segmenter's caches across texts.
  static std::array<std::optional<tmkit::segment::Segmenter>, kLanguages.size()> segmenters;
  std::optional<tmkit::segment::Segmenter>& segmenter = segmenters[data[0] % kLanguages.size()];
  if (!segmenter) segmenter.emplace(tmkit::segment::SegmenterOptions{.language = language});
  std::vector<tmkit::Segment> sentences;
  try {
    sentences = segmenter->Split(text);
  } catch (const tmkit::Error&) {
    return 0;  // invalid UTF-8 is reported, not crashed on
  }
  size_t previous_end = 0;
  size_t previous_paragraph = 0;
  for (const tmkit::Segment& s : sentences) {
    TMKIT_FUZZ_CHECK(s.begin <= s.end && s.end <= text.size());
    TMKIT_FUZZ_CHECK(text.substr(s.begin, s.end - s.begin) == s.text);
    TMKIT_FUZZ_CHECK(!s.text.empty());
    TMKIT_FUZZ_CHECK(s.begin >= previous_end);
    TMKIT_FUZZ_CHECK(s.paragraph >= previous_paragraph);
    TMKIT_FUZZ_CHECK(s.length > 0 && s.length <= s.text.size());
    previous_end = s.end;
    previous_paragraph = s.paragraph;
  }
  return 0;
}
