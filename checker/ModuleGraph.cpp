// ModuleGraph: creating, loading, import resolution, star-import linking and member lookup.
#include "checker/ModuleGraph.h"

#include <algorithm>

#include "checker/StubSnapshot.h"
#include "parser/AstLowering.h"
#include "parser/StableHash.h"

namespace shrike::checker {

using namespace parser;
using bind::SemanticIndex;

ModuleGraph::ModuleGraph(std::shared_ptr<ModuleResolver> resolver, bind::BindOptions options,
                         TextReader reader)
    : resolver_(std::move(resolver)), options_(std::move(options)), reader_(std::move(reader)) {}

ModuleGraph::~ModuleGraph() = default;

namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.ends_with(suffix);
}

ModuleKind kindFromPath(std::string_view path) {
  return endsWith(path, ".pyi") ? ModuleKind::StubFile : ModuleKind::SourceFile;
}

bool isInitFile(std::string_view path) {
  return endsWith(path, "/__init__.py") || endsWith(path, "/__init__.pyi") ||
         path == "__init__.py" || path == "__init__.pyi";
}

} // namespace

std::shared_ptr<Module> ModuleGraph::create(const std::string& path, std::string name,
                                            const ResolvedModule* resolved) {
  std::lock_guard lock(mutex_);
  if (auto it = byPath_.find(path); it != byPath_.end() && modules_[it->second])
    return modules_[it->second];
  auto module = std::make_shared<Module>();
  module->id = static_cast<ModuleId>(modules_.size());
  module->path = path;
  module->name = std::move(name);
  if (resolved) {
    module->kind = resolved->kind;
    module->origin = resolved->origin;
    module->isPackage = resolved->isPackage;
    module->namespaceDirs = resolved->namespaceDirs;
  } else {
    module->kind = kindFromPath(path);
    module->isPackage = isInitFile(path);
  }
  modules_.push_back(module);
  byPath_[path] = module->id;
  return module;
}

std::shared_ptr<Module> ModuleGraph::moduleForPath(const std::string& path) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = byPath_.find(path); it != byPath_.end() && modules_[it->second])
      return modules_[it->second];
  }
  std::optional<std::string> name = resolver_->moduleNameOf(path);
  return create(path, name.value_or(""), nullptr);
}

std::shared_ptr<Module> ModuleGraph::moduleFor(const ResolvedModule& resolved) {
  if (!resolved) return nullptr;
  std::string key = resolved.path;
  if (resolved.kind == ModuleKind::NamespacePackage)
    key = resolved.namespaceDirs.empty() ? "<namespace " + resolved.name + ">"
                                         : resolved.namespaceDirs.front();
  // A module compiled into the interpreter (_functools) has no file: its name is its key.
  if (key.empty()) key = "<builtin " + resolved.name + ">";
  {
    std::lock_guard lock(mutex_);
    if (auto it = byPath_.find(key); it != byPath_.end() && modules_[it->second])
      return modules_[it->second];
  }
  return create(key, resolved.name, &resolved);
}

std::shared_ptr<Module> ModuleGraph::module(ModuleId id) const {
  std::lock_guard lock(mutex_);
  return id < modules_.size() ? modules_[id] : nullptr;
}

size_t ModuleGraph::size() const {
  std::lock_guard lock(mutex_);
  return modules_.size();
}

void ModuleGraph::forEachModule(
    const std::function<void(const std::shared_ptr<Module>&)>& visit) const {
  std::vector<std::shared_ptr<Module>> all;
  {
    std::lock_guard lock(mutex_);
    all = modules_;
  }
  for (const auto& m : all)
    if (m) visit(m);
}

std::shared_ptr<Module> ModuleGraph::moduleByName(std::string_view dottedName) {
  return moduleFor(resolveAbsolute(dottedName));
}

std::shared_ptr<Module> ModuleGraph::builtins() {
  {
    std::lock_guard lock(mutex_);
    if (builtins_ != noModule && modules_[builtins_]) return modules_[builtins_];
  }
  auto m = moduleByName("builtins");
  if (!m) return nullptr;
  std::lock_guard lock(mutex_);
  builtins_ = m->id;
  return m;
}

// In-memory files (editor buffers, test cases) are the resolver's too: it finds them by the
// same rules as files on disk.
ResolvedModule ModuleGraph::resolveAbsolute(std::string_view dottedName) {
  return resolver_->resolve(dottedName);
}

ResolvedModule ModuleGraph::resolveRelative(const std::string& importingFile, unsigned level,
                                            std::string_view name) {
  return resolver_->resolveRelative(importingFile, level, name);
}

ResolvedModule ModuleGraph::resolveNearFile(const std::string& importingFile,
                                            std::string_view name) {
  // Only a file inside the project, and only the folders between it and the project root
  // (the root itself is searched already): a file elsewhere imports what Python would find,
  // so the standard library's lib2to3/pgen2/conv.py does not find `pgen2` a folder above it.
  const std::string& root = resolver_->settings().projectRoot;
  if (root.empty() || importingFile.size() <= root.size() ||
      importingFile.compare(0, root.size(), root) != 0 ||
      (root != "/" && importingFile[root.size()] != '/'))
    return ResolvedModule{};
  std::string folder = importingFile.substr(0, importingFile.rfind('/'));
  while (folder.size() > root.size()) {
    std::shared_ptr<ModuleResolver> local;
    {
      std::lock_guard lock(localMutex_);
      auto& slot = localResolvers_[folder];
      if (!slot) {
        Settings settings = resolver_->settings();
        settings.projectRoot = folder;
        settings.extraSearchPaths.clear();
        settings.stubPath.reset();
        // Only a project module is taken from here: typeshed's third-party stubs would be
        // indexed (a folder read per distribution) for nothing.
        settings.typeshedThirdParty = false;
        slot = std::make_shared<ModuleResolver>(settings, Environment{});
      }
      local = slot;
    }
    ResolvedModule found = local->resolve(name);
    if (found && found.origin == ModuleOrigin::Project) return found;
    folder.resize(folder.rfind('/'));
  }
  return ResolvedModule{};
}

// ---- loading -----------------------------------------------------------------------------

namespace {

// A typeshed stdlib stub's Ast from the build's snapshot, when it holds this very text.
std::optional<Ast> snapshotAst(const Module& module) {
  if (module.origin != ModuleOrigin::TypeshedStdlib || !module.isStub() || !module.text ||
      module.skipped)
    return std::nullopt;
  const parser::AstSnapshot* snapshot = stubSnapshot();
  return snapshot ? snapshot->load(*module.text) : std::nullopt;
}

} // namespace

void ModuleGraph::load(Module& module) {
  std::call_once(module.loadOnce_, [&] {
    bind::BindOptions options = options_;
    options.isStub = module.isStub();
    options.isPackage = module.isPackage;
    if (module.kind == ModuleKind::CompiledExtension) {
      module.loaded_.store(true, std::memory_order_release);
      module.linked_.store(true, std::memory_order_release);
      return;
    }
    parser::SharedTree parsedTree; // an editor buffer's, parsed incrementally as it changed
    std::shared_ptr<const parser::Ast> previousAst; // the buffer's, before its last edits
    if (module.kind == ModuleKind::NamespacePackage) {
      module.text = std::make_shared<const SourceText>();
    } else {
      ScopedPhase reading(times_, Phase::Read);
      FileRead read = reader_(module.path);
      module.text = std::move(read.text);
      parsedTree = std::move(read.tree);
      previousAst = std::move(read.previousAst);
      module.readError = std::move(read.error);
      module.skipped = std::move(read.skipped);
    }
    SourceText empty;
    {
      ScopedPhase parsing(times_, Phase::Parse);
      if (module.text && !module.skipped && parsedTree)
        module.ast = std::make_unique<Ast>(
            lowerTreeIncrementally(*module.text, parsedTree.get(), previousAst.get()));
      else if (auto fromSnapshot = snapshotAst(module))
        module.ast = std::make_unique<Ast>(std::move(*fromSnapshot));
      else
        module.ast = std::make_unique<Ast>(
            parseModule(module.text && !module.skipped ? *module.text : empty));
    }
    {
      ScopedPhase binding(times_, Phase::Bind);
      if (module.text && !module.skipped) options.source = module.text->text();
      module.index = bind::bindModule(*module.ast, options);
    }
    module.imports.resize(module.index->imports().size());
    {
      ScopedPhase resolving(times_, Phase::ResolveImports);
      resolveImports(module);
    }
    bool hasStars = module.index->has(bind::ModuleHasStarImports);
    if (!hasStars) module.interfaceHash = interfaceHashOf(*module.index);
    module.loaded_.store(true, std::memory_order_release);
    if (!hasStars) module.linked_.store(true, std::memory_order_release);
  });
}

void ModuleGraph::resolveImports(Module& module) {
  const SemanticIndex& index = *module.index;
  for (bind::ImportId i = 0; i < index.imports().size(); ++i) {
    const bind::ImportRecord& record = index.import(i);
    ImportTarget& target = module.imports[i];
    std::string moduleName(record.module.text());
    ResolvedModule resolved = record.level > 0
                                  ? resolveRelative(module.path, record.level, moduleName)
                                  : resolveAbsolute(moduleName);
    if (!resolved && record.level == 0 && !moduleName.empty() &&
        module.origin == ModuleOrigin::Project && !module.path.empty() && module.path[0] == '/') {
      ResolvedModule near = resolveNearFile(module.path, moduleName);
      if (near) resolved = std::move(near);
    }
    target.kind = resolved.kind;
    target.beyondTopLevel = resolved.beyondTopLevel;
    target.versionNote = resolved.versionNote;
    if (auto m = moduleFor(resolved)) target.module = m->id;
    if (record.kind == bind::ImportKind::Module) {
      // `import a.b.c` binds a: a and a.b are reachable through it.
      for (size_t dot = moduleName.find('.'); dot != std::string::npos;
           dot = moduleName.find('.', dot + 1)) {
        auto parent = moduleFor(resolveAbsolute(std::string_view(moduleName).substr(0, dot)));
        target.parents.push_back(parent ? parent->id : noModule);
      }
    }
    if (record.kind == bind::ImportKind::From && resolved && resolved.isPackage) {
      std::string name(record.name.text());
      std::string joined = moduleName.empty() ? name : moduleName + "." + name;
      ResolvedModule sub = record.level > 0 ? resolveRelative(module.path, record.level, joined)
                                            : resolveAbsolute(joined);
      if (auto m = moduleFor(sub)) target.submodule = m->id;
    }
  }
}

Module& ModuleGraph::ready(Module& module) {
  load(module);
  if (!module.isLinked()) {
    std::vector<const Module*> seen;
    loadStarTargets(module, seen);
    link(module);
  }
  return module;
}

// Linking runs under one lock for the whole graph (star-import cycles), and it needs the
// modules that `from m import *` names, transitively: loading (parsing) them first, outside
// the lock, keeps other threads from waiting while asyncio's nineteen submodules are parsed.
void ModuleGraph::loadStarTargets(Module& module, std::vector<const Module*>& seen) {
  if (!module.index || seen.size() > 256 ||
      std::find(seen.begin(), seen.end(), &module) != seen.end())
    return;
  seen.push_back(&module);
  const SemanticIndex& index = *module.index;
  for (bind::ImportId i = 0; i < index.imports().size(); ++i) {
    const bind::ImportRecord& record = index.import(i);
    if (record.kind != bind::ImportKind::Star || record.has(bind::ImportUnreachable)) continue;
    auto target =
        module.imports[i].module != noModule ? this->module(module.imports[i].module) : nullptr;
    if (!target || target->isLinked()) continue;
    load(*target);
    loadStarTargets(*target, seen);
  }
}

// ---- linking `from m import *` -----------------------------------------------------------

void ModuleGraph::link(Module& module) {
  std::lock_guard lock(linkMutex_);
  if (module.isLinked() || module.linking_) return;
  module.linking_ = true;
  SemanticIndex& index = *module.index;
  for (bind::ImportId i = 0; i < index.imports().size(); ++i) {
    const bind::ImportRecord& record = index.import(i);
    if (record.kind != bind::ImportKind::Star || record.has(bind::ImportUnreachable)) continue;
    auto target =
        module.imports[i].module != noModule ? this->module(module.imports[i].module) : nullptr;
    if (!target) continue;
    std::vector<Name> names = starExportsLocked(*target, 0);
    for (Name name : names) {
      bind::SymbolId symbol = index.addSymbol(bind::moduleScopeId, name);
      index.mutableSymbol(symbol).flags |= bind::SymbolStarImported;
      bind::Declaration decl;
      decl.kind = bind::DeclarationKind::ImportFrom;
      decl.flags = bind::DeclStarImport;
      decl.scope = bind::moduleScopeId;
      decl.nameRange = record.nameRange;
      decl.node = nullptr;
      decl.import = i;
      index.addDeclaration(symbol, decl);
    }
  }
  index.resolveReferences();
  module.interfaceHash = interfaceHashOf(index);
  module.linking_ = false;
  module.linked_.store(true, std::memory_order_release);
}

namespace {

// In a stub, an import is private unless written as a re-export (`import a as a`, ...) or
// named in __all__.
bool visibleFromStub(const SemanticIndex& index, bind::SymbolId symbol) {
  const bind::DunderAll& all = index.dunderAll();
  if (all.defined &&
      std::find(all.names.begin(), all.names.end(), index.symbol(symbol).name) != all.names.end())
    return true;
  bool visible = false;
  index.forEachDeclaration(symbol, [&](bind::DeclId d) {
    const bind::Declaration& decl = index.declaration(d);
    bool isImport = decl.kind == bind::DeclarationKind::Import ||
                    decl.kind == bind::DeclarationKind::ImportFrom;
    if (!isImport || decl.has(bind::DeclReexported) || decl.has(bind::DeclStarImport))
      visible = true;
  });
  return visible;
}

} // namespace

bool hasReachableDeclaration(const SemanticIndex& index, bind::SymbolId symbol) {
  // Asked for every name reference: a variable assigned 10,000 times must not cost 10,000 steps
  // per use, and its first declaration almost always answers.
  return index.anyDeclaration(
      symbol, [&](bind::DeclId d) { return !index.declaration(d).has(bind::DeclUnreachable); });
}

std::vector<Name> ModuleGraph::starExports(Module& module) {
  ready(module);
  std::lock_guard lock(linkMutex_);
  return starExportsLocked(module, 0);
}

std::vector<Name> ModuleGraph::starExportsLocked(Module& module, int depth) {
  load(module);
  if (!module.isLinked()) link(module); // same thread holds the lock; a cycle returns early
  std::vector<Name> names;
  if (!module.index) return names;
  const SemanticIndex& index = *module.index;
  const bind::DunderAll& all = index.dunderAll();
  if (all.defined && all.understood) {
    names = all.names;
    // `__all__ += m.__all__`: the names of the module bound to m.
    for (Name included : all.includedModules) {
      bind::SymbolId symbol = index.localSymbol(bind::moduleScopeId, included);
      if (symbol == bind::noId || depth > 8) continue;
      index.forEachDeclaration(symbol, [&](bind::DeclId d) {
        const bind::Declaration& decl = index.declaration(d);
        if (decl.import == bind::noId || decl.has(bind::DeclStarImport)) return;
        const ImportTarget& t = module.imports[decl.import];
        ModuleId id = t.submodule != noModule ? t.submodule : t.module;
        if (index.import(decl.import).kind == bind::ImportKind::Module && !t.parents.empty())
          id = t.parents[0];
        auto other = this->module(id);
        if (!other) return;
        for (Name n : starExportsLocked(*other, depth + 1)) names.push_back(n);
      });
    }
    return names;
  }
  for (bind::SymbolId s = 0; s < index.symbols().size(); ++s) {
    const bind::Symbol& symbol = index.symbol(s);
    if (symbol.scope != bind::moduleScopeId || !symbol.isScopeName()) continue;
    if (!hasReachableDeclaration(index, s)) continue; // implicit (`__name__`...) or version-gated
    if (symbol.name.text().starts_with("_")) continue;
    if (module.isStub() && !visibleFromStub(index, s)) continue;
    names.push_back(symbol.name);
  }
  return names;
}

ModuleMember ModuleGraph::member(Module& module, Name name) {
  ready(module);
  ModuleMember result;
  if (!module.index || module.skipped) {
    result.kind = ModuleMember::Unknown;
    return result;
  }
  const SemanticIndex& index = *module.index;
  bind::SymbolId symbol = index.localSymbol(bind::moduleScopeId, name);
  if (symbol != bind::noId && index.symbol(symbol).isScopeName() &&
      hasReachableDeclaration(index, symbol) &&
      (!module.isStub() || visibleFromStub(index, symbol))) {
    result.kind = ModuleMember::Symbol;
    result.symbol = symbol;
    return result;
  }
  if (module.isPackage) {
    std::string full =
        module.name.empty() ? std::string() : module.name + "." + std::string(name.text());
    ResolvedModule sub = full.empty() ? ResolvedModule{} : resolveAbsolute(full);
    if (auto m = moduleFor(sub)) {
      result.kind = ModuleMember::Submodule;
      result.submodule = m->id;
      return result;
    }
  }
  if (symbol != bind::noId && index.symbol(symbol).has(bind::SymbolImplicit)) {
    result.kind = ModuleMember::Symbol;
    result.symbol = symbol;
    return result;
  }
  if (index.has(bind::ModuleHasGetattr)) {
    result.kind = ModuleMember::Unknown;
    return result;
  }
  // A star import that did not resolve may have brought the name.
  for (bind::ImportId i = 0; i < index.imports().size(); ++i)
    if (index.import(i).kind == bind::ImportKind::Star && module.imports[i].module == noModule) {
      result.kind = ModuleMember::Unknown;
      return result;
    }
  return result;
}

// ---- invalidation ------------------------------------------------------------------------

std::shared_ptr<Module> ModuleGraph::invalidate(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto it = byPath_.find(path);
  if (it == byPath_.end() || !modules_[it->second]) return nullptr;
  std::shared_ptr<Module> old = modules_[it->second];
  auto fresh = std::make_shared<Module>();
  fresh->id = old->id;
  fresh->path = old->path;
  fresh->name = old->name;
  fresh->kind = old->kind;
  fresh->origin = old->origin;
  fresh->isPackage = old->isPackage;
  fresh->namespaceDirs = old->namespaceDirs;
  modules_[old->id] = fresh;
  return old;
}

void ModuleGraph::forgetProjectModules(const std::function<bool(const Module&)>& shouldForget) {
  std::lock_guard lock(mutex_);
  for (auto& m : modules_) {
    if (!m || !shouldForget(*m)) continue;
    byPath_.erase(m->path);
    m.reset();
  }
}

uint64_t interfaceHashOf(const SemanticIndex& index) {
  // A stable hash of the sorted module-level names with their flags and declaration kinds.
  std::vector<std::pair<std::string_view, uint64_t>> entries;
  for (bind::SymbolId s = 0; s < index.symbols().size(); ++s) {
    const bind::Symbol& symbol = index.symbol(s);
    if (symbol.scope != bind::moduleScopeId) continue;
    uint64_t kinds = symbol.flags;
    index.forEachDeclaration(s, [&](bind::DeclId d) {
      kinds = kinds * 31 + static_cast<uint64_t>(index.declaration(d).kind) + 1;
    });
    entries.push_back({symbol.name.text(), kinds});
  }
  std::sort(entries.begin(), entries.end());
  parser::StableHash h;
  for (auto& [name, kinds] : entries) h.addBytes(name).addWord(kinds);
  for (Name n : index.dunderAll().names) h.addBytes(n.text());
  return h.value();
}

} // namespace shrike::checker
