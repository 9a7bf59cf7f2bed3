// ArgumentExpansion: the types an argument splits into when no overload accepts it whole
// (the typing spec's "argument type expansion", as pyright does it), and the join of a union
// of same-sized tuples that `*arg` unpacks.
//
//     int | str                  ->  int, str
//     bool                       ->  Literal[True], Literal[False]
//     Color (an Enum, not Flag)  ->  Literal[Color.RED], Literal[Color.BLUE]
//     tuple[int, str | bytes]    ->  tuple[int, str], tuple[int, bytes]
//     *(tuple[A, B] | tuple[None, None])   passes   A | None, B | None
#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

namespace {

bool isFixedTuple(const InstanceType* inst) {
  if (!inst || !inst->hasTupleElements()) return false;
  for (const TupleElement& e : inst->tupleElements)
    if (e.unbounded || e.type->is<TypeVarType>()) return false;
  return true;
}

} // namespace

std::vector<const Type*> EvaluatorImpl::enumMemberLiterals(const ClassInfo* cls) {
  std::vector<const Type*> out;
  const BoundModule* module = moduleOfClass(cls);
  auto def = static_cast<const parser::ClassDef*>(cls->decl);
  if (!module || !def) return out;
  ModuleTypes& owner = typesOf(*module);
  bind::ScopeId scope = module->index->scopeOf(def);
  if (scope == bind::noId) return out;
  for (bind::SymbolId s : module->index->symbolsOf(scope)) {
    if (!module->index->symbol(s).isScopeName()) continue;
    const Type* t = effectiveTypeOfSymbol(owner, s);
    if (auto ti = t->as<InstanceType>();
        ti && ti->literal.kind == LiteralKind::Enum && ti->cls == cls)
      out.push_back(ti);
  }
  return out;
}

std::vector<const Type*> EvaluatorImpl::expandArgumentType(const Type* type) {
  std::vector<const Type*> out;
  for (const Type* m : unionMembersOrSelf(type)) {
    auto inst = m->as<InstanceType>();
    if (inst && !inst->isLiteral() && inst->typeArgs.empty() && !inst->hasTupleElements()) {
      if (inst->cls->qualifiedName == "builtins.bool") {
        out.push_back(literalBool(true));
        out.push_back(literalBool(false));
        continue;
      }
      if (isEnumClass(inst->cls)) {
        // A Flag's values combine, so its members do not cover it.
        bool flag = false;
        for (const Type* base : classDetails(inst->cls).mro)
          if (auto b = base->as<InstanceType>(); b && b->cls->qualifiedName == "enum.Flag")
            flag = true;
        std::vector<const Type*> members =
            flag ? std::vector<const Type*>{} : enumMemberLiterals(inst->cls);
        if (!members.empty() && members.size() <= kMaxSingleArgumentExpansion) {
          out.insert(out.end(), members.begin(), members.end());
          continue;
        }
      }
    }
    // A fixed tuple with union elements: every combination of their members.
    if (isFixedTuple(inst)) {
      std::vector<std::vector<TupleElement>> tuples(
          1, std::vector<TupleElement>(inst->tupleElements.begin(), inst->tupleElements.end()));
      bool tooMany = false;
      for (size_t i = 0; i < inst->tupleElements.size() && !tooMany; ++i) {
        auto u = inst->tupleElements[i].type->as<UnionType>();
        if (!u) continue;
        std::vector<std::vector<TupleElement>> next;
        for (const auto& t : tuples)
          for (const Type* member : u->members) {
            next.push_back(t);
            next.back()[i].type = member;
          }
        tuples = std::move(next);
        tooMany = tuples.size() > kMaxSingleArgumentExpansion;
      }
      if (!tooMany && tuples.size() > 1) {
        for (const auto& t : tuples) out.push_back(tupleOf(t));
        continue;
      }
    }
    out.push_back(m);
  }
  if (out.size() <= 1) out.clear();
  return out;
}

const InstanceType* EvaluatorImpl::joinSameSizedTuples(const Type* type) {
  const ClassInfo* tupleClass = knownClass(KnownClass::Tuple);
  std::vector<std::vector<const Type*>> columns;
  bool first = true;
  for (const Type* m : unionMembersOrSelf(type)) {
    auto inst = m->as<InstanceType>();
    // A class deriving from a known tuple (a named tuple) unpacks as that tuple.
    if (inst && !inst->hasTupleElements() && tupleClass)
      if (const InstanceType* base = findBase(inst, tupleClass, *this)) inst = base;
    if (!inst || !inst->hasTupleElements()) return nullptr;
    for (const TupleElement& e : inst->tupleElements)
      if (e.unbounded) return nullptr;
    if (first) {
      columns.resize(inst->tupleElements.size());
      first = false;
    } else if (columns.size() != inst->tupleElements.size()) {
      return nullptr;
    }
    for (size_t i = 0; i < columns.size(); ++i) columns[i].push_back(inst->tupleElements[i].type);
  }
  if (first) return nullptr;
  std::vector<TupleElement> joined;
  for (const auto& column : columns) joined.push_back({arena_.unionOf(column), false});
  return tupleOf(joined);
}

} // namespace shrike::checker
