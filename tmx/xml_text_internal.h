// Private to tmx/: what the reader and the writer share about XML text —
// escaping (with the characters XML 1.0 forbids dropped) and TMX dates.
#ifndef TMKIT_TMX_XML_TEXT_INTERNAL_H_
#define TMKIT_TMX_XML_TEXT_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/translation_unit.h"

namespace tmkit::tmx::internal {

enum class Escape {
  kText,       // character data: & < > escaped, \r as &#13; (end-of-line handling would eat it)
  kAttribute,  // attribute values: also " and \t \n \r as references (attribute normalisation would eat them)
  kNone,       // markup written as is: only the filtering below
};

// Appends `text` to `out`, escaped as `mode` says. Characters XML 1.0 does
// not allow (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF) and
// ill-formed UTF-8 are dropped, never written. Returns how many were dropped.
size_t AppendEscaped(std::string& out, std::string_view text, Escape mode);

// The length of the well-formed UTF-8 sequence that starts with the
// non-ASCII byte text[i], with its code point in `c`; 0 when the bytes there
// are ill-formed (overlong, surrogate, above U+10FFFF, cut short).
size_t DecodeUtf8(std::string_view text, size_t i, uint32_t& c);

// A TMX date: "YYYYMMDDThhmmssZ" (TMX 1.4b), also accepted in ISO 8601
// extended form "YYYY-MM-DDThh:mm:ssZ". nullopt when it is neither or not a
// real date and time.
std::optional<Timestamp> ParseTmxDate(std::string_view text);
// "YYYYMMDDThhmmssZ"; years outside 0000-9999 are clamped to that range.
std::string FormatTmxDate(Timestamp time);

}  // namespace tmkit::tmx::internal

#endif  // TMKIT_TMX_XML_TEXT_INTERNAL_H_
