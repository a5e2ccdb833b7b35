#include "core/language.h"

#include <vector>

#include "core/error.h"

namespace tmkit {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Returns the normalised tag, or an empty string when `tag` is malformed.
std::string Normalise(std::string_view tag) {
  if (tag == "*all*") return "*all*";
  std::vector<std::string> subtags;
  std::string current;
  for (char c : tag) {
    if (c == '-' || c == '_') {
      if (current.empty()) return {};
      subtags.push_back(std::move(current));
      current.clear();
    } else if (IsAsciiAlpha(c) || IsAsciiDigit(c)) {
      current += ToLower(c);
      if (current.size() > 8) return {};
    } else {
      return {};
    }
  }
  if (current.empty()) return {};
  subtags.push_back(std::move(current));

  const std::string& first = subtags[0];
  bool first_is_letters = true;
  for (char c : first) first_is_letters = first_is_letters && IsAsciiAlpha(c);
  if (!first_is_letters) return {};
  if (first.size() == 1 && first != "x" && first != "i") return {};

  std::string out = first;
  // After a singleton ("x", "u", ...) everything is an extension: lower case.
  bool in_extension = first.size() == 1;
  for (size_t i = 1; i < subtags.size(); ++i) {
    std::string s = subtags[i];
    if (!in_extension) {
      if (s.size() == 1) {
        in_extension = true;
      } else if (s.size() == 4 && IsAsciiAlpha(s[0])) {
        s[0] = ToUpper(s[0]);  // script
      } else if (s.size() == 2 && IsAsciiAlpha(s[0]) && IsAsciiAlpha(s[1])) {
        s[0] = ToUpper(s[0]);  // region
        s[1] = ToUpper(s[1]);
      }
    }
    out += '-';
    out += s;
  }
  return out;
}

}  // namespace

LanguageTag::LanguageTag(std::string_view tag) : tag_(Normalise(tag)) {
  if (tag_.empty()) {
    throw ParseError("not a BCP 47 language tag: '" + std::string(tag) + "'");
  }
}

LanguageTag LanguageTag::ParseOrEmpty(std::string_view tag) noexcept {
  LanguageTag result;
  result.tag_ = Normalise(tag);
  return result;
}

std::string_view LanguageTag::language() const {
  std::string_view view(tag_);
  return view.substr(0, view.find('-'));
}

std::string_view LanguageTag::region() const {
  std::string_view view(tag_);
  size_t pos = view.find('-');
  while (pos != std::string_view::npos) {
    size_t next = view.find('-', pos + 1);
    std::string_view sub = view.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
    if (sub.size() == 1) break;  // extensions follow
    if ((sub.size() == 2 && IsAsciiAlpha(sub[0])) || (sub.size() == 3 && IsAsciiDigit(sub[0]))) return sub;
    pos = next;
  }
  return {};
}

bool LanguageTag::IsWithin(const LanguageTag& other) const {
  if (other.tag_.empty() || tag_.size() < other.tag_.size()) return false;
  if (tag_.compare(0, other.tag_.size(), other.tag_) != 0) return false;
  return tag_.size() == other.tag_.size() || tag_[other.tag_.size()] == '-';
}

}  // namespace tmkit
