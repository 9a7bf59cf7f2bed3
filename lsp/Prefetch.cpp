// Prefetch: a breadth-first walk of the import graph that loads each module it reaches.
#include "lsp/Prefetch.h"

#include <deque>
#include <unordered_set>
#include <utility>

namespace shrike::lsp {

void prefetchImports(checker::Program& program, const std::vector<std::string>& paths,
                     unsigned depth, const checker::CancellationToken& stop) {
  checker::ModuleGraph& graph = program.graph();
  std::deque<std::pair<std::shared_ptr<checker::Module>, unsigned>> queue;
  std::unordered_set<checker::ModuleId> seen;
  auto visit = [&](std::shared_ptr<checker::Module> module, unsigned stepsLeft) {
    if (module && seen.insert(module->id).second) queue.emplace_back(std::move(module), stepsLeft);
  };
  auto visitId = [&](checker::ModuleId id, unsigned stepsLeft) {
    if (id != checker::noModule) visit(graph.module(id), stepsLeft);
  };
  // Every check asks for builtins first, and for the stubs it imports (typing, _typeshed...).
  visit(graph.builtins(), 1);
  for (const std::string& path : paths) visit(graph.moduleForPath(path), depth);
  while (!queue.empty() && !stop) {
    auto [module, stepsLeft] = std::move(queue.front());
    queue.pop_front();
    graph.load(*module);
    if (stepsLeft == 0) continue;
    // A check goes through a file's imports from the top; from the bottom, this walk meets it
    // in the middle rather than waiting for the module it is loading.
    for (auto target = module->imports.rbegin(); target != module->imports.rend(); ++target) {
      visitId(target->submodule, stepsLeft - 1);
      visitId(target->module, stepsLeft - 1);
      for (checker::ModuleId parent : target->parents) visitId(parent, stepsLeft - 1);
    }
  }
}

} // namespace shrike::lsp
