// TupleNarrowing: a union of tuples discriminated by one element, as pyright narrows it —
// `t[0] is None` / `is not None` / `== None`, `t[1] == "a"` (a literal or a union of
// literals), `t[0] is Color.RED` / `is True` (enum and bool literals only).
//
//     exc: tuple[type[E], E, TracebackType] | tuple[None, None, None]   (sys.exc_info())
//     if exc[0] is None: ...        tuple[None, None, None]        (else: the first)
//     t: tuple[Literal["a"], int] | tuple[Literal["b"], str]
//     if t[0] == "a": ...           tuple[Literal['a'], int]       (else: the second)
//
// And by length, `len(t) == N` (`!=`, `<`, `<=`, `>`, `>=`), N a non-negative int literal:
//
//     t: tuple[()] | tuple[int, ...]
//     if len(t) == 0: ...           tuple[()]     (else: tuple[int, *tuple[int, ...]])
#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

bool isFixedTuple(const InstanceType* inst) {
  if (!inst || !inst->hasTupleElements()) return false;
  for (const TupleElement& e : inst->tupleElements)
    if (e.unbounded) return false;
  return true;
}

bool isLiteralOrLiteralUnion(const Type* t) {
  for (const Type* m : unionMembersOrSelf(t)) {
    auto inst = m->as<InstanceType>();
    if (!inst || !inst->isLiteral()) return false;
  }
  return true;
}

} // namespace

const Type* EvaluatorImpl::narrowTupleDiscriminant(ModuleTypes& mt, const Type* type,
                                                   const Subscript* subscript, CompareOperator op,
                                                   const Expr* right, bool positive) {
  bool isOp = op == CompareOperator::Is || op == CompareOperator::IsNot;
  bool eqOp = op == CompareOperator::Eq || op == CompareOperator::NotEq;
  if (!isOp && !eqOp) return nullptr;
  bool pos = (op == CompareOperator::Is || op == CompareOperator::Eq) == positive;

  // `t[N] is None`: N a non-negative integer written in the source. A member whose element
  // there cannot be None goes (positive); one whose element is None goes (negative). Other
  // members (not a tuple, unbounded, too short) stay.
  if (right->is<NoneLiteral>()) {
    auto index = subscript->slice ? subscript->slice->as<IntLiteral>() : nullptr;
    if (!index || !index->fitsInt64 || index->value < 0) return nullptr;
    size_t at = static_cast<size_t>(index->value);
    const ClassInfo* tupleClass = knownClass(KnownClass::Tuple);
    std::vector<const Type*> out;
    for (const Type* m : unionMembersOrSelf(type)) {
      auto inst = m->as<InstanceType>();
      // A class deriving from a known tuple (a named tuple) is discriminated by that tuple.
      if (inst && !inst->hasTupleElements() && tupleClass)
        if (const InstanceType* base = findBase(inst, tupleClass, *this)) inst = base;
      if (!isFixedTuple(inst) || at >= inst->tupleElements.size()) {
        out.push_back(m);
        continue;
      }
      const Type* element = inst->tupleElements[at].type;
      bool keep = pos ? isAssignable(element, arena_.none(), *this) : !element->isNone();
      if (keep) out.push_back(m);
    }
    return out.empty() ? arena_.never() : arena_.unionOf(out);
  }

  // `t[N] == L` (L a literal or a union of them), `t[N] is L` (L a bool or enum literal):
  // only when every member is a tuple with a literal element at N; otherwise no narrowing.
  const Type* index = typeOf(mt, subscript->slice);
  auto indexInst = index->as<InstanceType>();
  if (!indexInst || indexInst->literal.kind != LiteralKind::Int || indexInst->literal.intValue < 0)
    return nullptr;
  const Type* literal = typeOf(mt, right);
  if (isOp) {
    auto li = literal->as<InstanceType>();
    if (!li || (li->literal.kind != LiteralKind::Bool && li->literal.kind != LiteralKind::Enum))
      return nullptr;
  } else if (!isLiteralOrLiteralUnion(literal)) {
    return nullptr;
  }
  size_t at = static_cast<size_t>(indexInst->literal.intValue);
  std::vector<const Type*> out;
  for (const Type* m : unionMembersOrSelf(type)) {
    auto inst = m->as<InstanceType>();
    if (!isFixedTuple(inst) || at >= inst->tupleElements.size()) return type;
    const Type* element = inst->tupleElements[at].type;
    if (!isLiteralOrLiteralUnion(element)) return type;
    bool keep =
        pos ? isAssignable(element, literal, *this) : !isAssignable(literal, element, *this);
    if (keep) out.push_back(m);
  }
  return out.empty() ? arena_.never() : arena_.unionOf(out);
}

namespace {

// `t` with its unbounded element replaced by `count` copies of it, followed by the unbounded
// element itself when `keepUnbounded`.
const Type* expandUnbounded(TypeArena& arena, const ClassInfo* tupleClass, const InstanceType* t,
                            size_t count, bool keepUnbounded) {
  std::vector<TupleElement> elements;
  for (const TupleElement& e : t->tupleElements) {
    if (!e.unbounded) {
      elements.push_back(e);
      continue;
    }
    for (size_t i = 0; i < count; ++i) elements.push_back({e.type, false});
    if (keepUnbounded) elements.push_back(e);
  }
  return arena.tuple(tupleClass, elements);
}

} // namespace

const Type* EvaluatorImpl::narrowTupleLength(ModuleTypes& mt, const Type* type, CompareOperator op,
                                             const Expr* right, bool positive) {
  if (op != CompareOperator::Eq && op != CompareOperator::NotEq && op != CompareOperator::Lt &&
      op != CompareOperator::LtE && op != CompareOperator::Gt && op != CompareOperator::GtE)
    return nullptr;
  auto lit = typeOf(mt, right)->as<InstanceType>();
  if (!lit || lit->literal.kind != LiteralKind::Int || lit->literal.intValue < 0) return nullptr;
  // As pyright does: `<`, `<=` and `==` are tests whose negations are `>=`, `>` and `!=`;
  // `<= N` is `< N + 1`.
  bool lessOrEqual =
      op == CompareOperator::Eq || op == CompareOperator::Lt || op == CompareOperator::LtE;
  bool pos = lessOrEqual ? positive : !positive;
  int64_t length = lit->literal.intValue;
  if (op == CompareOperator::LtE || op == CompareOperator::Gt) ++length;
  bool lessThan = op != CompareOperator::Eq && op != CompareOperator::NotEq;

  const ClassInfo* tupleClass = knownClass(KnownClass::Tuple);
  std::vector<const Type*> out;
  for (const Type* m : unionMembersOrSelf(type)) {
    auto inst = m->as<InstanceType>();
    // Only tuples themselves (not a named tuple or a tuple of a TypeVarTuple) are narrowed.
    bool variadic = false;
    if (inst && inst->hasTupleElements())
      for (const TupleElement& e : inst->tupleElements)
        if (auto tv = e.type->as<TypeVarType>(); tv && tv->isTypeVarTuple()) variadic = true;
    if (!inst || !inst->hasTupleElements() || inst->cls != tupleClass || inst->isUnpacked() ||
        variadic) {
      out.push_back(m);
      continue;
    }
    if (isFixedTuple(inst)) {
      int64_t size = static_cast<int64_t>(inst->tupleElements.size());
      bool matches = lessThan ? size < length : size == length;
      if (matches == pos) out.push_back(m);
      continue;
    }
    // One unbounded element: the tuple has at least `minimum` elements.
    int64_t minimum = static_cast<int64_t>(inst->tupleElements.size()) - 1;
    int64_t toAdd = length - minimum;
    if (!lessThan) {
      if (toAdd < 0) {
        if (!pos) out.push_back(m);
      } else if (pos) {
        out.push_back(expandUnbounded(arena_, tupleClass, inst, toAdd, false));
      } else if (toAdd == 0) {
        // `len(t) != minimum`: at least one more element.
        out.push_back(expandUnbounded(arena_, tupleClass, inst, 1, true));
      } else {
        out.push_back(m);
      }
      continue;
    }
    // `len(t) < N`: the union of the sizes below N (at most 32 of them), else at least N.
    constexpr int64_t maxExpansion = 32;
    if (toAdd > maxExpansion) {
      out.push_back(m);
      continue;
    }
    if (pos) {
      for (int64_t i = 0; i < toAdd; ++i)
        out.push_back(expandUnbounded(arena_, tupleClass, inst, i, false));
      continue;
    }
    out.push_back(expandUnbounded(arena_, tupleClass, inst, std::max<int64_t>(toAdd, 0), true));
  }
  return out.empty() ? arena_.never() : arena_.unionOf(out);
}

} // namespace shrike::checker
