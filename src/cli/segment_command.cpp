#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/error.h"
#include "segment/segmenter.h"
#include "text/unicode.h"

namespace tmkit::cli {
namespace {

// A sentence on one output line: soft-wrapped sentences keep their line
// breaks in Segment::text (offsets stay exact), so text output joins them.
// A line break and the spaces and tabs around it become one space.
std::string OneLine(const std::string& text) {
  std::string line;
  line.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') {
      line += text[i];
      continue;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t' || text[i + 1] == '\n' ||
                                   text[i + 1] == '\r')) {
      ++i;
    }
    line += ' ';
  }
  return line;
}

}  // namespace

Command MakeSegmentCommand() {
  return {"segment", "split text into sentences, one per line", [](CLI::App& app) -> RunFunction {
            struct State {
              std::string language;
              std::string input;
              std::string format = "text";
              std::string srx;
              bool srx_plain = false;
              bool lenient = false;
            };
            auto state = std::make_shared<State>();
            app.add_option("--lang", state->language, "language of the text (BCP 47, e.g. en, de-CH)")->required();
            app.add_option("file", state->input, "input file (UTF-8); stdin when absent or -");
            app.add_option("--format", state->format, "text: one sentence a line, a blank line between paragraphs; "
                                                      "json: offsets and paragraph index too")
                ->check(CLI::IsMember({"text", "json"}))
                ->capture_default_str();
            app.add_option("--srx", state->srx, "SRX 2.0 rules file to use instead of the built-in rules");
            app.add_flag("--srx-plain", state->srx_plain,
                         "plain SRX semantics: break only where a break rule matches (ICU's boundaries are "
                         "not the default); slower");
            app.add_flag("--lenient", state->lenient,
                         "replace invalid UTF-8 with U+FFFD (with a warning) instead of failing; offsets then "
                         "refer to the repaired text");
            return [state]() {
              LanguageTag language;
              try {
                language = LanguageTag(state->language);
              } catch (const ParseError& e) {
                throw UsageError(std::string("--lang: ") + e.what());
              }
              const TextInput input = ReadTextInput(state->input, state->lenient);
              const std::string& input_name = input.name;
              const std::string& content = input.text;
              WarnIfScriptMismatch(input, language);
              segment::SegmenterOptions options{.language = language, .srx_path = state->srx};
              options.icu_decides_by_default = !state->srx_plain;
              segment::Segmenter segmenter(options);
              // Sentences are written as they come (Split's sink), so memory
              // holds the input and one paragraph, not every sentence.
              const bool json = state->format == "json";
              size_t written = 0;
              size_t last_paragraph = 0;
              if (json) std::cout << '[';
              auto write = [&](Segment&& s) {
                if (json) {
                  // The layout of nlohmann::json::dump(2) of the whole array.
                  const nlohmann::json object{{"text", s.text}, {"begin", s.begin}, {"end", s.end},
                                              {"paragraph", s.paragraph}, {"length", s.length}};
                  std::string dumped = object.dump(2);
                  std::string indented = "  ";
                  for (char c : dumped) {
                    indented += c;
                    if (c == '\n') indented += "  ";
                  }
                  std::cout << (written > 0 ? ",\n" : "\n") << indented;
                } else {
                  if (written > 0 && s.paragraph != last_paragraph) std::cout << '\n';
                  std::cout << OneLine(s.text) << '\n';
                }
                last_paragraph = s.paragraph;
                ++written;
              };
              try {
                segmenter.Split(content, write);
              } catch (const ParseError& e) {
                InputLocation where = e.location();
                where.file = input_name;
                throw ParseError(e.message(), where);
              }
              if (json) std::cout << (written > 0 ? "\n]\n" : "]\n");
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
