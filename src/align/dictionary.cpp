// Dictionary parsers and loader (dictionary.h). zlib stays in this file.
#include "align/dictionary.h"

#include <zlib.h>

#include <fstream>
#include <sstream>

#include "core/error.h"
#include "text/unicode.h"

namespace tmkit::align {
namespace {

// Calls f(line, 1-based number) for every line of `text` ("\r\n" too).
template <typename F>
void ForEachLine(std::string_view text, F f) {
  int number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line, ++number);
    start = end + 1;
  }
}

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

// Throws ParseError at file:line:col when `line` is not valid UTF-8.
void CheckLine(std::string_view line, const std::string& file, int number) {
  const auto bad = text::FindInvalidUtf8(line);
  if (!bad) return;
  int column = 1;
  for (size_t k = 0; k < *bad; ++k) column += (static_cast<unsigned char>(line[k]) & 0xC0) != 0x80 ? 1 : 0;
  throw ParseError("invalid UTF-8 in dictionary", {.file = file, .line = number, .column = column});
}

// dictd's base64 numbers: digits of A-Za-z0-9+/, most significant first.
bool DecodeNumber(std::string_view digits, size_t* value) {
  static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (digits.empty() || digits.size() > 8) return false;
  *value = 0;
  for (char c : digits) {
    const size_t d = kDigits.find(c);
    if (d == std::string_view::npos) return false;
    *value = *value * 64 + d;
  }
  return true;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The translations of one FreeDict entry: every line after the headword
// line, without its sense number ("2. "), split at commas and semicolons;
// parenthesised remarks dropped.
void AddEntry(std::string_view headword, std::string_view entry, Dictionary& dictionary) {
  bool first = true;
  ForEachLine(entry, [&](std::string_view line, int) {
    if (first) {  // the headword and its pronunciation
      first = false;
      return;
    }
    line = Trim(line);
    size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > 0 && digits + 1 < line.size() && line[digits] == '.' && line[digits + 1] == ' ') {
      line.remove_prefix(digits + 2);
    }
    std::string cleaned;
    int depth = 0;
    for (char c : line) {
      if (c == '(') ++depth;
      if (depth == 0) cleaned.push_back(c == ';' ? ',' : c);
      if (c == ')' && depth > 0) --depth;
    }
    std::string_view rest = cleaned;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view item = Trim(rest.substr(0, comma));
      if (!item.empty()) dictionary.pairs.push_back({std::string(headword), std::string(item)});
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  });
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open dictionary", {.file = path});
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw IoError("cannot read dictionary", {.file = path});
  return std::move(out).str();
}

// gzip (and dictzip, which is gzip with an extra header field) to bytes.
std::string Gunzip(const std::string& compressed, const std::string& path) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw IoError("cannot start gzip decoder", {.file = path});
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      inflateEnd(&stream);
      throw IoError("not a valid gzip file", {.file = path});
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      throw IoError("gzip file is truncated", {.file = path});
    }
  }
  inflateEnd(&stream);
  return out;
}

}  // namespace

Dictionary ParseWordPairs(std::string_view text, const std::string& file) {
  Dictionary dictionary;
  ForEachLine(text::SkipUtf8Bom(text), [&](std::string_view line, int number) {
    CheckLine(line, file, number);
    if (Trim(line).empty() || line.front() == '#') return;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      throw ParseError("expected source<TAB>target", {.file = file, .line = number, .column = 1});
    }
    const std::string_view source = Trim(line.substr(0, tab));
    const std::string_view target = Trim(line.substr(tab + 1));
    if (source.empty() || target.empty()) {
      throw ParseError("empty side in word pair", {.file = file, .line = number, .column = 1});
    }
    dictionary.pairs.push_back({std::string(source), std::string(target)});
  });
  return dictionary;
}

Dictionary ParseFreeDict(std::string_view index, std::string_view entries, const std::string& index_file) {
  Dictionary dictionary;
  ForEachLine(index, [&](std::string_view line, int number) {
    CheckLine(line, index_file, number);
    if (line.empty()) return;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    size_t offset = 0;
    size_t length = 0;
    if (tab2 == std::string_view::npos || !DecodeNumber(line.substr(tab1 + 1, tab2 - tab1 - 1), &offset) ||
        !DecodeNumber(line.substr(tab2 + 1), &length)) {
      throw ParseError("expected headword<TAB>offset<TAB>length (dictd base64)",
                       {.file = index_file, .line = number, .column = 1});
    }
    const std::string_view headword = line.substr(0, tab1);
    if (headword.starts_with("00database") || headword.starts_with("00-database")) return;
    if (offset > entries.size() || length > entries.size() - offset) {
      throw ParseError("entry of '" + std::string(headword) + "' lies outside the .dict file",
                       {.file = index_file, .line = number, .column = static_cast<int>(tab1) + 2});
    }
    const std::string_view entry = entries.substr(offset, length);
    if (const auto bad = text::FindInvalidUtf8(entry)) {
      throw ParseError("invalid UTF-8 in the entry of '" + std::string(headword) + "'",
                       {.file = index_file, .line = number, .column = 1});
    }
    AddEntry(headword, entry, dictionary);
  });
  return dictionary;
}

Dictionary LoadDictionary(const std::string& path) {
  std::string base;
  for (std::string_view suffix : {".index", ".dict.dz", ".dict"}) {
    if (EndsWith(path, suffix)) {
      base = path.substr(0, path.size() - suffix.size());
      break;
    }
  }
  if (base.empty()) return ParseWordPairs(ReadFile(path), path);
  const std::string index_path = base + ".index";
  const std::string index = ReadFile(index_path);
  std::string entries;
  if (std::ifstream(base + ".dict.dz", std::ios::binary)) {
    entries = Gunzip(ReadFile(base + ".dict.dz"), base + ".dict.dz");
  } else {
    entries = ReadFile(base + ".dict");
  }
  return ParseFreeDict(index, entries, index_path);
}

}  // namespace tmkit::align
