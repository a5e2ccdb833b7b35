// Private to tm/: the state behind Store, shared by store.cpp (open, import,
// read back), store_schema.cpp (migrations) and store_lookup.cpp (lookup,
// concordance). Not a public header: it includes SQLiteCpp.
#ifndef TMKIT_TM_STORE_INTERNAL_H_
#define TMKIT_TM_STORE_INTERNAL_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/translation_unit.h"
#include "fuzzy/match_score.h"
#include "tm/store.h"

namespace tmkit::tm {

// Brings a database at an older schema (0 = empty) to kSchemaVersion in one
// transaction. Throws SQLite::Exception.
void MigrateSchema(SQLite::Database& db);

// The schema version of `db` (PRAGMA user_version).
int SchemaVersion(SQLite::Database& db);

// Token ids as stored in variant.tokens: little-endian uint32, one per token.
std::vector<uint32_t> DecodeTokens(const void* bytes, size_t size);
// (An import binds the ids' own bytes on a little-endian machine instead.)
std::string EncodeTokens(const std::vector<uint32_t>& ids);

// The candidate index (schema 3, table posting_block): for each (base
// language, token, token count of the variant) the variants holding the
// token, packed into blocks of at most kPostingsPerBlock entries in variant
// id order. One row per block instead of one per posting is what makes an
// import write few B-tree rows (docs/formats.md, "Import speed"). A block's
// `entries` blob holds, per entry: the variant id as a varint delta (from the
// row's first_variant for the first entry, from the previous entry after),
// the token's count in the variant as a varint, and the variant's signature
// as 8 bytes little-endian. Persisted: never change the layout.
struct PostingEntry {
  int64_t variant_id = 0;
  uint32_t count = 0;
  uint64_t signature = 0;
};
inline constexpr size_t kPostingsPerBlock = 256;

// Appends `entry` to a block's blob; `previous` is the id the delta is taken
// from (the block's first_variant before the first entry) and is updated.
void AppendPostingEntry(std::string& blob, int64_t& previous, const PostingEntry& entry);
// The entries of a block, into `out` (cleared first). Returns false when the
// blob is malformed (a damaged file): the caller reports it.
bool DecodePostingBlock(int64_t first_variant, const void* bytes, size_t size,
                        std::vector<PostingEntry>& out);

// The error for a posting block DecodePostingBlock refused: the file is
// damaged, the units themselves may not be.
inline StoreError DamagedPostingBlock(const std::string& tm_path, uint32_t token_id) {
  return StoreError("the candidate index is damaged (a posting block of token " + std::to_string(token_id) +
                        "); rebuild the TM by export and import",
                    InputLocation{.file = tm_path});
}

// Binds a blob, or NULL for an empty one (most units and variants have no
// extras). `bytes` must outlive the statement's execution.
inline void BindBlobOrNull(SQLite::Statement& statement, int index, const std::string& bytes) {
  if (bytes.empty()) {
    statement.bind(index);
  } else {
    statement.bindNoCopy(index, bytes.data(), static_cast<int>(bytes.size()));
  }
}

// Reads an unsigned LEB128 varint at `p`, advancing it; false (and `p`
// somewhere before `end`) when the bytes end first or it runs past 64 bits.
inline bool ReadVarint(const unsigned char*& p, const unsigned char* end, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) return false;
    const unsigned char byte = *p++;
    value |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Extras (schema 5): what hangs off a unit or a variant besides its text,
// one blob per row (unit.extras, variant.extras, variant.inline_tags; NULL
// when there is nothing), where versions 1-4 wrote a row per item to four
// side tables: an import then wrote two or three B-tree rows more per unit.
// Layout: unsigned LEB128 varints; a string is its byte length and bytes.
// extras: the number of attributes, each (name, value); of properties, each
// (type, value, language, o_encoding); of notes, each (text, language,
// o_encoding). inline_tags: their number, each (kind, offset_bytes, markup).
// Persisted: never change the layout. Encode returns "" for nothing.
std::string EncodeExtras(const std::vector<Attribute>& attributes, const std::vector<Property>& properties,
                         const std::vector<Note>& notes);
std::string EncodeInlineTags(const std::vector<InlineTag>& tags);
// Decode into the vectors (cleared first); false when the blob is malformed
// (a damaged file: the caller reports it). Zero bytes decode to nothing.
bool DecodeExtras(const void* bytes, size_t size, std::vector<Attribute>& attributes,
                  std::vector<Property>& properties, std::vector<Note>& notes);
bool DecodeInlineTags(const void* bytes, size_t size, std::vector<InlineTag>& tags);
inline StoreError DamagedExtras(const std::string& tm_path, int64_t unit_id) {
  return StoreError("unit " + std::to_string(unit_id) +
                        " is damaged (its attributes, properties, notes or inline tags cannot be read)",
                    InputLocation{.file = tm_path});
}

// The bit of a token id in a variant's token signature (PostingEntry::signature:
// the OR of its tokens' bits). Persisted: never change the mixing constant.
inline uint64_t SignatureBit(uint32_t token_id) {
  return uint64_t{1} << ((uint64_t{token_id} * 0x9E3779B97F4A7C15ULL) >> 58);
}

// What the index knows of one language tag.
struct LanguageInfo {
  int64_t id = 0;        // language.id
  int64_t base_id = 0;   // language.id of its canonical primary language
  std::string base_tag;  // that language's tag ("en" for "en-US")
};

// A cached prepared statement in use. Resets it when it goes out of scope,
// so that no read transaction outlives the call that ran it (a statement left
// mid-step would pin an old snapshot of the WAL). Not copyable.
class Query {
 public:
  explicit Query(SQLite::Statement& statement) : statement_(statement) {}
  ~Query() { statement_.tryReset(); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

// Holds one read transaction for a whole lookup, so that its hundreds of
// small statements share one snapshot and one set of WAL locks (in autocommit
// mode each statement would take and release file locks: a third of the CPU
// of a lookup). Does nothing inside an import session's transaction.
class ReadTransaction {
 public:
  explicit ReadTransaction(SQLite::Database& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  SQLite::Database& db_;
  bool began_ = false;
};

// How long a statement waits for another connection's lock before it fails.
inline constexpr int kBusyTimeoutMs = 5000;

struct Store::Impl {
  std::string path;
  bool read_only = false;
  // The PRAGMAs that set this Store's page cache and memory-mapped reads
  // (an import session changes both while it runs: BeginImportSettings).
  std::string cache_size_pragma;
  std::string mmap_size_pragma;
  SQLite::Database db;
  bool session_open = false;
  // Caches of the token and language tables. Ids created inside an import
  // are forgotten when it rolls back (ForgetUncommitted).
  std::unordered_map<std::string, uint32_t> token_ids;
  std::unordered_map<std::string, LanguageInfo> languages;

  // Prepared statements by the address of their SQL, a string literal:
  // hashing the text itself on every call was 5% of an import's storing
  // thread.
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements;

  // Set by the open import session: writes the rows it holds back in memory
  // (postings, document frequencies) and, when the argument is true, brings
  // a deferred trigram index up to date, so that a Lookup (false) or a
  // Concordance (true) on this Store sees the session's units. Throws
  // SQLite::Exception.
  std::function<void(bool)> flush_pending;

  Impl(const std::string& db_path, int flags);

  // The statement for `sql`, prepared once, bindings cleared. REQUIRES: `sql`
  // is a string literal (statements are found by its address). Throws
  // SQLite::Exception.
  Query Prepare(const char* sql);

  // A StoreError naming the TM and what was being done.
  StoreError Fail(const std::string& operation, const std::exception& cause) const;

  // The canonical primary language of `tag` ("he" for "iw-IL"), falling back
  // to the tag's own primary subtag when ICU cannot canonicalise it.
  static std::string BaseTag(const LanguageTag& tag);

  // Looks up (and, when `create`, inserts) a language row; nullopt when absent
  // and not created.
  std::optional<LanguageInfo> Language(const LanguageTag& tag, bool create);

  // Token id for a key; nullopt when absent and not `create`. Remembered in
  // token_ids when `cache` (an import session keeps its own map instead).
  std::optional<uint32_t> TokenId(const std::string& key, bool create, bool cache = true);

  // The connection's settings for an import session, before its BEGIN; and
  // back to the Store's own after its COMMIT or ROLLBACK. Begin throws
  // SQLite::Exception.
  void BeginImportSettings();
  void EndImportSettings() noexcept;

  void ForgetUncommitted() {
    token_ids.clear();
    languages.clear();
  }

  // Reads unit `unit_id` back, or nullopt.
  std::optional<TranslationUnit> LoadUnit(int64_t unit_id);
};

}  // namespace tmkit::tm

#endif  // TMKIT_TM_STORE_INTERNAL_H_
