// Private to tmx/: a markup scanner over the decoded text of a TMX file that
// finds where each element ends without building a tree, so that pugixml (a
// DOM parser) only ever sees one element at a time.
//
// The scanner keeps a sliding window of UTF-8 text fed by a Decoder. It knows
// enough XML to find the end of an element correctly: quoted attribute
// values (which may hold '>'), comments, CDATA sections, processing
// instructions and a DOCTYPE with an internal subset (skipped, never
// processed). It checks that end tags match start tags, that '&' starts a
// reference, that '<' does not occur in attribute values and that no
// attribute is repeated (pugixml does not check that); the rest of
// well-formedness is pugixml's job on the element it is handed.
//
// Views returned by the scanner stay valid until the next call that reads
// (SkipMisc, Scan*); Consume() only moves the cursor. Not thread-safe.
#ifndef TMKIT_TMX_SCANNER_INTERNAL_H_
#define TMKIT_TMX_SCANNER_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "tmx/decoder_internal.h"

namespace tmkit::tmx::internal {

// 1-based line and column (in code points) of a place in the text.
struct TextPosition {
  int line = 1;
  int column = 1;
};

// Moves `position` over `consumed` (lines end at '\n').
void Advance(TextPosition& position, std::string_view consumed);

// An element found by Scanner::ScanElement.
struct ScannedElement {
  std::string_view xml;  // the element, from '<' to its end tag's '>'
  // The first problem that makes the element unusable as a unit without
  // making the document malformed (an entity that is not predefined, a
  // character reference to a character XML 1.0 forbids); empty if none.
  std::string problem;
  size_t problem_offset = 0;  // in `xml`
};

class Scanner {
 public:
  enum class Token { kEnd, kStartTag, kEndTag, kText };

  // `max_element_bytes` bounds any element, comment or DOCTYPE (ParseError
  // beyond it); `chunk_bytes` is the read size.
  Scanner(std::istream& in, std::string file, size_t chunk_bytes, size_t max_element_bytes);

  // Skips white space, comments and processing instructions (the XML
  // declaration too) and, when `allow_doctype`, a DOCTYPE. Returns what is at
  // the cursor then.
  Token SkipMisc(bool allow_doctype);
  // The name of the start or end tag at the cursor.
  std::string_view TagName();
  // The element at the cursor (REQUIRES: Token::kStartTag), without moving
  // the cursor. Throws ParseError "<what> is not closed" at the cursor when
  // the input ends first, and on malformed markup at its place.
  ScannedElement ScanElement(std::string_view what);
  // The start tag at the cursor, '<' to '>'; `self_closing` says "/>".
  std::string_view ScanStartTag(bool& self_closing);
  // The end tag at the cursor, "</" to '>'.
  std::string_view ScanEndTag();
  // Skips character data up to the next '<' (or the end of input).
  void SkipText();

  // Moves the cursor `bytes` forward, keeping line and column.
  void Consume(size_t bytes);
  // The location of the cursor, or `offset` bytes after it.
  InputLocation Location() const { return LocationAt(0); }
  InputLocation LocationAt(size_t offset) const;
  const std::string& file() const { return file_; }
  const Decoder& decoder() const { return decoder_; }

 private:
  static constexpr size_t kNeedMore = static_cast<size_t>(-1);

  // Makes at least `bytes` available after the cursor if the input has them.
  bool Need(size_t bytes);
  // Reads more input (at least as much as is buffered, so rescans stay
  // linear). Returns false at the end of input.
  bool ReadMore();
  // Length of the element or start tag at the cursor, or kNeedMore.
  size_t TryScan(bool start_tag_only, bool& self_closing, ScannedElement* element);
  // The length of the DOCTYPE at the cursor, or kNeedMore.
  size_t TryScanDoctype() const;
  // Checks the references in [begin, end) of the window after the cursor.
  void CheckReferences(size_t begin, size_t end, ScannedElement* element) const;
  // Finds `terminator` from `from` after the cursor, reading as needed;
  // returns the offset just past it. Throws "<what> is not closed".
  size_t FindTerminator(std::string_view terminator, size_t from, std::string_view what);
  void CheckSize(size_t bytes, std::string_view what) const;
  [[noreturn]] void Malformed(size_t offset, const std::string& message) const;

  Decoder decoder_;
  std::string file_;
  size_t chunk_bytes_;
  size_t max_element_bytes_;
  std::string buffer_;        // decoded text; the cursor is at buffer_[pos_]
  size_t pos_ = 0;
  uint64_t buffer_offset_ = 0;  // decoded offset of buffer_[0] in the whole text
  TextPosition position_;       // of the cursor
  bool at_end_ = false;         // the decoder is exhausted
  std::vector<std::pair<size_t, size_t>> open_tags_;        // name offset, length
  std::vector<std::pair<size_t, size_t>> attribute_names_;  // of the tag being scanned
};

}  // namespace tmkit::tmx::internal

#endif  // TMKIT_TMX_SCANNER_INTERNAL_H_
