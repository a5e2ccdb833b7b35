#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "core/error.h"
#include "text/unicode.h"
#include "tm/store.h"

namespace tmkit::cli {
namespace {

// Percent with one decimal, as the CLI shows scores (87.5).
double Percent(double score) { return std::round(score * 1000.0) / 10.0; }

const char* KindName(tm::MatchKind kind) {
  switch (kind) {
    case tm::MatchKind::kExact:
      return "exact";
    case tm::MatchKind::kNearExact:
      return "near-exact";
    case tm::MatchKind::kFuzzy:
      break;
  }
  return "fuzzy";
}

std::vector<std::string> DifferenceNames(const tm::Differences& d) {
  std::vector<std::string> names;
  if (d.words) names.push_back("words");
  if (d.numbers) names.push_back("numbers");
  if (d.punctuation) names.push_back("punctuation");
  if (d.inline_tags) names.push_back("tags");
  if (d.whitespace) names.push_back("whitespace");
  if (d.letter_case) names.push_back("case");
  return names;
}

// The bytes of tokens [begin, end) of `tokens` in `nfc`; empty for none.
std::string TokenText(const std::string& nfc, const std::vector<fuzzy::Token>& tokens, size_t begin,
                      size_t end) {
  if (begin >= end) return {};
  return nfc.substr(tokens[begin].begin_bytes, tokens[end - 1].end_bytes - tokens[begin].begin_bytes);
}

// The matched source with the edits that make it the query marked in
// wdiff style: [-source words-]{+query words+}.
std::string MarkedSource(const tm::Match& match, const std::string& query_nfc) {
  const std::string source_nfc = text::Nfc(match.source().text);
  const std::vector<fuzzy::Token>& st = match.source_tokens;
  std::string out;
  size_t copied = 0;
  for (const tm::EditOp& op : match.diff) {
    const size_t at = op.source_begin < st.size() ? st[op.source_begin].begin_bytes : source_nfc.size();
    out += source_nfc.substr(copied, at - copied);
    copied = at;
    if (op.source_end > op.source_begin) {
      out += "[-" + TokenText(source_nfc, st, op.source_begin, op.source_end) + "-]";
      copied = st[op.source_end - 1].end_bytes;
    }
    if (op.query_end > op.query_begin) {
      out += "{+" + TokenText(query_nfc, match.query_tokens, op.query_begin, op.query_end) + "+}";
      if (op.source_end == op.source_begin && at < source_nfc.size()) out += ' ';
    }
  }
  return out + source_nfc.substr(copied);
}

nlohmann::json MatchJson(const tm::Match& match, const std::string& query_nfc) {
  const std::string source_nfc = text::Nfc(match.source().text);
  nlohmann::json diff = nlohmann::json::array();
  for (const tm::EditOp& op : match.diff) {
    diff.push_back({{"op", fuzzy::EditKindName(op.kind)},
                    {"source", TokenText(source_nfc, match.source_tokens, op.source_begin, op.source_end)},
                    {"query", TokenText(query_nfc, match.query_tokens, op.query_begin, op.query_end)}});
  }
  return {{"id", match.unit_id},
          {"score", Percent(match.score)},
          {"kind", KindName(match.kind)},
          {"differences", DifferenceNames(match.differences)},
          {"source_language", match.source().language.str()},
          {"target_language", match.target().language.str()},
          {"source", match.source().text},
          {"target", match.target().text},
          {"diff", diff}};
}

struct State {
  std::string tm_path;
  std::string from;
  std::string to;
  double min_percent = 70;
  size_t max_results = 5;
  bool json = false;
  bool exhaustive = false;
  std::string text;
  bool text_given = false;
};

// Answers one query on stdout; returns false when the query was bad.
bool RunOne(const tm::Store& store, const State& state, const LanguagePair& languages,
            const std::string& query) {
  std::vector<tm::Match> matches;
  std::string error;
  try {
    matches = store.Lookup(query, languages,
                           {.min_score = state.min_percent / 100.0,
                            .max_results = state.max_results,
                            .exhaustive = state.exhaustive});
  } catch (const ParseError& e) {
    error = e.what();
  }
  const std::string query_nfc = error.empty() ? text::Nfc(query) : std::string();
  if (state.json) {
    nlohmann::json out = {{"query", query}, {"matches", nlohmann::json::array()}};
    for (const tm::Match& m : matches) out["matches"].push_back(MatchJson(m, query_nfc));
    if (!error.empty()) out["error"] = error;
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    if (!error.empty()) {
      std::cerr << "tmkit: error: " << error << '\n';
      return false;
    }
    if (matches.empty()) std::cout << "no match ≥ " << state.min_percent << "% for: " << query << '\n';
    for (const tm::Match& m : matches) {
      std::cout << Percent(m.score) << "% " << KindName(m.kind) << " #" << m.unit_id << " ("
                << m.source().language.str() << " → " << m.target().language.str() << ")";
      const std::vector<std::string> why = DifferenceNames(m.differences);
      for (size_t i = 0; i < why.size(); ++i) std::cout << (i == 0 ? " differs in: " : ", ") << why[i];
      std::cout << "\n  source: " << MarkedSource(m, query_nfc) << "\n  target: " << m.target().text << '\n';
    }
  }
  return error.empty();
}

}  // namespace

Command MakeQueryCommand() {
  return {"query", "find exact and fuzzy matches for a sentence", [](CLI::App& app) -> RunFunction {
            auto state = std::make_shared<State>();
            AddTmOption(app, state->tm_path);
            app.add_option("--from", state->from, "source language of the query (BCP 47)")->required();
            app.add_option("--to", state->to, "target language wanted (BCP 47)")->required();
            app.add_option("--min", state->min_percent, "smallest score shown, in percent")
                ->check(CLI::Range(0.0, 100.0))
                ->capture_default_str();
            app.add_option("--max", state->max_results, "at most this many matches per query")
                ->capture_default_str();
            app.add_flag("--json", state->json, "one JSON object per query line");
            app.add_flag("--exhaustive", state->exhaustive,
                         "score every unit instead of using the index (slow)");
            app.add_option("text", state->text, "the sentence; without it, one query per line from stdin");
            return [state, &app]() {
              const LanguagePair languages{ParseLanguageOption("--from", state->from),
                                           ParseLanguageOption("--to", state->to)};
              const tm::Store store =
                  tm::Store::Open(state->tm_path, {.create_if_missing = false, .read_only = true});
              if (app.count("text") > 0) return RunOne(store, *state, languages, state->text) ? 0 : 1;
              bool all_good = true;
              for (std::string line; std::getline(std::cin, line);) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                all_good = RunOne(store, *state, languages, line) && all_good;
                if (!state->json) std::cout << '\n';
              }
              return all_good ? 0 : 1;
            };
          }};
}

}  // namespace tmkit::cli
