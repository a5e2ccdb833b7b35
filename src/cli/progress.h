// A progress bar on stderr, drawn only when stderr is a terminal (so logs and
// pipes stay clean). Updates are throttled to about ten a second.
#ifndef TMKIT_CLI_PROGRESS_H_
#define TMKIT_CLI_PROGRESS_H_

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace tmkit::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1) {}
  ~ProgressBar() { Done(); }

  bool enabled() const { return enabled_; }

  void Update(uint64_t done, uint64_t total) {
    if (!enabled_ || total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    drawn_ = true;
    const int width = 40;
    const int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r%s [%s] %5.1f%%", label_.c_str(), bar.c_str(),
                 100.0 * static_cast<double>(done) / static_cast<double>(total));
    std::fflush(stderr);
  }

  // Clears the bar's line; idempotent.
  void Done() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
  }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace tmkit::cli

#endif  // TMKIT_CLI_PROGRESS_H_
