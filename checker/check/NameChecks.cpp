// NameChecks: unresolved references, (possibly) unbound names and unresolved imports.
#include "checker/check/NameChecks.h"

#include "checker/check/Suggestions.h"

namespace shrike::checker {

using namespace parser;
using namespace bind;

bool isBuiltinName(ModuleGraph& graph, Name name) {
  auto builtins = graph.builtins();
  if (!builtins) return false;
  return graph.member(*builtins, name).kind == ModuleMember::Symbol;
}

namespace {

// Names Python or the type checker provide without any binding.
bool isSpecialName(const SemanticIndex& index, ScopeId scope, Name name) {
  static const Name revealType = intern("reveal_type"), revealLocals = intern("reveal_locals"),
                    debug = intern("__debug__");
  if (name == revealType || name == revealLocals || name == debug) return true;
  if (name == names::dunderClass) {
    // `__class__` is the implicit closure cell of methods.
    for (ScopeId s = scope; s != noId; s = index.scope(s).parent)
      if (index.scope(s).kind == ScopeKind::Class) return true;
  }
  return false;
}

// A star import from a module that was not found or not analysed may have brought any name.
bool hasUnresolvedStarImport(ModuleGraph& graph, const Module& module) {
  const SemanticIndex& index = *module.index;
  for (ImportId i = 0; i < index.imports().size(); ++i) {
    if (index.import(i).kind != ImportKind::Star) continue;
    if (module.imports[i].module == noModule) return true;
    auto target = graph.module(module.imports[i].module);
    if (target && target->isLoaded() && target->skipped) return true;
  }
  return false;
}

std::vector<std::string_view> visibleNames(ModuleGraph& graph, const SemanticIndex& index,
                                           ScopeId from) {
  std::vector<std::string_view> out;
  bool classVisible = true;
  for (ScopeId s = from; s != noId; s = index.scope(s).parent) {
    const Scope& scope = index.scope(s);
    if (scope.kind != ScopeKind::Class || classVisible)
      for (SymbolId id : index.symbolsOf(s))
        if (index.symbol(id).isScopeName()) out.push_back(index.symbol(id).name.text());
    if (scope.kind != ScopeKind::TypeParams) classVisible = false;
  }
  if (auto builtins = graph.builtins(); builtins && builtins->index) {
    graph.ready(*builtins);
    const SemanticIndex& b = *builtins->index;
    for (SymbolId id : b.symbolsOf(moduleScopeId)) {
      const Symbol& symbol = b.symbol(id);
      if (symbol.isScopeName() && !symbol.has(SymbolPrivate) && hasReachableDeclaration(b, id))
        out.push_back(symbol.name.text());
    }
  }
  return out;
}

std::string quoted(std::string_view name) {
  return "`" + std::string(name) + "`";
}

} // namespace

void checkNames(ModuleGraph& graph, Module& module, const FlowOracle* oracle,
                std::vector<Diagnostic>& out) {
  if (!module.index) return;
  const SemanticIndex& index = *module.index;
  UseDef usedef(index, oracle);
  bool stub = module.isStub();
  int unresolvedStar = -1; // computed on first need
  for (const Reference& ref : index.references()) {
    if (!ref.isName() || ref.has(RefStore) || ref.has(RefUnreachable)) continue;
    Name name = ref.name();
    // A name bound only where the code cannot run (another platform or version) is not
    // defined at all.
    bool onlyUnreachable = ref.symbol != noId && !index.symbol(ref.symbol).has(SymbolImplicit) &&
                           index.symbol(ref.symbol).firstDecl != noId &&
                           !hasReachableDeclaration(index, ref.symbol);
    if (ref.symbol == noId || onlyUnreachable) {
      if (isBuiltinName(graph, name) || isSpecialName(index, ref.scope, name)) continue;
      if (unresolvedStar < 0) unresolvedStar = hasUnresolvedStarImport(graph, module) ? 1 : 0;
      if (unresolvedStar) continue;
      if (index.isUnreachable(ref.node->range.start)) continue;
      std::string message = "Name " + quoted(name.text()) + " is not defined";
      if (auto suggestion = closestName(name.text(), visibleNames(graph, index, ref.scope)))
        message += "; did you mean " + quoted(*suggestion) + "?";
      out.push_back(Diagnostic{Rule::UnresolvedReference,
                               ruleInfo(Rule::UnresolvedReference).defaultSeverity,
                               ref.node->range,
                               std::move(message),
                               {}});
      continue;
    }
    if (stub || ref.has(RefForward)) continue;
    const Symbol& symbol = index.symbol(ref.symbol);
    if (symbol.has(SymbolImplicit)) continue;
    // Free variables: the function may run after the enclosing scope binds them.
    if (index.executionScope(symbol.scope) != index.executionScope(ref.scope)) continue;
    Reaching reaching = usedef.reaching(ref.flow, ref.symbol, ref.key);
    if (!reaching.reachable || !reaching.mayBeUnbound) continue;
    // Where the class or module binding is missing, Python looks further out.
    ScopeKind kind = index.scope(symbol.scope).kind;
    if (kind == ScopeKind::Class) {
      SymbolId global = index.localSymbol(moduleScopeId, name);
      if ((global != noId && index.symbol(global).isScopeName()) || isBuiltinName(graph, name))
        continue;
    }
    if (kind == ScopeKind::Module && isBuiltinName(graph, name)) continue;
    if (index.isUnreachable(ref.node->range.start)) continue;
    if (reaching.declarations.empty())
      out.push_back(Diagnostic{Rule::UnboundReference,
                               ruleInfo(Rule::UnboundReference).defaultSeverity,
                               ref.node->range,
                               "Name " + quoted(name.text()) + " is used before it is bound",
                               {}});
    else
      out.push_back(Diagnostic{Rule::PossiblyUnbound,
                               ruleInfo(Rule::PossiblyUnbound).defaultSeverity,
                               ref.node->range,
                               "Name " + quoted(name.text()) + " is possibly unbound",
                               {}});
  }
}

void checkImports(ModuleGraph& graph, Module& module, std::vector<Diagnostic>& out) {
  if (!module.index) return;
  const SemanticIndex& index = *module.index;
  const Stmt* reported = nullptr; // one unresolved module per `from m import a, b`
  for (ImportId i = 0; i < index.imports().size(); ++i) {
    const ImportRecord& record = index.import(i);
    if (record.has(ImportUnreachable) || record.has(ImportImplicit)) continue;
    const ImportTarget& target = module.imports[i];
    std::string written = std::string(record.level, '.') + std::string(record.module.text());
    if (target.module == noModule) {
      if (record.kind == ImportKind::From && record.node == reported && record.module) continue;
      reported = record.node;
      // `from . import x` names no module of its own: the name is what is missing.
      bool namesOnlyDots = record.kind == ImportKind::From && !record.module;
      std::string shown = namesOnlyDots ? written + std::string(record.name.text()) : written;
      TextRange range = namesOnlyDots ? record.nameRange : record.moduleRange;
      std::string message = target.beyondTopLevel
                                ? "Cannot resolve " + quoted(shown) +
                                      ": the relative import goes above the top-level package"
                            : namesOnlyDots ? "Cannot resolve " + quoted(shown)
                                            : "Cannot resolve imported module " + quoted(shown);
      if (!target.versionNote.empty()) message += " (" + target.versionNote + ")";
      out.push_back(Diagnostic{Rule::UnresolvedImport,
                               ruleInfo(Rule::UnresolvedImport).defaultSeverity,
                               range,
                               std::move(message),
                               {}});
      continue;
    }
    if (record.kind != ImportKind::From || target.submodule != noModule) continue;
    auto from = graph.module(target.module);
    if (!from) continue;
    ModuleMember member = graph.member(*from, record.name);
    if (member.kind != ModuleMember::Missing) continue;
    out.push_back(
        Diagnostic{Rule::UnresolvedImport,
                   ruleInfo(Rule::UnresolvedImport).defaultSeverity,
                   record.nameRange,
                   "Module " + quoted(written) + " has no member " + quoted(record.name.text()),
                   {}});
  }
}

} // namespace shrike::checker
