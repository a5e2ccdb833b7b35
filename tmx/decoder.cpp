#include "tmx/decoder_internal.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "tmx/xml_text_internal.h"

namespace tmkit::tmx::internal {
namespace {

void AppendUtf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Windows-1252 0x80-0x9F; 0 marks the five bytes the code page leaves undefined.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The offset of the first byte of `bytes` that is NUL or not part of
// well-formed UTF-8, or npos. Eight ASCII bytes at a time: most of a TMX
// file is ASCII markup.
size_t FindBadUtf8(std::string_view bytes) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  size_t i = 0;
  while (i < bytes.size()) {
    if (i + 8 <= bytes.size()) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      // No byte with the high bit set, and no zero byte.
      if (((word | ((word - kOnes) & ~word)) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b == 0) return i;
    if (b < 0x80) {
      ++i;
      continue;
    }
    uint32_t c = 0;
    const size_t length = DecodeUtf8(bytes, i, c);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The value of encoding="..." in an XML declaration at the start of `bytes`,
// or nullopt when there is no declaration or it names no encoding.
std::optional<std::string> DeclaredEncoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return std::nullopt;
  const size_t end = bytes.find("?>");
  std::string_view decl = bytes.substr(0, end);
  const size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return std::nullopt;
  size_t i = key + 8;
  auto skip_space = [&] {
    while (i < decl.size() && (decl[i] == ' ' || decl[i] == '\t' || decl[i] == '\r' || decl[i] == '\n')) ++i;
  };
  skip_space();
  if (i >= decl.size() || decl[i] != '=') return std::nullopt;
  ++i;
  skip_space();
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return std::nullopt;
  const char quote = decl[i++];
  const size_t close = decl.find(quote, i);
  if (close == std::string_view::npos) return std::nullopt;
  return std::string(decl.substr(i, close - i));
}

}  // namespace

const char* EncodingName(SourceEncoding encoding) {
  switch (encoding) {
    case SourceEncoding::kUtf8:
      return "UTF-8";
    case SourceEncoding::kUtf16Le:
      return "UTF-16LE";
    case SourceEncoding::kUtf16Be:
      return "UTF-16BE";
    case SourceEncoding::kLatin1:
      return "ISO-8859-1";
    case SourceEncoding::kWindows1252:
      return "windows-1252";
  }
  return "?";
}

Decoder::Decoder(std::istream& in, std::string file, size_t chunk_bytes)
    : in_(in), file_(std::move(file)), chunk_bytes_(std::max<size_t>(chunk_bytes, 64)) {
  while (raw_.size() < 4 && Fill()) {
  }
  const std::string_view head(raw_);
  auto starts_with = [&](const char* prefix, size_t length) {
    return head.substr(0, length) == std::string_view(prefix, length);
  };
  if (starts_with("\x00\x00\xFE\xFF", 4) || starts_with("\xFF\xFE\x00\x00", 4) ||
      starts_with("\x00\x00\x00\x3C", 4) || starts_with("\x3C\x00\x00\x00", 4)) {
    Fail("unsupported encoding UTF-32", 0);
  }
  if (starts_with("\xEF\xBB\xBF", 3)) {
    encoding_ = SourceEncoding::kUtf8;
    bom_bytes_ = 3;
  } else if (starts_with("\xFF\xFE", 2)) {
    encoding_ = SourceEncoding::kUtf16Le;
    bom_bytes_ = 2;
  } else if (starts_with("\xFE\xFF", 2)) {
    encoding_ = SourceEncoding::kUtf16Be;
    bom_bytes_ = 2;
  } else if (starts_with("\x3C\x00\x3F\x00", 4)) {
    encoding_ = SourceEncoding::kUtf16Le;  // "<?" without a BOM
  } else if (starts_with("\x00\x3C\x00\x3F", 4)) {
    encoding_ = SourceEncoding::kUtf16Be;
  } else if (starts_with("\x4C\x6F\xA7\x94", 4)) {
    Fail("unsupported encoding EBCDIC", 0);
  } else {
    // An 8-bit encoding: the declaration, if any, names it. It is ASCII and
    // short; read until its end (or 1 KiB) to see it whole.
    while (raw_.find("?>") == std::string::npos && raw_.size() < 1024 && Fill()) {
    }
    const std::optional<std::string> declared = DeclaredEncoding(raw_);
    if (declared) {
      const std::string name = AsciiLower(*declared);
      if (name == "iso-8859-1" || name == "latin1" || name == "latin-1" || name == "iso_8859-1" ||
          name == "l1") {
        encoding_ = SourceEncoding::kLatin1;
      } else if (name == "windows-1252" || name == "cp1252") {
        encoding_ = SourceEncoding::kWindows1252;
      } else if (name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii" ||
                 name == "utf-16" || name == "utf-16le" || name == "utf-16be") {
        // UTF-16 declared over 8-bit bytes: a file re-saved as UTF-8 without
        // fixing its declaration. The bytes win (XML 1.0 F.1).
        encoding_ = SourceEncoding::kUtf8;
      } else {
        InputLocation where{.file = file_, .line = 1, .column = 1, .offset_bytes = 0};
        throw ParseError("unsupported encoding '" + *declared +
                             "' (tmkit reads UTF-8, UTF-16, ISO-8859-1 and windows-1252)",
                         where);
      }
    }
  }
  raw_pos_ = bom_bytes_;
  raw_offset_ = bom_bytes_;
}

bool Decoder::Fill() {
  if (at_end_) return false;
  if (raw_pos_ > 0) {
    raw_.erase(0, raw_pos_);
    raw_pos_ = 0;
  }
  const size_t old_size = raw_.size();
  raw_.resize(old_size + chunk_bytes_);
  in_.read(raw_.data() + old_size, static_cast<std::streamsize>(chunk_bytes_));
  const auto got = static_cast<size_t>(in_.gcount());
  raw_.resize(old_size + got);
  if (in_.bad()) {
    throw IoError("read failed", InputLocation{.file = file_, .offset_bytes = static_cast<long long>(raw_offset_ + old_size)});
  }
  if (got < chunk_bytes_) at_end_ = true;
  return got > 0;
}

void Decoder::Fail(const std::string& message, uint64_t offset) const {
  throw ParseError(message, InputLocation{.file = file_, .offset_bytes = static_cast<long long>(offset)});
}

size_t Decoder::DecodeAvailable(std::string& out) {
  const std::string_view raw = std::string_view(raw_).substr(raw_pos_);
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t before = out.size();
  size_t used = 0;
  switch (encoding_) {
    case SourceEncoding::kUtf8: {
      size_t complete = raw.size();
      if (!at_end_) {
        // Hold back a sequence cut by the chunk boundary.
        for (size_t back = 1; back <= 3 && back <= raw.size(); ++back) {
          const unsigned char b = bytes[raw.size() - back];
          if ((b & 0xC0) == 0x80) continue;
          const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
          if (need > back) complete = raw.size() - back;
          break;
        }
      }
      const std::string_view part = raw.substr(0, complete);
      if (const size_t bad = FindBadUtf8(part); bad != std::string_view::npos) {
        if (bytes[bad] == 0) Fail("NUL character is not allowed in XML", raw_offset_ + bad);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", bytes[bad]);
        Fail(std::string("invalid UTF-8 (byte ") + hex + ")", raw_offset_ + bad);
      }
      out.append(part);
      used = complete;
      break;
    }
    case SourceEncoding::kUtf16Le:
    case SourceEncoding::kUtf16Be: {
      const bool little = encoding_ == SourceEncoding::kUtf16Le;
      auto unit_at = [&](size_t i) -> uint32_t {
        return little ? (bytes[i] | (bytes[i + 1] << 8)) : ((bytes[i] << 8) | bytes[i + 1]);
      };
      out.reserve(out.size() + raw.size() * 3 / 2);
      size_t i = 0;
      while (i + 2 <= raw.size()) {
        uint32_t c = unit_at(i);
        size_t width = 2;
        if (c >= 0xD800 && c <= 0xDBFF) {
          if (i + 4 > raw.size()) {
            if (!at_end_) break;
            Fail("invalid UTF-16 (unpaired surrogate)", raw_offset_ + i);
          }
          const uint32_t low = unit_at(i + 2);
          if (low < 0xDC00 || low > 0xDFFF) Fail("invalid UTF-16 (unpaired surrogate)", raw_offset_ + i);
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          width = 4;
        } else if (c >= 0xDC00 && c <= 0xDFFF) {
          Fail("invalid UTF-16 (unpaired surrogate)", raw_offset_ + i);
        } else if (c == 0) {
          Fail("NUL character is not allowed in XML", raw_offset_ + i);
        }
        AppendUtf8(out, c);
        i += width;
      }
      if (at_end_ && i < raw.size() && i + 2 > raw.size()) {
        Fail("truncated UTF-16 (odd number of bytes)", raw_offset_ + i);
      }
      used = i;
      break;
    }
    case SourceEncoding::kLatin1:
    case SourceEncoding::kWindows1252: {
      for (size_t i = 0; i < raw.size(); ++i) {
        uint32_t c = bytes[i];
        if (c == 0) Fail("NUL character is not allowed in XML", raw_offset_ + i);
        if (encoding_ == SourceEncoding::kWindows1252 && c >= 0x80 && c < 0xA0) {
          c = kCp1252High[c - 0x80];
          if (c == 0) Fail("byte not defined in windows-1252", raw_offset_ + i);
        }
        AppendUtf8(out, c);
      }
      used = raw.size();
      break;
    }
  }
  raw_pos_ += used;
  raw_offset_ += used;
  return out.size() - before;
}

bool Decoder::Read(std::string& out, size_t min_bytes) {
  size_t appended = 0;
  bool any = false;
  while (true) {
    const size_t got = DecodeAvailable(out);
    appended += got;
    any = any || got > 0;
    if (appended >= min_bytes) break;
    if (!Fill()) {
      // Anything still undecoded is a sequence cut by the end of the input.
      if (raw_pos_ < raw_.size()) {
        appended += DecodeAvailable(out);  // at_end_ is set: throws on leftovers
        any = true;
      }
      break;
    }
  }
  return any;
}

}  // namespace tmkit::tmx::internal
