// libFuzzer target for the import path: the units tmx::Reader reads from
// any bytes go through ImportSession (Prepare, then Add, as the two import
// threads do) into a TM and back out with ForEachUnit. A harness may catch
// tmkit::Error; anything else, a crash or a sanitizer report is a bug. And
// nothing is lost or changed on the way: every unit the TM reports stored
// comes back equal to a unit that was read, in the order read (the TM's
// extras blobs, token numbering and duplicate filter in between).
//
// tests/fuzz/run_fuzzers.sh 300 tm_import fuzzes it; the ctest
// FuzzReplay.tm_import replays tests/data/fuzz/tm_import/ and the TMX
// reader's seeds (a chunk byte, then a TMX document).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "tm/store.h"
#include "tmx/reader.h"

namespace {

// One TM file per process, made anew for each input.
std::string FreshTmPath() {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tmkit_tm_import_fuzz_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(dir / (std::string("tm.tmkit") + suffix));
  }
  return (dir / "tm.tmkit").string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk = 64 + data[0] * 7;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::vector<tmkit::TranslationUnit> units;
  try {
    tmkit::tmx::Reader reader(in, "fuzz.tmx", {.read_chunk_bytes = chunk});
    while (std::optional<tmkit::TranslationUnit> unit = reader.Next()) units.push_back(std::move(*unit));
  } catch (const tmkit::Error&) {
    return 0;
  }
  std::vector<tmkit::TranslationUnit> stored;
  size_t units_stored = 0;
  try {
    tmkit::tm::Store store = tmkit::tm::Store::Open(FreshTmPath());
    tmkit::tm::ImportSession session =
        store.BeginImport({.on_duplicate = tmkit::tm::OnDuplicate::kKeepBoth, .max_token_numbers = 16});
    for (const tmkit::TranslationUnit& unit : units) session.Add(session.Prepare(unit));
    units_stored = session.Commit().units_stored;
    store.ForEachUnit({}, [&](const tmkit::TranslationUnit& unit) { stored.push_back(unit); });
  } catch (const tmkit::Error&) {
    return 0;
  }
  if (stored.size() != units_stored) std::abort();
  size_t next = 0;
  for (const tmkit::TranslationUnit& unit : stored) {
    while (next < units.size() && !(units[next] == unit)) ++next;
    if (next == units.size()) std::abort();  // changed on the way, or out of order
    ++next;
  }
  return 0;
}
