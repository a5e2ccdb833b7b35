// TMX in and out of the translation memory: the use cases behind
// `tmkit import` and `tmkit export`, and the TMX output of `tmkit align`.
// Composes the streaming TMX codec (tmx/) with the store (src/tm); memory
// stays flat whatever the file size, since units flow one at a time.
//
// Not thread-safe: one call at a time per Store.
#ifndef TMKIT_PIPELINE_TMX_TRANSFER_H_
#define TMKIT_PIPELINE_TMX_TRANSFER_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/language.h"
#include "core/translation_unit.h"
#include "tm/store.h"
#include "tmx/reader.h"
#include "tmx/writer.h"

namespace tmkit::pipeline {

struct ImportTmxOptions {
  // What to do with a source already stored with another translation.
  // Default kSkip.
  tm::OnDuplicate on_duplicate = tm::OnDuplicate::kSkip;
  // True: the first bad unit (in the TMX or refused by the store) fails the
  // whole import, and nothing of it is stored. False (default): bad units are
  // skipped, counted and reported.
  bool strict = false;
  // At most this many diagnostics are kept per file and for the store.
  size_t max_diagnostics = 100;
  // Called now and then with the bytes read so far over all files and their
  // total size; for a progress bar. Default: none.
  std::function<void(uint64_t done_bytes, uint64_t total_bytes)> progress;
};

struct FileImportReport {
  std::string path;
  tmx::ReadReport read;  // units read and skipped in the file, with diagnostics
};

struct ImportTmxReport {
  std::vector<FileImportReport> files;
  tm::ImportReport store;  // stored, duplicates, refused by the store
};

// Imports every file in `paths` into `store` in ONE transaction: if any file
// cannot be read (IoError), is not TMX (ParseError with file:line:col), or
// (with strict) has a bad unit, the exception propagates and the TM is left
// exactly as it was. Throws StoreError when the TM fails.
ImportTmxReport ImportTmx(std::span<const std::string> paths, tm::Store& store, const ImportTmxOptions& options);

struct ExportTmxOptions {
  // Only units with a variant in each of these languages, and only those
  // variants. Default empty: everything.
  std::vector<LanguageTag> languages;
  // Encoding and fidelity switches of the writer.
  tmx::WriteOptions write;
};

// The TMX header tmkit writes: creationtool "tmkit" and its version, segtype
// sentence, srclang `source` (or "*all*" when empty), datatype plaintext,
// adminlang en, o-tmf "tmkit".
tmx::Header TmkitHeader(const LanguageTag& source);

// Writes every unit the filter keeps to `out` as TMX 1.4b. Throws IoError
// when `out` fails, StoreError when the TM does.
tmx::WriteReport ExportTmx(const tm::Store& store, std::ostream& out, const ExportTmxOptions& options);

// Writes `units` (e.g. an alignment's) as TMX 1.4b into `out`.
tmx::WriteReport WriteUnitsTmx(std::span<const TranslationUnit> units, const LanguageTag& source, std::ostream& out,
                               const tmx::WriteOptions& options = {});

}  // namespace tmkit::pipeline

#endif  // TMKIT_PIPELINE_TMX_TRANSFER_H_
