#include <unicode/parseerr.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <pugixml.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "segment/srx_internal.h"
#include "text/unicode.h"

namespace tmkit::segment::internal {
namespace {

// Element name without a namespace prefix: SRX files use both <rule> and
// <srx:rule>.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == name) return child;
  }
  return {};
}

class SrxParser {
 public:
  SrxParser(std::string_view xml, const std::string& file, bool check_patterns)
      : xml_(xml), file_(file), check_patterns_(check_patterns) {}

  SrxDocument Parse() {
    pugi::xml_document dom;
    const pugi::xml_parse_result result =
        dom.load_buffer(xml_.data(), xml_.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!result) Fail(static_cast<size_t>(result.offset), std::string("malformed XML: ") + result.description());
    pugi::xml_node root = dom.document_element();
    if (LocalName(root) != "srx") Fail(Offset(root), "the root element is <" + std::string(root.name()) + ">, not <srx>");

    SrxDocument document;
    if (pugi::xml_node header = Child(root, "header")) {
      document.cascade = YesNo(header, "cascade", true);
    }
    pugi::xml_node body = Child(root, "body");
    if (!body) Fail(Offset(root), "<srx> has no <body>");
    if (pugi::xml_node rules = Child(body, "languagerules")) {
      for (pugi::xml_node set : rules.children()) {
        if (set.type() != pugi::node_element || LocalName(set) != "languagerule") continue;
        document.rule_sets.push_back(ParseRuleSet(set));
      }
    }
    if (pugi::xml_node maps = Child(body, "maprules")) ParseMaps(maps, document);
    for (const SrxLanguageMap& map : document.maps) {
      bool known = false;
      for (const SrxRuleSet& set : document.rule_sets) known = known || set.name == map.rule_set;
      if (!known) throw ParseError("<languagemap> names an unknown languagerule '" + map.rule_set + "'", map.where);
    }
    return document;
  }

 private:
  // Byte offset of `node` in the file: of its "<" for elements (pugixml
  // gives the name's), of the first character for text.
  size_t Offset(const pugi::xml_node& node) const {
    const ptrdiff_t offset = node.offset_debug();
    if (offset <= 0) return 0;
    return static_cast<size_t>(offset) - (node.type() == pugi::node_element ? 1 : 0);
  }

  // Same location as text::LocateOffset(xml_, offset, file_), but from an
  // index of line starts built once: every rule and map records where it
  // is, and counting lines from the start for each made parsing quadratic
  // in the file's size (the built-in rules, 78 KB, cost 98 million
  // instructions per Segmenter).
  InputLocation Where(size_t offset) const {
    offset = std::min(offset, xml_.size());
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < xml_.size(); ++i) {
        if (xml_[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    const auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<size_t>(next_line - line_starts_.begin()) - 1;
    // The column as LocateOffset counts it, within the line only.
    const size_t line_start = line_starts_[line];
    InputLocation location =
        text::LocateOffset(std::string_view(xml_).substr(line_start), offset - line_start, file_);
    location.line = static_cast<int>(line + 1);
    location.offset_bytes = static_cast<long long>(offset);
    return location;
  }

  [[noreturn]] void Fail(size_t offset, const std::string& message) const { throw ParseError(message, Where(offset)); }

  bool YesNo(const pugi::xml_node& node, const char* attribute, bool fallback) const {
    pugi::xml_attribute value = node.attribute(attribute);
    if (!value) return fallback;
    const std::string_view text = value.value();
    if (text == "yes") return true;
    if (text == "no") return false;
    Fail(Offset(node), std::string(attribute) + "=\"" + std::string(text) + "\" must be \"yes\" or \"no\"");
  }

  // Compiles `pattern` to check it; on failure points at the offending
  // character of the pattern in the file.
  void CheckPattern(const std::string& pattern, const pugi::xml_node& element) const {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, parse_error, status));
    if (U_SUCCESS(status)) return;
    pugi::xml_node text = element.first_child();
    size_t offset = text ? Offset(text) : Offset(element);
    InputLocation where = Where(offset);
    if (parse_error.line <= 1 && parse_error.offset > 0) where.column += parse_error.offset;
    throw ParseError("bad regular expression <" + std::string(LocalName(element)) + ">" + pattern +
                         "</...>: " + u_errorName(status),
                     where);
  }

  SrxRuleSet ParseRuleSet(const pugi::xml_node& set) const {
    SrxRuleSet out;
    pugi::xml_attribute name = set.attribute("languagerulename");
    if (!name) Fail(Offset(set), "<languagerule> has no languagerulename");
    out.name = name.value();
    for (pugi::xml_node rule : set.children()) {
      if (rule.type() != pugi::node_element || LocalName(rule) != "rule") continue;
      SrxRule parsed;
      parsed.is_break = YesNo(rule, "break", true);
      parsed.where = Where(Offset(rule));
      if (pugi::xml_node before = Child(rule, "beforebreak")) {
        parsed.before = before.child_value();
        if (check_patterns_) CheckPattern(parsed.before, before);
      }
      if (pugi::xml_node after = Child(rule, "afterbreak")) {
        parsed.after = after.child_value();
        if (check_patterns_) CheckPattern(parsed.after, after);
      }
      out.rules.push_back(std::move(parsed));
    }
    return out;
  }

  // SRX 2.0 puts <languagemap> directly in <maprules>; SRX 1.0 wraps them in
  // <maprule>. Both are read, in document order.
  void ParseMaps(const pugi::xml_node& parent, SrxDocument& document) const {
    for (pugi::xml_node node : parent.children()) {
      if (node.type() != pugi::node_element) continue;
      if (LocalName(node) == "maprule") {
        ParseMaps(node, document);
        continue;
      }
      if (LocalName(node) != "languagemap") continue;
      SrxLanguageMap map;
      map.pattern = node.attribute("languagepattern").value();
      map.rule_set = node.attribute("languagerulename").value();
      map.where = Where(Offset(node));
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error{};
      std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
          icu::UnicodeString::fromUTF8(map.pattern), UREGEX_CASE_INSENSITIVE, parse_error, status));
      if (U_FAILURE(status)) {
        throw ParseError("bad languagepattern \"" + map.pattern + "\": " + u_errorName(status), map.where);
      }
      document.maps.push_back(std::move(map));
    }
  }

  std::string_view xml_;
  const std::string& file_;
  bool check_patterns_;
  mutable std::vector<size_t> line_starts_;  // byte offsets of the lines' starts, built by Where
};

}  // namespace

SrxDocument ParseSrx(std::string_view xml, const std::string& file, bool check_patterns) {
  return SrxParser(xml, file, check_patterns).Parse();
}

std::vector<const SrxRuleSet*> SelectRuleSets(const SrxDocument& document, std::string_view language) {
  std::vector<const SrxRuleSet*> selected;
  const icu::UnicodeString tag = icu::UnicodeString::fromUTF8(icu::StringPiece(language.data(), static_cast<int32_t>(language.size())));
  for (const SrxLanguageMap& map : document.maps) {
    UErrorCode status = U_ZERO_ERROR;
    // Checked by ParseSrx, so compiling cannot fail here.
    std::unique_ptr<icu::RegexMatcher> matcher(
        new icu::RegexMatcher(icu::UnicodeString::fromUTF8(map.pattern), tag, UREGEX_CASE_INSENSITIVE, status));
    if (U_FAILURE(status) || !matcher->matches(status)) continue;
    for (const SrxRuleSet& set : document.rule_sets) {
      if (set.name == map.rule_set) {
        selected.push_back(&set);
        break;
      }
    }
    if (!document.cascade) break;
  }
  return selected;
}

}  // namespace tmkit::segment::internal
