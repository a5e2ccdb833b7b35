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

// Whether `bytes` is all ASCII (checked eight bytes at a time).
bool IsAscii(std::string_view bytes);

// The paragraphs of `text`: runs of lines separated by one or more blank
// (empty or white-space-only) lines, without their trailing white space.
std::vector<Range> Paragraphs(std::string_view text);

// What AppendBlocks knows of one line.
struct LineShape {
  bool few_code_points = false;  // 40 code points or fewer (a heading, a short item)
  char last = '\0';              // the last byte (ASCII punctuation is what is asked)
  bool is_short = false;         // few code points, and not ending with , - ;
  bool starts_lower = false;     // the first character is lower case
  bool ends_sentence = false;    // the last character is a sentence terminator
  bool ends_particle = false;    // the last character is a Japanese particle (の を に ...)
  bool starts_cjk = false;       // the first character is Han, hiragana or katakana
};

// AppendBlocks' working memory, kept between paragraphs so that a text of
// many short paragraphs does not allocate three vectors for each.
struct BlockScratch {
  std::vector<Range> lines;
  std::vector<LineShape> shapes;
  std::vector<unsigned char> starts_item;
};

// Appends the blocks of `paragraph` to `blocks`: its list items when its
// lines form a list (and detect_lists), else the paragraph itself.
// REQUIRES: `text` is valid UTF-8.
void AppendBlocks(std::string_view text, Range paragraph, bool detect_lists, std::vector<Range>& blocks,
                  BlockScratch& scratch);

// Whether `line` starts with a bullet or an enumerator ("• ", "1. ", "(a) ",
// "iv. ", "2.3 ", "一、"). REQUIRES: valid UTF-8.
bool StartsWithListMarker(std::string_view line);

}  // namespace tmkit::segment::internal

#endif  // TMKIT_SEGMENT_BLOCKS_INTERNAL_H_
