// ModuleGraph: every module a Program knows, by id, path and name — loaded on demand (read,
// parsed, bound, its imports resolved) and linked (`from m import *` names added) exactly
// once, from any thread.
//
//     graph.moduleForPath("/proj/app.py")   an unloaded Module (a path, a name, an id)
//     graph.ready(module)                   loads and links it; then its index is immutable
//     graph.member(m, "x")                  `from m import x`: a symbol of m, or m.x
//
// Linking is the one step that needs other modules' names; it runs under one lock, so
// import-star cycles across threads cannot deadlock (a cycle sees the names bound so far).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/Module.h"
#include "checker/PhaseTimes.h"
#include "checker/bind/Binder.h"
#include "checker/resolve/ModuleResolver.h"
#include "parser/TreeSitterParser.h"

namespace shrike::checker {

// What reading a file (or the editor buffer for it) gave: its text; or no text and why not;
// or a text that is not to be analysed, and why (`skipped`).
struct FileRead {
  std::shared_ptr<const parser::SourceText> text;
  parser::SharedTree tree; // the text's tree when one is at hand (an editor buffer's)
  // With `tree`: the Ast of an earlier version of the buffer, whose statements the edits since
  // left alone are copied instead of lowered again (lowerTreeIncrementally); may be null.
  std::shared_ptr<const parser::Ast> previousAst;
  std::string error;
  std::optional<SkippedFile> skipped;
};
using TextReader = std::function<FileRead(const std::string& path)>;

// What a name in a module refers to, for `from m import name` and `m.name`.
struct ModuleMember {
  enum Kind : uint8_t {
    Missing,   // not there
    Symbol,    // a module-level name (`symbol`)
    Submodule, // the submodule m.name (`submodule`)
    Unknown,   // cannot tell: a compiled module, a module-level __getattr__, an unresolved *
  } kind = Missing;
  bind::SymbolId symbol = bind::noId;
  ModuleId submodule = noModule;
};

class ModuleGraph {
public:
  ModuleGraph(std::shared_ptr<ModuleResolver> resolver, bind::BindOptions options,
              TextReader reader);
  ~ModuleGraph();

  ModuleResolver& resolver() { return *resolver_; }
  const bind::BindOptions& bindOptions() const { return options_; }
  // Loading adds its time (reading, parsing, binding, resolving imports) to `times`.
  void measurePhases(PhaseTimes* times) { times_ = times; }

  // The module of a file (created unloaded if new); never null.
  std::shared_ptr<Module> moduleForPath(const std::string& path);
  // The module a resolution names; null when it names none.
  std::shared_ptr<Module> moduleFor(const ResolvedModule& resolved);
  std::shared_ptr<Module> module(ModuleId id) const;
  // `import name` from nowhere in particular; null when it does not resolve.
  std::shared_ptr<Module> moduleByName(std::string_view dottedName);
  std::shared_ptr<Module> builtins();
  size_t size() const;
  // Calls visit(module) for each module created so far (loaded or not), in id order.
  void forEachModule(const std::function<void(const std::shared_ptr<Module>&)>& visit) const;

  // Loads and links; afterwards the module's index is complete and does not change.
  Module& ready(Module& module);
  void load(Module& module);

  ModuleMember member(Module& module, parser::Name name);
  // The names `from module import *` brings in (module ready first).
  std::vector<parser::Name> starExports(Module& module);

  ResolvedModule resolveAbsolute(std::string_view dottedName);
  ResolvedModule resolveRelative(const std::string& importingFile, unsigned level,
                                 std::string_view name);
  // The last resort for an absolute import that resolves nowhere else (as pyright has it):
  // for a file inside the project, its folder and each folder above it up to the project
  // root, searched as if a project root (`tests/editors/sample/app.py` importing `geometry`
  // from the sample folder, checked from the repository root).
  ResolvedModule resolveNearFile(const std::string& importingFile, std::string_view name);

  // The file's text changed or it appeared/disappeared: the module is replaced by a fresh,
  // unloaded one with the same id. Returns the old one (null if there was none).
  std::shared_ptr<Module> invalidate(const std::string& path);
  // Drops every module created for a path under `folder`, or for an in-memory file.
  void forgetProjectModules(const std::function<bool(const Module&)>& shouldForget);

private:
  void link(Module& module);
  void loadStarTargets(Module& module, std::vector<const Module*>& seen);
  void resolveImports(Module& module);
  std::vector<parser::Name> starExportsLocked(Module& module, int depth);
  std::shared_ptr<Module> create(const std::string& path, std::string name,
                                 const ResolvedModule* resolved);

  std::shared_ptr<ModuleResolver> resolver_;
  bind::BindOptions options_;
  TextReader reader_;
  PhaseTimes* times_ = nullptr;
  mutable std::mutex mutex_; // guards the tables below
  std::vector<std::shared_ptr<Module>> modules_;
  std::unordered_map<std::string, ModuleId> byPath_;
  ModuleId builtins_ = noModule;
  std::recursive_mutex linkMutex_;
  std::mutex localMutex_;
  std::unordered_map<std::string, std::shared_ptr<ModuleResolver>> localResolvers_; // by folder
};

// True when some declaration of the symbol is in code that can run for the target
// version and platform (`ExceptionGroup` is not a builtin of Python 3.10).
bool hasReachableDeclaration(const bind::SemanticIndex& index, bind::SymbolId symbol);

// A stable 64-bit hash of what a module shows other modules: its module-level names, their
// kinds and its __all__.
uint64_t interfaceHashOf(const bind::SemanticIndex& index);

} // namespace shrike::checker
