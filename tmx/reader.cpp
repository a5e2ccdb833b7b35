#include "tmx/reader.h"

#include <pugixml.hpp>

#include <cstring>
#include <fstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "text/unicode.h"
#include "tmx/decoder_internal.h"
#include "tmx/scanner_internal.h"
#include "tmx/xml_text_internal.h"

namespace tmkit::tmx {
namespace {

using internal::Scanner;

// Whitespace-only character data matters inside <seg>, so it is kept
// (parse_ws_pcdata) and ignored elsewhere. No DOCTYPE ever reaches pugixml.
constexpr unsigned kParseFlags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute |
                                 pugi::parse_eol | pugi::parse_ws_pcdata;

bool NameIs(const pugi::xml_node& node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// Character data of `node`'s children (text and CDATA), concatenated.
std::string ChildText(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  return text;
}

// xml:lang, or lang as TMX 1.1-1.3 wrote it.
std::string_view LanguageAttribute(const pugi::xml_node& node) {
  const pugi::xml_attribute xml_lang = node.attribute("xml:lang");
  if (xml_lang) return xml_lang.value();
  return node.attribute("lang").value();
}

Property ReadProperty(const pugi::xml_node& node) {
  return Property{.type = node.attribute("type").value(),
                  .value = ChildText(node),
                  .language = std::string(LanguageAttribute(node)),
                  .o_encoding = node.attribute("o-encoding").value()};
}

Note ReadNote(const pugi::xml_node& node) {
  return Note{.text = ChildText(node),
              .language = std::string(LanguageAttribute(node)),
              .o_encoding = node.attribute("o-encoding").value()};
}

// The XML of an inline element, as the writer will write it back: pugixml's
// tree serialised with our escaping, so reading it again gives the same
// string. Comments and processing instructions inside are dropped.
void Serialize(const pugi::xml_node& node, std::string& out) {
  switch (node.type()) {
    case pugi::node_pcdata:
    case pugi::node_cdata:
      internal::AppendEscaped(out, node.value(), internal::Escape::kText);
      break;
    case pugi::node_element: {
      out += '<';
      out += node.name();
      for (const pugi::xml_attribute& attribute : node.attributes()) {
        out += ' ';
        out += attribute.name();
        out += "=\"";
        internal::AppendEscaped(out, attribute.value(), internal::Escape::kAttribute);
        out += '"';
      }
      if (!node.first_child()) {
        out += "/>";
        break;
      }
      out += '>';
      for (const pugi::xml_node& child : node.children()) Serialize(child, out);
      out += "</";
      out += node.name();
      out += '>';
      break;
    }
    default:
      break;
  }
}

std::optional<InlineTagKind> NativeCodeKind(const pugi::xml_node& node) {
  const char* name = node.name();
  if (std::strcmp(name, "bpt") == 0) return InlineTagKind::kBpt;
  if (std::strcmp(name, "ept") == 0) return InlineTagKind::kEpt;
  if (std::strcmp(name, "it") == 0) return InlineTagKind::kIt;
  if (std::strcmp(name, "ph") == 0) return InlineTagKind::kPh;
  if (std::strcmp(name, "ut") == 0) return InlineTagKind::kUt;
  return std::nullopt;
}

// Stores a creationdate or changedate attribute that holds a valid date in
// `created` or `changed` (the first of each only) and returns true; any other
// attribute, or a date that is not one, is left for the attribute list.
bool TakeDate(const pugi::xml_attribute& attribute, std::optional<Timestamp>& created,
              std::optional<Timestamp>& changed) {
  std::optional<Timestamp>* slot = nullptr;
  if (std::strcmp(attribute.name(), "creationdate") == 0) slot = &created;
  if (std::strcmp(attribute.name(), "changedate") == 0) slot = &changed;
  if (slot == nullptr || slot->has_value()) return false;
  *slot = internal::ParseTmxDate(attribute.value());
  return slot->has_value();
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

}  // namespace

class Reader::Impl {
 public:
  Impl(std::unique_ptr<std::istream> owned, std::istream& in, std::string name, const ReadOptions& options)
      : owned_(std::move(owned)),
        options_(options),
        scanner_(in, std::move(name), options.read_chunk_bytes, options.max_unit_bytes) {
    ReadProlog();
  }

  const Header& header() const { return header_; }
  const ReadReport& report() const { return report_; }
  std::string encoding() const { return internal::EncodingName(scanner_.decoder().encoding()); }
  uint64_t bytes_read() const { return scanner_.decoder().bytes_read(); }

  std::optional<TranslationUnit> Next();

 private:
  // A reason to reject the unit being converted, at an offset in its XML.
  struct Problem {
    std::string message;
    size_t offset = 0;
    explicit operator bool() const { return !message.empty(); }
  };

  void ReadProlog();
  void ReadHeader(const pugi::xml_node& node);
  void ReadEnd();
  // Parses `xml` (one element) into doc_; throws ParseError at the place of
  // a syntax error.
  void ParseFragment(std::string_view xml);
  // The offset of `node` in the fragment last parsed.
  size_t OffsetOf(const pugi::xml_node& node) const;

  bool ConvertUnit(const pugi::xml_node& node, TranslationUnit& unit, Problem& problem);
  bool ConvertVariant(const pugi::xml_node& node, Variant& variant, Problem& problem);
  bool ConvertSegment(const pugi::xml_node& node, Variant& variant, Problem& problem);
  // The canonical tag for a language attribute, or an empty tag when it is
  // not one. Cached: files repeat a handful of languages.
  const LanguageTag& Canonical(std::string_view raw);

  void Warn(size_t offset, const std::string& message);
  void AddDiagnostic(InputLocation location, const std::string& message);

  std::unique_ptr<std::istream> owned_;
  ReadOptions options_;
  Scanner scanner_;
  pugi::xml_document doc_;
  std::string fragment_;  // the bytes doc_ was parsed from (in place)
  Header header_;
  ReadReport report_;
  std::unordered_map<std::string, LanguageTag> languages_;
  size_t tu_number_ = 0;
  std::string record_;  // "tu N" while a unit is converted
  bool done_ = false;
};

void Reader::Impl::AddDiagnostic(InputLocation location, const std::string& message) {
  if (report_.diagnostics.size() >= options_.max_diagnostics) {
    ++report_.diagnostics_dropped;
    return;
  }
  report_.diagnostics.push_back(Diagnostic{std::move(location), message});
}

void Reader::Impl::Warn(size_t offset, const std::string& message) {
  InputLocation location = scanner_.LocationAt(offset);
  location.record = record_;
  AddDiagnostic(std::move(location), message);
}

void Reader::Impl::ParseFragment(std::string_view xml) {
  fragment_.assign(xml);
  const pugi::xml_parse_result result =
      doc_.load_buffer_inplace(fragment_.data(), fragment_.size(), kParseFlags, pugi::encoding_utf8);
  if (!result) {
    const auto offset = static_cast<size_t>(std::max<ptrdiff_t>(result.offset, 0));
    throw ParseError(std::string("malformed XML: ") + result.description(), scanner_.LocationAt(offset));
  }
}

size_t Reader::Impl::OffsetOf(const pugi::xml_node& node) const {
  const ptrdiff_t offset = node.offset_debug();
  if (offset <= 0) return 0;
  // Elements report the offset of their name; the location is that of '<'.
  return static_cast<size_t>(node.type() == pugi::node_element ? offset - 1 : offset);
}

void Reader::Impl::ReadProlog() {
  Scanner::Token token = scanner_.SkipMisc(/*allow_doctype=*/true);
  if (token != Scanner::Token::kStartTag || scanner_.TagName() != "tmx") {
    throw ParseError("not a TMX document: expected <tmx>", scanner_.Location());
  }
  bool self_closing = false;
  std::string start_tag(scanner_.ScanStartTag(self_closing));
  if (self_closing) throw ParseError("<tmx> has no <header>", scanner_.Location());
  start_tag.back() = '/';
  start_tag += '>';
  ParseFragment(start_tag);
  header_.version = doc_.first_child().attribute("version").value();
  scanner_.Consume(start_tag.size() - 1);

  token = scanner_.SkipMisc(false);
  if (token != Scanner::Token::kStartTag || scanner_.TagName() != "header") {
    throw ParseError("expected <header>", scanner_.Location());
  }
  const internal::ScannedElement header = scanner_.ScanElement("<header>");
  if (!header.problem.empty()) throw ParseError(header.problem, scanner_.LocationAt(header.problem_offset));
  ParseFragment(header.xml);
  ReadHeader(doc_.first_child());
  scanner_.Consume(header.xml.size());

  token = scanner_.SkipMisc(false);
  if (token != Scanner::Token::kStartTag || scanner_.TagName() != "body") {
    throw ParseError("expected <body>", scanner_.Location());
  }
  const size_t body_length = scanner_.ScanStartTag(self_closing).size();
  scanner_.Consume(body_length);
  if (self_closing) ReadEnd();
}

void Reader::Impl::ReadHeader(const pugi::xml_node& node) {
  static const std::pair<const char*, std::string Header::*> kFields[] = {
      {"creationtool", &Header::creationtool}, {"creationtoolversion", &Header::creationtoolversion},
      {"segtype", &Header::segtype},           {"o-tmf", &Header::o_tmf},
      {"adminlang", &Header::adminlang},       {"srclang", &Header::srclang},
      {"datatype", &Header::datatype},         {"o-encoding", &Header::o_encoding},
      {"creationdate", &Header::creationdate}, {"creationid", &Header::creationid},
      {"changedate", &Header::changedate},     {"changeid", &Header::changeid},
  };
  for (const pugi::xml_attribute& attribute : node.attributes()) {
    bool known = false;
    for (const auto& [name, field] : kFields) {
      if (std::strcmp(attribute.name(), name) == 0) {
        header_.*field = attribute.value();
        known = true;
        break;
      }
    }
    if (!known) header_.other_attributes.emplace_back(attribute.name(), attribute.value());
  }
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (NameIs(child, "prop")) {
      header_.properties.push_back(ReadProperty(child));
    } else if (NameIs(child, "note")) {
      header_.notes.push_back(ReadNote(child));
    } else if (NameIs(child, "ude")) {
      Ude ude{.name = child.attribute("name").value(), .base = child.attribute("base").value()};
      for (const pugi::xml_node& map : child.children("map")) {
        ude.maps.push_back(UdeMap{.unicode = map.attribute("unicode").value(),
                                  .code = map.attribute("code").value(),
                                  .ent = map.attribute("ent").value(),
                                  .subst = map.attribute("subst").value()});
      }
      header_.udes.push_back(std::move(ude));
    } else {
      Warn(OffsetOf(child), std::string("unknown element <") + child.name() + "> in <header> ignored");
    }
  }
}

void Reader::Impl::ReadEnd() {
  Scanner::Token token = scanner_.SkipMisc(false);
  if (token != Scanner::Token::kEndTag || scanner_.TagName() != "tmx") {
    throw ParseError("expected </tmx>", scanner_.Location());
  }
  scanner_.Consume(scanner_.ScanEndTag().size());
  if (scanner_.SkipMisc(false) != Scanner::Token::kEnd) {
    throw ParseError("content after </tmx>", scanner_.Location());
  }
  done_ = true;
}

const LanguageTag& Reader::Impl::Canonical(std::string_view raw) {
  auto found = languages_.find(std::string(raw));
  if (found != languages_.end()) return found->second;
  if (languages_.size() >= 4096) languages_.clear();  // a bound for files with garbage tags
  LanguageTag tag;
  try {
    tag = LanguageTag::ParseOrEmpty(text::CanonicalLanguageTag(raw));
  } catch (const ParseError&) {
    tag = LanguageTag::ParseOrEmpty(raw);  // "*all*", or empty: not a tag at all
  }
  // ICU is lenient ("english" becomes a tag); keep only what is shaped like one.
  if (LanguageTag::ParseOrEmpty(raw).empty()) tag = LanguageTag();
  return languages_.emplace(std::string(raw), std::move(tag)).first->second;
}

bool Reader::Impl::ConvertSegment(const pugi::xml_node& node, Variant& variant, Problem& problem) {
  for (const pugi::xml_node& child : node.children()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        variant.text += child.value();
        break;
      case pugi::node_element: {
        if (const std::optional<InlineTagKind> kind = NativeCodeKind(child)) {
          InlineTag tag{.kind = *kind, .offset_bytes = variant.text.size()};
          Serialize(child, tag.markup);
          variant.inline_tags.push_back(std::move(tag));
        } else if (NameIs(child, "hi")) {
          // <hi> content is text of the segment: the tag becomes an opening
          // and a closing record around it (core/translation_unit.h).
          InlineTag open{.kind = InlineTagKind::kHi, .offset_bytes = variant.text.size(), .markup = "<hi"};
          for (const pugi::xml_attribute& attribute : child.attributes()) {
            open.markup += ' ';
            open.markup += attribute.name();
            open.markup += "=\"";
            internal::AppendEscaped(open.markup, attribute.value(), internal::Escape::kAttribute);
            open.markup += '"';
          }
          open.markup += '>';
          variant.inline_tags.push_back(std::move(open));
          if (!ConvertSegment(child, variant, problem)) return false;
          variant.inline_tags.push_back(
              InlineTag{.kind = InlineTagKind::kHi, .offset_bytes = variant.text.size(), .markup = "</hi>"});
        } else {
          problem = {std::string("unknown inline element <") + child.name() + ">", OffsetOf(child)};
          return false;
        }
        break;
      }
      default:
        break;  // comments, processing instructions
    }
  }
  return true;
}

bool Reader::Impl::ConvertVariant(const pugi::xml_node& node, Variant& variant, Problem& problem) {
  const std::string_view raw_language = LanguageAttribute(node);
  if (raw_language.empty()) {
    problem = {"<tuv> has no xml:lang", OffsetOf(node)};
    return false;
  }
  variant.language = Canonical(raw_language);
  if (variant.language.empty()) {
    problem = {"<tuv> has a bad language tag '" + std::string(raw_language) + "'", OffsetOf(node)};
    return false;
  }
  if (raw_language != variant.language.str()) variant.original_language = raw_language;
  for (const pugi::xml_attribute& attribute : node.attributes()) {
    const char* name = attribute.name();
    if (std::strcmp(name, "xml:lang") == 0 || std::strcmp(name, "lang") == 0) continue;
    if (TakeDate(attribute, variant.created, variant.changed)) continue;
    variant.attributes.emplace_back(name, attribute.value());
  }
  pugi::xml_node segment;
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (NameIs(child, "seg")) {
      if (!segment) {
        segment = child;
      } else {
        Warn(OffsetOf(child), "second <seg> in <tuv> ignored");
      }
    } else if (NameIs(child, "prop")) {
      variant.properties.push_back(ReadProperty(child));
    } else if (NameIs(child, "note")) {
      variant.notes.push_back(ReadNote(child));
    } else {
      Warn(OffsetOf(child), std::string("unknown element <") + child.name() + "> in <tuv> ignored");
    }
  }
  if (!segment) {
    problem = {"<tuv> has no <seg>", OffsetOf(node)};
    return false;
  }
  if (!ConvertSegment(segment, variant, problem)) return false;
  if (IsBlank(variant.text)) {
    problem = {"<seg> is empty", OffsetOf(segment)};
    return false;
  }
  return true;
}

namespace {

// The first element of `root`'s subtree deeper than `limit` levels below
// it, or an empty node. Iterative: the converters below recurse per level, so
// this guard is what keeps a hostile file from overflowing the stack.
pugi::xml_node FirstTooDeep(const pugi::xml_node& root, size_t limit) {
  size_t depth = 0;
  pugi::xml_node node = root.first_child();
  if (node) depth = 1;
  while (node && node != root) {
    if (node.type() == pugi::node_element && depth > limit) return node;
    if (node.first_child()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node != root && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node != root) node = node.next_sibling();
  }
  return {};
}

}  // namespace

bool Reader::Impl::ConvertUnit(const pugi::xml_node& node, TranslationUnit& unit, Problem& problem) {
  // <tu> → <tuv> → <seg> → inline elements: real files nest a handful of
  // inline levels; 64 leaves room for any of them.
  constexpr size_t kMaxDepth = 64;
  if (const pugi::xml_node deep = FirstTooDeep(node, kMaxDepth)) {
    problem = {"elements nested more than " + std::to_string(kMaxDepth) + " deep", OffsetOf(deep)};
    return false;
  }
  for (const pugi::xml_attribute& attribute : node.attributes()) {
    const char* name = attribute.name();
    if (std::strcmp(name, "tuid") == 0) {
      unit.id = attribute.value();
      continue;
    }
    if (TakeDate(attribute, unit.created, unit.changed)) continue;
    unit.attributes.emplace_back(name, attribute.value());
  }
  unit.variants.reserve(2);
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (NameIs(child, "tuv")) {
      Variant& variant = unit.variants.emplace_back();
      if (!ConvertVariant(child, variant, problem)) return false;
    } else if (NameIs(child, "prop")) {
      unit.properties.push_back(ReadProperty(child));
    } else if (NameIs(child, "note")) {
      unit.notes.push_back(ReadNote(child));
    } else {
      Warn(OffsetOf(child), std::string("unknown element <") + child.name() + "> in <tu> ignored");
    }
  }
  if (unit.variants.size() < 2) {
    problem = {"<tu> has " + std::to_string(unit.variants.size()) +
                   (unit.variants.size() == 1 ? " variant" : " variants") + "; a unit needs at least 2",
               0};
    return false;
  }
  return true;
}

std::optional<TranslationUnit> Reader::Impl::Next() {
  while (!done_) {
    switch (scanner_.SkipMisc(false)) {
      case Scanner::Token::kEnd:
        throw ParseError("<body> is not closed", scanner_.Location());
      case Scanner::Token::kText:
        record_.clear();
        Warn(0, "text outside <tu> ignored");
        scanner_.SkipText();
        break;
      case Scanner::Token::kEndTag: {
        if (scanner_.TagName() != "body") {
          throw ParseError("expected </body>, found </" + std::string(scanner_.TagName()) + ">", scanner_.Location());
        }
        scanner_.Consume(scanner_.ScanEndTag().size());
        ReadEnd();
        break;
      }
      case Scanner::Token::kStartTag: {
        if (scanner_.TagName() != "tu") {
          record_.clear();
          const std::string name(scanner_.TagName());
          Warn(0, "unknown element <" + name + "> in <body> ignored");
          scanner_.Consume(scanner_.ScanElement("<" + name + ">").xml.size());
          break;
        }
        record_ = "tu " + std::to_string(++tu_number_);
        const internal::ScannedElement element = scanner_.ScanElement("<tu>");
        Problem problem;
        TranslationUnit unit;
        if (!element.problem.empty()) {
          problem = {element.problem, element.problem_offset};
        } else {
          ParseFragment(element.xml);
          ConvertUnit(doc_.first_child(), unit, problem);
        }
        if (problem) {
          InputLocation location = scanner_.LocationAt(problem.offset);
          location.record = record_;
          if (options_.on_bad_record == OnBadRecord::kFail) throw ParseError(problem.message, location);
          ++report_.units_skipped;
          AddDiagnostic(std::move(location), problem.message);
          scanner_.Consume(element.xml.size());
          break;
        }
        unit.origin = scanner_.Location();
        unit.origin.record = record_;
        scanner_.Consume(element.xml.size());
        ++report_.units_read;
        return unit;
      }
    }
  }
  return std::nullopt;
}

namespace {

std::unique_ptr<std::istream> OpenFile(const std::string& path) {
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) throw IoError("cannot open for reading", InputLocation{.file = path});
  return file;
}

}  // namespace

Reader::Reader(const std::string& path, const ReadOptions& options) {
  std::unique_ptr<std::istream> file = OpenFile(path);
  std::istream& in = *file;
  impl_ = std::make_unique<Impl>(std::move(file), in, path, options);
}

Reader::Reader(std::istream& in, std::string name, const ReadOptions& options)
    : impl_(std::make_unique<Impl>(nullptr, in, std::move(name), options)) {}

Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

const Header& Reader::header() const { return impl_->header(); }
std::optional<TranslationUnit> Reader::Next() { return impl_->Next(); }
const ReadReport& Reader::report() const { return impl_->report(); }
std::string Reader::encoding() const { return impl_->encoding(); }
uint64_t Reader::bytes_read() const { return impl_->bytes_read(); }

}  // namespace tmkit::tmx
