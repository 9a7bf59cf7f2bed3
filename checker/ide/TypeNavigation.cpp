// TypeNavigation: member lookups through the evaluator's class details.
#include "checker/ide/TypeNavigation.h"

#include <algorithm>

#include "checker/TypeSession.h"
#include "checker/types/Type.h"

namespace shrike::checker::ide {

namespace {

using namespace parser;

// The Program's Module behind a class the evaluator made: the class's module is the
// evaluator's BoundModule, whose source is the Module (GraphModuleProvider). Null when that
// module has been replaced since (an edit), so its nodes belong to no current module.
std::shared_ptr<Module> moduleOfClass(Program& program, const ClassInfo* cls) {
  auto bound = static_cast<const BoundModule*>(cls->module);
  auto module = bound ? static_cast<const Module*>(bound->source) : nullptr;
  if (!module) return nullptr;
  std::shared_ptr<Module> current = program.graph().module(module->id);
  return current.get() == module ? current : nullptr;
}

// The classes a type stands for: an instance's class, a class object's class, each member
// of a union, a TypeVar's bound.
void classesOf(const Type* type, std::vector<const ClassInfo*>& out, int depth = 0) {
  if (!type || depth > 8) return;
  for (const Type* member : unionMembersOrSelf(type)) {
    if (const auto* instance = member->as<InstanceType>()) {
      if (std::find(out.begin(), out.end(), instance->cls) == out.end())
        out.push_back(instance->cls);
    } else if (const auto* object = member->as<ClassObjectType>()) {
      classesOf(object->instance, out, depth + 1);
    } else if (const auto* variable = member->as<TypeVarType>()) {
      classesOf(variable->bound, out, depth + 1);
    }
  }
}

std::optional<Resolved> classDeclaration(Program& program, const ClassInfo* cls) {
  auto module = moduleOfClass(program, cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def || !module->index) return std::nullopt;
  bind::DeclId decl = module->index->declarationOf(def);
  if (decl == bind::noId) return std::nullopt;
  return Resolved{module, decl};
}

// The declarations of `name` in the first class of `cls`'s MRO that has it, as the evaluator
// looks members up: names bound in the class body, then instance members (`self.x = ...`).
std::vector<Resolved> lookupMember(Program& program, TypeServices& services, const ClassInfo* cls,
                                   Name name) {
  std::vector<Resolved> out, augmented;
  const ClassDetails& details = services.classDetails(cls);
  for (const Type* entry : details.mro) {
    const auto* instance = entry->as<InstanceType>();
    if (!instance) break; // an unknown base may define anything
    auto module = moduleOfClass(program, instance->cls);
    auto def = static_cast<const ClassDef*>(instance->cls->decl);
    if (!module || !def || !module->index) continue;
    const bind::SemanticIndex& index = *module->index;
    bind::ScopeId scope = index.scopeOf(def);
    if (scope == bind::noId) continue;
    bind::SymbolId symbol = index.localSymbol(scope, name);
    if (symbol == bind::noId) continue;
    const bind::Symbol& sym = index.symbol(symbol);
    bool member = (sym.isScopeName() && !sym.has(bind::SymbolImplicit)) ||
                  sym.has(bind::SymbolInstanceMember) || sym.has(bind::SymbolClassMember);
    if (!member) continue;
    // `self.x += ...` declares x but defines nothing: it leads there only when nothing else
    // (here or in a base) does, as the evaluator's member lookup has it.
    bool firstAugmenting = augmented.empty();
    index.forEachDeclaration(symbol, [&](bind::DeclId d) {
      const bind::Declaration& decl = index.declaration(d);
      if (decl.has(bind::DeclUnreachable)) return;
      if (!decl.isAugmentedMember())
        out.push_back(Resolved{module, d});
      else if (firstAugmenting)
        augmented.push_back(Resolved{module, d});
    });
    if (!out.empty()) return out;
  }
  return augmented;
}

} // namespace

std::vector<Resolved> memberDeclarations(Program& program, const std::shared_ptr<Module>& module,
                                         const Expr* receiver, Name name) {
  std::vector<Resolved> out;
  auto session = program.typeSession();
  const BoundModule* bound = session->provider.boundFor(module);
  if (!bound) return out;
  std::vector<const ClassInfo*> classes;
  classesOf(session->evaluator.typeOfExpression(*bound, receiver), classes);
  for (const ClassInfo* cls : classes) {
    for (Resolved& r : lookupMember(program, session->evaluator.services(), cls, name))
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
  }
  return out;
}

std::vector<Resolved> typeDeclarations(Program& program, const std::shared_ptr<Module>& module,
                                       const Expr* expression) {
  std::vector<Resolved> out;
  auto session = program.typeSession();
  const BoundModule* bound = session->provider.boundFor(module);
  if (!bound) return out;
  std::vector<const ClassInfo*> classes;
  classesOf(session->evaluator.typeOfExpression(*bound, expression), classes);
  for (const ClassInfo* cls : classes)
    if (auto declaration = classDeclaration(program, cls)) out.push_back(*declaration);
  return out;
}

std::vector<Resolved> typeDeclarations(Program& program, const Resolved& declaration) {
  std::vector<Resolved> out;
  if (declaration.isModule()) return out;
  auto session = program.typeSession();
  const BoundModule* bound = session->provider.boundFor(declaration.module);
  if (!bound) return out;
  std::vector<const ClassInfo*> classes;
  classesOf(session->evaluator.typeOfDeclaration(*bound, declaration.declaration), classes);
  for (const ClassInfo* cls : classes)
    if (auto found = classDeclaration(program, cls)) out.push_back(*found);
  return out;
}

std::optional<std::string> displayTypeOf(Program& program, const std::shared_ptr<Module>& module,
                                         const Expr* expression) {
  auto session = program.typeSession();
  const BoundModule* bound = session->provider.boundFor(module);
  if (!bound) return std::nullopt;
  const Type* type = session->evaluator.typeOfExpression(*bound, expression);
  if (!type) return std::nullopt;
  return session->evaluator.display(type);
}

std::optional<std::string> displayTypeOf(Program& program, const Resolved& declaration) {
  if (declaration.isModule()) return std::nullopt;
  auto session = program.typeSession();
  const BoundModule* bound = session->provider.boundFor(declaration.module);
  if (!bound) return std::nullopt;
  const Type* type = session->evaluator.typeOfDeclaration(*bound, declaration.declaration);
  if (!type) return std::nullopt;
  return session->evaluator.display(type);
}

} // namespace shrike::checker::ide
