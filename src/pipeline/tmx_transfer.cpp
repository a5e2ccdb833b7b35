#include "pipeline/tmx_transfer.h"

#include <filesystem>

#include "core/error.h"

namespace tmkit::pipeline {
namespace {

uint64_t FileSize(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<uint64_t>(size);
}

}  // namespace

ImportTmxReport ImportTmx(std::span<const std::string> paths, tm::Store& store, const ImportTmxOptions& options) {
  const OnBadRecord policy = options.strict ? OnBadRecord::kFail : OnBadRecord::kSkipAndReport;
  uint64_t total_bytes = 0;
  for (const std::string& path : paths) total_bytes += FileSize(path);

  ImportTmxReport report;
  tm::ImportSession session = store.BeginImport({.on_duplicate = options.on_duplicate,
                                                 .origin = {},
                                                 .on_bad_record = policy,
                                                 .max_diagnostics = options.max_diagnostics});
  uint64_t done_bytes = 0;
  for (const std::string& path : paths) {
    tmx::Reader reader(path, {.on_bad_record = policy, .max_diagnostics = options.max_diagnostics});
    size_t since_progress = 0;
    while (std::optional<TranslationUnit> unit = reader.Next()) {
      if (unit->origin.file.empty()) unit->origin.file = path;
      session.Add(*unit);
      if (options.progress && ++since_progress == 1000) {
        since_progress = 0;
        options.progress(done_bytes + reader.bytes_read(), total_bytes);
      }
    }
    done_bytes += reader.bytes_read();
    if (options.progress) options.progress(done_bytes, total_bytes);
    report.files.push_back({.path = path, .read = reader.report()});
  }
  report.store = session.Commit();
  return report;
}

tmx::Header TmkitHeader(const LanguageTag& source) {
  tmx::Header header;
  header.creationtool = "tmkit";
  header.creationtoolversion = TMKIT_VERSION;
  header.segtype = "sentence";
  header.o_tmf = "tmkit";
  header.adminlang = "en";
  header.srclang = source.empty() ? "*all*" : source.str();
  header.datatype = "plaintext";
  return header;
}

tmx::WriteReport ExportTmx(const tm::Store& store, std::ostream& out, const ExportTmxOptions& options) {
  tmx::Writer writer(out, TmkitHeader(options.languages.empty() ? LanguageTag() : options.languages.front()),
                     options.write);
  store.ForEachUnit({.languages = options.languages}, [&writer](const TranslationUnit& unit) { writer.Write(unit); });
  writer.Finish();
  return writer.report();
}

tmx::WriteReport WriteUnitsTmx(std::span<const TranslationUnit> units, const LanguageTag& source, std::ostream& out,
                               const tmx::WriteOptions& options) {
  tmx::Writer writer(out, TmkitHeader(source), options);
  for (const TranslationUnit& unit : units) writer.Write(unit);
  writer.Finish();
  return writer.report();
}

}  // namespace tmkit::pipeline
