// Private to tmx/: turns the bytes of a TMX file into UTF-8, chunk by chunk.
//
// The encoding is detected once, from the first bytes (RFC 7303 §4 / XML 1.0
// appendix F): a BOM (UTF-8, UTF-16LE, UTF-16BE); "<?" as UTF-16 code units
// without a BOM; otherwise an 8-bit encoding, named by the XML declaration's
// encoding="..." (UTF-8 when absent). UTF-16 files are decoded whatever their
// declaration says: the bytes win, as XML 1.0 F.1 asks.
//
// Ill-formed input (invalid UTF-8, an unpaired UTF-16 surrogate, a truncated
// code unit) throws ParseError whose location carries the file name and the
// byte offset in the original input. Memory: one chunk of raw bytes.
// Not thread-safe; the stream must outlive the decoder.
#ifndef TMKIT_TMX_DECODER_INTERNAL_H_
#define TMKIT_TMX_DECODER_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

namespace tmkit::tmx::internal {

enum class SourceEncoding { kUtf8, kUtf16Le, kUtf16Be, kLatin1, kWindows1252 };

// "UTF-8", "UTF-16LE", ... for messages and reports.
const char* EncodingName(SourceEncoding encoding);

class Decoder {
 public:
  // Reads the first chunk and detects the encoding. Throws ParseError for an
  // unsupported encoding (UTF-32, EBCDIC, an unknown declared name), IoError
  // when the stream fails.
  Decoder(std::istream& in, std::string file, size_t chunk_bytes);

  // Appends at least `min_bytes` of UTF-8 to `out` (fewer only at the end of
  // the input). Returns false when nothing is left. Throws ParseError on
  // ill-formed input, IoError when the stream fails.
  bool Read(std::string& out, size_t min_bytes);

  SourceEncoding encoding() const { return encoding_; }
  // True when decoded bytes are the input bytes (UTF-8): then a decoded
  // offset plus bom_bytes() is an offset in the file.
  bool is_identity() const { return encoding_ == SourceEncoding::kUtf8; }
  size_t bom_bytes() const { return bom_bytes_; }
  // Bytes taken from the stream so far.
  uint64_t bytes_read() const { return raw_offset_ + (raw_.size() - raw_pos_); }

 private:
  // Reads one more chunk of raw bytes into raw_; false at end of stream.
  bool Fill();
  // Decodes the complete prefix of raw_ into out; returns bytes appended.
  size_t DecodeAvailable(std::string& out);
  [[noreturn]] void Fail(const std::string& message, uint64_t offset) const;

  std::istream& in_;
  std::string file_;
  size_t chunk_bytes_;
  SourceEncoding encoding_ = SourceEncoding::kUtf8;
  size_t bom_bytes_ = 0;
  std::string raw_;          // undecoded bytes; raw_[raw_pos_] is at raw_offset_
  size_t raw_pos_ = 0;
  uint64_t raw_offset_ = 0;  // offset in the input of raw_[raw_pos_]
  bool at_end_ = false;      // the stream is exhausted
};

}  // namespace tmkit::tmx::internal

#endif  // TMKIT_TMX_DECODER_INTERNAL_H_
