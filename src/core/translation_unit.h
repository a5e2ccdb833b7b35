// The translation unit: one piece of text in several languages, as TMX has it
// (<tu> with one <tuv> per language) and as the TM stores it.
//
// Variants keep the order they were read in, and every attribute, property
// and note is kept, so that TMX → TM → TMX round trips are exact. `text` is
// always plain (markup removed): it is what segmentation and matching see.
// The markup lives in `inline_tags`, anchored at byte offsets in `text`.
//
// Value types that own their strings; thread-compatible.
#ifndef TMKIT_CORE_TRANSLATION_UNIT_H_
#define TMKIT_CORE_TRANSLATION_UNIT_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/language.h"

namespace tmkit {

// UTC, to the second (TMX dates are YYYYMMDDThhmmssZ).
using Timestamp = std::chrono::sys_seconds;

// An attribute kept verbatim: name as written (e.g. "creationtool",
// "o-tmf"), value as read (entities decoded).
using Attribute = std::pair<std::string, std::string>;

// TMX <prop type="...">value</prop>.
struct Property {
  std::string type;
  std::string value;
  std::string language;    // xml:lang of the prop, as written; often empty
  std::string o_encoding;  // o-encoding, as written; often empty
  friend bool operator==(const Property&, const Property&) = default;
};

// TMX <note>text</note>.
struct Note {
  std::string text;
  std::string language;    // xml:lang of the note, as written; often empty
  std::string o_encoding;
  friend bool operator==(const Note&, const Note&) = default;
};

// The inline elements of TMX 1.4b. Stored in the TM: never renumber.
enum class InlineTagKind {
  kBpt = 1,  // begin paired tag
  kEpt = 2,  // end paired tag
  kIt = 3,   // isolated tag
  kPh = 4,   // placeholder
  kHi = 5,   // highlight (has content of its own)
  kSub = 6,  // sub-flow inside a native code
  kUt = 7,   // unknown tag (deprecated in 1.4)
};

// One inline element of a variant's <seg>. For elements whose content is
// text of the segment (<hi>), the plain text keeps that content and the tag
// is split into an opening and a closing record at the two offsets; for the
// others (native code), the whole element is one record and contributes no
// plain text.
struct InlineTag {
  InlineTagKind kind = InlineTagKind::kPh;
  size_t offset_bytes = 0;  // where in Variant::text the tag stands
  std::string markup;       // the original XML of the element, to write back
  friend bool operator==(const InlineTag&, const InlineTag&) = default;
};

// One language version of a unit (TMX <tuv>).
struct Variant {
  LanguageTag language;            // canonical BCP 47
  std::string original_language;   // the tag as written, when it differs from `language`
  std::string text;                // plain UTF-8, markup removed
  std::vector<InlineTag> inline_tags;  // sorted by offset_bytes, stable
  std::vector<Attribute> attributes;   // other <tuv> attributes, as read
  std::vector<Property> properties;
  std::vector<Note> notes;
  std::optional<Timestamp> created;
  std::optional<Timestamp> changed;
  friend bool operator==(const Variant&, const Variant&) = default;
};

// One unit (TMX <tu>).
struct TranslationUnit {
  std::string id;                        // tuid; may be empty
  std::vector<Variant> variants;         // in the order read
  std::vector<Attribute> attributes;     // other <tu> attributes (datatype, srclang, ...), as read
  std::vector<Property> properties;
  std::vector<Note> notes;
  std::optional<Timestamp> created;
  std::optional<Timestamp> changed;
  InputLocation origin;                  // where it was read from; not part of equality

  // The first variant whose language is `language` exactly, else the first
  // within it ("en-US" for "en"), else nullptr. The pointer lives as long as
  // the unit is not modified.
  const Variant* FindVariant(const LanguageTag& language) const;

  friend bool operator==(const TranslationUnit& a, const TranslationUnit& b) {
    return a.id == b.id && a.variants == b.variants && a.attributes == b.attributes &&
           a.properties == b.properties && a.notes == b.notes && a.created == b.created &&
           a.changed == b.changed;
  }
};

}  // namespace tmkit

#endif  // TMKIT_CORE_TRANSLATION_UNIT_H_
