// GraphModuleProvider: BoundModule views over ModuleGraph modules, made once each.
#include "checker/infer/GraphModuleProvider.h"

namespace shrike::checker {

const BoundModule* GraphModuleProvider::boundFor(const std::shared_ptr<Module>& module) {
  if (!module) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = views_.find(module.get());
    if (it != views_.end()) return it->second.bound.get();
  }
  graph_.ready(*module); // outside the lock: loading may resolve other modules
  // A skipped file (too large, binary) has no names to offer: like a module not found.
  if (!module->index || !module->ast || module->skipped) return nullptr;
  auto bound = std::make_unique<BoundModule>();
  bound->name = parser::intern(module->name);
  bound->path = module->path;
  bound->text = module->text;
  bound->ast = module->ast.get();
  bound->index = module->index.get();
  bound->isStub = module->isStub();
  bound->isPackage = module->isPackage;
  bound->isBuiltins = module->name == "builtins";
  bound->reportDiagnostics = module->origin == ModuleOrigin::Project;
  bound->source = module.get();
  std::lock_guard lock(mutex_);
  auto [it, inserted] = views_.emplace(module.get(), Entry{module, std::move(bound)});
  return it->second.bound.get();
}

const BoundModule* GraphModuleProvider::moduleNamed(std::string_view dottedName) {
  return boundFor(graph_.moduleByName(dottedName));
}

const BoundModule* GraphModuleProvider::importedModule(const BoundModule& from,
                                                       bind::ImportId import) {
  auto module = static_cast<const Module*>(from.source);
  if (!module || import >= module->imports.size()) return nullptr;
  ModuleId id = module->imports[import].module;
  if (id == noModule) return nullptr;
  return boundFor(graph_.module(id));
}

const BoundModule* GraphModuleProvider::importedSubmodule(const BoundModule& from,
                                                          bind::ImportId import) {
  auto module = static_cast<const Module*>(from.source);
  if (!module || import >= module->imports.size()) return nullptr;
  ModuleId id = module->imports[import].submodule;
  if (id == noModule) return nullptr;
  return boundFor(graph_.module(id));
}

const BoundModule* GraphModuleProvider::submodule(const BoundModule& package, parser::Name name) {
  auto module = static_cast<const Module*>(package.source);
  if (!module || !package.isPackage) return nullptr;
  auto shared = graph_.module(module->id);
  if (!shared || shared.get() != module) return nullptr;
  ModuleMember member = graph_.member(*shared, name);
  if (member.kind != ModuleMember::Submodule) return nullptr;
  return boundFor(graph_.module(member.submodule));
}

} // namespace shrike::checker
