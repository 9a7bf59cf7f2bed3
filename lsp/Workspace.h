// Workspace: the project as the server sees it — its folders, its settings, the Program that
// checks it (with open buffers as overlays), and the symbol index of all its files.
//
// The Program is replaced, not mutated, when the settings change: requests already running
// finish on the old one, new ones get the new one, and no lock is held while checking.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/Program.h"
#include "checker/ide/MentionIndex.h"
#include "checker/ide/ReferenceTable.h"
#include "checker/ide/SymbolIndex.h"
#include "lsp/JsonRpc.h"
#include "parser/SourceText.h"
#include "parser/TreeSitterParser.h"

namespace shrike::lsp {

class Workspace {
public:
  Workspace();
  ~Workspace();

  // Sets the folders and the editor's settings (the `shrike` section) and rebuilds the
  // program. Returns problems found in the settings.
  std::vector<std::string> configure(std::vector<std::string> roots, json editorSettings);

  std::shared_ptr<checker::Program> program();
  std::vector<std::string> roots() const;
  json editorSettings() const;
  // The root a path belongs to (the deepest that contains it); empty when none does.
  std::string rootOf(const std::string& path) const;

  // Open buffers win over the files on disk, in this program and every later one.
  // `tree` (optional) is the text's tree, which the Program then lowers instead of parsing.
  void setOverlay(const std::string& path, std::shared_ptr<const parser::SourceText> text,
                  parser::SharedTree tree = nullptr);
  void clearOverlay(const std::string& path);
  void fileChangedOnDisk(const std::string& path);

  checker::ide::SymbolIndex& symbols() { return symbols_; }
  // The identifiers each indexed file spells: references load only the files that could
  // use the name, so the Program holds what checks and searches reached, not the workspace.
  checker::ide::MentionIndex& mentions() { return mentions_; }
  // The uses each indexed file makes of other modules' symbols, resolved in the background
  // after the workspace is indexed: references look them up instead of evaluating receivers.
  checker::ide::ReferenceTable& referenceTable() { return referenceTable_; }

  // The workspace's Python files, found as `shrike check` finds a project's (include,
  // exclude, .gitignore) in every folder; discovered on first need and kept up to date by
  // fileCreated/fileDeleted.
  std::vector<std::string> files(const checker::CancellationToken& cancelled = {});
  void fileCreated(const std::string& path);
  void fileDeleted(const std::string& path);

private:
  std::string rootOfLocked(const std::string& path) const;

  mutable std::mutex mutex_;
  std::vector<std::string> roots_;
  json editorSettings_;
  std::shared_ptr<checker::Program> program_;
  std::unordered_map<std::string,
                     std::pair<std::shared_ptr<const parser::SourceText>, parser::SharedTree>>
      overlays_;
  checker::ide::SymbolIndex symbols_;
  checker::ide::MentionIndex mentions_;
  checker::ide::ReferenceTable referenceTable_;
  std::mutex filesMutex_; // held while discovering, so that it happens once
  std::optional<std::vector<std::string>> files_;
  uint64_t generation_ = 0; // bumped by configure, so a stale discovery is not kept
};

// Reads a file whole; nullopt (with `error` set) when it cannot be read or is larger than
// `maxSize` bytes.
std::optional<std::string> readFile(const std::string& path, uint64_t maxSize, std::string& error);

} // namespace shrike::lsp
