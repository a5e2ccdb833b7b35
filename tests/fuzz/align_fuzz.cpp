// Fuzzes the aligner: bytes → two sequences of sentences (lengths, a few
// shared tokens, paragraph breaks) → beads. Checks that the beads cover both
// sides exactly once, in order, with confidences in [0, 1], for the length
// model alone and for the full model.
#include <cstdint>
#include <string>
#include <vector>

#include "align/gale_church.h"
#include "core/segment.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// Each input byte makes one sentence: the low 6 bits its length in words,
// bit 6 a shared number anchor, bit 7 a paragraph break before it. A 0xFF
// byte switches from the source side to the target side.
void Build(const uint8_t* data, size_t size, std::vector<tmkit::Segment>& src, std::vector<tmkit::Segment>& tgt) {
  std::vector<tmkit::Segment>* side = &src;
  size_t paragraph = 0;
  for (size_t i = 0; i < size && src.size() + tgt.size() < 4000; ++i) {
    if (data[i] == 0xFF && side == &src) {
      side = &tgt;
      paragraph = 0;
      continue;
    }
    if (data[i] & 0x80) ++paragraph;
    tmkit::Segment segment;
    const int words = data[i] & 0x3F;
    for (int w = 0; w < words; ++w) segment.text += w ? " word" : "Word";
    if (data[i] & 0x40) segment.text += " " + std::to_string(i % 97);
    segment.text += ".";
    segment.length = segment.text.size();
    segment.paragraph = paragraph;
    side->push_back(std::move(segment));
  }
}

void CheckBeads(const tmkit::align::Alignment& alignment, size_t n, size_t m) {
  TMKIT_FUZZ_CHECK(tmkit::align::CoversInOrder(alignment.beads, n, m));
  for (const tmkit::align::Bead& bead : alignment.beads) {
    TMKIT_FUZZ_CHECK(bead.confidence >= 0.0 && bead.confidence <= 1.0);
    TMKIT_FUZZ_CHECK(bead.src_count + bead.tgt_count > 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<tmkit::Segment> src;
  std::vector<tmkit::Segment> tgt;
  Build(data, size, src, tgt);
  std::vector<size_t> src_lengths;
  std::vector<size_t> tgt_lengths;
  for (const tmkit::Segment& s : src) src_lengths.push_back(s.length);
  for (const tmkit::Segment& s : tgt) tgt_lengths.push_back(s.length);
  CheckBeads(tmkit::align::AlignLengths(src_lengths, tgt_lengths, {}), src.size(), tgt.size());
  CheckBeads(tmkit::align::Align(src, tgt, {}), src.size(), tgt.size());
  return 0;
}
