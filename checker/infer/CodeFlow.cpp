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
#include <unordered_map>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;
using bind::FlowId;
using bind::FlowKind;
using bind::FlowNode;

namespace {

// Condition keys and regions for the whole graph, in one pass over it.
void computeFlowFacts(const bind::SemanticIndex& index, FlowFacts& facts) {
  const bind::FlowGraph& graph = index.flow();
  const bind::ReferenceKeys& keys = index.keys();
  size_t size = graph.size();
  facts.conditionStarts.assign(size + 1, 0);
  facts.regionOf.assign(size, bind::noId);
  facts.callReturns = std::make_unique<std::atomic<uint8_t>[]>(size);
  std::vector<uint32_t> found;
  std::function<void(const Node*)> visit = [&](const Node* node) {
    if (!node) return;
    if (auto ex = node->is<Expr>() ? static_cast<const Expr*>(node) : nullptr) {
      // An aliased condition concerns what its value tests too.
      if (const Expr* value = aliasedConditionValue(index, ex); value && !value->is<NameExpr>())
        visit(value);
      if (ex->is<NameExpr>() || ex->is<Attribute>() || ex->is<Subscript>()) {
        if (const bind::Reference* r = index.referenceOf(ex);
            r && r->key != bind::noId &&
            std::find(found.begin(), found.end(), r->key) == found.end())
          found.push_back(r->key);
      }
    }
    if (node->is<Lambda>() || node->is<ListComp>() || node->is<GeneratorExp>()) return;
    forEachChild(node, [&](Node* child) { visit(child); });
  };
  // The binder builds one body at a time, each from its Start node: a region is the run of
  // ids from one Start to the next. Checked below: an edge between regions makes both opaque.
  uint32_t region = bind::noId;
  for (FlowId id = 0; id < size; ++id) {
    facts.conditionStarts[id] = static_cast<uint32_t>(facts.conditionKeys.size());
    const FlowNode& n = graph.node(id);
    if (n.kind == FlowKind::Start) {
      region = static_cast<uint32_t>(facts.regionKeys.size());
      facts.regionKeys.emplace_back();
      facts.regionOpaque.push_back(false);
    }
    if (id == bind::FlowGraph::unreachable || region == bind::noId) continue;
    facts.regionOf[id] = region;
    std::vector<uint32_t>& concerned = facts.regionKeys[region];
    switch (n.kind) {
    case FlowKind::Assignment:
      if (n.a != bind::noId) concerned.push_back(n.a);
      break;
    case FlowKind::Condition:
      found.clear();
      visit(n.node);
      facts.conditionKeys.insert(facts.conditionKeys.end(), found.begin(), found.end());
      concerned.insert(concerned.end(), found.begin(), found.end());
      break;
    case FlowKind::MatchCase: {
      auto matchCase = static_cast<const MatchCase*>(n.node);
      auto match = matchCase && matchCase->parent ? matchCase->parent->as<Match>() : nullptr;
      if (match && match->subject) {
        const bind::Reference* r = index.referenceOf(match->subject);
        if (r && r->key != bind::noId) concerned.push_back(r->key);
      }
      break;
    }
    case FlowKind::WildcardImport: facts.regionOpaque[region] = true; break;
    default: break;
    }
  }
  facts.conditionStarts[size] = static_cast<uint32_t>(facts.conditionKeys.size());
  for (FlowId id = 1; id < size; ++id) {
    uint32_t r = facts.regionOf[id];
    if (r == bind::noId) continue;
    graph.forEachAntecedent(id, [&](FlowId a) {
      uint32_t ra = facts.regionOf[a];
      if (a == bind::FlowGraph::unreachable || ra == r) return;
      facts.regionOpaque[r] = true;
      if (ra != bind::noId) facts.regionOpaque[ra] = true;
    });
  }
  for (auto& concerned : facts.regionKeys) {
    std::sort(concerned.begin(), concerned.end());
    concerned.erase(std::unique(concerned.begin(), concerned.end()), concerned.end());
    concerned.shrink_to_fit();
  }
  (void)keys;
}

} // namespace

class EvaluatorFlowWalk {
  // Whether a result is final: it read no partial type of a loop that began before it (a
  // loop's partial is only its entry's type; see EvaluatorImpl::PendingLoop). Results that
  // read one are not recorded. A loop begun within, and so finished, does not count: its
  // frame is above the watch's depth. (Cycles are not tracked here: a flow result inside
  // a cycle is recorded as found, as memo entries along the cycle's first path are.)
  class FinalWatch {
  public:
    explicit FinalWatch(EvaluatorImpl::ThreadState& t)
        : t_(t), saved_(t.lowestLoop), depth_(t.stack.size()) {
      t_.lowestLoop = SIZE_MAX;
    }
    ~FinalWatch() { t_.lowestLoop = std::min(saved_, t_.lowestLoop); }
    bool final() const { return t_.lowestLoop > depth_; }

  private:
    EvaluatorImpl::ThreadState& t_;
    size_t saved_, depth_;
  };

public:
  EvaluatorFlowWalk(EvaluatorImpl& e, ModuleTypes& mt, const bind::Reference& ref,
                    const Type* start, const Type* declared)
      : e_(e), mt_(mt), graph_(mt.index.flow()), keys_(mt.index.keys()), facts_(factsOf(mt)),
        key_(ref.key), symbol_(ref.symbol), start_(start), declared_(declared) {
    isName_ = key_ != bind::noId && keys_.key(key_).part == bind::KeyPart::Name;
  }

  static const FlowFacts& factsOf(ModuleTypes& mt) {
    return mt.flowFacts([&](FlowFacts& facts) { computeFlowFacts(mt.index, facts); });
  }

  // Whether nothing in the reference's region concerns it: then it has its start type
  // wherever the region's code is reachable.
  bool unconcerned(FlowId at) const {
    uint32_t region = facts_.regionOf[at];
    if (region == bind::noId || facts_.regionOpaque[region]) return false;
    // An assignment to a prefix of the key (`self` of `self.x`) only ever resets it to its
    // start type, so it does not count.
    const std::vector<uint32_t>& concerned = facts_.regionKeys[region];
    return !std::binary_search(concerned.begin(), concerned.end(), key_);
  }

  const Type* walk(FlowId id, int depth) {
    if (depth > 64) return start_;
    // Straight-line stretches are long at module level: every 16th node is a checkpoint
    // where the result is recorded, so later walks for the same reference stop there.
    std::vector<FlowId> checkpoints;
    FinalWatch watch(e_.thread());
    const Type* result = walkStraight(id, depth, checkpoints);
    if (!checkpoints.empty() && closedGates_.empty() && watch.final() && !e_.isSpeculative())
      for (FlowId c : checkpoints)
        mt_.publishFlow(ModuleTypes::FlowKey{c, key_, symbol_, start_}, result);
    return result;
  }

  const Type* walkStraight(FlowId id, int depth, std::vector<FlowId>& checkpoints) {
    TypeArena& arena = e_.arena();
    for (int steps = 0;; ++steps) {
      if (steps > 200000) return start_;
      if ((id & 15) == 0 && steps > 0 && closedGates_.empty()) {
        if (const Type* hit = mt_.findFlow(ModuleTypes::FlowKey{id, key_, symbol_, start_}))
          return hit;
        checkpoints.push_back(id);
      }
      const FlowNode& n = graph_.node(id);
      switch (n.kind) {
      case FlowKind::Unreachable: return arena.never();
      case FlowKind::Start: return start_;
      case FlowKind::Assignment: {
        if (key_ == bind::noId) {
          id = n.antecedent;
          continue;
        }
        if (n.a == key_) {
          // `del x` carries the symbol it unbinds; other assignments their declaration.
          if (isName_ && n.b != bind::noId) {
            if (mt_.index.symbolAssignedBy(n) != symbol_) {
              id = n.antecedent;
              continue;
            }
          }
          if (n.has(bind::FlowUnbind)) return isName_ ? arena.unbound() : start_;
          if (n.has(bind::FlowAnnotationOnly)) {
            id = n.antecedent;
            continue;
          }
          if (auto fixed = loopAssigned_.find(id); fixed != loopAssigned_.end()) {
            // Found while the loop was pending: as partial as its head.
            auto& lowest = e_.thread().lowestLoop;
            lowest = std::min(lowest, fixed->second.second);
            return fixed->second.first;
          }
          return assignedType(n);
        }
        if (n.a != bind::noId && key_ != bind::noId && keys_.startsWith(key_, n.a)) return start_;
        id = n.antecedent;
        continue;
      }
      case FlowKind::WildcardImport: {
        // Only a name the star import exports (its `__all__`, else its public names) is
        // bound here: `from .subprocess import *` must not rebind `subprocess` to the
        // submodule's own `import subprocess`.
        if (isName_ && n.a != bind::noId && starImportBinds(keys_.key(key_).name(), n.a)) {
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
        if (!cond || !mentionsKey(id)) {
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
        uint8_t returns = facts_.callReturns[id].load(std::memory_order_relaxed);
        if (returns == 0) {
          FinalWatch watch(e_.thread());
          returns = n.node && e_.callIsNoReturn(mt_, static_cast<const Call*>(n.node)) ? 2 : 1;
          if (watch.final()) facts_.callReturns[id].store(returns, std::memory_order_relaxed);
        }
        if (returns == 2) return arena.never();
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
        if (!subjectRef || key_ == bind::noId || subjectRef->key != key_) {
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
      case FlowKind::PostFinally: return postFinally(id, n, depth);
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
  bool mentionsKey(FlowId id) const { return facts_.conditionMentions(id, key_); }

  // Whether the star import `import` binds `name`: the module linker gave the name a
  // declaration for it (the target's star exports).
  bool starImportBinds(Name name, bind::ImportId import) const {
    bind::SymbolId symbol = mt_.index.localSymbol(bind::moduleScopeId, name);
    if (symbol == bind::noId) return false;
    return mt_.index.anyDeclaration(symbol, [&](bind::DeclId d) {
      const bind::Declaration& decl = mt_.index.declaration(d);
      return decl.has(bind::DeclStarImport) && decl.import == import;
    });
  }

  // The assignments in a loop's body: the nodes on the paths from its back edges to its head.
  const std::vector<uint32_t>& loopAssignments(FlowId head, const std::vector<FlowId>& backEdges) {
    return mt_.loopAssignments(head, [&] {
      std::vector<uint32_t> out;
      std::vector<FlowId> stack(backEdges.begin(), backEdges.end());
      std::vector<bool> seen(graph_.size());
      seen[head] = true;
      while (!stack.empty()) {
        FlowId at = stack.back();
        stack.pop_back();
        if (seen[at]) continue;
        seen[at] = true;
        const FlowNode& node = graph_.node(at);
        if (node.kind == FlowKind::Start || node.kind == FlowKind::Unreachable) continue;
        if (node.kind == FlowKind::Assignment && node.a != bind::noId) out.push_back(at);
        graph_.forEachAntecedent(at, [&](FlowId a) { stack.push_back(a); });
      }
      return out;
    });
  }

  // What an assignment binds; Unknown when nothing could be found (no builtins to type it with,
  // when typeshed is missing).
  const Type* assignedType(const FlowNode& n) {
    const Type* t = assignedTypeOrNull(n);
    return t ? t : e_.unknown();
  }

  const Type* assignedTypeOrNull(const FlowNode& n) {
    const Node* node = n.node;
    if (isName_ && n.b != bind::noId) {
      const bind::Declaration& decl = mt_.index.declaration(n.b);
      if (decl.kind != bind::DeclarationKind::Variable || !node || !node->is<Expr>()) {
        return e_.typeOfDeclaration(mt_, n.b);
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

  // After a try/finally, the finally block is walked with the exceptional way into it (its
  // gate) closed. The result at the PostFinally node is recorded like a label's, so later
  // reads after the statement stop here; inside, labels are computed once per walk as
  // elsewhere, in a table of their own, as their types hold only while the gate is closed.
  const Type* postFinally(FlowId id, const FlowNode& n, int depth) {
    ModuleTypes::FlowKey cacheKey{id, key_, symbol_, start_};
    bool outermost = closedGates_.empty();
    if (outermost) {
      if (const Type* hit = mt_.findFlow(cacheKey)) return hit;
    }
    if (auto it = local_.find(id); it != local_.end()) return it->second;
    FinalWatch watch(e_.thread());
    std::unordered_map<FlowId, const Type*> open;
    open.swap(local_);
    closedGates_.push_back(n.a);
    const Type* result = walk(n.antecedent, depth + 1);
    closedGates_.pop_back();
    open.swap(local_);
    local_[id] = result;
    if (outermost && watch.final() && !e_.isSpeculative()) mt_.publishFlow(cacheKey, result);
    return result;
  }

  const Type* label(FlowId id, const FlowNode& n, int depth) {
    ModuleTypes::FlowKey cacheKey{id, key_, symbol_, start_};
    if (closedGates_.empty()) {
      if (const Type* hit = mt_.findFlow(cacheKey)) return hit;
    }
    // Within one walk every label is computed once (diamonds of ifs would otherwise
    // multiply the paths); while a finally gate is closed, in that gate's own table.
    if (auto it = local_.find(id); it != local_.end()) return it->second;
    std::vector<const Type*> types;
    FinalWatch watch(e_.thread());
    graph_.forEachAntecedent(id, [&](FlowId a) {
      const Type* t = walk(a, depth + 1);
      if (!t->isNever()) types.push_back(t);
    });
    (void)n;
    const Type* result = types.empty() ? e_.arena().never() : e_.arena().unionOf(types);
    local_[id] = result;
    if (closedGates_.empty() && watch.final() && !e_.isSpeculative())
      mt_.publishFlow(cacheKey, result);
    return result;
  }

  // A loop head joins the entry with what the loop body assigns. Instead of iterating the
  // back edges to a fixed point (which multiplies when loops nest), the head's type is the
  // entry's type joined with the type of every assignment to the reference inside the loop;
  // those assignments, read at the head, see the entry's type. Narrowing along the back
  // edges only ever removes members, so the join is the same or wider.
  const Type* loop(FlowId id, const FlowNode& n, int depth) {
    ModuleTypes::FlowKey cacheKey{id, key_, symbol_, start_};
    if (closedGates_.empty()) {
      if (const Type* hit = mt_.findFlow(cacheKey)) return hit;
    }
    if (auto it = local_.find(id); it != local_.end()) return it->second;
    FinalWatch watch(e_.thread());
    auto& loops = e_.thread().loops;
    for (auto& p : loops)
      if (p.module == &mt_ && p.flow == id && p.key == key_ && p.symbol == symbol_ &&
          p.start == start_) {
        e_.thread().lowestLoop = std::min(e_.thread().lowestLoop, p.stackDepth);
        return p.partial ? p.partial : e_.arena().never();
      }
    // The entry edge comes first; the others are back edges.
    FlowId entry = bind::noId;
    std::vector<FlowId> backEdges;
    graph_.forEachAntecedent(id, [&](FlowId a) {
      if (entry == bind::noId)
        entry = a;
      else
        backEdges.push_back(a);
    });
    const Type* entryType = entry == bind::noId ? e_.arena().never() : walk(entry, depth + 1);
    // The assignments to this reference on the paths back to the head.
    std::vector<FlowId> assignments;
    bool prefixAssigned = false;
    static const std::vector<uint32_t> none;
    for (FlowId at : key_ == bind::noId ? none : loopAssignments(id, backEdges)) {
      const FlowNode& node = graph_.node(at);
      if (node.a == key_) {
        bool ours = true;
        if (isName_ && node.b != bind::noId) ours = mt_.index.symbolAssignedBy(node) == symbol_;
        if (ours && !node.has(bind::FlowAnnotationOnly)) assignments.push_back(at);
      } else if (keys_.startsWith(key_, node.a)) {
        prefixAssigned = true;
      }
    }
    // The loop opens a frame of its own, so that what reads its partial type is told apart
    // from what reads the partial type of a loop around it (see FinalWatch).
    auto& stack = e_.thread().stack;
    stack.push_back({&mt_, MemoKey{nullptr, id, MemoKind::FlowType}});
    loops.push_back({&mt_, id, key_, symbol_, start_, entryType, stack.size()});
    // Results that read a partial type are reused only while the same loops are pending.
    ++e_.thread().loopGeneration;
    ++e_.thread().pendingLoops;
    std::vector<const Type*> types;
    if (!entryType->isNever()) types.push_back(entryType);
    std::vector<std::pair<FlowId, const Type*>> assigned;
    for (FlowId a : assignments) {
      const FlowNode& node = graph_.node(a);
      const Type* t = node.has(bind::FlowUnbind) ? (isName_ ? e_.arena().unbound() : start_)
                                                 : assignedType(node);
      assigned.push_back({a, t});
      if (!t->isNever()) types.push_back(t);
    }
    if (prefixAssigned) types.push_back(start_);
    // One step down from that join: the back edges walked with the head read as the join and
    // each assignment as the type just found, so what the body narrows after its last
    // assignment (`if x is None: raise`), or overwrites on every path back, drops out.
    if (!assignments.empty() && !prefixAssigned && !types.empty()) {
      e_.thread().loops.back().partial = e_.arena().unionOf(types);
      ++e_.thread().loopGeneration;
      std::vector<FlowId> fixedHere;
      size_t loopDepth = e_.thread().loops.back().stackDepth;
      for (const auto& [at, t] : assigned)
        if (loopAssigned_.emplace(at, std::make_pair(t, loopDepth)).second) fixedHere.push_back(at);
      std::vector<const Type*> refined;
      if (!entryType->isNever()) refined.push_back(entryType);
      for (FlowId a : backEdges) {
        const Type* t = walk(a, depth + 1);
        if (!t->isNever()) refined.push_back(t);
      }
      for (FlowId at : fixedHere) loopAssigned_.erase(at);
      types = std::move(refined);
    }
    e_.thread().loops.pop_back();
    ++e_.thread().loopGeneration;
    stack.pop_back();
    --e_.thread().pendingLoops;
    const Type* result = types.empty() ? e_.arena().never() : e_.arena().unionOf(types);
    (void)n;
    local_[id] = result;
    if (closedGates_.empty() && watch.final() && !e_.isSpeculative())
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
  const FlowFacts& facts_;
  bind::KeyId key_;
  bind::SymbolId symbol_;
  const Type* start_;
  const Type* declared_;
  bool isName_ = true;
  std::vector<FlowId> closedGates_;
  std::unordered_map<FlowId, const Type*> local_;
  // While a loop's back edges are walked: its assignments' types, found once (see loop).
  std::unordered_map<FlowId, std::pair<const Type*, size_t>> loopAssigned_;
};

const Type* EvaluatorImpl::flowType(ModuleTypes& mt, const bind::Reference& ref,
                                    const Type* startType, const Type* declaredType) {
  if (ref.flow == bind::noId || ref.key == bind::noId) return startType;
  // A reference's type where it is read does not depend on the expected type of the
  // expression it is in: walk as the checker would, recording what is found.
  ThreadState& t = thread();
  int savedSpeculative = t.speculative;
  t.speculative = 0;
  EvaluatorFlowWalk walker(*this, mt, ref, startType, declaredType);
  const Type* result;
  if (walker.unconcerned(ref.flow)) {
    // Only reachability is left to find; it is the same for every reference, so one walk
    // with no reference (recorded at labels and checkpoints) answers for all of them.
    bind::Reference none;
    none.flow = ref.flow;
    EvaluatorFlowWalk reach(*this, mt, none, arena_.unknown(), nullptr);
    result = reach.walk(ref.flow, 0)->isNever() ? arena_.never() : startType;
  } else {
    result = walker.walk(ref.flow, 0);
  }
  t.speculative = savedSpeculative;
  return result;
}

bool EvaluatorImpl::callIsNoReturn(ModuleTypes& mt, const Call* call) {
  if (auto known = mt.findNoReturn(call)) return *known;
  // The callee's type does not depend on the call's context: evaluate it as the checker
  // would (recorded), even inside an overload being tried.
  ThreadState& t = thread();
  int savedSpeculative = t.speculative;
  t.speculative = 0;
  const Type* marker =
      memo(mt, MemoKey{call, 0, MemoKind::NoReturnCall}, unknown(), [&]() -> const Type* {
        const Type* callee = typeOf(mt, call->func, nullptr, EvalCallee);
        // Declared NoReturn/Never; or, unannotated, a body that always raises and never
        // returns (found from its statements, without inferring a return type).
        auto neverReturns = [&](const FunctionType* fn) {
          if (fn->has(FunctionAsync) || fn->has(FunctionGenerator)) return false;
          if (fn->returnType) return fn->returnType->isNever();
          if (fn->has(FunctionAbstract) || fn->has(FunctionOverload) || fn->has(FunctionStub))
            return false;
          auto def = fn->decl ? static_cast<const Node*>(fn->decl)->as<FunctionDef>() : nullptr;
          if (!def || !fn->module) return false;
          ModuleTypes& owner = typesOf(*static_cast<const BoundModule*>(fn->module));
          // A return counts only if it can complete: `return self.fail(...)` with a NoReturn
          // callee never does (pyright asks whether the returns are reachable).
          std::vector<const Call*> returnedCalls;
          bool hasReturn = false;
          std::function<void(const Node*)> find = [&](const Node* n) {
            forEachChild(n, [&](Node* c) {
              if (hasReturn || c->is<FunctionDef>() || c->is<ClassDef>() || c->is<Lambda>()) return;
              if (auto r = c->as<Return>()) {
                if (r->value && r->value->is<Call>())
                  returnedCalls.push_back(r->value->as<Call>());
                else
                  hasReturn = true;
              } else {
                find(c);
              }
            });
          };
          find(def);
          if (hasReturn) return false;
          for (const Call* returned : returnedCalls)
            if (!callIsNoReturn(owner, returned)) return false;
          // A method that only raises NotImplementedError is meant to be overridden.
          for (const Stmt* st : def->body)
            if (auto r = st->as<Raise>(); r && r->exc) {
              const Expr* e = r->exc->is<Call>() ? r->exc->as<Call>()->func : r->exc;
              if (auto n = e->as<NameExpr>(); n && n->id.text() == "NotImplementedError")
                return false;
            }
          return blockAlwaysExits(owner, def->body);
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
  t.speculative = savedSpeculative;
  if (t.pendingLoops == 0) mt.publishNoReturn(call, marker->isNever());
  return marker->isNever();
}

bool EvaluatorImpl::isFlowNodeReachable(ModuleTypes& mt, bind::FlowId flow) {
  (void)mt;
  return flow != bind::FlowGraph::unreachable;
}

} // namespace shrike::checker
