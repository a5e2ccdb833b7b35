// BCP 47 language tags and language pairs.
//
// A LanguageTag is normalised when it is built, following the case
// conventions of BCP 47 (RFC 5646 §2.1.1): language lower case ("en"),
// script title case ("Hant"), region upper case ("US"), everything else lower
// case; "_" becomes "-". So "EN_us", "en-us" and "eN-uS" all become "en-US",
// and comparing two tags is a plain string comparison. Deprecated-code mapping
// (iw → he) is not done here: core is standard library only; see
// text::CanonicalLanguageTag for the ICU-based canonicalisation.
//
// Value type; thread-compatible.
#ifndef TMKIT_CORE_LANGUAGE_H_
#define TMKIT_CORE_LANGUAGE_H_

#include <compare>
#include <string>
#include <string_view>

namespace tmkit {

class LanguageTag {
 public:
  // The empty tag: no language known.
  LanguageTag() = default;

  // Normalises `tag`. Throws ParseError when it is not shaped like a BCP 47
  // tag (subtags of 1-8 ASCII letters or digits separated by "-" or "_",
  // the first of 2-8 letters, or "x"/"i" for private use and grandfathered
  // tags, or "*all*" as TMX uses for srclang).
  explicit LanguageTag(std::string_view tag);

  // Like the constructor, but returns an empty tag instead of throwing.
  static LanguageTag ParseOrEmpty(std::string_view tag) noexcept;

  const std::string& str() const { return tag_; }
  bool empty() const { return tag_.empty(); }

  // The primary language subtag: "en" for "en-US".
  std::string_view language() const;
  // The region subtag ("US"), or empty.
  std::string_view region() const;

  // True when `this` is `other` or a more specific form of it: "en-US" is
  // within "en", "en" is within "en", "en" is not within "en-US".
  bool IsWithin(const LanguageTag& other) const;

  friend bool operator==(const LanguageTag&, const LanguageTag&) = default;
  friend auto operator<=>(const LanguageTag&, const LanguageTag&) = default;

 private:
  std::string tag_;
};

// Which way a lookup or an alignment goes.
struct LanguagePair {
  LanguageTag source;
  LanguageTag target;
  friend bool operator==(const LanguagePair&, const LanguagePair&) = default;
};

}  // namespace tmkit

#endif  // TMKIT_CORE_LANGUAGE_H_
