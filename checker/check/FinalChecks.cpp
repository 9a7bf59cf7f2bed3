// FinalChecks: assignments to Final attributes outside the declaration (and __init__).
#include "checker/check/FinalChecks.h"

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

// True when `node` is in the __init__ of the class `def`.
bool inInitOf(EvaluatorImpl& e, const Node* node, const void* def) {
  for (const Node* n = node->parent; n; n = n->parent) {
    auto fn = n->as<FunctionDef>();
    if (!fn) continue;
    return fn->name.name == names::dunderInit && e.classOfMethod(fn) == def;
  }
  return false;
}

} // namespace

std::string finalAttributeAssignment(EvaluatorImpl& e, const Type* object,
                                     const Attribute* target) {
  // The declaration itself (`self.x: Final = 1`) is no reassignment.
  if (auto ann = target->parent ? target->parent->as<AnnAssign>() : nullptr;
      ann && ann->target == target)
    return {};
  const InstanceType* inst = object->as<InstanceType>();
  if (auto co = object->as<ClassObjectType>()) inst = co->instance->as<InstanceType>();
  if (!inst || !target->attr) return {};
  Name name = target->attr.name;
  MemberLookup member = e.lookupClassMember(inst->cls, inst, name, false);
  if (!member.found() || !member.module || member.symbol == bind::noId || !member.owner) return {};
  ModuleTypes& owner = e.typesOf(*member.module);
  const bind::SemanticIndex& index = *member.module->index;
  for (bind::DeclId d = index.symbol(member.symbol).firstDecl; d != bind::noId;
       d = index.declaration(d).nextInSymbol) {
    if (!e.isFinalDeclaration(owner, d)) continue;
    auto ann = index.declaration(d).node->parent->as<AnnAssign>();
    // A Final declared in the class body without a value is given one in __init__.
    if (!ann->value && inInitOf(e, target, member.owner->cls->decl)) return {};
    return "Cannot assign to attribute \"" + std::string(name.text()) + "\" for class \"" +
           e.show(object) + "\"\n  \"" + std::string(name.text()) +
           "\" is declared as Final and cannot be reassigned";
  }
  return {};
}

} // namespace shrike::checker
