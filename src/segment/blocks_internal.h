// Private to src/segment: the text's structure before any sentence
// boundary: paragraphs (between blank lines) and, inside them, blocks that a
// sentence may not cross (list items, or the whole paragraph).
#ifndef TMKIT_SEGMENT_BLOCKS_INTERNAL_H_
#define TMKIT_SEGMENT_BLOCKS_INTERNAL_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace tmkit::segment::internal {

// A half-open byte range [begin, end) of the text.
struct Range {
  size_t begin;
  size_t end;
};

// The paragraphs of `text`: runs of lines separated by one or more blank
// (empty or white-space-only) lines, without their trailing white space.
std::vector<Range> Paragraphs(std::string_view text);

// Appends the blocks of `paragraph` to `blocks`: its list items when its
// lines form a list (and detect_lists), else the paragraph itself.
// REQUIRES: `text` is valid UTF-8.
void AppendBlocks(std::string_view text, Range paragraph, bool detect_lists, std::vector<Range>& blocks);

// Whether `line` starts with a bullet or an enumerator ("• ", "1. ", "(a) ",
// "iv. ", "2.3 ", "一、"). REQUIRES: valid UTF-8.
bool StartsWithListMarker(std::string_view line);

}  // namespace tmkit::segment::internal

#endif  // TMKIT_SEGMENT_BLOCKS_INTERNAL_H_
