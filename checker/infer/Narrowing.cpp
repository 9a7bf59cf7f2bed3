// Narrowing: what a condition or a match pattern tells about a reference's type —
// isinstance/issubclass, `is None`, `==` against literals and enum members, truthiness,
// `in` a literal container, callable(), `type(x) is C`, TypeGuard/TypeIs functions.
//
//     def f(x: int | str | None):
//         if isinstance(x, int): ...     int                 (else: str | None)
//         if x: ...                      int | str           (else: Literal[0, ''] | None)
//         if x == "a": ...               Literal['a']
#include <algorithm>
#include <functional>

#include "checker/infer/EvaluatorImpl.h"
#include "checker/types/ClassHierarchy.h"

namespace shrike::checker {

using namespace parser;

namespace {

bool isClassNamed(const Type* t, std::string_view qualified) {
  auto inst = t->as<InstanceType>();
  return inst && inst->cls->qualifiedName == qualified;
}

} // namespace

const Type* EvaluatorImpl::narrowTypeForAssignment(const Type* declared, const Type* assigned) {
  if (!declared) return assigned;
  if (declared->isAnyOrUnknown()) return declared;
  if (assigned->isAnyOrUnknown()) return declared;
  if (isAssignable(declared, assigned, *this)) return assigned;
  return declared;
}

bool EvaluatorImpl::canBeFalsy(const Type* type) {
  for (const Type* m : unionMembersOrSelf(type)) {
    switch (m->kind) {
    case TypeKind::None:
    case TypeKind::Any:
    case TypeKind::Unknown:
    case TypeKind::TypeGuard: return true;
    case TypeKind::Instance: {
      auto inst = m->as<InstanceType>();
      if (inst->isLiteral()) {
        const LiteralValue& v = inst->literal;
        if ((v.kind == LiteralKind::Int || v.kind == LiteralKind::Bool) && v.intValue == 0)
          return true;
        if ((v.kind == LiteralKind::Str || v.kind == LiteralKind::Bytes) && v.text.empty())
          return true;
        if (v.kind == LiteralKind::Enum) {
          if (lookupClassMember(inst->cls, inst, names::dunderBool, true, true).found() ||
              lookupClassMember(inst->cls, inst, names::dunderLen, true, true).found())
            return true;
        }
        continue;
      }
      if (inst->hasTupleElements()) {
        bool unbounded = std::any_of(inst->tupleElements.begin(), inst->tupleElements.end(),
                                     [](const TupleElement& e) { return e.unbounded; });
        if (unbounded || inst->tupleElements.empty()) return true;
        continue;
      }
      if (hasUnknownBase(inst->cls, *this)) return true;
      if (lookupClassMember(inst->cls, inst, names::dunderBool, true, true).found() ||
          lookupClassMember(inst->cls, inst, names::dunderLen, true, true).found())
        return true;
      if (classDetails(inst->cls).has(ClassProtocol)) return true;
      continue;
    }
    case TypeKind::TypeVar: {
      auto tv = m->as<TypeVarType>();
      if (!tv->constraints.empty()) {
        for (const Type* c : tv->constraints)
          if (canBeFalsy(c)) return true;
        continue;
      }
      if (!tv->bound || canBeFalsy(tv->bound)) return true;
      continue;
    }
    default: continue; // functions, classes, modules are always truthy
    }
  }
  return false;
}

bool EvaluatorImpl::canBeTruthy(const Type* type) {
  for (const Type* m : unionMembersOrSelf(type)) {
    if (m->isNone() || m->isNever()) continue;
    if (auto inst = m->as<InstanceType>()) {
      if (inst->isLiteral()) {
        const LiteralValue& v = inst->literal;
        if ((v.kind == LiteralKind::Int || v.kind == LiteralKind::Bool) && v.intValue == 0)
          continue;
        if ((v.kind == LiteralKind::Str || v.kind == LiteralKind::Bytes) && v.text.empty())
          continue;
      }
      if (inst->hasTupleElements() && inst->tupleElements.empty()) continue;
    }
    return true;
  }
  return false;
}

const Type* EvaluatorImpl::narrowTruthiness(const Type* type, bool positive) {
  std::vector<const Type*> out;
  for (const Type* m : unionMembersOrSelf(type)) {
    if (positive) {
      if (!canBeTruthy(m)) continue;
      if (isClassNamed(m, "builtins.bool") && !m->as<InstanceType>()->isLiteral()) {
        out.push_back(literalBool(true));
        continue;
      }
      out.push_back(m);
    } else {
      if (!canBeFalsy(m)) continue;
      auto inst = m->as<InstanceType>();
      if (inst && !inst->isLiteral() && inst->typeArgs.empty() && !inst->hasTupleElements()) {
        std::string_view qn = inst->cls->qualifiedName;
        if (qn == "builtins.bool") {
          out.push_back(literalBool(false));
          continue;
        }
        if (qn == "builtins.int") {
          out.push_back(literalInt(0));
          continue;
        }
        if (qn == "builtins.str") {
          out.push_back(literalStr(""));
          continue;
        }
        if (qn == "builtins.bytes") {
          out.push_back(arena_.literal(inst->cls, LiteralValue{LiteralKind::Bytes, 0, ""}));
          continue;
        }
      }
      out.push_back(m);
    }
  }
  return out.empty() ? arena_.never() : arena_.unionOf(out);
}

const Type* EvaluatorImpl::narrowIsInstance(const Type* type, const Type* classes, bool positive,
                                            bool isSubclass) {
  // The filter: class instances named by the second argument.
  std::vector<const Type*> filter;
  bool unknownFilter = false;
  std::function<void(const Type*)> addFilter = [&](const Type* c) {
    for (const Type* m : unionMembersOrSelf(c)) {
      if (auto co = m->as<ClassObjectType>()) {
        if (co->instance->isAnyOrUnknown())
          unknownFilter = true;
        else
          filter.push_back(co->instance);
      } else if (auto inst = m->as<InstanceType>(); inst && inst->hasTupleElements()) {
        for (const TupleElement& e : inst->tupleElements) addFilter(e.type);
      } else if (auto tv = m->as<TypeVarType>(); tv && (tv->flags & TypeVarInstantiable)) {
        TypeVarType plain = *tv;
        plain.flags &= static_cast<uint8_t>(~TypeVarInstantiable);
        filter.push_back(arena_.typeVar(plain));
      } else {
        unknownFilter = true;
      }
    }
  };
  addFilter(classes);
  if (unknownFilter || filter.empty()) return nullptr;

  auto instanceClass = [&](const Type* t) -> const InstanceType* {
    if (auto inst = t->as<InstanceType>()) return inst;
    if (t->isNone()) return instanceOf(KnownClass::NoneType);
    return nullptr;
  };
  std::vector<const Type*> out;
  // What unrelated filter classes give (a stand-in for pyright's synthesized subclass of both):
  // used only when nothing else survives, as pyright narrows without intersections first.
  std::vector<const Type*> unrelated;
  auto narrowOne = [&](const Type* member) {
    // issubclass narrows class objects by their instances.
    const Type* value = member;
    if (isSubclass) {
      if (auto co = member->as<ClassObjectType>())
        value = co->instance;
      else if (isClassNamed(member, "builtins.type"))
        value = objectOrUnknown();
      else if (auto inst = member->as<InstanceType>();
               inst && knownClass(KnownClass::Type) &&
               !derivesFrom(inst->cls, knownClass(KnownClass::Type), *this)) {
        // An instance given to issubclass is read as its class, as pyright does: after a
        // failed issubclass(klass, A), a ModuleType | Any is type[ModuleType] | Any, which the
        // next issubclass accepts (logging/config.py).
        member = arena_.classObject(inst);
        value = inst;
      } else if (!member->isAnyOrUnknown()) {
        if (!positive) out.push_back(member);
        return;
      }
    }
    auto wrap = [&](const Type* t) { return isSubclass ? arena_.classObject(t) : t; };
    if (value->isAnyOrUnknown()) {
      if (positive)
        for (const Type* f : filter) out.push_back(wrap(f));
      else
        out.push_back(member);
      return;
    }
    const InstanceType* vi = instanceClass(value);
    // A class object is an instance of its metaclass (`type` unless it says otherwise):
    // isinstance(runner, type) keeps type[Runner] and drops it when false, as in pyright.
    if (auto co = value->as<ClassObjectType>(); co && !isSubclass) {
      const Type* meta = nullptr;
      if (auto ci = co->instance->as<InstanceType>()) meta = classDetails(ci->cls).metaclass;
      vi = meta && meta->as<InstanceType>() ? meta->as<InstanceType>()
                                            : instanceOf(KnownClass::Type);
    }
    if (auto tv = value->as<TypeVarType>()) {
      const Type* bound = tv->bound ? tv->bound : objectOrUnknown();
      vi = bound->as<InstanceType>();
    }
    if (!vi) {
      // Functions, modules...: only `object`-like filters (or callable ABCs) keep them.
      bool matches = false;
      for (const Type* f : filter) {
        auto fi = f->as<InstanceType>();
        if (!fi) continue;
        std::string_view qn = fi->cls->qualifiedName;
        if (qn == "builtins.object" ||
            (value->is<FunctionType>() &&
             (qn == "typing.Callable" || qn == "collections.abc.Callable")))
          matches = true;
      }
      if (matches == positive) out.push_back(member);
      return;
    }
    bool kept = false;
    for (const Type* f : filter) {
      auto fi = f->as<InstanceType>();
      if (!fi) {
        if (positive) out.push_back(wrap(f));
        kept = true;
        continue;
      }
      if (derivesFrom(vi->cls, fi->cls, *this)) {
        // Already an instance of the filter class.
        if (positive) out.push_back(member);
        kept = true;
        break;
      }
      const ClassDetails& fd = classDetails(fi->cls);
      if (fd.has(ClassProtocol)) {
        if (isAssignable(fi, value, *this)) {
          if (positive) out.push_back(member);
          kept = true;
          break;
        }
        if (positive) out.push_back(wrap(fi));
        continue;
      }
      if (!positive) continue;
      if (derivesFrom(fi->cls, vi->cls, *this)) {
        // A subclass of the declared type: specialize it from the declared arguments.
        const Type* narrowed = fi;
        if (fi->typeArgs.empty() && !classDetails(fi->cls).typeParams.empty()) {
          TypeVarSolution solution;
          solution.addSolvableScope(fi->cls);
          const InstanceType* self = selfInstance(fi->cls);
          Assigner assigner(*this, &solution);
          assigner.assign(vi, self);
          narrowed = applySolution(self, solution, *this, UnsolvedToUnknown);
        }
        out.push_back(wrap(narrowed));
        continue;
      }
      // Unrelated classes: a subclass of both might exist (unless one is final, or both are
      // builtins, whose layouts conflict).
      if (classDetails(vi->cls).has(ClassFinal) || fd.has(ClassFinal)) continue;
      if (classDetails(vi->cls).has(ClassBuiltin) && fd.has(ClassBuiltin)) continue;
      if (vi->isLiteral() || vi->hasTupleElements() || value->isNone()) continue;
      unrelated.push_back(wrap(fi));
    }
    if (!positive && !kept) out.push_back(member);
  };
  for (const Type* m : unionMembersOrSelf(type)) narrowOne(m);
  // ipaddress.py: `isinstance(self, (_BaseNetwork, IPv6Interface))` on Self@_BaseV6 is
  // IPv6Interface alone, not also _BaseNetwork.
  if (out.empty()) out = std::move(unrelated);
  return out.empty() ? arena_.never() : arena_.unionOf(out);
}

namespace {

// A literal value in source: 1, "a", b"x", True, None, -1, or an enum member.
bool isLiteralExpr(const Expr* e) {
  if (e->is<IntLiteral>() || e->is<StringLiteral>() || e->is<BytesLiteral>() ||
      e->is<BoolLiteral>() || e->is<NoneLiteral>())
    return true;
  if (auto u = e->as<UnaryOp>(); u && u->op == UnaryOperator::USub && u->operand->is<IntLiteral>())
    return true;
  return false;
}

} // namespace

const Expr* aliasedConditionValue(const bind::SemanticIndex& index, const Expr* cond) {
  if (!cond || !cond->is<NameExpr>()) return nullptr;
  const bind::Reference* ref = index.referenceOf(cond);
  if (!ref || ref->symbol == bind::noId) return nullptr;
  const bind::Symbol& symbol = index.symbol(ref->symbol);
  bind::ScopeKind kind = index.scope(symbol.scope).kind;
  if (kind != bind::ScopeKind::Function && kind != bind::ScopeKind::Module) return nullptr;
  if (index.executionScope(ref->scope) != symbol.scope) return nullptr;
  if (symbol.firstDecl == bind::noId) return nullptr;
  const bind::Declaration& decl = index.declaration(symbol.firstDecl);
  if (decl.nextInSymbol != bind::noId || decl.kind != bind::DeclarationKind::Variable ||
      decl.flags != 0 || decl.scope != symbol.scope || !decl.node)
    return nullptr;
  auto assign = decl.node->parent ? decl.node->parent->as<Assign>() : nullptr;
  if (!assign || assign->targets.size() != 1 || assign->targets[0] != decl.node || !assign->value)
    return nullptr;
  if (assign->value->range.start <= cond->range.start &&
      cond->range.end <= assign->value->range.end)
    return nullptr;
  return assign->value;
}

namespace {

// Whether an aliased condition may narrow the name `key` names at `cond`: the name is a
// variable or parameter of the condition's own function, declared once, or else with no
// declaration between the alias's assignment and the condition nor in a loop around it.
bool aliasNarrows(const bind::SemanticIndex& index, const Expr* cond, const Expr* value,
                  bind::KeyId key) {
  if (index.keys().key(key).part != bind::KeyPart::Name) return false;
  bind::SymbolId target = bind::noId;
  std::function<void(const Node*)> find = [&](const Node* n) {
    if (!n || target != bind::noId) return;
    if (n->is<NameExpr>())
      if (const bind::Reference* r = index.referenceOf(static_cast<const Expr*>(n));
          r && r->key == key)
        target = r->symbol;
    if (n->is<Lambda>()) return;
    forEachChild(n, [&](Node* child) { find(child); });
  };
  find(value);
  if (target == bind::noId) return false;
  const bind::Symbol& symbol = index.symbol(target);
  const bind::Reference* condRef = index.referenceOf(cond);
  if (!condRef || index.executionScope(condRef->scope) != symbol.scope) return false;
  uint32_t aliasAt = value->range.start;
  std::vector<const Node*> loops;
  for (const Node* n = cond->parent; n && !n->is<FunctionDef>() && !n->is<parser::Module>();
       n = n->parent)
    if (n->is<For>() || n->is<While>()) loops.push_back(n);
  auto inLoop = [&](uint32_t at) {
    for (const Node* loop : loops)
      if (loop->range.start <= at && at < loop->range.end) return true;
    return false;
  };
  // A name declared once cannot change between the alias and the condition.
  if (symbol.firstDecl != bind::noId &&
      index.declaration(symbol.firstDecl).nextInSymbol == bind::noId)
    return true;
  for (bind::DeclId id = symbol.firstDecl; id != bind::noId;) {
    const bind::Declaration& decl = index.declaration(id);
    id = decl.nextInSymbol;
    if (decl.kind == bind::DeclarationKind::Parameter) continue;
    if (decl.kind != bind::DeclarationKind::Variable || decl.scope != symbol.scope || !decl.node)
      return false;
    uint32_t at = decl.node->range.start;
    if ((aliasAt < at && at < cond->range.start) || inLoop(at)) return false;
  }
  return true;
}

} // namespace

const Type* EvaluatorImpl::narrowForCondition(ModuleTypes& mt, const Type* type, const Expr* cond,
                                              bind::KeyId key, bool positive) {
  auto isKey = [&](const Expr* e) {
    if (!e) return false;
    if (auto named = e->as<NamedExpr>()) e = named->target;
    const bind::Reference* r = mt.index.referenceOf(e);
    return r && r->key == key;
  };
  if (auto named = cond->as<NamedExpr>()) {
    if (isKey(named->target)) return narrowTruthiness(type, positive);
    return narrowForCondition(mt, type, named->value, key, positive);
  }
  if (isKey(cond)) return narrowTruthiness(type, positive);
  if (auto u = cond->as<UnaryOp>(); u && u->op == UnaryOperator::Not)
    return narrowForCondition(mt, type, u->operand, key, !positive);
  if (const Expr* value = aliasedConditionValue(mt.index, cond);
      value && !value->is<NameExpr>() && aliasNarrows(mt.index, cond, value, key))
    return narrowForCondition(mt, type, value, key, positive);

  if (auto cmp = cond->as<Compare>(); cmp && cmp->ops.size() == 1) {
    CompareOperator op = cmp->ops[0];
    const Expr* left = cmp->left;
    const Expr* right = cmp->comparators[0];
    bool leftIsKey = isKey(left);
    bool rightIsKey = isKey(right);
    // `type(x) is C`
    if (op == CompareOperator::Is || op == CompareOperator::IsNot || op == CompareOperator::Eq ||
        op == CompareOperator::NotEq) {
      auto call = left->as<Call>();
      if (call && call->args.size() == 1 && call->keywords.empty() && isKey(call->args[0])) {
        if (auto n = call->func->as<NameExpr>(); n && n->id == names::type) {
          bool pos = (op == CompareOperator::Is || op == CompareOperator::Eq) == positive;
          const Type* cls = typeOf(mt, right);
          if (pos) {
            // Exactly that class (not a subclass): narrow the members that may be it.
            const Type* narrowed = narrowIsInstance(type, cls, true, false);
            return narrowed;
          }
          // type(x) is not C: only a final C rules x out.
          if (auto co = cls->as<ClassObjectType>())
            if (auto ci = co->instance->as<InstanceType>();
                ci && classDetails(ci->cls).has(ClassFinal))
              return narrowIsInstance(type, cls, false, false);
          return type;
        }
      }
    }
    // `len(t) == 2`, `len(t) < 3`: the tuples of `t` by their length.
    if (auto call = left->as<Call>();
        call && call->args.size() == 1 && call->keywords.empty() && isKey(call->args[0]))
      if (auto fn = typeOf(mt, call->func, nullptr, EvalCallee)->as<FunctionType>();
          fn && fn->name.text() == "len" && fn->module &&
          static_cast<const BoundModule*>(fn->module)->name.text() == "builtins")
        if (const Type* narrowed = narrowTupleLength(mt, type, op, right, positive))
          return narrowed;
    // `t[0] is None`, `t[1] == "a"`: the tuples of a union whose element there can match.
    if (auto sub = left->as<Subscript>(); sub && !leftIsKey && isKey(sub->value))
      if (const Type* narrowed = narrowTupleDiscriminant(mt, type, sub, op, right, positive))
        return narrowed;
    if (!leftIsKey && rightIsKey &&
        (op == CompareOperator::Eq || op == CompareOperator::NotEq || op == CompareOperator::Is ||
         op == CompareOperator::IsNot)) {
      std::swap(left, right);
      leftIsKey = true;
    }
    if (leftIsKey) {
      bool isOp = op == CompareOperator::Is || op == CompareOperator::IsNot;
      bool eqOp = op == CompareOperator::Eq || op == CompareOperator::NotEq;
      bool pos = (op == CompareOperator::Is || op == CompareOperator::Eq ||
                  op == CompareOperator::In) == positive;
      if (isOp || eqOp) {
        const Type* rt = typeOf(mt, right);
        // `x is None`, `x == None`: the constant itself, as pyright asks (a name or member
        // whose type is None, `x is self.m`, narrows nothing).
        if (right->is<NoneLiteral>()) {
          std::vector<const Type*> out;
          for (const Type* m : unionMembersOrSelf(type)) {
            if (pos) {
              if (m->isNone())
                out.push_back(m);
              else if (m->isAnyOrUnknown())
                out.push_back(arena_.none());
              else if (auto tv = m->as<TypeVarType>(); tv && !tv->bound && tv->constraints.empty())
                out.push_back(arena_.none());
              else if (isClassNamed(m, "builtins.object"))
                out.push_back(arena_.none());
              else if (auto inst2 = m->as<InstanceType>();
                       inst2 && classDetails(inst2->cls).has(ClassProtocol))
                out.push_back(arena_.none());
            } else if (!m->isNone()) {
              out.push_back(m);
            }
          }
          return out.empty() ? arena_.never() : arena_.unionOf(out);
        }
        // `x is C` with a class object C: a class object member that is C or a base of C
        // becomes C, a subclass of C stays, an unrelated one goes; `is not` rules out only a
        // final C (another class object may still be a subclass), as pyright narrows. Any and
        // Unknown stay (pyright makes them C; http/cookiejar.py then differs from pyright).
        if (auto rc = rt->as<ClassObjectType>(); rc && isOp && !right->is<Subscript>()) {
          if (auto rci = rc->instance->as<InstanceType>()) {
            std::vector<const Type*> out;
            for (const Type* m : unionMembersOrSelf(type)) {
              auto mc = m->as<ClassObjectType>();
              auto mci = mc ? mc->instance->as<InstanceType>() : nullptr;
              if (!pos) {
                bool same = mci && mci->cls == rci->cls && classDetails(rci->cls).has(ClassFinal);
                if (!same) out.push_back(m);
              } else if (!mci) {
                out.push_back(m);
              } else if (derivesFrom(rci->cls, mci->cls, *this)) {
                out.push_back(rt);
              } else if (derivesFrom(mci->cls, rci->cls, *this)) {
                out.push_back(m);
              }
            }
            return out.empty() ? arena_.never() : arena_.unionOf(out);
          }
        }
        // Literals and enum members.
        auto ri = rt->as<InstanceType>();
        if (ri && ri->isLiteral() &&
            (isLiteralExpr(right) || ri->literal.kind == LiteralKind::Enum || isOp)) {
          std::vector<const Type*> out;
          for (const Type* m : unionMembersOrSelf(type)) {
            auto mi = m->as<InstanceType>();
            if (pos) {
              if (mi && mi->isLiteral()) {
                if (mi->literal == ri->literal && mi->cls == ri->cls) out.push_back(m);
                continue;
              }
              if (mi && (mi->cls == ri->cls || derivesFrom(ri->cls, mi->cls, *this)) &&
                  !mi->typeArgs.size()) {
                // bool is an int: `x == 1` with x: bool stays bool.
                if (mi->cls != ri->cls && eqOp) {
                  out.push_back(m);
                  continue;
                }
                out.push_back(ri);
                continue;
              }
              if (m->isAnyOrUnknown()) {
                out.push_back(isOp ? ri : m);
                continue;
              }
              if (eqOp && !(mi && (mi->literal.kind != LiteralKind::None ||
                                   mi->cls->qualifiedName == "builtins.str")))
                out.push_back(m); // may compare equal through a custom __eq__
            } else {
              if (mi && mi->isLiteral() && mi->literal == ri->literal && mi->cls == ri->cls)
                continue;
              // x != True with x: bool is Literal[False]; enums expand to their other members.
              if (mi && !mi->isLiteral() && mi->cls == ri->cls) {
                if (ri->literal.kind == LiteralKind::Bool) {
                  out.push_back(literalBool(ri->literal.intValue == 0));
                  continue;
                }
                if (ri->literal.kind == LiteralKind::Enum) {
                  std::vector<const Type*> members = enumMemberLiterals(ri->cls);
                  for (const Type* member : members)
                    if (!(member->as<InstanceType>()->literal == ri->literal))
                      out.push_back(member);
                  if (!members.empty()) continue;
                }
              }
              out.push_back(m);
            }
          }
          return out.empty() ? arena_.never() : arena_.unionOf(out);
        }
        return nullptr;
      }
      if (op == CompareOperator::In || op == CompareOperator::NotIn) {
        const Type* container = typeOf(mt, right);
        auto ci = container->as<InstanceType>();
        if (!ci) return nullptr;
        // Elements of the container.
        std::vector<const Type*> elements;
        if (ci->hasTupleElements()) {
          for (const TupleElement& e : ci->tupleElements) {
            if (e.unbounded) return nullptr;
            elements.push_back(e.type);
          }
        } else {
          const Type* element = iterate(mt, container, nullptr, false, false);
          if (!element || element->isAnyOrUnknown()) return nullptr;
          elements.push_back(element);
        }
        const Type* elementUnion = arena_.unionOf(elements);
        if (pos) {
          // Members that cannot be in the container go (None in a list[str]); literal
          // containers narrow to their literals.
          bool allLiterals = std::all_of(elements.begin(), elements.end(), [](const Type* t) {
            for (const Type* m : unionMembersOrSelf(t)) {
              auto i = m->as<InstanceType>();
              if (!(i && i->isLiteral()) && !m->isNone()) return false;
            }
            return true;
          });
          std::vector<const Type*> out;
          for (const Type* m : unionMembersOrSelf(type)) {
            if (m->isAnyOrUnknown()) {
              out.push_back(m);
              continue;
            }
            if (allLiterals) {
              auto mi = m->as<InstanceType>();
              bool added = false;
              for (const Type* lit : unionMembersOrSelf(elementUnion)) {
                if (lit == m) {
                  out.push_back(lit);
                  added = true;
                } else if (mi && !mi->isLiteral() && isAssignable(m, lit, *this)) {
                  out.push_back(lit);
                  added = true;
                }
              }
              (void)added;
              continue;
            }
            if (isAssignable(elementUnion, m, *this) || isAssignable(m, elementUnion, *this))
              out.push_back(m);
          }
          return out.empty() ? arena_.never() : arena_.unionOf(out);
        }
        // `not in` a container of literals removes those literals from a literal union.
        std::vector<const Type*> out;
        for (const Type* m : unionMembersOrSelf(type)) {
          auto mi = m->as<InstanceType>();
          bool remove = false;
          if ((mi && mi->isLiteral()) || m->isNone())
            for (const Type* e : elements)
              if (e == m) remove = true;
          if (!remove) out.push_back(m);
        }
        return out.empty() ? arena_.never() : arena_.unionOf(out);
      }
    }
    return nullptr;
  }

  if (auto call = cond->as<Call>()) {
    if (call->args.empty()) return nullptr;
    const Type* callee = typeOf(mt, call->func, nullptr, EvalCallee);
    std::string_view name;
    if (auto n = call->func->as<NameExpr>()) name = n->id.text();
    if ((name == "isinstance" || name == "issubclass") && call->args.size() == 2 &&
        isKey(call->args[0])) {
      const Type* classes = typeOf(mt, call->args[1]);
      return narrowIsInstance(type, classes, positive, name == "issubclass");
    }
    if (name == "callable" && call->args.size() == 1 && isKey(call->args[0])) {
      std::vector<const Type*> out;
      for (const Type* m : unionMembersOrSelf(type)) {
        bool isCallable = m->is<FunctionType>() || m->is<OverloadedType>() ||
                          m->is<ClassObjectType>() ||
                          (m->is<InstanceType>() && dunderMethod(m, names::dunderCall));
        bool maybe =
            m->isAnyOrUnknown() || isClassNamed(m, "builtins.object") || m->is<TypeVarType>();
        if (maybe) {
          if (positive && isClassNamed(m, "builtins.object")) {
            // object narrows to a callable returning object, as pyright shows it.
            FunctionType proto;
            Param ps[2];
            ps[0].name = intern("args");
            ps[0].kind = ParamKind::VarPositional;
            ps[0].type = arena_.any();
            ps[1].name = intern("kwargs");
            ps[1].kind = ParamKind::VarKeyword;
            ps[1].type = arena_.any();
            proto.params = ps;
            proto.returnType = objectOrUnknown();
            proto.fnFlags = FunctionGradual | FunctionSynthesized;
            out.push_back(arena_.function(proto));
          } else {
            out.push_back(m);
          }
          continue;
        }
        if (isCallable == positive) out.push_back(m);
      }
      return out.empty() ? arena_.never() : arena_.unionOf(out);
    }
    if (name == "bool" && call->args.size() == 1 && isKey(call->args[0]))
      return narrowTruthiness(type, positive);
    // User-defined TypeGuard / TypeIs functions narrow their first argument.
    if (isKey(call->args[0])) {
      const Type* ret = nullptr;
      if (auto fn = callee->as<FunctionType>())
        ret = fn->returnType;
      else if (auto o = callee->as<OverloadedType>(); o && !o->overloads.empty())
        ret = o->overloads[0]->returnType;
      if (auto guard = ret ? ret->as<TypeGuardType>() : nullptr) {
        const Type* narrowed = guard->narrowed;
        if (containsTypeVar(narrowed)) {
          // Solve the guard's variables from the call.
          const Type* solved = typeOf(mt, call);
          (void)solved;
        }
        if (guard->isTypeIs()) {
          if (positive) {
            std::vector<const Type*> out;
            for (const Type* m : unionMembersOrSelf(type)) {
              if (isAssignable(narrowed, m, *this))
                out.push_back(m);
              else if (isAssignable(m, narrowed, *this))
                out.push_back(narrowed);
            }
            if (out.empty()) {
              const Type* viaIsInstance =
                  narrowIsInstance(type, arena_.classObject(narrowed), true, false);
              return viaIsInstance ? viaIsInstance : narrowed;
            }
            return arena_.unionOf(out);
          }
          std::vector<const Type*> out;
          for (const Type* m : unionMembersOrSelf(type))
            if (!isAssignable(narrowed, m, *this)) out.push_back(m);
          return out.empty() ? arena_.never() : arena_.unionOf(out);
        }
        return positive ? narrowed : type;
      }
    }
  }
  return nullptr;
}

const Type* EvaluatorImpl::narrowForPattern(ModuleTypes& mt, const Type* subject,
                                            const Pattern* pattern, bool positive) {
  if (!pattern) return subject;
  switch (pattern->kind) {
  case NodeKind::MatchAs: {
    auto as = pattern->as<MatchAs>();
    if (!as->pattern)
      return positive ? subject : arena_.never(); // a capture or `_` matches anything
    return narrowForPattern(mt, subject, as->pattern, positive);
  }
  case NodeKind::MatchOr: {
    const Type* t = positive ? arena_.never() : subject;
    std::vector<const Type*> parts;
    for (const Pattern* p : pattern->as<MatchOr>()->patterns) {
      if (positive)
        parts.push_back(narrowForPattern(mt, subject, p, true));
      else
        t = narrowForPattern(mt, t, p, false);
    }
    return positive ? arena_.unionOf(parts) : t;
  }
  case NodeKind::MatchSingleton:
  case NodeKind::MatchValue: {
    const Expr* value = pattern->is<MatchSingleton>() ? pattern->as<MatchSingleton>()->value
                                                      : pattern->as<MatchValue>()->value;
    const Type* vt = typeOf(mt, value);
    auto vi = vt->as<InstanceType>();
    std::vector<const Type*> out;
    for (const Type* m : unionMembersOrSelf(subject)) {
      auto mi = m->as<InstanceType>();
      if (vt->isNone()) {
        if (m->isNone() == positive || (positive && m->isAnyOrUnknown()))
          out.push_back(positive ? arena_.none() : m);
        continue;
      }
      if (!vi || !vi->isLiteral()) {
        out.push_back(m);
        continue;
      }
      if (positive) {
        if (mi && mi->isLiteral()) {
          if (mi->literal == vi->literal) out.push_back(m);
        } else if (mi && (mi->cls == vi->cls || derivesFrom(vi->cls, mi->cls, *this))) {
          out.push_back(vi);
        } else if (m->isAnyOrUnknown()) {
          out.push_back(vi);
        } else if (!m->isNone()) {
          out.push_back(m);
        }
      } else {
        if (mi && mi->isLiteral() && mi->literal == vi->literal && mi->cls == vi->cls) continue;
        if (mi && !mi->isLiteral() && mi->cls == vi->cls && vi->literal.kind == LiteralKind::Bool) {
          out.push_back(literalBool(vi->literal.intValue == 0));
          continue;
        }
        out.push_back(m);
      }
    }
    return out.empty() ? arena_.never() : arena_.unionOf(out);
  }
  case NodeKind::MatchClass: {
    auto mc = pattern->as<MatchClass>();
    const Type* cls = typeOf(mt, mc->cls);
    // Sub-patterns refine further; without them, this is isinstance.
    const Type* narrowed = narrowIsInstance(subject, cls, positive, false);
    if (!narrowed) return subject;
    if (!positive && (!mc->patterns.empty() || !mc->kwdPatterns.empty())) return subject;
    return narrowed;
  }
  case NodeKind::MatchSequence: {
    if (!positive) return subject;
    std::vector<const Type*> out;
    for (const Type* m : unionMembersOrSelf(subject)) {
      if (m->isAnyOrUnknown()) {
        out.push_back(m);
        continue;
      }
      auto mi = m->as<InstanceType>();
      if (!mi) continue;
      std::string_view qn = mi->cls->qualifiedName;
      if (qn == "builtins.str" || qn == "builtins.bytes" || qn == "builtins.bytearray") continue;
      if (const ClassInfo* seq = knownClass(KnownClass::Sequence)) {
        if (derivesFrom(mi->cls, seq, *this))
          out.push_back(m);
        else if (derivesFrom(seq, mi->cls, *this))
          out.push_back(m);
      }
    }
    return out.empty() ? arena_.never() : arena_.unionOf(out);
  }
  default: return subject;
  }
}

} // namespace shrike::checker
