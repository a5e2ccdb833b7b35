// Sentence alignment: two sequences of segments (a text and its translation)
// in, beads out.
//
// The model is Gale & Church (1993), "A Program for Aligning Sentences in
// Bilingual Corpora", Computational Linguistics 19(1): 75-102: the cost of a
// bead is -log P(bead type) - log P(length difference | bead type), with
// lengths in code points after NFC. Align() adds what the length model lacks:
// the ratio c and variance s² estimated from the pair itself, cheap lexical
// anchors (numbers, names, cognates, punctuation), a lexical model trained on
// the pair itself (IBM Model 1 on the confident beads of a first pass, after
// Moore 2002), paragraph boundaries and punctuation (how the sentences of a
// bead end, and whether a sentence split in translation has a mark where it
// splits) as evidence. docs/alignment.md has the details and the measured
// numbers.
//
// Invariant of every Alignment returned here: its beads cover every source
// segment and every target segment exactly once, in order. That is, beads[0]
// starts at (0, 0); each bead starts where the previous one ended
// (src_begin + src_count, tgt_begin + tgt_count); the last ends at
// (src size, tgt size); and no bead is empty (0-0).
//
// Search memory grows linearly with the input: the dynamic programme runs in
// a band around a first path found coarse to fine (blocks of 8 segments,
// recursively), widened where the best path touches the band's edge (a
// missing page), never over the full n×m table (except in
// AlignLengthsFullTable, the benchmark baseline).
//
// All functions are pure and thread-safe; the results own their data.
#ifndef TMKIT_ALIGN_GALE_CHURCH_H_
#define TMKIT_ALIGN_GALE_CHURCH_H_

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "align/dictionary.h"
#include "core/segment.h"

namespace tmkit::align {

// One step of an alignment: source segments [src_begin, src_begin+src_count)
// paired with target segments [tgt_begin, tgt_begin+tgt_count). Counts are
// 0-2 (0-3 when GaleChurchParams::prior_3_1 > 0, as in Align()'s second
// pass); at most one is 0.
struct Bead {
  size_t src_begin = 0;
  size_t src_count = 0;
  size_t tgt_begin = 0;
  size_t tgt_count = 0;
  double cost = 0;        // the bead's score in the model: -log probability (nats), lower is better
  double confidence = 0;  // in [0, 1]: posterior probability of this bead (see docs/alignment.md, calibration)
  friend bool operator==(const Bead&, const Bead&) = default;
};

// The parameters of the length model. Defaults from Gale & Church (1993),
// Computational Linguistics 19(1), p. 83: c = 1 (target characters per source
// character), s² = 6.8 (variance of the difference per source character), and
// bead priors of 1-1 .89, 1-0/0-1 .0099, 2-1/1-2 .089 and 2-2 .011 (each pair
// of mirrored types shares its prior equally).
struct GaleChurchParams {
  // Expected target characters per source character. Default 1 (G&C 1993);
  // Align() estimates it from the pair (about 0.38 for English→Korean).
  double c = 1.0;
  // Variance of the target length around c·source length, per source
  // character. Default 6.8 (G&C 1993); Align() estimates it.
  double s2 = 6.8;
  double prior_1_1 = 0.89;     // probability of a 1-1 bead (G&C 1993)
  double prior_1_0 = 0.0099;   // of 1-0 and 0-1 together (G&C 1993)
  double prior_2_1 = 0.089;    // of 2-1 and 1-2 together (G&C 1993)
  double prior_2_2 = 0.011;    // of a 2-2 bead (G&C 1993)
  // Also try 3-1 and 1-3 beads, with this prior (together). 0 turns them off
  // (default: off; they cost one more DP predecessor pair per cell).
  double prior_3_1 = 0.0;
  // How a 1-0 or 0-1 bead is costed. True (default, as published): like any
  // bead, by the tail probability of its length difference, so a deleted
  // sentence of 70 characters costs about 12 nats more than its prior and
  // the model explains a missing passage with 2-1 beads instead. False: the
  // prior plus `deletion_cost` alone, which lets 1-0 beads compete (Align()
  // uses false; lexical evidence then tells deletions from merges).
  bool length_cost_for_deletions = true;
  // Extra cost of a 1-0 or 0-1 bead, in nats, when length_cost_for_deletions
  // is false. Default 1.5 (perturbed Bible, 4 books: F1 .9860 at 0.5, .9863
  // at 1.5, .9846 at 3).
  double deletion_cost = 1.5;
  // Half-width of the search band, in segments, either side of the columns
  // the first path (coarse to fine, see the top of the file) visits in each
  // row. Doubled around the rows where the best path touches the band's edge,
  // up to max_band. Default 16; memory is about 2·band + 1 bytes per source
  // segment, plus 4 bytes per band cell for Align()'s pair scores.
  size_t initial_band = 16;
  // Largest band half-width the widening may reach. Default 4096 (a missing
  // chapter); cost is time and memory proportional to it, only where needed.
  size_t max_band = 4096;
};

// The result of an alignment.
struct Alignment {
  std::vector<Bead> beads;  // cover both sides exactly once, in order (see the top of this file)
  double c = 1.0;           // the length ratio used in the final pass (estimated, or given)
  double s2 = 6.8;          // the variance used in the final pass
  size_t band = 0;          // the band half-width of the final pass, in segments
};

// Plain Gale-Church on lengths alone (code points, or any length unit),
// banded, with confidences. Empty inputs give beads of one side only (or no
// beads). Never throws except std::bad_alloc.
Alignment AlignLengths(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                       const GaleChurchParams& params);

// The same model solved over the full n×m table (no band, no confidence: 0).
// For benchmarks and tests only: memory is n·m bytes, 10⁴ × 10⁴ is 100 MB.
Alignment AlignLengthsFullTable(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                                const GaleChurchParams& params);

struct AlignOptions {
  // Starting length model and bead priors: Gale & Church (1993), except the
  // 2-2 prior, .0001 instead of .011. A 2-2 bead's length cost is that of
  // the summed lengths, whose relative spread is smaller than that of two
  // 1-1 beads, so with G&C's prior two right 1-1 beads often lost to one 2-2
  // bead (perturbed Bible, 4 books: F1 .975 with .011, .986 with .002, .990
  // with .0001, .988 with .00002, .983 with none; Debian Reference en-de
  // .9956 with .002, 1.000 with .0001; the samples and the UDHR pairs do
  // not change). The search band
  // starts at a half-width of 8, not 16: where 8 is too narrow the band
  // widens anyway, and every measured F1 (Bible, UDHR, Debian Reference,
  // samples) is the same with 4, 8 and 16; 8 is the fastest on the whole Bible.
  // 3-1 and 1-3 beads, prior .0002, in pass 2 only (pass 1 only trains the
  // models, and is faster without them): with the punctuation cues below
  // they give the UDHR's one 3-1 bead (en-zh F1 .978 → 1.000) and change
  // nothing measured elsewhere; without them (pass 2 at .0002) they cost the
  // whole Bible .0003, 3-1 beads taking a deleted verse next to a merged one.
  GaleChurchParams params{.prior_2_2 = 0.0001, .prior_3_1 = 0.0002, .initial_band = 8};
  // Re-estimate c and s² from the confident 1-1 beads of a first pass and
  // re-align (so en-ko works as well as en-fr). Default on; costs one more
  // pass.
  bool estimate_length_model = true;
  // Score cheap lexical anchors (numbers, identical and near-identical words,
  // cognates, sentence-final and paired punctuation) with the lengths.
  // Default on.
  bool use_anchors = true;
  // Train IBM Model 1 on the confident 1-1 beads of the first pass and add
  // its score in a second pass inside a band around the first path (Moore
  // 2002). Default on; costs a few EM iterations over those beads.
  bool use_lexical_model = true;
  // Paragraphs (Segment::paragraph) are evidence when both sides have more
  // than one and their counts differ by at most this ratio: a bead that ends
  // at a paragraph boundary on one side only, or spans one, costs
  // paragraph_mismatch_cost. Default 1.5; 0 never uses paragraphs.
  double max_paragraph_ratio = 1.5;
  // Cost of each such boundary, in nats. Default 4 (a 1-1 bead costs about
  // 0.1; so a boundary is kept unless the text really disagrees).
  double paragraph_mismatch_cost = 4.0;
  // Weight of the ending cue, in pass 2 (docs/alignment.md, model item 11).
  // A bead whose last source and last target sentences end in a and b (a
  // full stop, a colon or semicolon, a comma, or no punctuation:
  // align/features.h Ending) gains weight · log(P(a, b | aligned) / (P(a) ·
  // P(b))), estimated on the confident 1-1 beads of pass 1 and shrunk
  // towards 0 when there are few: a mismatch this pair rarely shows ("Now,
  // therefore," against a full stop) costs, a usual match gains a little.
  // Default 0.5 (F1 by weight in docs/alignment.md; 1.5 loses a UDHR bead);
  // 0 turns it off. Cost: one table lookup per bead.
  double ending_weight = 0.5;
  // Cost, in nats, of each inner boundary of a many-to-one bead (2-1, 3-1
  // and mirrored) that the one sentence has no punctuation mark for (a
  // comma, colon or stop before its last one: features.h Punctuation): a
  // sentence whose translation is split in two almost always has a mark
  // where the split falls. Pass 2 only (model item 12). Default 4; 0 turns
  // it off. Cost: one comparison per such bead.
  double unmarked_split_cost = 4.0;
  // Number of EM iterations of the lexical model. Default 4.
  int lexical_iterations = 4;
  // Replace a 1-0 bead next to a 0-1 bead (in either order) by one 1-1 bead
  // after the last pass. The model prices the two as independent events, so
  // a real 1-1 pair whose lengths differ a lot (a paragraph its translator
  // expanded) comes out as a deletion plus an insertion; in real
  // translations the 1-1 reading is the likelier one (Debian Reference de-fr
  // paragraphs: F1 .990 without, .995 with; the perturbed Bible, where
  // both sides lose verses at random, gains too). The joined bead's cost is
  // the sum of the two, its confidence their product. Default on.
  bool join_opposite_deletions = true;
  // A bilingual dictionary (dictionary.h), or null (default). Its word pairs
  // become keys of their own kind in both passes, weighed like the anchors
  // (weight and chance level estimated on the pair). Must outlive the call.
  // Cost: one hash lookup per word pair per document, and one more key per
  // covered word.
  const Dictionary* dictionary = nullptr;
  // Called on the calling thread after each stage of the work and, inside
  // each pass, every 256 rows of the search band, with done ≤ total in work
  // units (each document's sentences, both sides, count once for its
  // features, twice for each of the two passes, and once for the shared
  // lexical model; the plain model: once per sentence, reported per
  // document), done strictly increasing and ending at total. For a progress
  // bar; empty (default): not called. Cost: one call per 256 rows. Must not
  // throw.
  std::function<void(size_t done, size_t total)> progress;
};

// Aligns two segmented texts with the full model (see the top of the file).
// The segments' `length` is the length model's unit (code points after NFC;
// text::CountNfcCodePoints). REQUIRES: segments' text is valid UTF-8.
// Never throws except std::bad_alloc.
Alignment Align(const std::vector<Segment>& src, const std::vector<Segment>& tgt, const AlignOptions& options);

// One document pair of a batch. The pointers must stay valid during the call.
struct DocumentSegments {
  const std::vector<Segment>* src = nullptr;
  const std::vector<Segment>* tgt = nullptr;
};

// Aligns several document pairs of one language pair as Align() does each,
// but trains the lexical model once, on the confident beads of all of them
// (so short documents learn from the others). Returns one Alignment per
// document, in order. Never throws except std::bad_alloc.
std::vector<Alignment> AlignBatch(std::span<const DocumentSegments> documents, const AlignOptions& options);

// True when `beads` cover [0, src_size) and [0, tgt_size) exactly once, in
// order, with no empty bead: the invariant above, for tests and callers that
// build beads themselves.
bool CoversInOrder(std::span<const Bead> beads, size_t src_size, size_t tgt_size);

}  // namespace tmkit::align

#endif  // TMKIT_ALIGN_GALE_CHURCH_H_
