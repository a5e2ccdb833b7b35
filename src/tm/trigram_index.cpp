#include "tm/trigram_index.h"

#include <algorithm>
#include <bit>
#include <tuple>

namespace tmkit::tm {
namespace {

constexpr size_t kInitialSlots = 4096;

int ShiftFor(size_t slots) { return 64 - std::countr_zero(slots); }

}  // namespace

void AppendVariantDelta(std::string& blob, int64_t& previous, int64_t variant_id) {
  auto delta = static_cast<uint64_t>(variant_id - previous);
  while (delta >= 0x80) {
    blob.push_back(static_cast<char>((delta & 0x7F) | 0x80));
    delta >>= 7;
  }
  blob.push_back(static_cast<char>(delta));
  previous = variant_id;
}

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

TrigramIndexBuilder::Entry& TrigramIndexBuilder::Insert(int64_t base_id, uint64_t trigram, size_t empty_slot) {
  // At most half full: probes stay short.
  if (2 * (entries_.size() + 1) > slots_.size()) {
    Grow();
    return Find(base_id, trigram);
  }
  slots_[empty_slot] = {trigram, static_cast<uint32_t>(base_id), static_cast<uint32_t>(entries_.size() + 1)};
  Entry& entry = entries_.emplace_back();
  entry.trigram = trigram;
  entry.base_id = base_id;
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
    size_t i = Home(entry.base_id, entry.trigram);
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

void TrigramIndexBuilder::Flush(SQLite::Database& db) {
  if (entries_.empty()) return;
  std::vector<const Entry*> entries;
  entries.reserve(entries_.size());
  for (const Entry& entry : entries_) entries.push_back(&entry);
  // Key order: each insert lands next to the previous one in the B-tree.
  std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) {
    return std::tie(a->base_id, a->trigram) < std::tie(b->base_id, b->trigram);
  });
  SQLite::Statement insert(db, "INSERT INTO trigram_block VALUES(?, ?, ?, ?, ?)");
  for (const Entry* entry : entries) {
    insert.bind(1, entry->base_id);
    insert.bind(2, static_cast<int64_t>(entry->trigram));
    insert.bind(3, entry->first_variant);
    insert.bind(4, static_cast<int64_t>(entry->count));
    insert.bindNoCopy(5, entry->variants.data(), static_cast<int>(entry->variants.size()));
    insert.exec();
    insert.reset();
  }
  std::vector<Slot>(kInitialSlots).swap(slots_);
  shift_ = ShiftFor(kInitialSlots);
  std::vector<Entry>().swap(entries_);
  pending_bytes_ = 0;
}

}  // namespace tmkit::tm
