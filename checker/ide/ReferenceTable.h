// ReferenceTable: for each workspace file, the uses it makes of symbols defined in other
// modules, each with the symbol it resolves to — computed ahead of time (the server's
// background indexer fills it) so that find-references looks up instead of evaluating every
// receiver of every file that spells the name.
//
//     # views.py                          table entries for views.py
//     from app.models import Book         `Book` (import)   -> app/models.py Book
//     qs = Book.objects.filter(x=1)       `Book`            -> app/models.py Book
//                                         `objects`         -> app/models.py Book.objects
//                                         `filter`          -> db/query.py QuerySet.filter
//
// Symbols are named by a key that outlives the Program that resolved them ("path\nClass.name",
// a module by its path), so a throwaway Program can fill the table for the server's own.
// Uses of a symbol in its own module are left out: a search always scans the target's
// module itself. An entry holds while its file is unchanged; a change on disk removes it and
// the entries of the files that use what it defines (the search then scans those files as
// before). Other files' uses whose types come from a changed file through a third one, or from
// an unsaved buffer, may be stale until the next pass.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/Program.h"
#include "checker/ide/Navigation.h"

namespace shrike::checker::ide {

// A stable name for what a SymbolKey names: "path" for a module, "path\nOuter.name" for a
// symbol (qualified by the classes and functions around it); empty when it names nothing.
std::string referenceKey(Program& program, const SymbolKey& key);

struct TableUse {
  uint32_t start = 0;
  uint32_t length = 0;
  bool isWrite = false;
};

// The uses in one module of symbols of other modules, with the key of each one's target.
struct ModuleUses {
  std::vector<std::string> keys; // the targets, each once
  struct Entry {
    TableUse use;
    uint32_t key = 0; // into keys
  };
  std::vector<Entry> entries;
};

// Resolves every name, attribute (through the receiver's type) and imported name of
// `module` as find-references would. Stops early, with what it has, when cancelled.
ModuleUses crossModuleUses(Program& program, const std::shared_ptr<Module>& module,
                           const CancellationToken& cancelled = {});

class ReferenceTable {
public:
  // A number that changes whenever `path` is removed: set() with an older stamp is ignored,
  // so a pass that read the file before it changed does not record stale uses.
  uint64_t stamp(const std::string& path) const;
  void set(const std::string& path, const ModuleUses& uses, uint64_t stamp);
  void remove(const std::string& path);
  // Removes `path` and every file with a use of a symbol `path` defines.
  void removeWithDependents(const std::string& path);
  void clear();
  // The uses of the symbol `key` in `path`; nullopt when the table does not hold the file.
  std::optional<std::vector<TableUse>> usesOf(const std::string& path, std::string_view key) const;
  size_t files() const;
  size_t bytes() const;

private:
  struct Packed {
    uint32_t start;
    uint32_t length : 31;
    uint32_t isWrite : 1;
    uint32_t key;
  };
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, uint32_t> keyIds_;
  std::vector<const std::string*> keyNames_;
  std::unordered_map<std::string, std::vector<Packed>> files_;
  std::unordered_map<std::string, uint64_t> removed_; // path -> stamp of its last removal
  uint64_t nextStamp_ = 1;
};

} // namespace shrike::checker::ide
