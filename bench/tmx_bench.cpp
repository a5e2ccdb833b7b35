// Parse-only throughput of a TMX file: tmx::Reader (streaming, full units)
// against the baseline, pugixml loading the whole document and walking its
// <tu> and <seg> nodes. Both run on the same file in the same process.
//
// The file comes from the environment, TMKIT_TMX_BENCH_FILE (make it with
// bench/make_tmx.py; bench/tmx_run.sh does it all and adds peak RSS, which
// needs one process per case: run with --benchmark_filter).
#include <benchmark/benchmark.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <string>

#include "tmx/reader.h"
#include "tmx/writer.h"

namespace {

// The input file, or "" after marking the benchmark skipped.
std::string BenchFile(benchmark::State& state) {
  const char* path = std::getenv("TMKIT_TMX_BENCH_FILE");
  if (path == nullptr || *path == '\0') {
    state.SkipWithError("set TMKIT_TMX_BENCH_FILE (bench/make_tmx.py makes one)");
    return {};
  }
  return path;
}

void SetCounters(benchmark::State& state, const std::string& path, size_t units) {
  const auto bytes = static_cast<int64_t>(std::filesystem::file_size(path));
  state.SetItemsProcessed(static_cast<int64_t>(units) * state.iterations());
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["units"] = static_cast<double>(units);
}

void BM_StreamingReader(benchmark::State& state) {
  const std::string path = BenchFile(state);
  if (path.empty()) return;
  size_t units = 0;
  for (auto _ : state) {
    tmkit::tmx::Reader reader(path);
    units = 0;
    size_t text_bytes = 0;
    while (std::optional<tmkit::TranslationUnit> unit = reader.Next()) {
      ++units;
      text_bytes += unit->variants[0].text.size();
    }
    benchmark::DoNotOptimize(text_bytes);
  }
  SetCounters(state, path, units);
}
BENCHMARK(BM_StreamingReader)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PugixmlWholeDocument(benchmark::State& state) {
  const std::string path = BenchFile(state);
  if (path.empty()) return;
  size_t units = 0;
  for (auto _ : state) {
    pugi::xml_document document;
    if (!document.load_file(path.c_str())) {
      state.SkipWithError("pugixml could not load the file");
      return;
    }
    units = 0;
    size_t text_bytes = 0;
    for (const pugi::xml_node& tu : document.child("tmx").child("body").children("tu")) {
      ++units;
      text_bytes += std::strlen(tu.child("tuv").child("seg").child_value());
    }
    benchmark::DoNotOptimize(text_bytes);
  }
  SetCounters(state, path, units);
}
BENCHMARK(BM_PugixmlWholeDocument)->Unit(benchmark::kMillisecond)->UseRealTime();

// An ostream that counts and discards, so the write side costs no I/O.
class CountingBuffer : public std::streambuf {
 public:
  size_t bytes() const { return bytes_; }

 protected:
  std::streamsize xsputn(const char*, std::streamsize count) override {
    bytes_ += static_cast<size_t>(count);
    return count;
  }
  int_type overflow(int_type c) override {
    ++bytes_;
    return traits_type::not_eof(c);
  }

 private:
  size_t bytes_ = 0;
};

// Read → write, the shape of an export from units: the writer's cost is the
// difference from BM_StreamingReader.
void BM_ReadThenWrite(benchmark::State& state) {
  const std::string path = BenchFile(state);
  if (path.empty()) return;
  size_t units = 0;
  for (auto _ : state) {
    tmkit::tmx::Reader reader(path);
    CountingBuffer sink;
    std::ostream out(&sink);
    tmkit::tmx::Writer writer(out, reader.header());
    units = 0;
    while (std::optional<tmkit::TranslationUnit> unit = reader.Next()) {
      writer.Write(*unit);
      ++units;
    }
    writer.Finish();
    benchmark::DoNotOptimize(sink.bytes());
  }
  SetCounters(state, path, units);
}
BENCHMARK(BM_ReadThenWrite)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
