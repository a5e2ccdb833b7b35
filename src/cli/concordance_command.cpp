#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "core/error.h"
#include "tm/store.h"

namespace tmkit::cli {
namespace {

// `text` with each highlighted byte range wrapped in [ ].
std::string Marked(const std::string& text, const std::vector<std::pair<size_t, size_t>>& highlights) {
  std::string out;
  size_t copied = 0;
  for (const auto& [begin, end] : highlights) {
    if (begin < copied || end > text.size()) continue;
    out += text.substr(copied, begin - copied) + "[" + text.substr(begin, end - begin) + "]";
    copied = end;
  }
  return out + text.substr(copied);
}

}  // namespace

Command MakeConcordanceCommand() {
  return {"concordance", "search the memory for a word or phrase", [](CLI::App& app) -> RunFunction {
            struct State {
              std::string tm_path;
              std::string language;
              size_t max_results = 20;
              bool json = false;
              std::string text;
            };
            auto state = std::make_shared<State>();
            AddTmOption(app, state->tm_path);
            app.add_option("--lang", state->language, "language of the text searched (BCP 47)")->required();
            app.add_option("--max", state->max_results, "at most this many hits")->capture_default_str();
            app.add_flag("--json", state->json, "one JSON object per hit");
            app.add_option("text", state->text, "the word or phrase (a plain substring)")->required();
            return [state]() {
              const LanguageTag language = ParseLanguageOption("--lang", state->language);
              const tm::Store store =
                  tm::Store::Open(state->tm_path, {.create_if_missing = false, .read_only = true});
              const std::vector<tm::ConcordanceHit> hits =
                  store.Concordance(state->text, language, {.max_results = state->max_results});
              for (const tm::ConcordanceHit& hit : hits) {
                const Variant& found = hit.unit.variants[hit.variant];
                if (state->json) {
                  nlohmann::json variants = nlohmann::json::array();
                  for (const Variant& v : hit.unit.variants) {
                    variants.push_back({{"language", v.language.str()}, {"text", v.text}});
                  }
                  nlohmann::json ranges = nlohmann::json::array();
                  for (const auto& [begin, end] : hit.highlights) ranges.push_back({begin, end});
                  std::cout << nlohmann::json{{"id", hit.unit_id},
                                              {"language", found.language.str()},
                                              {"text", found.text},
                                              {"highlights", ranges},
                                              {"variants", variants}}
                                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                            << '\n';
                  continue;
                }
                std::cout << "#" << hit.unit_id << " " << found.language.str() << ": "
                          << Marked(found.text, hit.highlights) << '\n';
                for (size_t i = 0; i < hit.unit.variants.size(); ++i) {
                  if (i == hit.variant) continue;
                  std::cout << "  " << hit.unit.variants[i].language.str() << ": "
                            << hit.unit.variants[i].text << '\n';
                }
              }
              if (hits.empty() && !state->json) std::cerr << "tmkit: no hit for: " << state->text << '\n';
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
