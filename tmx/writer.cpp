#include "tmx/writer.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <string_view>
#include <vector>

#include "tmx/xml_text_internal.h"

namespace tmkit::tmx {
namespace {

using internal::AppendEscaped;
using internal::Escape;

// Attributes the TMX 1.4b DTD declares (besides the ones the writer makes
// itself: tuid, xml:lang, creationdate/changedate from timestamps).
constexpr std::array<std::string_view, 14> kTuAttributes = {
    "tuid",        "o-encoding",   "datatype",   "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
    "creationdate", "creationid", "changedate", "segtype",    "changeid",      "o-tmf",        "srclang"};
constexpr std::array<std::string_view, 13> kTuvAttributes = {
    "xml:lang",    "o-encoding",   "datatype",   "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
    "creationdate", "creationid", "changedate", "o-tmf",      "changeid",      "lang"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// True when `name` can be written as an attribute name: ASCII letters,
// digits, "-", "_", ":", "." and any non-ASCII byte, not starting with a
// digit, "-" or "." (non-ASCII must be well-formed UTF-8). Guards the names WriteOptions lets through unchecked.
bool IsWritableName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      uint32_t code_point = 0;
      const size_t length = internal::DecodeUtf8(name, i, code_point);
      if (length == 0) return false;
      i += length;
      continue;
    }
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool other = (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!letter && !(other && i > 0)) return false;
    ++i;
  }
  return true;
}

// "sentence" for "Sentence"; empty when `segtype` is none of the four.
std::string NormaliseSegtype(std::string_view segtype) {
  std::string lower(segtype);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "block" || lower == "paragraph" || lower == "sentence" || lower == "phrase") return lower;
  return {};
}

// UTF-8 (already checked by AppendEscaped) to UTF-16LE bytes.
void AppendUtf16Le(std::string& out, std::string_view utf8) {
  auto put = [&out](uint32_t unit) {
    out += static_cast<char>(unit & 0xFF);
    out += static_cast<char>(unit >> 8);
  };
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    uint32_t c;
    size_t length;
    if (b < 0x80) {
      c = b, length = 1;
    } else if (b < 0xE0) {
      c = b & 0x1F, length = 2;
    } else if (b < 0xF0) {
      c = b & 0x0F, length = 3;
    } else {
      c = b & 0x07, length = 4;
    }
    for (size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += length;
    if (c >= 0x10000) {
      c -= 0x10000;
      put(0xD800 + (c >> 10));
      put(0xDC00 + (c & 0x3FF));
    } else {
      put(c);
    }
  }
}

}  // namespace

class Writer::Impl {
 public:
  Impl(std::unique_ptr<std::ostream> owned, std::ostream& out, std::string file, const Header& header,
       const WriteOptions& options)
      : owned_(std::move(owned)), out_(out), file_(std::move(file)), options_(options) {
    WriteStart(header);
  }

  void Write(const TranslationUnit& unit);
  void Finish();
  const WriteReport& report() const { return report_; }

 private:
  void WriteStart(const Header& header);
  // ` name="value"`, escaped.
  void Attribute(std::string_view name, std::string_view value);
  // Attributes from a list, skipping names already written and, when asked,
  // names the DTD does not declare for the element.
  template <size_t N>
  void Attributes(const std::vector<tmkit::Attribute>& attributes, const std::array<std::string_view, N>& declared,
                  std::vector<std::string_view>& written);
  // creationdate and changedate from timestamps, when set.
  void Dates(const std::optional<Timestamp>& created, const std::optional<Timestamp>& changed,
             std::vector<std::string_view>& written);
  void Text(std::string_view text) { report_.characters_dropped += AppendEscaped(buffer_, text, Escape::kText); }
  void Properties(const std::vector<Property>& properties, std::string_view indent);
  void Notes(const std::vector<Note>& notes, std::string_view indent);
  void Segment(const Variant& variant);
  void Flush(bool force);

  std::unique_ptr<std::ostream> owned_;
  std::ostream& out_;
  std::string file_;
  WriteOptions options_;
  WriteReport report_;
  std::string buffer_;   // UTF-8 not yet written
  std::string encoded_;  // scratch for UTF-16
  bool bom_written_ = false;  // UTF-16 only
  bool finished_ = false;
};

void Writer::Impl::Attribute(std::string_view name, std::string_view value) {
  buffer_ += ' ';
  buffer_ += name;
  buffer_ += "=\"";
  report_.characters_dropped += AppendEscaped(buffer_, value, Escape::kAttribute);
  buffer_ += '"';
}

void Writer::Impl::Dates(const std::optional<Timestamp>& created, const std::optional<Timestamp>& changed,
                         std::vector<std::string_view>& written) {
  if (created) {
    Attribute("creationdate", internal::FormatTmxDate(*created));
    written.emplace_back("creationdate");
  }
  if (changed) {
    Attribute("changedate", internal::FormatTmxDate(*changed));
    written.emplace_back("changedate");
  }
}

template <size_t N>
void Writer::Impl::Attributes(const std::vector<tmkit::Attribute>& attributes,
                              const std::array<std::string_view, N>& declared,
                              std::vector<std::string_view>& written) {
  for (const auto& [name, value] : attributes) {
    if (std::find(written.begin(), written.end(), name) != written.end()) continue;  // XML forbids duplicates
    std::string_view to_write = value;
    std::string segtype;
    if (!IsWritableName(name)) {
      ++report_.attributes_dropped;
      continue;
    }
    if (options_.drop_undeclared_attributes) {
      if (!Contains(declared, name) || name == "lang") {
        ++report_.attributes_dropped;
        continue;
      }
      if (name == "segtype") {
        segtype = NormaliseSegtype(value);
        if (segtype.empty()) {
          ++report_.attributes_dropped;
          continue;
        }
        to_write = segtype;
      }
    }
    Attribute(name, to_write);
    written.push_back(name);
  }
}

void Writer::Impl::Properties(const std::vector<Property>& properties, std::string_view indent) {
  for (const Property& property : properties) {
    buffer_ += indent;
    buffer_ += "<prop";
    Attribute("type", property.type);
    if (!property.language.empty()) Attribute("xml:lang", property.language);
    if (!property.o_encoding.empty()) Attribute("o-encoding", property.o_encoding);
    buffer_ += '>';
    Text(property.value);
    buffer_ += "</prop>\n";
  }
}

void Writer::Impl::Notes(const std::vector<Note>& notes, std::string_view indent) {
  for (const Note& note : notes) {
    buffer_ += indent;
    buffer_ += "<note";
    if (!note.language.empty()) Attribute("xml:lang", note.language);
    if (!note.o_encoding.empty()) Attribute("o-encoding", note.o_encoding);
    buffer_ += '>';
    Text(note.text);
    buffer_ += "</note>\n";
  }
}

void Writer::Impl::WriteStart(const Header& header) {
  const bool utf16 = options_.encoding == WriteOptions::Encoding::kUtf16;
  buffer_ += utf16 ? "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (options_.write_doctype) buffer_ += "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n";
  buffer_ += "<tmx version=\"1.4\">\n  <header";
  auto required = [&](std::string_view name, const std::string& value, std::string_view fallback) {
    Attribute(name, value.empty() ? fallback : std::string_view(value));
  };
  auto optional = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) Attribute(name, value);
  };
  required("creationtool", header.creationtool, "tmkit");
  required("creationtoolversion", header.creationtoolversion, TMKIT_VERSION);
  std::string segtype = NormaliseSegtype(header.segtype);
  if (segtype.empty()) {
    if (!header.segtype.empty()) ++report_.attributes_dropped;
    segtype = "sentence";
  }
  Attribute("segtype", segtype);
  required("o-tmf", header.o_tmf, "tmkit");
  required("adminlang", header.adminlang, "en");
  required("srclang", header.srclang, "*all*");
  required("datatype", header.datatype, "plaintext");
  optional("o-encoding", header.o_encoding);
  optional("creationdate", header.creationdate);
  optional("creationid", header.creationid);
  optional("changedate", header.changedate);
  optional("changeid", header.changeid);
  for (const auto& [name, value] : header.other_attributes) {
    if (options_.drop_undeclared_attributes || !IsWritableName(name)) {
      ++report_.attributes_dropped;
    } else {
      Attribute(name, value);
    }
  }
  if (header.notes.empty() && header.properties.empty() && header.udes.empty()) {
    buffer_ += "/>\n";
  } else {
    buffer_ += ">\n";
    Notes(header.notes, "    ");
    Properties(header.properties, "    ");
    for (const Ude& ude : header.udes) {
      if (ude.maps.empty()) continue;  // the DTD wants map+
      buffer_ += "    <ude";
      Attribute("name", ude.name);
      if (!ude.base.empty()) Attribute("base", ude.base);
      buffer_ += ">\n";
      for (const UdeMap& map : ude.maps) {
        buffer_ += "      <map";
        Attribute("unicode", map.unicode);
        if (!map.code.empty()) Attribute("code", map.code);
        if (!map.ent.empty()) Attribute("ent", map.ent);
        if (!map.subst.empty()) Attribute("subst", map.subst);
        buffer_ += "/>\n";
      }
      buffer_ += "    </ude>\n";
    }
    buffer_ += "  </header>\n";
  }
  buffer_ += "  <body>\n";
  Flush(/*force=*/true);
}

void Writer::Impl::Segment(const Variant& variant) {
  buffer_ += "<seg>";
  const std::string_view text = variant.text;
  size_t position = 0;
  for (const InlineTag& tag : variant.inline_tags) {
    const size_t offset = std::clamp(tag.offset_bytes, position, text.size());
    Text(text.substr(position, offset - position));
    report_.characters_dropped += AppendEscaped(buffer_, tag.markup, Escape::kNone);
    position = offset;
  }
  Text(text.substr(position));
  buffer_ += "</seg>\n";
}

void Writer::Impl::Write(const TranslationUnit& unit) {
  size_t variants = 0;
  for (const Variant& variant : unit.variants) {
    if (variant.language.empty()) {
      ++report_.variants_skipped;
    } else {
      ++variants;
    }
  }
  if (variants == 0) {
    ++report_.units_skipped;
    return;
  }
  std::vector<std::string_view> written;
  buffer_ += "    <tu";
  if (!unit.id.empty()) {
    Attribute("tuid", unit.id);
    written.emplace_back("tuid");
  }
  Dates(unit.created, unit.changed, written);
  Attributes(unit.attributes, kTuAttributes, written);
  buffer_ += ">\n";
  Notes(unit.notes, "      ");
  Properties(unit.properties, "      ");
  for (const Variant& variant : unit.variants) {
    if (variant.language.empty()) continue;
    written.clear();
    buffer_ += "      <tuv";
    const bool original = options_.keep_original_language_tags && !variant.original_language.empty();
    Attribute("xml:lang", original ? variant.original_language : variant.language.str());
    written.emplace_back("xml:lang");
    Dates(variant.created, variant.changed, written);
    Attributes(variant.attributes, kTuvAttributes, written);
    buffer_ += ">\n";
    Notes(variant.notes, "        ");
    Properties(variant.properties, "        ");
    buffer_ += "        ";
    Segment(variant);
    buffer_ += "      </tuv>\n";
  }
  buffer_ += "    </tu>\n";
  ++report_.units_written;
  Flush(/*force=*/false);
}

void Writer::Impl::Finish() {
  if (finished_) return;
  buffer_ += "  </body>\n</tmx>\n";
  Flush(/*force=*/true);
  out_.flush();
  if (!out_) throw IoError("write failed", InputLocation{.file = file_});
  finished_ = true;
}

void Writer::Impl::Flush(bool force) {
  if (!force && buffer_.size() < options_.flush_bytes) return;
  std::string_view bytes = buffer_;
  if (options_.encoding == WriteOptions::Encoding::kUtf16) {
    encoded_.clear();
    if (!bom_written_) encoded_ = "\xFF\xFE";
    bom_written_ = true;
    AppendUtf16Le(encoded_, buffer_);
    bytes = encoded_;
  }
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  buffer_.clear();
  if (!out_) throw IoError("write failed", InputLocation{.file = file_});
}

namespace {

std::unique_ptr<std::ostream> CreateFile(const std::string& path) {
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file) throw IoError("cannot open for writing", InputLocation{.file = path});
  return file;
}

}  // namespace

Writer::Writer(std::ostream& out, const Header& header, const WriteOptions& options)
    : impl_(std::make_unique<Impl>(nullptr, out, std::string(), header, options)) {}

Writer::Writer(const std::string& path, const Header& header, const WriteOptions& options) {
  std::unique_ptr<std::ostream> file = CreateFile(path);
  std::ostream& out = *file;
  impl_ = std::make_unique<Impl>(std::move(file), out, path, header, options);
}

Writer::~Writer() = default;

void Writer::Write(const TranslationUnit& unit) { impl_->Write(unit); }
void Writer::Finish() { impl_->Finish(); }
const WriteReport& Writer::report() const { return impl_->report(); }

}  // namespace tmkit::tmx
