// Shared by the fuzz harnesses. The fuzz contract (docs/hardening.md): a
// harness may catch tmkit::Error; any other exception, a crash, a sanitizer
// report or a failed TMKIT_FUZZ_CHECK is a bug.
#ifndef TMKIT_TESTS_FUZZ_FUZZ_CHECK_H_
#define TMKIT_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

// Aborts with the failed condition, so libFuzzer keeps the input as a crash
// and the replay driver fails its ctest.
#define TMKIT_FUZZ_CHECK(condition)                                                        \
  do {                                                                                     \
    if (!(condition)) {                                                                    \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                        \
    }                                                                                      \
  } while (false)

#endif  // TMKIT_TESTS_FUZZ_FUZZ_CHECK_H_
