// Unicode helpers over UTF-8 strings, the one place (with segment/) that talks
// to ICU. Every function takes and returns UTF-8 unless it says otherwise.
//
// Functions that need valid UTF-8 say so with REQUIRES; call CheckUtf8 first
// on anything that came from outside. All functions are thread-safe (ICU's
// normalizers are immutable singletons; break iterators are created per call
// or per thread).
#ifndef TMKIT_TEXT_UNICODE_H_
#define TMKIT_TEXT_UNICODE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/language.h"

namespace tmkit::text {

// The byte offset of the first byte that is not part of a well-formed UTF-8
// sequence (overlongs, surrogates and code points above U+10FFFF count as
// ill-formed), or nullopt when `bytes` is valid UTF-8.
std::optional<size_t> FindInvalidUtf8(std::string_view bytes);

// Throws ParseError "invalid UTF-8 at byte N" with `where` (whose
// offset_bytes is set, and line/column too when `bytes` is the whole input)
// when `bytes` is not valid UTF-8.
void CheckUtf8(std::string_view bytes, InputLocation where = {});

// `bytes` with every ill-formed sequence replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view bytes);

// 1-based line and column (in code points) of byte `offset_bytes` in `text`,
// with `file` copied in. Lines end at "\n". REQUIRES: offset_bytes <= size.
InputLocation LocateOffset(std::string_view text, size_t offset_bytes, std::string file = {});

// Unicode Normalization Form C. REQUIRES: valid UTF-8.
std::string Nfc(std::string_view text);

// Full Unicode case folding (locale-independent), for caseless comparison.
// REQUIRES: valid UTF-8.
std::string FoldCase(std::string_view text);
// FoldCase(text) appended to `out`, without a string of its own.
void AppendFoldedCase(std::string_view text, std::string& out);

// Byte ranges [begin, end) of the occurrences of `needle` in `haystack`, left
// to right and not overlapping, comparing code points by their simple
// lowercase mapping (one code point to one: "İ" finds "i", "ß" does not find
// "ss"). Because the mapping keeps one code point for one, every match
// holds every LoweredTrigrams key of the needle: the TM's concordance index
// finds candidates by those keys and checks them with this. An empty needle
// finds nothing. REQUIRES: valid UTF-8.
std::vector<std::pair<size_t, size_t>> FindIgnoringCase(std::string_view haystack, std::string_view needle);

// Every run of three code points of `text`, each code point lowered as
// FindIgnoringCase lowers it, packed 21 bits apiece into one number (first
// code point highest), in text order with repeats, into `out` (cleared
// first). A text of fewer than three code points has none. REQUIRES: valid
// UTF-8.
void LoweredTrigrams(std::string_view text, std::vector<uint64_t>& out);

// Number of code points. REQUIRES: valid UTF-8.
size_t CountCodePoints(std::string_view text);

// Number of code points after NFC: the length Gale-Church counts.
// REQUIRES: valid UTF-8.
size_t CountNfcCodePoints(std::string_view text);

// What a word span holds, from ICU's word break rule status.
enum class WordKind {
  kLetters,      // a word of letters (alphabetic scripts, Hangul)
  kNumber,       // digits, with inner separators ("1,960", "3.5")
  kIdeographic,  // Han, kana: dictionary-segmented words
  kPunctuation,  // anything else that is not white space
};

// A half-open byte range [begin, end) of a string.
struct TextSpan {
  size_t begin = 0;
  size_t end = 0;
  WordKind kind = WordKind::kLetters;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// The words of `text` by UAX #29 (ICU word break iterator with the root
// locale), white space dropped, punctuation kept as spans of their own.
// REQUIRES: valid UTF-8.
std::vector<TextSpan> WordSpans(std::string_view text);

// WordSpans by ICU's break iterator alone. WordSpans answers most text in
// ASCII and Latin letters without ICU (an import tokenizes every variant)
// and must give exactly this; the tests compare the two.
std::vector<TextSpan> IcuWordSpans(std::string_view text);

// UTF-16 (native order code units) to UTF-8. Throws ParseError on an unpaired
// surrogate, naming its code unit index.
std::string Utf16ToUtf8(std::u16string_view text);

// UTF-8 to UTF-16. REQUIRES: valid UTF-8.
std::u16string Utf8ToUtf16(std::string_view text);

// Checks that `bytes` is UTF-8 text a person would align or segment, and
// throws ParseError (with `where`) that says what it is instead: UTF-16 or
// UTF-32 (by byte order mark, or by the NUL pattern of ASCII in UTF-16), a
// binary file (a NUL byte), or invalid UTF-8 (byte offset, line, column).
// A UTF-8 byte order mark is fine (see SkipUtf8Bom).
void CheckTextInput(std::string_view bytes, InputLocation where = {});

// `bytes` without a leading UTF-8 byte order mark (EF BB BF).
std::string_view SkipUtf8Bom(std::string_view bytes);

// When most letters of `text` are not in a script `language` is written in,
// a sentence saying so ("mostly Latin script, but ko is written in Hangul or
// Han"); otherwise empty. Ignores digits, punctuation and symbols; says
// nothing about texts with fewer than 20 letters or languages whose script
// ICU does not know. REQUIRES: valid UTF-8.
std::string DescribeScriptMismatch(std::string_view text, const LanguageTag& language);

// The canonical BCP 47 form of `tag` by ICU (deprecated codes replaced:
// "iw" → "he"; "en_us" → "en-US"). Throws ParseError when ICU cannot make a
// tag of it.
std::string CanonicalLanguageTag(std::string_view tag);

}  // namespace tmkit::text

#endif  // TMKIT_TEXT_UNICODE_H_
