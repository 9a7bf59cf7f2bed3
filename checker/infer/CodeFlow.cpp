// CodeFlow: the type of a reference where it is read, found by walking the binder's flow
// graph backwards — assignments give types, conditions narrow them, labels join paths, loops
// iterate to a fixed point, calls to NoReturn functions end paths.
//
//     x: int | None = f()
//     if x is None:          Condition(x is None)  -> None     / negative -> int
//         x = 0              Assignment(x)         -> Literal[0]
//     x                      BranchLabel           -> Literal[0] | int  =  int
#include <algorithm>
#include <functional>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;
using bind::FlowId;
using bind::FlowKind;
using bind::FlowNode;

class EvaluatorFlowWalk {
public:
  EvaluatorFlowWalk(EvaluatorImpl& e, ModuleTypes& mt, const bind::Reference& ref,
                    const Type* start, const Type* declared)
      : e_(e), mt_(mt), graph_(mt.index.flow()), keys_(mt.index.keys()), key_(ref.key),
        symbol_(ref.symbol), start_(start), declared_(declared) {
    isName_ = keys_.key(key_).part == bind::KeyPart::Name;
  }

  const Type* walk(FlowId id, int depth) {
    if (depth > 64) return start_;
    TypeArena& arena = e_.arena();
    for (int steps = 0;; ++steps) {
      if (steps > 20000) return start_;
      const FlowNode& n = graph_.node(id);
      switch (n.kind) {
      case FlowKind::Unreachable: return arena.never();
      case FlowKind::Start: return start_;
      case FlowKind::Assignment: {
        if (n.a == key_) {
          if (isName_ && n.b != bind::noId) {
            const bind::Declaration& decl = mt_.index.declaration(n.b);
            if (decl.symbol != symbol_) {
              id = n.antecedent;
              continue;
            }
          }
          if (n.has(bind::FlowUnbind)) return isName_ ? arena.unbound() : start_;
          if (n.has(bind::FlowAnnotationOnly)) {
            id = n.antecedent;
            continue;
          }
          return assignedType(n);
        }
        if (n.a != bind::noId && key_ != bind::noId && keys_.startsWith(key_, n.a)) return start_;
        id = n.antecedent;
        continue;
      }
      case FlowKind::WildcardImport: {
        if (isName_ && n.a != bind::noId) {
          const BoundModule* target = e_.provider().importedModule(mt_.module, n.a);
          if (target) {
            bool found = false;
            Name name = keys_.key(key_).name();
            const Type* t = e_.moduleMember(*target, name, &found);
            if (found && t) return t;
          }
        }
        id = n.antecedent;
        continue;
      }
      case FlowKind::Condition: {
        auto cond = n.node ? static_cast<const Expr*>(n.node) : nullptr;
        if (!cond || !mentionsKey(cond)) {
          id = n.antecedent;
          continue;
        }
        const Type* t = walk(n.antecedent, depth + 1);
        if (t->isNever()) return t;
        const Type* narrowed =
            e_.narrowForCondition(mt_, t, cond, key_, !n.has(bind::FlowNegative));
        return narrowed ? narrowed : t;
      }
      case FlowKind::Call: {
        if (n.node && e_.callIsNoReturn(mt_, static_cast<const Call*>(n.node)))
          return arena.never();
        id = n.antecedent;
        continue;
      }
      case FlowKind::MatchCase: {
        auto matchCase = static_cast<const MatchCase*>(n.node);
        auto match = matchCase && matchCase->parent ? matchCase->parent->as<Match>() : nullptr;
        if (!match || !match->subject) {
          id = n.antecedent;
          continue;
        }
        const bind::Reference* subjectRef = mt_.index.referenceOf(match->subject);
        if (!subjectRef || subjectRef->key != key_) {
          id = n.antecedent;
          continue;
        }
        const Type* t = walk(n.antecedent, depth + 1);
        if (t->isNever()) return t;
        bool positive = !n.has(bind::FlowNegative);
        // A failed guard does not mean the pattern failed.
        if (!positive && matchCase->guard) return t;
        return e_.narrowForPattern(mt_, t, matchCase->pattern, positive);
      }
      case FlowKind::PreFinallyGate:
        if (std::find(closedGates_.begin(), closedGates_.end(), id) != closedGates_.end())
          return arena.never();
        id = n.antecedent;
        continue;
      case FlowKind::PostFinally: {
        closedGates_.push_back(n.a);
        const Type* t = walk(n.antecedent, depth + 1);
        closedGates_.pop_back();
        return t;
      }
      case FlowKind::ContextManagerExit: {
        if (!withMaySwallow(static_cast<const With*>(n.node))) return arena.never();
        id = n.antecedent;
        continue;
      }
      case FlowKind::BranchLabel: return label(id, n, depth);
      case FlowKind::LoopLabel: return loop(id, n, depth);
      }
      return start_;
    }
  }

private:
  // Does the condition mention the reference (or a narrowing form that could concern it)?
  bool mentionsKey(const Expr* cond) {
    bool found = false;
    std::function<void(const Node*)> visit = [&](const Node* node) {
      if (found || !node) return;
      if (auto ex = node->is<Expr>() ? static_cast<const Expr*>(node) : nullptr) {
        if (ex->is<NameExpr>() || ex->is<Attribute>() || ex->is<Subscript>()) {
          if (const bind::Reference* r = mt_.index.referenceOf(ex); r && r->key == key_) {
            found = true;
            return;
          }
        }
      }
      if (node->is<Lambda>() || node->is<ListComp>() || node->is<GeneratorExp>()) return;
      forEachChild(node, [&](Node* child) { visit(child); });
    };
    visit(cond);
    return found;
  }

  const Type* assignedType(const FlowNode& n) {
    const Node* node = n.node;
    if (isName_ && n.b != bind::noId) {
      const bind::Declaration& decl = mt_.index.declaration(n.b);
      if (decl.kind != bind::DeclarationKind::Variable || !node || !node->is<Expr>()) {
        const Type* t = e_.typeOfDeclaration(mt_, n.b);
        if (decl.kind == bind::DeclarationKind::Parameter) return t;
        return t;
      }
      // Declared variables narrow to what they are assigned (x: float = 1 is int here).
      const Type* t = e_.assignedTypeOfTarget(mt_, node);
      if (decl.kind == bind::DeclarationKind::Variable && decl.has(bind::DeclAnnotated)) {
        if (auto ann = node->parent ? node->parent->as<AnnAssign>() : nullptr;
            ann && e_.annotationHasQualifier(mt_, ann->annotation, SpecialForm::TypeAlias))
          return t;
      }
      return e_.narrowTypeForAssignment(declared_, t);
    }
    const Type* t = e_.assignedTypeOfTarget(mt_, node);
    return e_.narrowTypeForAssignment(declared_, t);
  }

  const Type* label(FlowId id, const FlowNode& n, int depth) {
    ModuleTypes::FlowKey cacheKey{id, key_, symbol_, start_};
    if (closedGates_.empty())
      if (const Type* hit = mt_.findFlow(cacheKey)) return hit;
    std::vector<const Type*> types;
    graph_.forEachAntecedent(id, [&](FlowId a) {
      const Type* t = walk(a, depth + 1);
      if (!t->isNever()) types.push_back(t);
    });
    (void)n;
    const Type* result = types.empty() ? e_.arena().never() : e_.arena().unionOf(types);
    if (closedGates_.empty() && e_.thread().pendingLoops == 0 && !e_.isSpeculative())
      mt_.publishFlow(cacheKey, result);
    return result;
  }

  const Type* loop(FlowId id, const FlowNode& n, int depth) {
    ModuleTypes::FlowKey cacheKey{id, key_, symbol_, start_};
    if (closedGates_.empty())
      if (const Type* hit = mt_.findFlow(cacheKey)) return hit;
    auto& loops = e_.thread().loops;
    for (auto& p : loops)
      if (p.module == &mt_ && p.flow == id && p.key == key_ && p.symbol == symbol_ &&
          p.start == start_)
        return p.partial ? p.partial : e_.arena().never();
    loops.push_back({&mt_, id, key_, symbol_, start_, nullptr});
    size_t index = loops.size() - 1;
    // While the loop's type is partial, what is computed from it is not recorded.
    ++e_.thread().pendingLoops;
    const Type* result = e_.arena().never();
    for (int iteration = 0; iteration < 4; ++iteration) {
      std::vector<const Type*> types;
      graph_.forEachAntecedent(id, [&](FlowId a) {
        const Type* t = walk(a, depth + 1);
        if (!t->isNever()) types.push_back(t);
      });
      const Type* next = types.empty() ? e_.arena().never() : e_.arena().unionOf(types);
      if (next == e_.thread().loops[index].partial || isSameType(next, result)) {
        result = next;
        break;
      }
      e_.thread().loops[index].partial = next;
      result = next;
    }
    e_.thread().loops.resize(index);
    --e_.thread().pendingLoops;
    (void)n;
    if (closedGates_.empty() && e_.thread().pendingLoops == 0 && !e_.isSpeculative())
      mt_.publishFlow(cacheKey, result);
    return result;
  }

  bool withMaySwallow(const With* with) {
    if (!with) return false;
    for (const WithItem* item : with->items) {
      const Type* manager = e_.typeOf(mt_, item->contextExpr);
      for (const Type* m : unionMembersOrSelf(manager)) {
        Name exit = with->isAsync ? names::dunderAexit : names::dunderExit;
        const Type* method = e_.dunderMethod(m, exit);
        auto fn = method ? method->as<FunctionType>() : nullptr;
        if (!fn) continue;
        const Type* ret = returnTypeOf(fn, &e_, nullptr);
        if (!ret) continue;
        if (with->isAsync) ret = e_.awaitResult(mt_, ret, nullptr);
        // `-> bool` may swallow; `-> None` / `-> Literal[False]` never does.
        if (auto inst = ret->as<InstanceType>();
            inst && inst->cls->qualifiedName == "builtins.bool" && !inst->isLiteral())
          return true;
      }
    }
    return false;
  }

  EvaluatorImpl& e_;
  ModuleTypes& mt_;
  const bind::FlowGraph& graph_;
  const bind::ReferenceKeys& keys_;
  bind::KeyId key_;
  bind::SymbolId symbol_;
  const Type* start_;
  const Type* declared_;
  bool isName_ = true;
  std::vector<FlowId> closedGates_;
};

const Type* EvaluatorImpl::flowType(ModuleTypes& mt, const bind::Reference& ref,
                                    const Type* startType, const Type* declaredType) {
  if (ref.flow == bind::noId || ref.key == bind::noId) return startType;
  EvaluatorFlowWalk walker(*this, mt, ref, startType, declaredType);
  return walker.walk(ref.flow, 0);
}

bool EvaluatorImpl::callIsNoReturn(ModuleTypes& mt, const Call* call) {
  const Type* marker =
      memo(mt, MemoKey{call, 0, MemoKind::NoReturnCall}, unknown(), [&]() -> const Type* {
        // Only declared NoReturn/Never (or an unannotated function that always raises).
        const Type* callee = typeOf(mt, call->func, nullptr, EvalCallee);
        auto neverReturns = [&](const FunctionType* fn) {
          if (fn->has(FunctionAsync)) return false;
          if (fn->returnType) return fn->returnType->isNever();
          if (fn->has(FunctionAbstract) || fn->has(FunctionOverload)) return false;
          const Type* inferred = inferredReturnType(fn);
          return inferred->isNever();
        };
        bool result = false;
        if (auto fn = callee->as<FunctionType>()) {
          result = neverReturns(fn);
        } else if (auto o = callee->as<OverloadedType>()) {
          result = !o->overloads.empty() &&
                   std::all_of(o->overloads.begin(), o->overloads.end(),
                               [&](const FunctionType* f) { return neverReturns(f); });
        }
        return result ? arena_.never() : unknown();
      });
  return marker->isNever();
}

bool EvaluatorImpl::isFlowNodeReachable(ModuleTypes& mt, bind::FlowId flow) {
  (void)mt;
  return flow != bind::FlowGraph::unreachable;
}

} // namespace shrike::checker
