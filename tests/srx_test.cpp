// SRX 2.0 files given with SegmenterOptions::srx_path: rule semantics,
// cascade, language maps, errors with their location; and the prefilters,
// which must never change a result.
#include <gtest/gtest.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <set>

#include "core/error.h"
#include "segment/rule_filter_internal.h"
#include "segment/segmenter.h"
#include "segment/srx_internal.h"
#include "tests/segment_test_util.h"
#include "tests/support/test_support.h"

namespace tmkit::segment {
namespace {

// Writes `body` (the inside of <body>) into an SRX document in `dir`.
std::string WriteSrx(const testing::ScopedTempDir& dir, const std::string& body,
                     const std::string& header = R"(<header segmentsubflows="yes" cascade="yes"/>)") {
  const std::string path = (dir / "rules.srx").string();
  testing::WriteFile(
      path, "<?xml version=\"1.0\"?>\n<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n" + header +
                "\n<body>\n" + body + "\n</body>\n</srx>\n");
  return path;
}

const char* kAbbreviationRules = R"(<languagerules>
  <languagerule languagerulename="Default">
    <rule break="no"><beforebreak>\bProf\.</beforebreak><afterbreak>\s</afterbreak></rule>
    <rule break="yes"><beforebreak>[.?!]</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
  <languagerule languagerulename="Semicolons">
    <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="xx.*" languagerulename="Semicolons"/>
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprules>)";

TEST(Srx, UserNoBreakRuleSuppressesIcuBoundary) {
  testing::ScopedTempDir dir;
  Segmenter segmenter({.language = LanguageTag("en"), .srx_path = WriteSrx(dir, kAbbreviationRules)});
  EXPECT_EQ(segmenter.rule_sets(), (std::vector<std::string>{"Default"}));
  // The built-in rules know neither "Prof." nor... the user's do.
  EXPECT_EQ(Texts(segmenter.Split("Ask Prof. Ito today. Then leave.")),
            (std::vector<std::string>{"Ask Prof. Ito today.", "Then leave."}));
  // Without a matching rule, ICU decides: "Dr." is not in this file.
  EXPECT_EQ(Texts(segmenter.Split("Ask Dr. Ito.")), (std::vector<std::string>{"Ask Dr.", "Ito."}));
}

// Rules are filtered by the character before the position: a user's rule
// whose beforebreak ends in white space (against the built-in convention)
// still decides after the space, and one ending in a letter after it.
TEST(Srx, RulesEndingInSpaceOrLetterStillApply) {
  testing::ScopedTempDir dir;
  const std::string rules = R"(<languagerules>
  <languagerule languagerulename="Default">
    <rule break="no"><beforebreak>\bProf\.\s</beforebreak><afterbreak>\p{Lu}</afterbreak></rule>
    <rule break="yes"><beforebreak>\bthen</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
</languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Default"/></maprules>)";
  for (const bool filtered : {true, false}) {
    Segmenter segmenter(
        {.language = LanguageTag("en"), .srx_path = WriteSrx(dir, rules), .use_prefilters = filtered});
    EXPECT_EQ(Texts(segmenter.Split("Ask Prof. Ito then go. Fine.")),
              (std::vector<std::string>{"Ask Prof. Ito then", "go.", "Fine."}))
        << filtered;
  }
}

TEST(Srx, CascadeAppliesEveryMatchingMapInOrder) {
  testing::ScopedTempDir dir;
  Segmenter segmenter({.language = LanguageTag("xx-YY"), .srx_path = WriteSrx(dir, kAbbreviationRules)});
  EXPECT_EQ(segmenter.rule_sets(), (std::vector<std::string>{"Semicolons", "Default"}));
  // A break rule at a position ICU does not break at: after ";".
  EXPECT_EQ(Texts(segmenter.Split("One; two. Prof. Ito")),
            (std::vector<std::string>{"One;", "two.", "Prof. Ito"}));
}

TEST(Srx, WithoutCascadeOnlyTheFirstMatchingMapApplies) {
  testing::ScopedTempDir dir;
  Segmenter segmenter({.language = LanguageTag("xx"),
                       .srx_path = WriteSrx(dir, kAbbreviationRules, R"(<header cascade="no"/>)")});
  EXPECT_EQ(segmenter.rule_sets(), (std::vector<std::string>{"Semicolons"}));
}

TEST(Srx, LanguagePatternsMatchTheWholeTagIgnoringCase) {
  testing::ScopedTempDir dir;
  const std::string path = WriteSrx(dir, kAbbreviationRules);
  EXPECT_EQ(Segmenter({.language = LanguageTag("XX"), .srx_path = path}).rule_sets(),
            (std::vector<std::string>{"Semicolons", "Default"}));
  EXPECT_EQ(Segmenter({.language = LanguageTag("axx"), .srx_path = path}).rule_sets(),
            (std::vector<std::string>{"Default"}));
}

TEST(Srx, PlainSrxModeBreaksOnlyWhereABreakRuleMatches) {
  testing::ScopedTempDir dir;
  SegmenterOptions options{.language = LanguageTag("en"), .srx_path = WriteSrx(dir, kAbbreviationRules)};
  options.icu_decides_by_default = false;
  Segmenter segmenter(options);
  // "?" then a quote: no rule has a break there, so no break, where ICU would.
  EXPECT_EQ(Texts(segmenter.Split("Why?\" he asked. Prof. Ito left; fine.")),
            (std::vector<std::string>{"Why?\" he asked.", "Prof. Ito left; fine."}));
}

TEST(Srx, NamespacePrefixesAndSrx1MapRulesAreRead) {
  testing::ScopedTempDir dir;
  const std::string path = (dir / "old.srx").string();
  testing::WriteFile(path, R"(<s:srx xmlns:s="http://www.lisa.org/srx20" version="2.0"><s:body>
<s:languagerules><s:languagerule languagerulename="Only">
<s:rule break="no"><s:beforebreak>\bNo\.</s:beforebreak><s:afterbreak>\s</s:afterbreak></s:rule>
</s:languagerule></s:languagerules>
<s:maprules><s:maprule maprulename="Default"><s:languagemap languagepattern=".*" languagerulename="Only"/></s:maprule></s:maprules>
</s:body></s:srx>)");
  Segmenter segmenter({.language = LanguageTag("en"), .srx_path = path});
  EXPECT_EQ(segmenter.rule_sets(), (std::vector<std::string>{"Only"}));
  EXPECT_EQ(Texts(segmenter.Split("See No. Five.")), (std::vector<std::string>{"See No. Five."}));
}

// Constructs a Segmenter for `srx` (whole file text) and returns the
// ParseError's what(), or "" when nothing was thrown.
std::string SrxError(const std::string& srx) {
  testing::ScopedTempDir dir;
  const std::string path = (dir / "bad.srx").string();
  testing::WriteFile(path, srx);
  try {
    Segmenter segmenter({.language = LanguageTag("en"), .srx_path = path});
  } catch (const ParseError& e) {
    std::string what = e.what();
    const size_t at = what.find("bad.srx");
    return at == std::string::npos ? what : what.substr(at);
  }
  return "";
}

TEST(Srx, MalformedXmlIsAParseErrorWithLineAndColumn) {
  EXPECT_EQ(SrxError("<srx version=\"2.0\">\n<body>\n  <languagerules>\n</body></srx>"),
            "bad.srx:4:3: malformed XML: Start-end tags mismatch");
}

TEST(Srx, WrongRootIsAParseError) {
  EXPECT_EQ(SrxError("<?xml version=\"1.0\"?>\n<rules/>"),
            "bad.srx:2:1: the root element is <rules>, not <srx>");
}

TEST(Srx, UnknownRuleSetInAMapIsAParseErrorAtTheMap) {
  EXPECT_EQ(SrxError("<srx><body><languagerules/>\n<maprules>\n  <languagemap languagepattern=\".*\" "
                     "languagerulename=\"Nope\"/></maprules></body></srx>"),
            "bad.srx:3:3: <languagemap> names an unknown languagerule 'Nope'");
}

TEST(Srx, BadRegexIsAParseErrorAtThePattern) {
  EXPECT_EQ(
      SrxError("<srx><body><languagerules><languagerule languagerulename=\"A\">\n"
               "<rule><beforebreak>ab(c</beforebreak></rule></languagerule></languagerules></body></srx>"),
      "bad.srx:2:24: bad regular expression <beforebreak>ab(c</...>: U_REGEX_MISMATCHED_PAREN");
}

TEST(Srx, BadBreakAttributeIsAParseError) {
  EXPECT_EQ(SrxError("<srx><body><languagerules><languagerule languagerulename=\"A\">\n"
                     "<rule break=\"maybe\"/></languagerule></languagerules></body></srx>"),
            "bad.srx:2:1: break=\"maybe\" must be \"yes\" or \"no\"");
}

// Columns count code points, on the line of the error, also after earlier
// lines and rules (the parser indexes line starts once for all rules).
TEST(Srx, ErrorColumnCountsCodePointsAfterEarlierRules) {
  EXPECT_EQ(SrxError("<srx><body><languagerules><languagerule languagerulename=\"A\">\n"
                     "<rule><beforebreak>é</beforebreak></rule>\n"
                     "<rule><beforebreak>ü</beforebreak></rule>\n"
                     "<!-- «é» --><rule break=\"maybe\"/></languagerule></languagerules></body></srx>"),
            "bad.srx:4:13: break=\"maybe\" must be \"yes\" or \"no\"");
}

TEST(Srx, MissingFileIsAnIoError) {
  testing::ScopedTempDir dir;
  const std::string path = (dir / "absent.srx").string();
  try {
    Segmenter segmenter({.language = LanguageTag("en"), .srx_path = path});
    FAIL() << "no exception";
  } catch (const IoError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot open SRX file");
  }
}

TEST(Srx, UnboundedBeforebreakIsCappedNotRejected) {
  testing::ScopedTempDir dir;
  Segmenter segmenter({.language = LanguageTag("en"), .srx_path = WriteSrx(dir, R"(<languagerules>
  <languagerule languagerulename="Default">
    <rule break="no"><beforebreak>\bvol\.\s*\d+\.</beforebreak><afterbreak>\s+[A-Z]</afterbreak></rule>
  </languagerule></languagerules>
  <maprules><languagemap languagepattern=".*" languagerulename="Default"/></maprules>)")});
  // ICU breaks after "vol." (a number, then a capital) and after "12.";
  // the rule, its "\s*" capped for the look-behind, suppresses the second.
  EXPECT_EQ(Texts(segmenter.Split("In vol. 12. Smith wrote it.")),
            (std::vector<std::string>{"In vol.", "12. Smith wrote it."}));
}

// The built-in file is parsed without checking its patterns one by one
// (for speed); compiling every rule set proves them.
TEST(Srx, EveryBuiltInRuleSetCompiles) {
  std::set<std::string> seen;
  for (const char* language :
       {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "zh", "ja", "ko", "el", "hy", "sv"}) {
    Segmenter segmenter({.language = LanguageTag(language)});
    seen.insert(segmenter.rule_sets().begin(), segmenter.rule_sets().end());
  }
  EXPECT_EQ(seen,
            (std::set<std::string>{"Leading", "English", "German", "French", "Spanish", "Italian",
                                   "Portuguese", "Dutch", "Russian", "Polish", "Chinese", "Japanese",
                                   "Korean", "Greek", "Armenian", "Generic", "NoOrdinalDot", "Common"}));
}

TEST(Srx, OpenRangeLongerThanTheCapStaysValid) {
  testing::ScopedTempDir dir;
  Segmenter segmenter({.language = LanguageTag("en"), .srx_path = WriteSrx(dir, R"(<languagerules>
  <languagerule languagerulename="Default">
    <rule break="no"><beforebreak>x{70,}\.</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule></languagerules>
  <maprules><languagemap languagepattern=".*" languagerulename="Default"/></maprules>)")});
  const std::string xs(70, 'x');
  EXPECT_EQ(Texts(segmenter.Split("A " + xs + ". Then b.")),
            (std::vector<std::string>{"A " + xs + ". Then b."}));
}

// The prefilters are an optimisation: on messy generated text in many
// languages, results with and without them are identical.
TEST(Srx, PrefiltersNeverChangeTheResult) {
  testing::TextGenerator generator(5);
  static const std::vector<std::string> pieces = {"Mr. ",
                                                  "U.S. ",
                                                  "e.g. ",
                                                  "3.14 ",
                                                  "z. B. ",
                                                  "3. Oktober ",
                                                  "J. R. R. ",
                                                  "\xE2\x80\xA6 ",
                                                  "\"Why?\" he ",
                                                  "(see Fig. 2) ",
                                                  "www.x.org/?q=A ",
                                                  "a@b.Com ",
                                                  "\xE3\x80\x82\xE3\x80\x8C",
                                                  "\xE3\x80\x8D\xE3\x81\xA8",
                                                  "\xE3\x80\x8A\xE5\x90\xA7\xEF\xBC\x81\xE3\x80\x8B",
                                                  "\n1. ",
                                                  "\n- ",
                                                  "\xC2\xBB ",
                                                  "; ",
                                                  ": ",
                                                  "St. ",
                                                  "etc. The ",
                                                  "p.m. We ",
                                                  "1990 r. W ",
                                                  "\xD1\x82. \xD0\xB5. ",
                                                  "EE. UU. ",
                                                  "\xC2\xBF"};
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += generator.Uniform(0, 1) == 0
                ? pieces[generator.Uniform(0, static_cast<uint32_t>(pieces.size() - 1))]
                : generator.Sentence(1, 5) + " ";
  }
  for (const char* language : {"en", "de", "fr", "es", "pl", "ru", "zh", "ja", "ko", "el", "hy", "sv"}) {
    SegmenterOptions fast{.language = LanguageTag(language)};
    SegmenterOptions slow = fast;
    slow.use_prefilters = false;
    EXPECT_EQ(Texts(Segmenter(fast).Split(text)), Texts(Segmenter(slow).Split(text))) << language;
  }
}

// The fast paths (ASCII blocks decoded without byte offsets, abbreviation
// suffixes looked up once for all rules, cached afterbreak masks) against the
// straightforward path, on generated ASCII text: whole Segments, offsets,
// paragraphs and lengths included. A few blocks that are not ASCII are mixed
// in so that both decoders run within one text.
TEST(Srx, FastPathsGiveTheSameSegmentsAsTheStraightforwardPath) {
  testing::TextGenerator generator(11);
  static const std::vector<std::string> pieces = {
      "Mr. ", "Dr. ", "U.S. ", "e.g. ", "i.e. ", "3.14 ", "J. R. R. ", "St. ", "Inc. ", "a.m. ", "p.m. The ",
      "No. 5 ", "(see Fig. 2) ", "version 1.2.3 ", "\"Why?\" she ", "Yahoo! is ", "www.x.org/?q=A ",
      "a@b.Com ", "wait... then ", ". . . The ", "etc. The ", "\n", "\r\n", "\n\n", "\n- ", "\n1. ", "\n2) ",
      ": 1. ", " 2. ", " 3. ", ": a) ", " b) ", "\t", "  ", "; ", "closed.We ", "40 people. 25 ", "Ph.D. ",
      "\n\nNBSP\xC2\xA0. ",
      // Indented continuation lines: runs of spaces longer than two.
      ".\n    The ", ".\n     [1] ", "?\n   25 ", ".\n\t  http://x.org ", "\n   \xC2\xA0 Tw "};
  std::string text;
  for (int i = 0; i < 1500; ++i) {
    text += generator.Uniform(0, 1) == 0
                ? pieces[generator.Uniform(0, static_cast<uint32_t>(pieces.size() - 1))]
                : generator.Sentence(1, 5) + " ";
  }
  for (const char* language : {"en", "de", "fr", "sv"}) {
    SegmenterOptions fast{.language = LanguageTag(language)};
    SegmenterOptions straightforward = fast;
    straightforward.use_prefilters = false;
    const std::vector<Segment> expected = Segmenter(straightforward).Split(text);
    const std::vector<Segment> actual = Segmenter(fast).Split(text);
    ASSERT_EQ(actual.size(), expected.size()) << language;
    for (size_t i = 0; i < actual.size(); ++i) {
      EXPECT_EQ(actual[i].text, expected[i].text) << language << " #" << i;
      EXPECT_EQ(actual[i].begin, expected[i].begin) << language << " #" << i;
      EXPECT_EQ(actual[i].end, expected[i].end) << language << " #" << i;
      EXPECT_EQ(actual[i].paragraph, expected[i].paragraph) << language << " #" << i;
      EXPECT_EQ(actual[i].length, expected[i].length) << language << " #" << i;
    }
  }
}

}  // namespace
}  // namespace tmkit::segment

namespace tmkit::segment {

// The segmenter's candidates are the characters its break rules can end
// with (rule_filter.cpp reads them off each pattern's end). A built-in break
// rule whose end the analysis cannot read makes every character a candidate
// and the segmenter several times slower (a citation rule ending in a
// repeated group once took English from 89 to 14 MB/s), so every one must
// be readable.
TEST(DefaultRules, EveryBreakRuleEndsInCharactersTheFilterKnows) {
  const internal::SrxDocument rules = internal::ParseSrx(internal::DefaultSrx(), "default.srx");
  size_t break_rules = 0;
  for (const internal::SrxRuleSet& set : rules.rule_sets) {
    for (const internal::SrxRule& rule : set.rules) {
      if (!rule.is_break) continue;
      ++break_rules;
      const internal::BeforeTail tail = internal::AnalyseBeforebreak(rule.before);
      EXPECT_TRUE((tail.suffixes && !tail.suffixes->empty()) || !tail.trailing.empty())
          << set.name << ": " << rule.before;
    }
  }
  EXPECT_GT(break_rules, 10u);
  // The check itself: a pattern ending in a repeated group is unreadable.
  const internal::BeforeTail unreadable = internal::AnalyseBeforebreak(R"([.!?](?:\[\d{1,3}\]){1,8})");
  EXPECT_FALSE(unreadable.suffixes || !unreadable.trailing.empty());
}

}  // namespace tmkit::segment

namespace tmkit::segment {

// A beforebreak that starts with a choice of literal prefixes (the URL
// rules) is ruled out wherever none of them occurs within its span: the
// regex then runs only near a URL or an address.
TEST(RuleFilter, ReadsTheLiteralsOneOfWhichEveryMatchContains) {
  const internal::BeforeTail url =
      internal::AnalyseBeforebreak(R"((?:https?://|ftp://|\bwww\.|@[\w-])[^\s]{0,60}\.)");
  EXPECT_EQ(url.required_any, (std::vector<std::u16string>{u"http", u"ftp://", u"www.", u"@"}));
  EXPECT_EQ(url.required_char, u'\0');
  // A branch without a literal gives nothing to require.
  EXPECT_TRUE(internal::AnalyseBeforebreak(R"((?:www\.|\p{L})[^\s]{0,60}\.)").required_any.empty());
  // An optional group is not required.
  EXPECT_TRUE(internal::AnalyseBeforebreak(R"((?:www\.|ftp)?[^\s]{0,60}\.)").required_any.empty());
}

// When the trailing characters stop inside a literal suffix, the character
// just before the suffix is read off the pattern: a unit after a number is
// then not looked for after every plural noun before a full stop.
TEST(RuleFilter, ReadsTheCharacterBeforeALiteralSuffix) {
  auto before_suffix = [](const char* pattern) {
    const std::u16string set = internal::AnalyseBeforebreak(pattern).before_suffix;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet chars(icu::UnicodeString(set.data(), static_cast<int32_t>(set.size())), status);
    EXPECT_TRUE(set.empty() || U_SUCCESS(status)) << pattern;
    return std::make_pair(set.empty(), chars);
  };
  const auto [unknown, chars] = before_suffix(R"(\d\s?(?:[hg]|km)\.)");
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(chars.contains(u'5') && chars.contains(u' ') && chars.contains(0x00A0) &&
              chars.contains(0x0665));
  EXPECT_FALSE(chars.contains(u'a') || chars.contains(u'.'));
  // A suffix that may start the match, a \b before it, or trailing
  // characters that reach past the suffix: nothing to add.
  EXPECT_TRUE(before_suffix(R"((?:km|g)\.)").first);
  EXPECT_TRUE(before_suffix(R"(\b(?:Mr|Dr)\.)").first);
  EXPECT_TRUE(before_suffix(R"(\b\p{L}\.)").first);
  // And the segmenter still breaks after a unit before a capital.
  Segmenter segmenter(SegmenterOptions{.language = LanguageTag("en")});
  EXPECT_EQ(segmenter.Split("Add 5 g. Then stir the bags. Then wait.").size(), 3u);
  EXPECT_EQ(segmenter.Split("It moved at 3 km. Later it stopped.").size(), 2u);
}

TEST(RuleFilter, RequiredLiteralsKeepTheUrlRules) {
  Segmenter segmenter(SegmenterOptions{.language = LanguageTag("en")});
  // The no-break rule for a full stop inside a URL before a capital, with
  // the literal near and far from the position.
  EXPECT_EQ(segmenter.Split("See http://example.org/README.Debian for it.").size(), 1u);
  EXPECT_EQ(segmenter.Split("Mail me@example.Org now.").size(), 1u);
  EXPECT_EQ(segmenter.Split("Read README.Debian first.").size(),
            Segmenter(SegmenterOptions{.language = LanguageTag("en"), .use_prefilters = false})
                .Split("Read README.Debian first.")
                .size());
}

}  // namespace tmkit::segment
