// Fuzzes the SRX loader: any bytes as an SRX file. Either a tmkit::Error
// (with a location) or a segmenter whose output keeps the Segment invariants
// on a fixed text.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/error.h"
#include "segment/segmenter.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    char name[] = "/tmp/tmkit-srx-fuzz-XXXXXX";
    const int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    return std::string(name);
  }();
  if (FILE* file = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, file);
    std::fclose(file);
  }
  static const std::string text =
      "Mr. Smith went to Washington, D.C. on Jan. 5. He met Dr. Jones! Was it 3 p.m.? Yes.\n\n"
      "1. First item\n2. Second item\n\nEnd of the text... really. \xE3\x80\x82" "Fin.";
  try {
    tmkit::segment::Segmenter segmenter({.language = tmkit::LanguageTag("en"), .srx_path = path});
    size_t previous_end = 0;
    for (const tmkit::Segment& s : segmenter.Split(text)) {
      TMKIT_FUZZ_CHECK(s.begin <= s.end && s.end <= text.size());
      TMKIT_FUZZ_CHECK(std::string_view(text).substr(s.begin, s.end - s.begin) == s.text);
      TMKIT_FUZZ_CHECK(s.begin >= previous_end);
      previous_end = s.end;
    }
  } catch (const tmkit::Error&) {
  }
  return 0;
}
