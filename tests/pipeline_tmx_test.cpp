// TMX ↔ TM through the pipeline: one transaction per import, exports that
// read back as the units that went in, strictness, and the TMX 1.4b DTD.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "pipeline/tmx_transfer.h"
#include "tests/support/test_support.h"
#include "tm/store.h"
#include "tmx/reader.h"

namespace tmkit::pipeline {
namespace {

using testing::ScopedTempDir;
using testing::TestDataPath;

std::vector<std::string> Paths(std::initializer_list<const char*> names) {
  std::vector<std::string> paths;
  for (const char* name : names) paths.push_back(TestDataPath(std::string("tmx/") + name).string());
  return paths;
}

std::vector<TranslationUnit> ReadAll(std::istream& in, const std::string& name) {
  tmx::Reader reader(in, name);
  std::vector<TranslationUnit> units;
  while (std::optional<TranslationUnit> unit = reader.Next()) units.push_back(std::move(*unit));
  return units;
}

std::vector<TranslationUnit> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return ReadAll(in, path);
}

size_t UnitCount(const tm::Store& store) { return store.Stats().units; }

TEST(ImportTmx, ImportsSeveralFilesAndReportsPerFile) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  const std::vector<std::string> paths = Paths({"inline_bpt_ept.tmx", "utf16le_bom.tmx", "bad_units.tmx"});
  const ImportTmxReport report = ImportTmx(paths, store, {});
  ASSERT_EQ(report.files.size(), 3u);
  size_t read = 0;
  for (const FileImportReport& file : report.files) read += file.read.units_read;
  EXPECT_EQ(report.store.units_read, read);
  EXPECT_GT(report.files[2].read.units_skipped, 0u);
  EXPECT_FALSE(report.files[2].read.diagnostics.empty());
  EXPECT_EQ(report.files[2].read.diagnostics[0].location.file, paths[2]);
  EXPECT_EQ(UnitCount(store), report.store.units_stored);
}

TEST(ImportTmx, MalformedFileLeavesTmUntouched) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  ImportTmx(Paths({"utf8_bom.tmx"}), store, {});
  const size_t before = UnitCount(store);
  ASSERT_GT(before, 0u);
  // The first file is good and would add units; the second is not XML.
  const std::vector<std::string> paths = Paths({"inline_bpt_ept.tmx", "unclosed_tu.tmx"});
  EXPECT_THROW(ImportTmx(paths, store, {}), ParseError);
  EXPECT_EQ(UnitCount(store), before);
}

// A TMX of `units` en-de units written here, then `tail` (e.g. broken XML).
std::string WriteGeneratedTmx(const std::filesystem::path& path, int units, const std::string& tail) {
  std::ofstream out(path, std::ios::binary);
  out << "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
         "segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
         "datatype=\"plaintext\"/>\n<body>\n";
  for (int i = 0; i < units; ++i) {
    out << "<tu><tuv xml:lang=\"en\"><seg>Sentence number " << i << " of the file.</seg></tuv>"
        << "<tuv xml:lang=\"de\"><seg>Satz Nummer " << i << " der Datei.</seg></tuv></tu>\n";
  }
  out << tail;
  return path.string();
}

TEST(ImportTmx, ThousandsOfUnitsReadBeforeAnXmlErrorAreNotStored) {
  // Units are read and prepared on a second thread, thousands ahead of the
  // store: the error after them must still undo everything.
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  const std::vector<std::string> good{WriteGeneratedTmx(dir / "good.tmx", 3000, "</body></tmx>\n")};
  const ImportTmxReport report = ImportTmx(good, store, {});
  EXPECT_EQ(report.store.units_stored, 3000u);
  EXPECT_EQ(report.files.at(0).read.units_read, 3000u);
  const std::vector<std::string> broken{WriteGeneratedTmx(dir / "more.tmx", 5000, "<tu><tuv>\n</body>")};
  try {
    ImportTmx(broken, store, {});
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()), broken[0] + ":5004:5: <tuv> is not closed (found </body> at 5005:1)");
  }
  EXPECT_EQ(UnitCount(store), 3000u);
}

TEST(ImportTmx, StrictFailsOnTheFirstBadUnitAndStoresNothing) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  try {
    ImportTmx(Paths({"inline_bpt_ept.tmx", "bad_units.tmx"}), store, {.strict = true});
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("bad_units.tmx:"), std::string::npos) << e.what();
  }
  EXPECT_EQ(UnitCount(store), 0u);
}

TEST(ImportTmx, MissingFileIsAnIoErrorAndStoresNothing) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  std::vector<std::string> paths = Paths({"inline_bpt_ept.tmx"});
  paths.push_back((dir / "missing.tmx").string());
  EXPECT_THROW(ImportTmx(paths, store, {}), IoError);
  EXPECT_EQ(UnitCount(store), 0u);
}

TEST(ImportTmx, ReportsProgressUpToTheTotalSize) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  const std::vector<std::string> paths = Paths({"inline_bpt_ept.tmx", "multilingual_unit.tmx"});
  uint64_t last_done = 0;
  uint64_t total = 0;
  ImportTmx(paths, store, {.progress = [&](uint64_t done, uint64_t all) {
              EXPECT_GE(done, last_done);
              last_done = done;
              total = all;
            }});
  const uint64_t sizes = std::filesystem::file_size(paths[0]) + std::filesystem::file_size(paths[1]);
  EXPECT_EQ(total, sizes);
  EXPECT_EQ(last_done, sizes);
}

TEST(ExportTmx, ReadsBackAsTheImportedUnits) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  const std::vector<std::string> paths = Paths(
      {"all_unit_attributes.tmx", "inline_bpt_ept.tmx", "multilingual_unit.tmx", "header_props_notes.tmx"});
  ImportTmx(paths, store, {});
  std::vector<TranslationUnit> imported;
  for (const std::string& path : paths) {
    for (TranslationUnit& unit : ReadFile(path)) imported.push_back(std::move(unit));
  }
  std::stringstream exported;
  ExportTmx(store, exported, {});
  const std::vector<TranslationUnit> read_back = ReadAll(exported, "exported.tmx");
  ASSERT_EQ(read_back.size(), imported.size());
  for (size_t i = 0; i < imported.size(); ++i) EXPECT_EQ(read_back[i], imported[i]) << "unit " << i;
}

TEST(ExportTmx, Utf16ExportReadsBackTheSame) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  ImportTmx(Paths({"utf16le_bom.tmx", "inline_bpt_ept.tmx"}), store, {});
  std::stringstream utf8;
  std::stringstream utf16;
  ExportTmx(store, utf8, {});
  ExportTmx(store, utf16, {.write = {.encoding = tmx::WriteOptions::Encoding::kUtf16}});
  EXPECT_EQ(static_cast<unsigned char>(utf16.str()[0]), 0xFF);  // little-endian byte order mark
  EXPECT_EQ(ReadAll(utf16, "utf16.tmx"), ReadAll(utf8, "utf8.tmx"));
}

TEST(ExportTmx, LanguageFilterKeepsOnlyThoseVariants) {
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  ImportTmx(Paths({"multilingual_unit.tmx", "inline_bpt_ept.tmx"}), store, {});
  std::stringstream out;
  ExportTmx(store, out, {.languages = {LanguageTag("ja"), LanguageTag("ko")}});
  const std::vector<TranslationUnit> units = ReadAll(out, "filtered.tmx");
  ASSERT_FALSE(units.empty());
  for (const TranslationUnit& unit : units) {
    ASSERT_EQ(unit.variants.size(), 2u);
    for (const Variant& variant : unit.variants) {
      EXPECT_TRUE(variant.language.IsWithin(LanguageTag("ja")) ||
                  variant.language.IsWithin(LanguageTag("ko")));
    }
  }
}

TEST(ExportTmx, ValidatesAgainstTheTmxDtd) {
  if (std::system("xmllint --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint not installed";
  if (!std::filesystem::exists(TMKIT_TMX_DTD)) GTEST_SKIP() << "TMX DTD not found at " << TMKIT_TMX_DTD;
  ScopedTempDir dir;
  tm::Store store = tm::Store::Open((dir / "tm.tmkit").string());
  ImportTmx(Paths({"all_unit_attributes.tmx", "inline_bpt_ept.tmx", "multilingual_unit.tmx",
                   "header_props_notes.tmx", "language_tag_case.tmx", "tmx11_lang_attribute.tmx"}),
            store, {});
  const std::string path = (dir / "export.tmx").string();
  {
    std::ofstream out(path, std::ios::binary);
    ExportTmx(store, out, {});
  }
  const std::string command =
      "xmllint --noout --nonet --dtdvalid '" + std::string(TMKIT_TMX_DTD) + "' '" + path + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace tmkit::pipeline
