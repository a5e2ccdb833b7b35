// Fuzzy match scores: how much a stored sentence looks like a query.
//
// score = 1 − d ÷ L, where d is the edit distance (insert, delete, replace,
// each cost 1) between the two token sequences and L the longer sequence's
// token count. Tokens are ICU words (UAX #29) of the text after NFC and full
// case folding, white space dropped, numbers and punctuation kept as tokens of
// their own; for languages written without spaces (zh, ja, th) every code
// point that is not white space is a token. A score of 1 means the texts are
// identical after NFC (same inline tags too); texts with the same tokens that
// differ in case, white space or inline tags score just below 1 (see
// kSurfacePenalty) and say why. docs/scoring.md has worked examples.
//
// Pure functions over values; thread-safe. Offsets are bytes into Nfc(text),
// which is `text` itself for text already in NFC (nearly all real text).
#ifndef TMKIT_FUZZY_MATCH_SCORE_H_
#define TMKIT_FUZZY_MATCH_SCORE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/translation_unit.h"

namespace tmkit::fuzzy {

// What a token is. Character tokens of zh/ja/th are kWord unless they are
// digits or punctuation.
enum class TokenKind { kWord, kNumber, kPunctuation };

// Words, or one token per code point.
enum class Granularity { kWord, kCharacter };

// kCharacter for Chinese, Japanese and Thai (primary subtags zh, ja, th, and
// the Chinese macrolanguage members yue, cmn, wuu, ...), kWord otherwise.
Granularity GranularityFor(const LanguageTag& language);

struct Token {
  std::string key;         // NFC, case-folded: what the edit distance compares
  size_t begin_bytes = 0;  // [begin, end) in Nfc(text)
  size_t end_bytes = 0;
  TokenKind kind = TokenKind::kWord;
  friend bool operator==(const Token&, const Token&) = default;
};

// The tokens of `text`. REQUIRES: valid UTF-8 (throws ParseError otherwise,
// naming the byte offset).
std::vector<Token> Tokenize(std::string_view text, Granularity granularity);

// The keys of Tokenize's tokens for a text already in NFC (text::Nfc's
// result), without Token objects: appended to `keys` one after another, the
// end of each (an offset into `keys`) to `ends`. For an import, which needs
// only the keys of every token of every variant. REQUIRES: valid UTF-8 in NFC.
void AppendTokenKeys(std::string_view nfc, Granularity granularity, std::string& keys,
                     std::vector<size_t>& ends);

// One step of the edit script that turns the matched source into the query.
// Stored nowhere; the names are part of the CLI's JSON output.
enum class EditKind {
  kInsert,   // query tokens [query_begin, query_end) are not in the source
  kDelete,   // source tokens [source_begin, source_end) are not in the query
  kReplace,  // source tokens [source_begin, source_end) became query tokens [query_begin, query_end)
};

// Token index ranges (not bytes): index into the Tokenize() results.
struct EditOp {
  EditKind kind = EditKind::kReplace;
  size_t query_begin = 0;
  size_t query_end = 0;
  size_t source_begin = 0;
  size_t source_end = 0;
  friend bool operator==(const EditOp&, const EditOp&) = default;
};

// "insert", "delete", "replace".
const char* EditKindName(EditKind kind);

// Levenshtein distance between two sequences of token ids, or `max_distance`
// + 1 as soon as the distance is known to exceed `max_distance`. Cost
// O(min(n, m) · (2·max_distance + 1)) time, O(m) space.
size_t BoundedEditDistance(std::span<const uint32_t> query, std::span<const uint32_t> source,
                           size_t max_distance);

// The minimal edit script from `source` to `query` (adjacent deletes and
// inserts merged into replaces), ordered by position. O(n · m).
std::vector<EditOp> EditScript(std::span<const uint32_t> query, std::span<const uint32_t> source);

// 1 − distance ÷ longer_count; 1 when both are empty.
double TokenScore(size_t distance, size_t longer_count);

// The largest edit distance that keeps TokenScore(d, longer_count) ≥
// min_score, with a margin of 1e-9 so that rounding never loses a match:
// every (d, L) with TokenScore(d, L) ≥ min_score has d ≤ MaxDistance(L, min_score).
// Non-decreasing in L, and L − MaxDistance(L) is non-decreasing too: the
// index in tm/ relies on both.
size_t MaxDistance(size_t longer_count, double min_score);

// How far a match with the same tokens but another surface scores below 1,
// for each kind of surface difference (case, white space, inline tags).
// Also taken off fuzzy scores when inline tags differ.
inline constexpr double kSurfacePenalty = 0.01;

// Whether a match is the query itself.
enum class MatchKind {
  kExact,      // identical after NFC, same inline tags: score 1
  kNearExact,  // same tokens; case, white space or inline tags differ: score 0.97-0.99
  kFuzzy,      // tokens differ
};

// Which kinds of difference a match has. Several can hold at once.
struct Differences {
  bool words = false;        // word tokens differ
  bool numbers = false;      // number tokens differ (e.g. "5" vs "6"): check them
  bool punctuation = false;  // punctuation tokens differ
  bool inline_tags = false;  // the kinds or places of inline tags differ
  bool whitespace = false;   // same tokens, other spacing
  bool letter_case = false;  // same tokens, other case
  friend bool operator==(const Differences&, const Differences&) = default;
};

// A text with its inline tags, as a variant has them (borrowed; lives as
// long as the strings it points to).
struct TaggedText {
  std::string_view text;
  std::span<const InlineTag> inline_tags;
};

struct ScoreResult {
  double score = 0;  // [0, 1]; 1 only for kExact
  MatchKind kind = MatchKind::kFuzzy;
  Differences differences;
  size_t distance = 0;      // token edit distance
  size_t longer_count = 0;  // L: the longer side's token count
  std::vector<Token> query_tokens;
  std::vector<Token> source_tokens;
  std::vector<EditOp> diff;  // source → query, over the two token vectors
};

// Scores `source` (a stored text) against `query`. REQUIRES: both valid UTF-8
// (throws ParseError otherwise).
ScoreResult Score(const TaggedText& query, const TaggedText& source, Granularity granularity);

}  // namespace tmkit::fuzzy

#endif  // TMKIT_FUZZY_MATCH_SCORE_H_
