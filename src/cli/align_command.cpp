// `tmkit align`: a text and its translation in, sentence pairs out (beads,
// TSV, JSON or TMX, optionally into a TM and a review page), one pair of
// documents or a batch of them.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "align/dictionary.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "core/error.h"
#include "pipeline/align_documents.h"
#include "pipeline/tmx_transfer.h"
#include "report/review_page.h"
#include "tm/store.h"

namespace tmkit::cli {
namespace {

struct AlignState {
  std::string src_path;
  std::string tgt_path;
  std::string src_lang;
  std::string tgt_lang;
  std::string output;
  std::string format;
  std::string tm_path;
  std::string batch;
  std::string report;
  double min_confidence = 0;
  bool segmented = false;
  bool plain = false;
  std::string dict_path;
  align::Dictionary dictionary;  // loaded from dict_path before the run
};

// The format from --format, else from the -o extension, else tsv.
std::string ChooseFormat(const AlignState& s, const std::string& output) {
  if (!s.format.empty()) return s.format;
  const std::string ext = std::filesystem::path(output).extension().string();
  if (ext == ".tmx") return "tmx";
  if (ext == ".json") return "json";
  if (ext == ".beads") return "beads";
  return "tsv";
}

std::string OneLine(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Indices(size_t begin, size_t count) {
  std::string out = "[";
  for (size_t k = 0; k < count; ++k) out += (k ? "," : "") + std::to_string(begin + k);
  return out + "]";
}

std::string Joined(const std::vector<Segment>& segments, size_t begin, size_t count) {
  std::string out;
  for (size_t k = begin; k < begin + count; ++k) out += (k > begin ? " " : "") + segments[k].text;
  return out;
}

void Write(const pipeline::AlignedDocuments& result, const std::string& format, const AlignState& s,
           const std::string& src_path, const std::string& tgt_path, std::ostream& out) {
  if (format == "beads") {
    for (const align::Bead& b : result.alignment.beads) {
      out << Indices(b.src_begin, b.src_count) << ':' << Indices(b.tgt_begin, b.tgt_count) << '\n';
    }
  } else if (format == "tsv") {
    for (const align::Bead& b : result.alignment.beads) {
      if (b.src_count == 0 || b.tgt_count == 0 || b.confidence < s.min_confidence) continue;
      char confidence[16];
      std::snprintf(confidence, sizeof confidence, "%.3f", b.confidence);
      out << OneLine(Joined(result.src_segments, b.src_begin, b.src_count)) << '\t'
          << OneLine(Joined(result.tgt_segments, b.tgt_begin, b.tgt_count)) << '\t' << confidence << '\n';
    }
  } else if (format == "tmx") {
    pipeline::WriteUnitsTmx(result.units, LanguageTag(s.src_lang), out);
  } else {
    // The shape `tmkit report` reads (report/review_page.h).
    auto side = [](const std::string& file, const std::string& language, const std::vector<Segment>& segments) {
      nlohmann::json sentences = nlohmann::json::array();
      for (const Segment& segment : segments) {
        sentences.push_back({{"text", segment.text}, {"paragraph", segment.paragraph}});
      }
      return nlohmann::json{{"file", file}, {"language", language}, {"sentences", std::move(sentences)}};
    };
    nlohmann::json beads = nlohmann::json::array();
    for (const align::Bead& b : result.alignment.beads) {
      nlohmann::json src = nlohmann::json::array();
      nlohmann::json tgt = nlohmann::json::array();
      for (size_t k = 0; k < b.src_count; ++k) src.push_back(b.src_begin + k);
      for (size_t k = 0; k < b.tgt_count; ++k) tgt.push_back(b.tgt_begin + k);
      beads.push_back({{"src", src},
                       {"tgt", tgt},
                       {"src_text", Joined(result.src_segments, b.src_begin, b.src_count)},
                       {"tgt_text", Joined(result.tgt_segments, b.tgt_begin, b.tgt_count)},
                       {"confidence", b.confidence},
                       {"cost", b.cost}});
    }
    nlohmann::json doc = {{"source", side(src_path, s.src_lang, result.src_segments)},
                          {"target", side(tgt_path, s.tgt_lang, result.tgt_segments)},
                          {"beads", beads},
                          {"parameters", {{"c", result.alignment.c}, {"s2", result.alignment.s2},
                                          {"band", result.alignment.band}, {"plain", s.plain}}}};
    out << doc.dump(2) << '\n';
  }
}

pipeline::AlignDocumentsOptions Options(const AlignState& s) {
  pipeline::AlignDocumentsOptions options;
  try {
    options.src_language = LanguageTag(s.src_lang);
    options.tgt_language = LanguageTag(s.tgt_lang);
  } catch (const ParseError& e) {
    throw UsageError(std::string("--src-lang/--tgt-lang: ") + e.what());
  }
  options.segmented = s.segmented;
  options.min_confidence = s.min_confidence;
  if (s.plain) {
    options.align = {.params = align::GaleChurchParams{}, .estimate_length_model = false, .use_anchors = false,
                     .use_lexical_model = false, .max_paragraph_ratio = 0};
  }
  if (!s.dict_path.empty()) options.align.dictionary = &s.dictionary;
  return options;
}

// Warns when a text is not in its language's script, or both texts are the
// same (a wrong file, most likely).
void WarnAboutPair(const TextInput& src, const TextInput& tgt, const pipeline::AlignDocumentsOptions& options) {
  WarnIfScriptMismatch(src, options.src_language);
  WarnIfScriptMismatch(tgt, options.tgt_language);
  if (src.text == tgt.text) {
    std::cerr << "tmkit: warning: " << src.name << " and " << tgt.name
              << " are the same text: is one of them the wrong file?\n";
  }
}

// One empty side makes every bead a deletion: a wrong file, not a result.
void CheckSides(const pipeline::AlignedDocuments& result, const TextInput& src, const TextInput& tgt) {
  if (result.src_segments.empty() != result.tgt_segments.empty()) {
    const std::string& empty = result.src_segments.empty() ? src.name : tgt.name;
    throw ParseError("has no sentences to align (the other side has " +
                         std::to_string(std::max(result.src_segments.size(), result.tgt_segments.size())) + ")",
                     InputLocation{.file = empty});
  }
}

void WriteTo(const pipeline::AlignedDocuments& result, const std::string& format, const AlignState& s,
             const std::string& src_path, const std::string& tgt_path, const std::string& path) {
  if (path.empty() || path == "-") {
    Write(result, format, s, src_path, tgt_path, std::cout);
    return;
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) throw IoError("cannot open file for writing", InputLocation{.file = path});
  Write(result, format, s, src_path, tgt_path, out);
  out.flush();
  if (!out) throw IoError("cannot write file", InputLocation{.file = path});
}

std::string FormatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

void WriteReport(const pipeline::AlignedDocuments& result, const AlignState& s, const std::string& src_path,
                 const std::string& tgt_path, const std::string& path) {
  report::ReviewInput input;
  input.source = {.name = src_path, .language = LanguageTag(s.src_lang), .sentences = result.src_segments};
  input.target = {.name = tgt_path, .language = LanguageTag(s.tgt_lang), .sentences = result.tgt_segments};
  for (const align::Bead& b : result.alignment.beads) {
    input.beads.push_back({.src_begin = b.src_begin, .src_count = b.src_count, .tgt_begin = b.tgt_begin,
                           .tgt_count = b.tgt_count, .confidence = b.confidence});
  }
  input.parameters = {{"length ratio c (target chars per source char)", FormatNumber(result.alignment.c)},
                      {"length variance s²", FormatNumber(result.alignment.s2)},
                      {"search band (segments)", std::to_string(result.alignment.band)},
                      {"model", s.plain ? "plain Gale-Church" : "Gale-Church + anchors + lexical model"}};
  std::ofstream out(path, std::ios::binary);
  if (!out) throw IoError("cannot open file for writing", InputLocation{.file = path});
  report::WriteReviewPage(input, out);
  out.flush();
  if (!out) throw IoError("cannot write file", InputLocation{.file = path});
}

// Stores the pairs in the TM, one transaction per document pair; the origin
// names both files and the model the run used.
void StoreUnits(const pipeline::AlignedDocuments& result, const AlignState& s, const std::string& src_path,
                const std::string& tgt_path) {
  EnsureParentDirectory(s.tm_path);
  tm::Store store = tm::Store::Open(s.tm_path);
  const std::string origin = "tmkit align " + src_path + " " + tgt_path + " (" + (s.plain ? "plain, " : "") +
                             "c=" + FormatNumber(result.alignment.c) + " s2=" + FormatNumber(result.alignment.s2) +
                             " min-confidence=" + FormatNumber(s.min_confidence) + ")";
  const tm::ImportReport report = store.Import(result.units, {.origin = origin});
  std::cerr << "tmkit: stored " << report.units_stored << " pairs in " << s.tm_path;
  if (report.duplicates > 0) std::cerr << " (" << report.duplicates << " already there)";
  std::cerr << '\n';
}

void Deliver(const pipeline::AlignedDocuments& result, const std::string& format, const AlignState& s,
             const std::string& src_path, const std::string& tgt_path, const std::string& output,
             const std::string& report_path) {
  WriteTo(result, format, s, src_path, tgt_path, output);
  if (!s.tm_path.empty()) StoreUnits(result, s, src_path, tgt_path);
  if (!report_path.empty()) WriteReport(result, s, src_path, tgt_path, report_path);
}

// Feeds the aligner's progress to `bar` (drawn only when stderr is a
// terminal) for long inputs: 12,000 work units, i.e. 2,000 sentences with the
// full model (align::AlignOptions::progress), so short runs never flash a bar.
std::function<void(size_t, size_t)> ShowProgress(ProgressBar& bar) {
  if (!bar.enabled()) return {};
  return [&bar](size_t done, size_t total) {
    if (total >= 12000) bar.Update(done, total);
  };
}

int RunBatch(const AlignState& s) {
  if (s.output.empty()) throw UsageError("--batch needs -o OUTDIR");
  const std::string format = s.format.empty() ? "tsv" : s.format;
  pipeline::AlignDocumentsOptions options = Options(s);
  ProgressBar progress("align");
  options.align.progress = ShowProgress(progress);
  const std::filesystem::path base = std::filesystem::path(s.batch).parent_path();
  std::istringstream lines(ReadInput(s.batch));
  std::string line;
  int number = 0;
  std::vector<std::pair<std::string, std::string>> paths;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos) {
      throw ParseError("expected two paths separated by one tab",
                       InputLocation{.file = s.batch, .line = number, .column = 1});
    }
    auto resolve = [&](const std::string& p) {
      const std::filesystem::path path(p);
      return (path.is_absolute() ? path : base / path).string();
    };
    paths.push_back({resolve(line.substr(0, tab)), resolve(line.substr(tab + 1))});
  }
  std::vector<TextInput> inputs;  // owned here; the batch views them
  for (const auto& [src, tgt] : paths) {
    inputs.push_back(ReadTextInput(src));
    inputs.push_back(ReadTextInput(tgt));
    WarnAboutPair(inputs[inputs.size() - 2], inputs.back(), options);
  }
  std::vector<pipeline::DocumentTexts> documents;
  for (size_t k = 0; k < paths.size(); ++k) {
    documents.push_back({inputs[2 * k].text, inputs[2 * k + 1].text, paths[k].first, paths[k].second});
  }
  const std::vector<pipeline::AlignedDocuments> results = pipeline::AlignDocumentsBatch(documents, options);
  progress.Done();
  std::error_code error;
  std::filesystem::create_directories(s.output, error);
  if (error) throw IoError("cannot create directory: " + error.message(), InputLocation{.file = s.output});
  for (size_t k = 0; k < paths.size(); ++k) {
    CheckSides(results[k], inputs[2 * k], inputs[2 * k + 1]);
    const std::filesystem::path stem = std::filesystem::path(s.output) / std::filesystem::path(paths[k].first).stem();
    Deliver(results[k], format, s, paths[k].first, paths[k].second, stem.string() + "." + format,
            s.report.empty() ? std::string() : stem.string() + ".html");
  }
  return 0;
}

}  // namespace

Command MakeAlignCommand() {
  return {"align", "align a text and its translation into sentence pairs", [](CLI::App& app) -> RunFunction {
            auto s = std::make_shared<AlignState>();
            app.add_option("source", s->src_path, "source text (UTF-8)");
            app.add_option("target", s->tgt_path, "target text (UTF-8), the translation of the source");
            app.add_option("--src-lang", s->src_lang, "language of the source (BCP 47)")->required();
            app.add_option("--tgt-lang", s->tgt_lang, "language of the target (BCP 47)")->required();
            app.add_option("-o,--output", s->output, "output file (stdout when absent); with --batch, a directory");
            app.add_option("--format", s->format,
                           "beads | tsv | json | tmx; default: from the -o extension (.beads .json .tmx), else tsv")
                ->check(CLI::IsMember({"beads", "tsv", "json", "tmx"}));
            app.add_option("--min-confidence", s->min_confidence, "keep pairs with at least this confidence (0-1)")
                ->check(CLI::Range(0.0, 1.0));
            app.add_flag("--segmented", s->segmented, "inputs are one sentence a line, blank lines between paragraphs");
            app.add_option("--batch", s->batch, "TSV of source<TAB>target paths (relative to the TSV), one pair a line");
            app.add_option("--tm", s->tm_path, "also store the pairs in this translation memory");
            app.add_option("--report", s->report,
                           "also write the HTML review page to this file (with --batch: any value; one page "
                           "per pair in OUTDIR)");
            app.add_flag("--plain", s->plain,
                         "plain Gale-Church: no anchors, no estimation, no lexical model, no paragraphs (baseline)");
            app.add_option("--dict", s->dict_path,
                           "bilingual dictionary: source<TAB>target word pairs, or a FreeDict .index/.dict.dz");
            return [s]() -> int {
              const std::string format = ChooseFormat(*s, s->output);
              if (!s->dict_path.empty()) {
                if (s->plain) throw UsageError("--dict and --plain exclude each other");
                s->dictionary = align::LoadDictionary(s->dict_path);
              }
              if (!s->batch.empty()) {
                if (!s->src_path.empty()) throw UsageError("--batch takes no SOURCE/TARGET arguments");
                return RunBatch(*s);
              }
              if (s->src_path.empty() || s->tgt_path.empty()) throw UsageError("SOURCE and TARGET are required");
              pipeline::AlignDocumentsOptions options = Options(*s);
              ProgressBar progress("align");
              options.align.progress = ShowProgress(progress);
              options.src_name = s->src_path;
              options.tgt_name = s->tgt_path;
              const TextInput src = ReadTextInput(s->src_path);
              const TextInput tgt = ReadTextInput(s->tgt_path);
              WarnAboutPair(src, tgt, options);
              const pipeline::AlignedDocuments result = pipeline::AlignDocuments(src.text, tgt.text, options);
              progress.Done();
              CheckSides(result, src, tgt);
              Deliver(result, format, *s, s->src_path, s->tgt_path, s->output, s->report);
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
