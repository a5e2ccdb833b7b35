// A bilingual dictionary: word pairs that add lexical evidence to Align()
// (AlignOptions::dictionary). Each pair (source word, target word) becomes a
// dictionary key: a source sentence with the source word's stem and a target
// sentence with the target word's stem share that key, scored like the
// anchors (weight and chance level estimated on the pair; docs/alignment.md).
//
// Two formats:
// - Word pairs, our own: UTF-8, one `source<TAB>target` pair a line; blank
//   lines and lines starting with `#` are skipped; either side may hold
//   several words (a phrase), whose words then all pair with each other.
// - FreeDict dictionaries in dictd format (Debian's dict-freedict-*):
//   `name.index` (headword, base64 offset and length of its entry) and
//   `name.dict.dz` (the entries, gzip-compressed). An entry is the headword
//   line (with its pronunciation between slashes), then its translations,
//   one sense a line ("1. dejar, abandonar"), comma- or semicolon-separated.
//
// Parsing is pure; LoadDictionary reads files. Thread-safe; results own their
// data.
#ifndef TMKIT_ALIGN_DICTIONARY_H_
#define TMKIT_ALIGN_DICTIONARY_H_

#include <string>
#include <string_view>
#include <vector>

namespace tmkit::align {

struct WordPair {
  std::string source;  // a word or phrase of the source language, UTF-8
  std::string target;  // one of its translations, UTF-8
  friend bool operator==(const WordPair&, const WordPair&) = default;
};

struct Dictionary {
  std::vector<WordPair> pairs;  // in file order; duplicates are harmless
};

// Parses the word-pair format. `file` names the input in errors.
// Throws ParseError "file:line:col: ..." on invalid UTF-8, a line without a
// tab, or an empty side.
Dictionary ParseWordPairs(std::string_view text, const std::string& file);

// Parses a dictd index and its (decompressed) entries. The headwords whose
// name starts with "00database" / "00-database" (the dictionary's metadata)
// are skipped. `index_file` names the index in errors. Throws ParseError
// "index_file:line:col: ..." on a malformed index line, an offset or length
// outside `entries`, or invalid UTF-8.
Dictionary ParseFreeDict(std::string_view index, std::string_view entries, const std::string& index_file);

// Reads a dictionary file. A path ending in ".index", ".dict.dz" or ".dict"
// is a FreeDict dictionary (the other file is found next to it, with the
// same base name: "name.dict.dz", else "name.dict"); anything else is the
// word-pair format. Throws IoError when a file cannot be read or a .dz file
// is not valid gzip, ParseError as the parsers above.
Dictionary LoadDictionary(const std::string& path);

}  // namespace tmkit::align

#endif  // TMKIT_ALIGN_DICTIONARY_H_
