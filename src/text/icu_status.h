// Private to src/text and src/segment: the one helper that turns an ICU
// UErrorCode into a tmkit error.
#ifndef TMKIT_TEXT_ICU_STATUS_H_
#define TMKIT_TEXT_ICU_STATUS_H_

#include <unicode/utypes.h>

#include <string>

#include "core/error.h"

namespace tmkit::text {

// Throws Error("ICU failed while <what>: <error name>") when `status` is a
// failure. ICU warnings pass.
inline void CheckIcuStatus(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(std::string("ICU failed while ") + what + ": " + u_errorName(status));
  }
}

}  // namespace tmkit::text

#endif  // TMKIT_TEXT_ICU_STATUS_H_
