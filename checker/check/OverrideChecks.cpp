// OverrideChecks: members that override a @final method, @override without an overridden
// member, and @final in places it does not belong.
#include "checker/check/OverrideChecks.h"

#include <string>

#include "checker/infer/EvaluatorImpl.h"
#include "parser/Decorators.h"

namespace shrike::checker {

using namespace parser;

namespace {

// The definitions (def statements) that bind `symbol` in its scope, in source order.
std::vector<const FunctionDef*> functionDefsOf(const bind::SemanticIndex& index,
                                               bind::SymbolId symbol) {
  std::vector<const FunctionDef*> defs;
  index.forEachDeclaration(symbol, [&](bind::DeclId d) {
    const bind::Declaration& decl = index.declaration(d);
    if (decl.kind != bind::DeclarationKind::Function || !decl.node) return;
    if (auto def = static_cast<const Node*>(decl.node)->as<FunctionDef>()) defs.push_back(def);
  });
  return defs;
}

// The nearest class after the first in `mro` whose body defines `name`; whether that
// definition is a method marked @final (on the method, its implementation, or - in a stub
// without one - an overload). Returns the defining class, or null when no base defines it.
const ClassInfo* nearestDefinition(EvaluatorImpl& e, std::span<const Type* const> mro, Name name,
                                   bool& isFinal) {
  isFinal = false;
  for (size_t i = 1; i < mro.size(); ++i) {
    auto inst = mro[i]->as<InstanceType>();
    if (!inst) return nullptr; // an unknown base may define anything
    const BoundModule* module = e.moduleOfClass(inst->cls);
    auto def = static_cast<const ClassDef*>(inst->cls->decl);
    if (!module || !def) continue;
    const bind::SemanticIndex& index = *module->index;
    bind::ScopeId scope = index.scopeOf(def);
    if (scope == bind::noId) continue;
    bind::SymbolId symbol = index.localSymbol(scope, name);
    if (symbol == bind::noId || !index.symbol(symbol).isScopeName()) continue;
    for (const FunctionDef* fn : functionDefsOf(index, symbol))
      if (hasDecorator(fn, "final")) isFinal = true;
    return inst->cls;
  }
  return nullptr;
}

// Whether any class after the first in `mro` has a member `name` (instance attributes too).
bool baseHasMember(EvaluatorImpl& e, std::span<const Type* const> mro, Name name) {
  for (size_t i = 1; i < mro.size(); ++i) {
    auto inst = mro[i]->as<InstanceType>();
    if (!inst) return true; // an unknown base may define anything
    if (e.lookupClassMember(inst->cls, inst, name, /*skipInstanceMembers=*/false).found())
      return true;
  }
  return false;
}

} // namespace

void checkOverrides(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def) {
  const ClassInfo* cls = e.classInfoFor(mt, def);
  if (!cls) return;
  const ClassDetails& details = e.classDetails(cls);
  std::span<const Type* const> mro = details.mro;
  if (mro.size() < 2) return;
  // A base that derives from Any or could not be resolved may have any member.
  bool basesMayHaveAnything = details.has(ClassUnknownBase);
  const bind::SemanticIndex& index = mt.index;
  bind::ScopeId scope = index.scopeOf(def);
  if (scope == bind::noId) return;
  for (bind::SymbolId s : index.symbolsOf(scope)) {
    const bind::Symbol& symbol = index.symbol(s);
    if (!symbol.isScopeName() || symbol.lastDecl == bind::noId) continue;
    std::string_view text = symbol.name.text();
    // A name-mangled private name (`__x`) is the class's own: it overrides nothing.
    if (text.starts_with("__") && !text.ends_with("__")) continue;
    bool isFinal = false;
    const ClassInfo* definer = nearestDefinition(e, mro, symbol.name, isFinal);
    if (definer && isFinal) {
      // The last binding's name: an overloaded method's implementation (a def's declaration
      // is named by the def's name).
      e.report(mt, Rule::OverrideOfFinalMethod, index.declaration(symbol.lastDecl).nameRange,
               "\"" + std::string(text) + "\" cannot override final method defined in class \"" +
                   std::string(definer->name.text()) + "\"");
      continue;
    }
    for (const FunctionDef* fn : functionDefsOf(index, s)) {
      if (!hasDecorator(fn, "override")) continue;
      if (!basesMayHaveAnything && !baseHasMember(e, mro, symbol.name))
        e.report(mt, Rule::InvalidExplicitOverride, fn->name.range,
                 "Method \"" + std::string(text) +
                     "\" is marked as an override, but no base method of that name is present");
      break;
    }
  }
}

void checkFinalDecoratorPlacement(EvaluatorImpl& e, ModuleTypes& mt, const FunctionDef* def) {
  if (!hasDecorator(def, "final")) return;
  if (!e.classOfMethod(def)) {
    e.report(mt, Rule::InvalidFinal, def->name.range,
             "Function \"" + std::string(def->name.name.text()) +
                 "\" cannot be marked @final because it is not a method");
    return;
  }
  // In a stub the first overload carries it (there is no implementation); elsewhere the
  // implementation does, and an overload never should.
  if (!mt.module.isStub && hasDecorator(def, "overload"))
    e.report(mt, Rule::InvalidOverload, def->name.range,
             "@final should be applied only to the implementation of an overloaded method");
}

} // namespace shrike::checker
