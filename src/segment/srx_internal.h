// Private to src/segment: SRX 2.0 documents (Segmentation Rules eXchange,
// LISA/GALA) parsed into plain data, and the choice of rule sets for a
// language. The matching itself lives in segmenter.cpp.
#ifndef TMKIT_SEGMENT_SRX_INTERNAL_H_
#define TMKIT_SEGMENT_SRX_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace tmkit::segment::internal {

// <rule break="yes|no"><beforebreak/><afterbreak/></rule>. Patterns are in
// ICU regular expression syntax (SRX says Java's; the two agree on what rule
// files use). An absent pattern is empty and matches everywhere.
struct SrxRule {
  bool is_break = true;
  std::string before;
  std::string after;
  InputLocation where;  // the <rule> element
};

// <languagerule languagerulename="...">.
struct SrxRuleSet {
  std::string name;
  std::vector<SrxRule> rules;
};

// <languagemap languagepattern="..." languagerulename="...">.
struct SrxLanguageMap {
  std::string pattern;  // a regular expression matched against the whole tag
  std::string rule_set;
  InputLocation where;
};

struct SrxDocument {
  bool cascade = true;  // <header cascade="yes">: every matching map applies
  std::vector<SrxRuleSet> rule_sets;
  std::vector<SrxLanguageMap> maps;
};

// Parses an SRX 2.0 document (1.0 files without <header cascade> parse too).
// With check_patterns, every pattern is compiled once to check it (about
// 20 ms for the built-in file, whose patterns the tests check instead: a
// Segmenter compiles the patterns of its own language anyway). Throws
// ParseError
// "file:line:col: message" for XML that is not well formed, a root that is
// not <srx>, a map naming an unknown rule set, a break attribute that is not
// yes/no, or a pattern ICU cannot compile (located at the pattern).
SrxDocument ParseSrx(std::string_view xml, const std::string& file, bool check_patterns = true);

// The rule sets that apply to `language` (a BCP 47 tag), in order: every map
// whose pattern matches the tag case-insensitively when the document
// cascades, else the first. REQUIRES: `document` came from ParseSrx.
std::vector<const SrxRuleSet*> SelectRuleSets(const SrxDocument& document, std::string_view language);

// The built-in rules, src/segment/rules/default.srx, compiled in.
std::string_view DefaultSrx();

}  // namespace tmkit::segment::internal

#endif  // TMKIT_SEGMENT_SRX_INTERNAL_H_
