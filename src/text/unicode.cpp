#include "text/unicode.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>

#include "text/icu_status.h"

namespace tmkit::text {
namespace {

// The length of the ASCII prefix of [data, data + length), eight bytes at a
// time: most of our input is ASCII, and a byte-by-byte loop is a large part
// of the segmenter's time on English.
size_t AsciiPrefix(const uint8_t* data, size_t length) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, sizeof word);
    if (word & kHighBits) break;
  }
  while (i < length && data[i] < 0x80) ++i;
  return i;
}

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (data[i] < 0x80) {
      i += static_cast<int32_t>(AsciiPrefix(data + i, static_cast<size_t>(length - i)));
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::nullopt;
}

void CheckUtf8(std::string_view bytes, InputLocation where) {
  std::optional<size_t> bad = FindInvalidUtf8(bytes);
  if (!bad) return;
  if (where.line == 0) {
    InputLocation located = LocateOffset(bytes, *bad, where.file);
    where.line = located.line;
    where.column = located.column;
  }
  where.offset_bytes = static_cast<long long>(*bad);
  throw ParseError("invalid UTF-8 at byte " + std::to_string(*bad), std::move(where));
}

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

InputLocation LocateOffset(std::string_view text, size_t offset_bytes, std::string file) {
  InputLocation location;
  location.file = std::move(file);
  location.line = 1;
  location.column = 1;
  location.offset_bytes = static_cast<long long>(offset_bytes);
  for (size_t i = 0; i < offset_bytes && i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++location.line;
      location.column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++location.column;  // count lead bytes only: code points
    }
  }
  return location;
}

namespace {

icu::UnicodeString ToIcu(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string FromIcu(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

const icu::Normalizer2& NfcInstance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  CheckIcuStatus(status, "loading NFC data");
  return *nfc;
}

bool IsAscii(std::string_view text) {
  return AsciiPrefix(reinterpret_cast<const uint8_t*>(text.data()), text.size()) == text.size();
}

}  // namespace

std::string Nfc(std::string_view text) {
  if (IsAscii(text)) return std::string(text);  // ASCII is always NFC
  const icu::Normalizer2& nfc = NfcInstance();
  UErrorCode status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc.normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, nullptr,
                    status);
  CheckIcuStatus(status, "NFC normalisation");
  return out;
}

std::string FoldCase(std::string_view text) {
  std::string folded;
  AppendFoldedCase(text, folded);
  return folded;
}

void AppendFoldedCase(std::string_view text, std::string& out) {
  // Default case folding lower-cases A-Z and, in Latin-1, U+00C0-U+00DE
  // (not U+00D7) by adding 0x20, and turns U+00DF into "ss"; it leaves the
  // rest of ASCII and U+00E0-U+00FF alone. Text of only those characters
  // (English, German, French, Spanish...) is folded here, in place after a
  // copy, without a UTF-16 round trip: every token of every variant of an
  // import comes here. The tests compare this with ICU for every code point
  // up to U+024F.
  const size_t start = out.size();
  out.append(text);
  char* const folded = out.data() + start;
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') folded[i] = static_cast<char>(c + ('a' - 'A'));
      continue;
    }
    if (c == 0xC3 && i + 1 < n) {
      const auto low = static_cast<unsigned char>(folded[i + 1]);  // U+00C0 + (low - 0x80)
      if (low != 0x9F) {  // ß grows to "ss": ICU below, for this rare letter
        if (low >= 0x80 && low <= 0x9E && low != 0x97) folded[i + 1] = static_cast<char>(low + 0x20);
        ++i;
        continue;
      }
    }
    out.resize(start);
    icu::UnicodeString s = ToIcu(text);
    s.foldCase(U_FOLD_CASE_DEFAULT);
    s.toUTF8String(out);
    return;
  }
}

namespace {

// The code point at text[i], lowered as FindIgnoringCase and LoweredTrigrams
// lower (the simple, one-to-one mapping); advances i. One function for both,
// since the concordance index relies on them agreeing. ASCII without ICU.
UChar32 NextLowered(std::string_view text, int32_t& i) {
  UChar32 c = static_cast<unsigned char>(text[static_cast<size_t>(i)]);
  if (c < 0x80) {
    ++i;
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return u_tolower(c < 0 ? 0xFFFD : c);
}

}  // namespace

std::vector<std::pair<size_t, size_t>> FindIgnoringCase(std::string_view haystack, std::string_view needle) {
  // Each code point lowercased, with the byte offset where it starts (and
  // one past the end, so that a match's end offset is at hand).
  auto lowered = [](std::string_view text, std::vector<UChar32>& code_points, std::vector<size_t>* offsets) {
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
      if (offsets != nullptr) offsets->push_back(static_cast<size_t>(i));
      code_points.push_back(NextLowered(text, i));
    }
    if (offsets != nullptr) offsets->push_back(text.size());
  };
  std::vector<std::pair<size_t, size_t>> ranges;
  std::vector<UChar32> wanted;
  lowered(needle, wanted, nullptr);
  if (wanted.empty()) return ranges;
  std::vector<UChar32> text;
  std::vector<size_t> offsets;
  lowered(haystack, text, &offsets);
  for (auto at = text.begin(); (at = std::search(at, text.end(), wanted.begin(), wanted.end())) != text.end();
       at += static_cast<std::ptrdiff_t>(wanted.size())) {
    const auto begin = static_cast<size_t>(at - text.begin());
    ranges.emplace_back(offsets[begin], offsets[begin + wanted.size()]);
  }
  return ranges;
}

void LoweredTrigrams(std::string_view text, std::vector<uint64_t>& out) {
  // At most one trigram per byte: sized once, written through a pointer
  // (push_back's capacity check per code point was a third of the work).
  out.resize(text.size());
  uint64_t* to = out.data();
  // A sliding window of the last three lowered code points.
  uint64_t window = 0;
  size_t seen = 0;
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const UChar32 c = NextLowered(text, i);
    window = ((window << 21) | static_cast<uint64_t>(c)) & ((uint64_t{1} << 63) - 1);
    if (++seen >= 3) *to++ = window;
  }
  out.resize(static_cast<size_t>(to - out.data()));
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

size_t CountNfcCodePoints(std::string_view text) {
  if (IsAscii(text)) return text.size();
  const icu::Normalizer2& nfc = NfcInstance();
  UErrorCode status = U_ZERO_ERROR;
  // Most text is already NFC; only normalise when the quick check says so.
  if (nfc.isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status) &&
      U_SUCCESS(status)) {
    return CountCodePoints(text);
  }
  return CountCodePoints(Nfc(text));
}

namespace {

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// The length of the letter or digit at text[i] (1 for ASCII, 2 for a
// letter of U+00C0-U+024F: Latin-1, Latin Extended-A and -B, all of which
// ICU's word rules treat as letters, except U+00D7 and U+00F7), 0 for any
// other character of ASCII, and -1 for anything else.
int LatinAlnumLength(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return IsAsciiAlnum(static_cast<char>(c)) ? 1 : 0;
  if (c < 0xC3 || c > 0xC9 || i + 1 >= text.size()) return -1;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  if ((next & 0xC0) != 0x80) return -1;
  const unsigned code_point = ((c & 0x1Fu) << 6) | (next & 0x3Fu);
  if (code_point > 0x24F || code_point == 0xD7 || code_point == 0xF7) return -1;
  return 2;
}

// What LatinWordSpans needs to know of a byte, by table: one lookup per byte
// where the tests of LatinAlnumLength were a third of an import's
// tokenizing.
enum class LatinByte : unsigned char {
  kAlnum,     // ASCII letter or digit
  kSpace,     // \t-\r or space: separates, no span
  kJoiner,    // '.', ',', ';', '\'': a piece, unless between two letters or digits
  kStop,      // '_' or '@': ICU joins words across them, so ICU decides
  kPiece,     // other ASCII: a piece of its own
  kNonAscii,  // a lead or continuation byte: LatinAlnumLength decides
};

constexpr std::array<LatinByte, 256> MakeLatinByteTable() {
  std::array<LatinByte, 256> table{};
  for (int c = 0; c < 256; ++c) {
    LatinByte kind = LatinByte::kPiece;
    if (c >= 0x80) {
      kind = LatinByte::kNonAscii;
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      kind = LatinByte::kAlnum;
    } else if ((c >= '\t' && c <= '\r') || c == ' ') {
      kind = LatinByte::kSpace;
    } else if (c == '.' || c == ',' || c == ';' || c == '\'') {
      kind = LatinByte::kJoiner;
    } else if (c == '_' || c == '@') {
      kind = LatinByte::kStop;
    }
    table[static_cast<size_t>(c)] = kind;
  }
  return table;
}
constexpr std::array<LatinByte, 256> kLatinByte = MakeLatinByteTable();

// The word boundaries of text in ASCII and the Latin letters up to U+024F
// where ICU's word rules reduce to: a run of letters and digits is one word
// (a number when it ends in a digit: ICU's rule status for "abc123" is a
// number's, for "123abc" a word's), white space separates, any other
// character is a piece of its own. That holds unless '.', ',', ';' or an
// apostrophe stands between two letters or digits ("don't", "3.5",
// "1,960"), or '_' or '@' occurs (ICU joins words across them), or any other
// character: then nullopt, and ICU decides. IcuWordSpans is the reference,
// and the tests compare the two on random text.
std::optional<std::vector<TextSpan>> LatinWordSpans(std::string_view text) {
  std::vector<TextSpan> spans;
  const size_t n = text.size();
  // Words average several bytes and a space: one allocation, where growing
  // from empty took five for a sentence.
  spans.reserve(n / 3 + 4);
  // The length of the letter or digit at i (1 or 2 bytes), 0 for other
  // ASCII, -1 for what ICU must decide.
  auto alnum_length = [&text](size_t i) {
    const LatinByte kind = kLatinByte[static_cast<unsigned char>(text[i])];
    if (kind == LatinByte::kAlnum) return 1;
    if (kind == LatinByte::kNonAscii) return LatinAlnumLength(text, i);
    return 0;
  };
  for (size_t i = 0; i < n;) {
    const LatinByte kind = kLatinByte[static_cast<unsigned char>(text[i])];
    if (kind == LatinByte::kSpace) {
      ++i;
      continue;
    }
    if (kind == LatinByte::kStop) return std::nullopt;
    int length = alnum_length(i);
    if (length < 0) return std::nullopt;
    if (length == 0) {
      spans.push_back({i, i + 1, WordKind::kPunctuation});
      ++i;
      continue;
    }
    const size_t begin = i;
    bool digit_last = false;
    do {
      digit_last = text[i] >= '0' && text[i] <= '9';
      i += static_cast<size_t>(length);
    } while (i < n && (length = alnum_length(i)) > 0);
    if (i + 1 < n && kLatinByte[static_cast<unsigned char>(text[i])] == LatinByte::kJoiner &&
        alnum_length(i + 1) != 0) {
      return std::nullopt;
    }
    spans.push_back({begin, i, digit_last ? WordKind::kNumber : WordKind::kLetters});
  }
  return spans;
}

}  // namespace

std::vector<TextSpan> WordSpans(std::string_view text) {
  if (std::optional<std::vector<TextSpan>> spans = LatinWordSpans(text)) return std::move(*spans);
  return IcuWordSpans(text);
}

std::vector<TextSpan> IcuWordSpans(std::string_view text) {
  std::vector<TextSpan> spans;
  if (text.empty()) return spans;
  UErrorCode status = U_ZERO_ERROR;
  // One iterator per thread, reused: creating one was a twentieth of a TM
  // import's CPU (every variant is tokenized). Not re-entrant, and nothing
  // below calls back into IcuWordSpans.
  thread_local std::unique_ptr<icu::BreakIterator> cached;
  if (!cached) {
    cached.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    CheckIcuStatus(status, "creating a word break iterator");
  }
  icu::BreakIterator* words = cached.get();
  UText utext_storage = UTEXT_INITIALIZER;
  UText* utext = utext_openUTF8(&utext_storage, text.data(), static_cast<int64_t>(text.size()), &status);
  CheckIcuStatus(status, "opening text for word breaks");
  struct CloseText {
    UText* text;
    ~CloseText() { utext_close(text); }
  } close_text{utext};
  words->setText(utext, status);
  CheckIcuStatus(status, "setting text for word breaks");
  // With UText over UTF-8, ICU's indices are native (byte) offsets.
  int32_t begin = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; begin = end, end = words->next()) {
    const int32_t rule = words->getRuleStatus();
    WordKind kind;
    if (rule >= UBRK_WORD_IDEO && rule < UBRK_WORD_IDEO_LIMIT) {
      kind = WordKind::kIdeographic;
    } else if (rule >= UBRK_WORD_KANA && rule < UBRK_WORD_KANA_LIMIT) {
      kind = WordKind::kIdeographic;
    } else if (rule >= UBRK_WORD_LETTER && rule < UBRK_WORD_LETTER_LIMIT) {
      kind = WordKind::kLetters;
    } else if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
      kind = WordKind::kNumber;
    } else {
      // UBRK_WORD_NONE: white space or punctuation. Drop white space.
      std::string_view piece = text.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin));
      bool all_space = true;
      bool ascii = true;
      for (char c : piece) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
      if (ascii) {
        // ASCII white space is what u_isUWhiteSpace says for these: tab to
        // carriage return, and space. No UTF-16 copy for the common case.
        for (char c : piece) all_space = all_space && ((c >= '\t' && c <= '\r') || c == ' ');
      } else {
        icu::UnicodeString s = ToIcu(piece);
        for (int32_t i = 0; i < s.length() && all_space; i = s.moveIndex32(i, 1)) {
          all_space = u_isUWhiteSpace(s.char32At(i));
        }
      }
      if (all_space) continue;
      kind = WordKind::kPunctuation;
    }
    spans.push_back({static_cast<size_t>(begin), static_cast<size_t>(end), kind});
  }
  return spans;
}

std::string Utf16ToUtf8(std::u16string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char16_t unit = text[i];
    if (U16_IS_LEAD(unit)) {
      if (i + 1 < text.size() && U16_IS_TRAIL(text[i + 1])) {
        ++i;
        continue;
      }
      throw ParseError("unpaired UTF-16 surrogate at code unit " + std::to_string(i));
    }
    if (U16_IS_TRAIL(unit)) {
      throw ParseError("unpaired UTF-16 surrogate at code unit " + std::to_string(i));
    }
  }
  icu::UnicodeString s(false, text.data(), static_cast<int32_t>(text.size()));
  return FromIcu(s);
}

std::u16string Utf8ToUtf16(std::string_view text) {
  icu::UnicodeString s = ToIcu(text);
  return std::u16string(s.getBuffer(), static_cast<size_t>(s.length()));
}

void CheckTextInput(std::string_view bytes, InputLocation where) {
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  const char* convert = "; tmkit reads UTF-8 text: convert it first, e.g. iconv -f ";
  if (starts(std::string_view("\xFF\xFE\0\0", 4)) || starts(std::string_view("\0\0\xFE\xFF", 4))) {
    throw ParseError(std::string("this is UTF-32 (byte order mark)") + convert + "UTF-32 -t UTF-8", where);
  }
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    throw ParseError(std::string("this is UTF-16 (byte order mark)") + convert + "UTF-16 -t UTF-8", where);
  }
  const size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    // ASCII in UTF-16 without a BOM: every other byte is NUL.
    size_t nul_pairs = 0;
    const size_t probe = std::min<size_t>(bytes.size() & ~size_t{1}, 512);
    for (size_t i = 0; i + 1 < probe; i += 2) {
      if ((bytes[i] == '\0') != (bytes[i + 1] == '\0')) ++nul_pairs;
    }
    if (probe >= 4 && nul_pairs * 2 >= probe / 2) {
      const bool big_endian = bytes[0] == '\0';
      throw ParseError(std::string("this looks like UTF-16") + (big_endian ? "BE" : "LE") +
                           " without a byte order mark" + convert + (big_endian ? "UTF-16BE" : "UTF-16LE") +
                           " -t UTF-8",
                       where);
    }
    InputLocation at = LocateOffset(bytes, nul, where.file);
    throw ParseError("this is not a text file (a NUL byte at byte " + std::to_string(nul) + ")", at);
  }
  CheckUtf8(bytes, std::move(where));
}

std::string_view SkipUtf8Bom(std::string_view bytes) {
  return bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
}

namespace {

// Scripts that count as "written in" a likely script of ICU's
// (uloc_addLikelySubtags): Korean uses Hangul and Han, Japanese kana and Han,
// Chinese Han.
bool ScriptFits(UScriptCode seen, const std::string& likely) {
  const std::string name = uscript_getShortName(seen);
  if (name == likely) return true;
  if (likely == "Kore") return seen == USCRIPT_HANGUL || seen == USCRIPT_HAN;
  if (likely == "Jpan") return seen == USCRIPT_HIRAGANA || seen == USCRIPT_KATAKANA || seen == USCRIPT_HAN;
  if (likely == "Hans" || likely == "Hant") return seen == USCRIPT_HAN;
  return false;
}

std::string ScriptDisplayName(const std::string& likely) {
  if (likely == "Kore") return "Hangul or Han";
  if (likely == "Jpan") return "kana or Han";
  if (likely == "Hans" || likely == "Hant") return "Han";
  const UScriptCode code = static_cast<UScriptCode>(u_getPropertyValueEnum(UCHAR_SCRIPT, likely.c_str()));
  return code == USCRIPT_INVALID_CODE ? likely : uscript_getName(code);
}

}  // namespace

std::string DescribeScriptMismatch(std::string_view text, const LanguageTag& language) {
  if (language.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  char likely_id[ULOC_FULLNAME_CAPACITY];
  const std::string tag(language.str());
  char locale_id[ULOC_FULLNAME_CAPACITY];
  uloc_forLanguageTag(tag.c_str(), locale_id, sizeof locale_id, nullptr, &status);
  uloc_addLikelySubtags(locale_id, likely_id, sizeof likely_id, &status);
  char script[16];
  const int32_t script_length = uloc_getScript(likely_id, script, sizeof script, &status);
  if (U_FAILURE(status) || script_length <= 0) return {};
  const std::string likely(script, static_cast<size_t>(script_length));

  std::map<UScriptCode, size_t> letters;
  size_t total = 0;
  size_t fitting = 0;
  // Letters are counted per script code in an array, and ScriptFits (a name
  // lookup) asked once per code: per letter, they took 8% of `tmkit align`
  // on the whole Bible.
  std::vector<size_t> per_code;
  std::vector<int8_t> fits;  // per code: -1 not asked yet, else ScriptFits
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  // ASCII without ICU: its letters are Latin, the rest Common; they are
  // counted here and filed after the loop (three property lookups per byte
  // were a third of `tmkit segment` on English).
  size_t ascii_letters = 0;
  for (int32_t i = 0; i < length;) {
    if (data[i] < 0x80) {
      const uint8_t b = data[i++] | 0x20;
      ascii_letters += static_cast<size_t>(b >= 'a' && b <= 'z');
      continue;
    }
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode script_status = U_ZERO_ERROR;
    const UScriptCode seen = uscript_getScript(c, &script_status);
    if (U_FAILURE(script_status) || seen == USCRIPT_COMMON || seen == USCRIPT_INHERITED || seen < 0) continue;
    const auto code = static_cast<size_t>(seen);
    if (code >= per_code.size()) {
      per_code.resize(code + 1, 0);
      fits.resize(code + 1, -1);
    }
    ++per_code[code];
    ++total;
    if (fits[code] < 0) fits[code] = ScriptFits(seen, likely) ? 1 : 0;
    fitting += static_cast<size_t>(fits[code]);
  }
  if (ascii_letters > 0) {
    const auto latin = static_cast<size_t>(USCRIPT_LATIN);
    if (latin >= per_code.size()) per_code.resize(latin + 1, 0);
    per_code[latin] += ascii_letters;
    total += ascii_letters;
    if (ScriptFits(USCRIPT_LATIN, likely)) fitting += ascii_letters;
  }
  for (size_t code = 0; code < per_code.size(); ++code) {
    if (per_code[code] > 0) letters[static_cast<UScriptCode>(code)] = per_code[code];
  }
  if (total < 20 || fitting * 2 >= total) return {};
  UScriptCode most = USCRIPT_COMMON;
  size_t most_count = 0;
  for (const auto& [code, count] : letters) {
    if (count > most_count) {
      most = code;
      most_count = count;
    }
  }
  return std::string("the text is mostly in ") + uscript_getName(most) + " script, but " + tag +
         " is written in " + ScriptDisplayName(likely);
}

std::string CanonicalLanguageTag(std::string_view tag) {
  std::string input(tag);
  for (char& c : input) {
    if (c == '_') c = '-';
  }
  UErrorCode status = U_ZERO_ERROR;
  char locale_id[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  uloc_forLanguageTag(input.c_str(), locale_id, sizeof locale_id, &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(input.size()) || input.empty()) {
    throw ParseError("not a BCP 47 language tag: '" + std::string(tag) + "'");
  }
  char canonical[ULOC_FULLNAME_CAPACITY];
  uloc_canonicalize(locale_id, canonical, sizeof canonical, &status);
  char bcp47[ULOC_FULLNAME_CAPACITY];
  const int32_t length = uloc_toLanguageTag(canonical, bcp47, sizeof bcp47, /*strict=*/false, &status);
  if (U_FAILURE(status) || length <= 0) {
    throw ParseError("not a BCP 47 language tag: '" + std::string(tag) + "'");
  }
  return std::string(bcp47, static_cast<size_t>(length));
}

}  // namespace tmkit::text
