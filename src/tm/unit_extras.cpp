// The blobs of schema 5 that hold what hangs off a unit or a variant besides
// its text (store_internal.h, "Extras"). Persisted: the layout never changes.
#include <algorithm>
#include <limits>

#include "tm/store_internal.h"

namespace tmkit::tm {
namespace {

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutString(std::string& out, std::string_view text) {
  PutVarint(out, text.size());
  out.append(text);
}

// Reads a blob front to back; every read fails (false) instead of running
// past the end, so a damaged file is reported, never read out of bounds.
class BlobReader {
 public:
  BlobReader(const void* bytes, size_t size)
      : at_(static_cast<const unsigned char*>(bytes)), end_(at_ + (bytes == nullptr ? 0 : size)) {}

  bool Varint(uint64_t& value) { return ReadVarint(at_, end_, value); }
  // A count of records that each take at least one byte: never more than
  // the bytes left (a damaged count must not reserve gigabytes).
  bool Count(size_t& count) {
    uint64_t value = 0;
    if (!Varint(value) || value > static_cast<uint64_t>(end_ - at_)) return false;
    count = static_cast<size_t>(value);
    return true;
  }
  bool String(std::string& text) {
    uint64_t size = 0;
    if (!Varint(size) || size > static_cast<uint64_t>(end_ - at_)) return false;
    text.assign(reinterpret_cast<const char*>(at_), static_cast<size_t>(size));
    at_ += size;
    return true;
  }
  bool AtEnd() const { return at_ == end_; }

 private:
  const unsigned char* at_;
  const unsigned char* end_;
};

// Reads a count, then that many items with read_one(in, item); false at
// the first item that cannot be read.
template <typename T, typename ReadOne>
bool ReadList(BlobReader& in, std::vector<T>& items, ReadOne read_one) {
  size_t count = 0;
  if (!in.Count(count)) return false;
  items.resize(count);
  return std::all_of(items.begin(), items.end(), [&](T& item) { return read_one(in, item); });
}

}  // namespace

std::string EncodeExtras(const std::vector<Attribute>& attributes, const std::vector<Property>& properties,
                         const std::vector<Note>& notes) {
  std::string out;
  if (attributes.empty() && properties.empty() && notes.empty()) return out;
  PutVarint(out, attributes.size());
  for (const auto& [name, value] : attributes) {
    PutString(out, name);
    PutString(out, value);
  }
  PutVarint(out, properties.size());
  for (const Property& p : properties) {
    PutString(out, p.type);
    PutString(out, p.value);
    PutString(out, p.language);
    PutString(out, p.o_encoding);
  }
  PutVarint(out, notes.size());
  for (const Note& n : notes) {
    PutString(out, n.text);
    PutString(out, n.language);
    PutString(out, n.o_encoding);
  }
  return out;
}

bool DecodeExtras(const void* bytes, size_t size, std::vector<Attribute>& attributes,
                  std::vector<Property>& properties, std::vector<Note>& notes) {
  attributes.clear();
  properties.clear();
  notes.clear();
  if (size == 0) return true;
  BlobReader in(bytes, size);
  return ReadList(in, attributes,
                  [](BlobReader& r, Attribute& a) { return r.String(a.first) && r.String(a.second); }) &&
         ReadList(in, properties,
                  [](BlobReader& r, Property& p) {
                    return r.String(p.type) && r.String(p.value) && r.String(p.language) &&
                           r.String(p.o_encoding);
                  }) &&
         ReadList(in, notes,
                  [](BlobReader& r, Note& n) {
                    return r.String(n.text) && r.String(n.language) && r.String(n.o_encoding);
                  }) &&
         in.AtEnd();
}

std::string EncodeInlineTags(const std::vector<InlineTag>& tags) {
  std::string out;
  if (tags.empty()) return out;
  PutVarint(out, tags.size());
  for (const InlineTag& tag : tags) {
    PutVarint(out, static_cast<uint64_t>(tag.kind));
    PutVarint(out, tag.offset_bytes);
    PutString(out, tag.markup);
  }
  return out;
}

bool DecodeInlineTags(const void* bytes, size_t size, std::vector<InlineTag>& tags) {
  tags.clear();
  if (size == 0) return true;
  BlobReader in(bytes, size);
  return ReadList(in, tags,
                  [](BlobReader& r, InlineTag& tag) {
                    uint64_t kind = 0;
                    uint64_t offset = 0;
                    if (!r.Varint(kind) || !r.Varint(offset) || !r.String(tag.markup)) return false;
                    if (kind < static_cast<uint64_t>(InlineTagKind::kBpt) ||
                        kind > static_cast<uint64_t>(InlineTagKind::kUt) ||
                        offset > std::numeric_limits<size_t>::max()) {
                      return false;
                    }
                    tag.kind = static_cast<InlineTagKind>(kind);
                    tag.offset_bytes = static_cast<size_t>(offset);
                    return true;
                  }) &&
         in.AtEnd();
}

}  // namespace tmkit::tm
