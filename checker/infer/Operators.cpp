// Operators: binary, unary, comparison and boolean operators through their dunder methods
// (with the reflected operand and in-place forms), literal math, and subscripts (class
// specialization, tuple indexing with literal indexes, __getitem__).
//
//     1 + 2          Literal[3]            "a" + "b"      Literal['ab']
//     1 + "a"        unsupported-operator  t[5] on tuple[int, int]   index-out-of-range
#include <algorithm>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

struct OperatorNames {
  std::string_view method;
  std::string_view reflected;
  std::string_view inplace;
};

OperatorNames operatorNames(BinaryOperator op) {
  switch (op) {
  case BinaryOperator::Add: return {"__add__", "__radd__", "__iadd__"};
  case BinaryOperator::Sub: return {"__sub__", "__rsub__", "__isub__"};
  case BinaryOperator::Mult: return {"__mul__", "__rmul__", "__imul__"};
  case BinaryOperator::MatMult: return {"__matmul__", "__rmatmul__", "__imatmul__"};
  case BinaryOperator::Div: return {"__truediv__", "__rtruediv__", "__itruediv__"};
  case BinaryOperator::Mod: return {"__mod__", "__rmod__", "__imod__"};
  case BinaryOperator::Pow: return {"__pow__", "__rpow__", "__ipow__"};
  case BinaryOperator::LShift: return {"__lshift__", "__rlshift__", "__ilshift__"};
  case BinaryOperator::RShift: return {"__rshift__", "__rrshift__", "__irshift__"};
  case BinaryOperator::BitOr: return {"__or__", "__ror__", "__ior__"};
  case BinaryOperator::BitXor: return {"__xor__", "__rxor__", "__ixor__"};
  case BinaryOperator::BitAnd: return {"__and__", "__rand__", "__iand__"};
  case BinaryOperator::FloorDiv: return {"__floordiv__", "__rfloordiv__", "__ifloordiv__"};
  }
  return {"__add__", "__radd__", "__iadd__"};
}

// A value that stands for a type: `int`, `None`, `list[int]`, `T`, a special form.
bool isTypeValue(const Type* t) {
  for (const Type* m : unionMembersOrSelf(t)) {
    if (m->is<ClassObjectType>() || m->isNone() || m->is<SpecialFormType>() ||
        m->is<TypeAliasType>())
      continue;
    if (auto tv = m->as<TypeVarType>(); tv && !tv->scope) continue;
    return false;
  }
  return true;
}

bool floorDivSafe(int64_t a, int64_t b) {
  return b != 0 && !(a == INT64_MIN && b == -1);
}

// pyright's node for a parenthesised expression spans its parentheses, so its diagnostics
// start at the `(`: `return (\n a +\n b)` is reported on the `return` line. The grouping
// parentheses around `e` (not a call's own), from the source text.
TextRange withGroupingParens(std::string_view source, const Node* e) {
  TextRange r = e->range;
  if (!e->is<BinOp>()) return r; // an augmented assignment is a statement
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  // The offset before `pos` past blanks and comments, going back.
  auto back = [&](uint32_t pos) {
    while (pos > 0) {
      if (blank(source[pos - 1])) {
        --pos;
        continue;
      }
      uint32_t lineStart = pos;
      while (lineStart > 0 && source[lineStart - 1] != '\n') --lineStart;
      size_t hash = source.substr(lineStart, pos - lineStart).find('#');
      if (hash == std::string_view::npos) break;
      pos = lineStart + static_cast<uint32_t>(hash);
    }
    return pos;
  };
  auto forward = [&](uint32_t pos) {
    while (pos < source.size()) {
      if (blank(source[pos])) {
        ++pos;
      } else if (source[pos] == '#') {
        while (pos < source.size() && source[pos] != '\n') ++pos;
      } else {
        break;
      }
    }
    return pos;
  };
  const Call* call = e->parent ? e->parent->as<Call>() : nullptr;
  while (r.end <= source.size()) {
    uint32_t open = back(r.start), close = forward(r.end);
    if (open == 0 || source[open - 1] != '(' || close >= source.size() || source[close] != ')')
      break;
    TextRange grouped{open - 1, close + 1};
    if (call && call->argumentsRange.start == grouped.start &&
        call->argumentsRange.end == grouped.end)
      break;
    r = grouped;
  }
  return r;
}

} // namespace

const Type* EvaluatorImpl::literalMath(const Type* left, const Type* right, BinaryOperator op) {
  auto li = left->as<InstanceType>();
  auto ri = right->as<InstanceType>();
  if (!li || !ri || !li->isLiteral() || !ri->isLiteral()) return nullptr;
  if (li->literal.kind == LiteralKind::Str && ri->literal.kind == LiteralKind::Str &&
      op == BinaryOperator::Add) {
    std::string joined = std::string(li->literal.text) + std::string(ri->literal.text);
    if (joined.size() > 256) return nullptr;
    return literalStr(arena_.text(joined));
  }
  if (li->literal.kind == LiteralKind::Bytes && ri->literal.kind == LiteralKind::Bytes &&
      op == BinaryOperator::Add) {
    std::string joined = std::string(li->literal.text) + std::string(ri->literal.text);
    if (joined.size() > 256) return nullptr;
    return arena_.literal(li->cls, LiteralValue{LiteralKind::Bytes, 0, arena_.text(joined)});
  }
  bool lint = li->literal.kind == LiteralKind::Int || li->literal.kind == LiteralKind::Bool;
  bool rint = ri->literal.kind == LiteralKind::Int || ri->literal.kind == LiteralKind::Bool;
  if (!lint || !rint) return nullptr;
  if (li->literal.kind == LiteralKind::Bool && ri->literal.kind == LiteralKind::Bool &&
      (op == BinaryOperator::BitAnd || op == BinaryOperator::BitOr || op == BinaryOperator::BitXor))
    return nullptr; // bool & bool is bool, not int
  int64_t a = li->literal.intValue, b = ri->literal.intValue;
  __int128 r;
  switch (op) {
  case BinaryOperator::Add: r = static_cast<__int128>(a) + b; break;
  case BinaryOperator::Sub: r = static_cast<__int128>(a) - b; break;
  case BinaryOperator::Mult: r = static_cast<__int128>(a) * b; break;
  case BinaryOperator::FloorDiv: {
    if (!floorDivSafe(a, b)) return nullptr;
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    r = q;
    break;
  }
  case BinaryOperator::Mod: {
    if (!floorDivSafe(a, b)) return nullptr;
    int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    r = m;
    break;
  }
  case BinaryOperator::Pow: {
    if (b < 0 || b > 64) return nullptr;
    __int128 acc = 1;
    for (int64_t i = 0; i < b; ++i) {
      acc *= a;
      if (acc > INT64_MAX || acc < INT64_MIN) return nullptr;
    }
    r = acc;
    break;
  }
  case BinaryOperator::LShift:
    if (b < 0 || b > 62) return nullptr;
    r = static_cast<__int128>(a) << b;
    break;
  case BinaryOperator::RShift:
    if (b < 0) return nullptr;
    r = b > 63 ? (a < 0 ? -1 : 0) : a >> b;
    break;
  case BinaryOperator::BitAnd: r = a & b; break;
  case BinaryOperator::BitOr: r = a | b; break;
  case BinaryOperator::BitXor: r = a ^ b; break;
  default: return nullptr;
  }
  if (r > INT64_MAX || r < INT64_MIN) return nullptr;
  return literalInt(static_cast<int64_t>(r));
}

const Type* EvaluatorImpl::binaryOperation(ModuleTypes& mt, const Type* left, const Type* right,
                                           BinaryOperator op, const Node* node, bool inplace) {
  // An Any operand gives Any, an Unknown one Unknown (pyright's preserveUnknown).
  auto gradualResult = [&](const Type* l, const Type* r) -> const Type* {
    return l->kind == TypeKind::Unknown || r->kind == TypeKind::Unknown ? unknown() : arena_.any();
  };
  if (left->isAnyOrUnknown() || right->isAnyOrUnknown()) return gradualResult(left, right);
  if (left->isNever() || right->isNever()) return arena_.never();
  // `int | None` as a value: a union of classes (an implicit type alias).
  if (op == BinaryOperator::BitOr && isTypeValue(left) && isTypeValue(right)) {
    const Type* l = left->isNone() ? arena_.classObject(arena_.none()) : left;
    const Type* r = right->isNone() ? arena_.classObject(arena_.none()) : right;
    if ((l->is<ClassObjectType>() || l->is<UnionType>()) &&
        (r->is<ClassObjectType>() || r->is<UnionType>()))
      return arena_.unionOf(l, r);
    return unknown();
  }
  // Literal math, over small unions of literals too — but not inside a loop, where the
  // values change from one iteration to the next (as pyright does).
  auto lu = unionMembersOrSelf(left);
  auto ru = unionMembersOrSelf(right);
  bool inLoop = false;
  for (const Node* n = node; n && !inLoop; n = n->parent) {
    if (n->is<FunctionDef>() || n->is<Lambda>() || n->is<ClassDef>()) break;
    inLoop = n->is<For>() || n->is<While>() || n->is<Comprehension>();
  }
  if (!inLoop && lu.size() * ru.size() <= 64) {
    std::vector<const Type*> results;
    bool all = true;
    for (const Type* l : lu) {
      for (const Type* r : ru) {
        const Type* v = literalMath(l, r, op);
        if (!v) {
          all = false;
          break;
        }
        results.push_back(v);
      }
      if (!all) break;
    }
    if (all && !results.empty()) return arena_.unionOf(results);
  }
  OperatorNames names = operatorNames(op);
  const ClassInfo* tupleClass = knownClass(KnownClass::Tuple);
  auto single = [&](const Type* l, const Type* r) -> const Type* {
    if (l->isAnyOrUnknown() || r->isAnyOrUnknown()) return gradualResult(l, r);
    // Tuples of known shape concatenate, unless both are unbounded (pyright's special case):
    // (1, "a") + (2.0,) is tuple[int, str, float], args + (f,) tuple[*tuple[Unknown, ...], f].
    if (op == BinaryOperator::Add) {
      // The elements of a tuple (tuple[X, ...] without known elements is *tuple[X, ...]).
      auto shape = [&](const Type* t, std::vector<TupleElement>& out) {
        auto inst = t->as<InstanceType>();
        if (!inst || !tupleClass || inst->cls != tupleClass || inst->isUnpacked()) return false;
        if (inst->hasTupleElements())
          out.assign(inst->tupleElements.begin(), inst->tupleElements.end());
        else if (inst->typeArgs.size() == 1)
          out.push_back({inst->typeArgs[0], true});
        else
          return false;
        return true;
      };
      auto unbounded = [](const std::vector<TupleElement>& es) {
        return std::any_of(es.begin(), es.end(), [](const TupleElement& e) { return e.unbounded; });
      };
      std::vector<TupleElement> le, re;
      // Beyond a few hundred elements (`t = t + t` repeated), tuple.__add__ answers instead.
      constexpr size_t maxConcatenated = 256;
      if (shape(l, le) && shape(r, re) && !(unbounded(le) && unbounded(re)) &&
          le.size() + re.size() <= maxConcatenated) {
        le.insert(le.end(), re.begin(), re.end());
        return tupleOf(le);
      }
    }
    if (inplace) {
      if (auto v = callMethod(mt, l, intern(names.inplace), {r}, node)) return *v;
    }
    if (auto v = callMethod(mt, l, intern(names.method), {r}, node)) {
      // NotImplemented from the left falls back to the right operand.
      if (auto vi = (*v)->as<InstanceType>();
          !vi || vi->cls->qualifiedName != "builtins._NotImplementedType")
        return *v;
    }
    if (auto v = callMethod(mt, r, intern(names.reflected), {l}, node)) return *v;
    // A literal's class may be the only thing that fits (Literal[1] + x with x: int).
    if (auto li = l->as<InstanceType>(); li && hasUnknownBase(li->cls, *this)) return unknown();
    if (auto ri = r->as<InstanceType>(); ri && hasUnknownBase(ri->cls, *this)) return unknown();
    return nullptr;
  };
  // The Any members of the right operand give Any each, in their place (str + (str | Any) is
  // str | Any, as in pyright); the methods see the other members only.
  std::vector<const Type*> rightGradual, rightKnown;
  for (const Type* r : ru) (r->isAnyOrUnknown() ? rightGradual : rightKnown).push_back(r);
  const Type* rightOperand = right;
  bool gradualFirst = !ru.empty() && ru.front()->isAnyOrUnknown();
  if (!rightGradual.empty() && rightKnown.empty()) return gradualResult(left, rightGradual[0]);
  if (!rightGradual.empty()) {
    rightOperand = arena_.unionOf(rightKnown);
    ru = unionMembersOrSelf(rightOperand);
  }
  // Try the whole left operand first (a method may accept the union), then member by member.
  std::vector<const Type*> results;
  bool failed = false;
  if (lu.size() == 1 && ru.size() == 1) {
    const Type* v = single(left, rightOperand);
    if (!v)
      failed = true;
    else
      results.push_back(v);
  } else {
    for (const Type* l : lu) {
      const Type* v = single(l, rightOperand);
      if (!v && ru.size() > 1) {
        // Expand the right operand too.
        std::vector<const Type*> inner;
        bool ok = true;
        for (const Type* r : ru) {
          const Type* w = single(l, r);
          if (!w) {
            ok = false;
            break;
          }
          inner.push_back(w);
        }
        if (ok) v = arena_.unionOf(inner);
      }
      if (!v) {
        failed = true;
        break;
      }
      results.push_back(v);
    }
  }
  if (failed) {
    if (node) {
      std::string text = std::string(binaryOperatorText(op));
      if (inplace) text += "=";
      // With None in the left operand pyright reports its optional-operand error at that
      // operand, so the parentheses around the whole are not its range then.
      const auto& leftMembers = unionMembersOrSelf(left);
      bool optionalLeft = std::any_of(leftMembers.begin(), leftMembers.end(),
                                      [](const Type* m) { return m->isNone(); });
      std::string_view source = mt.module.text ? mt.module.text->text() : std::string_view();
      report(mt, Rule::UnsupportedOperator,
             optionalLeft ? node->range : withGroupingParens(source, node),
             "Operator \"" + text + "\" not supported for types \"" + show(left) + "\" and \"" +
                 show(right) + "\"");
    }
    return unknown();
  }
  if (!rightGradual.empty()) {
    std::vector<const Type*> gradual;
    for (const Type* l : lu)
      for (const Type* g : rightGradual) gradual.push_back(gradualResult(l, g));
    results.insert(gradualFirst ? results.begin() : results.end(), gradual.begin(), gradual.end());
  }
  return arena_.unionOf(results);
}

const Type* EvaluatorImpl::typeOfBinOp(ModuleTypes& mt, const BinOp* op, const Type* expected) {
  // `[1] * 3` and `x + [..]` keep the expected type for list operands.
  const Type* left =
      typeOf(mt, op->left,
             op->op == BinaryOperator::Add || op->op == BinaryOperator::BitOr ? expected : nullptr);
  const Type* right =
      typeOf(mt, op->right,
             op->op == BinaryOperator::Add || op->op == BinaryOperator::BitOr ? expected : nullptr);
  return binaryOperation(mt, left, right, op->op, op, false);
}

const Type* EvaluatorImpl::typeOfUnaryOp(ModuleTypes& mt, const UnaryOp* op) {
  const Type* operand = typeOf(mt, op->operand);
  if (op->op == UnaryOperator::Not) {
    // `not x` is bool; of a bool literal, the other literal.
    if (auto inst = operand->as<InstanceType>(); inst && inst->literal.kind == LiteralKind::Bool)
      return literalBool(inst->literal.intValue == 0);
    return boolType();
  }
  if (operand->isAnyOrUnknown()) return unknown();
  std::vector<const Type*> results;
  std::string_view method = op->op == UnaryOperator::USub   ? "__neg__"
                            : op->op == UnaryOperator::UAdd ? "__pos__"
                                                            : "__invert__";
  for (const Type* m : unionMembersOrSelf(operand)) {
    if (auto inst = m->as<InstanceType>(); inst && (inst->literal.kind == LiteralKind::Int ||
                                                    inst->literal.kind == LiteralKind::Bool)) {
      int64_t v = inst->literal.intValue;
      if (op->op == UnaryOperator::USub && v != INT64_MIN) {
        results.push_back(literalInt(-v));
        continue;
      }
      if (op->op == UnaryOperator::UAdd) {
        results.push_back(literalInt(v));
        continue;
      }
      if (op->op == UnaryOperator::Invert && inst->literal.kind == LiteralKind::Int) {
        results.push_back(literalInt(~v));
        continue;
      }
    }
    if (m->isAnyOrUnknown()) {
      results.push_back(unknown());
      continue;
    }
    auto r = callMethod(mt, m, intern(method), {}, op);
    if (!r) {
      if (auto inst = m->as<InstanceType>(); inst && hasUnknownBase(inst->cls, *this)) {
        results.push_back(unknown());
        continue;
      }
      report(mt, Rule::UnsupportedOperator, op->range,
             "Operator \"" + std::string(unaryOperatorText(op->op)) +
                 "\" not supported for type \"" + show(operand) + "\"");
      return unknown();
    }
    results.push_back(*r);
  }
  return results.empty() ? unknown() : arena_.unionOf(results);
}

const Type* EvaluatorImpl::typeOfCompare(ModuleTypes& mt, const Compare* compare) {
  const Type* left = typeOf(mt, compare->left);
  std::vector<const Type*> results;
  for (size_t i = 0; i < compare->ops.size() && i < compare->comparators.size(); ++i) {
    const Type* right = typeOf(mt, compare->comparators[i]);
    CompareOperator op = compare->ops[i];
    const Type* result = boolType();
    if (left->isNever() || right->isNever()) {
      // Never (code that cannot run on this platform, a name narrowed to nothing) supports
      // every comparison, and so does what it is compared with (pyright: Never, no error).
      results.push_back(arena_.never());
      left = right;
      continue;
    }
    if (op == CompareOperator::Is || op == CompareOperator::IsNot) {
      result = boolType();
    } else if (op == CompareOperator::In || op == CompareOperator::NotIn) {
      // As in pyright, an Unknown (or Any) left operand makes no demand of the right one.
      std::vector<const Type*> knownLeft;
      for (const Type* l : unionMembersOrSelf(left))
        if (!l->isAnyOrUnknown()) knownLeft.push_back(l);
      if (!right->isAnyOrUnknown() && !knownLeft.empty()) {
        const Type* element = arena_.unionOf(knownLeft);
        bool ok = true;
        for (const Type* r : unionMembersOrSelf(right)) {
          // Never (a None attribute narrowed by truthiness) supports every operation.
          if (r->isAnyOrUnknown() || r->isNever()) continue;
          if (callMethod(mt, r, names::dunderContains, {element}, compare)) continue;
          // Without __contains__, `in` iterates.
          if (callMethod(mt, r, names::dunderIter, {}, compare) ||
              callMethod(mt, r, names::dunderGetitem, {intType()}, compare))
            continue;
          if (auto inst = r->as<InstanceType>(); inst && hasUnknownBase(inst->cls, *this)) continue;
          ok = false;
        }
        if (!ok)
          report(mt, Rule::UnsupportedOperator, compare->range,
                 "Operator \"" + std::string(compareOperatorText(op)) +
                     "\" not supported for types \"" + show(left) + "\" and \"" + show(right) +
                     "\"");
      }
    } else if (!left->isAnyOrUnknown() && !right->isAnyOrUnknown()) {
      std::string_view method, reflected;
      switch (op) {
      case CompareOperator::Eq: method = "__eq__", reflected = "__eq__"; break;
      case CompareOperator::NotEq: method = "__ne__", reflected = "__ne__"; break;
      case CompareOperator::Lt: method = "__lt__", reflected = "__gt__"; break;
      case CompareOperator::LtE: method = "__le__", reflected = "__ge__"; break;
      case CompareOperator::Gt: method = "__gt__", reflected = "__lt__"; break;
      case CompareOperator::GtE: method = "__ge__", reflected = "__le__"; break;
      default: break;
      }
      std::vector<const Type*> rs;
      bool failed = false;
      for (const Type* l : unionMembersOrSelf(left)) {
        const Type* found = nullptr;
        for (const Type* r : unionMembersOrSelf(right)) {
          std::optional<const Type*> v;
          if (l->isAnyOrUnknown() || r->isAnyOrUnknown()) v = boolType();
          if (!v) v = callMethod(mt, l, intern(method), {r}, compare);
          if (!v) v = callMethod(mt, r, intern(reflected), {l}, compare);
          if (!v && (op == CompareOperator::Eq || op == CompareOperator::NotEq)) v = boolType();
          if (!v) {
            if (auto li = l->as<InstanceType>(); li && hasUnknownBase(li->cls, *this))
              v = unknown();
            if (auto ri = r->as<InstanceType>(); ri && hasUnknownBase(ri->cls, *this))
              v = unknown();
          }
          if (!v) {
            failed = true;
            break;
          }
          found = *v;
          rs.push_back(*v);
        }
        if (failed) break;
        (void)found;
      }
      if (failed) {
        report(mt, Rule::UnsupportedOperator, compare->range,
               "Operator \"" + std::string(compareOperatorText(op)) +
                   "\" not supported for types \"" + show(left) + "\" and \"" + show(right) + "\"");
        result = unknown();
      } else if (!rs.empty()) {
        result = arena_.unionOf(rs);
      }
    }
    results.push_back(result);
    left = right;
  }
  return results.empty() ? boolType() : arena_.unionOf(results);
}

const Type* EvaluatorImpl::typeOfBoolOp(ModuleTypes& mt, const BoolOp* op, const Type* expected) {
  // `a or b`: a when truthy, else b; `a and b`: a when falsy, else b. The operands after the
  // first are narrowed by the flow graph (the binder gives them conditions).
  std::vector<const Type*> results;
  for (size_t i = 0; i < op->values.size(); ++i) {
    const Type* t = typeOf(mt, op->values[i], expected);
    if (i + 1 < op->values.size()) {
      const Type* kept = narrowTruthiness(t, op->op == BoolOperator::Or);
      if (!kept->isNever()) results.push_back(kept);
    } else {
      results.push_back(t);
    }
  }
  return results.empty() ? arena_.never() : arena_.unionOf(results);
}

// ---- subscripts ------------------------------------------------------------------------------

const Type* EvaluatorImpl::typeOfSubscript(ModuleTypes& mt, const Subscript* sub,
                                           const Type* expected, uint16_t flags) {
  const Type* base = typeOf(mt, sub->value, nullptr, flags & (EvalForwardRefs | EvalTypeForm));
  const Type* t = subscriptValue(mt, base, sub);
  if (const bind::Reference* ref = mt.index.referenceOf(sub);
      ref && ref->key != bind::noId && !ref->has(bind::RefForward) && !(flags & EvalTypeForm) &&
      narrowsByIndex(base))
    t = flowType(mt, *ref, t, nullptr);
  (void)expected;
  return t;
}

// pyright narrows `x[0]` (by assignment or condition) only when every member of x is an
// instance of a class from the standard stubs it marks built-in, or a TypedDict: their
// __getitem__ and __setitem__ agree on the value. A list subclass may not
// (email/_header_value_parser.py's `unstructured[-1]`, a TokenList, is not narrowed).
bool EvaluatorImpl::narrowsByIndex(const Type* base) {
  for (const Type* m : unionMembersOrSelf(base)) {
    auto inst = m->as<InstanceType>();
    if (!inst) return false;
    if (asTypedDict(inst) || classDetails(inst->cls).has(ClassBuiltin)) continue;
    const BoundModule* module = moduleOfClass(inst->cls);
    std::string_view name = module ? module->name.text() : std::string_view();
    if (name == "collections" || name == "asyncio.futures" || name == "asyncio.tasks" ||
        name == "dataclasses" || name == "queue" || name == "warnings" ||
        name == "_importlib_modulespec" || name == "string.templatelib")
      continue;
    return false;
  }
  return true;
}

const Type* EvaluatorImpl::subscriptValue(ModuleTypes& mt, const Type* base, const Subscript* sub) {
  // Types as values: list[int], Optional[str], Literal[1], a generic alias.
  if (base->is<SpecialFormType>() || base->is<TypeAliasType>()) {
    const Type* t = typeExpression(mt, sub, 0);
    if (auto sf = base->as<SpecialFormType>();
        sf && (sf->form == SpecialForm::Generic || sf->form == SpecialForm::Protocol))
      return base;
    return arena_.classObject(t);
  }
  if (auto co = base->as<ClassObjectType>()) {
    auto inst = co->instance->as<InstanceType>();
    bool specialize = !inst;
    if (inst) {
      const ClassDetails& details = classDetails(inst->cls);
      std::string_view qn = inst->cls->qualifiedName;
      specialize = !details.typeParams.empty() || qn == "builtins.tuple" || qn == "builtins.type" ||
                   !inst->typeArgs.empty();
      if (!specialize) {
        // A metaclass __getitem__ (Enum classes: Color["RED"]).
        if (const Type* item = dunderMethod(base, names::dunderGetitem)) {
          std::vector<Argument> args(1);
          args[0].expr = sub->slice;
          args[0].range = sub->slice ? sub->slice->range : sub->range;
          CallResult r = callType(mt, item, args, sub, nullptr, "__getitem__");
          return r.returnType ? r.returnType : unknown();
        }
        if (hasUnknownBase(inst->cls, *this)) return unknown();
      }
    }
    if (specialize || co->instance->is<FunctionType>())
      return arena_.classObject(typeExpression(mt, sub, 0));
  }
  std::vector<const Type*> results;
  bool reportedNone = false;
  for (const Type* m : unionMembersOrSelf(base)) {
    if (m->isAnyOrUnknown()) {
      typeOf(mt, sub->slice);
      results.push_back(unknown());
      continue;
    }
    if (m->isNever()) continue;
    if (m->isNone()) {
      typeOf(mt, sub->slice);
      if (!reportedNone)
        report(mt,
               base->is<UnionType>() ? Rule::PossiblyUnresolvedAttribute : Rule::NotSubscriptable,
               sub->value->range, "Object of type \"None\" is not subscriptable");
      reportedNone = true;
      results.push_back(unknown());
      continue;
    }
    if (auto td = asTypedDict(m)) {
      if (const Type* item = typedDictSubscript(mt, td, sub)) {
        results.push_back(item);
        continue;
      }
    }
    auto inst = m->as<InstanceType>();
    // A class deriving from a known tuple without its own __getitem__ (`struct_passwd`,
    // a structseq of `tuple[str, str, int, ...]`) is indexed as that tuple, as in pyright.
    if (inst && !inst->hasTupleElements() && inst->cls->qualifiedName != "builtins.tuple") {
      MemberLookup getitem = lookupClassMember(inst->cls, inst, names::dunderGetitem, true);
      if (getitem.found() && getitem.owner &&
          getitem.owner->cls->qualifiedName == "builtins.tuple" &&
          getitem.owner->hasTupleElements())
        inst = getitem.owner;
    }
    // Tuples with a literal index (or slice) give the element.
    if (inst && inst->hasTupleElements()) {
      bool unbounded = std::any_of(inst->tupleElements.begin(), inst->tupleElements.end(),
                                   [](const TupleElement& e) { return e.unbounded; });
      int64_t index = 0;
      bool literalIndex = false;
      if (auto i = sub->slice->as<IntLiteral>(); i && i->fitsInt64) {
        index = i->value;
        literalIndex = true;
      } else if (auto u = sub->slice->as<UnaryOp>();
                 u && u->op == UnaryOperator::USub && u->operand->is<IntLiteral>()) {
        index = -u->operand->as<IntLiteral>()->value;
        literalIndex = true;
      } else if (sub->slice->is<NameExpr>() || sub->slice->is<Attribute>()) {
        // A name whose type is an int literal (`ST_MODE: Final = 0`) indexes as that literal.
        if (auto li = typeOf(mt, sub->slice)->as<InstanceType>();
            li && li->literal.kind == LiteralKind::Int) {
          index = li->literal.intValue;
          literalIndex = true;
        }
      }
      if (literalIndex && !unbounded) {
        typeOf(mt, sub->slice);
        int64_t size = static_cast<int64_t>(inst->tupleElements.size());
        int64_t at = index < 0 ? index + size : index;
        if (at < 0 || at >= size) {
          report(mt, Rule::IndexOutOfRange, sub->range,
                 "Index " + std::to_string(index) + " is out of range for type " + show(m));
          results.push_back(unknown());
          continue;
        }
        results.push_back(inst->tupleElements[static_cast<size_t>(at)].type);
        continue;
      }
      if (literalIndex && unbounded) {
        // Elements before the unbounded part are known from the front.
        size_t u = 0;
        while (u < inst->tupleElements.size() && !inst->tupleElements[u].unbounded) ++u;
        if (index >= 0 && static_cast<size_t>(index) < u) {
          typeOf(mt, sub->slice);
          results.push_back(inst->tupleElements[static_cast<size_t>(index)].type);
          continue;
        }
      }
      if (auto slice = sub->slice->as<Slice>(); slice && !unbounded && !slice->step) {
        auto bound = [&](const Expr* e, int64_t fallback, bool& ok) -> int64_t {
          if (!e) return fallback;
          if (auto i = e->as<IntLiteral>(); i && i->fitsInt64) return i->value;
          if (auto u = e->as<UnaryOp>();
              u && u->op == UnaryOperator::USub && u->operand->is<IntLiteral>())
            return -u->operand->as<IntLiteral>()->value;
          ok = false;
          return 0;
        };
        bool ok = true;
        int64_t size = static_cast<int64_t>(inst->tupleElements.size());
        int64_t lo = bound(slice->lower, 0, ok), hi = bound(slice->upper, size, ok);
        if (ok) {
          typeOf(mt, sub->slice);
          if (lo < 0) lo = std::max<int64_t>(0, lo + size);
          if (hi < 0) hi = std::max<int64_t>(0, hi + size);
          lo = std::min(lo, size);
          hi = std::min(hi, size);
          std::vector<TupleElement> part;
          for (int64_t i = lo; i < hi; ++i)
            part.push_back(inst->tupleElements[static_cast<size_t>(i)]);
          results.push_back(tupleOf(part));
          continue;
        }
      }
    }
    const Type* item = dunderMethod(m, names::dunderGetitem);
    if (!item) {
      typeOf(mt, sub->slice);
      if (inst && hasUnknownBase(inst->cls, *this)) {
        results.push_back(unknown());
        continue;
      }
      report(mt, Rule::NotSubscriptable, sub->value->range,
             "\"__getitem__\" method not defined on type \"" + show(m) + "\"");
      results.push_back(unknown());
      continue;
    }
    std::vector<Argument> args(1);
    args[0].expr = sub->slice;
    args[0].range = sub->slice ? sub->slice->range : sub->range;
    CallResult r = callType(mt, item, args, sub, nullptr, "__getitem__");
    results.push_back(r.returnType ? r.returnType : unknown());
  }
  return results.empty() ? arena_.never() : arena_.unionOf(results);
}

} // namespace shrike::checker
