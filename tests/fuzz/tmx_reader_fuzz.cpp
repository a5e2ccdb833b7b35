// libFuzzer target for tmx::Reader (STYLE §6: a harness may catch
// tmkit::Error; any other exception, crash or sanitizer report is a bug).
// Also checks the round-trip property on what it reads: writing the units
// and reading them back gives the same units.
//
// tests/fuzz/run_fuzzers.sh 300 tmx_reader fuzzes it; the ctest FuzzReplay.tmx_reader
// replays tests/data/fuzz/tmx_reader/ (the fixtures of tests/data/tmx/ behind a
// chunk byte, and past findings).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "tmx/reader.h"
#include "tmx/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte picks the read chunk, so chunk boundaries move around,
  // and the output encoding.
  if (size == 0) return 0;
  const size_t chunk = 64 + data[0] * 7;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::vector<tmkit::TranslationUnit> units;
  tmkit::tmx::Header header;
  try {
    tmkit::tmx::Reader reader(in, "fuzz.tmx", {.read_chunk_bytes = chunk});
    header = reader.header();
    while (std::optional<tmkit::TranslationUnit> unit = reader.Next()) units.push_back(std::move(*unit));
  } catch (const tmkit::Error&) {
    return 0;
  }
  std::ostringstream out;
  const auto encoding = data[0] % 2 == 0 ? tmkit::tmx::WriteOptions::Encoding::kUtf8
                                          : tmkit::tmx::WriteOptions::Encoding::kUtf16;
  tmkit::tmx::Writer writer(out, header, {.encoding = encoding, .drop_undeclared_attributes = false});
  for (const tmkit::TranslationUnit& unit : units) writer.Write(unit);
  writer.Finish();
  if (writer.report().characters_dropped > 0) return 0;  // the written units differ on purpose
  std::istringstream again(out.str());
  tmkit::tmx::Reader second(again, "again.tmx");
  std::vector<tmkit::TranslationUnit> reread;
  while (std::optional<tmkit::TranslationUnit> unit = second.Next()) reread.push_back(std::move(*unit));
  if (reread != units) std::abort();
  return 0;
}
