// The TM on real data: build time and size, and lookup latency through the
// candidate index, with the brute-force scan (LookupOptions::exhaustive) as
// the baseline measured in the same run, on the same TM and queries.
//
// Input: TMKIT_BENCH_PAIRS, a TSV of English<TAB>German pairs (made by
// bench/make_gettext_pairs.sh). Work files go to TMKIT_BENCH_DIR (default
// /tmp/tmkit_bench): the two TMs, queries.txt, tm_pairs.tsv (what the real TM
// holds) and baseline_<tm>_<min>.tsv (per query: its index, then the source texts
// the brute force found) for
// bench/tm_tmdb_compare.py. TMKIT_BENCH_BASELINE_QUERIES (default 200) sets
// how many of the 1,000 queries the brute force runs (it takes about a second
// each at a million units). TMKIT_BENCH_REUSE=1 skips building a TM that
// exists already (its build counters then say nothing).
//
// Queries, fixed seed: 100 TM sources as they are, 700 TM sources with 1-3
// words replaced, inserted or deleted, 200 real sentences held out of the TM.
// Single thread. Counters: p50/p95/p99 in ms, wall clock and thread CPU time
// (cpu_*: what a query costs when it has a core to itself), recall of the
// index against the brute force (every unit ≥ min_score, not only the top 5),
// and the ratio of brute-force to index mean CPU time.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "tm/store.h"

namespace tmkit::tm {
namespace {

using Clock = std::chrono::steady_clock;
const LanguagePair kEnDe{LanguageTag("en"), LanguageTag("de")};
constexpr size_t kMillion = 1'000'000;

std::string Env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

TranslationUnit MakeUnit(const std::string& source, const std::string& target) {
  TranslationUnit unit;
  unit.variants.push_back({.language = LanguageTag("en"), .text = source});
  unit.variants.push_back({.language = LanguageTag("de"), .text = target});
  return unit;
}

// Everything the benchmarks share, built once.
struct World {
  std::filesystem::path dir;
  std::vector<std::pair<std::string, std::string>> tm_pairs;  // the TM of all real pairs ("real")
  std::vector<std::string> vocabulary;
  std::vector<std::string> queries;
  size_t baseline_queries = 200;
  // Brute-force results by (tm, min_score): per baseline query, the unit ids
  // at or above the threshold; and the brute force's mean latency in ms.
  std::map<std::pair<std::string, int>, std::vector<std::set<int64_t>>> baseline;
  std::map<std::pair<std::string, int>, double> baseline_mean_ms;
};

World& GetWorld() {
  static World* world = [] {
    auto* w = new World;
    w->dir = Env("TMKIT_BENCH_DIR", "/tmp/tmkit_bench");
    std::filesystem::create_directories(w->dir);
    w->baseline_queries = std::stoul(Env("TMKIT_BENCH_BASELINE_QUERIES", "200"));
    const std::string pairs_path = Env("TMKIT_BENCH_PAIRS", "");
    std::ifstream in(pairs_path);
    if (!in) {
      std::cerr << "tm_bench: set TMKIT_BENCH_PAIRS to an en<TAB>de file (bench/make_gettext_pairs.sh)\n";
      std::exit(2);
    }
    std::vector<std::pair<std::string, std::string>> all;
    for (std::string line; std::getline(in, line);) {
      const size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      all.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    std::mt19937 rng(42);
    std::shuffle(all.begin(), all.end(), rng);
    const size_t held_out = 200;
    for (size_t i = 0; i < held_out && i < all.size(); ++i) w->queries.push_back(all[i].first);
    w->tm_pairs.assign(all.begin() + static_cast<long>(std::min(held_out, all.size())), all.end());
    std::set<std::string> vocabulary;
    for (size_t i = 0; i < w->tm_pairs.size() && vocabulary.size() < 50000; ++i) {
      for (const std::string& word : Words(w->tm_pairs[i].first)) vocabulary.insert(word);
    }
    w->vocabulary.assign(vocabulary.begin(), vocabulary.end());
    auto random_word = [&]() { return w->vocabulary[rng() % w->vocabulary.size()]; };
    for (int i = 0; i < 100; ++i) w->queries.push_back(w->tm_pairs[rng() % w->tm_pairs.size()].first);
    for (int made = 0; made < 700;) {
      std::vector<std::string> words = Words(w->tm_pairs[rng() % w->tm_pairs.size()].first);
      if (words.size() < 3) continue;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        const size_t at = rng() % words.size();
        switch (rng() % 3) {
          case 0:
            words[at] = random_word();
            break;
          case 1:
            words.insert(words.begin() + static_cast<long>(at), random_word());
            break;
          default:
            if (words.size() > 1) words.erase(words.begin() + static_cast<long>(at));
        }
      }
      w->queries.push_back(Join(words));
      ++made;
    }
    std::shuffle(w->queries.begin(), w->queries.end(), rng);
    std::ofstream queries(w->dir / "queries.txt");
    for (const std::string& q : w->queries) queries << q << '\n';
    std::ofstream tm_pairs(w->dir / "tm_pairs.tsv");
    for (const auto& [source, target] : w->tm_pairs) tm_pairs << source << '\t' << target << '\n';
    return w;
  }();
  return *world;
}

std::string TmPath(const std::string& name) { return (GetWorld().dir / (name + ".tmkit")).string(); }

// The 1M TM: the real pairs, then systematic variants of them (one word of
// the source replaced by a word of the vocabulary; the target marked with
// the variant number) until a million units.
void ForEachMillionUnit(const std::function<void(const TranslationUnit&)>& add) {
  World& w = GetWorld();
  size_t count = 0;
  for (const auto& [source, target] : w.tm_pairs) {
    add(MakeUnit(source, target));
    ++count;
  }
  std::mt19937 rng(7);
  for (int round = 1; count < kMillion; ++round) {
    for (size_t i = 0; i < w.tm_pairs.size() && count < kMillion; ++i) {
      std::vector<std::string> words = Words(w.tm_pairs[i].first);
      if (words.empty()) continue;
      words[rng() % words.size()] = w.vocabulary[rng() % w.vocabulary.size()];
      add(MakeUnit(Join(words), w.tm_pairs[i].second + " [v" + std::to_string(round) + "]"));
      ++count;
    }
  }
}

void BM_Build(benchmark::State& state, const std::string& name) {
  const std::string path = TmPath(name);
  ImportReport report;
  // TMKIT_BENCH_REUSE=1 keeps a TM built by an earlier run (to time lookups only).
  const bool reuse = Env("TMKIT_BENCH_REUSE", "0") == "1" && std::filesystem::exists(path);
  for (auto _ : state) {
    if (reuse) continue;
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    Store store = Store::Open(path);
    ImportSession session = store.BeginImport({.on_duplicate = OnDuplicate::kKeepBoth});
    if (name == "real") {
      for (const auto& [source, target] : GetWorld().tm_pairs) session.Add(MakeUnit(source, target));
    } else {
      ForEachMillionUnit([&](const TranslationUnit& unit) { session.Add(unit); });
    }
    report = session.Commit();
  }
  const StoreStats stats = Store::Open(path, {.read_only = true}).Stats();
  state.counters["units"] = static_cast<double>(stats.units);
  state.counters["duplicates"] = static_cast<double>(report.duplicates);
  state.counters["size_MB"] = static_cast<double>(stats.size_bytes) / 1e6;
  state.counters["build_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// CPU time of this thread, in ms: on a loaded machine wall-clock latency
// also counts time spent waiting for a core, so both are reported.
double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size()))) - 1;
  return values[std::min(rank, values.size() - 1)];
}

// Wall-clock and CPU latencies of one run over the queries.
struct Latencies {
  std::vector<double> wall_ms;
  std::vector<double> cpu_ms;
  void Clear() {
    wall_ms.clear();
    cpu_ms.clear();
  }
  template <typename F>
  void Time(F&& f) {
    const double cpu_start = ThreadCpuMs();
    const auto start = Clock::now();
    f();
    wall_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    cpu_ms.push_back(ThreadCpuMs() - cpu_start);
  }
};

void SetLatencyCounters(benchmark::State& state, const Latencies& latencies) {
  auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
  };
  state.counters["queries"] = static_cast<double>(latencies.wall_ms.size());
  state.counters["mean_ms"] = mean(latencies.wall_ms);
  state.counters["p50_ms"] = Percentile(latencies.wall_ms, 0.50);
  state.counters["p95_ms"] = Percentile(latencies.wall_ms, 0.95);
  state.counters["p99_ms"] = Percentile(latencies.wall_ms, 0.99);
  state.counters["cpu_mean_ms"] = mean(latencies.cpu_ms);
  state.counters["cpu_p50_ms"] = Percentile(latencies.cpu_ms, 0.50);
  state.counters["cpu_p95_ms"] = Percentile(latencies.cpu_ms, 0.95);
  state.counters["cpu_p99_ms"] = Percentile(latencies.cpu_ms, 0.99);
}

// The baseline: brute force over the first baseline_queries queries, keeping
// every unit ≥ min_score (for recall) and writing them for the tmdb script.
void BM_BruteForce(benchmark::State& state, const std::string& name, int min_percent) {
  World& w = GetWorld();
  const Store store = Store::Open(TmPath(name), {.read_only = true});
  const size_t count = std::min(w.baseline_queries, w.queries.size());
  std::vector<std::set<int64_t>> found(count);
  std::vector<std::set<std::string>> sources(count);
  Latencies latencies;
  for (auto _ : state) {
    latencies.Clear();
    for (size_t q = 0; q < count; ++q) {
      std::vector<Match> matches;
      latencies.Time([&] {
        matches =
            store.Lookup(w.queries[q], kEnDe,
                         {.min_score = min_percent / 100.0, .max_results = SIZE_MAX, .exhaustive = true});
      });
      found[q].clear();
      sources[q].clear();
      for (const Match& m : matches) {
        found[q].insert(m.unit_id);
        sources[q].insert(m.source().text);
      }
    }
  }
  SetLatencyCounters(state, latencies);
  w.baseline[{name, min_percent}] = found;
  w.baseline_mean_ms[{name, min_percent}] = state.counters["cpu_mean_ms"];
  std::ofstream out(w.dir / ("baseline_" + name + "_" + std::to_string(min_percent) + ".tsv"));
  for (size_t q = 0; q < count; ++q) {
    out << q;
    for (const std::string& source : sources[q]) out << '\t' << source;
    out << '\n';
  }
}

// The index: latency over all queries with the CLI's top 5, then recall
// against the baseline with every match kept.
void BM_Index(benchmark::State& state, const std::string& name, int min_percent) {
  World& w = GetWorld();
  const Store store = Store::Open(TmPath(name), {.read_only = true});
  Latencies latencies;
  const LookupOptions top5{.min_score = min_percent / 100.0, .max_results = 5};
  for (auto _ : state) {
    latencies.Clear();
    for (const std::string& query : w.queries) {
      latencies.Time([&] { benchmark::DoNotOptimize(store.Lookup(query, kEnDe, top5)); });
    }
  }
  SetLatencyCounters(state, latencies);
  const auto baseline = w.baseline.find({name, min_percent});
  if (baseline == w.baseline.end()) return;
  size_t expected = 0;
  size_t recalled = 0;
  size_t identical_lists = 0;
  for (size_t q = 0; q < baseline->second.size(); ++q) {
    std::set<int64_t> found;
    for (const Match& m :
         store.Lookup(w.queries[q], kEnDe, {.min_score = min_percent / 100.0, .max_results = SIZE_MAX})) {
      found.insert(m.unit_id);
    }
    const std::set<int64_t>& truth = baseline->second[q];
    expected += truth.size();
    for (int64_t id : truth) recalled += found.count(id);
    identical_lists += found == truth ? 1 : 0;
  }
  state.counters["recall_pct"] =
      expected == 0 ? 100.0 : 100.0 * static_cast<double>(recalled) / static_cast<double>(expected);
  state.counters["identical_pct"] =
      100.0 * static_cast<double>(identical_lists) / static_cast<double>(baseline->second.size());
  state.counters["matches_checked"] = static_cast<double>(expected);
  // Brute force ÷ index, mean CPU time per query.
  state.counters["speedup_x"] = w.baseline_mean_ms[{name, min_percent}] / state.counters["cpu_mean_ms"];
}

void Register() {
  const std::string only = Env("TMKIT_BENCH_TMS", "real,1M");
  for (const std::string name : {"real", "1M"}) {
    if (only.find(name) == std::string::npos) continue;
    benchmark::RegisterBenchmark(("TmBuild/" + name).c_str(), BM_Build, name)
        ->Iterations(1)
        ->Unit(benchmark::kSecond)
        ->UseRealTime();
    for (int min_percent : {70, 50}) {
      const std::string suffix = name + "/min" + std::to_string(min_percent);
      benchmark::RegisterBenchmark(("TmLookupBruteForce/" + suffix).c_str(), BM_BruteForce, name, min_percent)
          ->Iterations(1)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
      benchmark::RegisterBenchmark(("TmLookupIndex/" + suffix).c_str(), BM_Index, name, min_percent)
          ->Iterations(1)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
}

// Registered before benchmark_main's main() runs.
const bool kRegistered = (Register(), true);

}  // namespace
}  // namespace tmkit::tm
