#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "core/error.h"
#include "tm/store.h"

namespace tmkit::cli {

Command MakeStatsCommand() {
  return {"stats", "show what the translation memory holds", [](CLI::App& app) -> RunFunction {
            auto tm_path = std::make_shared<std::string>();
            AddTmOption(app, *tm_path);
            return [tm_path]() -> int {
              std::cout << "tm: " << *tm_path << '\n';
              if (!std::filesystem::exists(*tm_path)) {
                std::cout << "no translation memory there yet (`tmkit import` creates it)\n";
                return 0;
              }
              const tm::StoreStats stats =
                  tm::Store::Open(*tm_path, {.create_if_missing = false, .read_only = true, .whole_scan = true}).Stats();
              std::cout << "schema version: " << stats.schema_version << '\n'
                        << "size: " << stats.size_bytes << " bytes\n"
                        << "units: " << stats.units << '\n'
                        << "variants: " << stats.variants << '\n'
                        << "languages:\n";
              for (const tm::LanguageCount& l : stats.languages) {
                std::cout << "  " << l.language << ": " << l.variants << (l.variants == 1 ? " variant\n" : " variants\n");
              }
              std::cout << "pairs:\n";
              for (const tm::PairCount& p : stats.pairs) {
                std::cout << "  " << p.first << " ↔ " << p.second << ": " << p.units << (p.units == 1 ? " unit\n" : " units\n");
              }
              return 0;
            };
          }};
}

}  // namespace tmkit::cli
