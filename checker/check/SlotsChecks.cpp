// SlotsChecks: instance attributes outside __slots__ when every class in the MRO has them.
#include "checker/check/SlotsChecks.h"

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

// Does the class body assign __slots__ (and not name __dict__ in it)?
enum class Slots { None, Closed, Open };

Slots slotsOf(EvaluatorImpl& e, const ClassInfo* cls) {
  if (const DataclassInfo* info = e.dataclassInfo(cls); info && info->options.slots)
    return Slots::Closed;
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!def) return Slots::None;
  Slots found = Slots::None;
  for (const Stmt* s : def->body) {
    auto assign = s->as<Assign>();
    if (!assign || assign->targets.size() != 1 || !assign->value) continue;
    auto target = assign->targets[0]->as<NameExpr>();
    if (!target || target->id != names::dunderSlots) continue;
    List<Expr*> elts;
    if (auto t = assign->value->as<Tuple>())
      elts = t->elts;
    else if (auto l = assign->value->as<ListExpr>())
      elts = l->elts;
    else if (!assign->value->is<StringLiteral>())
      return Slots::Open; // computed: anything
    found = Slots::Closed;
    for (const Expr* el : elts) {
      auto str = el->as<StringLiteral>();
      if (!str || str->value == "__dict__") return Slots::Open;
    }
  }
  return found;
}

} // namespace

std::string slotsAssignment(EvaluatorImpl& e, const InstanceType* object, Name name) {
  bool any = false;
  for (const Type* entry : e.classDetails(object->cls).mro) {
    auto inst = entry->as<InstanceType>();
    if (!inst) return {};
    if (inst->cls->qualifiedName == "builtins.object") continue;
    if (slotsOf(e, inst->cls) != Slots::Closed) return {};
    any = true;
  }
  if (!any) return {};
  if (e.slotsDeclare(object->cls, name)) return {};
  // A dataclass with slots=True has a slot per field; a class-level member (a property, a
  // descriptor) decides for itself.
  for (const Type* entry : e.classDetails(object->cls).mro)
    if (auto inst = entry->as<InstanceType>(); inst && e.dataclassFieldNamed(inst->cls, name))
      return {};
  MemberLookup member = e.lookupClassMember(object->cls, object, name, true);
  if (member.found()) return {};
  return "Attribute \"" + std::string(name.text()) + "\" is not in the __slots__ of class \"" +
         e.show(object) + "\"";
}

} // namespace shrike::checker
