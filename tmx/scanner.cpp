#include "tmx/scanner_internal.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace tmkit::tmx::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// XML names, loosely: ASCII letters, digits and "_:.-", and any non-ASCII
// byte (the exact Unicode classes are pugixml's to check).
bool IsNameStart(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == ':' || b >= 0x80;
}
bool IsNameChar(char c) {
  const auto b = static_cast<unsigned char>(c);
  return IsNameStart(c) || (b >= '0' && b <= '9') || b == '-' || b == '.';
}

// XML 1.0 §2.2 Char.
bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

size_t Find(std::string_view haystack, std::string_view needle, size_t from) {
  const size_t found = haystack.find(needle, from);
  return found == std::string_view::npos ? static_cast<size_t>(-1) : found;
}

}  // namespace

void Advance(TextPosition& position, std::string_view consumed) {
  const char* begin = consumed.data();
  const char* end = begin + consumed.size();
  const char* after_newline = nullptr;
  for (const char* p = begin; p < end;) {
    const void* newline = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (newline == nullptr) break;
    ++position.line;
    p = static_cast<const char*>(newline) + 1;
    after_newline = p;
  }
  if (after_newline != nullptr) {
    position.column = 1;
    begin = after_newline;
  }
  long long column = position.column;
  for (const char* p = begin; p < end; ++p) {
    if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++column;  // lead bytes: code points
  }
  position.column = static_cast<int>(std::min<long long>(column, INT_MAX));
}

Scanner::Scanner(std::istream& in, std::string file, size_t chunk_bytes, size_t max_element_bytes)
    : decoder_(in, file, chunk_bytes),
      file_(std::move(file)),
      chunk_bytes_(std::max<size_t>(chunk_bytes, 64)),
      max_element_bytes_(max_element_bytes) {}

bool Scanner::ReadMore() {
  if (at_end_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    buffer_offset_ += pos_;
    pos_ = 0;
  }
  const size_t want = std::max(chunk_bytes_, buffer_.size());
  if (!decoder_.Read(buffer_, want)) at_end_ = true;
  return !at_end_;
}

bool Scanner::Need(size_t bytes) {
  while (buffer_.size() - pos_ < bytes) {
    if (!ReadMore()) return buffer_.size() - pos_ >= bytes;
  }
  return true;
}

void Scanner::Consume(size_t bytes) {
  Advance(position_, std::string_view(buffer_).substr(pos_, bytes));
  pos_ += bytes;
}

InputLocation Scanner::LocationAt(size_t offset) const {
  TextPosition at = position_;
  Advance(at, std::string_view(buffer_).substr(pos_, offset));
  InputLocation location{.file = file_, .line = at.line, .column = at.column};
  if (decoder_.is_identity()) {
    location.offset_bytes = static_cast<long long>(buffer_offset_ + pos_ + offset + decoder_.bom_bytes());
  }
  return location;
}

void Scanner::Malformed(size_t offset, const std::string& message) const {
  throw ParseError(message, LocationAt(offset));
}

void Scanner::CheckSize(size_t bytes, std::string_view what) const {
  if (bytes > max_element_bytes_) {
    throw ParseError(std::string(what) + " is larger than " + std::to_string(max_element_bytes_) +
                         " bytes (ReadOptions::max_unit_bytes)",
                     Location());
  }
}

size_t Scanner::FindTerminator(std::string_view terminator, size_t from, std::string_view what) {
  while (true) {
    const size_t found = Find(std::string_view(buffer_).substr(pos_), terminator, from);
    if (found != static_cast<size_t>(-1)) return found + terminator.size();
    CheckSize(buffer_.size() - pos_, what);
    if (!ReadMore()) throw ParseError(std::string(what) + " is not closed", Location());
  }
}

Scanner::Token Scanner::SkipMisc(bool allow_doctype) {
  while (true) {
    // White space, possibly across chunks.
    while (true) {
      if (!Need(1)) return Token::kEnd;
      size_t i = pos_;
      while (i < buffer_.size() && IsSpace(buffer_[i])) ++i;
      Consume(i - pos_);
      if (pos_ < buffer_.size()) break;
    }
    if (buffer_[pos_] != '<') return Token::kText;
    Need(9);
    const std::string_view ahead = std::string_view(buffer_).substr(pos_);
    if (ahead.starts_with("<?")) {
      Consume(FindTerminator("?>", 2, "processing instruction"));
    } else if (ahead.starts_with("<!--")) {
      Consume(FindTerminator("-->", 4, "comment"));
    } else if (ahead.starts_with("<!DOCTYPE") && allow_doctype) {
      size_t length;
      while ((length = TryScanDoctype()) == kNeedMore) {
        CheckSize(buffer_.size() - pos_, "<!DOCTYPE>");
        if (!ReadMore()) throw ParseError("<!DOCTYPE> is not closed", Location());
      }
      Consume(length);
    } else if (ahead.starts_with("<![CDATA[")) {
      return Token::kText;
    } else if (ahead.starts_with("<!")) {
      Malformed(0, "unexpected markup declaration");
    } else if (ahead.starts_with("</")) {
      return Token::kEndTag;
    } else {
      return Token::kStartTag;
    }
  }
}

void Scanner::SkipText() {
  while (true) {
    const size_t start = pos_;
    const void* lt = std::memchr(buffer_.data() + start, '<', buffer_.size() - start);
    if (lt != nullptr) {
      const size_t at = static_cast<size_t>(static_cast<const char*>(lt) - buffer_.data());
      if (std::string_view(buffer_).substr(at).starts_with("<![CDATA[")) {
        Consume(at - pos_);
        Consume(FindTerminator("]]>", 9, "CDATA section"));
        continue;
      }
      Consume(at - pos_);
      return;
    }
    Consume(buffer_.size() - pos_);
    if (!ReadMore()) return;
  }
}

std::string_view Scanner::TagName() {
  Need(256);
  const std::string_view ahead = std::string_view(buffer_).substr(pos_);
  size_t begin = ahead.starts_with("</") ? 2 : 1;
  size_t end = begin;
  while (end < ahead.size() && IsNameChar(ahead[end])) ++end;
  return ahead.substr(begin, end - begin);
}

size_t Scanner::TryScanDoctype() const {
  const std::string_view text = std::string_view(buffer_).substr(pos_);
  bool in_subset = false;
  size_t i = 9;  // after "<!DOCTYPE"
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      const size_t close = text.find(c, i + 1);
      if (close == std::string_view::npos) return kNeedMore;
      i = close + 1;
    } else if (in_subset && text.substr(i).starts_with("<!--")) {
      const size_t close = text.find("-->", i + 4);
      if (close == std::string_view::npos) return kNeedMore;
      i = close + 3;
    } else if (in_subset && text.substr(i).starts_with("<?")) {
      const size_t close = text.find("?>", i + 2);
      if (close == std::string_view::npos) return kNeedMore;
      i = close + 2;
    } else if (c == '[') {
      in_subset = true;
      ++i;
    } else if (c == ']') {
      in_subset = false;
      ++i;
    } else if (c == '>' && !in_subset) {
      return i + 1;
    } else {
      ++i;
    }
  }
  return kNeedMore;
}

void Scanner::CheckReferences(size_t begin, size_t end, ScannedElement* element) const {
  const char* text = buffer_.data() + pos_;
  size_t i = begin;
  while (i < end) {
    const void* amp = std::memchr(text + i, '&', end - i);
    if (amp == nullptr) return;
    const size_t at = static_cast<size_t>(static_cast<const char*>(amp) - text);
    size_t j = at + 1;
    if (j < end && text[j] == '#') {
      ++j;
      const bool hex = j < end && text[j] == 'x';
      if (hex) ++j;
      uint32_t value = 0;
      const size_t digits_begin = j;
      while (j < end && j - digits_begin < 8) {
        const char c = text[j];
        uint32_t digit;
        if (c >= '0' && c <= '9') {
          digit = static_cast<uint32_t>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
          digit = static_cast<uint32_t>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
          digit = static_cast<uint32_t>(c - 'A' + 10);
        } else {
          break;
        }
        value = value * (hex ? 16 : 10) + digit;
        ++j;
      }
      if (j == digits_begin || j >= end || text[j] != ';') Malformed(at, "malformed character reference");
      if (!IsXmlChar(value) && element != nullptr && element->problem.empty()) {
        element->problem = "character reference '" + std::string(text + at, j + 1 - at) +
                           "' is not allowed in XML 1.0";
        element->problem_offset = at;
      }
    } else {
      const size_t name_begin = j;
      if (j < end && IsNameStart(text[j])) {
        while (j < end && IsNameChar(text[j])) ++j;
      }
      if (j == name_begin || j >= end || text[j] != ';') {
        Malformed(at, "'&' does not start a reference (write '&amp;')");
      }
      const std::string_view name(text + name_begin, j - name_begin);
      if (name != "lt" && name != "gt" && name != "amp" && name != "quot" && name != "apos" &&
          element != nullptr && element->problem.empty()) {
        element->problem = "entity '&" + std::string(name) + ";' is not expanded (tmkit never processes a DTD)";
        element->problem_offset = at;
      }
    }
    i = j + 1;
  }
}

size_t Scanner::TryScan(bool start_tag_only, bool& self_closing, ScannedElement* element) {
  const std::string_view text = std::string_view(buffer_).substr(pos_);
  const size_t n = text.size();
  const char* p = text.data();
  open_tags_.clear();
  if (element != nullptr) element->problem.clear();
  size_t i = 0;  // always at a '<'
  while (true) {
    if (i + 2 > n) return kNeedMore;
    const char c = p[i + 1];
    if (c == '/') {
      size_t j = i + 2;
      const size_t name_begin = j;
      while (j < n && IsNameChar(p[j])) ++j;
      const size_t name_length = j - name_begin;
      while (j < n && IsSpace(p[j])) ++j;
      if (j >= n) return kNeedMore;
      if (p[j] != '>') Malformed(j, "expected '>' at the end of an end tag");
      if (open_tags_.empty()) Malformed(i, "unexpected end tag");
      const auto [open_begin, open_length] = open_tags_.back();
      if (name_length != open_length || std::memcmp(p + name_begin, p + open_begin, open_length) != 0) {
        const InputLocation found = LocationAt(i);
        throw ParseError("<" + std::string(p + open_begin, open_length) + "> is not closed (found </" +
                             std::string(p + name_begin, name_length) + "> at " + std::to_string(found.line) +
                             ":" + std::to_string(found.column) + ")",
                         LocationAt(open_begin - 1));
      }
      open_tags_.pop_back();
      i = j + 1;
      if (open_tags_.empty()) return i;
    } else if (c == '!') {
      if (i + 9 > n) return kNeedMore;
      size_t close;
      if (text.substr(i, 4) == "<!--") {
        close = Find(text, "-->", i + 4);
      } else if (text.substr(i, 9) == "<![CDATA[") {
        close = Find(text, "]]>", i + 9);
      } else {
        Malformed(i, "unexpected markup declaration inside an element");
      }
      if (close == kNeedMore) return kNeedMore;
      i = close + 3;
    } else if (c == '?') {
      const size_t close = Find(text, "?>", i + 2);
      if (close == kNeedMore) return kNeedMore;
      i = close + 2;
    } else {
      size_t j = i + 1;
      if (!IsNameStart(c)) Malformed(i, "'<' is not followed by a name (write '&lt;')");
      while (j < n && IsNameChar(p[j])) ++j;
      const size_t name_begin = i + 1;
      const size_t name_length = j - name_begin;
      bool closes_itself = false;
      attribute_names_.clear();
      while (true) {
        const size_t space_begin = j;
        while (j < n && IsSpace(p[j])) ++j;
        if (j >= n) return kNeedMore;
        if (p[j] == '>') {
          ++j;
          break;
        }
        if (p[j] == '/') {
          if (j + 1 >= n) return kNeedMore;
          if (p[j + 1] != '>') Malformed(j, "expected '/>'");
          j += 2;
          closes_itself = true;
          break;
        }
        if (j == space_begin) Malformed(j, "expected white space before an attribute");
        if (!IsNameStart(p[j])) Malformed(j, "unexpected character in a tag");
        const size_t attribute_begin = j;
        while (j < n && IsNameChar(p[j])) ++j;
        if (j >= n) return kNeedMore;
        const std::string_view attribute(p + attribute_begin, j - attribute_begin);
        for (const auto& [seen_begin, seen_length] : attribute_names_) {
          if (seen_length == attribute.size() && std::memcmp(p + seen_begin, attribute.data(), seen_length) == 0) {
            Malformed(attribute_begin, "duplicate attribute '" + std::string(attribute) + "'");
          }
        }
        attribute_names_.emplace_back(attribute_begin, attribute.size());
        while (j < n && IsSpace(p[j])) ++j;
        if (j >= n) return kNeedMore;
        if (p[j] != '=') Malformed(j, "expected '=' after an attribute name");
        ++j;
        while (j < n && IsSpace(p[j])) ++j;
        if (j >= n) return kNeedMore;
        if (p[j] != '"' && p[j] != '\'') Malformed(j, "attribute value is not quoted");
        const void* quote = std::memchr(p + j + 1, p[j], n - j - 1);
        if (quote == nullptr) return kNeedMore;
        const size_t value_end = static_cast<size_t>(static_cast<const char*>(quote) - p);
        if (const void* lt = std::memchr(p + j + 1, '<', value_end - j - 1)) {
          Malformed(static_cast<size_t>(static_cast<const char*>(lt) - p), "'<' in an attribute value");
        }
        CheckReferences(j + 1, value_end, element);
        j = value_end + 1;
      }
      if (start_tag_only) {
        self_closing = closes_itself;
        return j;
      }
      if (closes_itself) {
        if (open_tags_.empty()) return j;
      } else {
        open_tags_.emplace_back(name_begin, name_length);
      }
      i = j;
    }
    // Character data up to the next '<'.
    const void* lt = std::memchr(p + i, '<', n - i);
    if (lt == nullptr) return kNeedMore;
    const size_t next = static_cast<size_t>(static_cast<const char*>(lt) - p);
    CheckReferences(i, next, element);
    i = next;
  }
}

ScannedElement Scanner::ScanElement(std::string_view what) {
  ScannedElement element;
  bool self_closing = false;
  size_t length;
  while ((length = TryScan(false, self_closing, &element)) == kNeedMore) {
    CheckSize(buffer_.size() - pos_, what);
    if (!ReadMore()) throw ParseError(std::string(what) + " is not closed", Location());
  }
  CheckSize(length, what);  // the window may have held it whole before the check above ran
  element.xml = std::string_view(buffer_).substr(pos_, length);
  return element;
}

std::string_view Scanner::ScanStartTag(bool& self_closing) {
  size_t length;
  while ((length = TryScan(true, self_closing, nullptr)) == kNeedMore) {
    CheckSize(buffer_.size() - pos_, "start tag");
    if (!ReadMore()) throw ParseError("start tag is not closed", Location());
  }
  return std::string_view(buffer_).substr(pos_, length);
}

std::string_view Scanner::ScanEndTag() {
  size_t length;
  while ((length = Find(std::string_view(buffer_).substr(pos_), ">", 0)) == kNeedMore) {
    CheckSize(buffer_.size() - pos_, "end tag");
    if (!ReadMore()) throw ParseError("end tag is not closed", Location());
  }
  return std::string_view(buffer_).substr(pos_, length + 1);
}

}  // namespace tmkit::tmx::internal
