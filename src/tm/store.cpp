// Store: opening, importing, reading back, stats. Lookup and concordance are
// in store_lookup.cpp; the schema in store_schema.cpp.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstring>
#include <filesystem>
#include <map>
#include <tuple>
#include <unordered_map>

#include "text/unicode.h"
#include "tm/store_internal.h"
#include "tm/trigram_index.h"

namespace tmkit::tm {
namespace {

int64_t ToSeconds(const Timestamp& t) { return t.time_since_epoch().count(); }

void BindTime(SQLite::Statement& statement, int index, const std::optional<Timestamp>& t) {
  if (t) {
    statement.bind(index, static_cast<int64_t>(ToSeconds(*t)));
  } else {
    statement.bind(index);
  }
}

std::optional<Timestamp> ColumnTime(SQLite::Statement& statement, int index) {
  if (statement.isColumnNull(index)) return std::nullopt;
  return Timestamp(std::chrono::seconds(statement.getColumn(index).getInt64()));
}

// FNV-1a, 64 bits: stable across builds and platforms, which std::hash is
// not. Persisted (unit.source_key, unit.content_key): never change.
class Fnv1a {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    // A separator byte value that UTF-8 text never contains.
    hash_ ^= 0xFF;
    hash_ *= 0x100000001b3ULL;
  }
  int64_t value() const { return static_cast<int64_t>(hash_); }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// The source keys (unit.source_key) of the units an import into an empty TM
// has stored, as a Bloom filter: a key it has not seen needs no duplicate
// check (a SELECT on unit_by_source_key, a random B-tree seek per unit). A
// yes may be wrong, and then the SELECT finds nothing. Fixed size, 2 MB:
// false yes about 0.4% at 1M units, 21% at 5M (three bits a key).
class SourceKeyFilter {
 public:
  SourceKeyFilter() : bits_(kWords, 0) {}
  void Insert(int64_t key) {
    for (uint64_t bit : Bits(key)) bits_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  bool MayContain(int64_t key) const {
    for (uint64_t bit : Bits(key)) {
      if ((bits_[bit / 64] & (uint64_t{1} << (bit % 64))) == 0) return false;
    }
    return true;
  }

 private:
  static constexpr size_t kBitsLog2 = 24;
  static constexpr size_t kWords = (size_t{1} << kBitsLog2) / 64;
  // Three bit positions from one 64-bit key: FNV-1a's low bits are weak, so
  // the key is mixed first and the positions are taken from its high bits.
  static std::array<uint64_t, 3> Bits(int64_t key) {
    const uint64_t a = static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL;
    const uint64_t b = (a ^ (a >> 29)) * 0xBF58476D1CE4E5B9ULL;
    const uint64_t c = (b ^ (b >> 32)) * 0x94D049BB133111EBULL;
    return {a >> (64 - kBitsLog2), b >> (64 - kBitsLog2), c >> (64 - kBitsLog2)};
  }
  std::vector<uint64_t> bits_;
};

// Numbers distinct token keys 0, 1, 2, ... in the order they are first
// met: an import's reading thread numbers every token of every variant
// here. The keys lie end to end in one string and the table (open
// addressing, at most half full) holds a hash and a number per slot:
// std::unordered_map's node per key, modulo by a prime and string hashing
// were a third of Prepare's own time.
class TokenNumbering {
 public:
  TokenNumbering() : slots_(kInitialSlots) {}

  size_t size() const { return ends_.size(); }
  // Forgets every number: the next key is 0 again. Frees the memory.
  void Clear() { *this = TokenNumbering(); }

  // The number of `key`; `is_new` tells whether it was given just now.
  uint32_t Number(std::string_view key, bool& is_new) {
    const uint64_t hash = Hash(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = Home(hash);; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.number_plus_one == 0) {
        is_new = true;
        const auto number = static_cast<uint32_t>(ends_.size());
        keys_.append(key);
        ends_.push_back(keys_.size());
        slot = {hash, number + 1};
        if (2 * ends_.size() > slots_.size()) Grow();
        return number;
      }
      if (slot.hash == hash && Key(slot.number_plus_one - 1) == key) {
        is_new = false;
        return slot.number_plus_one - 1;
      }
    }
  }

 private:
  static constexpr size_t kInitialSlots = 1024;
  struct Slot {
    uint64_t hash = 0;
    uint32_t number_plus_one = 0;  // 0: empty
  };

  // Eight bytes at a time, each mixed in by a multiplication and a shift.
  static uint64_t Hash(std::string_view key) {
    uint64_t hash = (key.size() + 1) * 0x9E3779B97F4A7C15ULL;
    size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
      uint64_t chunk = 0;
      std::memcpy(&chunk, key.data() + i, 8);
      hash = (hash ^ chunk) * 0xBF58476D1CE4E5B9ULL;
      hash ^= hash >> 31;
    }
    if (i < key.size()) {
      // Byte by byte: a memcpy of a variable length is a call.
      uint64_t chunk = 0;
      for (size_t k = i; k < key.size(); ++k)
        chunk |= uint64_t{static_cast<unsigned char>(key[k])} << (8 * (k - i));
      hash = (hash ^ chunk) * 0x94D049BB133111EBULL;
      hash ^= hash >> 29;
    }
    return hash;
  }
  // Where a hash's probe starts: the table keeps the low bits of a second
  // multiplication, so keys whose hashes differ only high up still spread.
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ULL) >> 17) & (slots_.size() - 1);
  }
  std::string_view Key(uint32_t number) const {
    const size_t begin = number == 0 ? 0 : ends_[number - 1];
    return std::string_view(keys_).substr(begin, ends_[number] - begin);
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.number_plus_one == 0) continue;
      size_t i = Home(slot.hash);
      while (slots_[i].number_plus_one != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::string keys_;
  std::vector<size_t> ends_;  // where key n ends in keys_
  std::vector<Slot> slots_;
};

// Which variant is the unit's source: the one in its srclang attribute when
// there is such a variant, else the first.
size_t SourceVariantIndex(const TranslationUnit& unit) {
  for (const Attribute& attribute : unit.attributes) {
    if (attribute.first != "srclang") continue;
    const LanguageTag srclang = LanguageTag::ParseOrEmpty(attribute.second);
    for (size_t i = 0; i < unit.variants.size(); ++i) {
      if (!srclang.empty() && unit.variants[i].language == srclang) return i;
    }
  }
  return 0;
}

// Why a unit cannot be stored, or empty.
std::string ProblemOf(const TranslationUnit& unit) {
  if (unit.variants.empty()) return "unit has no variants";
  for (size_t i = 0; i < unit.variants.size(); ++i) {
    const Variant& v = unit.variants[i];
    const std::string which = "variant " + std::to_string(i + 1);
    if (v.language.empty()) return which + " has no language";
    if (auto bad = text::FindInvalidUtf8(v.text)) {
      return which + ": invalid UTF-8 at byte " + std::to_string(*bad);
    }
    for (const InlineTag& tag : v.inline_tags) {
      if (tag.offset_bytes > v.text.size()) {
        return which + ": inline tag at byte " + std::to_string(tag.offset_bytes) +
               " is past the end of the text";
      }
    }
  }
  return {};
}

}  // namespace

std::vector<uint32_t> DecodeTokens(const void* bytes, size_t size) {
  std::vector<uint32_t> ids(size / 4);
  const auto* p = static_cast<const unsigned char*>(bytes);
  for (size_t i = 0; i < ids.size(); ++i) {
    ids[i] = uint32_t{p[4 * i]} | uint32_t{p[4 * i + 1]} << 8 | uint32_t{p[4 * i + 2]} << 16 |
             uint32_t{p[4 * i + 3]} << 24;
  }
  return ids;
}

std::string EncodeTokens(const std::vector<uint32_t>& ids) {
  std::string bytes(ids.size() * 4, '\0');
  for (size_t i = 0; i < ids.size(); ++i) {
    for (int b = 0; b < 4; ++b)
      bytes[4 * i + static_cast<size_t>(b)] = static_cast<char>((ids[i] >> (8 * b)) & 0xFF);
  }
  return bytes;
}

void AppendPostingEntry(std::string& blob, int64_t& previous, const PostingEntry& entry) {
  char bytes[28];  // two varints of at most 10 bytes, and 8
  size_t size = 0;
  auto put_varint = [&bytes, &size](uint64_t value) {
    while (value >= 0x80) {
      bytes[size++] = static_cast<char>((value & 0x7F) | 0x80);
      value >>= 7;
    }
    bytes[size++] = static_cast<char>(value);
  };
  put_varint(static_cast<uint64_t>(entry.variant_id - previous));
  put_varint(entry.count);
  for (int b = 0; b < 8; ++b) bytes[size++] = static_cast<char>((entry.signature >> (8 * b)) & 0xFF);
  blob.append(bytes, size);
  previous = entry.variant_id;
}

bool DecodePostingBlock(int64_t first_variant, const void* bytes, size_t size,
                        std::vector<PostingEntry>& out) {
  out.clear();
  const auto* p = static_cast<const unsigned char*>(bytes);
  const auto* const end = p + size;
  auto get_varint = [&p, end](uint64_t& value) { return ReadVarint(p, end, value); };
  int64_t id = first_variant;
  while (p != end) {
    uint64_t delta = 0;
    uint64_t count = 0;
    if (!get_varint(delta) || !get_varint(count) || end - p < 8 || count > UINT32_MAX) return false;
    uint64_t signature = 0;
    for (int b = 0; b < 8; ++b) signature |= uint64_t{p[b]} << (8 * b);
    p += 8;
    id += static_cast<int64_t>(delta);
    out.push_back({id, static_cast<uint32_t>(count), signature});
  }
  return true;
}

ReadTransaction::ReadTransaction(SQLite::Database& db) : db_(db) {
  if (sqlite3_get_autocommit(db_.getHandle()) != 0) {
    db_.exec("BEGIN");
    began_ = true;
  }
}

ReadTransaction::~ReadTransaction() {
  // A read transaction has nothing to lose; COMMIT only releases its locks.
  if (began_) db_.tryExec("COMMIT");
}

// ---------------------------------------------------------------- Store::Impl

Store::Impl::Impl(const std::string& db_path, int flags)
    : path(db_path), db(db_path, flags, kBusyTimeoutMs) {}

Query Store::Impl::Prepare(const char* sql) {
  auto& slot = statements[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
  assert(slot->getQuery() == sql);
  slot->tryReset();
  slot->clearBindings();
  return Query(*slot);
}

StoreError Store::Impl::Fail(const std::string& operation, const std::exception& cause) const {
  std::string message = operation + ": " + cause.what();
  // SQLite says "disk I/O error" when a write fails for lack of space or a
  // file size limit; say what the user can do about it.
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&cause)) {
    const int code = sqlite->getErrorCode();
    if (code == SQLITE_FULL || code == SQLITE_IOERR) {
      message += " (is the disk full, or a file size limit reached?)";
    }
  }
  return StoreError(message, InputLocation{.file = path});
}

std::string Store::Impl::BaseTag(const LanguageTag& tag) {
  std::string canonical;
  try {
    canonical = text::CanonicalLanguageTag(tag.str());
  } catch (const ParseError&) {
    // "*all*", private use and the like: ICU has no canonical form; the tag's
    // own primary subtag is as good a key as any.
    return std::string(tag.language());
  }
  std::string base = canonical.substr(0, canonical.find('-'));
  std::transform(base.begin(), base.end(), base.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return base.empty() ? std::string(tag.language()) : base;
}

std::optional<LanguageInfo> Store::Impl::Language(const LanguageTag& tag, bool create) {
  if (auto it = languages.find(tag.str()); it != languages.end()) return it->second;
  const std::string base_tag = BaseTag(tag);
  std::optional<int64_t> base_id;
  {
    Query q = Prepare("SELECT id FROM language WHERE tag = ?");
    q->bind(1, base_tag);
    if (q->executeStep()) base_id = q->getColumn(0).getInt64();
  }
  if (!base_id) {
    if (!create) return std::nullopt;
    Query insert = Prepare("INSERT INTO language(tag, base_id) VALUES(?, 0)");
    insert->bind(1, base_tag);
    insert->exec();
    base_id = db.getLastInsertRowid();
    Query fix = Prepare("UPDATE language SET base_id = id WHERE id = ?");
    fix->bind(1, *base_id);
    fix->exec();
  }
  LanguageInfo info{.id = *base_id, .base_id = *base_id, .base_tag = base_tag};
  if (tag.str() != base_tag) {
    std::optional<int64_t> id;
    {
      Query q = Prepare("SELECT id FROM language WHERE tag = ?");
      q->bind(1, tag.str());
      if (q->executeStep()) id = q->getColumn(0).getInt64();
    }
    if (!id) {
      if (!create) return std::nullopt;
      Query insert = Prepare("INSERT INTO language(tag, base_id) VALUES(?, ?)");
      insert->bind(1, tag.str());
      insert->bind(2, *base_id);
      insert->exec();
      id = db.getLastInsertRowid();
    }
    info.id = *id;
  }
  languages.emplace(tag.str(), info);
  return info;
}

std::optional<uint32_t> Store::Impl::TokenId(const std::string& key, bool create, bool cache) {
  if (auto it = token_ids.find(key); it != token_ids.end()) return it->second;
  std::optional<uint32_t> id;
  {
    Query q = Prepare("SELECT id FROM token WHERE key = ?");
    q->bind(1, key);
    if (q->executeStep()) id = static_cast<uint32_t>(q->getColumn(0).getInt64());
  }
  if (!id) {
    if (!create) return std::nullopt;
    Query insert = Prepare("INSERT INTO token(key) VALUES(?)");
    insert->bind(1, key);
    insert->exec();
    id = static_cast<uint32_t>(db.getLastInsertRowid());
  }
  if (cache) token_ids.emplace(key, *id);
  return id;
}

std::optional<TranslationUnit> Store::Impl::LoadUnit(int64_t unit_id) {
  TranslationUnit unit;
  auto decode_extras = [&](const SQLite::Column& blob, std::vector<Attribute>& attributes,
                           std::vector<Property>& properties, std::vector<Note>& notes) {
    if (!DecodeExtras(blob.getBlob(), static_cast<size_t>(blob.getBytes()), attributes, properties, notes)) {
      throw DamagedExtras(path, unit_id);
    }
  };
  {
    Query q = Prepare(
        "SELECT tuid, origin_file, origin_line, origin_column, origin_record, created, changed, extras "
        "FROM unit WHERE id = ?");
    q->bind(1, unit_id);
    if (!q->executeStep()) return std::nullopt;
    unit.id = q->getColumn(0).getString();
    unit.origin.file = q->getColumn(1).getString();
    unit.origin.line = q->getColumn(2).getInt();
    unit.origin.column = q->getColumn(3).getInt();
    unit.origin.record = q->getColumn(4).getString();
    unit.created = ColumnTime(*q, 5);
    unit.changed = ColumnTime(*q, 6);
    decode_extras(q->getColumn(7), unit.attributes, unit.properties, unit.notes);
  }
  {
    Query q = Prepare(
        "SELECT l.tag, v.original_language, v.text, v.created, v.changed, v.extras, v.inline_tags "
        "FROM variant v JOIN language l ON l.id = v.language_id WHERE v.unit_id = ? ORDER BY v.position");
    q->bind(1, unit_id);
    while (q->executeStep()) {
      Variant& v = unit.variants.emplace_back();
      v.language = LanguageTag(q->getColumn(0).getString());
      v.original_language = q->getColumn(1).getString();
      v.text = q->getColumn(2).getString();
      v.created = ColumnTime(*q, 3);
      v.changed = ColumnTime(*q, 4);
      decode_extras(q->getColumn(5), v.attributes, v.properties, v.notes);
      const SQLite::Column tags = q->getColumn(6);
      if (!DecodeInlineTags(tags.getBlob(), static_cast<size_t>(tags.getBytes()), v.inline_tags)) {
        throw DamagedExtras(path, unit_id);
      }
    }
  }
  return unit;
}

void Store::Impl::BeginImportSettings() {
  // Bulk load: into a TM without variants, when no other connection has it
  // open (SQLite then refuses to leave WAL mode and says "wal"), the session
  // runs with a rollback journal. A new page then goes to the file once,
  // where WAL mode writes it to the WAL and again at the checkpoint, and a
  // page spilled from the cache is read back from the file, not looked up
  // in the WAL's index: a 1M-unit import spends a third less system time
  // (docs/formats.md, "Import speed"). A kill still leaves the TM as it
  // was: the journal rolls the file back when it is next opened.
  if (db.execAndGet("SELECT NOT EXISTS(SELECT 1 FROM variant)").getInt() != 0) {
    // Leaving WAL mode takes an exclusive lock: another connection makes it
    // fail at once (no waiting: the busy timeout off), and WAL it stays.
    db.setBusyTimeout(0);
    db.tryExec("PRAGMA journal_mode = DELETE");
    db.setBusyTimeout(kBusyTimeoutMs);
  }
  // No memory-mapped reads: pages the import writes to the file and reads
  // back would count as the process's memory. A smaller page cache: the
  // session's own buffers (postings, trigrams) need the room under 100 MB,
  // and an import hardly notices (40, 48, 56 or 64 MB: within noise at 100k
  // and 1M units); the posting batch gains more from that memory.
  db.exec("PRAGMA mmap_size = 0");
  db.exec("PRAGMA cache_size = -40960");
}

void Store::Impl::EndImportSettings() noexcept {
  // WAL again (readers alongside a writer): if another connection came in
  // meanwhile, the file stays in rollback mode until the next Open.
  db.tryExec("PRAGMA journal_mode = WAL");
  db.tryExec(mmap_size_pragma);
  db.tryExec(cache_size_pragma);
}

// ------------------------------------------------------------- ImportSession

struct PreparedUnit::Data {
  TranslationUnit unit;
  std::string problem;  // why the unit cannot be stored, or empty
  // unit.source_key and unit.content_key (Fnv1a over the NFC texts).
  int64_t source_key = 0;
  int64_t content_key = 0;
  // Per variant, its tokens as the preparer's token numbers (Preparer::
  // token_numbers), in order.
  std::vector<std::vector<uint32_t>> token_numbers;
  // The keys of the token numbers this unit gave first, in number order: the
  // storing thread learns their ids from them.
  std::vector<std::string> new_tokens;
  // The preparer forgot every number before this unit's (max_token_numbers):
  // the storing thread forgets their ids too.
  bool token_numbers_restart = false;
  // The id of the first variant; the others follow (0: none given, the unit
  // has a problem).
  int64_t first_variant_id = 0;
  // Base tags the preparer met first in this unit: the next indices of its
  // base list (Preparer::base_index).
  std::vector<std::string> new_base_tags;
  // A sealed batch of the concordance index, to be written once this unit
  // is stored (it holds ids up to this unit's).
  std::vector<TrigramRow> trigram_rows;
};

// What ImportSession::Prepare keeps from unit to unit: it runs on the
// import's reading thread, apart from everything else of the session.
struct ImportSession::Preparer {
  // The highest variant id given: Prepare numbers the variants of the units
  // it prepares, so that it can index their trigrams; a unit Add does not
  // store leaves a gap (and its ids in SkippedVariants).
  int64_t last_variant_id = 0;
  // Base tags by tag (ICU's canonicalisation is the dear part) with the
  // base's token granularity, and the index the trigram builder knows each
  // base by.
  struct Base {
    std::string tag;
    fuzzy::Granularity granularity = fuzzy::Granularity::kWord;
  };
  std::unordered_map<std::string, Base> base_of_tag;
  std::unordered_map<std::string, int64_t> base_index;
  TrigramIndexBuilder trigrams;
  std::vector<uint64_t> scratch;
  // Every token key of the session by its number (0, 1, ... in order of
  // first use): the reading thread hashes the keys, the storing thread
  // finds a number's token id in an array (ImportSession::Impl::
  // token_id_of_number). Hashing keys there was 5% of its time at 1M units.
  TokenNumbering token_numbers;
  // Each variant's token keys, end to end, and where each ends (reused from
  // unit to unit: fuzzy::AppendTokenKeys).
  std::vector<std::string> key_bytes;
  std::vector<std::vector<size_t>> key_ends;
};

struct ImportSession::Impl {
  Store::Impl* store;
  ImportOptions options;
  ImportReport report;
  bool finished = false;
  int64_t now = 0;
  // Document-frequency changes of (base_id, token_id), written at Commit so
  // that the term table takes one write per distinct token, not per use.
  // By base language id, indexed by token id (ids are dense: the token
  // table's rowids), so that counting a posting is an array increment.
  std::unordered_map<int64_t, std::vector<int64_t>> df_delta;
  // The changes of `base_id`, with room for token ids up to `max_token_id`.
  std::vector<int64_t>& DocumentCounts(int64_t base_id, uint32_t max_token_id) {
    std::vector<int64_t>& deltas = df_delta[base_id];
    if (deltas.size() <= max_token_id) {
      deltas.resize(std::max<size_t>(max_token_id + size_t{1}, deltas.size() * 2));
    }
    return deltas;
  }
  void CountDocument(int64_t base_id, uint32_t token_id, int64_t delta) {
    DocumentCounts(base_id, token_id)[token_id] += delta;
  }
  // Postings not yet written, in Add order. Written as blocks in key order
  // (FlushPostings: at Commit, before a delete, or when kMaxPendingPostings
  // are waiting): one posting_block row per key of the batch, where a row
  // per posting, each at a random leaf of the B-tree, was most of the CPU of
  // an import; the larger the batch, the fewer rows, and the fewer leaves
  // of a big posting_block B-tree a flush touches (1M units: 1,000,000 a
  // batch took 24 s where 500,000 took 31-34 s, alternating runs). What all
  // postings of a variant share is kept once, in pending_variants. Memory:
  // 12 bytes a posting and 32 a variant (about 15 a posting), at most about
  // 15 MB, and the grouping's tables (12 bytes a posting, and 16 a key) while
  // flushing.
  struct PendingVariant {
    int64_t base_id;
    int64_t variant_id;
    uint64_t signature;
    uint32_t length;
  };
  struct PendingPosting {
    uint32_t token_id;
    uint32_t variant;  // index into pending_variants
    uint32_t count;
  };
  static constexpr size_t kMaxPendingPostings = 1'000'000;
  std::vector<PendingVariant> pending_variants;
  std::vector<PendingPosting> pending_postings;
  // The token id of each of the preparer's token numbers (token.id).
  std::vector<uint32_t> token_id_of_number;
  std::vector<uint32_t> scratch_ids;     // AddVariant's, reused
  std::vector<uint32_t> scratch_sorted;  // AddVariant's, reused
  // The concordance index of the session's variants is built by the
  // preparer (on the reading thread) and written here: batches sealed in
  // Prepare come with their unit, the rest at Commit and before a
  // Concordance on the same Store (FlushTextIndex). Ids of units given but
  // not stored are left out (skipped). New variants take the ids the
  // preparer gave, above the highest ever given (counter.variant_id), so
  // that no id is given twice, not even the id of a variant deleted in this
  // session (the trigram index may still name it).
  Preparer preparer;
  std::vector<int64_t> base_ids;  // by the preparer's base index
  SkippedVariants skipped;
  int64_t last_variant_id_stored = 0;

  // Set when the TM had no unit when the session began (under its write
  // lock): then only this session's units can be duplicates.
  std::unique_ptr<SourceKeyFilter> stored_sources;

  Impl(Store::Impl* s, ImportOptions o) : store(s), options(std::move(o)) {
    if (store->db.execAndGet("SELECT NOT EXISTS(SELECT 1 FROM unit)").getInt() != 0) {
      stored_sources = std::make_unique<SourceKeyFilter>();
    }
    last_variant_id_stored = store->db
                                 .execAndGet(
                                     "SELECT max((SELECT value FROM counter WHERE name = 'variant_id'), "
                                     "(SELECT coalesce(max(id), 0) FROM variant))")
                                 .getInt64();
    preparer.last_variant_id = last_variant_id_stored;
    now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
  }

  void Rollback() noexcept {
    if (finished) return;
    finished = true;
    // A failed ROLLBACK leaves SQLite to roll back when the connection
    // closes; either way nothing of the import is kept.
    store->db.tryExec("ROLLBACK");
    store->EndImportSettings();
    store->ForgetUncommitted();
    store->flush_pending = nullptr;
    store->session_open = false;
  }

  void Report(const TranslationUnit& unit, const std::string& problem) {
    InputLocation where = unit.origin;
    if (where.file.empty()) where.file = options.origin;
    if (options.on_bad_record == OnBadRecord::kFail) throw StoreError(problem, where);
    ++report.units_skipped;
    if (report.diagnostics.size() < options.max_diagnostics) report.diagnostics.push_back({where, problem});
  }

  void AddVariant(int64_t unit_id, int64_t variant_id, size_t position, const Variant& v,
                  const std::vector<uint32_t>& token_numbers) {
    const LanguageInfo language = *store->Language(v.language, /*create=*/true);
    // Scratch vectors kept from variant to variant: five allocations per
    // variant were a measurable part of the storing thread.
    std::vector<uint32_t>& ids = scratch_ids;
    ids.clear();
    for (uint32_t number : token_numbers) ids.push_back(token_id_of_number[number]);
    // On a little-endian machine the ids' own bytes are the stored layout.
    std::string encoded;
    std::string_view blob(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(uint32_t));
    if constexpr (std::endian::native != std::endian::little) {
      encoded = EncodeTokens(ids);
      blob = encoded;
    }
    {
      Query q = store->Prepare(
          "INSERT INTO variant(id, unit_id, position, language_id, original_language, text, created, "
          "changed, token_count, tokens, extras, inline_tags) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      q->bind(1, variant_id);
      q->bind(2, unit_id);
      q->bind(3, static_cast<int64_t>(position));
      q->bind(4, language.id);
      q->bindNoCopy(5, v.original_language);
      q->bindNoCopy(6, v.text);
      BindTime(*q, 7, v.created);
      BindTime(*q, 8, v.changed);
      q->bind(9, static_cast<int64_t>(ids.size()));
      q->bindNoCopy(10, blob.data(), static_cast<int>(blob.size()));
      const std::string extras = EncodeExtras(v.attributes, v.properties, v.notes);
      const std::string tags = EncodeInlineTags(v.inline_tags);
      BindBlobOrNull(*q, 11, extras);
      BindBlobOrNull(*q, 12, tags);
      q->exec();
    }
    uint64_t signature = 0;
    for (uint32_t id : ids) signature |= SignatureBit(id);
    // One posting per distinct token, with its count: runs of the sorted ids.
    std::vector<uint32_t>& sorted = scratch_sorted;
    sorted.assign(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    const auto variant_index = static_cast<uint32_t>(pending_variants.size());
    pending_variants.push_back({language.base_id, variant_id, signature, static_cast<uint32_t>(ids.size())});
    // One map lookup per variant, not per posting.
    std::vector<int64_t>& document_counts =
        DocumentCounts(language.base_id, sorted.empty() ? 0 : sorted.back());
    for (size_t i = 0; i < sorted.size();) {
      size_t j = i + 1;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      pending_postings.push_back({sorted[i], variant_index, static_cast<uint32_t>(j - i)});
      ++document_counts[sorted[i]];
      i = j;
    }
    if (pending_postings.size() >= kMaxPendingPostings) FlushPostings();
  }

  // Writes the pending postings as blocks, in key order: one row for each
  // (base, token, length) of the batch and each kPostingsPerBlock entries.
  // Variant ids only grow within a session, so a batch's block for a key
  // follows every earlier block of that key: blocks never overlap.
  void FlushPostings() {
    if (pending_postings.empty()) return;
    // Group the postings by key with a hash table, in arrival order (which
    // is variant id order), then write the groups in key order: sorting
    // every posting by key cost a quarter of the storing thread's
    // instructions; this sorts only the distinct keys.
    struct Key {
      int64_t base_id;
      uint32_t token_id;
      uint32_t length;
      bool operator==(const Key&) const = default;
      bool operator<(const Key& o) const {
        return std::tie(base_id, token_id, length) < std::tie(o.base_id, o.token_id, o.length);
      }
    };
    struct KeyHash {
      size_t operator()(const Key& k) const {
        const uint64_t mixed = (static_cast<uint64_t>(k.base_id) * 0x9E3779B97F4A7C15ULL) ^
                               (uint64_t{k.token_id} << 20) ^ k.length;
        // The table takes the low bits: mix the high ones down.
        const uint64_t spread = mixed * 0xBF58476D1CE4E5B9ULL;
        return static_cast<size_t>(spread ^ (spread >> 31));
      }
    };
    // Open addressing, linear probing, over group numbers plus one (0:
    // empty), at most half full: doubled (and refilled from `keys`) as keys
    // come. A batch has far fewer keys than postings.
    std::vector<uint32_t> slots(4096, 0);
    std::vector<Key> keys;
    auto home = [&slots](const Key& key) { return KeyHash{}(key) & (slots.size() - 1); };
    std::vector<uint32_t> group(pending_postings.size());
    for (size_t i = 0; i < pending_postings.size(); ++i) {
      const PendingPosting& p = pending_postings[i];
      const PendingVariant& v = pending_variants[p.variant];
      const Key key{v.base_id, p.token_id, v.length};
      size_t at = home(key);
      while (slots[at] != 0 && !(keys[slots[at] - 1] == key)) at = (at + 1) & (slots.size() - 1);
      if (slots[at] != 0) {
        group[i] = slots[at] - 1;
        continue;
      }
      keys.push_back(key);
      group[i] = static_cast<uint32_t>(keys.size() - 1);
      slots[at] = static_cast<uint32_t>(keys.size());
      if (2 * keys.size() > slots.size()) {
        slots.assign(2 * slots.size(), 0);
        for (size_t k = 0; k < keys.size(); ++k) {
          size_t to = home(keys[k]);
          while (slots[to] != 0) to = (to + 1) & (slots.size() - 1);
          slots[to] = static_cast<uint32_t>(k + 1);
        }
      }
    }
    // The postings themselves (what a block needs of them) moved into group
    // order, each group in arrival order: a counting sort that reads the
    // batch in order and writes at one cursor per group. Writing through a
    // permutation instead (an index per posting, followed when writing the
    // blocks) cost two dependent cache misses per posting: 86% of this
    // function's time at 1M units (perf annotate).
    struct Grouped {
      uint32_t variant;  // index into pending_variants
      uint32_t count;
    };
    std::vector<uint32_t> starts(keys.size() + 1, 0);
    for (uint32_t g : group) ++starts[g + 1];
    for (size_t g = 1; g < starts.size(); ++g) starts[g] += starts[g - 1];
    std::vector<Grouped> grouped(pending_postings.size());
    {
      std::vector<uint32_t> next(starts.begin(), starts.end() - 1);
      for (size_t i = 0; i < group.size(); ++i) {
        grouped[next[group[i]]++] = {pending_postings[i].variant, pending_postings[i].count};
      }
    }
    std::vector<uint32_t> groups_by_key(keys.size());
    for (size_t g = 0; g < keys.size(); ++g) groups_by_key[g] = static_cast<uint32_t>(g);
    std::sort(groups_by_key.begin(), groups_by_key.end(),
              [&keys](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    std::string blob;
    constexpr size_t kPrefetchAhead = 8;
    for (uint32_t g : groups_by_key) {
      for (size_t begin = starts[g]; begin < starts[g + 1]; begin += kPostingsPerBlock) {
        const size_t end = std::min<size_t>(begin + kPostingsPerBlock, starts[g + 1]);
        const Key& key = keys[g];
        const int64_t first_variant = pending_variants[grouped[begin].variant].variant_id;
        blob.clear();
        int64_t previous = first_variant;
        for (size_t i = begin; i < end; ++i) {
          // A group's variants are spread over the batch's (2-3 MB at 1M
          // postings, past the L2 cache): fetch a few ahead, or every entry
          // waits for its load (57% of this function at 1M units, perf).
          if (i + kPrefetchAhead < grouped.size()) {
            __builtin_prefetch(&pending_variants[grouped[i + kPrefetchAhead].variant]);
          }
          const PendingVariant& v = pending_variants[grouped[i].variant];
          AppendPostingEntry(blob, previous, {v.variant_id, grouped[i].count, v.signature});
        }
        Query q = store->Prepare("INSERT INTO posting_block VALUES(?, ?, ?, ?, ?)");
        q->bind(1, key.base_id);
        q->bind(2, static_cast<int64_t>(key.token_id));
        q->bind(3, static_cast<int64_t>(key.length));
        q->bind(4, first_variant);
        q->bindNoCopy(5, blob.data(), static_cast<int>(blob.size()));
        q->exec();
      }
    }
    pending_postings.clear();
    pending_variants.clear();
  }

  // Removes `variant_id` from its block of (base, token, length).
  void DeletePosting(int64_t base_id, uint32_t token_id, size_t length, int64_t variant_id) {
    // Blocks of one key are disjoint and ordered: the variant is in the last
    // block that starts at or before it.
    std::optional<int64_t> block_first;
    std::vector<PostingEntry> entries;
    {
      Query q = store->Prepare(
          "SELECT first_variant, entries FROM posting_block "
          "WHERE base_id = ? AND token_id = ? AND length = ? AND first_variant <= ? "
          "ORDER BY first_variant DESC LIMIT 1");
      q->bind(1, base_id);
      q->bind(2, static_cast<int64_t>(token_id));
      q->bind(3, static_cast<int64_t>(length));
      q->bind(4, variant_id);
      if (!q->executeStep()) return;
      block_first = q->getColumn(0).getInt64();
      const SQLite::Column blob = q->getColumn(1);
      if (!DecodePostingBlock(*block_first, blob.getBlob(), static_cast<size_t>(blob.getBytes()), entries)) {
        throw DamagedPostingBlock(store->path, token_id);
      }
    }
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [variant_id](const PostingEntry& e) { return e.variant_id == variant_id; });
    if (it == entries.end()) return;
    entries.erase(it);
    if (entries.empty()) {
      Query q = store->Prepare(
          "DELETE FROM posting_block "
          "WHERE base_id = ? AND token_id = ? AND length = ? AND first_variant = ?");
      q->bind(1, base_id);
      q->bind(2, static_cast<int64_t>(token_id));
      q->bind(3, static_cast<int64_t>(length));
      q->bind(4, *block_first);
      q->exec();
      return;
    }
    std::string blob;
    int64_t previous = entries.front().variant_id;
    for (const PostingEntry& e : entries) AppendPostingEntry(blob, previous, e);
    Query q = store->Prepare(
        "UPDATE posting_block SET first_variant = ?, entries = ? "
        "WHERE base_id = ? AND token_id = ? AND length = ? AND first_variant = ?");
    q->bind(1, entries.front().variant_id);
    q->bindNoCopy(2, blob.data(), static_cast<int>(blob.size()));
    q->bind(3, base_id);
    q->bind(4, static_cast<int64_t>(token_id));
    q->bind(5, static_cast<int64_t>(length));
    q->bind(6, *block_first);
    q->exec();
  }

  // Writes a sealed batch of trigrams, without the ids of units not stored.
  void WriteTrigrams(const std::vector<TrigramRow>& rows) {
    WriteTrigramRows(
        store->db, rows, [this](int64_t base) { return base_ids.at(static_cast<size_t>(base)); }, skipped);
    skipped.clear();  // every skipped id is older than the batch's last
  }

  // Writes what the preparer holds (trigram_index.h). REQUIRES: no Prepare
  // running, and every prepared unit added.
  void FlushTextIndex() { WriteTrigrams(preparer.trigrams.Seal()); }

  // Keeps counter.variant_id at the highest id given.
  void StoreLastVariantId() {
    if (preparer.last_variant_id == last_variant_id_stored) return;
    Query q = store->Prepare("UPDATE counter SET value = ? WHERE name = 'variant_id'");
    q->bind(1, preparer.last_variant_id);
    q->exec();
    last_variant_id_stored = preparer.last_variant_id;
  }

  // Deletes a stored unit and everything indexed for it (kOverwrite).
  void DeleteUnit(int64_t unit_id) {
    // The unit may have been added in this session: its postings must be in
    // the table before they can be deleted.
    FlushPostings();
    // The trigram index keeps the variant's id (trigram_index.h: a
    // concordance skips ids whose variant is gone); the candidate index
    // must not, so its postings go.
    struct Indexed {
      int64_t variant_id;
      std::vector<uint32_t> ids;
      int64_t base_id;
    };
    std::vector<Indexed> variants;
    {
      Query q = store->Prepare(
          "SELECT v.id, v.tokens, l.base_id FROM variant v JOIN language l ON l.id = v.language_id "
          "WHERE v.unit_id = ?");
      q->bind(1, unit_id);
      while (q->executeStep()) {
        const SQLite::Column blob = q->getColumn(1);
        variants.push_back({q->getColumn(0).getInt64(),
                            DecodeTokens(blob.getBlob(), static_cast<size_t>(blob.getBytes())),
                            q->getColumn(2).getInt64()});
      }
    }
    for (const Indexed& v : variants) {
      std::map<uint32_t, int64_t> counts;
      for (uint32_t id : v.ids) ++counts[id];
      for (const auto& [token_id, count] : counts) {
        DeletePosting(v.base_id, token_id, v.ids.size(), v.variant_id);
        CountDocument(v.base_id, token_id, -1);
      }
    }
    for (const char* sql : {"DELETE FROM variant WHERE unit_id = ?", "DELETE FROM unit WHERE id = ?"}) {
      Query q = store->Prepare(sql);
      q->bind(1, unit_id);
      q->exec();
    }
  }

  void Add(const PreparedUnit::Data& prepared) {
    for (const std::string& tag : prepared.new_base_tags) {
      base_ids.push_back(store->Language(LanguageTag(tag), /*create=*/true)->base_id);
    }
    if (prepared.token_numbers_restart) token_id_of_number = {};
    // Even when the unit is not stored: later units may use its numbers.
    for (const std::string& key : prepared.new_tokens) {
      token_id_of_number.push_back(*store->TokenId(key, /*create=*/true, /*cache=*/false));
    }
    if (!StoreUnit(prepared) && prepared.first_variant_id != 0) {
      skipped.emplace_back(
          prepared.first_variant_id,
          prepared.first_variant_id + static_cast<int64_t>(prepared.unit.variants.size()) - 1);
    }
    if (!prepared.trigram_rows.empty()) WriteTrigrams(prepared.trigram_rows);
  }

  // Stores the unit, or counts it as a duplicate or a bad unit: true when
  // stored.
  bool StoreUnit(const PreparedUnit::Data& prepared) {
    ++report.units_read;
    const TranslationUnit& unit = prepared.unit;
    if (!prepared.problem.empty()) {
      Report(unit, prepared.problem);
      return false;
    }
    const int64_t source_key = prepared.source_key;
    const int64_t content_key = prepared.content_key;

    std::vector<int64_t> same_source;
    if (!stored_sources || stored_sources->MayContain(source_key)) {
      Query q = store->Prepare("SELECT id, content_key FROM unit WHERE source_key = ?");
      q->bind(1, source_key);
      while (q->executeStep()) {
        if (q->getColumn(1).getInt64() == content_key) {
          ++report.duplicates;  // identical: stored once, whatever the policy
          return false;
        }
        same_source.push_back(q->getColumn(0).getInt64());
      }
    }
    if (!same_source.empty()) {
      ++report.duplicates;
      if (options.on_duplicate == OnDuplicate::kSkip) return false;
      if (options.on_duplicate == OnDuplicate::kOverwrite) {
        for (int64_t id : same_source) DeleteUnit(id);
      }
    }

    {
      Query q = store->Prepare(
          "INSERT INTO unit(tuid, origin_file, origin_line, origin_column, origin_record, created, changed, "
          "imported, source_key, content_key, extras) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      // The strings outlive the statement's execution: no copies.
      q->bindNoCopy(1, unit.id);
      q->bindNoCopy(2, options.origin.empty() ? unit.origin.file : options.origin);
      q->bind(3, unit.origin.line);
      q->bind(4, unit.origin.column);
      q->bindNoCopy(5, unit.origin.record);
      BindTime(*q, 6, unit.created);
      BindTime(*q, 7, unit.changed);
      q->bind(8, now);
      q->bind(9, source_key);
      q->bind(10, content_key);
      const std::string extras = EncodeExtras(unit.attributes, unit.properties, unit.notes);
      BindBlobOrNull(*q, 11, extras);
      q->exec();
    }
    const int64_t unit_id = store->db.getLastInsertRowid();
    if (stored_sources) stored_sources->Insert(source_key);
    for (size_t i = 0; i < unit.variants.size(); ++i) {
      AddVariant(unit_id, prepared.first_variant_id + static_cast<int64_t>(i), i, unit.variants[i],
                 prepared.token_numbers[i]);
    }
    ++report.units_stored;
    return true;
  }

  void FlushDocumentFrequencies() {
    for (const auto& [base_id, deltas] : df_delta) {
      for (size_t token_id = 0; token_id < deltas.size(); ++token_id) {
        if (deltas[token_id] == 0) continue;
        Query q = store->Prepare(
            "INSERT INTO term(base_id, token_id, df) VALUES(?, ?, ?) "
            "ON CONFLICT(base_id, token_id) DO UPDATE SET df = df + excluded.df");
        q->bind(1, base_id);
        q->bind(2, static_cast<int64_t>(token_id));
        q->bind(3, deltas[token_id]);
        q->exec();
      }
    }
    df_delta.clear();
  }
};

ImportSession::ImportSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ImportSession::ImportSession(ImportSession&&) noexcept = default;
ImportSession& ImportSession::operator=(ImportSession&& other) noexcept {
  if (this != &other) {
    if (impl_) impl_->Rollback();
    impl_ = std::move(other.impl_);
  }
  return *this;
}
ImportSession::~ImportSession() {
  if (impl_) impl_->Rollback();
}

void ImportSession::Add(const TranslationUnit& unit) { Add(Prepare(unit)); }

void ImportSession::Add(const PreparedUnit& unit) {
  assert(impl_ && !impl_->finished);
  try {
    impl_->Add(*unit.data_);
  } catch (const SQLite::Exception& e) {
    throw impl_->store->Fail("import", e);
  }
}

PreparedUnit ImportSession::Prepare(TranslationUnit unit) {
  assert(impl_);  // not `finished`: Commit and Rollback write it on another thread
  Preparer& preparer = impl_->preparer;
  auto data = std::make_unique<PreparedUnit::Data>();
  data->problem = ProblemOf(unit);
  if (data->problem.empty()) {
    try {
      // NFC once per variant, for the keys and the tokens.
      std::vector<std::string> nfc;
      std::vector<std::pair<std::string_view, std::string_view>> contents;  // (language, NFC text)
      for (const Variant& v : unit.variants) nfc.push_back(text::Nfc(v.text));
      for (size_t i = 0; i < unit.variants.size(); ++i)
        contents.emplace_back(unit.variants[i].language.str(), nfc[i]);
      Fnv1a source_key;
      const auto& source = contents[SourceVariantIndex(unit)];
      source_key.Add(source.first);
      source_key.Add(source.second);
      std::sort(contents.begin(), contents.end());
      Fnv1a content_key;
      for (const auto& [language, text] : contents) {
        content_key.Add(language);
        content_key.Add(text);
      }
      data->source_key = source_key.value();
      data->content_key = content_key.value();
      const size_t n = unit.variants.size();
      if (preparer.key_bytes.size() < n) {
        preparer.key_bytes.resize(n);
        preparer.key_ends.resize(n);
      }
      for (size_t i = 0; i < n; ++i) {
        const Variant& v = unit.variants[i];
        auto [it, inserted] = preparer.base_of_tag.try_emplace(v.language.str());
        if (inserted) {
          it->second.tag = Store::Impl::BaseTag(v.language);
          it->second.granularity = fuzzy::GranularityFor(LanguageTag(it->second.tag));
        }
        preparer.key_bytes[i].clear();
        preparer.key_ends[i].clear();
        fuzzy::AppendTokenKeys(nfc[i], it->second.granularity, preparer.key_bytes[i], preparer.key_ends[i]);
      }
      // Numbers, ids and trigrams last: nothing above may leave them half
      // given.
      if (preparer.token_numbers.size() > impl_->options.max_token_numbers) {
        preparer.token_numbers.Clear();
        data->token_numbers_restart = true;
      }
      for (size_t i = 0; i < n; ++i) {
        const std::string_view keys = preparer.key_bytes[i];
        std::vector<uint32_t>& numbers = data->token_numbers.emplace_back();
        numbers.reserve(preparer.key_ends[i].size());
        size_t begin = 0;
        for (const size_t end : preparer.key_ends[i]) {
          const std::string_view key = keys.substr(begin, end - begin);
          begin = end;
          bool is_new = false;
          numbers.push_back(preparer.token_numbers.Number(key, is_new));
          if (is_new) data->new_tokens.emplace_back(key);
        }
      }
      data->first_variant_id = preparer.last_variant_id + 1;
      for (const Variant& v : unit.variants) {
        const std::string& base_tag = preparer.base_of_tag.at(v.language.str()).tag;
        const auto [base, inserted] =
            preparer.base_index.try_emplace(base_tag, static_cast<int64_t>(preparer.base_index.size()));
        if (inserted) data->new_base_tags.push_back(base_tag);
        text::LoweredTrigrams(v.text, preparer.scratch);
        preparer.trigrams.Add(base->second, ++preparer.last_variant_id, preparer.scratch);
      }
      if (preparer.trigrams.pending_bytes() > kTrigramBudgetBytes)
        data->trigram_rows = preparer.trigrams.Seal();
    } catch (const ParseError& e) {
      // ProblemOf checked the text; only a bug in that check gets here.
      data->problem = e.message();
    }
  }
  data->unit = std::move(unit);
  return PreparedUnit(std::move(data));
}

PreparedUnit::PreparedUnit(std::unique_ptr<Data> data) : data_(std::move(data)) {}
PreparedUnit::PreparedUnit(PreparedUnit&&) noexcept = default;
PreparedUnit& PreparedUnit::operator=(PreparedUnit&&) noexcept = default;
PreparedUnit::~PreparedUnit() = default;
const TranslationUnit& PreparedUnit::unit() const { return data_->unit; }

ImportReport ImportSession::Commit() {
  assert(impl_ && !impl_->finished);
  try {
    impl_->FlushPostings();
    impl_->FlushDocumentFrequencies();
    impl_->FlushTextIndex();
    impl_->StoreLastVariantId();
    impl_->store->db.exec("COMMIT");
    impl_->store->EndImportSettings();
  } catch (const SQLite::Exception& e) {
    impl_->Rollback();
    throw impl_->store->Fail("import commit", e);
  }
  impl_->finished = true;
  impl_->store->flush_pending = nullptr;
  impl_->store->session_open = false;
  return std::move(impl_->report);
}

const ImportReport& ImportSession::report() const { return impl_->report; }

// --------------------------------------------------------------------- Store

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }

Store Store::Open(const std::string& path, const StoreOptions& options) {
  // SQLite's memory statistics take a global mutex on every allocation
  // (2% of an import's storing thread); nothing here reads them. Only
  // possible before SQLite initialises: later calls are refused, harmlessly.
  static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kNoMemoryStatistics;
  const InputLocation where{.file = path};
  if ((!options.create_if_missing || options.read_only) && !std::filesystem::exists(path)) {
    throw StoreError("no translation memory at this path", where);
  }
  // No per-call mutex: a Store is used by one thread at a time (store.h), and
  // SQLite's serialising lock was 3 % of an import's CPU.
  const int flags =
      (options.read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) |
      SQLite::OPEN_NOMUTEX;
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(path, flags);
    impl->read_only = options.read_only;
    // 16 KiB pages for a new file (SQLite ignores this for an existing one):
    // a million-unit import writes and re-reads a quarter as many pages
    // (user CPU -12%, system CPU -25%, docs/formats.md), lookups alike.
    if (!options.read_only) impl->db.exec("PRAGMA page_size = 16384");
    if (!options.read_only) impl->db.exec("PRAGMA journal_mode = WAL");
    impl->db.exec("PRAGMA synchronous = NORMAL");
    // 64 MiB of page cache, and reads through mmap (up to 4 GiB of address
    // space, not memory): a lookup touches a few hundred scattered pages, and
    // mmap saves a read() call for each one the OS already caches.
    impl->cache_size_pragma = options.whole_scan ? "PRAGMA cache_size = -2048" : "PRAGMA cache_size = -65536";
    impl->db.exec(impl->cache_size_pragma);
    impl->mmap_size_pragma = options.whole_scan ? "PRAGMA mmap_size = 0" : "PRAGMA mmap_size = 4294967296";
    const int version = SchemaVersion(impl->db);
    if (version > kSchemaVersion) {
      throw StoreError("schema version " + std::to_string(version) + " is newer than this tmkit reads (" +
                           std::to_string(kSchemaVersion) + ")",
                       where);
    }
    if (version == 0 && impl->db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() > 0) {
      throw StoreError("not a tmkit translation memory (an SQLite database with other tables)", where);
    }
    if (version < kSchemaVersion) {
      if (options.read_only) {
        throw StoreError("schema version " + std::to_string(version) + " must be migrated to " +
                             std::to_string(kSchemaVersion) + "; open it once without read-only",
                         where);
      }
      // Without mmap: a migration reads the whole file, and every page
      // read through the map would count as this process's memory. And a
      // small page cache: SQLite's sorter (an index rebuilt) takes as much
      // again (1M units, version 4 to 5: 137 MB peak with 64 MB).
      impl->db.exec("PRAGMA cache_size = -16384");
      MigrateSchema(impl->db);
      impl->db.exec(impl->cache_size_pragma);
    }
    impl->db.exec(impl->mmap_size_pragma);
  } catch (const SQLite::Exception& e) {
    throw StoreError(std::string("cannot open translation memory: ") + e.what(), where);
  }
  return Store(std::move(impl));
}

ImportSession Store::BeginImport(const ImportOptions& options) {
  if (impl_->read_only)
    throw StoreError("cannot import: opened read-only", InputLocation{.file = impl_->path});
  if (impl_->session_open) {
    throw StoreError("cannot import: another import session of this Store is open",
                     InputLocation{.file = impl_->path});
  }
  std::unique_ptr<ImportSession::Impl> session;
  try {
    impl_->BeginImportSettings();
    impl_->db.exec("BEGIN IMMEDIATE");
    try {
      session = std::make_unique<ImportSession::Impl>(impl_.get(), options);
    } catch (const SQLite::Exception&) {
      impl_->db.tryExec("ROLLBACK");
      throw;
    }
  } catch (const SQLite::Exception& e) {
    impl_->EndImportSettings();
    throw impl_->Fail("cannot begin import", e);
  }
  impl_->session_open = true;
  impl_->flush_pending = [s = session.get()](bool text_index) {
    s->FlushPostings();
    s->FlushDocumentFrequencies();
    if (text_index) s->FlushTextIndex();
  };
  return ImportSession(std::move(session));
}

ImportReport Store::Import(std::span<const TranslationUnit> units, const ImportOptions& options) {
  ImportSession session = BeginImport(options);
  for (const TranslationUnit& unit : units) session.Add(unit);
  return session.Commit();
}

std::optional<TranslationUnit> Store::FindUnit(int64_t unit_id) const {
  try {
    ReadTransaction snapshot(impl_->db);
    return impl_->LoadUnit(unit_id);
  } catch (const SQLite::Exception& e) {
    throw impl_->Fail("reading unit " + std::to_string(unit_id), e);
  }
}

void Store::ForEachUnit(const ExportFilter& filter,
                        const std::function<void(const TranslationUnit&)>& visit) const {
  auto within_any = [&filter](const Variant& v) {
    return std::any_of(filter.languages.begin(), filter.languages.end(),
                       [&v](const LanguageTag& l) { return v.language.IsWithin(l); });
  };
  try {
    // One snapshot for the whole export.
    ReadTransaction snapshot(impl_->db);
    SQLite::Statement ids(impl_->db, "SELECT id FROM unit ORDER BY id");
    while (ids.executeStep()) {
      std::optional<TranslationUnit> unit = impl_->LoadUnit(ids.getColumn(0).getInt64());
      if (!unit) continue;
      if (!filter.languages.empty()) {
        const bool has_all =
            std::all_of(filter.languages.begin(), filter.languages.end(), [&](const LanguageTag& l) {
              return std::any_of(unit->variants.begin(), unit->variants.end(),
                                 [&l](const Variant& v) { return v.language.IsWithin(l); });
            });
        if (!has_all) continue;
        std::erase_if(unit->variants, [&](const Variant& v) { return !within_any(v); });
      }
      visit(*unit);
    }
  } catch (const SQLite::Exception& e) {
    throw impl_->Fail("reading units", e);
  }
}

bool Store::RecordUse(int64_t unit_id) {
  if (impl_->read_only)
    throw StoreError("cannot record use: opened read-only", InputLocation{.file = impl_->path});
  try {
    Query q =
        impl_->Prepare("UPDATE unit SET usage_count = usage_count + 1, last_used = unixepoch() WHERE id = ?");
    q->bind(1, unit_id);
    return q->exec() > 0;
  } catch (const SQLite::Exception& e) {
    throw impl_->Fail("recording use", e);
  }
}

StoreStats Store::Stats() const {
  StoreStats stats;
  stats.path = impl_->path;
  try {
    SQLite::Database& db = impl_->db;
    ReadTransaction snapshot(db);
    stats.schema_version = SchemaVersion(db);
    stats.units = static_cast<size_t>(db.execAndGet("SELECT count(*) FROM unit").getInt64());
    stats.variants = static_cast<size_t>(db.execAndGet("SELECT count(*) FROM variant").getInt64());
    SQLite::Statement languages(
        db,
        "SELECT l.tag, count(*) FROM variant v JOIN language l ON l.id = v.language_id "
        "GROUP BY l.tag ORDER BY l.tag");
    while (languages.executeStep()) {
      stats.languages.push_back(
          {languages.getColumn(0).getString(), static_cast<size_t>(languages.getColumn(1).getInt64())});
    }
    SQLite::Statement pairs(
        db,
        "SELECT la.tag, lb.tag, count(DISTINCT a.unit_id) FROM variant a "
        "JOIN variant b ON b.unit_id = a.unit_id "
        "JOIN language la ON la.id = a.language_id JOIN language lb ON lb.id = b.language_id "
        "WHERE la.tag < lb.tag GROUP BY la.tag, lb.tag ORDER BY la.tag, lb.tag");
    while (pairs.executeStep()) {
      stats.pairs.push_back({pairs.getColumn(0).getString(), pairs.getColumn(1).getString(),
                             static_cast<size_t>(pairs.getColumn(2).getInt64())});
    }
    stats.size_bytes = static_cast<uint64_t>(db.execAndGet("PRAGMA page_count").getInt64()) *
                       static_cast<uint64_t>(db.execAndGet("PRAGMA page_size").getInt64());
  } catch (const SQLite::Exception& e) {
    throw impl_->Fail("reading stats", e);
  }
  return stats;
}

}  // namespace tmkit::tm
