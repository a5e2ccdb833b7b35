#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
#include "report/review_page.h"

namespace tmkit::report {
namespace {

Segment Sentence(std::string text, size_t paragraph) {
  Segment s;
  s.text = std::move(text);
  s.paragraph = paragraph;
  return s;
}

ReviewInput SmallInput() {
  ReviewInput input;
  input.source = {.name = "en.txt", .language = LanguageTag("en"),
                  .sentences = {Sentence("One.", 0), Sentence("Two.", 0), Sentence("Three </script><b>x</b>", 1)}};
  input.target = {.name = "ar.txt", .language = LanguageTag("ar"),
                  .sentences = {Sentence("واحد.", 0), Sentence("اثنان وثلاثة.", 1)}};
  input.beads = {{.src_begin = 0, .src_count = 1, .tgt_begin = 0, .tgt_count = 1, .confidence = 0.97},
                 {.src_begin = 1, .src_count = 2, .tgt_begin = 1, .tgt_count = 1, .confidence = 0.4}};
  input.parameters = {{"length ratio c", "1.10"}};
  return input;
}

std::string Render(const ReviewInput& input) {
  std::ostringstream out;
  WriteReviewPage(input, out);
  return out.str();
}

// The JSON document the page carries, parsed back.
nlohmann::json EmbeddedData(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"tmkit-data\">";
  const size_t begin = page.find(open);
  const size_t end = page.find("</script>", begin);
  EXPECT_NE(begin, std::string::npos);
  return nlohmann::json::parse(page.substr(begin + open.size(), end - begin - open.size()));
}

TEST(ReviewPage, EmbedsEveryBeadAndSentence) {
  const nlohmann::json data = EmbeddedData(Render(SmallInput()));
  ASSERT_EQ(data["beads"].size(), 2u);
  EXPECT_EQ(data["beads"][1], nlohmann::json({1, 2, 1, 1, 0.4}));
  EXPECT_EQ(data["source"]["sentences"].size(), 3u);
  EXPECT_EQ(data["source"]["sentences"][2]["paragraph"], 1);
  EXPECT_EQ(data["target"]["sentences"][1]["text"], "اثنان وثلاثة.");
  EXPECT_EQ(data["parameters"][0][1], "1.10");
  EXPECT_DOUBLE_EQ(data["review_threshold"].get<double>(), 0.9);
}

TEST(ReviewPage, MarksRightToLeftSides) {
  const nlohmann::json data = EmbeddedData(Render(SmallInput()));
  EXPECT_EQ(data["target"]["direction"], "rtl");
  EXPECT_EQ(data["source"]["direction"], "auto");
}

TEST(ReviewPage, SentenceTextCannotBreakOutOfTheScript) {
  const std::string page = Render(SmallInput());
  EXPECT_EQ(page.find("Three </script>"), std::string::npos);
  EXPECT_EQ(page.find("<b>x</b>"), std::string::npos);
  // ...yet the text survives intact for the page's script.
  EXPECT_EQ(EmbeddedData(page)["source"]["sentences"][2]["text"], "Three </script><b>x</b>");
}

TEST(ReviewPage, NeedsNoNetwork) {
  const std::string page = Render(SmallInput());
  EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg"));  // only the SVG namespace name
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find(" src="), std::string::npos);
}

TEST(ReviewPage, EscapesTheTitle) {
  ReviewInput input = SmallInput();
  input.source.name = "a<b>&.txt";
  const std::string page = Render(input);
  EXPECT_NE(page.find("<title>Alignment review: a&lt;b&gt;&amp;.txt → ar.txt</title>"), std::string::npos);
}

TEST(ReviewPage, RejectsBeadsThatSkipASentence) {
  ReviewInput input = SmallInput();
  input.beads[1].src_begin = 2;
  input.beads[1].src_count = 1;
  try {
    Render(input);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "bead 1: beads must cover the sentences in order: expected source 1 and target 1");
  }
}

TEST(ReviewPage, RejectsBeadsThatLeaveSentencesOver) {
  ReviewInput input = SmallInput();
  input.beads[1].src_count = 1;
  try {
    Render(input);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "beads cover 2 source and 2 target sentences, but there are 3 and 2");
  }
}

TEST(ReviewPage, RejectsConfidenceOutsideTheUnitInterval) {
  ReviewInput input = SmallInput();
  input.beads[0].confidence = 1.5;
  EXPECT_THROW(Render(input), ParseError);
}

TEST(ReviewPage, RightToLeftLanguages) {
  EXPECT_TRUE(IsRightToLeft(LanguageTag("ar")));
  EXPECT_TRUE(IsRightToLeft(LanguageTag("he-IL")));
  EXPECT_TRUE(IsRightToLeft(LanguageTag("fa")));
  EXPECT_TRUE(IsRightToLeft(LanguageTag("pa-Arab")));
  EXPECT_FALSE(IsRightToLeft(LanguageTag("en")));
  EXPECT_FALSE(IsRightToLeft(LanguageTag("ko")));
  EXPECT_FALSE(IsRightToLeft(LanguageTag("uz-Latn")));
}

}  // namespace
}  // namespace tmkit::report

namespace tmkit::report {
namespace {

TEST(ReviewInputFromJson, ReadsASavedAlignment) {
  const std::string json = R"({
    "source": {"file": "en.txt", "language": "en",
               "sentences": [{"text": "A.", "paragraph": 0}, {"text": "B.", "paragraph": 0}, {"text": "C.", "paragraph": 1}]},
    "target": {"file": "es.txt", "language": "es",
               "sentences": [{"text": "A y B.", "paragraph": 0}, {"text": "C.", "paragraph": 1}]},
    "beads": [{"src": [0, 1], "tgt": [0], "confidence": 0.8}, {"src": [2], "tgt": [1], "confidence": 1}],
    "parameters": {"c": 1.05, "method": "gale-church"}})";
  ReviewInput input = ReviewInputFromJson(json, "saved.json");
  EXPECT_EQ(input.source.name, "en.txt");
  EXPECT_EQ(input.target.language.str(), "es");
  ASSERT_EQ(input.beads.size(), 2u);
  EXPECT_EQ(input.beads[0].src_count, 2u);
  EXPECT_EQ(input.beads[1].src_begin, 2u);
  EXPECT_DOUBLE_EQ(input.beads[0].confidence, 0.8);
  EXPECT_EQ(input.source.sentences[2].paragraph, 1u);
  ASSERT_EQ(input.parameters.size(), 2u);
  EXPECT_EQ(input.parameters[0], (std::pair<std::string, std::string>{"c", "1.050"}));
  EXPECT_EQ(input.parameters[1].second, "gale-church");
}

TEST(ReviewInputFromJson, UnalignedSentencesHaveEmptySides) {
  const std::string json = R"({"source": {"language": "en", "sentences": [{"text": "A."}, {"text": "B."}]},
    "target": {"language": "de", "sentences": [{"text": "A."}]},
    "beads": [{"src": [0], "tgt": [0]}, {"src": [1], "tgt": []}]})";
  ReviewInput input = ReviewInputFromJson(json, "x.json");
  EXPECT_EQ(input.beads[1].tgt_count, 0u);
  EXPECT_EQ(input.beads[1].tgt_begin, 1u);
  std::ostringstream page;
  EXPECT_NO_THROW(WriteReviewPage(input, page));
}

TEST(ReviewInputFromJson, MalformedJsonNamesLineAndColumn) {
  try {
    ReviewInputFromJson("{\n  \"source\": [1,,2]\n}", "bad.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.location().file, "bad.json");
    EXPECT_EQ(e.location().line, 2);
    EXPECT_EQ(e.location().column, 16);
    EXPECT_NE(std::string(e.what()).find("bad.json:2:16: not a tmkit alignment (JSON): "), std::string::npos) << e.what();
  }
}

TEST(ReviewInputFromJson, MissingFieldNamesTheBead) {
  const std::string json = R"({"source": {"language": "en", "sentences": [{"text": "A."}]},
    "target": {"language": "de", "sentences": [{"text": "A."}]}, "beads": [{"src": [0]}]})";
  try {
    ReviewInputFromJson(json, "x.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("x.json: bead 0: not a tmkit alignment: ", 0), 0u) << e.what();
  }
}

TEST(ReviewInputFromJson, NonConsecutiveIndicesAreRejected) {
  const std::string json = R"({"source": {"language": "en", "sentences": [{"text": "A."}, {"text": "B."}, {"text": "C."}]},
    "target": {"language": "de", "sentences": [{"text": "A."}]}, "beads": [{"src": [0, 2], "tgt": [0]}]})";
  try {
    ReviewInputFromJson(json, "x.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "x.json: bead 0: bead indices must be consecutive");
  }
}

}  // namespace
}  // namespace tmkit::report

namespace tmkit::report {
namespace {

// Found by fuzzing (issue 7): a number too large for a double made the JSON
// parser throw out_of_range, which escaped as an internal error.
TEST(ReviewInputFromJson, Issue7NumberOutOfRangeIsAParseError) {
  try {
    ReviewInputFromJson("\r8888.8e888888888<88", "big.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("big.json: not a tmkit alignment (JSON): ", 0), 0u) << e.what();
  }
  EXPECT_THROW(ReviewInputFromJson(R"({"beads": [{"confidence": 1e999}]})", "x.json"), ParseError);
}

}  // namespace
}  // namespace tmkit::report

namespace tmkit::report {
namespace {

// Found by fuzzing (issue 7): an index beyond 2^64 is a double in JSON, and
// converting it to size_t was undefined behaviour (UBSan).
TEST(ReviewInputFromJson, Issue7IndexBeyondUint64IsAParseError) {
  const std::string json = R"({"source": {"language": "en", "sentences": [{"text": "A."}]},
    "target": {"language": "de", "sentences": [{"text": "A."}]},
    "beads": [{"src": [18446744073709553230], "tgt": [0]}]})";
  try {
    ReviewInputFromJson(json, "x.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "x.json: bead 0: indices must be non-negative integers");
  }
}

}  // namespace
}  // namespace tmkit::report
