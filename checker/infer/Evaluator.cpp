// Evaluator: construction, per-module state, the memo's thread state, well-known classes and
// the TypeServices the types layer asks for.
#include "checker/infer/Evaluator.h"

#include <algorithm>
#include <atomic>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

// ---- ModuleTypes ---------------------------------------------------------------------------

void ModuleTypes::addDiagnostic(Diagnostic diagnostic) {
  uint64_t key = (static_cast<uint64_t>(diagnostic.range.start) << 32) ^
                 (static_cast<uint64_t>(diagnostic.range.end) << 12) ^
                 static_cast<uint64_t>(diagnostic.rule) ^
                 (std::hash<std::string>()(diagnostic.message) << 1);
  std::lock_guard lock(mutex_);
  if (!diagnosticKeys_.insert(key).second) return;
  diagnostics_.push_back(std::move(diagnostic));
}

std::vector<Diagnostic> ModuleTypes::takeDiagnostics() {
  std::lock_guard lock(mutex_);
  std::vector<Diagnostic> out;
  out.swap(diagnostics_);
  diagnosticKeys_.clear();
  return out;
}

// ---- EvaluatorImpl: infrastructure ---------------------------------------------------------

namespace {
std::atomic<uint64_t> evaluatorsMade{0};
} // namespace

EvaluatorImpl::EvaluatorImpl(ModuleProvider& provider, EvaluatorOptions options)
    : serial_(++evaluatorsMade), provider_(provider), options_(std::move(options)) {}

EvaluatorImpl::~EvaluatorImpl() {
  // Detach per-module state so a BoundModule outliving this evaluator does not point at it.
  for (auto& mt : moduleTypes_) mt->module.types.store(nullptr, std::memory_order_release);
}

EvaluatorImpl::ThreadState& EvaluatorImpl::thread() const {
  thread_local ThreadState state;
  if (state.evaluator != serial_) {
    state.incomplete.clear();
    state.incompleteModule = nullptr;
    state.evaluator = serial_;
  }
  return state;
}

ModuleTypes& EvaluatorImpl::typesOf(const BoundModule& module) {
  if (ModuleTypes* existing = module.types.load(std::memory_order_acquire)) return *existing;
  std::lock_guard lock(typesMutex_);
  if (ModuleTypes* existing = module.types.load(std::memory_order_acquire)) return *existing;
  moduleTypes_.push_back(std::make_unique<ModuleTypes>(module));
  module.types.store(moduleTypes_.back().get(), std::memory_order_release);
  return *moduleTypes_.back();
}

bool EvaluatorImpl::inProgress(const ModuleTypes* mt, const MemoKey& key) const {
  for (const auto& frame : thread().stack)
    if (frame.module == mt && frame.key == key) return true;
  return false;
}

bool EvaluatorImpl::isSpeculative() const {
  return thread().speculative > 0;
}

void EvaluatorImpl::report(ModuleTypes& mt, Rule rule, TextRange range, std::string message) {
  if (!mt.module.reportDiagnostics || isSpeculative()) return;
  if (mt.index.isUnreachable(range.start)) return;
  Diagnostic d;
  d.rule = rule;
  d.severity = ruleInfo(rule).defaultSeverity;
  d.range = range;
  d.message = std::move(message);
  mt.addDiagnostic(std::move(d));
}

const BoundModule* EvaluatorImpl::builtinsModule() {
  if (const BoundModule* b = builtins_.load(std::memory_order_acquire)) return b;
  const BoundModule* b = provider_.moduleNamed("builtins");
  builtins_.store(b, std::memory_order_release);
  return b;
}

const ClassInfo* EvaluatorImpl::classNamed(std::string_view moduleName, std::string_view name) {
  const BoundModule* module = provider_.moduleNamed(moduleName);
  if (!module) return nullptr;
  const Type* t = moduleMember(*module, intern(name));
  if (!t) return nullptr;
  if (auto co = t->as<ClassObjectType>())
    if (auto inst = co->instance->as<InstanceType>()) return inst->cls;
  return nullptr;
}

const ClassInfo* EvaluatorImpl::knownClass(KnownClass which) {
  size_t i = static_cast<size_t>(which);
  if (knownLooked_[i].load(std::memory_order_acquire))
    return known_[i].load(std::memory_order_acquire);
  const ClassInfo* cls = nullptr;
  switch (which) {
  case KnownClass::Object: cls = classNamed("builtins", "object"); break;
  case KnownClass::Type: cls = classNamed("builtins", "type"); break;
  case KnownClass::Int: cls = classNamed("builtins", "int"); break;
  case KnownClass::Float: cls = classNamed("builtins", "float"); break;
  case KnownClass::Complex: cls = classNamed("builtins", "complex"); break;
  case KnownClass::Bool: cls = classNamed("builtins", "bool"); break;
  case KnownClass::Str: cls = classNamed("builtins", "str"); break;
  case KnownClass::Bytes: cls = classNamed("builtins", "bytes"); break;
  case KnownClass::Bytearray: cls = classNamed("builtins", "bytearray"); break;
  case KnownClass::Memoryview: cls = classNamed("builtins", "memoryview"); break;
  case KnownClass::Tuple: cls = classNamed("builtins", "tuple"); break;
  case KnownClass::List: cls = classNamed("builtins", "list"); break;
  case KnownClass::Dict: cls = classNamed("builtins", "dict"); break;
  case KnownClass::Set: cls = classNamed("builtins", "set"); break;
  case KnownClass::Frozenset: cls = classNamed("builtins", "frozenset"); break;
  case KnownClass::Slice: cls = classNamed("builtins", "slice"); break;
  case KnownClass::Function: cls = classNamed("builtins", "function"); break;
  case KnownClass::NoneType: cls = classNamed("types", "NoneType"); break;
  case KnownClass::Ellipsis: cls = classNamed("builtins", "ellipsis"); break;
  case KnownClass::Module: cls = classNamed("types", "ModuleType"); break;
  case KnownClass::Property: cls = classNamed("builtins", "property"); break;
  case KnownClass::Coroutine: cls = classNamed("types", "CoroutineType"); break;
  case KnownClass::Generator: cls = classNamed("typing", "Generator"); break;
  case KnownClass::AsyncGenerator: cls = classNamed("typing", "AsyncGenerator"); break;
  case KnownClass::Awaitable: cls = classNamed("typing", "Awaitable"); break;
  case KnownClass::Iterable: cls = classNamed("typing", "Iterable"); break;
  case KnownClass::Iterator: cls = classNamed("typing", "Iterator"); break;
  case KnownClass::AsyncIterable: cls = classNamed("typing", "AsyncIterable"); break;
  case KnownClass::AsyncIterator: cls = classNamed("typing", "AsyncIterator"); break;
  case KnownClass::Mapping: cls = classNamed("typing", "Mapping"); break;
  case KnownClass::Sequence: cls = classNamed("typing", "Sequence"); break;
  case KnownClass::TypeAliasType: cls = classNamed("typing", "TypeAliasType"); break;
  case KnownClass::UnionType: cls = classNamed("types", "UnionType"); break;
  case KnownClass::BaseException: cls = classNamed("builtins", "BaseException"); break;
  case KnownClass::Count_: break;
  }
  if (!cls && which == KnownClass::NoneType) cls = classNamed("_typeshed", "NoneType");
  if (!cls && which == KnownClass::Coroutine) cls = classNamed("typing", "Coroutine");
  // Nor is a lookup that found nothing: typeshed declares every class here, so nothing means
  // a limit cut it short or the name was asked for while its own declaration was being
  // evaluated (a cycle: `print(1)` typing `object` before anything else did), and remembering
  // that would leave every later class without `object` in its MRO.
  if (!cls) return nullptr;
  known_[i].store(cls, std::memory_order_release);
  knownLooked_[i].store(true, std::memory_order_release);
  return cls;
}

const InstanceType* EvaluatorImpl::instanceOf(KnownClass which, std::span<const Type* const> args) {
  const ClassInfo* cls = knownClass(which);
  if (!cls) return nullptr;
  return arena_.instance(cls, args);
}

const InstanceType* EvaluatorImpl::tupleOf(std::span<const TupleElement> elements, bool unpacked) {
  return arena_.tuple(knownClass(KnownClass::Tuple), elements, unpacked);
}

const InstanceType* EvaluatorImpl::homogeneousTuple(const Type* element) {
  TupleElement e{element, true};
  return tupleOf({&e, 1});
}

const Type* EvaluatorImpl::literalInt(int64_t value) {
  const ClassInfo* cls = knownClass(KnownClass::Int);
  if (!cls) return unknown();
  return arena_.literal(cls, LiteralValue{LiteralKind::Int, value, {}});
}

const Type* EvaluatorImpl::literalStr(std::string_view value) {
  const ClassInfo* cls = knownClass(KnownClass::Str);
  if (!cls) return unknown();
  return arena_.literal(cls, LiteralValue{LiteralKind::Str, 0, value});
}

const Type* EvaluatorImpl::literalBool(bool value) {
  const ClassInfo* cls = knownClass(KnownClass::Bool);
  if (!cls) return unknown();
  return arena_.literal(cls, LiteralValue{LiteralKind::Bool, value ? 1 : 0, {}});
}

const Type* EvaluatorImpl::typingSymbol(std::string_view name) {
  const BoundModule* typing = provider_.moduleNamed("typing");
  if (!typing) return nullptr;
  return moduleMember(*typing, intern(name));
}

const ClassDetails& EvaluatorImpl::classDetails(const ClassInfo* cls) {
  if (const ClassDetails* d = cls->detailsIfKnown()) return *d;
  return computeClassDetails(cls);
}

const Type* EvaluatorImpl::inferredReturnType(const FunctionType* function) {
  if (function->returnType) return function->returnType;
  if (!function->decl || !function->module) return unknown();
  const BoundModule* module = static_cast<const BoundModule*>(function->module);
  ModuleTypes& mt = typesOf(*module);
  const Type* inferred = inferReturnType(mt, static_cast<const Node*>(function->decl));
  // A bound method of an unannotated function: `self` in the result means the bound object.
  if (function->boundTo) {
    if (const ClassInfo* cls = function->methodClass) {
      TypeVarSolution solution;
      solution.set(selfTypeVar(cls), instanceOfClassValue(function->boundTo));
      inferred = applySolution(inferred, solution, *this);
    }
  }
  return inferred;
}

const Type* EvaluatorImpl::memberTypeForProtocol(const Type* object, Name name) {
  if (name == names::dunderCall) {
    if (object->is<FunctionType>() || object->is<OverloadedType>()) return object;
    if (auto co = object->as<ClassObjectType>()) return constructorSignature(co);
  }
  return memberAccess(object, name);
}

std::span<const Name> EvaluatorImpl::protocolMembers(const ClassInfo* protocol) {
  {
    std::lock_guard lock(protocolMutex_);
    auto it = protocolMembers_.find(protocol);
    if (it != protocolMembers_.end()) return it->second;
  }
  std::vector<Name> members;
  const ClassDetails& details = classDetails(protocol);
  for (const Type* entry : details.mro) {
    auto inst = entry->as<InstanceType>();
    if (!inst) continue;
    const ClassDetails& d = classDetails(inst->cls);
    if (!d.has(ClassProtocol)) continue;
    std::string_view qn = inst->cls->qualifiedName;
    if (qn == "typing.Protocol" || qn == "typing.Generic" || qn == "builtins.object") continue;
    const BoundModule* module = moduleOfClass(inst->cls);
    auto def = static_cast<const ClassDef*>(inst->cls->decl);
    if (!module || !def) continue;
    bind::ScopeId scope = module->index->scopeOf(def);
    if (scope == bind::noId) continue;
    for (bind::SymbolId s : module->index->symbolsOf(scope)) {
      const bind::Symbol& symbol = module->index->symbol(s);
      if (!symbol.isScopeName() && !symbol.has(bind::SymbolInstanceMember)) continue;
      if (symbol.has(bind::SymbolImplicit)) continue;
      std::string_view text = symbol.name.text();
      // Names the protocol machinery itself defines are not requirements.
      if (text == "__slots__" || text == "__class_getitem__" || text == "__init__" ||
          text == "__new__" || text == "__module__" || text == "__qualname__" ||
          text == "__doc__" || text == "__annotations__" || text == "__dict__" ||
          text == "__weakref__" || text == "__parameters__" || text == "__abstractmethods__" ||
          text == "__protocol_attrs__" || text == "__non_callable_proto_members__" ||
          text == "__init_subclass__" || text == "__subclasshook__")
        continue;
      if (std::find(members.begin(), members.end(), symbol.name) == members.end())
        members.push_back(symbol.name);
    }
  }
  std::lock_guard lock(protocolMutex_);
  auto [it, inserted] = protocolMembers_.emplace(protocol, std::move(members));
  return it->second;
}

const BoundModule* EvaluatorImpl::moduleOfNode(const Node*) {
  return nullptr;
}

// ---- Evaluator (the public face) -------------------------------------------------------------

Evaluator::Evaluator(ModuleProvider& provider, EvaluatorOptions options)
    : impl_(std::make_unique<EvaluatorImpl>(provider, std::move(options))) {}
Evaluator::~Evaluator() = default;

TypeArena& Evaluator::arena() {
  return impl_->arena();
}
TypeServices& Evaluator::services() {
  return *impl_;
}

const Type* Evaluator::typeOfExpression(const BoundModule& module, const Expr* expr) {
  return impl_->typeOf(impl_->typesOf(module), expr);
}

const Type* Evaluator::typeOfDeclaration(const BoundModule& module, bind::DeclId decl) {
  return impl_->typeOfDeclaration(impl_->typesOf(module), decl);
}

const Type* Evaluator::declaredTypeOfSymbol(const BoundModule& module, bind::SymbolId symbol) {
  return impl_->declaredTypeOfSymbol(impl_->typesOf(module), symbol);
}

const Type* Evaluator::effectiveTypeOfSymbol(const BoundModule& module, bind::SymbolId symbol) {
  return impl_->effectiveTypeOfSymbol(impl_->typesOf(module), symbol);
}

std::string Evaluator::display(const Type* type) {
  return displayType(type, impl_.get());
}

std::vector<Diagnostic> Evaluator::checkModule(const BoundModule& module) {
  return impl_->checkModule(module);
}

bool Evaluator::callNeverReturns(const BoundModule& module, const Call* call) {
  return impl_->callIsNoReturn(impl_->typesOf(module), call);
}

} // namespace shrike::checker
