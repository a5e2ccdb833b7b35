// A Segment is one sentence (or other unit of alignment) cut from a document.
//
// Invariants, for a segment cut from document `doc` by the segmenter:
//   doc.substr(begin, end - begin) == text, text has no leading or trailing
//   white space, and begin <= end <= doc.size().
// The offsets lead back to the user's input and become line:column in
// messages. Owns its text; value type.
#ifndef TMKIT_CORE_SEGMENT_H_
#define TMKIT_CORE_SEGMENT_H_

#include <cstddef>
#include <string>

namespace tmkit {

struct Segment {
  std::string text;       // UTF-8 as in the input, trimmed
  size_t begin = 0;       // byte offset of the first byte of `text` in the document
  size_t end = 0;         // byte offset one past the last byte of `text`
  size_t paragraph = 0;   // index of its blank-line block; a sentence never crosses one
  size_t length = 0;      // code points after NFC: the unit Gale-Church counts
};

}  // namespace tmkit

#endif  // TMKIT_CORE_SEGMENT_H_
