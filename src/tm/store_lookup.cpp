// Lookup (fuzzy matches through the candidate index, or by scanning every
// unit) and concordance (trigram_index.h).
//
// Why the index finds everything a scan finds. Legend: the query has n
// tokens, a stored source m; L = max(n, m); d their edit distance; o the size
// of their multiset intersection; t = min_score; D(L) = fuzzy::MaxDistance(L, t).
//   1. A unit qualifies only if d ≤ D(L) (MaxDistance never loses a score ≥ t,
//      and the surface penalties only lower a score).
//   2. d ≥ L − o: an edit script keeps at most o tokens unchanged. So a unit
//      qualifies only if o ≥ L − D(L) ≥ n − D(n) =: o_min (L − D(L) grows with L).
//   3. Length filter: o ≤ min(n, m) gives m ≥ o_min and m − D(m) ≤ n.
//   4. Prefix filter: write the query's multiset as elements (token, k), the
//      k-th copy of a token; a unit holds (token, k) when its count of the
//      token exceeds k. A unit sharing ≥ o_min elements with the query shares
//      at least one with ANY n − o_min + 1 of them. We take the rarest ones
//      (by the term table's document frequency), so the postings read are few,
//      and read each element only for the lengths whose own bound needs it.
//   5. Signature filter: each posting carries its variant's 64-bit token
//      signature (one hashed bit per token); o is at most the number of query
//      elements whose bit is set in it, so a posting whose bound is below
//      L − D(L) for its length is skipped without reading the variant.
//   6. Count filter: the elements read for length m are a prefix of the
//      rarity order; a candidate found in h of them holds at most h plus the
//      unread elements whose signature bit it has. Below L − D(L): skipped.
//      (On 239k real units at min 50% this leaves 174k of 400k candidates.)
// The postings give candidates; each is then scored exactly (banded edit
// distance on the stored token ids), and the best by that score get the
// full score (penalties) from their text and inline tags alone; only the
// units returned are loaded whole. When o_min ≤ 0 (t near 0, or an empty
// query) every unit may qualify and the lookup scans.
#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "text/unicode.h"
#include "tm/store_internal.h"
#include "tm/trigram_index.h"

namespace tmkit::tm {
namespace {

// A source variant that passed the token-score test.
struct Candidate {
  int64_t variant_id = 0;
  size_t distance = 0;
  size_t longer_count = 0;
  double token_score = 0;
};

// The query, tokenized and mapped to the TM's token ids.
struct PreparedQuery {
  std::vector<fuzzy::Token> tokens;
  std::vector<uint32_t> ids;  // tokens the TM has never seen get ids no posting has
  fuzzy::Granularity granularity = fuzzy::Granularity::kWord;
};

// Token scores of `ids` against a stored variant, or nullopt below `min_score`.
std::optional<Candidate> TestVariant(int64_t variant_id, const std::vector<uint32_t>& query,
                                     const std::vector<uint32_t>& stored, double min_score) {
  const size_t longer = std::max(query.size(), stored.size());
  const size_t max_distance = fuzzy::MaxDistance(longer, min_score);
  const size_t distance = fuzzy::BoundedEditDistance(query, stored, max_distance);
  if (distance > max_distance) return std::nullopt;
  const double token_score = fuzzy::TokenScore(distance, longer);
  if (token_score < min_score) return std::nullopt;
  return Candidate{variant_id, distance, longer, token_score};
}

// Throws ParseError "<what>: invalid UTF-8 at byte N" for a bad text.
void CheckText(std::string_view text, const char* what) {
  if (const std::optional<size_t> bad = text::FindInvalidUtf8(text)) {
    throw ParseError("invalid UTF-8 at byte " + std::to_string(*bad),
                     InputLocation{.record = what, .offset_bytes = static_cast<long long>(*bad)});
  }
}

std::vector<uint32_t> ColumnTokens(SQLite::Statement& statement, int index) {
  const SQLite::Column blob = statement.getColumn(index);
  return DecodeTokens(blob.getBlob(), static_cast<size_t>(blob.getBytes()));
}

// Scans every source variant of the language.
std::vector<Candidate> ScanAll(Store::Impl& store, int64_t base_id, const PreparedQuery& query,
                               double min_score) {
  std::vector<Candidate> found;
  Query q = store.Prepare(
      "SELECT v.id, v.tokens FROM variant v JOIN language l ON l.id = v.language_id WHERE l.base_id = ?");
  q->bind(1, base_id);
  while (q->executeStep()) {
    if (auto c = TestVariant(q->getColumn(0).getInt64(), query.ids, ColumnTokens(*q, 1), min_score)) {
      found.push_back(*c);
    }
  }
  return found;
}

// The candidate index: prefix and length filtering over the postings (see the
// comment atop this file), then exact scoring of each candidate.
std::vector<Candidate> ScanIndex(Store::Impl& store, int64_t base_id, const PreparedQuery& query,
                                 double min_score, size_t o_min) {
  const size_t n = query.ids.size();
  std::unordered_map<uint32_t, int64_t> counts;
  for (uint32_t id : query.ids) ++counts[id];
  struct Element {
    int64_t df;
    uint32_t id;
    int64_t copy;  // k: the unit must hold more than k of the token
  };
  std::vector<Element> elements;
  for (const auto& [id, count] : counts) {
    int64_t df = 0;
    {
      Query q = store.Prepare("SELECT df FROM term WHERE base_id = ? AND token_id = ?");
      q->bind(1, base_id);
      q->bind(2, static_cast<int64_t>(id));
      if (q->executeStep()) df = q->getColumn(0).getInt64();
    }
    for (int64_t k = 0; k < count; ++k) elements.push_back({df, id, k});
  }
  std::sort(elements.begin(), elements.end(), [](const Element& a, const Element& b) {
    return std::tie(a.df, a.id, a.copy) < std::tie(b.df, b.id, b.copy);
  });
  // A unit of m tokens needs r(m) = L − D(L) shared elements (L = max(n, m)),
  // so it shares one with the first n − r(m) + 1 elements: element e only
  // needs reading for lengths with r(m) ≤ n − e. r grows with m, so each
  // element has its own, shrinking, upper length; the commonest elements
  // come last and read the fewest lengths.
  // r(m), asked once per posting read, comes from a table for the usual
  // lengths (up to 4n, where r passes n at any threshold of 25% or more).
  // At lower thresholds lengths up to about n / min_score qualify, too many
  // to tabulate for a long query: those are computed.
  auto compute_required = [&](size_t m) {
    const size_t L = std::max(n, m);
    return L - fuzzy::MaxDistance(L, min_score);
  };
  std::vector<size_t> required_by_length;
  for (size_t m = 0; m <= 4 * n + 8; ++m) required_by_length.push_back(compute_required(m));
  auto required = [&](size_t m) {
    return m < required_by_length.size() ? required_by_length[m] : compute_required(m);
  };
  // Signature filter: a unit shares only tokens whose bit its signature has,
  // so the query elements on those bits bound its overlap from above.
  std::array<uint8_t, 64> elements_on_bit{};
  for (uint32_t id : query.ids) {
    uint8_t& count = elements_on_bit[static_cast<size_t>(std::countr_zero(SignatureBit(id)))];
    count = static_cast<uint8_t>(std::min(255, count + 1));
  }
  auto overlap_bound = [&](uint64_t signature) {
    size_t bound = 0;
    for (; signature != 0; signature &= signature - 1)
      bound += elements_on_bit[static_cast<size_t>(std::countr_zero(signature))];
    return bound;
  };
  const size_t prefix = n - o_min + 1;
  // Per candidate: how many of the elements read for its length it holds,
  // and its signature. Element e is read for lengths up to read_up_to[e].
  struct Seen {
    uint32_t hits = 0;
    uint32_t length = 0;
    uint64_t signature = 0;
  };
  std::unordered_map<int64_t, Seen> seen;
  std::vector<size_t> read_up_to;
  std::vector<PostingEntry> entries;
  size_t max_length = n;
  while (required(max_length + 1) <= n) ++max_length;
  for (size_t e = 0; e < prefix && e < elements.size(); ++e) {
    while (max_length > 0 && required(max_length) > n - e) --max_length;
    read_up_to.push_back(max_length);
    if (elements[e].df == 0) continue;  // no posting: costs nothing, filters for free
    Query q = store.Prepare(
        "SELECT length, first_variant, entries FROM posting_block WHERE base_id = ? AND token_id = ? "
        "AND length BETWEEN ? AND ?");
    q->bind(1, base_id);
    q->bind(2, static_cast<int64_t>(elements[e].id));
    q->bind(3, static_cast<int64_t>(o_min));
    q->bind(4, static_cast<int64_t>(max_length));
    while (q->executeStep()) {
      const auto length = static_cast<size_t>(q->getColumn(0).getInt64());
      const SQLite::Column blob = q->getColumn(2);
      if (!DecodePostingBlock(q->getColumn(1).getInt64(), blob.getBlob(),
                              static_cast<size_t>(blob.getBytes()), entries)) {
        throw DamagedPostingBlock(store.path, elements[e].id);
      }
      const size_t needed = required(length);
      for (const PostingEntry& entry : entries) {
        if (entry.count <= static_cast<uint64_t>(elements[e].copy)) continue;
        if (overlap_bound(entry.signature) < needed) continue;
        Seen& s = seen[entry.variant_id];
        ++s.hits;
        s.length = static_cast<uint32_t>(length);
        s.signature = entry.signature;
      }
    }
  }
  // Count filter: a candidate of length m was looked for in the elements read
  // for m (a prefix of the rarity order) and found in `hits` of them; of the
  // elements not read for m it can hold at most those whose signature bit it
  // has. Below r(m) in total, it cannot qualify.
  std::vector<int64_t> candidates;
  for (const auto& [variant_id, s] : seen) {
    size_t read = 0;
    while (read < read_up_to.size() && s.length <= read_up_to[read]) ++read;
    size_t bound = s.hits;
    for (size_t e = read; e < elements.size(); ++e) {
      bound += (s.signature & SignatureBit(elements[e].id)) != 0 ? 1 : 0;
    }
    if (bound >= required(s.length)) candidates.push_back(variant_id);
  }
  std::sort(candidates.begin(), candidates.end());

  // All candidates' tokens in one statement (ids as a JSON array): one
  // statement run instead of one per candidate.
  std::string ids = "[";
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) ids += ',';
    ids += std::to_string(candidates[i]);
  }
  ids += ']';
  std::vector<Candidate> found;
  Query q = store.Prepare("SELECT id, tokens FROM variant WHERE id IN (SELECT value FROM json_each(?))");
  q->bind(1, ids);
  while (q->executeStep()) {
    if (auto c = TestVariant(q->getColumn(0).getInt64(), query.ids, ColumnTokens(*q, 1), min_score)) {
      found.push_back(*c);
    }
  }
  return found;
}

// The variant of `unit_id` in the target language: the exact tag if there is
// one, else the first within the base language; nullopt when none.
std::optional<size_t> TargetVariant(Store::Impl& store, int64_t unit_id, int64_t target_base,
                                    const LanguageTag& target) {
  Query q = store.Prepare(
      "SELECT v.position, l.tag FROM variant v JOIN language l ON l.id = v.language_id "
      "WHERE v.unit_id = ? AND l.base_id = ? ORDER BY v.position");
  q->bind(1, unit_id);
  q->bind(2, target_base);
  std::optional<size_t> first;
  while (q->executeStep()) {
    const auto position = static_cast<size_t>(q->getColumn(0).getInt64());
    if (q->getColumn(1).getString() == target.str()) return position;
    if (!first) first = position;
  }
  return first;
}

// Best first: score, then a source in exactly the asked tag, then unit id.
bool Better(const Match& a, bool a_exact_tag, const Match& b, bool b_exact_tag) {
  if (a.score != b.score) return a.score > b.score;
  if (a_exact_tag != b_exact_tag) return a_exact_tag;
  return a.unit_id < b.unit_id;
}

}  // namespace

std::vector<Match> Store::Lookup(std::string_view query, const LanguagePair& languages,
                                 const LookupOptions& options) const {
  CheckText(query, "query");
  Impl& store = *impl_;
  try {
    // An open import session of this Store keeps postings back; its own
    // units must be found as a scan would find them.
    if (store.flush_pending) store.flush_pending(false);
    ReadTransaction snapshot(store.db);
    const std::optional<LanguageInfo> source =
        store.Language(LanguageTag(Impl::BaseTag(languages.source)), false);
    const std::optional<LanguageInfo> target =
        store.Language(LanguageTag(Impl::BaseTag(languages.target)), false);
    if (!source || !target || options.max_results == 0) return {};

    PreparedQuery prepared;
    prepared.granularity = fuzzy::GranularityFor(LanguageTag(source->base_tag));
    prepared.tokens = fuzzy::Tokenize(query, prepared.granularity);
    std::unordered_map<std::string_view, uint32_t> unknown;
    for (const fuzzy::Token& token : prepared.tokens) {
      if (auto id = store.TokenId(token.key, /*create=*/false)) {
        prepared.ids.push_back(*id);
      } else {
        // Ids count down from the top; the TM's count up from 1.
        prepared.ids.push_back(
            unknown.emplace(token.key, UINT32_MAX - static_cast<uint32_t>(unknown.size())).first->second);
      }
    }
    // The full score of a source variant against the query (penalties
    // included), or nullopt when its unit has no target variant. Kept for
    // the whole lookup: the threshold steps below meet the same variants.
    struct Scored {
      int64_t unit_id = 0;
      size_t position = 0;
      size_t target_position = 0;
      bool exact_tag = false;
      fuzzy::ScoreResult result;
    };
    std::unordered_map<int64_t, std::optional<Scored>> scored_by_variant;
    auto score_variant = [&](int64_t variant_id) -> const std::optional<Scored>& {
      auto [it, inserted] = scored_by_variant.try_emplace(variant_id);
      if (!inserted) return it->second;
      Query q = store.Prepare(
          "SELECT v.unit_id, v.position, l.tag, v.text, v.inline_tags FROM variant v "
          "JOIN language l ON l.id = v.language_id WHERE v.id = ?");
      q->bind(1, variant_id);
      if (!q->executeStep()) return it->second;
      Scored scored;
      scored.unit_id = q->getColumn(0).getInt64();
      scored.position = static_cast<size_t>(q->getColumn(1).getInt64());
      scored.exact_tag = q->getColumn(2).getString() == languages.source.str();
      const std::string text = q->getColumn(3).getString();
      std::vector<InlineTag> tags;
      const SQLite::Column tag_blob = q->getColumn(4);
      if (!DecodeInlineTags(tag_blob.getBlob(), static_cast<size_t>(tag_blob.getBytes()), tags)) {
        throw DamagedExtras(store.path, scored.unit_id);
      }
      const std::optional<size_t> target_position =
          TargetVariant(store, scored.unit_id, target->base_id, languages.target);
      if (!target_position || *target_position == scored.position) return it->second;
      scored.target_position = *target_position;
      scored.result = fuzzy::Score({.text = query, .inline_tags = {}}, {.text = text, .inline_tags = tags},
                                   prepared.granularity);
      it->second = std::move(scored);
      return it->second;
    };
    // Every match ≥ min_score, best first, at most max_results.
    auto lookup_at = [&](const double min_score) {
      const size_t n = prepared.ids.size();
      const size_t o_min = n - fuzzy::MaxDistance(n, min_score);
      std::vector<Candidate> candidates = options.exhaustive || o_min == 0
                                              ? ScanAll(store, source->base_id, prepared, min_score)
                                              : ScanIndex(store, source->base_id, prepared, min_score, o_min);
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.token_score != b.token_score ? a.token_score > b.token_score : a.variant_id < b.variant_id;
      });

      // Score candidates fully, best token score first. A full score is never
      // above the token score, so once max_results matches beat the next token
      // score, nothing later can enter.
      struct Ranked {
        Match match;
        bool exact_tag;
      };
      std::vector<Ranked> ranked;
      std::unordered_map<int64_t, size_t> by_unit;
      // The max_results-th best score so far, or -1 while fewer are kept;
      // recomputed only after `ranked` changed.
      std::optional<double> worst_kept_cache;
      auto worst_kept = [&]() {
        if (worst_kept_cache) return *worst_kept_cache;
        if (ranked.size() < options.max_results) return *(worst_kept_cache = -1.0);
        std::vector<double> scores;
        for (const Ranked& r : ranked) scores.push_back(r.match.score);
        std::nth_element(scores.begin(), scores.begin() + static_cast<long>(options.max_results - 1),
                         scores.end(), std::greater<>());
        return *(worst_kept_cache = scores[options.max_results - 1]);
      };
      for (const Candidate& c : candidates) {
        if (c.token_score < worst_kept()) break;
        const std::optional<Scored>& scored = score_variant(c.variant_id);
        if (!scored || scored->result.score < min_score || scored->result.score < worst_kept()) continue;
        const fuzzy::ScoreResult& result = scored->result;
        Ranked r{Match{.unit_id = scored->unit_id,
                       .unit = {},
                       .source_variant = scored->position,
                       .target_variant = scored->target_position,
                       .score = result.score,
                       .kind = result.kind,
                       .differences = result.differences,
                       .diff = result.diff,
                       .query_tokens = result.query_tokens,
                       .source_tokens = result.source_tokens},
                 scored->exact_tag};
        if (auto it = by_unit.find(scored->unit_id); it != by_unit.end()) {
          Ranked& old = ranked[it->second];
          if (Better(r.match, r.exact_tag, old.match, old.exact_tag)) {
            old = std::move(r);
            worst_kept_cache.reset();
          }
          continue;
        }
        by_unit.emplace(scored->unit_id, ranked.size());
        ranked.push_back(std::move(r));
        worst_kept_cache.reset();
      }
      std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        return Better(a.match, a.exact_tag, b.match, b.exact_tag);
      });
      std::vector<Match> matches;
      for (size_t i = 0; i < ranked.size() && i < options.max_results; ++i) {
        std::optional<TranslationUnit> unit = store.LoadUnit(ranked[i].match.unit_id);
        if (!unit) continue;
        ranked[i].match.unit = std::move(*unit);
        matches.push_back(std::move(ranked[i].match));
      }
      return matches;
    };
    // Only the best max_results are wanted: when a higher threshold already
    // yields that many, they are the best (every unit above it was found), and
    // the higher threshold reads far fewer postings. Else the next step runs.
    // The 0.6 step only follows a step that found something: a query with no
    // match at 0.75 rarely has max_results at 0.6, and the step would cost it
    // time (on 239k real units, p95 at min 50% 4.1–4.5 ms without the step,
    // 4.7–4.9 ms with it for every query; on 1M units, where near-duplicates
    // abound, 16.3 ms without, 13.5 ms with).
    const double floor_score = std::clamp(options.min_score, 0.0, 1.0);
    std::vector<double> steps;
    if (!options.exhaustive) {
      for (double step : {0.9, 0.75, 0.6}) {
        if (step > floor_score) steps.push_back(step);
      }
    }
    steps.push_back(floor_score);
    bool found_any = false;
    for (double step : steps) {
      if (step == 0.6 && step != floor_score && !found_any) continue;
      std::vector<Match> matches = lookup_at(step);
      if (matches.size() >= options.max_results || step == floor_score) return matches;
      found_any = found_any || !matches.empty();
    }
    return {};
  } catch (const SQLite::Exception& e) {
    throw store.Fail("lookup", e);
  }
}

namespace {

// One trigram's list of variant ids (trigram_block rows of one key, in id
// order), read a block at a time as the walk needs it.
class TrigramListCursor {
 public:
  TrigramListCursor(SQLite::Database& db, const std::string& tm_path, int64_t base_id, uint64_t trigram)
      : blocks_(db,
                "SELECT first_variant, variants FROM trigram_block WHERE base_id = ? AND trigram = ? "
                "ORDER BY first_variant"),
        tm_path_(tm_path) {
    blocks_.bind(1, base_id);
    blocks_.bind(2, static_cast<int64_t>(trigram));
  }

  // The smallest id in the list that is ≥ `id`, or nullopt. Calls must not
  // ask for smaller ids than before (the walk only moves up).
  std::optional<int64_t> SeekAtLeast(int64_t id) {
    while (true) {
      at_ = static_cast<size_t>(
          std::lower_bound(ids_.begin() + static_cast<std::ptrdiff_t>(at_), ids_.end(), id) - ids_.begin());
      if (at_ < ids_.size()) return ids_[at_];
      if (!NextBlock()) return std::nullopt;
    }
  }

 private:
  bool NextBlock() {
    if (done_ || !blocks_.executeStep()) {
      done_ = true;
      return false;
    }
    ids_.clear();
    at_ = 0;
    const SQLite::Column blob = blocks_.getColumn(1);
    if (!DecodeTrigramBlock(blocks_.getColumn(0).getInt64(), blob.getBlob(),
                            static_cast<size_t>(blob.getBytes()), ids_)) {
      throw StoreError(
          "the concordance index is damaged (a trigram block); rebuild the TM by export and import",
          InputLocation{.file = tm_path_});
    }
    return true;
  }

  SQLite::Statement blocks_;
  const std::string& tm_path_;
  std::vector<int64_t> ids_;  // the current block's
  size_t at_ = 0;
  bool done_ = false;
};

}  // namespace

std::vector<ConcordanceHit> Store::Concordance(std::string_view text, const LanguageTag& language,
                                               const ConcordanceOptions& options) const {
  CheckText(text, "concordance text");
  Impl& store = *impl_;
  std::vector<ConcordanceHit> hits;
  if (text.empty() || options.max_results == 0) return hits;
  try {
    // An open import session of this Store holds trigrams back.
    if (store.flush_pending) store.flush_pending(true);
    ReadTransaction snapshot(store.db);
    const std::optional<LanguageInfo> base = store.Language(LanguageTag(Impl::BaseTag(language)), false);
    if (!base) return hits;
    struct Row {
      int64_t unit_id;
      size_t position;
      std::vector<std::pair<size_t, size_t>> highlights;
    };
    std::vector<Row> rows;
    std::vector<uint64_t> trigrams;
    text::LoweredTrigrams(text, trigrams);
    std::sort(trigrams.begin(), trigrams.end());
    trigrams.erase(std::unique(trigrams.begin(), trigrams.end()), trigrams.end());
    if (!trigrams.empty()) {
      // Candidates: the variants in the lists of all of the text's rarest
      // trigrams (trigram_index.h), walked together in id order; each is
      // then searched for the text itself, which decides, until max_results
      // are found. A list much longer than the rarest is left to that check:
      // checking a candidate costs about as much as decoding a few dozen ids.
      std::vector<std::pair<int64_t, uint64_t>> by_rarity;  // (variants listed, trigram)
      {
        Query q = store.Prepare("SELECT sum(count) FROM trigram_block WHERE base_id = ? AND trigram = ?");
        for (const uint64_t trigram : trigrams) {
          q->bind(1, base->base_id);
          q->bind(2, static_cast<int64_t>(trigram));
          q->executeStep();
          const int64_t listed = q->getColumn(0).getInt64();  // NULL (no row) reads as 0
          q->reset();
          if (listed == 0) return hits;
          by_rarity.emplace_back(listed, trigram);
        }
      }
      std::sort(by_rarity.begin(), by_rarity.end());
      constexpr int64_t kDecodeCostPerCheck = 32;
      constexpr size_t kMaxLists = 8;
      std::vector<std::unique_ptr<TrigramListCursor>> lists;
      for (const auto& [listed, trigram] : by_rarity) {
        if (lists.size() == kMaxLists || listed > kDecodeCostPerCheck * by_rarity.front().first) break;
        lists.push_back(std::make_unique<TrigramListCursor>(store.db, store.path, base->base_id, trigram));
      }
      Query q = store.Prepare("SELECT unit_id, position, text FROM variant WHERE id = ?");
      // Leapfrog: the candidate moves up to the next id every list holds.
      std::optional<int64_t> candidate = lists[0]->SeekAtLeast(0);
      while (candidate && rows.size() < options.max_results) {
        bool in_all = true;
        for (size_t k = 1; k < lists.size() && candidate; ++k) {
          const std::optional<int64_t> next = lists[k]->SeekAtLeast(*candidate);
          if (next != candidate) {
            in_all = false;
            candidate = next ? lists[0]->SeekAtLeast(*next) : std::nullopt;
            break;
          }
        }
        if (!candidate) break;
        if (!in_all) continue;
        q->bind(1, *candidate);
        // A deleted variant's id may stay in the index: no row, no hit.
        if (q->executeStep()) {
          std::vector<std::pair<size_t, size_t>> found =
              text::FindIgnoringCase(q->getColumn(2).getString(), text);
          if (!found.empty()) {
            rows.push_back({q->getColumn(0).getInt64(), static_cast<size_t>(q->getColumn(1).getInt64()),
                            std::move(found)});
          }
        }
        q->reset();
        candidate = lists[0]->SeekAtLeast(*candidate + 1);
      }
    } else {
      // Under three characters the trigram index cannot help: scan, with
      // the same per-code-point lowering as the indexed path (SQLite's
      // lower() knows only ASCII: "i" did not find "İstanbul", found by the
      // query fuzz harness).
      Query q = store.Prepare(
          "SELECT v.unit_id, v.position, v.text FROM variant v JOIN language l ON l.id = v.language_id "
          "WHERE l.base_id = ? ORDER BY v.id");
      q->bind(1, base->base_id);
      while (rows.size() < options.max_results && q->executeStep()) {
        std::vector<std::pair<size_t, size_t>> found =
            text::FindIgnoringCase(q->getColumn(2).getString(), text);
        if (found.empty()) continue;
        rows.push_back(
            {q->getColumn(0).getInt64(), static_cast<size_t>(q->getColumn(1).getInt64()), std::move(found)});
      }
    }
    for (Row& row : rows) {
      std::optional<TranslationUnit> unit = store.LoadUnit(row.unit_id);
      if (!unit) continue;
      hits.push_back({row.unit_id, std::move(*unit), row.position, std::move(row.highlights)});
    }
  } catch (const SQLite::Exception& e) {
    throw store.Fail("concordance", e);
  }
  return hits;
}

}  // namespace tmkit::tm
