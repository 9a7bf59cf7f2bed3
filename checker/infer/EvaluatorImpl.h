// EvaluatorImpl: the evaluator's machinery, shared by its parts (one file per concern:
// Declarations, TypeExpressions, Classes, Functions, Members, Calls, Constructors,
// Expressions, Operators, CodeFlow, Narrowing, SpecialCalls). Private to checker/infer.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "checker/InferenceBudget.h"
#include "checker/SpinLock.h"
#include "checker/check/Diagnostic.h"
#include "checker/infer/Dataclasses.h"
#include "checker/infer/Evaluator.h"
#include "checker/infer/MemoTable.h"
#include "checker/types/ClassHierarchy.h"
#include "checker/types/Display.h"
#include "checker/types/Solution.h"
#include "checker/types/Subtype.h"
#include "checker/types/TypeArena.h"

namespace shrike::checker {

// For a condition that is a name assigned exactly once, in its own scope, by `name = value`
// (`opened = content is None` ... `if opened:`): that value, which narrows what it tests as the
// condition would (pyright's aliased conditions); else null.
const parser::Expr* aliasedConditionValue(const bind::SemanticIndex& index,
                                          const parser::Expr* cond);

// Whether `type` is Unknown or a union with an Unknown member (not looking inside members):
// pyright does not apply a decorator whose result is that.
inline bool hasUnknownMember(const Type* type) {
  for (const Type* m : unionMembersOrSelf(type))
    if (m->kind == TypeKind::Unknown) return true;
  return false;
}

// What a memo entry is the result of; with the entry's pointer and number it names one
// computation (also used for cycle detection).
enum class MemoKind : uint8_t {
  Expression,     // ptr: Expr node
  Declaration,    // extra: DeclId
  DeclaredSymbol, // extra: SymbolId
  EffectiveSymbol,
  Annotation,     // ptr: annotation Expr node (the declared type it spells)
  FunctionDef,    // ptr: FunctionDef / Lambda (the undecorated function)
  DecoratedDef,   // ptr: FunctionDef (after decorators)
  DecoratedClass, // ptr: ClassDef (after decorators)
  ReturnType,     // ptr: FunctionDef / Lambda (inferred return)
  Parameter,      // ptr: Parameter node
  TypeAliasValue, // ptr: TypeAlias node
  TypeParam,      // ptr: TypeParam node
  ClassDetails,   // ptr: ClassInfo
  AssignedValue,  // ptr: statement whose value is assigned (evaluated once with context)
  FlowType,       // unused (flow results have their own table)
  NoReturnCall,   // ptr: Call node (Never when the call cannot return, else Unknown)
};

struct MemoKey {
  const void* ptr = nullptr;
  uint64_t extra = 0;
  MemoKind kind = MemoKind::Expression;
  bool operator==(const MemoKey&) const = default;
};

struct MemoKeyHash {
  size_t operator()(const MemoKey& k) const {
    uint64_t h = reinterpret_cast<uintptr_t>(k.ptr) * 0x9E3779B97F4A7C15ULL;
    h ^= (k.extra + 0x7F4A7C15ULL + (h << 6) + (h >> 2));
    h ^= static_cast<uint64_t>(k.kind) * 0xC2B2AE3D27D4EB4FULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// What flow walks need to know about a module's flow graph, by flow id.
struct FlowFacts {
  // The reference keys each Condition mentions (CSR: keys[starts[id]..starts[id + 1]]).
  std::vector<uint32_t> conditionStarts, conditionKeys;
  // Each function body (and the module's) is one region of the graph, from its Start node.
  // A region's keys are those its Assignment, Condition and MatchCase nodes concern: a key
  // outside that set keeps its start type in the region, so a walk for it only has to find
  // whether the node is reachable.
  std::vector<uint32_t> regionOf;                // by flow id; noId: none or unknown (walk)
  std::vector<std::vector<uint32_t>> regionKeys; // sorted
  std::vector<bool> regionOpaque; // a wildcard import, or nodes of several regions mixed

  // Whether the call at a Call flow node returns: 0 not known yet, 1 returns, 2 never does
  // (recorded once final; atomic, as every thread reads the same facts).
  std::unique_ptr<std::atomic<uint8_t>[]> callReturns;

  bool conditionMentions(uint32_t flow, uint32_t key) const {
    for (uint32_t i = conditionStarts[flow]; i < conditionStarts[flow + 1]; ++i)
      if (conditionKeys[i] == key) return true;
    return false;
  }
};

// Per-module evaluation state.
class ModuleTypes {
public:
  explicit ModuleTypes(const BoundModule& m) : module(m), index(*m.index) {}
  const BoundModule& module;
  const bind::SemanticIndex& index;

  std::optional<const Type*> find(const MemoKey& key) {
    std::lock_guard lock(mutex_);
    if (const Type* hit = memo_.find(key)) return hit;
    return std::nullopt;
  }
  // First one wins; returns the recorded value.
  const Type* publish(const MemoKey& key, const Type* value) {
    std::lock_guard lock(mutex_);
    return memo_.insert(key, value);
  }

  void addDiagnostic(Diagnostic diagnostic);
  std::vector<Diagnostic> takeDiagnostics();

  // Flow analysis results at labels: (flow node, reference key, symbol, start type).
  struct FlowKey {
    uint32_t flow;
    uint32_t key;
    uint32_t symbol;
    const Type* start;
    bool operator==(const FlowKey&) const = default;
  };
  struct FlowKeyHash {
    size_t operator()(const FlowKey& k) const {
      uint64_t h = (static_cast<uint64_t>(k.flow) << 32 | k.key) * 0x9E3779B97F4A7C15ULL;
      h ^= (static_cast<uint64_t>(k.symbol) << 17) ^ reinterpret_cast<uintptr_t>(k.start);
      return static_cast<size_t>(h ^ (h >> 31));
    }
  };
  // Expression types found speculatively (an overload tried), by (node, expected type):
  // nested overloaded calls would otherwise be re-evaluated for every outer candidate.
  const Type* findSpeculative(const void* expr, const Type* expected, uint16_t flags) {
    std::lock_guard lock(mutex_);
    auto it = speculative_.find(
        MemoKey{expr, reinterpret_cast<uintptr_t>(expected) ^ flags, MemoKind::Expression});
    return it == speculative_.end() ? nullptr : it->second;
  }
  void publishSpeculative(const void* expr, const Type* expected, uint16_t flags,
                          const Type* type) {
    std::lock_guard lock(mutex_);
    speculative_.emplace(
        MemoKey{expr, reinterpret_cast<uintptr_t>(expected) ^ flags, MemoKind::Expression}, type);
  }
  // Calls known to return (0) or not (1).
  std::optional<bool> findNoReturn(const void* call) {
    std::lock_guard lock(mutex_);
    auto it = noReturn_.find(call);
    if (it == noReturn_.end()) return std::nullopt;
    return it->second;
  }
  void publishNoReturn(const void* call, bool value) {
    std::lock_guard lock(mutex_);
    noReturn_.emplace(call, value);
  }
  const Type* findFlow(const FlowKey& key) {
    std::lock_guard lock(mutex_);
    return flow_.find(key);
  }
  void publishFlow(const FlowKey& key, const Type* type) {
    std::lock_guard lock(mutex_);
    flow_.insert(key, type);
  }

  // Facts about the module's flow graph that every walk asks for, found once (see
  // FlowFacts); `compute` fills them on first use, after which they are read without a lock.
  template <class F> const FlowFacts& flowFacts(F&& compute) {
    std::call_once(flowFactsOnce_, [&] { compute(flowFacts_); });
    return flowFacts_;
  }
  // The assignment nodes in each loop's body (loop label -> nodes). `compute` runs outside
  // the lock; the first result recorded wins (they are all the same).
  template <class F> const std::vector<uint32_t>& loopAssignments(uint32_t flow, F&& compute) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = loopAssignments_.find(flow); it != loopAssignments_.end()) return it->second;
    }
    std::vector<uint32_t> value = compute();
    std::lock_guard lock(mutex_);
    return loopAssignments_.emplace(flow, std::move(value)).first->second;
  }

private:
  SpinLock mutex_;
  std::once_flag flowFactsOnce_;
  FlowFacts flowFacts_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> loopAssignments_;
  FlatMemoTable<MemoKey, MemoKeyHash, const Type> memo_;
  FlatMemoTable<FlowKey, FlowKeyHash, const Type> flow_;
  std::unordered_map<const void*, bool> noReturn_;
  std::unordered_map<MemoKey, const Type*, MemoKeyHash> speculative_;
  std::vector<Diagnostic> diagnostics_;
  std::unordered_set<uint64_t> diagnosticKeys_;
};

// How an expression is being evaluated.
enum EvalFlags : uint16_t {
  EvalForwardRefs = 1 << 0,  // names may refer to later bindings (annotations in stubs...)
  EvalTypeForm = 1 << 1,     // the expression is a type expression
  EvalNoSpecialize = 1 << 2, // a generic class named bare stays unspecialized
  EvalCallee = 1 << 3,       // the expression is being called
};

// The result of matching a call's arguments to one signature.
struct CallResult {
  const Type* returnType = nullptr;
  bool argumentErrors = false;
  // The arguments do not fit the parameters by number or name (before any type is compared):
  // overload evaluation counts the overloads that take the call's arity.
  bool arityErrors = false;
  bool neverReturns = false;
  TypeVarSolution solution; // what the call solved (constructors specialize the class with it)
  const FunctionType* matched = nullptr; // the signature (overload) the arguments matched
  // Per argument, the declared type of the parameter it was matched to (null for an unpacked
  // argument or none): overload evaluation compares them across overloads.
  std::vector<const Type*> argParamTypes;
};

// One argument of a call, as written.
struct Argument {
  const parser::Expr* expr = nullptr; // null for synthesized arguments
  const Type* type = nullptr;         // set for synthesized arguments, or once evaluated
  parser::Name keyword;               // `name=value`
  bool star = false;                  // *value
  bool doubleStar = false;            // **value
  parser::TextRange range;
};

struct MemberLookup {
  const Type* type = nullptr;          // the member's type as declared on its class
  const InstanceType* owner = nullptr; // the MRO entry it was found on (specialized)
  const BoundModule* module = nullptr; // where the class is declared
  bind::SymbolId symbol = bind::noId;
  bool isInstanceMember = false; // declared only as `self.x` in a method
  bool isClassVar = false;       // annotated ClassVar (or a method/def in the class body)
  bool found() const { return type != nullptr; }
};

// One key of a dict display or constructor call checked against a TypedDict's items.
struct TypedDictEntry {
  const parser::Expr* key = nullptr;   // a display's key expression
  parser::Name keyword;                // a constructor's keyword
  const parser::Expr* value = nullptr; // the value (or the mapping of a `**` entry)
  const Type* valueType = nullptr;     // a value typed already (synthesized arguments)
  bool spread = false;                 // `**mapping`
  parser::TextRange range;
};

class EvaluatorImpl : public TypeServices {
private:
  struct ThreadState {
    struct Frame {
      const ModuleTypes* module;
      MemoKey key;
    };
    std::vector<Frame> stack;
    size_t lowestCycle = SIZE_MAX; // the lowest stack index a cycle returned to
    int speculative = 0;
    int pendingLoops = 0; // flow analysis inside an unfinished loop: results are not recorded
    // Loop labels whose fixed point is being computed: (module, flow, key, symbol, start)
    // and the type found so far, shared by every flow walk on this thread.
    struct PendingLoop {
      const ModuleTypes* module;
      uint32_t flow, key, symbol;
      const Type* start;
      const Type* partial;
      size_t stackDepth; // memo frames open when the loop began
    };
    std::vector<PendingLoop> loops;
    // The lowest stackDepth of a pending loop whose partial type was read: memo frames
    // opened at or after it depend on a type that is not final, and are not recorded.
    size_t lowestLoop = SIZE_MAX;
    // Results that read a pending loop's partial type, valid until any partial changes
    // (the generation): within one iteration each is computed once.
    uint64_t loopGeneration = 0;
    struct Incomplete {
      uint64_t generation;
      const Type* type;
      size_t loopHit;
    };
    std::unordered_map<MemoKey, Incomplete, MemoKeyHash> incomplete;
    const ModuleTypes* incompleteModule = nullptr; // entries are for one module at a time
    // Results a cycle cut short (they read a frame still open below them), kept while that
    // frame is open: asked again meanwhile, they would meet the same cut. Without them a group
    // of mutually recursive functions is explored once per path through it, exponentially
    // (50 unannotated functions calling each other used up a module's budget).
    struct Provisional {
      const Type* type;
      size_t cycleAt; // the open frame the cycle returned to
    };
    struct ProvisionalKey {
      const ModuleTypes* module;
      MemoKey key;
      bool operator==(const ProvisionalKey&) const = default;
    };
    struct ProvisionalKeyHash {
      size_t operator()(const ProvisionalKey& k) const {
        return MemoKeyHash()(k.key) ^ (reinterpret_cast<uintptr_t>(k.module) >> 4);
      }
    };
    std::unordered_map<ProvisionalKey, Provisional, ProvisionalKeyHash> provisional;
    std::vector<std::vector<ProvisionalKey>> provisionalByFrame; // by cycleAt, to drop them
    // The budget of the module being checked on this thread (null: unlimited), and how often
    // the depth limit cut an evaluation short (such a result is partial: it is not recorded).
    InferenceBudget* budget = nullptr;
    uint64_t depthLimitHits = 0;
    // While a module is checked (a budget is set): the innermost return inference open when
    // the depth limit cut an evaluation short, for settleCutReturnTypes (a few at most).
    struct CutReturn {
      ModuleTypes* module;
      const parser::Node* function;
    };
    std::vector<CutReturn> cutReturns;
    // The evaluator (its serial) the thread last worked for: a thread serves one evaluator
    // after another (a session per edit), and `incomplete` must not carry over to the next,
    // whose ModuleTypes and nodes may sit at the same addresses (found by the check fuzzer).
    uint64_t evaluator = 0;
  };
  ThreadState& thread() const;
  const uint64_t serial_; // unique among the evaluators of this process

public:
  EvaluatorImpl(ModuleProvider& provider, EvaluatorOptions options);
  ~EvaluatorImpl() override;

  // ---- TypeServices
  TypeArena& arena() override { return arena_; }
  const ClassDetails& classDetails(const ClassInfo* cls) override;
  const ClassInfo* knownClass(KnownClass which) override;
  const Type* inferredReturnType(const FunctionType* function) override;
  const Type* aliasValue(const TypeAliasType* alias) override;
  // The value of `X: TypeAlias = ...`, a type as a value; `X: TypeAlias = "list[X]"` is the
  // type the string spells (its reference to X, still being evaluated, is Unknown).
  const Type* explicitAliasValue(ModuleTypes& mt, const parser::Expr* value);
  const Type* memberTypeForProtocol(const Type* object, Name name) override;
  std::span<const Name> protocolMembers(const ClassInfo* protocol) override;
  const TypedDictSchema* typedDictSchema(const ClassInfo* cls) override;

  ModuleProvider& provider() { return provider_; }
  const EvaluatorOptions& options() const { return options_; }
  ModuleTypes& typesOf(const BoundModule& module);

  // ---- memo and cycles (Evaluator.cpp)
  template <class F>
  const Type* memo(ModuleTypes& mt, MemoKey key, const Type* onCycle, F&& compute);
  bool inProgress(const ModuleTypes* mt, const MemoKey& key) const;
  struct Speculative {
    explicit Speculative(EvaluatorImpl& e) : evaluator(e) { ++e.thread().speculative; }
    ~Speculative() { --evaluator.thread().speculative; }
    Speculative(const Speculative&) = delete;
    Speculative& operator=(const Speculative&) = delete;
    EvaluatorImpl& evaluator;
  };
  bool isSpeculative() const;
  // Work on this thread spends `budget` while the scope lasts.
  struct BudgetScope {
    BudgetScope(EvaluatorImpl& e, InferenceBudget& budget)
        : state(e.thread()), saved(state.budget) {
      state.budget = &budget;
      savedCuts.swap(state.cutReturns);
    }
    ~BudgetScope() {
      state.budget = saved;
      state.cutReturns.swap(savedCuts);
    }
    BudgetScope(const BudgetScope&) = delete;
    BudgetScope& operator=(const BudgetScope&) = delete;
    ThreadState& state;
    InferenceBudget* saved;
    std::vector<ThreadState::CutReturn> savedCuts;
  };
  // Return types the depth limit cut short during the last statement, inferred again from
  // the top, deepest first, then the ones above them: a chain of calls longer than the limit
  // (f1 calls f2 ... calls f500, unannotated) is followed a limit's length at a time, and
  // each result is recorded, instead of being cut at the same depth below every caller, which
  // costs the limit's length per function and leaves the callers Unknown. False when there
  // was nothing to settle (then the statement needs no second look).
  bool settleCutReturnTypes();
  void report(ModuleTypes& mt, Rule rule, parser::TextRange range, std::string message);
  std::string show(const Type* type) { return displayType(type, this); }

  // ---- well-known types
  const InstanceType* instanceOf(KnownClass which, std::span<const Type* const> args = {});
  const Type* objectType() { return instanceOf(KnownClass::Object); }
  // `object`, or Unknown when a depth limit cut the lookup of builtins.object short (the
  // known-class lookups then give null).
  const Type* objectOrUnknown() {
    const Type* object = objectType();
    return object ? object : unknown();
  }
  const Type* boolType() { return instanceOf(KnownClass::Bool); }
  const Type* intType() { return instanceOf(KnownClass::Int); }
  const Type* strType() { return instanceOf(KnownClass::Str); }
  const InstanceType* tupleOf(std::span<const TupleElement> elements, bool unpacked = false);
  const InstanceType* homogeneousTuple(const Type* element);
  const Type* literalInt(int64_t value);
  const Type* literalStr(std::string_view value);
  const Type* literalBool(bool value);
  const Type* unknown() { return arena_.unknown(); }
  const ClassInfo* classNamed(std::string_view module, std::string_view name);
  const Type* typingSymbol(std::string_view name); // typing.X's declared type
  const BoundModule* builtinsModule();

  // ---- declarations and symbols (Declarations.cpp)
  const Type* typeOfDeclaration(ModuleTypes& mt, bind::DeclId decl);
  const Type* declaredTypeOfSymbol(ModuleTypes& mt, bind::SymbolId symbol);
  const Type* effectiveTypeOfSymbol(ModuleTypes& mt, bind::SymbolId symbol);
  const Type* declaredTypeOfDeclaration(ModuleTypes& mt, bind::DeclId decl);
  // The type of `name` as an attribute of a module (its symbol, a submodule, __getattr__).
  // The type of a module variable's last assignment, as another module reads it (null: use
  // its effective type).
  const Type* lastAssignedType(ModuleTypes& mt, bind::SymbolId symbolId);
  const Type* moduleMember(const BoundModule& module, Name name, bool* found = nullptr);
  // `name` as brought in by a `from m import *` of the module; null when none brings it.
  const Type* starImportedType(const BoundModule& module, Name name);
  // A module-scope symbol of builtins; null when there is none.
  const Type* builtinType(Name name);
  // The type a binding target receives from the statement that assigns it.
  const Type* assignedTypeOfTarget(ModuleTypes& mt, const parser::Node* target);
  // Destructures `source` for `target` within the whole target `root` (tuples, starred).
  const Type* typeForSubTarget(const parser::Expr* root, const Type* source,
                               const parser::Expr* target);
  // A tuple's elements as unpacking gives them to `targets` targets (the starred one at
  // starIndex, or none when it is `targets`), one entry per target when the sizes fit.
  std::vector<const Type*> tupleEntriesForTargets(std::span<const TupleElement> source,
                                                  size_t targets, size_t starIndex,
                                                  bool listTarget);
  const Type* importedType(ModuleTypes& mt, const bind::Declaration& decl);
  // The value `x += 1` reads: x's type just before the statement.
  const Type* augmentedTargetType(ModuleTypes& mt, const parser::Expr* target);
  bool isFinalDeclaration(ModuleTypes& mt, bind::DeclId decl);

  // ---- type expressions (TypeExpressions.cpp)
  // The type an annotation spells; qualifiers (Final, ClassVar...) are stripped.
  const Type* typeOfAnnotation(ModuleTypes& mt, const parser::Expr* annotation,
                               bool forwardRefs = false);
  // Converts the value of a type expression to the type it denotes.
  const Type* typeFromValue(ModuleTypes& mt, const Type* value, const parser::Expr* node);
  const Type* typeExpression(ModuleTypes& mt, const parser::Expr* expr, uint16_t flags);
  const Type* specializeClassValue(ModuleTypes& mt, const Type* base, const parser::Subscript* sub,
                                   uint16_t flags);
  const Type* specialFormSubscript(ModuleTypes& mt, SpecialForm form, const parser::Subscript* sub,
                                   uint16_t flags);
  std::vector<const parser::Expr*> subscriptItems(const parser::Subscript* sub);
  bool annotationHasQualifier(ModuleTypes& mt, const parser::Expr* annotation, SpecialForm form);
  // A class-body variable annotated without ClassVar (`handler: Callable[...]`): an instance
  // variable, not bound when read through an instance.
  bool isAnnotatedInstanceVariable(const MemberLookup& m);
  // `t` (a member declared in `owner`) with its Self meaning `receiver`, the object read;
  // functions (and union members that are) are left to binding unless `functionsToo`.
  const Type* withReceiverSelf(const Type* t, const ClassInfo* owner, const Type* receiver,
                               bool functionsToo = false);
  const Type* literalFromExpr(ModuleTypes& mt, const parser::Expr* expr, bool& ok);
  const Type* callableFromSubscript(ModuleTypes& mt, const parser::Subscript* sub, uint16_t flags);
  // Rescopes unscoped type variables in a signature to their binding scope.
  const Type* scopeTypeVars(ModuleTypes& mt, const Type* type, const parser::Node* owner,
                            std::vector<const TypeVarType*>* introduced);
  const TypeVarType* selfTypeVar(const ClassInfo* cls, const Type* bound = nullptr);
  const ClassInfo* enclosingClass(ModuleTypes& mt, const parser::Node* node);
  // The class whose body defines `def` directly (through if/try/with blocks); null for a
  // function that is not a method.
  const parser::ClassDef* classOfMethod(const parser::Node* def);

  // ---- classes (Classes.cpp)
  ClassInfo* classInfoFor(ModuleTypes& mt, const parser::ClassDef* def);
  const ClassDetails& computeClassDetails(const ClassInfo* cls);
  const InstanceType* selfInstance(const ClassInfo* cls);
  const BoundModule* moduleOfClass(const ClassInfo* cls) {
    return static_cast<const BoundModule*>(cls->module);
  }
  bool isAbstractClass(const ClassInfo* cls, std::vector<Name>* abstractMembers = nullptr);
  bool isEnumClass(const ClassInfo* cls);
  const Type* enumMemberValueType(const InstanceType* literal);
  std::vector<std::pair<Name, const Type*>> namedTupleFields(const ClassInfo* cls);
  const Type* metaclassOf(const ClassInfo* cls);
  // The MRO of a class with these bases (instances, in terms of the class's own parameters):
  // `self`, the C3 merge of the bases' MROs (their order as written where C3 fails), `object`
  // last. Sets ClassUnknownBase in `flags` when a base has an unknown base itself.
  std::vector<const Type*> linearizeMro(const InstanceType* self,
                                        std::span<const Type* const> bases, uint32_t& flags);

  // ---- dataclasses (Dataclasses.cpp)
  // ClassDataclass / ClassDataclassTransform for a class statement, from @dataclass, its bases
  // and its metaclass (asked while the class's details are computed).
  uint32_t dataclassFlags(const parser::ClassDef* def, std::span<const Type* const> bases,
                          const Type* metaclass);
  // @dataclass, a dataclass_transform decorator, base class or metaclass made the class.
  bool isDataclass(const ClassInfo* cls);
  // Options and fields of a dataclass; null for a class that is not one.
  const DataclassInfo* dataclassInfo(const ClassInfo* cls);
  // A member the dataclass machinery gives `cls` when its body does not define it
  // (__init__, __lt__..., __hash__, __match_args__...); null when none.
  const Type* dataclassMember(const ClassInfo* cls, Name name);
  // A namedtuple() class's `__new__` as a member (`super().__new__(cls, a, b)`).
  const Type* namedTupleNewMember(const ClassInfo* cls);
  // The field `name` of the dataclass `cls` (declared in its body or inherited); null if none.
  const DataclassField* dataclassFieldNamed(const ClassInfo* cls, Name name);
  // An InitVar field: an __init__ parameter, not an attribute of the class.
  bool dataclassHidesMember(const ClassInfo* cls, Name name);
  DataclassOptions dataclassOptions(const ClassInfo* cls);
  bool annotationIsInitVar(ModuleTypes& mt, const parser::Expr* annotation);
  DataclassInfo computeDataclassInfo(const ClassInfo* cls);
  void ownDataclassFields(const ClassInfo* cls, const InstanceType* asSeen,
                          const DataclassOptions& options, std::vector<DataclassField>& out);

  // ---- functions (Functions.cpp)
  const Type* typeOfFunctionDef(ModuleTypes& mt, const parser::FunctionDef* def);
  const FunctionType* undecoratedFunction(ModuleTypes& mt, const parser::FunctionDef* def);
  // The method of a class after `cls` in its MRO that `def` overrides with the same
  // parameters (names and kinds in order), as `cls` sees it; null when there is none.
  const FunctionType* overriddenSignature(const ClassInfo* cls, const parser::FunctionDef* def);
  const FunctionType* lambdaFunction(ModuleTypes& mt, const parser::Lambda* lambda,
                                     const Type* expected);
  const Type* typeOfParameter(ModuleTypes& mt, const parser::Parameter* param);
  const Type* inferReturnType(ModuleTypes& mt, const parser::Node* def);
  const Type* applyDecorator(ModuleTypes& mt, const Type* decorated, const parser::Expr* decorator,
                             const parser::Node* def);
  const Type* declaredReturnType(ModuleTypes& mt, const parser::FunctionDef* def);
  // True when control cannot continue after the statement / fall off the end of the block.
  bool statementAlwaysExits(ModuleTypes& mt, const parser::Stmt* stmt);
  bool blockAlwaysExits(ModuleTypes& mt, parser::List<parser::Stmt*> body);
  const Type* wrapReturnForAsyncOrGenerator(ModuleTypes& mt, const parser::FunctionDef* def,
                                            const Type* returned, bool declared);

  // ---- members (Members.cpp)
  MemberLookup lookupClassMember(const ClassInfo* cls, const InstanceType* specializedSelf,
                                 Name name, bool skipInstanceMembers, bool skipObject = false);
  // The type of `object.name`; null when there is no such attribute (no diagnostic).
  const Type* memberAccess(const Type* object, Name name, bool* possiblyUnbound = nullptr);
  bool slotsDeclare(const ClassInfo* cls, parser::Name name, const ClassInfo* stopAt = nullptr);
  const Type* instanceMember(const Type* self, const InstanceType* inst, Name name);
  const Type* classMember(const Type* classObject, const InstanceType* inst, Name name);
  const Type* bindFunction(const Type* member, const Type* selfOrCls, bool throughClass,
                           const InstanceType* owner);
  // Binds `self` (or the class) to the first parameter; `mismatch` is set when the first
  // parameter is annotated with a type `self` does not fit (an overload for other selves).
  // What a class value makes: C for type[C], Self@C for `cls` (type[Self@C]); else the value.
  const Type* instanceOfClassValue(const Type* value);
  const FunctionType* bindFirstParam(const FunctionType* fn, const Type* self,
                                     bool* mismatch = nullptr);
  const Type* specializeMember(const Type* member, const InstanceType* owner);
  // attribute access with diagnostics (unresolved-attribute, possibly-unresolved-attribute)
  const Type* typeOfAttribute(ModuleTypes& mt, const parser::Attribute* attr,
                              const Type* objectType);
  // The callable a dunder resolves to on an instance (`__iter__`, `__add__`...); null if none.
  const Type* dunderMethod(const Type* object, Name name);

  // ---- calls (Calls.cpp)
  const Type* typeOfCall(ModuleTypes& mt, const parser::Call* call, const Type* expected);
  CallResult callType(ModuleTypes& mt, const Type* callee, std::vector<Argument>& args,
                      const parser::Node* errorNode, const Type* expected,
                      const std::string& calleeName);
  // `initial` adds solvable scopes and known bindings (a constructor solves its class's
  // parameters through __init__).
  CallResult callFunction(ModuleTypes& mt, const FunctionType* fn, std::vector<Argument>& args,
                          const parser::Node* errorNode, const Type* expected, bool reportErrors,
                          const TypeVarSolution* initial = nullptr);
  CallResult callOverloaded(ModuleTypes& mt, const OverloadedType* fn, std::vector<Argument>& args,
                            const parser::Node* errorNode, const Type* expected,
                            const TypeVarSolution* initial = nullptr);
  // Overload argument expansion (ArgumentExpansion.cpp): the types an argument's type splits
  // into (empty when it does not split), and the cap on combinations tried (pyright's).
  static constexpr size_t kMaxOverloadExpansions = 256;
  static constexpr size_t kMaxSingleArgumentExpansion = 64;
  std::vector<const Type*> expandArgumentType(const Type* type);
  // Steps 4 and 5 of overload evaluation (OverloadAmbiguity.cpp): given the first overload
  // that accepts the arguments (`chosen`), picks the one to evaluate and returns the call's
  // type when the matches leave it ambiguous (Unknown, Any, or a subsuming return type);
  // null to take the chosen overload's own.
  const Type* weighOverloadMatches(ModuleTypes& mt, const OverloadedType* fn,
                                   const FunctionType*& chosen, std::vector<Argument>& args,
                                   const parser::Node* errorNode, const Type* expected,
                                   const TypeVarSolution* initial);
  // An enum class's members as literals, in declaration order (empty if it has none).
  std::vector<const Type*> enumMemberLiterals(const ClassInfo* cls);
  // What `*arg` unpacks to when `arg` is a union of fixed tuples of one length: one tuple of
  // the members' elements joined position by position; null otherwise.
  const InstanceType* joinSameSizedTuples(const Type* type);
  // Calls a method found by name on `object` with already-typed arguments (operators, iter...).
  std::optional<const Type*> callMethod(ModuleTypes& mt, const Type* object, Name name,
                                        std::vector<const Type*> argTypes,
                                        const parser::Node* node);
  const Type* argumentType(ModuleTypes& mt, Argument& arg, const Type* expected);
  std::vector<Argument> argumentsOf(const parser::Call* call);

  // ---- constructors (Constructors.cpp)
  CallResult construct(ModuleTypes& mt, const ClassObjectType* cls, std::vector<Argument>& args,
                       const parser::Node* errorNode, const Type* expected);
  const Type* constructorSignature(const ClassObjectType* cls);

  // ---- special calls (SpecialCalls.cpp)
  std::optional<const Type*> specialCall(ModuleTypes& mt, const parser::Call* call,
                                         const Type* callee, const Type* expected);
  const Type* namedTupleFromCall(ModuleTypes& mt, const parser::Call* call, bool typedFields);
  // `type(name, bases, dict)`, or another metaclass from the stubs called with two or more
  // arguments: the new class the call makes, whose bases are the classes the tuple names (as
  // pyright builds it; the namespace is not looked at). Any when the name is not a str or the
  // bases are not a tuple; nullopt when the call is not such a call.
  std::optional<const Type*> classFromTypeCall(ModuleTypes& mt, const ClassObjectType* callee,
                                               std::vector<Argument>& args,
                                               const parser::Node* errorNode);
  // super() and super(C, obj): the class whose MRO is searched after it, and whether the
  // enclosing method reaches it through the class (a classmethod, __new__).
  struct SuperCall {
    const ClassInfo* cls = nullptr;
    bool classAccess = false;
    // super(C, obj): the class of obj, whose MRO is searched after C (the MRO of C itself when
    // obj's class is unknown or does not have C in its MRO).
    const ClassInfo* mroOf = nullptr;
  };
  // The classes searched by super(): `target.mroOf`'s MRO after `target.cls`, else the MRO of
  // `target.cls` after itself.
  std::vector<const Type*> superSearchOrder(const SuperCall& target);
  SuperCall superCall(ModuleTypes& mt, const parser::Call* call);
  // For `super().name`: the first class after the current one in its MRO that declares
  // `name` (as an instance, or a class object for class access); Unknown when only an
  // unresolved base could; nullopt when `call` is not super() or nothing declares it.
  std::optional<const Type*> superMemberOwner(ModuleTypes& mt, const parser::Call* call, Name name);
  // `super().name` for a method found on `owner` (what superMemberOwner gave), bound to the
  // enclosing method's `self` (or `cls`) rather than to `owner`, so the base's Self becomes the
  // caller's; null when `call` is not a plain super() in a method or `name` not a method.
  const Type* superMethodForSelf(ModuleTypes& mt, const parser::Call* call, const Type* owner,
                                 Name name);
  const Type* typeVarFromCall(ModuleTypes& mt, const parser::Call* call, TypeVarKind kind,
                              Name assignedName);
  void checkTypeVarCall(ModuleTypes& mt, const parser::Call* call, const TypeVarType& proto);

  // ---- TypedDicts (TypedDicts.cpp, TypedDictMethods.cpp)
  // `type` as an instance of a TypedDict class; null for anything else.
  const InstanceType* asTypedDict(const Type* type);
  // The items of a TypedDict instance, specialized by its type arguments.
  std::vector<TypedDictItem> typedDictItems(const InstanceType* td);
  void typedDictItemOf(ModuleTypes& mt, const parser::Expr* annotation, bool total,
                       TypedDictItem& item);
  void typedDictExtraOf(ModuleTypes& mt, parser::List<parser::Keyword*> keywords,
                        TypedDictSchema& schema);
  const Type* typedDictFromCall(ModuleTypes& mt, const parser::Call* call);
  // Gives a TypedDict class made by Shrike (the call form, Partial[...]) typing._TypedDict's
  // bases and MRO, as a class statement deriving from TypedDict would have.
  void publishSynthesizedTypedDictDetails(ClassInfo* info);
  bool typedDictEntriesFit(ModuleTypes& mt, const InstanceType* td,
                           std::span<const TypedDictEntry> entries, const parser::Node* errorNode,
                           bool reportErrors, std::string* why);
  // A dict display for an expected TypedDict (or a union holding some): the first TypedDict
  // its keys and values fit; null when none does.
  const Type* typedDictFromDisplay(ModuleTypes& mt, const parser::Dict* dict, const Type* expected);
  CallResult constructTypedDict(ModuleTypes& mt, const InstanceType* td,
                                std::vector<Argument>& args, const parser::Node* errorNode,
                                const Type* expected);
  // TD's items as keyword-only parameters (optional ones with defaults), then **kwargs of the
  // extra items' type when it declares some; all flagged ParamUnpackedKwargs.
  void appendTypedDictParams(const InstanceType* td, std::vector<Param>& params);
  // `td["key"]` with literal keys; null when the key is not a literal (read as a Mapping).
  const Type* typedDictSubscript(ModuleTypes& mt, const InstanceType* td,
                                 const parser::Subscript* sub);
  // `td["key"] = value` and `del td["key"]`: reports unknown, read-only and required keys.
  bool checkTypedDictStore(ModuleTypes& mt, const InstanceType* td, const parser::Subscript* sub,
                           const Type* value, parser::TextRange valueRange, bool isDelete);
  // A method whose signature depends on the items (get, setdefault, pop, update...), bound to
  // `td`; null for other names.
  const Type* typedDictMethod(const InstanceType* td, Name name);
  // What `update` takes: `td` with every key optional and read-only keys Never.
  const InstanceType* typedDictPartial(const InstanceType* td);
  // Every item optional and writable, and writable extra items: the dict methods apply
  // (clear, popitem, a `str` key).
  bool typedDictIsDictLike(const InstanceType* td);
  // isinstance(x, TD) / issubclass(x, TD): a TypedDict class has no runtime identity.
  void reportTypedDictClassCheck(ModuleTypes& mt, const parser::Expr* classes);
  // `**kwargs: Unpack[TD]`: appends TD's items to `params` as keyword-only parameters (flagged
  // ParamUnpackedKwargs); false when the annotation is something else.
  bool expandUnpackedKwargs(ModuleTypes& mt, const parser::Expr* annotation,
                            std::vector<Param>& params);
  // A call's `**td` arguments with a TypedDict type, replaced by one keyword argument per item
  // in `out`; false (and `out` untouched) when there is none.
  bool expandTypedDictArguments(ModuleTypes& mt, std::vector<Argument>& args,
                                std::vector<Argument>& out);

  // ---- expressions (Expressions.cpp)
  const Type* typeOf(ModuleTypes& mt, const parser::Expr* expr, const Type* expected = nullptr,
                     uint16_t flags = 0);
  const Type* computeType(ModuleTypes& mt, const parser::Expr* expr, const Type* expected,
                          uint16_t flags);
  const Type* typeOfName(ModuleTypes& mt, const parser::NameExpr* name, uint16_t flags);
  const Type* typeOfNameNoFlow(ModuleTypes& mt, const parser::NameExpr* name, bind::ScopeId scope);
  // A variable of an enclosing function read in a def or lambda within it: its narrowed type
  // where that def or lambda is evaluated, if nothing assigns it afterwards; null otherwise.
  const Type* capturedVariableType(ModuleTypes& mt, const bind::Reference& ref);
  const Type* typeOfList(ModuleTypes& mt, const parser::Expr* expr, const Type* expected);
  const Type* typeOfDict(ModuleTypes& mt, const parser::Dict* dict, const Type* expected);
  const Type* typeOfTuple(ModuleTypes& mt, const parser::Tuple* tuple, const Type* expected,
                          uint16_t flags);
  const Type* typeOfComprehension(ModuleTypes& mt, const parser::Expr* expr, const Type* expected);
  const Type* typeOfLambda(ModuleTypes& mt, const parser::Lambda* lambda, const Type* expected);
  const Type* typeOfAwait(ModuleTypes& mt, const parser::Await* await);
  const Type* typeOfYield(ModuleTypes& mt, const parser::Expr* yield);
  // The element type iterating over `iterable` gives (sync or async); reports not-iterable.
  // pyright words None as an Optional operand, except in an unpacking (`noneAsOptional`).
  const Type* iterate(ModuleTypes& mt, const Type* iterable, const parser::Node* node, bool isAsync,
                      bool report = true, bool noneAsOptional = true);
  const Type* awaitResult(ModuleTypes& mt, const Type* awaitable, const parser::Node* node);
  const Type* enterContext(ModuleTypes& mt, const Type* manager, const parser::Node* node,
                           bool isAsync);
  const Type* inferredDisplayEntry(const Type* entry);

  // ---- operators and subscripts (Operators.cpp)
  const Type* typeOfBinOp(ModuleTypes& mt, const parser::BinOp* op, const Type* expected);
  const Type* binaryOperation(ModuleTypes& mt, const Type* left, const Type* right,
                              parser::BinaryOperator op, const parser::Node* node, bool inplace);
  const Type* typeOfUnaryOp(ModuleTypes& mt, const parser::UnaryOp* op);
  const Type* typeOfCompare(ModuleTypes& mt, const parser::Compare* compare);
  const Type* typeOfBoolOp(ModuleTypes& mt, const parser::BoolOp* op, const Type* expected);
  const Type* typeOfSubscript(ModuleTypes& mt, const parser::Subscript* sub, const Type* expected,
                              uint16_t flags);
  // Whether reads of `base[literal]` take what the flow graph says (assignments, conditions).
  bool narrowsByIndex(const Type* base);
  const Type* subscriptValue(ModuleTypes& mt, const Type* base, const parser::Subscript* sub);
  const Type* literalMath(const Type* left, const Type* right, parser::BinaryOperator op);

  // ---- code flow (CodeFlow.cpp)
  // The type of reference `ref` at its flow node, starting from `startType` where no
  // assignment reaches (Unbound for a local name, the declared type of a member).
  const Type* flowType(ModuleTypes& mt, const bind::Reference& ref, const Type* startType,
                       const Type* declaredType);
  bool isFlowNodeReachable(ModuleTypes& mt, bind::FlowId flow);
  bool callIsNoReturn(ModuleTypes& mt, const parser::Call* call);

  // ---- narrowing (Narrowing.cpp)
  // `type` narrowed by `condition` being true (positive) or false, for the reference `key`;
  // null when the condition says nothing about it.
  const Type* narrowForCondition(ModuleTypes& mt, const Type* type, const parser::Expr* condition,
                                 bind::KeyId key, bool positive);
  const Type* narrowForPattern(ModuleTypes& mt, const Type* subject, const parser::Pattern* pattern,
                               bool positive);
  const Type* narrowIsInstance(const Type* type, const Type* classes, bool positive,
                               bool isSubclass);
  const Type* narrowTruthiness(const Type* type, bool positive);
  // `t[N] is None`, `t[N] == L`... narrowing `t`, a union of tuples (TupleNarrowing.cpp);
  // null when the comparison is not of that form.
  const Type* narrowTupleDiscriminant(ModuleTypes& mt, const Type* type,
                                      const parser::Subscript* subscript,
                                      parser::CompareOperator op, const parser::Expr* right,
                                      bool positive);
  // `len(t) == N`, `len(t) < N`... narrowing the tuples of `t` by their length
  // (TupleNarrowing.cpp); null when `right` is not a non-negative int literal.
  const Type* narrowTupleLength(ModuleTypes& mt, const Type* type, parser::CompareOperator op,
                                const parser::Expr* right, bool positive);
  bool canBeFalsy(const Type* type);
  bool canBeTruthy(const Type* type);
  const Type* narrowTypeForAssignment(const Type* declared, const Type* assigned);

  // ---- the check pass (check/Checker.cpp drives it)
  std::vector<Diagnostic> checkModule(const BoundModule& module);

  const BoundModule* moduleOfNode(const parser::Node* node);

private:
  ModuleProvider& provider_;
  EvaluatorOptions options_;
  TypeArena arena_;

  std::mutex classesMutex_;
  std::unordered_map<const parser::ClassDef*, ClassInfo*> classes_;
  std::array<std::atomic<const ClassInfo*>, static_cast<size_t>(KnownClass::Count_)> known_{};
  std::array<std::atomic<bool>, static_cast<size_t>(KnownClass::Count_)> knownLooked_{};
  std::mutex protocolMutex_;
  std::unordered_map<const ClassInfo*, std::vector<Name>> protocolMembers_;
  std::atomic<const BoundModule*> builtins_{nullptr};
  std::mutex typesMutex_;
  std::vector<std::unique_ptr<ModuleTypes>> moduleTypes_;
  // The class each NewType(...) or namedtuple(...) call made, one per call. Its ClassInfo
  // lives in arena_, so the table belongs to this evaluator: a process-wide one handed the
  // next session classes freed with this one (stubs' calls outlive sessions; check fuzzer).
  std::mutex synthesizedMutex_;
  std::unordered_map<const parser::Call*, ClassInfo*> synthesized_;
  // TypedDict schemas by class, and the TypedDict(...) call that made each functional one.
  std::mutex typedDictMutex_;
  std::unordered_map<const ClassInfo*, std::unique_ptr<TypedDictSchema>> typedDictSchemas_;
  std::unordered_map<const ClassInfo*, const parser::Call*> typedDictCalls_;
  std::unordered_map<const InstanceType*, const InstanceType*> typedDictPartials_;
  std::mutex dataclassMutex_;
  std::unordered_map<const ClassInfo*, std::unique_ptr<DataclassInfo>> dataclasses_;
  std::unordered_map<const ClassInfo*, bool> decoratedDataclass_;
  friend class EvaluatorFlowWalk;
};

// ---- memo with cycle detection -------------------------------------------------------------

template <class F>
const Type* EvaluatorImpl::memo(ModuleTypes& mt, MemoKey key, const Type* onCycle, F&& compute) {
  if (auto hit = mt.find(key)) return *hit;
  ThreadState& t = thread();
  if (!t.loops.empty() && t.incompleteModule == &mt && t.speculative == 0) {
    auto it = t.incomplete.find(key);
    if (it != t.incomplete.end() && it->second.generation == t.loopGeneration) {
      t.lowestLoop = std::min(t.lowestLoop, it->second.loopHit);
      return it->second.type;
    }
  }
  if (!t.provisional.empty()) {
    auto it = t.provisional.find({&mt, key});
    if (it != t.provisional.end()) {
      t.lowestCycle = std::min(t.lowestCycle, it->second.cycleAt);
      return it->second.type;
    }
  }
  for (size_t i = 0; i < t.stack.size(); ++i) {
    if (t.stack[i].module == &mt && t.stack[i].key == key) {
      t.lowestCycle = std::min(t.lowestCycle, i);
      return onCycle;
    }
  }
  // Too deep, or out of budget: give up on this path rather than risk the stack or the clock,
  // with what a cycle would give.
  if (t.stack.size() > InferenceBudget::maxDepth) {
    ++t.depthLimitHits;
    if (t.budget) {
      t.budget->noteDepthLimit();
      for (size_t i = t.stack.size(); i-- > 1 && t.cutReturns.size() < 16;) {
        const ThreadState::Frame& frame = t.stack[i];
        if (frame.key.kind != MemoKind::ReturnType) continue;
        t.cutReturns.push_back({const_cast<ModuleTypes*>(frame.module),
                                static_cast<const parser::Node*>(frame.key.ptr)});
        break;
      }
    }
    return onCycle;
  }
  if (t.budget && !t.budget->spend()) return onCycle;
  size_t index = t.stack.size();
  size_t savedLowest = t.lowestCycle;
  uint64_t depthHitsBefore = t.depthLimitHits;
  t.lowestCycle = SIZE_MAX;
  size_t savedLoop = t.lowestLoop;
  t.lowestLoop = SIZE_MAX;
  t.stack.push_back({&mt, key});
  // Only expressions depend on their context; a declaration, a return type, a flow result
  // is what it is wherever it was asked from: compute it as the checker would.
  int savedSpeculative = t.speculative;
  if (key.kind != MemoKind::Expression) t.speculative = 0;
  const Type* result = compute();
  t.speculative = savedSpeculative;
  t.stack.pop_back();
  size_t hit = t.lowestCycle;
  // A result that a limit cut short is partial, like one a cycle cut short: not recorded.
  bool complete =
      hit >= index && t.depthLimitHits == depthHitsBefore && !(t.budget && t.budget->exhausted());
  t.lowestCycle = std::min(savedLowest, complete ? SIZE_MAX : hit);
  size_t loopHit = t.lowestLoop;
  bool loopIncomplete = loopHit <= index;
  t.lowestLoop = std::min(savedLoop, loopHit);
  // Expression types depend on their context: speculative evaluation (an overload tried, a
  // lambda typed against a candidate) must not record them. Everything else is context-free.
  bool speculativeHere = key.kind == MemoKind::Expression && t.speculative > 0;
  // Provisional results that depended on this frame are no longer valid.
  if (t.provisionalByFrame.size() > index) {
    for (size_t f = index; f < t.provisionalByFrame.size(); ++f)
      for (const ThreadState::ProvisionalKey& k : t.provisionalByFrame[f]) t.provisional.erase(k);
    t.provisionalByFrame.resize(index);
  }
  if (!complete && hit < index && result && !speculativeHere && !loopIncomplete &&
      t.depthLimitHits == depthHitsBefore && !(t.budget && t.budget->exhausted())) {
    if (t.provisionalByFrame.size() <= hit) t.provisionalByFrame.resize(hit + 1);
    t.provisionalByFrame[hit].push_back({&mt, key});
    t.provisional[{&mt, key}] = {result, hit};
  }
  if (complete && result && !speculativeHere && !loopIncomplete) return mt.publish(key, result);
  if (complete && result && !speculativeHere && loopIncomplete && !t.loops.empty()) {
    if (t.incompleteModule != &mt) {
      t.incomplete.clear();
      t.incompleteModule = &mt;
    }
    t.incomplete[key] = {t.loopGeneration, result, loopHit};
  }
  return result;
}

} // namespace shrike::checker
