// The aligner's search against its baseline, on the same generated input:
// plain Gale-Church over the full n×m table (AlignLengthsFullTable) vs the
// banded, coarse-to-fine search (AlignLengths), and the full model (Align)
// on length-only segments. Inputs come from tests/support/align_generator.h
// (fixed seeds); 2% of the target sentences are missing in runs of 1-20, and
// the 100,000 case also misses a run of 200.
//
//   tmkit_align_bench --benchmark_counters_tabular=true
//
// bench/align_run.sh runs it with repetitions, prints the ratio banded/full,
// and measures the whole Bible and 100,000 × 100,000 with peak RSS.
#include <benchmark/benchmark.h>

#include <map>
#include <utility>

#include "align/gale_church.h"
#include "tests/support/align_generator.h"

namespace tmkit {
namespace {

const testing::SyntheticPair& Input(size_t beads) {
  static std::map<size_t, testing::SyntheticPair> cache;
  auto it = cache.find(beads);
  if (it == cache.end()) {
    testing::SyntheticOptions options{.beads = beads};
    if (beads >= 100'000) {
      options.omit_at = beads / 2;
      options.omit_count = 200;
    }
    it = cache.emplace(beads, testing::MakeSyntheticPair(42, options)).first;
  }
  return it->second;
}

double Accuracy(const testing::SyntheticPair& pair, const align::Alignment& a) {
  return static_cast<double>(testing::CountCorrect(pair.gold, a.beads)) / static_cast<double>(pair.gold.size());
}

void BM_FullTable(benchmark::State& state) {
  const auto& pair = Input(static_cast<size_t>(state.range(0)));
  align::Alignment a;
  for (auto _ : state) {
    a = align::AlignLengthsFullTable(pair.src_lengths, pair.tgt_lengths, {});
    benchmark::DoNotOptimize(a.beads.data());
  }
  state.counters["accuracy"] = Accuracy(pair, a);
  state.counters["cells_MB"] = static_cast<double>((pair.src_lengths.size() + 1) * (pair.tgt_lengths.size() + 1)) / 1e6;
}
BENCHMARK(BM_FullTable)->Arg(1000)->Arg(2000)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_Banded(benchmark::State& state) {
  const auto& pair = Input(static_cast<size_t>(state.range(0)));
  align::Alignment a;
  for (auto _ : state) {
    a = align::AlignLengths(pair.src_lengths, pair.tgt_lengths, {});
    benchmark::DoNotOptimize(a.beads.data());
  }
  state.counters["accuracy"] = Accuracy(pair, a);
  state.counters["band"] = static_cast<double>(a.band);
}
BENCHMARK(BM_Banded)->Arg(1000)->Arg(2000)->Arg(5000)->Arg(30000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_AlignModel(benchmark::State& state) {
  const auto& pair = Input(static_cast<size_t>(state.range(0)));
  std::vector<Segment> src(pair.src_lengths.size());
  std::vector<Segment> tgt(pair.tgt_lengths.size());
  for (size_t k = 0; k < src.size(); ++k) src[k].length = pair.src_lengths[k];
  for (size_t k = 0; k < tgt.size(); ++k) tgt[k].length = pair.tgt_lengths[k];
  align::Alignment a;
  for (auto _ : state) {
    a = align::Align(src, tgt, {});
    benchmark::DoNotOptimize(a.beads.data());
  }
  state.counters["accuracy"] = Accuracy(pair, a);
}
BENCHMARK(BM_AlignModel)->Arg(5000)->Arg(30000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tmkit
