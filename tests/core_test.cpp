#include <gtest/gtest.h>

#include "core/error.h"
#include "core/language.h"
#include "core/translation_unit.h"

namespace tmkit {
namespace {

TEST(LanguageTag, NormalisesCaseAndSeparators) {
  EXPECT_EQ(LanguageTag("EN-US").str(), "en-US");
  EXPECT_EQ(LanguageTag("en_us").str(), "en-US");
  EXPECT_EQ(LanguageTag("eN-uS").str(), "en-US");
  EXPECT_EQ(LanguageTag("ZH-hant-tw").str(), "zh-Hant-TW");
  EXPECT_EQ(LanguageTag("es-419").str(), "es-419");
  EXPECT_EQ(LanguageTag("x-Klingon").str(), "x-klingon");
}

TEST(LanguageTag, ComparesWithoutRegardToCase) {
  EXPECT_EQ(LanguageTag("EN-gb"), LanguageTag("en-GB"));
  EXPECT_NE(LanguageTag("en-GB"), LanguageTag("en-US"));
}

TEST(LanguageTag, KeepsExtensionsLowerCase) {
  EXPECT_EQ(LanguageTag("de-DE-u-CO-phonebk").str(), "de-DE-u-co-phonebk");
}

TEST(LanguageTag, RejectsMalformedTags) {
  EXPECT_THROW(LanguageTag(""), ParseError);
  EXPECT_THROW(LanguageTag("en--US"), ParseError);
  EXPECT_THROW(LanguageTag("e"), ParseError);
  EXPECT_THROW(LanguageTag("en US"), ParseError);
  EXPECT_THROW(LanguageTag("languagetoolong-US"), ParseError);
  EXPECT_THROW(LanguageTag("12-US"), ParseError);
  try {
    LanguageTag("en US");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "not a BCP 47 language tag: 'en US'");
  }
  EXPECT_TRUE(LanguageTag::ParseOrEmpty("bad tag").empty());
}

TEST(LanguageTag, AcceptsTmxAllLanguages) { EXPECT_EQ(LanguageTag("*all*").str(), "*all*"); }

TEST(LanguageTag, RegionIsFoundPastTheScript) {
  EXPECT_EQ(LanguageTag("zh-Hant-TW").region(), "TW");
  EXPECT_EQ(LanguageTag("en").region(), "");
  EXPECT_EQ(LanguageTag("es-419").region(), "419");
  EXPECT_EQ(LanguageTag("zh-Hant-TW").language(), "zh");
}

TEST(LanguageTag, MoreSpecificTagIsWithinGeneralOne) {
  EXPECT_TRUE(LanguageTag("en-US").IsWithin(LanguageTag("en")));
  EXPECT_TRUE(LanguageTag("en").IsWithin(LanguageTag("en")));
  EXPECT_FALSE(LanguageTag("en").IsWithin(LanguageTag("en-US")));
  EXPECT_FALSE(LanguageTag("eng").IsWithin(LanguageTag("en")));
}

TEST(Error, WhatCarriesTheLocation) {
  ParseError with_line("<tu> is not closed", {.file = "samples/bad.tmx", .line = 41, .column = 7});
  EXPECT_STREQ(with_line.what(), "samples/bad.tmx:41:7: <tu> is not closed");
  EXPECT_EQ(with_line.message(), "<tu> is not closed");
  EXPECT_EQ(with_line.location().line, 41);

  IoError file_only("cannot open file", {.file = "x.txt"});
  EXPECT_STREQ(file_only.what(), "x.txt: cannot open file");

  StoreError record("duplicate id", {.file = "a.tmx", .record = "tu 12"});
  EXPECT_STREQ(record.what(), "a.tmx: tu 12: duplicate id");

  Error offset("invalid UTF-8", {.file = "in.txt", .offset_bytes = 17});
  EXPECT_STREQ(offset.what(), "in.txt: byte 17: invalid UTF-8");

  Error bare("no location");
  EXPECT_STREQ(bare.what(), "no location");
}

TEST(Error, LeavesShareTheRoot) {
  try {
    throw StoreError("x");
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "x");
  }
}

TEST(TranslationUnit, FindVariantPrefersExactLanguage) {
  TranslationUnit unit;
  unit.variants.push_back({.language = LanguageTag("en-GB"), .text = "colour"});
  unit.variants.push_back({.language = LanguageTag("en-US"), .text = "color"});
  unit.variants.push_back({.language = LanguageTag("de"), .text = "Farbe"});
  ASSERT_NE(unit.FindVariant(LanguageTag("en-US")), nullptr);
  EXPECT_EQ(unit.FindVariant(LanguageTag("en-US"))->text, "color");
  EXPECT_EQ(unit.FindVariant(LanguageTag("en"))->text, "colour");
  EXPECT_EQ(unit.FindVariant(LanguageTag("fr")), nullptr);
}

TEST(TranslationUnit, EqualityIgnoresOrigin) {
  TranslationUnit a;
  a.id = "1";
  a.variants.push_back({.language = LanguageTag("en"), .text = "Hello"});
  TranslationUnit b = a;
  b.origin.file = "other.tmx";
  EXPECT_EQ(a, b);
  b.variants[0].text = "Hello!";
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace tmkit
