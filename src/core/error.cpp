#include "core/error.h"

namespace tmkit {

std::string InputLocation::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  if (!record.empty()) {
    out += out.empty() ? record : ": " + record;
  }
  if (line <= 0 && record.empty() && offset_bytes >= 0) {
    std::string where = "byte " + std::to_string(offset_bytes);
    out += out.empty() ? where : ": " + where;
  }
  return out;
}

namespace {

std::string WithLocation(const InputLocation& location, const std::string& message) {
  std::string where = location.ToString();
  return where.empty() ? message : where + ": " + message;
}

}  // namespace

Error::Error(const std::string& message, InputLocation location)
    : std::runtime_error(WithLocation(location, message)),
      message_(message),
      location_(std::move(location)) {}

std::string Diagnostic::ToString() const { return WithLocation(location, message); }

}  // namespace tmkit
