#include "tmx/writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_support.h"
#include "tmx/reader.h"

namespace tmkit::tmx {
namespace {

using ::tmkit::testing::ReadFile;
using ::tmkit::testing::ScopedTempDir;
using ::tmkit::testing::TestDataPath;
using ::tmkit::testing::WriteFile;

struct Document {
  Header header;
  std::vector<TranslationUnit> units;
  ReadReport report;
};

Document ReadDocument(std::istream& in, const std::string& name) {
  Reader reader(in, name);
  Document document{reader.header(), {}, {}};
  while (std::optional<TranslationUnit> unit = reader.Next()) document.units.push_back(std::move(*unit));
  document.report = reader.report();
  return document;
}

Document ReadPath(const std::string& path) {
  std::istringstream in(ReadFile(path));
  return ReadDocument(in, path);
}

std::string WriteDocument(const Header& header, const std::vector<TranslationUnit>& units,
                          const WriteOptions& options = {}, WriteReport* report = nullptr) {
  std::ostringstream out;
  Writer writer(out, header, options);
  for (const TranslationUnit& unit : units) writer.Write(unit);
  writer.Finish();
  if (report != nullptr) *report = writer.report();
  return out.str();
}

Document ReadString(const std::string& xml) {
  std::istringstream in(xml);
  return ReadDocument(in, "written.tmx");
}

Variant MakeVariant(const char* language, std::string text) {
  Variant variant;
  variant.language = LanguageTag(language);
  variant.text = std::move(text);
  return variant;
}

TranslationUnit MakeUnit(std::string id, std::string en, std::string fr) {
  TranslationUnit unit;
  unit.id = std::move(id);
  unit.variants.push_back(MakeVariant("en", std::move(en)));
  unit.variants.push_back(MakeVariant("fr", std::move(fr)));
  return unit;
}

// Every fixture that reads without an error and without a skipped unit.
std::vector<std::filesystem::path> ValidFixtures() {
  std::vector<std::filesystem::path> valid;
  for (const auto& entry : std::filesystem::directory_iterator(TestDataPath("tmx"))) {
    if (entry.path().extension() != ".tmx") continue;
    try {
      if (ReadPath(entry.path().string()).report.units_skipped == 0) valid.push_back(entry.path());
    } catch (const Error&) {
      // malformed on purpose
    }
  }
  std::sort(valid.begin(), valid.end());
  return valid;
}

TEST(TmxWriter, RoundTripsEveryValidFixture) {
  const std::vector<std::filesystem::path> fixtures = ValidFixtures();
  // The fixtures that must be among them (a reader bug must not shrink the set).
  for (const char* name : {"header_props_notes.tmx", "all_unit_attributes.tmx", "inline_bpt_ept.tmx",
                           "utf16le_bom.tmx", "tmx11_lang_attribute.tmx", "markup_in_odd_places.tmx",
                           "language_tag_case.tmx", "latin1_declared.tmx", "multilingual_unit.tmx"}) {
    EXPECT_NE(std::find(fixtures.begin(), fixtures.end(), TestDataPath("tmx/" + std::string(name))), fixtures.end())
        << name;
  }
  for (const std::filesystem::path& path : fixtures) {
    SCOPED_TRACE(path.filename().string());
    const Document first = ReadPath(path.string());
    const std::string written = WriteDocument(first.header, first.units, {.drop_undeclared_attributes = false});
    const Document second = ReadString(written);
    EXPECT_EQ(second.units, first.units);
    Header expected_header = first.header;
    expected_header.version = "1.4";
    EXPECT_EQ(second.header, expected_header);
    EXPECT_EQ(second.report.units_skipped, 0u);
    // Writing again gives the same bytes: the first write was already canonical.
    EXPECT_EQ(WriteDocument(second.header, second.units, {.drop_undeclared_attributes = false}), written);
  }
}

TEST(TmxWriter, Utf16RoundTrip) {
  const Document first = ReadPath(TestDataPath("tmx/utf8_bom.tmx").string());
  const std::string written = WriteDocument(first.header, first.units, {.encoding = WriteOptions::Encoding::kUtf16});
  ASSERT_GE(written.size(), 4u);
  EXPECT_EQ(written.substr(0, 4), std::string("\xFF\xFE<\x00", 4));
  std::istringstream in(written);
  Reader reader(in, "utf16.tmx");
  EXPECT_EQ(reader.encoding(), "UTF-16LE");
  std::vector<TranslationUnit> units;
  while (std::optional<TranslationUnit> unit = reader.Next()) units.push_back(std::move(*unit));
  EXPECT_EQ(units, first.units);
}

bool XmllintAvailable() { return std::system("xmllint --version > /dev/null 2>&1") == 0; }

TEST(TmxWriter, OutputValidatesAgainstTheTmx14Dtd) {
  if (!XmllintAvailable()) GTEST_SKIP() << "xmllint not installed (Debian package libxml2-utils)";
  if (!std::filesystem::exists(TMKIT_TMX_DTD)) GTEST_SKIP() << "TMX DTD not found at " << TMKIT_TMX_DTD;
  ScopedTempDir dir;
  std::vector<std::filesystem::path> inputs = ValidFixtures();
  for (const std::filesystem::path& path : inputs) {
    SCOPED_TRACE(path.filename().string());
    const Document document = ReadPath(path.string());
    for (WriteOptions::Encoding encoding : {WriteOptions::Encoding::kUtf8, WriteOptions::Encoding::kUtf16}) {
      const std::string out = (dir / ("out-" + path.filename().string())).string();
      {
        Writer writer(out, document.header, {.encoding = encoding});
        for (const TranslationUnit& unit : document.units) writer.Write(unit);
        writer.Finish();
      }
      const std::string command = "xmllint --noout --nonet --dtdvalid '" + std::string(TMKIT_TMX_DTD) + "' '" + out + "'";
      EXPECT_EQ(std::system(command.c_str()), 0) << command;
    }
  }
  // Units built in code, with what the DTD would reject if written naively:
  // an empty header, undeclared attributes, a bad segtype.
  TranslationUnit unit = MakeUnit("1", "a & b < c", "\"quoted\"");
  unit.attributes = {{"x-custom", "1"}, {"segtype", "Sentence"}};
  unit.variants[0].attributes = {{"x-other", "2"}};
  const std::string out = (dir / "built.tmx").string();
  WriteReport report;
  WriteFile(out, WriteDocument(Header{}, {unit}, {}, &report));
  EXPECT_EQ(report.attributes_dropped, 2u);
  const std::string command = "xmllint --noout --nonet --dtdvalid '" + std::string(TMKIT_TMX_DTD) + "' '" + out + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  // The check bites: the same file with a <tu> that has no <tuv> is invalid.
  std::string invalid = ReadFile(out);
  invalid.insert(invalid.find("</body>"), "<tu/>\n");
  WriteFile(out, invalid);
  EXPECT_NE(std::system((command + " 2> /dev/null").c_str()), 0);
}

TEST(TmxWriter, DropsAndCountsCharactersIllegalInXml) {
  TranslationUnit unit = MakeUnit("c", std::string("bell\x07 nul\x00 ok", 13) + "\xEF\xBF\xBF" + "\xFF", "tab\tok");
  WriteReport report;
  const std::string written = WriteDocument(Header{}, {unit}, {}, &report);
  EXPECT_EQ(report.characters_dropped, 4u);  // BEL, NUL, U+FFFF, a stray 0xFF byte
  EXPECT_NE(written.find("<seg>bell nul ok</seg>"), std::string::npos);
  EXPECT_NE(written.find("<seg>tab\tok</seg>"), std::string::npos);
  EXPECT_EQ(ReadString(written).units.at(0).variants[0].text, "bell nul ok");
}

TEST(TmxWriter, EscapesTextAndAttributesSoTheyReadBackUnchanged) {
  TranslationUnit unit = MakeUnit("id \"quoted\" & <tagged>\nwith\ttabs", "a < b && c > d ]]> e\r\nf", "x");
  unit.properties.push_back({"x-note", "p < q & \"r\"", "", ""});
  unit.notes.push_back({"line one\nline two\r", "en", ""});
  const std::string written = WriteDocument(Header{}, {unit});
  EXPECT_NE(written.find(R"(tuid="id &quot;quoted&quot; &amp; &lt;tagged&gt;&#10;with&#9;tabs")"), std::string::npos);
  EXPECT_NE(written.find("<seg>a &lt; b &amp;&amp; c &gt; d ]]&gt; e&#13;\nf</seg>"), std::string::npos);
  const Document read = ReadString(written);
  ASSERT_EQ(read.units.size(), 1u);
  EXPECT_EQ(read.units[0], unit);
}

TEST(TmxWriter, WritesInlineTagsBackAtTheirOffsets) {
  TranslationUnit unit = MakeUnit("t", "Click Save now.", "Cliquez.");
  unit.variants[0].inline_tags = {{InlineTagKind::kBpt, 6, R"(<bpt i="1">&lt;b&gt;</bpt>)"},
                                  {InlineTagKind::kEpt, 10, R"(<ept i="1">&lt;/b&gt;</ept>)"},
                                  {InlineTagKind::kHi, 11, "<hi>"},
                                  {InlineTagKind::kHi, 14, "</hi>"}};
  const std::string written = WriteDocument(Header{}, {unit});
  EXPECT_NE(written.find(R"(<seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> <hi>now</hi>.</seg>)"),
            std::string::npos)
      << written;
  EXPECT_EQ(ReadString(written).units.at(0), unit);
}

TEST(TmxWriter, WritesDatesInTmxForm) {
  TranslationUnit unit = MakeUnit("d", "a", "b");
  unit.created = std::chrono::sys_days(std::chrono::year(2024) / 1 / 31) + std::chrono::hours(23) +
                 std::chrono::minutes(59) + std::chrono::seconds(58);
  unit.variants[1].changed = std::chrono::sys_days(std::chrono::year(1999) / 12 / 1);
  const std::string written = WriteDocument(Header{}, {unit});
  EXPECT_NE(written.find(R"(<tu tuid="d" creationdate="20240131T235958Z">)"), std::string::npos) << written;
  EXPECT_NE(written.find(R"(<tuv xml:lang="fr" changedate="19991201T000000Z">)"), std::string::npos) << written;
  EXPECT_EQ(ReadString(written).units.at(0), unit);
}

TEST(TmxWriter, FillsRequiredHeaderAttributesLeftEmpty) {
  Header header;
  header.srclang = "en";
  header.segtype = "Paragraph";
  const Document read = ReadString(WriteDocument(header, {}));
  EXPECT_EQ(read.header.creationtool, "tmkit");
  EXPECT_FALSE(read.header.creationtoolversion.empty());
  EXPECT_EQ(read.header.segtype, "paragraph");
  EXPECT_EQ(read.header.o_tmf, "tmkit");
  EXPECT_EQ(read.header.adminlang, "en");
  EXPECT_EQ(read.header.srclang, "en");
  EXPECT_EQ(read.header.datatype, "plaintext");
  EXPECT_TRUE(read.units.empty());
}

TEST(TmxWriter, KeepsUndeclaredAttributesWhenAskedButNeverBadNames) {
  TranslationUnit unit = MakeUnit("a", "x", "y");
  unit.attributes = {{"x-custom", "1"}, {"bad name\"", "2"}, {"", "3"}, {"x-\xFF", "4"}};
  WriteReport report;
  const std::string written = WriteDocument(Header{}, {unit}, {.drop_undeclared_attributes = false}, &report);
  EXPECT_EQ(report.attributes_dropped, 3u);
  EXPECT_EQ(ReadString(written).units.at(0).attributes, (std::vector<Attribute>{{"x-custom", "1"}}));
}

TEST(TmxWriter, WritesCanonicalLanguageTagsWhenAsked) {
  TranslationUnit unit = MakeUnit("l", "a", "b");
  unit.variants[0].language = LanguageTag("en-US");
  unit.variants[0].original_language = "EN_us";
  EXPECT_NE(WriteDocument(Header{}, {unit}).find(R"(xml:lang="EN_us")"), std::string::npos);
  EXPECT_NE(WriteDocument(Header{}, {unit}, {.keep_original_language_tags = false}).find(R"(xml:lang="en-US")"),
            std::string::npos);
}

TEST(TmxWriter, SkipsVariantsWithoutALanguageAndUnitsLeftEmpty) {
  TranslationUnit unit = MakeUnit("v", "a", "b");
  unit.variants[1].language = LanguageTag();
  TranslationUnit empty;
  empty.variants.push_back(Variant{});
  WriteReport report;
  const Document read = ReadString(WriteDocument(Header{}, {unit, empty}, {}, &report));
  EXPECT_EQ(report.units_written, 1u);
  EXPECT_EQ(report.units_skipped, 1u);
  EXPECT_EQ(report.variants_skipped, 2u);
  EXPECT_EQ(read.report.units_skipped, 1u);  // one variant left: the reader reports it
}

TEST(TmxWriter, LeavesTheDocumentOpenWithoutFinish) {
  std::ostringstream out;
  {
    Writer writer(out, Header{});
    writer.Write(MakeUnit("1", "a", "b"));
  }
  EXPECT_EQ(out.str().find("</tmx>"), std::string::npos);
  std::istringstream in(out.str());
  Reader reader(in, "open.tmx");
  EXPECT_THROW(reader.Next(), ParseError);  // buffered units are not written either
}

TEST(TmxWriter, ReportsAFailingStreamAsIoError) {
  std::ostringstream out;
  Writer writer(out, Header{}, {.flush_bytes = 1});
  out.setstate(std::ios::badbit);
  EXPECT_THROW(writer.Write(MakeUnit("1", "a", "b")), IoError);
  try {
    Writer file_writer("/nonexistent/dir/out.tmx", Header{});
    FAIL() << "no error";
  } catch (const IoError& error) {
    EXPECT_EQ(std::string(error.what()), "/nonexistent/dir/out.tmx: cannot open for writing");
  }
}

TEST(TmxWriter, StreamsLargeOutputThroughASmallBuffer) {
  std::vector<TranslationUnit> units;
  for (int i = 0; i < 500; ++i) units.push_back(MakeUnit(std::to_string(i), "Sentence " + std::to_string(i), "Phrase"));
  const std::string small = WriteDocument(Header{}, units, {.flush_bytes = 100});
  EXPECT_EQ(small, WriteDocument(Header{}, units));
  EXPECT_EQ(ReadString(small).units, units);
}

}  // namespace
}  // namespace tmkit::tmx
