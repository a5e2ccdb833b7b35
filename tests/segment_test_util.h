// Helpers shared by the segment tests (segment_test, srx_test,
// segment_cases_test).
#ifndef TMKIT_TESTS_SEGMENT_TEST_UTIL_H_
#define TMKIT_TESTS_SEGMENT_TEST_UTIL_H_

#include <string>
#include <vector>

#include "core/segment.h"

namespace tmkit::segment {

// The texts of `segments`, in order.
inline std::vector<std::string> Texts(const std::vector<Segment>& segments) {
  std::vector<std::string> texts;
  for (const Segment& s : segments) texts.push_back(s.text);
  return texts;
}

}  // namespace tmkit::segment

#endif  // TMKIT_TESTS_SEGMENT_TEST_UTIL_H_
