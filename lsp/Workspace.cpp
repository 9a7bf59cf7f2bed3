// Workspace: folders, settings, the current Program and its overlays, file discovery.
#include "lsp/Workspace.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lsp/Configuration.h"

namespace shrike::lsp {

namespace fs = std::filesystem;

Workspace::Workspace() : program_(std::make_shared<checker::Program>(checker::Settings{})) {}
Workspace::~Workspace() = default;

std::vector<std::string> Workspace::configure(std::vector<std::string> roots, json editorSettings) {
  std::vector<std::string> problems;
  std::string mainRoot = roots.empty() ? fs::current_path().string() : roots.front();
  checker::Settings settings = loadSettings(mainRoot, editorSettings, problems);
  auto program = std::make_shared<checker::Program>(std::move(settings));
  std::lock_guard lock(mutex_);
  for (const auto& [path, text] : overlays_) program->setOverlay(path, text);
  roots_ = std::move(roots);
  editorSettings_ = std::move(editorSettings);
  program_ = std::move(program);
  return problems;
}

std::shared_ptr<checker::Program> Workspace::program() const {
  std::lock_guard lock(mutex_);
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
  std::string best;
  for (const std::string& root : roots_) {
    bool inside = path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                  (root.back() == '/' || path[root.size()] == '/');
    if ((inside || path == root) && root.size() > best.size()) best = root;
  }
  return best;
}

void Workspace::setOverlay(const std::string& path,
                           std::shared_ptr<const parser::SourceText> text) {
  std::lock_guard lock(mutex_);
  overlays_[path] = text;
  program_->setOverlay(path, std::move(text));
}

void Workspace::clearOverlay(const std::string& path) {
  std::lock_guard lock(mutex_);
  overlays_.erase(path);
  program_->clearOverlay(path);
}

void Workspace::fileChangedOnDisk(const std::string& path) {
  program()->fileChangedOnDisk(path);
}

namespace {

bool skippedFolder(const fs::path& folder) {
  std::string name = folder.filename().string();
  if (name.empty()) return false;
  if (name[0] == '.' || name == "__pycache__" || name == "node_modules" || name == "site-packages")
    return true;
  std::error_code ec;
  return fs::exists(folder / "pyvenv.cfg", ec); // a virtual environment
}

} // namespace

std::vector<std::string> Workspace::discoverFiles(const std::vector<std::string>& roots,
                                                  const checker::CancellationToken& cancelled) {
  std::vector<std::string> files;
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    fs::recursive_directory_iterator end;
    for (; !ec && it != end; it.increment(ec)) {
      if (cancelled) return files;
      const fs::directory_entry& entry = *it;
      std::error_code typeError;
      if (entry.is_directory(typeError)) {
        if (skippedFolder(entry.path())) it.disable_recursion_pending();
        continue;
      }
      std::string extension = entry.path().extension().string();
      if ((extension == ".py" || extension == ".pyi") && entry.is_regular_file(typeError))
        files.push_back(entry.path().lexically_normal().string());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
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
