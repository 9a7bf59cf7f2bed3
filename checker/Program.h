// Program: the one engine both front ends drive — files in, diagnostics and the IDE index
// out. The CLI checks a set of files once; the server keeps a Program alive, feeds it editor
// buffers as overlays and asks again after each change.
//
// Underneath is a ModuleGraph: every module the checked files import, transitively as far
// as needed, loaded once (typeshed stubs included) and shared by every check.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/Module.h"
#include "checker/ModuleGraph.h"
#include "checker/PhaseTimes.h"
#include "checker/check/Diagnostic.h"
#include "checker/config/Settings.h"
#include "checker/ide/IdeIndex.h"
#include "checker/resolve/ModuleResolver.h"
#include "parser/SourceText.h"
#include "parser/TreeSitterParser.h"

namespace shrike::checker {

// The result of checking one file: its text (for excerpts and position conversion) and its
// diagnostics, sorted by position, with severities after configuration and suppressions.
struct CheckedFile {
  std::string path;
  std::shared_ptr<const parser::SourceText> text; // null when the file could not be read
  std::vector<Diagnostic> diagnostics;
  std::string readError; // why the file could not be read, when it could not
};

// A place in a file: what go-to-definition and find-references answer with.
struct SourceLocation {
  std::string path;
  parser::TextRange range;
  bool operator==(const SourceLocation&) const = default;
};

class Program {
public:
  // Finds the environment the usual way (see ModuleResolver::create).
  explicit Program(Settings settings);
  // With a given resolver (tests: an empty environment, no interpreter asked).
  Program(Settings settings, std::shared_ptr<ModuleResolver> resolver);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  const Settings& settings() const { return settings_; }
  // The module resolver: its problems() (an unusable interpreter...) are for front ends to show.
  const ModuleResolver& resolver() const { return *resolver_; }
  // The same resolver, for another Program over the same environment (the server's background
  // passes): it is thread-safe, and the environment is asked for once.
  std::shared_ptr<ModuleResolver> sharedResolver() const { return resolver_; }
  // New settings; modules are rebound only when the target version or platform changed.
  void updateSettings(Settings settings);
  const PythonTarget& target() const { return target_; }

  // An editor buffer for `path`; it wins over the file on disk until cleared. A buffer
  // for a file that does not exist on disk is importable like one that does.
  // `tree` (optional), the text's tree-sitter tree (the server's incrementally parsed one),
  // is lowered instead of parsing the text again.
  void setOverlay(const std::string& path, std::shared_ptr<const parser::SourceText> text,
                  parser::SharedTree tree = nullptr);
  void clearOverlay(const std::string& path);
  // Clears every overlay and forgets the modules made from them (test cases in sequence).
  void clearOverlays();
  // A file changed, appeared or disappeared on disk.
  void fileChangedOnDisk(const std::string& path);

  CheckedFile checkFile(const std::string& path);
  // Checks files on `threads` threads (0: all cores); results in the order of `paths`.
  // The diagnostics do not depend on the number of threads. `onFileDone` (optional) is
  // called from the checking threads, one call at a time, with the count of files done.
  std::vector<CheckedFile> checkFiles(const std::vector<std::string>& paths, unsigned threads = 0,
                                      const std::function<void(size_t done)>& onFileDone = {});
  // CPU time per phase of every check and module load so far, summed over threads.
  const PhaseTimes& phaseTimes() const { return phaseTimes_; }

  // ---- modules (the evaluator, the IDE features) ----
  ModuleGraph& graph() { return *graph_; }
  // The module of a file, loaded and linked; null when the file cannot be read.
  std::shared_ptr<Module> module(const std::string& path);

  // ---- types (the evaluator over the current modules; replaced when a module changes) ----
  struct TypeSession;
  std::shared_ptr<TypeSession> typeSession();

  // ---- the IDE index: go-to-definition and find-references ----
  // The index of a file's module, built on first need and rebuilt when the module or one it
  // refers to changed; null when the file cannot be read.
  std::shared_ptr<const ide::IdeIndex> ideIndex(const std::string& path);
  // What the name at `offset` refers to (imports followed to the declarations they name).
  std::vector<ide::DeclarationRef> declarationsAt(const std::string& path, uint32_t offset);
  // Where a declaration is: its file and the range of its name (a module: its file's start).
  std::optional<SourceLocation> locationOf(ide::DeclarationRef declaration);
  // Every use of `declaration` in the project modules the Program has loaded, and in the
  // files of `alsoSearch` (loaded as needed): the server passes its workspace's files.
  std::vector<SourceLocation> referencesTo(ide::DeclarationRef declaration,
                                           const std::vector<std::string>& alsoSearch = {});

private:
  void resetTypes();

  void rebuildGraph();
  // The file's text (or its editor buffer), held to Settings::maxFileSize and refused when
  // it holds NUL bytes (see SkippedFile).
  FileRead readFile(const std::string& path);

  Settings settings_;
  PhaseTimes phaseTimes_;
  std::shared_ptr<ModuleResolver> resolver_;
  PythonTarget target_;
  std::unique_ptr<ModuleGraph> graph_;
  std::mutex overlaysMutex_;
  std::unordered_map<std::string, std::shared_ptr<const parser::SourceText>> overlays_;
  std::unordered_map<std::string, parser::SharedTree> overlayTrees_; // where one was given
  // The Ast of the last module loaded from a buffer's tree, until the next version of the
  // buffer is loaded: the statements its edits left alone are copied from it.
  std::unordered_map<std::string, std::shared_ptr<const parser::Ast>> overlayPreviousAsts_;
  std::mutex typesMutex_;
  std::shared_ptr<TypeSession> types_;

  struct CachedIdeIndex {
    std::weak_ptr<Module> module;
    std::vector<std::pair<ModuleId, std::weak_ptr<Module>>> dependencies;
    std::shared_ptr<const ide::IdeIndex> index;
  };
  std::shared_ptr<const ide::IdeIndex> ideIndexOf(const std::shared_ptr<Module>& module);
  std::mutex ideMutex_;
  std::unordered_map<ModuleId, CachedIdeIndex> ideIndexes_;
};

} // namespace shrike::checker
