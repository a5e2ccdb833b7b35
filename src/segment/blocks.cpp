#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

#include "segment/blocks_internal.h"

namespace tmkit::segment::internal {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Lists. A line that starts with a list marker begins a list item; the item
// runs to the next marker line (continuation lines are soft wraps).

UChar32 DecodeAt(std::string_view text, size_t& i) {
  UChar32 c;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t index = static_cast<int32_t>(i);
  U8_NEXT_UNSAFE(bytes, index, c);
  i = static_cast<size_t>(index);
  return c;
}

bool IsBullet(UChar32 c) {
  switch (c) {
    case '*': case '-': case '+': case 0x2022: case 0x25E6: case 0x25AA: case 0x25AB: case 0x2023:
    case 0x2043: case 0x25CF: case 0x25CB: case 0x25A0: case 0x25A1: case 0x25BA: case 0x25B6:
    case 0x2713: case 0x2714: case 0x2013: case 0x2014: case 0x00B7: case 0x30FB: case 0x203B:
      return true;
    default:
      return false;
  }
}

bool IsRomanLetter(char c) {
  switch (c) {
    case 'i': case 'v': case 'x': case 'l': case 'c': case 'I': case 'V': case 'X': case 'L': case 'C':
      return true;
    default:
      return false;
  }
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }


// Lines of a marker-less list (a shopping list, a table of contents) are
// short, where soft-wrapped prose has long lines: 40 code points is shorter
// than any fill column people use. Short lines are still prose when one
// starts in lower case and one ends a sentence ("This is a sentence\ncut
// off because pdf."), or when a line ends with a comma, hyphen or semicolon.
constexpr size_t kShortLineCodePoints = 40;

// Whether the line of `bytes` (valid UTF-8) has kShortLineCodePoints code
// points or fewer. Most lines are ASCII, or too long or too short for the
// answer to need counting.
bool HasFewCodePoints(std::string_view bytes) {
  if (bytes.size() <= kShortLineCodePoints) return true;
  if (bytes.size() > 4 * kShortLineCodePoints || IsAscii(bytes)) return false;
  size_t code_points = 0;
  for (const char byte : bytes) code_points += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return code_points <= kShortLineCodePoints;
}

// Whether `line` is a separator drawn with ASCII characters ("_____",
// "-----", "=====", "* * *"): three or more of _ - = * ~ # + and nothing but
// white space besides. It is not text, so it joins neither neighbour.
bool IsSeparatorLine(std::string_view line) {
  int marks = 0;
  for (const char c : line) {
    if (c == '_' || c == '-' || c == '=' || c == '*' || c == '~' || c == '#' || c == '+') {
      ++marks;
    } else if (!IsAsciiSpace(c)) {
      return false;
    }
  }
  return marks >= 3;
}

LineShape ShapeOf(std::string_view line) {
  LineShape shape;
  size_t i = 0;
  while (i < line.size() && IsAsciiSpace(line[i])) ++i;
  if (i >= line.size()) return shape;
  // ASCII answers without ICU: the lower-case ASCII letters are a-z, the
  // ASCII terminators . ! ? (Sentence_Break ATerm/STerm).
  const auto first = static_cast<unsigned char>(line[i]);
  if (first < 0x80) {
    shape.starts_lower = first >= 'a' && first <= 'z';
  } else {
    size_t j = i;
    const UChar32 c = DecodeAt(line, j);
    shape.starts_lower = u_islower(c);
    shape.starts_cjk = (c >= 0x3041 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF);
  }
  const char last = line.back();
  shape.few_code_points = HasFewCodePoints(line.substr(i));
  shape.last = last;
  shape.is_short = shape.few_code_points && last != ',' && last != '-' && last != ';';
  if (static_cast<unsigned char>(last) < 0x80) {
    shape.ends_sentence = last == '.' || last == '!' || last == '?';
    return shape;
  }
  size_t end = line.size();
  while (end > 0 && (static_cast<unsigned char>(line[end - 1]) & 0xC0) == 0x80) --end;
  if (end > 0) --end;
  size_t at = end;
  const UChar32 final_char = DecodeAt(line, at);
  const int32_t sb = u_getIntPropertyValue(final_char, UCHAR_SENTENCE_BREAK);
  shape.ends_sentence = sb == U_SB_STERM || sb == U_SB_ATERM;
  // の を に が は と で も へ や: particles that leave a Japanese sentence open
  // (not て, which also ends headings such as "ご利用について").
  shape.ends_particle = final_char == 0x306E || final_char == 0x3092 || final_char == 0x306B ||
                        final_char == 0x304C || final_char == 0x306F || final_char == 0x3068 ||
                        final_char == 0x3067 || final_char == 0x3082 || final_char == 0x3078 ||
                        final_char == 0x3084;
  return shape;
}

}  // namespace

bool IsAscii(std::string_view bytes) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, sizeof word);
    if (word & kHighBits) return false;
  }
  for (; i < bytes.size(); ++i) {
    if (static_cast<unsigned char>(bytes[i]) >= 0x80) return false;
  }
  return true;
}

// [begin, end) byte ranges of the paragraphs of `text`: runs of lines
// separated by one or more blank (empty or white-space-only) lines.
std::vector<Range> Paragraphs(std::string_view text) {
  std::vector<Range> paragraphs;
  size_t paragraph_begin = std::string_view::npos;
  size_t last_content_end = 0;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    bool blank = true;
    for (size_t i = line_begin; i < line_end && blank; ++i) blank = IsAsciiSpace(text[i]);
    if (blank) {
      if (paragraph_begin != std::string_view::npos) {
        paragraphs.push_back({paragraph_begin, last_content_end});
        paragraph_begin = std::string_view::npos;
      }
    } else {
      if (paragraph_begin == std::string_view::npos) paragraph_begin = line_begin;
      last_content_end = line_end;
    }
    line_begin = line_end + 1;
  }
  if (paragraph_begin != std::string_view::npos) paragraphs.push_back({paragraph_begin, last_content_end});
  return paragraphs;
}

// "• ", "- ", "1. ", "1) ", "(1) ", "a. ", "b) ", "iv. ", "2.3 ", "一、", "（一）".
bool StartsWithListMarker(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size()) return false;
  const size_t start = i;
  const UChar32 first = DecodeAt(line, i);
  auto space_follows = [&](size_t at) { return at >= line.size() || line[at] == ' ' || line[at] == '\t'; };
  if (IsBullet(first)) return space_follows(i);
  if (first == 0xFF08 || (first >= 0x4E00 && first <= 0x9FFF)) {
    // CJK enumerators: 一、 二、 （一） （二）
    size_t j = start;
    const bool paren = DecodeAt(line, j) == 0xFF08;
    if (!paren) j = start;
    int numerals = 0;
    size_t before = j;
    while (j < line.size()) {
      before = j;
      const UChar32 c = DecodeAt(line, j);
      if (c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 ||
          c == 0x516B || c == 0x4E5D || c == 0x5341) {
        ++numerals;
        continue;
      }
      return numerals > 0 && numerals <= 3 && ((paren && c == 0xFF09) || (!paren && c == 0x3001));
    }
    (void)before;
    return false;
  }
  i = start;
  const bool open_paren = line[i] == '(';
  if (open_paren) ++i;
  const size_t token = i;
  while (i < line.size() && IsAsciiDigit(line[i]) && i - token < 3) ++i;
  if (i > token) {
    // 1.2.3 section numbers
    while (i + 1 < line.size() && line[i] == '.' && IsAsciiDigit(line[i + 1])) {
      ++i;
      while (i < line.size() && IsAsciiDigit(line[i])) ++i;
    }
  } else if (i < line.size() && IsAsciiLetter(line[i])) {
    ++i;
    while (i < line.size() && IsRomanLetter(line[i]) && IsRomanLetter(line[token]) && i - token < 6) ++i;
    if (i - token > 1) {
      for (size_t k = token; k < i; ++k) {
        if (!IsRomanLetter(line[k])) return false;
      }
    }
  } else {
    return false;
  }
  if (i >= line.size()) return false;
  if (line[i] == ')' || (line[i] == '.' && !open_paren)) return space_follows(i + 1);
  if (open_paren) return false;
  return line[i] == ' ' && i - token >= 3 && line.substr(token, i - token).find('.') != std::string_view::npos;
}

// Splits a paragraph into blocks that sentences may not cross: list items,
// or the whole paragraph.
void AppendBlocks(std::string_view text, Range paragraph, bool detect_lists, std::vector<Range>& blocks,
                  BlockScratch& scratch) {
  if (!detect_lists || text.substr(paragraph.begin, paragraph.end - paragraph.begin).find('\n') == std::string_view::npos) {
    blocks.push_back(paragraph);
    return;
  }
  std::vector<Range>& lines = scratch.lines;
  lines.clear();
  for (size_t begin = paragraph.begin; begin < paragraph.end;) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos || end > paragraph.end) end = paragraph.end;
    size_t content_end = end;
    while (content_end > begin && IsAsciiSpace(text[content_end - 1])) --content_end;
    lines.push_back({begin, content_end});
    begin = end + 1;
  }
  std::vector<LineShape>& shapes = scratch.shapes;
  shapes.clear();
  bool all_short = true;
  bool any_starts_lower = false;
  bool any_ends_sentence = false;
  // Japanese has no lower case: a line that ends in a particle ("父の")
  // before one that starts in Japanese is the same sign of a wrapped sentence.
  bool any_kana_wrap = false;
  for (const Range& line : lines) {
    const bool kana_before = !shapes.empty() && shapes.back().ends_particle;
    const LineShape& shape = shapes.emplace_back(ShapeOf(text.substr(line.begin, line.end - line.begin)));
    all_short = all_short && shape.is_short;
    any_starts_lower = any_starts_lower || shape.starts_lower;
    any_ends_sentence = any_ends_sentence || shape.ends_sentence;
    any_kana_wrap = any_kana_wrap || (kana_before && shape.starts_cjk);
  }
  // With list markers, unmarked lines continue the item above them. A
  // number or letter at the start of a line is a marker only where a list
  // can start: after a line that ends a sentence or a clause (": ; ."), after
  // a short line (a heading), or inside a list. In prose wrapped at a fill
  // column, "in Section\n3. We explain" and "could be\n0.02 %" are soft wraps.
  std::vector<unsigned char>& starts_item = scratch.starts_item;
  starts_item.assign(lines.size(), 0);
  bool any_marker = false;
  bool in_list = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (!StartsWithListMarker(line)) continue;
    const LineShape& previous = shapes[i - 1];
    size_t first = 0;
    while (first < line.size() && (line[first] == ' ' || line[first] == '\t')) ++first;
    size_t after_first = first;
    const bool bullet = IsBullet(DecodeAt(line, after_first));
    // The item above began with a marker (line 0 counts, or an earlier item).
    in_list = in_list || (i == 1 && StartsWithListMarker(text.substr(lines[0].begin, lines[0].end - lines[0].begin)));
    if (bullet || in_list || previous.ends_sentence || previous.last == ':' || previous.last == ';' ||
        previous.few_code_points) {
      starts_item[i] = 1;
      any_marker = true;
      in_list = true;
    }
  }
  // A separator line is a block of its own, and the line after it starts one.
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsSeparatorLine(text.substr(lines[i].begin, lines[i].end - lines[i].begin))) continue;
    starts_item[i] = 1;
    if (i + 1 < lines.size()) starts_item[i + 1] = 1;
  }
  all_short = all_short && !any_marker && !((any_starts_lower || any_kana_wrap) && any_ends_sentence);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == 0 || all_short || starts_item[i]) {
      blocks.push_back(lines[i]);
    } else {
      blocks.back().end = lines[i].end;
    }
  }
}

}  // namespace tmkit::segment::internal
