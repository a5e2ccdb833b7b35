// Align a document and its translation: segment both texts (or read them as
// one sentence a line), align the sentences, and make translation units of
// the beads. The use case behind `tmkit align`.
//
// Pure function of its inputs; thread-safe; the result owns its data.
#ifndef TMKIT_PIPELINE_ALIGN_DOCUMENTS_H_
#define TMKIT_PIPELINE_ALIGN_DOCUMENTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "align/gale_church.h"
#include "core/language.h"
#include "core/segment.h"
#include "core/translation_unit.h"

namespace tmkit::pipeline {

struct AlignDocumentsOptions {
  LanguageTag src_language;  // language of the source text; selects segmentation rules and variant tags
  LanguageTag tgt_language;  // language of the target text
  // True: each non-empty line is one sentence and blank lines separate
  // paragraphs (pre-split corpora, evaluation data). False (default): the
  // segmenter splits the raw text.
  bool segmented = false;
  // The aligner's options. Default: the full model (align/gale_church.h).
  align::AlignOptions align;
  // Units are made only for beads with sentences on both sides and at least
  // this confidence (0-1). Default 0: every two-sided bead.
  double min_confidence = 0;
  // Names used in error locations ("path:line:col: ..."). Default empty.
  std::string src_name;
  std::string tgt_name;
};

// The property each unit carries with its bead's confidence ("0.973").
inline constexpr std::string_view kConfidenceProperty = "x-tmkit-confidence";

struct AlignedDocuments {
  std::vector<Segment> src_segments;
  std::vector<Segment> tgt_segments;
  align::Alignment alignment;  // indices into the two segment vectors
  // One unit per two-sided bead that passes min_confidence, in bead order:
  // variants source then target (texts of the bead's segments joined by a
  // space, or by nothing for Chinese, Japanese and Thai), and the property
  // kConfidenceProperty.
  std::vector<TranslationUnit> units;
};

// Throws ParseError naming the file (src_name/tgt_name), line and column when
// a text is not valid UTF-8.
AlignedDocuments AlignDocuments(std::string_view src_text, std::string_view tgt_text,
                                const AlignDocumentsOptions& options);

// One document pair of a batch: the texts (which must outlive the call) and
// the names used in error locations (options' src_name/tgt_name are ignored).
struct DocumentTexts {
  std::string_view src_text;
  std::string_view tgt_text;
  std::string src_name;
  std::string tgt_name;
};

// Aligns every pair as AlignDocuments does, with one lexical model trained on
// all of them (align::AlignBatch). Returns one result per pair, in order.
// Throws ParseError as AlignDocuments does, for the first bad text.
std::vector<AlignedDocuments> AlignDocumentsBatch(const std::vector<DocumentTexts>& documents,
                                                  const AlignDocumentsOptions& options);

// The sentences of `text` read one a line: non-empty lines (trimmed) are
// sentences, blank lines separate paragraphs. Offsets and NFC lengths are set
// as the segmenter sets them. Throws ParseError (with `name`, line and column)
// on invalid UTF-8.
std::vector<Segment> ReadSentenceLines(std::string_view text, const std::string& name);

}  // namespace tmkit::pipeline

#endif  // TMKIT_PIPELINE_ALIGN_DOCUMENTS_H_
