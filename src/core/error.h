// Errors of tmkit: one root, four leaves. Every error can carry the place in
// the user's input where it happened, and what() is ready to print as
// "path:line:col: message".
//
// Policy (docs/architecture.md): failure throws; absence and partial success
// are returned as values. Third-party exception types never cross a public
// header: each module translates them at its edge.
#ifndef TMKIT_CORE_ERROR_H_
#define TMKIT_CORE_ERROR_H_

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace tmkit {

// Where something is in the user's input. All fields are optional: an empty
// file, a zero line or column, or an empty record means "not known".
struct InputLocation {
  std::string file;     // path as the user gave it
  int line = 0;         // 1-based
  int column = 0;       // 1-based, in code points
  std::string record;   // e.g. "tu 1284"; for inputs without lines
  // Byte offset into the input, when the input has no lines (or in addition).
  // -1 means unknown.
  long long offset_bytes = -1;

  // "file:line:col", "file:line", "file: tu 12", "byte 17", or "" when
  // nothing is known.
  std::string ToString() const;
  bool empty() const { return ToString().empty(); }
};

// The root. what() is "<location>: <message>" or just "<message>".
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, InputLocation location = {});

  const InputLocation& location() const { return location_; }
  // The message without the location prefix.
  const std::string& message() const { return message_; }

 private:
  std::string message_;
  InputLocation location_;
};

// Malformed input: bad UTF-8, XML that is not well formed, a bad SRX file.
class ParseError : public Error {
 public:
  using Error::Error;
};

// A file cannot be opened, read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

// The translation memory failed (SQLite error, wrong schema, read-only TM).
class StoreError : public Error {
 public:
  using Error::Error;
};

// Bad flags or arguments. Thrown by the CLI only.
class UsageError : public Error {
 public:
  using Error::Error;
};

// What to do with one bad record (a bad <tu>, a bad line) in otherwise good
// input. Damage to the whole document always throws, whatever this says.
enum class OnBadRecord {
  kFail,           // throw on the first bad record
  kSkipAndReport,  // skip it, count it, keep a diagnostic
};

// One reported problem that did not stop the work.
struct Diagnostic {
  InputLocation location;
  std::string message;

  // Same format as Error::what().
  std::string ToString() const;
};

}  // namespace tmkit

#endif  // TMKIT_CORE_ERROR_H_
