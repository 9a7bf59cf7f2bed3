// FileModuleProvider: resolve, read, parse, bind — once per file, shared between threads.
#include "checker/infer/FileModuleProvider.h"

#include <fstream>
#include <sstream>

#include "parser/AstLowering.h"

namespace shrike::checker {

struct FileModuleProvider::Entry {
  BoundModule module;
  parser::Ast ast;
  std::unique_ptr<bind::SemanticIndex> index;
};

FileModuleProvider::FileModuleProvider(std::shared_ptr<ModuleResolver> resolver,
                                       PythonVersion version, std::string platform)
    : resolver_(std::move(resolver)), version_(version), platform_(std::move(platform)) {}

FileModuleProvider::~FileModuleProvider() = default;

const BoundModule* FileModuleProvider::load(const ResolvedModule& resolved, std::string name,
                                            bool project,
                                            std::shared_ptr<const parser::SourceText> text) {
  if (resolved.kind != ModuleKind::SourceFile && resolved.kind != ModuleKind::StubFile) {
    if (resolved.kind != ModuleKind::NamespacePackage) return nullptr;
  }
  std::string key = resolved.kind == ModuleKind::NamespacePackage ? "ns:" + name : resolved.path;
  std::promise<const BoundModule*> promise;
  std::shared_future<const BoundModule*> future;
  bool mine = false;
  {
    std::lock_guard lock(mutex_);
    auto it = byPath_.find(key);
    if (it != byPath_.end()) {
      future = it->second;
    } else {
      future = promise.get_future().share();
      byPath_.emplace(key, future);
      mine = true;
    }
  }
  if (!mine) return future.get(); // parsing and binding never call back into the provider
  auto entry = std::make_unique<Entry>();
  if (!text) {
    std::string bytes;
    if (resolved.kind != ModuleKind::NamespacePackage) {
      std::ifstream in(resolved.path, std::ios::binary);
      std::ostringstream buffer;
      buffer << in.rdbuf();
      bytes = std::move(buffer).str();
    }
    text = std::make_shared<const parser::SourceText>(std::move(bytes));
  }
  entry->ast = parser::parseModule(*text);
  bind::BindOptions options;
  options.version = version_;
  options.platform = platform_;
  options.isStub = resolved.kind == ModuleKind::StubFile;
  options.isPackage = resolved.isPackage;
  entry->index = bind::bindModule(entry->ast, options);
  BoundModule& m = entry->module;
  m.name = parser::intern(name);
  m.path = resolved.path;
  m.text = std::move(text);
  m.ast = &entry->ast;
  m.index = entry->index.get();
  m.isStub = options.isStub;
  m.isPackage = resolved.isPackage;
  m.isBuiltins = name == "builtins";
  m.reportDiagnostics = project;
  const BoundModule* result = &entry->module;
  {
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
    if (!name.empty()) byName_.emplace(name, result);
  }
  promise.set_value(result);
  return result;
}

const BoundModule* FileModuleProvider::moduleNamed(std::string_view dottedName) {
  {
    std::lock_guard lock(mutex_);
    auto it = byName_.find(dottedName);
    if (it != byName_.end()) return it->second;
  }
  ResolvedModule resolved = resolver_->resolve(dottedName);
  if (!resolved) return nullptr;
  return load(resolved, std::string(dottedName), false, nullptr);
}

const BoundModule* FileModuleProvider::importedModule(const BoundModule& from, bind::ImportId id) {
  const bind::ImportRecord& record = from.index->import(id);
  if (record.level == 0) return moduleNamed(record.module.text());
  ResolvedModule resolved =
      resolver_->resolveRelative(from.path, record.level, record.module.text());
  if (!resolved) return nullptr;
  std::string name = resolved.name;
  if (!name.empty()) {
    std::lock_guard lock(mutex_);
    auto it = byName_.find(name);
    if (it != byName_.end()) return it->second;
  }
  return load(resolved, name, false, nullptr);
}

const BoundModule* FileModuleProvider::submodule(const BoundModule& package, parser::Name name) {
  if (!package.isPackage || !package.name) return nullptr;
  std::string dotted = std::string(package.name.text()) + "." + std::string(name.text());
  return moduleNamed(dotted);
}

const BoundModule*
FileModuleProvider::projectModule(const std::string& path,
                                  std::shared_ptr<const parser::SourceText> text) {
  ResolvedModule resolved;
  resolved.kind = path.ends_with(".pyi") ? ModuleKind::StubFile : ModuleKind::SourceFile;
  resolved.path = path;
  resolved.isPackage = path.ends_with("__init__.py") || path.ends_with("__init__.pyi");
  std::string name = resolver_->moduleNameOf(path).value_or("");
  // Already loaded as a dependency: it is a project file all the same.
  std::shared_future<const BoundModule*> existing;
  {
    std::lock_guard lock(mutex_);
    auto it = byPath_.find(path);
    if (it != byPath_.end()) existing = it->second;
  }
  if (existing.valid()) {
    const BoundModule* m = existing.get();
    if (m) const_cast<BoundModule*>(m)->reportDiagnostics = true;
    return m;
  }
  return load(resolved, name, true, std::move(text));
}

} // namespace shrike::checker
