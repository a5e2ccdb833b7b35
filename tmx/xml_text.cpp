#include "tmx/xml_text_internal.h"

#include <chrono>
#include <cstdio>

namespace tmkit::tmx::internal {
size_t DecodeUtf8(std::string_view text, size_t i, uint32_t& c) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  size_t length;
  uint32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, c = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  return length;
}

size_t AppendEscaped(std::string& out, std::string_view text, Escape mode) {
  size_t dropped = 0;
  size_t run = 0;  // start of the pending run of bytes copied as they are
  size_t i = 0;
  auto flush = [&] { out.append(text.substr(run, i - run)); };
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x20 && b < 0x80) {
      const char* replacement = nullptr;
      if (mode != Escape::kNone) {
        if (b == '&') replacement = "&amp;";
        else if (b == '<') replacement = "&lt;";
        else if (b == '>') replacement = "&gt;";
        else if (b == '"' && mode == Escape::kAttribute) replacement = "&quot;";
      }
      if (replacement == nullptr) {
        ++i;
        continue;
      }
      flush();
      out += replacement;
      run = ++i;
    } else if (b < 0x20) {
      const char* replacement = nullptr;
      bool keep = false;
      if (b == '\t' || b == '\n') {
        keep = mode != Escape::kAttribute;
        if (!keep) replacement = b == '\t' ? "&#9;" : "&#10;";
      } else if (b == '\r') {
        keep = mode == Escape::kNone;
        if (!keep) replacement = "&#13;";
      }
      if (keep) {
        ++i;
        continue;
      }
      flush();
      if (replacement != nullptr) {
        out += replacement;
      } else {
        ++dropped;
      }
      run = ++i;
    } else {
      uint32_t c = 0;
      const size_t length = DecodeUtf8(text, i, c);
      if (length != 0 && c != 0xFFFE && c != 0xFFFF) {
        i += length;
        continue;
      }
      flush();
      ++dropped;
      i += length == 0 ? 1 : length;
      run = i;
    }
  }
  flush();
  return dropped;
}

std::optional<Timestamp> ParseTmxDate(std::string_view text) {
  // Positions of the digits in the two accepted forms.
  static constexpr int kBasic[14] = {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14};
  static constexpr int kExtended[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  const int* digits;
  if (text.size() == 16 && text[8] == 'T' && text[15] == 'Z') {
    digits = kBasic;
  } else if (text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
             text[16] == ':' && text[19] == 'Z') {
    digits = kExtended;
  } else {
    return std::nullopt;
  }
  int value[14];
  for (int k = 0; k < 14; ++k) {
    const char c = text[static_cast<size_t>(digits[k])];
    if (c < '0' || c > '9') return std::nullopt;
    value[k] = c - '0';
  }
  auto number = [&](int from, int count) {
    int n = 0;
    for (int k = from; k < from + count; ++k) n = n * 10 + value[k];
    return n;
  };
  const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                         std::chrono::month(static_cast<unsigned>(number(4, 2))),
                                         std::chrono::day(static_cast<unsigned>(number(6, 2)))};
  const int hours = number(8, 2), minutes = number(10, 2), seconds = number(12, 2);
  if (!date.ok() || hours > 23 || minutes > 59 || seconds > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hours) + std::chrono::minutes(minutes) +
         std::chrono::seconds(seconds);
}

std::string FormatTmxDate(Timestamp time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss clock(time - day);
  int year = static_cast<int>(date.year());
  year = year < 0 ? 0 : year > 9999 ? 9999 : year;
  char out[32];
  std::snprintf(out, sizeof out, "%04d%02u%02uT%02ld%02ld%02ldZ", year, static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()), static_cast<long>(clock.seconds().count()));
  return out;
}

}  // namespace tmkit::tmx::internal
