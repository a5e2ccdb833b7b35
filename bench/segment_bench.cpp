// Throughput of the segmenter against plain ICU, on the same input in the
// same run (docs/segmentation.md quotes the numbers):
//   BM_IcuSentenceIterator  ICU's sentence BreakIterator over the UTF-8 text:
//                           boundaries only, no rules, no Segment objects
//   BM_Segmenter            our Segmenter::Split with all built-in rules,
//                           building the Segments (text copy, offsets, NFC
//                           length)
//   BM_SegmenterNoPrefilters  the same with use_prefilters = false
// Inputs are generated from a fixed seed and sized by the argument (bytes):
// English-like prose with abbreviations, numbers, quotes and lists, and
// Chinese prose. With TMKIT_SEGMENT_CORPUS=<file> (bench/segment_corpus.sh
// builds one from Debian's documentation) the *Corpus cases run on that file.
// Counters: bytes_per_second (MB/s as Google Benchmark prints it).
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "segment/segmenter.h"

namespace {

// English-like text: real words, so that abbreviation and starter rules see
// realistic contexts; about one sentence in six carries a hard case.
std::string EnglishText(size_t bytes, uint32_t seed) {
  static constexpr std::array<const char*, 48> kWords = {
      "the", "committee", "report", "said", "that", "prices", "rose", "in", "March", "while", "demand", "fell",
      "and", "analysts", "expected", "a", "slower", "recovery", "for", "most", "of", "year", "government",
      "officials", "met", "with", "workers", "at", "plant", "near", "river", "on", "Tuesday", "after", "long",
      "talks", "about", "wages", "new", "rules", "would", "apply", "to", "all", "small", "firms", "by", "June"};
  static constexpr std::array<const char*, 12> kHard = {
      "Mr. Smith", "the U.S. Army", "e.g. steel", "at 5 p.m. on Friday", "about 3.5 percent", "J. R. Tolkien",
      "(see Fig. 2)", "version 1.2.3", "\"why?\" she asked", "Acme Inc. staff", "www.example.org/a?b=c",
      "wait... then"};
  std::mt19937 rng(seed);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  std::string text;
  text.reserve(bytes + 200);
  size_t sentences_in_paragraph = 0;
  while (text.size() < bytes) {
    std::string sentence;
    const size_t words = 6 + pick(18);
    for (size_t w = 0; w < words; ++w) {
      if (w > 0) sentence += ' ';
      sentence += pick(30) == 0 ? kHard[pick(kHard.size())] : kWords[pick(kWords.size())];
    }
    sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    sentence += pick(10) == 0 ? "?" : ".";
    text += sentence;
    if (++sentences_in_paragraph >= 3 + pick(6)) {
      text += "\n\n";
      sentences_in_paragraph = 0;
    } else {
      text += pick(8) == 0 ? "\n" : " ";
    }
  }
  return text;
}

// Chinese prose: common characters, commas, full-width terminators without
// spaces, an occasional quotation.
std::string ChineseText(size_t bytes, uint32_t seed) {
  static constexpr std::array<const char*, 40> kChars = {
      "的", "一", "是", "在", "不", "了", "有", "和", "人", "这", "中", "大", "为", "上", "个", "国", "我", "以", "要", "他",
      "时", "来", "用", "们", "生", "到", "作", "地", "于", "出", "就", "分", "对", "成", "会", "可", "主", "发", "年", "动"};
  static constexpr std::array<const char*, 4> kEnds = {"。", "。", "！", "？"};
  std::mt19937 rng(seed);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  std::string text;
  text.reserve(bytes + 200);
  size_t sentences_in_paragraph = 0;
  while (text.size() < bytes) {
    const bool quoted = pick(10) == 0;
    if (quoted) text += "“";
    const size_t chars = 8 + pick(30);
    for (size_t c = 0; c < chars; ++c) {
      text += kChars[pick(kChars.size())];
      if (c > 4 && pick(9) == 0) text += "，";
    }
    text += kEnds[pick(kEnds.size())];
    if (quoted) text += "”";
    if (++sentences_in_paragraph >= 4 + pick(8)) {
      text += "\n\n";
      sentences_in_paragraph = 0;
    }
  }
  return text;
}

void IcuSentences(benchmark::State& state, const std::string& text, const char* language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale::forLanguageTag(language, status), status));
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    state.SkipWithError(u_errorName(status));
    return;
  }
  for (auto _ : state) {
    sentences->setText(utext, status);
    int64_t count = 0;
    for (int32_t b = sentences->first(); b != icu::BreakIterator::DONE; b = sentences->next()) ++count;
    benchmark::DoNotOptimize(count);
  }
  utext_close(utext);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

// Streams the segments (Split with a sink), as a large-input user would, so
// that peak memory is the input plus a paragraph.
void OurSegmenter(benchmark::State& state, const std::string& text, const char* language,
                  bool use_prefilters = true) {
  tmkit::segment::SegmenterOptions options{.language = tmkit::LanguageTag(language)};
  options.use_prefilters = use_prefilters;
  tmkit::segment::Segmenter segmenter(options);
  size_t count = 0;
  for (auto _ : state) {
    count = 0;
    segmenter.Split(text, [&count](tmkit::Segment&& segment) {
      benchmark::DoNotOptimize(segment.length);
      ++count;
    });
  }
  state.counters["sentences"] = static_cast<double>(count);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

const std::string& CachedText(bool chinese, size_t bytes) {
  static std::string english_text;
  static std::string chinese_text;
  std::string& slot = chinese ? chinese_text : english_text;
  if (slot.size() < bytes || slot.size() > bytes + 1000) slot = chinese ? ChineseText(bytes, 42) : EnglishText(bytes, 42);
  return slot;
}

void BM_IcuSentenceIterator_English(benchmark::State& state) {
  IcuSentences(state, CachedText(false, static_cast<size_t>(state.range(0))), "en");
}
void BM_Segmenter_English(benchmark::State& state) {
  OurSegmenter(state, CachedText(false, static_cast<size_t>(state.range(0))), "en");
}
void BM_IcuSentenceIterator_Chinese(benchmark::State& state) {
  IcuSentences(state, CachedText(true, static_cast<size_t>(state.range(0))), "zh");
}
void BM_Segmenter_Chinese(benchmark::State& state) {
  OurSegmenter(state, CachedText(true, static_cast<size_t>(state.range(0))), "zh");
}

// The same rules without the prefilters: what they save.
void BM_SegmenterNoPrefilters_English(benchmark::State& state) {
  OurSegmenter(state, CachedText(false, static_cast<size_t>(state.range(0))), "en", /*use_prefilters=*/false);
}
void BM_SegmenterNoPrefilters_Chinese(benchmark::State& state) {
  OurSegmenter(state, CachedText(true, static_cast<size_t>(state.range(0))), "zh", /*use_prefilters=*/false);
}

BENCHMARK(BM_SegmenterNoPrefilters_English)->Arg(1 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmenterNoPrefilters_Chinese)->Arg(1 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IcuSentenceIterator_English)->Arg(1 << 20)->Arg(16 << 20)->Arg(64 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segmenter_English)->Arg(1 << 20)->Arg(16 << 20)->Arg(64 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IcuSentenceIterator_Chinese)->Arg(1 << 20)->Arg(16 << 20)->Arg(64 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segmenter_Chinese)->Arg(1 << 20)->Arg(16 << 20)->Arg(64 << 20)->Unit(benchmark::kMillisecond);

// The real-text corpus, when TMKIT_SEGMENT_CORPUS names one.
const std::string& Corpus() {
  static const std::string text = [] {
    const char* path = std::getenv("TMKIT_SEGMENT_CORPUS");
    if (path == nullptr) return std::string();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }();
  return text;
}

void BM_IcuSentenceIterator_Corpus(benchmark::State& state) {
  if (Corpus().empty()) return state.SkipWithError("set TMKIT_SEGMENT_CORPUS (bench/segment_corpus.sh)");
  IcuSentences(state, Corpus(), "en");
}
void BM_Segmenter_Corpus(benchmark::State& state) {
  if (Corpus().empty()) return state.SkipWithError("set TMKIT_SEGMENT_CORPUS (bench/segment_corpus.sh)");
  OurSegmenter(state, Corpus(), "en");
}
BENCHMARK(BM_IcuSentenceIterator_Corpus)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Segmenter_Corpus)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
