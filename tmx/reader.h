// Streaming TMX reader: a pull parser over a TMX 1.1-1.4b file or stream that
// hands out one TranslationUnit at a time, in document order.
//
// Memory does not grow with the file: the reader keeps a sliding window of
// decoded text and parses one <tu> element at a time (pugixml is DOM-only, so
// each <tu> is cut out of the byte stream by a small markup scanner and
// parsed on its own). Peak memory is a few read chunks plus the largest unit,
// which ReadOptions::max_unit_bytes bounds.
//
// What is read, what is tolerated and how inline markup maps to plain text
// plus InlineTag records: docs/formats.md ("TMX").
//
// Security: the DOCTYPE is skipped, never processed. No entity other than the
// five predefined ones and character references is expanded, and nothing is
// ever fetched; a unit that refers to another entity is a bad record.
//
// Errors: damage to the whole document (not XML, no <tmx>/<header>/<body>, a
// <tu> that is not closed, bad bytes for the encoding) throws ParseError
// "file:line:col: message" (bad bytes: "file: byte N: message"). A bad unit
// (see ReadOptions::on_bad_record) is skipped and reported, or throws.
// A Reader is not thread-safe; it is movable, not copyable.
#ifndef TMKIT_TMX_READER_H_
#define TMKIT_TMX_READER_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/translation_unit.h"

namespace tmkit::tmx {

// TMX <map> inside <ude>: one user-defined character.
struct UdeMap {
  std::string unicode;  // required by the DTD, e.g. "#xF8FF"
  std::string code;     // optional: the code point in the ude's base encoding
  std::string ent;      // optional: entity name
  std::string subst;    // optional: substitution text
  friend bool operator==(const UdeMap&, const UdeMap&) = default;
};

// TMX <ude name="..." base="...">: a user-defined encoding.
struct Ude {
  std::string name;
  std::string base;
  std::vector<UdeMap> maps;
  friend bool operator==(const Ude&, const Ude&) = default;
};

// TMX <header>. Every attribute is kept as written (dates too, so a header
// round-trips byte for byte); empty means absent.
struct Header {
  std::string version;  // <tmx version="...">, as read ("1.4"); the writer always writes "1.4"
  std::string creationtool;
  std::string creationtoolversion;
  std::string segtype;  // block, paragraph, sentence or phrase
  std::string o_tmf;
  std::string adminlang;
  std::string srclang;  // a language or "*all*"
  std::string datatype;
  std::string o_encoding;
  std::string creationdate;  // YYYYMMDDThhmmssZ as written
  std::string creationid;
  std::string changedate;
  std::string changeid;
  std::vector<Attribute> other_attributes;  // attributes TMX 1.4b does not define, as read
  std::vector<Property> properties;
  std::vector<Note> notes;
  std::vector<Ude> udes;
  friend bool operator==(const Header&, const Header&) = default;
};

struct ReadOptions {
  // What a bad unit does (a <tu> with fewer than two variants, a <tuv> with no
  // or a bad language, no or an empty <seg>, an unknown inline element, an
  // entity reference that is not predefined). Default: skip it, count it in
  // ReadReport::units_skipped and keep a diagnostic. kFail throws ParseError
  // on the first one.
  OnBadRecord on_bad_record = OnBadRecord::kSkipAndReport;
  // At most this many diagnostics are kept in ReadReport (the counts go on).
  // Default 100; each costs a location and a message.
  size_t max_diagnostics = 100;
  // A <tu> (or a comment, or the header) larger than this throws ParseError:
  // it bounds the reader's memory. Default 16 MiB; a unit's decoded bytes are
  // held once in the window and about three times more while it is parsed.
  size_t max_unit_bytes = size_t{16} << 20;
  // Bytes read from the input at a time. Default 256 KiB: larger chunks
  // cost memory and buy almost no speed.
  size_t read_chunk_bytes = size_t{256} << 10;
};

// What a read has done so far.
struct ReadReport {
  size_t units_read = 0;     // units returned by Next()
  size_t units_skipped = 0;  // bad units skipped (kSkipAndReport)
  // The first ReadOptions::max_diagnostics problems, in document order, each
  // with its file:line:col and record ("tu 12"). Includes warnings that did
  // not skip a unit (an unknown element ignored, text outside any <tu>).
  std::vector<Diagnostic> diagnostics;
  size_t diagnostics_dropped = 0;  // problems beyond max_diagnostics
};

class Reader {
 public:
  // Opens `path` and reads up to and including <header> and <body>. Throws
  // IoError when the file cannot be opened or read, ParseError when the
  // document does not start like a TMX file.
  explicit Reader(const std::string& path, const ReadOptions& options = {});
  // The same over a stream; `name` is the file name used in locations. The
  // stream must outlive the reader and is read in binary.
  Reader(std::istream& in, std::string name, const ReadOptions& options = {});
  ~Reader();
  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;

  const Header& header() const;

  // The next good unit, or nullopt at the end of <body> (and on every call
  // after that). The unit's origin is file, line:col of its "<tu" and record
  // "tu N" (N counts every <tu> from 1, skipped ones too). Throws ParseError
  // on malformed XML and, with kFail, on a bad unit; IoError when the input
  // cannot be read. After a throw the reader is unusable.
  std::optional<TranslationUnit> Next();

  const ReadReport& report() const;
  // Bytes of the input read so far, BOM included: for a progress display
  // against the file size. It runs ahead of the units returned by up to a
  // few read chunks.
  uint64_t bytes_read() const;
  // The encoding the input was decoded from: "UTF-8", "UTF-16LE", ...
  std::string encoding() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmkit::tmx

#endif  // TMKIT_TMX_READER_H_
