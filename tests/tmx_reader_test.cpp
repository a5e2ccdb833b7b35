#include "tmx/reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace tmkit::tmx {
namespace {

using ::tmkit::testing::ReadFile;
using ::tmkit::testing::ScopedTempDir;
using ::tmkit::testing::TestDataPath;
using ::tmkit::testing::WriteFile;

std::string Fixture(const std::string& name) { return TestDataPath("tmx/" + name).string(); }

std::vector<TranslationUnit> ReadAll(Reader& reader) {
  std::vector<TranslationUnit> units;
  while (std::optional<TranslationUnit> unit = reader.Next()) units.push_back(std::move(*unit));
  return units;
}

std::vector<TranslationUnit> ReadAll(const std::string& path, const ReadOptions& options = {}) {
  Reader reader(path, options);
  return ReadAll(reader);
}

// The what() of the ParseError that `read` throws, or "" if none.
template <typename F>
std::string ParseErrorOf(F read) {
  try {
    read();
  } catch (const ParseError& error) {
    return error.what();
  }
  return "";
}

Timestamp At(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
         std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss);
}

std::string Tmx(const std::string& body) {
  return "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
         "segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n" +
         body + "</body></tmx>\n";
}

TEST(TmxReader, ReadsEveryHeaderAttributeWithPropsNotesAndUde) {
  Reader reader(Fixture("header_props_notes.tmx"));
  const Header& header = reader.header();
  EXPECT_EQ(header.version, "1.4");
  EXPECT_EQ(header.creationtool, "HandMade");
  EXPECT_EQ(header.creationtoolversion, "2.1");
  EXPECT_EQ(header.segtype, "sentence");
  EXPECT_EQ(header.o_tmf, "hand");
  EXPECT_EQ(header.adminlang, "en-US");
  EXPECT_EQ(header.srclang, "en-US");
  EXPECT_EQ(header.datatype, "plaintext");
  EXPECT_EQ(header.o_encoding, "iso-8859-1");
  EXPECT_EQ(header.creationdate, "20240102T030405Z");
  EXPECT_EQ(header.creationid, "ann");
  EXPECT_EQ(header.changedate, "20240203T040506Z");
  EXPECT_EQ(header.changeid, "bob");
  EXPECT_TRUE(header.other_attributes.empty());
  EXPECT_EQ(header.notes, (std::vector<Note>{{"Header note & more", "en", ""}}));
  EXPECT_EQ(header.properties, (std::vector<Property>{{"x-project", "Atlas", "en", "utf-8"}}));
  ASSERT_EQ(header.udes.size(), 1u);
  EXPECT_EQ(header.udes[0].name, "MacRoman");
  EXPECT_EQ(header.udes[0].base, "Macintosh");
  EXPECT_EQ(header.udes[0].maps, (std::vector<UdeMap>{{"#xF8FF", "#xF0", "Apple_logo", "[Apple]"},
                                                     {"#xE000", "", "private", ""}}));
}

TEST(TmxReader, ReadsPropsAndNotesAtUnitAndVariantLevel) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("header_props_notes.tmx"));
  ASSERT_EQ(units.size(), 2u);
  const TranslationUnit& unit = units[0];
  EXPECT_EQ(unit.id, "u1");
  EXPECT_EQ(unit.attributes, (std::vector<Attribute>{{"datatype", "plaintext"}, {"srclang", "en-US"}}));
  EXPECT_EQ(unit.notes, (std::vector<Note>{{"Unit note", "", ""}}));
  EXPECT_EQ(unit.properties, (std::vector<Property>{{"x-domain", "legal", "", ""}}));
  ASSERT_EQ(unit.variants.size(), 2u);
  EXPECT_EQ(unit.variants[0].language.str(), "en-US");
  EXPECT_EQ(unit.variants[0].text, "The contract ends in May.");
  EXPECT_EQ(unit.variants[0].properties, (std::vector<Property>{{"x-status", "final", "", ""}}));
  EXPECT_EQ(unit.variants[0].notes, (std::vector<Note>{{"Variant note", "en", ""}}));
  EXPECT_EQ(unit.variants[1].language.str(), "de-DE");
  EXPECT_TRUE(unit.variants[1].properties.empty());
  EXPECT_EQ(units[1].id, "u2");
}

TEST(TmxReader, ReadsEveryUnitAttributeAndDates) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("all_unit_attributes.tmx"));
  ASSERT_EQ(units.size(), 1u);
  const TranslationUnit& unit = units[0];
  EXPECT_EQ(unit.id, "42");
  EXPECT_EQ(unit.created, At(2020, 1, 1, 0, 0, 0));
  EXPECT_EQ(unit.changed, At(2021, 12, 31, 23, 59, 59));
  EXPECT_EQ(unit.attributes, (std::vector<Attribute>{{"o-encoding", "utf-8"},
                                                     {"datatype", "html"},
                                                     {"usagecount", "7"},
                                                     {"lastusagedate", "20230405T060708Z"},
                                                     {"creationtool", "HandMade"},
                                                     {"creationtoolversion", "1.2"},
                                                     {"creationid", "ann"},
                                                     {"segtype", "phrase"},
                                                     {"changeid", "bob"},
                                                     {"o-tmf", "hand"},
                                                     {"srclang", "en"}}));
  const Variant& en = unit.variants[0];
  EXPECT_EQ(en.created, At(2020, 2, 3, 4, 5, 6));  // ISO 8601 extended form, tolerated
  EXPECT_EQ(en.changed, At(2020, 3, 4, 5, 6, 7));
  EXPECT_EQ(en.attributes, (std::vector<Attribute>{{"o-encoding", "utf-8"},
                                                   {"datatype", "html"},
                                                   {"usagecount", "3"},
                                                   {"lastusagedate", "20230405T060708Z"},
                                                   {"creationtool", "HandMade"},
                                                   {"creationtoolversion", "1.2"},
                                                   {"creationid", "cat"},
                                                   {"o-tmf", "hand"},
                                                   {"changeid", "dan"}}));
  // A date that is not one stays an attribute, as written.
  const Variant& fr = unit.variants[1];
  EXPECT_FALSE(fr.created.has_value());
  EXPECT_EQ(fr.attributes, (std::vector<Attribute>{{"creationdate", "not a date"}}));
}

TEST(TmxReader, ReadsAnyNumberOfVariantsInOrder) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("multilingual_unit.tmx"));
  ASSERT_EQ(units.size(), 1u);
  std::vector<std::string> seen;
  for (const Variant& variant : units[0].variants) seen.push_back(variant.language.str() + ":" + variant.text);
  EXPECT_EQ(seen, (std::vector<std::string>{"en:Good morning.", "ko:좋은 아침입니다.", "ja:おはようございます。",
                                            "ru:Доброе утро.", "en:Morning!"}));
}

TEST(TmxReader, ReadsTmx11LangAttribute) {
  Reader reader(Fixture("tmx11_lang_attribute.tmx"));
  EXPECT_EQ(reader.header().version, "1.1");
  const std::vector<TranslationUnit> units = ReadAll(reader);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].variants[0].language.str(), "en-US");
  EXPECT_EQ(units[0].variants[0].original_language, "EN-US");
  EXPECT_EQ(units[0].variants[1].language.str(), "fr-FR");
  EXPECT_EQ(units[0].properties, (std::vector<Property>{{"Domain", "Software", "EN-US", ""}}));
  EXPECT_EQ(units[0].variants[1].notes, (std::vector<Note>{{"relu", "FR-FR", ""}}));
  EXPECT_TRUE(units[0].variants[0].attributes.empty());  // lang is the language, not an attribute
}

TEST(TmxReader, CanonicalisesLanguageTagsAndKeepsTheOriginal) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("language_tag_case.tmx"));
  std::vector<std::string> seen;
  for (const TranslationUnit& unit : units) {
    for (const Variant& variant : unit.variants) seen.push_back(variant.language.str() + "|" + variant.original_language);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"en-US|EN-US", "pt-BR|pt_br", "en-US|eN-uS", "he|iw", "en-US|",
                                            "zh-Hant-TW|zh-hant-tw"}));
}

TEST(TmxReader, SeparatesPlainTextFromNativeCodeTags) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("inline_bpt_ept.tmx"));
  ASSERT_EQ(units.size(), 3u);
  const Variant& en = units[0].variants[0];
  EXPECT_EQ(en.text, "Click Save now.");
  EXPECT_EQ(en.inline_tags,
            (std::vector<InlineTag>{{InlineTagKind::kBpt, 6, R"(<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>)"},
                                    {InlineTagKind::kEpt, 10, R"(<ept i="1">&lt;/b&gt;</ept>)"}}));
  const Variant& placeholders = units[1].variants[0];
  EXPECT_EQ(placeholders.text, " See page 2.");
  EXPECT_EQ(placeholders.inline_tags,
            (std::vector<InlineTag>{{InlineTagKind::kPh, 0, R"(<ph x="1" type="image">&lt;img src="a.png"/&gt;</ph>)"},
                                    {InlineTagKind::kIt, 5, R"(<it pos="begin" x="2">&lt;i&gt;</it>)"},
                                    {InlineTagKind::kUt, 10, R"(<ut>{\b}</ut>)"}}));
}

TEST(TmxReader, KeepsHighlightContentAsTextBetweenTwoRecords) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("inline_bpt_ept.tmx"));
  const Variant& en = units[2].variants[0];
  EXPECT_EQ(en.text, "Press Ctrl+S to save.");
  EXPECT_EQ(en.inline_tags,
            (std::vector<InlineTag>{{InlineTagKind::kHi, 6, R"(<hi type="key">)"},
                                    {InlineTagKind::kHi, 11, R"(<hi x="3">)"},
                                    {InlineTagKind::kHi, 12, "</hi>"},
                                    {InlineTagKind::kHi, 12, "</hi>"},
                                    {InlineTagKind::kPh, 16, R"(<ph x="4">&lt;a title="<sub>Save the file</sub>"&gt;</ph>)"}}));
}

TEST(TmxReader, FindsUnitEndsPastCommentsCdataAndQuotedGreaterThan) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("markup_in_odd_places.tmx"));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].id, "x>1");
  EXPECT_EQ(units[0].attributes, (std::vector<Attribute>{{"creationid", "single \"quoted\" > id"}}));
  EXPECT_EQ(units[0].variants[0].text, "Text with a CDATA </tu> section & <b> inside.");
  EXPECT_EQ(units[0].variants[1].text, "Texte avec <tu> et \"guillemets\" été.");
  EXPECT_EQ(units[1].variants[0].text, "  Leading and trailing spaces are kept.  ");
  EXPECT_EQ(units[1].variants[1].text, "Espaces\nsur deux lignes.");
}

TEST(TmxReader, GivesEachUnitItsFileLineColumnAndRecord) {
  const std::vector<TranslationUnit> units = ReadAll(Fixture("bad_units.tmx"));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].origin.ToString(), Fixture("bad_units.tmx") + ":6:5: tu 1");
  EXPECT_EQ(units[1].origin.ToString(), Fixture("bad_units.tmx") + ":25:5: tu 6");
}

TEST(TmxReader, SkipsAndReportsBadUnitsWithTheirLocation) {
  Reader reader(Fixture("bad_units.tmx"));
  const std::vector<TranslationUnit> units = ReadAll(reader);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].id, "good-1");
  EXPECT_EQ(units[1].id, "good-2");
  EXPECT_EQ(reader.report().units_read, 2u);
  EXPECT_EQ(reader.report().units_skipped, 4u);
  std::vector<std::string> messages;
  for (const Diagnostic& diagnostic : reader.report().diagnostics) messages.push_back(diagnostic.ToString());
  const std::string file = Fixture("bad_units.tmx");
  EXPECT_EQ(messages, (std::vector<std::string>{
                          file + ":10:5: tu 2: <tu> has 1 variant; a unit needs at least 2",
                          file + ":15:7: tu 3: <tuv> has no xml:lang",
                          file + ":19:26: tu 4: <seg> is empty",
                          file + ":22:36: tu 5: unknown inline element <g>",
                      }));
}

TEST(TmxReader, StrictModeThrowsOnTheFirstBadUnit) {
  Reader reader(Fixture("bad_units.tmx"), {.on_bad_record = OnBadRecord::kFail});
  ASSERT_TRUE(reader.Next().has_value());
  EXPECT_EQ(ParseErrorOf([&] { reader.Next(); }),
            Fixture("bad_units.tmx") + ":10:5: tu 2: <tu> has 1 variant; a unit needs at least 2");
}

TEST(TmxReader, KeepsAtMostMaxDiagnosticsButCountsAll) {
  Reader reader(Fixture("bad_units.tmx"), {.max_diagnostics = 1});
  ReadAll(reader);
  EXPECT_EQ(reader.report().units_skipped, 4u);
  EXPECT_EQ(reader.report().diagnostics.size(), 1u);
  EXPECT_EQ(reader.report().diagnostics_dropped, 3u);
}

TEST(TmxReader, ReportsLineAndColumnOfUnclosedTu) {
  EXPECT_EQ(ParseErrorOf([] { ReadAll(Fixture("unclosed_tu.tmx")); }),
            Fixture("unclosed_tu.tmx") + ":10:5: <tu> is not closed (found </body> at 13:3)");
}

TEST(TmxReader, ReportsTuCutByTheEndOfInput) {
  std::istringstream in(Tmx("<tu><tuv xml:lang=\"en\"><seg>cut").substr(0, 200));
  Reader reader(in, "cut.tmx");
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(reader); }), "cut.tmx:4:1: <tu> is not closed");
}

TEST(TmxReader, ReportsMismatchedEndTagAtTheOpenTag) {
  EXPECT_EQ(ParseErrorOf([] { ReadAll(Fixture("mismatched_end_tag.tmx")); }),
            Fixture("mismatched_end_tag.tmx") + ":8:37: <bpt> is not closed (found </ept> at 8:57)");
}

TEST(TmxReader, RejectsBareAmpersandAsMalformed) {
  EXPECT_EQ(ParseErrorOf([] { ReadAll(Fixture("bare_ampersand.tmx")); }),
            Fixture("bare_ampersand.tmx") + ":7:36: '&' does not start a reference (write '&amp;')");
}

TEST(TmxReader, ReportsMarkupErrorsWithLocation) {
  std::istringstream in(Tmx("<tu>\n<tuv xml:lang=\"en\" datatype><seg>a</seg></tuv></tu>\n"));
  Reader reader(in, "syntax.tmx");
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(reader); }), "syntax.tmx:5:28: expected '=' after an attribute name");
  std::istringstream bad_name(Tmx("<tu><tuv xml:lang=\"en\"><seg>a<1/></seg></tuv></tu>\n"));
  Reader second(bad_name, "name.tmx");
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(second); }), "name.tmx:4:30: '<' is not followed by a name (write '&lt;')");
  // pugixml would take the first and drop the second without a word.
  std::istringstream duplicate(Tmx("<tu><tuv xml:lang=\"en\" xml:lang=\"fr\"><seg>a</seg></tuv></tu>\n"));
  Reader third(duplicate, "dup.tmx");
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(third); }), "dup.tmx:4:24: duplicate attribute 'xml:lang'");
}

TEST(TmxReader, RejectsDocumentsThatAreNotTmx) {
  EXPECT_EQ(ParseErrorOf([] { Reader reader(Fixture("not_tmx.xml")); }),
            Fixture("not_tmx.xml") + ":2:1: not a TMX document: expected <tmx>");
  std::istringstream no_body("<tmx version=\"1.4\"><header/></tmx>");
  EXPECT_EQ(ParseErrorOf([&] { Reader reader(no_body, "nobody.tmx"); }), "nobody.tmx:1:29: expected <body>");
  std::istringstream trailing(Tmx("") + "<tmx/>");
  Reader reader(trailing, "trailing.tmx");
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(reader); }), "trailing.tmx:5:1: content after </tmx>");
}

TEST(TmxReader, CountsBytesReadForProgress) {
  const std::string path = Fixture("header_props_notes.tmx");
  Reader reader(path, {.read_chunk_bytes = 256});
  const uint64_t at_start = reader.bytes_read();
  EXPECT_GE(at_start, 256u);  // the header is past the first chunk
  ReadAll(reader);
  EXPECT_EQ(reader.bytes_read(), ReadFile(path).size());
  EXPECT_GT(reader.bytes_read(), at_start);
}

TEST(TmxReader, ReadsEmptyBody) {
  Reader reader(Fixture("empty_body.tmx"));
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_EQ(reader.report().units_read, 0u);
}

TEST(TmxReader, DecodesEveryUnicodeEncodingToTheSameUnits) {
  const std::vector<TranslationUnit> expected = ReadAll(Fixture("utf8_bom.tmx"));
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(expected[1].variants[0].text, "Emoji outside the BMP: \U0001F600 and \U00020BB7.");
  for (const char* name : {"utf16le_bom.tmx", "utf16be_bom.tmx", "utf16le_no_bom.tmx"}) {
    SCOPED_TRACE(name);
    Reader reader(Fixture(name));
    EXPECT_EQ(ReadAll(reader), expected);
  }
  EXPECT_EQ(Reader(Fixture("utf16le_no_bom.tmx")).encoding(), "UTF-16LE");
  EXPECT_EQ(Reader(Fixture("utf16be_bom.tmx")).encoding(), "UTF-16BE");
  EXPECT_EQ(Reader(Fixture("utf8_bom.tmx")).encoding(), "UTF-8");
}

TEST(TmxReader, DecodesTheEncodingTheDeclarationNames) {
  Reader reader(Fixture("latin1_declared.tmx"));
  EXPECT_EQ(reader.encoding(), "ISO-8859-1");
  const std::vector<TranslationUnit> units = ReadAll(reader);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].variants[0].text, "Café crème.");
  EXPECT_EQ(units[0].variants[1].text, "Grüße aus Köln.");
  std::istringstream unknown("<?xml version=\"1.0\" encoding=\"EBCDIC-CP-US\"?><tmx/>");
  EXPECT_EQ(ParseErrorOf([&] { Reader r(unknown, "x.tmx"); }),
            "x.tmx:1:1: unsupported encoding 'EBCDIC-CP-US' (tmkit reads UTF-8, UTF-16, ISO-8859-1 and windows-1252)");
}

TEST(TmxReader, RejectsInvalidBytesWithTheirByteOffset) {
  const std::string path = Fixture("invalid_utf8.tmx");
  const size_t offset = ReadFile(path).find('\xFF');
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(path); }), path + ": byte " + std::to_string(offset) + ": invalid UTF-8 (byte 0xFF)");
  // An unpaired surrogate in UTF-16: bytes 2-3 are "<", then a lone high surrogate.
  std::istringstream utf16(std::string("\xFF\xFE<\x00\x00\xD8?\x00", 8));
  EXPECT_EQ(ParseErrorOf([&] { Reader r(utf16, "u16.tmx"); }), "u16.tmx: byte 4: invalid UTF-16 (unpaired surrogate)");
}

TEST(TmxReader, SmallReadChunksGiveTheSameUnits) {
  // Chunks of 64 bytes cut UTF-8 sequences, UTF-16 surrogate pairs, tags and
  // references: the result must not change.
  for (const char* name : {"utf8_bom.tmx", "utf16le_bom.tmx", "inline_bpt_ept.tmx", "markup_in_odd_places.tmx",
                           "bad_units.tmx"}) {
    SCOPED_TRACE(name);
    const std::vector<TranslationUnit> expected = ReadAll(Fixture(name));
    const std::vector<TranslationUnit> chunked = ReadAll(Fixture(name), {.read_chunk_bytes = 64});
    EXPECT_EQ(chunked, expected);
    ASSERT_EQ(chunked.size(), expected.size());
    for (size_t i = 0; i < chunked.size(); ++i) EXPECT_EQ(chunked[i].origin.ToString(), expected[i].origin.ToString());
  }
}

TEST(TmxReader, BoundsTheSizeOfAUnit) {
  std::string units;
  units += "<tu><tuv xml:lang=\"en\"><seg>" + std::string(5000, 'a') + "</seg></tuv>";
  units += "<tuv xml:lang=\"fr\"><seg>b</seg></tuv></tu>\n";
  std::istringstream in(Tmx(units));
  Reader reader(in, "big.tmx", {.max_unit_bytes = 4096, .read_chunk_bytes = 1024});
  EXPECT_EQ(ParseErrorOf([&] { ReadAll(reader); }),
            "big.tmx:4:1: <tu> is larger than 4096 bytes (ReadOptions::max_unit_bytes)");
}

TEST(TmxReader, ExternalEntitiesAreNeverExpandedOrFetched) {
  // The entity names a file we control: its content must never show up.
  ScopedTempDir dir;
  const std::string secret = (dir / "secret.txt").string();
  WriteFile(secret, "CANARY-7d1f");
  std::string xml = ReadFile(Fixture("xxe_external_entity.tmx"));
  xml.replace(xml.find("/etc/passwd"), 11, secret);
  std::istringstream in(xml);
  Reader reader(in, "xxe.tmx");
  const std::vector<TranslationUnit> units = ReadAll(reader);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].id, "innocent");
  for (const TranslationUnit& unit : units) {
    for (const Variant& variant : unit.variants) EXPECT_EQ(variant.text.find("CANARY"), std::string::npos);
  }
  ASSERT_EQ(reader.report().diagnostics.size(), 1u);
  EXPECT_EQ(reader.report().diagnostics[0].ToString(),
            "xxe.tmx:12:39: tu 1: entity '&xxe;' is not expanded (tmkit never processes a DTD)");
  EXPECT_EQ(ParseErrorOf([] {
              Reader strict(Fixture("xxe_external_entity.tmx"), {.on_bad_record = OnBadRecord::kFail});
              ReadAll(strict);
            }),
            Fixture("xxe_external_entity.tmx") + ":12:39: tu 1: entity '&xxe;' is not expanded (tmkit never processes a DTD)");
}

TEST(TmxReader, BillionLaughsIsInert) {
  Reader reader(Fixture("billion_laughs.tmx"));
  const std::vector<TranslationUnit> units = ReadAll(reader);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].id, "after");
  EXPECT_EQ(reader.report().units_skipped, 1u);
  EXPECT_EQ(reader.report().diagnostics.at(0).ToString(),
            Fixture("billion_laughs.tmx") + ":19:31: tu 1: entity '&lol9;' is not expanded (tmkit never processes a DTD)");
}

TEST(TmxReader, CharacterReferencesXmlForbidsMakeABadUnit) {
  Reader reader(Fixture("illegal_char_reference.tmx"));
  const std::vector<TranslationUnit> units = ReadAll(reader);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].variants[0].text, "Tab\tis fine.");
  EXPECT_EQ(reader.report().diagnostics.at(0).ToString(),
            Fixture("illegal_char_reference.tmx") + ":7:35: tu 1: character reference '&#7;' is not allowed in XML 1.0");
}

TEST(TmxReader, WarnsAboutIgnoredElementsWithoutSkippingTheUnit) {
  std::istringstream in(Tmx("<tu><x-custom/><tuv xml:lang=\"en\"><seg>a</seg></tuv>"
                            "<tuv xml:lang=\"fr\"><seg>b</seg></tuv></tu>\n<foo/>\n"));
  Reader reader(in, "warn.tmx");
  EXPECT_EQ(ReadAll(reader).size(), 1u);
  EXPECT_EQ(reader.report().units_skipped, 0u);
  std::vector<std::string> messages;
  for (const Diagnostic& diagnostic : reader.report().diagnostics) messages.push_back(diagnostic.ToString());
  EXPECT_EQ(messages, (std::vector<std::string>{"warn.tmx:4:5: tu 1: unknown element <x-custom> in <tu> ignored",
                                                "warn.tmx:5:1: unknown element <foo> in <body> ignored"}));
}

// A stream whose reads fail after `limit` bytes.
class FailingBuffer : public std::streambuf {
 public:
  FailingBuffer(std::string data, size_t limit) : data_(std::move(data)), limit_(limit) {}

 protected:
  int_type underflow() override {
    if (served_ >= limit_) throw std::runtime_error("disk on fire");
    const size_t n = std::min<size_t>(16, std::min(limit_, data_.size()) - served_);
    if (n == 0) return traits_type::eof();
    char* begin = data_.data() + served_;
    setg(begin, begin, begin + n);
    served_ += n;
    return traits_type::to_int_type(*begin);
  }

 private:
  std::string data_;
  size_t limit_;
  size_t served_ = 0;
};

TEST(TmxReader, ReportsAStreamThatFailsHalfwayAsIoError) {
  std::string units;
  for (int i = 0; i < 50; ++i) units += "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"fr\"><seg>b</seg></tuv></tu>\n";
  FailingBuffer buffer(Tmx(units), 2000);
  std::istream in(&buffer);
  try {
    Reader reader(in, "failing.tmx", {.read_chunk_bytes = 256});
    ReadAll(reader);
    FAIL() << "no error";
  } catch (const IoError& error) {
    EXPECT_EQ(error.message(), "read failed");
    EXPECT_EQ(error.location().file, "failing.tmx");
  }
}

// Every prefix and many one-byte corruptions of every fixture either read or
// throw a tmkit::Error: never another exception, a crash or a hang.
TEST(TmxReader, DamagedInputOnlyEverThrowsTmkitErrors) {
  size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TestDataPath("tmx"))) {
    if (entry.path().extension() != ".tmx") continue;
    const std::string bytes = ReadFile(entry.path());
    std::vector<std::string> damaged;
    for (size_t cut = 0; cut < bytes.size(); cut += 5) damaged.push_back(bytes.substr(0, cut));
    for (size_t at = 0; at < bytes.size(); at += 11) {
      for (char replacement : {'<', '>', '&', '"', '/', '\0', '\xC3'}) {
        std::string copy = bytes;
        copy[at] = replacement;
        damaged.push_back(std::move(copy));
      }
    }
    for (const std::string& input : damaged) {
      ++inputs;
      std::istringstream in(input);
      try {
        Reader reader(in, "damaged.tmx", {.read_chunk_bytes = 64});
        ReadAll(reader);
      } catch (const Error&) {
        // expected for most inputs
      }
    }
  }
  EXPECT_GT(inputs, 1000u);
}

TEST(TmxReader, ReportsAMissingFileAsIoError) {
  try {
    Reader reader("/nonexistent/dir/x.tmx");
    FAIL() << "no error";
  } catch (const IoError& error) {
    EXPECT_EQ(std::string(error.what()), "/nonexistent/dir/x.tmx: cannot open for reading");
  }
}

}  // namespace
}  // namespace tmkit::tmx

namespace tmkit::tmx {
namespace {

// Found by the bad-input catalogue (issue 7): a <seg> nested 100,000 <hi>
// deep overflowed the stack in the recursive segment converter.
TEST(TmxReader, Issue7DeepNestingIsABadUnitNotACrash) {
  std::string deep = "<tu><tuv xml:lang=\"en\"><seg>";
  for (int i = 0; i < 100000; ++i) deep += "<hi>";
  deep += "deep";
  for (int i = 0; i < 100000; ++i) deep += "</hi>";
  deep += "</seg></tuv><tuv xml:lang=\"de\"><seg>tief</seg></tuv></tu>\n";
  deep += "<tu><tuv xml:lang=\"en\"><seg>Shallow.</seg></tuv><tuv xml:lang=\"de\"><seg>Flach.</seg></tuv></tu>\n";
  std::string document = Tmx(deep);
  std::istringstream in(document);
  Reader reader(in, "deep.tmx");
  std::optional<TranslationUnit> unit = reader.Next();
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(unit->variants[0].text, "Shallow.");
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_EQ(reader.report().units_skipped, 1u);
  ASSERT_FALSE(reader.report().diagnostics.empty());
  EXPECT_NE(reader.report().diagnostics[0].message.find("elements nested more than 64 deep"), std::string::npos);
}

TEST(TmxReader, NestingUpToTheLimitIsRead) {
  std::string nested = "<tu><tuv xml:lang=\"en\"><seg>";
  for (int i = 0; i < 40; ++i) nested += "<hi>";
  nested += "x";
  for (int i = 0; i < 40; ++i) nested += "</hi>";
  nested += "</seg></tuv><tuv xml:lang=\"de\"><seg>y</seg></tuv></tu>\n";
  std::istringstream in(Tmx(nested));
  Reader reader(in, "nested.tmx");
  std::optional<TranslationUnit> unit = reader.Next();
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(unit->variants[0].text, "x");
  EXPECT_EQ(unit->variants[0].inline_tags.size(), 80u);
}

}  // namespace
}  // namespace tmkit::tmx
