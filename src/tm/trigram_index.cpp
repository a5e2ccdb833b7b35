#include "tm/trigram_index.h"

#include <algorithm>
#include <bit>
#include <tuple>

namespace tmkit::tm {
namespace {

constexpr size_t kInitialSlots = 4096;

int ShiftFor(size_t slots) { return 64 - std::countr_zero(slots); }

}  // namespace

bool DecodeTrigramBlock(int64_t first_variant, const void* bytes, size_t size, std::vector<int64_t>& out) {
  const auto* p = static_cast<const unsigned char*>(bytes);
  const auto* const end = p + size;
  int64_t id = first_variant;
  while (p != end) {
    uint64_t delta = 0;
    for (int shift = 0;; shift += 7) {
      if (p == end || shift >= 63) return false;
      const unsigned char byte = *p++;
      delta |= uint64_t{byte & 0x7Fu} << shift;
      if ((byte & 0x80) == 0) break;
    }
    // Ids only grow within a block; a huge delta is damage, not data.
    if (delta > static_cast<uint64_t>(INT64_MAX - id)) return false;
    id += static_cast<int64_t>(delta);
    out.push_back(id);
  }
  return true;
}

TrigramIndexBuilder::TrigramIndexBuilder() : slots_(kInitialSlots), shift_(ShiftFor(kInitialSlots)) {}
TrigramIndexBuilder::~TrigramIndexBuilder() = default;

TrigramIndexBuilder::Entry& TrigramIndexBuilder::Insert(int64_t base_id, uint64_t trigram,
                                                        size_t empty_slot) {
  // At most half full: probes stay short.
  if (2 * (entries_.size() + 1) > slots_.size()) {
    Grow();
    return Find(base_id, trigram);
  }
  slots_[empty_slot] = {trigram, static_cast<uint32_t>(base_id), static_cast<uint32_t>(entries_.size() + 1)};
  Entry& entry = entries_.emplace_back();
  entry.trigram = trigram;
  entry.base = base_id;
  pending_bytes_ += sizeof(Entry) + 2 * sizeof(Slot);
  return entry;
}

void TrigramIndexBuilder::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  shift_ = ShiftFor(slots_.size());
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.entry == 0) continue;
    const Entry& entry = entries_[slot.entry - 1];
    size_t i = Home(entry.base, entry.trigram);
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void TrigramIndexBuilder::Add(int64_t base_id, int64_t variant_id, std::span<const uint64_t> trigrams) {
  for (const uint64_t trigram : trigrams) {
    Entry& entry = Find(base_id, trigram);
    if (entry.count == 0) {
      entry.first_variant = entry.last_variant = variant_id;
    } else if (entry.last_variant == variant_id) {
      continue;  // a repeat within the variant
    }
    const size_t before = entry.variants.capacity();
    AppendVariantDelta(entry.variants, entry.last_variant, variant_id);
    ++entry.count;
    pending_bytes_ += entry.variants.capacity() - before;
  }
}

std::vector<TrigramRow> TrigramIndexBuilder::Seal() {
  std::vector<TrigramRow> rows;
  rows.swap(entries_);
  // Key order: each insert lands next to the previous one in the B-tree.
  std::sort(rows.begin(), rows.end(), [](const TrigramRow& a, const TrigramRow& b) {
    return std::tie(a.base, a.trigram) < std::tie(b.base, b.trigram);
  });
  std::vector<Slot>(kInitialSlots).swap(slots_);
  shift_ = ShiftFor(kInitialSlots);
  pending_bytes_ = 0;
  return rows;
}

void WriteTrigramRows(SQLite::Database& db, const std::vector<TrigramRow>& rows,
                      const std::function<int64_t(int64_t)>& base_id_of, const SkippedVariants& skipped) {
  SQLite::Statement insert(db, "INSERT INTO trigram_block VALUES(?, ?, ?, ?, ?)");
  std::vector<int64_t> ids;
  std::string kept;
  for (const TrigramRow& row : rows) {
    const std::string* blob = &row.variants;
    int64_t first = row.first_variant;
    uint32_t count = row.count;
    // The first skipped range that ends at or after the row's first id.
    const auto range =
        std::lower_bound(skipped.begin(), skipped.end(), row.first_variant,
                         [](const std::pair<int64_t, int64_t>& r, int64_t id) { return r.second < id; });
    if (range != skipped.end() && range->first <= row.last_variant) {
      ids.clear();
      DecodeTrigramBlock(row.first_variant, row.variants.data(), row.variants.size(), ids);
      kept.clear();
      count = 0;
      int64_t previous = 0;
      auto r = range;
      for (const int64_t id : ids) {
        while (r != skipped.end() && r->second < id) ++r;
        if (r != skipped.end() && r->first <= id) continue;
        if (count++ == 0) first = previous = id;
        AppendVariantDelta(kept, previous, id);
      }
      if (count == 0) continue;
      blob = &kept;
    }
    insert.bind(1, base_id_of(row.base));
    insert.bind(2, static_cast<int64_t>(row.trigram));
    insert.bind(3, first);
    insert.bind(4, static_cast<int64_t>(count));
    insert.bindNoCopy(5, blob->data(), static_cast<int>(blob->size()));
    insert.exec();
    insert.reset();
  }
}

}  // namespace tmkit::tm
