// The alignment review page: one self-contained HTML file (inline CSS and JS,
// no network access, works from file://) that shows an alignment side by side,
// draws its path over the source × target grid, and flags what needs a human
// look. See docs/review.md for what the page offers.
//
// This module knows nothing of how the alignment was made: it takes the
// sentences and beads as plain data, so the aligner stays free of HTML and
// the page can be made from a saved alignment (`tmkit report`).
// Stateless free functions; thread-safe.
#ifndef TMKIT_REPORT_REVIEW_PAGE_H_
#define TMKIT_REPORT_REVIEW_PAGE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/language.h"
#include "core/segment.h"

namespace tmkit::report {

// One bead as the page shows it. Indices are 0-based into the side's
// sentences; counts may be 0 (an unaligned sentence).
struct ReviewBead {
  size_t src_begin = 0;
  size_t src_count = 0;
  size_t tgt_begin = 0;
  size_t tgt_count = 0;
  double confidence = 1.0;  // [0, 1]
};

// One side of the pair.
struct ReviewSide {
  std::string name;              // file name shown in the header
  LanguageTag language;          // decides right-to-left display
  std::vector<Segment> sentences;
};

struct ReviewInput {
  ReviewSide source;
  ReviewSide target;
  // REQUIRES: beads cover every sentence of both sides once, in order
  // (the aligner's invariant). Violations throw ParseError.
  std::vector<ReviewBead> beads;
  // Beads below this confidence are flagged for review, and so are beads
  // that are not 1-1. Default 0.9: on held-out data beads at or above it are
  // right ≥ 95% of the time (docs/alignment.md, calibration table).
  double review_threshold = 0.9;
  // Shown in the summary as they are, e.g. {"length ratio c", "2.61"}.
  std::vector<std::pair<std::string, std::string>> parameters;
};

// Reads a saved alignment, as `tmkit align --format json` writes it:
//   {"source": {"file": "en.txt", "language": "en",
//               "sentences": [{"text": "...", "paragraph": 0}, ...]},
//    "target": {...},
//    "beads": [{"src": [0], "tgt": [0, 1], "confidence": 0.97}, ...],
//    "parameters": {"name": value, ...}}          (optional; shown as is)
// Throws ParseError naming `file` and the line:column (or the bead) at fault.
ReviewInput ReviewInputFromJson(std::string_view json, const std::string& file);

// Writes the page to `out`. Throws ParseError when the beads break the
// coverage invariant (naming the first bad bead), IoError when `out` fails.
void WriteReviewPage(const ReviewInput& input, std::ostream& out);

// True for languages written right to left (Arabic, Hebrew, Persian, Urdu,
// Yiddish, Pashto, Sindhi, Dhivehi, Uyghur, and any tag with an Arab, Hebr,
// Thaa, Syrc, Nkoo or Adlm script subtag).
bool IsRightToLeft(const LanguageTag& language);

}  // namespace tmkit::report

#endif  // TMKIT_REPORT_REVIEW_PAGE_H_
