// Workspace: folders, settings, the current Program and its overlays, file discovery.
#include "lsp/Workspace.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/config/FileDiscovery.h"
#include "lsp/Configuration.h"

namespace shrike::lsp {

namespace fs = std::filesystem;

// The program is made by configure(), at initialize: making one asks the Python interpreter
// for its paths, which is worth doing once, with the right settings.
Workspace::Workspace() = default;
Workspace::~Workspace() = default;

std::vector<std::string> Workspace::configure(std::vector<std::string> roots, json editorSettings) {
  std::vector<std::string> problems;
  std::string mainRoot = roots.empty() ? fs::current_path().string() : roots.front();
  checker::Settings settings = loadSettings(mainRoot, editorSettings, problems);
  auto program = std::make_shared<checker::Program>(std::move(settings));
  std::lock_guard lock(mutex_);
  for (const auto& [path, overlay] : overlays_)
    program->setOverlay(path, overlay.first, overlay.second);
  roots_ = std::move(roots);
  editorSettings_ = std::move(editorSettings);
  program_ = std::move(program);
  files_.reset();
  ++generation_;
  return problems;
}

std::shared_ptr<checker::Program> Workspace::program() {
  std::lock_guard lock(mutex_);
  // Nothing asks before initialize; should anything, it gets the defaults.
  if (!program_) program_ = std::make_shared<checker::Program>(checker::Settings{});
  return program_;
}

std::vector<std::string> Workspace::roots() const {
  std::lock_guard lock(mutex_);
  return roots_;
}

json Workspace::editorSettings() const {
  std::lock_guard lock(mutex_);
  return editorSettings_;
}

std::string Workspace::rootOf(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return rootOfLocked(path);
}

std::string Workspace::rootOfLocked(const std::string& path) const {
  std::string best;
  for (const std::string& root : roots_) {
    bool inside = path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                  (root.back() == '/' || path[root.size()] == '/');
    if ((inside || path == root) && root.size() > best.size()) best = root;
  }
  return best;
}

void Workspace::setOverlay(const std::string& path, std::shared_ptr<const parser::SourceText> text,
                           parser::SharedTree tree) {
  std::lock_guard lock(mutex_);
  overlays_[path] = {text, tree};
  program_->setOverlay(path, std::move(text), std::move(tree));
}

void Workspace::clearOverlay(const std::string& path) {
  std::lock_guard lock(mutex_);
  overlays_.erase(path);
  program_->clearOverlay(path);
}

void Workspace::fileChangedOnDisk(const std::string& path) {
  program()->fileChangedOnDisk(path);
  // At once, before any later request: the file's uses, and the uses other files make of
  // what it defines (their types may have changed), are scanned again from now on.
  referenceTable_.removeWithDependents(path);
}

std::vector<std::string> Workspace::files(const checker::CancellationToken& cancelled) {
  std::lock_guard discovering(filesMutex_);
  std::vector<std::string> roots;
  std::shared_ptr<checker::Program> program = this->program();
  uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    if (files_) return *files_;
    roots = roots_;
    generation = generation_;
  }
  std::vector<std::string> found;
  const checker::Settings& settings = program->settings();
  for (const std::string& root : roots) {
    if (cancelled) return found;
    std::string cwd = root;
    // The project's own folder walks its `include`; other folders are walked as given.
    std::vector<std::string> paths;
    if (root != settings.projectRoot) paths.push_back(root);
    checker::DiscoveredFiles discovered = checker::discoverFiles(settings, paths, cwd);
    found.insert(found.end(), discovered.files.begin(), discovered.files.end());
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::lock_guard lock(mutex_);
  if (generation == generation_ && !cancelled) files_ = found;
  return found;
}

void Workspace::fileCreated(const std::string& path) {
  std::lock_guard lock(mutex_);
  if (!files_ || rootOfLocked(path).empty()) return;
  auto it = std::lower_bound(files_->begin(), files_->end(), path);
  if (it == files_->end() || *it != path) files_->insert(it, path);
}

void Workspace::fileDeleted(const std::string& path) {
  std::lock_guard lock(mutex_);
  if (!files_) return;
  auto it = std::lower_bound(files_->begin(), files_->end(), path);
  if (it != files_->end() && *it == path) files_->erase(it);
}

std::optional<std::string> readFile(const std::string& path, uint64_t maxSize, std::string& error) {
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  if (size > maxSize) {
    error = "larger than " + std::to_string(maxSize) + " bytes";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

} // namespace shrike::lsp
