#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "segment/rule_filter_internal.h"

namespace tmkit::segment::internal {
namespace {

// Limits that keep the analysis small: suffix sets of at most this many
// strings, classes of at most this many characters enumerated.
constexpr size_t kMaxSuffixes = 512;
constexpr size_t kMaxClassChars = 16;

// UnicodeSet patterns for ICU's regex shorthands (equal to, or supersets of,
// ICU's definitions; the filters only need supersets).
const std::u16string kSpaceSet = u"[\\u0009-\\u000D\\u0085\\p{Z}\\p{White_Space}]";
const std::u16string kDigitSet = u"[\\p{Nd}]";
const std::u16string kWordSet = u"[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D]";

// A parsed piece of a pattern, just detailed enough for the analysis.
struct Node {
  enum Kind { kLiteral, kSet, kGroup, kZeroWidth, kOpaque } kind = kOpaque;
  std::u16string chars;        // kLiteral: one char; kSet: finite members
  std::u16string set_pattern;  // kSet / kOpaque class: UnicodeSet pattern, if any
  char16_t assertion = 0;      // kZeroWidth: b, B, ^, $, or ( for look-around
  bool set_finite = false;     // kSet: `chars` lists every member
  std::vector<std::vector<std::unique_ptr<Node>>> branches;  // kGroup
  int min = 1;
  int max = 1;  // -1: unbounded
};

using Sequence = std::vector<std::unique_ptr<Node>>;

class Parser {
 public:
  explicit Parser(const std::u16string& pattern) : p_(pattern) {}

  // Returns false when the pattern uses something the analysis does not
  // model (inline flags, \Q, back-references, ...).
  bool Parse(std::vector<Sequence>& branches) { return ParseAlternation(branches) && i_ == p_.size(); }

 private:
  bool ParseAlternation(std::vector<Sequence>& branches) {
    branches.emplace_back();
    while (i_ < p_.size() && p_[i_] != u')') {
      if (p_[i_] == u'|') {
        ++i_;
        branches.emplace_back();
        continue;
      }
      std::unique_ptr<Node> node = ParseAtom();
      if (!node) return false;
      if (!ParseQuantifier(*node)) return false;
      branches.back().push_back(std::move(node));
    }
    return true;
  }

  std::unique_ptr<Node> ParseAtom() {
    auto node = std::make_unique<Node>();
    const char16_t c = p_[i_++];
    switch (c) {
      case u'(': {
        if (i_ < p_.size() && p_[i_] == u'?') {
          ++i_;
          if (i_ >= p_.size()) return nullptr;
          if (p_[i_] == u':') {
            ++i_;
          } else if (p_[i_] == u'=' || p_[i_] == u'!') {
            ++i_;
            node->kind = Node::kZeroWidth;
            node->assertion = u'(';
          } else if (p_[i_] == u'<' && i_ + 1 < p_.size() && (p_[i_ + 1] == u'=' || p_[i_ + 1] == u'!')) {
            i_ += 2;
            node->kind = Node::kZeroWidth;
            node->assertion = u'(';
          } else {
            return nullptr;  // flags, atomic groups, named groups
          }
        }
        std::vector<Sequence> inner;
        if (!ParseAlternation(inner) || i_ >= p_.size() || p_[i_] != u')') return nullptr;
        ++i_;
        if (node->kind != Node::kZeroWidth) {
          node->kind = Node::kGroup;
          node->branches = std::move(inner);
        }
        return node;
      }
      case u'[':
        return ParseClass(std::move(node));
      case u'.':
        node->kind = Node::kOpaque;
        return node;
      case u'^':
      case u'$':
        node->kind = Node::kZeroWidth;
        node->assertion = c;
        return node;
      case u'\\':
        return ParseEscape(std::move(node));
      case u')':
      case u'*':
      case u'+':
      case u'?':
      case u'{':
        return nullptr;
      default:
        node->kind = Node::kLiteral;
        node->chars = std::u16string(1, c);
        return node;
    }
  }

  std::unique_ptr<Node> ParseEscape(std::unique_ptr<Node> node) {
    if (i_ >= p_.size()) return nullptr;
    const char16_t e = p_[i_++];
    if (e == u'b' || e == u'B' || e == u'A' || e == u'z' || e == u'Z' || e == u'G') {
      node->kind = Node::kZeroWidth;
      node->assertion = e == u'A' ? u'^' : e;
      return node;
    }
    if (e == u'p' || e == u'P') {
      const size_t close = p_.find(u'}', i_);
      if (i_ >= p_.size() || p_[i_] != u'{' || close == std::u16string::npos) return nullptr;
      node->kind = Node::kOpaque;
      node->set_pattern = u"\\" + std::u16string(1, e) + p_.substr(i_, close - i_ + 1);
      i_ = close + 1;
      return node;
    }
    if (e == u's' || e == u'S' || e == u'd' || e == u'D' || e == u'w' || e == u'W') {
      node->kind = Node::kOpaque;
      const std::u16string set = e == u's' || e == u'S'   ? kSpaceSet
                                 : e == u'd' || e == u'D' ? kDigitSet
                                                          : kWordSet;
      // Supersets of ICU's \s, \d, \w; the negations are their complements.
      node->set_pattern = (e == u's' || e == u'd' || e == u'w') ? set : u"[^" + set + u"]";
      return node;
    }
    if (e == u'h' || e == u'H' || e == u'v' || e == u'V' || e == u'R' || e == u'X' || e == u'N') {
      node->kind = Node::kOpaque;
      return node;
    }
    // Escaped punctuation is itself; anything else (\Q, \1, \x, \u, \t ...)
    // is not modelled.
    if ((e >= u'a' && e <= u'z') || (e >= u'A' && e <= u'Z') || (e >= u'0' && e <= u'9')) return nullptr;
    node->kind = Node::kLiteral;
    node->chars = std::u16string(1, e);
    return node;
  }

  // A class: finite when it lists plain characters or escaped punctuation
  // only; otherwise opaque but still a UnicodeSet pattern for the last-char
  // filter when it has no regex-only escapes.
  std::unique_ptr<Node> ParseClass(std::unique_ptr<Node> node) {
    const size_t start = i_ - 1;
    int depth = 1;
    bool simple = true;
    bool unicode_set_ok = true;
    std::u16string members;
    if (i_ < p_.size() && p_[i_] == u'^') {
      simple = false;
      ++i_;
    }
    while (i_ < p_.size() && depth > 0) {
      const char16_t c = p_[i_++];
      if (c == u'\\') {
        if (i_ >= p_.size()) return nullptr;
        const char16_t e = p_[i_++];
        if ((e >= u'a' && e <= u'z') || (e >= u'A' && e <= u'Z') || (e >= u'0' && e <= u'9')) {
          simple = false;
          if (e != u'p' && e != u'P') unicode_set_ok = false;  // \s, \w, \d: regex-only
        } else {
          members += e;
        }
      } else if (c == u'[') {
        ++depth;
        simple = false;
      } else if (c == u']') {
        --depth;
      } else if (c == u'-' && !members.empty() && i_ < p_.size() && p_[i_] != u']') {
        simple = false;  // a range
      } else if (c == u'&') {
        simple = false;
      } else if (depth == 1) {
        members += c;
      }
    }
    if (depth != 0) return nullptr;
    const bool finite = simple && !members.empty() && members.size() <= kMaxClassChars;
    node->kind = finite ? Node::kSet : Node::kOpaque;
    node->chars = members;
    node->set_finite = finite;
    if (unicode_set_ok) node->set_pattern = p_.substr(start, i_ - start);
    return node;
  }

  bool ParseQuantifier(Node& node) {
    if (i_ >= p_.size()) return true;
    const char16_t c = p_[i_];
    if (c == u'*' || c == u'+' || c == u'?') {
      node.min = c == u'+' ? 1 : 0;
      node.max = c == u'?' ? 1 : -1;
      ++i_;
    } else if (c == u'{') {
      const size_t close = p_.find(u'}', i_);
      if (close == std::u16string::npos) return false;
      const std::u16string body = p_.substr(i_ + 1, close - i_ - 1);
      const size_t comma = body.find(u',');
      auto number = [](const std::u16string& digits, int& out) {
        if (digits.empty() || digits.size() > 4) return false;
        out = 0;
        for (char16_t d : digits) {
          if (d < u'0' || d > u'9') return false;
          out = out * 10 + (d - u'0');
        }
        return true;
      };
      if (comma == std::u16string::npos) {
        if (!number(body, node.min)) return false;
        node.max = node.min;
      } else {
        if (!number(body.substr(0, comma), node.min)) return false;
        const std::u16string high = body.substr(comma + 1);
        if (high.empty()) {
          node.max = -1;
        } else if (!number(high, node.max)) {
          return false;
        }
      }
      i_ = close + 1;
    } else {
      return true;
    }
    if (i_ < p_.size() && (p_[i_] == u'?' || p_[i_] == u'+')) ++i_;  // lazy, possessive
    return true;
  }

  const std::u16string& p_;
  size_t i_ = 0;
};

// The finite language of a node (ignoring quantifiers), or nullopt.
std::optional<std::set<std::u16string>> Language(const Node& node);

// The strings every match of `sequence` ends with, built right to left until
// an element that is not finite; nullopt if that leaves the empty string.
std::optional<std::set<std::u16string>> SequenceSuffixes(const Sequence& sequence, bool whole) {
  std::set<std::u16string> acc = {u""};
  bool complete = true;
  for (auto it = sequence.rbegin(); it != sequence.rend(); ++it) {
    const Node& node = **it;
    if (node.kind == Node::kZeroWidth) continue;
    std::optional<std::set<std::u16string>> language = Language(node);
    if (!language || node.max != node.min || node.min > 3) {
      complete = false;
      break;
    }
    for (int repeat = 0; repeat < node.min; ++repeat) {
      std::set<std::u16string> next;
      for (const std::u16string& l : *language) {
        for (const std::u16string& a : acc) next.insert(l + a);
      }
      if (next.size() > kMaxSuffixes) return std::nullopt;
      acc = std::move(next);
    }
  }
  if (!complete && !whole) {
    // Inside a group, only a fully finite branch has a language.
    return std::nullopt;
  }
  if (acc.count(u"")) return std::nullopt;
  return acc;
}

std::optional<std::set<std::u16string>> Language(const Node& node) {
  switch (node.kind) {
    case Node::kLiteral:
      return std::set<std::u16string>{node.chars};
    case Node::kSet: {
      std::set<std::u16string> out;
      for (char16_t c : node.chars) out.insert(std::u16string(1, c));
      return out;
    }
    case Node::kGroup: {
      std::set<std::u16string> out;
      for (const Sequence& branch : node.branches) {
        std::optional<std::set<std::u16string>> part = SequenceSuffixes(branch, false);
        if (!part) return std::nullopt;
        out.insert(part->begin(), part->end());
        if (out.size() > kMaxSuffixes) return std::nullopt;
      }
      return out;
    }
    default:
      return std::nullopt;
  }
}

// The set pattern of a single-character node, or "" when not known.
std::u16string CharSetOf(const Node& node) {
  if (node.kind == Node::kLiteral) {
    const char16_t c = node.chars[0];
    const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    return u"[" + (alnum ? node.chars : u"\\" + node.chars) + u"]";
  }
  if (node.kind == Node::kSet || node.kind == Node::kOpaque) {
    if (node.set_pattern.empty()) return u"";
    return node.set_pattern[0] == u'[' ? node.set_pattern : u"[" + node.set_pattern + u"]";
  }
  return u"";
}

// Character sets every match of `branch` ends with (last first), for
// fixed-count single-character nodes, plus the non-word character that a \b
// before a word character demands. Stops at the first node it cannot model.
std::vector<BeforeTail::Position> Trailing(const Sequence& branch) {
  constexpr size_t kMaxPositions = 8;
  std::vector<BeforeTail::Position> positions;
  std::u16string optional;  // sets of trailing optional nodes, pending
  for (auto it = branch.rbegin(); it != branch.rend() && positions.size() < kMaxPositions; ++it) {
    const Node& node = **it;
    if (node.kind == Node::kZeroWidth) {
      if (!optional.empty()) break;
      if (node.assertion == u'b' && !positions.empty()) {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeSet word(icu::UnicodeString(kWordSet.data(), static_cast<int32_t>(kWordSet.size())),
                             status);
        const std::u16string& right = positions.back().set;
        icu::UnicodeSet right_set(icu::UnicodeString(right.data(), static_cast<int32_t>(right.size())),
                                  status);
        if (U_SUCCESS(status) && word.containsAll(right_set)) {
          positions.push_back({u"[^" + kWordSet + u"]", true});
        }
        break;
      }
      if (node.assertion == u'(') continue;  // look-around: consumes nothing
      break;
    }
    const std::u16string set = CharSetOf(node);
    if (set.empty()) break;
    if (node.min == 0) {
      // Optional characters: the last character is one of theirs or of the
      // first mandatory node to their left.
      optional += set;
      continue;
    }
    if (!optional.empty()) {
      positions.push_back({u"[" + optional + set + u"]", false});
      break;
    }
    if (node.min != node.max) {
      positions.push_back({set, false});
      break;
    }
    for (int i = 0; i < node.min && positions.size() < kMaxPositions; ++i) positions.push_back({set, false});
  }
  return positions;
}

// The character every match of `branch` has just before the strings
// SequenceSuffixes(branch, true) gives: the first mandatory single-character
// node left of them, with the optional single characters in between (one
// of those may stand there instead). "" when not known. Look-arounds
// consume nothing and are stepped over; any other assertion or node ends
// the analysis with "".
std::u16string BeforeSuffix(const Sequence& branch) {
  auto it = branch.rbegin();
  // Step over what SequenceSuffixes took, by the same test.
  for (; it != branch.rend(); ++it) {
    const Node& node = **it;
    if (node.kind == Node::kZeroWidth) continue;
    if (!Language(node) || node.max != node.min || node.min > 3) break;
  }
  std::u16string optional;
  for (; it != branch.rend(); ++it) {
    const Node& node = **it;
    if (node.kind == Node::kZeroWidth) {
      if (node.assertion == u'(') continue;
      return u"";
    }
    const std::u16string set = CharSetOf(node);
    if (set.empty()) return u"";
    if (node.min == 0) {
      optional += set;
      continue;
    }
    return u"[" + optional + set + u"]";
  }
  return u"";
}

// The most UTF-16 units a match can span (a character class counts 2, for
// supplementary characters), or -1 when unbounded or unknown.
int MaxLength(const std::vector<Sequence>& branches) {
  int longest = 0;
  for (const Sequence& branch : branches) {
    int length = 0;
    for (const auto& node : branch) {
      int unit = 0;
      switch (node->kind) {
        case Node::kZeroWidth:
          continue;
        case Node::kLiteral:
          unit = 1;
          break;
        case Node::kSet:
        case Node::kOpaque:
          unit = 2;
          break;
        case Node::kGroup:
          unit = MaxLength(node->branches);
          if (unit < 0) return -1;
          break;
      }
      if (node->max < 0) return -1;
      length += unit * node->max;
      if (length > 4096) return -1;
    }
    longest = std::max(longest, length);
  }
  return longest;
}

// The longest run of consecutive mandatory single literals in `branch`
// (zero-width assertions between them consume nothing); "" when none.
std::u16string LongestLiteralRun(const Sequence& branch) {
  std::u16string best;
  std::u16string run;
  for (const auto& node : branch) {
    if (node->kind == Node::kZeroWidth) continue;
    if (node->kind == Node::kLiteral && node->min == 1 && node->max == 1) {
      run += node->chars;
      if (run.size() > best.size()) best = run;
    } else {
      run.clear();
    }
  }
  return best;
}

bool AnchoredAtStart(const std::vector<Sequence>& branches) {
  for (const Sequence& branch : branches) {
    if (branch.empty() || branch.front()->kind != Node::kZeroWidth || branch.front()->assertion != u'^')
      return false;
  }
  return true;
}

}  // namespace

BeforeTail AnalyseBeforebreak(std::string_view pattern) {
  BeforeTail tail;
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  const std::u16string p(text.getBuffer(), static_cast<size_t>(text.length()));
  std::vector<Sequence> branches;
  if (p.empty() || !Parser(p).Parse(branches)) return tail;
  std::set<std::u16string> all;
  bool finite = true;
  for (const Sequence& branch : branches) {
    std::optional<std::set<std::u16string>> part = SequenceSuffixes(branch, true);
    if (!part) {
      finite = false;
      break;
    }
    all.insert(part->begin(), part->end());
  }
  if (finite && !all.empty() && all.size() <= kMaxSuffixes) tail.suffixes = std::move(all);
  if (branches.size() == 1) {
    tail.trailing = Trailing(branches.front());
  } else {
    // Several branches: only the last character, from all of them.
    std::u16string united;
    for (const Sequence& branch : branches) {
      std::vector<BeforeTail::Position> positions = Trailing(branch);
      if (positions.empty()) {
        united.clear();
        break;
      }
      united += positions.front().set;
    }
    if (!united.empty()) tail.trailing.push_back({u"[" + united + u"]", false});
  }
  if (tail.suffixes && branches.size() == 1) {
    // Only where the trailing characters stop inside the shortest suffix
    // ("\d\s?(?:g|km)\." knows just the full stop): where they reach past
    // it ("\b\p{L}\."), they check the character before already, and
    // this check would only cost a second suffix lookup.
    size_t shortest = SIZE_MAX;
    for (const std::u16string& suffix : *tail.suffixes) shortest = std::min(shortest, suffix.size());
    if (tail.trailing.size() <= shortest) tail.before_suffix = BeforeSuffix(branches.front());
  }
  if (AnchoredAtStart(branches)) tail.anchored_max_length = MaxLength(branches);
  tail.max_length = MaxLength(branches);
  if (branches.size() == 1 && tail.max_length >= 0) {
    // The least common-looking mandatory literal: not a letter, digit,
    // space or full stop, which occur everywhere.
    for (const auto& node : branches.front()) {
      if (node->kind != Node::kLiteral || node->min < 1) continue;
      const char16_t c = node->chars[0];
      const bool common = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                          c == u' ' || c == u'.';
      if (!common) {
        tail.required_char = c;
        break;
      }
    }
    if (tail.required_char == 0) {
      for (const auto& node : branches.front()) {
        if (node->kind != Node::kGroup || node->min < 1) continue;
        std::vector<std::u16string> runs;
        for (const Sequence& branch : node->branches) {
          std::u16string run = LongestLiteralRun(branch);
          if (run.empty()) {
            runs.clear();
            break;
          }
          runs.push_back(std::move(run));
        }
        if (!runs.empty()) {
          tail.required_any = std::move(runs);
          break;
        }
      }
    }
  }
  return tail;
}

}  // namespace tmkit::segment::internal
