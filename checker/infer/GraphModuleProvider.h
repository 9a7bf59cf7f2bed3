// GraphModuleProvider: the evaluator's view of a Program's ModuleGraph — each loaded Module
// as a BoundModule, imports as the graph resolved them, submodules through graph members.
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>

#include "checker/ModuleGraph.h"
#include "checker/infer/ModuleProvider.h"

namespace shrike::checker {

class GraphModuleProvider : public ModuleProvider {
public:
  explicit GraphModuleProvider(ModuleGraph& graph) : graph_(graph) {}

  const BoundModule* moduleNamed(std::string_view dottedName) override;
  const BoundModule* importedModule(const BoundModule& from, bind::ImportId import) override;
  const BoundModule* importedSubmodule(const BoundModule& from, bind::ImportId import) override;
  const BoundModule* submodule(const BoundModule& package, parser::Name name) override;

  // The view of a module (readied first); null when it could not be read.
  const BoundModule* boundFor(const std::shared_ptr<Module>& module);

private:
  struct Entry {
    std::shared_ptr<Module> module; // kept alive as long as the view
    std::unique_ptr<BoundModule> bound;
  };
  ModuleGraph& graph_;
  std::mutex mutex_;
  std::unordered_map<const Module*, Entry> views_;
};

} // namespace shrike::checker
