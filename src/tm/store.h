// The translation memory: one SQLite file holding translation units, a
// persisted candidate index for fuzzy lookup, and a trigram full-text index
// for concordance. The schema is versioned (PRAGMA user_version) and
// documented in docs/formats.md, "Translation memory schema"; scores are
// documented in docs/scoring.md.
//
// Guarantees:
// - Everything in a TranslationUnit except `origin` survives Import and
//   FindUnit/ForEachUnit unchanged (origin comes back as where it was
//   imported from).
// - An import is one transaction: until ImportSession::Commit returns,
//   nothing of it is visible, and a session destroyed, a process killed or a
//   machine crashing before then leaves the TM as it was.
// - The file is in WAL mode: other Stores (other threads or processes) read
//   the last committed state while an import runs. (Except an import into a
//   TM without variants that no other connection has open: it runs with a
//   rollback journal, and a reader arriving meanwhile may be refused.)
// - Lookup returns every unit whose score reaches min_score (up to
//   max_results, best first), exactly as a scan of every unit would.
//
// Threading: a Store (and its sessions) is used by one thread at a time;
// open one Store per thread. The one exception: ImportSession::Prepare may
// run on a second thread (see there). Language tags are compared by their ICU
// canonical primary language ("iw" is "he"), so a lookup for "en" finds
// "en-US" and "en-GB" variants, and one for "en-US" prefers "en-US".
#ifndef TMKIT_TM_STORE_H_
#define TMKIT_TM_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/language.h"
#include "core/translation_unit.h"
#include "fuzzy/match_score.h"

namespace tmkit::tm {

using fuzzy::Differences;
using fuzzy::EditOp;
using fuzzy::MatchKind;

// The schema version this build writes (PRAGMA user_version). Older files are
// migrated on Open; newer ones are refused.
inline constexpr int kSchemaVersion = 5;

struct StoreOptions {
  // Create the file (and its schema) when it does not exist. Default true;
  // when false, a missing file throws StoreError.
  bool create_if_missing = true;
  // Open for reading only: Import throws StoreError, and an old schema that
  // needs migrating throws on Open. Default false.
  bool read_only = false;
  // For a read that walks the whole TM once (export, stats): a 2 MiB page
  // cache and no memory-mapped reads, so the process's memory stays the
  // same whatever the TM's size (mapped pages count in its resident set).
  // Default false: lookups keep 64 MiB of cache and read through mmap,
  // which saves a system call per page they touch again.
  bool whole_scan = false;
};

// What to do with a unit whose source text (same language, same NFC text) is
// already in the TM with another translation. A unit identical to a stored
// one (same languages and texts) is always stored once, whatever this says.
// Never persisted.
enum class OnDuplicate {
  kSkip,       // keep the stored unit, drop the new one (default)
  kOverwrite,  // delete the stored units with that source, store the new one
  kKeepBoth,   // store the new one beside the old
};

struct ImportOptions {
  // Default kSkip.
  OnDuplicate on_duplicate = OnDuplicate::kSkip;
  // Where the units come from (a file name, an alignment run), stored with
  // each unit and given back as its origin.file. Default empty: each unit's
  // own origin.file is kept.
  std::string origin;
  // A bad unit (no variants, a variant without language, invalid UTF-8):
  // kSkipAndReport (default) counts it and keeps a diagnostic; kFail throws
  // StoreError from Add, after which the session can only be rolled back.
  OnBadRecord on_bad_record = OnBadRecord::kSkipAndReport;
  // At most this many diagnostics are kept (all are counted). Default 100.
  size_t max_diagnostics = 100;
  // The session numbers the distinct token keys it meets (about 50 bytes a
  // key); past this many it forgets them and starts again, so that memory
  // does not grow with the vocabulary of a huge import. Keys met again are
  // then looked up in the TM once more. Default 262,144 (about 13 MB).
  size_t max_token_numbers = size_t{1} << 18;
};

struct ImportReport {
  size_t units_read = 0;     // units given to Add
  size_t units_stored = 0;   // units written (new, overwriting, or kept beside)
  size_t duplicates = 0;     // units whose source was already stored (identical or not)
  size_t units_skipped = 0;  // bad units skipped
  std::vector<Diagnostic> diagnostics;
};

struct LookupOptions {
  // Smallest score returned, in [0, 1]. Default 0.7. Lower thresholds make
  // the candidate index read more postings (0.5 reads about twice as many).
  double min_score = 0.7;
  // At most this many matches, best first. Default 5.
  size_t max_results = 5;
  // Score every unit instead of using the candidate index: the reference the
  // index must equal, and a tool to debug scores. Default false; cost is
  // linear in the TM size (about a second per query at a million units).
  bool exhaustive = false;
};

// One unit found by Lookup.
struct Match {
  int64_t unit_id = 0;  // the store's id of the unit (FindUnit, RecordUse)
  TranslationUnit unit;
  size_t source_variant = 0;  // index into unit.variants: the variant scored
  size_t target_variant = 0;  // index into unit.variants: the translation
  double score = 0;           // [0, 1], 1 only when kExact
  MatchKind kind = MatchKind::kFuzzy;
  Differences differences;   // why it is not exact
  std::vector<EditOp> diff;  // source → query, over the token vectors below
  std::vector<fuzzy::Token> query_tokens;
  std::vector<fuzzy::Token> source_tokens;  // offsets into Nfc(source text)

  const Variant& source() const { return unit.variants[source_variant]; }
  const Variant& target() const { return unit.variants[target_variant]; }
};

struct ConcordanceOptions {
  // At most this many hits, by unit id. Default 20.
  size_t max_results = 20;
};

// One variant whose text contains the searched string.
struct ConcordanceHit {
  int64_t unit_id = 0;
  TranslationUnit unit;
  size_t variant = 0;  // index into unit.variants: the variant that contains it
  // Byte ranges [begin, end) of the occurrences in that variant's text.
  std::vector<std::pair<size_t, size_t>> highlights;
};

struct LanguageCount {
  std::string language;  // as stored, e.g. "en-US"
  size_t variants = 0;
};

struct PairCount {
  std::string first;  // the two languages, in tag order
  std::string second;
  size_t units = 0;  // units with a variant in each
};

struct StoreStats {
  std::string path;
  int schema_version = 0;
  size_t units = 0;
  size_t variants = 0;
  std::vector<LanguageCount> languages;  // by tag
  std::vector<PairCount> pairs;          // by tags
  uint64_t size_bytes = 0;               // the database file (pages in use and free)
};

// Which units ForEachUnit gives.
struct ExportFilter {
  // Empty (default): every unit with all its variants. Otherwise only units
  // that have a variant within each of these languages ("en" takes "en-US"),
  // with only the variants within one of them.
  std::vector<LanguageTag> languages;
};

class Store;

// A unit with the part of ImportSession::Add done that needs no database:
// checks, NFC, the keys that find duplicates, tokenisation, variant ids and
// the concordance index's trigrams. Made by ImportSession::Prepare, which can
// run on another thread than Add, so that one thread prepares units while
// another adds them. Move-only.
class PreparedUnit {
 public:
  PreparedUnit(PreparedUnit&&) noexcept;
  PreparedUnit& operator=(PreparedUnit&&) noexcept;
  ~PreparedUnit();

  const TranslationUnit& unit() const;

 private:
  friend class ImportSession;
  struct Data;
  explicit PreparedUnit(std::unique_ptr<Data> data);
  std::unique_ptr<Data> data_;
};

// One import, one transaction. Obtained from Store::BeginImport; the Store
// must outlive it. Move-only.
class ImportSession {
 public:
  ImportSession(ImportSession&&) noexcept;
  ImportSession& operator=(ImportSession&&) noexcept;
  // Rolls back unless Commit returned.
  ~ImportSession();

  // Stores `unit` (in the transaction) or counts it as a duplicate or a bad
  // unit. Throws StoreError on a SQLite failure, or on a bad unit with
  // OnBadRecord::kFail; the session must then be destroyed (rolled back).
  void Add(const TranslationUnit& unit);
  // The same for a prepared unit: Add(unit) is Add(Prepare(unit)). Leaves
  // `unit` as it was, so that the thread that made it can free it.
  void Add(const PreparedUnit& unit);

  // Does what Add can do without the TM. Touches only the session's own
  // preparing state, so it may run on another thread than everything else,
  // one call at a time, while Add runs; units must then be added in the
  // order they were prepared, every one of them before Commit, and neither
  // Commit nor a Lookup or Concordance on the Store may run during a call.
  // Never throws for a bad unit (Add reports it); may throw std::bad_alloc.
  PreparedUnit Prepare(TranslationUnit unit);

  // Makes the import visible and durable; returns what happened. Throws
  // StoreError if the commit fails (nothing of the import is then stored).
  // REQUIRES: not committed yet.
  ImportReport Commit();

  // The report so far.
  const ImportReport& report() const;

 private:
  friend class Store;
  struct Impl;
  struct Preparer;
  explicit ImportSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Store {
 public:
  // Opens (or creates) the TM at `path`, migrating an older schema. Throws
  // StoreError naming the path when the file is missing (and not to be
  // created), is not a tmkit TM, has a newer schema, or cannot be opened.
  static Store Open(const std::string& path, const StoreOptions& options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Starts an import transaction; it waits up to 5 s for another writer.
  // Throws StoreError (read-only store, a session already open, lock timeout).
  ImportSession BeginImport(const ImportOptions& options);

  // BeginImport, Add each unit, Commit.
  ImportReport Import(std::span<const TranslationUnit> units, const ImportOptions& options);

  // Units whose source-language variant scores ≥ options.min_score against
  // `query` and that have a variant in the target language; best first, ties
  // by exact source tag then unit id; at most one match per unit. Throws
  // ParseError when `query` is not valid UTF-8, StoreError on SQLite failure.
  // Any text is data: nothing in it is query syntax.
  std::vector<Match> Lookup(std::string_view query, const LanguagePair& languages,
                            const LookupOptions& options) const;

  // Variants in `language` (or within it) whose text contains `text`,
  // case-insensitively (ASCII case only for texts under 3 characters). Throws
  // ParseError when `text` is not valid UTF-8; an empty text finds nothing.
  std::vector<ConcordanceHit> Concordance(std::string_view text, const LanguageTag& language,
                                          const ConcordanceOptions& options) const;

  StoreStats Stats() const;

  // Calls `visit` for each unit the filter keeps, in id order. Reads one unit
  // at a time: memory stays flat.
  void ForEachUnit(const ExportFilter& filter,
                   const std::function<void(const TranslationUnit&)>& visit) const;

  // The unit with store id `unit_id`, or nullopt.
  std::optional<TranslationUnit> FindUnit(int64_t unit_id) const;

  // Counts one use of a unit (a translator took the match); stored as
  // usage_count and last_used. Returns false when there is no such unit.
  bool RecordUse(int64_t unit_id);

  const std::string& path() const;

  struct Impl;  // public only so that the .cpp files of tm/ can share it

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmkit::tm

#endif  // TMKIT_TM_STORE_H_
