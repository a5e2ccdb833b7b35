// Streaming TMX 1.4b writer: the header when constructed, then one <tu> per
// Write(), then Finish() closes the document. Memory is one output buffer,
// whatever the number of units.
//
// The output is valid against the TMX 1.4b DTD (checked by a test with
// xmllint) when the units' inline markup is what tmx::Reader produced (or
// well-formed TMX inline elements); see docs/formats.md ("TMX") for what is
// written where. Text is escaped; characters XML 1.0 does not allow (C0
// controls other than tab, LF and CR, U+FFFE/U+FFFF, ill-formed UTF-8) are
// dropped and counted in WriteReport::characters_dropped, never written.
//
// Errors: IoError when the file cannot be created or the stream fails.
// Without Finish() the document is left incomplete (no </body></tmx>) on
// purpose, so a failed export cannot pass for a whole one.
// Not thread-safe; not copyable.
#ifndef TMKIT_TMX_WRITER_H_
#define TMKIT_TMX_WRITER_H_

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "core/translation_unit.h"
#include "tmx/reader.h"

namespace tmkit::tmx {

struct WriteOptions {
  enum class Encoding {
    kUtf8,   // no BOM
    kUtf16,  // little-endian with a BOM, for tools that want it
  };
  // The output encoding. Default UTF-8; UTF-16 doubles the size of mostly
  // ASCII text and costs a conversion pass.
  Encoding encoding = Encoding::kUtf8;
  // Write <!DOCTYPE tmx SYSTEM "tmx14.dtd"> after the XML declaration, as
  // most CAT tools do. Default true.
  bool write_doctype = true;
  // Write a variant's language as it was read (Variant::original_language,
  // e.g. "EN-US") when there is one, so a file round-trips as it came;
  // false writes the canonical tag ("en-US"). Default true.
  bool keep_original_language_tags = true;
  // Drop attributes the TMX 1.4b DTD does not declare on <header>, <tu> and
  // <tuv> (and a segtype outside block|paragraph|sentence|phrase), counting
  // them in WriteReport::attributes_dropped, so the output validates. false
  // writes them all (except names that are not XML names, always dropped).
  // Default true.
  bool drop_undeclared_attributes = true;
  // Buffered output is written to the stream when it exceeds this many
  // bytes. Default 1 MiB.
  size_t flush_bytes = size_t{1} << 20;
};

// What a writer has done so far.
struct WriteReport {
  size_t units_written = 0;
  size_t units_skipped = 0;       // units left with no variant that has a language
  size_t variants_skipped = 0;    // variants without a language (xml:lang is required)
  size_t characters_dropped = 0;  // characters not allowed in XML 1.0
  size_t attributes_dropped = 0;  // see WriteOptions::drop_undeclared_attributes
};

class Writer {
 public:
  // Writes the XML declaration, <tmx>, `header` and <body> to `out`, which
  // must outlive the writer. Empty required header attributes get defaults:
  // creationtool "tmkit", creationtoolversion the tmkit version, segtype
  // "sentence", o-tmf "tmkit", adminlang "en", srclang "*all*", datatype
  // "plaintext". Throws IoError when the stream fails.
  Writer(std::ostream& out, const Header& header, const WriteOptions& options = {});
  // The same into a new file at `path` (replaced if it exists). Throws
  // IoError when it cannot be created.
  Writer(const std::string& path, const Header& header, const WriteOptions& options = {});
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Writes one <tu>: notes, properties, then one <tuv> per variant with a
  // language, in order. Inline tags are written back at their offsets, in
  // order. Throws IoError when the stream fails.
  // REQUIRES: Finish() not called; each variant's inline_tags sorted by
  // offset_bytes, each markup a well-formed XML element (or a <hi> start or
  // end tag) as tmx::Reader makes them.
  void Write(const TranslationUnit& unit);

  // Closes </body> and </tmx> and flushes. Throws IoError when the stream
  // fails. Calling it again does nothing.
  void Finish();

  const WriteReport& report() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmkit::tmx

#endif  // TMKIT_TMX_WRITER_H_
