#include "core/translation_unit.h"

namespace tmkit {

const Variant* TranslationUnit::FindVariant(const LanguageTag& language) const {
  for (const Variant& variant : variants) {
    if (variant.language == language) return &variant;
  }
  for (const Variant& variant : variants) {
    if (variant.language.IsWithin(language)) return &variant;
  }
  return nullptr;
}

}  // namespace tmkit
