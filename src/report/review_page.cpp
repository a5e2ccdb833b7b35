#include "report/review_page.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "report/review_page_template.h"
#include "text/unicode.h"

namespace tmkit::report {
namespace {

// Checks the aligner's invariant; the page's path and indices rely on it.
void CheckCoverage(const ReviewInput& input) {
  size_t next_src = 0;
  size_t next_tgt = 0;
  for (size_t i = 0; i < input.beads.size(); ++i) {
    const ReviewBead& bead = input.beads[i];
    const InputLocation where{.record = "bead " + std::to_string(i)};
    if (bead.src_begin != next_src || bead.tgt_begin != next_tgt) {
      throw ParseError("beads must cover the sentences in order: expected source " + std::to_string(next_src) +
                           " and target " + std::to_string(next_tgt),
                       where);
    }
    if (bead.src_count + bead.tgt_count == 0) throw ParseError("bead is empty on both sides", where);
    if (!(bead.confidence >= 0.0 && bead.confidence <= 1.0)) {
      throw ParseError("confidence must be in [0, 1]", where);
    }
    next_src += bead.src_count;
    next_tgt += bead.tgt_count;
  }
  if (next_src != input.source.sentences.size() || next_tgt != input.target.sentences.size()) {
    throw ParseError("beads cover " + std::to_string(next_src) + " source and " + std::to_string(next_tgt) +
                     " target sentences, but there are " + std::to_string(input.source.sentences.size()) +
                     " and " + std::to_string(input.target.sentences.size()));
  }
}

nlohmann::json SideJson(const ReviewSide& side) {
  nlohmann::json sentences = nlohmann::json::array();
  for (const Segment& s : side.sentences) {
    sentences.push_back({{"text", s.text}, {"paragraph", s.paragraph}});
  }
  return {{"name", side.name},
          {"language", side.language.str()},
          {"direction", IsRightToLeft(side.language) ? "rtl" : "auto"},
          {"sentences", std::move(sentences)}};
}

// JSON inside <script>: no '<' may appear raw, or "</script>" or "<!--" in a
// sentence would end or confuse the script element. '<' only occurs inside
// JSON strings, where \u003c is the same character.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void Replace(std::string& page, std::string_view marker, const std::string& value) {
  const size_t at = page.find(marker);
  if (at != std::string::npos) page.replace(at, marker.size(), value);
}

}  // namespace

bool IsRightToLeft(const LanguageTag& language) {
  static constexpr std::array<std::string_view, 10> kRtlLanguages = {"ar", "he", "fa", "ur", "yi",
                                                                     "ps", "sd", "dv", "ug", "ckb"};
  static constexpr std::array<std::string_view, 6> kRtlScripts = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"};
  const std::string& tag = language.str();
  for (std::string_view script : kRtlScripts) {
    if (tag.find("-" + std::string(script)) != std::string::npos) return true;
  }
  if (tag.find("-Latn") != std::string::npos || tag.find("-Cyrl") != std::string::npos) return false;
  for (std::string_view rtl : kRtlLanguages) {
    if (language.language() == rtl) return true;
  }
  return false;
}

namespace {

// A sentence index or paragraph number. Checked before conversion: a JSON
// number beyond 2^64 is parsed as a double, and converting it is undefined.
size_t Index(const nlohmann::json& value) {
  if (!value.is_number_unsigned()) throw ParseError("indices must be non-negative integers");
  return value.get<size_t>();
}

ReviewSide SideFromJson(const nlohmann::json& side) {
  ReviewSide out;
  out.name = side.value("file", std::string());
  out.language = LanguageTag(side.at("language").get<std::string>());
  for (const nlohmann::json& sentence : side.at("sentences")) {
    Segment segment;
    segment.text = sentence.at("text").get<std::string>();
    segment.paragraph = sentence.contains("paragraph") ? Index(sentence["paragraph"]) : 0;
    out.sentences.push_back(std::move(segment));
  }
  return out;
}

// Bead sides are lists of consecutive indices: [] , [4], [4, 5].
void SideOfBead(const nlohmann::json& indices, size_t& begin, size_t& count, size_t next) {
  count = indices.size();
  begin = count == 0 ? next : Index(indices.at(0));
  for (size_t i = 1; i < count; ++i) {
    if (Index(indices.at(i)) != begin + i) throw ParseError("bead indices must be consecutive");
  }
}

}  // namespace

ReviewInput ReviewInputFromJson(std::string_view json, const std::string& file) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    const size_t offset = e.byte > 0 ? std::min(e.byte - 1, json.size()) : 0;
    std::string message = e.what();
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: ...": keep the reason.
    const size_t colon = message.find(": ");
    if (colon != std::string::npos) message = message.substr(colon + 2);
    throw ParseError("not a tmkit alignment (JSON): " + message, text::LocateOffset(json, offset, file));
  } catch (const nlohmann::json::exception& e) {
    // Not a syntax error but a value the parser cannot hold (a number out of
    // range, "1e999"): it carries no position.
    std::string message = e.what();
    const size_t bracket = message.find("] ");
    if (bracket != std::string::npos) message = message.substr(bracket + 2);
    throw ParseError("not a tmkit alignment (JSON): " + message, InputLocation{.file = file});
  }
  ReviewInput input;
  std::string where = file;
  try {
    where = file + ": source";
    input.source = SideFromJson(document.at("source"));
    where = file + ": target";
    input.target = SideFromJson(document.at("target"));
    size_t next_src = 0;
    size_t next_tgt = 0;
    const nlohmann::json& beads = document.at("beads");
    for (size_t i = 0; i < beads.size(); ++i) {
      where = file + ": bead " + std::to_string(i);
      ReviewBead bead;
      SideOfBead(beads[i].at("src"), bead.src_begin, bead.src_count, next_src);
      SideOfBead(beads[i].at("tgt"), bead.tgt_begin, bead.tgt_count, next_tgt);
      bead.confidence = beads[i].value("confidence", 1.0);
      next_src = bead.src_begin + bead.src_count;
      next_tgt = bead.tgt_begin + bead.tgt_count;
      input.beads.push_back(bead);
    }
    where = file + ": parameters";
    if (document.contains("parameters")) {
      for (const auto& [name, value] : document["parameters"].items()) {
        std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
        if (value.is_number_float()) {
          char rounded[32];
          std::snprintf(rounded, sizeof rounded, "%.3f", value.get<double>());
          shown = rounded;
        }
        input.parameters.emplace_back(name, std::move(shown));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    std::string message = e.what();
    const size_t bracket = message.find("] ");
    if (bracket != std::string::npos) message = message.substr(bracket + 2);
    throw ParseError("not a tmkit alignment: " + message, InputLocation{.file = where});
  } catch (const ParseError& e) {
    throw ParseError(e.message(), InputLocation{.file = where});
  }
  if (input.source.name.empty()) input.source.name = "source";
  if (input.target.name.empty()) input.target.name = "target";
  return input;
}

void WriteReviewPage(const ReviewInput& input, std::ostream& out) {
  CheckCoverage(input);
  nlohmann::json beads = nlohmann::json::array();
  for (const ReviewBead& b : input.beads) {
    beads.push_back({b.src_begin, b.src_count, b.tgt_begin, b.tgt_count, b.confidence});
  }
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& [name, value] : input.parameters) parameters.push_back({name, value});
  const nlohmann::json document = {{"source", SideJson(input.source)},
                                   {"target", SideJson(input.target)},
                                   {"beads", std::move(beads)},
                                   {"review_threshold", input.review_threshold},
                                   {"parameters", std::move(parameters)}};

  std::string page = kReviewPageTemplate;
  Replace(page, "@TITLE@",
          HtmlEscape("Alignment review: " + input.source.name + " → " + input.target.name));
  // Invalid UTF-8 in a sentence becomes U+FFFD rather than an exception: the
  // page is a view, and the segmenter has already vetted its input.
  Replace(page, "@DATA@", ScriptSafe(document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  out << page;
  if (!out) throw IoError("cannot write the review page");
}

}  // namespace tmkit::report
