// IdeIndex: building a module's use -> declaration index, and following imports to the
// declarations they finally name.
#include "checker/ide/IdeIndex.h"

#include <algorithm>
#include <unordered_map>

#include "checker/bind/FlatMap.h"

namespace shrike::checker::ide {

using namespace parser;
using namespace bind;

std::span<const Use> IdeIndex::usesAt(uint32_t offset) const {
  auto it = std::upper_bound(uses_.begin(), uses_.end(), offset,
                             [](uint32_t o, const Use& u) { return o < u.start; });
  while (it != uses_.begin()) {
    auto last = it - 1;
    auto first = last;
    while (first != uses_.begin() && (first - 1)->start == last->start) --first;
    if (offset <= last->end()) return {&*first, static_cast<size_t>(it - first)};
    // A longer use starting earlier may still contain the offset (`a.b` around `a`).
    it = first;
    if (offset - first->start > 256) break;
  }
  return {};
}

bool IdeIndex::refersTo(ModuleId module) const {
  return std::binary_search(referencedModules_.begin(), referencedModules_.end(), module);
}

void IdeIndex::add(uint32_t start, uint32_t length, UseKind kind, DeclarationRef target) {
  if (target.module == noModule) return;
  Use use;
  use.start = start;
  use.length = std::min<uint32_t>(length, (1u << 24) - 1);
  use.kind = static_cast<uint32_t>(kind);
  use.target = target;
  uses_.push_back(use);
}

void IdeIndex::finish() {
  std::stable_sort(uses_.begin(), uses_.end(), [](const Use& a, const Use& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.target < b.target;
  });
  uses_.erase(std::unique(uses_.begin(), uses_.end(),
                          [](const Use& a, const Use& b) {
                            return a.start == b.start && a.length == b.length &&
                                   a.target == b.target;
                          }),
              uses_.end());
  uses_.shrink_to_fit();
  referencedModules_.clear();
  for (const Use& u : uses_) referencedModules_.push_back(u.target.module);
  std::sort(referencedModules_.begin(), referencedModules_.end());
  referencedModules_.erase(std::unique(referencedModules_.begin(), referencedModules_.end()),
                           referencedModules_.end());
  referencedModules_.shrink_to_fit();
}

// ---- following imports ------------------------------------------------------------------

namespace {

void resolveInto(ModuleGraph& graph, DeclarationRef ref, size_t limit, int depth,
                 std::vector<DeclarationRef>& out);

// The declarations a symbol's uses should lead to: the reachable, non-augmented ones (all of
// them when none is).
std::vector<DeclId> primaryDeclarations(const SemanticIndex& index, SymbolId symbol) {
  std::vector<DeclId> chosen, fallback;
  index.forEachDeclaration(symbol, [&](DeclId d) {
    const Declaration& decl = index.declaration(d);
    fallback.push_back(d);
    if (!decl.has(DeclUnreachable) && !decl.has(DeclAugmented)) chosen.push_back(d);
  });
  return chosen.empty() ? fallback : chosen;
}

void memberInto(ModuleGraph& graph, Module& module, Name name, size_t limit, int depth,
                std::vector<DeclarationRef>& out) {
  graph.ready(module);
  ModuleMember member = graph.member(module, name);
  if (member.kind == ModuleMember::Submodule) {
    out.push_back(DeclarationRef{member.submodule, DeclarationRef::moduleItself});
    return;
  }
  if (member.kind != ModuleMember::Symbol || !module.index) return;
  for (DeclId d : primaryDeclarations(*module.index, member.symbol)) {
    if (out.size() >= limit) return;
    resolveInto(graph, DeclarationRef{module.id, d}, limit, depth + 1, out);
  }
}

void push(std::vector<DeclarationRef>& out, DeclarationRef ref, size_t limit) {
  if (out.size() < limit && std::find(out.begin(), out.end(), ref) == out.end()) out.push_back(ref);
}

void resolveInto(ModuleGraph& graph, DeclarationRef ref, size_t limit, int depth,
                 std::vector<DeclarationRef>& out) {
  auto module = graph.module(ref.module);
  if (!module || ref.isModule() || depth > 16) {
    push(out, ref, limit);
    return;
  }
  graph.ready(*module);
  if (!module->index || ref.decl >= module->index->declarations().size()) return;
  const SemanticIndex& index = *module->index;
  const Declaration& decl = index.declaration(ref.decl);
  if (decl.import == noId ||
      (decl.kind != DeclarationKind::Import && decl.kind != DeclarationKind::ImportFrom)) {
    push(out, ref, limit);
    return;
  }
  const ImportRecord& record = index.import(decl.import);
  const ImportTarget& target = module->imports[decl.import];
  if (decl.kind == DeclarationKind::Import) {
    ModuleId named = target.module;
    if (record.kind == ImportKind::Module && !target.parents.empty()) named = target.parents[0];
    if (named == noModule)
      push(out, ref, limit);
    else
      push(out, DeclarationRef{named, DeclarationRef::moduleItself}, limit);
    return;
  }
  // `from m import x` (or a name `from m import *` brought): x's declarations in m.
  Name name = decl.has(DeclStarImport) ? index.symbol(decl.symbol).name : record.name;
  auto from = target.module != noModule ? graph.module(target.module) : nullptr;
  size_t before = out.size();
  // A package importing its own submodule (`from . import path` in os/__init__) gets the
  // submodule, whatever the package binds to that name later.
  if (target.submodule != noModule && target.module == module->id) {
    push(out, DeclarationRef{target.submodule, DeclarationRef::moduleItself}, limit);
    return;
  }
  if (from) memberInto(graph, *from, name, limit, depth, out);
  if (out.size() == before && target.submodule != noModule)
    push(out, DeclarationRef{target.submodule, DeclarationRef::moduleItself}, limit);
  if (out.size() == before) push(out, ref, limit);
}

} // namespace

ModuleId aliasedModule(ModuleGraph& graph, DeclarationRef ref, int depth) {
  if (ref.isModule()) return ref.module;
  auto module = graph.module(ref.module);
  if (!module || depth > 8) return noModule;
  graph.ready(*module);
  if (!module->index || ref.decl >= module->index->declarations().size()) return noModule;
  const SemanticIndex& index = *module->index;
  const Declaration& decl = index.declaration(ref.decl);
  auto* target = decl.node ? decl.node->as<NameExpr>() : nullptr;
  auto* assign = target && target->parent ? target->parent->as<Assign>() : nullptr;
  auto* value = assign && assign->targets.size() == 1 ? assign->value->as<NameExpr>() : nullptr;
  if (decl.kind != DeclarationKind::Variable || !value) return noModule;
  SymbolId symbol = index.lookup(decl.scope, value->id);
  if (symbol == noId) return noModule;
  std::vector<DeclarationRef> targets;
  for (DeclId d : primaryDeclarations(index, symbol))
    resolveInto(graph, DeclarationRef{module->id, d}, 2, 0, targets);
  if (targets.size() != 1) return noModule;
  return aliasedModule(graph, targets[0], depth + 1);
}

std::vector<DeclarationRef> resolveDeclaration(ModuleGraph& graph, DeclarationRef declaration,
                                               size_t limit) {
  std::vector<DeclarationRef> out;
  resolveInto(graph, declaration, limit, 0, out);
  return out;
}

std::vector<DeclarationRef> moduleMemberDeclarations(ModuleGraph& graph, Module& module, Name name,
                                                     size_t limit) {
  std::vector<DeclarationRef> out;
  memberInto(graph, module, name, limit, 0, out);
  return out;
}

// ---- building ----------------------------------------------------------------------------

namespace {

class Builder {
public:
  Builder(ModuleGraph& graph, Module& module, const FlowOracle* oracle)
      : graph_(graph), module_(module), index_(*module.index), usedef_(index_, oracle) {}

  IdeIndex build() {
    declarations();
    imports();
    references();
    result_.finish();
    return std::move(result_);
  }

private:
  void addAll(TextRange range, UseKind kind, const std::vector<DeclarationRef>& targets) {
    for (const DeclarationRef& t : targets) result_.add(range.start, range.length(), kind, t);
  }
  void addResolved(TextRange range, UseKind kind, DeclId decl) {
    addAll(range, kind, resolveDeclaration(graph_, DeclarationRef{module_.id, decl}));
  }

  void declarations() {
    for (DeclId d = 0; d < index_.declarations().size(); ++d) {
      const Declaration& decl = index_.declaration(d);
      if (!decl.node || decl.nameRange.length() == 0) continue;
      switch (decl.kind) {
      case DeclarationKind::Function:
      case DeclarationKind::Class:
      case DeclarationKind::Parameter:
      case DeclarationKind::TypeParameter:
      case DeclarationKind::TypeAlias:
        result_.add(decl.nameRange.start, decl.nameRange.length(), UseKind::Declaration,
                    {module_.id, d});
        break;
      case DeclarationKind::Variable:
        // Plain names are recorded with their references, and so is `self.x += ...` (it
        // leads to x's other declarations); the rest are declared here.
        if (!decl.node->is<NameExpr>() && !decl.isAugmentedMember())
          result_.add(decl.nameRange.start, decl.nameRange.length(), UseKind::Declaration,
                      {module_.id, d});
        break;
      default: break;
      }
    }
  }

  DeclarationRef moduleRef(ModuleId id) { return DeclarationRef{id, DeclarationRef::moduleItself}; }

  void imports() {
    for (ImportId i = 0; i < index_.imports().size(); ++i) {
      const ImportRecord& record = index_.import(i);
      const ImportTarget& target = module_.imports[i];
      if (record.has(ImportImplicit)) continue;
      const Declaration* decl =
          record.declaration != noId ? &index_.declaration(record.declaration) : nullptr;
      if (record.kind == ImportKind::Module || record.kind == ImportKind::ModuleAs) {
        auto* alias = decl && decl->node ? decl->node->as<Alias>() : nullptr;
        if (!alias) continue;
        // Each dotted part names a module: `import a.b.c` -> a, a.b, a.b.c.
        for (size_t k = 0; k < alias->parts.size(); ++k) {
          ModuleId m = k + 1 == alias->parts.size() ? target.module
                       : k < target.parents.size()  ? target.parents[k]
                                                    : partModule(record, k, alias->parts);
          if (m != noModule)
            result_.add(alias->parts[k].range.start, alias->parts[k].range.length(),
                        UseKind::Import, moduleRef(m));
        }
        if (alias->asName && target.module != noModule)
          result_.add(alias->asName.range.start, alias->asName.range.length(), UseKind::Declaration,
                      moduleRef(target.module));
        continue;
      }
      // `from a.b import x`: the module parts, then the name.
      if (record.kind == ImportKind::From || record.kind == ImportKind::Star) {
        if (!modulePartsDone_.count(record.node)) {
          modulePartsDone_[record.node] = true;
          auto* from = record.node->as<ImportFrom>();
          for (size_t k = 0; from && k < from->moduleParts.size(); ++k) {
            ModuleId m = k + 1 == from->moduleParts.size()
                             ? target.module
                             : partModule(record, k, from->moduleParts);
            if (m != noModule)
              result_.add(from->moduleParts[k].range.start, from->moduleParts[k].range.length(),
                          UseKind::Import, moduleRef(m));
          }
        }
        if (record.kind == ImportKind::From && decl) {
          addResolved(record.nameRange, UseKind::Import, record.declaration);
          if (decl->nameRange.start != record.nameRange.start)
            addResolved(decl->nameRange, UseKind::Declaration, record.declaration);
        }
      }
    }
  }

  // The module named by the first k+1 parts of an import's dotted name.
  ModuleId partModule(const ImportRecord& record, size_t k, List<Identifier> parts) {
    std::string prefix;
    for (size_t j = 0; j <= k; ++j) {
      if (j) prefix += '.';
      prefix += parts[j].name.text();
    }
    ResolvedModule r = record.level > 0 ? graph_.resolveRelative(module_.path, record.level, prefix)
                                        : graph_.resolveAbsolute(prefix);
    auto m = graph_.moduleFor(r);
    return m ? m->id : noModule;
  }

  std::vector<DeclarationRef> nameTargets(const Reference& ref) {
    Name name = ref.name();
    if (ref.symbol == noId) {
      auto builtins = graph_.builtins();
      if (!builtins) return {};
      return moduleMemberDeclarations(graph_, *builtins, name);
    }
    const Symbol& symbol = index_.symbol(ref.symbol);
    std::vector<DeclId> decls;
    bool flowChecked = !module_.isStub() && !ref.has(RefForward) && !symbol.has(SymbolImplicit) &&
                       index_.executionScope(symbol.scope) == index_.executionScope(ref.scope);
    if (flowChecked) {
      Reaching reaching = usedef_.reaching(ref.flow, ref.symbol, ref.key, true);
      for (DeclId d : reaching.declarations)
        if (!index_.declaration(d).has(DeclAugmented)) decls.push_back(d);
    }
    if (decls.empty()) decls = primaryDeclarations(index_, ref.symbol);
    std::vector<DeclarationRef> out;
    for (DeclId d : decls)
      for (const DeclarationRef& t : resolveDeclaration(graph_, DeclarationRef{module_.id, d}))
        push(out, t, 8);
    return out;
  }

  void references() {
    for (const Reference& ref : index_.references()) {
      if (ref.isName()) {
        TextRange range = ref.node->range;
        if (ref.has(RefStore)) {
          DeclId d = index_.declarationOf(ref.node);
          if (d != noId) result_.add(range.start, range.length(), UseKind::Write, {module_.id, d});
          continue;
        }
        std::vector<DeclarationRef> targets = nameTargets(ref);
        addAll(range, ref.has(RefDel) ? UseKind::Write : UseKind::Read, targets);
        noteModule(ref.node, targets);
        continue;
      }
      // `m.name` where m is a module (`os.path.join`): the module's member.
      auto* attr = ref.node->as<Attribute>();
      if (!attr || !attr->attr) continue;
      uint32_t base = moduleOf_.find(key(attr->value));
      if (base == FlatMap::missing) {
        selfMember(ref, attr);
        continue;
      }
      auto m = graph_.module(base);
      if (!m) continue;
      std::vector<DeclarationRef> targets = moduleMemberDeclarations(graph_, *m, attr->attr.name);
      addAll(attr->attr.range, UseKind::Attribute, targets);
      noteModule(attr, targets);
    }
  }

  // `self.x` in a method: x's declarations in the class (assignments in the class body and
  // `self.x = ...` in its methods). Other receivers need types.
  void selfMember(const Reference& ref, const Attribute* attr) {
    auto* base = attr->value->as<NameExpr>();
    if (!base || ref.symbol == noId) return;
    const Symbol& receiver = index_.symbol(ref.symbol);
    if (!receiver.has(SymbolParameter)) return;
    const Scope& method = index_.scope(receiver.scope);
    if (!(method.flags & ScopeIsMethod)) return;
    auto* def = method.node->as<FunctionDef>();
    if (!def || !def->parameters || def->parameters->parameters.empty() ||
        def->parameters->parameters[0]->name.name != base->id)
      return;
    ScopeId cls = method.parent;
    while (cls != noId && index_.scope(cls).kind == ScopeKind::TypeParams)
      cls = index_.scope(cls).parent;
    if (cls == noId || index_.scope(cls).kind != ScopeKind::Class) return;
    SymbolId member = index_.localSymbol(cls, attr->attr.name);
    if (member == noId) return;
    for (DeclId d : primaryDeclarations(index_, member))
      result_.add(attr->attr.range.start, attr->attr.range.length(),
                  ref.has(RefStore) ? UseKind::Write : UseKind::Attribute, {module_.id, d});
  }

  static uint64_t key(const void* p) { return reinterpret_cast<uintptr_t>(p); }
  // Records that `expr` is a module when the declarations it refers to name one module
  // (`os.path`: the submodule, and `path = _path` aliasing it).
  void noteModule(const Expr* expr, const std::vector<DeclarationRef>& targets) {
    ModuleId found = noModule;
    for (const DeclarationRef& t : targets) {
      ModuleId m = aliasedModule(graph_, t);
      if (m == noModule) continue;
      if (found != noModule && found != m) return;
      found = m;
    }
    if (found != noModule) moduleOf_.assign(key(expr), found);
  }

  ModuleGraph& graph_;
  Module& module_;
  const SemanticIndex& index_;
  UseDef usedef_;
  IdeIndex result_;
  FlatMap moduleOf_; // expressions found to be modules
  std::unordered_map<const Stmt*, bool> modulePartsDone_;
};

} // namespace

IdeIndex buildIdeIndex(ModuleGraph& graph, Module& module, const FlowOracle* oracle) {
  graph.ready(module);
  if (!module.index) return IdeIndex{};
  return Builder(graph, module, oracle).build();
}

} // namespace shrike::checker::ide

namespace shrike::checker::ide {

std::string qualifiedName(ModuleGraph& graph, DeclarationRef declaration) {
  auto module = graph.module(declaration.module);
  if (!module) return "";
  if (declaration.isModule()) return module->name;
  graph.ready(*module);
  if (!module->index || declaration.decl >= module->index->declarations().size()) return "";
  const SemanticIndex& index = *module->index;
  const Declaration& decl = index.declaration(declaration.decl);
  std::string name(index.symbol(decl.symbol).name.text());
  // Instance members (`self.x`) are named after the class that owns the symbol.
  ScopeId scope = index.symbol(decl.symbol).scope;
  for (ScopeId s = scope; s != noId && s != moduleScopeId; s = index.scope(s).parent) {
    const Node* owner = index.scope(s).node;
    if (auto* f = owner->as<FunctionDef>(); f && index.scope(s).kind == ScopeKind::Function)
      name = std::string(f->name.name.text()) + "." + name;
    else if (auto* c = owner->as<ClassDef>(); c && index.scope(s).kind == ScopeKind::Class)
      name = std::string(c->name.name.text()) + "." + name;
  }
  return name;
}

} // namespace shrike::checker::ide
