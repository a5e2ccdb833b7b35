#include "pipeline/tmx_transfer.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/error.h"

namespace tmkit::pipeline {
namespace {

uint64_t FileSize(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<uint64_t>(size);
}

// Batches of prepared units from the reading thread to the storing one,
// at most kMaxBatches waiting (about 1,000 units: memory stays flat), and
// the stored batches back, for the reading thread to free: freeing memory
// another thread allocated costs glibc more (the other arena's lock), and it
// was 5% of the storing thread's instructions.
class PreparedUnitQueue {
 public:
  static constexpr size_t kBatchUnits = 128;
  static constexpr size_t kMaxBatches = 8;

  // Waits for room; false when the consumer has stopped (then stop too).
  // Frees the batches stored since the last call.
  bool Push(std::vector<tm::PreparedUnit> batch, uint64_t done_bytes) {
    std::vector<std::vector<tm::PreparedUnit>> stored;
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return batches_.size() < kMaxBatches || cancelled_; });
      if (cancelled_) return false;
      batches_.push_back({std::move(batch), done_bytes});
      stored.swap(stored_);
      ready_.notify_one();
    }
    return true;  // `stored` is freed here, outside the lock
  }
  // Hands a stored batch back to the reading thread to free.
  void Return(std::vector<tm::PreparedUnit> batch) {
    std::lock_guard lock(mutex_);
    stored_.push_back(std::move(batch));
  }
  void Finish() { Close(nullptr); }
  void Fail(std::exception_ptr error) { Close(std::move(error)); }

  // The next batch; false when there is none left or the producer failed.
  bool Pop(std::vector<tm::PreparedUnit>& batch, uint64_t& done_bytes) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !batches_.empty() || finished_; });
    if (error_ || batches_.empty()) return false;
    batch = std::move(batches_.front().units);
    done_bytes = batches_.front().done_bytes;
    batches_.pop_front();
    room_.notify_one();
    return true;
  }
  void RethrowError() {
    std::lock_guard lock(mutex_);
    if (error_) std::rethrow_exception(error_);
  }
  // The consumer stops: a waiting or later Push returns false.
  void Cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    room_.notify_all();
  }

 private:
  void Close(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = std::move(error);
    ready_.notify_all();
  }

  struct Batch {
    std::vector<tm::PreparedUnit> units;
    uint64_t done_bytes;
  };
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<Batch> batches_;
  std::vector<std::vector<tm::PreparedUnit>> stored_;  // at most kMaxBatches + 1 or so
  bool finished_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
};

}  // namespace

ImportTmxReport ImportTmx(std::span<const std::string> paths, tm::Store& store,
                          const ImportTmxOptions& options) {
  const OnBadRecord policy = options.strict ? OnBadRecord::kFail : OnBadRecord::kSkipAndReport;
  uint64_t total_bytes = 0;
  for (const std::string& path : paths) total_bytes += FileSize(path);

  ImportTmxReport report;
  tm::ImportSession session = store.BeginImport({.on_duplicate = options.on_duplicate,
                                                 .origin = {},
                                                 .on_bad_record = policy,
                                                 .max_diagnostics = options.max_diagnostics});
  // Reading the TMX and preparing its units (NFC, tokens) run on a second
  // thread while this one stores them: that work is about half of an
  // import's CPU, and storing cannot be shared (SQLite has one writer).
  // Units keep their order; an error on either side stops both, and the
  // session, never committed, rolls back.
  PreparedUnitQueue queue;
  std::vector<FileImportReport> file_reports;
  std::thread reader_thread([&] {
    try {
      uint64_t done_bytes = 0;
      for (const std::string& path : paths) {
        tmx::Reader reader(path, {.on_bad_record = policy, .max_diagnostics = options.max_diagnostics});
        std::vector<tm::PreparedUnit> batch;
        while (std::optional<TranslationUnit> unit = reader.Next()) {
          if (unit->origin.file.empty()) unit->origin.file = path;
          batch.push_back(session.Prepare(std::move(*unit)));
          if (batch.size() == PreparedUnitQueue::kBatchUnits) {
            if (!queue.Push(std::move(batch), done_bytes + reader.bytes_read())) return;
            batch.clear();
          }
        }
        done_bytes += reader.bytes_read();
        if (!queue.Push(std::move(batch), done_bytes)) return;
        file_reports.push_back({.path = path, .read = reader.report()});
      }
      queue.Finish();
    } catch (...) {
      queue.Fail(std::current_exception());
    }
  });
  // Whatever happens here, the reader stops and is joined before its
  // captures go out of scope.
  struct Joiner {
    PreparedUnitQueue& queue;
    std::thread& thread;
    ~Joiner() {
      queue.Cancel();
      if (thread.joinable()) thread.join();
    }
  } joiner{queue, reader_thread};

  std::vector<tm::PreparedUnit> batch;
  uint64_t done_bytes = 0;
  while (queue.Pop(batch, done_bytes)) {
    for (const tm::PreparedUnit& unit : batch) session.Add(unit);
    queue.Return(std::move(batch));
    batch.clear();
    if (options.progress) options.progress(done_bytes, total_bytes);
  }
  queue.RethrowError();
  report.store = session.Commit();
  reader_thread.join();  // it has finished: Pop saw the end
  report.files = std::move(file_reports);
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
  store.ForEachUnit({.languages = options.languages},
                    [&writer](const TranslationUnit& unit) { writer.Write(unit); });
  writer.Finish();
  return writer.report();
}

tmx::WriteReport WriteUnitsTmx(std::span<const TranslationUnit> units, const LanguageTag& source,
                               std::ostream& out, const tmx::WriteOptions& options) {
  tmx::Writer writer(out, TmkitHeader(source), options);
  for (const TranslationUnit& unit : units) writer.Write(unit);
  writer.Finish();
  return writer.report();
}

}  // namespace tmkit::pipeline
