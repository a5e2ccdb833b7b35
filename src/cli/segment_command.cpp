#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/error.h"
#include "segment/segmenter.h"

namespace tmkit::cli {

Command MakeSegmentCommand() {
  return {"segment", "split text into sentences, one per line", [](CLI::App& app) -> RunFunction {
            struct State {
              std::string language;
              std::string input;
              std::string format = "text";
            };
            auto state = std::make_shared<State>();
            app.add_option("--lang", state->language, "language of the text (BCP 47, e.g. en, de-CH)")->required();
            app.add_option("file", state->input, "input file (UTF-8); stdin when absent or -");
            app.add_option("--format", state->format, "text: one sentence a line, a blank line between paragraphs; "
                                                      "json: offsets and paragraph index too")
                ->check(CLI::IsMember({"text", "json"}))
                ->capture_default_str();
            return [state]() {
              LanguageTag language;
              try {
                language = LanguageTag(state->language);
              } catch (const ParseError& e) {
                throw UsageError(std::string("--lang: ") + e.what());
              }
              const std::string content = ReadInput(state->input);
              std::vector<Segment> sentences;
              try {
                sentences = segment::SplitSentences(content, {.language = language});
              } catch (const ParseError& e) {
                InputLocation where = e.location();
                where.file = state->input.empty() || state->input == "-" ? "<stdin>" : state->input;
                throw ParseError(e.message(), where);
              }
              if (state->format == "json") {
                nlohmann::json out = nlohmann::json::array();
                for (const Segment& s : sentences) {
                  out.push_back({{"text", s.text}, {"begin", s.begin}, {"end", s.end},
                                 {"paragraph", s.paragraph}, {"length", s.length}});
                }
                std::cout << out.dump(2) << '\n';
                return 0;
              }
              for (size_t i = 0; i < sentences.size(); ++i) {
                if (i > 0 && sentences[i].paragraph != sentences[i - 1].paragraph) std::cout << '\n';
                std::cout << sentences[i].text << '\n';
              }
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
