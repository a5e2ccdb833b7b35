// Private to tm/: the concordance index (schema 4, table trigram_block). For
// each (base language, trigram key of text::LoweredTrigrams) it lists the
// variants whose text holds that trigram, in variant id order, in blocks:
// one row per key and import batch. A concordance intersects the lists of
// the text's rarest trigrams and checks each candidate's text itself
// (text::FindIgnoringCase), so the index may hold more than is true (the
// ids of deleted variants stay until the TM is rebuilt: a candidate whose
// variant is gone is skipped) but never less.
//
// Built in memory during an import (TrigramIndexBuilder, on the reading
// thread, from trigrams of text::LoweredTrigrams) and written as blocks by
// the storing thread (WriteTrigramRows): what SQLite's FTS5 did at commit
// was about 40% of the storing thread's work (docs/formats.md, "Import
// speed").
#ifndef TMKIT_TM_TRIGRAM_INDEX_H_
#define TMKIT_TM_TRIGRAM_INDEX_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace tmkit::tm {

// A block's `variants` blob: per variant, its id as a varint delta from the
// previous one (from the row's first_variant for the first, so that delta is
// 0). Persisted: never change the layout.
// Inline: an import appends every (variant, trigram) pair here.
inline void AppendVariantDelta(std::string& blob, int64_t& previous, int64_t variant_id) {
  auto delta = static_cast<uint64_t>(variant_id - previous);
  previous = variant_id;
  while (delta >= 0x80) {
    blob.push_back(static_cast<char>((delta & 0x7F) | 0x80));
    delta >>= 7;
  }
  blob.push_back(static_cast<char>(delta));
}
// The ids of a block, appended to `out`. Returns false when the blob is
// malformed (a damaged file): the caller reports it.
bool DecodeTrigramBlock(int64_t first_variant, const void* bytes, size_t size, std::vector<int64_t>& out);

// How much an import (or a migration) lets a TrigramIndexBuilder hold before
// it seals a batch: each batch adds a row per distinct key, so larger
// batches mean fewer rows for a concordance to read; 8 MB keeps an import's
// peak RSS under 100 MB with its 40 MB page cache and posting batch.
inline constexpr size_t kTrigramBudgetBytes = size_t{8} << 20;

// One trigram_block row to be: the variants added for one (base, trigram).
struct TrigramRow {
  uint64_t trigram = 0;
  int64_t base = 0;  // whatever the builder's caller keys languages by
  int64_t first_variant = 0;
  int64_t last_variant = 0;
  uint32_t count = 0;
  std::string variants;  // the blob: AppendVariantDelta from first_variant
};

// Ranges [first, last] of variant ids that were given but not stored (units
// skipped as duplicates or bad after their trigrams were collected), in
// ascending order: WriteTrigramRows leaves them out.
using SkippedVariants = std::vector<std::pair<int64_t, int64_t>>;

// Writes `rows` into trigram_block, `base_id_of(row.base)` as each row's
// base_id, without the ids in `skipped` (a row left empty is not written).
// Throws SQLite::Exception.
void WriteTrigramRows(SQLite::Database& db, const std::vector<TrigramRow>& rows,
                      const std::function<int64_t(int64_t)>& base_id_of, const SkippedVariants& skipped);

// Collects the trigrams of the variants of an import in memory, for
// WriteTrigramRows. Memory: about 1.2 bytes per (variant, distinct trigram)
// and 80 bytes per distinct key; the caller seals a batch when
// pending_bytes() passes its budget. Touches no database: an import runs it
// on its reading thread.
class TrigramIndexBuilder {
 public:
  TrigramIndexBuilder();
  ~TrigramIndexBuilder();
  TrigramIndexBuilder(const TrigramIndexBuilder&) = delete;
  TrigramIndexBuilder& operator=(const TrigramIndexBuilder&) = delete;

  // Adds a variant of language `base` (any key the caller chooses);
  // `trigrams` may repeat (text::LoweredTrigrams keeps them). REQUIRES:
  // `variant_id` greater than every id added before (and than every id
  // already in the table).
  void Add(int64_t base, int64_t variant_id, std::span<const uint64_t> trigrams);

  // Bytes held for the variants added since the last Seal.
  size_t pending_bytes() const { return pending_bytes_; }

  // One row per (base, trigram) added since the last Seal, in key order;
  // the builder is then empty.
  std::vector<TrigramRow> Seal();

 private:
  using Entry = TrigramRow;
  // The hash table holds only what a probe compares, 16 bytes a slot, so
  // that it stays in the processor's cache: an import adds every trigram of
  // every variant here.
  struct Slot {
    uint64_t trigram = 0;
    uint32_t base_low = 0;  // the low 32 bits of the base id
    uint32_t entry = 0;     // index into entries_ plus one; 0: empty
  };
  // The entry of a key: found inline (every trigram of every variant comes
  // here), added out of line.
  Entry& Find(int64_t base_id, uint64_t trigram) {
    const auto base_low = static_cast<uint32_t>(base_id);
    const size_t mask = slots_.size() - 1;
    for (size_t i = Home(base_id, trigram);; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return Insert(base_id, trigram, i);
      if (slot.trigram == trigram && slot.base_low == base_low) {
        Entry& entry = entries_[slot.entry - 1];
        if (entry.base == base_id) return entry;
      }
    }
  }
  // Where a key's probe starts. Fibonacci hashing: the high bits of one
  // multiplication.
  size_t Home(int64_t base_id, uint64_t trigram) const {
    const uint64_t hash = (trigram ^ (static_cast<uint64_t>(base_id) << 59)) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(hash >> shift_);
  }
  Entry& Insert(int64_t base_id, uint64_t trigram, size_t empty_slot);
  void Grow();

  std::vector<Slot> slots_;  // open addressing, linear probing; size a power of two
  int shift_ = 0;            // 64 - log2(slots_.size())
  std::vector<Entry> entries_;
  size_t pending_bytes_ = 0;
};

}  // namespace tmkit::tm

#endif  // TMKIT_TM_TRIGRAM_INDEX_H_
