// Navigation: resolving the name under the cursor through scopes, flow and imports.
#include "checker/ide/Navigation.h"

#include <algorithm>

#include "checker/bind/UseDef.h"
#include "checker/ide/TypeNavigation.h"

namespace shrike::checker::ide {

namespace {

using namespace parser;
using bind::DeclId;
using bind::noId;
using bind::SymbolId;

// Re-export chains longer than this are cycles (`a` imports from `b`, which imports from `a`).
constexpr int maxImportHops = 24;

bool within(const TextRange& range, uint32_t offset) {
  return range.length() > 0 && range.containsInclusive(offset);
}

void addUnique(std::vector<Resolved>& out, Resolved resolved) {
  if (std::find(out.begin(), out.end(), resolved) == out.end()) out.push_back(std::move(resolved));
}

class Navigator {
public:
  Navigator(Program& program, const CancellationToken& cancelled,
            AttributeResolution attributes = AttributeResolution::ThroughTypes)
      : program_(program), graph_(program.graph()), cancelled_(cancelled), attributes_(attributes) {
  }

  std::shared_ptr<Module> moduleById(ModuleId id) {
    if (id == noModule) return nullptr;
    auto module = graph_.module(id);
    if (!module) return nullptr;
    graph_.ready(*module);
    return module->index ? module : nullptr;
  }

  Resolved moduleItself(const std::shared_ptr<Module>& module) { return Resolved{module, noId}; }

  // The declarations of a symbol that a use sees: the bindings that reach it when the use is
  // in the symbol's own execution scope, otherwise every reachable declaration.
  std::vector<Resolved> declarationsOf(const std::shared_ptr<Module>& module, SymbolId symbol,
                                       const bind::Reference* use) {
    const bind::SemanticIndex& index = *module->index;
    std::vector<Resolved> out;
    if (use && use->flow != noId && !use->has(bind::RefForward)) {
      bind::ScopeId symbolScope = index.executionScope(index.symbol(symbol).scope);
      if (symbolScope == index.executionScope(use->scope)) {
        bind::UseDef useDef(index);
        bind::Reaching reaching = useDef.reaching(use->flow, symbol, use->key, true);
        for (DeclId d : reaching.declarations) addUnique(out, Resolved{module, d});
        if (!out.empty()) return out;
      }
    }
    std::vector<Resolved> unreachable;
    index.forEachDeclaration(symbol, [&](DeclId d) {
      if (index.declaration(d).kind == bind::DeclarationKind::Implicit) return;
      (index.declaration(d).has(bind::DeclUnreachable) ? unreachable : out)
          .push_back(Resolved{module, d});
    });
    return out.empty() ? unreachable : out;
  }

  // `name` as a member of a module: `from module import name`, or `module.name`.
  std::vector<Resolved> memberOf(const std::shared_ptr<Module>& module, Name name, int hops) {
    std::vector<Resolved> out;
    if (!module || hops > maxImportHops || cancelled_) return out;
    ModuleMember member = graph_.member(*module, name);
    if (member.kind == ModuleMember::Submodule) {
      if (auto sub = moduleById(member.submodule)) out.push_back(moduleItself(sub));
    } else if (member.kind == ModuleMember::Symbol) {
      for (const Resolved& d : declarationsOf(module, member.symbol, nullptr))
        for (Resolved& r : follow(d, hops + 1)) addUnique(out, std::move(r));
    }
    return out;
  }

  // Follows an import declaration to what it imports; anything else is its own definition.
  std::vector<Resolved> follow(const Resolved& resolved, int hops = 0) {
    if (resolved.isModule() || hops > maxImportHops) return {resolved};
    const bind::Declaration& decl = resolved.decl();
    const Module& module = *resolved.module;
    if (decl.import == noId || decl.import >= module.imports.size()) return {resolved};
    const bind::ImportRecord& record = module.index->import(decl.import);
    const ImportTarget& target = module.imports[decl.import];
    if (decl.kind == bind::DeclarationKind::Import) {
      // `import a.b.c` binds `a`; `import a.b as c` binds c to a.b.
      ModuleId id = record.kind == bind::ImportKind::Module && !target.parents.empty()
                        ? target.parents.front()
                        : target.module;
      if (auto imported = moduleById(id)) return {moduleItself(imported)};
      return {resolved};
    }
    if (decl.kind != bind::DeclarationKind::ImportFrom) return {resolved};
    Name name =
        decl.has(bind::DeclStarImport) ? module.index->symbol(decl.symbol).name : record.name;
    if (!decl.has(bind::DeclStarImport) && target.submodule != noModule) {
      if (auto sub = moduleById(target.submodule)) return {moduleItself(sub)};
    }
    std::vector<Resolved> out = memberOf(moduleById(target.module), name, hops);
    if (out.empty()) out.push_back(resolved); // unresolved: the import is as far as it goes
    return out;
  }

  std::vector<Resolved> followAll(const std::vector<Resolved>& declarations) {
    std::vector<Resolved> out;
    for (const Resolved& d : declarations)
      for (Resolved& r : follow(d)) addUnique(out, std::move(r));
    return out;
  }

  // A name bound nowhere in its module: a builtin, if it is one.
  std::vector<Resolved> builtin(Name name) {
    auto builtins = graph_.builtins();
    if (!builtins) return {};
    graph_.ready(*builtins);
    return memberOf(builtins, name, 0);
  }

  // The modules an expression stands for: a name bound by an import, or an attribute chain
  // of submodules and re-exported modules (`os.path`).
  std::vector<std::shared_ptr<Module>> modulesOf(const std::shared_ptr<Module>& module,
                                                 const Expr* expr) {
    std::vector<Resolved> targets;
    if (const auto* name = expr->as<NameExpr>()) {
      targets = followAll(nameDeclarations(module, name));
    } else if (const auto* attribute = expr->as<Attribute>()) {
      if (!attribute->attr) return {};
      for (const auto& base : modulesOf(module, attribute->value))
        for (Resolved& r : memberOf(base, attribute->attr.name, 0))
          addUnique(targets, std::move(r));
    }
    std::vector<std::shared_ptr<Module>> modules;
    for (const Resolved& r : targets)
      if (r.isModule()) modules.push_back(r.module);
    return modules;
  }

  // The declarations a Name expression sees in its own module (builtins when it has none).
  std::vector<Resolved> nameDeclarations(const std::shared_ptr<Module>& module,
                                         const NameExpr* name) {
    const bind::SemanticIndex& index = *module->index;
    if (DeclId d = index.declarationOf(name); d != noId) return {Resolved{module, d}};
    const bind::Reference* reference = index.referenceOf(name);
    SymbolId symbol =
        reference ? reference->symbol : index.lookup(index.enclosingScope(name), name->id);
    if (symbol == noId) return builtinDeclarations(name->id);
    return declarationsOf(module, symbol, reference);
  }

  // Builtins have no import to stop at: their declaration is their definition.
  std::vector<Resolved> builtinDeclarations(Name name) { return builtin(name); }

  // The parameter `name` of the functions (or classes, through __init__) a call resolves to.
  std::vector<Resolved> parametersNamed(const std::vector<Resolved>& callees, Name name) {
    std::vector<Resolved> out;
    for (const Resolved& callee : callees) {
      if (callee.isModule()) continue;
      const Node* node = callee.decl().node;
      const bind::SemanticIndex& index = *callee.module->index;
      if (const auto* cls = node ? node->as<ClassDef>() : nullptr) {
        for (const Stmt* stmt : cls->body) {
          const auto* def = stmt->as<FunctionDef>();
          if (def && def->name.name.text() == "__init__") node = def;
        }
      }
      const auto* def = node ? node->as<FunctionDef>() : nullptr;
      if (!def || !def->parameters) continue;
      for (const Parameter* parameter : def->parameters->parameters) {
        if (parameter->name.name != name) continue;
        if (DeclId d = index.declarationOf(parameter); d != noId)
          addUnique(out, Resolved{callee.module, d});
      }
    }
    return out;
  }

  // `base.name`: a member of a module when `base` stands for one (`os.path`), otherwise a
  // member of the class of `base`'s type, found through its MRO.
  std::vector<Resolved> attributeDeclarations(const std::shared_ptr<Module>& module,
                                              const Attribute* attribute) {
    std::vector<Resolved> out;
    if (!attribute->attr) return out;
    for (const auto& base : modulesOf(module, attribute->value))
      for (Resolved& r : memberOf(base, attribute->attr.name, 0)) addUnique(out, std::move(r));
    if (!out.empty() || cancelled_ || attributes_ == AttributeResolution::ModulesOnly) return out;
    return memberDeclarations(program_, module, attribute->value, attribute->attr.name);
  }

  std::vector<Resolved> calleeDefinitions(const std::shared_ptr<Module>& module,
                                          const Expr* callee) {
    if (const auto* name = callee->as<NameExpr>()) return followAll(nameDeclarations(module, name));
    if (const auto* attribute = callee->as<Attribute>())
      return followAll(attributeDeclarations(module, attribute));
    return {};
  }

  std::optional<CursorSymbol> at(const std::shared_ptr<Module>& module, uint32_t offset);

private:
  Program& program_;
  ModuleGraph& graph_;
  CancellationToken cancelled_; // a copy: callers pass temporaries (`Navigator(program, {})`)
  AttributeResolution attributes_;
};

std::string joinParts(List<Identifier> parts, size_t count) {
  std::string joined;
  for (size_t i = 0; i < count && i < parts.size(); ++i) {
    if (i) joined += '.';
    joined += parts[i].name.text();
  }
  return joined;
}

std::optional<CursorSymbol> Navigator::at(const std::shared_ptr<Module>& module, uint32_t offset) {
  const bind::SemanticIndex& index = *module->index;
  Node* node = findNodeAt(module->ast->module, offset);
  CursorSymbol cursor;
  cursor.module = module;
  auto declared = [&](const Node* binding, const Identifier& name) -> bool {
    if (!within(name.range, offset)) return false;
    DeclId d = index.declarationOf(binding);
    if (d == noId) return false;
    cursor.nameRange = name.range;
    cursor.name = std::string(name.name.text());
    cursor.declarations = {Resolved{module, d}};
    return true;
  };
  auto isModuleTarget = [&](std::shared_ptr<Module> target, TextRange range, std::string name) {
    if (!target) return false;
    cursor.nameRange = range;
    cursor.name = std::move(name);
    cursor.declarations = {moduleItself(target)};
    return true;
  };
  bool found = false;
  switch (node->kind) {
  case NodeKind::NameExpr: {
    const auto* name = node->as<NameExpr>();
    cursor.nameRange = name->range;
    cursor.name = std::string(name->id.text());
    if (index.declarationOf(name) == noId) cursor.expression = name;
    cursor.declarations = nameDeclarations(module, name);
    found = true;
    break;
  }
  case NodeKind::Attribute: {
    const auto* attribute = node->as<Attribute>();
    if (!within(attribute->attr.range, offset)) break;
    cursor.nameRange = attribute->attr.range;
    cursor.name = std::string(attribute->attr.name.text());
    cursor.expression = attribute;
    cursor.declarations = attributeDeclarations(module, attribute);
    found = !cursor.declarations.empty();
    break;
  }
  case NodeKind::FunctionDef: found = declared(node, node->as<FunctionDef>()->name); break;
  case NodeKind::ClassDef: found = declared(node, node->as<ClassDef>()->name); break;
  case NodeKind::Parameter: found = declared(node, node->as<Parameter>()->name); break;
  case NodeKind::TypeParam: found = declared(node, node->as<TypeParam>()->name); break;
  case NodeKind::TypeAlias: found = declared(node, node->as<TypeAlias>()->name); break;
  case NodeKind::ExceptHandler: found = declared(node, node->as<ExceptHandler>()->name); break;
  case NodeKind::MatchAs: found = declared(node, node->as<MatchAs>()->name); break;
  case NodeKind::MatchStar: found = declared(node, node->as<MatchStar>()->name); break;
  case NodeKind::Keyword: {
    const auto* keyword = node->as<Keyword>();
    const auto* call = keyword->parent ? keyword->parent->as<Call>() : nullptr;
    if (!call || !within(keyword->name.range, offset)) break;
    cursor.nameRange = keyword->name.range;
    cursor.name = std::string(keyword->name.name.text());
    cursor.declarations =
        parametersNamed(calleeDefinitions(module, call->func), keyword->name.name);
    found = !cursor.declarations.empty();
    break;
  }
  case NodeKind::Alias: {
    const auto* alias = node->as<Alias>();
    if (within(alias->asName.range, offset)) {
      found = declared(node, alias->asName);
      break;
    }
    for (size_t i = 0; i < alias->parts.size() && !found; ++i) {
      if (!within(alias->parts[i].range, offset)) continue;
      if (alias->parent && alias->parent->is<Import>()) {
        // `import a.b.c`: each part names a module.
        std::string dotted = joinParts(alias->parts, i + 1);
        found = isModuleTarget(graph_.moduleByName(dotted), alias->parts[i].range,
                               std::string(alias->parts[i].name.text()));
        if (found) graph_.ready(*cursor.declarations.front().module);
      } else {
        // `from m import x`: the import's own declaration, followed below.
        DeclId d = index.declarationOf(alias);
        if (d == noId) break;
        cursor.nameRange = alias->parts[i].range;
        cursor.name = std::string(alias->parts[i].name.text());
        cursor.declarations = {Resolved{module, d}};
        found = true;
      }
    }
    break;
  }
  case NodeKind::ImportFrom: {
    const auto* from = node->as<ImportFrom>();
    for (size_t i = 0; i < from->moduleParts.size() && !found; ++i) {
      if (!within(from->moduleParts[i].range, offset)) continue;
      std::string dotted = joinParts(from->moduleParts, i + 1);
      ResolvedModule resolved = from->level > 0
                                    ? graph_.resolveRelative(module->path, from->level, dotted)
                                    : graph_.resolveAbsolute(dotted);
      auto target = graph_.moduleFor(resolved);
      if (target) graph_.ready(*target);
      found = isModuleTarget(target && target->index ? target : nullptr, from->moduleParts[i].range,
                             std::string(from->moduleParts[i].name.text()));
    }
    break;
  }
  default: break;
  }
  if (!found || cursor.declarations.empty()) return std::nullopt;
  cursor.definitions = followAll(cursor.declarations);
  const Resolved& first = cursor.definitions.front();
  cursor.key = SymbolKey{first.module->id, first.isModule() ? noId : first.decl().symbol};
  return cursor;
}

} // namespace

std::optional<CursorSymbol> symbolAt(Program& program, const std::string& path, uint32_t offset,
                                     const CancellationToken& cancelled,
                                     AttributeResolution attributes) {
  std::shared_ptr<Module> module = program.module(path);
  if (!module || !module->ast || !module->index) return std::nullopt;
  return Navigator(program, cancelled, attributes).at(module, offset);
}

SourceLocation locationOf(const Resolved& resolved) {
  if (resolved.isModule())
    return SourceLocation{resolved.module->path, {0, 0}, resolved.module->text};
  return SourceLocation{resolved.module->path, resolved.decl().nameRange, resolved.module->text};
}

SymbolKey definitionKey(Program& program, const std::shared_ptr<Module>& module, SymbolId symbol) {
  Navigator navigator(program, {});
  for (const Resolved& d : navigator.declarationsOf(module, symbol, nullptr)) {
    for (const Resolved& r : navigator.follow(d)) {
      if (r.isModule()) return SymbolKey{r.module->id, noId};
      return SymbolKey{r.module->id, r.decl().symbol};
    }
  }
  return SymbolKey{};
}

std::vector<Resolved> followImports(Program& program, const Resolved& resolved) {
  return Navigator(program, {}).follow(resolved);
}

} // namespace shrike::checker::ide
