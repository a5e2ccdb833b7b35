#include "fuzzy/match_score.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "text/unicode.h"

namespace tmkit::fuzzy {
namespace {

// Above this many DP cells (4 bytes each: 16 MB) EditScript is not run and
// the diff is one replace of everything; only absurdly long queries get there.
constexpr size_t kMaxScriptCells = size_t{4} << 20;

size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

TokenKind KindOf(text::WordKind kind) {
  switch (kind) {
    case text::WordKind::kNumber:
      return TokenKind::kNumber;
    case text::WordKind::kPunctuation:
      return TokenKind::kPunctuation;
    case text::WordKind::kLetters:
    case text::WordKind::kIdeographic:
      break;
  }
  return TokenKind::kWord;
}

// Calls fn(begin, end, kind) for each token of `nfc`, in order.
template <typename Fn>
void ForEachToken(std::string_view nfc, Granularity granularity, Fn&& fn) {
  for (const text::TextSpan& span : text::WordSpans(nfc)) {
    const TokenKind kind = KindOf(span.kind);
    if (granularity == Granularity::kWord) {
      fn(span.begin, span.end, kind);
      continue;
    }
    for (size_t at = span.begin; at < span.end;) {
      const size_t next = std::min(span.end, at + Utf8SequenceLength(static_cast<unsigned char>(nfc[at])));
      fn(at, next, kind);
      at = next;
    }
  }
}

std::vector<Token> TokenizeNfc(std::string_view nfc, Granularity granularity) {
  std::vector<Token> tokens;
  ForEachToken(nfc, granularity, [&](size_t begin, size_t end, TokenKind kind) {
    tokens.push_back({text::FoldCase(nfc.substr(begin, end - begin)), begin, end, kind});
  });
  return tokens;
}

// Gives equal keys equal ids, over both token vectors.
void Intern(const std::vector<Token>& a, const std::vector<Token>& b, std::vector<uint32_t>& a_ids,
            std::vector<uint32_t>& b_ids) {
  std::unordered_map<std::string_view, uint32_t> ids;
  auto id_of = [&ids](const Token& t) {
    return ids.emplace(t.key, static_cast<uint32_t>(ids.size())).first->second;
  };
  for (const Token& t : a) a_ids.push_back(id_of(t));
  for (const Token& t : b) b_ids.push_back(id_of(t));
}

// Where each tag stands, as (kind, number of tokens before it), so tags are
// compared by the words around them rather than by byte offsets.
std::vector<std::pair<InlineTagKind, size_t>> TagPlaces(std::span<const InlineTag> tags,
                                                        const std::vector<Token>& tokens) {
  std::vector<std::pair<InlineTagKind, size_t>> places;
  for (const InlineTag& tag : tags) {
    const auto before = std::count_if(tokens.begin(), tokens.end(),
                                      [&](const Token& t) { return t.end_bytes <= tag.offset_bytes; });
    places.emplace_back(tag.kind, static_cast<size_t>(before));
  }
  return places;
}

// The text between tokens (leading, inner gaps, trailing): white space.
std::vector<std::string_view> Gaps(std::string_view nfc, const std::vector<Token>& tokens) {
  std::vector<std::string_view> gaps;
  size_t at = 0;
  for (const Token& t : tokens) {
    gaps.push_back(nfc.substr(at, t.begin_bytes - at));
    at = t.end_bytes;
  }
  gaps.push_back(nfc.substr(at));
  return gaps;
}

void MarkKinds(const std::vector<Token>& tokens, size_t begin, size_t end, Differences& differences) {
  for (size_t i = begin; i < end; ++i) {
    switch (tokens[i].kind) {
      case TokenKind::kWord:
        differences.words = true;
        break;
      case TokenKind::kNumber:
        differences.numbers = true;
        break;
      case TokenKind::kPunctuation:
        differences.punctuation = true;
        break;
    }
  }
}

}  // namespace

Granularity GranularityFor(const LanguageTag& language) {
  static constexpr std::string_view kUnspaced[] = {"zh",  "ja",  "th",  "yue", "cmn", "wuu", "hak", "nan",
                                                   "gan", "hsn", "cjy", "cpx", "czh", "czo", "mnp", "lzh"};
  const std::string_view primary = language.language();
  return std::find(std::begin(kUnspaced), std::end(kUnspaced), primary) != std::end(kUnspaced)
             ? Granularity::kCharacter
             : Granularity::kWord;
}

std::vector<Token> Tokenize(std::string_view text, Granularity granularity) {
  text::CheckUtf8(text);
  return TokenizeNfc(text::Nfc(text), granularity);
}

void AppendTokenKeys(std::string_view nfc, Granularity granularity, std::string& keys,
                     std::vector<size_t>& ends) {
  ForEachToken(nfc, granularity, [&](size_t begin, size_t end, TokenKind) {
    text::AppendFoldedCase(nfc.substr(begin, end - begin), keys);
    ends.push_back(keys.size());
  });
}

const char* EditKindName(EditKind kind) {
  switch (kind) {
    case EditKind::kInsert:
      return "insert";
    case EditKind::kDelete:
      return "delete";
    case EditKind::kReplace:
      return "replace";
  }
  return "replace";
}

size_t BoundedEditDistance(std::span<const uint32_t> query, std::span<const uint32_t> source,
                           size_t max_distance) {
  // Rows run over the shorter sequence's partner so the band is narrow.
  std::span<const uint32_t> a = query.size() <= source.size() ? source : query;  // longer
  std::span<const uint32_t> b = query.size() <= source.size() ? query : source;  // shorter
  const size_t n = a.size();
  const size_t m = b.size();
  const size_t k = max_distance;
  if (n - m > k) return k + 1;
  if (m == 0) return n;
  constexpr size_t kFar = std::numeric_limits<size_t>::max() / 2;
  std::vector<size_t> prev(m + 1, kFar);
  std::vector<size_t> cur(m + 1, kFar);
  for (size_t j = 0; j <= std::min(m, k); ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    const size_t lo = i > k ? i - k : 0;
    const size_t hi = std::min(m, i + k);
    std::fill(cur.begin(), cur.end(), kFar);
    if (lo == 0) cur[0] = i;
    size_t row_min = lo == 0 ? i : kFar;
    for (size_t j = std::max<size_t>(lo, 1); j <= hi; ++j) {
      size_t best = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      best = std::min(best, prev[j] + 1);
      best = std::min(best, cur[j - 1] + 1);
      cur[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > k) return k + 1;
    std::swap(prev, cur);
  }
  return prev[m] > k ? k + 1 : prev[m];
}

std::vector<EditOp> EditScript(std::span<const uint32_t> query, std::span<const uint32_t> source) {
  const size_t n = query.size();
  const size_t m = source.size();
  std::vector<EditOp> ops;
  if ((n + 1) * (m + 1) > kMaxScriptCells) {
    if (n + m > 0) ops.push_back({EditKind::kReplace, 0, n, 0, m});
    return ops;
  }
  // table[i][j]: distance between query[0, i) and source[0, j).
  std::vector<uint32_t> table((n + 1) * (m + 1));
  auto at = [&](size_t i, size_t j) -> uint32_t& { return table[i * (m + 1) + j]; };
  for (size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<uint32_t>(i);
  for (size_t j = 0; j <= m; ++j) at(0, j) = static_cast<uint32_t>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      at(i, j) = std::min(
          {at(i - 1, j - 1) + (query[i - 1] == source[j - 1] ? 0u : 1u), at(i - 1, j) + 1, at(i, j - 1) + 1});
    }
  }
  // Walk back; each step is a match (both advance), a substitution, a query
  // token alone (insert) or a source token alone (delete). Runs of non-match
  // steps become one op.
  struct Step {
    bool match;
    bool takes_query;
    bool takes_source;
  };
  std::vector<Step> steps;
  for (size_t i = n, j = m; i > 0 || j > 0;) {
    if (i > 0 && j > 0 && query[i - 1] == source[j - 1] && at(i, j) == at(i - 1, j - 1)) {
      steps.push_back({true, true, true});
      --i, --j;
    } else if (i > 0 && j > 0 && at(i, j) == at(i - 1, j - 1) + 1) {
      steps.push_back({false, true, true});
      --i, --j;
    } else if (i > 0 && at(i, j) == at(i - 1, j) + 1) {
      steps.push_back({false, true, false});
      --i;
    } else {
      steps.push_back({false, false, true});
      --j;
    }
  }
  std::reverse(steps.begin(), steps.end());
  size_t qi = 0;
  size_t si = 0;
  for (size_t s = 0; s < steps.size();) {
    if (steps[s].match) {
      ++qi, ++si, ++s;
      continue;
    }
    EditOp op{EditKind::kReplace, qi, qi, si, si};
    for (; s < steps.size() && !steps[s].match; ++s) {
      if (steps[s].takes_query) ++qi;
      if (steps[s].takes_source) ++si;
    }
    op.query_end = qi;
    op.source_end = si;
    if (op.query_begin == op.query_end) op.kind = EditKind::kDelete;
    if (op.source_begin == op.source_end) op.kind = EditKind::kInsert;
    ops.push_back(op);
  }
  return ops;
}

double TokenScore(size_t distance, size_t longer_count) {
  if (longer_count == 0) return 1.0;
  return 1.0 - static_cast<double>(distance) / static_cast<double>(longer_count);
}

size_t MaxDistance(size_t longer_count, double min_score) {
  if (min_score <= 0) return longer_count;
  const double allowed = (1.0 - min_score) * static_cast<double>(longer_count) + 1e-9;
  if (allowed <= 0) return 0;
  return std::min(longer_count, static_cast<size_t>(std::floor(allowed)));
}

ScoreResult Score(const TaggedText& query, const TaggedText& source, Granularity granularity) {
  text::CheckUtf8(query.text);
  text::CheckUtf8(source.text);
  const std::string query_nfc = text::Nfc(query.text);
  const std::string source_nfc = text::Nfc(source.text);
  ScoreResult result;
  result.query_tokens = TokenizeNfc(query_nfc, granularity);
  result.source_tokens = TokenizeNfc(source_nfc, granularity);
  std::vector<uint32_t> query_ids;
  std::vector<uint32_t> source_ids;
  Intern(result.query_tokens, result.source_tokens, query_ids, source_ids);
  result.diff = EditScript(query_ids, source_ids);
  const size_t n = query_ids.size();
  const size_t m = source_ids.size();
  result.longer_count = std::max(n, m);
  result.distance = BoundedEditDistance(query_ids, source_ids, result.longer_count);

  Differences& differences = result.differences;
  for (const EditOp& op : result.diff) {
    MarkKinds(result.query_tokens, op.query_begin, op.query_end, differences);
    MarkKinds(result.source_tokens, op.source_begin, op.source_end, differences);
  }
  differences.inline_tags = TagPlaces(query.inline_tags, result.query_tokens) !=
                            TagPlaces(source.inline_tags, result.source_tokens);
  const double tag_penalty = differences.inline_tags ? kSurfacePenalty : 0.0;
  if (result.distance > 0) {
    result.kind = MatchKind::kFuzzy;
    result.score = std::max(0.0, TokenScore(result.distance, result.longer_count) - tag_penalty);
    return result;
  }
  if (query_nfc != source_nfc) {
    differences.whitespace = Gaps(query_nfc, result.query_tokens) != Gaps(source_nfc, result.source_tokens);
    for (size_t i = 0; i < n && !differences.letter_case; ++i) {
      const Token& q = result.query_tokens[i];
      const Token& s = result.source_tokens[i];
      differences.letter_case =
          std::string_view(query_nfc).substr(q.begin_bytes, q.end_bytes - q.begin_bytes) !=
          std::string_view(source_nfc).substr(s.begin_bytes, s.end_bytes - s.begin_bytes);
    }
  }
  const int surface =
      int{differences.whitespace} + int{differences.letter_case} + int{differences.inline_tags};
  result.kind = surface == 0 ? MatchKind::kExact : MatchKind::kNearExact;
  result.score = 1.0 - kSurfacePenalty * surface;
  return result;
}

}  // namespace tmkit::fuzzy
